//! Who and how a ticket may be raised, worked by hand from the contract texts:
//! the channels each plan accepts, and the named contacts.
//!
//! - Athento ("Coberturas de soporte"): Plus gives "Contacto vía email"; Standard
//!   adds "Acceso al centro de soporte"; Company and Enterprise add "Soporte
//!   telefónico". Plus runs Mon-Fri 10:00-14:00 Madrid; a blocker's response is
//!   due in 8 office hours. Up to 4 / 7 / 10 authorised contacts; the text does
//!   not say what becomes of other people's tickets (flagged, not removed).
//! - Adereso §9: chat online, email, and Slack only on Avanzado and Enterprise;
//!   §4: WhatsApp, in-person contact and calls to staff are not a valid
//!   escalation. Its time tables are not published (targets `no_target`).
//! - Audara §1.1: up to three named contacts, the only ones who may raise
//!   tickets; "todas las consultas de contactos no calificados se devolverán a
//!   los contactos nombrados" (not attended: `not_covered`). Gold P1: response
//!   within 1 business hour (Mon-Fri 08:00-12:00, 13:00-17:00 Bogota).

use crate::util::{csv_rows, field, slaudit, temp_file};

/// Runs `audit --format csv` and returns (exit code, header, rows, stderr).
fn run(args: &[&str]) -> (i32, Vec<String>, Vec<Vec<String>>, String) {
    let out = slaudit()
        .arg("audit")
        .args(args)
        .args(["--format", "csv"])
        .output()
        .expect("run slaudit");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let (header, rows) = csv_rows(&stdout);
    (
        out.status.code().unwrap_or(-1),
        header,
        rows,
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

fn row<'a>(rows: &'a [Vec<String>], id: &str) -> &'a [String] {
    rows.iter().find(|r| r[0] == id).expect("row present")
}

#[test]
fn athento_plus_accepts_email_only() {
    let (_d, tickets) = temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at\n\
          MAIL,plus,blocker,email,2026-10-14 09:00,2026-10-14 12:00,\n\
          CALL,plus,blocker,phone,2026-10-14 09:00,2026-10-14 12:00,\n\
          PORTAL,standard,blocker,ticket,2026-10-14 09:00,2026-10-14 12:00,\n\
          STDCALL,standard,blocker,phone,2026-10-14 09:00,2026-10-14 12:00,\n\
          COCALL,company,blocker,phone,2026-10-14 09:00,2026-10-14 12:00,\n",
    );
    let (code, h, rows, err) = run(&[
        "--contract",
        "athento",
        tickets.to_str().unwrap(),
        "--as-of",
        "2026-11-01T00:00:00+01:00",
    ]);
    assert_eq!(code, 0, "{err}");
    // By email the Plus ticket is audited: the clock opens Wed 10:00; 8 office
    // hours are Wed 10-14 and Thu 10-14, due Thu 14:00; answered at 12:00
    // after 2 counted hours: met.
    let mail = row(&rows, "MAIL");
    assert_eq!(field(&h, mail, "response_due"), "2026-10-15T14:00:00+02:00");
    assert_eq!(field(&h, mail, "response_status"), "met");
    assert_eq!(field(&h, mail, "response_elapsed"), "7200");
    assert_eq!(field(&h, mail, "coverage_clause"), "");
    // By phone, Plus (email only) and Standard (email and support centre) are
    // not covered on any target, with the clause that says so.
    for id in ["CALL", "STDCALL"] {
        let r = row(&rows, id);
        assert_eq!(field(&h, r, "response_status"), "not_covered", "{id}");
        assert_eq!(field(&h, r, "resolution_status"), "not_covered", "{id}");
        assert_eq!(field(&h, r, "response_due"), "", "{id}");
        assert!(
            field(&h, r, "coverage_clause").starts_with("Coberturas de soporte, plan"),
            "{id}: {}",
            field(&h, r, "coverage_clause")
        );
    }
    assert!(field(&h, row(&rows, "CALL"), "coverage_clause").contains("Contacto vía email"));
    // The support centre on Standard and the phone on Company are accepted.
    for id in ["PORTAL", "COCALL"] {
        let r = row(&rows, id);
        assert_ne!(field(&h, r, "response_status"), "not_covered", "{id}");
        assert_eq!(field(&h, r, "coverage_clause"), "", "{id}");
    }
    // Counted apart in the summary, never in compliance.
    assert!(
        err.contains("summary: response priority blocker: 5 tickets, 3 met, 0 breached, 0 overdue, 0 open, 0 no_target, 0 invalid, compliance 100.00%, 2 not_covered"),
        "{err}"
    );
}

