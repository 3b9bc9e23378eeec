//! Checking a parsed contract file into a [`Contract`]: one function per TOML
//! section, in file order. Every section adds what it finds wrong to one list
//! (each problem located by its TOML key path), so a file with several mistakes
//! reports them all at once; a section that depends on another's names gets the
//! names already checked.

use chrono_tz::Tz;

use super::availability::Availability;
use super::availability_build;
use super::spec::{ContractSpec, TargetSpec, TermSpec};
use super::terms::refs;
use super::{
    availability_refs, parse_duration, ClockRule, Contract, HolidaysInfo, NamedSchedule, Note,
    Plan, PlanStatus, Problem, Target, TargetKind, TargetStatus, Term, Unit,
};
use crate::clock::{parse_hhmm, Schedule, WeeklySchedule};
use crate::holidays::HolidayCalendar;
use crate::text::Vocabulary;

/// Checks a parsed contract. `calendar` returns the holiday calendar a contract
/// names (already checked) or a message saying why it cannot.
pub fn build(
    spec: &ContractSpec,
    calendar: &dyn Fn(&str) -> Result<HolidayCalendar, Problem>,
) -> Result<Contract, Vec<Problem>> {
    build_layered(spec, calendar, &[])
}

/// [`build`] for a contract merged from an `extends` chain: `target_layers[i]`
/// is the file `targets[i]` comes from (0 = the file given, 1 = the one it
/// extends, ...; absent = 0). A target of an outer file applies before any
/// target of an inner one that would cover the same ticket; two targets of one
/// file for the same ticket are a problem, as in a single file.
pub fn build_layered(
    spec: &ContractSpec,
    calendar: &dyn Fn(&str) -> Result<HolidayCalendar, Problem>,
    target_layers: &[usize],
) -> Result<Contract, Vec<Problem>> {
    let mut problems = Vec::new();
    let h = &spec.contract;
    let tz = contract_header(spec, &mut problems);
    let (holidays, holidays_info) = holidays(spec, calendar, &mut problems);
    let (schedules, schedule_keys) = schedules(spec, &mut problems);
    let (channels, channel_vocab) = terms(&spec.channels, "channels", &mut problems);
    let (priorities, priority_vocab) = terms(&spec.priorities, "priorities", &mut problems);
    let (categories, category_vocab) = terms(&spec.categories, "categories", &mut problems);
    if priorities.is_empty() {
        problems.push(Problem::new(
            "priorities",
            "a contract needs at least one priority",
        ));
    }

    let (plans, plan_vocab) = plans(spec, &schedule_keys, &mut problems);
    let names = Names {
        schedule_keys,
        channel_vocab,
        priority_vocab,
        plan_vocab,
        category_vocab,
    };
    let clock_rules = clock_rules(spec, &names, &mut problems);
    let Targets {
        targets,
        table,
        overrides,
    } = targets(
        spec,
        &plans,
        &priorities,
        &names,
        target_layers,
        &mut problems,
    );
    let notes = notes(spec);
    let availability = availability(spec, tz, &mut problems);
    let waits = super::waits::build(
        &spec.pauses,
        spec.ticket_exclusion.as_ref(),
        &names.priority_vocab,
        &mut problems,
    );
    let coverage = super::coverage::build(
        &spec.accepted_channels,
        spec.contacts.as_ref(),
        &names.plan_vocab,
        &names.channel_vocab,
        &mut problems,
    );
    let quotas = super::quota::build(&spec.quotas, &names.plan_vocab, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    let Names {
        channel_vocab,
        priority_vocab,
        plan_vocab,
        category_vocab,
        ..
    } = names;
    let contract = Contract {
        availability,
        waits,
        coverage,
        quotas,
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
        provenance: Default::default(),
    };
    // Names used in the availability terms can only be checked against the whole contract.
    let late = availability_refs(&contract);
    if !late.is_empty() {
        return Err(late);
    }
    Ok(contract)
}

/// The vocabularies later sections refer to by name.
struct Names {
    schedule_keys: Vocabulary,
    channel_vocab: Vocabulary,
    priority_vocab: Vocabulary,
    plan_vocab: Vocabulary,
    category_vocab: Vocabulary,
}

/// The checked `[[targets]]` and the lookups [`Contract::target_index`] answers from.
struct Targets {
    targets: Vec<Target>,
    table: Vec<Option<usize>>,
    overrides: Vec<(usize, usize, usize, TargetKind, usize)>,
}

/// `[contract]`: the key and the time zone (UTC stands in for a bad one so the
/// other sections can still be checked).
fn contract_header(spec: &ContractSpec, problems: &mut Vec<Problem>) -> Tz {
    let h = &spec.contract;
    if h.key.trim().is_empty() {
        problems.push(Problem::new("contract.key", "must not be empty"));
    }
    match h.timezone.parse() {
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
    }
}

/// `[holidays]`: the calendar the contract names.
fn holidays(
    spec: &ContractSpec,
    calendar: &dyn Fn(&str) -> Result<HolidayCalendar, Problem>,
    problems: &mut Vec<Problem>,
) -> (HolidayCalendar, Option<HolidaysInfo>) {
    match &spec.holidays {
        None => (HolidayCalendar::empty("none"), None),
        Some(hs) => {
            let cal = match calendar(&hs.calendar) {
                Ok(c) => c,
                Err(p) => {
                    problems.push(Problem {
                        path: "holidays.calendar".into(),
                        ..p
                    });
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
    }
}

/// `[[schedules]]`, with the vocabulary of their keys.
fn schedules(spec: &ContractSpec, problems: &mut Vec<Problem>) -> (Vec<NamedSchedule>, Vocabulary) {
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
                    Some(_) => {
                        ok = false;
                        problems.push(Problem::new(
                            format!("{path}.business_day"),
                            format!("'{b}' is zero: a business day must be longer than zero (e.g. \"8h\")"),
                        ));
                        None
                    }
                    None => {
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
    (schedules, schedule_keys)
}

/// `[[plans]]`, with the vocabulary of their names.
fn plans(
    spec: &ContractSpec,
    schedule_keys: &Vocabulary,
    problems: &mut Vec<Problem>,
) -> (Vec<Plan>, Vocabulary) {
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
    (plans, plan_vocab)
}

/// `[[clock_rules]]`.
fn clock_rules(spec: &ContractSpec, names: &Names, problems: &mut Vec<Problem>) -> Vec<ClockRule> {
    let Names {
        schedule_keys,
        channel_vocab,
        priority_vocab,
        plan_vocab,
        ..
    } = names;

    let mut clock_rules = Vec::new();
    for (i, r) in spec.clock_rules.iter().enumerate() {
        let path = format!("clock_rules[{i}]");
        let plans_i = refs(
            &r.plans,
            plan_vocab,
            &format!("{path}.plans"),
            "plan",
            problems,
        );
        let prios = refs(
            &r.priorities,
            priority_vocab,
            &format!("{path}.priorities"),
            "priority",
            problems,
        );
        let chans = refs(
            &r.channels,
            channel_vocab,
            &format!("{path}.channels"),
            "channel",
            problems,
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
    clock_rules
}

/// `[[targets]]`: each target filed under every plan and priority it covers
/// (a category-specific one apart); a second target for the same slot is a
/// problem, unless it comes from a contract the first one's file extends: then
/// it gives way (and a target that gives way everywhere is left out).
fn targets(
    spec: &ContractSpec,
    plans: &[Plan],
    priorities: &[Term],
    names: &Names,
    layers: &[usize],
    problems: &mut Vec<Problem>,
) -> Targets {
    let Names {
        schedule_keys,
        priority_vocab,
        plan_vocab,
        category_vocab,
        ..
    } = names;

    let np = priorities.len().max(1);
    let nk = TargetKind::ALL.len();
    let mut table: Vec<Option<usize>> = vec![None; plans.len() * np * nk];
    let mut overrides: Vec<(usize, usize, usize, TargetKind, usize)> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    for (i, t) in spec.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        let layer = layers.get(i).copied().unwrap_or(0);
        let Some(mut target) = target(t, i, &path, schedule_keys, category_vocab, problems) else {
            continue;
        };
        target.layer = layer;
        let plan_list = if t.plans.is_empty() {
            (0..plans.len()).collect()
        } else {
            refs(
                &t.plans,
                plan_vocab,
                &format!("{path}.plans"),
                "plan",
                problems,
            )
        };
        let prio_list = if t.priorities.is_empty() {
            (0..priorities.len()).collect()
        } else {
            refs(
                &t.priorities,
                priority_vocab,
                &format!("{path}.priorities"),
                "priority",
                problems,
            )
        };
        let ti = targets.len();
        let mut filed = 0;
        for &pl in &plan_list {
            let mut filed_here = false;
            for &pr in &prio_list {
                let slot = (pl * np + pr) * nk + target.kind.index();
                let same_cat = target.category.and_then(|cat| {
                    overrides
                        .iter()
                        .find(|o| o.0 == cat && o.1 == pl && o.2 == pr && o.3 == target.kind)
                        .map(|o| o.4)
                });
                // The target already filed for this ticket, if any: a general
                // target of an outer file also comes before an inherited
                // category-specific one.
                let holder = match target.category {
                    Some(_) => same_cat.or(table[slot].filter(|&g| targets[g].layer < layer)),
                    None => table[slot],
                };
                if let Some(other) = holder {
                    if targets[other].layer < layer {
                        if !targets[other].replaces.contains(&target.clause) {
                            targets[other].replaces.push(target.clause.clone());
                        }
                        continue;
                    }
                    problems.push(Problem::new(
                        path.clone(),
                        format!(
                            "{} target for plan '{}' priority '{}' is already set by targets[{}]",
                            target.kind.key(),
                            plans[pl].key,
                            priorities[pr].key,
                            targets[other].index
                        ),
                    ));
                    continue;
                }
                match target.category {
                    Some(cat) => overrides.push((cat, pl, pr, target.kind, ti)),
                    None => table[slot] = Some(ti),
                }
                filed += 1;
                filed_here = true;
            }
            // A committed target needs a clock: its own schedule or the plan's.
            if (filed_here || layer == 0)
                && target.status == TargetStatus::Committed
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
        }
        if filed > 0 || layer == 0 {
            targets.push(target);
        }
    }
    Targets {
        targets,
        table,
        overrides,
    }
}

/// `[[notes]]`.
fn notes(spec: &ContractSpec) -> Vec<Note> {
    spec.notes
        .iter()
        .map(|n| Note {
            text: n.text.clone(),
            clause: n.clause.clone(),
            assumption: n.assumption,
        })
        .collect()
}

/// `[availability]`, when the contract has one.
fn availability(spec: &ContractSpec, tz: Tz, problems: &mut Vec<Problem>) -> Option<Availability> {
    match &spec.availability {
        None => None,
        Some(a) => match availability_build::build(a, tz) {
            Ok(a) => Some(a),
            Err(mut p) => {
                problems.append(&mut p);
                None
            }
        },
    }
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
                if categories.keys().is_empty() {
                    format!("unknown category '{c}': the contract defines no categories")
                } else {
                    format!("unknown category '{c}' (defined: {})", categories.list())
                },
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
        layer: 0,
        replaces: Vec::new(),
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

fn parse_interval(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    Some((parse_hhmm(a)?, parse_hhmm(b)?))
}
