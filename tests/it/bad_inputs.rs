//! The bad-input catalogue: one file per kind of broken (or merely unusual) input
//! in `tests/bad_inputs/`, each with the exit code and the message on standard
//! error it must produce, checked by one table. Rejections must be one line that
//! names the file, the line and the column or key; nothing may panic.
//!
//! Also replays every input a fuzzer ever found a problem with
//! (`tests/fuzz_regressions/<target>/`).

use std::path::{Path, PathBuf};

use crate::util::slaudit;

/// What standard error must hold.
#[derive(Debug, Clone, Copy)]
enum Stderr {
    /// Nothing (successful runs use `-q`).
    Empty,
    /// Exactly these lines.
    Lines(&'static [&'static str]),
    /// A first line starting with this text (the rest varies, e.g. a list of names).
    Prefix(&'static str),
}

/// Where the input comes from.
#[derive(Debug, Clone, Copy)]
enum Input {
    /// A file in `tests/bad_inputs/`.
    File(&'static str),
    /// A file written at test time (too big to keep in the repository).
    Generated(&'static str, fn() -> Vec<u8>),
}

#[derive(Debug, Clone, Copy)]
struct Case {
    input: Input,
    /// `--contract`: a shipped name or a `.toml` file in `tests/bad_inputs/`.
    contract: &'static str,
    extra: &'static [&'static str],
    code: i32,
    stderr: Stderr,
    /// Ids of the output rows, in order, when the run succeeds.
    ids: Option<&'static [&'static str]>,
}

/// The message for the 1 MB value: clipped to 60 characters.
const HUGE_FIELD_LINE: &str = "slaudit: error: huge_field.csv:2: column 'priority': priority 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not one of 1, 2, 3, 4, 5 in contract audara (ticket T1)";

const TRAILER: &str = "slaudit: error: 1 bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid";

const TRAILER_2: &str = "slaudit: error: 2 bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid";

const fn case(input: &'static str, contract: &'static str, code: i32, stderr: Stderr) -> Case {
    Case {
        input: Input::File(input),
        contract,
        extra: &[],
        code,
        stderr,
        ids: None,
    }
}

/// A run of the good Audara tickets file with these extra arguments.
fn ev(extra: &'static [&'static str], code: i32, stderr: Stderr) -> Case {
    Case {
        extra,
        ..case("valid_audara.csv", "audara", code, stderr)
    }
}

/// A 1 MB priority value (the record stays under the 1 MiB limit).
fn huge_field() -> Vec<u8> {
    let mut v =
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at\nT1,gold,".to_vec();
    v.extend_from_slice(&vec![b'x'; 1_000_000]);
    v.extend_from_slice(b",phone,2026-03-02 09:00,,\n");
    v
}

/// A 1 MB value in a column the audit does not read.
fn huge_ignored_field() -> Vec<u8> {
    let mut v =
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at,notes\nT1,gold,1,phone,2026-03-02 09:00,,,"
            .to_vec();
    v.extend_from_slice(&vec![b'x'; 1_000_000]);
    v.push(b'\n');
    v
}

/// Line 2 a record of 2 MiB: a quoted value of 2048 lines of 1 KiB, then a
/// row with an unknown priority, whose line (2 + 2048 + 1) must still be right.
fn long_record() -> Vec<u8> {
    let mut v =
        b"id,plan,priority,channel,created_at,first_response_at,resolved_at\nT1,gold,1,\"".to_vec();
    for _ in 0..2048 {
        v.extend_from_slice(&[b'x'; 1023]);
        v.push(b'\n');
    }
    v.extend_from_slice(b"\",2026-03-02 09:00,,\nT2,gold,9,phone,2026-03-02 09:00,,\n");
    v
}

/// The same file with `T2` fine: with `--keep-going` both rows come out.
fn long_record_keep_going() -> Vec<u8> {
    let mut v = long_record();
    let at = v.len() - "9,phone,2026-03-02 09:00,,\n".len();
    v[at] = b'1';
    v
}

/// A header of 2 MiB with no line end.
fn long_header() -> Vec<u8> {
    vec![b'h'; 2 << 20]
}

