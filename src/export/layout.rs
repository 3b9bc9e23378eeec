//! The fields every audit format renders, in column order ([`Layout`]), the
//! per-run byte cache of repeated values ([`Run`], with [`Form`]s), the trait a row
//! format implements ([`RowFormat`]) and the summary rows they share.

use std::io::Write;

use anyhow::Result;
use slaudit::audit::{Outcome, Status as AuditStatus, Summary, TicketAudit, AUDITED, KINDS};
use slaudit::contract::{Contract, TargetKind};
pub use slaudit::localtime::TimeWriter;

pub use super::bytes::Form;
use super::bytes::{self, JsonFields};

/// Receives one ticket's fields in column order.
pub trait FieldSink {
    /// Text that varies from row to row (the ticket id, an unknown priority, an error).
    fn text(&mut self, s: &str);
    fn int(&mut self, v: i64);
    fn time(&mut self, t: i64);
    fn empty(&mut self);
    /// Entry `i` of the set of repeated values this column draws from.
    fn value(&mut self, set: Values, i: usize);
    /// `width` consecutive fields rendered together once per run.
    fn run(&mut self, run: &Run, width: usize);
}

/// Consecutive fields that rows repeat together (a target's description, clock
/// and clause; plan and priority; channel and category), rendered once per run in
/// CSV form (each field with its leading separator) and JSON form (each with its
/// key).
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub(super) csv: Form,
    pub(super) json: Form,
}

/// Two neighbouring columns that draw from value sets (plan and priority, channel
/// and category), rendered together for every pair of entries, either empty.
pub(super) struct Pairs {
    pub(super) runs: Vec<Run>,
    /// Entries of the first set, and of the second, each plus one for empty.
    pub(super) first: usize,
    pub(super) second: usize,
}

impl Pairs {
    pub(super) fn new(columns: &[&str], col: usize, a: &[Piece], b: &[Piece]) -> Self {
        let mut runs = Vec::with_capacity((a.len() + 1) * (b.len() + 1));
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                runs.push(Run::new(
                    columns,
                    &[field(col, a.get(i)), field(col + 1, b.get(j))],
                ));
            }
        }
        Pairs {
            runs,
            first: a.len() + 1,
            second: b.len() + 1,
        }
    }

    /// The run for entries `a` and `b` (`None`, or out of range: empty).
    pub(super) fn get(&self, a: Option<usize>, b: Option<usize>) -> &Run {
        let a = a.filter(|&i| i + 1 < self.first).unwrap_or(self.first - 1);
        let b = b
            .filter(|&j| j + 1 < self.second)
            .unwrap_or(self.second - 1);
        &self.runs[a * self.second + b]
    }
}

/// One field of a [`Run`]: its column, CSV bytes, and JSON value (`None`: null).
type RunField<'a> = (usize, &'a [u8], Option<&'a [u8]>);

/// Column `col` holding `p`, or empty.
pub(super) fn field(col: usize, p: Option<&Piece>) -> RunField<'_> {
    (
        col,
        p.map_or(&[][..], |p| &p.csv_bytes[..]),
        p.map(|p| &p.json[..]),
    )
}

impl Run {
    pub(super) fn new(columns: &[&str], fields: &[RunField<'_>]) -> Self {
        let mut csv = Vec::new();
        let mut json = Vec::new();
        for &(col, c, j) in fields {
            csv.push(b',');
            csv.extend_from_slice(c);
            json.push(b',');
            bytes::push_str(&mut json, columns[col]);
            json.push(b':');
            json.extend_from_slice(j.unwrap_or(b"null"));
        }
        Run {
            csv: Form::new(&csv),
            json: Form::new(&json),
        }
    }
}

/// The sets of values that repeat on many rows: keys of the contract, status
/// words, targets' descriptions and clauses. Each is rendered once per run in every
/// output form, so that rows copy bytes instead of quoting and escaping the same
/// text a million times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    Plan,
    Priority,
    Status,
    Channel,
    Category,
    /// Schedules (the `*_clock` columns).
    Schedule,
    /// Targets' descriptions ("4 hours").
    Target,
    /// Targets' clauses.
    Clause,
}

const VALUE_SETS: usize = 8;

/// One repeated value in CSV and JSON form.
pub(super) struct Piece {
    pub(super) csv: Form,
    pub(super) csv_bytes: Vec<u8>,
    pub(super) json: Vec<u8>,
}

impl Piece {
    pub(super) fn new(s: &str) -> Self {
        let mut json = Vec::with_capacity(s.len() + 2);
        bytes::push_str(&mut json, s);
        let csv_bytes = bytes::escaped(s);
        Piece {
            csv: Form::new(&csv_bytes),
            csv_bytes,
            json,
        }
    }

