//! One test per bug reported against other help-desk SLA engines
//! (`/work/shared/PITFALLS.md`), each worked by hand on the shipped contracts or on a
//! small contract written here. Calendar and zone facts are listed at the top of
//! `deadlines.rs`.
//!
//! Not covered: pauses (GLPI #10594, #9082, #15605, #17186). The product has no
//! pause or pending columns, so time waiting on the customer cannot be recorded,
//! and a deadline is never set by hand; there is nothing to test until pauses are
//! modelled.

use assert_cmd::Command;
use chrono::{Datelike, Timelike, Weekday};
use rust_decimal::Decimal;
use slaudit::audit::{Auditor, Status, Summary};
use slaudit::contract::load::load_contract;
use slaudit::contract::{Contract, TargetKind};
use slaudit::localtime::{parse_timestamp, LocalTimeError, TimestampError};
use slaudit::read::tickets::TicketColumns;

use super::deadlines::{at, shipped, show, Ticket};
use TargetKind::{Resolution, Response, StatusUpdate, Workaround};

const H: i64 = 3600;

/// Loads a contract written in a test (shipped calendars available by name).
fn custom(text: &str) -> Contract {
    load_contract(text, "custom.toml", &|name| {
        slaudit::shipped::calendar(name).map(|(f, t)| (f.to_string(), t.to_string()))
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn due(s: &str) -> Option<String> {
    Some(s.to_string())
}

// ---------------------------------------------------------------------------
// Calendars and holidays
// ---------------------------------------------------------------------------

/// Zammad #390: a holiday feed counted days that were not holidays for that
/// customer. Each contract closes on its own calendar only.
#[test]
fn holidays_are_the_contracts_own() {
    // Fri 2026-07-03 is the observed US Independence Day, an ordinary day in Colombia:
    // Audara P1 created 09:00 -> 10:00 the same day.
    let audara = shipped("audara");
    let p1 = Ticket::new(&audara, "gold", "1");
    assert_eq!(
        p1.due(Response, "2026-07-03 09:00"),
        due("2026-07-03T10:00:00-05:00")
    );
    // Mon 2026-07-20 is Colombia's Independence Day, an ordinary day for SAFR: Medium
    // (8 h) created 09:00 PDT -> 17:00 the same day.
    let safr = shipped("safr");
    let medium = Ticket::new(&safr, "standard", "medium");
    assert_eq!(
        medium.due(Response, "2026-07-20 09:00"),
        due("2026-07-20T17:00:00-07:00")
    );
    // Mon 2026-03-23 (San José in Colombia) is an ordinary day in Spain: Athento Company
    // blocker (4 h) created 09:00 -> 13:00.
    let athento = shipped("athento");
    let company = Ticket::new(&athento, "company", "blocker");
    assert_eq!(
        company.due(Response, "2026-03-23 09:00"),
        due("2026-03-23T13:00:00+01:00")
    );
    // Thu 2026-03-19 (San José) is only a regional holiday in Spain, not national:
    // Enterprise blocker (2 h) created 08:00 -> 10:00.
    let ent = Ticket::new(&athento, "enterprise", "blocker");
    assert_eq!(
        ent.due(Response, "2026-03-19 08:00"),
        due("2026-03-19T10:00:00+01:00")
    );
    // Mon 2026-04-06 (Easter Monday, a holiday in several countries) is open for
    // Audara: P3 (4 h) created 08:00 -> 12:00.
    let p3 = Ticket::new(&audara, "gold", "3");
    assert_eq!(
        p3.due(Response, "2026-04-06 08:00"),
        due("2026-04-06T12:00:00-05:00")
    );
    // A contract that names no calendar closes on no holiday: Mon 2026-03-23 is open
    // for the Mon/Wed/Fri desk below: 2 h from 09:00 -> 11:00.
    let mwf = custom(MON_WED_FRI);
    let t = Ticket::new(&mwf, "standard", "1");
    assert_eq!(
        t.due(Response, "2026-03-23 09:00"),
        due("2026-03-23T11:00:00-05:00")
    );
}

/// GLPI PR 10600: a "1 day" target 10 minutes before closing, with the next day a
/// holiday, gave only those 10 minutes. One business day is a full day of business
/// time wherever it starts.
#[test]
fn one_business_day_is_a_full_day_of_business_time() {
    // Audara P4 (1 business day = 8 h) created Wed 2026-04-01 16:50: 10 min Wed; Thu
    // Apr 2 and Fri Apr 3 (Jueves/Viernes Santo) and the weekend closed; Mon Apr 6:
    // 7 h 50 min left = 08:00-12:00 (4 h) + 13:00 + 3 h 50 min -> 16:50.
    let audara = shipped("audara");
    let p4 = Ticket::new(&audara, "gold", "4");
    assert_eq!(
        p4.due(Response, "2026-04-01 16:50"),
        due("2026-04-06T16:50:00-05:00")
    );
    // Replying at that instant has counted exactly 8 h -> met.
    assert_eq!(
        p4.verdict(Response, "2026-04-01 16:50", "2026-04-06 16:50"),
        (Status::Met, Some(8 * H))
    );
    // SAFR Medium (8 h) created Wed 2026-11-25 16:50 PST: 10 min Wed; Thu 26
    // Thanksgiving closed; Fri 27 09:00 + 7 h 50 min -> 16:50.
    let safr = shipped("safr");
    let medium = Ticket::new(&safr, "standard", "medium");
    assert_eq!(
        medium.due(Response, "2026-11-25 16:50"),
        due("2026-11-27T16:50:00-08:00")
    );
    // Athento Enterprise major (1 día = 12 h) created Fri 2026-10-09 19:50 CEST: 10 min
    // Fri; weekend; Mon Oct 12 Fiesta Nacional closed; Tue 13 08:00 + 11 h 50 min
    // -> 19:50.
    let athento = shipped("athento");
    let major = Ticket::new(&athento, "enterprise", "major");
    assert_eq!(
        major.due(Response, "2026-10-09 19:50"),
        due("2026-10-13T19:50:00+02:00")
    );
}

/// GLPI #687: tickets created outside hours got a delay of 0. A ticket created at
/// night starts its clock at the next opening.
#[test]
fn night_tickets_start_at_the_next_opening() {
    let audara = shipped("audara");
    let p1 = Ticket::new(&audara, "gold", "1");
    // Created on a Tuesday night.
    let created = "2026-03-10 23:30";
    // Clock starts Wed 08:00; 1 h -> 09:00 (not 00:30 the same night).
    assert_eq!(
        p1.start(Response, created),
        due("2026-03-11T08:00:00-05:00")
    );
    assert_eq!(p1.due(Response, created), due("2026-03-11T09:00:00-05:00"));
    // Nothing is counted during the night: as of Wed 07:59 the ticket is open with 0 s.
    assert_eq!(
        p1.pending(Response, created, "2026-03-11 07:59"),
        (Status::Open, Some(0))
    );
    // A reply at Wed 07:00, before the opening, has 0 s counted -> met.
    assert_eq!(
        p1.verdict(Response, created, "2026-03-11 07:00"),
        (Status::Met, Some(0))
    );
    // SAFR Medium created Wed 2026-03-11 03:00 PDT: starts 09:00, 8 h -> 17:00.
    let safr = shipped("safr");
    let medium = Ticket::new(&safr, "standard", "medium");
    assert_eq!(
        medium.start(Response, "2026-03-11 03:00"),
        due("2026-03-11T09:00:00-07:00")
    );
    assert_eq!(
        medium.due(Response, "2026-03-11 03:00"),
        due("2026-03-11T17:00:00-07:00")
    );
    // Athento Plus blocker (8 h) created Tue 2026-03-10 22:00: Wed 10-14 4 h, Thu 10:00
    // + 4 h -> Thu 14:00.
    let athento = shipped("athento");
    let plus = Ticket::new(&athento, "plus", "blocker");
    assert_eq!(
        plus.start(Response, "2026-03-10 22:00"),
        due("2026-03-11T10:00:00+01:00")
    );
    assert_eq!(
        plus.due(Response, "2026-03-10 22:00"),
        due("2026-03-12T14:00:00+01:00")
    );
}

/// GLPI PR 22678, osTicket #6847: several intervals a day (a lunch break) broke due
/// dates.
#[test]
fn lunch_break_splits_the_day() {
    let audara = shipped("audara");
    // P2 (2 h) created Wed 2026-03-11 11:00: 1 h to 12:00, lunch closed, 13:00 + 1 h
    // -> 14:00.
    let p2 = Ticket::new(&audara, "gold", "2");
    assert_eq!(
        p2.due(Response, "2026-03-11 11:00"),
        due("2026-03-11T14:00:00-05:00")
    );
    // A reply at 13:30 has counted 11:00-12:00 + 13:00-13:30 = 1 h 30 min -> met.
    assert_eq!(
        p2.verdict(Response, "2026-03-11 11:00", "2026-03-11 13:30"),
        (Status::Met, Some(90 * 60))
    );
    // P3 (4 h) created 10:00: 2 h to 12:00, 13:00 + 2 h -> 15:00; counted at 15:00 is
    // exactly 4 h.
    let p3 = Ticket::new(&audara, "gold", "3");
    assert_eq!(
        p3.due(Response, "2026-03-11 10:00"),
        due("2026-03-11T15:00:00-05:00")
    );
    assert_eq!(
        p3.verdict(Response, "2026-03-11 10:00", "2026-03-11 15:00"),
        (Status::Met, Some(4 * H))
    );
    // P1 created during lunch (12:30) starts at 13:00 -> 14:00.
    let p1 = Ticket::new(&audara, "gold", "1");
    assert_eq!(
        p1.due(Response, "2026-03-11 12:30"),
        due("2026-03-11T14:00:00-05:00")
    );
}

/// A desk open Monday, Wednesday and Friday only (no holiday calendar).
const MON_WED_FRI: &str = r#"
[contract]
key = "mwf"
name = "Mon/Wed/Fri desk"
source = "test contract"
timezone = "America/Bogota"

[[schedules]]
key = "mwf"
mon = ["09:00-17:00"]
wed = ["09:00-17:00"]
fri = ["09:00-17:00"]

[[priorities]]
key = "1"

[[plans]]
key = "standard"
schedule = "mwf"

[[targets]]
kind = "response"
value = 2
unit = "hours"
clause = "test"

[[targets]]
kind = "resolution"
value = 1
unit = "business_days"
clause = "test"
"#;

/// osTicket #6739: a schedule without some weekdays miscalculated.
#[test]
fn schedule_without_some_weekdays() {
    let c = custom(MON_WED_FRI);
    let t = Ticket::new(&c, "standard", "1");
    // Response 2 h created Mon 2026-03-09 16:00: 1 h Mon; Tue closed; Wed 09:00 + 1 h
    // -> Wed 10:00.
    assert_eq!(
        t.due(Response, "2026-03-09 16:00"),
        due("2026-03-11T10:00:00-05:00")
    );
    // Created Tue 2026-03-10 10:00 (closed weekday): starts Wed 09:00 -> 11:00.
    assert_eq!(
        t.start(Response, "2026-03-10 10:00"),
        due("2026-03-11T09:00:00-05:00")
    );
    assert_eq!(
        t.due(Response, "2026-03-10 10:00"),
        due("2026-03-11T11:00:00-05:00")
    );
    // Created Thu 2026-03-12 10:00: starts Fri 09:00 -> 11:00.
    assert_eq!(
        t.due(Response, "2026-03-12 10:00"),
        due("2026-03-13T11:00:00-05:00")
    );
    // 1 business day (8 h) from Mon 2026-03-16 12:00: Mon 5 h; Tue closed; Wed 09:00 +
    // 3 h -> Wed 12:00.
    assert_eq!(
        t.due(Resolution, "2026-03-16 12:00"),
        due("2026-03-18T12:00:00-05:00")
    );
    // From Fri 2026-03-13 16:00: 1 h Fri; Sat, Sun closed; Mon 16 09:00 + 7 h -> 16:00.
    assert_eq!(
        t.due(Resolution, "2026-03-13 16:00"),
        due("2026-03-16T16:00:00-05:00")
    );

    // A Saturday half day: open days differ in length, so one business day must be
    // stated. 1 business day = 8 h from Fri 2026-03-13 16:00: Fri 1 h, Sat 09:00-13:00
    // 4 h (5 h), Sun closed, Mon 16 09:00 + 3 h -> 12:00.
    let six = custom(&SIX_DAYS.replace("#BUSINESS_DAY#", "business_day = \"8h\""));
    let t = Ticket::new(&six, "standard", "1");
    assert_eq!(
        t.due(Resolution, "2026-03-13 16:00"),
        due("2026-03-16T12:00:00-05:00")
    );
    // Without `business_day` the contract is rejected and says why.
    let err = load_contract(&SIX_DAYS.replace("#BUSINESS_DAY#", ""), "six.toml", &|_| {
        None
    })
    .unwrap_err();
    assert!(
        err.0.iter().any(|e| e.message.contains("business_day")),
        "{err}"
    );
}

const SIX_DAYS: &str = r#"
[contract]
key = "six"
name = "Six-day desk"
source = "test contract"
timezone = "America/Bogota"

[[schedules]]
key = "six"
mon = ["09:00-17:00"]
tue = ["09:00-17:00"]
wed = ["09:00-17:00"]
thu = ["09:00-17:00"]
fri = ["09:00-17:00"]
sat = ["09:00-13:00"]
#BUSINESS_DAY#

[[priorities]]
key = "1"

[[plans]]
key = "standard"
schedule = "six"

[[targets]]
kind = "resolution"
value = 1
unit = "business_days"
clause = "test"
"#;

/// GLPI #8710: the statistic used another calendar than the target's own. Each
/// target (and each elapsed count) runs on its own clock.
#[test]
fn each_target_runs_on_its_own_clock() {
    let safr = shipped("safr");
    // Created on a Friday, PDT.
    let created = "2026-03-13 16:00";
    let high = Ticket::new(&safr, "standard", "high");
    let medium = Ticket::new(&safr, "standard", "medium");
    // High response: 4 h on 24x7 -> Fri 20:00.
    assert_eq!(
        high.due(Response, created),
        due("2026-03-13T20:00:00-07:00")
    );
    // Medium response: 1 business day: Fri 16-17 1 h; Mon 16 09:00 + 7 h -> 16:00.
    assert_eq!(
        medium.due(Response, created),
        due("2026-03-16T16:00:00-07:00")
    );
    // High resolution: 3 calendar days -> Mon 16 16:00 (no DST change in between).
    assert_eq!(
        high.due(Resolution, created),
        due("2026-03-16T16:00:00-07:00")
    );
    // High status update: 24 h elapsed -> Sat 16:00.
    assert_eq!(
        high.due(StatusUpdate, created),
        due("2026-03-14T16:00:00-07:00")
    );
    // High replied Sat 10:00: 18 real hours counted on its 24x7 clock -> breached (the
    // business clock would have counted only 1 h).
    assert_eq!(
        high.verdict(Response, created, "2026-03-14 10:00"),
        (Status::Breached, Some(18 * H))
    );
    // Medium replied Mon 09:30: Fri 1 h + Mon 30 min on the business clock -> met.
    assert_eq!(
        medium.verdict(Response, created, "2026-03-16 09:30"),
        (Status::Met, Some(90 * 60))
    );

    // Audara Platinum P1: by phone its response runs on the 7x24 schedule, by chat on
    // the 5x8 one; the outcome names the schedule it used.
    let audara = shipped("audara");
    let by_phone = Ticket::new(&audara, "platinum", "1").via("phone");
    let by_chat = Ticket::new(&audara, "platinum", "1").via("chat");
    let sched = |t: &Ticket, kind| {
        let o = t.judge(kind, "2026-03-14 02:00", None, "2026-03-14 02:00");
        audara.schedules[o.schedule.unwrap()].key.clone()
    };
    assert_eq!(sched(&by_phone, Response), "extended");
    assert_eq!(sched(&by_phone, StatusUpdate), "extended");
    assert_eq!(sched(&by_chat, Response), "business");
    // Same Sat 02:00 ticket, replied Sat 04:00: by phone 2 h counted (breached); by chat
    // 0 h counted (the 5x8 clock has not started) -> met.
    assert_eq!(
        by_phone.verdict(Response, "2026-03-14 02:00", "2026-03-14 04:00"),
        (Status::Breached, Some(2 * H))
    );
    assert_eq!(
        by_chat.verdict(Response, "2026-03-14 02:00", "2026-03-14 04:00"),
        (Status::Met, Some(0))
    );
}

// ---------------------------------------------------------------------------
// Time zones and DST
// ---------------------------------------------------------------------------

/// A desk open on Sunday nights only, 01:00-04:00 Madrid time: the interval spans
/// the DST changes at 02:00 (March) and 03:00 (October).
const SUNDAY_NIGHT_MADRID: &str = r#"
[contract]
key = "sunday-night"
name = "Sunday night desk"
source = "test contract"
timezone = "Europe/Madrid"

[[schedules]]
key = "sunday-night"
sun = ["01:00-04:00"]

[[priorities]]
key = "1"

[[plans]]
key = "standard"
schedule = "sunday-night"

[[targets]]
kind = "response"
value = 2
unit = "hours"
clause = "test"

[[targets]]
kind = "resolution"
value = 1
unit = "business_days"
clause = "test"

[[targets]]
kind = "workaround"
value = 4
unit = "hours"
clause = "test"
"#;

/// OTRS PR 787: solution time wrong across a DST change. Business intervals are
/// local wall-clock times; the time counted inside one, and 24x7 time, is real time.
#[test]
fn dst_business_intervals_are_wall_clock_and_count_real_time() {
    let c = custom(SUNDAY_NIGHT_MADRID);
    let t = Ticket::new(&c, "standard", "1");
    // Spring, Sun 2026-03-29: 01:00 CET (00:00 UTC) to 04:00 CEST (02:00 UTC) holds 2 real
    // hours (02:00-03:00 does not exist). Response 2 h from 01:00 -> the whole interval
    // -> 04:00+02:00 (counting wall hours would give 03:00).
    assert_eq!(
        t.due(Response, "2026-03-29 01:00"),
        due("2026-03-29T04:00:00+02:00")
    );
    // 1 business day = the nominal 3 h of the interval: 2 h that night, 1 h the next
    // Sunday (Apr 5) from 01:00 CEST -> 02:00+02:00.
    assert_eq!(
        t.due(Resolution, "2026-03-29 01:00"),
        due("2026-04-05T02:00:00+02:00")
    );
    // A reply at 05:00 that night has counted 2 h (the whole interval).
    assert_eq!(
        t.verdict(Workaround, "2026-03-29 00:00", "2026-03-29 05:00"),
        (Status::Met, Some(2 * H))
    );
    // Autumn, Sun 2026-10-25: 01:00 CEST (23:00 UTC Oct 24) to 04:00 CET (03:00 UTC)
    // holds 4 real hours (02:00-03:00 happens twice). Response 2 h from 01:00 ->
    // 01:00 UTC, the instant clocks go back -> 02:00+01:00.
    assert_eq!(
        t.due(Response, "2026-10-25 01:00"),
        due("2026-10-25T02:00:00+01:00")
    );
    // 1 business day (3 h) -> 02:00 UTC = 03:00+01:00, the same night.
    assert_eq!(
        t.due(Resolution, "2026-10-25 01:00"),
        due("2026-10-25T03:00:00+01:00")
    );
    // 4 h -> 03:00 UTC = 04:00+01:00, exactly the closing time.
    assert_eq!(
        t.due(Workaround, "2026-10-25 01:00"),
        due("2026-10-25T04:00:00+01:00")
    );

    // Shipped contracts: SAFR High 4 h on 24x7 across spring forward is 4 real hours:
    // Sun 2026-03-08 00:30 PST -> 05:30 PDT.
    let safr = shipped("safr");
    let high = Ticket::new(&safr, "standard", "high");
    let o = high.judge(Response, "2026-03-08 00:30", None, "2026-03-08 00:30");
    assert_eq!(o.due.unwrap() - at(&safr, "2026-03-08 00:30"), 4 * H);
    assert_eq!(show(&safr, o.due.unwrap()), "2026-03-08T05:30:00-07:00");
    // Athento Enterprise (08:00-20:00) across the spring change: Fri 2026-03-27 19:00 CET
    // with 2 h: 1 h Fri, Mon 30 opens 08:00 CEST -> 09:00+02:00.
    let athento = shipped("athento");
    let ent = Ticket::new(&athento, "enterprise", "blocker");
    assert_eq!(
        ent.due(Response, "2026-03-27 19:00"),
        due("2026-03-30T09:00:00+02:00")
    );
}

/// Zammad #2157 and #4432: escalations shifted by hours or fired at night because
/// storage (UTC) and schedule (local) were confused.
#[test]
fn utc_timestamps_against_a_local_schedule() {
    let audara = shipped("audara");
    let p1 = Ticket::new(&audara, "gold", "1");
    // 2026-03-13T21:30Z is Fri 16:30 in Bogota (UTC-5): 30 min Fri, 30 min Mon from
    // 08:00 -> Mon 2026-03-16 08:30-05:00 (= 13:30Z).
    assert_eq!(
        p1.due(Response, "2026-03-13T21:30:00Z"),
        due("2026-03-16T08:30:00-05:00")
    );
    // The same instant written with another offset gives the same due.
    assert_eq!(
        p1.due(Response, "2026-03-13T22:30:00+01:00"),
        due("2026-03-16T08:30:00-05:00")
    );

    // An export whose naive timestamps are UTC, read with input_tz = UTC.
    let cols = TicketColumns::from_header(["id", "created_at", "priority", "plan"]).unwrap();
    let auditor = Auditor {
        contract: &audara,
        default_plan: None,
        input_tz: chrono_tz::UTC,
        as_of: at(&audara, "2026-03-13T21:30:00Z"),
        contacts: None,
    };
    let row = ["U-1", "2026-03-13 21:30", "1", "gold"];
    let a = auditor.audit(&cols.record(|i| row[i]));
    assert_eq!(a.outcomes[0].due, Some(at(&audara, "2026-03-16T13:30:00Z")));

    // The command line with --input-tz UTC.
    let out = Command::cargo_bin("slaudit")
        .unwrap()
        .args([
            "deadline",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--priority",
            "1",
            "--at",
            "2026-03-13 21:30",
            "--input-tz",
            "UTC",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["created_at"], "2026-03-13T16:30:00-05:00");
    let response = doc["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == "response")
        .unwrap();
    assert_eq!(response["due"], "2026-03-16T08:30:00-05:00");

    // No business-clock escalation fires at night or at the weekend: for a ticket
    // created at every hour of the week Mon 2026-03-09 .. Sun 03-15 (no Colombian holiday
    // until Mar 23), the 1 h due lies on a weekday, after an opening and at most at a
    // closing: in (08:00, 12:00] or (13:00, 17:00] Bogota time.
    let start = at(&audara, "2026-03-09 00:00");
    for hour in 0..7 * 24 {
        let created = start + hour * H;
        let o = auditor
            .outcome(0, 0, None, None, Response, created, None)
            .unwrap();
        let local = chrono::DateTime::from_timestamp(o.due.unwrap(), 0)
            .unwrap()
            .with_timezone(&chrono_tz::America::Bogota);
        let minute = local.hour() * 60 + local.minute();
        let in_morning = (8 * 60 + 1..=12 * 60).contains(&minute);
        let in_afternoon = (13 * 60 + 1..=17 * 60).contains(&minute);
        assert!(
            !matches!(local.weekday(), Weekday::Sat | Weekday::Sun) && (in_morning || in_afternoon),
            "created {} -> due {local}",
            show(&audara, created)
        );
    }
}

/// A night desk in Chile: every day 00:00-08:00 America/Santiago. On Sun 2026-09-06
/// clocks go from 00:00 (-04:00) to 01:00 (-03:00): that day starts at 01:00. On
/// Sat 2026-04-04 clocks go back at midnight: 23:00-24:00 happens twice and that
/// Saturday has 25 hours.
const NIGHT_DESK_SANTIAGO: &str = r#"
[contract]
key = "night-desk"
name = "Night desk"
source = "test contract"
timezone = "America/Santiago"

[[schedules]]
key = "night"
mon = ["00:00-08:00"]
tue = ["00:00-08:00"]
wed = ["00:00-08:00"]
thu = ["00:00-08:00"]
fri = ["00:00-08:00"]
sat = ["00:00-08:00"]
sun = ["00:00-08:00"]

[[schedules]]
key = "always"
always = true

[[priorities]]
key = "1"

[[plans]]
key = "standard"
schedule = "night"

[[targets]]
kind = "response"
value = 1
unit = "hours"
clause = "test"

[[targets]]
kind = "resolution"
value = 1
unit = "business_days"
clause = "test"

[[targets]]
kind = "workaround"
value = 1
unit = "calendar_days"
schedule = "always"
clause = "test"
"#;

/// A day is not 24 hours, and in America/Santiago the change happens at midnight,
/// so a day may start at 01:00. (Adereso is in Chile but publishes no hours: see
/// `adereso_publishes_no_hours`.)
#[test]
fn a_day_is_not_24_hours_santiago_midnight_change() {
    let c = custom(NIGHT_DESK_SANTIAGO);
    let t = Ticket::new(&c, "standard", "1");
    // Created Sat 2026-09-05 23:00 -04:00, after Saturday's 00:00-08:00. The next
    // opening is Sunday "00:00", which does not exist: Sunday starts at 01:00 -03:00.
    assert_eq!(
        t.start(Response, "2026-09-05 23:00"),
        due("2026-09-06T01:00:00-03:00")
    );
    // Response 1 h -> 02:00-03:00.
    assert_eq!(
        t.due(Response, "2026-09-05 23:00"),
        due("2026-09-06T02:00:00-03:00")
    );
    // 1 business day (8 h nominal): Sunday's interval 01:00-08:00 holds 7 real hours;
    // Mon Sep 7 00:00 -03:00 + 1 h -> 01:00.
    assert_eq!(
        t.due(Resolution, "2026-09-05 23:00"),
        due("2026-09-07T01:00:00-03:00")
    );
    // Counted from Sat 00:00 to Mon 00:00: Saturday 8 h + Sunday 7 h = 15 h (> 8 h, so
    // a resolution at Monday 00:00 is breached).
    assert_eq!(
        t.verdict(Resolution, "2026-09-05 00:00", "2026-09-07 00:00"),
        (Status::Breached, Some(15 * H))
    );
    // 1 calendar day from Sat 2026-09-05 00:30 -04:00 is Sun 00:30, inside the gap: it
    // moves forward by the gap -> 01:30 -03:00, 24 real hours later.
    assert_eq!(
        t.due(Workaround, "2026-09-05 00:30"),
        due("2026-09-06T01:30:00-03:00")
    );
    let o = t.judge(Workaround, "2026-09-05 00:30", None, "2026-09-05 00:30");
    assert_eq!(o.due.unwrap() - at(&c, "2026-09-05 00:30"), 24 * H);
    // Fall back: 1 calendar day from Sat 2026-04-04 23:30 (first pass, -03:00) is Sun
    // Apr 5 23:30 -04:00: 25 real hours.
    let first = "2026-04-04T23:30:00-03:00";
    assert_eq!(t.due(Workaround, first), due("2026-04-05T23:30:00-04:00"));
    let o = t.judge(Workaround, first, None, first);
    assert_eq!(o.due.unwrap() - at(&c, first), 25 * H);
    // 1 calendar day from Fri 2026-04-03 23:30 -03:00 lands on Sat 23:30, which happens
    // twice: the first (-03:00) is taken, 24 real hours later.
    assert_eq!(
        t.due(Workaround, "2026-04-03 23:30"),
        due("2026-04-04T23:30:00-03:00")
    );
    // A ticket at the second pass of Sat 23:30 (-04:00) waits for Sunday 00:00 -04:00;
    // 1 h -> 01:00 -04:00.
    assert_eq!(
        t.due(Response, "2026-04-04T23:30:00-04:00"),
        due("2026-04-05T01:00:00-04:00")
    );
    // Typed without an offset, both wall times are refused rather than guessed.
    let gap = parse_timestamp("2026-09-06 00:30", c.tz);
    assert!(
        matches!(
            gap,
            Err(TimestampError::Local {
                source: LocalTimeError::Gap { .. },
                ..
            })
        ),
        "{gap:?}"
    );
    let twice = parse_timestamp("2026-04-04 23:30", c.tz);
    assert!(
        matches!(
            twice,
            Err(TimestampError::Local {
                source: LocalTimeError::Ambiguous { .. },
                ..
            })
        ),
        "{twice:?}"
    );
}

/// Adereso (America/Santiago) publishes no hours and no times: nothing is guessed.
#[test]
fn adereso_publishes_no_hours() {
    let c = shipped("adereso");
    for plan in ["basico", "basico-plus", "avanzado", "enterprise"] {
        for kind in [Response, Resolution, Workaround] {
            let o = Ticket::new(&c, plan, "1").judge(
                kind,
                "2026-09-07 10:00",
                None,
                "2026-12-01 10:00",
            );
            assert_eq!(o.status, Status::NoTarget, "{plan} {kind:?}");
            assert_eq!(o.due, None);
        }
    }
}

// ---------------------------------------------------------------------------
// What counts as a response
// ---------------------------------------------------------------------------

/// Zammad #1620, #3551, #2082: what counts as the first response must be explicit.
/// Athento: the first non-automatic reply; Clever: the acknowledgement with a
/// reference number. The audit judges the `first_response_at` it is given, and each
/// target by its own event.
#[test]
fn what_counts_as_the_first_response_is_explicit() {
    let athento = shipped("athento");
    assert!(athento
        .notes
        .iter()
        .any(|n| n.text.contains("non-automatic")));
    let clever = shipped("clever");
    let ack = clever
        .target(0, 0, Response, None)
        .and_then(|t| t.text.clone())
        .unwrap_or_default();
    assert!(ack.contains("Confirmación de recepción"), "{ack}");

    // Athento Standard blocker (6 h) created Mon 2026-03-09 10:00; the automatic receipt
    // at 10:00:05 is not a response; the first human reply at 16:30 has counted 6 h 30
    // min of the 10-17 schedule -> breached.
    let std = Ticket::new(&athento, "standard", "blocker");
    assert_eq!(
        std.verdict(Response, "2026-03-09 10:00", "2026-03-09 16:30"),
        (Status::Breached, Some(6 * H + 1800))
    );

    // Clever P1 created Wed 2026-03-11 10:00: acknowledged 10:05 (300 s > 180 s ->
    // response breached) and resolved 10:08 (480 s <= 600 s -> resolution met). Neither
    // event stands in for the other.
    let cols = TicketColumns::from_header([
        "id",
        "created_at",
        "priority",
        "first_response_at",
        "resolved_at",
    ])
    .unwrap();
    let auditor = Auditor {
        contract: &clever,
        default_plan: None,
        input_tz: clever.tz,
        as_of: at(&clever, "2026-03-12 00:00"),
        contacts: None,
    };
    let row = [
        "C-1",
        "2026-03-11 10:00",
        "1",
        "2026-03-11 10:05",
        "2026-03-11 10:08",
    ];
    let a = auditor.audit(&cols.record(|i| row[i]));
    assert_eq!(
        (a.outcomes[0].status, a.outcomes[0].elapsed),
        (Status::Breached, Some(300))
    );
    assert_eq!(
        (a.outcomes[1].status, a.outcomes[1].elapsed),
        (Status::Met, Some(480))
    );
}

/// A 24x7 contract whose update cadence (1 h) is shorter than its first response (4 h).
const CADENCE: &str = r#"
[contract]
key = "cadence"
name = "Cadence desk"
source = "test contract"
timezone = "America/Bogota"

[[schedules]]
key = "always"
always = true

[[priorities]]
key = "1"

[[plans]]
key = "standard"
schedule = "always"

[[targets]]
kind = "response"
value = 4
unit = "hours"
clause = "test"

[[targets]]
kind = "status_update"
value = 1
unit = "hours"
clause = "test"
"#;

/// Zammad #5177: an update cadence shorter than the first-response time overrode
/// the first response. Each promise is its own clock.
#[test]
fn update_cadence_does_not_override_first_response() {
    let c = custom(CADENCE);
    let t = Ticket::new(&c, "standard", "1");
    let created = "2026-03-11 10:00";
    // Response 4 h -> 14:00; status update every 1 h -> first due 11:00.
    assert_eq!(t.due(Response, created), due("2026-03-11T14:00:00-05:00"));
    assert_eq!(
        t.due(StatusUpdate, created),
        due("2026-03-11T11:00:00-05:00")
    );
    // As of 12:00 no reply yet: 2 h counted of 4 -> the response is still open.
    assert_eq!(
        t.pending(Response, created, "2026-03-11 12:00"),
        (Status::Open, Some(2 * H))
    );
    // Replied 13:00 -> 3 h <= 4 h -> met.
    assert_eq!(
        t.verdict(Response, created, "2026-03-11 13:00"),
        (Status::Met, Some(3 * H))
    );
    // Audara P3: response 4 h -> Wed 2026-03-11 08:00 + 4 h = 12:00; status reports every
    // 2 business days (16 h) -> Thu 17:00; neither moves the other.
    let audara = shipped("audara");
    let p3 = Ticket::new(&audara, "gold", "3");
    assert_eq!(
        p3.due(Response, "2026-03-11 08:00"),
        due("2026-03-11T12:00:00-05:00")
    );
    assert_eq!(
        p3.due(StatusUpdate, "2026-03-11 08:00"),
        due("2026-03-12T17:00:00-05:00")
    );
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

/// Jira Service Management: breaches of closed tickets were left out of reports and
/// targets were not recalculated retroactively. An audit recomputes everything from
/// the raw timestamps every time.
#[test]
fn audit_recomputes_from_raw_timestamps() {
    let header = ["id", "created_at", "priority", "plan", "first_response_at"];
    let cols = TicketColumns::from_header(header).unwrap();
    let rows: [[&str; 5]; 3] = [
        // Closed and breached: P1 Fri 2026-03-13 16:30, reply Mon 08:45 -> 30 + 45 =
        // 75 min > 60 min.
        ["A", "2026-03-13 16:30", "1", "gold", "2026-03-16 08:45"],
        // Closed and met: P3 Mon 08:00, reply 11:00 -> 3 h <= 4 h.
        ["B", "2026-03-16 08:00", "3", "gold", "2026-03-16 11:00"],
        // No reply: P1 Mon 2026-03-16 09:00; as of Mon 12:00 3 h counted > 1 h -> overdue.
        ["C", "2026-03-16 09:00", "1", "gold", ""],
    ];
    let run = |c: &Contract, as_of: &str| {
        let auditor = Auditor {
            contract: c,
            default_plan: None,
            input_tz: c.tz,
            as_of: at(c, as_of),
            contacts: None,
        };
        let mut summary = Summary::new(c);
        let statuses: Vec<Status> = rows
            .iter()
            .map(|r| {
                let a = auditor.audit(&cols.record(|i| r[i]));
                summary.add(&a);
                a.outcomes[0].status
            })
            .collect();
        (statuses, summary)
    };
    let audara = shipped("audara");
    let (statuses, summary) = run(&audara, "2026-03-16 12:00");
    assert_eq!(statuses, [Status::Breached, Status::Met, Status::Overdue]);
    // The closed breach is counted: 1 met, 1 breached, 1 overdue -> 1/3 = 33.33 %.
    let total = summary.total(0);
    assert_eq!((total.met, total.breached, total.overdue), (1, 1, 1));
    assert_eq!(total.compliance(), Some(Decimal::new(3333, 2)));
    // A year later the closed tickets keep their verdicts (decided by their own
    // timestamps); C is still overdue.
    let (later, _) = run(&audara, "2027-03-16 12:00");
    assert_eq!(later, [Status::Breached, Status::Met, Status::Overdue]);

    // Retroactive recalculation: with the P1 response target amended to 2 h, the same
    // rows are judged again: A (75 min) is met; C as of 12:00 has 3 h > 2 h -> overdue.
    let (_, text) = slaudit::shipped::contract("audara").unwrap();
    let old = "value = 1\nunit = \"hours\"\ntext = \"1 hora\"";
    assert_eq!(text.matches(old).count(), 1);
    let amended = custom(&text.replacen(old, "value = 2\nunit = \"hours\"\ntext = \"2 horas\"", 1));
    let (statuses, _) = run(&amended, "2026-03-16 12:00");
    assert_eq!(statuses, [Status::Met, Status::Met, Status::Overdue]);
}
