//! A time zone's UTC-offset history as a table, for the hot paths of the clock
//! engine and the output. Built from chrono-tz (the source of truth) block by
//! block as the run first needs each stretch of years, and checked against it by
//! tests; lookups index a block and scan its few changes instead of running
//! chrono's general machinery.
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

/// The table is cut into blocks of 2^24 seconds (about 194 days), each built from
/// chrono-tz the first time an instant inside it is looked up: a run pays only for
/// the years it touches, not for 232 years of one zone before its first row.
const BLOCK_BITS: u32 = 24;
const BLOCK: i64 = 1 << BLOCK_BITS;
const BLOCKS: usize = ((TABLE_END - TABLE_START + BLOCK - 1) >> BLOCK_BITS) as usize;

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

/// The offset changes inside one block.
#[derive(Debug)]
struct Block {
    /// Offset in force at the block's first second.
    first: i32,
    /// Instants at which the offset changes inside the block, ascending, and the
    /// offset in force from each.
    changes: Box<[(i64, i32)]>,
}

impl Block {
    fn build(tz: Tz, start: i64) -> Self {
        // Offsets never change twice within six hours in any zone since 1969, so a
        // six-hour scan finds every change; a binary search pins its second.
        const STEP: i64 = 6 * 3600;
        let end = start + BLOCK;
        let first = chrono_offset(tz, start);
        let mut changes = Vec::new();
        let mut cur = first;
        let mut t = start;
        // The scan steps a UTC date-time along with `t`, so each step costs
        // chrono-tz's lookup alone, not a conversion from Unix seconds.
        let step = chrono::TimeDelta::seconds(STEP);
        let mut naive = chrono::DateTime::from_timestamp(start, 0)
            .unwrap_or_default()
            .naive_utc();
        while t < end {
            let next = (t + STEP).min(end);
            naive += step;
            let off = if next == t + STEP {
                tz.offset_from_utc_datetime(&naive).fix().local_minus_utc()
            } else {
                chrono_offset(tz, next - 1)
            };
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
                if hi < end {
                    changes.push((hi, off));
                }
                cur = off;
            }
            t = next;
        }
        Block {
            first,
            changes: changes.into_boxed_slice(),
        }
    }
}

/// The offset history of one zone, built block by block on first use.
#[derive(Debug)]
pub struct ZoneTable {
    tz: Tz,
    blocks: Box<[OnceLock<Block>]>,
}

fn chrono_offset(tz: Tz, t: i64) -> i32 {
    let utc = chrono::DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .naive_utc();
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

impl ZoneTable {
    fn new(tz: Tz) -> Self {
        ZoneTable {
            tz,
            blocks: (0..BLOCKS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The block holding `t` (clamped to the table) and its first instant.
    #[inline]
    fn block(&self, t: i64) -> (&Block, i64) {
        let i = ((t.clamp(TABLE_START, TABLE_END - 1) - TABLE_START) >> BLOCK_BITS) as usize;
        let start = TABLE_START + ((i as i64) << BLOCK_BITS);
        (
            self.blocks[i].get_or_init(|| Block::build(self.tz, start)),
            start,
        )
    }

    /// The span `[lo, hi)` of instants around `t` with one offset, and that offset.
    /// Spans end at block edges too: callers only rely on the offset being
    /// constant inside the span.
    pub fn span_at(&self, t: i64) -> (i64, i64, i32) {
        if t < TABLE_START {
            let (b, _) = self.block(TABLE_START);
            return (i64::MIN, TABLE_START, b.first);
        }
        if t >= TABLE_END {
            let (_, hi, off) = self.span_at(TABLE_END - 1);
            debug_assert_eq!(hi, TABLE_END);
            return (TABLE_END, i64::MAX, off);
        }
        let (b, start) = self.block(t);
        let i = b.changes.partition_point(|&(at, _)| at <= t);
        let (lo, off) = if i == 0 {
            (start, b.first)
        } else {
            b.changes[i - 1]
        };
        let hi = b.changes.get(i).map_or(start + BLOCK, |&(at, _)| at);
        (lo, hi, off)
    }

    /// UTC offset in seconds at instant `t`.
    #[inline]
    pub fn offset_at(&self, t: i64) -> i32 {
        let (b, _) = self.block(t);
        let mut off = b.first;
        for &(at, o) in b.changes.iter() {
            if at > t {
                break;
            }
            off = o;
        }
        off
    }

    /// Local seconds (wall-clock time counted as if it were UTC) of instant `t`.
    #[inline]
    pub fn to_local(&self, t: i64) -> i64 {
        t + i64::from(self.offset_at(t))
    }

    /// The spans with one offset that cover `[a, b]`, in order, as
    /// `(lo, hi, offset)`; adjacent spans with equal offsets are merged. At most
    /// `N` spans are returned (enough for the few days callers ask about).
    fn spans<const N: usize>(&self, a: i64, b: i64) -> ([(i64, i64, i32); N], usize) {
        let mut out = [(0, 0, 0); N];
        let mut n = 0;
        let mut t = a;
        loop {
            let (lo, hi, off) = self.span_at(t);
            if n > 0 && out[n - 1].2 == off {
                out[n - 1].1 = hi;
            } else if n < N {
                out[n] = (lo, hi, off);
                n += 1;
            } else {
                break;
            }
            if hi > b {
                break;
            }
            t = hi;
        }
        (out, n)
    }

    /// Where local wall time `l` (local seconds) falls.
    pub fn from_local(&self, l: i64) -> Local {
        // The offsets a day either side of `l` bracket every candidate instant.
        let (a, b) = (l - 86_400 - 14 * 3600, l + 86_400 + 14 * 3600);
        let (_, hi, off) = self.span_at(a);
        if hi > b {
            // No change anywhere near: the common case.
            return Local::Single(l - i64::from(off));
        }
        let (spans, n) = self.spans::<8>(a, b);
        if n == 1 {
            return Local::Single(l - i64::from(spans[0].2));
        }
        let mut found: [i64; 2] = [0; 2];
        let mut k = 0;
        for &(lo, hi, off) in &spans[..n] {
            let u = l - i64::from(off);
            if u >= lo && u < hi && k < 2 {
                found[k] = u;
                k += 1;
            }
        }
        match k {
            1 => Local::Single(found[0]),
            2 => Local::Ambiguous {
                earlier: found[0].min(found[1]),
                later: found[0].max(found[1]),
            },
            _ => {
                // In a gap: read the wall time with the offset in force before the
                // forward change that skipped it.
                let before = spans[..n]
                    .windows(2)
                    .find(|w| {
                        let (a, b) = (i64::from(w[0].2), i64::from(w[1].2));
                        let at = w[1].0;
                        l - a >= at && l - b < at
                    })
                    .map_or_else(|| self.offset_at(l), |w| w[0].2);
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
        let last = b.saturating_sub(1).max(a);
        let (_, n) = self.spans::<2>(a, last);
        n == 1
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
        .or_insert_with(|| Box::leak(Box::new(ZoneTable::new(tz))))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub const fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
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
