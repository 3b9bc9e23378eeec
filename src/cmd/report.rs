//! `slaudit report`: one month's audit and availability as one document.
//!
//! The tickets go through the audit's own run (the same judge, the same
//! workers), restricted to the month and kept in memory only where a ticket
//! has something to show (a breach, missed reports, a target set aside); the
//! outages go through `uptime`'s computation for the month. [`slaudit::report`]
//! gathers both; the exporters render the result.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use slaudit::availability::report::{evaluate, Month, Options};
use slaudit::localtime::{format_rfc3339, parse_timestamp};
use slaudit::report::{self as model, OutageInputs, SourceFile};

use super::audit::{execute, Collect, Ran};
use crate::cli::{AuditArgs, OutputArg, ReportArgs, ReportFormat};
use crate::exit;

pub fn run(args: ReportArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let contract = super::common::contract(&args.sel.contract, contracts_dir)?;
    let tz = contract.tz;
    let month = Month::parse(&args.month).map_err(|e| anyhow::anyhow!("--month: {e}"))?;
    let input_tz = super::common::input_tz(&contract, args.tz.input_tz.as_deref())?;
    let made_at = match &args.as_of {
        Some(s) if !s.trim().eq_ignore_ascii_case("now") => {
            parse_timestamp(s, input_tz).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?
        }
        _ => chrono::Utc::now().timestamp(),
    };
    let from = month.start(tz);
    if made_at <= from {
        bail!(
            "--as-of: {} is not after the start of {month} ({}): the month has not begun",
            format_rfc3339(tz, made_at),
            format_rfc3339(tz, from)
        );
    }
    if args.compare_plan.is_some() {
        super::common::plan_arg(&contract, args.compare_plan.as_deref())?;
    }

    let here = match month_report(
        &args,
        &args.sel.contract,
        args.sel.plan.as_deref(),
        contracts_dir,
        (month, made_at),
    )? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let comparison = match (&args.compare_plan, &args.compare_contract) {
        (Some(plan), _) => Some((
            args.sel.contract.as_str(),
            Some(plan.as_str()),
            format!("plan {plan}"),
        )),
        (None, Some(other)) => Some((
            other.as_str(),
            args.sel.plan.as_deref(),
            format!("contract {other}"),
        )),
        _ => None,
    };
    let mut report = here;
    if let Some((contract_name, plan, label)) = comparison {
        let there = match month_report(&args, contract_name, plan, contracts_dir, (month, made_at))?
        {
            Ok(r) => r,
            Err(code) => return Ok(code),
        };
        report.comparison = Some(model::compare(&report, &there, label));
    }

    let to_path = args.output.path.as_deref();
    let mut out = std::io::BufWriter::new(super::common::output(to_path)?);
    match args.format {
        ReportFormat::Json => crate::export::report::json(&mut out, &report)?,
        ReportFormat::Markdown => crate::export::report::markdown(&mut out, &report)?,
        ReportFormat::Html => crate::export::report::html(&mut out, &report)?,
    }
    out.flush()?;
    Ok(ExitCode::from(exit::SUCCESS))
}

/// The report of one set of terms (the contract and plan asked for, or those
/// of the comparison); `Err` with the exit code when the inputs have bad rows.
fn month_report(
    args: &ReportArgs,
    contract_name: &str,
    plan: Option<&str>,
    contracts_dir: Option<&Path>,
    (month, made_at): (Month, i64),
) -> Result<Result<model::Report, ExitCode>> {
    let mut sel = args.sel.clone();
    sel.contract = contract_name.to_string();
    sel.plan = plan.map(str::to_string);
    let audit_args = AuditArgs {
        sel,
        file: args.tickets.clone(),
        // The run judges open tickets as of the month's end, or `made_at`.
        as_of: None,
        format: None,
        output: OutputArg { path: None },
        tz: args.tz.clone(),
        rows: args.rows.clone(),
        fail_on_breach: false,
        warn_at: None,
        fail_on_risk: false,
        fee: args.fee.clone(),
        events: args.events.clone(),
        entitlements: args.entitlements.clone(),
        source: args.source.clone(),
        sla_export: None,
        reconcile: false,
    };
    let ran = execute(&audit_args, contracts_dir, Some(Collect { month, made_at }))?;
    let run = match ran {
        Ran::Exit(code) => return Ok(Err(code)),
        Ran::Collected(run) => run,
    };
    let mut sources = vec![SourceFile {
        role: "tickets".to_string(),
        file: run.file_name.clone(),
        rows: run.summary.rows + run.summary.outside_period,
        rejected: run.bad_rows,
        outside_month: Some(run.summary.outside_period),
    }];
    if let (Some(path), Some(n)) = (&args.events, run.events_read) {
        sources.push(SourceFile {
            role: "events".to_string(),
            file: path.display().to_string(),
            rows: n,
            rejected: run.bad_event_rows,
            outside_month: None,
        });
    }

    // Outages, as `uptime --month` computes them.
    let contract = &run.contract;
    let outages = match &args.outages {
        None => None,
        Some(path) => {
            let Some(av) = contract.availability.as_ref() else {
                bail!(
                    "--outages: contract {} has no [availability] section: it states no uptime or credit terms",
                    contract.key
                );
            };
            let (rows, file_name) =
                super::uptime::read_outages(path, None, (contract, av), run.input_tz, None)?;
            let bad: Vec<_> = rows.iter().filter(|r| r.error.is_some()).collect();
            if !bad.is_empty() && !args.rows.keep_going {
                super::uptime::report_bad(&file_name, &bad)?;
                return Ok(Err(ExitCode::from(exit::BAD_INPUT)));
            }
            sources.push(SourceFile {
                role: "outages".to_string(),
                file: file_name,
                rows: rows.len() as u64,
                rejected: bad.len() as u64,
                outside_month: None,
            });
            // Each product has its own fee: amounts only for one product.
            let fee = run.fee.clone().filter(|_| av.products.len() <= 1);
            let opts = Options {
                month: Some(month),
                plan: run.plan,
                product: None,
                fee: fee.clone(),
            };
            let uptime =
                evaluate(contract, av, &rows, &opts).map_err(|e| anyhow::anyhow!("--fee: {e}"))?;
            Some((rows, uptime, fee))
        }
    };
    let report = model::build(model::Inputs {
        contract: &run.contract,
        plan: run.plan,
        month,
        judged_as_of: run.as_of,
        made_at,
        summary: &run.summary,
        notables: run.notables,
        warnings: run.warnings,
        sources,
        fee: run.fee.as_ref(),
        outages: outages.as_ref().and_then(|(rows, uptime, fee)| {
            Some(OutageInputs {
                availability: run.contract.availability.as_ref()?,
                report: uptime,
                rows,
                fee: fee.as_ref(),
            })
        }),
    })
    .map_err(|e| anyhow::anyhow!("--fee: {e}"))?;
    let mut report = report;
    if let Some((_, uptime, _)) = &outages {
        report.warnings.extend(uptime.warnings.iter().cloned());
    }
    Ok(Ok(report))
}
