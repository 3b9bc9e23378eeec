//! The command line end to end: audit output columns and statuses, exit codes,
//! error messages, and the contracts/calendar/deadline commands.

use predicates::prelude::*;

use crate::util::{csv_rows, field, slaudit, temp_file};

/// The thirteen columns every audit CSV starts with, in this order.
const FIXED: [&str; 13] = [
    "id",
    "plan",
    "priority",
    "created_at",
    "clock_start",
    "response_due",
    "first_response_at",
    "response_status",
    "response_elapsed",
    "resolution_due",
    "resolved_at",
    "resolution_status",
    "resolution_elapsed",
];

const AUDARA_TICKETS: &str = "\
id,plan,priority,channel,created_at,first_response_at
T1,gold,1,chat,2026-03-13 16:30,2026-03-16 08:30
T2,gold,1,chat,2026-03-16 10:00,2026-03-16 11:00:01
T3,gold,2,ticket,2026-03-17 16:00,2026-03-18 08:00
T4,platinum,1,phone,2026-03-14 22:30,2026-03-14 23:45
T5,gold,3,email,2026-03-19 09:00,
T6,gold,4,chat,2026-03-20 16:00,
T7,platinum,1,chat,2026-03-14 22:30,2026-03-16 08:30
";

fn audara_audit(extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let (_dir, path) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .args(extra)
        .arg(&path)
        .assert()
        .success();
    csv_rows(&String::from_utf8_lossy(&out.get_output().stdout))
}

#[test]
fn audit_csv_starts_with_the_documented_columns() {
    let (header, rows) = audara_audit(&[]);
    assert_eq!(&header[..13], &FIXED);
    // Audara has no workaround target, so no workaround columns follow.
    assert!(!header.iter().any(|h| h.starts_with("workaround")));
    assert_eq!(rows.len(), 7, "one row per ticket");
}

#[test]
fn audit_audara_statuses_worked_by_hand() {
    let (h, rows) = audara_audit(&[]);
    let row = |id: &str| rows.iter().find(|r| r[0] == id).expect("row").clone();

    // T1: gold P1 (1 h, 5x8) created Fri 2026-03-13 16:30: 30 min on Friday
    // (16:30-17:00), weekend closed, Mon 2026-03-16 is not a Colombian holiday, 30 min
    // more from 08:00 -> due 08:30. Answered at 08:30 exactly: 3600 s counted, met.
    let t1 = row("T1");
    assert_eq!(field(&h, &t1, "clock_start"), "2026-03-13T16:30:00-05:00");
    assert_eq!(field(&h, &t1, "response_due"), "2026-03-16T08:30:00-05:00");
    assert_eq!(field(&h, &t1, "response_status"), "met");
    assert_eq!(field(&h, &t1, "response_elapsed"), "3600");
    // Audara states no resolution time.
    assert_eq!(field(&h, &t1, "resolution_due"), "");
    assert_eq!(field(&h, &t1, "resolution_status"), "no_target");

    // T2: created Mon 10:00, answered 11:00:01: one second over the hour.
    let t2 = row("T2");
    assert_eq!(field(&h, &t2, "response_due"), "2026-03-16T11:00:00-05:00");
    assert_eq!(field(&h, &t2, "response_status"), "breached");
    assert_eq!(field(&h, &t2, "response_elapsed"), "3601");

    // T3: gold P2 (2 h) created Tue 16:00: 1 h on Tuesday, 1 h from Wed 08:00 ->
    // due Wed 09:00. Answered Wed 08:00: only the hour of Tuesday counted -> met.
    let t3 = row("T3");
    assert_eq!(field(&h, &t3, "response_due"), "2026-03-18T09:00:00-05:00");
    assert_eq!(field(&h, &t3, "response_status"), "met");
    assert_eq!(field(&h, &t3, "response_elapsed"), "3600");

    // T4: platinum P1 by phone runs 7x24 (§2, §3): Sat 22:30 + 1 h = 23:30.
    // Answered 23:45: 75 min elapsed -> breached.
    let t4 = row("T4");
    assert_eq!(field(&h, &t4, "response_due"), "2026-03-14T23:30:00-05:00");
    assert_eq!(field(&h, &t4, "response_status"), "breached");
    assert_eq!(field(&h, &t4, "response_elapsed"), "4500");
    assert_eq!(field(&h, &t4, "response_clock"), "extended");

    // T5: gold P3 (4 h) created Thu 2026-03-19 09:00 (San José is moved to Mon
    // 23 March in 2026, so the 19th is open): 09:00-12:00 = 3 h, lunch, 13:00-14:00
    // -> due 14:00. No answer by Fri 12:00: counted 3 + 4 + 4 = 11 h > 4 h -> overdue.
    let t5 = row("T5");
    assert_eq!(field(&h, &t5, "response_due"), "2026-03-19T14:00:00-05:00");
    assert_eq!(field(&h, &t5, "response_status"), "overdue");
    assert_eq!(field(&h, &t5, "response_elapsed"), (11 * 3600).to_string());

    // T6: gold P4 (1 business day = 8 h) created Fri 2026-03-20 16:00: 1 h on
    // Friday; Mon 23 March is a holiday (San José moved); Tue 24: 08:00-12:00 (4 h)
    // and 13:00-16:00 (3 h) -> due Tue 16:00. As of Fri 12:00, before creation:
    // nothing counted, open.
    let t6 = row("T6");
    assert_eq!(field(&h, &t6, "response_due"), "2026-03-24T16:00:00-05:00");
    assert_eq!(field(&h, &t6, "response_status"), "open");
    assert_eq!(field(&h, &t6, "response_elapsed"), "0");

    // T7: platinum P1 by chat stays on 5x8: created Sat 22:30, clock starts Mon
    // 08:00, due 09:00; answered Mon 08:30 -> 30 min counted, met.
    let t7 = row("T7");
    assert_eq!(field(&h, &t7, "clock_start"), "2026-03-16T08:00:00-05:00");
    assert_eq!(field(&h, &t7, "response_due"), "2026-03-16T09:00:00-05:00");
    assert_eq!(field(&h, &t7, "response_status"), "met");
    assert_eq!(field(&h, &t7, "response_elapsed"), "1800");
    assert_eq!(field(&h, &t7, "response_clock"), "business");
}

