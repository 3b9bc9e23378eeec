//! Output for people: how much goes to standard error (`-q` levels), tables in
//! ASCII where box characters cannot be shown, and a long table written in
//! pages.

use crate::util::slaudit;

/// The Athento example with its events: warnings, summary and assumptions all
/// have something to say.
fn athento_audit(quiet: &[&str]) -> String {
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "athento",
            "--plan",
            "company",
            "examples/athento-tickets.csv",
            "--events",
            "examples/athento-events.csv",
            "--as-of",
            "2026-11-01T00:00:00+01:00",
            "--format",
            "csv",
        ])
        .args(quiet)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stderr).unwrap()
}

fn count(stderr: &str, prefix: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with(prefix)).count()
}

/// The assumptions are one block (one heading, then indented lines), printed
/// once; `-q` leaves out that block only, `-qq` the summary too, `-qqq` the
/// warnings too.
#[test]
fn quiet_levels_leave_out_assumptions_then_summary_then_warnings() {
    let all = athento_audit(&[]);
    assert_eq!(count(&all, "assumptions: "), 1, "{all}");
    assert_eq!(
        count(&all, "assumption: "),
        0,
        "one block, no per-line prefix"
    );
    let block: Vec<&str> = all
        .lines()
        .skip_while(|l| !l.starts_with("assumptions: "))
        .skip(1)
        .collect();
    assert!(block.len() >= 5, "{all}");
    assert!(block.iter().all(|l| l.starts_with("  ")), "{block:?}");
    // The six "días" readings of the response targets share one line.
    assert_eq!(
        block
            .iter()
            .filter(|l| l.contains("\"días\" are business days"))
            .count(),
        2,
        "response and resolution: {block:?}"
    );
    assert!(count(&all, "summary: ") > 5);
    assert!(count(&all, "warning: ") >= 1);

    let q = athento_audit(&["-q"]);
    assert_eq!(count(&q, "assumptions: "), 0, "{q}");
    assert!(!q.contains("\"días\""), "{q}");
    assert_eq!(count(&q, "summary: "), count(&all, "summary: "));
    assert_eq!(count(&q, "warning: "), count(&all, "warning: "));

    let qq = athento_audit(&["-qq"]);
    assert_eq!(count(&qq, "summary: "), 0, "{qq}");
    assert_eq!(count(&qq, "warning: "), count(&all, "warning: "));
    assert_eq!(qq.lines().count(), count(&all, "warning: "), "{qq}");

    let qqq = athento_audit(&["-q", "-q", "-q"]);
    assert_eq!(qqq, "", "three levels: nothing but errors");
}

/// The table's assumption block follows `-q` too.
#[test]
fn quiet_leaves_the_assumptions_out_of_the_table() {
    let table = |quiet: &[&str]| {
        let out = slaudit()
            .args([
                "audit",
                "--contract",
                "safr",
                "examples/safr-tickets.csv",
                "--as-of",
                "2026-04-01T00:00:00Z",
                "--format",
                "table",
            ])
            .args(quiet)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(table(&[]).contains("\nassumptions: "));
    let quiet = table(&["-q"]);
    assert!(!quiet.contains("assumptions: "), "{quiet}");
    assert!(quiet.contains("Summary"), "the summary table stays");
}

/// Box-drawing characters (U+2500 to U+257F) in a text.
fn has_box_chars(s: &str) -> bool {
    s.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c))
}

