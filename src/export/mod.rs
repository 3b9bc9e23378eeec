//! Audit output. Every format renders the same fields ([`Layout`]) through one
//! trait ([`RowFormat`]); where the bytes go (and in which thread they are made) is
//! the caller's business.
//!
//! The CSV columns and JSON keys are an interface scripts depend on: the first
//! thirteen CSV columns are fixed by the audit specification, in this order; new
//! columns are only ever added at the end.

mod csv_out;
mod json;
pub mod table;
pub mod uptime;

use std::io::Write;

use anyhow::Result;
use slaudit::audit::{Outcome, Summary, TicketAudit, AUDITED};
use slaudit::contract::{Contract, TargetKind};
pub use slaudit::localtime::TimeWriter;

pub use csv_out::CsvFormat;
pub use json::{JsonFormat, JsonlFormat};
pub use table::TableExporter;

/// Receives one ticket's fields in column order.
pub trait FieldSink {
    fn text(&mut self, s: &str);
    fn int(&mut self, v: i64);
    fn time(&mut self, t: i64);
    fn empty(&mut self);
    /// Text that repeats on many rows, with its CSV form made once.
    fn fixed(&mut self, s: &str, _csv: &[u8]) {
        self.text(s);
    }
}

/// The columns of an audit and how to fill them for one ticket.
pub struct Layout<'c> {
    pub contract: &'c Contract,
    pub columns: Vec<&'static str>,
    /// How many audited targets appear (2, or 3 with workaround).
    kinds: usize,
    /// `describe()` of every contract target, computed once.
    target_text: Vec<String>,
    /// CSV forms of every target's description and clause, made once.
    target_csv: Vec<(Vec<u8>, Vec<u8>)>,
    /// The monthly fee penalties are a share of (`audit --fee`).
    pub fee: Option<slaudit::availability::money::Fee>,
}

