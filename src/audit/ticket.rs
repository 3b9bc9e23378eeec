//! One ticket's judgement: each target's clock start, due instant, elapsed clock
//! time and status.

use chrono_tz::Tz;

use crate::clock::{BeyondRange, Start};
use crate::contract::{Contract, Span, TargetKind, TargetStatus};
use crate::localtime::parse_timestamp;
use crate::record::{RowError, TicketRecord};
use crate::text::clip;

/// Targets audited per ticket, in output order.
pub const AUDITED: [TargetKind; 3] = TargetKind::AUDITED;
/// How many targets each ticket has an outcome for.
pub const KINDS: usize = AUDITED.len();

/// Final word on one target of one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Met,
    Breached,
    Open,
    Overdue,
    NoTarget,
    Invalid,
}

impl Status {
    /// Every status, in declaration order (so `ALL[s as usize] == s`).
    pub const ALL: [Status; 6] = [
        Status::Met,
        Status::Breached,
        Status::Open,
        Status::Overdue,
        Status::NoTarget,
        Status::Invalid,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Breached => "breached",
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::NoTarget => "no_target",
            Status::Invalid => "invalid",
        }
    }
}

/// One target of one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// Index of the contract target that applied (committed or not).
    pub target: Option<usize>,
    /// Index of the schedule its clock ran on.
    pub schedule: Option<usize>,
    pub clock_start: Option<i64>,
    pub due: Option<i64>,
    pub event: Option<i64>,
    /// Counted clock seconds up to the event (or to `as_of` when there is none).
    pub elapsed: Option<i64>,
}

impl Outcome {
    /// The outcome of every target of an invalid row.
    pub const INVALID: Outcome = Outcome {
        status: Status::Invalid,
        target: None,
        schedule: None,
        clock_start: None,
        due: None,
        event: None,
        elapsed: None,
    };
}

/// The audit of one ticket row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketAudit {
    pub id: String,
    pub plan: Option<usize>,
    pub priority: Option<usize>,
    /// The raw priority text (shown for invalid rows).
    pub priority_text: String,
    pub channel: Option<usize>,
    pub category: Option<usize>,
    pub created_at: Option<i64>,
    /// Response, resolution, workaround (see [`AUDITED`]).
    pub outcomes: [Outcome; KINDS],
    pub error: Option<RowError>,
}

impl TicketAudit {
    /// A row with nothing read yet: every field empty, every target invalid.
    pub fn blank() -> Self {
        TicketAudit {
            id: String::new(),
            plan: None,
            priority: None,
            priority_text: String::new(),
            channel: None,
            category: None,
            created_at: None,
            outcomes: [Outcome::INVALID; KINDS],
            error: None,
        }
    }

    /// Back to [`TicketAudit::blank`], keeping the capacity of its text buffers.
    pub fn reset(&mut self) {
        let mut id = std::mem::take(&mut self.id);
        let mut priority_text = std::mem::take(&mut self.priority_text);
        id.clear();
        priority_text.clear();
        *self = TicketAudit {
            id,
            priority_text,
            ..TicketAudit::blank()
        };
    }

    /// When the first audited clock starts (response's, else resolution's, ...).
    pub fn clock_start(&self) -> Option<i64> {
        self.outcomes.iter().find_map(|o| o.clock_start)
    }
}

/// What every row of one run shares.
#[derive(Debug, Clone, Copy)]
pub struct Auditor<'c> {
    pub contract: &'c Contract,
    /// Plan for rows without one (`--plan`).
    pub default_plan: Option<usize>,
    /// Zone of timestamps without an offset.
    pub input_tz: Tz,
    /// The instant open tickets are judged at (Unix seconds).
    pub as_of: i64,
}

impl<'c> Auditor<'c> {
    /// Audits one ticket record.
    pub fn audit(&self, rec: &TicketRecord<'_>) -> TicketAudit {
        let mut out = TicketAudit::blank();
        self.audit_into(rec, &mut out);
        out
    }

    /// [`Auditor::audit`] into an existing value, reusing its text buffers (a
    /// stream of rows then costs no allocation per row).
    pub fn audit_into(&self, rec: &TicketRecord<'_>, out: &mut TicketAudit) {
        out.reset();
        out.id.push_str(rec.id);
        out.priority_text.push_str(rec.priority);
        if let Err(e) = self.fill(rec, out) {
            out.outcomes = [Outcome::INVALID; KINDS];
            out.error = Some(e);
        }
        if let Some(problem) = &rec.problem {
            out.outcomes = [Outcome::INVALID; KINDS];
            out.error = Some(problem.clone());
        }
    }

