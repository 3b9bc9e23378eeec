//! Due instants and met/breached decisions for the shipped contracts (Audara,
//! Athento, SAFR, Clever). Every expected value is worked by hand from the contract
//! text, the holiday facts of 2026 and the zone rules, and the reasoning is written
//! in the comment above the assertion. Nothing expected is computed with the code
//! under test.
//!
//! Calendar facts used below (2026):
//! * Easter Sunday is April 5 (Gregorian computus), so Jueves Santo is April 2 and
//!   Viernes Santo April 3.
//! * Colombia: Reyes Magos (Tue Jan 6) moves to Mon Jan 12; San José (Thu Mar 19)
//!   moves to Mon Mar 23; Jueves and Viernes Santo are Apr 2 and 3; Easter Monday
//!   (Apr 6) is not a holiday.
//! * Spain (national only): Viernes Santo Apr 3, Fiesta Nacional Mon Oct 12,
//!   Inmaculada Tue Dec 8; San José (Mar 19) and Easter Monday are regional only.
//! * US federal: Independence Day (Sat Jul 4) observed Fri Jul 3; Thanksgiving is the
//!   fourth Thursday of November, Nov 26; the day after is not a federal holiday.
//! * Mexico: Natalicio de Benito Juárez is the third Monday of March, Mar 16.
//! * Europe/Madrid: CET (+01:00) until Sun Mar 29 02:00 -> 03:00 CEST (+02:00);
//!   back to CET on Sun Oct 25 03:00 -> 02:00.
//! * America/Los_Angeles: PST (-08:00) until Sun Mar 8 02:00 -> 03:00 PDT (-07:00);
//!   back to PST on Sun Nov 1 02:00 -> 01:00.
//! * America/Bogota is UTC-5 all year; America/Mexico_City is UTC-6 all year (no
//!   DST since 2022).

use assert_cmd::Command;
use slaudit::audit::{Auditor, Outcome, Status};
use slaudit::contract::{Contract, TargetKind};
use slaudit::localtime::{format_rfc3339, parse_timestamp};
use slaudit::read::tickets::TicketColumns;

use TargetKind::{Resolution, Response, StatusUpdate};

const H: i64 = 3600;

pub(crate) use crate::util::shipped;

/// A timestamp (RFC 3339, or local wall time in the contract's zone).
pub(crate) fn at(c: &Contract, s: &str) -> i64 {
    parse_timestamp(s, c.tz).unwrap_or_else(|e| panic!("{s}: {e}"))
}

pub(crate) fn show(c: &Contract, t: i64) -> String {
    format_rfc3339(c.tz, t)
}

/// One ticket's plan, priority, channel and category within a contract.
#[derive(Clone, Copy)]
pub(crate) struct Ticket<'a> {
    pub(crate) c: &'a Contract,
    plan: usize,
    priority: usize,
    channel: Option<usize>,
    category: Option<usize>,
}

impl<'a> Ticket<'a> {
    pub(crate) fn new(c: &'a Contract, plan: &str, priority: &str) -> Self {
        Ticket {
            c,
            plan: c.plan(plan).unwrap_or_else(|| panic!("plan {plan}")),
            priority: c
                .priority(priority)
                .unwrap_or_else(|| panic!("priority {priority}")),
            channel: None,
            category: None,
        }
    }

    pub(crate) fn via(self, channel: &str) -> Self {
        Ticket {
            channel: Some(
                self.c
                    .channel(channel)
                    .unwrap_or_else(|| panic!("channel {channel}")),
            ),
            ..self
        }
    }

    pub(crate) fn about(self, category: &str) -> Self {
        Ticket {
            category: Some(
                self.c
                    .category(category)
                    .unwrap_or_else(|| panic!("category {category}")),
            ),
            ..self
        }
    }

    /// The outcome of one target, judged at `as_of`.
    pub(crate) fn judge(
        &self,
        kind: TargetKind,
        created: &str,
        event: Option<&str>,
        as_of: &str,
    ) -> Outcome {
        let auditor = Auditor {
            contract: self.c,
            default_plan: None,
            input_tz: self.c.tz,
            as_of: at(self.c, as_of),
            contacts: None,
        };
        let event = event.map(|e| at(self.c, e));
        auditor
            .outcome(
                self.plan,
                self.priority,
                self.channel,
                self.category,
                kind,
                at(self.c, created),
                event,
            )
            .expect("within the supported years")
    }

    /// The due instant of one target, as RFC 3339 in the contract's zone.
    pub(crate) fn due(&self, kind: TargetKind, created: &str) -> Option<String> {
        self.judge(kind, created, None, created)
            .due
            .map(|t| show(self.c, t))
    }

    /// When that target's clock starts.
    pub(crate) fn start(&self, kind: TargetKind, created: &str) -> Option<String> {
        self.judge(kind, created, None, created)
            .clock_start
            .map(|t| show(self.c, t))
    }

    /// Status and counted seconds of a target with an event.
    pub(crate) fn verdict(
        &self,
        kind: TargetKind,
        created: &str,
        event: &str,
    ) -> (Status, Option<i64>) {
        let o = self.judge(kind, created, Some(event), event);
        (o.status, o.elapsed)
    }

    /// Status and counted seconds of a target without an event yet, as of a time.
    pub(crate) fn pending(
        &self,
        kind: TargetKind,
        created: &str,
        as_of: &str,
    ) -> (Status, Option<i64>) {
        let o = self.judge(kind, created, None, as_of);
        (o.status, o.elapsed)
    }
}

fn due(s: &str) -> Option<String> {
    Some(s.to_string())
}

// ---------------------------------------------------------------------------
// Audara: 5x8 Mon-Fri 08:00-12:00 and 13:00-17:00 America/Bogota, Colombian
// holidays. Response P1 1 h, P2 2 h, P3 4 h, P4 and P5 1 business day (8 h).
// Status reports P1 every 1 h, P2 4 h, P3 2 business days (16 h), P4/P5 5 (40 h).
// Platinum P1/P2 reported by phone run 7x24. No resolution target.
// Bogota has no DST, so there is no DST case for Audara.
// ---------------------------------------------------------------------------

#[test]
fn audara_every_plan_and_priority_from_an_opening() {
    let c = shipped("audara");
    // Created on a Wednesday, not a holiday.
    let created = "2026-03-11 08:00";
    for plan in ["gold", "platinum"] {
        let t = |p| Ticket::new(&c, plan, p).via("ticket");
        // Wed 08:00 + 1 h inside the morning interval -> 09:00.
        assert_eq!(
            t("1").due(Response, created),
            due("2026-03-11T09:00:00-05:00"),
            "{plan} P1"
        );
        // + 2 h -> 10:00.
        assert_eq!(
            t("2").due(Response, created),
            due("2026-03-11T10:00:00-05:00"),
            "{plan} P2"
        );
        // + 4 h fills the morning 08:00-12:00: the earliest instant is 12:00, not 13:00.
        assert_eq!(
            t("3").due(Response, created),
            due("2026-03-11T12:00:00-05:00"),
            "{plan} P3"
        );
        // 1 business day = 8 h: 4 h morning + 4 h afternoon -> 17:00 the same day.
        assert_eq!(
            t("4").due(Response, created),
            due("2026-03-11T17:00:00-05:00"),
            "{plan} P4"
        );
        assert_eq!(
            t("5").due(Response, created),
            due("2026-03-11T17:00:00-05:00"),
            "{plan} P5"
        );
        // Status reports: P1 every 1 h -> 09:00; P2 every 4 h -> 12:00.
        assert_eq!(
            t("1").due(StatusUpdate, created),
            due("2026-03-11T09:00:00-05:00")
        );
        assert_eq!(
            t("2").due(StatusUpdate, created),
            due("2026-03-11T12:00:00-05:00")
        );
        // P3 every 2 business days = 16 h: Wed 8 h + Thu 8 h -> Thu 17:00.
        assert_eq!(
            t("3").due(StatusUpdate, created),
            due("2026-03-12T17:00:00-05:00")
        );
        // P4/P5 every 5 business days = 40 h: Wed, Thu, Fri, Mon 16, Tue 17 (no
        // Colombian holiday: San José is moved to Mar 23) -> Tue 2026-03-17 17:00.
        assert_eq!(
            t("4").due(StatusUpdate, created),
            due("2026-03-17T17:00:00-05:00")
        );
        assert_eq!(
            t("5").due(StatusUpdate, created),
            due("2026-03-17T17:00:00-05:00")
        );
    }
}

