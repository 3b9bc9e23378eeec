//! `slaudit report`: every shipped example in the three formats, snapshots of
//! the markdown and JSON, markdown that a GFM parser reads as tables, figures
//! equal to what `audit` and `uptime` print for the same inputs, and
//! hand-worked claims and what-if sections.

use serde_json::Value;

use crate::util::slaudit;

/// One report per shipped example: (name, contract, plan, month, as-of,
/// extra flags). The month is the one the example's tickets were created in;
/// the report is made the day after it ends.
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static [&'static str],
);

pub(crate) const CASES: &[Case] = &[
    (
        "audara",
        "audara",
        Some("gold"),
        "2026-03",
        "2026-04-02T00:00:00-05:00",
        &[
            "--outages",
            "examples/audara-outages.csv",
            "--events",
            "examples/audara-events.csv",
        ],
    ),
    (
        "adereso",
        "adereso",
        None,
        "2026-03",
        "2026-04-02T00:00:00-03:00",
        &["--outages", "examples/adereso-outages.csv"],
    ),
    (
        "adereso-signed",
        "examples/adereso-signed.toml",
        None,
        "2026-03",
        "2026-04-02T00:00:00-03:00",
        &[
            "--outages",
            "examples/adereso-outages.csv",
            "--fee",
            "1000000",
            "--currency",
            "CLP",
        ],
    ),
    (
        "clever",
        "clever",
        None,
        "2026-03",
        "2026-04-02T00:00:00-06:00",
        &[
            "--outages",
            "examples/clever-outages.csv",
            "--fee",
            "1000.00",
            "--currency",
            "MXN",
        ],
    ),
    (
        "athento",
        "athento",
        None,
        "2026-10",
        "2026-11-02T00:00:00+01:00",
        &[
            "--outages",
            "examples/athento-outages.csv",
            "--events",
            "examples/athento-events.csv",
        ],
    ),
    (
        "safr",
        "safr",
        None,
        "2026-11",
        "2026-12-02T00:00:00-08:00",
        &["--outages", "examples/safr-outages.csv"],
    ),
];

fn tickets(contract: &str) -> String {
    let key = contract
        .trim_start_matches("examples/")
        .split(['-', '.'])
        .next()
        .unwrap_or(contract);
    format!("examples/{key}-tickets.csv")
}

/// The arguments of `slaudit report` for one example, in one format.
pub(crate) fn report_args(case: &Case, format: &str) -> Vec<String> {
    let (_, contract, plan, month, as_of, extra) = case;
    let mut args: Vec<String> = ["report", "--contract", contract, "--month", month]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(["--tickets".to_string(), tickets(contract)]);
    args.extend(["--as-of", as_of, "--format", format].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    if let Some(p) = plan {
        args.extend(["--plan".to_string(), p.to_string()]);
    }
    args
}

fn report(case: &Case, format: &str) -> String {
    let out = slaudit()
        .args(report_args(case, format))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{} {format}: {}",
        case.0,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn every_example_in_markdown_and_json_is_pinned() {
    for case in CASES {
        let md = report(case, "markdown");
        insta::assert_snapshot!(format!("report_{}_md", case.0), md);
        let js = report(case, "json");
        json(&js);
        insta::assert_snapshot!(format!("report_{}_json", case.0), js);
    }
}

/// Every pipe table of the markdown is a table to a CommonMark/GFM parser
/// (none falls back to a paragraph of pipes), with as many cells per row as
/// its header.
#[test]
fn markdown_tables_render_as_tables() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    for case in CASES {
        let md = report(case, "markdown");
        let rules = md
            .lines()
            .filter(|l| l.starts_with("| ---") || l.starts_with("| ---:"))
            .count();
        assert!(rules >= 5, "{}: {rules} tables", case.0);
        let mut tables = 0;
        let mut in_para = false;
        let mut cells = 0;
        let mut head_cells = 0;
        for ev in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match ev {
                Event::Start(Tag::Table(_)) => tables += 1,
                Event::Start(Tag::Paragraph) => in_para = true,
                Event::End(TagEnd::Paragraph) => in_para = false,
                Event::Text(t) if in_para => {
                    assert!(!t.starts_with('|'), "{}: table read as text: {t}", case.0)
                }
                Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => cells = 0,
                Event::Start(Tag::TableCell) => cells += 1,
                Event::End(TagEnd::TableHead) => head_cells = cells,
                Event::End(TagEnd::TableRow) => {
                    assert_eq!(cells, head_cells, "{}: ragged row", case.0)
                }
                _ => {}
            }
        }
        assert_eq!(tables, rules, "{}: every pipe table parses", case.0);
    }
}

