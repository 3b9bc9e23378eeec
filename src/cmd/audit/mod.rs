//! `slaudit audit`: stream a tickets CSV through the per-ticket audit.
//!
//! Here: flag resolution and the run's order. [`pipeline`] reads, audits and
//! writes the rows; [`judge`] holds what judges a row and the run's warnings;
//! [`rows`] collects bad rows; [`inputs`] reads the events file, the contacts
//! list and counts the tickets for the quotas.

mod inputs;
mod judge;
mod pipeline;
mod rows;

use std::io::BufWriter;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use slaudit::audit::repeated::RepeatedIds;
use slaudit::audit::Auditor;
use slaudit::localtime::{format_rfc3339, parse_timestamp};

use super::common::ticket_reader;
use crate::cli::{AuditArgs, Format};
use crate::exit;
use crate::export::{
    CsvFormat, JsonFormat, JsonlFormat, Layout, RowFormat, TableExporter, TimeWriter,
};
use inputs::{quota_book, quota_inputs, read_contacts, read_events, read_sla_export};
use judge::{warnings, Judge};
use pipeline::{sequential, stream};
use rows::BadRows;
use slaudit::audit::TicketAudit;

pub fn run(args: AuditArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    Ok(match execute(&args, contracts_dir, None)? {
        Ran::Exit(code) => code,
        Ran::Collected(_) => ExitCode::from(exit::SUCCESS),
    })
}

/// A run that keeps what `report` shows of each ticket instead of writing
/// rows: `report` judges a month's tickets this way.
pub(crate) struct Collect {
    /// Only tickets created in this month (in the contract's zone) are judged
    /// and counted; the others are counted apart (`Summary::outside_period`).
    pub month: slaudit::month::Month,
    /// When the report is made: open tickets are judged as of the earlier of
    /// this and the month's end.
    pub made_at: i64,
}

/// The output of a collecting run: no rows.
struct NoRows;