#[test]
fn audara_keeps_the_second() {
    let c = shipped("audara");
    let t = Ticket::new(&c, "gold", "1");
    // Created Wed 09:15:27 inside hours; 1 h later -> 10:15:27 (precision one second).
    assert_eq!(
        t.due(Response, "2026-03-11 09:15:27"),
        due("2026-03-11T10:15:27-05:00")
    );
    // Fractions of a second are dropped: 09:15:27.900 counts as 09:15:27.
    assert_eq!(
        t.due(Response, "2026-03-11T09:15:27.900-05:00"),
        due("2026-03-11T10:15:27-05:00")
    );
    // P2 created 11:59:59: 1 s before lunch, then 13:00 + 1 h 59 min 59 s -> 14:59:59.
    let p2 = Ticket::new(&c, "gold", "2");
    assert_eq!(
        p2.due(Response, "2026-03-11 11:59:59"),
        due("2026-03-11T14:59:59-05:00")
    );
}

#[test]
fn audara_lunch_break() {
    let c = shipped("audara");
    // P2 created Wed 11:30: 30 min to 12:00, lunch 12:00-13:00 closed, 90 min from
    // 13:00 -> 14:30.
    let p2 = Ticket::new(&c, "gold", "2");
    assert_eq!(
        p2.due(Response, "2026-03-11 11:30"),
        due("2026-03-11T14:30:00-05:00")
    );
    // P1 created during lunch (12:15): the clock starts at 13:00 -> due 14:00.
    let p1 = Ticket::new(&c, "gold", "1");
    assert_eq!(
        p1.start(Response, "2026-03-11 12:15"),
        due("2026-03-11T13:00:00-05:00")
    );
    assert_eq!(
        p1.due(Response, "2026-03-11 12:15"),
        due("2026-03-11T14:00:00-05:00")
    );
    // P3 (4 h) created 10:00: 2 h to 12:00, then 13:00 + 2 h -> 15:00.
    let p3 = Ticket::new(&c, "platinum", "3").via("chat");
    assert_eq!(
        p3.due(Response, "2026-03-11 10:00"),
        due("2026-03-11T15:00:00-05:00")
    );
}

#[test]
fn audara_outside_hours_starts_at_the_next_opening() {
    let c = shipped("audara");
    // P4 created Tue 2026-03-10 19:40 (evening): the clock starts Wed 08:00; 8 h =
    // 08:00-12:00 + 13:00-17:00 -> Wed 17:00.
    let p4 = Ticket::new(&c, "gold", "4");
    assert_eq!(
        p4.start(Response, "2026-03-10 19:40"),
        due("2026-03-11T08:00:00-05:00")
    );
    assert_eq!(
        p4.due(Response, "2026-03-10 19:40"),
        due("2026-03-11T17:00:00-05:00")
    );
    // P5 created Thu 2026-03-12 06:10 (early morning): starts 08:00, 8 h -> Thu 17:00.
    let p5 = Ticket::new(&c, "platinum", "5").via("email");
    assert_eq!(
        p5.start(Response, "2026-03-12 06:10"),
        due("2026-03-12T08:00:00-05:00")
    );
    assert_eq!(
        p5.due(Response, "2026-03-12 06:10"),
        due("2026-03-12T17:00:00-05:00")
    );
}

#[test]
fn audara_weekend() {
    let c = shipped("audara");
    // P1 created Sat 2026-03-14 10:00: closed until Mon 2026-03-16 08:00 (not a
    // holiday) -> 09:00.
    let p1 = Ticket::new(&c, "gold", "1");
    assert_eq!(
        p1.due(Response, "2026-03-14 10:00"),
        due("2026-03-16T09:00:00-05:00")
    );
    // Friday 16:30 with 1 h: 30 min Friday (16:30-17:00), weekend closed, 30 min from
    // Mon 08:00 -> 08:30.
    assert_eq!(
        p1.due(Response, "2026-03-13 16:30"),
        due("2026-03-16T08:30:00-05:00")
    );
    // P3 created Sun 23:59: Mon 08:00 + 4 h -> 12:00.
    let p3 = Ticket::new(&c, "gold", "3");
    assert_eq!(
        p3.due(Response, "2026-03-15 23:59"),
        due("2026-03-16T12:00:00-05:00")
    );
}

#[test]
fn audara_colombian_holidays() {
    let c = shipped("audara");
    // P2 created Mon 2026-03-23 10:00, San José moved to Monday: closed all day;
    // Tue 24 08:00 + 2 h -> 10:00.
    let p2 = Ticket::new(&c, "gold", "2");
    assert_eq!(
        p2.due(Response, "2026-03-23 10:00"),
        due("2026-03-24T10:00:00-05:00")
    );
    // P3 created Fri 2026-01-09 16:00: 1 h Friday; Sat, Sun closed; Mon Jan 12 is Reyes
    // Magos moved to Monday; Tue Jan 13 08:00 + 3 h -> 11:00.
    let p3 = Ticket::new(&c, "platinum", "3").via("phone");
    assert_eq!(
        p3.due(Response, "2026-01-09 16:00"),
        due("2026-01-13T11:00:00-05:00")
    );
    // P4 created Wed 2026-04-01 16:00: 1 h Wed; Thu Apr 2 (Jueves Santo) and Fri Apr 3
    // (Viernes Santo) closed, weekend closed; Mon Apr 6 is a working day in Colombia:
    // 7 h = 08:00-12:00 + 13:00-16:00 -> 16:00.
    let p4 = Ticket::new(&c, "gold", "4");
    assert_eq!(
        p4.due(Response, "2026-04-01 16:00"),
        due("2026-04-06T16:00:00-05:00")
    );
}

#[test]
fn audara_exactly_at_closing_time() {
    let c = shipped("audara");
    let p1 = Ticket::new(&c, "gold", "1");
    // Created Wed 17:00 exactly: the afternoon interval is over (it ends at 17:00), so
    // the clock starts Thu 08:00 -> due 09:00.
    assert_eq!(
        p1.start(Response, "2026-03-11 17:00"),
        due("2026-03-12T08:00:00-05:00")
    );
    assert_eq!(
        p1.due(Response, "2026-03-11 17:00"),
        due("2026-03-12T09:00:00-05:00")
    );
    // Created at 12:00 exactly (lunch starts): starts 13:00 -> due 14:00.
    assert_eq!(
        p1.due(Response, "2026-03-11 12:00"),
        due("2026-03-11T14:00:00-05:00")
    );
    // Created 16:00: the hour is reached at 17:00, the closing time itself (the earliest
    // instant), not at the next morning's opening.
    assert_eq!(
        p1.due(Response, "2026-03-11 16:00"),
        due("2026-03-11T17:00:00-05:00")
    );
    // Created 16:59:59 -> 1 s Wed, then Thu 08:00 + 59 min 59 s -> 08:59:59.
    assert_eq!(
        p1.due(Response, "2026-03-11 16:59:59"),
        due("2026-03-12T08:59:59-05:00")
    );
}

