//! What a month's report keeps of each ticket: its breaches, its missed status
//! reports, and the targets the contract set aside (not covered, excluded).
//! Tickets that met every target leave nothing, so the report's memory grows
//! with its breach list only; each item is compact (instants as integers, the
//! contract's texts shared, not copied).

use std::sync::Arc;

use chrono_tz::Tz;
use serde::Serialize;

use crate::audit::{Overrun, Status, TicketAudit, AUDITED};
use crate::contract::{Contract, TargetKind};

/// An instant, written as RFC 3339 in the contract's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    pub at: i64,
    pub tz: Tz,
}

impl std::fmt::Display for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0u8; 32];
        let n = crate::localtime::write_rfc3339(self.tz, self.at, &mut buf);
        f.write_str(std::str::from_utf8(&buf[..n]).unwrap_or_default())
    }
}

impl Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One breached or overdue response, resolution or workaround target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breach {
    pub ticket: String,
    pub priority: Arc<str>,
    /// `response`, `resolution` or `workaround`.
    pub target: &'static str,
    /// `breached` (the event came late) or `overdue` (none yet, and late).
    pub status: &'static str,
    /// The promise, as the contract states it (`4 hours`, `2 business days`).
    pub promise: Arc<str>,
    /// The schedule its clock ran on.
    pub clock: Arc<str>,
    pub due: Option<Instant>,
    /// When it was met late; `None` while overdue.
    pub actual: Option<Instant>,
    /// Clock seconds counted up to the event (or to the instant the run judges
    /// open tickets at).
    pub elapsed_seconds: i64,
    /// How far past the promise: clock seconds when the promise is a length of
    /// clock time, real seconds past the due instant when it is counted in
    /// calendar days.
    pub overrun_seconds: i64,
    /// `clock` or `calendar`: what `overrun_seconds` counts.
    pub overrun_on: &'static str,
    /// Clock seconds its waits took off (when the contract pauses it).
    pub paused_seconds: Option<i64>,
    pub clause: Arc<str>,
}

/// The status-update cadence of one ticket, when it was missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedReports {
    pub ticket: String,
    pub priority: Arc<str>,
    pub status: &'static str,
    /// The cadence (`24 hours`).
    pub promise: Arc<str>,
    pub clock: Arc<str>,
    /// When the first missed report was due.
    pub first_due: Option<Instant>,
    pub missed: i64,
    /// Status reports the events file gave.
    pub updates: i64,
    /// The longest gap between reports, clock seconds.
    pub longest_gap_seconds: i64,
    pub clause: Arc<str>,
}

/// A ticket whose targets the contract does not answer for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    pub ticket: String,
    pub priority: Arc<str>,
    /// `not_covered` or `excluded`.
    pub status: &'static str,
    /// The targets set aside.
    pub targets: Vec<&'static str>,
    pub reason: String,
    pub clause: Arc<str>,
}

/// One item of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notable {
    Breach(Breach),
    Missed(MissedReports),
    SetAside(SetAside),
}

/// Keeps the items of judged tickets: the contract's texts made once, shared
/// by every item.
#[derive(Debug, Clone)]
pub struct Collector {
    /// The instant open tickets are judged at.
    pub as_of: i64,
    tz: Tz,
    priorities: Vec<Arc<str>>,
    promises: Vec<Arc<str>>,
    clauses: Vec<Arc<str>>,
    clocks: Vec<Arc<str>>,
    channel_clauses: Vec<Arc<str>>,
    contact_clause: Arc<str>,
    exclusion_clause: Arc<str>,
    empty: Arc<str>,
}

impl Collector {
    pub fn new(c: &Contract, as_of: i64) -> Self {
        let arc = |s: &str| Arc::<str>::from(s);
        Collector {
            as_of,
            tz: c.tz,
            priorities: c.priorities.iter().map(|p| arc(&p.key)).collect(),
            promises: c.targets.iter().map(|t| arc(&t.describe())).collect(),
            clauses: c.targets.iter().map(|t| arc(&t.clause)).collect(),
            clocks: c.schedules.iter().map(|s| arc(&s.key)).collect(),
            channel_clauses: c
                .coverage
                .channel_rules
                .iter()
                .map(|r| arc(&r.clause))
                .collect(),
            contact_clause: arc(c.coverage.contacts.as_ref().map_or("", |r| &r.clause)),
            exclusion_clause: arc(c.waits.exclusion.as_ref().map_or("", |e| &e.clause)),
            empty: arc(""),
        }
    }