#[test]
fn fail_on_breach_exits_3() {
    let (_dir, path) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--format",
            "csv",
            "-qqq",
            "--fail-on-breach",
        ])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .code(3);
}

#[test]
fn fail_on_breach_exits_0_when_everything_is_met() {
    let tickets = "id,plan,priority,created_at,first_response_at\nA,gold,1,2026-03-16 10:00,2026-03-16 10:30\n";
    let (_dir, path) = temp_file("t.csv", tickets.as_bytes());
    slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--format",
            "csv",
            "-qqq",
            "--fail-on-breach",
        ])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .code(0);
}

const BAD_ROWS: &str = "\
id,plan,priority,created_at,first_response_at
A,gold,P9,2026-03-16 10:00,
B,gold,1,2026-03-16 10:00,2026-03-16 09:00
C,gold,1,yesterday,
D,gold,1,2026-03-16 10:00,2026-03-16 10:10
";

#[test]
fn bad_rows_are_listed_with_file_line_and_column_and_exit_2() {
    let (_dir, path) = temp_file("bad.csv", BAD_ROWS.as_bytes());
    let name = path.display().to_string();
    slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{name}:2: column 'priority': priority 'P9' is not one of 1, 2, 3, 4, 5 in contract audara"
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:3: column 'first_response_at': 2026-03-16 09:00 is before created_at 2026-03-16 10:00"
        )))
        .stderr(predicate::str::contains(format!("{name}:4: column 'created_at': 'yesterday' is not a timestamp")))
        .stderr(predicate::str::contains("3 bad row(s)"));
}

#[test]
fn keep_going_marks_bad_rows_invalid_and_keeps_every_row_in_order() {
    let (_dir, path) = temp_file("bad.csv", BAD_ROWS.as_bytes());
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--format",
            "csv",
            "-qqq",
            "--keep-going",
        ])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["A", "B", "C", "D"]);
    for r in &rows[..3] {
        assert_eq!(field(&h, r, "response_status"), "invalid");
        assert_eq!(field(&h, r, "resolution_status"), "invalid");
        assert!(!field(&h, r, "error").is_empty());
    }
    assert!(field(&h, &rows[0], "error").contains("priority 'P9'"));
    // D: 10 min of the 1 h target -> met.
    assert_eq!(field(&h, &rows[3], "response_status"), "met");
    assert_eq!(field(&h, &rows[3], "error"), "");
}

#[test]
fn more_than_twenty_bad_rows_are_counted_not_listed() {
    let mut text = String::from("id,plan,priority,created_at\n");
    for i in 0..25 {
        text.push_str(&format!("X{i},gold,9,2026-03-16 10:00\n"));
    }
    let (_dir, path) = temp_file("many.csv", text.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.matches("is not one of").count(), 20);
    assert!(err.contains("... and 5 more bad row(s)"));
    assert!(err.contains("25 bad row(s)"));
}

#[test]
fn unreadable_inputs_get_their_own_message() {
    slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "no-such-file.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read tickets file 'no-such-file.csv'",
        ));
    let (_d1, empty) = temp_file("empty.csv", b"");
    slaudit()
        .args(["audit", "--contract", "audara", "--plan", "gold"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the file is empty"));
    let (_d2, no_cols) = temp_file("cols.csv", b"ticket,opened\n1,2026-03-16 10:00\n");
    slaudit()
        .args(["audit", "--contract", "audara", "--plan", "gold"])
        .arg(&no_cols)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ":1: header has no column id, created_at, priority",
        ));
    slaudit()
        .args(["audit", "--contract", "nope", "x.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown contract 'nope'"));
}

