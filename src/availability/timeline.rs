//! Which seconds of an outage count: each outage classified on its own
//! (counted, excused maintenance or excluded), overlaps merged so every instant
//! has one class and one owner, then the weekly maintenance allowance applied.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::contract::availability::Maintenance;
use crate::localtime::{local_date, wall_instant};
use crate::record::{OutageKind, OutageRow};

/// Why an instant of an outage is (not) downtime, before merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Excluded,
    Excused,
    Counted(Reason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reason {
    Unplanned,
    LateNotice,
    OutsideWindow,
    NotExcused,
    OverWeeklyLimit,
}

impl Class {
    /// Lower wins when outages overlap.
    fn rank(self) -> u8 {
        match self {
            Class::Excluded => 0,
            Class::Excused => 1,
            Class::Counted(_) => 2,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) a: i64,
    pub(super) b: i64,
    pub(super) class: Class,
    /// Position of the outage in start order.
    pub(super) ord: usize,
}

/// Why a maintenance row is downtime as a whole, if it is.
pub(super) fn maintenance_reason(row: &OutageRow, m: Option<&Maintenance>) -> Option<Reason> {
    let Some(m) = m else {
        return Some(Reason::NotExcused);
    };
    let start = row.start?;
    if let Some(notice) = m.notice {
        if row.notified_at.map_or(true, |n| n > start - notice) {
            return Some(Reason::LateNotice);
        }
    }
    None
}

/// One outage's own classification: pieces of `[start, end)` with a class.
/// `excluded`: the outage's cause names one of the contract's exclusions.
pub(super) fn classify(
    row: &OutageRow,
    excluded: bool,
    m: Option<&Maintenance>,
    tz: Tz,
) -> Vec<(i64, i64, Class)> {
    let Some((s, e)) = row.span() else {
        return Vec::new();
    };
    if excluded {
        return vec![(s, e, Class::Excluded)];
    }
    if row.kind == OutageKind::Unplanned {
        return vec![(s, e, Class::Counted(Reason::Unplanned))];
    }
    if let Some(r) = maintenance_reason(row, m) {
        return vec![(s, e, Class::Counted(r))];
    }
    let Some(m) = m else {
        return vec![(s, e, Class::Counted(Reason::NotExcused))];
    };
    if m.windows.is_empty() {
        return vec![(s, e, Class::Excused)];
    }
    let mut out = Vec::new();
    let mut at = s;
    for (ws, we) in window_ranges(m, tz, s, e) {
        if ws > at {
            out.push((at, ws, Class::Counted(Reason::OutsideWindow)));
        }
        out.push((ws, we, Class::Excused));
        at = we;
    }
    if at < e {
        out.push((at, e, Class::Counted(Reason::OutsideWindow)));
    }
    out
}

/// The parts of `[s, e)` inside the maintenance windows, sorted and merged.
pub fn window_ranges(m: &Maintenance, tz: Tz, s: i64, e: i64) -> Vec<(i64, i64)> {
    let mut ranges = Vec::new();
    let mut d = local_date(tz, s).pred_opt().unwrap_or(local_date(tz, s));
    let last = local_date(tz, e);
    while d <= last {
        let wd = d.weekday().num_days_from_monday() as usize;
        for w in m.windows.iter().filter(|w| w.days[wd]) {
            let ws = wall_instant(tz, d, w.from);
            let to = if w.crosses_midnight() {
                w.to + crate::clock::DAY
            } else {
                w.to
            };
            let we = wall_instant(tz, d, to);
            let (a, b) = (ws.max(s), we.min(e));
            if b > a {
                ranges.push((a, b));
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Splits the timeline so that each instant has one class and one owner: the
/// lowest-ranked class of the segments covering it, owned by the first such
/// outage in start order.
pub(super) fn sweep(segs: &[Seg]) -> Vec<Seg> {
    let mut bounds: Vec<i64> = segs.iter().flat_map(|s| [s.a, s.b]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by_key(|&i| segs[i].a);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out: Vec<Seg> = Vec::new();
    for w in bounds.windows(2) {
        let (x, y) = (w[0], w[1]);
        while next < order.len() && segs[order[next]].a <= x {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| segs[i].b > x);
        let Some(&best) = active
            .iter()
            .min_by_key(|&&i| (segs[i].class.rank(), segs[i].ord))
        else {
            continue;
        };
        let s = segs[best];
        match out.last_mut() {
            Some(last) if last.b == x && last.ord == s.ord && last.class == s.class => last.b = y,
            _ => out.push(Seg {
                a: x,
                b: y,
                class: s.class,
                ord: s.ord,
            }),
        }
    }
    out
}

/// Applies a weekly allowance to excused maintenance, in time order: what goes
/// beyond `limit` seconds in a local week (Monday 00:00 to Monday 00:00) is
/// counted.
pub(super) fn weekly_limit(pieces: Vec<Seg>, limit: i64, tz: Tz) -> Vec<Seg> {
    let mut used: HashMap<NaiveDate, i64> = HashMap::new();
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        if p.class != Class::Excused {
            out.push(p);
            continue;
        }
        let mut a = p.a;
        while a < p.b {
            let d = local_date(tz, a);
            let monday = d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
            let week_end = wall_instant(tz, monday + chrono::Days::new(7), 0);
            let b = p.b.min(week_end);
            let u = used.entry(monday).or_default();
            let room = (limit - *u).clamp(0, b - a);
            *u += room;
            if room > 0 {
                out.push(Seg {
                    a,
                    b: a + room,
                    ..p
                });
            }
            if a + room < b {
                out.push(Seg {
                    a: a + room,
                    b,
                    class: Class::Counted(Reason::OverWeeklyLimit),
                    ord: p.ord,
                });
            }
            a = b;
        }
    }
    out
}
