//! `slaudit presets`: the help-desk presets, and what a preset or mapping file
//! reads each ticket field from.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use slaudit::read::mapping::Mapping;

use crate::cli::{PresetsAction, PresetsArgs, SourceFormat};
use crate::exit;
use crate::export::table::new_table;

pub fn run(args: PresetsArgs) -> Result<ExitCode> {
    let mut out = String::new();
    match args.action.unwrap_or(PresetsAction::List) {
        PresetsAction::List => {
            let mut t = new_table(vec!["preset", "help desk", "file"]);
            for (name, file, _) in slaudit::shipped::PRESETS {
                let m = load(name)?;
                t.add_row(vec![
                    name.to_string(),
                    m.name.clone().unwrap_or_default(),
                    file.to_string(),
                ]);
            }
            outln!(out, "{t}");
            outln!(
                out,
                "Read an export with: slaudit audit --from PRESET ...; anything else through a mapping file: --map FILE (presets/README.md)."
            );
        }
        PresetsAction::Show { name } => {
            let m = load(&name)?;
            show(&m, &mut out);
        }
    }
    super::common::write_stdout(&out)?;
    Ok(ExitCode::from(exit::SUCCESS))
}

/// A shipped preset by name, else a mapping file by path.
fn load(name: &str) -> Result<Mapping> {
    let source = if slaudit::shipped::preset(name).is_some() {
        SourceFormat {
            from: Some(name.to_string()),
            map: None,
            sheet: None,
        }
    } else if std::path::Path::new(name).exists() {
        SourceFormat {
            from: None,
            map: Some(PathBuf::from(name)),
            sheet: None,
        }
    } else {
        anyhow::bail!(
            "unknown preset '{}' (shipped: {}), and no mapping file of that name",
            slaudit::text::clip(name),
            slaudit::shipped::preset_names()
        );
    };
    super::common::mapping(&source)?.ok_or_else(|| anyhow::anyhow!("no mapping"))
}

fn show(m: &Mapping, out: &mut String) {
    outln!(
        out,
        "{}{}",
        m.label,
        m.name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    );
    if let Some(p) = &m.preset {
        outln!(out, "starts from preset {p}");
    }
    let mut t = new_table(vec!["field", "read from", "format / words"]);
    for (field, from, format) in m.describe() {
        t.add_row(vec![field.to_string(), from, format]);
    }
    outln!(out, "{t}");
    let or = |v: Option<String>, d: &str| v.unwrap_or_else(|| d.to_string());
    outln!(
        out,
        "time zone of times without an offset: {}",
        or(
            m.timezone.map(|z| z.name().to_string()),
            "--input-tz, else the contract's"
        )
    );
    outln!(
        out,
        "delimiter: {}",
        or(
            m.delimiter.map(|d| match d {
                b'\t' => "TAB".to_string(),
                d => format!("'{}'", d as char),
            }),
            "sniffed from the first lines"
        )
    );
    outln!(
        out,
        "encoding: {}",
        m.encoding.map_or("UTF-8", |e| e.name())
    );
    outln!(
        out,
        "header: {}",
        or(
            m.header_row.map(|r| format!("row {r}")),
            "the first row holding the id, created_at and priority columns"
        )
    );
    if let Some(f) = &m.footer {
        outln!(out, "footer: data ends at a row starting with '{f}'");
    }
    if !m.empty.is_empty() {
        outln!(out, "read as no value: {}", m.empty.join(", "));
    }
    if let Some(v) = &m.verdicts {
        let how = if v.signed {
            "signed remainders, below zero breached".to_string()
        } else {
            format!(
                "met: {}; breached: {}",
                v.met.join(", "),
                v.breached.join(", ")
            )
        };
        outln!(
            out,
            "help desk verdicts (--reconcile): response '{}', resolution '{}' ({how})",
            v.response.as_deref().unwrap_or("-"),
            v.resolution.as_deref().unwrap_or("-")
        );
    }
    let (ticket, at, word) = m.event_columns();
    match m.event_statuses().map(|_| &m.status_words) {
        Some(statuses) => {
            let pauses: Vec<String> = statuses
                .iter()
                .map(|(w, k)| format!("{w} = {}", k.key()))
                .collect();
            outln!(
                out,
                "status history (--events): columns '{ticket}', '{at}', '{word}'; {}; any other status resumes",
                pauses.join(", ")
            );
        }
        None => outln!(
            out,
            "events (--events): columns '{ticket}', '{at}', '{word}' (update, pause, resume)"
        ),
    }
    if let Some(e) = &m.sla_export {
        outln!(
            out,
            "SLA export (--sla-export): '{}', '{}', '{}', '{}'; response SLAs named with {}; stages {}",
            e.ticket,
            e.sla,
            e.stage,
            e.end,
            e.response.join(", "),
            e.completed.join(", ")
        );
    }
    for s in &m.sources {
        outln!(out, "source: {s}");
    }
}
