//! The contract model: a vendor's support terms, checked and ready to compute
//! with. Vendor facts come only from TOML files ([`spec`]); this module knows no
//! vendor. [`build`] checks a parsed file into a [`Contract`] and [`load`] does
//! it from TOML text; they import the model, so the model does not re-export
//! them (`build::build`, `load::load_contract`).

pub mod availability;
pub mod availability_build;
pub mod availability_spec;
pub mod build;
pub mod coverage;
pub mod extends;
pub mod load;
pub mod quota;
pub mod spec;
mod terms;
pub mod waits;

use chrono_tz::Tz;

use crate::clock::{Clock, Schedule};
use crate::holidays::HolidayCalendar;
use crate::text::Vocabulary;
pub use terms::{parse_duration, Note, Problem, TargetKind};

/// Whether the contract states a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    /// A figure the vendor commits to.
    Committed,
    /// The text states that nothing is promised (Athento Trivial response "> 5 días").
    NoCommitment,
    /// The source refers to a figure it does not publish.
    NotPublished,
}

impl TargetStatus {
    pub fn key(self) -> &'static str {
        match self {
            TargetStatus::Committed => "committed",
            TargetStatus::NoCommitment => "no_commitment",
            TargetStatus::NotPublished => "not_published",
        }
    }
}

/// Units a target can be stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    Hours,
    BusinessDays,
    CalendarDays,
}

impl Unit {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "minutes" => Some(Unit::Minutes),
            "hours" => Some(Unit::Hours),
            "business_days" => Some(Unit::BusinessDays),
            "calendar_days" => Some(Unit::CalendarDays),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::BusinessDays => "business_days",
            Unit::CalendarDays => "calendar_days",
        }
    }
}

/// How much clock a target allows, once the schedule is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Counted clock seconds (minutes, hours, business days).
    Seconds(i64),
    /// Civil days in the contract time zone: same wall time N days later.
    CalendarDays(u32),
}

#[derive(Debug, Clone)]
pub struct Target {
    pub kind: TargetKind,
    pub status: TargetStatus,
    pub value: Option<i64>,
    pub unit: Option<Unit>,
    /// Explicit schedule of this target (else the plan's, after clock rules).
    pub schedule: Option<usize>,
    pub category: Option<usize>,
    pub text: Option<String>,
    pub clause: String,
    pub assumption: Option<String>,
    /// Index in the file's `targets` list (in the merged list, for a contract
    /// that extends another).
    pub index: usize,
    /// The file of an `extends` chain it comes from: 0 = the file given, 1 = the
    /// contract that one extends, ...
    pub layer: usize,
    /// Clauses of inherited targets this one replaces for some or all of the
    /// tickets it covers.
    pub replaces: Vec<String>,
}

impl Target {
    /// The allowance on a given schedule; `None` unless committed.
    pub fn span(&self, schedule: &Schedule) -> Option<Span> {
        let (v, u) = (self.value?, self.unit?);
        if self.status != TargetStatus::Committed {
            return None;
        }
        Some(match u {
            Unit::Minutes => Span::Seconds(v * 60),
            Unit::Hours => Span::Seconds(v * 3600),
            Unit::BusinessDays => Span::Seconds(v * schedule.business_day()),
            Unit::CalendarDays => Span::CalendarDays(u32::try_from(v).unwrap_or(u32::MAX)),
        })
    }

    /// `4 hours`, `1 business_day`, `no commitment`, `not published`.
    pub fn describe(&self) -> String {
        match (self.status, self.value, self.unit) {
            (TargetStatus::Committed, Some(v), Some(u)) => {
                let unit = match (u, v) {
                    (Unit::Minutes, 1) => "minute",
                    (Unit::Hours, 1) => "hour",
                    (Unit::BusinessDays, 1) => "business day",
                    (Unit::CalendarDays, 1) => "calendar day",
                    (Unit::Minutes, _) => "minutes",
                    (Unit::Hours, _) => "hours",
                    (Unit::BusinessDays, _) => "business days",
                    (Unit::CalendarDays, _) => "calendar days",
                };
                format!("{v} {unit}")
            }
            (TargetStatus::NoCommitment, _, _) => "no commitment".to_string(),
            (TargetStatus::NotPublished, _, _) => "not published".to_string(),
            _ => "-".to_string(),
        }
    }
}

