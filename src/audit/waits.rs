//! Time a ticket's clocks stand still, and the gaps between its status reports.
//! A wait runs from a `pause` event to the next `resume` (or to the resolution,
//! or the as-of instant, when none follows); only time the target's clock would
//! have counted is taken off, so a wait over a weekend takes nothing off a
//! business-hours clock. Rules in full: `docs/counting.md`.

use crate::clock::{BeyondRange, Clock, Mark};
use crate::events::{Event, EventKind};

/// How a target's time is counted: on its clock, or as elapsed real time
/// (targets in calendar days).
pub enum Counter<'a, 'c> {
    Clock(&'a Clock<'c>),
    Elapsed,
}

impl Counter<'_, '_> {
    /// Counted seconds in `[a, b)` (0 when `b <= a`).
    pub fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        match self {
            Counter::Clock(c) => c.count(a, b),
            Counter::Elapsed => b - a,
        }
    }

    /// `t` located for [`Counter::count_marks`].
    pub fn mark(&self, t: i64) -> Mark {
        match self {
            Counter::Clock(c) => c.mark(t),
            Counter::Elapsed => Mark::at(t),
        }
    }

    /// [`Counter::count`] between two marks.
    pub fn count_marks(&self, a: &Mark, b: &Mark) -> i64 {
        match self {
            Counter::Clock(c) => c.count_marks(a, b),
            Counter::Elapsed => (b.t() - a.t()).max(0),
        }
    }

    /// The instant `secs` counted seconds after `t`.
    pub fn add(&self, t: i64, secs: i64) -> Result<i64, BeyondRange> {
        match self {
            Counter::Clock(c) => c.add(t, secs),
            Counter::Elapsed => t.checked_add(secs.max(0)).ok_or(BeyondRange),
        }
    }
}

/// A ticket's waits, as `[from, to)` instants in time order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pauses {
    pub intervals: Vec<(i64, i64)>,
    /// Pauses while already paused and resumes while not paused: status
    /// histories repeat states, and these change nothing.
    pub repeated: u32,
}

impl Pauses {
    /// The waits of a ticket's events (in time order); a wait never resumed
    /// ends at `open_end` (the resolution, or the as-of instant).
    pub fn of(events: &[Event], open_end: i64) -> Self {
        let mut out = Pauses::default();
        let mut since: Option<i64> = None;
        for e in events {
            match (e.kind(), since) {
                (EventKind::Pause, None) => since = Some(e.at),
                (EventKind::Resume, Some(from)) => {
                    out.intervals.push((from, e.at));
                    since = None;
                }
                (EventKind::Pause, Some(_)) | (EventKind::Resume, None) => out.repeated += 1,
                (EventKind::Update, _) => {}
            }
        }
        if let Some(from) = since {
            if open_end > from {
                out.intervals.push((from, open_end));
            }
        }
        out
    }

    /// Counted seconds of `[a, b)` that fall inside a wait.
    pub fn paused(&self, counter: &Counter<'_, '_>, a: i64, b: i64) -> i64 {
        self.intervals
            .iter()
            .filter(|&&(ps, pe)| ps < b && pe > a)
            .map(|&(ps, pe)| counter.count(ps.max(a), pe.min(b)))
            .sum()
    }
}

/// When `n` counted seconds have passed since `start`, the waits not counting:
/// the unpaused due instant moved later by exactly the paused clock time before it.
pub fn due(
    counter: &Counter<'_, '_>,
    start: i64,
    n: i64,
    pauses: Option<&Pauses>,
) -> Result<i64, BeyondRange> {
    let mut cursor = start;
    let mut remaining = n;
    for &(ps, pe) in pauses.map_or(&[][..], |p| &p.intervals[..]) {
        if pe <= cursor {
            continue;
        }
        if ps > cursor {
            let before = counter.count(cursor, ps);
            if before >= remaining {
                return counter.add(cursor, remaining);
            }
            remaining -= before;
        }
        cursor = pe;
    }
    counter.add(cursor, remaining)
}

/// The gaps between a ticket's communications: its first response (or clock
/// start), each status report sent after it, and its resolution (or the as-of
/// instant while it is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gaps {
    /// Number of gaps (reports counted + 1).
    pub count: usize,
    pub updates: i64,
    /// The longest gap, in counted seconds.
    pub longest: i64,
    /// Reports missed over all gaps: `ceil(g / cadence) - 1` for a gap `g`
    /// longer than the cadence.
    pub missed: i64,
    /// The first gap longer than the cadence: its index and where it began.
    pub first_late: Option<(usize, i64)>,
    /// The last gap (still running while the ticket is open) and where it began.
    pub current: i64,
    pub last_report: i64,
    /// Counted seconds taken off by waits, over all gaps.
    pub paused: i64,
}

/// One gap between two communications of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub from: i64,
    pub to: i64,
    /// Whether it ends at a status report (else at the resolution, or the
    /// as-of instant while the ticket is open).
    pub report: bool,
    /// Counted seconds, waits taken off.
    pub counted: i64,
    pub paused: i64,
    /// Reports missed in it: `ceil(counted / cadence) - 1` when longer than
    /// the cadence.
    pub missed: i64,
}

/// Visits each gap between `start` and `end`, in time order: the reports are
/// the `update` events within them. The one computation behind [`Gaps`] and
/// the gaps `explain` lists.
pub fn each_gap(
    counter: &Counter<'_, '_>,
    (start, end): (i64, i64),
    events: &[Event],
    pauses: Option<&Pauses>,
    cadence: i64,
    mut f: impl FnMut(Gap),
) {
    let cadence = cadence.max(1);
    let reports = events
        .iter()
        .filter(|e| e.kind() == EventKind::Update && e.at >= start && e.at <= end)
        .map(|e| e.at);
    let mut from = start;
    let mut from_mark = counter.mark(start);
    for to in reports.map(Some).chain([None]) {
        let report = to.is_some();
        let to = to.unwrap_or(end);
        let to_mark = counter.mark(to);
        let paused = pauses.map_or(0, |p| p.paused(counter, from, to));
        let counted = counter.count_marks(&from_mark, &to_mark) - paused;
        from_mark = to_mark;
        let missed = if counted > cadence {
            (counted + cadence - 1) / cadence - 1
        } else {
            0
        };
        f(Gap {
            from,
            to,
            report,
            counted,
            paused,
            missed,
        });
        from = to;
    }
}

impl Gaps {
    pub fn measure(
        counter: &Counter<'_, '_>,
        start: i64,
        end: i64,
        events: &[Event],
        pauses: Option<&Pauses>,
        cadence: i64,
    ) -> Result<Gaps, BeyondRange> {
        let mut g = Gaps {
            count: 0,
            updates: 0,
            longest: 0,
            missed: 0,
            first_late: None,
            current: 0,
            last_report: start,
            paused: 0,
        };
        each_gap(counter, (start, end), events, pauses, cadence, |gap| {
            if gap.report {
                g.updates += 1;
            }
            g.paused += gap.paused;
            g.longest = g.longest.max(gap.counted);
            if gap.counted > cadence.max(1) {
                g.missed += gap.missed;
                if g.first_late.is_none() {
                    g.first_late = Some((g.count, gap.from));
                }
            }
            g.current = gap.counted;
            g.last_report = gap.from;
            g.count += 1;
        });
        Ok(g)
    }
}