/// `TERM=dumb`, `LC_ALL=C` or a locale whose character set is not UTF-8 draw
/// tables in ASCII (`+`, `-`, `|`); a UTF-8 locale keeps box characters. The
/// first locale variable set wins (`LC_ALL`, then `LC_CTYPE`, then `LANG`).
#[test]
fn tables_are_ascii_without_a_utf8_terminal() {
    let commands: [&[&str]; 4] = [
        &["contracts"],
        &["calendar", "audara", "--year", "2026"],
        &[
            "deadline",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--priority",
            "1",
            "--at",
            "2026-03-13 16:30",
        ],
        &[
            "audit",
            "--contract",
            "audara",
            "examples/audara-tickets.csv",
            "--as-of",
            "2026-04-01T00:00:00Z",
            "--format",
            "table",
        ],
    ];
    let envs: [(&[(&str, &str)], bool); 6] = [
        (&[], false),
        (&[("TERM", "dumb")], true),
        (&[("LC_ALL", "C")], true),
        (&[("LC_ALL", "es_ES.ISO-8859-1")], true),
        (&[("LC_ALL", ""), ("LC_CTYPE", "POSIX")], true),
        (&[("LC_ALL", ""), ("LANG", "es_CO.utf8")], false),
    ];
    for args in commands {
        for (env, ascii) in envs {
            let mut cmd = slaudit();
            for (k, v) in env {
                cmd.env(k, v);
            }
            let out = cmd.args(args).assert().success().get_output().clone();
            let text = String::from_utf8(out.stdout).unwrap();
            assert_eq!(
                has_box_chars(&text),
                !ascii,
                "{args:?} with {env:?}:\n{}",
                &text[..text.len().min(400)]
            );
            if ascii {
                assert!(
                    text.contains("+--") && text.contains("| "),
                    "{args:?} {env:?}"
                );
            }
        }
    }
}

/// A long table is written in pages of 500 rows, each under its own header,
/// after one heading; no row is left out, and the summary counts them all.
#[test]
fn a_long_table_is_written_in_pages() {
    let mut csv = String::from("id,plan,priority,created_at,first_response_at\n");
    for i in 0..1_201 {
        csv.push_str(&format!(
            "P{i:05},gold,3,2026-03-02 09:00,2026-03-02 10:00\n"
        ));
    }
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "-",
            "--as-of",
            "2026-04-01T00:00:00Z",
            "--format",
            "table",
            "-q",
        ])
        .write_stdin(csv)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("Contract audara").count(), 1, "one heading");
    let headers = text
        .lines()
        .filter(|l| l.contains(" id ") && l.contains("prio"))
        .count();
    assert_eq!(headers, 3, "pages of 500, 500 and 201 rows");
    for i in [0, 499, 500, 999, 1_000, 1_200] {
        assert_eq!(text.matches(&format!("P{i:05}")).count(), 1, "row P{i:05}");
    }
    let rows = text.lines().filter(|l| l.contains("┆ gold")).count();
    assert_eq!(rows, 1_201);
    assert!(text.contains("1201"), "the summary counts every row");
}

