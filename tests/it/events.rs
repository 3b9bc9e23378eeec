//! Status-update cadence, pauses and excluded tickets, each worked by hand from
//! the contract text. Audara Gold runs Mon-Fri 08:00-12:00 and 13:00-17:00 in
//! Bogota (UTC-5, no DST), closed on Colombian holidays (2026-03-23, San José,
//! moved to Monday); status reports every 1 h (P1), 2 business days = 16 h (P3).
//! SAFR High and Medium: an update every 24 h of elapsed time (Los Angeles).
//! Athento Company: Mon-Fri 09:00-18:00 Madrid, closed on Spain's national
//! holidays (2026-12-08); critical resolution in 2 business days = 18 h; a wait
//! on the customer (pending) stops the resolution clock.

use slaudit::audit::{Auditor, Status, TicketAudit};
use slaudit::contract::Contract;
use slaudit::events::{EventKind, EventsBuilder};
use slaudit::localtime::parse_timestamp;
use slaudit::read::tickets::TicketReader;

use crate::util::{csv_rows, field, shipped, slaudit, temp_file};

const RESPONSE: usize = 0;
const RESOLUTION: usize = 1;
const STATUS_UPDATE: usize = 3;

fn t(c: &Contract, s: &str) -> i64 {
    parse_timestamp(s, c.tz).unwrap()
}

/// Audits one ticket (`plan,priority,channel,created,first_response,resolved`,
/// empty for absent) with `events` (`None`: no events file), judged at `as_of`.
fn audit(
    c: &Contract,
    row: [&str; 6],
    events: Option<&[(&str, EventKind)]>,
    as_of: &str,
) -> TicketAudit {
    let csv = format!(
        "id,plan,priority,channel,created_at,first_response_at,resolved_at\nT1,{}\n",
        row.join(",")
    );
    let built = events.map(|evs| {
        let mut b = EventsBuilder::default();
        for (i, (at, kind)) in evs.iter().enumerate() {
            b.push("T1", t(c, at), *kind, i as u64 + 2);
        }
        b.finish()
    });
    let auditor = Auditor {
        contract: c,
        default_plan: None,
        input_tz: c.tz,
        as_of: t(c, as_of),
        contacts: None,
    };
    let mut reader = TicketReader::new(csv.as_bytes()).unwrap();
    let (_, rec) = reader.next_ticket().unwrap();
    let mut out = TicketAudit::blank();
    auditor.audit_with_events(&rec, built.as_ref().map(|e| e.of("T1")), &mut out);
    assert!(out.error.is_none(), "{:?}", out.error);
    out
}

use EventKind::{Pause, Resume, Update};