fn table() -> Vec<Case> {
    use Stderr::*;
    vec![
        // --- Files that cannot be audited at all.
        case(
            "empty.csv",
            "audara",
            2,
            Lines(&["slaudit: error: empty.csv: the file is empty (expected a header with id, created_at, priority)"]),
        ),
        case(
            "missing_column.csv",
            "audara",
            2,
            Lines(&["slaudit: error: missing_column.csv:1: header has no column priority (required: id, created_at, priority; found: id, created_at, channel)"]),
        ),
        case(
            "duplicate_column.csv",
            "audara",
            2,
            Lines(&["slaudit: error: duplicate_column.csv:1: column 'priority' appears twice in the header"]),
        ),
        case(
            "semicolon.csv",
            "audara",
            2,
            Lines(&["slaudit: error: semicolon.csv:1: header has no column id, created_at, priority (required: id, created_at, priority; found: id;created_at;priority): the file seems ';'-separated; slaudit reads comma-separated files: save it with ',' as the separator"]),
        ),
        case(
            "keyless_dir",
            "audara",
            2,
            Lines(&["slaudit: error: tickets file 'keyless_dir' is a directory, not a file"]),
        ),
        ev(
            &["--events", "dup_keys"],
            2,
            Lines(&["slaudit: error: events file 'dup_keys' is a directory, not a file"]),
        ),
        ev(
            &["--fee", "-100", "--currency", "EUR"],
            2,
            Lines(&["slaudit: error: --fee: '-100' is negative: a fee cannot be negative"]),
        ),
        case(
            "valid_mini.csv",
            "zero_business_day.toml",
            2,
            Lines(&["slaudit: error: zero_business_day.toml:15: key 'schedules[0].business_day': '0h' is zero: a business day must be longer than zero (e.g. \"8h\")"]),
        ),
        Case {
            extra: &["--contracts-dir", "bad_calendar_dir"],
            ..case(
                "valid_mini.csv",
                "withcal",
                2,
                Lines(&["slaudit: error: bad_calendar_dir/calendars/broken.toml:11: rule 1 (\"Nowhere Day\"), key `rules[1].fixed`: month 13 is out of range 1-12 (in holiday calendar 'broken', named at bad_calendar_dir/withcal.toml:30)"]),
            )
        },
        // In Bogota (UTC-5) 02:00 UTC on 1970-01-01 is still 1969.
        case(
            "year_1969_in_zone.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: year_1969_in_zone.csv:2: column 'created_at': '1970-01-01T02:00:00Z' is 1969-12-31 21:00 in America/Bogota, before the supported years 1970-2199 (ticket T1)",
                TRAILER,
            ]),
        ),
        // --- Unusual but fine.
        Case {
            ids: Some(&[]),
            ..case("header_only.csv", "audara", 0, Empty)
        },
        Case {
            ids: Some(&["T1"]),
            ..case("bom.csv", "audara", 0, Empty)
        },
        Case {
            ids: Some(&["T1", "T2"]),
            ..case("crlf.csv", "audara", 0, Empty)
        },
        Case {
            ids: Some(&["T1\nsecond line", "T2"]),
            ..case("quoted_newlines.csv", "audara", 0, Empty)
        },
        Case {
            input: Input::Generated("huge_ignored_field.csv", huge_ignored_field),
            ids: Some(&["T1"]),
            ..case("", "audara", 0, Empty)
        },
        // --- Bad rows: one line per row, then the trailer.
        case(
            "non_utf8.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: non_utf8.csv:3: column 'channel' is not valid UTF-8 text: the file may be in another encoding (such as Windows-1252 or Latin-1): read it through a mapping file (--map) with encoding = \"windows-1252\", or convert it to UTF-8 (ticket T2)",
                TRAILER,
            ]),
        ),
        case(
            "dst_gap.csv",
            "athento",
            2,
            Lines(&[
                "slaudit: error: dst_gap.csv:2: column 'created_at': '2026-03-29 02:30': 2026-03-29 02:30:00 does not exist in Europe/Madrid (skipped by a daylight-saving change); give an explicit offset (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "dst_ambiguous.csv",
            "athento",
            2,
            Lines(&[
                "slaudit: error: dst_ambiguous.csv:2: column 'created_at': '2026-10-25 02:30': 2026-10-25 02:30:00 is ambiguous in Europe/Madrid (it occurs twice when clocks fall back); give an explicit offset (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "year_0.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: year_0.csv:2: column 'created_at': '0000-01-01 00:00' is outside the supported years 1970-2199 (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "year_9999.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: year_9999.csv:2: column 'created_at': '9999-12-31 23:59:59' is outside the supported years 1970-2199 (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "beyond_2199.csv",
            "safr",
            2,
            Lines(&[
                "slaudit: error: beyond_2199.csv:2: column 'created_at': the resolution target falls due after the end of 2199, the last supported year (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "response_before_creation.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: response_before_creation.csv:2: column 'first_response_at': 2026-03-02 08:59 is before created_at 2026-03-02 09:00 (ticket T1)",
                TRAILER,
            ]),
        ),
        Case {
            extra: &["--keep-going"],
            ids: Some(&["T1"]),
            ..case("response_before_creation.csv", "audara", 0, Empty)
        },
        case(
            "unknown_priority.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: unknown_priority.csv:2: column 'priority': priority '7' is not one of 1, 2, 3, 4, 5 in contract audara (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "unknown_plan.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: unknown_plan.csv:2: column 'plan': plan 'bronze' is not one of gold, platinum in contract audara (ticket T1)",
                TRAILER,
            ]),
        ),
        Case {
            input: Input::Generated("huge_field.csv", huge_field),
            ..case(
                "",
                "audara",
                2,
                Lines(&[
                    HUGE_FIELD_LINE,
                    TRAILER,
                ]),
            )
        },
        Case {
            input: Input::Generated("long_record.csv", long_record),
            ..case(
                "",
                "audara",
                2,
                Lines(&[
                    "slaudit: error: long_record.csv:2: the record is longer than 1 MiB (1048576 bytes), the limit for one record; it is skipped up to its end (ticket T1)",
                    "slaudit: error: long_record.csv:2051: column 'priority': priority '9' is not one of 1, 2, 3, 4, 5 in contract audara (ticket T2)",
                    TRAILER_2,
                ]),
            )
        },
        Case {
            input: Input::Generated("long_record_keep_going.csv", long_record_keep_going),
            extra: &["--keep-going"],
            ids: Some(&["T1", "T2"]),
            ..case("", "audara", 0, Empty)
        },
        Case {
            input: Input::Generated("long_header.csv", long_header),
            ..case(
                "",
                "audara",
                2,
                Lines(&["slaudit: error: long_header.csv:1: the header is longer than 1 MiB (1048576 bytes), the limit for one record; is this a CSV file?"]),
            )
        },
        case(
            "unterminated_quote.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: unterminated_quote.csv:2: column 'created_at': unterminated quote: the quoted value runs on over the following lines (ticket T1)",
                TRAILER,
            ]),
        ),
        case(
            "newline_in_priority.csv",
            "audara",
            2,
            Lines(&[
                "slaudit: error: newline_in_priority.csv:2: column 'priority': priority 'urgent\\nnow' is not one of 1, 2, 3, 4, 5 in contract audara (ticket T1)",
                TRAILER,
            ]),
        ),
        // --- Contracts.
        case(
            "valid_audara.csv",
            "nosuch",
            2,
            Prefix("slaudit: error: unknown contract 'nosuch' (known: adereso, athento, audara, "),
        ),
        Case {
            ids: Some(&["T1"]),
            ..case("valid_mini.csv", "mini.toml", 0, Empty)
        },
        case(
            "valid_mini.csv",
            "wrong_type.toml",
            2,
            Lines(&["slaudit: error: wrong_type.toml:25: key 'targets[0].value': invalid type: string \"four\", expected i64"]),
        ),
        case(
            "valid_mini.csv",
            "reversed_interval.toml",
            2,
            Lines(&["slaudit: error: reversed_interval.toml:12: key 'schedules[0].wed[1]': interval '18:00-14:00' ends before or when it starts"]),
        ),
        // --- Coverage and quota terms, and the contacts list.
        case(
            "valid_mini.csv",
            "unknown_accepted_channel.toml",
            2,
            Lines(&["slaudit: error: unknown_accepted_channel.toml:34: key 'accepted_channels[0].channels[1]': unknown channel 'fax' (defined: email)"]),
        ),
        case(
            "valid_mini.csv",
            "unknown_quota_period.toml",
            2,
            Lines(&["slaudit: error: unknown_quota_period.toml:30: key 'quotas[0].period': unknown period 'week' (expected year or month)"]),
        ),
        case(
            "valid_mini.csv",
            "unknown_contacts_rule.toml",
            2,
            Lines(&["slaudit: error: unknown_contacts_rule.toml:30: key 'contacts.unnamed': unknown value 'ignored' (expected not_covered or flagged)"]),
        ),
        ev(
            &["--go-live", "2026-13-01"],
            2,
            Lines(&["slaudit: error: --go-live: '2026-13-01' is not a date (expected YYYY-MM-DD)"]),
        ),
        ev(
            &["--period-start", "01/07/2026"],
            2,
            Lines(&["slaudit: error: --period-start: '01/07/2026' is not a date (expected YYYY-MM-DD)"]),
        ),
        ev(
            &["--users", "-3"],
            2,
            Lines(&["slaudit: error: --users: '-3' is not a number of users (a whole number, 0 or more)"]),
        ),
        ev(
            &["--users", "lots"],
            2,
            Lines(&["slaudit: error: --users: 'lots' is not a number of users (a whole number, 0 or more)"]),
        ),
        ev(
            &["--contacts", "contacts_non_utf8.txt"],
            2,
            Lines(&["slaudit: error: contacts_non_utf8.txt:2: not valid UTF-8 text"]),
        ),
        ev(
            &["--contacts", "no_such_contacts.txt"],
            2,
            Lines(&["slaudit: error: cannot read contacts file 'no_such_contacts.txt': No such file or directory (os error 2)"]),
        ),
        // --- The events file (`--events`), with a good tickets file.
        ev(
            &["--events", "events_empty.csv"],
            2,
            Lines(&["slaudit: error: events_empty.csv: the file is empty (expected a header with ticket_id, at, kind)"]),
        ),
        ev(
            &["--events", "events_missing_column.csv"],
            2,
            Lines(&["slaudit: error: events_missing_column.csv:1: header has no column kind (required: ticket_id, at, kind; found: ticket_id, at, note)"]),
        ),
        ev(
            &["--events", "events_duplicate_column.csv"],
            2,
            Lines(&["slaudit: error: events_duplicate_column.csv:1: column 'kind' appears twice in the header"]),
        ),
        ev(
            &["--events", "events_unknown_kind.csv"],
            2,
            Lines(&[
                "slaudit: error: events_unknown_kind.csv:3: column 'kind': kind 'escalate' is not one of update, pause, resume",
                TRAILER,
            ]),
        ),
        Case {
            ids: Some(&["T1"]),
            ..ev(&["--events", "events_unknown_kind.csv", "--keep-going"], 0, Empty)
        },
        ev(
            &["--events", "events_bad_time.csv"],
            2,
            Lines(&[
                "slaudit: error: events_bad_time.csv:3: column 'at': '2026-02-30 10:00' is not a timestamp (expected RFC 3339 like 2026-03-20T16:30:00-05:00, or YYYY-MM-DD HH:MM[:SS] in the contract's time zone)",
                "slaudit: error: events_bad_time.csv:4: column 'at': 'yesterday' is not a timestamp (expected RFC 3339 like 2026-03-20T16:30:00-05:00, or YYYY-MM-DD HH:MM[:SS] in the contract's time zone)",
                TRAILER_2,
            ]),
        ),
        ev(
            &["--events", "events_newline_in_at.csv"],
            2,
            Lines(&[
                "slaudit: error: events_newline_in_at.csv:2: column 'at': '2026-03-02\\n10:00' is not a timestamp (expected RFC 3339 like 2026-03-20T16:30:00-05:00, or YYYY-MM-DD HH:MM[:SS] in the contract's time zone)",
                TRAILER,
            ]),
        ),
        ev(
            &["--events", "events_non_utf8.csv"],
            2,
            Lines(&[
                "slaudit: error: events_non_utf8.csv:2: column 'kind' is not valid UTF-8 text: the file may be in another encoding (such as Windows-1252 or Latin-1): read it through a mapping file (--map) with encoding = \"windows-1252\", or convert it to UTF-8",
                TRAILER,
            ]),
        ),
        // T1 was created 2026-03-02 09:00 in Bogota; an update at 08:00 is a
        // bad row of the events file, left out with --keep-going.
        ev(
            &["--events", "events_before_creation.csv"],
            2,
            Lines(&[
                "slaudit: error: events_before_creation.csv:2: column 'at': the event at 2026-03-02T08:00:00-05:00 is before the ticket's created_at 2026-03-02T09:00:00-05:00 (ticket T1)",
                TRAILER,
            ]),
        ),
        Case {
            ids: Some(&["T1"]),
            ..ev(&["--events", "events_before_creation.csv", "--keep-going"], 0, Empty)
        },
        // Events of a ticket not in the file, and a repeated pause, are warnings
        // (silenced by -qqq), not errors.
        Case {
            ids: Some(&["T1"]),
            ..ev(&["--events", "events_unknown_ticket.csv"], 0, Empty)
        },
        case(
            "valid_mini.csv",
            "overlapping_intervals.toml",
            2,
            Lines(&["slaudit: error: overlapping_intervals.toml:13: key 'schedules[0].thu[1]': intervals 09:00-13:00 and 12:00-18:00 overlap"]),
        ),
        case(
            "valid_mini.csv",
            "newline_in_value.toml",
            2,
            Lines(&["slaudit: error: newline_in_value.toml:25: key 'targets[0].category': unknown category 'agent\\nlogin': the contract defines no categories"]),
        ),
        case(
            "valid_mini.csv",
            "unknown_timezone.toml",
            2,
            Lines(&["slaudit: error: unknown_timezone.toml:6: key 'contract.timezone': unknown time zone 'Europe/Atlantis' (expected an IANA name such as America/Bogota)"]),
        ),
        // --- Contract overrides (`extends`), each over mini.toml.
        Case {
            ids: Some(&["T1"]),
            ..case("valid_mini.csv", "override_valid.toml", 0, Empty)
        },
        case(
            "valid_mini.csv",
            "override_unknown_priority.toml",
            2,
            Lines(&["slaudit: error: override_unknown_priority.toml:9: key 'targets[0].priorities[0]': unknown priority 'urgent' (defined: high)"]),
        ),
        case(
            "valid_mini.csv",
            "override_unknown_kind.toml",
            2,
            Lines(&["slaudit: error: override_unknown_kind.toml:8: key 'targets[0].kind': unknown kind 'hotfix' (expected response, resolution, workaround or status_update)"]),
        ),
        case(
            "valid_mini.csv",
            "override_no_clause.toml",
            2,
            Lines(&["slaudit: error: override_no_clause.toml:7: key 'plans[0].clause': an override term needs its own `clause` (where the negotiated term is written, e.g. \"signed addendum, 2026-03-01\")"]),
        ),
        case(
            "valid_mini.csv",
            "override_loop_a.toml",
            2,
            Lines(&["slaudit: error: override_loop_b.toml:2: key 'extends': extends loop: override_loop_a.toml -> override_loop_b.toml -> override_loop_a.toml"]),
        ),
        case(
            "valid_mini.csv",
            "override_loop_b.toml",
            2,
            Lines(&["slaudit: error: override_loop_a.toml:2: key 'extends': extends loop: override_loop_b.toml -> override_loop_a.toml -> override_loop_b.toml"]),
        ),
        case(
            "valid_mini.csv",
            "override_unknown_parent.toml",
            2,
            Lines(&["slaudit: error: override_unknown_parent.toml:2: key 'extends': unknown contract 'nosuch' to extend (shipped: adereso, athento, audara, clever, safr; or give the path of a contract file, relative to this one)"]),
        ),
        case(
            "valid_mini.csv",
            "override_missing_file.toml",
            2,
            Prefix("slaudit: error: override_missing_file.toml:2: key 'extends': cannot read contract file 'nosuch/mini.toml': "),
        ),
        case(
            "valid_mini.csv",
            "override_no_key.toml",
            2,
            Lines(&["slaudit: error: override_no_key.toml:2: key 'contract.key': a contract that extends another needs its own `[contract] key` (it may repeat the key of the one it extends)"]),
        ),
        case(
            "valid_mini.csv",
            "override_misplaced_extends.toml",
            2,
            Lines(&["slaudit: error: override_misplaced_extends.toml:4: key 'contract.extends': `extends` goes at the top of the file, before the first [section] header"]),
        ),
        // --- Flags.
        Case {
            extra: &["--fee", "11111111111111111111111111111", "--currency", "EUR"],
            ..case(
                "valid_audara.csv",
                "audara",
                2,
                Lines(&["slaudit: error: --fee: '11111111111111111111111111111' is too large (at most 15 digits before the decimal point)"]),
            )
        },
        // --- Help-desk exports: mapping files, presets, the SLA export.
        Case {
            extra: &["--map", "map_unknown_field.toml"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: map_unknown_field.toml:2: key 'columns.ticket': unknown field 'ticket' (fields: id, created_at, priority, plan, channel, category, first_response_at, workaround_at, resolved_at, excluded, reporter)"]))
        },
        Case {
            extra: &["--map", "map_bad_pattern.toml"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: map_bad_pattern.toml:2: key 'formats.all': '%d/%m/%Y %Q' is not a valid strftime pattern"]))
        },
        Case {
            extra: &["--map", "map_unknown_preset.toml"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: map_unknown_preset.toml:1: key 'preset': unknown preset 'helpscout' (shipped: freshdesk, jira, servicenow, zammad, zendesk)"]))
        },
        Case {
            extra: &["--map", "map_bad_encoding.toml"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: map_bad_encoding.toml:1: key 'encoding': 'klingon' is not an encoding label (utf-8, windows-1252, iso-8859-1, ...)"]))
        },
        Case {
            extra: &["--plan", "gold", "--map", "map_valid.toml"],
            ..case("export_bad_rows.csv", "audara", 2, Lines(&[
                "slaudit: error: export_bad_rows.csv:3: column 'Abierto' (created_at): '31/02/2026 09:00' does not match %d/%m/%Y %H:%M (ticket T2)",
                "slaudit: error: export_bad_rows.csv:4: column 'Prioridad' (priority): priority 'Urgente' is not one of 1, 2, 3, 4, 5 in contract audara (ticket T3)",
                TRAILER_2,
            ]))
        },
        Case {
            extra: &["--plan", "gold", "--map", "map_valid.toml", "--keep-going"],
            ids: Some(&["T1", "T2", "T3"]),
            ..case("export_bad_rows.csv", "audara", 0, Empty)
        },
        Case {
            extra: &["--plan", "gold", "--map", "map_valid.toml"],
            ..case("export_missing_column.csv", "audara", 2, Lines(&["slaudit: error: export_missing_column.csv:1: header has no column 'Ticket' (field id of mapping file map_valid.toml) (required: id, created_at, priority; found: Id, Opened, Prioridad)"]))
        },
        Case {
            extra: &["--plan", "gold", "--map", "map_valid.toml"],
            ids: Some(&[]),
            ..case("export_header_only.csv", "audara", 0, Empty)
        },
        Case {
            extra: &["--from", "nosuch"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: --from: unknown preset 'nosuch' (shipped: freshdesk, jira, servicenow, zammad, zendesk); a mapping file goes with --map FILE"]))
        },
        Case {
            extra: &["--sla-export", "sla_missing_column.csv"],
            ..case("valid_audara.csv", "audara", 2, Lines(&["slaudit: error: --sla-export sla_missing_column.csv: the tickets are read in slaudit's own format, which names no SLA export columns ([sla_export]); use --from servicenow, or a mapping file with [sla_export]"]))
        },
        Case {
            extra: &["--plan", "gold", "--from", "servicenow", "--sla-export", "sla_missing_column.csv"],
            ..case("export_servicenow.csv", "audara", 2, Lines(&["slaudit: error: sla_missing_column.csv:1: header has no column 'end_time' (sla_export of preset servicenow) (required: task, sla, stage, end_time; found: task, sla, stage, start_time)"]))
        },
        // --- --contracts-dir (the catalogue's own directory is the working directory).
        Case {
            extra: &["--contracts-dir", "nosuch_dir"],
            ..case(
                "valid_audara.csv",
                "audara",
                2,
                Lines(&["slaudit: error: --contracts-dir: 'nosuch_dir' does not exist"]),
            )
        },
        Case {
            extra: &["--contracts-dir", "valid_mini.csv"],
            ..case(
                "valid_audara.csv",
                "audara",
                2,
                Lines(&["slaudit: error: --contracts-dir: 'valid_mini.csv' is not a directory"]),
            )
        },
        Case {
            extra: &["--contracts-dir", "dup_keys"],
            ..case(
                "valid_audara.csv",
                "audara",
                2,
                Lines(&["slaudit: error: --contracts-dir: dup_keys/one.toml and dup_keys/two.toml both define contract 'mini'"]),
            )
        },
        Case {
            extra: &["--contracts-dir", "keyless_dir"],
            ..case(
                "valid_audara.csv",
                "audara",
                2,
                Lines(&["slaudit: error: keyless_dir/keyless.toml:2: key 'contract': missing field `key`"]),
            )
        },
    ]
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

/// Runs one case; returns a description of every way it differs from the table.
fn check(c: &Case) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (cwd, file): (PathBuf, &str) = match c.input {
        Input::File(name) => (dir(), name),
        Input::Generated(name, make) => {
            std::fs::write(tmp.path().join(name), make()).expect("write input");
            for entry in std::fs::read_dir(dir()).expect("bad_inputs dir") {
                let p = entry.expect("entry").path();
                if p.extension().is_some_and(|x| x == "toml") {
                    std::fs::copy(&p, tmp.path().join(p.file_name().expect("name")))
                        .expect("copy contract");
                }
            }
            (tmp.path().to_path_buf(), name)
        }
    };
    let out = slaudit()
        .current_dir(&cwd)
        .args(["audit", "--contract", c.contract, file])
        .args(["--as-of", "2026-06-01T00:00:00Z", "--format", "csv", "-qqq"])
        .args(c.extra)
        .output()
        .expect("run slaudit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let shown = |s: &str| -> String {
        if s.len() > 300 {
            let head: String = s.chars().take(300).collect();
            format!("{head}... ({} bytes)", s.len())
        } else {
            s.to_string()
        }
    };
    let mut problems = Vec::new();
    let what = format!("{file} with --contract {} {:?}", c.contract, c.extra);
    if out.status.code() != Some(c.code) {
        problems.push(format!(
            "{what}: exit code {:?}, expected {}; stderr: {}",
            out.status.code(),
            c.code,
            shown(&stderr)
        ));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{what}: panic: {}", shown(&stderr)));
    }
    for l in &lines {
        if !l.starts_with("slaudit: error: ") {
            problems.push(format!("{what}: stray stderr line: {}", shown(l)));
        }
        if l.len() > 400 {
            problems.push(format!(
                "{what}: message of {} bytes: {}",
                l.len(),
                shown(l)
            ));
        }
    }
    let first = lines.first().copied().unwrap_or("");
    match c.stderr {
        Stderr::Empty if !stderr.is_empty() => problems.push(format!(
            "{what}: expected no stderr, got: {}",
            shown(&stderr)
        )),
        Stderr::Empty => {}
        Stderr::Lines(want) => {
            if lines != want {
                problems.push(format!(
                    "{what}: stderr\n  got:  {:?}\n  want: {want:?}",
                    lines.iter().map(|l| shown(l)).collect::<Vec<_>>()
                ));
            }
        }
        Stderr::Prefix(p) => {
            if !first.starts_with(p) || lines.len() != 1 {
                problems.push(format!(
                    "{what}: stderr {:?} does not start with {p:?}",
                    shown(&stderr)
                ));
            }
        }
    }
    if c.code == 2 && !matches!(c.stderr, Stderr::Empty) && !first.is_empty() {
        // Every rejection names the file (or, for a bad name, the name).
        let named = first.contains(file)
            || first.contains(c.contract)
            || c.extra
                .iter()
                .any(|x| !x.starts_with("--") && first.contains(x));
        if !named {
            problems.push(format!(
                "{what}: message names neither file nor contract: {}",
                shown(first)
            ));
        }
    }
    if let Some(ids) = c.ids {
        if out.status.success() {
            let mut r = csv::Reader::from_reader(out.stdout.as_slice());
            let got: Vec<String> = r
                .records()
                .map(|rec| {
                    rec.map(|r| r[0].to_string())
                        .unwrap_or_else(|e| e.to_string())
                })
                .collect();
            if got != ids {
                problems.push(format!("{what}: output ids {got:?}, expected {ids:?}"));
            }
        }
    }
    problems
}

#[test]
fn bad_input_catalogue() {
    let table = table();
    // Every data file is in the table (or is the contract the others derive from).
    for entry in std::fs::read_dir(dir()).expect("bad_inputs dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        let used = table.iter().any(|c| {
            matches!(c.input, Input::File(f) if f == name)
                || c.contract == name
                || c.extra.contains(&name.as_str())
        });
        assert!(used || name == "README.md", "{name} is not in the table");
    }
    let problems: Vec<String> = table.iter().flat_map(check).collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Every regression input as (target/name, path, bytes).
fn fuzz_inputs() -> Vec<(String, PathBuf, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut out = Vec::new();
    for target in [
        "timestamp",
        "tickets_csv",
        "contract_toml",
        "events_csv",
        "mapping",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for p in rd.flatten().map(|e| e.path()).filter(|p| p.is_file()) {
            let name = format!(
                "{target}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            if name.ends_with(".md") {
                continue;
            }
            let bytes = std::fs::read(&p).expect("read regression input");
            out.push((name, p, bytes));
        }
    }
    out.sort();
    out
}

fn replay(name: &str, path: &Path, data: &[u8]) {
    match name.split('/').next() {
        Some("timestamp") => fuzz_timestamp(path, data),
        Some("tickets_csv") => fuzz_tickets(path, data),
        Some("contract_toml") => fuzz_contract(path, data),
        Some("events_csv") => fuzz_events(path, data),
        Some("mapping") => fuzz_mapping(path, data),
        _ => {}
    }
}

/// Whatever made a fuzzer fail once, replayed through the same checks as the
/// fuzz targets (`fuzz/fuzz_targets/`).
#[test]
fn fuzz_regressions() {
    for (name, path, data) in fuzz_inputs() {
        replay(&name, &path, &data);
    }
}

fn fuzz_timestamp(path: &Path, data: &[u8]) {
    use slaudit::localtime::{format_rfc3339, parse_timestamp};
    let zones = [
        chrono_tz::Europe::Madrid,
        chrono_tz::America::Bogota,
        chrono_tz::America::Los_Angeles,
        chrono_tz::America::Santiago,
        chrono_tz::America::Mexico_City,
        chrono_tz::UTC,
    ];
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let tz = zones[usize::from(first) % zones.len()];
    if let Ok(t) = parse_timestamp(text, tz) {
        let shown = format_rfc3339(tz, t);
        assert_eq!(
            parse_timestamp(&shown, tz),
            Ok(t),
            "{}: {text:?} -> {shown}",
            path.display()
        );
    }
}

fn fuzz_tickets(path: &Path, data: &[u8]) {
    use slaudit::audit::Auditor;
    use slaudit::read::tickets::TicketReader;
    let Some((&first, csv)) = data.split_first() else {
        return;
    };
    let keys: Vec<&str> = slaudit::shipped::CONTRACTS.iter().map(|c| c.0).collect();
    let contract = crate::util::shipped(keys[usize::from(first) % keys.len()]);
    let auditor = Auditor {
        contract: &contract,
        default_plan: if first & 0x80 != 0 { Some(0) } else { None },
        input_tz: contract.tz,
        as_of: 1_780_272_000,
        contacts: None,
    };
    let Ok(mut reader) = TicketReader::new(csv) else {
        return;
    };
    let mut rows = 0usize;
    let mut record_lines = Vec::new();
    while let Some((line, record)) = reader.next_ticket() {
        record_lines.push(line);
        let ticket = auditor.audit(&record);
        rows += 1;
        assert!(
            rows <= csv.len() + 1,
            "{}: more rows than bytes",
            path.display()
        );
        if ticket.error.is_none() {
            assert!(ticket.created_at.is_some(), "{}", path.display());
        }
    }
    // Without quotes, the quota pass's line reader agrees line for line.
    if slaudit::read::plain::is_plain(csv).unwrap_or(false) {
        let mut lines = Vec::new();
        slaudit::read::plain::each_record(csv, |n, _| lines.push(n))
            .expect("reading a slice cannot fail");
        assert_eq!(lines, record_lines, "{}", path.display());
    }
}

fn fuzz_contract(path: &Path, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let calendar =
        |n: &str| slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()));
    match slaudit::contract::load::load_contract(text, "fuzz.toml", &calendar) {
        Err(e) => {
            for p in &e.0 {
                assert!(
                    !p.to_string().contains('\n'),
                    "{}: multi-line: {p}",
                    path.display()
                );
            }
        }
        Ok(c) => {
            let t = 1_774_629_000;
            for s in 0..c.schedules.len() {
                let clock = c.clock(s);
                let _ = clock.start(t);
                for secs in [1, 3_600, 5 * 86_400, 400 * 86_400] {
                    if let Ok(due) = clock.add(t, secs) {
                        assert!(due >= t, "{}", path.display());
                        assert_eq!(
                            clock.count(t, due),
                            secs,
                            "{}: schedule {s}",
                            path.display()
                        );
                    }
                }
                let _ = clock.add_calendar_days(t, 100_000);
            }
        }
    }
}

fn fuzz_events(path: &Path, data: &[u8]) {
    use slaudit::audit::{Auditor, TicketAudit};
    use slaudit::events::EventsBuilder;
    use slaudit::read::events::EventReader;
    use slaudit::read::tickets::TicketReader;
    let Some((&first, csv)) = data.split_first() else {
        return;
    };
    let keys = ["adereso", "athento", "audara", "clever", "safr"];
    let key = keys[usize::from(first) % keys.len()];
    let contract = crate::util::shipped(key);
    let Ok(mut reader) = EventReader::new(csv, contract.tz) else {
        return;
    };
    let mut builder = EventsBuilder::default();
    while let Some((line, e)) = reader.next_event() {
        if let Ok(e) = e {
            builder.push(e.ticket, e.at, e.kind, line);
        }
    }
    let events = builder.finish();
    let auditor = Auditor {
        contract: &contract,
        default_plan: Some(0),
        input_tz: contract.tz,
        as_of: 1_796_083_200,
        contacts: None,
    };
    let tickets = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{key}-tickets.csv")),
    )
    .expect("example tickets");
    let mut reader = TicketReader::new(tickets.as_slice()).expect("example header");
    let mut out = TicketAudit::blank();
    while let Some((_line, record)) = reader.next_ticket() {
        let evs = events.of(record.id);
        auditor.audit_with_events(&record, Some(evs), &mut out);
        assert!(out.early_events.len() <= evs.len(), "{}", path.display());
        if out.error.is_none() {
            let created = out.created_at.expect("created");
            assert!(
                out.early_events.iter().all(|&(_, at)| at < created),
                "{}",
                path.display()
            );
        }
    }
}

