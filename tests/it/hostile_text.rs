//! Control characters from the input (ESC, BEL, CR, TAB) never reach a terminal
//! raw: every human-readable output escapes them as the error lines do
//! (`\u{1b}`, `\u{7}`, `\t`), so a CSV cell cannot clear the screen or retitle
//! the terminal.

use crate::util::{slaudit, temp_file};

/// An OSC title change, a screen clear and a bell.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

fn assert_clean(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{what}: raw control characters in output:\n{text}"
    );
    // A table may wrap a value over lines: join each column's pieces.
    let mut columns: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('│')) {
        let cells = line.trim_matches('│').split('┆');
        for (i, cell) in cells.enumerate() {
            if columns.len() <= i {
                columns.push(String::new());
            }
            columns[i].push_str(cell.trim());
        }
    }
    let joined = format!("{}\n{}", columns.join("\n"), text);
    assert!(
        joined.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"),
        "{what}: the value is not shown escaped:\n{text}"
    );
}

#[test]
fn audit_table_escapes_control_characters() {
    let csv = format!(
        "id,plan,priority,channel,category,created_at,first_response_at,resolved_at\n\
         T1{HOSTILE},gold,1,phone,{HOSTILE},2026-03-02 09:00,2026-03-02 09:30,\n"
    );
    let (_dir, path) = temp_file("t.csv", csv.as_bytes());
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--format", "table"])
        .args(["--as-of", "2026-06-01T00:00:00Z"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("audit table", &out.stdout);
    // The bad-row messages on standard error were already escaped; warnings too.
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

#[test]
fn uptime_table_escapes_control_characters() {
    let csv = format!(
        "id,start,end,kind,notified_at,excluded,reported_at\n\
         O1{HOSTILE},2026-04-03 09:12,2026-04-03 09:40,unplanned,,{HOSTILE},\n"
    );
    let (_dir, path) = temp_file("o.csv", csv.as_bytes());
    let out = slaudit()
        .args(["uptime", "--contract", "clever", "--format", "table"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("uptime table", &out.stdout);
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

#[test]
fn contracts_show_escapes_control_characters() {
    let mini = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/bad_inputs/mini.toml"
    ))
    .expect("mini.toml");
    let toml = mini
        .replace(
            "name = \"Mini\"",
            "name = \"Mini \\u001b]0;pwned\\u0007\\u001b[2J\"",
        )
        .replace(
            "clause = \"§1\"",
            "clause = \"§1 \\u001b]0;pwned\\u0007\\u001b[2J\"",
        );
    let (_dir, path) = temp_file("hostile.toml", toml.as_bytes());
    let out = slaudit()
        .args(["contracts", "show"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("contracts show", &out.stdout);
}

/// A TAB-separated file is one column named `id<TAB>created_at<TAB>priority`:
/// the message shows the TAB as `\t`, not as `_`.
#[test]
fn tab_in_a_header_is_shown_as_tab_in_the_message() {
    let (_dir, path) = temp_file(
        "tabs.csv",
        b"id\tcreated_at\tpriority\nT1\t2026-03-02 09:00\t1\n",
    );
    let out = slaudit()
        .args([
            "audit",
            "--contract",
            "audara",
            "--plan",
            "gold",
            "--format",
            "csv",
        ])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("id\\tcreated_at\\tpriority"), "{err}");
    assert!(!err.contains("id_created_at"), "{err}");
    assert!(!err.contains('\t'), "{err}");
}