#[test]
fn errors_are_one_line_without_backtrace() {
    let out = slaudit()
        .env("RUST_BACKTRACE", "1")
        .args([
            "audit",
            "--contract",
            "audara",
            "--plan",
            "diamond",
            "x.csv",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--plan: plan 'diamond' is not one of gold, platinum in contract audara"));
}

#[test]
fn adereso_audits_with_no_target_and_one_warning_line() {
    let out = slaudit()
        .args(["audit", "--contract", "adereso", "--format", "csv"])
        .args([
            "--as-of",
            "2026-04-01T00:00:00-03:00",
            "examples/adereso-tickets.csv",
        ])
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    assert!(!rows.is_empty());
    for r in &rows {
        for col in ["response_status", "resolution_status", "workaround_status"] {
            assert_eq!(field(&h, r, col), "no_target");
        }
        assert_eq!(field(&h, r, "response_due"), "");
    }
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("first response")
            && warnings[0].contains("resolution")
            && warnings[0].contains("workaround")
    );
    assert!(warnings[0].contains("§8.1"));
}

#[test]
fn contracts_show_adereso_says_what_is_not_published() {
    slaudit()
        .args(["contracts", "show", "adereso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Not published by the source"))
        .stdout(predicate::str::contains(
            "business hours of plans basico, basico-plus, avanzado, enterprise",
        ))
        .stdout(predicate::str::contains(
            "§8.2 TIEMPO DE RESOLUCIÓN DEFINITIVA",
        ));
}

#[test]
fn contracts_list_shows_all_five_with_zones() {
    slaudit()
        .args(["contracts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("America/Bogota"))
        .stdout(predicate::str::contains("Europe/Madrid"))
        .stdout(predicate::str::contains("America/Los_Angeles"))
        .stdout(predicate::str::contains("America/Mexico_City"))
        .stdout(predicate::str::contains("America/Santiago"));
}

#[test]
fn contracts_show_lists_clauses_and_assumptions() {
    slaudit()
        .args(["contracts", "show", "safr"])
        .assert()
        .success()
        // Priority names and the assumptions list are never wrapped.
        .stdout(predicate::str::contains("Alto (Nivel 1)"))
        .stdout(predicate::str::contains(
            "Assumptions (readings the source text does not state)",
        ))
        .stdout(predicate::str::contains("The 4 hours run on a 24x7 clock"))
        .stdout(predicate::str::contains(
            "Monday to Friday 09:00-17:00 America/Los_Angeles",
        ));
}

#[test]
fn contracts_check_names_file_line_and_key() {
    let toml = "[contract]\nkey = \"x\"\nname = \"X\"\nsource = \"s\"\ntimezone = \"Mars/Base\"\n\n[[priorities]]\nkey = \"1\"\n\n[[schedules]]\nkey = \"b\"\nmon = [\"09:00-08:00\"]\n\n[[plans]]\nkey = \"p\"\nschedule = \"b\"\n";
    let (_dir, path) = temp_file("x.toml", toml.as_bytes());
    let name = path.display().to_string();
    slaudit()
        .args(["contracts", "check"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{name}:5: key 'contract.timezone': unknown time zone 'Mars/Base'"
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:12: key 'schedules[0].mon[0]': interval '09:00-08:00' ends before or when it starts"
        )));
    let wrong_type = "[contract]\nkey = \"x\"\nname = 5\n";
    let (_d2, p2) = temp_file("y.toml", wrong_type.as_bytes());
    slaudit()
        .args(["contracts", "check"])
        .arg(&p2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ":3: key 'contract.name': invalid type: integer `5`, expected a string",
        ));
}

#[test]
fn shipped_contract_files_check_clean() {
    for name in ["audara", "athento", "safr", "clever", "adereso"] {
        slaudit()
            .args(["contracts", "check", &format!("contracts/{name}.toml")])
            .assert()
            .success()
            .stdout(predicate::str::contains("ok"));
    }
}

#[test]
fn embedded_contracts_work_from_any_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("t.csv"),
        "id,priority,created_at\nA,high,2026-03-16 10:00\n",
    )
    .expect("write");
    slaudit()
        .current_dir(dir.path())
        .args([
            "audit",
            "--contract",
            "safr",
            "--format",
            "csv",
            "-qqq",
            "--as-of",
            "2026-03-16T10:00:00-07:00",
            "t.csv",
        ])
        .assert()
        .success()
        // High: 4 h on 24x7 -> 14:00 the same day (PDT since 8 March).
        .stdout(predicate::str::contains("2026-03-16T14:00:00-07:00"));
}

#[test]
fn contract_given_as_a_path_with_its_own_calendar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cal_dir = dir.path().join("calendars");
    std::fs::create_dir(&cal_dir).expect("mkdir");
    std::fs::write(
        cal_dir.join("tiny.toml"),
        "name = \"Tiny\"\n[[rules]]\nname = \"Founders day\"\nfixed = \"03-16\"\n",
    )
    .expect("write");
    let contract = "[contract]\nkey = \"acme\"\nname = \"Acme\"\nsource = \"test\"\ntimezone = \"UTC\"\n[holidays]\ncalendar = \"tiny\"\n[[schedules]]\nkey = \"b\"\nmon = [\"09:00-17:00\"]\ntue = [\"09:00-17:00\"]\n[[priorities]]\nkey = \"1\"\n[[plans]]\nkey = \"std\"\nschedule = \"b\"\n[[targets]]\nkind = \"response\"\nvalue = 2\nunit = \"hours\"\nclause = \"§1\"\n";
    let path = dir.path().join("acme.toml");
    std::fs::write(&path, contract).expect("write");
    // Mon 2026-03-16 is this calendar's holiday: the clock starts Tue 09:00, due 11:00.
    slaudit()
        .args(["deadline", "--contract"])
        .arg(&path)
        .args([
            "--priority",
            "1",
            "--at",
            "2026-03-16 10:00",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"due\": \"2026-03-17T11:00:00+00:00\"",
        ));
}

