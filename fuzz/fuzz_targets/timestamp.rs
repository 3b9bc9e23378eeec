//! `parse_timestamp` on arbitrary text, in zones with and without DST. Every
//! accepted timestamp must survive a round trip through its RFC 3339 form (also at
//! the edges of the supported years, where an offset can carry the instant into
//! the next year: tests/fuzz_regressions/timestamp/).
#![no_main]

use chrono_tz::Tz;
use libfuzzer_sys::fuzz_target;
use slaudit::localtime::{format_rfc3339, parse_timestamp};

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
        let shown = format_rfc3339(tz, t);
        assert_eq!(parse_timestamp(&shown, tz), Ok(t), "{text:?} -> {shown}");
    }
});
