//! Audit output. Every format renders the same fields ([`Layout`]) through one
//! trait ([`Exporter`]); where the bytes go is the caller's business.
//!
//! The CSV columns and JSON keys are an interface scripts depend on: the first
//! thirteen CSV columns are fixed by the audit specification, in this order; new
//! columns are only ever added at the end.

mod csv_out;
mod json;
pub mod table;

use std::io::Write;

use anyhow::Result;
use slaudit::audit::{Outcome, Summary, TicketAudit, AUDITED};
use slaudit::contract::{Contract, TargetKind};
use slaudit::localtime::format_rfc3339;

pub use csv_out::CsvExporter;
pub use json::{JsonExporter, JsonlExporter};
pub use table::TableExporter;

/// One output value.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Text(std::borrow::Cow<'a, str>),
    Int(i64),
    Empty,
}

impl Field<'_> {
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Field::Text(s) => std::borrow::Cow::Borrowed(s.as_ref()),
            Field::Int(i) => std::borrow::Cow::Owned(i.to_string()),
            Field::Empty => std::borrow::Cow::Borrowed(""),
        }
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
}

const EVENT_COLUMN: [&str; 3] = ["first_response_at", "resolved_at", "workaround_at"];

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
        debug_assert_eq!(EVENT_COLUMN[0], columns[6]);
        Layout {
            contract,
            columns,
            kinds,
            target_text: contract.targets.iter().map(|t| t.describe()).collect(),
        }
    }

    fn time(&self, t: Option<i64>) -> Field<'static> {
        match t {
            Some(t) => Field::Text(format_rfc3339(self.contract.tz, t).into()),
            None => Field::Empty,
        }
    }

    /// The values of one ticket, in column order.
    pub fn values<'a>(&'a self, t: &'a TicketAudit) -> Vec<Field<'a>> {
        let c = self.contract;
        let mut v = Vec::with_capacity(self.columns.len());
        v.push(Field::Text(t.id.as_str().into()));
        v.push(match t.plan {
            Some(p) => Field::Text(c.plans[p].key.as_str().into()),
            None => Field::Empty,
        });
        v.push(match t.priority {
            Some(p) => Field::Text(c.priorities[p].key.as_str().into()),
            None if t.priority_text.is_empty() => Field::Empty,
            None => Field::Text(t.priority_text.as_str().into()),
        });
        v.push(self.time(t.created_at));
        v.push(self.time(t.clock_start()));
        for o in t.outcomes.iter().take(self.kinds) {
            v.push(self.time(o.due));
            v.push(self.time(o.event));
            v.push(Field::Text(o.status.key().into()));
            v.push(o.elapsed.map_or(Field::Empty, Field::Int));
        }
        v.push(match t.channel {
            Some(ch) => Field::Text(c.channels[ch].key.as_str().into()),
            None => Field::Empty,
        });
        v.push(match t.category {
            Some(cat) => Field::Text(c.categories[cat].key.as_str().into()),
            None => Field::Empty,
        });
        for o in t.outcomes.iter().take(self.kinds) {
            self.describe(o, &mut v);
        }
        v.push(match &t.error {
            Some(e) => Field::Text(format!("{}: {}", e.column, e.message).into()),
            None => Field::Empty,
        });
        v
    }

    fn describe<'a>(&'a self, o: &Outcome, v: &mut Vec<Field<'a>>) {
        let c = self.contract;
        match o.target {
            Some(i) => {
                v.push(Field::Text(self.target_text[i].as_str().into()));
                v.push(match o.schedule {
                    Some(s) => Field::Text(c.schedules[s].key.as_str().into()),
                    None => Field::Empty,
                });
                v.push(Field::Text(c.targets[i].clause.as_str().into()));
            }
            None => v.extend([Field::Empty, Field::Empty, Field::Empty]),
        }
    }

    pub fn kinds(&self) -> usize {
        self.kinds
    }
}

/// Somewhere audit rows go.
pub trait Exporter {
    /// Called once per ticket, in input order.
    fn row(&mut self, layout: &Layout<'_>, ticket: &TicketAudit) -> Result<()>;
    /// Called once at the end with the totals and the run's warnings.
    fn finish(&mut self, layout: &Layout<'_>, summary: &Summary, warnings: &[String])
        -> Result<()>;
}

/// The summary as plain lines (for standard error beside csv/jsonl output).
pub fn summary_lines(layout: &Layout<'_>, summary: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    for (k, kind) in AUDITED.iter().enumerate().take(layout.kinds()) {
        for (p, row) in summary.by_priority.iter().enumerate() {
            let counts = row[k];
            if counts.tickets == 0 {
                continue;
            }
            let prio = layout
                .contract
                .priorities
                .get(p)
                .map_or("(invalid)", |x| x.key.as_str());
            out.push(format!(
                "{} priority {prio}: {} tickets, {} met, {} breached, {} overdue, {} open, {} no_target, {} invalid, compliance {}",
                kind.key(),
                counts.tickets,
                counts.met,
                counts.breached,
                counts.overdue,
                counts.open,
                counts.no_target,
                counts.invalid,
                counts.compliance().map_or("-".to_string(), |d| format!("{d:.2}%")),
            ));
        }
    }
    out
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
    Ok(())
}