#[test]
fn json_output_deserialises_with_summary() {
    #[derive(serde::Deserialize)]
    struct Doc {
        contract: String,
        tickets: Vec<serde_json::Map<String, serde_json::Value>>,
        summary: Vec<SummaryRow>,
    }
    #[derive(serde::Deserialize)]
    struct SummaryRow {
        target: String,
        priority: Option<String>,
        tickets: u64,
        met: u64,
        breached: u64,
        overdue: u64,
        compliance_percent: Option<String>,
    }
    let (_dir, path) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "json"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .success();
    let doc: Doc = serde_json::from_slice(&out.get_output().stdout).expect("valid JSON");
    assert_eq!(doc.contract, "audara");
    assert_eq!(doc.tickets.len(), 7);
    assert_eq!(doc.tickets[0]["response_elapsed"], serde_json::json!(3600));
    assert_eq!(doc.tickets[0]["resolution_due"], serde_json::Value::Null);
    // Response, all priorities: met T1 T3 T7, breached T2 T4, overdue T5, open T6
    // -> 3 / (3 + 2 + 1) = 50.00 %.
    let all = doc
        .summary
        .iter()
        .find(|s| s.target == "response" && s.priority.is_none())
        .expect("total row");
    assert_eq!(
        (all.tickets, all.met, all.breached, all.overdue),
        (7, 3, 2, 1)
    );
    assert_eq!(all.compliance_percent.as_deref(), Some("50.00"));
}

#[test]
fn jsonl_has_one_object_per_ticket() {
    let (_dir, path) = temp_file("t.csv", AUDARA_TICKETS.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "jsonl", "-qqq"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json line")["id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]);
}