/// A vocabulary entry (priority, channel, category).
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub clause: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Published,
    NotPublished,
    NoSupport,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub key: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub schedule: Option<usize>,
    pub status: PlanStatus,
    pub clause: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NamedSchedule {
    pub key: String,
    pub name: String,
    pub schedule: Schedule,
    /// The clock engine's per-year tables for this schedule in this contract.
    pub tables: crate::clock::ClockTables,
    pub clause: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ClockRule {
    pub plans: Vec<usize>,
    pub priorities: Vec<usize>,
    pub channels: Vec<usize>,
    pub schedule: usize,
    pub clause: String,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct HolidaysInfo {
    pub calendar: String,
    pub clause: Option<String>,
    pub assumption: Option<String>,
}

/// A checked contract.
#[derive(Debug, Clone)]
pub struct Contract {
    pub key: String,
    pub name: String,
    pub vendor: Option<String>,
    pub source: String,
    pub tz: Tz,
    pub timezone_clause: Option<String>,
    pub timezone_assumption: Option<String>,
    pub holidays: HolidayCalendar,
    pub holidays_info: Option<HolidaysInfo>,
    pub schedules: Vec<NamedSchedule>,
    pub channels: Vec<Term>,
    pub priorities: Vec<Term>,
    pub plans: Vec<Plan>,
    pub categories: Vec<Term>,
    pub clock_rules: Vec<ClockRule>,
    pub targets: Vec<Target>,
    pub notes: Vec<Note>,
    /// Uptime and credit terms, when the contract has an `[availability]` section.
    pub availability: Option<availability::Availability>,
    /// Pauses and ticket exclusions.
    pub waits: waits::Waits,
    /// The channels each plan accepts and the named contacts.
    pub coverage: coverage::Coverage,
    /// Tickets included per period.
    pub quotas: Vec<quota::Quota>,
    channel_vocab: Vocabulary,
    priority_vocab: Vocabulary,
    plan_vocab: Vocabulary,
    category_vocab: Vocabulary,
    /// General target per (plan, priority, kind).
    table: Vec<Option<usize>>,
    /// Category-specific targets: (category, plan, priority, kind, target).
    overrides: Vec<(usize, usize, usize, TargetKind, usize)>,
    /// Which file of an `extends` chain every term comes from.
    pub provenance: extends::Provenance,
}

impl Contract {
    fn slot(&self, plan: usize, priority: usize, kind: TargetKind) -> usize {
        (plan * self.priorities.len() + priority) * TargetKind::ALL.len() + kind.index()
    }

    pub fn plan(&self, label: &str) -> Option<usize> {
        self.plan_vocab.lookup(label)
    }
    pub fn priority(&self, label: &str) -> Option<usize> {
        self.priority_vocab.lookup(label)
    }
    pub fn channel(&self, label: &str) -> Option<usize> {
        self.channel_vocab.lookup(label)
    }
    pub fn category(&self, label: &str) -> Option<usize> {
        self.category_vocab.lookup(label)
    }
    pub fn plan_keys(&self) -> String {
        self.plan_vocab.list()
    }
    pub fn priority_keys(&self) -> String {
        self.priority_vocab.list()
    }
    pub fn channel_keys(&self) -> String {
        self.channel_vocab.list()
    }
    pub fn category_keys(&self) -> String {
        self.category_vocab.list()
    }

    /// The target of `kind` for a ticket: a category-specific one first, else the
    /// general one. `None` when the contract says nothing about it.
    pub fn target(
        &self,
        plan: usize,
        priority: usize,
        kind: TargetKind,
        category: Option<usize>,
    ) -> Option<&Target> {
        self.target_index(plan, priority, kind, category)
            .map(|t| &self.targets[t])
    }

    /// [`Contract::target`] as an index into `targets`.
    pub fn target_index(
        &self,
        plan: usize,
        priority: usize,
        kind: TargetKind,
        category: Option<usize>,
    ) -> Option<usize> {
        if let Some(cat) = category {
            if let Some(&(_, _, _, _, t)) = self
                .overrides
                .iter()
                .find(|o| o.0 == cat && o.1 == plan && o.2 == priority && o.3 == kind)
            {
                return Some(t);
            }
        }
        self.table
            .get(self.slot(plan, priority, kind))
            .copied()
            .flatten()
    }

    /// Whether any target of `kind` exists in the contract (even unpublished).
    pub fn has_kind(&self, kind: TargetKind) -> bool {
        self.targets.iter().any(|t| t.kind == kind)
    }

    /// The schedule a target runs on for a ticket: the target's own, else the first
    /// clock rule that matches plan, priority and channel, else the plan's.
    pub fn schedule_for(
        &self,
        target: &Target,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
    ) -> Option<usize> {
        if let Some(s) = target.schedule {
            return Some(s);
        }
        self.clock_rule_for(plan, priority, channel)
            .map(|r| self.clock_rules[r].schedule)
            .or(self.plans[plan].schedule)
    }

    /// Index of the clock rule that applies, if any.
    pub fn clock_rule_for(
        &self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
    ) -> Option<usize> {
        self.clock_rules.iter().position(|r| {
            (r.plans.is_empty() || r.plans.contains(&plan))
                && (r.priorities.is_empty() || r.priorities.contains(&priority))
                && (r.channels.is_empty() || channel.is_some_and(|c| r.channels.contains(&c)))
        })
    }

    /// A clock on one of the contract's schedules.
    pub fn clock(&self, schedule: usize) -> Clock<'_> {
        let s = &self.schedules[schedule];
        Clock::with_tables(self.tz, &s.schedule, &self.holidays, &s.tables)
    }

    /// Every reading the source text does not state, with where it applies, in file
    /// order: time zone, holidays, schedules, clock rules, plans, targets, notes.
    pub fn assumptions(&self) -> Vec<(String, String)> {
        self.collect_assumptions(true)
    }

    /// The assumptions that bear on ticket deadlines (all but the availability terms).
    pub fn ticket_assumptions(&self) -> Vec<(String, String)> {
        self.collect_assumptions(false)
    }

    fn collect_assumptions(&self, availability: bool) -> Vec<(String, String)> {
        self.collect_readings(availability)
            .into_iter()
            .map(|(place, text, _)| (place, text))
            .collect()
    }

    /// [`Contract::assumptions`], each with the clause of the term it reads
    /// (when the term names one).
    pub fn assumptions_with_clauses(&self) -> Vec<(String, String, Option<String>)> {
        self.collect_readings(true)
    }

    fn collect_readings(&self, availability: bool) -> Vec<(String, String, Option<String>)> {
        let mut out: Vec<(String, String, Option<String>)> = Vec::new();
        let mut push = |place: String, text: &Option<String>, clause: Option<&String>| {
            if let Some(t) = text {
                if !out.iter().any(|(_, x, _)| x == t) {
                    out.push((place, t.clone(), clause.cloned()));
                }
            }
        };
        push(
            "time zone".into(),
            &self.timezone_assumption,
            self.timezone_clause.as_ref(),
        );
        if let Some(h) = &self.holidays_info {
            push("holidays".into(), &h.assumption, h.clause.as_ref());
        }
        for s in &self.schedules {
            push(
                format!("schedule {}", s.key),
                &s.assumption,
                s.clause.as_ref(),
            );
        }
        for r in &self.clock_rules {
            push("clock rule".into(), &r.assumption, Some(&r.clause));
        }
        for p in &self.plans {
            push(format!("plan {}", p.key), &p.assumption, p.clause.as_ref());
        }
        for t in &self.targets {
            push(
                format!("{} target", t.kind.key()),
                &t.assumption,
                Some(&t.clause),
            );
        }
        for p in &self.waits.pauses {
            push("pause".into(), &p.assumption, Some(&p.clause));
        }
        if let Some(e) = &self.waits.exclusion {
            push("ticket exclusion".into(), &e.assumption, Some(&e.clause));
        }
        for q in &self.quotas {
            push("quota".into(), &q.assumption, Some(&q.clause));
        }
        for r in &self.coverage.channel_rules {
            push("accepted channels".into(), &r.assumption, Some(&r.clause));
        }
        if let Some(c) = &self.coverage.contacts {
            push("contacts".into(), &c.assumption, Some(&c.clause));
            for l in &c.limits {
                push("contact limit".into(), &l.assumption, Some(&l.clause));
            }
        }
        for n in self.notes.iter().filter(|n| n.assumption) {
            push("note".into(), &Some(n.text.clone()), n.clause.as_ref());
        }
        if let Some(av) = self.availability.as_ref().filter(|_| availability) {
            push("availability".into(), &av.assumption, Some(&av.clause));
            if let Some(m) = &av.maintenance {
                push("maintenance".into(), &m.assumption, Some(&m.clause));
                for w in &m.windows {
                    push(
                        "maintenance window".into(),
                        &w.assumption,
                        w.clause.as_ref().or(Some(&m.clause)),
                    );
                }
            }
            for e in &av.exclusions {
                push(
                    format!("exclusion {}", e.key),
                    &e.assumption,
                    Some(&e.clause),
                );
            }
            push(
                "credit".into(),
                &av.credit.assumption,
                Some(&av.credit.clause),
            );
            if let Some(r) = &av.reliability {
                push("reliability".into(), &r.assumption, Some(&r.clause));
            }
            for p in &av.penalties {
                push(
                    format!("{} penalty", p.kind.key()),
                    &p.assumption,
                    Some(&p.clause),
                );
            }
            if let Some(c) = &av.penalty_cap {
                push("penalty cap".into(), &c.assumption, Some(&c.clause));
            }
            for n in av.notes.iter().filter(|n| n.assumption) {
                push(
                    "availability note".into(),
                    &Some(n.text.clone()),
                    n.clause.as_ref(),
                );
            }
        }
        out
    }

    /// Whether a plan earns the availability credit (`plan` is an index into
    /// `plans`).
    pub fn credit_applies_to(&self, plan: usize) -> bool {
        self.availability.as_ref().is_some_and(|av| {
            av.credit.plans.is_empty()
                || av
                    .credit
                    .plans
                    .iter()
                    .any(|name| self.plan(name) == Some(plan))
        })
    }

    /// Targets the source refers to but does not publish, grouped for one warning.
    pub fn unpublished(&self) -> Vec<&Target> {
        self.targets
            .iter()
            .filter(|t| t.status == TargetStatus::NotPublished)
            .collect()
    }
}

/// Checks the plan and priority names the availability terms use against the
/// contract's own (`availability.penalties[0].plans[1]`).
pub fn availability_refs(c: &Contract) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(av) = &c.availability else {
        return problems;
    };
    for (j, name) in av.credit.plans.iter().enumerate() {
        if c.plan(name).is_none() {
            problems.push(Problem::new(
                format!("availability.credit.plans[{j}]"),
                format!("unknown plan '{name}' (defined: {})", c.plan_keys()),
            ));
        }
    }
    for (i, pen) in av.penalties.iter().enumerate() {
        for (j, name) in pen.plans.iter().enumerate() {
            if c.plan(name).is_none() {
                problems.push(Problem::new(
                    format!("availability.penalties[{i}].plans[{j}]"),
                    format!("unknown plan '{name}' (defined: {})", c.plan_keys()),
                ));
            }
        }
        for (j, name) in pen.priorities.iter().enumerate() {
            if c.priority(name).is_none() {
                problems.push(Problem::new(
                    format!("availability.penalties[{i}].priorities[{j}]"),
                    format!("unknown priority '{name}' (defined: {})", c.priority_keys()),
                ));
            }
        }
    }
    problems
}
