//! Command-line conventions: `--as-of now`, `calendar` without `--year`,
//! `deadline --format csv`, and `-o FILE` on `audit`, `uptime` and `deadline`.

use crate::util::{csv_rows, field, slaudit};

const DEADLINE: [&str; 11] = [
    "deadline",
    "--contract",
    "audara",
    "--plan",
    "platinum",
    "--priority",
    "1",
    "--channel",
    "phone",
    "--at",
    "2026-03-14 22:30",
];

/// A ticket created in 2026 with no response: judged as of now (some day after
/// its one-hour response target), it is overdue, not open.
#[test]
fn as_of_now_is_accepted() {
    let (_dir, path) = crate::util::temp_file(
        "t.csv",
        b"id,plan,priority,channel,created_at,first_response_at\nT1,gold,1,phone,2026-03-02 09:00,\n",
    );
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .arg(&path)
        .args(["--as-of", "now"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(field(&h, &rows[0], "response_status"), "overdue");
}

/// Without `--year`, the current year (in the contract's zone).
#[test]
fn calendar_defaults_to_the_current_year() {
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::America::Bogota)
        .format("%Y")
        .to_string();
    let out = slaudit()
        .args(["calendar", "audara"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("Holidays {year}:")), "{text}");
    let with_year = slaudit()
        .args(["calendar", "audara", "--year", &year])
        .output()
        .expect("run");
    assert_eq!(out.stdout, with_year.stdout);
}

/// `deadline --format csv`: one row per target, the documented columns; the
/// Platinum phone P1 at 22:30 on a Saturday runs on the 7x24 clock, so its
/// response is due an hour later (as in the README).
#[test]
fn deadline_csv_has_stable_columns() {
    let out = slaudit()
        .args(DEADLINE)
        .args(["--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        h.join(","),
        "contract,plan,priority,channel,category,created_at,target,promise,status,clock,clock_start,due,clause,assumption"
    );
    let targets: Vec<&str> = rows.iter().map(|r| field(&h, r, "target")).collect();
    assert_eq!(targets, ["response", "resolution", "status_update"]);
    let r = &rows[0];
    assert_eq!(field(&h, r, "contract"), "audara");
    assert_eq!(field(&h, r, "plan"), "platinum");
    assert_eq!(field(&h, r, "channel"), "phone");
    assert_eq!(field(&h, r, "category"), "");
    assert_eq!(field(&h, r, "created_at"), "2026-03-14T22:30:00-05:00");
    assert_eq!(field(&h, r, "promise"), "1 hour");
    assert_eq!(field(&h, r, "status"), "committed");
    assert_eq!(field(&h, r, "clock"), "Horario extendido 7x24");
    assert_eq!(field(&h, r, "due"), "2026-03-14T23:30:00-05:00");
    assert_eq!(field(&h, &rows[1], "status"), "no_target");
    assert_eq!(field(&h, &rows[1], "due"), "");
}

/// `-o FILE` writes what standard output would hold, and nothing goes to
/// standard output; with `-o` the audit's default format is CSV, as for a pipe.
#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = env!("CARGO_MANIFEST_DIR");
    let runs: [(&str, Vec<&str>); 3] = [
        (
            "audit.csv",
            vec![
                "audit",
                "--contract",
                "athento",
                "examples/athento-tickets.csv",
                "--as-of",
                "2026-11-01T00:00:00+01:00",
                "-qqq",
            ],
        ),
        (
            "uptime.json",
            vec![
                "uptime",
                "--contract",
                "safr",
                "examples/safr-outages.csv",
                "--format",
                "json",
            ],
        ),
        ("deadline.txt", DEADLINE.to_vec()),
    ];
    for (name, args) in runs {
        let path = dir.path().join(name);
        let to_file = slaudit()
            .current_dir(root)
            .args(&args)
            .arg("-o")
            .arg(&path)
            .output()
            .expect("run");
        assert_eq!(
            to_file.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&to_file.stderr)
        );
        assert!(to_file.stdout.is_empty(), "{args:?}");
        let to_stdout = slaudit()
            .current_dir(root)
            .args(&args)
            .output()
            .expect("run");
        let written = std::fs::read(&path).expect("output file");
        assert!(!written.is_empty(), "{args:?}");
        assert_eq!(written, to_stdout.stdout, "{args:?}");
    }
}

/// A file that cannot be created is one error line and exit 2.
#[test]
fn output_file_that_cannot_be_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("no/such/dir/out.csv");
    for args in [
        vec![
            "audit",
            "--contract",
            "athento",
            "examples/athento-tickets.csv",
            "--as-of",
            "2026-11-01T00:00:00+01:00",
        ],
        vec!["uptime", "--contract", "safr", "examples/safr-outages.csv"],
        DEADLINE.to_vec(),
    ] {
        let out = slaudit()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .arg("-o")
            .arg(&bad)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.trim_end(),
            format!(
                "slaudit: error: -o: cannot create '{}': No such file or directory (os error 2)",
                bad.display()
            ),
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
    }
}
