//! Property tests of the clock engine and the audit over every shipped contract.
//!
//! Every (plan, priority, channel, category, target) combination of every shipped
//! contract that carries a committed target is enumerated; combinations that end
//! on the same clock (schedule) with the same allowance are grouped into one case,
//! so each distinct computation is checked once per generated instant while every
//! combination still goes through the full audit path in the status property.
//! Instants are drawn from 2020-2035, with extra weight on opening and closing
//! times, the contract's holidays and the days around DST changes. Schedules no
//! shipped contract has, with DST changes inside open hours, get the same clock
//! properties. `PROPTEST_CASES=N` raises the number of cases for long hunts.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::test_runner::Config;
use slaudit::audit::{Auditor, Status};
use slaudit::clock::{Clock, Schedule, WeeklySchedule};
use slaudit::contract::{Contract, Span, TargetKind, TargetStatus};
use slaudit::holidays::HolidayCalendar;
use slaudit::localtime::{format_rfc3339, offset_at, wall_instant};

use crate::util::{shipped, slaudit};

const FIRST: i32 = 2020;
const LAST: i32 = 2035;

/// One way a ticket reaches a clock.
#[derive(Debug, Clone)]
struct Combo {
    plan: usize,
    priority: usize,
    channel: Option<usize>,
    category: Option<usize>,
    kind: TargetKind,
}

/// A distinct (contract, schedule, allowance) computation.
#[derive(Debug)]
struct Case {
    contract: usize,
    schedule: usize,
    secs: i64,
    combos: Vec<Combo>,
}

/// A calendar-day target (same wall time N days later).
#[derive(Debug)]
struct DaysCase {
    contract: usize,
    schedule: usize,
    days: u32,
    combo: Combo,
}

struct World {
    contracts: Vec<Contract>,
    cases: Vec<Case>,
    day_cases: Vec<DaysCase>,
    /// Per contract: UTC-offset changes (local date, first instant of the new offset).
    transitions: Vec<Vec<(NaiveDate, i64)>>,
    /// Per contract: holidays in FIRST..=LAST.
    holidays: Vec<Vec<NaiveDate>>,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(build_world)
}

fn build_world() -> World {
    let contracts: Vec<Contract> = slaudit::shipped::CONTRACTS
        .iter()
        .map(|(k, _, _)| shipped(k))
        .collect();
    let mut grouped: BTreeMap<(usize, usize, i64), Vec<Combo>> = BTreeMap::new();
    let mut day_cases = Vec::new();
    for (ci, c) in contracts.iter().enumerate() {
        let channels: Vec<Option<usize>> = std::iter::once(None)
            .chain((0..c.channels.len()).map(Some))
            .collect();
        let categories: Vec<Option<usize>> = std::iter::once(None)
            .chain((0..c.categories.len()).map(Some))
            .collect();
        for plan in 0..c.plans.len() {
            for priority in 0..c.priorities.len() {
                for &channel in &channels {
                    for &category in &categories {
                        for kind in TargetKind::ALL {
                            let Some(t) = c.target(plan, priority, kind, category) else {
                                continue;
                            };
                            if t.status != TargetStatus::Committed {
                                continue;
                            }
                            let schedule = c
                                .schedule_for(t, plan, priority, channel)
                                .expect("a committed target has a clock");
                            let combo = Combo {
                                plan,
                                priority,
                                channel,
                                category,
                                kind,
                            };
                            match t.span(&c.schedules[schedule].schedule) {
                                Some(Span::Seconds(n)) => {
                                    grouped.entry((ci, schedule, n)).or_default().push(combo)
                                }
                                Some(Span::CalendarDays(days)) => day_cases.push(DaysCase {
                                    contract: ci,
                                    schedule,
                                    days,
                                    combo,
                                }),
                                None => {}
                            }
                        }
                    }
                }
            }
        }
    }
    let cases = grouped
        .into_iter()
        .map(|((contract, schedule, secs), combos)| Case {
            contract,
            schedule,
            secs,
            combos,
        })
        .collect();
    let transitions = contracts.iter().map(|c| transitions_of(c.tz)).collect();
    let holidays = contracts
        .iter()
        .map(|c| {
            (FIRST..=LAST)
                .flat_map(|y| c.holidays.in_year(y))
                .map(|h| h.date)
                .collect()
        })
        .collect();
    World {
        contracts,
        cases,
        day_cases,
        transitions,
        holidays,
    }
}

