//! `parse_timestamp` on arbitrary text, in zones with and without DST. Every
//! accepted timestamp must survive a round trip through its RFC 3339 form, except
//! at the edges of the supported years, where a known problem lets an offset carry
//! the instant into a year that is then refused
//! (tests/fuzz_regressions/timestamp/year-2199-offset-crosses-into-2200).
#![no_main]

use chrono::Datelike;
use chrono_tz::Tz;
use libfuzzer_sys::fuzz_target;
use slaudit::localtime::{format_rfc3339, local_date, parse_timestamp, FIRST_YEAR, LAST_YEAR};

const ZONES: [Tz; 6] = [
    chrono_tz::Europe::Madrid,
    chrono_tz::America::Bogota,
    chrono_tz::America::Los_Angeles,
    chrono_tz::America::Santiago,
    chrono_tz::America::Mexico_City,
    chrono_tz::UTC,
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let tz = ZONES[usize::from(first) % ZONES.len()];
    if let Ok(t) = parse_timestamp(text, tz) {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&local_date(tz, t).year()) {
            return;
        }
        let shown = format_rfc3339(tz, t);
        assert_eq!(parse_timestamp(&shown, tz), Ok(t), "{text:?} -> {shown}");
    }
});