/// As `fuzz/fuzz_targets/mapping.rs`: a mapping file (before the first NUL)
/// and an export read through it, every record audited against Audara.
fn fuzz_mapping(path: &Path, data: &[u8]) {
    use slaudit::audit::Auditor;
    use slaudit::read::mapping::{decoded, load_mapping};
    use slaudit::read::tickets::TicketReader;
    let (map, csv) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(map) else {
        return;
    };
    let Ok(mapping) = load_mapping(
        text,
        "fuzz.toml",
        "mapping".into(),
        &slaudit::shipped::preset,
    ) else {
        return;
    };
    let contract = crate::util::shipped("audara");
    let tz = mapping.timezone.unwrap_or(contract.tz);
    let Ok((input, delim)) = decoded(Box::new(std::io::Cursor::new(csv.to_vec())), &mapping) else {
        return;
    };
    let Ok(mut reader) = TicketReader::with_mapping(input, &mapping, delim, tz) else {
        return;
    };
    let auditor = Auditor {
        contract: &contract,
        default_plan: Some(0),
        input_tz: tz,
        as_of: 1_780_272_000,
        contacts: None,
    };
    while let Some((_line, record)) = reader.next_ticket() {
        let ticket = auditor.audit(&record);
        if ticket.error.is_none() {
            assert!(ticket.created_at.is_some(), "{}", path.display());
        }
    }
}
