//! `slaudit contracts`: list, show and check contracts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use slaudit::shipped;

use crate::cli::{ContractsAction, ContractsArgs};
use crate::exit;
use crate::export::table::new_table;

mod show;
use show::show;

pub fn run(args: ContractsArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    match args.action.unwrap_or(ContractsAction::List) {
        ContractsAction::List => list(contracts_dir),
        ContractsAction::Show { name } => {
            let c = super::common::contract(&name, contracts_dir)?;
            let mut out = String::new();
            show(&c, &mut out);
            super::common::write_stdout(&out)?;
            Ok(ExitCode::from(exit::SUCCESS))
        }
        ContractsAction::Check { files } => check(&files, contracts_dir),
    }
}

fn list(contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let mut out = String::new();
    let out = &mut out;
    let mut t = new_table(vec!["contract", "name", "plans", "time zone", "from"]);
    // A directory's contract replaces the shipped one of the same key, as
    // `--contract KEY` does.
    let mut found: Vec<(String, super::common::Located)> = Vec::new();
    if let Some(dir) = contracts_dir {
        for d in super::common::dir_contracts(dir)? {
            let from = d.path.display().to_string();
            found.push((
                from.clone(),
                super::common::Located {
                    file: from,
                    text: d.text,
                    dir: Some(dir.to_path_buf()),
                },
            ));
        }
    }
    let overridden: Vec<String> = found
        .iter()
        .filter_map(|(_, l)| slaudit::contract::load::contract_key(&l.text, &l.file).ok())
        .map(|k| slaudit::text::fold(&k))
        .collect();
    for (k, file, text) in shipped::CONTRACTS {
        if !overridden.iter().any(|o| o == k) {
            found.push((
                "shipped".to_string(),
                super::common::Located {
                    file: file.to_string(),
                    text: text.to_string(),
                    dir: None,
                },
            ));
        }
    }
    let mut rows = Vec::new();
    let mut failed = false;
    for (from, loc) in found {
        match super::common::load(&loc, contracts_dir) {
            Ok(c) => {
                let plans: Vec<&str> = c.plans.iter().map(|p| p.key.as_str()).collect();
                rows.push(vec![
                    c.key.clone(),
                    c.name.clone(),
                    plans.join(", "),
                    c.tz.name().to_string(),
                    from,
                ]);
            }
            Err(e) => {
                failed = true;
                eprintln!("slaudit: error: {e:#}");
            }
        }
    }
    rows.sort_by_key(|r| slaudit::text::fold(&r[0]));
    for r in rows {
        t.add_row(r);
    }
    outln!(out, "{t}");
    super::common::write_stdout(out)?;
    Ok(ExitCode::from(if failed {
        exit::BAD_INPUT
    } else {
        exit::SUCCESS
    }))
}

fn check(files: &[std::path::PathBuf], contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let mut out = String::new();
    let out = &mut out;
    let mut failed = false;
    for f in files {
        let name = f.display().to_string();
        let loc = match super::common::read_text(f, "contract") {
            Ok(text) => super::common::Located {
                file: name.clone(),
                text,
                dir: f.parent().map(Path::to_path_buf),
            },
            Err(e) => {
                failed = true;
                eprintln!("slaudit: error: {e:#}");
                continue;
            }
        };
        match super::common::load(&loc, contracts_dir) {
            Ok(c) => outln!(
                out,
                "{name}: ok (contract {}, {}{} plans, {} priorities, {} targets)",
                c.key,
                c.provenance
                    .files
                    .get(1)
                    .map_or(String::new(), |f| format!("extends {f}, ")),
                c.plans.len(),
                c.priorities.len(),
                c.targets.len()
            ),
            Err(errs) => {
                failed = true;
                for e in errs.0 {
                    eprintln!("slaudit: error: {e}");
                }
            }
        }
    }
    super::common::write_stdout(out)?;
    Ok(ExitCode::from(if failed {
        exit::BAD_INPUT
    } else {
        exit::SUCCESS
    }))
}
