//! Every command's output on the shipped examples, byte for byte, pinned in
//! `tests/golden/`: standard output, standard error and the exit code of each
//! run. A change of any byte fails here; when a change is intended, rerun with
//! `SLAUDIT_BLESS=1 cargo test golden` and review the diff of `tests/golden/`.

use std::path::PathBuf;

use crate::util::slaudit;

/// (name of the golden file, arguments).
fn cases() -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |name: String, args: &[&str]| {
        out.push((name, args.iter().map(|s| s.to_string()).collect()));
    };
    // (contract, plan flag, as-of, fee, currency)
    let vendors: [(&str, &[&str], &str, &str, &str); 5] = [
        (
            "audara",
            &["--plan", "gold"],
            "2026-04-01T00:00:00-05:00",
            "1000.00",
            "COP",
        ),
        (
            "adereso",
            &[],
            "2026-04-01T00:00:00-03:00",
            "1000000",
            "CLP",
        ),
        ("clever", &[], "2026-04-01T00:00:00-06:00", "1000.00", "MXN"),
        (
            "athento",
            &[],
            "2026-11-01T00:00:00+01:00",
            "1000.00",
            "EUR",
        ),
        ("safr", &[], "2026-12-01T00:00:00-08:00", "1000.00", "USD"),
    ];
    for (key, plan, as_of, fee, cur) in vendors {
        let tickets = format!("examples/{key}-tickets.csv");
        let outages = format!("examples/{key}-outages.csv");
        for format in ["table", "csv", "json", "jsonl"] {
            let mut args = vec!["audit", "--contract", key];
            args.extend_from_slice(plan);
            args.extend_from_slice(&[&tickets, "--as-of", as_of, "--format", format]);
            add(format!("audit-{key}-{format}"), &args);
        }
        let mut args = vec!["audit", "--contract", key];
        args.extend_from_slice(plan);
        args.extend_from_slice(&[&tickets, "--as-of", as_of, "--format", "json"]);
        args.extend_from_slice(&["--fee", fee, "--currency", cur, "--fail-on-breach"]);
        add(format!("audit-{key}-fee"), &args);
        let events = format!("examples/{key}-events.csv");
        if std::path::Path::new(&events).exists() {
            for format in ["csv", "json"] {
                let mut args = vec!["audit", "--contract", key];
                args.extend_from_slice(plan);
                args.extend_from_slice(&[&tickets, "--as-of", as_of, "--format", format]);
                args.extend_from_slice(&["--events", &events]);
                add(format!("audit-{key}-events-{format}"), &args);
            }
        }
        let contacts = format!("examples/{key}-contacts.txt");
        if std::path::Path::new(&contacts).exists() {
            let mut args = vec!["audit", "--contract", key];
            args.extend_from_slice(plan);
            args.extend_from_slice(&[&tickets, "--as-of", as_of, "--format", "csv"]);
            args.extend_from_slice(&["--contacts", &contacts, "--users", "12"]);
            add(format!("audit-{key}-contacts-quota-csv"), &args);
        }
        for format in ["table", "csv", "json"] {
            add(
                format!("uptime-{key}-{format}"),
                &[
                    "uptime",
                    "--contract",
                    key,
                    &outages,
                    "--format",
                    format,
                    "--fee",
                    fee,
                    "--currency",
                    cur,
                ],
            );
        }
        add(
            format!("uptime-{key}-per-outage"),
            &[
                "uptime",
                "--contract",
                key,
                &outages,
                "--format",
                "csv",
                "--per-outage",
            ],
        );
        add(
            format!("uptime-{key}-per-outage-json"),
            &[
                "uptime",
                "--contract",
                key,
                &outages,
                "--format",
                "json",
                "--per-outage",
            ],
        );
        add(format!("contracts-show-{key}"), &["contracts", "show", key]);
        add(
            format!("calendar-{key}"),
            &["calendar", key, "--year", "2026"],
        );
    }
    add("contracts-list".into(), &["contracts"]);
    // A contract override (`extends`): Adereso with a signed addendum whose
    // figures are illustrative, taken by path by every command.
    let signed = "examples/adereso-signed.toml";
    let tickets = "examples/adereso-tickets.csv";
    let as_of = "2026-04-01T00:00:00-03:00";
    for format in ["table", "csv"] {
        add(
            format!("audit-adereso-signed-{format}"),
            &[
                "audit",
                "--contract",
                signed,
                tickets,
                "--as-of",
                as_of,
                "--format",
                format,
            ],
        );
    }
    add(
        "audit-adereso-signed-fee".into(),
        &[
            "audit",
            "--contract",
            signed,
            tickets,
            "--as-of",
            as_of,
            "--format",
            "json",
            "--fee",
            "1000000",
            "--currency",
            "CLP",
        ],
    );
    add(
        "contracts-show-adereso-signed".into(),
        &["contracts", "show", signed],
    );
    add(
        "contracts-check-adereso-signed".into(),
        &["contracts", "check", signed],
    );
    add(
        "deadline-adereso-signed-enterprise-1".into(),
        &[
            "deadline",
            "--contract",
            signed,
            "--plan",
            "enterprise",
            "--priority",
            "1",
            "--channel",
            "chat",
            "--at",
            "2026-03-01 07:00",
        ],
    );
    add(
        "calendar-adereso-signed".into(),
        &["calendar", signed, "--year", "2026", "--plan", "avanzado"],
    );
    add(
        "uptime-adereso-signed".into(),
        &[
            "uptime",
            "--contract",
            signed,
            "--plan",
            "enterprise",
            "--product",
            "postcenter",
            "examples/adereso-outages.csv",
            "--fee",
            "1000000",
            "--currency",
            "CLP",
        ],
    );
    add(
        "uptime-adereso-product".into(),
        &[
            "uptime",
            "--contract",
            "adereso",
            "--plan",
            "enterprise",
            "--product",
            "postcenter",
            "examples/adereso-outages.csv",
            "--fee",
            "1000000",
            "--currency",
            "CLP",
        ],
    );
    add(
        "uptime-audara-month".into(),
        &[
            "uptime",
            "--contract",
            "audara",
            "examples/audara-outages.csv",
            "--month",
            "2026-03",
            "--format",
            "json",
        ],
    );
    for (key, plan, prio, channel, at) in [
        ("audara", "platinum", "1", "phone", "2026-03-14 22:30"),
        ("audara", "gold", "3", "chat", "2026-12-31 16:00"),
        ("athento", "company", "major", "ticket", "2026-10-30 17:45"),
        ("safr", "standard", "3", "email", "2026-11-26 09:00"),
        ("clever", "standard", "1", "chat", "2026-03-01 07:00"),
        ("adereso", "enterprise", "1", "chat", "2026-03-01 07:00"),
    ] {
        for format in ["table", "json"] {
            add(
                format!("deadline-{key}-{plan}-{prio}-{format}"),
                &[
                    "deadline",
                    "--contract",
                    key,
                    "--plan",
                    plan,
                    "--priority",
                    prio,
                    "--channel",
                    channel,
                    "--at",
                    at,
                    "--format",
                    format,
                ],
            );
        }
    }
    // Bad rows, with and without --keep-going, in every format.
    for keep in [false, true] {
        for format in ["table", "csv", "json", "jsonl"] {
            let mut args = vec![
                "audit",
                "--contract",
                "audara",
                "--plan",
                "gold",
                "tests/bad_inputs/unknown_priority.csv",
                "--as-of",
                "2026-04-01T00:00:00-05:00",
                "--format",
                format,
            ];
            if keep {
                args.push("--keep-going");
            }
            let k = if keep { "keep" } else { "stop" };
            add(format!("audit-bad-{k}-{format}"), &args);
        }
    }
    out
}

fn render(args: &[String]) -> String {
    let out = slaudit()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "200")
        .args(args)
        .output()
        .expect("run slaudit");
    format!(
        "$ slaudit {}\n--- exit {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_command_matches_its_golden_output() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("SLAUDIT_BLESS").is_some();
    let mut failed = Vec::new();
    for (name, args) in cases() {
        let got = render(&args);
        let path = dir.join(format!("{name}.out"));
        if bless {
            std::fs::write(&path, &got).expect("write golden file");
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}: run with SLAUDIT_BLESS=1", path.display()));
        if got != want {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "output differs from tests/golden/ for: {failed:?}"
    );
}