/// Colour only for breached, overdue (red) and at-risk (yellow) statuses, only
/// on a terminal (or with CLICOLOR_FORCE) and never with NO_COLOR; a file's
/// control characters stay escaped with colour on.
#[test]
fn colour_for_breaches_on_a_terminal_only() {
    let csv = "id,plan,priority,created_at,first_response_at\n\
               \u{1b}[2JT1,gold,1,2026-03-02 09:00,2026-03-02 11:00\n\
               T2,gold,1,2026-03-02 09:00,\n\
               T3,gold,1,2026-03-02 09:00,2026-03-02 09:10\n";
    let run = |env: &[(&str, &str)], as_of: &str| {
        let mut cmd = slaudit();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args([
                "audit",
                "--contract",
                "audara",
                "-",
                "--format",
                "table",
                "-qqq",
            ])
            .args(["--as-of", as_of, "--warn-at", "50"])
            .write_stdin(csv)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let red = "\u{1b}[38;5;9m";
    let plain = run(&[], "2026-03-02 10:30");
    assert!(!plain.contains('\u{1b}'), "piped: no colour");
    let forced = run(&[("CLICOLOR_FORCE", "1")], "2026-03-02 10:30");
    assert!(
        forced.contains("breached") && forced.contains("overdue"),
        "{forced}"
    );
    assert!(
        forced.contains(&format!("{red} breached ")),
        "forced colour: {forced}"
    );
    assert!(
        forced.contains(&format!("{red} overdue ")),
        "forced colour: {forced}"
    );
    assert!(
        !forced.contains(&format!("{red} met")),
        "met is not coloured"
    );
    assert!(
        !forced.contains("\u{1b}[2J"),
        "the file's ESC stays escaped"
    );
    assert!(forced.contains("\\u{1b}[2JT1"), "{forced}");
    let at_risk = run(&[("CLICOLOR_FORCE", "1")], "2026-03-02 09:40");
    assert!(
        at_risk.contains("\u{1b}[38;5;11m at_risk "),
        "yellow: {at_risk}"
    );
    let none = run(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        "2026-03-02 10:30",
    );
    assert!(!none.contains('\u{1b}'), "NO_COLOR wins");
}

/// Times in the tickets table read as people read them (`Thu 01 Oct 12:20`,
/// seconds when there are some, the year when it is not the as-of year), and
/// no time, id or status is split across lines: only the note wraps.
#[test]
fn table_times_are_whole_and_readable() {
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "athento",
            "--plan",
            "company",
            "examples/athento-tickets.csv",
        ])
        .args([
            "--as-of",
            "2027-01-15T00:00:00+01:00",
            "--format",
            "table",
            "-qqq",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let time = |s: &str| {
        let w: Vec<&str> = s.split(' ').collect();
        let clock = w.last().copied().unwrap_or("");
        (w.len() == 4 || w.len() == 5)
            && w[0].len() == 3
            && w[1].len() == 2
            && w[2].len() == 3
            && (w.len() == 4 || w[3].len() == 4)
            && (clock.len() == 5 || clock.len() == 8)
    };
    let mut rows = 0;
    let tickets = text.split("\nSummary").next().unwrap();
    for line in tickets.lines().filter(|l| l.starts_with('│')) {
        let cells: Vec<&str> = line.trim_matches('│').split('┆').map(str::trim).collect();
        if cells[0] == "id" || cells[0].is_empty() {
            // The header, or a wrapped note's second line: nothing else in it.
            assert!(
                cells[..cells.len() - 1].iter().all(|c| c.is_empty()) || cells[0] == "id",
                "{line}"
            );
            continue;
        }
        rows += 1;
        assert!(time(cells[3]), "created: {:?}", cells[3]);
        // The examples are of 2026: a January 2027 as-of shows their year.
        assert!(cells[3].contains(" 2026 "), "{:?}", cells[3]);
    }
    assert!(rows >= 40, "{rows} rows");
}

/// On a terminal narrower than 110 columns (COLUMNS says how wide) each ticket
/// is a block of lines: the ticket, then each target's due instant, event and
/// status; wider, or written to a file, it is the table.
#[test]
fn a_narrow_terminal_gets_blocks() {
    let run = |columns: &str, extra: &[&str]| {
        let out = slaudit()
            .env("COLUMNS", columns)
            .args([
                "audit",
                "--contract",
                "audara",
                "--plan",
                "gold",
                "examples/audara-tickets.csv",
            ])
            .args([
                "--as-of",
                "2026-04-01T00:00:00-05:00",
                "--format",
                "table",
                "-qqq",
            ])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let narrow = run("80", &[]);
    // AUD-1040: priority 1 created Wednesday 08:12, due 09:12, answered 22:14.
    assert!(
        narrow.contains(
            "AUD-1040  gold  priority 1  created Wed 04 Mar 08:12\n  response    due Wed 04 Mar 09:12  done Wed 04 Mar 22:14  breached\n"
        ),
        "{narrow}"
    );
    assert!(!narrow.contains("┆ AUD-1040"), "no table row");
    assert!(narrow.contains("Summary"), "the summary follows");
    let blocks = narrow.split("\nSummary").next().unwrap();
    assert!(
        blocks.lines().skip(1).all(|l| l.chars().count() <= 80),
        "every line of the blocks fits 80 columns:\n{blocks}"
    );
    let wide = run("200", &[]);
    assert!(
        wide.contains("┆ AUD-1040") || wide.contains("│ AUD-1040"),
        "{wide}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.txt");
    run("80", &["-o", file.to_str().unwrap()]);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("│ AUD-1040"),
        "a file gets the table: {written}"
    );
}

/// In the deadline table, long clauses and assumptions are numbered notes
/// under it, each said once however many targets share it.
#[test]
fn deadline_clauses_are_numbered_notes() {
    let out = slaudit()
        .args([
            "deadline",
            "--contract",
            "athento",
            "--plan",
            "standard",
            "--priority",
            "blocker",
        ])
        .args(["--at", "2026-04-02 20:30"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('│')).collect();
    assert!(rows.iter().all(|r| !r.contains("ANS, Tiempos")), "{text}");
    assert!(rows.iter().any(|r| r.contains("[1]")), "{text}");
    let notes: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("[1] ANS, Tiempos de Respuesta: Standard / Bloqueante")),
        "{text}"
    );
    // Both targets rest on the same reading of "horas": one note.
    let horas = notes
        .iter()
        .filter(|n| n.contains("\"horas\" are counted"))
        .count();
    assert_eq!(horas, 1, "{text}");
}