    fn fill(&self, rec: &TicketRecord<'_>, out: &mut TicketAudit) -> Result<(), RowError> {
        let c = self.contract;
        if out.id.is_empty() {
            return Err(RowError {
                column: "id",
                message: "is empty".into(),
            });
        }
        let created_text = rec.created_at;
        if created_text.is_empty() {
            return Err(RowError {
                column: "created_at",
                message: "is empty".into(),
            });
        }
        let created = self.time("created_at", created_text)?;
        out.created_at = Some(created);
        let prio_text = out.priority_text.as_str();
        let priority = c.priority(prio_text).ok_or_else(|| RowError {
            column: "priority",
            message: format!(
                "priority '{}' is not one of {} in contract {}",
                clip(prio_text),
                c.priority_keys(),
                c.key
            ),
        })?;
        out.priority = Some(priority);
        let plan = match rec.plan {
            Some(p) => c.plan(p).ok_or_else(|| RowError {
                column: "plan",
                message: format!(
                    "plan '{}' is not one of {} in contract {}",
                    clip(p),
                    c.plan_keys(),
                    c.key
                ),
            })?,
            None => match (self.default_plan, c.plans.len()) {
                (Some(p), _) => p,
                (None, 1) => 0,
                _ => {
                    return Err(RowError {
                        column: "plan",
                        message: format!(
                            "no plan on this row and no --plan given (contract {} has plans {})",
                            c.key,
                            c.plan_keys()
                        ),
                    })
                }
            },
        };
        out.plan = Some(plan);
        let channel = match rec.channel {
            Some(ch) => Some(c.channel(ch).ok_or_else(|| RowError {
                column: "channel",
                message: format!(
                    "channel '{}' is not one of {} in contract {}",
                    clip(ch),
                    c.channel_keys(),
                    c.key
                ),
            })?),
            None => None,
        };
        out.channel = channel;
        // Categories only matter to contracts that define some.
        let category = match rec.category {
            Some(cat) if !c.categories.is_empty() => {
                Some(c.category(cat).ok_or_else(|| RowError {
                    column: "category",
                    message: format!(
                        "category '{}' is not one of {} in contract {}",
                        clip(cat),
                        c.category_keys(),
                        c.key
                    ),
                })?)
            }
            _ => None,
        };
        out.category = category;
        let events = [
            ("first_response_at", rec.first_response_at),
            ("resolved_at", rec.resolved_at),
            ("workaround_at", rec.workaround_at),
        ];
        // Creation located on the last clock used: the targets of a ticket mostly
        // share one.
        let mut located = None;
        for (i, (name, text)) in events.iter().enumerate() {
            let event = match text {
                Some(t) => {
                    let e = self.time(name, t)?;
                    if e < created {
                        return Err(RowError {
                            column: name,
                            message: format!(
                                "{} is before created_at {}",
                                clip(t),
                                clip(created_text)
                            ),
                        });
                    }
                    Some(e)
                }
                None => None,
            };
            out.outcomes[i] = self
                .outcome_from(
                    plan,
                    priority,
                    channel,
                    category,
                    AUDITED[i],
                    created,
                    event,
                    &mut located,
                )
                .map_err(|e| RowError {
                    column: "created_at",
                    message: e.to_string(),
                })?;
        }
        Ok(())
    }

    fn time(&self, column: &'static str, text: &str) -> Result<i64, RowError> {
        parse_timestamp(text, self.input_tz).map_err(|e| RowError {
            column,
            message: e.to_string(),
        })
    }

    /// Evaluates one target. Met or breached is decided by counted clock time, not
    /// by comparing instants: an event after the due instant but before any more
    /// clock time has passed (the next morning's opening) is still met.
    #[allow(clippy::too_many_arguments)]
    pub fn outcome(
        &self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
        category: Option<usize>,
        kind: TargetKind,
        created: i64,
        event: Option<i64>,
    ) -> Result<Outcome, BeyondRange> {
        self.outcome_from(
            plan, priority, channel, category, kind, created, event, &mut None,
        )
    }

    /// [`Auditor::outcome`], reusing (and leaving in `located`) the creation
    /// instant located on the clock of the last schedule used.
    #[allow(clippy::too_many_arguments)]
    fn outcome_from(
        &self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
        category: Option<usize>,
        kind: TargetKind,
        created: i64,
        event: Option<i64>,
        located: &mut Option<(usize, Start<'c>)>,
    ) -> Result<Outcome, BeyondRange> {
        let c = self.contract;
        let mut o = Outcome {
            status: Status::NoTarget,
            target: None,
            schedule: None,
            clock_start: None,
            due: None,
            event,
            elapsed: None,
        };
        let Some(index) = c.target_index(plan, priority, kind, category) else {
            return Ok(o);
        };
        let target = &c.targets[index];
        o.target = Some(index);
        if target.status != TargetStatus::Committed {
            return Ok(o);
        }
        let Some(sched) = c.schedule_for(target, plan, priority, channel) else {
            return Ok(o);
        };
        o.schedule = Some(sched);
        let clock = c.clock(sched);
        let Some(span) = target.span(&c.schedules[sched].schedule) else {
            return Ok(o);
        };
        let as_of = self.as_of.max(created);
        match span {
            Span::Seconds(n) => {
                let from = match *located {
                    Some((s, from)) if s == sched => from,
                    _ => {
                        let from = clock.locate_start(created);
                        *located = Some((sched, from));
                        from
                    }
                };
                let m = clock.measure_from(&from, n, event.unwrap_or(as_of))?;
                o.clock_start = Some(m.start);
                o.due = Some(m.due);
                let counted = m.counted;
                o.elapsed = Some(counted);
                o.status = match event {
                    Some(_) if counted <= n => Status::Met,
                    Some(_) => Status::Breached,
                    None if counted > n => Status::Overdue,
                    None => Status::Open,
                };
            }
            Span::CalendarDays(n) => {
                // Civil days run on elapsed real time from creation.
                let due = clock.add_calendar_days(created, n)?;
                o.clock_start = Some(created);
                o.due = Some(due);
                let until = event.unwrap_or(as_of);
                o.elapsed = Some(until - created);
                o.status = match event {
                    Some(e) if e <= due => Status::Met,
                    Some(_) => Status::Breached,
                    None if as_of > due => Status::Overdue,
                    None => Status::Open,
                };
            }
        }
        Ok(o)
    }
}