fn run_json(args: &[&str]) -> Value {
    let out = slaudit().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&String::from_utf8(out.stdout).expect("UTF-8"))
}

/// The report's compliance counts equal `audit`'s summary, its availability
/// rows `uptime --month`'s, and its penalties `audit --fee`'s, for the same
/// inputs (every example's tickets were created in the report's month, so
/// `audit` over the whole file judges the same tickets; open ones as of the
/// month's end).
#[test]
fn figures_equal_audit_and_uptime() {
    for case in CASES {
        let (name, contract, plan, month, _, extra) = case;
        let r = json(&report(case, "json"));
        assert_eq!(r["sources"][0]["outside_month"], 0, "{name}");
        let end = r["period"]["to"].as_str().unwrap().to_string();
        let mut audit: Vec<&str> = vec!["audit", "--contract", contract, "--format", "json"];
        let t = tickets(contract);
        audit.extend([t.as_str(), "--as-of", end.as_str()]);
        let mut pairs = extra.chunks(2);
        let mut outages = None;
        for p in pairs.by_ref() {
            match p[0] {
                "--outages" => outages = Some(p[1]),
                _ => audit.extend(p),
            }
        }
        if let Some(p) = plan {
            audit.extend(["--plan", p]);
        }
        let a = run_json(&audit);
        let summary = a["summary"].as_array().unwrap();
        let compliance = r["compliance"].as_array().unwrap();
        assert_eq!(summary.len(), compliance.len(), "{name}");
        for (s, c) in summary.iter().zip(compliance) {
            for key in [
                "target",
                "tickets",
                "met",
                "breached",
                "open",
                "overdue",
                "no_target",
                "invalid",
                "no_data",
                "excluded",
                "not_covered",
                "compliance_percent",
            ] {
                assert_eq!(s[key], c[key], "{name}: {key} of {s}");
            }
            let priority = c["priority"].as_str().unwrap_or("all");
            assert_eq!(s["priority"].as_str().unwrap_or("all"), priority);
        }
        // Breach list: one entry per breached or overdue response, resolution
        // or workaround target.
        let decided_bad: u64 = summary
            .iter()
            .filter(|s| s["priority"].is_null() && s["target"] != "status_update")
            .map(|s| s["breached"].as_u64().unwrap() + s["overdue"].as_u64().unwrap())
            .sum();
        assert_eq!(
            r["breaches"].as_array().unwrap().len() as u64,
            decided_bad,
            "{name}"
        );
        if !a["penalties"].is_null() {
            assert_eq!(
                a["penalties"]["total_amount"], r["penalties"]["total_amount"],
                "{name}"
            );
        }
        if let Some(o) = outages {
            let mut up: Vec<&str> = vec![
                "uptime",
                "--contract",
                contract,
                o,
                "--month",
                month,
                "--format",
                "json",
            ];
            if let Some(p) = plan {
                up.extend(["--plan", p]);
            }
            let products = r["availability"]["months"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| !m["product"].is_null())
                .count();
            if products == 0 {
                for p in extra
                    .chunks(2)
                    .filter(|p| p[0] == "--fee" || p[0] == "--currency")
                {
                    up.extend(p);
                }
            }
            let u = run_json(&up);
            let months = u["months"].as_array().unwrap();
            let ours = r["availability"]["months"].as_array().unwrap();
            assert_eq!(months.len(), ours.len(), "{name}");
            for (m, o) in months.iter().zip(ours) {
                for key in [
                    "month",
                    "product",
                    "minutes_in_month",
                    "excused_minutes",
                    "excluded_minutes",
                    "downtime_minutes",
                    "uptime_percent",
                    "target_percent",
                    "credit_percent",
                    "credit_amount",
                    "target_met",
                ] {
                    assert_eq!(m[key], o[key], "{name}: {key}");
                }
            }
        }
    }
}

