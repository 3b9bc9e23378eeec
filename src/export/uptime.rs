//! `slaudit uptime` output: a table for people, CSV (one row per month, or per
//! outage with `--per-outage`) and JSON for scripts.
//!
//! The first CSV columns are fixed, in this order; new columns are only ever added
//! after them. Months: `month,minutes_in_month,excused_minutes,excluded_minutes,
//! downtime_minutes,uptime_percent,target_percent,credit_percent,credit_amount`.
//! Outages: `id,month,start,end,counted_minutes,treatment,claim_deadline,
//! credit_percent`. JSON carries the same keys; decimals are strings (exact),
//! seconds are integers, empty fields are `null`.

use std::io::Write;

use anyhow::Result;
use slaudit::availability::report::{self, MonthRow, OutagePart, Report, Treatment};
use slaudit::contract::availability::Availability;
use slaudit::contract::Contract;
use slaudit::localtime::format_rfc3339;
use slaudit::money::{fmt_percent, minutes, Fee};
use slaudit::read::outages::OutageRow;

use super::table::Notes;

/// One output value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Bool(bool),
    Null,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
        }
    }

    fn opt(s: Option<String>) -> Value {
        s.map_or(Value::Null, Value::Text)
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => s.serialize_str(t),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Null => s.serialize_none(),
        }
    }
}

/// Everything one run renders.
pub struct View<'a> {
    pub contract: &'a Contract,
    pub availability: &'a Availability,
    pub rows: &'a [OutageRow],
    pub report: &'a Report,
    pub fee: Option<&'a Fee>,
}

pub const MONTH_COLUMNS: [&str; 17] = [
    "month",
    "minutes_in_month",
    "excused_minutes",
    "excluded_minutes",
    "downtime_minutes",
    "uptime_percent",
    "target_percent",
    "credit_percent",
    "credit_amount",
    // Added after the fixed columns.
    "product",
    "target_met",
    "other_reading_credit_percent",
    "failures",
    "incidents",
    "incident_limit",
    "currency",
    "note",
];

pub const OUTAGE_COLUMNS: [&str; 23] = [
    "id",
    "month",
    "start",
    "end",
    "counted_minutes",
    "treatment",
    "claim_deadline",
    "credit_percent",
    // Added after the fixed columns.
    "product",
    "kind",
    "excused_minutes",
    "excluded_minutes",
    "overlap_minutes",
    "cause",
    "exclusion",
    "clause",
    "notified_at",
    "reported_at",
    "credit_requested_at",
    "claim_status",
    "line",
    "note",
    "error",
];

fn mins(secs: i64) -> Value {
    Value::Text(minutes(secs).to_string())
}

impl View<'_> {
    fn time(&self, t: Option<i64>) -> Value {
        Value::opt(t.map(|t| format_rfc3339(self.contract.tz, t)))
    }

    fn product(&self, p: Option<usize>) -> Option<String> {
        p.map(|p| self.availability.products[p].key.clone())
    }

    /// A month's values, in [`MONTH_COLUMNS`] order.
    pub fn month_values(&self, m: &MonthRow) -> Vec<Value> {
        vec![
            Value::Text(m.month.to_string()),
            mins(m.seconds),
            mins(m.excused),
            mins(m.excluded),
            mins(m.downtime),
            Value::Text(fmt_percent(m.uptime)),
            Value::opt(m.target.map(fmt_percent)),
            Value::opt(m.credit.map(fmt_percent)),
            Value::opt(m.amount.zip(self.fee).map(|(a, f)| f.format(a))),
            Value::opt(self.product(m.product)),
            m.target_met.map_or(Value::Null, Value::Bool),
            Value::opt(m.other_reading.map(fmt_percent)),
            m.failures.map_or(Value::Null, |f| Value::Int(i64::from(f))),
            Value::Int(i64::from(m.incidents)),
            m.incident_limit
                .map_or(Value::Null, |l| Value::Int(i64::from(l))),
            Value::opt(self.fee.map(|f| f.currency.clone())),
            Value::opt(m.note.clone()),
        ]
    }

    /// The clause behind an outage's treatment.
    fn clause(&self, p: &OutagePart) -> Option<String> {
        report::treatment_clause(self.availability, p)
    }

    /// An outage part's values, in [`OUTAGE_COLUMNS`] order.
    pub fn outage_values(&self, p: &OutagePart) -> Vec<Value> {
        let r = &self.rows[p.row];
        let invalid = p.treatment == Treatment::Invalid;
        let secs = |v: i64| if invalid { Value::Null } else { mins(v) };
        vec![
            Value::Text(r.id.clone()),
            Value::opt(p.month.map(|m| m.to_string())),
            self.time(r.start),
            self.time(r.end),
            secs(p.counted),
            Value::Text(p.treatment.key().to_string()),
            self.time(p.claim_deadline),
            Value::opt(p.credit.map(fmt_percent)),
            Value::opt(
                self.product(p.product)
                    .or_else(|| (!r.product_text.is_empty()).then(|| r.product_text.clone())),
            ),
            if invalid {
                Value::Null
            } else {
                Value::Text(r.kind.key().to_string())
            },
            secs(p.excused),
            secs(p.excluded),
            secs(p.overlap),
            Value::opt(r.excluded.clone()),
            Value::opt(
                p.exclusion
                    .map(|e| self.availability.exclusions[e].key.clone()),
            ),
            Value::opt(self.clause(p)),
            self.time(r.notified_at),
            self.time(r.reported_at),
            self.time(r.credit_requested_at),
            Value::opt(p.claim.map(|c| c.key().to_string())),
            Value::Int(r.line as i64),
            Value::opt(if invalid { None } else { p.note.clone() }),
            Value::opt(
                r.error
                    .as_ref()
                    .map(|e| format!("{}: {}", e.column, e.message)),
            ),
        ]
    }

    /// A time as people read it (`Thu 03 Apr 09:12`), the year said when it
    /// is not the report's first month's.
    fn short(&self, t: Option<i64>) -> String {
        let year = self.report.months.first().map_or(0, |m| m.month.year);
        super::table::people_time(self.contract.tz, t, year)
    }
}

