//! Ticket quotas, worked by hand from the contract texts.
//!
//! - Athento ("Coberturas de soporte"; "Tickets de servicio"): Standard includes
//!   up to 50 tickets a year, Company 125, Enterprise 200; tickets created in
//!   the first two months after go-live are not counted. Years run from
//!   `--period-start`, else from `--go-live`, else from 1 January.
//! - Audara ("Licenciamiento"): one ticket a month for every five DreamPBX
//!   users, unlimited from 50 users; judged only with `--users`.
//!
//! Tickets count in creation order within their period (ties in file order),
//! whatever the order of the file.

use crate::util::{csv_rows, field, slaudit, temp_file};

/// Runs `audit --format csv` on `tickets`; returns (header, rows, stderr).
fn run(contract: &str, tickets: &str, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>, String) {
    let (_d, path) = temp_file("t.csv", tickets.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", contract, path.to_str().unwrap()])
        .args(["--format", "csv", "--as-of", "2027-12-31T00:00:00Z"])
        .args(extra)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (h, rows) = csv_rows(&String::from_utf8(out.stdout).unwrap());
    (h, rows, String::from_utf8(out.stderr).unwrap())
}

fn quota_of(h: &[String], rows: &[Vec<String>], id: &str) -> String {
    let r = rows.iter().find(|r| r[0] == id).expect("row");
    field(h, r, "quota").to_string()
}

/// 51 Standard tickets, one a week from Monday 2026-01-05, written newest
/// first: by creation, T01 ... T50 are the 50 included, and T51 (created
/// 2026-12-21, the 51st) is the first over the quota.
#[test]
fn athento_51st_standard_ticket_of_the_year_is_over_quota() {
    let mut csv = String::from("id,plan,priority,channel,created_at\n");
    for i in (1..=51).rev() {
        let day =
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Days::new(7 * (i - 1));
        csv.push_str(&format!("T{i:02},standard,trivial,email,{day} 11:00\n"));
    }
    let (h, rows, err) = run("athento", &csv, &[]);
    assert_eq!(quota_of(&h, &rows, "T01"), "included");
    assert_eq!(quota_of(&h, &rows, "T50"), "included");
    assert_eq!(quota_of(&h, &rows, "T51"), "over_quota");
    assert!(err.contains("summary: quota plans standard 2026-01-01..2026-12-31: 51 used / 50 included, 1 over_quota, 0 not_counted"), "{err}");
}

/// Two tickets created at the same instant at the edge of the allowance: the
/// one earlier in the file is inside it.
#[test]
fn ties_at_the_edge_go_by_file_order() {
    let mut csv = String::from("id,plan,priority,channel,created_at\n");
    for i in 1..=49 {
        csv.push_str(&format!(
            "E{i:02},standard,trivial,email,2026-02-02 10:00\n"
        ));
    }
    csv.push_str("LATE,standard,trivial,email,2026-03-02 10:00\n");
    csv.push_str("TIE1,standard,trivial,email,2026-02-03 10:00\n");
    csv.push_str("TIE2,standard,trivial,email,2026-02-03 10:00\n");
    // By creation: 49 on 2 Feb, then TIE1 (50th, line 51), TIE2 (51st), LATE (52nd).
    let (h, rows, _) = run("athento", &csv, &[]);
    assert_eq!(quota_of(&h, &rows, "TIE1"), "included");
    assert_eq!(quota_of(&h, &rows, "TIE2"), "over_quota");
    assert_eq!(quota_of(&h, &rows, "LATE"), "over_quota");
}

/// Go-live Tuesday 2026-03-10: tickets from 10 March to 9 May are not counted
/// (the first two months); the contract year runs from 10 March.
#[test]
fn athento_go_live_months_are_not_counted() {
    let csv = "id,plan,priority,channel,created_at\n\
        G1,standard,trivial,email,2026-03-10 10:00\n\
        G2,standard,trivial,email,2026-05-08 10:00\n\
        C1,standard,trivial,email,2026-05-11 10:00\n\
        C2,standard,trivial,email,2027-03-09 10:00\n\
        N1,standard,trivial,email,2027-03-10 10:00\n";
    let (h, rows, err) = run("athento", csv, &["--go-live", "2026-03-10"]);
    assert_eq!(quota_of(&h, &rows, "G1"), "not_counted");
    assert_eq!(quota_of(&h, &rows, "G2"), "not_counted");
    assert_eq!(quota_of(&h, &rows, "C1"), "included");
    assert_eq!(quota_of(&h, &rows, "C2"), "included");
    assert_eq!(quota_of(&h, &rows, "N1"), "included");
    assert!(
        err.contains("2026-03-10..2027-03-09: 2 used / 50 included, 0 over_quota, 0 not_counted"),
        "{err}"
    );
    assert!(
        err.contains("2027-03-10..2028-03-09: 1 used / 50 included"),
        "{err}"
    );
    assert!(
        err.contains("go-live months: 0 used / 50 included, 0 over_quota, 2 not_counted"),
        "{err}"
    );
}

/// --period-start 2026-07-01: 30 June and 1 July fall in different years, so
/// 50 tickets on 30 June and one on 1 July are all included, while a 51st on
/// 30 June is not.
#[test]
fn athento_year_boundary_with_period_start() {
    let mut csv = String::from("id,plan,priority,channel,created_at\n");
    for i in 1..=51 {
        csv.push_str(&format!(
            "J{i:02},standard,trivial,email,2026-06-30 10:{:02}\n",
            i % 60
        ));
    }
    csv.push_str("JUL,standard,trivial,email,2026-07-01 09:00\n");
    let (h, rows, err) = run("athento", &csv, &["--period-start", "2026-07-01"]);
    // J01..J51 at 10:01 ... 10:51 (J51 at 10:51 is the latest): J51 is over.
    assert_eq!(quota_of(&h, &rows, "J50"), "included");
    assert_eq!(quota_of(&h, &rows, "J51"), "over_quota");
    assert_eq!(quota_of(&h, &rows, "JUL"), "included");
    assert!(
        err.contains("2025-07-01..2026-06-30: 51 used / 50 included, 1 over_quota"),
        "{err}"
    );
    assert!(
        err.contains("2026-07-01..2027-06-30: 1 used / 50 included, 0 over_quota"),
        "{err}"
    );
}

const AUDARA: &str = "id,plan,priority,channel,created_at\n\
    M1,gold,3,ticket,2026-03-03 09:00\n\
    M3,gold,3,ticket,2026-03-20 09:00\n\
    M2,gold,3,ticket,2026-03-10 09:00\n\
    A1,gold,3,ticket,2026-04-01 09:00\n";

/// 12 users: two whole groups of five, 2 tickets a month. In March M1 (3rd)
/// and M2 (10th) are included and M3 (20th) is over; April starts afresh.
#[test]
fn audara_twelve_users_two_tickets_a_month() {
    let (h, rows, err) = run("audara", AUDARA, &["--users", "12"]);
    assert_eq!(quota_of(&h, &rows, "M1"), "included");
    assert_eq!(quota_of(&h, &rows, "M2"), "included");
    assert_eq!(quota_of(&h, &rows, "M3"), "over_quota");
    assert_eq!(quota_of(&h, &rows, "A1"), "included");
    assert!(
        err.contains("quota plans gold, platinum 2026-03: 3 used / 2 included, 1 over_quota"),
        "{err}"
    );
    // Over quota is still audited: its response target is judged as usual.
    let m3 = rows.iter().find(|r| r[0] == "M3").unwrap();
    assert_eq!(field(&h, m3, "response_status"), "overdue");
}

/// 50 users: unlimited. 4 users: no included ticket at all.
#[test]
fn audara_fifty_users_unlimited_four_users_none() {
    let (h, rows, err) = run("audara", AUDARA, &["--users", "50"]);
    for id in ["M1", "M2", "M3", "A1"] {
        assert_eq!(quota_of(&h, &rows, id), "included", "{id}");
    }
    assert!(
        err.contains("2026-03: 3 used / unlimited included, 0 over_quota"),
        "{err}"
    );
    let (h, rows, _) = run("audara", AUDARA, &["--users", "4"]);
    assert_eq!(quota_of(&h, &rows, "M1"), "over_quota");
}

/// Without --users Audara's quota is not judged: the column is empty and the
/// summary says which flag would judge it.
#[test]
fn audara_without_users_is_not_judged() {
    let (h, rows, err) = run("audara", AUDARA, &[]);
    assert_eq!(quota_of(&h, &rows, "M3"), "");
    assert!(err.contains("summary: quota plans gold, platinum: not judged: give the number of users with --users N"), "{err}");
}

/// Tickets on standard input cannot be counted first: limited quotas are not
/// judged, and the summary says why.
#[test]
fn quota_from_standard_input_is_not_judged() {
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "-",
            "--users",
            "12",
            "--format",
            "csv",
        ])
        .args(["--as-of", "2027-01-01T00:00:00Z"])
        .write_stdin(AUDARA)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("not judged: the tickets came from standard input"),
        "{err}"
    );
}

