//! `--contracts-dir`: a directory that is not there is an error, and listing and
//! lookup find a directory's contracts by the `key` inside each file (never by
//! the file name), a directory's contract overriding the shipped one of the same
//! key for both.

use std::path::Path;

use crate::util::{csv_rows, field, slaudit};

fn mini() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs/mini.toml");
    std::fs::read_to_string(path).expect("mini.toml")
}

/// The minimal contract with another key (and another name, to tell it apart).
fn with_key(key: &str, name: &str) -> String {
    mini()
        .replace("key = \"mini\"", &format!("key = \"{key}\""))
        .replace("name = \"Mini\"", &format!("name = \"{name}\""))
}

const TICKET: &str = "id,created_at,priority\nT1,2026-03-02 09:00,high\n";

#[test]
fn contracts_dir_that_does_not_exist_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("nope");
    let out = slaudit()
        .arg("--contracts-dir")
        .arg(&missing)
        .args(["contracts"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        format!(
            "slaudit: error: --contracts-dir: '{}' does not exist",
            missing.display()
        )
    );
    assert!(out.stdout.is_empty(), "nothing listed");
}

#[test]
fn contracts_dir_that_is_a_file_is_an_error_before_any_audit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("contracts.toml");
    std::fs::write(&file, mini()).expect("write");
    let tickets = tmp.path().join("t.csv");
    std::fs::write(&tickets, "id,created_at,priority\nT1,2026-03-02 09:00,1\n").expect("write");
    let out = slaudit()
        .arg("--contracts-dir")
        .arg(&file)
        .args([
            "audit",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--format",
            "csv",
        ])
        .args(["--as-of", "2026-04-01T00:00:00Z"])
        .arg(&tickets)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "no audit against the shipped contract"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "slaudit: error: --contracts-dir: '{}' is not a directory",
            file.display()
        )
    );
}

#[test]
fn contracts_dir_lookup_is_by_the_key_inside_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("a.toml"), with_key("tiny", "Tiny")).expect("write");
    let tickets = tmp.path().join("t.csv");
    std::fs::write(&tickets, TICKET).expect("write");
    // Listed as `tiny` ...
    let list = slaudit()
        .arg("--contracts-dir")
        .arg(tmp.path())
        .arg("contracts")
        .output()
        .expect("run");
    assert!(list.status.success());
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed
            .lines()
            .any(|l| l.contains("tiny") && l.contains("a.toml")),
        "{listed}"
    );
    // ... and found as `tiny`, not as `a`.
    slaudit()
        .arg("--contracts-dir")
        .arg(tmp.path())
        .args(["audit", "--contract", "tiny", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-04-01T00:00:00Z"])
        .arg(&tickets)
        .assert()
        .success();
    let by_file_name = slaudit()
        .arg("--contracts-dir")
        .arg(tmp.path())
        .args(["audit", "--contract", "a", "--format", "csv"])
        .arg(&tickets)
        .output()
        .expect("run");
    assert_eq!(by_file_name.status.code(), Some(2));
    let err = String::from_utf8_lossy(&by_file_name.stderr);
    assert!(
        err.starts_with("slaudit: error: unknown contract 'a' (known: adereso, athento, audara, clever, safr, tiny;"),
        "{err}"
    );
}

#[test]
fn contracts_dir_override_of_a_shipped_key_is_used_by_listing_and_lookup() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // custom.toml says it is audara: it replaces the shipped Audara everywhere.
    std::fs::write(
        tmp.path().join("custom.toml"),
        with_key("audara", "Audara as signed"),
    )
    .expect("write");
    let list = slaudit()
        .arg("--contracts-dir")
        .arg(tmp.path())
        .arg("contracts")
        .output()
        .expect("run");
    assert!(list.status.success());
    let listed = String::from_utf8_lossy(&list.stdout);
    let audara: Vec<&str> = listed.lines().filter(|l| l.contains("audara")).collect();
    assert_eq!(audara.len(), 1, "{listed}");
    assert!(audara[0].contains("Audara as signed") && audara[0].contains("custom.toml"));

    // The audit uses it: priority `high` exists only in the override.
    let tickets = tmp.path().join("t.csv");
    std::fs::write(&tickets, TICKET).expect("write");
    let out = slaudit()
        .arg("--contracts-dir")
        .arg(tmp.path())
        .args(["audit", "--contract", "audara", "--format", "csv", "-qqq"])
        .args(["--as-of", "2026-04-01T00:00:00Z"])
        .arg(&tickets)
        .assert()
        .success();
    let (h, rows) = csv_rows(&String::from_utf8_lossy(&out.get_output().stdout));
    assert_eq!(rows.len(), 1);
    // 4 business hours from Monday 09:00 on the office schedule: 13:00.
    assert_eq!(
        field(&h, &rows[0], "response_due"),
        "2026-03-02T13:00:00+01:00"
    );
}

#[test]
fn contracts_dir_with_two_files_of_one_key_is_an_error_naming_both() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("one.toml"), with_key("tiny", "One")).expect("write");
    std::fs::write(tmp.path().join("two.toml"), with_key("Tiny", "Two")).expect("write");
    let want = format!(
        "slaudit: error: --contracts-dir: {} and {} both define contract 'tiny'",
        tmp.path().join("one.toml").display(),
        tmp.path().join("two.toml").display()
    );
    for args in [
        vec!["contracts"],
        vec!["contracts", "show", "tiny"],
        vec!["contracts", "show", "audara"],
    ] {
        let out = slaudit()
            .arg("--contracts-dir")
            .arg(tmp.path())
            .args(&args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().next(), Some(want.as_str()), "{args:?}: {err}");
    }
}