/// UTC-offset changes of a zone in FIRST..=LAST: (local date, first instant of the
/// new offset).
fn transitions_of(tz: Tz) -> Vec<(NaiveDate, i64)> {
    let mut out = Vec::new();
    let mut d = date(FIRST, 1, 1);
    let mut off = offset_at(tz, wall_instant(tz, d, 0));
    while d.year() <= LAST {
        let next = d + Days::new(1);
        let o = offset_at(tz, wall_instant(tz, next, 0));
        if o != off {
            let (mut lo, mut hi) = (wall_instant(tz, d, 0), wall_instant(tz, next, 0));
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == off {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((d, hi));
            off = o;
        }
        d = next;
    }
    out
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Raw material for one creation instant; mapped per contract by [`instant`].
#[derive(Debug, Clone, Copy)]
struct Raw {
    mode: u8,
    a: u32,
    b: u32,
    jitter: i64,
}

fn raw() -> impl Strategy<Value = Raw> {
    (0u8..4, any::<u32>(), any::<u32>(), -300i64..=300).prop_map(|(mode, a, b, jitter)| Raw {
        mode,
        a,
        b,
        jitter,
    })
}

/// Opening and closing times of a schedule (office-like times for 24x7 clocks).
fn boundaries(s: &Schedule) -> Vec<u32> {
    match s {
        Schedule::Always => vec![0, 8 * 3600, 17 * 3600, 86_400 - 1],
        Schedule::Weekly(w) => {
            let mut v: Vec<u32> = (0..7)
                .flat_map(|d| w.intervals(d).iter().flat_map(|&(a, b)| [a, b]))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
    }
}

/// A creation instant in 2020-2035 for a contract and schedule.
fn instant(w: &World, contract: usize, schedule: usize, r: Raw) -> i64 {
    let c = &w.contracts[contract];
    let first = date(FIRST, 1, 1);
    let span = (date(LAST, 12, 31) - first).num_days() as u64;
    let uniform_day = first + Days::new(u64::from(r.a) % (span + 1));
    let bounds = boundaries(&c.schedules[schedule].schedule);
    let boundary = bounds[r.b as usize % bounds.len()];
    let nudge = |d: NaiveDate, k: u32| match k % 3 {
        0 => d.pred_opt().unwrap_or(d),
        1 => d,
        _ => d.succ_opt().unwrap_or(d),
    };
    let (day, secs, jitter) = match r.mode {
        0 => (uniform_day, r.b % 86_400, 0),
        1 => (uniform_day, boundary, r.jitter),
        2 => match w.holidays[contract].as_slice() {
            [] => (uniform_day, boundary, r.jitter),
            list => {
                let d = nudge(list[r.a as usize % list.len()], r.b >> 8);
                let secs = if r.b & 1 == 0 { boundary } else { r.b % 86_400 };
                (d, secs, r.jitter)
            }
        },
        _ => match w.transitions[contract].as_slice() {
            [] => (uniform_day, boundary, r.jitter),
            list => {
                let (d, at) = list[r.a as usize % list.len()];
                if r.b & 3 == 0 {
                    // Within two hours of the change itself, on either side.
                    let t = at + r.jitter * 24;
                    let lo = wall_instant(c.tz, first, 0);
                    return t.clamp(lo, wall_instant(c.tz, date(LAST, 12, 31), 86_399));
                }
                let d = nudge(d, r.b >> 8);
                // Half of the others in the small hours, where clocks change.
                let secs = if r.b & 1 == 0 {
                    (r.b >> 1) % (5 * 3600)
                } else {
                    r.b % 86_400
                };
                (d, secs, r.jitter)
            }
        },
    };
    let lo = wall_instant(c.tz, first, 0);
    let hi = wall_instant(c.tz, date(LAST, 12, 31), 86_399);
    (wall_instant(c.tz, day, secs) + jitter).clamp(lo, hi)
}

fn clock_of(w: &'static World, case: &Case) -> Clock<'static> {
    w.contracts[case.contract].clock(case.schedule)
}

fn describe(w: &World, case: &Case, t: i64) -> String {
    let c = &w.contracts[case.contract];
    let k = &case.combos[0];
    format!(
        "contract {} schedule {} allowance {} s (e.g. plan {} priority {} channel {:?} {}), created {}",
        c.key,
        c.schedules[case.schedule].key,
        case.secs,
        c.plans[k.plan].key,
        c.priorities[k.priority].key,
        k.channel.map(|ch| c.channels[ch].key.as_str()),
        k.kind.key(),
        format_rfc3339(c.tz, t)
    )
}

/// `cases` generated inputs per property, or `PROPTEST_CASES` when set (for long
/// hunting runs: `PROPTEST_CASES=20000 cargo test --release --test it properties`).
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

#[test]
fn every_shipped_combination_is_enumerated() {
    let w = world();
    let keys: Vec<&str> = w.contracts.iter().map(|c| c.key.as_str()).collect();
    for key in ["athento", "audara", "clever", "safr"] {
        let ci = keys.iter().position(|k| *k == key).expect("shipped");
        assert!(
            w.cases.iter().any(|c| c.contract == ci),
            "{key} has no committed clock target"
        );
    }
    // Audara Platinum priority 1: phone runs 7x24, chat runs 5x8.
    let ci = keys.iter().position(|k| *k == "audara").expect("audara");
    let c = &w.contracts[ci];
    let platinum = c.plan("platinum").expect("platinum");
    let p1 = c.priority("1").expect("1");
    let on = |channel: &str| {
        let ch = c.channel(channel);
        w.cases
            .iter()
            .find(|case| {
                case.contract == ci
                    && case.combos.iter().any(|k| {
                        k.plan == platinum
                            && k.priority == p1
                            && k.channel == ch
                            && k.kind == TargetKind::Response
                    })
            })
            .map(|case| c.schedules[case.schedule].key.as_str())
    };
    assert_eq!(on("phone"), Some("extended"));
    assert_eq!(on("chat"), Some("business"));
    // SAFR resolution targets are calendar days.
    assert!(!w.day_cases.is_empty());
}

proptest! {
    #![proptest_config(config(256))]

    /// (a) The counted time from creation to the due instant is the target, and
    /// one second earlier it is not reached yet.
    #[test]
    fn due_is_the_earliest_instant_with_the_full_allowance(r in raw()) {
        let w = world();
        for case in &w.cases {
            let clock = clock_of(w, case);
            let t = instant(w, case.contract, case.schedule, r);
            let due = clock.add(t, case.secs).expect("in range");
            prop_assert_eq!(clock.count(t, due), case.secs, "{}", describe(w, case, t));
            prop_assert!(
                clock.count(t, due - 1) < case.secs,
                "due {} is not the earliest: {}",
                due,
                describe(w, case, t)
            );
        }
    }

    /// (b) A ticket created later never gets an earlier due instant.
    #[test]
    fn later_creation_never_gives_an_earlier_due(r in raw(), later in prop_oneof![0i64..=600, 0i64..=14 * 86_400]) {
        let w = world();
        for case in &w.cases {
            let clock = clock_of(w, case);
            let t = instant(w, case.contract, case.schedule, r);
            let a = clock.add(t, case.secs).expect("in range");
            let b = clock.add(t + later, case.secs).expect("in range");
            prop_assert!(a <= b, "{}: +{} s gives {} < {}", describe(w, case, t), later, b, a);
        }
    }

    /// (c) Met or breached agrees with the counted time at every event instant,
    /// through the full audit of a random combination of each case.
    #[test]
    fn status_agrees_with_counted_time(r in raw(), pick in any::<u32>(), around in -5400i64..=5400, far in 0i64..=40 * 86_400, near in any::<bool>()) {
        let w = world();
        for case in &w.cases {
            let c = &w.contracts[case.contract];
            let clock = clock_of(w, case);
            let t = instant(w, case.contract, case.schedule, r);
            let due = clock.add(t, case.secs).expect("in range");
            let e = if near { (due + around).max(t) } else { t + far };
            let k = &case.combos[pick as usize % case.combos.len()];
            let auditor = Auditor { contract: c, default_plan: None, input_tz: c.tz, as_of: e, contacts: None };
            let o = auditor
                .outcome(k.plan, k.priority, k.channel, k.category, k.kind, t, Some(e))
                .expect("in range");
            let counted = clock.count(t, e);
            prop_assert_eq!(o.schedule, Some(case.schedule));
            prop_assert_eq!(o.due, Some(due));
            prop_assert_eq!(o.elapsed, Some(counted));
            let expected = if counted <= case.secs { Status::Met } else { Status::Breached };
            prop_assert_eq!(
                o.status,
                expected,
                "{}: event {} counted {}",
                describe(w, case, t),
                format_rfc3339(c.tz, e),
                counted
            );
        }
    }

    /// (d) Adding in two parts gives the same instant as adding at once, also when
    /// the first part ends exactly on a closing time.
    #[test]
    fn adding_in_two_parts_is_adding_at_once(r in raw(), fa in 0u32..=1000, fb in 0u32..=3000) {
        let w = world();
        for case in &w.cases {
            let clock = clock_of(w, case);
            let t = instant(w, case.contract, case.schedule, r);
            let a = (case.secs * i64::from(fa) / 1000).max(1);
            let b = (case.secs * i64::from(fb) / 1000).max(1);
            let mid = clock.add(t, a).expect("in range");
            let two = clock.add(mid, b).expect("in range");
            let one = clock.add(t, a + b).expect("in range");
            prop_assert_eq!(two, one, "{}: {} + {} s", describe(w, case, t), a, b);
        }
    }

    /// (d') The split lands exactly on a closing time: the remaining part must still
    /// end at the same instant as the whole.
    #[test]
    fn adding_from_a_closing_time_is_adding_at_once(r in raw(), fb in 1u32..=3000) {
        let w = world();
        for case in &w.cases {
            let c = &w.contracts[case.contract];
            let Schedule::Weekly(_) = &c.schedules[case.schedule].schedule else { continue };
            let clock = clock_of(w, case);
            let t = instant(w, case.contract, case.schedule, r);
            // The counted time up to the next closing time is the first part.
            let start = clock.start(t).expect("in range");
            let day = slaudit::localtime::local_date(c.tz, start);
            let Schedule::Weekly(ws) = &c.schedules[case.schedule].schedule else { continue };
            let wd = day.weekday().num_days_from_monday() as usize;
            let Some(close) = ws
                .intervals(wd)
                .iter()
                .map(|&(_, e)| wall_instant(c.tz, day, e))
                .find(|&e| e > start)
            else {
                continue;
            };
            let a = clock.count(t, close);
            prop_assume!(a > 0);
            prop_assert_eq!(clock.add(t, a).expect("in range"), close);
            let b = (case.secs * i64::from(fb) / 1000).max(1);
            let two = clock.add(close, b).expect("in range");
            let one = clock.add(t, a + b).expect("in range");
            prop_assert_eq!(two, one, "{}: closing {} + {} s", describe(w, case, t), format_rfc3339(c.tz, close), b);
        }
    }

}

proptest! {
    #![proptest_config(config(256))]

    /// (b) for calendar-day targets: a ticket created later never gets an earlier
    /// due instant. The exceptions come from the specified "same local wall time N
    /// days later" rule and the forward DST policy, and are left out here:
    /// * a ticket created in the second occurrence of a repeated hour (01:00 PST
    ///   after 01:59 PDT) keeps its wall time, so it can fall due before one created
    ///   minutes earlier in the first occurrence
    ///   (`calendar_day_due_across_the_fall_back_hour`);
    /// * a due wall time that does not exist (spring-forward gap on the due day)
    ///   moves forward by the gap, past the due of a ticket created a little later
    ///   (`calendar_day_due_into_a_spring_forward_gap`).
    #[test]
    fn calendar_day_due_is_monotonic(r in raw(), later in prop_oneof![0i64..=7200, 0i64..=3 * 86_400]) {
        let w = world();
        for case in &w.day_cases {
            let c = &w.contracts[case.contract];
            let clock = c.clock(case.schedule);
            let t = instant(w, case.contract, case.schedule, r);
            let repeated = |x: i64| {
                let zone = slaudit::zone::table(c.tz);
                matches!(zone.from_local(zone.to_local(x)), slaudit::zone::Local::Ambiguous { .. })
            };
            // The due wall time falls in a gap on the due day.
            let into_gap = |x: i64| {
                let zone = slaudit::zone::table(c.tz);
                let wall = zone.to_local(x) + i64::from(case.days) * 86_400;
                matches!(zone.from_local(wall), slaudit::zone::Local::Gap { .. })
            };
            if repeated(t) || repeated(t + later) || into_gap(t) || into_gap(t + later) {
                continue;
            }
            let a = clock.add_calendar_days(t, case.days).expect("in range");
            let b = clock.add_calendar_days(t + later, case.days).expect("in range");
            // The audit reports the same due instant for the combination.
            let k = &case.combo;
            let auditor = Auditor { contract: c, default_plan: None, input_tz: c.tz, as_of: t, contacts: None };
            let o = auditor
                .outcome(k.plan, k.priority, k.channel, k.category, k.kind, t, None)
                .expect("in range");
            prop_assert_eq!(o.due, Some(a));
            prop_assert!(
                a <= b,
                "contract {} {} calendar days: created {} -> due {}, created {} -> due {}",
                c.key,
                case.days,
                format_rfc3339(c.tz, t),
                format_rfc3339(c.tz, a),
                format_rfc3339(c.tz, t + later),
                format_rfc3339(c.tz, b)
            );
        }
    }
}

/// Schedules no shipped contract has, with opening and closing times inside the
/// hours clocks change (Madrid and Los Angeles at 02:00/03:00, Santiago at
/// midnight), so that DST changes fall inside open intervals.
struct Synthetic {
    tz: Tz,
    name: &'static str,
    schedule: Schedule,
    transitions: Vec<(NaiveDate, i64)>,
}

fn synthetic() -> &'static (HolidayCalendar, Vec<Synthetic>) {
    static S: OnceLock<(HolidayCalendar, Vec<Synthetic>)> = OnceLock::new();
    S.get_or_init(|| {
        let h = |x: u32| x * 3600;
        let all_day: [Vec<(u32, u32)>; 7] = std::array::from_fn(|_| vec![(0, h(24))]);
        let small_hours: [Vec<(u32, u32)>; 7] = std::array::from_fn(|d| match d {
            0..=4 => vec![(h(1) + 1800, h(2) + 1800), (h(3), h(12)), (h(23), h(24))],
            5 => vec![(0, h(3) + 1800)],
            _ => vec![(h(2), h(3))],
        });
        let mut out = Vec::new();
        for tz in [
            chrono_tz::Europe::Madrid,
            chrono_tz::America::Los_Angeles,
            chrono_tz::America::Santiago,
        ] {
            for (name, days, business_day) in [
                ("all-day", all_day.clone(), None),
                ("small-hours", small_hours.clone(), Some(8 * 3600)),
            ] {
                let w = WeeklySchedule::new(days, true, business_day).expect("valid schedule");
                out.push(Synthetic {
                    tz,
                    name,
                    schedule: Schedule::Weekly(w),
                    transitions: transitions_of(tz),
                });
            }
        }
        (HolidayCalendar::empty("none"), out)
    })
}

/// An instant within three days of a DST change (or anywhere, for a quarter).
fn near_change(s: &Synthetic, r: Raw) -> i64 {
    let first = wall_instant(s.tz, date(FIRST, 1, 1), 0);
    let last = wall_instant(s.tz, date(LAST, 12, 31), 0);
    if r.mode == 0 || s.transitions.is_empty() {
        return first + i64::from(r.a) % (last - first);
    }
    let (_, at) = s.transitions[r.a as usize % s.transitions.len()];
    let spread = if r.mode == 1 { 7200 } else { 3 * 86_400 };
    (at + i64::from(r.b) % (2 * spread) - spread + r.jitter).clamp(first, last)
}

proptest! {
    #![proptest_config(config(256))]

    /// (a), (b) and (d) on schedules whose open hours contain DST changes.
    #[test]
    fn clock_properties_hold_across_dst_inside_open_hours(r in raw(), later in 0i64..=3 * 86_400, fa in 1u32..=1000) {
        let (holidays, all) = synthetic();
        for s in all {
            let clock = Clock::new(s.tz, &s.schedule, holidays);
            let t = near_change(s, r);
            for n in [1800, 3600, 8 * 3600, 3 * 86_400] {
                let what = format!("{} {} {} s from {}", s.tz, s.name, n, format_rfc3339(s.tz, t));
                let due = clock.add(t, n).expect("in range");
                prop_assert_eq!(clock.count(t, due), n, "{}", what);
                prop_assert!(clock.count(t, due - 1) < n, "{}: due {} not earliest", what, due);
                let due_later = clock.add(t + later, n).expect("in range");
                prop_assert!(due <= due_later, "{}: +{} s gives an earlier due", what, later);
                let a = (n * i64::from(fa) / 1000).max(1);
                let two = clock.add(clock.add(t, a).expect("in range"), n).expect("in range");
                prop_assert_eq!(two, clock.add(t, a + n).expect("in range"), "{}: split at {}", what, a);
            }
        }
    }
}

/// Calendar days keep the local wall time (the product's specified rule: "same
/// local wall time N days later"), also for tickets created in the hour that
/// occurs twice when clocks fall back. SAFR High, resolution 3 calendar days, Los
/// Angeles, Sun 2030-11-03 (PDT -07:00 until 02:00, then PST -08:00 from 01:00):
/// * created 01:22:29 PDT (first 01:22) -> Wed 2030-11-06 01:22:29, PST;
/// * created 01:00:00 PST (second 01:00, 22 minutes later in real time) -> Wed
///   2030-11-06 01:00:00 PST, 22 minutes *before* the first ticket's due time.
///
/// Monotonicity gives way to the wall-time rule here (and in the spring-forward
/// gap, see `calendar_day_due_into_a_spring_forward_gap`).
#[test]
fn calendar_day_due_across_the_fall_back_hour() {
    let c = shipped("safr");
    let tz = c.tz;
    let high = c.priority("high").expect("high");
    let auditor = Auditor {
        contract: &c,
        default_plan: None,
        input_tz: tz,
        as_of: 0,
        contacts: None,
    };
    let due = |at: &str| {
        let t = slaudit::localtime::parse_timestamp(at, tz).expect("timestamp");
        let o = auditor
            .outcome(0, high, None, None, TargetKind::Resolution, t, None)
            .expect("in range");
        format_rfc3339(tz, o.due.expect("due"))
    };
    assert_eq!(
        due("2030-11-03T01:22:29-07:00"),
        "2030-11-06T01:22:29-08:00"
    );
    assert_eq!(
        due("2030-11-03T01:00:00-08:00"),
        "2030-11-06T01:00:00-08:00"
    );
}

/// The forward policy on the due day: SAFR Low, resolution 21 calendar days, Los
/// Angeles. 2028-03-12 02:00-03:00 does not exist (PST -08:00 to PDT -07:00):
/// * created Sun 2028-02-20 02:09:03 PST -> due 02:09:03 on 2028-03-12, which moves
///   forward by the gap to 03:09:03 PDT;
/// * created 03:00:00 PST the same day (51 minutes later) -> due 03:00:00 PDT, nine
///   minutes *before* the first ticket's due time.
#[test]
fn calendar_day_due_into_a_spring_forward_gap() {
    let c = shipped("safr");
    let tz = c.tz;
    let low = c.priority("low").expect("low");
    let auditor = Auditor {
        contract: &c,
        default_plan: None,
        input_tz: tz,
        as_of: 0,
        contacts: None,
    };
    let due = |at: &str| {
        let t = slaudit::localtime::parse_timestamp(at, tz).expect("timestamp");
        let o = auditor
            .outcome(0, low, None, None, TargetKind::Resolution, t, None)
            .expect("in range");
        format_rfc3339(tz, o.due.expect("due"))
    };
    assert_eq!(
        due("2028-02-20T02:09:03-08:00"),
        "2028-03-12T03:09:03-07:00"
    );
    assert_eq!(
        due("2028-02-20T03:00:00-08:00"),
        "2028-03-12T03:00:00-07:00"
    );
}

/// One input row of the order test: the text and the id the audit must show.
#[derive(Debug, Clone)]
struct Row {
    bytes: Vec<u8>,
    id: String,
}

/// Rows for Audara (`contract = 0`) or Athento (`contract = 1`), valid or not.
fn row(contract: u8, kind: u8, n: u32, i: usize) -> Row {
    let (plans, priorities): (&[&str], &[&str]) = if contract == 0 {
        (
            &["gold", "platinum", "Oro"],
            &["1", "2", "3", "4", "5", "P1"],
        )
    } else {
        (
            &["plus", "standard", "company", "enterprise", "starter"],
            &["blocker", "critical", "major", "trivial", "Bloqueante"],
        )
    };
    let plan = plans[n as usize % plans.len()];
    let prio = priorities[(n >> 4) as usize % priorities.len()];
    let day = 1 + (n >> 8) % 28;
    let hour = (n >> 13) % 24;
    let created = format!("2026-02-{day:02} {hour:02}:{:02}:00", (n >> 18) % 60);
    let response = format!("2026-03-{day:02} 10:00:00");
    let id = format!("T{i}");
    let fields: Vec<String> = match kind {
        // Valid rows.
        0..=2 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            "phone".into(),
            created,
            response,
            String::new(),
        ],
        3 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            created,
            String::new(),
            String::new(),
        ],
        4 => vec![
            format!("\"{id},\nquoted\""),
            plan.into(),
            prio.into(),
            "email".into(),
            created,
            String::new(),
            String::new(),
        ],
        5 => vec![
            format!(" {id} "),
            plan.into(),
            prio.into(),
            "chat".into(),
            "2026-02-03T10:00:00Z".into(),
            String::new(),
            String::new(),
        ],
        // Invalid rows.
        6 => vec![
            id.clone(),
            plan.into(),
            "urgent".into(),
            String::new(),
            created,
            String::new(),
            String::new(),
        ],
        7 => vec![
            id.clone(),
            "bronze".into(),
            prio.into(),
            String::new(),
            created,
            String::new(),
            String::new(),
        ],
        8 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            "2026-13-01 10:00".into(),
            String::new(),
            String::new(),
        ],
        9 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        10 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            created,
            "2025-01-01 00:00".into(),
            String::new(),
        ],
        11 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            created,
            String::new(),
            String::new(),
            "extra".into(),
        ],
        12 => vec![id.clone(), plan.into(), prio.into()],
        13 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            "fax".into(),
            created,
            String::new(),
            String::new(),
        ],
        14 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            "0000-01-01 00:00".into(),
            String::new(),
            String::new(),
        ],
        15 => vec![
            id.clone(),
            plan.into(),
            prio.into(),
            String::new(),
            "2026-03-29 02:30".into(),
            String::new(),
            String::new(),
        ],
        16 => vec![
            String::new(),
            plan.into(),
            prio.into(),
            String::new(),
            created,
            String::new(),
            String::new(),
        ],
        _ => {
            // A non-UTF-8 byte in the channel field.
            let mut b = format!("{id},{plan},{prio},ph").into_bytes();
            b.push(0xFF);
            b.extend_from_slice(format!(",{created},,\n").as_bytes());
            return Row { bytes: b, id };
        }
    };
    let shown = match kind {
        4 => format!("{id},\nquoted"),
        16 => String::new(),
        _ => id,
    };
    let mut bytes = fields.join(",").into_bytes();
    bytes.push(b'\n');
    Row { bytes, id: shown }
}

