//! The clock engine answers the same with and without its per-year tables: the
//! tables (used by the audit) against the day-by-day walk (used by `Clock::new`),
//! on every schedule of every shipped contract, including spans that cross years,
//! holidays and DST changes.

use proptest::prelude::*;
use slaudit::clock::Clock;

use crate::util::shipped;

const CONTRACTS: [&str; 5] = ["audara", "athento", "safr", "clever", "adereso"];

/// 2020-01-01 to 2035-12-31 in Unix seconds.
const RANGE: std::ops::Range<i64> = 1_577_836_800..2_082_758_400;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn tables_agree_with_the_day_walk(
        // Half of the instants on the hour or half hour: openings, closings, lunch.
        a in prop_oneof![RANGE, RANGE.prop_map(|t| t - t % 1800)],
        span in prop_oneof![0i64..86_400, 0i64..40 * 86_400, 0i64..800 * 86_400],
        secs in prop_oneof![1i64..3600, 1i64..200 * 3600, 1i64..3000 * 3600],
    ) {
        for key in CONTRACTS {
            let c = shipped(key);
            for (i, s) in c.schedules.iter().enumerate() {
                let fast = c.clock(i);
                let slow = Clock::new(c.tz, &s.schedule, &c.holidays);
                let b = a + span;
                prop_assert_eq!(fast.count(a, b), slow.count(a, b), "{} {} count", key, s.key);
                prop_assert_eq!(fast.add(a, secs), slow.add(a, secs), "{} {} add", key, s.key);
                prop_assert_eq!(fast.start(a), slow.start(a), "{} {} start", key, s.key);
                // measure() answers start, add and count at once, on either path.
                let whole: Result<_, slaudit::clock::BeyondRange> = (|| Ok(slaudit::clock::Measure {
                    start: slow.start(a)?,
                    due: slow.add(a, secs)?,
                    counted: slow.count(a, b),
                }))();
                prop_assert_eq!(fast.measure(a, secs, b), whole.clone(), "{} {} measure", key, s.key);
                prop_assert_eq!(slow.measure(a, secs, b), whole, "{} {} measure", key, s.key);
                // An end before the start counts nothing.
                prop_assert_eq!(fast.measure(a, secs, a - span).map(|m| m.counted), Ok(0));
                // Marks (one lookup per instant, for consecutive gaps) count the same,
                // either way round and with or without tables.
                for clock in [&fast, &slow] {
                    let (ma, mb) = (clock.mark(a), clock.mark(b));
                    prop_assert_eq!(clock.count_marks(&ma, &mb), slow.count(a, b), "{} {} marks", key, s.key);
                    prop_assert_eq!(clock.count_marks(&mb, &ma), slow.count(b, a), "{} {} marks back", key, s.key);
                }
            }
        }
    }
}

/// A span across New Year: Audara 5x8, Wed 2025-12-31 16:00 Bogota to Fri
/// 2026-01-02 09:00. 31 December is a working day in Colombia (1 h, 16:00-17:00);
/// 1 January is a holiday; 2 January opens at 08:00 (1 h to 09:00): 2 h in all.
#[test]
fn count_across_new_year() {
    let c = shipped("audara");
    let s = c.plans[c.plan("gold").expect("gold")]
        .schedule
        .expect("schedule");
    let clock = c.clock(s);
    let a = slaudit::localtime::parse_timestamp("2025-12-31 16:00", c.tz).expect("time");
    let b = slaudit::localtime::parse_timestamp("2026-01-02 09:00", c.tz).expect("time");
    assert_eq!(clock.count(a, b), 2 * 3600);
    // And adding those 2 h lands on 09:00 of 2 January.
    assert_eq!(clock.add(a, 2 * 3600), Ok(b));
}