#[test]
fn audara_multi_day_status_reports_span_weekend_and_holiday() {
    let c = shipped("audara");
    // P4 status every 5 business days = 40 h, created Fri 2026-03-20 10:00:
    // Fri 10:00-12:00 + 13:00-17:00 = 6 h; Sat, Sun closed; Mon 23 San José closed;
    // Tue 24 (14 h), Wed 25 (22 h), Thu 26 (30 h), Fri 27 (38 h); Mon 30 08:00 + 2 h
    // -> 10:00.
    let p4 = Ticket::new(&c, "gold", "4");
    assert_eq!(
        p4.due(StatusUpdate, "2026-03-20 10:00"),
        due("2026-03-30T10:00:00-05:00")
    );
    // P3 status every 2 business days = 16 h, created Fri 2026-03-20 16:00: 1 h Fri;
    // Mon 23 closed; Tue 24 8 h (9 h); Wed 25 7 h = 08:00-12:00 + 13:00-16:00 -> 16:00.
    let p3 = Ticket::new(&c, "gold", "3");
    assert_eq!(
        p3.due(StatusUpdate, "2026-03-20 16:00"),
        due("2026-03-25T16:00:00-05:00")
    );
    // P5 response (1 business day) created Thu 2026-04-02 (Jueves Santo) 09:00: Thu,
    // Fri holidays, weekend; Mon Apr 6 8 h -> 17:00.
    let p5 = Ticket::new(&c, "gold", "5");
    assert_eq!(
        p5.due(Response, "2026-04-02 09:00"),
        due("2026-04-06T17:00:00-05:00")
    );
}

#[test]
fn audara_platinum_phone_p1_p2_run_7x24() {
    let c = shipped("audara");
    // Platinum P1 by phone, Sat 2026-03-14 02:00: 7x24 clock, 1 h -> Sat 03:00.
    let p1 = Ticket::new(&c, "platinum", "1").via("phone");
    assert_eq!(
        p1.start(Response, "2026-03-14 02:00"),
        due("2026-03-14T02:00:00-05:00")
    );
    assert_eq!(
        p1.due(Response, "2026-03-14 02:00"),
        due("2026-03-14T03:00:00-05:00")
    );
    // Inside hours the 7x24 clock keeps running over lunch: Wed 11:30 + 1 h -> 12:30
    // (the 5x8 clock would give 13:30).
    assert_eq!(
        p1.due(Response, "2026-03-11 11:30"),
        due("2026-03-11T12:30:00-05:00")
    );
    // Its status reports (every 1 h) run on the same 7x24 clock -> Sat 03:00.
    assert_eq!(
        p1.due(StatusUpdate, "2026-03-14 02:00"),
        due("2026-03-14T03:00:00-05:00")
    );
    // Platinum P2 by phone on the San José holiday, Mon 2026-03-23 22:30: 2 h elapsed
    // -> Tue 00:30.
    let p2 = Ticket::new(&c, "platinum", "2").via("teléfono");
    assert_eq!(
        p2.due(Response, "2026-03-23 22:30"),
        due("2026-03-24T00:30:00-05:00")
    );
    // P2 status reports every 4 h on 7x24: Sat 02:00 -> Sat 06:00.
    assert_eq!(
        p2.due(StatusUpdate, "2026-03-14 02:00"),
        due("2026-03-14T06:00:00-05:00")
    );
}

#[test]
fn audara_other_cases_stay_on_5x8() {
    let c = shipped("audara");
    let sat = "2026-03-14 02:00";
    // Every case below runs on 5x8 and was created Sat 02:00: the clock starts Mon
    // 2026-03-16 08:00.
    // Platinum P1 by chat -> 08:00 + 1 h = 09:00.
    let chat = Ticket::new(&c, "platinum", "1").via("chat");
    assert_eq!(chat.due(Response, sat), due("2026-03-16T09:00:00-05:00"));
    // Platinum P1 by ticket or email -> 09:00.
    assert_eq!(
        Ticket::new(&c, "platinum", "1")
            .via("ticket")
            .due(Response, sat),
        due("2026-03-16T09:00:00-05:00")
    );
    assert_eq!(
        Ticket::new(&c, "platinum", "2")
            .via("email")
            .due(Response, sat),
        due("2026-03-16T10:00:00-05:00")
    );
    // Platinum P1 without a channel -> 5x8 (the rule needs the phone) -> 09:00.
    assert_eq!(
        Ticket::new(&c, "platinum", "1").due(Response, sat),
        due("2026-03-16T09:00:00-05:00")
    );
    // Platinum P3 by phone: only P1 and P2 are attended in extended hours -> 08:00 + 4 h
    // = 12:00.
    let p3 = Ticket::new(&c, "platinum", "3").via("phone");
    assert_eq!(p3.due(Response, sat), due("2026-03-16T12:00:00-05:00"));
    // Platinum P4 and P5 by phone: 1 business day -> Mon 17:00.
    assert_eq!(
        Ticket::new(&c, "platinum", "4")
            .via("phone")
            .due(Response, sat),
        due("2026-03-16T17:00:00-05:00")
    );
    assert_eq!(
        Ticket::new(&c, "platinum", "5")
            .via("phone")
            .due(Response, sat),
        due("2026-03-16T17:00:00-05:00")
    );
    // Gold P1 by phone: Gold is 5x8 only -> 09:00.
    assert_eq!(
        Ticket::new(&c, "gold", "1").via("phone").due(Response, sat),
        due("2026-03-16T09:00:00-05:00")
    );
    // Gold P2 by phone -> 10:00.
    assert_eq!(
        Ticket::new(&c, "gold", "2").via("phone").due(Response, sat),
        due("2026-03-16T10:00:00-05:00")
    );
}

#[test]
fn audara_has_no_resolution_target() {
    let c = shipped("audara");
    // §3 promises an initial response and status reports only.
    for (plan, prio) in [
        ("gold", "1"),
        ("gold", "5"),
        ("platinum", "1"),
        ("platinum", "3"),
    ] {
        let t = Ticket::new(&c, plan, prio).via("phone");
        let o = t.judge(
            Resolution,
            "2026-03-11 09:00",
            Some("2026-03-30 09:00"),
            "2026-03-30 09:00",
        );
        assert_eq!(o.status, Status::NoTarget, "{plan} P{prio}");
        assert_eq!(o.due, None);
    }
}