fn rows() -> impl Strategy<Value = (u8, Vec<Row>)> {
    (
        0u8..2,
        proptest::collection::vec((0u8..18, any::<u32>()), 1..40),
    )
        .prop_map(|(c, spec)| {
            let rows = spec
                .into_iter()
                .enumerate()
                .map(|(i, (kind, n))| row(c, kind, n, i))
                .collect();
            (c, rows)
        })
}

proptest! {
    #![proptest_config(config(24))]

    /// (e) With --keep-going the audit writes exactly one row per input row, in
    /// input order, in csv and in jsonl.
    #[test]
    fn keep_going_keeps_every_row_in_order((contract, rows) in rows()) {
        let mut input = b"id,plan,priority,channel,created_at,first_response_at,resolved_at\n".to_vec();
        for r in &rows {
            input.extend_from_slice(&r.bytes);
        }
        let expected: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tickets.csv");
        std::fs::write(&path, &input).expect("write");
        let name = if contract == 0 { "audara" } else { "athento" };
        for format in ["csv", "jsonl"] {
            let out = slaudit()
                .args(["audit", "--contract", name, "--as-of", "2026-06-01T00:00:00Z", "--keep-going", "-qqq", "--format", format])
                .arg(&path)
                .output()
                .expect("run slaudit");
            prop_assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
            let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
            let ids: Vec<String> = if format == "csv" {
                let mut r = csv::Reader::from_reader(stdout.as_bytes());
                r.records().map(|rec| rec.expect("record")[0].to_string()).collect()
            } else {
                stdout
                    .lines()
                    .map(|l| {
                        let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                        v["id"].as_str().unwrap_or_default().to_string()
                    })
                    .collect()
            };
            prop_assert_eq!(&ids, &expected, "{} output of\n{}", format, String::from_utf8_lossy(&input));
        }
    }
}
