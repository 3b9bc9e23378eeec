//! `slaudit uptime`: availability, excused maintenance, exclusions and credits per month.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use slaudit::availability::report::{evaluate, Month, Options};
use slaudit::read::outages::{InputError, OutageReader, OutageRow, RowParser};

use crate::cli::{UptimeArgs, UptimeFormat};
use crate::exit;
use crate::export::uptime::{write_csv, write_json, write_table, View};

/// Bad rows listed on standard error before the rest are only counted.
const MAX_LISTED: usize = 20;

pub fn run(args: UptimeArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let contract = super::common::contract(&args.sel.contract, contracts_dir)?;
    let Some(av) = contract.availability.as_ref() else {
        bail!(
            "contract {} has no [availability] section: it states no uptime or credit terms",
            contract.key
        );
    };
    let plan = super::common::plan_arg(&contract, args.sel.plan.as_deref())?;
    let product = match &args.product {
        None => None,
        Some(p) if av.products.is_empty() => bail!(
            "--product: contract {} does not measure products separately (no availability.products)",
            contract.key
        ),
        Some(p) => Some(av.product(p).ok_or_else(|| {
            anyhow::anyhow!(
                "--product: product '{p}' is not one of {} in contract {}",
                av.product_keys(),
                contract.key
            )
        })?),
    };
    let input_tz = super::common::input_tz(&contract, args.tz.input_tz.as_deref())?;
    let month = args
        .month
        .as_deref()
        .map(Month::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--month: {e}"))?;
    let fee = super::common::fee(&args.fee)?;

    let (rows, file_name) = read_outages(
        &args.file,
        args.sheet.as_deref(),
        (&contract, av),
        input_tz,
        product,
    )?;
    let bad: Vec<&OutageRow> = rows.iter().filter(|r| r.error.is_some()).collect();
    if !bad.is_empty() && !args.rows.keep_going {
        report_bad(&file_name, &bad)?;
        return Ok(ExitCode::from(exit::BAD_INPUT));
    }

    let opts = Options {
        month,
        plan,
        product,
        fee: fee.clone(),
    };
    let report =
        evaluate(&contract, av, &rows, &opts).map_err(|e| anyhow::anyhow!("--fee: {e}"))?;
    if fee.is_some() {
        let products: BTreeSet<Option<usize>> = report.months.iter().map(|m| m.product).collect();
        if products.len() > 1 {
            bail!(
                "--fee: contract {} measures {} separately and this report covers several of them; give --product so the fee is that product's",
                contract.key,
                av.product_keys()
            );
        }
    }

    let view = View {
        contract: &contract,
        availability: av,
        rows: &rows,
        report: &report,
        fee: fee.as_ref(),
    };
    let to = args.output.path.as_deref();
    let format = args
        .format
        .unwrap_or(if super::common::output_is_terminal(to) {
            UptimeFormat::Table
        } else {
            UptimeFormat::Csv
        });
    let out = BufWriter::new(super::common::output(to)?);
    match format {
        UptimeFormat::Table => write_table(out, &view, super::common::terminal_width(to))?,
        UptimeFormat::Csv => write_csv(out, &view, args.per_outage)?,
        UptimeFormat::Json => write_json(out, &view)?,
    }
    let quiet = !args.rows.warnings() && format == UptimeFormat::Csv;
    if format != UptimeFormat::Json && !quiet {
        let mut err = io::stderr().lock();
        for w in &report.warnings {
            writeln!(err, "warning: {w}")?;
        }
    }
    if !bad.is_empty() && !quiet {
        eprintln!(
            "warning: {} invalid row(s) in {file_name}, listed with treatment invalid",
            bad.len()
        );
    }
    if report.months.is_empty() && !quiet {
        eprintln!("warning: {file_name} has no valid outage to report (give --month to report a month without outages)");
    }
    Ok(ExitCode::from(exit::SUCCESS))
}

/// Every row of an outages file (bad ones with their error), and the file's
/// name for messages.
pub(super) fn read_outages(
    path: &Path,
    sheet: Option<&str>,
    (contract, av): (
        &slaudit::contract::Contract,
        &slaudit::contract::availability::Availability,
    ),
    input_tz: chrono_tz::Tz,
    product: Option<usize>,
) -> Result<(Vec<OutageRow>, String)> {
    let (input, file_name) = super::common::open_input(path, "outages", sheet)?;
    let mut reader = OutageReader::new(input).map_err(|e| match e {
        InputError::Empty { .. } => anyhow::anyhow!("{file_name}: {e}"),
        _ => anyhow::anyhow!("{file_name}:{}", e.to_string().trim_start_matches("line ")),
    })?;
    let parser = RowParser {
        availability: av,
        contract_key: &contract.key,
        input_tz,
        default_product: product,
    };
    let mut rows: Vec<OutageRow> = Vec::new();
    while let Some(row) = reader.next_row(&parser) {
        rows.push(row);
    }
    Ok((rows, file_name))
}

pub(super) fn report_bad(file: &str, bad: &[&OutageRow]) -> Result<()> {
    let mut err = io::stderr().lock();
    for r in bad.iter().take(MAX_LISTED) {
        if let Some(e) = &r.error {
            let col = if e.column == "row" {
                String::new()
            } else {
                format!(" column '{}':", e.column)
            };
            let id = if r.id.is_empty() {
                String::new()
            } else {
                format!(" (outage {})", slaudit::text::clip(&r.id))
            };
            writeln!(
                err,
                "slaudit: error: {file}:{}:{col} {}{id}",
                r.line,
                slaudit::text::one_line(&e.message)
            )?;
        }
    }
    if bad.len() > MAX_LISTED {
        writeln!(
            err,
            "slaudit: error: ... and {} more bad row(s)",
            bad.len() - MAX_LISTED
        )?;
    }
    writeln!(
        err,
        "slaudit: error: {} bad row(s); fix them, or use --keep-going to report the rest and list them as invalid",
        bad.len()
    )?;
    Ok(())
}