#[test]
fn audara_met_or_breached_by_counted_time() {
    let c = shipped("audara");
    let p1 = Ticket::new(&c, "gold", "1");
    // Created Wed 16:00, due 17:00. A reply Thu 08:00:00 comes after the due instant
    // but only 1 h (16:00-17:00) of business time has been counted -> met.
    assert_eq!(
        p1.verdict(Response, "2026-03-11 16:00", "2026-03-12 08:00:00"),
        (Status::Met, Some(H))
    );
    // Wed 20:00 (evening, closed): still 1 h counted -> met.
    assert_eq!(
        p1.verdict(Response, "2026-03-11 16:00", "2026-03-11 20:00"),
        (Status::Met, Some(H))
    );
    // Thu 08:00:01: 1 h + 1 s counted -> breached.
    assert_eq!(
        p1.verdict(Response, "2026-03-11 16:00", "2026-03-12 08:00:01"),
        (Status::Breached, Some(H + 1))
    );
    // Inside hours: created 09:15, due 10:15. At 10:15:00 -> met; 10:15:01 -> breached.
    assert_eq!(
        p1.verdict(Response, "2026-03-11 09:15", "2026-03-11 10:15:00"),
        (Status::Met, Some(H))
    );
    assert_eq!(
        p1.verdict(Response, "2026-03-11 09:15", "2026-03-11 10:15:01"),
        (Status::Breached, Some(H + 1))
    );
    // Over lunch: created 11:00, due 12:00. A reply at 12:59:59 or at 13:00:00 has
    // 1 h counted (11:00-12:00) -> met; at 13:00:01 -> 1 h 1 s, breached.
    assert_eq!(
        p1.verdict(Response, "2026-03-11 11:00", "2026-03-11 12:59:59"),
        (Status::Met, Some(H))
    );
    assert_eq!(
        p1.verdict(Response, "2026-03-11 11:00", "2026-03-11 13:00:00"),
        (Status::Met, Some(H))
    );
    assert_eq!(
        p1.verdict(Response, "2026-03-11 11:00", "2026-03-11 13:00:01"),
        (Status::Breached, Some(H + 1))
    );
    // P4 (8 h) created Fri 2026-03-20 16:00, reply Tue 24 14:00: Fri 1 h, Mon 23
    // holiday, Tue 08:00-12:00 + 13:00-14:00 = 5 h; 6 h <= 8 h -> met.
    let p4 = Ticket::new(&c, "gold", "4");
    assert_eq!(
        p4.verdict(Response, "2026-03-20 16:00", "2026-03-24 14:00"),
        (Status::Met, Some(6 * H))
    );
}

#[test]
fn audara_open_or_overdue_as_of() {
    let c = shipped("audara");
    let p1 = Ticket::new(&c, "gold", "1");
    // Created on a Friday; due Mon 2026-03-16 08:30.
    let created = "2026-03-13 16:30";
    // As of Sat 12:00: 30 min counted (Fri 16:30-17:00) -> open.
    assert_eq!(
        p1.pending(Response, created, "2026-03-14 12:00"),
        (Status::Open, Some(1800))
    );
    // As of Mon 08:30:00: exactly 1 h counted, the target is reached, not exceeded -> open.
    assert_eq!(
        p1.pending(Response, created, "2026-03-16 08:30:00"),
        (Status::Open, Some(H))
    );
    // As of Mon 08:30:01: 1 h 1 s -> overdue.
    assert_eq!(
        p1.pending(Response, created, "2026-03-16 08:30:01"),
        (Status::Overdue, Some(H + 1))
    );
    // An as_of before creation counts nothing -> open.
    assert_eq!(
        p1.pending(Response, created, "2026-03-13 10:00"),
        (Status::Open, Some(0))
    );
}

#[test]
fn audara_response_before_creation_is_an_error() {
    let c = shipped("audara");
    let header = [
        "id",
        "created_at",
        "priority",
        "plan",
        "channel",
        "first_response_at",
    ];
    let cols = TicketColumns::from_header(header).unwrap();
    let auditor = Auditor {
        contract: &c,
        default_plan: None,
        input_tz: c.tz,
        as_of: at(&c, "2026-03-20 00:00"),
        contacts: None,
    };
    // The reply (09:59:59) is one second before the ticket was created (10:00).
    let row = [
        "T-1",
        "2026-03-11 10:00",
        "1",
        "gold",
        "phone",
        "2026-03-11 09:59:59",
    ];
    let audit = auditor.audit(&cols.record(|i| row[i]));
    let err = audit.error.expect("a response before creation is an error");
    assert_eq!(err.column, "first_response_at");
    assert!(audit.outcomes.iter().all(|o| o.status == Status::Invalid));
    // A reply at the creation instant itself is fine: 0 s counted -> met.
    let row = [
        "T-2",
        "2026-03-11 10:00",
        "1",
        "gold",
        "phone",
        "2026-03-11 10:00",
    ];
    let audit = auditor.audit(&cols.record(|i| row[i]));
    assert!(audit.error.is_none());
    assert_eq!(audit.outcomes[0].status, Status::Met);
    assert_eq!(audit.outcomes[0].elapsed, Some(0));
}

#[test]
fn audara_deadline_command_json() {
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
            "2026-03-13 16:30",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let targets = doc["targets"].as_array().unwrap();
    let find = |k: &str| {
        targets
            .iter()
            .find(|t| t["target"] == k)
            .unwrap_or_else(|| panic!("{k}"))
    };
    // Fri 16:30 inside hours: the clock starts at creation; 30 min Friday + 30 min Mon
    // from 08:00 -> Mon 08:30.
    assert_eq!(find("response")["clock_start"], "2026-03-13T16:30:00-05:00");
    assert_eq!(find("response")["due"], "2026-03-16T08:30:00-05:00");
    // Status reports every hour: first one due at the same instant.
    assert_eq!(find("status_update")["due"], "2026-03-16T08:30:00-05:00");
    // No resolution time in the contract.
    assert_eq!(find("resolution")["status"], "no_target");
    assert!(find("resolution")["due"].is_null());
}

#[test]
fn audara_audit_command_flags_a_closed_breach() {
    // Row 1: P1 created Fri 16:30, reply Mon 08:45 -> 30 min + 45 min = 75 min > 1 h:
    // breached. Row 2: P3 created Mon 08:00, reply 11:00 -> 3 h <= 4 h: met.
    let csv = "id,created_at,priority,plan,channel,first_response_at\n\
               A,2026-03-13 16:30,1,gold,phone,2026-03-16 08:45\n\
               B,2026-03-16 08:00,3,gold,chat,2026-03-16 11:00\n";
    let out = Command::cargo_bin("slaudit")
        .unwrap()
        .args([
            "audit",
            "--contract",
            "audara",
            "--as-of",
            "2026-03-20 12:00",
            "--format",
            "jsonl",
            "--quiet",
            "--fail-on-breach",
            "-",
        ])
        .write_stdin(csv)
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["response_due"], "2026-03-16T08:30:00-05:00");
    assert_eq!(rows[0]["response_status"], "breached");
    assert_eq!(rows[0]["response_elapsed"], 75 * 60);
    // B: Mon 08:00 + 4 h -> 12:00.
    assert_eq!(rows[1]["response_due"], "2026-03-16T12:00:00-05:00");
    assert_eq!(rows[1]["response_status"], "met");
    assert_eq!(rows[1]["response_elapsed"], 3 * 3600);
    assert_eq!(rows[1]["resolution_status"], "no_target");
}

// ---------------------------------------------------------------------------
// Athento: Europe/Madrid, Spain national holidays, Mon-Fri. Plus 10-14 (4 h/day),
// Standard 10-17 (7 h), Company 9-18 (9 h), Enterprise 8-20 (12 h); "días" are full
// days of the plan's own schedule. Starter has no support; Trivial response is no
// commitment; Plus resolution is not published.
// ---------------------------------------------------------------------------

