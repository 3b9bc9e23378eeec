//! `slaudit audit`: stream a tickets CSV through the per-ticket audit.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use slaudit::audit::{Auditor, Summary, TicketAudit};
use slaudit::contract::{Contract, TargetKind, TargetStatus};
use slaudit::localtime::{format_rfc3339, parse_timestamp};
use slaudit::tickets::{InputError, TicketReader};

use crate::cli::{AuditArgs, Format};
use crate::exit;
use crate::export::{CsvExporter, Exporter, JsonExporter, JsonlExporter, Layout, TableExporter};

/// Bad rows listed on standard error before the rest are only counted.
const MAX_LISTED: usize = 20;

pub fn run(args: AuditArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let contract = super::contract(&args.contract, contracts_dir)?;
    let default_plan = super::plan_arg(&contract, args.plan.as_deref())?;
    let input_tz = super::input_tz(&contract, args.input_tz.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => parse_timestamp(s, input_tz).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?,
        None => chrono::Utc::now().timestamp(),
    };
    let file_name = args.file.display().to_string();
    let input: Box<dyn Read> = if file_name == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            File::open(&args.file)
                .with_context(|| format!("cannot read tickets file '{file_name}'"))?,
        )
    };
    let mut reader = TicketReader::new(input).map_err(|e| match e {
        InputError::Empty => anyhow::anyhow!("{file_name}: {e}"),
        _ => anyhow::anyhow!("{file_name}:{}", e.to_string().trim_start_matches("line ")),
    })?;
    let cols = *reader.columns();
    if cols.plan.is_none() && default_plan.is_none() && contract.plans.len() > 1 {
        bail!(
            "contract {} has several plans ({}): give --plan or a plan column",
            contract.key,
            contract.plan_keys()
        );
    }

    let auditor = Auditor {
        contract: &contract,
        default_plan,
        input_tz,
        as_of,
    };
    let layout = Layout::new(&contract);
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Csv
    });
    let as_of_text = format_rfc3339(contract.tz, as_of);
    let mut exporter: Box<dyn Exporter> = match format {
        Format::Table => Box::new(TableExporter::new(out, &layout, as_of_text.clone())),
        Format::Csv => Box::new(CsvExporter::new(out, &layout, args.quiet)?),
        Format::Json => Box::new(JsonExporter::new(out, &layout, &as_of_text)?),
        Format::Jsonl => Box::new(JsonlExporter::new(out, args.quiet)),
    };

    let mut summary = Summary::new(&contract);
    let mut bad: Vec<String> = Vec::new();
    let mut bad_count = 0usize;
    while let Some((line, ticket)) = reader.next_ticket(&auditor) {
        summary.add(&ticket);
        if ticket.error.is_some() {
            note_bad(&mut bad, &mut bad_count, &file_name, line, &ticket);
            if !args.keep_going {
                continue;
            }
        }
        exporter.row(&layout, &ticket)?;
    }

    let warnings = warnings(&contract, &summary);
    if !bad.is_empty() && !args.keep_going {
        // Nothing more is written to standard output: the run failed.
        drop(exporter);
        report_bad(&bad, bad_count)?;
        return Ok(ExitCode::from(exit::BAD_INPUT));
    }
    exporter.finish(&layout, &summary, if args.quiet { &[] } else { &warnings })?;
    if args.keep_going && bad_count > 0 && !args.quiet {
        eprintln!("warning: {bad_count} invalid row(s) in {file_name}, shown with status invalid");
    }
    if args.fail_on_breach && summary.any_breach() {
        return Ok(ExitCode::from(exit::BREACH));
    }
    Ok(ExitCode::from(exit::SUCCESS))
}

fn note_bad(bad: &mut Vec<String>, count: &mut usize, file: &str, line: u64, t: &TicketAudit) {
    *count += 1;
    if bad.len() < MAX_LISTED {
        if let Some(e) = &t.error {
            let col = if e.column == "row" {
                String::new()
            } else {
                format!(" column '{}':", e.column)
            };
            let id = if t.id.is_empty() {
                String::new()
            } else {
                format!(" (ticket {})", t.id)
            };
            bad.push(format!("{file}:{line}:{col} {}{id}", e.message));
        }
    }
}

fn report_bad(bad: &[String], count: usize) -> Result<()> {
    let mut err = io::stderr().lock();
    for b in bad {
        writeln!(err, "slaudit: error: {b}")?;
    }
    if count > bad.len() {
        writeln!(
            err,
            "slaudit: error: ... and {} more bad row(s)",
            count - bad.len()
        )?;
    }
    writeln!(
        err,
        "slaudit: error: {count} bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid"
    )?;
    Ok(())
}

/// One line per kind of missing figure that affected this run.
fn warnings(c: &Contract, summary: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    let unpublished = c.unpublished();
    let no_target: u64 = (0..3).map(|k| summary.total(k).no_target).sum();
    if !unpublished.is_empty() && no_target > 0 {
        let mut parts: Vec<String> = Vec::new();
        for kind in TargetKind::ALL {
            let clauses: Vec<&str> = unpublished
                .iter()
                .filter(|t| t.kind == kind && t.status == TargetStatus::NotPublished)
                .map(|t| t.clause.as_str())
                .collect();
            if !clauses.is_empty() {
                parts.push(format!("{} ({})", kind.label(), clauses.join("; ")));
            }
        }
        let plans: Vec<&str> = c
            .plans
            .iter()
            .filter(|p| p.status == slaudit::contract::PlanStatus::NotPublished)
            .map(|p| p.key.as_str())
            .collect();
        let hours = if plans.is_empty() {
            String::new()
        } else {
            format!("; business hours of plans {}", plans.join(", "))
        };
        out.push(format!(
            "contract {} does not publish these targets: {}{hours}; affected tickets show no_target (supply the figures in a copy of the contract file and pass it with --contract)",
            c.key,
            parts.join(", ")
        ));
    }
    out
}