#[test]
fn calendar_prints_the_years_holidays_and_schedule() {
    // Colombia 2026: San José (19 March, a Thursday) moves to Monday 23 March.
    slaudit()
        .args(["calendar", "audara", "--year", "2026", "--plan", "gold"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-03-23"))
        .stdout(predicate::str::contains("08:00-12:00, 13:00-17:00"))
        .stdout(predicate::str::contains("one business day = 8h"));
}

#[test]
fn single_plan_contract_needs_no_plan_and_multi_plan_needs_one() {
    let (_dir, path) = temp_file("t.csv", b"id,priority,created_at\nA,1,2026-03-16 10:00\n");
    slaudit()
        .args(["audit", "--contract", "clever", "--format", "csv", "-qqq"])
        .arg(&path)
        .assert()
        .success();
    slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --plan or a plan column"));
}

#[test]
fn help_documents_exit_codes() {
    slaudit()
        .args(["audit", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("3  with --fail-on-breach"));
}

/// Athento states no uptime terms: `uptime` reports availability for information.
/// October 2026 in Madrid has 31 days plus the hour repeated on the 25th: 745 h =
/// 44 700 min. Counted: AT-1 45 min, AT-2 120 min (maintenance, but the contract
/// excuses none), AT-3 01:30 CEST to 02:45 CET = 2 h 15 min = 135 min, AT-5 the
/// 30 min before midnight (the other 30 fall in November), and AT-4's 20 min:
/// it is marked excluded ("Azure outage"), but Athento lists no exclusions, so
/// it counts (with a warning). 45 + 120 + 135 + 30 + 20 = 350 min; uptime
/// (44 700 - 350) / 44 700 = 99.2170... % -> 99.22.
#[test]
fn uptime_athento_reports_availability_without_credit() {
    let out = slaudit()
        .args([
            "uptime",
            "--contract",
            "athento",
            "--format",
            "csv",
            "-qqq",
            "examples/athento-outages.csv",
        ])
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    let oct = rows
        .iter()
        .find(|r| r[0] == "2026-10")
        .expect("October row");
    assert_eq!(field(&h, oct, "minutes_in_month"), "44700.00");
    assert_eq!(field(&h, oct, "downtime_minutes"), "350.00");
    assert_eq!(field(&h, oct, "excluded_minutes"), "0.00");
    assert_eq!(field(&h, oct, "uptime_percent"), "99.22");
    assert_eq!(field(&h, oct, "target_percent"), "");
    assert_eq!(field(&h, oct, "credit_percent"), "");
    assert!(field(&h, oct, "note").contains("defines no service credit"));
    let nov = rows
        .iter()
        .find(|r| r[0] == "2026-11")
        .expect("November row");
    assert_eq!(field(&h, nov, "downtime_minutes"), "30.00");
}

/// A contract with all three audited kinds, a 24x7 clock for one channel and a
/// clause that needs quoting in CSV, to pin the target, clock and clause columns.
const THREE_KINDS: &str = r#"
[contract]
key = "three"
name = "Three kinds"
source = "test"
timezone = "Europe/Madrid"

[[schedules]]
key = "office"
mon = ["09:00-13:00", "14:00-18:00"]
tue = ["09:00-13:00", "14:00-18:00"]
wed = ["09:00-13:00", "14:00-18:00"]
thu = ["09:00-13:00", "14:00-18:00"]
fri = ["09:00-13:00", "14:00-18:00"]

[[schedules]]
key = "always"
always = true

[[channels]]
key = "phone"

[[channels]]
key = "email"

[[priorities]]
key = "high"

[[priorities]]
key = "low"

[[plans]]
key = "basic"
schedule = "office"

[[clock_rules]]
channels = ["phone"]
priorities = ["high"]
schedule = "always"
clause = "§9 \"teléfono\", 24x7"

[[targets]]
kind = "response"
value = 4
unit = "hours"
clause = "§1 Respuesta, \"alta\""

[[targets]]
kind = "workaround"
priorities = ["high"]
value = 1
unit = "business_days"
clause = "§2 Solución temporal"

[[targets]]
kind = "resolution"
priorities = ["high"]
value = 3
unit = "business_days"
clause = "§3 Resolución"
"#;

#[test]
fn target_clock_and_clause_columns_of_every_kind_in_csv_and_json() {
    let (_d1, contract) = temp_file("three.toml", THREE_KINDS.as_bytes());
    let (_d2, tickets) = temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at,workaround_at,resolved_at\n\
          A,basic,high,email,2026-03-02 09:00,2026-03-02 10:00,,\n\
          B,basic,high,phone,2026-03-07 22:00,,,\n\
          C,basic,low,phone,2026-03-02 09:00,,,\n",
    );
    let run = |format: &str| {
        let out = slaudit()
            .args(["audit", "--contract"])
            .arg(&contract)
            .args([
                "--format",
                format,
                "-qqq",
                "--as-of",
                "2026-03-20T00:00:00Z",
            ])
            .arg(&tickets)
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout).to_string()
    };
    let (h, rows) = csv_rows(&run("csv"));
    // Expected per ticket: (target, clock, clause) for response, resolution and
    // workaround. A: every target on the office clock. B: a high phone ticket runs
    // on the 24x7 clock of the clock rule for all its targets. C: low priority has
    // only the response target; resolution and workaround are empty.
    let resp = ("4 hours", "§1 Respuesta, \"alta\"");
    type Described<'a> = (&'a str, &'a str, &'a str);
    let expect: [(&str, [Described; 3]); 3] = [
        (
            "A",
            [
                (resp.0, "office", resp.1),
                ("3 business days", "office", "§3 Resolución"),
                ("1 business day", "office", "§2 Solución temporal"),
            ],
        ),
        (
            "B",
            [
                (resp.0, "always", resp.1),
                ("3 business days", "always", "§3 Resolución"),
                ("1 business day", "always", "§2 Solución temporal"),
            ],
        ),
        (
            "C",
            [(resp.0, "office", resp.1), ("", "", ""), ("", "", "")],
        ),
    ];
    let lines: Vec<serde_json::Value> = run("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!((rows.len(), lines.len()), (3, 3));
    for ((id, kinds), (row, obj)) in expect.iter().zip(rows.iter().zip(&lines)) {
        assert_eq!(field(&h, row, "id"), *id);
        for (kind, (target, clock, clause)) in
            ["response", "resolution", "workaround"].iter().zip(kinds)
        {
            for (col, want) in [("target", target), ("clock", clock), ("clause", clause)] {
                let name = format!("{kind}_{col}");
                assert_eq!(field(&h, row, &name), *want, "{id} {name} (csv)");
                let json = if want.is_empty() {
                    serde_json::Value::Null
                } else {
                    serde_json::Value::String(want.to_string())
                };
                assert_eq!(obj[&name], json, "{id} {name} (jsonl)");
            }
        }
        // The columns after the runs are still in place.
        assert_eq!(field(&h, row, "error"), "");
        assert_eq!(obj["error"], serde_json::Value::Null);
    }
    assert_eq!(h.last().map(String::as_str), Some("error"));
}

#[test]
fn csv_and_jsonl_agree_on_every_field_of_every_shipped_example() {
    for key in ["audara", "adereso", "clever", "athento", "safr"] {
        let run = |format: &str| {
            let out = slaudit()
                .args(["audit", "--contract", key, "--format", format])
                .args(["-qqq", "--keep-going", "--as-of", "2026-12-01T00:00:00Z"])
                .arg(format!("examples/{key}-tickets.csv"))
                .assert()
                .success();
            String::from_utf8_lossy(&out.get_output().stdout).to_string()
        };
        let (h, rows) = csv_rows(&run("csv"));
        let jsonl = run("jsonl");
        let lines: Vec<(&str, serde_json::Map<String, serde_json::Value>)> = jsonl
            .lines()
            .map(|l| (l, serde_json::from_str(l).expect("json object")))
            .collect();
        assert_eq!(rows.len(), lines.len(), "{key}");
        assert!(!rows.is_empty(), "{key}");
        for (row, (line, obj)) in rows.iter().zip(&lines) {
            assert_eq!(obj.len(), h.len(), "{key}: one key per column");
            // Keys come in column order.
            let at: Vec<usize> = h
                .iter()
                .map(|name| line.find(&format!("\"{name}\":")).expect("key present"))
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{key}: {line}");
            for (name, csv) in h.iter().zip(row) {
                let json = match &obj[name] {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(&json, csv, "{key} {} {name}", row[0]);
            }
        }
    }
}

/// Several thousand rows run through several batches audited in parallel: the
/// output keeps input order, every row is there, and bad rows are reported by
/// line in input order.
#[test]
fn many_batches_keep_input_order_and_every_row() {
    const ROWS: usize = 5_000;
    let mut input = String::from("id,plan,priority,channel,created_at,first_response_at\n");
    let mut bad_lines = Vec::new();
    for i in 0..ROWS {
        // Creation walks minute by minute from Monday 2026-03-02 08:00 Bogotá.
        let (day, minute) = (2 + i / 600, i % 600);
        let created = format!("2026-03-{day:02} {:02}:{:02}", 8 + minute / 60, minute % 60);
        let priority = if i % 997 == 5 {
            bad_lines.push(i + 2); // header is line 1
            "9".to_string()
        } else {
            (1 + i % 5).to_string()
        };
        input.push_str(&format!("T{i},gold,{priority},chat,{created},\n"));
    }
    let (_dir, path) = temp_file("many.csv", input.as_bytes());
    let expected: Vec<String> = (0..ROWS).map(|i| format!("T{i}")).collect();
    for format in ["csv", "jsonl"] {
        let out = slaudit()
            .args(["audit", "--contract", "audara", "--format", format])
            .args(["-qqq", "--keep-going", "--as-of", "2026-04-01T00:00:00Z"])
            .arg(&path)
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let ids: Vec<String> = if format == "csv" {
            let (h, rows) = csv_rows(&text);
            rows.iter()
                .map(|r| field(&h, r, "id").to_string())
                .collect()
        } else {
            text.lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).expect("json line");
                    v["id"].as_str().unwrap_or_default().to_string()
                })
                .collect()
        };
        assert_eq!(ids.len(), ROWS, "{format}");
        assert!(ids == expected, "{format}: rows out of input order");
    }
    // Without --keep-going: exit 2, the bad rows listed by line, in input order.
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-04-01T00:00:00Z"])
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let listed: Vec<usize> = err
        .lines()
        .filter_map(|l| l.split(':').nth(3)?.parse().ok())
        .collect();
    assert_eq!(listed, bad_lines, "{err}");
}