    fn text(&self, list: &[Arc<str>], i: Option<usize>) -> Arc<str> {
        i.and_then(|i| list.get(i)).unwrap_or(&self.empty).clone()
    }

    /// The items of one judged ticket, appended to `out` (nothing for an
    /// invalid row, or a ticket that met or is still within every target).
    pub fn collect(&self, c: &Contract, t: &TicketAudit, out: &mut Vec<Notable>) {
        if t.error.is_some() {
            return;
        }
        let at = |x: i64| Instant { at: x, tz: self.tz };
        let priority = match t.priority {
            Some(p) => self.text(&self.priorities, Some(p)),
            None => Arc::from(t.priority_text.as_str()),
        };
        let mut aside: Vec<&'static str> = Vec::new();
        let mut aside_status = None;
        for (k, o) in t.outcomes.iter().enumerate() {
            let kind = AUDITED[k];
            match o.status {
                Status::Breached | Status::Overdue => {}
                Status::NotCovered | Status::Excluded => {
                    aside.push(kind.key());
                    aside_status = Some(o.status);
                    continue;
                }
                _ => continue,
            }
            let promise = self.text(&self.promises, o.target);
            let clause = self.text(&self.clauses, o.target);
            let clock = self.text(&self.clocks, o.schedule);
            if kind == TargetKind::StatusUpdate {
                out.push(Notable::Missed(MissedReports {
                    ticket: t.id.clone(),
                    priority: priority.clone(),
                    status: o.status.key(),
                    promise,
                    clock,
                    first_due: o.due.map(at),
                    missed: o.missed.unwrap_or(0),
                    updates: o.updates.unwrap_or(0),
                    longest_gap_seconds: o.elapsed.unwrap_or(0),
                    clause,
                }));
                continue;
            }
            let elapsed = o.elapsed.unwrap_or(0);
            let (overrun, on) = match o.overrun(c, self.as_of) {
                Some(Overrun::Clock(n)) => (n, "clock"),
                Some(Overrun::Calendar(n)) => (n, "calendar"),
                None => (0, "clock"),
            };
            out.push(Notable::Breach(Breach {
                ticket: t.id.clone(),
                priority: priority.clone(),
                target: kind.key(),
                status: o.status.key(),
                promise,
                clock,
                due: o.due.map(at),
                actual: o.event.map(at),
                elapsed_seconds: elapsed,
                overrun_seconds: overrun,
                overrun_on: on,
                paused_seconds: o.paused.filter(|p| *p > 0),
                clause,
            }));
        }
        if let Some(status) = aside_status {
            let (reason, clause) = self.set_aside_reason(c, t, status);
            out.push(Notable::SetAside(SetAside {
                ticket: t.id.clone(),
                priority,
                status: status.key(),
                targets: aside,
                reason,
                clause,
            }));
        }
    }

    fn set_aside_reason(
        &self,
        c: &Contract,
        t: &TicketAudit,
        status: Status,
    ) -> (String, Arc<str>) {
        use crate::contract::coverage::Uncovered;
        if status == Status::Excluded {
            return (
                "marked excluded in the tickets file".to_string(),
                self.exclusion_clause.clone(),
            );
        }
        match t.uncovered {
            Some(Uncovered::Channel(i)) => {
                let channel = t
                    .channel
                    .and_then(|ch| c.channels.get(ch))
                    .map_or("its channel", |ch| ch.key.as_str());
                (
                    format!("raised through {channel}, which its plan does not accept"),
                    self.text(&self.channel_clauses, Some(i)),
                )
            }
            Some(Uncovered::Contact) => (
                format!(
                    "raised by {}, who is not a named contact",
                    if t.reporter.is_empty() {
                        "someone"
                    } else {
                        &t.reporter
                    }
                ),
                self.contact_clause.clone(),
            ),
            None => (String::new(), self.empty.clone()),
        }
    }
}