impl RowFormat for NoRows {
    fn begin(&self, _: &Layout<'_>, _: &mut Vec<u8>) -> Result<()> {
        Ok(())
    }
    fn row(&self, _: &Layout<'_>, _: &TicketAudit, _: &mut Vec<u8>, _: &mut TimeWriter) {}
    fn end(
        &self,
        _: &Layout<'_>,
        _: &slaudit::audit::Summary,
        _: &[String],
        _: &mut Vec<u8>,
    ) -> Result<()> {
        Ok(())
    }
    fn summary_on_stderr(&self) -> bool {
        false
    }
}

/// What a collected run gives back.
pub(crate) struct Collected {
    pub contract: slaudit::contract::Contract,
    pub summary: slaudit::audit::Summary,
    /// Each ticket's breaches, missed reports and targets set aside, in input
    /// order.
    pub notables: Vec<slaudit::report::Notable>,
    pub warnings: Vec<String>,
    pub file_name: String,
    /// Bad rows of the tickets and of the events file (listed as invalid with
    /// `--keep-going`; otherwise the run ends in [`Ran::Exit`]).
    pub bad_rows: u64,
    pub bad_event_rows: u64,
    /// Rows of the events file (good and bad), when the run has one.
    pub events_read: Option<u64>,
    pub fee: Option<slaudit::money::Fee>,
    pub plan: Option<usize>,
    pub input_tz: chrono_tz::Tz,
    /// The instant open tickets were judged at.
    pub as_of: i64,
}

pub(crate) enum Ran {
    Exit(ExitCode),
    Collected(Box<Collected>),
}

pub(crate) fn execute(
    args: &AuditArgs,
    contracts_dir: Option<&Path>,
    collect: Option<Collect>,
) -> Result<Ran> {
    let contract = super::common::contract(&args.sel.contract, contracts_dir)?;
    let fee = super::common::fee(&args.fee)?;
    let quota_inputs = quota_inputs(args)?;
    let warn_at = args
        .warn_at
        .as_deref()
        .map(|s| {
            s.trim()
                .parse::<rust_decimal::Decimal>()
                .ok()
                .filter(|p| {
                    *p >= rust_decimal::Decimal::ZERO && *p <= rust_decimal::Decimal::from(100)
                })
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "--warn-at: '{}' is not a percentage from 0 to 100",
                        slaudit::text::clip(s)
                    )
                })
        })
        .transpose()?;
    // (A report also uses the fee for service credits.)
    if fee.is_some()
        && collect.is_none()
        && slaudit::audit::penalty::PenaltyTally::new(&contract).is_none()
    {
        eprintln!(
            "warning: contract {} attaches no penalty to its targets; --fee is not used",
            contract.key
        );
    }
    let default_plan = super::common::plan_arg(&contract, args.sel.plan.as_deref())?;
    let mapping = super::common::mapping(&args.source)?;
    let input_tz = match (&args.tz.input_tz, mapping.as_ref().and_then(|m| m.timezone)) {
        (None, Some(tz)) => tz,
        (flag, _) => super::common::input_tz(&contract, flag.as_deref())?,
    };
    let as_of = match (&collect, &args.as_of) {
        (Some(c), _) => c.made_at.min(c.month.end(contract.tz)),
        (None, Some(s)) if !s.trim().eq_ignore_ascii_case("now") => {
            parse_timestamp(s, input_tz).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?
        }
        _ => chrono::Utc::now().timestamp(),
    };
    let (input, file_name) =
        super::common::open_input(&args.file, "tickets", args.source.sheet.as_deref())?;
    let reader = ticket_reader(input, &file_name, mapping.as_ref(), input_tz)?;
    let cols = reader.format();
    if !cols.has_plan() && default_plan.is_none() && contract.plans.len() > 1 {
        bail!(
            "contract {} has several plans ({}): give --plan or a plan column",
            contract.key,
            contract.plan_keys()
        );
    }
    let contacts = match &args.entitlements.contacts {
        Some(path) => Some(read_contacts(path)?),
        None => None,
    };
    let auditor = Auditor {
        contract: &contract,
        default_plan,
        input_tz,
        as_of,
        contacts: contacts.as_ref(),
    };
    // The events file and the quota pass over the tickets file are read at
    // the same time: neither needs the other.
    let mut bad_events = BadRows::new("");
    let (events, quotas) = std::thread::scope(|scope| {
        let quotas =
            scope.spawn(|| quota_book(&contract, args, quota_inputs, &auditor, mapping.as_ref()));
        let events = match &args.events {
            None => Ok(None),
            Some(path) => read_events(
                path,
                &file_name,
                input_tz,
                mapping.as_ref(),
                &mut bad_events,
            )
            .map(Some),
        };
        let quotas = quotas
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (events, quotas)
    });
    let (events, quotas) = (events?, quotas?);
    let responses = match read_sla_export(args, mapping.as_ref(), input_tz)? {
        Ok(r) => r,
        Err(bad) => {
            bad.report_rows(&BadRows::new(""))?;
            return Ok(Ran::Exit(ExitCode::from(exit::BAD_INPUT)));
        }
    };
    let judge = Judge {
        auditor: &auditor,
        events: events.as_ref(),
        quotas: quotas.as_ref(),
        responses: responses.as_ref(),
        warn_at,
        period: collect
            .as_ref()
            .map(|c| (c.month.start(contract.tz), c.month.end(contract.tz))),
        collect: collect
            .as_ref()
            .map(|_| slaudit::report::Collector::new(&contract, as_of)),
    };
    if args.reconcile && !reader.format().has_verdicts() {
        anyhow::bail!(
            "--reconcile: {file_name} is read {}, which names no column of the help desk's own verdicts ([verdicts])",
            mapping.as_ref().map_or("in slaudit's own format".to_string(), |m| format!("through {}", m.label))
        );
    }
    let mut layout = Layout::with_reconcile(&contract, args.reconcile);
    layout.fee = fee.clone();
    let as_of_text = format_rfc3339(contract.tz, as_of);
    if collect.is_some() {
        let mut bad = BadRows::of(&file_name, reader.format());
        let mut repeated = RepeatedIds::default();
        let streamed = stream(
            reader,
            &judge,
            &layout,
            &NoRows,
            std::io::sink(),
            (&mut bad, &mut bad_events, &mut repeated),
            args,
        )?;
        if bad.count + bad_events.count > 0 && !args.rows.keep_going {
            bad.report_rows(&bad_events)?;
            return Ok(Ran::Exit(ExitCode::from(exit::BAD_INPUT)));
        }
        let events_read = events.as_ref().map(|e| (e.len() + bad_events.count) as u64);
        // The quota book borrows the contract, which is handed back.
        drop(quotas);
        let (bad_rows, bad_event_rows) = (bad.count as u64, bad_events.count as u64);
        return Ok(Ran::Collected(Box::new(Collected {
            contract,
            summary: streamed.summary,
            notables: streamed.notables,
            warnings: streamed.warnings,
            file_name,
            bad_rows,
            bad_event_rows,
            events_read,
            fee,
            plan: default_plan,
            input_tz,
            as_of,
        })));
    }
    let to = args.output.path.as_deref();
    let format = args
        .format
        .unwrap_or(if super::common::output_is_terminal(to) {
            Format::Table
        } else {
            Format::Csv
        });
    let out = BufWriter::with_capacity(1 << 16, super::common::output(to)?);
    let mut bad = BadRows::of(&file_name, reader.format());
    let mut repeated = RepeatedIds::default();
    let summary = match format {
        Format::Table => {
            let mut table = TableExporter::new(
                out,
                &layout,
                (as_of, as_of_text),
                super::common::colour(to),
                super::common::terminal_width(to),
            );
            let mut summary = sequential(
                reader,
                &judge,
                (&mut bad, &mut bad_events, &mut repeated),
                args.rows.keep_going,
                |t| table.row(&layout, t),
            )?;
            summary.quotas = judge.quota_lines();
            // The valid rows are printed even when the run fails on bad rows,
            // as CSV and JSON do; standard error then holds only the bad rows.
            let failing = bad.count + bad_events.count > 0 && !args.rows.keep_going;
            let warnings = if !args.rows.warnings() || failing {
                Vec::new()
            } else {
                warnings(&contract, &summary, &judge, (&bad_events, &repeated), args)
            };
            table.finish(&layout, &summary, &warnings, args.rows.assumptions())?;
            summary
        }
        Format::Csv => {
            stream(
                reader,
                &judge,
                &layout,
                &CsvFormat,
                out,
                (&mut bad, &mut bad_events, &mut repeated),
                args,
            )?
            .summary
        }
        Format::Jsonl => {
            stream(
                reader,
                &judge,
                &layout,
                &JsonlFormat,
                out,
                (&mut bad, &mut bad_events, &mut repeated),
                args,
            )?
            .summary
        }
        Format::Json => {
            stream(
                reader,
                &judge,
                &layout,
                &JsonFormat { as_of: as_of_text },
                out,
                (&mut bad, &mut bad_events, &mut repeated),
                args,
            )?
            .summary
        }
    };

    if bad.count + bad_events.count > 0 && !args.rows.keep_going {
        bad.report_rows(&bad_events)?;
        return Ok(Ran::Exit(ExitCode::from(exit::BAD_INPUT)));
    }
    if args.rows.keep_going && bad.count > 0 && args.rows.warnings() {
        eprintln!(
            "warning: {} invalid row(s) in {file_name}, shown with status invalid",
            bad.count
        );
    }
    if args.fail_on_breach && summary.any_breach() {
        return Ok(Ran::Exit(ExitCode::from(exit::BREACH)));
    }
    if args.fail_on_risk && summary.any_risk() {
        return Ok(Ran::Exit(ExitCode::from(exit::RISK)));
    }
    Ok(Ran::Exit(ExitCode::from(exit::SUCCESS)))
}
