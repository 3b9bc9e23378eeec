//! Contract overrides (`extends`): a file that inherits a contract and
//! overrides or adds terms. Every expected value is worked by hand from the
//! override and the inherited contract, with the reasoning beside it.

use std::path::Path;

use crate::util::{csv_rows, field, slaudit};

/// Runs `slaudit ARGS` in `dir`: (exit code, standard output, standard error).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = slaudit()
        .current_dir(dir)
        .env("COLUMNS", "200")
        .args(args)
        .output()
        .expect("run slaudit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A rendered table as plain words: cells wrap across lines, so a long clause
/// is searched for in the words of the whole output.
fn words(out: &str) -> String {
    out.split(|c: char| c.is_whitespace() || c == '│' || c == '┆')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The row of ticket `id` in CSV output.
fn row<'a>(rows: &'a [Vec<String>], id: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn adereso_signed_addendum_fills_the_tables_the_annex_leaves_out() {
    let (code, out, err) = run(
        repo(),
        &[
            "audit",
            "--contract",
            "examples/adereso-signed.toml",
            "examples/adereso-tickets.csv",
            "--as-of",
            "2026-04-01T00:00:00-03:00",
            "--format",
            "csv",
            "-qqq",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (h, rows) = csv_rows(&out);
    let f = |id: &str, col: &str| field(&h, row(&rows, id), col).to_string();

    // ADE-1014, Enterprise priority 1, created Saturday 2026-03-14 11:05. The
    // addendum puts Enterprise on the 24x7 schedule `siempre`, so Saturday
    // counts. Response 4 hours: due 15:05; answered 19:05, four hours late.
    assert_eq!(f("ADE-1014", "response_due"), "2026-03-14T15:05:00-03:00");
    assert_eq!(f("ADE-1014", "response_status"), "breached");
    assert_eq!(f("ADE-1014", "response_target"), "4 hours");
    assert_eq!(f("ADE-1014", "response_clock"), "siempre");
    // Hotfix 4 hours: due 15:05 too; given at 16:40.
    assert_eq!(f("ADE-1014", "workaround_status"), "breached");
    // Resolution 2 calendar days: due Monday 03-16 11:05; resolved Sunday 23:19.
    assert_eq!(f("ADE-1014", "resolution_due"), "2026-03-16T11:05:00-03:00");
    assert_eq!(f("ADE-1014", "resolution_status"), "met");
    // Every term comes from the override, with its own clause.
    assert_eq!(
        f("ADE-1014", "response_clause"),
        "signed addendum, 2026-03-01 (illustrative figures, not Adereso's), table 2 (first response)"
    );

    // ADE-1009, Enterprise priority 1, created 03-21 10:20: response due 14:20,
    // answered 13:04: met. Resolution due 03-23 10:20, still open on 04-01:
    // overdue.
    assert_eq!(f("ADE-1009", "response_status"), "met");
    assert_eq!(f("ADE-1009", "resolution_due"), "2026-03-23T10:20:00-03:00");
    assert_eq!(f("ADE-1009", "resolution_status"), "overdue");

    // ADE-1019, Avanzado priority 2, created Wednesday 03-04 07:12, before the
    // `habil` schedule opens at 09:00: the clock starts at 09:00 and 4 business
    // hours end at 13:00; answered 17:05.
    assert_eq!(f("ADE-1019", "clock_start"), "2026-03-04T09:00:00-03:00");
    assert_eq!(f("ADE-1019", "response_due"), "2026-03-04T13:00:00-03:00");
    assert_eq!(f("ADE-1019", "response_status"), "breached");

    // ADE-1010, Básico + priority 2, created Sunday 03-15 17:30: the clock
    // starts Monday 03-16 09:00. Resolution 15 business days of 9 h: March
    // 16-20 (5), 23-27 (10), 30, 31, April 1, 2 (14); Friday 3 and Saturday 4
    // April are Chilean holidays (Viernes and Sábado Santo) and the 5th a
    // Sunday, so the 15th day is Monday April 6, ending 18:00, after Chile left
    // daylight saving time (-04:00).
    assert_eq!(f("ADE-1010", "resolution_due"), "2026-04-06T18:00:00-04:00");
    assert_eq!(f("ADE-1010", "resolution_status"), "met");

    // The inherited catch-all "not published" targets give way on every
    // ticket: no ticket is left without a target.
    for r in &rows {
        for kind in ["response", "resolution", "workaround"] {
            assert_ne!(field(&h, r, &format!("{kind}_status")), "no_target");
        }
    }

    // Without -q: no warning that targets are not published.
    let (_, _, err) = run(
        repo(),
        &[
            "audit",
            "--contract",
            "examples/adereso-signed.toml",
            "examples/adereso-tickets.csv",
            "--as-of",
            "2026-04-01T00:00:00-03:00",
            "--format",
            "csv",
        ],
    );
    assert!(!err.contains("not publish"), "{err}");
}

#[test]
fn adereso_signed_addendum_penalties_with_fee() {
    let (code, out, err) = run(
        repo(),
        &[
            "audit",
            "--contract",
            "examples/adereso-signed.toml",
            "examples/adereso-tickets.csv",
            "--as-of",
            "2026-04-01T00:00:00-03:00",
            "--format",
            "json",
            "--fee",
            "1000000",
            "--currency",
            "CLP",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let p = &v["penalties"];
    // Only Enterprise carries penalties (2 % response, 3 % hotfix, 5 %
    // resolution per missed target). The eight Enterprise tickets, all due in
    // March:
    // - response (4 h P1, 6 h P2, 8 h P3/P4 on 24x7): 1014 (8 h 00 for 4 h),
    //   1004 (9 h 01 for 4 h) and 1018 (8 h 26 for 6 h) breached; 1011 (2 h 43),
    //   1002 (6 h 21), 1009 (2 h 44), 1020 (7 h 52) and 1007 (6 h 49) met:
    //   3 x 2 % = 6 %;
    // - hotfix (4 h P1, 8 h P2, 48 h P3/P4): 1014 given after 5 h 35 (breached),
    //   1018 none by 04-01 though due 03-16 22:00:17 (overdue); the others met:
    //   2 x 3 % = 6 %;
    // - resolution (2, 3, 10 calendar days): 1002 (due 03-24 11:00), 1018 (due
    //   03-19 14:00:17) and 1009 (due 03-23 10:20) open and overdue; 1007 open
    //   but due 04-04; the others resolved in time: 3 x 5 % = 15 %.
    // 6 + 6 + 15 = 27 % of 1 000 000 CLP = 270 000 CLP; eight targets; no cap.
    let months = p["months"].as_array().expect("months");
    assert_eq!(months.len(), 1);
    assert_eq!(months[0]["month"], "2026-03");
    assert_eq!(months[0]["breaches"], 8);
    assert_eq!(months[0]["penalty_percent"], "27.00");
    assert_eq!(p["total_amount"], "270000");
    assert_eq!(p["unpublished_breaches"], 0);
    assert_eq!(p["cap_percent"], serde_json::Value::Null);
}

/// Athento with one negotiated target: Company / Mayor first response in 4
/// hours instead of the published 2 business days.
const ATHENTO_ONE_TARGET: &str = r#"extends = "athento"

[contract]
key = "athento-company"

[[targets]]
kind = "response"
plans = ["company"]
priorities = ["major"]
value = 4
unit = "hours"
clause = "signed addendum, 2026-03-01: Company / Mayor"
"#;

#[test]
fn an_override_replaces_a_single_athento_target() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("athento-company.toml"), ATHENTO_ONE_TARGET).expect("write");
    let deadline = |prio: &str| {
        let (code, out, err) = run(
            tmp.path(),
            &[
                "deadline",
                "--contract",
                "athento-company.toml",
                "--plan",
                "company",
                "--priority",
                prio,
                "--at",
                "2026-10-30 17:45",
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v["targets"].as_array().expect("targets").clone()
    };
    let major = deadline("major");
    // Created Friday 2026-10-30 17:45 on Company's 09:00-18:00 weekdays
    // (Madrid, +01:00 after 25 October): 15 minutes on Friday, then 3 h 45 on
    // Monday 11-02 (not a Spanish holiday): due 12:45. The published target
    // (2 business days) would give Tuesday 11-03 17:45.
    assert_eq!(major[0]["target"], "response");
    assert_eq!(major[0]["promise"], "4 hours");
    assert_eq!(major[0]["due"], "2026-11-02T12:45:00+01:00");
    assert_eq!(
        major[0]["clause"],
        "signed addendum, 2026-03-01: Company / Mayor"
    );
    // The resolution target is inherited unchanged: 5 business days of 9 h
    // from Friday 17:45: 15 min + Mon, Tue, Wed, Thu (36 h) + 8 h 45 on Friday
    // 11-06: 17:45.
    assert_eq!(major[1]["due"], "2026-11-06T17:45:00+01:00");
    assert_eq!(
        major[1]["clause"],
        "ANS, Tiempos de Resolución: Company / Mayor"
    );
    // Company / Crítica keeps its published 8 hours: 15 min Friday + 7 h 45
    // Monday = 16:45.
    let critical = deadline("critical");
    assert_eq!(critical[0]["promise"], "8 hours");
    assert_eq!(critical[0]["due"], "2026-11-02T16:45:00+01:00");

    // `contracts show` marks the replaced target and prints the published
    // clause beside the negotiated one.
    let (code, out, _) = run(tmp.path(), &["contracts", "show", "athento-company.toml"]);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.contains("* company") && l.contains("response"))
        .expect("a marked Company response row");
    assert!(line.contains("4 hours"), "{line}");
    assert!(words(&out).contains("[inherited: ANS, Tiempos de Respuesta: Company / Mayor]"));
    // Exactly one table row is marked: every other term is the published one.
    let marked = out.lines().filter(|l| l.starts_with("│ * ")).count();
    assert_eq!(marked, 1, "{out}");
}

#[test]
fn an_override_target_applies_before_an_inherited_catch_all() {
    // Adereso's published annex has one `not_published` response target for
    // every plan and priority. An override with only Enterprise priority 1
    // (on its own 24x7 schedule) wins for that ticket; every other ticket
    // keeps the inherited catch-all.
    let over = r#"extends = "adereso"
[contract]
key = "adereso-p1"

[[schedules]]
key = "always"
always = true
clause = "signed addendum, 2026-03-01"

[[targets]]
kind = "response"
plans = ["enterprise"]
priorities = ["1"]
value = 1
unit = "hours"
schedule = "always"
clause = "signed addendum, 2026-03-01: Enterprise P1"
"#;
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("p1.toml"), over).expect("write");
    let tickets = "id,plan,priority,created_at,first_response_at\n\
        T1,enterprise,1,2026-03-14 11:00,2026-03-14 11:45\n\
        T2,enterprise,2,2026-03-14 11:00,2026-03-14 11:45\n\
        T3,avanzado,1,2026-03-14 11:00,2026-03-14 11:45\n";
    std::fs::write(tmp.path().join("t.csv"), tickets).expect("write");
    let (code, out, err) = run(
        tmp.path(),
        &[
            "audit",
            "--contract",
            "p1.toml",
            "t.csv",
            "--as-of",
            "2026-04-01T00:00:00-03:00",
            "--format",
            "csv",
            "-qqq",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (h, rows) = csv_rows(&out);
    // T1: 1 hour from 11:00 on 24x7 = 12:00; answered 11:45: met.
    assert_eq!(
        field(&h, row(&rows, "T1"), "response_due"),
        "2026-03-14T12:00:00-03:00"
    );
    assert_eq!(field(&h, row(&rows, "T1"), "response_status"), "met");
    // T2 (Enterprise P2) and T3 (Avanzado P1): the inherited catch-all.
    for id in ["T2", "T3"] {
        assert_eq!(field(&h, row(&rows, id), "response_status"), "no_target");
        assert_eq!(
            field(&h, row(&rows, id), "response_target"),
            "not published"
        );
    }
}

#[test]
fn an_override_general_target_applies_before_an_inherited_category_target() {
    // Clever: resolution of priority 1 is 10 minutes, and a `web-down` ticket
    // has its own 10-minute resolution target whatever the priority. An
    // override setting priority 1's resolution to 30 minutes comes before
    // both; a priority 2 `web-down` ticket keeps the inherited category time.
    let over = r#"extends = "clever"
[contract]
key = "clever-signed"

[[targets]]
kind = "resolution"
priorities = ["1"]
value = 30
unit = "minutes"
clause = "signed addendum, 2026-03-01: P1 resolution"
"#;
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("c.toml"), over).expect("write");
    let deadline = |prio: &str| {
        let (code, out, err) = run(
            tmp.path(),
            &[
                "deadline",
                "--contract",
                "c.toml",
                "--plan",
                "standard",
                "--priority",
                prio,
                "--category",
                "web-down",
                "--at",
                "2026-03-02 10:00",
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .find(|t| t["target"] == "resolution")
            .expect("resolution")
            .clone()
    };
    // Clever runs 24x7 in Mexico City (-06:00): 10:00 + 30 min = 10:30.
    let p1 = deadline("1");
    assert_eq!(p1["promise"], "30 minutes");
    assert_eq!(p1["due"], "2026-03-02T10:30:00-06:00");
    // Priority 2 web-down: the inherited category target, 10 minutes.
    let p2 = deadline("2");
    assert_eq!(p2["promise"], "10 minutes");
    assert_eq!(p2["due"], "2026-03-02T10:10:00-06:00");
}

#[test]
fn an_override_with_an_unknown_priority_is_an_error_at_its_line() {
    let over = "extends = \"adereso\"\n\
        [contract]\n\
        key = \"adereso-x\"\n\
        \n\
        [[targets]]\n\
        kind = \"response\"\n\
        plans = [\"enterprise\"]\n\
        priorities = [\"urgent\"]\n\
        status = \"not_published\"\n\
        clause = \"signed addendum\"\n";
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("x.toml"), over).expect("write");
    let (code, out, err) = run(tmp.path(), &["contracts", "check", "x.toml"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    // Line 8 of x.toml holds `priorities = ["urgent"]`; Adereso's priorities
    // are 1 to 4.
    assert_eq!(
        err,
        "slaudit: error: x.toml:8: key 'targets[0].priorities[0]': unknown priority 'urgent' (defined: 1, 2, 3, 4)\n"
    );
}

#[test]
fn an_extends_loop_is_an_error_naming_the_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join("a.toml"),
        "extends = \"b.toml\"\n[contract]\nkey = \"a\"\n",
    )
    .expect("write");
    std::fs::create_dir(tmp.path().join("sub")).expect("mkdir");
    std::fs::write(
        tmp.path().join("sub/b.toml"),
        "[contract]\nkey = \"b\"\n\nextends = \"../a.toml\"\n",
    )
    .expect("write");
    // a.toml names b.toml next to itself, which does not exist: the message
    // says which file could not be read.
    let (code, _, err) = run(tmp.path(), &["contracts", "check", "a.toml"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "slaudit: error: a.toml:1: key 'extends': cannot read contract file 'b.toml'"
        ),
        "{err}"
    );
    std::fs::write(
        tmp.path().join("a.toml"),
        "extends = \"sub/b.toml\"\n[contract]\nkey = \"a\"\n",
    )
    .expect("write");
    // sub/b.toml writes `extends` on line 4, after the [contract] header:
    // TOML reads it as contract.extends, which is refused with a hint.
    let (code, _, err) = run(tmp.path(), &["contracts", "check", "a.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "slaudit: error: sub/b.toml:4: key 'contract.extends': `extends` goes at the top of the file, before the first [section] header\n"
    );
    // a.toml -> sub/b.toml -> ../a.toml taken from sub/, which is a.toml
    // again: reported where the loop closes, line 1 of sub/b.toml.
    std::fs::write(
        tmp.path().join("sub/b.toml"),
        "extends = \"../a.toml\"\n[contract]\nkey = \"b\"\n",
    )
    .expect("write");
    let (code, _, err) = run(tmp.path(), &["contracts", "check", "a.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "slaudit: error: sub/b.toml:1: key 'extends': extends loop: a.toml -> sub/b.toml -> a.toml\n"
    );
    // A file that extends itself.
    std::fs::write(
        tmp.path().join("self.toml"),
        "extends = \"./self.toml\"\n[contract]\nkey = \"s\"\n",
    )
    .expect("write");
    let (code, _, err) = run(tmp.path(), &["contracts", "check", "self.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "slaudit: error: self.toml:1: key 'extends': extends loop: self.toml -> self.toml\n"
    );
}

#[test]
fn an_override_of_an_override() {
    // signed.toml extends adereso and sets Enterprise P1 response to 4 hours;
    // renewed.toml extends signed.toml and changes it to 2 hours, and adds a
    // note. Each file's terms are marked with its own number of stars.
    let tmp = tempfile::tempdir().expect("tempdir");
    let signed = r#"extends = "adereso"
[contract]
key = "adereso-signed"

[[schedules]]
key = "always"
always = true
clause = "signed addendum, 2026-03-01"

[[targets]]
kind = "response"
plans = ["enterprise"]
priorities = ["1"]
value = 4
unit = "hours"
schedule = "always"
clause = "signed addendum, 2026-03-01: Enterprise P1"
"#;
    let renewed = r#"extends = "signed.toml"
[contract]
key = "adereso-renewed"

[[targets]]
kind = "response"
plans = ["Enterprise"]
priorities = ["P1"]
value = 2
unit = "hours"
schedule = "always"
clause = "renewal, 2027-03-01: Enterprise P1"
"#;
    std::fs::write(tmp.path().join("signed.toml"), signed).expect("write");
    std::fs::write(tmp.path().join("renewed.toml"), renewed).expect("write");
    let (code, out, err) = run(
        tmp.path(),
        &[
            "deadline",
            "--contract",
            "renewed.toml",
            "--plan",
            "enterprise",
            "--priority",
            "1",
            "--at",
            "2026-03-14 11:00",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    // The renewal's 2 hours (written with an alias of the plan and of the
    // priority: the slot is the same) win over the signed 4 hours: 11:00 +
    // 2 h on 24x7 = 13:00.
    assert_eq!(v["contract"], "adereso-renewed");
    assert_eq!(v["targets"][0]["promise"], "2 hours");
    assert_eq!(v["targets"][0]["due"], "2026-03-14T13:00:00-03:00");
    assert_eq!(
        v["targets"][0]["clause"],
        "renewal, 2027-03-01: Enterprise P1"
    );

    let (code, out, _) = run(tmp.path(), &["contracts", "show", "renewed.toml"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("  *  renewed.toml\n  ** signed.toml\n     contracts/adereso.toml\n"),
        "{out}"
    );
    // The `always` schedule comes from signed.toml: two stars.
    assert!(out.contains("│ ** always"), "{out}");
    // The renewal's target: one star, and the clause it replaced beside it.
    let line = out
        .lines()
        .find(|l| l.contains("* enterprise") && l.contains("2 hours"))
        .expect("marked row");
    assert!(line.starts_with("│ * enterprise"), "{line}");
    // It replaced signed.toml's 4 hours and, for this ticket, Adereso's
    // catch-all "not published" response target.
    assert!(
        words(&out).contains("renewal, 2027-03-01: Enterprise P1 [inherited: signed addendum, 2026-03-01: Enterprise P1; §7.1"),
        "{out}"
    );

    let (code, out, _) = run(tmp.path(), &["contracts", "check", "renewed.toml"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "renewed.toml: ok (contract adereso-renewed, extends signed.toml, 4 plans, 4 priorities, 4 targets)\n"
    );
}

#[test]
fn an_override_in_contracts_dir_is_found_by_its_own_key() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("mine");
    std::fs::create_dir(&dir).expect("mkdir");
    let text = std::fs::read_to_string(repo().join("examples/adereso-signed.toml")).expect("read");
    std::fs::write(dir.join("signed.toml"), &text).expect("write");
    let tickets = repo().join("examples/adereso-tickets.csv");
    let tickets = tickets.to_str().expect("utf-8 path");
    let audit = |name: &str| {
        run(
            tmp.path(),
            &[
                "audit",
                "--contracts-dir",
                "mine",
                "--contract",
                name,
                tickets,
                "--as-of",
                "2026-04-01T00:00:00-03:00",
                "--format",
                "csv",
                "-qqq",
            ],
        )
    };
    // By its key, `adereso-signed`: ADE-1014's response is judged (breached,
    // as worked above).
    let (code, out, err) = audit("adereso-signed");
    assert_eq!(code, 0, "{err}");
    let (h, rows) = csv_rows(&out);
    assert_eq!(
        field(&h, row(&rows, "ADE-1014"), "response_status"),
        "breached"
    );
    // `adereso` is still the shipped contract: no target.
    let (code, out, _) = audit("adereso");
    assert_eq!(code, 0);
    let (h, rows) = csv_rows(&out);
    assert_eq!(
        field(&h, row(&rows, "ADE-1014"), "response_status"),
        "no_target"
    );

    // An override that keeps the parent's key replaces the shipped contract
    // of that key for --contract adereso; its `extends = "adereso"` still
    // names the shipped one (a name in `extends` is never looked up in
    // --contracts-dir), so this is no loop.
    std::fs::write(
        dir.join("signed.toml"),
        text.replace("key = \"adereso-signed\"", "key = \"adereso\""),
    )
    .expect("write");
    let (code, out, err) = audit("adereso");
    assert_eq!(code, 0, "{err}");
    let (h, rows) = csv_rows(&out);
    assert_eq!(
        field(&h, row(&rows, "ADE-1014"), "response_status"),
        "breached"
    );
}

#[test]
fn an_override_term_needs_its_own_clause() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let over = "extends = \"adereso\"\n\
        [contract]\n\
        key = \"adereso-x\"\n\
        timezone = \"America/Punta_Arenas\"\n\
        timezone_clause = \"signed addendum\"\n\
        \n\
        [[plans]]\n\
        key = \"enterprise\"\n\
        status = \"not_published\"\n\
        \n\
        [holidays]\n\
        calendar = \"chile\"\n";
    std::fs::write(tmp.path().join("x.toml"), over).expect("write");
    let (code, _, err) = run(tmp.path(), &["contracts", "check", "x.toml"]);
    assert_eq!(code, 2);
    // The plan (line 7) and the [holidays] table (line 11) carry no clause;
    // the time zone has its `timezone_clause`.
    assert_eq!(
        err,
        "slaudit: error: x.toml:11: key 'holidays.clause': an override of [holidays] needs its own `clause` (where the negotiated term is written, e.g. \"signed addendum, 2026-03-01\")\n\
         slaudit: error: x.toml:7: key 'plans[0].clause': an override term needs its own `clause` (where the negotiated term is written, e.g. \"signed addendum, 2026-03-01\")\n"
    );
}
