//! One ticket's judgement: each target's clock start, due instant, elapsed clock
//! time and status; with the ticket's events, the status-update cadence and the
//! time its clocks stood still while it waited (see [`super::waits`]).

use chrono_tz::Tz;

use super::waits::{self, Gaps, Pauses};
use crate::clock::{BeyondRange, Start};
use crate::contacts::ContactList;
pub use crate::contract::coverage::Uncovered;
use crate::contract::coverage::Unnamed;
use crate::contract::{Contract, Span, TargetKind, TargetStatus};
use crate::events::Event;
use crate::localtime::parse_timestamp;
use crate::record::{RowError, Stamp, TicketRecord};
use crate::text::clip;

/// Targets audited per ticket, in output order: the three judged by one event
/// each, then the status-update cadence, judged by the gaps between reports.
pub const AUDITED: [TargetKind; 4] = [
    TargetKind::Response,
    TargetKind::Resolution,
    TargetKind::Workaround,
    TargetKind::StatusUpdate,
];
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
    /// The target needs events and the run was given none (`--events`).
    NoData,
    /// The ticket is marked excluded and the contract's exclusion removes this target.
    Excluded,
    /// The contract does not answer for the ticket at all (a channel its plan
    /// does not accept, or a reporter who is not a named contact).
    NotCovered,
    /// Open, and it has used `audit --warn-at` percent or more of its time.
    AtRisk,
}

impl Status {
    /// Every status, in declaration order (so `ALL[s as usize] == s`).
    pub const ALL: [Status; 10] = [
        Status::Met,
        Status::Breached,
        Status::Open,
        Status::Overdue,
        Status::NoTarget,
        Status::Invalid,
        Status::NoData,
        Status::Excluded,
        Status::NotCovered,
        Status::AtRisk,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Breached => "breached",
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::NoTarget => "no_target",
            Status::Invalid => "invalid",
            Status::NoData => "no_data",
            Status::Excluded => "excluded",
            Status::NotCovered => "not_covered",
            Status::AtRisk => "at_risk",
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
    /// Counted clock seconds up to the event (or to `as_of` when there is none);
    /// for the status-update cadence, the longest gap between reports.
    pub elapsed: Option<i64>,
    /// Clock seconds the ticket's waits took off this target (when the contract
    /// pauses it and the run has events).
    pub paused: Option<i64>,
    /// Status-update cadence: reports missed over all gaps, and updates counted.
    pub missed: Option<i64>,
    pub updates: Option<i64>,
}

/// How far a breached or overdue target went past its promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overrun {
    /// Clock seconds past a promise that is a length of clock time.
    Clock(i64),
    /// Real seconds past the due instant, for a promise in calendar days.
    Calendar(i64),
}

impl Outcome {
    /// The overrun of a breached or overdue target (judged open up to
    /// `as_of`); `None` for any other status.
    pub fn overrun(&self, c: &Contract, as_of: i64) -> Option<Overrun> {
        if !matches!(self.status, Status::Breached | Status::Overdue) {
            return None;
        }
        let target = self.target.and_then(|i| c.targets.get(i));
        let span = match (target, self.schedule.and_then(|s| c.schedules.get(s))) {
            (Some(x), Some(s)) => x.span(&s.schedule),
            _ => None,
        };
        match (span, self.due) {
            (Some(Span::Seconds(n)), _) => Some(Overrun::Clock((self.elapsed? - n).max(0))),
            (_, Some(due)) => Some(Overrun::Calendar(
                (self.event.unwrap_or(as_of) - due).max(0),
            )),
            _ => None,
        }
    }