#[test]
fn athento_every_plan_and_priority_response() {
    let c = shipped("athento");
    // Created Mon 2026-03-09 08:00 CET, a plain week (no national holiday Mar 9-20).
    let created = "2026-03-09 08:00";
    let cases = [
        // Plus 10-14: 8 h = Mon 4 h + Tue 4 h -> Tue 14:00; 3 días = 12 h -> Wed 14:00;
        // 4 días = 16 h -> Thu 14:00.
        ("plus", "blocker", Some("2026-03-10T14:00:00+01:00")),
        ("plus", "critical", Some("2026-03-11T14:00:00+01:00")),
        ("plus", "major", Some("2026-03-12T14:00:00+01:00")),
        // "> 5 días" promises nothing.
        ("plus", "trivial", None),
        // Standard 10-17: 6 h -> Mon 16:00; 2 días = 14 h -> Tue 17:00; 3 días = 21 h
        // -> Wed 17:00.
        ("standard", "blocker", Some("2026-03-09T16:00:00+01:00")),
        ("standard", "critical", Some("2026-03-10T17:00:00+01:00")),
        ("standard", "major", Some("2026-03-11T17:00:00+01:00")),
        ("standard", "trivial", None),
        // Company 9-18: 4 h -> Mon 13:00; 8 h -> Mon 17:00; 2 días = 18 h -> Tue 18:00.
        ("company", "blocker", Some("2026-03-09T13:00:00+01:00")),
        ("company", "critical", Some("2026-03-09T17:00:00+01:00")),
        ("company", "major", Some("2026-03-10T18:00:00+01:00")),
        ("company", "trivial", None),
        // Enterprise 8-20: 2 h -> 10:00; 4 h -> 12:00; 1 día = 12 h -> Mon 20:00.
        ("enterprise", "blocker", Some("2026-03-09T10:00:00+01:00")),
        ("enterprise", "critical", Some("2026-03-09T12:00:00+01:00")),
        ("enterprise", "major", Some("2026-03-09T20:00:00+01:00")),
        ("enterprise", "trivial", None),
        // Starter: no support at all.
        ("starter", "blocker", None),
        ("starter", "trivial", None),
    ];
    for (plan, prio, expected) in cases {
        let t = Ticket::new(&c, plan, prio).via("email");
        assert_eq!(
            t.due(Response, created),
            expected.map(String::from),
            "{plan} {prio}"
        );
        if expected.is_none() {
            let o = t.judge(
                Response,
                created,
                Some("2026-03-30 10:00"),
                "2026-03-30 10:00",
            );
            assert_eq!(o.status, Status::NoTarget, "{plan} {prio}");
        }
    }
    // Clock starts at each plan's opening: Plus 10:00, Company 09:00, Enterprise 08:00.
    assert_eq!(
        Ticket::new(&c, "plus", "blocker").start(Response, created),
        due("2026-03-09T10:00:00+01:00")
    );
    assert_eq!(
        Ticket::new(&c, "company", "blocker").start(Response, created),
        due("2026-03-09T09:00:00+01:00")
    );
    assert_eq!(
        Ticket::new(&c, "enterprise", "blocker").start(Response, created),
        due("2026-03-09T08:00:00+01:00")
    );
}

#[test]
fn athento_every_plan_and_priority_resolution() {
    let c = shipped("athento");
    // Created on a Monday, CET.
    let created = "2026-03-09 08:00";
    let cases = [
        // Plus: the resolution table has no figures for Plus.
        ("plus", "blocker", None),
        ("plus", "critical", None),
        ("plus", "major", None),
        ("plus", "trivial", None),
        // Standard 10-17 (7 h/day): 10 h = Mon 7 h + Tue 10:00 + 3 h -> Tue 13:00.
        ("standard", "blocker", Some("2026-03-10T13:00:00+01:00")),
        // 5 días: Mon-Fri full days -> Fri Mar 13 17:00.
        ("standard", "critical", Some("2026-03-13T17:00:00+01:00")),
        // 10 días: Mar 9-13 and 16-20 (Mar 19 is not a national holiday) -> Fri Mar 20.
        ("standard", "major", Some("2026-03-20T17:00:00+01:00")),
        // < 30 días: Mar 9-13 (5), 16-20 (10), 23-27 (15), Mar 30-Apr 2 (19), Apr 3
        // Viernes Santo closed, Apr 6-10 (24), 13-17 (29), Mon Apr 20 (30) -> 17:00 CEST.
        ("standard", "trivial", Some("2026-04-20T17:00:00+02:00")),
        // Company 9-18 (9 h/day): 7 h -> Mon 16:00; 2 días -> Tue 18:00; 5 días -> Fri
        // 13 18:00; < 15 días: Mar 9-13, 16-20, 23-27 -> Fri Mar 27 18:00, still CET.
        ("company", "blocker", Some("2026-03-09T16:00:00+01:00")),
        ("company", "critical", Some("2026-03-10T18:00:00+01:00")),
        ("company", "major", Some("2026-03-13T18:00:00+01:00")),
        ("company", "trivial", Some("2026-03-27T18:00:00+01:00")),
        // Enterprise 8-20 (12 h/day): 4 h -> 12:00; 1 día -> Mon 20:00; 3 días -> Wed 11
        // 20:00; < 7 días: Mon-Fri (5), Mon 16 (6), Tue 17 (7) -> Tue 20:00.
        ("enterprise", "blocker", Some("2026-03-09T12:00:00+01:00")),
        ("enterprise", "critical", Some("2026-03-09T20:00:00+01:00")),
        ("enterprise", "major", Some("2026-03-11T20:00:00+01:00")),
        ("enterprise", "trivial", Some("2026-03-17T20:00:00+01:00")),
        ("starter", "major", None),
    ];
    for (plan, prio, expected) in cases {
        let t = Ticket::new(&c, plan, prio);
        assert_eq!(
            t.due(Resolution, created),
            expected.map(String::from),
            "{plan} {prio}"
        );
        if expected.is_none() {
            let o = t.judge(Resolution, created, None, "2026-06-01 10:00");
            assert_eq!(o.status, Status::NoTarget, "{plan} {prio}");
        }
    }
}

#[test]
fn athento_inside_outside_hours_and_weekend() {
    let c = shipped("athento");
    // Plus blocker (8 h) created Wed 2026-03-11 12:00: Wed 12-14 2 h, Thu 10-14 4 h
    // (6 h), Fri 10:00 + 2 h -> Fri 12:00.
    let plus = Ticket::new(&c, "plus", "blocker");
    assert_eq!(
        plus.due(Response, "2026-03-11 12:00"),
        due("2026-03-13T12:00:00+01:00")
    );
    // Standard critical (14 h) created Mon 2026-03-09 18:30 (after 17:00): starts Tue
    // 10:00; Tue 7 h + Wed 7 h -> Wed 17:00, exactly the closing time.
    let std = Ticket::new(&c, "standard", "critical");
    assert_eq!(
        std.start(Response, "2026-03-09 18:30"),
        due("2026-03-10T10:00:00+01:00")
    );
    assert_eq!(
        std.due(Response, "2026-03-09 18:30"),
        due("2026-03-11T17:00:00+01:00")
    );
    // Company blocker (4 h) created Thu 2026-03-12 07:00: starts 09:00 -> 13:00.
    let company = Ticket::new(&c, "company", "blocker");
    assert_eq!(
        company.due(Response, "2026-03-12 07:00"),
        due("2026-03-12T13:00:00+01:00")
    );
    // Enterprise major (1 día = 12 h) created Sat 2026-03-14 11:00: Mon 16 08:00 + 12 h
    // -> 20:00.
    let ent = Ticket::new(&c, "enterprise", "major");
    assert_eq!(
        ent.due(Response, "2026-03-14 11:00"),
        due("2026-03-16T20:00:00+01:00")
    );
    // Enterprise blocker (2 h) created Fri 2026-03-13 20:00, exactly at closing: Mon 16
    // 08:00 + 2 h -> 10:00.
    let ent_b = Ticket::new(&c, "enterprise", "blocker");
    assert_eq!(
        ent_b.due(Response, "2026-03-13 20:00"),
        due("2026-03-16T10:00:00+01:00")
    );
}