impl<'c> Layout<'c> {
    pub fn new(contract: &'c Contract) -> Self {
        let kinds = if contract.has_kind(TargetKind::Workaround) {
            3
        } else {
            2
        };
        let mut columns = vec!["id", "plan", "priority", "created_at", "clock_start"];
        let per_kind: [[&'static str; 4]; 3] = [
            [
                "response_due",
                "first_response_at",
                "response_status",
                "response_elapsed",
            ],
            [
                "resolution_due",
                "resolved_at",
                "resolution_status",
                "resolution_elapsed",
            ],
            [
                "workaround_due",
                "workaround_at",
                "workaround_status",
                "workaround_elapsed",
            ],
        ];
        for cols in per_kind.iter().take(kinds) {
            columns.extend_from_slice(cols);
        }
        columns.extend_from_slice(&["channel", "category"]);
        let extra: [[&'static str; 3]; 3] = [
            ["response_target", "response_clock", "response_clause"],
            ["resolution_target", "resolution_clock", "resolution_clause"],
            ["workaround_target", "workaround_clock", "workaround_clause"],
        ];
        for cols in extra.iter().take(kinds) {
            columns.extend_from_slice(cols);
        }
        columns.push("error");
        Layout {
            contract,
            columns,
            kinds,
            target_text: contract.targets.iter().map(|t| t.describe()).collect(),
            target_csv: contract
                .targets
                .iter()
                .map(|t| (csv_out::escaped(&t.describe()), csv_out::escaped(&t.clause)))
                .collect(),
            fee: None,
        }
    }

    pub fn kinds(&self) -> usize {
        self.kinds
    }

    fn time(&self, sink: &mut impl FieldSink, t: Option<i64>) {
        match t {
            Some(t) => sink.time(t),
            None => sink.empty(),
        }
    }

    fn key(sink: &mut impl FieldSink, key: Option<&str>) {
        match key {
            Some(k) => sink.text(k),
            None => sink.empty(),
        }
    }

    /// Sends the fields of one ticket, in column order.
    pub fn emit(&self, t: &TicketAudit, sink: &mut impl FieldSink) {
        let c = self.contract;
        sink.text(&t.id);
        Self::key(sink, t.plan.map(|p| c.plans[p].key.as_str()));
        match t.priority {
            Some(p) => sink.text(&c.priorities[p].key),
            None if t.priority_text.is_empty() => sink.empty(),
            None => sink.text(&t.priority_text),
        }
        self.time(sink, t.created_at);
        self.time(sink, t.clock_start());
        for o in t.outcomes.iter().take(self.kinds) {
            self.time(sink, o.due);
            self.time(sink, o.event);
            sink.text(o.status.key());
            match o.elapsed {
                Some(e) => sink.int(e),
                None => sink.empty(),
            }
        }
        Self::key(sink, t.channel.map(|ch| c.channels[ch].key.as_str()));
        Self::key(sink, t.category.map(|x| c.categories[x].key.as_str()));
        for o in t.outcomes.iter().take(self.kinds) {
            self.describe(o, sink);
        }
        match &t.error {
            Some(e) => sink.text(&format!("{}: {}", e.column, e.message)),
            None => sink.empty(),
        }
    }

    fn describe(&self, o: &Outcome, sink: &mut impl FieldSink) {
        let c = self.contract;
        match o.target {
            Some(i) => {
                let (text_csv, clause_csv) = &self.target_csv[i];
                sink.fixed(&self.target_text[i], text_csv);
                Self::key(sink, o.schedule.map(|s| c.schedules[s].key.as_str()));
                sink.fixed(&c.targets[i].clause, clause_csv);
            }
            None => {
                sink.empty();
                sink.empty();
                sink.empty();
            }
        }
    }
}

/// A streaming output format: rows are rendered to bytes independently (so they
/// can be made in parallel) and written in input order.
pub trait RowFormat: Sync {
    /// Bytes before the first row.
    fn begin(&self, layout: &Layout<'_>, out: &mut Vec<u8>) -> Result<()>;
    /// One row, appended to `out` (rows of a batch are made in a worker thread).
    fn row(&self, layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>, times: &mut TimeWriter);
    /// Bytes to drop from the very first row (a leading separator).
    fn first_row_skip(&self) -> usize {
        0
    }
    /// Bytes after the last row.
    fn end(
        &self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
        out: &mut Vec<u8>,
    ) -> Result<()>;
    /// Whether the summary belongs on standard error (it is not part of the output).
    fn summary_on_stderr(&self) -> bool;
}

/// The summary as plain lines (for standard error beside csv/jsonl output).
pub fn summary_lines(layout: &Layout<'_>, summary: &Summary) -> Vec<String> {
    let mut out: Vec<String> = summary_rows(layout, summary)
        .into_iter()
        .map(|r| {
            let c = r.counts;
            format!(
                "{} priority {}: {} tickets, {} met, {} breached, {} overdue, {} open, {} no_target, {} invalid, compliance {}",
                r.target,
                r.priority.unwrap_or("all"),
                c.tickets,
                c.met,
                c.breached,
                c.overdue,
                c.open,
                c.no_target,
                c.invalid,
                c.compliance().map_or("-".to_string(), |d| format!("{d:.2}%")),
            )
        })
        .collect();
    if let Some(p) = &summary.penalties {
        out.extend(p.summary(layout.fee.as_ref()).lines());
    }
    out
}

/// One line of the summary: a target within one priority (`(invalid)` for rows
/// without a valid priority), or over all of them (`priority` = `None`).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct SummaryRow<'a> {
    pub target: &'static str,
    pub priority: Option<&'a str>,
    #[serde(flatten)]
    pub counts: slaudit::audit::Counts,
}

/// The summary lines every format shows: per audited target, each priority with
/// tickets, then the total.
pub fn summary_rows<'a>(layout: &'a Layout<'_>, summary: &Summary) -> Vec<SummaryRow<'a>> {
    let mut rows = Vec::new();
    for (k, kind) in AUDITED.iter().enumerate().take(layout.kinds()) {
        for (p, row) in summary.by_priority.iter().enumerate() {
            if row[k].tickets > 0 {
                rows.push(SummaryRow {
                    target: kind.key(),
                    priority: Some(
                        layout
                            .contract
                            .priorities
                            .get(p)
                            .map_or("(invalid)", |x| x.key.as_str()),
                    ),
                    counts: row[k],
                });
            }
        }
        rows.push(SummaryRow {
            target: kind.key(),
            priority: None,
            counts: summary.total(k),
        });
    }
    rows
}

/// Writes the summary and warnings to standard error.
pub fn summary_to_stderr(
    layout: &Layout<'_>,
    summary: &Summary,
    warnings: &[String],
) -> Result<()> {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        writeln!(err, "warning: {w}")?;
    }
    for line in summary_lines(layout, summary) {
        writeln!(err, "summary: {line}")?;
    }
    for (place, text) in layout.contract.ticket_assumptions() {
        writeln!(err, "assumption: {place}: {text}")?;
    }
    Ok(())
}
