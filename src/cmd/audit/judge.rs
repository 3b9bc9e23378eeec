//! What judges each row of a run (the auditor, the events, the quotas), and
//! the warnings the run ends with.

use slaudit::audit::quota::QuotaBook;
use slaudit::audit::repeated::RepeatedIds;
use slaudit::audit::{Auditor, Summary, TicketAudit, KINDS};
use slaudit::contract::{Contract, TargetKind, TargetStatus};
use slaudit::events::Events;

use super::rows::BadRows;
use crate::cli::AuditArgs;

/// The auditor, the events of the run's tickets when it has an events file,
/// and its ticket quotas when the contract has some.
pub(super) struct Judge<'a> {
    pub(super) auditor: &'a Auditor<'a>,
    pub(super) events: Option<&'a Events>,
    pub(super) quotas: Option<&'a QuotaBook<'a>>,
    /// First responses from the help desk's SLA export, by ticket id.
    pub(super) responses: Option<&'a std::collections::HashMap<String, i64>>,
    /// `--warn-at`: the share of a target's time past which an open one is at risk.
    pub(super) warn_at: Option<rust_decimal::Decimal>,
    /// `report`: only tickets created in `[from, to)` are counted.
    pub(super) period: Option<(i64, i64)>,
    /// `report`: keep each ticket's breaches, missed reports and targets set
    /// aside, judged as of this instant.
    pub(super) collect: Option<slaudit::report::Collector>,
}

impl Judge<'_> {
    /// `hint`: where the worker's previous ticket was found among the events.
    pub(super) fn audit(
        &self,
        (line, rec): (u64, &slaudit::record::TicketRecord<'_>),
        out: &mut TicketAudit,
        hint: &mut Option<u32>,
    ) {
        let events = self.events.map(|e| e.of_near(rec.id, hint));
        // A ticket whose row gives no first response takes the SLA export's.
        let joined;
        let rec = match (self.responses, rec.first_response_at) {
            (Some(r), None) => match r.get(rec.id) {
                Some(&t) => {
                    joined = slaudit::record::TicketRecord {
                        first_response_at: Some(slaudit::record::Stamp::At(t)),
                        ..rec.clone()
                    };
                    &joined
                }
                None => rec,
            },
            _ => rec,
        };
        self.auditor.audit_with_events(rec, events, out);
        if let Some(pct) = self.warn_at {
            self.auditor.mark_risk(out, pct);
        }
        if let (Some(book), Some(plan), Some(created), None) =
            (self.quotas, out.plan, out.created_at, &out.error)
        {
            out.quota = book.mark(plan, created, line);
        }
    }

    /// Whether a valid ticket was created outside the run's period (it is then
    /// neither counted nor written).
    pub(super) fn outside(&self, t: &TicketAudit) -> bool {
        match (self.period, t.created_at, &t.error) {
            (Some((from, to)), Some(c), None) => c < from || c >= to,
            _ => false,
        }
    }

    pub(super) fn quota_lines(&self) -> Vec<slaudit::audit::quota::QuotaLine> {
        self.quotas.map(QuotaBook::lines).unwrap_or_default()
    }
}

/// One line per kind of missing figure, and per kind of event or exclusion the
/// run could not use, that affected this run.
pub(super) fn warnings(
    c: &Contract,
    summary: &Summary,
    judge: &Judge<'_>,
    (bad_events, repeated): (&BadRows, &RepeatedIds),
    args: &AuditArgs,
) -> Vec<String> {
    let mut out = Vec::new();
    if repeated.count() > 0 {
        out.push(format!(
            "{} ticket id(s) appear more than once in {} (every row is audited): {}",
            repeated.count(),
            args.file.display(),
            repeated.names()
        ));
    }
    if let Some(events) = judge.events {
        let (tickets, n) = events.unseen();
        if n > 0 {
            out.push(format!(
                "{n} event(s) in {} name {tickets} ticket(s) that are not in {}; they are not used",
                bad_events.file,
                args.file.display()
            ));
        }
        if bad_events.count > 0 && args.rows.keep_going {
            out.push(format!(
                "{} invalid row(s) in {} left out",
                bad_events.count, bad_events.file
            ));
        }
    }
    let no_data: u64 = (0..KINDS).map(|k| summary.total(k).no_data).sum();
    if judge.events.is_none() && no_data > 0 {
        out.push(format!(
            "the status-update cadence of {no_data} ticket(s) is not judged (no_data): give their status reports with --events"
        ));
    }
    if let (Some(list), Some(rule)) = (judge.auditor.contacts, &c.coverage.contacts) {
        // The plan's limit: --plan's, else the one limit every plan shares.
        let limit = match judge.auditor.default_plan {
            Some(p) => c.coverage.contact_limit(p),
            None => {
                let first = rule.limits.first();
                first.filter(|f| {
                    rule.limits.iter().all(|l| l.max == f.max)
                        && (0..c.plans.len()).all(|p| c.coverage.contact_limit(p).is_some())
                })
            }
        };
        if let Some(l) = limit.filter(|l| list.len() > l.max as usize) {
            out.push(format!(
                "the contacts list names {} contacts; contract {} allows {} ({})",
                list.len(),
                c.key,
                l.max,
                l.clause
            ));
        }
    }
    if summary.repeated_waits > 0 {
        out.push(format!(
            "{} pause or resume event(s) repeat the ticket's state (a pause while paused, a resume while not paused) and change nothing",
            summary.repeated_waits
        ));
    }
    if summary.unmatched_exclusions > 0 {
        out.push(format!(
            "{} ticket(s) are marked excluded, but contract {} states no ticket exclusion: they are audited on every target",
            summary.unmatched_exclusions, c.key
        ));
    }
    let unpublished = c.unpublished();
    let no_target: u64 = (0..KINDS).map(|k| summary.total(k).no_target).sum();
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
