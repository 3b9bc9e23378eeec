//! The contract model: a vendor's support terms, checked and ready to compute
//! with. Vendor facts come only from TOML files ([`spec`]); this module knows no
//! vendor.

pub mod availability;
pub mod availability_spec;
pub mod load;
pub mod spec;
mod terms;
pub mod waits;

use chrono_tz::Tz;

use crate::clock::{parse_hhmm, Clock, Schedule, WeeklySchedule};
use crate::holidays::{HolidayCalendar, HolidaySpec};
use crate::text::Vocabulary;
use spec::{ContractSpec, TargetSpec, TermSpec};
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
    /// Index in the file's `targets` list.
    pub index: usize,
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
    channel_vocab: Vocabulary,
    priority_vocab: Vocabulary,
    plan_vocab: Vocabulary,
    category_vocab: Vocabulary,
    /// General target per (plan, priority, kind).
    table: Vec<Option<usize>>,
    /// Category-specific targets: (category, plan, priority, kind, target).
    overrides: Vec<(usize, usize, usize, TargetKind, usize)>,
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
        let mut out: Vec<(String, String)> = Vec::new();
        let mut push = |place: String, text: &Option<String>| {
            if let Some(t) = text {
                if !out.iter().any(|(_, x)| x == t) {
                    out.push((place, t.clone()));
                }
            }
        };
        push("time zone".into(), &self.timezone_assumption);
        if let Some(h) = &self.holidays_info {
            push("holidays".into(), &h.assumption);
        }
        for s in &self.schedules {
            push(format!("schedule {}", s.key), &s.assumption);
        }
        for r in &self.clock_rules {
            push("clock rule".into(), &r.assumption);
        }
        for p in &self.plans {
            push(format!("plan {}", p.key), &p.assumption);
        }
        for t in &self.targets {
            push(format!("{} target", t.kind.key()), &t.assumption);
        }
        for p in &self.waits.pauses {
            push("pause".into(), &p.assumption);
        }
        if let Some(e) = &self.waits.exclusion {
            push("ticket exclusion".into(), &e.assumption);
        }
        for n in self.notes.iter().filter(|n| n.assumption) {
            push("note".into(), &Some(n.text.clone()));
        }
        if let Some(av) = self.availability.as_ref().filter(|_| availability) {
            push("availability".into(), &av.assumption);
            if let Some(m) = &av.maintenance {
                push("maintenance".into(), &m.assumption);
                for w in &m.windows {
                    push("maintenance window".into(), &w.assumption);
                }
            }
            for e in &av.exclusions {
                push(format!("exclusion {}", e.key), &e.assumption);
            }
            push("credit".into(), &av.credit.assumption);
            if let Some(r) = &av.reliability {
                push("reliability".into(), &r.assumption);
            }
            for p in &av.penalties {
                push(format!("{} penalty", p.kind.key()), &p.assumption);
            }
            if let Some(c) = &av.penalty_cap {
                push("penalty cap".into(), &c.assumption);
            }
            for n in av.notes.iter().filter(|n| n.assumption) {
                push("availability note".into(), &Some(n.text.clone()));
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

/// Checks a parsed contract. `calendar` returns the holiday calendar a contract
/// names (already checked) or a message saying why it cannot.
pub fn build(
    spec: &ContractSpec,
    calendar: &dyn Fn(&str) -> Result<HolidaySpec, String>,
) -> Result<Contract, Vec<Problem>> {
    let mut problems = Vec::new();
    let h = &spec.contract;
    if h.key.trim().is_empty() {
        problems.push(Problem::new("contract.key", "must not be empty"));
    }
    let tz: Tz = match h.timezone.parse() {
        Ok(tz) => tz,
        Err(_) => {
            problems.push(Problem::new(
                "contract.timezone",
                format!(
                    "unknown time zone '{}' (expected an IANA name such as America/Bogota)",
                    h.timezone
                ),
            ));
            chrono_tz::UTC
        }
    };

    let (holidays, holidays_info) = match &spec.holidays {
        None => (HolidayCalendar::empty("none"), None),
        Some(hs) => {
            let cal = calendar(&hs.calendar)
                .and_then(|s| HolidayCalendar::from_spec(&s).map_err(|e| e.to_string()));
            let cal = match cal {
                Ok(c) => c,
                Err(m) => {
                    problems.push(Problem::new("holidays.calendar", m));
                    HolidayCalendar::empty(&hs.calendar)
                }
            };
            let info = HolidaysInfo {
                calendar: hs.calendar.clone(),
                clause: hs.clause.clone(),
                assumption: hs.assumption.clone(),
            };
            (cal, Some(info))
        }
    };

    // Schedules.
    let mut schedules = Vec::new();
    let mut schedule_keys = Vocabulary::default();
    for (i, s) in spec.schedules.iter().enumerate() {
        let path = format!("schedules[{i}]");
        if schedule_keys.insert(&s.key, &[]).is_err() {
            problems.push(Problem::new(
                format!("{path}.key"),
                format!("schedule '{}' is defined twice", s.key),
            ));
        }
        let days = [&s.mon, &s.tue, &s.wed, &s.thu, &s.fri, &s.sat, &s.sun];
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let schedule = if s.always {
            if days.iter().any(|d| !d.is_empty()) {
                problems.push(Problem::new(
                    format!("{path}.always"),
                    "a schedule with always = true takes no weekday intervals",
                ));
            }
            Schedule::Always
        } else {
            let mut parsed: [Vec<(u32, u32)>; 7] = Default::default();
            let mut ok = true;
            for (wd, list) in days.iter().enumerate() {
                // Each interval must not overlap one listed before it on that day.
                let mut seen: Vec<(u32, u32)> = Vec::new();
                for (j, iv) in list.iter().enumerate() {
                    if let Some((a, b)) = parse_interval(iv).filter(|(a, b)| b > a) {
                        if let Some(&(c, d)) = seen.iter().find(|&&(c, d)| a < d && c < b) {
                            ok = false;
                            problems.push(Problem::new(
                                format!("{path}.{}[{j}]", names[wd]),
                                format!(
                                    "intervals {}-{} and {iv} overlap",
                                    crate::clock::fmt_hhmm(c),
                                    crate::clock::fmt_hhmm(d)
                                ),
                            ));
                        }
                        seen.push((a, b));
                    }
                    match parse_interval(iv) {
                        Some((a, b)) if b > a => parsed[wd].push((a, b)),
                        Some(_) => {
                            ok = false;
                            problems.push(Problem::new(
                                format!("{path}.{}[{j}]", names[wd]),
                                format!("interval '{iv}' ends before or when it starts"),
                            ));
                        }
                        None => {
                            ok = false;
                            problems.push(Problem::new(
                                format!("{path}.{}[{j}]", names[wd]),
                                format!("'{iv}' is not an interval (expected HH:MM-HH:MM, e.g. 08:00-12:00; 24:00 may end a day)"),
                            ));
                        }
                    }
                }
            }
            let business_day = match &s.business_day {
                None => None,
                Some(b) => match parse_duration(b) {
                    Some(v) if v > 0 => Some(v),
                    _ => {
                        ok = false;
                        problems.push(Problem::new(
                            format!("{path}.business_day"),
                            format!("'{b}' is not a duration (expected e.g. \"8h\" or \"7h30m\")"),
                        ));
                        None
                    }
                },
            };
            if ok {
                match WeeklySchedule::new(parsed, s.closed_on_holidays, business_day) {
                    Ok(w) => Schedule::Weekly(w),
                    Err(e) => {
                        problems.push(Problem::new(path.clone(), e.to_string()));
                        Schedule::Always
                    }
                }
            } else {
                Schedule::Always
            }
        };
        schedules.push(NamedSchedule {
            key: s.key.clone(),
            name: s.name.clone().unwrap_or_else(|| s.key.clone()),
            schedule,
            tables: crate::clock::ClockTables::new(),
            clause: s.clause.clone(),
            assumption: s.assumption.clone(),
        });
    }

    let (channels, channel_vocab) = terms(&spec.channels, "channels", &mut problems);
    let (priorities, priority_vocab) = terms(&spec.priorities, "priorities", &mut problems);
    let (categories, category_vocab) = terms(&spec.categories, "categories", &mut problems);
    if priorities.is_empty() {
        problems.push(Problem::new(
            "priorities",
            "a contract needs at least one priority",
        ));
    }

    // Plans.
    let mut plans = Vec::new();
    let mut plan_vocab = Vocabulary::default();
    if spec.plans.is_empty() {
        problems.push(Problem::new("plans", "a contract needs at least one plan"));
    }
    for (i, p) in spec.plans.iter().enumerate() {
        let path = format!("plans[{i}]");
        if let Err(dup) = plan_vocab.insert(&p.key, &p.aliases) {
            problems.push(Problem::new(
                format!("{path}.key"),
                format!("plan name '{dup}' is used twice"),
            ));
        }
        let status = match p.status.as_deref().unwrap_or("published") {
            "published" => PlanStatus::Published,
            "not_published" => PlanStatus::NotPublished,
            "no_support" => PlanStatus::NoSupport,
            other => {
                problems.push(Problem::new(
                    format!("{path}.status"),
                    format!("unknown status '{other}' (expected published, not_published or no_support)"),
                ));
                PlanStatus::Published
            }
        };
        let schedule = match &p.schedule {
            Some(k) => {
                let idx = schedule_keys.lookup(k);
                if idx.is_none() {
                    problems.push(Problem::new(
                        format!("{path}.schedule"),
                        format!("unknown schedule '{k}' (defined: {})", schedule_keys.list()),
                    ));
                }
                idx
            }
            None => {
                if status == PlanStatus::Published {
                    problems.push(Problem::new(
                        format!("{path}.schedule"),
                        "a published plan needs a schedule (or status = \"not_published\" / \"no_support\")",
                    ));
                }
                None
            }
        };
        plans.push(Plan {
            key: p.key.clone(),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            schedule,
            status,
            clause: p.clause.clone(),
            assumption: p.assumption.clone(),
        });
    }

    // Clock rules.
    let mut clock_rules = Vec::new();
    for (i, r) in spec.clock_rules.iter().enumerate() {
        let path = format!("clock_rules[{i}]");
        let plans_i = refs(
            &r.plans,
            &plan_vocab,
            &format!("{path}.plans"),
            "plan",
            &mut problems,
        );
        let prios = refs(
            &r.priorities,
            &priority_vocab,
            &format!("{path}.priorities"),
            "priority",
            &mut problems,
        );
        let chans = refs(
            &r.channels,
            &channel_vocab,
            &format!("{path}.channels"),
            "channel",
            &mut problems,
        );
        let schedule = schedule_keys.lookup(&r.schedule).unwrap_or_else(|| {
            problems.push(Problem::new(
                format!("{path}.schedule"),
                format!(
                    "unknown schedule '{}' (defined: {})",
                    r.schedule,
                    schedule_keys.list()
                ),
            ));
            0
        });
        clock_rules.push(ClockRule {
            plans: plans_i,
            priorities: prios,
            channels: chans,
            schedule,
            clause: r.clause.clone(),
            assumption: r.assumption.clone(),
        });
    }

    // Targets.
    let np = priorities.len().max(1);
    let mut table: Vec<Option<usize>> = vec![None; plans.len() * np * TargetKind::ALL.len()];
    let mut overrides = Vec::new();
    let mut targets = Vec::new();
    for (i, t) in spec.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        let Some(target) = target(t, i, &path, &schedule_keys, &category_vocab, &mut problems)
        else {
            continue;
        };
        let plan_list = if t.plans.is_empty() {
            (0..plans.len()).collect()
        } else {
            refs(
                &t.plans,
                &plan_vocab,
                &format!("{path}.plans"),
                "plan",
                &mut problems,
            )
        };
        let prio_list = if t.priorities.is_empty() {
            (0..priorities.len()).collect()
        } else {
            refs(
                &t.priorities,
                &priority_vocab,
                &format!("{path}.priorities"),
                "priority",
                &mut problems,
            )
        };
        let ti = targets.len();
        for &pl in &plan_list {
            // A committed target needs a clock: its own schedule or the plan's.
            if target.status == TargetStatus::Committed
                && target.schedule.is_none()
                && plans[pl].schedule.is_none()
                && target.unit != Some(Unit::CalendarDays)
            {
                problems.push(Problem::new(
                    path.clone(),
                    format!(
                        "plan '{}' has no schedule, so this target needs its own `schedule`",
                        plans[pl].key
                    ),
                ));
            }
            for &pr in &prio_list {
                let dup = match target.category {
                    Some(cat) => overrides
                        .iter()
                        .find(|o: &&(usize, usize, usize, TargetKind, usize)| {
                            o.0 == cat && o.1 == pl && o.2 == pr && o.3 == target.kind
                        })
                        .map(|o| o.4),
                    None => table[(pl * np + pr) * TargetKind::ALL.len() + target.kind.index()],
                };
                if let Some(other) = dup {
                    problems.push(Problem::new(
                        path.clone(),
                        format!(
                            "{} target for plan '{}' priority '{}' is already set by targets[{}]",
                            target.kind.key(),
                            plans[pl].key,
                            priorities[pr].key,
                            targets.get(other).map_or(other, |o: &Target| o.index)
                        ),
                    ));
                    continue;
                }
                match target.category {
                    Some(cat) => overrides.push((cat, pl, pr, target.kind, ti)),
                    None => {
                        table[(pl * np + pr) * TargetKind::ALL.len() + target.kind.index()] =
                            Some(ti)
                    }
                }
            }
        }
        targets.push(target);
    }

    let notes = spec
        .notes
        .iter()
        .map(|n| Note {
            text: n.text.clone(),
            clause: n.clause.clone(),
            assumption: n.assumption,
        })
        .collect();

    let availability = match &spec.availability {
        None => None,
        Some(a) => match availability::build(a, tz) {
            Ok(a) => Some(a),
            Err(mut p) => {
                problems.append(&mut p);
                None
            }
        },
    };

    let waits = waits::build(
        &spec.pauses,
        spec.ticket_exclusion.as_ref(),
        &priority_vocab,
        &mut problems,
    );

    if !problems.is_empty() {
        return Err(problems);
    }
    let contract = Contract {
        availability,
        waits,
        key: h.key.clone(),
        name: h.name.clone(),
        vendor: h.vendor.clone(),
        source: h.source.clone(),
        tz,
        timezone_clause: h.timezone_clause.clone(),
        timezone_assumption: h.timezone_assumption.clone(),
        holidays,
        holidays_info,
        schedules,
        channels,
        priorities,
        plans,
        categories,
        clock_rules,
        targets,
        notes,
        channel_vocab,
        priority_vocab,
        plan_vocab,
        category_vocab,
        table,
        overrides,
    };
    // Names used in the availability terms can only be checked against the whole contract.
    let late = availability_refs(&contract);
    if !late.is_empty() {
        return Err(late);
    }
    Ok(contract)
}

fn target(
    t: &TargetSpec,
    index: usize,
    path: &str,
    schedules: &Vocabulary,
    categories: &Vocabulary,
    problems: &mut Vec<Problem>,
) -> Option<Target> {
    let before = problems.len();
    let kind = TargetKind::parse(&t.kind);
    if kind.is_none() {
        problems.push(Problem::new(
            format!("{path}.kind"),
            format!(
                "unknown kind '{}' (expected response, resolution, workaround or status_update)",
                t.kind
            ),
        ));
    }
    let status = match t.status.as_deref().unwrap_or("committed") {
        "committed" => TargetStatus::Committed,
        "no_commitment" => TargetStatus::NoCommitment,
        "not_published" => TargetStatus::NotPublished,
        other => {
            problems.push(Problem::new(
                format!("{path}.status"),
                format!(
                    "unknown status '{other}' (expected committed, no_commitment or not_published)"
                ),
            ));
            TargetStatus::Committed
        }
    };
    let unit = match &t.unit {
        None => None,
        Some(u) => {
            let parsed = Unit::parse(u);
            if parsed.is_none() {
                problems.push(Problem::new(
                    format!("{path}.unit"),
                    format!("unknown unit '{u}' (expected minutes, hours, business_days or calendar_days)"),
                ));
            }
            parsed
        }
    };
    if status == TargetStatus::Committed {
        match t.value {
            None => problems.push(Problem::new(
                path,
                "a committed target needs `value` and `unit`",
            )),
            Some(v) if !(1..=100_000).contains(&v) => problems.push(Problem::new(
                format!("{path}.value"),
                format!("value {v} is out of range (1 to 100000)"),
            )),
            _ => {}
        }
        if t.unit.is_none() {
            problems.push(Problem::new(
                path,
                "a committed target needs `value` and `unit`",
            ));
        }
    }
    let schedule = t.schedule.as_ref().and_then(|k| {
        let idx = schedules.lookup(k);
        if idx.is_none() {
            problems.push(Problem::new(
                format!("{path}.schedule"),
                format!("unknown schedule '{k}' (defined: {})", schedules.list()),
            ));
        }
        idx
    });
    let category = t.category.as_ref().and_then(|c| {
        let idx = categories.lookup(c);
        if idx.is_none() {
            problems.push(Problem::new(
                format!("{path}.category"),
                format!("unknown category '{c}' (defined: {})", categories.list()),
            ));
        }
        idx
    });
    if t.clause.trim().is_empty() {
        problems.push(Problem::new(
            format!("{path}.clause"),
            "every target needs the clause it comes from",
        ));
    }
    if problems.len() > before {
        return None;
    }
    Some(Target {
        kind: kind?,
        status,
        value: t.value,
        unit,
        schedule,
        category,
        text: t.text.clone(),
        clause: t.clause.clone(),
        assumption: t.assumption.clone(),
        index,
    })
}

fn terms(list: &[TermSpec], section: &str, problems: &mut Vec<Problem>) -> (Vec<Term>, Vocabulary) {
    let mut vocab = Vocabulary::default();
    let mut out = Vec::new();
    for (i, t) in list.iter().enumerate() {
        if let Err(dup) = vocab.insert(&t.key, &t.aliases) {
            problems.push(Problem::new(
                format!("{section}[{i}].key"),
                format!("name '{dup}' is used twice in {section}"),
            ));
        }
        out.push(Term {
            key: t.key.clone(),
            name: t.name.clone(),
            aliases: t.aliases.clone(),
            description: t.description.clone(),
            clause: t.clause.clone(),
        });
    }
    (out, vocab)
}

fn refs(
    list: &[String],
    vocab: &Vocabulary,
    path: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (j, label) in list.iter().enumerate() {
        match vocab.lookup(label) {
            Some(i) => out.push(i),
            None => problems.push(Problem::new(
                format!("{path}[{j}]"),
                format!("unknown {what} '{label}' (defined: {})", vocab.list()),
            )),
        }
    }
    out
}

fn parse_interval(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    Some((parse_hhmm(a)?, parse_hhmm(b)?))
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
