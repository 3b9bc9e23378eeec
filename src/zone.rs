//! A time zone's UTC-offset history as a flat table, for the hot paths of the
//! clock engine and the output. Built once per zone from chrono-tz (the source of
//! truth) and checked against it by tests; lookups are a cached binary search
//! instead of chrono's general machinery.
//!
//! Policies for local times that do not map to exactly one instant are decided in
//! [`crate::localtime`]; this module only reports what happened ([`Local`]).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;

/// Unix seconds of 1969-01-01T00:00:00Z and 2201-01-01T00:00:00Z: the table covers
/// the supported years with a margin on both sides.
const TABLE_START: i64 = -31_536_000;
const TABLE_END: i64 = 7_289_654_400;

/// Where a local wall-clock time falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// Exactly one instant.
    Single(i64),
    /// Skipped by a forward change: `before` reads the wall time with the offset
    /// in force before the change (an instant after it, shifted by the gap).
    Gap { before: i64 },
    /// Occurs twice: the earlier and the later instant.
    Ambiguous { earlier: i64, later: i64 },
}

/// The offset history of one zone.
#[derive(Debug)]
pub struct ZoneTable {
    /// Instants at which the offset changes, ascending.
    at: Vec<i64>,
    /// `offsets[i]` is in force before `at[i]`; `offsets[at.len()]` after the last.
    offsets: Vec<i32>,
    /// For each UTC day of the table, the index in force at its midnight: a lookup
    /// then takes at most a step or two instead of a binary search.
    by_day: Vec<u32>,
}

fn chrono_offset(tz: Tz, t: i64) -> i32 {
    let utc = chrono::DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .naive_utc();
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

impl ZoneTable {
    fn build(tz: Tz) -> Self {
        // Offsets never change twice within six hours in any zone since 1969, so a
        // six-hour scan finds every change; a binary search pins its second.
        const STEP: i64 = 6 * 3600;
        let mut at = Vec::new();
        let mut offsets = vec![chrono_offset(tz, TABLE_START)];
        let mut t = TABLE_START;
        let mut cur = offsets[0];
        // The scan steps a wall-free UTC date-time along with `t`, so each step
        // costs chrono-tz's lookup alone, not a conversion from Unix seconds.
        let step = chrono::TimeDelta::seconds(STEP);
        let mut naive = chrono::DateTime::from_timestamp(TABLE_START, 0)
            .unwrap_or_default()
            .naive_utc();
        while t < TABLE_END {
            let next = t + STEP;
            naive += step;
            let off = tz.offset_from_utc_datetime(&naive).fix().local_minus_utc();
            if off != cur {
                // Largest instant with the old offset is in [t, next).
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if chrono_offset(tz, mid) == cur {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                at.push(hi);
                offsets.push(off);
                cur = off;
            }
            t = next;
        }
        let days = ((TABLE_END - TABLE_START) / 86_400 + 1) as usize;
        let mut by_day = Vec::with_capacity(days);
        let mut i = 0usize;
        for d in 0..days {
            let midnight = TABLE_START + d as i64 * 86_400;
            while i < at.len() && at[i] <= midnight {
                i += 1;
            }
            by_day.push(i as u32);
        }
        ZoneTable {
            at,
            offsets,
            by_day,
        }
    }

    /// Index of the offset in force at `t`.
    fn index(&self, t: i64) -> usize {
        let day = (t - TABLE_START).div_euclid(86_400);
        match usize::try_from(day).ok().and_then(|d| self.by_day.get(d)) {
            Some(&start) => {
                let mut i = start as usize;
                while i < self.at.len() && self.at[i] <= t {
                    i += 1;
                }
                i
            }
            None => self.at.partition_point(|&a| a <= t),
        }
    }

    /// UTC offset in seconds at instant `t`.
    pub fn offset_at(&self, t: i64) -> i32 {
        self.offsets[self.index(t)]
    }

    /// The span `[lo, hi)` of instants around `t` with one offset, and that offset.
    pub fn span_at(&self, t: i64) -> (i64, i64, i32) {
        let i = self.index(t);
        let lo = if i == 0 { i64::MIN } else { self.at[i - 1] };
        let hi = self.at.get(i).copied().unwrap_or(i64::MAX);
        (lo, hi, self.offsets[i])
    }

    /// Local seconds (wall-clock time counted as if it were UTC) of instant `t`.
    pub fn to_local(&self, t: i64) -> i64 {
        t + i64::from(self.offset_at(t))
    }

    /// Where local wall time `l` (local seconds) falls.
    pub fn from_local(&self, l: i64) -> Local {
        // The offsets a day either side of `l` bracket every candidate instant.
        let i0 = self.index(l - 86_400 - 14 * 3600);
        let i1 = self.index(l + 86_400 + 14 * 3600);
        if i0 == i1 {
            // No change anywhere near: the common case.
            return Local::Single(l - i64::from(self.offsets[i0]));
        }
        let mut found: [i64; 2] = [0; 2];
        let mut n = 0;
        for i in i0..=i1 {
            let off = i64::from(self.offsets[i]);
            let u = l - off;
            let lo = if i == 0 { i64::MIN } else { self.at[i - 1] };
            let hi = self.at.get(i).copied().unwrap_or(i64::MAX);
            if u >= lo && u < hi && n < 2 {
                found[n] = u;
                n += 1;
            }
        }
        match n {
            1 => Local::Single(found[0]),
            2 => Local::Ambiguous {
                earlier: found[0].min(found[1]),
                later: found[0].max(found[1]),
            },
            _ => {
                // In a gap: read the wall time with the offset in force before the
                // forward change that skipped it.
                let before = (i0..i1)
                    .find(|&i| {
                        let (a, b) = (i64::from(self.offsets[i]), i64::from(self.offsets[i + 1]));
                        l - a >= self.at[i] && l - b < self.at[i]
                    })
                    .map_or_else(|| self.offsets[self.index(l)], |i| self.offsets[i]);
                Local::Gap {
                    before: l - i64::from(before),
                }
            }
        }
    }

    /// The forward policy of [`crate::localtime`]: a wall time in a gap moves forward
    /// by the gap, an ambiguous one takes the earlier instant.
    pub fn forward(&self, l: i64) -> i64 {
        match self.from_local(l) {
            Local::Single(t) => t,
            Local::Ambiguous { earlier, .. } => earlier,
            Local::Gap { before } => before,
        }
    }

    /// True when no offset change happens in `[a, b)`.
    pub fn constant_between(&self, a: i64, b: i64) -> bool {
        self.index(a) == self.index(b.saturating_sub(1).max(a))
    }
}

/// The shared table of a zone, built on first use.
pub fn table(tz: Tz) -> &'static ZoneTable {
    thread_local! {
        static LAST: std::cell::Cell<Option<(Tz, &'static ZoneTable)>> = const { std::cell::Cell::new(None) };
    }
    if let Some((last_tz, t)) = LAST.with(|c| c.get()) {
        if last_tz == tz {
            return t;
        }
    }
    let t = shared_table(tz);
    LAST.with(|c| c.set(Some((tz, t))));
    t
}

fn shared_table(tz: Tz) -> &'static ZoneTable {
    static TABLES: OnceLock<Mutex<HashMap<Tz, &'static ZoneTable>>> = OnceLock::new();
    let map = TABLES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = match map.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    guard
        .entry(tz)
        .or_insert_with(|| Box::leak(Box::new(ZoneTable::build(tz))))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Weekday of a day number, 0 = Monday.
pub fn weekday(day: i64) -> usize {
    // 1970-01-01 was a Thursday (3).
    (day + 3).rem_euclid(7) as usize
}