    pub(super) fn all<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Vec<Piece> {
        texts.into_iter().map(|s| Piece::new(s.as_ref())).collect()
    }
}

/// The columns of an audit and how to fill them for one ticket.
pub struct Layout<'c> {
    pub contract: &'c Contract,
    pub columns: Vec<&'static str>,
    /// For each column, the set of repeated values it draws from, if any.
    pub(super) draws: Vec<Option<Values>>,
    /// How many audited targets appear (2, or 3 with workaround).
    pub(super) kinds: usize,
    /// The rendered entries of each set (indexed by `Values as usize`).
    pub(super) values: [Vec<Piece>; VALUE_SETS],
    /// The JSON form of every field of a ticket object, key included.
    pub(super) json: JsonFields,
    /// Per audited kind, the description, clock and clause of each (target,
    /// schedule or none) pair, at `target * (schedules + 1) + schedule`.
    pub(super) described: Vec<Vec<Run>>,
    /// Per audited kind, the three fields empty.
    pub(super) undescribed: Vec<Run>,
    /// The plan and priority columns.
    pub(super) plan_priority: Pairs,
    /// The channel and category columns.
    pub(super) channel_category: Pairs,
    /// Where the status-update target's description runs are in `described`,
    /// when the contract has that target.
    pub(super) status_update: Option<usize>,
    /// Indices (into [`AUDITED`]) of the targets with a `*_paused` column.
    pub(super) paused: Vec<usize>,
    /// The clause of the contract's ticket exclusion, when it has one.
    pub(super) exclusion: Option<String>,
    /// Whether the row says why the contract does not cover a ticket
    /// (`coverage_clause`).
    pub(super) coverage: bool,
    /// Whether the row says if its reporter is a named contact (`contact`).
    pub(super) contact: bool,
    /// Whether the row gives its place in the ticket quota (`quota`).
    pub(super) quota: bool,
    /// Whether the rows carry the help desk's own verdicts and the summary
    /// where they disagree with the contract (`audit --reconcile`).
    pub reconcile: bool,
    /// The monthly fee penalties are a share of (`audit --fee`).
    pub fee: Option<slaudit::money::Fee>,
}

