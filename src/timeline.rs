//! The stretches behind a deadline: between two instants, each stretch a
//! clock counted (with the running total) and each it skipped, and why
//! (outside hours, a break, a weekend, a named holiday, a wait on the
//! customer). Built from the clock's own open intervals ([`Clock::open_on`]),
//! so the counted stretches add up to what the clock counts.

use crate::clock::Clock;

/// Why the clock did not count a stretch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Before opening or after closing on an open day.
    OutsideHours,
    /// Between two intervals of one day (a lunch break).
    Break,
    /// A day the weekly schedule does not open (Saturday, Sunday, ...).
    ClosedDay,
    /// A holiday that closes the day.
    Holiday(String),
    /// The ticket waited on the customer (a pause the contract honours).
    Paused,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::OutsideHours => write!(f, "outside hours"),
            Why::Break => write!(f, "break"),
            Why::ClosedDay => write!(f, "closed day"),
            Why::Holiday(n) => write!(f, "holiday: {n}"),
            Why::Paused => write!(f, "paused"),
        }
    }
}

/// One stretch of time between two instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stretch {
    /// Counted: its length and the total counted up to its end.
    Counted { from: i64, to: i64, total: i64 },
    /// Not counted, with every reason that applies within it.
    Skipped { from: i64, to: i64, why: Vec<Why> },
}

/// The stretches of `clock` from `from` to `to`, with the `pauses` (intervals
/// of waiting that the target's clock does not count) taken out of the counted
/// time.
///
/// ```
/// use slaudit::timeline::{timeline, Stretch, Why};
/// let (file, text) = slaudit::shipped::contract("audara").unwrap();
/// let c = slaudit::contract::load::load_contract(text, file, &|n| {
///     slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
/// }).unwrap();
/// let clock = c.clock(0); // 5x8: 08:00-12:00, 13:00-17:00 Bogota
/// let at = |s| slaudit::localtime::parse_timestamp(s, c.tz).unwrap();
/// let t = timeline(&clock, at("2026-03-02 11:30"), at("2026-03-02 13:30"), &[]);
/// assert_eq!(t, [
///     Stretch::Counted { from: at("2026-03-02 11:30"), to: at("2026-03-02 12:00"), total: 1800 },
///     Stretch::Skipped { from: at("2026-03-02 12:00"), to: at("2026-03-02 13:00"), why: vec![Why::Break] },
///     Stretch::Counted { from: at("2026-03-02 13:00"), to: at("2026-03-02 13:30"), total: 3600 },
/// ]);
/// ```
pub fn timeline(clock: &Clock<'_>, from: i64, to: i64, pauses: &[(i64, i64)]) -> Vec<Stretch> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    // The open intervals, clipped to [from, to], then less the pauses.
    let mut open: Vec<(i64, i64)> = Vec::new();
    for day in clock.local_day(from) - 1..=clock.local_day(to) + 1 {
        for (s, e) in clock.open_on(day) {
            let (s, e) = (s.max(from), e.min(to));
            if s < e {
                open.push((s, e));
            }
        }
    }
    let mut counted: Vec<(i64, i64)> = Vec::new();
    for (s, e) in open {
        let mut pieces = vec![(s, e)];
        for &(ps, pe) in pauses {
            pieces = pieces
                .into_iter()
                .flat_map(|(a, b)| {
                    let mut keep = Vec::new();
                    if ps >= b || pe <= a {
                        keep.push((a, b));
                    } else {
                        if a < ps {
                            keep.push((a, ps));
                        }
                        if pe < b {
                            keep.push((pe, b));
                        }
                    }
                    keep
                })
                .collect();
        }
        counted.extend(pieces);
    }
    let mut cursor = from;
    let mut total = 0;
    for (s, e) in counted {
        if s > cursor {
            out.push(Stretch::Skipped {
                from: cursor,
                to: s,
                why: reasons(clock, cursor, s, pauses),
            });
        }
        total += e - s;
        // Two counted pieces that meet (the end of one day, 24x7, and the start
        // of the next) are one stretch.
        match out.last_mut() {
            Some(Stretch::Counted {
                to: end, total: t, ..
            }) if *end == s => {
                *end = e;
                *t = total;
            }
            _ => out.push(Stretch::Counted {
                from: s,
                to: e,
                total,
            }),
        }
        cursor = e;
    }
    if cursor < to {
        out.push(Stretch::Skipped {
            from: cursor,
            to,
            why: reasons(clock, cursor, to, pauses),
        });
    }
    out
}

/// Why the clock counted nothing from `a` to `b`.
fn reasons(clock: &Clock<'_>, a: i64, b: i64, pauses: &[(i64, i64)]) -> Vec<Why> {
    let mut why = Vec::new();
    let mut add = |w: Why| {
        if !why.contains(&w) {
            why.push(w);
        }
    };
    if pauses.iter().any(|&(ps, pe)| ps < b && pe > a) {
        add(Why::Paused);
    }
    for day in clock.local_day(a)..=clock.local_day(b.saturating_sub(1).max(a)) {
        let open = clock.open_on(day);
        if open.is_empty() {
            add(match clock.holiday_on(day) {
                Some(name) => Why::Holiday(name.to_string()),
                None => Why::ClosedDay,
            });
            continue;
        }
        // The gap against this day's intervals: before the first or after the
        // last is outside hours; between two is a break.
        let first = open.first().map_or(0, |i| i.0);
        let last = open.last().map_or(0, |i| i.1);
        if a < first || b > last {
            add(Why::OutsideHours);
        }
        if open.windows(2).any(|w| a < w[1].0 && b > w[0].1) {
            add(Why::Break);
        }
    }
    why
}