/// Without `--keep-going`, the table keeps the valid rows as CSV and JSON do
/// (then the bad rows on standard error, exit 2).
#[test]
fn audit_table_with_bad_rows_still_prints_the_valid_rows() {
    let text = format!("{AUDARA_TICKETS}T8,gold,9,chat,2026-03-20 09:00,\n");
    let (_dir, path) = temp_file("t.csv", text.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "table"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for id in ["T1", "T2", "T3", "T4", "T5", "T6", "T7"] {
        assert!(
            stdout.lines().any(|l| l.contains(&format!(" {id} "))),
            "{id} missing from the table:\n{stdout}"
        );
    }
    assert!(!stdout.contains(" T8 "), "the bad row is not a table row");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains(":9: column 'priority': priority '9'"),
        "{stderr}"
    );
}

/// A fee too large to compute with exactly is refused before any row is read,
/// in one line, whatever its number of digits (28 digits used to panic with
/// "Multiplication overflowed", 29 to be called "not an amount").
#[test]
fn fee_too_large_is_one_line_error_before_any_row() {
    let d28 = "9".repeat(28);
    let d29 = "1".repeat(29);
    let big_cents = format!("{}.00", "9".repeat(16));
    let tickets = format!("{}/examples/audara-tickets.csv", env!("CARGO_MANIFEST_DIR"));
    let outages = format!("{}/examples/clever-outages.csv", env!("CARGO_MANIFEST_DIR"));
    for fee in [&d28, &d29, &big_cents] {
        let runs: [Vec<&str>; 2] = [
            vec![
                "audit",
                "--contract",
                "audara",
                "--plan",
                "gold",
                &tickets,
                "--format",
                "json",
            ],
            vec![
                "uptime",
                "--contract",
                "clever",
                &outages,
                "--format",
                "json",
            ],
        ];
        for args in runs {
            let out = slaudit()
                .args(&args)
                .args(["--fee", fee, "--currency", "MXN"])
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(2), "{args:?} --fee {fee}");
            assert!(out.stdout.is_empty(), "nothing written before the error");
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                format!("slaudit: error: --fee: '{fee}' is too large (at most 15 digits before the decimal point)\n"),
                "{args:?}"
            );
        }
    }
    // The largest fee accepted still computes: 10 % of it, to the cent.
    let max = format!("{}.99", "9".repeat(15));
    let out = slaudit()
        .args([
            "uptime",
            "--contract",
            "clever",
            &outages,
            "--format",
            "csv",
        ])
        .args([
            "--fee",
            &max,
            "--currency",
            "MXN",
            "--month",
            "2026-04",
            "-qqq",
        ])
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    assert_eq!(field(&h, &rows[0], "credit_percent"), "10.00");
    // 999 999 999 999 999.99 x 10 % = 99 999 999 999 999.999 -> .00 (half away from zero)
    assert_eq!(field(&h, &rows[0], "credit_amount"), "100000000000000.00");
}

/// Every money operation is checked: a share that cannot be represented is an
/// error, never a panic.
#[test]
fn fee_share_overflow_is_an_error_not_a_panic() {
    use rust_decimal::Decimal;
    let fee = slaudit::money::Fee {
        amount: Decimal::MAX,
        currency: "EUR".into(),
        minor: 2,
    };
    assert!(fee.share(Decimal::ONE_HUNDRED).is_err());
    assert_eq!(
        fee.share(Decimal::ZERO)
            .expect("0 % of anything")
            .to_string(),
        "0.00"
    );
}

/// `contracts check` on a 6 MB contract of 200 000 priorities (vocabulary
/// insertion and lookup are hashed; it used to take minutes). The time itself is
/// measured by `bench/big_contract.sh`, not here.
#[test]
fn contracts_check_of_a_contract_with_200000_priorities() {
    let mini = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs/mini.toml"),
    )
    .expect("mini.toml");
    let mut text = mini;
    for i in 0..200_000 {
        text.push_str(&format!("\n[[priorities]]\nkey = \"p{i}\"\n"));
    }
    assert!(text.len() > 6_000_000);
    let (_dir, path) = temp_file("big.toml", text.as_bytes());
    let out = slaudit()
        .args(["contracts", "check"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        format!(
            "{}: ok (contract mini, 1 plans, 200001 priorities, 1 targets)\n",
            path.display()
        )
    );
    // A clash among them is still found, with its line.
    text.push_str("\n[[priorities]]\nkey = \"P199999\"\n");
    let (_dir2, path2) = temp_file("clash.toml", text.as_bytes());
    let out = slaudit()
        .args(["contracts", "check"])
        .arg(&path2)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // mini.toml has 27 lines; priority block i has its key on line 30 + 3i.
    assert_eq!(
        err,
        format!(
            "slaudit: error: {}:600030: key 'priorities[200001].key': name 'P199999' is used twice in priorities\n",
            path2.display()
        )
    );
}

