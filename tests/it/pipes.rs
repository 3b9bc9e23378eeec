//! Output that cannot be written: a reader that stops reading (`| head -1`) ends
//! the run quietly with exit 0; a full disk (`> /dev/full`) is one
//! `slaudit: error:` line and exit 2. Every command, every format.

use std::process::{Command, Stdio};

fn commands() -> Vec<Vec<&'static str>> {
    let mut out: Vec<Vec<&'static str>> = vec![
        vec!["contracts"],
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