#[test]
fn adereso_whatsapp_and_slack_by_plan() {
    let (_d, tickets) = temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at\n\
          WA,enterprise,1,whatsapp,2026-03-02 10:00,2026-03-02 10:30,\n\
          VISIT,enterprise,1,presencial,2026-03-02 10:00,2026-03-02 10:30,\n\
          SLACK-B,basico,1,slack,2026-03-02 10:00,2026-03-02 10:30,\n\
          SLACK-A,avanzado,1,slack,2026-03-02 10:00,2026-03-02 10:30,\n\
          CHAT-B,basico,1,chat,2026-03-02 10:00,2026-03-02 10:30,\n\
          CALL-E,enterprise,1,phone,2026-03-02 10:00,2026-03-02 10:30,\n",
    );
    let (code, h, rows, err) = run(&[
        "--contract",
        "adereso",
        tickets.to_str().unwrap(),
        "--as-of",
        "2026-04-01T00:00:00-03:00",
    ]);
    assert_eq!(code, 0, "{err}");
    // WhatsApp and in-person contact are never a valid escalation (§4); Slack
    // only on Avanzado and Enterprise (§9); a phone call to staff is not one
    // either (§4).
    for id in ["WA", "VISIT", "SLACK-B", "CALL-E"] {
        let r = row(&rows, id);
        assert_eq!(field(&h, r, "response_status"), "not_covered", "{id}");
        assert!(field(&h, r, "coverage_clause").starts_with("§9"), "{id}");
    }
    // Slack on Avanzado and chat on Básico are covered; Adereso's response
    // table is not published, so there is no target to judge them by.
    for id in ["SLACK-A", "CHAT-B"] {
        let r = row(&rows, id);
        assert_eq!(field(&h, r, "response_status"), "no_target", "{id}");
        assert_eq!(field(&h, r, "coverage_clause"), "", "{id}");
    }
}

const AUDARA_TICKETS: &str =
    "id,plan,priority,channel,created_at,first_response_at,resolved_at,reporter\n\
    A1,gold,1,phone,2026-03-02 09:00,2026-03-02 09:30,,Ana Pérez\n\
    A2,gold,1,phone,2026-03-02 09:00,2026-03-02 09:30,,ana perez\n\
    L1,gold,1,chat,2026-03-02 09:00,2026-03-02 11:00,,Luis\n\
    P1,gold,1,phone,2026-03-02 09:00,2026-03-02 09:30,,Pedro\n\
    M1,gold,1,ticket,2026-03-02 09:00,2026-03-02 09:30,,Marta\n\
    X1,gold,1,phone,2026-03-02 09:00,2026-03-02 09:30,,\n";

#[test]
fn audara_tickets_from_unnamed_contacts_are_not_covered() {
    let (_d, tickets) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    let (_e, contacts) = temp_file(
        "contacts.txt",
        b"# named contacts\nAna Perez\nLuis\nMarta\n",
    );
    let (code, h, rows, err) = run(&[
        "--contract",
        "audara",
        tickets.to_str().unwrap(),
        "--contacts",
        contacts.to_str().unwrap(),
        "--as-of",
        "2026-04-01T00:00:00-05:00",
    ]);
    assert_eq!(code, 0, "{err}");
    // Ana (either spelling) is named: audited, answered in 30 min of a 1 h
    // target: met. Luis is named and answered at 11:00, 2 business hours after
    // 09:00: breached.
    for id in ["A1", "A2"] {
        let r = row(&rows, id);
        assert_eq!(field(&h, r, "contact"), "named", "{id}");
        assert_eq!(field(&h, r, "response_status"), "met", "{id}");
    }
    assert_eq!(field(&h, row(&rows, "L1"), "response_status"), "breached");
    // Pedro is not a named contact: his ticket is returned, not attended.
    let p = row(&rows, "P1");
    assert_eq!(field(&h, p, "contact"), "not_named");
    assert_eq!(field(&h, p, "response_status"), "not_covered");
    assert!(field(&h, p, "coverage_clause").starts_with("§1.1 Contactos del Cliente"));
    // A row without a reporter cannot be judged either way: audited, contact empty.
    let x = row(&rows, "X1");
    assert_eq!(field(&h, x, "contact"), "");
    assert_eq!(field(&h, x, "response_status"), "met");
    // Four distinct reporters (Ana, Luis, Pedro, Marta in input order) against
    // three contacts: the fourth is named in the summary.
    assert!(
        err.contains(
            "contacts plan gold: 4 distinct reporter(s), limit 3; first beyond the limit: Marta"
        ),
        "{err}"
    );
}

