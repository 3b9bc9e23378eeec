//! Help-desk exports read through a mapping file: what real exports do (section
//! 3 of the mapping format, `presets/README.md`), each on a small file written
//! here. Deadlines are Audara Gold's (5x8: Monday to Friday 08:00-12:00 and
//! 13:00-17:00 America/Bogota, UTC-5 all year; Colombian holidays closed;
//! priority 1 answered within 1 business hour).

use crate::util::{csv_rows, field, slaudit, temp_file};

/// Runs `audit --contract audara --plan gold` on `csv` through `mapping`
/// (written to temporary files); returns (exit code, stdout, stderr).
fn audit_mapped(mapping: &str, csv: &[u8], extra: &[&str]) -> (i32, String, String) {
    let (_d1, map) = temp_file("map.toml", mapping.as_bytes());
    let (_d2, file) = temp_file("export.csv", csv);
    let out = slaudit()
        .args(["audit", "--contract", "audara", "--plan", "gold", "--map"])
        .arg(&map)
        .arg(&file)
        .args(if extra.contains(&"--as-of") {
            &[][..]
        } else {
            &["--as-of", "2026-04-01T00:00:00-05:00"][..]
        })
        .args(["--format", "csv", "-qq"])
        .args(extra)
        .output()
        .expect("run slaudit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (id, created_at, response_due, first_response_at, response_status) of each row.
fn responses(stdout: &str) -> Vec<[String; 5]> {
    let (header, rows) = csv_rows(stdout);
    rows.iter()
        .map(|r| {
            [
                field(&header, r, "id"),
                field(&header, r, "created_at"),
                field(&header, r, "response_due"),
                field(&header, r, "first_response_at"),
                field(&header, r, "response_status"),
            ]
            .map(str::to_string)
        })
        .collect()
}

const MAP: &str = r#"
[columns]
id = "Ticket ID"
created_at = "Opened"
priority = "Urgency"
first_response_at = "First reply"
resolved_at = "Solved"
[formats]
all = "%Y-%m-%d %H:%M"
[priority]
"Urgent" = "1"
"Low" = "4"
"#;

/// Columns are found by their names, trimmed and in any case, wherever they
/// are; extra columns (one repeated, as Jira repeats `Labels`) change nothing.
///
/// T1: created Monday 2026-03-02 11:30 Bogota; 30 min count before lunch,
/// the other 30 from 13:00, so the 1-hour response is due 13:30; the reply at
/// 13:20 meets it. T2: created 16:30 the same day; 30 min to 17:00, 30 from
/// 08:00 on Tuesday: due Tuesday 08:30; the reply at 08:31 is one minute late.
#[test]
fn columns_by_name_with_extra_and_repeated_columns() {
    let csv = "Labels, urgency ,Notes,OPENED,Ticket ID,Labels,first reply,Solved\n\
               a,Urgent,x,2026-03-02 11:30,T1,b,2026-03-02 13:20,\n\
               a,Urgent,y,2026-03-02 16:30,T2,c,2026-03-03 08:31,\n";
    let (code, out, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(
        rows[0],
        [
            "T1",
            "2026-03-02T11:30:00-05:00",
            "2026-03-02T13:30:00-05:00",
            "2026-03-02T13:20:00-05:00",
            "met"
        ]
    );
    assert_eq!(rows[1][2], "2026-03-03T08:30:00-05:00");
    assert_eq!(rows[1][4], "breached");
}

/// A byte-order mark, CRLF line ends, and quoted cells holding the delimiter,
/// a doubled quote and a line break are read as any CSV reader reads them.
#[test]
fn bom_crlf_and_quoted_cells() {
    let csv = "\u{feff}Ticket ID,Opened,Urgency,First reply,Solved,Subject\r\n\
               T1,2026-03-02 11:30,Urgent,2026-03-02 13:20,,\"Printer, 3rd floor\"\r\n\
               \"T2\",2026-03-02 16:30,Urgent,,,\"He said \"\"help\"\"\r\nnow\"\r\n";
    let (code, out, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "T1");
    assert_eq!(rows[1][0], "T2");
    // No reply by the as-of instant: overdue, not an error.
    assert_eq!(rows[1][4], "overdue");
}

/// `;` as the delimiter (Excel in Spanish, French or German locales) is
/// sniffed from the first lines, or given with `delimiter`.
#[test]
fn semicolon_sniffed_or_given() {
    let csv = "Ticket ID;Opened;Urgency;First reply;Solved\n\
               T1;2026-03-02 11:30;Urgent;2026-03-02 13:20;\n";
    let (code, out, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(responses(&out)[0][4], "met");
    let given = format!("delimiter = \";\"\n{MAP}");
    let (code, out, err) = audit_mapped(&given, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(responses(&out)[0][4], "met");
}

/// Windows-1252 text (`Crítica` written as one byte 0xED for `í`): decoded with
/// `encoding`, so the mapping's word matches; without it, one error line that
/// names the line and column and suggests the encoding option, never mojibake.
#[test]
fn windows_1252_decoded_or_refused() {
    let mut csv = b"Ticket ID;Opened;Urgency;First reply;Solved\n".to_vec();
    csv.extend_from_slice(b"T1;2026-03-02 11:30;Cr\xedtica;2026-03-02 13:20;\n");
    let map = MAP.replace("\"Urgent\" = \"1\"", "\"Crítica\" = \"1\"");
    let with = format!("encoding = \"windows-1252\"\n{map}");
    let (code, out, err) = audit_mapped(&with, &csv, &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(rows[0][4], "met");
    let (code, out, err) = audit_mapped(&map, &csv, &[]);
    assert_eq!(code, 2, "{out}");
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.contains("export.csv:2: column 'Urgency' is not valid UTF-8 text")
            && first.contains("encoding = \"windows-1252\""),
        "{err}"
    );
    assert!(
        !out.contains('\u{fffd}'),
        "no replacement characters: {out}"
    );
}

/// Rows above the header (a title and a blank row, as Zammad's download has)
/// are skipped: the header is found by its columns; a footer row ends the data.
#[test]
fn title_rows_and_footer() {
    let csv = "Ticket report,,,,\n\
               ,,,,\n\
               Ticket ID,Opened,Urgency,First reply,Solved\n\
               T1,2026-03-02 11:30,Urgent,2026-03-02 13:20,\n\
               Timezone: America/Bogota,,,,\n";
    let map = format!("footer = \"Timezone:\"\n{MAP}");
    let (code, out, err) = audit_mapped(&map, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(rows[0][0], "T1");
    // Without the footer, that row is a ticket without a creation time.
    let (code, _, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("export.csv:5: column 'Opened' (created_at): is empty"),
        "{err}"
    );
}

/// Jira's `dd/MMM/yy h:mm a`: 12-hour clock, two-digit year, `12:05 AM` is five
/// past midnight, month abbreviations in the user's language (`ene`, given in
/// [months]). 12:05 AM on Friday 2026-01-02 (Bogota) is outside hours: the
/// clock starts Friday 08:00 and the 1-hour response is due 09:00.
#[test]
fn jira_twelve_hour_clock_and_spanish_months() {
    let map = r#"
[columns]
id = "Issue key"
created_at = "Created"
priority = "Priority"
first_response_at = "First response"
[formats]
all = "%d/%b/%y %I:%M %p"
[months]
ene = "Jan"
[priority]
"Highest" = "1"
"#;
    let csv = "Issue key,Priority,Created,First response\n\
               SD-1,Highest,02/ene/26 12:05 AM,02/ene/26 8:45 AM\n\
               SD-2,Highest,02/Jan/26 12:30 PM,02/Jan/26 2:31 PM\n";
    let (code, out, err) = audit_mapped(map, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(rows[0][1], "2026-01-02T00:05:00-05:00");
    assert_eq!(rows[0][2], "2026-01-02T09:00:00-05:00");
    assert_eq!(rows[0][3], "2026-01-02T08:45:00-05:00");
    assert_eq!(rows[0][4], "met");
    // 12:30 PM is in the lunch break: the clock starts at 13:00, due 14:00;
    // the reply at 2:31 PM is late.
    assert_eq!(rows[1][1], "2026-01-02T12:30:00-05:00");
    assert_eq!(rows[1][2], "2026-01-02T14:00:00-05:00");
    assert_eq!(rows[1][4], "breached");
}

/// A pattern with an offset reads it; a local time that does not exist in the
/// zone (New York, 2026-03-08 02:30, skipped by the change to DST) or occurs
/// twice (2026-11-01 01:30) is the usual row error, never a guess.
#[test]
fn offsets_gaps_and_folds() {
    let map = r#"
timezone = "America/New_York"
[columns]
id = "Ticket ID"
created_at = "Opened"
priority = "Urgency"
[formats]
all = ["%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M"]
[priority]
"Urgent" = "1"
"#;
    let csv = "Ticket ID,Opened,Urgency\n\
               T1,2026-03-02 11:30 -0500,Urgent\n\
               T2,2026-03-02 11:30,Urgent\n";
    let (code, out, err) = audit_mapped(map, csv.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    // Shown in the contract's zone (Bogota, UTC-5): 11:30 -0500 stays 11:30;
    // 11:30 in New York on 2 March (EST, UTC-5) is 11:30 in Bogota too.
    assert_eq!(rows[0][1], "2026-03-02T11:30:00-05:00");
    assert_eq!(rows[1][1], "2026-03-02T11:30:00-05:00");
    let csv = "Ticket ID,Opened,Urgency\n\
               T3,2026-03-08 02:30,Urgent\n\
               T4,2026-11-01 01:30,Urgent\n";
    let (code, _, err) = audit_mapped(map, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("export.csv:2: column 'Opened' (created_at): '2026-03-08 02:30': 2026-03-08 02:30:00 does not exist in America/New_York"),
        "{err}"
    );
    assert!(
        err.contains("export.csv:3: column 'Opened' (created_at): '2026-11-01 01:30': 2026-11-01 01:30:00 is ambiguous in America/New_York"),
        "{err}"
    );
    // --input-tz overrides the mapping's zone: in Bogota both exist.
    let (code, _, err) = audit_mapped(map, csv.as_bytes(), &["--input-tz", "America/Bogota"]);
    assert_eq!(code, 0, "{err}");
}

/// An empty cell or `-` (Zendesk's list fields) is no value: a missing first
/// response is an open target, not an error.
#[test]
fn empty_markers_are_no_value() {
    let map = format!("empty = [\"-\"]\n{MAP}");
    let csv = "Ticket ID,Opened,Urgency,First reply,Solved\n\
               T1,2026-03-02 11:30,Urgent,-,-\n\
               T2,2026-03-02 11:30,Urgent,,\n";
    let (code, out, err) = audit_mapped(
        &map,
        csv.as_bytes(),
        &["--as-of", "2026-03-02T12:00:00-05:00"],
    );
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    for r in &rows {
        assert_eq!(r[3], "");
        // 30 of the 60 minutes used by 12:00: still open.
        assert_eq!(r[4], "open", "{r:?}");
    }
}

/// A time computed from another plus calendar minutes (Zendesk's first reply):
/// created 11:30, 110 minutes later is 13:20, within the 1-hour response
/// (due 13:30); 121 minutes is 13:31, late.
#[test]
fn first_response_from_created_plus_minutes() {
    let map = r#"
[columns]
id = "Id"
created_at = "Created at"
priority = "Priority"
first_response_at = { from = "created_at", plus_minutes = "First reply time in minutes" }
[formats]
all = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
[priority]
"Urgent" = "1"
"#;
    let csv = "Id,Created at,Priority,First reply time in minutes\n\
               1,2026-03-02 11:30:00,Urgent,110\n\
               2,2026-03-02 11:30,Urgent,121\n\
               3,2026-03-02 11:30,Urgent,\n\
               4,2026-03-02 11:30,Urgent,soon\n";
    let (code, out, err) = audit_mapped(map, csv.as_bytes(), &["--keep-going"]);
    assert_eq!(code, 0, "{err}");
    let rows = responses(&out);
    assert_eq!(rows[0][3], "2026-03-02T13:20:00-05:00");
    assert_eq!(rows[0][4], "met");
    assert_eq!(rows[1][3], "2026-03-02T13:31:00-05:00");
    assert_eq!(rows[1][4], "breached");
    assert_eq!(rows[2][3], "");
    assert_eq!(rows[2][4], "overdue");
    assert_eq!(rows[3][4], "invalid");
    let (code, _, err) = audit_mapped(map, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("export.csv:5: column 'First reply time in minutes' (first_response_at): 'soon' is not a number of minutes"),
        "{err}"
    );
}

/// A word the mapping does not name falls back to the contract's keys and
/// aliases (`P1` is an alias of Audara's priority 1); a word neither knows is
/// the usual row error naming the column (as the export names it, then the
/// field) and the word.
#[test]
fn words_fall_back_to_the_contract() {
    let csv = "Ticket ID,Opened,Urgency\n\
               T1,2026-03-02 11:30,p1\n\
               T2,2026-03-02 11:30,Whenever\n";
    let (code, _, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains("export.csv:3: column 'Urgency' (priority): priority 'Whenever' is not one of 1, 2, 3, 4, 5 in contract audara"),
        "{err}"
    );
    assert_eq!(lines.len(), 2, "one bad row and the trailer: {err}");
}

/// A missing required column names the field, the mapping and the headers
/// found.
#[test]
fn a_missing_column_names_field_mapping_and_headers() {
    let csv = "Ticket,Opened,Urgency\nT1,2026-03-02 11:30,Urgent\n";
    let (code, _, err) = audit_mapped(MAP, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("slaudit: error: ")
            && err.contains(
                "export.csv:1: header has no column 'Ticket ID' (field id of mapping file "
            )
            && err.contains("found: Ticket, Opened, Urgency"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

/// Mistakes in a mapping file are one line with file, line and key.
#[test]
fn mapping_mistakes_name_file_line_and_key() {
    let cases = [
        (
            "[columns]\nticket = \"Id\"\n",
            ":2: key 'columns.ticket': unknown field 'ticket'",
        ),
        (
            "[formats]\nall = \"%Y-%m-%d %Q\"\n",
            ":2: key 'formats.all': '%Y-%m-%d %Q' is not a valid strftime pattern",
        ),
        (
            "[formats]\ncreated_at = \"%Y-%m-%d\"\n",
            ":2: key 'formats.created_at': '%Y-%m-%d' does not read a full date and time",
        ),
        (
            "preset = \"helpscout\"\n",
            ":1: key 'preset': unknown preset 'helpscout'",
        ),
        (
            "delimeter = \";\"\n",
            ":1: key 'delimeter': unknown field `delimeter`",
        ),
        (
            "encoding = \"klingon\"\n",
            ":1: key 'encoding': 'klingon' is not an encoding label",
        ),
        (
            "timezone = \"Mars/Olympus\"\n",
            ":1: key 'timezone': 'Mars/Olympus' is not an IANA time zone",
        ),
        (
            "[months]\nene = \"January\"\n",
            ":2: key 'months.ene': 'January' is not an English month abbreviation",
        ),
        (
            "[columns]\nid = { from = \"created_at\", plus_minutes = \"m\" }\n",
            ":2: key 'columns.id.from': a computed time is another time field plus minutes",
        ),
    ];
    for (text, want) in cases {
        let (code, _, err) = audit_mapped(text, b"id,created_at,priority\n", &[]);
        assert_eq!(code, 2, "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{text}: {err}");
        assert!(
            err.starts_with("slaudit: error: ") && err.contains(&format!("map.toml{want}")),
            "{text}:\n  got: {err}\n want: map.toml{want}"
        );
    }
}

/// Bad rows are named by the line the file has them on, whatever its line ends
/// (CRLF, as Windows writes them, or LF), in slaudit's own format and through
/// a mapping; a quoted cell's CRLF stays inside it.
#[test]
fn line_numbers_with_crlf() {
    for end in ["\r\n", "\n"] {
        let own = format!("id,created_at,priority{end}T1,2026-03-02 09:00,1{end}T2,\"2026-03-02{end}09:00\",1{end}T3,2026-03-02 09:00,9{end}");
        let (_d, file) = temp_file("own.csv", own.as_bytes());
        let out = slaudit()
            .args(["audit", "--contract", "audara", "--plan", "gold"])
            .arg(&file)
            .args(["--as-of", "2026-04-01T00:00:00Z", "--format", "csv", "-qqq"])
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("own.csv:3: column 'created_at'"),
            "{end:?}: {err}"
        );
        assert!(
            err.contains("own.csv:5: column 'priority'"),
            "{end:?}: {err}"
        );
        let export = own.replace("id,created_at,priority", "Ticket ID,Opened,Urgency");
        let map =
            "[columns]\nid = \"Ticket ID\"\ncreated_at = \"Opened\"\npriority = \"Urgency\"\n";
        let (_, _, err) = audit_mapped(map, export.as_bytes(), &[]);
        assert!(
            err.contains("export.csv:3: column 'Opened' (created_at)"),
            "{end:?}: {err}"
        );
        assert!(
            err.contains("export.csv:5: column 'Urgency' (priority)"),
            "{end:?}: {err}"
        );
    }
}

/// A time computed from minutes must fall in the supported years like any
/// other: 10^11 minutes after 2026 is past 2199, a row error (the clock would
/// otherwise count business hours for thousands of years).
#[test]
fn a_computed_time_past_the_supported_years_is_a_row_error() {
    let map = r#"
[columns]
id = "Id"
created_at = "Created at"
priority = "Priority"
first_response_at = { from = "created_at", plus_minutes = "Minutes" }
"#;
    let csv = "Id,Created at,Priority,Minutes\nT1,2026-03-02 11:30,1,100000000000\n";
    let (code, _, err) = audit_mapped(map, csv.as_bytes(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("export.csv:2: column 'Minutes' (first_response_at): '2026-03-02T11:30:00-05:00 + 100000000000 minutes' is outside the supported years"),
        "{err}"
    );
}