#[test]
fn audara_gold_p1_gaps_across_lunch_and_night() {
    let c = shipped("audara");
    // Thu 2026-03-19, created 10:00, first response 10:30.
    // Gap 10:30 -> 11:40 = 70 min > 60: ceil(70/60) - 1 = 1 report missed.
    // Gap 11:40 -> 13:30 = 20 min before lunch + 30 after = 50 min: on time.
    // Gap Thu 13:30 -> Fri 08:20 = 3 h 30 (to 17:00) + 20 min = 230 min:
    //   ceil(230/60) - 1 = 3 missed. Last gap Fri 08:20 -> 08:50 = 30 min.
    // Breached; the first missed report was due 10:30 + 1 h = 11:30 Thu.
    let a = audit(
        &c,
        [
            "gold",
            "1",
            "ticket",
            "2026-03-19 10:00",
            "2026-03-19 10:30",
            "2026-03-20 08:50",
        ],
        Some(&[
            ("2026-03-19 11:40", Update),
            ("2026-03-19 13:30", Update),
            ("2026-03-20 08:20", Update),
        ]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(o.status, Status::Breached);
    assert_eq!(o.due, Some(t(&c, "2026-03-19 11:30")));
    assert_eq!(o.elapsed, Some(230 * 60));
    assert_eq!(o.missed, Some(4));
    assert_eq!(o.updates, Some(3));
}

#[test]
fn audara_platinum_p1_by_phone_runs_around_the_clock() {
    let c = shipped("audara");
    // Platinum P1 by phone runs on the 7x24 clock: Saturday night counts.
    // Response Sat 22:20; the next report came Sun 00:00, 100 min later:
    // ceil(100/60) - 1 = 1 missed, due Sat 23:20. Last gap 30 min.
    let a = audit(
        &c,
        [
            "platinum",
            "1",
            "phone",
            "2026-03-21 22:00",
            "2026-03-21 22:20",
            "2026-03-22 00:30",
        ],
        Some(&[("2026-03-22 00:00", Update)]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(o.status, Status::Breached);
    assert_eq!(o.due, Some(t(&c, "2026-03-21 23:20")));
    assert_eq!(
        (o.elapsed, o.missed, o.updates),
        (Some(6000), Some(1), Some(1))
    );
}

#[test]
fn audara_p3_two_business_days_across_a_colombian_holiday() {
    let c = shipped("audara");
    // Fri 2026-03-20 09:00 -> Wed 03-25 09:00: Fri 7 h (09-12, 13-17), Mon 23
    // is San José (closed), Tue 8 h, Wed 08:00-09:00 1 h = 16 h: exactly the
    // cadence of 2 business days, so no report is missed.
    let row = |resolved| {
        [
            "gold",
            "3",
            "ticket",
            "2026-03-20 09:00",
            "2026-03-20 09:00",
            resolved,
        ]
    };
    let a = audit(&c, row("2026-03-25 09:00"), Some(&[]), "2026-04-01 00:00");
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(
        (o.status, o.elapsed, o.missed),
        (Status::Met, Some(57_600), Some(0))
    );
    // One second more: one report missed, due at the 16 h mark, Wed 09:00.
    let a = audit(
        &c,
        row("2026-03-25 09:00:01"),
        Some(&[]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(
        (o.status, o.elapsed, o.missed),
        (Status::Breached, Some(57_601), Some(1))
    );
    assert_eq!(o.due, Some(t(&c, "2026-03-25 09:00")));
}

#[test]
fn safr_high_every_24_hours_of_elapsed_time() {
    let c = shipped("safr");
    // Update exactly 24 h after the response: on time. The resolution 24 h and
    // one second after that update: one report missed, due 2026-03-04 09:00.
    let a = audit(
        &c,
        [
            "standard",
            "high",
            "",
            "2026-03-02 09:00",
            "2026-03-02 09:00",
            "2026-03-04 09:00:01",
        ],
        Some(&[("2026-03-03 09:00", Update)]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!((o.status, o.missed), (Status::Breached, Some(1)));
    assert_eq!(o.due, Some(t(&c, "2026-03-04 09:00")));
    assert_eq!(o.elapsed, Some(24 * 3600 + 1));
}

#[test]
fn safr_medium_elapsed_time_across_the_spring_change() {
    let c = shipped("safr");
    // Sat 2026-03-07 12:00 PST to Sun 03-08 12:00 PDT is 23 real hours (clocks
    // went forward at 02:00): within the 24 h cadence although 24 wall hours.
    let a = audit(
        &c,
        [
            "standard",
            "medium",
            "",
            "2026-03-07 12:00",
            "2026-03-07 12:00",
            "2026-03-08 12:00",
        ],
        Some(&[]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(
        (o.status, o.elapsed, o.missed),
        (Status::Met, Some(23 * 3600), Some(0))
    );
}

#[test]
fn open_ticket_with_its_current_gap_past_due_is_overdue() {
    let c = shipped("safr");
    // Response 03-02 10:00, update 03-03 09:00 (23 h), still open at 03-04
    // 10:00: the current gap is 25 h > 24 h, overdue; the next report was due
    // 03-04 09:00; ceil(25/24) - 1 = 1 missed so far.
    let row = [
        "standard",
        "medium",
        "",
        "2026-03-02 09:00",
        "2026-03-02 10:00",
        "",
    ];
    let evs: &[(&str, EventKind)] = &[("2026-03-03 09:00", Update)];
    let a = audit(&c, row, Some(evs), "2026-03-04 10:00");
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(o.status, Status::Overdue);
    assert_eq!(o.due, Some(t(&c, "2026-03-04 09:00")));
    assert_eq!(
        (o.elapsed, o.missed, o.updates),
        (Some(25 * 3600), Some(1), Some(1))
    );
    // Judged an hour after the update, the same ticket is open, next report due
    // 24 h after the update.
    let a = audit(&c, row, Some(evs), "2026-03-03 10:00");
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(
        (o.status, o.due),
        (Status::Open, Some(t(&c, "2026-03-04 09:00")))
    );
}

#[test]
fn updates_at_one_instant_before_the_response_or_after_the_resolution() {
    let c = shipped("safr");
    // Two updates at 03-02 20:00 count twice with a gap of 0 between them; the
    // one before the response (09:30) and the one after the resolution do not
    // count. Gaps: 10:00->20:00 10 h, 0, 20:00->03-03 08:00 12 h: met.
    let a = audit(
        &c,
        [
            "standard",
            "high",
            "",
            "2026-03-02 09:00",
            "2026-03-02 10:00",
            "2026-03-03 08:00",
        ],
        Some(&[
            ("2026-03-02 09:30", Update),
            ("2026-03-02 20:00", Update),
            ("2026-03-02 20:00", Update),
            ("2026-03-05 08:00", Update),
        ]),
        "2026-04-01 00:00",
    );
    let o = a.outcomes[STATUS_UPDATE];
    assert_eq!(
        (o.status, o.updates, o.missed),
        (Status::Met, Some(2), Some(0))
    );
    assert_eq!(o.elapsed, Some(12 * 3600));
}

#[test]
fn without_an_events_file_the_cadence_is_not_judged() {
    let c = shipped("safr");
    let a = audit(
        &c,
        [
            "standard",
            "high",
            "",
            "2026-03-02 09:00",
            "2026-03-02 10:00",
            "2026-03-09 08:00",
        ],
        None,
        "2026-04-01 00:00",
    );
    assert_eq!(a.outcomes[STATUS_UPDATE].status, Status::NoData);
    assert_eq!(a.outcomes[STATUS_UPDATE].missed, None);
    // The response is judged as always.
    assert_eq!(a.outcomes[RESPONSE].status, Status::Met);
}

#[test]
fn athento_pause_over_a_weekend_takes_off_only_business_time() {
    let c = shipped("athento");
    // Company critical, created Thu 2026-10-15 10:00: 18 h resolution. Without
    // the wait: Thu 8 h + Fri 9 h + Mon 1 h -> due Mon 10-19 10:00.
    // Pending from Fri 17:00 to Mon 09:00: only Fri 17:00-18:00 was business
    // time, so 1 h is taken off and the due moves to Mon 11:00. Resolved Mon
    // 10:30: 18.5 h counted - 1 h = 17.5 h, met (it would be breached without
    // the pause).
    let row = [
        "company",
        "critical",
        "",
        "2026-10-15 10:00",
        "2026-10-15 10:20",
        "2026-10-19 10:30",
    ];
    let a = audit(
        &c,
        row,
        Some(&[("2026-10-16 17:00", Pause), ("2026-10-19 09:00", Resume)]),
        "2026-11-01 00:00",
    );
    let o = a.outcomes[RESOLUTION];
    assert_eq!(o.status, Status::Met);
    assert_eq!(o.paused, Some(3600));
    assert_eq!(o.elapsed, Some(17 * 3600 + 1800));
    assert_eq!(o.due, Some(t(&c, "2026-10-19 11:00")));
    // The response is not paused by Athento's text.
    assert_eq!(a.outcomes[RESPONSE].paused, None);
    let unpaused = audit(&c, row, Some(&[]), "2026-11-01 00:00");
    assert_eq!(unpaused.outcomes[RESOLUTION].status, Status::Breached);
    assert_eq!(unpaused.outcomes[RESOLUTION].paused, Some(0));
}

#[test]
fn athento_pause_over_a_spanish_holiday() {
    let c = shipped("athento");
    // Created Fri 2026-12-04 10:00. Pending Mon 12-07 17:00 to Wed 12-09 09:00:
    // Mon 17-18 is 1 h; Tue 8 is the Inmaculada Concepción, closed: 1 h off.
    // Unpaused due: Fri 8 h + Mon 9 h + Wed 1 h = Wed 10:00; paused: Wed 11:00.
    let a = audit(
        &c,
        [
            "company",
            "critical",
            "",
            "2026-12-04 10:00",
            "2026-12-04 10:05",
            "2026-12-09 10:45",
        ],
        Some(&[("2026-12-07 17:00", Pause), ("2026-12-09 09:00", Resume)]),
        "2027-01-01 00:00",
    );
    let o = a.outcomes[RESOLUTION];
    assert_eq!((o.status, o.paused), (Status::Met, Some(3600)));
    assert_eq!(o.due, Some(t(&c, "2026-12-09 11:00")));
    assert_eq!(o.elapsed, Some(17 * 3600 + 45 * 60));
}

#[test]
fn athento_pause_never_resumed_runs_to_as_of() {
    let c = shipped("athento");
    // Created Thu 2026-10-15 10:00, pending from 14:00 and never resumed, open
    // at Mon 10-19 12:00: waited Thu 4 h + Fri 9 h + Mon 3 h = 16 h; counted
    // 20 h - 16 h = 4 h, open. Due: 4 h before the wait, 14 h after as-of:
    // Mon 12:00-18:00 6 h + Tue 09:00-17:00 8 h -> Tue 17:00.
    let a = audit(
        &c,
        [
            "company",
            "critical",
            "",
            "2026-10-15 10:00",
            "2026-10-15 10:20",
            "",
        ],
        Some(&[("2026-10-15 14:00", Pause)]),
        "2026-10-19 12:00",
    );
    let o = a.outcomes[RESOLUTION];
    assert_eq!(o.status, Status::Open);
    assert_eq!((o.paused, o.elapsed), (Some(16 * 3600), Some(4 * 3600)));
    assert_eq!(o.due, Some(t(&c, "2026-10-20 17:00")));
}

#[test]
fn athento_repeated_pauses_change_nothing_and_are_counted() {
    let c = shipped("athento");
    // pause, pause, resume, resume: one wait Thu 14:00-16:00 (2 h off), two
    // repeated states. 18 h + 2 h from Thu 10:00: Thu 8 h, Fri 9 h, Mon 3 h ->
    // due Mon 12:00.
    let a = audit(
        &c,
        [
            "company",
            "critical",
            "",
            "2026-10-15 10:00",
            "2026-10-15 10:20",
            "",
        ],
        Some(&[
            ("2026-10-15 14:00", Pause),
            ("2026-10-15 15:00", Pause),
            ("2026-10-15 16:00", Resume),
            ("2026-10-15 17:00", Resume),
        ]),
        "2026-10-16 12:00",
    );
    let o = a.outcomes[RESOLUTION];
    assert_eq!(o.paused, Some(2 * 3600));
    assert_eq!(o.due, Some(t(&c, "2026-10-19 12:00")));
    assert_eq!(a.repeated_waits, 2);
}

#[test]
fn excluded_ticket_loses_only_the_targets_its_clause_removes() {
    let c = shipped("athento");
    let csv = "id,plan,priority,created_at,first_response_at,resolved_at,excluded\n\
               X1,company,critical,2026-10-15 10:00,2026-10-15 10:20,2026-10-30 10:00,Azure outage\n";
    let auditor = Auditor {
        contract: &c,
        default_plan: None,
        input_tz: c.tz,
        as_of: t(&c, "2026-11-01 00:00"),
        contacts: None,
    };
    let mut reader = TicketReader::new(csv.as_bytes()).unwrap();
    let (_, rec) = reader.next_ticket().unwrap();
    let a = auditor.audit(&rec);
    // Athento's resolution time applies only when the fix depends 100% on
    // Athento: the resolution is excluded, the response still judged.
    assert_eq!(a.outcomes[RESOLUTION].status, Status::Excluded);
    assert_eq!(a.outcomes[RESPONSE].status, Status::Met);
    assert!(a.excluded);
}

#[test]
fn bad_event_rows_are_listed_or_left_out_with_keep_going() {
    let (_d1, tickets) = temp_file(
        "tickets.csv",
        b"id,plan,priority,created_at,first_response_at,resolved_at\n\
          T1,company,critical,2026-10-15 10:00,2026-10-15 10:20,2026-10-19 10:30\n",
    );
    let (_d2, events) = temp_file(
        "events.csv",
        b"ticket_id,at,kind,note\n\
          T1,2026-10-16 17:00,pause,asked for logs\n\
          T1,2026-10-19 09:00,Resume,\n\
          T1,2026-10-14 09:00,pause,before creation\n\
          T1,2026-10-16 12:00,escalate,\n\
          T9,2026-10-16 12:00,update,unknown ticket\n",
    );
    let args = |keep: bool| {
        let mut v = vec![
            "audit".to_string(),
            "--contract".into(),
            "athento".into(),
            tickets.display().to_string(),
            "--events".into(),
            events.display().to_string(),
            "--as-of".into(),
            "2026-11-01T00:00:00+01:00".into(),
            "--format".into(),
            "csv".into(),
        ];
        if keep {
            v.push("--keep-going".into());
        }
        v
    };
    let out = slaudit().args(args(false)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let ev = events.display().to_string();
    assert!(
        err.contains(&format!(
            "{ev}:5: column 'kind': kind 'escalate' is not one of update, pause, resume"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{ev}:4: column 'at': the event at 2026-10-14T09:00:00+02:00 is before the ticket's created_at 2026-10-15T10:00:00+02:00 (ticket T1)")),
        "{err}"
    );
    assert!(err.contains("2 bad row(s)"), "{err}");

    let out = slaudit().args(args(true)).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("2 invalid row(s) in {ev} left out")),
        "{err}"
    );
    assert!(
        err.contains("1 event(s) in") && err.contains("name 1 ticket(s) that are not in"),
        "{err}"
    );
    // The valid pause still moved the resolution: 1 h off, met (see the weekend test).
    let (h, rows) = csv_rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(field(&h, &rows[0], "resolution_status"), "met");
    assert_eq!(field(&h, &rows[0], "resolution_paused"), "3600");
}

/// An events workbook (its first sheet, date cells) reads as the CSV it was
/// saved from: the same audit.
#[test]
fn events_from_a_spreadsheet() {
    let run = |events: &str| {
        let out = crate::util::slaudit()
            .args([
                "audit",
                "--contract",
                "athento",
                "examples/athento-tickets.csv",
            ])
            .args([
                "--events",
                events,
                "--as-of",
                "2026-11-01T00:00:00+01:00",
                "--format",
                "csv",
                "-qqq",
            ])
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("examples/athento-events.csv");
    assert!(csv.contains(",72000,"), "the example has a 20-hour wait");
    assert_eq!(run("tests/data/athento-events.xlsx"), csv);
}

/// A large events file (past the size read in two parts at once) and its
/// audit: the same output and messages as when the same events come through
/// standard input, read front to back in one part. `middle` is put at the
/// file's middle.
fn large_events_read_as_one(middle: &str, keep_going: bool, run: u64) {
    let rfc = |secs: i64| {
        chrono::DateTime::from_timestamp(secs, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    // 400 Audara Gold tickets, created from Mon 2026-03-02 08:00, an hour apart.
    let mut tickets =
        String::from("id,plan,priority,channel,created_at,first_response_at,resolved_at\n");
    for i in 0..400 {
        let created = 1_772_456_400 + i * 3600; // 2026-03-02T08:00:00-05:00 onwards
        tickets.push_str(&format!(
            "T{i},gold,{},ticket,{},{},\n",
            i % 5 + 1,
            rfc(created),
            rfc(created + 1800)
        ));
    }
    // Events in no order of tickets (the same ticket in many runs, in both
    // halves), updates, pauses and resumes, notes quoted or not, events of
    // unknown tickets, and three bad rows (a kind unknown, a time unreadable,
    // an event before its ticket) in each half, so that those of the second
    // half are listed too.
    let line = |k: u64, start: u64| -> String {
        // `run` events of a ticket in a row; T400..T429 are unknown.
        let ticket = (k / run * 7919) % 430;
        let at = rfc(1_772_456_400 + ticket as i64 * 3600 + (k % 500) as i64 * 600);
        let kind = ["update", "pause", "resume", "Update"][(k % 4) as usize];
        if k == start + 17 {
            format!("T{ticket},{at},escalate,\n")
        } else if k == start + 5_004 {
            format!("T{ticket},not a time,update,\n")
        } else if k == start + 9_001 {
            // Before the ticket's creation: told with the line of the event.
            "T5,2026-01-01T00:00:00Z,update,\n".to_string()
        } else if k % 3 == 0 {
            format!("T{ticket},{at},{kind},\"called, left a message\"\n")
        } else {
            format!("T{ticket},{at},{kind},\n")
        }
    };
    let mut first = String::from("ticket_id,at,kind,note\n");
    let mut k = 0;
    while first.len() < 5 << 20 {
        first.push_str(&line(k, 0));
        k += 1;
    }
    let (mut rest, start) = (String::new(), k);
    while rest.len() + middle.len() / 2 < first.len() - middle.len() / 2 {
        rest.push_str(&line(k, start));
        k += 1;
    }
    let events = format!("{first}{middle}{rest}");
    let (_t, tickets_path) = temp_file("tickets.csv", tickets.as_bytes());
    let (_e, events_path) = temp_file("events.csv", events.as_bytes());
    let run = |from_stdin: bool| {
        let mut cmd = slaudit();
        cmd.args(["audit", "--contract", "audara", "--format", "csv"])
            .arg(&tickets_path)
            .args(["--as-of", "2026-06-01T00:00:00Z", "--events"]);
        if from_stdin {
            cmd.arg("-").write_stdin(events.clone());
        } else {
            cmd.arg(&events_path);
        }
        if keep_going {
            cmd.arg("--keep-going");
        }
        let out = cmd.output().unwrap();
        // Messages name the events file as given.
        let stderr = String::from_utf8(out.stderr).unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            stderr
                .replace(&events_path.display().to_string(), "EVENTS")
                .replace("-:", "EVENTS:")
                .replace(" in - ", " in EVENTS "),
        )
    };
    let (whole, parts) = (run(true), run(false));
    assert_eq!(parts.0, Some(if keep_going { 0 } else { 2 }), "{}", parts.2);
    // The bad rows of both halves are listed, with their lines in the file.
    let bad: Vec<&str> = parts
        .2
        .lines()
        .filter(|l| l.starts_with("slaudit: error: EVENTS:"))
        .collect();
    if !keep_going {
        // Line 2 holds event 0; the second half's first event is on the
        // line after the first half's and the middle's lines.
        let second = (first.lines().count() + middle.lines().count() + 1) as u64;
        let want: Vec<String> = [
            2 + 17,
            2 + 5_004,
            second + 17,
            second + 5_004,
            2 + 9_001,
            second + 9_001,
        ]
        .iter()
        .map(|l| format!("slaudit: error: EVENTS:{l}:"))
        .collect();
        assert_eq!(bad.len(), want.len(), "{}", parts.2);
        for (got, want) in bad.iter().zip(&want) {
            assert!(got.starts_with(want), "{got}, expected {want}");
        }
    }
    assert!(parts.1.lines().count() > 400, "{}", parts.2);
    assert_eq!(parts.0, whole.0);
    assert_eq!(parts.2, whole.2);
    assert!(parts.1 == whole.1, "the outputs differ");
}

/// Runs of four events of a ticket: the file is read in two parts.
#[test]
fn large_events_file_reads_as_one() {
    large_events_read_as_one("", false, 4);
    large_events_read_as_one("", true, 4);
}

/// Every event of another ticket than the one before (a file in time
/// order): the file is read in one part, with the same result.
#[test]
fn large_events_file_in_time_order_reads_as_one() {
    large_events_read_as_one("", false, 1);
}

/// A quoted note over many lines at the file's middle: the first part
/// cannot end inside it, so the file is read in one part after all.
#[test]
fn large_events_file_with_a_long_quoted_note_at_its_middle_reads_as_one() {
    let note = format!(
        "T3,2026-03-03T14:00:00Z,update,\"{}\"\n",
        "a line of the note\n".repeat(400)
    );
    large_events_read_as_one(&note, false, 4);
}
