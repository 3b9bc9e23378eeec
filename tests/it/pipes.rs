//! Output that cannot be written: a reader that stops reading (`| head -1`) ends
//! the run quietly with exit 0; a full disk (`> /dev/full`) is one
//! `slaudit: error:` line and exit 2. Every command, every format.

use std::process::{Command, Stdio};

fn commands() -> Vec<Vec<&'static str>> {
    let mut out: Vec<Vec<&'static str>> = vec![
        vec!["contracts"],
        vec!["presets"],
        vec!["presets", "show", "zendesk"],
        vec!["completions", "bash"],
        vec![
            "explain",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--tickets",
            "examples/audara-tickets.csv",
            "AUD-1040",
            "--as-of",
            "2026-04-01T00:00:00-05:00",
        ],
        vec!["man"],
        vec!["contracts", "show", "athento"],
        vec!["contracts", "show", "clever"],
        vec!["contracts", "check", "contracts/audara.toml"],
        vec!["calendar", "audara", "--year", "2026"],
        vec!["calendar", "safr", "--year", "2026", "--plan", "standard"],
    ];
    for format in ["table", "json"] {
        out.push(vec![
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
            "--format",
            format,
        ]);
    }
    for format in ["table", "csv", "json", "jsonl"] {
        out.push(vec![
            "audit",
            "--contract",
            "athento",
            "examples/athento-tickets.csv",
            "--as-of",
            "2026-11-01T00:00:00+01:00",
            "--format",
            format,
        ]);
    }
    for format in ["markdown", "html", "json"] {
        out.push(vec![
            "report",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--month",
            "2026-03",
            "--tickets",
            "examples/audara-tickets.csv",
            "--outages",
            "examples/audara-outages.csv",
            "--as-of",
            "2026-04-02T00:00:00-05:00",
            "--format",
            format,
        ]);
    }
    for format in ["table", "csv", "json"] {
        out.push(vec![
            "uptime",
            "--contract",
            "safr",
            "examples/safr-outages.csv",
            "--format",
            format,
        ]);
    }
    out
}

fn binary() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_slaudit"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    for args in commands() {
        let mut child = binary()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start slaudit");
        // Close the reading end before anything is read.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_full_disk_is_one_error_line_and_exit_2() {
    for args in commands() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = binary()
            .args(&args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("run slaudit");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let errors: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("slaudit: error:"))
            .collect();
        assert_eq!(errors.len(), 1, "{args:?}: {err}");
        assert!(
            errors[0].contains("No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// `--help` and `--version` write to standard output like any command: a full
/// disk is one error line and exit 2, not a silent exit 0.
#[test]
fn help_and_version_to_a_full_disk_are_one_error_line_and_exit_2() {
    for args in [
        vec!["--help"],
        vec!["--version"],
        vec!["-V"],
        vec!["audit", "--help"],
        vec!["help", "uptime"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = binary()
            .args(&args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("run slaudit");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(
            lines[0].starts_with("slaudit: error: ")
                && lines[0].contains("No space left on device"),
            "{args:?}: {err}"
        );
    }
}

/// `--help` into a closed pipe ends quietly, like the commands.
#[test]
fn help_into_a_closed_pipe_ends_quietly() {
    for args in [vec!["--help"], vec!["--version"], vec!["uptime", "--help"]] {
        let mut child = binary()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start slaudit");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `uptime --format json | head -1`: the reader takes one line and goes away
/// while a long document (12 000 outages, far more than a pipe holds) is being
/// written; the run ends quietly with exit 0.
#[test]
fn uptime_json_into_head_1_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/safr-outages.csv"
    ))
    .expect("example");
    let mut lines = sample.lines();
    let mut csv = format!("{}\n", lines.next().expect("header"));
    let rows: Vec<&str> = lines.collect();
    for i in 0..2000 {
        for r in &rows {
            csv.push_str(&r.replacen("SF-", &format!("SF{i}-"), 1));
            csv.push('\n');
        }
    }
    let (_dir, path) = crate::util::temp_file("outages.csv", csv.as_bytes());
    let mut child = binary()
        .args(["uptime", "--contract", "safr", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start slaudit");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read a line");
    assert_eq!(first, "{\n");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
