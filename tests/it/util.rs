//! Helpers shared by the integration tests: running the binary, loading shipped
//! contracts, reading CSV output.

#![allow(dead_code)]

use assert_cmd::Command;
use slaudit::contract::load::load_contract;
use slaudit::contract::Contract;

/// The `slaudit` binary, ready to take arguments, with a UTF-8 locale and a
/// terminal type that draws tables with box characters (tables are ASCII under
/// `TERM=dumb` or a locale that is not UTF-8), whatever the environment running
/// the tests.
pub fn slaudit() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("slaudit");
    cmd.env("TERM", "xterm-256color")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("LC_CTYPE")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// A shipped contract, loaded as the binary loads it.
pub fn shipped(key: &str) -> Contract {
    let (file, text) = slaudit::shipped::contract(key).expect("shipped contract");
    load_contract(text, file, &|n| {
        slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
    })
    .expect("shipped contract loads")
}

/// Parses CSV text into a header and rows of fields.
pub fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The value of `column` in `row`.
pub fn field<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    &row[i]
}

/// Writes `text` to a file in a fresh temporary directory.
pub fn temp_file(name: &str, text: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write temp file");
    (dir, path)
}