#[test]
fn athento_spanish_holidays() {
    let c = shipped("athento");
    // Company critical (8 h) created Thu 2026-04-02 14:00 CEST (Jueves Santo is
    // regional, not national, so Thursday is open): Thu 14-18 4 h; Fri Apr 3 Viernes
    // Santo closed; weekend; Mon Apr 6 (Easter Monday is regional, not national)
    // 09:00 + 4 h -> 13:00.
    let company = Ticket::new(&c, "company", "critical");
    assert_eq!(
        company.due(Response, "2026-04-02 14:00"),
        due("2026-04-06T13:00:00+02:00")
    );
    // Standard blocker (6 h) created Fri 2026-10-09 15:00 CEST: Fri 2 h; weekend; Mon
    // Oct 12 Fiesta Nacional closed; Tue 13 10:00 + 4 h -> 14:00.
    let std = Ticket::new(&c, "standard", "blocker");
    assert_eq!(
        std.due(Response, "2026-10-09 15:00"),
        due("2026-10-13T14:00:00+02:00")
    );
    // Enterprise critical (4 h) created Tue 2026-12-08 09:00, Inmaculada Concepción:
    // closed; Wed 9 08:00 + 4 h -> 12:00.
    let ent = Ticket::new(&c, "enterprise", "critical");
    assert_eq!(
        ent.due(Response, "2026-12-08 09:00"),
        due("2026-12-09T12:00:00+01:00")
    );
}

#[test]
fn athento_across_dst_changes() {
    let c = shipped("athento");
    // Enterprise blocker (2 h) created Fri 2026-03-27 19:00 CET: 1 h Fri (19-20);
    // clocks go forward on Sun 29; Mon 30 opens at 08:00 local, now CEST -> 09:00+02:00.
    let ent = Ticket::new(&c, "enterprise", "blocker");
    assert_eq!(
        ent.due(Response, "2026-03-27 19:00"),
        due("2026-03-30T09:00:00+02:00")
    );
    // Company blocker (4 h) created Fri 2026-10-23 16:00 CEST: 2 h Fri (16-18); clocks
    // go back on Sun 25; Mon 26 09:00 CET + 2 h -> 11:00+01:00.
    let company = Ticket::new(&c, "company", "blocker");
    assert_eq!(
        company.due(Response, "2026-10-23 16:00"),
        due("2026-10-26T11:00:00+01:00")
    );
    // Standard trivial resolution (30 días = 210 h) created Mon 2026-03-16 10:00 CET:
    // Mar 16-20 (5), 23-27 (10), Mar 30-Apr 2 (14; CEST from here), Apr 3 closed, Apr
    // 6-10 (19), 13-17 (24), 20-24 (29), Mon Apr 27 (30) -> 17:00+02:00.
    let trivial = Ticket::new(&c, "standard", "trivial");
    assert_eq!(
        trivial.due(Resolution, "2026-03-16 10:00"),
        due("2026-04-27T17:00:00+02:00")
    );
}

#[test]
fn athento_met_or_breached_by_counted_time() {
    let c = shipped("athento");
    let t = Ticket::new(&c, "company", "critical");
    // Created on Jueves Santo (not a national holiday in Spain); 8 h due Mon 2026-04-06 13:00.
    let created = "2026-04-02 14:00";
    // Reply Mon 09:00: Thu 14-18 = 4 h counted, Friday holiday and the weekend count
    // nothing -> met.
    assert_eq!(
        t.verdict(Response, created, "2026-04-06 09:00"),
        (Status::Met, Some(4 * H))
    );
    // Reply Mon 13:00:00 -> exactly 8 h -> met; 13:00:01 -> breached.
    assert_eq!(
        t.verdict(Response, created, "2026-04-06 13:00:00"),
        (Status::Met, Some(8 * H))
    );
    assert_eq!(
        t.verdict(Response, created, "2026-04-06 13:00:01"),
        (Status::Breached, Some(8 * H + 1))
    );
    // Open as of Sun Apr 5 (4 h counted); overdue as of Mon 13:00:01.
    assert_eq!(
        t.pending(Response, created, "2026-04-05 12:00"),
        (Status::Open, Some(4 * H))
    );
    assert_eq!(
        t.pending(Response, created, "2026-04-06 13:00:01"),
        (Status::Overdue, Some(8 * H + 1))
    );
}

// ---------------------------------------------------------------------------
// SAFR: America/Los_Angeles, US federal holidays; business day Mon-Fri 09:00-17:00
// (8 h). High response 4 h on 24x7; Medium 1 business day; Low 3 business days;
// resolution High/Medium/Low 3/7/21 calendar days; status every 24 h (High, Medium).
// ---------------------------------------------------------------------------

#[test]
fn safr_high_response_runs_24x7() {
    let c = shipped("safr");
    let high = Ticket::new(&c, "standard", "high").via("email");
    // Sat 2026-03-14 23:00 PDT + 4 h elapsed -> Sun 03:00.
    assert_eq!(
        high.due(Response, "2026-03-14 23:00"),
        due("2026-03-15T03:00:00-07:00")
    );
    // Thanksgiving Thu 2026-11-26 10:00 PST + 4 h -> 14:00 (holidays do not stop it).
    assert_eq!(
        high.due(Response, "2026-11-26 10:00"),
        due("2026-11-26T14:00:00-08:00")
    );
    // Spring forward: Sun 2026-03-08 00:30 PST = 08:30 UTC; + 4 h = 12:30 UTC = 05:30
    // PDT (the wall clock shows 5 h, the elapsed time is 4 h).
    assert_eq!(
        high.due(Response, "2026-03-08 00:30"),
        due("2026-03-08T05:30:00-07:00")
    );
    // Fall back: Sun 2026-11-01 00:30 PDT = 07:30 UTC; + 4 h = 11:30 UTC = 03:30 PST.
    assert_eq!(
        high.due(Response, "2026-11-01 00:30"),
        due("2026-11-01T03:30:00-08:00")
    );
}