/// A category on a contract without categories (Audara) is kept as written, in
/// CSV and in JSON, instead of disappearing.
#[test]
fn category_on_a_contract_without_categories_is_kept() {
    let csv = "id,plan,priority,channel,category,created_at\n\
               C1,gold,2,chat,Billing question,2026-03-16 10:00\n\
               C2,gold,2,chat,,2026-03-16 10:00\n";
    let (_dir, path) = temp_file("t.csv", csv.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    assert_eq!(field(&h, &rows[0], "channel"), "chat");
    assert_eq!(field(&h, &rows[0], "category"), "Billing question");
    assert_eq!(field(&h, &rows[1], "category"), "");
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "jsonl"])
        .args(["--as-of", "2026-03-20T12:00:00-05:00"])
        .arg(&path)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines[0]["category"], "Billing question");
    assert_eq!(lines[1]["category"], serde_json::Value::Null);
}

/// Repeated ticket ids: every row is kept, and one warning line lists the
/// repeated ids (the first 10, then how many more).
#[test]
fn duplicate_ticket_ids_are_kept_with_one_warning() {
    let mut csv = String::from("id,plan,priority,channel,created_at\n");
    // D0..D11 each twice, D0 three times, U once: 12 repeated ids.
    for i in 0..12 {
        csv.push_str(&format!("D{i},gold,2,chat,2026-03-16 10:00\n"));
    }
    csv.push_str("U,gold,2,chat,2026-03-16 10:00\n");
    for i in 0..12 {
        csv.push_str(&format!("D{i},gold,2,chat,2026-03-16 10:00\n"));
    }
    csv.push_str("D0,gold,2,chat,2026-03-16 10:00\n");
    let (_dir, path) = temp_file("t.csv", csv.as_bytes());
    for format in ["csv", "table", "json"] {
        let out = slaudit()
            .args(["audit", "--contract", "audara", "--format", format])
            .args(["--as-of", "2026-03-20T12:00:00-05:00"])
            .arg(&path)
            .assert()
            .success();
        let o = out.get_output();
        let want = format!(
            "12 ticket id(s) appear more than once in {} (every row is audited): D0, D1, D2, D3, D4, D5, D6, D7, D8, D9 and 2 more",
            path.display()
        );
        let stdout = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
            assert_eq!(doc["tickets"].as_array().map(Vec::len), Some(26));
            let warnings: Vec<&str> = doc["warnings"]
                .as_array()
                .expect("warnings")
                .iter()
                .filter_map(|w| w.as_str())
                .filter(|w| w.contains("more than once"))
                .collect();
            assert_eq!(warnings, vec![want.as_str()]);
        } else {
            let warnings: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains("more than once"))
                .collect();
            assert_eq!(warnings, vec![format!("warning: {want}")], "{format}");
        }
        if format == "csv" {
            let (_, rows) = csv_rows(&stdout);
            assert_eq!(rows.len(), 26, "every row kept");
        }
    }
}

/// A ticket one of whose targets falls due after 2199 (the last supported
/// year) is refused alike by `audit` and `deadline`, which judge it with the
/// same core function: SAFR Low created Monday 2199-12-16 has its response
/// (3 business days) on Thursday 2199-12-19 but its 21-calendar-day resolution
/// on 2200-01-06.
#[test]
fn audit_and_deadline_agree_on_a_target_beyond_2199() {
    let message = "the resolution target falls due after the end of 2199, the last supported year";
    let (_dir, path) = temp_file(
        "t.csv",
        b"id,created_at,priority\nT1,2199-12-16 10:00,low\n",
    );
    let audit = slaudit()
        .args(["audit", "--contract", "safr", "--format", "csv"])
        .args(["--as-of", "2199-12-17T00:00:00Z"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(audit.status.code(), Some(2));
    let err = String::from_utf8_lossy(&audit.stderr);
    assert_eq!(
        err.lines().next(),
        Some(
            format!(
                "slaudit: error: {}:2: column 'created_at': {message} (ticket T1)",
                path.display()
            )
            .as_str()
        )
    );
    let deadline = slaudit()
        .args(["deadline", "--contract", "safr", "--priority", "low"])
        .args(["--at", "2199-12-16 10:00", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(deadline.status.code(), Some(2));
    assert!(deadline.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&deadline.stderr),
        format!("slaudit: error: --at: '2199-12-16 10:00': {message}\n")
    );

    // High (4 h on 24x7 response, 3 calendar days resolution) created the same
    // day stays inside 2199: both give the same due instants.
    let (_dir2, path2) = temp_file(
        "h.csv",
        b"id,created_at,priority\nT2,2199-12-16 10:00,high\n",
    );
    let audit = slaudit()
        .args(["audit", "--contract", "safr", "--format", "csv", "-qqq"])
        .args(["--as-of", "2199-12-17T00:00:00Z"])
        .arg(&path2)
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&audit.get_output().stdout));
    let deadline = slaudit()
        .args(["deadline", "--contract", "safr", "--priority", "high"])
        .args(["--at", "2199-12-16 10:00", "--format", "json"])
        .assert()
        .success();
    let doc: serde_json::Value =
        serde_json::from_slice(&deadline.get_output().stdout).expect("json");
    let due = |target: &str| {
        doc["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .find(|t| t["target"] == target)
            .map(|t| t["due"].as_str().unwrap_or("").to_string())
            .expect("target")
    };
    assert_eq!(due("response"), field(&h, &rows[0], "response_due"));
    assert_eq!(due("resolution"), field(&h, &rows[0], "resolution_due"));
    assert_eq!(
        field(&h, &rows[0], "resolution_due"),
        "2199-12-19T10:00:00-08:00"
    );
}

/// Completion scripts for every shell clap_complete knows, and the manual page,
/// are generated from the command-line definitions: each names the commands
/// and the flags users type.
#[test]
fn completions_and_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = slaudit()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .clone();
        let text = String::from_utf8(out.stdout).unwrap();
        for word in ["audit", "uptime", "presets", "--contract"] {
            assert!(text.contains(word), "{shell}: no {word}");
        }
    }
    let out = slaudit().arg("man").assert().success().get_output().clone();
    let roff = String::from_utf8(out.stdout).unwrap();
    assert!(roff.contains(".TH slaudit 1"), "{roff}");
    for word in ["audit", "uptime", "deadline", "calendar", "contracts\\-dir"] {
        assert!(roff.contains(word), "man: no {word}");
    }
    slaudit().args(["completions", "tcsh"]).assert().code(2);
}

