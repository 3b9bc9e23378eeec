//! The flat offset tables of `slaudit::zone` agree with chrono-tz (an independent
//! implementation of the IANA database) on every instant and wall time tried.

use chrono::{LocalResult, Offset, TimeZone};
use chrono_tz::Tz;
use proptest::prelude::*;
use slaudit::zone::{civil_from_days, days_from_civil, table, weekday, Local};

const ZONES: [Tz; 8] = [
    chrono_tz::America::Bogota,
    chrono_tz::Europe::Madrid,
    chrono_tz::America::Los_Angeles,
    chrono_tz::America::Santiago,
    chrono_tz::America::Mexico_City,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::UTC,
];

/// 1970-01-01 to 2199-12-31 in Unix seconds.
const RANGE: std::ops::Range<i64> = 0..7_258_118_400;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn offsets_match_chrono(z in 0usize..ZONES.len(), t in RANGE) {
        let tz = ZONES[z];
        let utc = chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc();
        let expected = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
        prop_assert_eq!(table(tz).offset_at(t), expected);
    }

    #[test]
    fn local_times_match_chrono(z in 0usize..ZONES.len(), l in RANGE) {
        let tz = ZONES[z];
        let naive = chrono::DateTime::from_timestamp(l, 0).unwrap().naive_utc();
        let got = table(tz).from_local(l);
        match tz.from_local_datetime(&naive) {
            LocalResult::Single(x) => prop_assert_eq!(got, Local::Single(x.timestamp())),
            LocalResult::Ambiguous(a, b) => {
                let expected = Local::Ambiguous { earlier: a.timestamp(), later: b.timestamp() };
                prop_assert_eq!(got, expected);
            }
            LocalResult::None => {
                let is_gap = matches!(got, Local::Gap { .. });
                prop_assert!(is_gap, "expected a gap at {}", naive);
            }
        }
    }

    #[test]
    fn civil_days_round_trip(day in -1000i64..100_000) {
        let (y, m, d) = civil_from_days(day);
        prop_assert_eq!(days_from_civil(y, m, d), day);
        let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).unwrap();
        prop_assert_eq!(date.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days(), day);
        prop_assert_eq!(weekday(day), chrono::Datelike::weekday(&date).num_days_from_monday() as usize);
    }
}

/// Every local time next to every transition, not just random ones.
#[test]
fn local_times_next_to_transitions_match_chrono() {
    for tz in ZONES {
        let t = table(tz);
        let mut checked = 0;
        // Walk 2020-2030 hour by hour around 02:00 boundaries via local seconds.
        let start = days_from_civil(2020, 1, 1) * 86_400;
        let end = days_from_civil(2030, 1, 1) * 86_400;
        let mut l = start;
        while l < end {
            let naive = chrono::DateTime::from_timestamp(l, 0).unwrap().naive_utc();
            let got = t.from_local(l);
            match tz.from_local_datetime(&naive) {
                LocalResult::Single(x) => {
                    assert_eq!(got, Local::Single(x.timestamp()), "{tz} {naive}")
                }
                LocalResult::Ambiguous(a, b) => {
                    assert_eq!(
                        got,
                        Local::Ambiguous {
                            earlier: a.timestamp(),
                            later: b.timestamp()
                        },
                        "{tz} {naive}"
                    )
                }
                LocalResult::None => assert!(matches!(got, Local::Gap { .. }), "{tz} {naive}"),
            }
            checked += 1;
            l += 900;
        }
        assert!(checked > 300_000);
    }
}

/// chrono's RFC 3339 form of `t` in `tz`, with seconds and a `+HH:MM` offset.
fn chrono_rfc3339(tz: Tz, t: i64) -> String {
    let utc = chrono::DateTime::from_timestamp(t, 0).unwrap();
    utc.with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The output writer caches offsets and dates between calls; whatever order the
    /// instants come in (clustered within days, jumping across DST changes and
    /// years, reusing a cached day slot for another day), every time it writes is
    /// chrono's.
    #[test]
    fn time_writer_matches_chrono(
        z in 0usize..ZONES.len(),
        base in RANGE,
        steps in proptest::collection::vec(-40_000_000i64..40_000_000, 1..40),
    ) {
        let tz = ZONES[z];
        let mut w = slaudit::localtime::TimeWriter::new(tz);
        let mut t = base;
        for step in steps {
            // Mostly small steps (same or nearby days), sometimes months away.
            t = (t + if step % 7 == 0 { step } else { step % 200_000 }).clamp(RANGE.start, RANGE.end - 1);
            let mut out = Vec::new();
            w.write(t, &mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), chrono_rfc3339(tz, t));
        }
    }
}

/// Days that share a cache slot (16 days apart) and instants either side of every
/// DST change of 2026 in Madrid and Los Angeles, written in an interleaved order.
#[test]
fn time_writer_across_slots_and_dst_changes() {
    for tz in [chrono_tz::Europe::Madrid, chrono_tz::America::Los_Angeles] {
        let mut w = slaudit::localtime::TimeWriter::new(tz);
        let transitions: Vec<i64> = {
            let mut v = Vec::new();
            let mut t = days_from_civil(2026, 1, 1) * 86_400;
            let end = days_from_civil(2027, 1, 1) * 86_400;
            while t < end {
                if table(tz).offset_at(t) != table(tz).offset_at(t + 3600) {
                    v.push(t + 3600 - (t + 3600).rem_euclid(3600));
                }
                t += 3600;
            }
            v
        };
        assert_eq!(transitions.len(), 2, "{tz}");
        let mut times = Vec::new();
        for &x in &transitions {
            for d in [
                -1,
                0,
                1,
                -3600,
                3599,
                16 * 86_400,
                -16 * 86_400,
                32 * 86_400,
            ] {
                times.push(x + d);
            }
        }
        for &t in times.iter().chain(times.iter().rev()) {
            let mut out = Vec::new();
            w.write(t, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), chrono_rfc3339(tz, t));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A span holds one offset from its first to its last second, and the
    /// instant asked about: spans may end at the edges of the lazily built
    /// blocks, never across a change.
    #[test]
    fn spans_hold_one_offset(z in 0usize..ZONES.len(), t in RANGE) {
        let zone = table(ZONES[z]);
        let (lo, hi, off) = zone.span_at(t);
        prop_assert!(lo <= t && t < hi);
        prop_assert_eq!(zone.offset_at(lo), off);
        prop_assert_eq!(zone.offset_at(hi - 1), off);
        prop_assert_eq!(zone.offset_at(t), off);
        prop_assert!(zone.constant_between(lo, hi));
    }
}