    /// The outcome of every target of an invalid row.
    pub const INVALID: Outcome = Outcome {
        status: Status::Invalid,
        target: None,
        schedule: None,
        clock_start: None,
        due: None,
        event: None,
        elapsed: None,
        paused: None,
        missed: None,
        updates: None,
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
    /// The category as written, on a contract without categories (it decides
    /// nothing there, but it is the user's data and is shown as written).
    pub category_text: String,
    pub created_at: Option<i64>,
    /// Response, resolution, workaround, status update (see [`AUDITED`]).
    pub outcomes: [Outcome; KINDS],
    pub error: Option<RowError>,
    /// The ticket's exclusion cause, when it has one and the contract's
    /// exclusion applied.
    pub excluded: bool,
    /// The cause given in the tickets file, when the contract has no exclusion
    /// to apply it to (the run warns about these).
    pub unmatched_exclusion: bool,
    /// Its place in the contract's ticket quota (set by the run, which counts
    /// the tickets: see [`super::quota`]).
    pub quota: Option<super::quota::QuotaMark>,
    /// Who raised the ticket (empty when the row does not say).
    pub reporter: String,
    /// Why the contract does not answer for the ticket, when it does not.
    pub uncovered: Option<Uncovered>,
    /// Whether the reporter is on the named-contact list (when the run has a
    /// list and the row a reporter).
    pub named: Option<bool>,
    /// (line of the events file, instant) of each event that comes before the
    /// ticket's creation (bad rows of that file; left out).
    pub early_events: Vec<(u64, i64)>,
    /// Pauses while already paused and resumes while not paused (they change
    /// nothing).
    pub repeated_waits: u32,
    /// The help desk's own verdict on the response and the resolution, as its
    /// export gives it (see [`crate::record::TicketRecord::helpdesk`]).
    pub helpdesk: [Option<crate::record::Verdict>; 2],
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
            category_text: String::new(),
            created_at: None,
            outcomes: [Outcome::INVALID; KINDS],
            error: None,
            excluded: false,
            unmatched_exclusion: false,
            reporter: String::new(),
            quota: None,
            uncovered: None,
            named: None,
            early_events: Vec::new(),
            repeated_waits: 0,
            helpdesk: [None; 2],
        }
    }

    /// Back to [`TicketAudit::blank`], keeping the capacity of its text buffers.
    pub fn reset(&mut self) {
        let mut id = std::mem::take(&mut self.id);
        let mut priority_text = std::mem::take(&mut self.priority_text);
        let mut early_events = std::mem::take(&mut self.early_events);
        let mut category_text = std::mem::take(&mut self.category_text);
        let mut reporter = std::mem::take(&mut self.reporter);
        reporter.clear();
        id.clear();
        priority_text.clear();
        early_events.clear();
        category_text.clear();
        *self = TicketAudit {
            id,
            priority_text,
            category_text,
            early_events,
            reporter,
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
    /// The customer's named contacts (`--contacts`), when the run has them.
    pub contacts: Option<&'c ContactList>,
}

impl<'c> Auditor<'c> {
    /// Marks `at_risk` each open response, resolution or workaround target
    /// that has used `pct` percent or more of its time by the as-of instant:
    /// clock time counted (paused time left out) against the target's clock
    /// time; for a target in calendar days, elapsed time since its clock
    /// started (less paused time) against the days. The status-update cadence
    /// is not judged at risk.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use slaudit::audit::{Auditor, Status};
    /// use slaudit::read::tickets::TicketReader;
    /// let (file, text) = slaudit::shipped::contract("audara").unwrap();
    /// let c = slaudit::contract::load::load_contract(text, file, &|n| {
    ///     slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
    /// }).unwrap();
    /// // Gold, priority 1 (1 business hour), created Monday 2 March 2026 09:00
    /// // Bogota; 45 minutes later 75 % of the hour is used.
    /// let auditor = Auditor {
    ///     contract: &c,
    ///     default_plan: c.plan("gold"),
    ///     input_tz: c.tz,
    ///     as_of: slaudit::localtime::parse_timestamp("2026-03-02 09:45", c.tz).unwrap(),
    ///     contacts: None,
    /// };
    /// let csv = "id,created_at,priority\nT1,2026-03-02 09:00,1\n";
    /// let mut r = TicketReader::new(csv.as_bytes()).unwrap();
    /// let (_, rec) = r.next_ticket().unwrap();
    /// let mut t = auditor.audit(&rec);
    /// auditor.mark_risk(&mut t, Decimal::from(80));
    /// assert_eq!(t.outcomes[0].status, Status::Open);
    /// auditor.mark_risk(&mut t, Decimal::from(75));
    /// assert_eq!(t.outcomes[0].status, Status::AtRisk);
    /// ```
    pub fn mark_risk(&self, out: &mut TicketAudit, pct: rust_decimal::Decimal) {
        use rust_decimal::Decimal;
        for o in out.outcomes.iter_mut().take(KINDS - 1) {
            let (Status::Open, Some(t), Some(s), Some(start)) =
                (o.status, o.target, o.schedule, o.clock_start)
            else {
                continue;
            };
            let target = &self.contract.targets[t];
            let Some(span) = target.span(&self.contract.schedules[s].schedule) else {
                continue;
            };
            let paused = o.paused.unwrap_or(0);
            let (used, total) = match span {
                crate::contract::Span::Seconds(n) => (o.elapsed.unwrap_or(0), n),
                crate::contract::Span::CalendarDays(d) => {
                    ((self.as_of - start - paused).max(0), i64::from(d) * 86_400)
                }
            };
            if total > 0 && Decimal::from(used) * Decimal::from(100) >= pct * Decimal::from(total) {
                o.status = Status::AtRisk;
            }
        }
    }

    /// Audits one ticket record.
    pub fn audit(&self, rec: &TicketRecord<'_>) -> TicketAudit {
        let mut out = TicketAudit::blank();
        self.audit_into(rec, &mut out);
        out
    }

    /// [`Auditor::audit`] into an existing value, reusing its text buffers (a
    /// stream of rows then costs no allocation per row).
    pub fn audit_into(&self, rec: &TicketRecord<'_>, out: &mut TicketAudit) {
        self.audit_with_events(rec, None, out)
    }

    /// [`Auditor::audit_into`] with the ticket's events, in time order: `None`
    /// when the run has no events file (the status-update cadence is then
    /// `no_data`), an empty slice when the file has none for this ticket.
    ///
    /// ```
    /// use slaudit::audit::{Auditor, Status};
    /// use slaudit::events::{EventKind, EventsBuilder};
    /// use slaudit::localtime::parse_timestamp;
    /// use slaudit::read::tickets::TicketReader;
    /// let (file, text) = slaudit::shipped::contract("safr").unwrap();
    /// let safr = slaudit::contract::load::load_contract(text, file, &|name| {
    ///     slaudit::shipped::calendar(name).map(|(f, t)| (f.to_string(), t.to_string()))
    /// })
    /// .unwrap();
    /// let t = |s| parse_timestamp(s, safr.tz).unwrap();
    /// // A High ticket answered at once, updated after 20 h, resolved 30 h later:
    /// // the second gap is 6 h past the 24 h cadence, so one report was missed.
    /// let csv = "id,created_at,priority,first_response_at,resolved_at\n\
    ///            S1,2026-03-02 09:00,high,2026-03-02 09:00,2026-03-04 11:00\n";
    /// let mut events = EventsBuilder::default();
    /// events.push("S1", t("2026-03-03 05:00"), EventKind::Update, 2);
    /// let events = events.finish();
    /// let auditor = Auditor { contract: &safr, default_plan: None, input_tz: safr.tz, as_of: t("2026-04-01 00:00"), contacts: None };
    /// let mut reader = TicketReader::new(csv.as_bytes()).unwrap();
    /// let (_, rec) = reader.next_ticket().unwrap();
    /// let mut audit = slaudit::audit::TicketAudit::blank();
    /// auditor.audit_with_events(&rec, Some(events.of("S1")), &mut audit);
    /// let cadence = audit.outcomes[3];
    /// assert_eq!(cadence.status, Status::Breached);
    /// assert_eq!((cadence.missed, cadence.elapsed), (Some(1), Some(30 * 3600)));
    /// ```
    pub fn audit_with_events(
        &self,
        rec: &TicketRecord<'_>,
        events: Option<&[Event]>,
        out: &mut TicketAudit,
    ) {
        out.reset();
        out.id.push_str(rec.id);
        out.priority_text.push_str(rec.priority);
        out.reporter.push_str(rec.reporter.unwrap_or(""));
        out.helpdesk = rec.helpdesk;
        // A record that could not be read whole is not judged at all.
        if let Some(problem) = &rec.problem {
            out.outcomes = [Outcome::INVALID; KINDS];
            out.error = Some(problem.clone());
            return;
        }
        if let Err(e) = self.fill(rec, events, out) {
            out.outcomes = [Outcome::INVALID; KINDS];
            out.error = Some(e);
        }
    }

    fn fill(
        &self,
        rec: &TicketRecord<'_>,
        events: Option<&[Event]>,
        out: &mut TicketAudit,
    ) -> Result<(), RowError> {
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
        let created = self.stamp("created_at", created_text)?;
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
            Some(cat) => {
                out.category_text.push_str(cat);
                None
            }
            None => None,
        };
        out.category = category;
        let stamps = [
            ("first_response_at", rec.first_response_at),
            ("resolved_at", rec.resolved_at),
            ("workaround_at", rec.workaround_at),
        ];
        let mut at = [None; 3];
        for (i, (name, text)) in stamps.iter().enumerate() {
            if let Some(t) = text {
                let e = self.stamp(name, *t)?;
                if e < created {
                    return Err(RowError {
                        column: name,
                        message: format!(
                            "{} is before created_at {}",
                            t.shown(c.tz),
                            created_text.shown(c.tz)
                        ),
                    });
                }
                at[i] = Some(e);
            }
        }
        let [first_response, resolved, _] = at;
        // The ticket's waits, from its events at or after its creation; earlier
        // ones are bad rows of the events file.
        let waits = events.map(|evs| {
            for e in evs.iter().filter(|e| e.at < created) {
                out.early_events.push((e.line(), e.at));
            }
            let evs = &evs[evs.partition_point(|e| e.at < created)..];
            let w = Pauses::of(evs, resolved.unwrap_or(self.as_of.max(created)));
            out.repeated_waits = w.repeated;
            (evs, w)
        });
        out.named = match (self.contacts, rec.reporter) {
            (Some(list), Some(r)) => Some(list.is_named(r)),
            _ => None,
        };
        out.uncovered = c.coverage.channel(plan, channel).err().or_else(|| {
            let rule = c.coverage.contacts.as_ref()?;
            (rule.unnamed == Unnamed::NotCovered && out.named == Some(false))
                .then_some(Uncovered::Contact)
        });
        let excluded = rec.excluded.is_some();
        match (&c.waits.exclusion, excluded) {
            (Some(_), true) => out.excluded = true,
            (None, true) => out.unmatched_exclusion = true,
            _ => {}
        }
        // Creation located on the last clock used: the targets of a ticket mostly
        // share one.
        let mut located = None;
        for (i, &kind) in AUDITED.iter().enumerate() {
            // A target that falls due after the last supported year cannot be
            // judged: the ticket is refused (by `deadline` too, which judges
            // through this same function).
            let beyond = |_: BeyondRange| RowError {
                column: "created_at",
                message: format!(
                    "the {} target falls due after the end of {}, the last supported year",
                    kind.label(),
                    crate::localtime::LAST_YEAR
                ),
            };
            let pauses = waits
                .as_ref()
                .filter(|_| c.waits.pause_for(kind, priority).is_some())
                .map(|(_, w)| w);
            let mut o = if kind == TargetKind::StatusUpdate {
                self.cadence(
                    plan,
                    priority,
                    channel,
                    category,
                    created,
                    first_response,
                    resolved,
                    waits.as_ref().map(|(evs, _)| *evs),
                    pauses,
                )
                .map_err(beyond)?
            } else {
                self.outcome_paused(
                    (plan, priority, channel, category),
                    kind,
                    created,
                    at[i],
                    pauses,
                    &mut located,
                )
                .map_err(beyond)?
            };
            let removed = if out.uncovered.is_some() {
                Some(Status::NotCovered)
            } else if out.excluded && c.waits.excludes(kind) {
                Some(Status::Excluded)
            } else {
                None
            };
            if let Some(status) = removed.filter(|_| o.target.is_some()) {
                o = Outcome {
                    status,
                    due: None,
                    elapsed: None,
                    paused: None,
                    missed: None,
                    updates: None,
                    ..o
                };
            }
            out.outcomes[i] = o;
        }
        Ok(())
    }

    /// The gaps between the communications of an audited ticket, as its
    /// status-update cadence counted them (empty when the cadence was not
    /// judged). `events`: the ticket's events, in time order.
    pub fn status_gaps(&self, t: &TicketAudit, events: &[Event]) -> Vec<waits::Gap> {
        let c = self.contract;
        let k = KINDS - 1;
        let o = &t.outcomes[k];
        let (Some(start), Some(sched), Some(index), Some(created), Some(priority)) = (
            o.clock_start,
            o.schedule,
            o.target,
            t.created_at,
            t.priority,
        ) else {
            return Vec::new();
        };
        if !matches!(
            o.status,
            Status::Met | Status::Breached | Status::Open | Status::Overdue | Status::AtRisk
        ) {
            return Vec::new();
        }
        let Some(span) = c.targets[index].span(&c.schedules[sched].schedule) else {
            return Vec::new();
        };
        let clock = c.clock(sched);
        let (counter, cadence) = match span {
            Span::Seconds(n) => (waits::Counter::Clock(&clock), n),
            Span::CalendarDays(n) => (waits::Counter::Elapsed, i64::from(n) * 86_400),
        };
        let resolved = t.outcomes[1].event;
        let evs = &events[events.partition_point(|e| e.at < created)..];
        let w = Pauses::of(evs, resolved.unwrap_or(self.as_of.max(created)));
        let pauses = c
            .waits
            .pause_for(TargetKind::StatusUpdate, priority)
            .map(|_| &w);
        let end = resolved.unwrap_or(self.as_of).max(start);
        let mut out = Vec::new();
        waits::each_gap(&counter, (start, end), evs, pauses, cadence, |g| {
            out.push(g)
        });
        out
    }

    /// The status-update cadence of one ticket (see `docs/counting.md`).
    #[allow(clippy::too_many_arguments)]
    fn cadence(
        &self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
        category: Option<usize>,
        created: i64,
        first_response: Option<i64>,
        resolved: Option<i64>,
        events: Option<&[Event]>,
        pauses: Option<&Pauses>,
    ) -> Result<Outcome, BeyondRange> {
        let c = self.contract;
        let mut o = Outcome {
            status: Status::NoTarget,
            ..Outcome::INVALID
        };
        let Some(index) = c.target_index(plan, priority, TargetKind::StatusUpdate, category) else {
            return Ok(o);
        };
        o.target = Some(index);
        let target = &c.targets[index];
        if target.status != TargetStatus::Committed {
            return Ok(o);
        }
        let Some(sched) = c.schedule_for(target, plan, priority, channel) else {
            return Ok(o);
        };
        o.schedule = Some(sched);
        let Some(span) = target.span(&c.schedules[sched].schedule) else {
            return Ok(o);
        };
        let Some(events) = events else {
            o.status = Status::NoData;
            return Ok(o);
        };
        let clock = c.clock(sched);
        let (counter, cadence) = match span {
            Span::Seconds(n) => (waits::Counter::Clock(&clock), n),
            // A cadence in calendar days runs on elapsed time.
            Span::CalendarDays(n) => (waits::Counter::Elapsed, i64::from(n) * 86_400),
        };
        let start = match first_response {
            Some(t) => t,
            None => clock.start(created)?,
        };
        o.clock_start = Some(start);
        let end = resolved.unwrap_or(self.as_of).max(start);
        let gaps = Gaps::measure(&counter, start, end, events, pauses, cadence)?;
        o.elapsed = Some(gaps.longest);
        o.missed = Some(gaps.missed);
        o.updates = Some(gaps.updates);
        o.paused = pauses.map(|_| gaps.paused);
        let ended_gap = if resolved.is_some() {
            gaps.first_late
        } else {
            gaps.first_late.filter(|&(i, _)| i + 1 < gaps.count)
        };
        if let Some((_, from)) = ended_gap {
            o.status = Status::Breached;
            o.due = Some(waits::due(&counter, from, cadence, pauses)?);
        } else if resolved.is_some() {
            o.status = Status::Met;
        } else {
            o.status = if gaps.current > cadence {
                Status::Overdue
            } else {
                Status::Open
            };
            o.due = Some(waits::due(&counter, gaps.last_report, cadence, pauses)?);
        }
        Ok(o)
    }

    /// [`Auditor::outcome_from`], with the clock stopped during the ticket's
    /// waits when the contract pauses this target.
    fn outcome_paused(
        &self,
        (plan, priority, channel, category): (usize, usize, Option<usize>, Option<usize>),
        kind: TargetKind,
        created: i64,
        event: Option<i64>,
        pauses: Option<&Pauses>,
        located: &mut Option<(usize, Start<'c>)>,
    ) -> Result<Outcome, BeyondRange> {
        let mut o = self.outcome_from(
            plan, priority, channel, category, kind, created, event, located,
        )?;
        let Some(w) = pauses else {
            return Ok(o);
        };
        let (Some(sched), Some(index)) = (o.schedule, o.target) else {
            return Ok(o);
        };
        let c = self.contract;
        let Some(span) = c.targets[index].span(&c.schedules[sched].schedule) else {
            return Ok(o);
        };
        let clock = c.clock(sched);
        let until = event.unwrap_or(self.as_of.max(created));
        let (counter, start, n) = match span {
            Span::Seconds(n) => (
                waits::Counter::Clock(&clock),
                o.clock_start.unwrap_or(created),
                n,
            ),
            // Calendar days: the allowance is the real time from creation to
            // the unpaused due instant; a wait adds its real length.
            Span::CalendarDays(_) => (
                waits::Counter::Elapsed,
                created,
                o.due.map_or(0, |d| d - created),
            ),
        };
        let total = counter.count(start, until);
        let paused = w.paused(&counter, start, until);
        let counted = total - paused;
        o.paused = Some(paused);
        o.elapsed = Some(counted);
        o.due = Some(waits::due(&counter, start, n, Some(w))?);
        o.status = match event {
            Some(_) if counted <= n => Status::Met,
            Some(_) => Status::Breached,
            None if counted > n => Status::Overdue,
            None => Status::Open,
        };
        Ok(o)
    }

    /// A time of the ticket, read by the tickets rules when it is text.
    fn stamp(&self, column: &'static str, s: Stamp<'_>) -> Result<i64, RowError> {
        match s {
            Stamp::Text(t) => self.time(column, t),
            Stamp::At(t) => Ok(t),
        }
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
            paused: None,
            missed: None,
            updates: None,
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