#[test]
fn audara_without_a_list_counts_reporters_and_judges_nobody() {
    let (_d, tickets) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    let (_, h, rows, err) = run(&[
        "--contract",
        "audara",
        tickets.to_str().unwrap(),
        "--as-of",
        "2026-04-01T00:00:00-05:00",
    ]);
    // Without --contacts nobody is not_covered and the column stays empty.
    let p = row(&rows, "P1");
    assert_eq!(field(&h, p, "contact"), "");
    assert_eq!(field(&h, p, "response_status"), "met");
    assert!(
        err.contains(
            "contacts plan gold: 4 distinct reporter(s), limit 3; first beyond the limit: Marta"
        ),
        "{err}"
    );
}

#[test]
fn athento_flags_unnamed_reporters_and_warns_of_a_long_list() {
    let (_d, tickets) = temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at,reporter\n\
          S1,standard,blocker,email,2026-10-14 09:00,2026-10-14 12:00,,ops@example.com\n\
          S2,standard,blocker,email,2026-10-14 09:00,2026-10-14 12:00,,intern@example.com\n",
    );
    let (_e, contacts) = temp_file(
        "contacts.txt",
        b"ops@example.com\na@example.com\nb@example.com\nc@example.com\nd@example.com\n",
    );
    let (_, h, rows, err) = run(&[
        "--contract",
        "athento",
        "--plan",
        "standard",
        tickets.to_str().unwrap(),
        "--contacts",
        contacts.to_str().unwrap(),
        "--as-of",
        "2026-11-01T00:00:00+01:00",
    ]);
    // Athento's text limits contacts but does not say their tickets go
    // unattended: the ticket is audited and flagged.
    let s2 = row(&rows, "S2");
    assert_eq!(field(&h, s2, "contact"), "not_named");
    assert_ne!(field(&h, s2, "response_status"), "not_covered");
    assert_eq!(field(&h, row(&rows, "S1"), "contact"), "named");
    // Standard allows 4 authorised contacts; the list names 5.
    assert!(
        err.contains("warning: the contacts list names 5 contacts; contract athento allows 4"),
        "{err}"
    );
}

/// A signed addendum (`extends = "athento"`) that adds the phone to Plus and
/// raises Standard's quota to 80: the override's rules replace the inherited
/// ones for those plans, and the other plans keep theirs.
#[test]
fn an_override_replaces_channel_and_quota_rules_of_its_plans() {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("athento-signed.toml");
    std::fs::write(
        &contract,
        "extends = \"athento\"\n\n[contract]\nkey = \"athento-signed\"\nname = \"Athento (signed)\"\n\
         source = \"signed addendum\"\ntimezone = \"Europe/Madrid\"\ntimezone_clause = \"signed addendum\"\n\n\
         [[accepted_channels]]\nplans = [\"plus\"]\nchannels = [\"email\", \"phone\"]\nclause = \"signed addendum, 2026-03-01: phone for Plus\"\n\n\
         [[quotas]]\nplans = [\"standard\"]\nperiod = \"year\"\ntickets = 80\nclause = \"signed addendum, 2026-03-01: 80 tickets\"\n",
    )
    .unwrap();
    let (_d, tickets) = temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at\n\
          CALL,plus,blocker,phone,2026-10-14 09:00,2026-10-14 12:00,\n\
          STDCALL,standard,blocker,phone,2026-10-14 09:00,2026-10-14 12:00,\n",
    );
    let (code, h, rows, err) = run(&[
        "--contract",
        contract.to_str().unwrap(),
        tickets.to_str().unwrap(),
        "--as-of",
        "2026-11-01T00:00:00+01:00",
    ]);
    assert_eq!(code, 0, "{err}");
    // Plus by phone is now covered and audited like the email ticket above:
    // due Thu 14:00, met after 2 office hours.
    let call = row(&rows, "CALL");
    assert_eq!(field(&h, call, "response_status"), "met");
    assert_eq!(field(&h, call, "response_elapsed"), "7200");
    // Standard keeps the inherited rule: no phone.
    assert_eq!(
        field(&h, row(&rows, "STDCALL"), "response_status"),
        "not_covered"
    );
    assert!(
        err.contains("quota plans standard 2026-01-01..2026-12-31: 1 used / 80 included"),
        "{err}"
    );
}