/// CSV: one row per month, or per outage.
pub fn write_csv<W: Write>(out: W, view: &View<'_>, per_outage: bool) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if per_outage {
        w.write_record(OUTAGE_COLUMNS)?;
        for p in &view.report.outages {
            w.write_record(view.outage_values(p).iter().map(Value::text))?;
        }
    } else {
        w.write_record(MONTH_COLUMNS)?;
        for m in &view.report.months {
            w.write_record(view.month_values(m).iter().map(Value::text))?;
        }
    }
    w.flush()?;
    Ok(())
}

fn object(
    columns: &[&'static str],
    values: Vec<Value>,
) -> serde_json::Map<String, serde_json::Value> {
    columns
        .iter()
        .zip(values)
        .map(|(k, v)| {
            (
                k.to_string(),
                serde_json::to_value(v).unwrap_or(serde_json::Value::Null),
            )
        })
        .collect()
}

/// JSON: one document with months, outages, terms and warnings.
/// A sequence serialized from a fresh iterator, one item at a time.
struct Lazy<F>(F);

impl<F, I> serde::Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

pub fn write_json<W: Write>(mut out: W, view: &View<'_>) -> Result<()> {
    let c = view.contract;
    let months: Vec<_> = view
        .report
        .months
        .iter()
        .map(|m| {
            let mut o = object(&MONTH_COLUMNS, view.month_values(m));
            o.insert("seconds_in_month".into(), m.seconds.into());
            o.insert("excused_seconds".into(), m.excused.into());
            o.insert("excluded_seconds".into(), m.excluded.into());
            o.insert("downtime_seconds".into(), m.downtime.into());
            o
        })
        .collect();
    // Each outage's object is built as it is written (a document of many outages
    // holds one at a time). Keys in the order serde_json sorts them.
    let outages = Lazy(|| {
        view.report.outages.iter().map(|p| {
            let mut o = object(&OUTAGE_COLUMNS, view.outage_values(p));
            o.insert("counted_seconds".into(), p.counted.into());
            o.insert("excused_seconds".into(), p.excused.into());
            o.insert("excluded_seconds".into(), p.excluded.into());
            o
        })
    });
    #[derive(serde::Serialize)]
    struct Doc<'a, O: serde::Serialize> {
        contract: &'a str,
        currency: Option<String>,
        fee: Option<String>,
        months: Vec<serde_json::Map<String, serde_json::Value>>,
        outages: O,
        terms: serde_json::Value,
        timezone: &'a str,
        warnings: &'a [String],
    }
    let doc = Doc {
        contract: &c.key,
        currency: view.fee.map(|f| f.currency.clone()),
        fee: view.fee.map(|f| f.format(f.amount)),
        months,
        outages,
        terms: serde_json::to_value(report::terms(c, view.availability))?,
        timezone: c.tz.name(),
        warnings: &view.report.warnings,
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// A table for people: months, outages, then the terms they were judged by.
/// Rows for people: a table, or on a terminal narrower than
/// [`super::table::BLOCKS_BELOW`] columns one block of lines per row (its
/// first `lead` cells on one line, then each other cell that has a value
/// under its name).
fn rows_for_people<W: Write>(
    out: &mut W,
    header: &[&str],
    rows: Vec<Vec<String>>,
    (narrow, lead, wrap): (bool, usize, &[&str]),
) -> Result<()> {
    if !narrow {
        let mut t = super::table::page_table(header, false, wrap);
        for r in rows {
            t.add_row(r);
        }
        writeln!(out, "{t}")?;
        return Ok(());
    }
    for r in rows {
        let first: Vec<&str> = r.iter().take(lead).map(String::as_str).collect();
        writeln!(out, "{}", first.join("  "))?;
        for (h, v) in header.iter().zip(&r).skip(lead) {
            if !v.is_empty() {
                writeln!(out, "  {h}: {v}")?;
            }
        }
    }
    Ok(())
}

pub fn write_table<W: Write>(out: W, view: &View<'_>, width: Option<u16>) -> Result<()> {
    let narrow = width.is_some_and(|w| w < super::table::BLOCKS_BELOW);
    let mut out = super::table::Printable(out);
    let c = view.contract;
    let av = view.availability;
    writeln!(
        out,
        "Contract {} ({}); times in {}; months are calendar months in that zone",
        c.key,
        c.name,
        c.tz.name()
    )?;
    let amount_header = view
        .fee
        .map_or("amount".to_string(), |f| format!("amount {}", f.currency));
    let mut header = vec!["month"];
    let products = !av.products.is_empty();
    if products {
        header.push("product");
    }
    header.extend([
        "minutes",
        "excused",
        "excluded",
        "downtime",
        "uptime %",
        "target %",
        "met",
        "credit %",
        amount_header.as_str(),
        "incidents",
    ]);
    let mut month_rows = Vec::new();
    for m in &view.report.months {
        let mut cells = vec![m.month.to_string()];
        if products {
            cells.push(view.product(m.product).unwrap_or_default());
        }
        let credit = match (m.credit, m.failures) {
            (None, _) => "none".to_string(),
            (Some(cr), Some(f)) => format!("{} ({f} failure(s))", fmt_percent(cr)),
            (Some(cr), None) => fmt_percent(cr),
        };
        cells.extend([
            minutes(m.seconds).to_string(),
            minutes(m.excused).to_string(),
            minutes(m.excluded).to_string(),
            minutes(m.downtime).to_string(),
            fmt_percent(m.uptime),
            m.target.map_or("-".to_string(), fmt_percent),
            match m.target_met {
                Some(true) => "yes".to_string(),
                Some(false) => "no".to_string(),
                None => "-".to_string(),
            },
            credit,
            m.amount
                .zip(view.fee)
                .map_or("-".to_string(), |(a, f)| f.format(a)),
            match m.incident_limit {
                Some(l) => format!("{} / max {l}", m.incidents),
                None => m.incidents.to_string(),
            },
        ]);
        month_rows.push(cells);
    }
    let lead = if products { 2 } else { 1 };
    rows_for_people(&mut out, &header, month_rows, (narrow, lead, &[]))?;
    for m in &view.report.months {
        if let Some(n) = &m.note {
            writeln!(out, "  {}: {n}", m.month)?;
        }
    }

    let outage_header = [
        "id",
        "month",
        "start",
        "end",
        "counted min",
        "excused min",
        "excluded min",
        "treatment",
        "claim deadline",
        "credit %",
        "note",
    ];
    let mut outage_rows = Vec::new();
    // Clauses are long: the table names them by number, the notes under it
    // say them once each.
    let mut notes = Notes::default();
    for p in &view.report.outages {
        let r = &view.rows[p.row];
        let treatment = match p.treatment {
            Treatment::Excluded => {
                let cause = r.excluded.clone().unwrap_or_default();
                match view.clause(p) {
                    Some(cl) => format!("excluded: {cause} {}", notes.mark(&cl)),
                    None => format!("excluded: {cause} (no matching exclusion in the contract)"),
                }
            }
            Treatment::MaintenanceWindow
                if av
                    .maintenance
                    .as_ref()
                    .is_some_and(|m| m.windows.is_empty()) =>
            {
                "scheduled maintenance (excused)".to_string()
            }
            other => other.label().to_string(),
        };
        let credit = match (p.credit, p.claim) {
            (Some(cr), Some(cl)) => format!("{} ({})", fmt_percent(cr), cl.label()),
            (None, Some(cl)) => cl.label().to_string(),
            (Some(cr), None) => fmt_percent(cr),
            (None, None) => String::new(),
        };
        let mut note = p.note.clone().unwrap_or_default();
        if let Some(rep) = r.reported_at {
            let s = format!("reported {}", view.short(Some(rep)));
            note = if note.is_empty() {
                s
            } else {
                format!("{note}; {s}")
            };
        }
        if let Some(req) = r.credit_requested_at {
            let s = format!("credit requested {}", view.short(Some(req)));
            note = if note.is_empty() {
                s
            } else {
                format!("{note}; {s}")
            };
        }
        let invalid = p.treatment == Treatment::Invalid;
        let num = |v: i64| {
            if invalid {
                String::new()
            } else {
                minutes(v).to_string()
            }
        };
        outage_rows.push(vec![
            r.id.clone(),
            p.month.map(|m| m.to_string()).unwrap_or_default(),
            view.short(r.start),
            view.short(r.end),
            num(p.counted),
            num(p.excused),
            num(p.excluded),
            treatment,
            view.short(p.claim_deadline),
            credit,
            note,
        ]);
    }
    writeln!(out, "\nOutages")?;
    rows_for_people(
        &mut out,
        &outage_header,
        outage_rows,
        (narrow, 2, &["treatment", "note"]),
    )?;
    for line in notes.lines() {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "\nTerms")?;
    for line in report::terms(c, av) {
        writeln!(out, "  - {line}")?;
    }
    out.flush()?;
    Ok(())
}
