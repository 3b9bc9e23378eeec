//! `slaudit explain`: the stretches behind each deadline add up to the elapsed
//! time `audit` prints, on a breached ticket of every vendor.

use crate::util::{csv_rows, field, slaudit};

/// Seconds of a duration as `fmt_hm` writes it (`7h48m`, `4h`, `30m`, `45s`).
fn seconds(s: &str) -> i64 {
    let mut total = 0;
    let mut n = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => n = n * 10 + i64::from(c.to_digit(10).unwrap()),
            'h' => (total, n) = (total + n * 3600, 0),
            'm' => (total, n) = (total + n * 60, 0),
            's' => (total, n) = (total + n, 0),
            _ => {}
        }
    }
    total
}

/// The counted seconds up to the event, per target, from explain's output.
fn counted(text: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for line in text.lines() {
        if !line.starts_with(' ')
            && line.contains(": ")
            && !line.starts_with("Ticket")
            && !line.starts_with("created")
            // The cadence lists gaps, not counted stretches (tested apart).
            && !line.starts_with("status_update")
        {
            let target = line.split(':').next().unwrap().to_string();
            out.push((target, 0));
        } else if line.starts_with("  counted") && line.contains(" total ") {
            let words: Vec<&str> = line.split_whitespace().collect();
            // counted DAY DATE TIME - TIME DURATION total RUNNING
            let duration = words[6];
            if let Some(last) = out.last_mut() {
                last.1 += seconds(duration);
            }
        }
    }
    out
}

#[test]
fn counted_stretches_add_up_to_the_elapsed_time() {
    let runs: [(&str, &str, &str, &str); 5] = [
        (
            "audara",
            "gold",
            "examples/audara-tickets.csv",
            "2026-04-01T00:00:00-05:00",
        ),
        (
            "examples/adereso-signed.toml",
            "avanzado",
            "examples/adereso-tickets.csv",
            "2026-04-01T00:00:00-03:00",
        ),
        (
            "clever",
            "standard",
            "examples/clever-tickets.csv",
            "2026-04-01T00:00:00-06:00",
        ),
        (
            "athento",
            "company",
            "examples/athento-tickets.csv",
            "2026-11-01T00:00:00+01:00",
        ),
        (
            "safr",
            "standard",
            "examples/safr-tickets.csv",
            "2026-12-01T00:00:00-08:00",
        ),
    ];
    for (contract, plan, file, as_of) in runs {
        let out = slaudit()
            .args(["audit", "--contract", contract, "--plan", plan, file])
            .args(["--as-of", as_of, "--format", "csv", "-qqq", "--keep-going"])
            .assert()
            .success()
            .get_output()
            .clone();
        let (h, rows) = csv_rows(&String::from_utf8(out.stdout).unwrap());
        let mut explained = 0;
        for r in &rows {
            let breached = ["response", "resolution"]
                .iter()
                .any(|k| field(&h, r, &format!("{k}_status")) == "breached");
            if !breached || explained >= 3 {
                continue;
            }
            explained += 1;
            let id = field(&h, r, "id");
            let out = slaudit()
                .args([
                    "explain",
                    "--contract",
                    contract,
                    "--plan",
                    plan,
                    "--tickets",
                    file,
                    id,
                ])
                .args(["--as-of", as_of])
                .assert()
                .success()
                .get_output()
                .clone();
            let text = String::from_utf8(out.stdout).unwrap();
            for (target, secs) in counted(&text) {
                let elapsed: i64 = field(&h, r, &format!("{target}_elapsed"))
                    .parse()
                    .unwrap_or(-1);
                assert_eq!(secs, elapsed, "{contract} {id} {target}:\n{text}");
            }
            assert!(text.contains(": breached;"), "{text}");
        }
        assert!(explained > 0, "{contract}: no breached ticket in {file}");
    }
}

