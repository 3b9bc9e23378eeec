//! What a month's report keeps of each ticket: its breaches, its missed status
//! reports, and the targets the contract set aside (not covered, excluded).
//! Tickets that met every target leave nothing, so the report's memory grows
//! with its breach list only.

use serde::{Deserialize, Serialize};

use crate::audit::{Status, TicketAudit, AUDITED};
use crate::contract::{Contract, Span, TargetKind};
use crate::localtime::format_rfc3339;

/// One breached or overdue response, resolution or workaround target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    pub ticket: String,
    pub priority: String,
    /// `response`, `resolution` or `workaround`.
    pub target: String,
    /// `breached` (the event came late) or `overdue` (none yet, and late).
    pub status: String,
    /// The promise, as the contract states it (`4 hours`, `2 business days`).
    pub promise: String,
    /// The schedule its clock ran on.
    pub clock: String,
    pub due: String,
    /// When it was met late; `None` while overdue.
    pub actual: Option<String>,
    /// Clock seconds counted up to the event (or to the instant the run judges
    /// open tickets at).
    pub elapsed_seconds: i64,
    /// How far past the promise: clock seconds when the promise is a length of
    /// clock time, real seconds past the due instant when it is counted in
    /// calendar days.
    pub overrun_seconds: i64,
    /// `clock` or `calendar`: what `overrun_seconds` counts.
    pub overrun_on: String,
    /// Clock seconds its waits took off (when the contract pauses it).
    pub paused_seconds: Option<i64>,
    pub clause: String,
}

/// The status-update cadence of one ticket, when it was missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissedReports {
    pub ticket: String,
    pub priority: String,
    pub status: String,
    /// The cadence (`every 24 hours`).
    pub promise: String,
    pub clock: String,
    /// When the first missed report was due.
    pub first_due: Option<String>,
    pub missed: i64,
    /// Status reports the events file gave.
    pub updates: i64,
    /// The longest gap between reports, clock seconds.
    pub longest_gap_seconds: i64,
    pub clause: String,
}

/// A ticket whose targets the contract does not answer for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub ticket: String,
    pub priority: String,
    /// `not_covered` or `excluded`.
    pub status: String,
    /// The targets set aside.
    pub targets: Vec<String>,
    pub reason: String,
    pub clause: String,
}

/// One item of a ticket, as the run writes it (one JSON line each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notable {
    Breach(Breach),
    Missed(MissedReports),
    SetAside(SetAside),
    /// The run's warnings, written once after the last ticket.
    Warnings(Vec<String>),
}

/// The items of one judged ticket, appended to `out`. `as_of`: the instant
/// open tickets were judged at.
pub fn notables(c: &Contract, t: &TicketAudit, as_of: i64, out: &mut Vec<Notable>) {
    if t.error.is_some() {
        return;
    }
    let tz = c.tz;
    let priority = t
        .priority
        .and_then(|p| c.priorities.get(p))
        .map_or_else(|| t.priority_text.clone(), |p| p.key.clone());
    let mut aside: Vec<String> = Vec::new();
    let mut aside_status = None;
    for (k, o) in t.outcomes.iter().enumerate() {
        let kind = AUDITED[k];
        match o.status {
            Status::Breached | Status::Overdue => {}
            Status::NotCovered | Status::Excluded => {
                aside.push(kind.key().to_string());
                aside_status = Some(o.status);
                continue;
            }
            _ => continue,
        }
        let target = o.target.and_then(|i| c.targets.get(i));
        let promise = target.map_or_else(String::new, |x| x.describe());
        let clause = target.map_or_else(String::new, |x| x.clause.clone());
        let clock = o
            .schedule
            .and_then(|s| c.schedules.get(s))
            .map_or_else(String::new, |s| s.key.clone());
        if kind == TargetKind::StatusUpdate {
            out.push(Notable::Missed(MissedReports {
                ticket: t.id.clone(),
                priority: priority.clone(),
                status: o.status.key().to_string(),
                promise,
                clock,
                first_due: o.due.map(|d| format_rfc3339(tz, d)),
                missed: o.missed.unwrap_or(0),
                updates: o.updates.unwrap_or(0),
                longest_gap_seconds: o.elapsed.unwrap_or(0),
                clause,
            }));
            continue;
        }
        let elapsed = o.elapsed.unwrap_or(0);
        let span = match (target, o.schedule.and_then(|s| c.schedules.get(s))) {
            (Some(x), Some(s)) => x.span(&s.schedule),
            _ => None,
        };
        let (overrun, on) = match (span, o.due) {
            (Some(Span::Seconds(n)), _) => (elapsed - n, "clock"),
            (_, Some(due)) => (o.event.unwrap_or(as_of) - due, "calendar"),
            _ => (0, "clock"),
        };
        out.push(Notable::Breach(Breach {
            ticket: t.id.clone(),
            priority: priority.clone(),
            target: kind.key().to_string(),
            status: o.status.key().to_string(),
            promise,
            clock,
            due: o.due.map(|d| format_rfc3339(tz, d)).unwrap_or_default(),
            actual: o.event.map(|e| format_rfc3339(tz, e)),
            elapsed_seconds: elapsed,
            overrun_seconds: overrun.max(0),
            overrun_on: on.to_string(),
            paused_seconds: o.paused.filter(|p| *p > 0),
            clause,
        }));
    }
    if let Some(status) = aside_status {
        let (reason, clause) = set_aside_reason(c, t, status);
        out.push(Notable::SetAside(SetAside {
            ticket: t.id.clone(),
            priority,
            status: status.key().to_string(),
            targets: aside,
            reason,
            clause,
        }));
    }
}

fn set_aside_reason(c: &Contract, t: &TicketAudit, status: Status) -> (String, String) {
    use crate::contract::coverage::Uncovered;
    if status == Status::Excluded {
        let clause = c
            .waits
            .exclusion
            .as_ref()
            .map_or_else(String::new, |e| e.clause.clone());
        return ("marked excluded in the tickets file".to_string(), clause);
    }
    match t.uncovered {
        Some(Uncovered::Channel(i)) => {
            let channel = t
                .channel
                .and_then(|ch| c.channels.get(ch))
                .map_or("its channel", |ch| ch.key.as_str());
            let clause = c
                .coverage
                .channel_rules
                .get(i)
                .map_or_else(String::new, |r| r.clause.clone());
            (
                format!("raised through {channel}, which its plan does not accept"),
                clause,
            )
        }
        Some(Uncovered::Contact) => {
            let clause = c
                .coverage
                .contacts
                .as_ref()
                .map_or_else(String::new, |r| r.clause.clone());
            (
                format!(
                    "raised by {}, who is not a named contact",
                    if t.reporter.is_empty() {
                        "someone"
                    } else {
                        &t.reporter
                    }
                ),
                clause,
            )
        }
        None => (String::new(), String::new()),
    }
}