/// The quota pass reads a file without quotes line by line, and one with
/// quotes with the CSV reader: the same tickets give the same marks and the
/// same tally either way, through CRLF line ends, blank lines, padded
/// fields, a bad row (counted: a ticket raised is a ticket used) and a row
/// whose creation cannot be read (not counted). Ties at the edge go by line,
/// so the line numbers must agree too: 47 tickets and the bad row on 2 Feb, a
/// blank line, the unreadable row, then TIE1, TIE2 and TIE3 at one instant
/// on 3 Feb: the 49th, 50th and 51st (over the 50 included).
#[test]
fn the_quota_pass_counts_alike_with_and_without_quotes() {
    let mut plain = String::from("id,plan,priority,channel,created_at\r\n");
    for i in 1..=47 {
        plain.push_str(&format!(
            "E{i:02},standard,trivial,email,2026-02-02 10:00\r\n"
        ));
    }
    plain.push_str("BAD,standard,nonsense,email,2026-02-02 10:00\r\n");
    plain.push_str("\r\n");
    plain.push_str("NOTIME,standard,trivial,email,someday\r\n");
    plain.push_str("TIE1, standard ,trivial,email,2026-02-03 10:00\r\n");
    plain.push_str("TIE2,standard,trivial,email, 2026-02-03 10:00\r\n");
    plain.push_str("TIE3,standard,trivial,email,2026-02-03 10:00");
    let quoted = plain.replace("TIE1,", "\"TIE1\",");
    let keep = ["--keep-going"];
    let (h1, rows1, err1) = run("athento", &plain, &keep);
    let (h2, rows2, err2) = run("athento", &quoted, &keep);
    assert_eq!(h1, h2);
    for id in ["TIE1", "TIE2", "TIE3", "E01", "E47"] {
        assert_eq!(quota_of(&h1, &rows1, id), quota_of(&h2, &rows2, id), "{id}");
    }
    assert_eq!(quota_of(&h1, &rows1, "TIE2"), "included");
    assert_eq!(quota_of(&h1, &rows1, "TIE3"), "over_quota");
    let tally = |err: &str| {
        err.lines()
            .find(|l| l.starts_with("summary: quota plans standard 2026"))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(tally(&err1), tally(&err2));
    assert!(
        tally(&err1).contains("51 used / 50 included, 1 over_quota"),
        "{err1}"
    );
}