/// `--warn-at PCT`: an open target that has used PCT % or more of its time is
/// `at_risk` (counted apart, never met or breached); `--fail-on-risk` exits 4,
/// and a breach with `--fail-on-breach` exits 3 first.
#[test]
fn warn_at_marks_open_targets_at_risk() {
    // Audara Gold, priority 1 (1 business hour on 08:00-12:00 / 13:00-17:00
    // Bogota): T1 created Monday 2 March 09:00, no response; as of 09:45 it has
    // used 45 of its 60 minutes: 75 %. T3, created Friday 27 February 16:30
    // (30 minutes count that day), due Monday 08:30 and unanswered at 09:45:
    // overdue, never at risk.
    let csv = "id,plan,priority,created_at,first_response_at\n\
               T1,gold,1,2026-03-02 09:00,\n\
               T3,gold,1,2026-02-27 16:30,\n";
    let run = |extra: &[&str]| {
        slaudit()
            .args([
                "audit",
                "--contract",
                "audara",
                "-",
                "--format",
                "csv",
                "-q",
            ])
            .args(["--as-of", "2026-03-02 09:45"])
            .args(extra)
            .write_stdin(csv)
            .output()
            .expect("run")
    };
    let status = |out: &std::process::Output| -> Vec<String> {
        let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.stdout));
        rows.iter()
            .map(|r| field(&h, r, "response_status").to_string())
            .collect()
    };
    let out = run(&["--warn-at", "75"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(status(&out), ["at_risk", "overdue"]);
    let out = run(&["--warn-at", "80"]);
    assert_eq!(status(&out), ["open", "overdue"]);
    // Exit codes: risk alone, then a breach first.
    let t1 = "id,plan,priority,created_at\nT1,gold,1,2026-03-02 09:00\n";
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "-",
            "--format",
            "csv",
            "-qqq",
        ])
        .args([
            "--as-of",
            "2026-03-02 09:45",
            "--warn-at",
            "50",
            "--fail-on-risk",
        ])
        .write_stdin(t1)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let out = run(&["--warn-at", "50", "--fail-on-risk", "--fail-on-breach"]);
    assert_eq!(out.status.code(), Some(3));
    let out = run(&["--warn-at", "50", "--fail-on-risk"]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "the overdue T3 does not count without --fail-on-breach"
    );
    // The summary counts at_risk apart.
    let out = run(&["--warn-at", "75"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("summary: response priority 1: 2 tickets, 0 met, 0 breached, 1 overdue, 0 open, 0 no_target, 0 invalid, compliance 0.00%, 1 at_risk"),
        "{err}"
    );
    slaudit()
        .args(["audit", "--contract", "audara", "-", "--warn-at", "120"])
        .write_stdin(t1)
        .assert()
        .code(2)
        .stderr("slaudit: error: --warn-at: '120' is not a percentage from 0 to 100\n");
}

/// A target in calendar days is at risk by elapsed time: SAFR High's
/// permanent fix (3 calendar days, 72 h); created Monday 2 November 09:00
/// Pacific, as of Wednesday 09:00 it has used 48 of 72 hours (66.67 %).
#[test]
fn warn_at_on_calendar_days() {
    let csv =
        "id,priority,created_at,first_response_at\nS1,high,2026-11-02 09:00,2026-11-02 10:00\n";
    let run = |pct: &str| {
        let out = slaudit()
            .args([
                "audit",
                "--contract",
                "safr",
                "-",
                "--format",
                "csv",
                "-qqq",
            ])
            .args(["--as-of", "2026-11-04 09:00", "--warn-at", pct])
            .write_stdin(csv)
            .output()
            .unwrap();
        let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.stdout));
        field(&h, &rows[0], "resolution_status").to_string()
    };
    assert_eq!(run("66.66"), "at_risk");
    assert_eq!(run("66.67"), "open");
}
