//! Inputs that would make memory grow without end: one record is at most 1 MiB
//! (a longer one is a bad row, skipped up to its end), so any file, even
//! `/dev/zero`, is read in bounded memory.

use std::time::Duration;

use crate::util::{slaudit, temp_file};

/// `/dev/zero` is one endless record of NUL bytes: the header is refused once it
/// passes 1 MiB, instead of reading until memory runs out.
#[test]
#[cfg(unix)]
fn audit_of_dev_zero_ends_with_an_error() {
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "/dev/zero",
        ])
        .args(["--format", "csv"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run slaudit");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "slaudit: error: /dev/zero:1: the header is longer than 1 MiB (1048576 bytes), the limit for one record; is this a CSV file?"
    );
    assert!(out.stdout.is_empty());
}

/// An outage whose `cause` runs to 2 MiB is a bad row; the outage after it is
/// still read, at its real line.
#[test]
fn uptime_long_outage_record_is_a_bad_row() {
    let mut csv = b"id,start,end,kind,notified_at,excluded,reported_at\nO1,2026-04-03 09:12,2026-04-03 09:40,unplanned,,".to_vec();
    csv.extend_from_slice(&vec![b'c'; 2 << 20]);
    csv.extend_from_slice(b",\nO2,2026-04-04 09:12,2026-04-04 09:40,nonsense,,,\n");
    let (_dir, path) = temp_file("outages.csv", &csv);
    let out = slaudit()
        .args(["uptime", "--contract", "clever", "--format", "csv", "-qqq"])
        .arg(&path)
        .output()
        .expect("run slaudit");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].ends_with("outages.csv:2: the record is longer than 1 MiB (1048576 bytes), the limit for one record; it is skipped up to its end (outage O1)"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("outages.csv:3: column 'kind'"),
        "{stderr}"
    );
}

/// The same in an events file: the event after the long one is judged at line 3.
#[test]
fn events_long_record_is_a_bad_row() {
    let mut csv = b"ticket_id,at,kind,note\nT1,2026-03-02 10:00,update,\"".to_vec();
    for _ in 0..3000 {
        csv.extend_from_slice(&[b'n'; 999]);
        csv.extend_from_slice(b"\r\n");
    }
    csv.extend_from_slice(b"\"\nT1,2026-03-02 11:00,escalate,\n");
    let (dir, events) = temp_file("events.csv", &csv);
    let tickets = dir.path().join("tickets.csv");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/bad_inputs/valid_audara.csv"
        ),
        &tickets,
    )
    .expect("copy tickets");
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-06-01T00:00:00Z"])
        .arg(&tickets)
        .arg("--events")
        .arg(&events)
        .output()
        .expect("run slaudit");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].contains("events.csv:2: the record is longer than 1 MiB"),
        "{stderr}"
    );
    // The quoted note ends 3000 line ends later, on line 3002: the next event
    // is on line 3003.
    assert!(
        lines[1].contains("events.csv:3003: column 'kind'"),
        "{stderr}"
    );
}