impl<'c> Layout<'c> {
    /// The layout, with the help desk's verdict columns at the end when
    /// `reconcile`.
    pub fn with_reconcile(contract: &'c Contract, reconcile: bool) -> Self {
        let kinds = if contract.has_kind(TargetKind::Workaround) {
            3
        } else {
            2
        };
        use Values::*;
        let mut cols: Vec<(&'static str, Option<Values>)> = vec![
            ("id", None),
            ("plan", Some(Plan)),
            ("priority", Some(Priority)),
            ("created_at", None),
            ("clock_start", None),
        ];
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
        for [due, at, status, elapsed] in per_kind.into_iter().take(kinds) {
            cols.extend([
                (due, None),
                (at, None),
                (status, Some(Status)),
                (elapsed, None),
            ]);
        }
        let channel = cols.len();
        cols.extend([("channel", Some(Channel)), ("category", Some(Category))]);
        let extra: [[&'static str; 3]; 3] = [
            ["response_target", "response_clock", "response_clause"],
            ["resolution_target", "resolution_clock", "resolution_clause"],
            ["workaround_target", "workaround_clock", "workaround_clause"],
        ];
        // Where each audited kind's target, clock and clause columns start.
        let mut described_at = Vec::with_capacity(kinds);
        for [target, clock, clause] in extra.into_iter().take(kinds) {
            described_at.push(cols.len());
            cols.extend([
                (target, Some(Target)),
                (clock, Some(Schedule)),
                (clause, Some(Clause)),
            ]);
        }
        cols.push(("error", None));
        // Added after the first columns, in this order: the status-update
        // cadence, the paused time of each target a wait can stop, and the
        // exclusion clause.
        let status_update = contract.has_kind(TargetKind::StatusUpdate).then(|| {
            cols.extend([
                ("status_update_due", None),
                ("status_update_status", Some(Status)),
                ("status_update_elapsed", None),
                ("status_update_missed", None),
                ("status_update_count", None),
            ]);
            described_at.push(cols.len());
            cols.extend([
                ("status_update_target", Some(Target)),
                ("status_update_clock", Some(Schedule)),
                ("status_update_clause", Some(Clause)),
            ]);
            described_at.len() - 1
        });
        let shown = |k: &TargetKind| {
            let i = AUDITED.iter().position(|a| a == k).unwrap_or(usize::MAX);
            i < kinds || (*k == TargetKind::StatusUpdate && status_update.is_some())
        };
        let paused: Vec<usize> = contract
            .waits
            .pausable()
            .iter()
            .filter(|k| shown(k))
            .filter_map(|k| AUDITED.iter().position(|a| a == k))
            .collect();
        for &k in &paused {
            cols.push((
                match AUDITED[k] {
                    TargetKind::Response => "response_paused",
                    TargetKind::Resolution => "resolution_paused",
                    TargetKind::Workaround => "workaround_paused",
                    TargetKind::StatusUpdate => "status_update_paused",
                },
                None,
            ));
        }
        let exclusion = contract.waits.exclusion.as_ref().map(|e| {
            cols.push(("exclusion_clause", None));
            e.clause.clone()
        });
        let coverage = contract.coverage.can_uncover();
        if coverage {
            cols.push(("coverage_clause", None));
        }
        let contact = contract.coverage.contacts.is_some();
        if contact {
            cols.push(("contact", None));
        }
        let quota = !contract.quotas.is_empty();
        if quota {
            cols.push(("quota", None));
        }
        if reconcile {
            cols.push(("helpdesk_response_status", None));
            cols.push(("helpdesk_resolution_status", None));
        }
        let (columns, draws): (Vec<_>, Vec<_>) = cols.into_iter().unzip();

        let c = contract;
        let values = [
            Piece::all(c.plans.iter().map(|x| &x.key)),
            Piece::all(c.priorities.iter().map(|x| &x.key)),
            Piece::all(AuditStatus::ALL.iter().map(|s| s.key())),
            Piece::all(c.channels.iter().map(|x| &x.key)),
            Piece::all(c.categories.iter().map(|x| &x.key)),
            Piece::all(c.schedules.iter().map(|x| &x.key)),
            Piece::all(c.targets.iter().map(|t| t.describe())),
            Piece::all(c.targets.iter().map(|t| t.clause.as_str())),
        ];
        let json = JsonFields::new(&columns, |col, i| {
            draws[col].and_then(|set| values[set as usize].get(i).map(|p| &p.json[..]))
        });
        let schedules = c.schedules.len();
        let mut described = Vec::with_capacity(kinds);
        let mut undescribed = Vec::with_capacity(kinds);
        let (targets, clocks, clauses) = (
            &values[Target as usize],
            &values[Schedule as usize],
            &values[Clause as usize],
        );
        for &first in &described_at {
            let runs: Vec<Run> = (0..c.targets.len())
                .flat_map(|i| (0..=schedules).map(move |s| (i, s)))
                .map(|(i, s)| {
                    Run::new(
                        &columns,
                        &[
                            field(first, targets.get(i)),
                            field(first + 1, clocks.get(s)),
                            field(first + 2, clauses.get(i)),
                        ],
                    )
                })
                .collect();
            described.push(runs);
            undescribed.push(Run::new(
                &columns,
                &[
                    field(first, None),
                    field(first + 1, None),
                    field(first + 2, None),
                ],
            ));
        }
        let plan_priority = Pairs::new(
            &columns,
            1,
            &values[Plan as usize],
            &values[Priority as usize],
        );
        let channel_category = Pairs::new(
            &columns,
            channel,
            &values[Channel as usize],
            &values[Category as usize],
        );
        Layout {
            contract,
            columns,
            draws,
            kinds,
            values,
            json,
            described,
            undescribed,
            plan_priority,
            channel_category,
            status_update,
            paused,
            exclusion,
            coverage,
            contact,
            quota,
            reconcile,
            fee: None,
        }
    }

    pub fn kinds(&self) -> usize {
        self.kinds
    }

    /// Indices (into [`AUDITED`]) of the targets this contract's output shows,
    /// in summary order.
    pub fn shown_kinds(&self) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.kinds).collect();
        if self.status_update.is_some() {
            out.push(KINDS - 1);
        }
        out
    }

    /// The CSV form of entry `i` of `set`.
    pub(super) fn csv_value(&self, set: Values, i: usize) -> &Form {
        &self.values[set as usize][i].csv
    }

    /// Whether column `col` draws from `set` (what a sink may check before using
    /// forms rendered per column).
    pub(super) fn draws_from(&self, col: usize, set: Values) -> bool {
        self.draws.get(col) == Some(&Some(set))
    }

    pub(super) fn time(&self, sink: &mut impl FieldSink, t: Option<i64>) {
        match t {
            Some(t) => sink.time(t),
            None => sink.empty(),
        }
    }

    pub(super) fn value(&self, sink: &mut impl FieldSink, set: Values, i: Option<usize>) {
        match i {
            Some(i) if i < self.values[set as usize].len() => sink.value(set, i),
            _ => sink.empty(),
        }
    }

    /// Sends the fields of one ticket, in column order.
    pub fn emit(&self, t: &TicketAudit, sink: &mut impl FieldSink) {
        sink.text(&t.id);
        if t.priority.is_some() || t.priority_text.is_empty() {
            sink.run(self.plan_priority.get(t.plan, t.priority), 2);
        } else {
            // A priority the contract does not know is shown as written.
            self.value(sink, Values::Plan, t.plan);
            sink.text(&t.priority_text);
        }
        self.time(sink, t.created_at);
        self.time(sink, t.clock_start());
        for o in t.outcomes.iter().take(self.kinds) {
            self.time(sink, o.due);
            self.time(sink, o.event);
            self.value(sink, Values::Status, Some(o.status as usize));
            match o.elapsed {
                Some(e) => sink.int(e),
                None => sink.empty(),
            }
        }
        if t.category.is_none() && !t.category_text.is_empty() {
            // A category the contract has no vocabulary for is shown as written.
            self.value(sink, Values::Channel, t.channel);
            sink.text(&t.category_text);
        } else {
            sink.run(self.channel_category.get(t.channel, t.category), 2);
        }
        for (k, o) in t.outcomes.iter().take(self.kinds).enumerate() {
            self.describe(k, o, sink);
        }
        match &t.error {
            Some(e) => sink.text(&format!("{}: {}", e.column, e.message)),
            None => sink.empty(),
        }
        if let Some(d) = self.status_update {
            let o = &t.outcomes[KINDS - 1];
            self.time(sink, o.due);
            self.value(sink, Values::Status, Some(o.status as usize));
            for v in [o.elapsed, o.missed, o.updates] {
                match v {
                    Some(v) => sink.int(v),
                    None => sink.empty(),
                }
            }
            self.describe(d, o, sink);
        }
        for &k in &self.paused {
            match t.outcomes[k].paused {
                Some(v) => sink.int(v),
                None => sink.empty(),
            }
        }
        if let Some(clause) = &self.exclusion {
            if t.excluded {
                sink.text(clause);
            } else {
                sink.empty();
            }
        }
        if self.coverage {
            match t.uncovered {
                Some(why) => sink.text(self.contract.coverage.clause(why)),
                None => sink.empty(),
            }
        }
        if self.contact {
            match t.named {
                Some(true) => sink.text("named"),
                Some(false) => sink.text("not_named"),
                None => sink.empty(),
            }
        }
        if self.quota {
            match t.quota {
                Some(q) => sink.text(q.key()),
                None => sink.empty(),
            }
        }
        if self.reconcile {
            for v in t.helpdesk {
                match v {
                    Some(v) => sink.text(v.key()),
                    None => sink.empty(),
                }
            }
        }
    }

    /// The target, clock and clause columns of audited kind `k`.
    pub(super) fn describe(&self, k: usize, o: &Outcome, sink: &mut impl FieldSink) {
        let width = self.contract.schedules.len() + 1;
        let schedule = o.schedule.filter(|&s| s < width - 1).unwrap_or(width - 1);
        let run = o
            .target
            .and_then(|i| self.described[k].get(i * width + schedule))
            .unwrap_or(&self.undescribed[k]);
        sink.run(run, 3);
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
pub fn summary_lines(layout: &Layout<'_>, summary: &Summary) -> Result<Vec<String>> {
    let mut out: Vec<String> = summary_rows(layout, summary)
        .into_iter()
        .map(|r| {
            let c = r.counts;
            format!(
                "{} priority {}: {} tickets, {} met, {} breached, {} overdue, {} open, {} no_target, {} invalid, compliance {}{}",
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
                extra_counts(&c),
            )
        })
        .collect();
    if let Some(p) = &summary.penalties {
        out.extend(p.summary(layout.fee.as_ref()).map_err(fee_error)?.lines());
    }
    out.extend(
        summary
            .contact_tallies(layout.contract)
            .iter()
            .map(|t| t.line()),
    );
    out.extend(summary.quotas.iter().map(|q| q.line()));
    if layout.reconcile {
        out.extend(reconcile_lines(summary));
    }
    Ok(out)
}

/// The distinct reporters of one plan against its named-contact limit.
/// A penalty amount that exact decimals cannot hold, named after the flag that
/// caused it.
pub(super) fn fee_error(e: slaudit::money::Overflow) -> anyhow::Error {
    anyhow::anyhow!("--fee: {e}")
}

/// The counts only some runs have, as `, N no_data, N excluded, N not_covered` (each only
/// when not zero, so that runs without events or exclusions read as before).
fn extra_counts(c: &slaudit::audit::Counts) -> String {
    let mut s = String::new();
    if c.no_data > 0 {
        s.push_str(&format!(", {} no_data", c.no_data));
    }
    if c.excluded > 0 {
        s.push_str(&format!(", {} excluded", c.excluded));
    }
    if c.not_covered > 0 {
        s.push_str(&format!(", {} not_covered", c.not_covered));
    }
    if c.at_risk > 0 {
        s.push_str(&format!(", {} at_risk", c.at_risk));
    }
    s
}

/// Where the help desk's own verdicts disagree with the contract, one line per
/// target: how many tickets were compared, and each kind of disagreement with
/// the first ids.
pub fn reconcile_lines(summary: &Summary) -> Vec<String> {
    let ids = |n: u64, ids: &[String]| {
        if n == 0 {
            String::new()
        } else if n as usize > ids.len() {
            format!(" ({} and {} more)", ids.join(", "), n as usize - ids.len())
        } else {
            format!(" ({})", ids.join(", "))
        }
    };
    ["response", "resolution"]
        .iter()
        .zip(&summary.disagreements)
        .map(|(target, d)| {
            format!(
                "reconcile {target}: {} ticket(s) with a help desk verdict and a decided status; help desk met, contract breached or overdue: {}{}; help desk breached, contract met: {}{}",
                d.compared,
                d.helpdesk_met,
                ids(d.helpdesk_met, &d.helpdesk_met_ids),
                d.helpdesk_breached,
                ids(d.helpdesk_breached, &d.helpdesk_breached_ids),
            )
        })
        .collect()
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
    for k in layout.shown_kinds() {
        let kind = AUDITED[k];
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

/// Writes the warnings, the summary and the block of assumptions to standard
/// error, each unless `-q` levels leave it out.
pub fn summary_to_stderr(
    layout: &Layout<'_>,
    summary: &Summary,
    warnings: &[String],
    show: &crate::cli::RowHandling,
) -> Result<()> {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        writeln!(err, "warning: {w}")?;
    }
    if show.summary() {
        for line in summary_lines(layout, summary)? {
            writeln!(err, "summary: {line}")?;
        }
    }
    if show.assumptions() {
        for line in assumption_block(layout.contract) {
            writeln!(err, "{line}")?;
        }
    }
    Ok(())
}

/// The assumptions that bear on ticket deadlines, as one block for people: a
/// heading, then one line per assumption under its place (a place shared by
/// several is written once).
pub fn assumption_block(c: &slaudit::contract::Contract) -> Vec<String> {
    let assumptions = c.ticket_assumptions();
    if assumptions.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "assumptions: {} reading(s) the text of contract {} does not state (each with its clause: slaudit contracts show {}; -q leaves this block out):",
        assumptions.len(),
        c.key,
        c.key
    )];
    // Per place, in order of first appearance; texts that differ only after a
    // shared "reading: " lead are joined under it ("...: 3 x ...; 4 x ...").
    // (place, [(lead, tails joined under it)])
    type Readings<'a> = Vec<(&'a str, Vec<&'a str>)>;
    let mut places: Vec<(&str, Readings)> = Vec::new();
    for (place, text) in &assumptions {
        let at = match places.iter().position(|(p, _)| p == place) {
            Some(i) => i,
            None => {
                places.push((place, Vec::new()));
                places.len() - 1
            }
        };
        let texts = &mut places[at].1;
        // Only short tails are joined: a tail of whole sentences stays whole.
        let split = text
            .split_once(": ")
            .filter(|(_, rest)| rest.chars().count() <= 60 && !rest.contains(". "));
        match split {
            Some((lead, rest)) => match texts.iter_mut().find(|(l, r)| *l == lead && !r.is_empty())
            {
                Some((_, rests)) => rests.push(rest),
                None => texts.push((lead, vec![rest])),
            },
            None => texts.push((text, Vec::new())),
        }
    }
    for (place, texts) in places {
        for (i, (lead, rests)) in texts.iter().enumerate() {
            let head = if i == 0 {
                format!("{place}:")
            } else {
                " ".repeat(place.chars().count() + 1)
            };
            if rests.is_empty() {
                lines.push(format!("  {head} {lead}"));
            } else {
                let end = if rests.iter().any(|r| r.ends_with('.')) {
                    "."
                } else {
                    ""
                };
                let rests: Vec<&str> = rests.iter().map(|r| r.trim_end_matches('.')).collect();
                lines.push(format!("  {head} {lead}: {}{end}", rests.join("; ")));
            }
        }
    }
    lines
}
