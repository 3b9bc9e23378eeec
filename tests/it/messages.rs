//! Messages that say what is wrong in the user's terms, for mistakes outside
//! the bad-input catalogue's `audit` runs.

use crate::util::{slaudit, temp_file};

fn stderr_of(args: &[&str]) -> (Option<i32>, String) {
    let out = slaudit().args(args).output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).trim_end().to_string(),
    )
}

/// SAFR has no categories: `deadline --category` says so instead of "is not
/// one of none".
#[test]
fn deadline_category_on_a_contract_without_categories() {
    let (code, err) = stderr_of(&[
        "deadline",
        "--contract",
        "safr",
        "--priority",
        "1",
        "--category",
        "foo",
        "--at",
        "2026-03-02 09:00",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "slaudit: error: --category: contract safr defines no categories: leave --category out"
    );
}

/// `uptime --fee -100`: the fee is refused for being negative, not taken for a flag.
#[test]
fn uptime_negative_fee() {
    let (code, err) = stderr_of(&[
        "uptime",
        "--contract",
        "safr",
        "examples/safr-outages.csv",
        "--fee",
        "-100",
        "--currency",
        "USD",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "slaudit: error: --fee: '-100' is negative: a fee cannot be negative"
    );
}

/// An outages file that is a directory.
#[test]
fn uptime_directory_as_outages_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = slaudit()
        .args(["uptime", "--contract", "safr"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "slaudit: error: outages file '{}' is a directory, not a file",
            dir.path().display()
        )
    );
}

/// A maintenance allowance of `0h` a week is zero, and the message says so.
#[test]
fn zero_weekly_maintenance_says_it_is_zero() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contracts/audara.toml"
    ))
    .expect("audara.toml");
    assert!(
        text.contains("max_per_week"),
        "audara.toml has no max_per_week any more"
    );
    let bad: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("max_per_week") {
                "max_per_week = \"0h\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (_dir, path) = temp_file("zero.toml", bad.as_bytes());
    let out = slaudit()
        .args(["contracts", "check"])
        .arg(&path)
        .output()
        .expect("run");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        all.contains("key 'availability.maintenance.max_per_week': '0h' is zero: max_per_week must be longer than zero (leave it out for no limit)"),
        "{all}"
    );
}

/// A timestamp written in 2199 that is 2200 in the contract's zone.
#[test]
fn deadline_at_2200_in_the_contract_zone() {
    let (code, err) = stderr_of(&[
        "deadline",
        "--contract",
        "athento",
        "--plan",
        "company",
        "--priority",
        "blocker",
        "--at",
        "2199-12-31T23:30:00Z",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "slaudit: error: --at: '2199-12-31T23:30:00Z' is 2200-01-01 00:30 in Europe/Madrid, after the supported years 1970-2199"
    );
}

/// A bad row after blank lines is named by its own line: the blank lines are
/// counted (lines 3, 4 and 6 are blank; CRLF on 6).
#[test]
fn a_bad_row_after_blank_lines_is_named_by_its_own_line() {
    let (_d, path) = crate::util::temp_file(
        "t.csv",
        b"id,priority,created_at\nA,1,2026-03-02 09:00\n\n\nB,9,2026-03-02 09:00\n\r\nC,8,2026-03-02 09:00\n",
    );
    let out = crate::util::slaudit()
        .args(["audit", "--contract", "audara", "--plan", "gold"])
        .arg(&path)
        .args(["--as-of", "2026-04-01T00:00:00Z", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("t.csv:5: column 'priority': priority '9'"),
        "{err}"
    );
    assert!(
        err.contains("t.csv:7: column 'priority': priority '8'"),
        "{err}"
    );
}