#[test]
fn safr_business_day_targets() {
    let c = shipped("safr");
    let medium = Ticket::new(&c, "standard", "medium");
    // Inside hours: Wed 2026-03-11 13:00 PDT: Wed 13-17 4 h, Thu 09:00 + 4 h -> 13:00.
    assert_eq!(
        medium.due(Response, "2026-03-11 13:00"),
        due("2026-03-12T13:00:00-07:00")
    );
    // Evening: Tue 2026-03-10 20:00 -> Wed 09:00 + 8 h -> Wed 17:00 (closing time).
    assert_eq!(
        medium.start(Response, "2026-03-10 20:00"),
        due("2026-03-11T09:00:00-07:00")
    );
    assert_eq!(
        medium.due(Response, "2026-03-10 20:00"),
        due("2026-03-11T17:00:00-07:00")
    );
    // Early morning: Thu 2026-03-12 06:00 -> 09:00 + 8 h -> 17:00.
    assert_eq!(
        medium.due(Response, "2026-03-12 06:00"),
        due("2026-03-12T17:00:00-07:00")
    );
    // Weekend: Sat 2026-03-14 10:00 -> Mon 16 09:00 + 8 h -> 17:00.
    assert_eq!(
        medium.due(Response, "2026-03-14 10:00"),
        due("2026-03-16T17:00:00-07:00")
    );
    // Exactly at closing: Wed 17:00 -> Thu 09:00 + 8 h -> Thu 17:00.
    assert_eq!(
        medium.due(Response, "2026-03-11 17:00"),
        due("2026-03-12T17:00:00-07:00")
    );
    // Low (3 business days = 24 h) Mon 2026-03-16 09:00 -> Mon, Tue, Wed -> Wed 17:00.
    let low = Ticket::new(&c, "standard", "low");
    assert_eq!(
        low.due(Response, "2026-03-16 09:00"),
        due("2026-03-18T17:00:00-07:00")
    );
}

#[test]
fn safr_us_federal_holidays() {
    let c = shipped("safr");
    // Low (24 h) created Wed 2026-11-25 10:00 PST: Wed 10-17 7 h; Thu 26 Thanksgiving
    // closed; Fri 27 8 h (15 h); Sat, Sun closed; Mon 30 8 h (23 h); Tue Dec 1 09:00 +
    // 1 h -> 10:00.
    let low = Ticket::new(&c, "standard", "low");
    assert_eq!(
        low.due(Response, "2026-11-25 10:00"),
        due("2026-12-01T10:00:00-08:00")
    );
    // Medium (8 h) created Thu 2026-07-02 15:00 PDT: Thu 2 h; Fri Jul 3 (Independence
    // Day observed) closed; Sat Jul 4, Sun closed; Mon Jul 6 09:00 + 6 h -> 15:00.
    let medium = Ticket::new(&c, "standard", "medium");
    assert_eq!(
        medium.due(Response, "2026-07-02 15:00"),
        due("2026-07-06T15:00:00-07:00")
    );
}

#[test]
fn safr_business_hours_across_dst() {
    let c = shipped("safr");
    // Low (24 h) created Fri 2026-03-06 10:00 PST: Fri 10-17 7 h; weekend (clocks go
    // forward Sun 8); Mon 9 09:00-17:00 PDT 8 h (15 h); Tue 10 8 h (23 h); Wed 11 09:00
    // + 1 h -> 10:00 PDT.
    let low = Ticket::new(&c, "standard", "low");
    assert_eq!(
        low.due(Response, "2026-03-06 10:00"),
        due("2026-03-11T10:00:00-07:00")
    );
    // Medium (8 h) created Fri 2026-10-30 15:00 PDT: Fri 2 h; weekend (clocks go back
    // Sun Nov 1); Mon Nov 2 09:00 PST + 6 h -> 15:00 PST.
    let medium = Ticket::new(&c, "standard", "medium");
    assert_eq!(
        medium.due(Response, "2026-10-30 15:00"),
        due("2026-11-02T15:00:00-08:00")
    );
}

#[test]
fn safr_calendar_day_resolution_across_dst() {
    let c = shipped("safr");
    let high = Ticket::new(&c, "standard", "high");
    // 3 calendar days from Fri 2026-03-06 10:00 PST -> Mon 2026-03-09 10:00 PDT: the
    // same wall time, only 71 real hours later (the spring-forward day has 23 h).
    let created = "2026-03-06 10:00";
    assert_eq!(
        high.due(Resolution, created),
        due("2026-03-09T10:00:00-07:00")
    );
    let o = high.judge(Resolution, created, None, created);
    assert_eq!(o.due.unwrap() - at(&c, created), 71 * H);
    // 7 calendar days from Fri 2026-10-30 10:00 PDT -> Fri 2026-11-06 10:00 PST: 169
    // real hours (the fall-back day has 25 h).
    let medium = Ticket::new(&c, "standard", "medium");
    let created = "2026-10-30 10:00";
    assert_eq!(
        medium.due(Resolution, created),
        due("2026-11-06T10:00:00-08:00")
    );
    let o = medium.judge(Resolution, created, None, created);
    assert_eq!(o.due.unwrap() - at(&c, created), 169 * H);
    // Landing in the gap: 3 days from Thu 2026-03-05 02:30 PST is Sun Mar 8 02:30, which
    // does not exist; it moves forward by the gap -> 03:30 PDT (72 real hours).
    assert_eq!(
        high.due(Resolution, "2026-03-05 02:30"),
        due("2026-03-08T03:30:00-07:00")
    );
    // Landing on a wall time that occurs twice: 3 days from Thu 2026-10-29 01:30 PDT is
    // Sun Nov 1 01:30, which happens in PDT and again in PST; the first is taken.
    assert_eq!(
        high.due(Resolution, "2026-10-29 01:30"),
        due("2026-11-01T01:30:00-07:00")
    );
    // Low: 21 calendar days from Mon 2026-11-16 09:00 PST -> Mon 2026-12-07 09:00 PST;
    // Thanksgiving and weekends count (calendar days).
    let low = Ticket::new(&c, "standard", "low");
    assert_eq!(
        low.due(Resolution, "2026-11-16 09:00"),
        due("2026-12-07T09:00:00-08:00")
    );
}

#[test]
fn safr_calendar_days_met_breached_open_overdue() {
    let c = shipped("safr");
    let high = Ticket::new(&c, "standard", "high");
    // Created on a Friday (PST); 3 calendar days due Mon 2026-03-09 10:00 PDT.
    let created = "2026-03-06 10:00";
    // Resolved Mon 10:00:00 -> met; 10:00:01 -> breached.
    assert_eq!(
        high.verdict(Resolution, created, "2026-03-09 10:00:00").0,
        Status::Met
    );
    assert_eq!(
        high.verdict(Resolution, created, "2026-03-09 10:00:01").0,
        Status::Breached
    );
    // Resolved Mon 10:30 PDT: only 71.5 real hours after creation, fewer than 72, but
    // after the civil due time -> breached.
    assert_eq!(
        high.verdict(Resolution, created, "2026-03-09 10:30").0,
        Status::Breached
    );
    // Not resolved: open as of Mon 09:59:59, overdue as of 10:00:01.
    assert_eq!(
        high.pending(Resolution, created, "2026-03-09 09:59:59").0,
        Status::Open
    );
    assert_eq!(
        high.pending(Resolution, created, "2026-03-09 10:00:01").0,
        Status::Overdue
    );
}

#[test]
fn safr_status_updates_every_24_real_hours() {
    let c = shipped("safr");
    // High, created Sat 2026-03-07 12:00 PST (20:00 UTC); 24 h elapsed -> Sun 20:00 UTC
    // = 13:00 PDT: hours are real time, not "same wall time tomorrow".
    let high = Ticket::new(&c, "standard", "high");
    assert_eq!(
        high.due(StatusUpdate, "2026-03-07 12:00"),
        due("2026-03-08T13:00:00-07:00")
    );
    // Medium, created Sat 2026-10-31 12:00 PDT (19:00 UTC); + 24 h = Sun 19:00 UTC =
    // 11:00 PST.
    let medium = Ticket::new(&c, "standard", "medium");
    assert_eq!(
        medium.due(StatusUpdate, "2026-10-31 12:00"),
        due("2026-11-01T11:00:00-08:00")
    );
    // Low has no update cadence.
    let low = Ticket::new(&c, "standard", "low");
    assert_eq!(low.due(StatusUpdate, "2026-10-31 12:00"), None);
}