/// SAFR's credits must be requested in writing within 7 days of the failure
/// ("dentro de los siete (7) días posteriores a la Falla"), read as the same
/// Los Angeles wall time 7 calendar days after the outage ends. March 2026:
/// - SF-1 ends 03-03 08:25 PST: deadline 03-10 08:25 (now PDT, -07:00);
///   requested 03-05: filed.
/// - SF-2 ends 03-08 03:30 PDT (the night the clocks went forward): deadline
///   03-15 03:30; requested 03-16: late.
/// - SF-5 ends 03-24 10:15: deadline 03-31 10:15; not requested. A report made
///   03-30 says it is due (still in time); one made 04-02 says late.
/// - SF-3 is excluded and SF-4 is maintenance: no claim.
#[test]
fn safr_claims_are_filed_late_or_due_against_the_report_date() {
    let march = |as_of: &str| {
        run_json(&[
            "report",
            "--contract",
            "safr",
            "--month",
            "2026-03",
            "--tickets",
            "examples/safr-tickets.csv",
            "--outages",
            "examples/safr-outages.csv",
            "--as-of",
            as_of,
            "--format",
            "json",
        ])
    };
    let claims = |as_of: &str| -> Vec<(String, String, String)> {
        march(as_of)["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let text = |k: &str| c[k].as_str().unwrap().to_string();
                (text("outage"), text("deadline"), text("status"))
            })
            .collect()
    };
    let early = claims("2026-03-30T12:00:00-07:00");
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(early[0], s("SF-1", "2026-03-10T08:25:00-07:00", "filed"));
    assert_eq!(early[1], s("SF-2", "2026-03-15T03:30:00-07:00", "late"));
    assert_eq!(early[2], s("SF-5", "2026-03-31T10:15:00-07:00", "due"));
    assert!(early.iter().all(|c| c.0 != "SF-3" && c.0 != "SF-4"));
    // SF-5, still due, earns 2 % once filed (one Service Level Failure); SF-2,
    // requested late, earned nothing.
    let percent = |as_of: &str, id: &str| {
        march(as_of)["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["outage"] == id)
            .unwrap()["credit_percent"]
            .clone()
    };
    assert_eq!(percent("2026-03-30T12:00:00-07:00", "SF-5"), "2.00");
    assert_eq!(percent("2026-03-30T12:00:00-07:00", "SF-2"), "0.00");
    assert_eq!(percent("2026-04-02T00:00:00-07:00", "SF-5"), "0.00");
    let late = claims("2026-04-02T00:00:00-07:00");
    assert_eq!(late[2], s("SF-5", "2026-03-31T10:15:00-07:00", "late"));
    // The headline counts the claim still to file, and its deadline.
    let md = String::from_utf8(
        slaudit()
            .args(["report", "--contract", "safr", "--month", "2026-03"])
            .args(["--tickets", "examples/safr-tickets.csv"])
            .args(["--outages", "examples/safr-outages.csv"])
            .args(["--as-of", "2026-03-30T12:00:00-07:00"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        md.contains("- Claims to file: 1, the first by 2026-03-31 10:15"),
        "{md}"
    );
    // No ticket of the file was created in March: all 30 are counted apart.
    assert!(
        md.contains("| tickets | examples/safr-tickets.csv | 30 | 0 | 30 |"),
        "{md}"
    );
}

/// Renewal what-if: Adereso's published annex states no response, hotfix or
/// resolution table, so under it no ticket can breach (every target is
/// no_target); under the signed addendum (examples/adereso-signed.toml) the
/// same tickets are judged. Every breach under the addendum is therefore
/// "added" and none "avoided"; the rows add up to the two reports' breach
/// lists, and the penalty difference is the addendum's penalties (the annex
/// publishes none).
#[test]
fn what_if_counts_breaches_avoided_and_added() {
    let base = [
        "report",
        "--contract",
        "adereso",
        "--month",
        "2026-03",
        "--tickets",
        "examples/adereso-tickets.csv",
        "--as-of",
        "2026-04-02T00:00:00-03:00",
        "--format",
        "json",
    ];
    let here = run_json(&base);
    let mut with = base.to_vec();
    with.extend(["--compare-contract", "examples/adereso-signed.toml"]);
    let r = run_json(&with);
    let mut there_args = base.to_vec();
    there_args[2] = "examples/adereso-signed.toml";
    let there = run_json(&there_args);
    let c = &r["comparison"];
    assert_eq!(c["against"], "contract examples/adereso-signed.toml");
    let rows = c["rows"].as_array().unwrap();
    let sum = |k: &str| rows.iter().map(|x| x[k].as_u64().unwrap()).sum::<u64>();
    let listed = |v: &Value| {
        (v["breaches"].as_array().unwrap().len() + v["missed_reports"].as_array().unwrap().len())
            as u64
    };
    assert_eq!(listed(&here), 0);
    assert_eq!(sum("breaches_here"), 0);
    assert_eq!(sum("avoided"), 0);
    assert!(listed(&there) > 0);
    assert_eq!(sum("breaches_there"), listed(&there));
    assert_eq!(sum("added"), listed(&there));
    assert_eq!(
        c["penalties_difference"],
        format!("{} %", there["owed"]["penalties_percent"].as_str().unwrap())
    );
    // The report itself is the one under the published annex.
    assert_eq!(r["breaches"], here["breaches"]);
}

/// A month that has not begun by --as-of, and a month that is not one, are
/// usage errors (exit 2) naming the flag.
#[test]
fn report_refuses_a_month_not_begun_and_a_month_that_is_not_one() {
    let run = |month: &str| {
        let out = slaudit()
            .args(["report", "--contract", "audara", "--plan", "gold"])
            .args(["--month", month, "--tickets", "examples/audara-tickets.csv"])
            .args(["--as-of", "2026-04-02T00:00:00-05:00"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{month}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run("2026-05");
    assert!(
        err.contains("--as-of") && err.contains("has not begun"),
        "{err}"
    );
    let err = run("2026-13");
    assert!(err.contains("--month"), "{err}");
}

/// A bad ticket row stops the report as it stops `audit` (exit 2, the row
/// named); with --keep-going the report counts it as rejected.
#[test]
fn bad_rows_stop_the_report_unless_keep_going() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(
        &path,
        "id,priority,created_at,first_response_at\nA-1,1,2026-03-02 09:00,2026-03-02 09:30\nA-2,9,2026-03-02 09:00,\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let args = [
        "report",
        "--contract",
        "audara",
        "--plan",
        "gold",
        "--month",
        "2026-03",
        "--tickets",
        p,
        "--as-of",
        "2026-04-02T00:00:00-05:00",
        "--format",
        "json",
    ];
    let out = slaudit().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("t.csv:3:") && err.contains("priority"),
        "{err}"
    );
    let out = slaudit().args(args).arg("--keep-going").output().unwrap();
    assert!(out.status.success());
    let r = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(r["sources"][0]["rows"], 2);
    assert_eq!(r["sources"][0]["rejected"], 1);
}

/// What is owed, worked by hand.
/// Clever, April 2026 (fee 1000.00 MXN): counted downtime is CL-101 28 min +
/// CL-103 90 min (maintenance notified late, counted) + CL-105 15 min (15:30
/// to 16:05, of which 15:30-15:50 overlaps CL-104, excluded: an ISP fault) +
/// CL-106 20 min (23:40 to midnight; the rest is May's) = 153 min of 43 200:
/// uptime 99.6458...% < 99.85 %, so the 10 % band: 100.00 MXN, applied "en el
/// siguiente mes de servicio". Clever attaches no penalty to tickets.
/// Adereso with the signed addendum, March 2026 (fee 1 000 000 CLP): no outage
/// in March, so no credit for either product; the penalties are audit's
/// (27 % after the cap, 270 000 CLP), and the total is their sum.
#[test]
fn owed_adds_credits_and_penalties() {
    let clever = run_json(&[
        "report",
        "--contract",
        "clever",
        "--month",
        "2026-04",
        "--tickets",
        "examples/clever-tickets.csv",
        "--outages",
        "examples/clever-outages.csv",
        "--fee",
        "1000.00",
        "--currency",
        "MXN",
        "--as-of",
        "2026-05-02T00:00:00-06:00",
        "--format",
        "json",
    ]);
    let o = &clever["owed"];
    assert_eq!(
        clever["availability"]["months"][0]["downtime_minutes"],
        "153.00"
    );
    assert_eq!(o["credits_percent"], "10.00");
    assert_eq!(o["credits_amount"], "100.00");
    assert_eq!(o["penalties_amount"], Value::Null);
    assert_eq!(o["total_amount"], "100.00");
    assert_eq!(clever["headline"]["owed_amount"], "100.00");
    assert!(o["applied"]
        .as_str()
        .unwrap()
        .contains("next month of service"));

    let signed = run_json(&[
        "report",
        "--contract",
        "examples/adereso-signed.toml",
        "--month",
        "2026-03",
        "--tickets",
        "examples/adereso-tickets.csv",
        "--outages",
        "examples/adereso-outages.csv",
        "--fee",
        "1000000",
        "--currency",
        "CLP",
        "--as-of",
        "2026-04-02T00:00:00-03:00",
        "--format",
        "json",
    ]);
    let o = &signed["owed"];
    assert_eq!(o["credits_amount"], "0");
    assert_eq!(o["penalties_percent"], "27.00");
    assert_eq!(o["penalties_amount"], "270000");
    assert_eq!(o["total_amount"], "270000");
    assert_eq!(o["currency"], "CLP");
}

/// A help desk's export read through a mapping: the Zendesk example of
/// Audara (examples/exports). The report counts what `audit` counts through
/// the same mapping, and names the export as its tickets source.
#[test]
fn report_reads_a_help_desk_export_through_a_mapping() {
    let map = [
        "--contract",
        "audara",
        "--plan",
        "gold",
        "--map",
        "examples/exports/zendesk-audara.toml",
    ];
    let r = run_json(
        &[
            &["report"][..],
            &map,
            &[
                "--month",
                "2026-03",
                "--tickets",
                "examples/exports/zendesk-audara.csv",
                "--as-of",
                "2026-04-02T00:00:00-05:00",
                "--format",
                "json",
            ],
        ]
        .concat(),
    );
    let a = run_json(
        &[
            &["audit"][..],
            &map,
            &[
                "examples/exports/zendesk-audara.csv",
                "--as-of",
                "2026-04-01T00:00:00-05:00",
                "--format",
                "json",
            ],
        ]
        .concat(),
    );
    assert_eq!(
        r["sources"][0]["file"],
        "examples/exports/zendesk-audara.csv"
    );
    assert_eq!(r["sources"][0]["outside_month"], 0);
    let summary = a["summary"].as_array().unwrap();
    let compliance = r["compliance"].as_array().unwrap();
    assert_eq!(summary.len(), compliance.len());
    for (s, c) in summary.iter().zip(compliance) {
        for key in ["target", "tickets", "met", "breached", "overdue", "open"] {
            assert_eq!(s[key], c[key], "{key}");
        }
    }
    assert!(r["breaches"].as_array().is_some_and(|b| !b.is_empty()));
}