/// The outages table of `uptime`: times as people read them, never split
/// across lines (the zone is in the heading), and the clause of an excluded
/// outage as a numbered note under the table. Clever's CL-104 (an ISP fault,
/// excluded) names the clause "servicios no suministrados por Clever".
#[test]
fn uptime_outages_read_as_people_read_them() {
    let text = clever_uptime_table(None);
    assert!(text.contains("times in America/Mexico_City"), "{text}");
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("│ CL-")).collect();
    let cl101 = rows.iter().find(|r| r.starts_with("│ CL-101")).unwrap();
    assert!(
        cl101.contains("Fri 03 Apr 09:12") && cl101.contains("Fri 03 Apr 09:40"),
        "{text}"
    );
    let cl104 = rows.iter().find(|r| r.starts_with("│ CL-104")).unwrap();
    assert!(cl104.contains("excluded: Proveedor de"), "{text}");
    let note = text.lines().find(|l| l.starts_with("[1] ")).unwrap();
    assert!(
        note.contains("servicios no suministrados por Clever"),
        "{note}"
    );
    assert!(!rows.iter().any(|r| r.contains("Compensaciones")), "{text}");
}

/// `uptime` on a terminal narrower than 110 columns: one block of lines per
/// month and per outage, each value under its name, and no table border;
/// wider, the tables. Clever's April: CL-103, maintenance notified late, counts
/// 90 minutes.
#[test]
fn uptime_on_a_narrow_terminal_gets_blocks() {
    let run = |columns: &str| clever_uptime_table(Some(columns));
    let narrow = run("80");
    assert!(
        !narrow
            .lines()
            .any(|l| l.starts_with('│') || l.starts_with('┌')),
        "{narrow}"
    );
    assert!(
        narrow.contains("CL-103  2026-04\n  start: Tue 14 Apr 22:00\n  end: Tue 14 Apr 23:30\n  counted min: 90.00\n"),
        "{narrow}"
    );
    assert!(
        narrow.contains("2026-04\n  minutes: 43200.00\n"),
        "{narrow}"
    );
    assert!(
        narrow.contains("  treatment: late notice (counted)\n"),
        "{narrow}"
    );
    let wide = run("200");
    assert!(wide.lines().any(|l| l.starts_with("│ CL-103")), "{wide}");
}

/// `uptime --format table` of Clever's example outages, on a terminal of
/// `columns` columns when given.
fn clever_uptime_table(columns: Option<&str>) -> String {
    let mut cmd = slaudit();
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd
        .args(["uptime", "--contract", "clever", "--format", "table"])
        .arg("examples/clever-outages.csv")
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}