// ---------------------------------------------------------------------------
// Clever: America/Mexico_City (UTC-6, no DST), everything on 24x7. Response 3 min;
// resolution P1 10 min, P2 45 min, P3 90 min; category-specific resolution times.
// ---------------------------------------------------------------------------

#[test]
fn clever_every_priority_at_any_hour() {
    let c = shipped("clever");
    // Created on a Saturday night.
    let created = "2026-03-14 23:55";
    for p in ["1", "2", "3"] {
        // Response 3 min -> 23:58.
        let t = Ticket::new(&c, "standard", p).via("email");
        assert_eq!(
            t.due(Response, created),
            due("2026-03-14T23:58:00-06:00"),
            "P{p}"
        );
    }
    // P1 10 min -> Sun 00:05; P2 45 min -> 00:40; P3 90 min -> 01:25.
    assert_eq!(
        Ticket::new(&c, "standard", "1").due(Resolution, created),
        due("2026-03-15T00:05:00-06:00")
    );
    assert_eq!(
        Ticket::new(&c, "standard", "2").due(Resolution, created),
        due("2026-03-15T00:40:00-06:00")
    );
    assert_eq!(
        Ticket::new(&c, "standard", "3").due(Resolution, created),
        due("2026-03-15T01:25:00-06:00")
    );
}

#[test]
fn clever_holidays_do_not_stop_the_clock() {
    let c = shipped("clever");
    // Mon 2026-03-16 (Benito Juárez, third Monday of March) 10:00: response 10:03,
    // P2 resolution 45 min -> 10:45.
    let p2 = Ticket::new(&c, "standard", "2");
    assert_eq!(
        p2.due(Response, "2026-03-16 10:00"),
        due("2026-03-16T10:03:00-06:00")
    );
    assert_eq!(
        p2.due(Resolution, "2026-03-16 10:00"),
        due("2026-03-16T10:45:00-06:00")
    );
    // Christmas Fri 2026-12-25 23:00, P3 90 min -> Sat 26 00:30.
    let p3 = Ticket::new(&c, "standard", "3");
    assert_eq!(
        p3.due(Resolution, "2026-12-25 23:00"),
        due("2026-12-26T00:30:00-06:00")
    );
}

#[test]
fn clever_category_overrides() {
    let c = shipped("clever");
    // Created on a Wednesday.
    let created = "2026-03-11 10:00";
    // web-down, agent-login, list-upload, dashboards: 10 min whatever the priority
    // (P3 would otherwise be 90 min) -> 10:10.
    for cat in ["web-down", "agent-login", "list-upload", "dashboards"] {
        let t = Ticket::new(&c, "standard", "3").about(cat);
        assert_eq!(
            t.due(Resolution, created),
            due("2026-03-11T10:10:00-06:00"),
            "{cat}"
        );
        // The response time is not a resolution time: still 3 min -> 10:03.
        assert_eq!(
            t.due(Response, created),
            due("2026-03-11T10:03:00-06:00"),
            "{cat}"
        );
    }
    // repositories: 2 h, even for P1 (10 min otherwise) -> 12:00.
    let repo = Ticket::new(&c, "standard", "1").about("repositories");
    assert_eq!(
        repo.due(Resolution, created),
        due("2026-03-11T12:00:00-06:00")
    );
    // recording-request (alias "grabacion"): 3 h -> 13:00.
    let rec = Ticket::new(&c, "standard", "2").about("grabacion");
    assert_eq!(
        rec.due(Resolution, created),
        due("2026-03-11T13:00:00-06:00")
    );
    // Without a category, P2 keeps its 45 min -> 10:45.
    assert_eq!(
        Ticket::new(&c, "standard", "2").due(Resolution, created),
        due("2026-03-11T10:45:00-06:00")
    );
    // A recording request resolved after 2 h 59 min -> met; after 3 h 1 s -> breached.
    assert_eq!(
        rec.verdict(Resolution, created, "2026-03-11 12:59"),
        (Status::Met, Some(179 * 60))
    );
    assert_eq!(
        rec.verdict(Resolution, created, "2026-03-11 13:00:01"),
        (Status::Breached, Some(3 * H + 1))
    );
}

#[test]
fn clever_mexico_city_has_no_dst() {
    let c = shipped("clever");
    let p3 = Ticket::new(&c, "standard", "3");
    // Sun 2026-04-05 (first Sunday of April, the old spring-forward day) 01:30 + 90 min
    // -> 03:00, offset still -06:00.
    assert_eq!(
        p3.due(Resolution, "2026-04-05 01:30"),
        due("2026-04-05T03:00:00-06:00")
    );
    // 02:30 that day exists (no gap any more).
    assert_eq!(
        p3.due(Response, "2026-04-05 02:30"),
        due("2026-04-05T02:33:00-06:00")
    );
    // Sun 2026-10-25 (the old fall-back day) 01:30 + 90 min -> 03:00 -06:00.
    assert_eq!(
        p3.due(Resolution, "2026-10-25 01:30"),
        due("2026-10-25T03:00:00-06:00")
    );
}

#[test]
fn clever_met_or_breached_to_the_second() {
    let c = shipped("clever");
    let p1 = Ticket::new(&c, "standard", "1");
    let created = "2026-03-11 10:00:00";
    // Response 3 min: at 10:03:00 met (180 s), at 10:03:01 breached.
    assert_eq!(
        p1.verdict(Response, created, "2026-03-11 10:03:00"),
        (Status::Met, Some(180))
    );
    assert_eq!(
        p1.verdict(Response, created, "2026-03-11 10:03:01"),
        (Status::Breached, Some(181))
    );
    // Resolution 10 min: at 10:10:00 met, at 10:10:01 breached.
    assert_eq!(
        p1.verdict(Resolution, created, "2026-03-11 10:10:00"),
        (Status::Met, Some(600))
    );
    assert_eq!(
        p1.verdict(Resolution, created, "2026-03-11 10:10:01"),
        (Status::Breached, Some(601))
    );
    // No resolution yet: open as of 10:09, overdue as of 10:10:01.
    assert_eq!(
        p1.pending(Resolution, created, "2026-03-11 10:09:00"),
        (Status::Open, Some(540))
    );
    assert_eq!(
        p1.pending(Resolution, created, "2026-03-11 10:10:01"),
        (Status::Overdue, Some(601))
    );
}

#[test]
fn clever_deadline_command_with_category() {
    let out = Command::cargo_bin("slaudit")
        .unwrap()
        .args([
            "deadline",
            "--contract",
            "clever",
            "--priority",
            "3",
            "--category",
            "repositorios",
            "--at",
            "2026-03-14 23:30",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["category"], "repositories");
    let targets = doc["targets"].as_array().unwrap();
    let find = |k: &str| {
        targets
            .iter()
            .find(|t| t["target"] == k)
            .unwrap_or_else(|| panic!("{k}"))
    };
    // Sat 23:30 + 3 min -> 23:33; repositories 2 h -> Sun 01:30.
    assert_eq!(find("response")["due"], "2026-03-14T23:33:00-06:00");
    assert_eq!(find("resolution")["due"], "2026-03-15T01:30:00-06:00");
}