/// Hand-worked: Athento Standard, blocker (6 office hours, 10:00-17:00 Madrid)
/// created Thursday 2 April 2026 20:30: Good Friday is a national holiday,
/// then the weekend; the clock starts Monday 10:00 and the response is due
/// 16:00. Answered Tuesday 11:00: 7 h on Monday and 1 h on Tuesday = 8 h,
/// 2 h over.
#[test]
fn a_ticket_in_no_file() {
    let out = slaudit()
        .args([
            "explain",
            "--contract",
            "athento",
            "--plan",
            "standard",
            "--priority",
            "blocker",
        ])
        .args(["--at", "2026-04-02 20:30", "--until", "2026-04-07 11:00"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "  skipped  Thu 2026-04-02 20:30:00 - Mon 2026-04-06 10:00:00  (outside hours, holiday: Viernes Santo, closed day)",
        "  counted  Mon 2026-04-06 10:00:00 - 16:00:00        6h  total 6h",
        "  due      Mon 2026-04-06 16:00:00",
        "  first response Tue 2026-04-07 11:00:00: breached; 8h counted; over by 2h of clock time",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    slaudit()
        .args([
            "explain",
            "--contract",
            "athento",
            "--plan",
            "standard",
            "--tickets",
            "examples/athento-tickets.csv",
            "NOPE",
        ])
        .assert()
        .code(2)
        .stderr("slaudit: error: examples/athento-tickets.csv: no ticket 'NOPE'\n");
}

/// A wait on the customer is a skipped stretch of its own: Athento ATH-1008
/// (Company, blocker, 7 office hours to resolve, 09:00-18:00 Madrid) waits
/// from Monday 5 October 10:00 to Wednesday 12:00: the 8 h on Monday after
/// 10:00, 9 h on Tuesday and 3 h on Wednesday = 20 h paused. Counted: Friday
/// 9 h, Monday 1 h, Wednesday 6 h, Thursday 9 h, Friday 9 h = 34 h, resolved
/// Sunday: 27 h over the 7.
#[test]
fn a_wait_shows_as_paused() {
    let out = slaudit()
        .args([
            "explain",
            "--contract",
            "athento",
            "--tickets",
            "examples/athento-tickets.csv",
        ])
        .args([
            "--events",
            "examples/athento-events.csv",
            "ATH-1008",
            "--as-of",
            "2026-11-01T00:00:00+01:00",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "  skipped  Mon 2026-10-05 10:00:00 - Wed 2026-10-07 12:00:00  (paused, outside hours)",
        "  counted  Wed 2026-10-07 12:00:00 - 18:00:00        6h  total 16h",
        "  resolved Sun 2026-10-11 07:56:00: breached; 34h counted, 20h paused; over by 27h of clock time",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

/// A ticket in no file that cannot be judged is one line naming the flag.
#[test]
fn flags_name_what_is_wrong() {
    for (args, want) in [
        (
            &["--priority", "9", "--at", "2026-03-02 09:00"][..],
            "slaudit: error: --priority: priority '9' is not one of 1, 2, 3, 4, 5 in contract audara\n",
        ),
        (
            &["--priority", "1", "--at", "2026-03-02 09:00", "--until", "2026-03-01 09:00"][..],
            "slaudit: error: --until: 2026-03-01 09:00 is before created_at 2026-03-02 09:00\n",
        ),
    ] {
        slaudit()
            .args(["explain", "--contract", "audara", "--plan", "gold"])
            .args(args)
            .assert()
            .code(2)
            .stderr(want);
    }
}

/// The status-update cadence of AUD-1040 (Audara priority 1: a report every
/// hour on the 5x8 clock, 08:00-12:00 and 13:00-17:00 Bogota; the contract
/// pauses the cadence during waits), gap by gap, worked by hand from
/// examples/audara-events.csv:
/// - first response Wed 03-04 22:14 (closed) to the report Thu 08:50: 50 min
///   counted, none missed;
/// - 08:50 to 10:30: 1 h 40 min, ceil(100 / 60) - 1 = 1 missed;
/// - 11:20 to 13:40: 40 min before lunch and 40 after = 1 h 20 min, 1 missed;
/// - the last gap, 10:30 to the resolution at 20:52 on Fri 03-06: 1 h 30 min
///   to 12:00 and 4 h from 13:00 = 5 h 30 min, ceil(330 / 60) - 1 = 5 missed.
///
/// The missed reports of the gaps add up to audit's status_update_missed, and
/// the longest gap is audit's status_update_elapsed.
#[test]
fn explain_lists_the_gaps_of_the_status_update_cadence() {
    let args = [
        "--contract",
        "audara",
        "--plan",
        "gold",
        "--as-of",
        "2026-04-01T00:00:00-05:00",
    ];
    let out = slaudit()
        .arg("explain")
        .args(args)
        .args(["--tickets", "examples/audara-tickets.csv"])
        .args(["--events", "examples/audara-events.csv", "AUD-1040"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let gaps: Vec<&str> = text.lines().filter(|l| l.starts_with("  gap ")).collect();
    assert_eq!(gaps.len(), 7, "{text}");
    assert!(gaps[0].contains("Wed 2026-03-04 22:14:00 - Thu 2026-03-05 08:50:00 (status report)"));
    assert!(gaps[0].ends_with("50m counted"), "{}", gaps[0]);
    assert!(
        gaps[1].ends_with("1h40m counted; 1 report(s) missed"),
        "{}",
        gaps[1]
    );
    assert!(
        gaps[3].ends_with("1h20m counted; 1 report(s) missed"),
        "{}",
        gaps[3]
    );
    assert!(gaps[6].contains("- Fri 2026-03-06 20:52:00 (resolved)"));
    assert!(
        gaps[6].ends_with("5h30m counted; 5 report(s) missed"),
        "{}",
        gaps[6]
    );
    let missed: i64 = gaps
        .iter()
        .filter_map(|g| g.split("; ").nth(1))
        .map(|m| m.split(' ').next().unwrap().parse::<i64>().unwrap())
        .sum();
    let longest = gaps
        .iter()
        .map(|g| {
            let words: Vec<&str> = g.split_whitespace().collect();
            let at = words.iter().position(|w| w.starts_with("counted")).unwrap();
            seconds(words[at - 1])
        })
        .max()
        .unwrap();
    let audit = slaudit()
        .arg("audit")
        .args(args)
        .args([
            "examples/audara-tickets.csv",
            "--events",
            "examples/audara-events.csv",
        ])
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let (h, rows) = csv_rows(&String::from_utf8(audit.stdout).unwrap());
    let row = rows.iter().find(|r| r[0] == "AUD-1040").unwrap();
    assert_eq!(missed.to_string(), field(&h, row, "status_update_missed"));
    assert_eq!(longest.to_string(), field(&h, row, "status_update_elapsed"));
    assert!(text.contains("breached: longest gap 5h30m, 8 report(s) missed, 6 status report(s); the first missed report was due Thu 2026-03-05 09:50:00"));
}

/// A promise in calendar days has no clock time to overrun: explain says how
/// long after the due instant the event came. SAF-1030 (SAFR Medium, email):
/// created Tue 3 November 10:00:17 Los Angeles; the permanent fix is due 7
/// calendar days later, Tue 10 November 10:00:17 (no DST change between);
/// resolved Mon 16 November 15:41:17: 6 days 5 h 41 min = 149 h 41 min late.
/// The report's breach list gives the same figure in seconds.
#[test]
fn a_calendar_day_promise_is_late_by_real_time() {
    let out = slaudit()
        .args(["explain", "--contract", "safr", "--tickets"])
        .args(["examples/safr-tickets.csv", "SAF-1030"])
        .args(["--as-of", "2026-12-01T00:00:00-08:00"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  due      Tue 2026-11-10 10:00:17"),
        "{text}"
    );
    assert!(
        text.contains("resolved Mon 2026-11-16 15:41:17: breached;")
            && text.contains("; 149h41m after the due instant"),
        "{text}"
    );
    let report = slaudit()
        .args(["report", "--contract", "safr", "--month", "2026-11"])
        .args(["--tickets", "examples/safr-tickets.csv"])
        .args(["--as-of", "2026-12-02T00:00:00-08:00", "--format", "json"])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let b = r["breaches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["ticket"] == "SAF-1030" && b["target"] == "resolution")
        .unwrap();
    assert_eq!(b["overrun_on"], "calendar");
    assert_eq!(b["overrun_seconds"], 149 * 3600 + 41 * 60);
}
