//! The clock engine: how much support time passes between two instants, and when a
//! given amount of support time has passed. Everything about business hours,
//! holidays and 24x7 clocks is decided here, on top of the DST policy in
//! [`crate::localtime`].
//!
//! Semantics (pinned by tests):
//! * A business clock counts time only inside the schedule's intervals on open
//!   days (a weekday with intervals that is not a holiday). Intervals are local
//!   wall-clock times; the time counted inside one is real elapsed time.
//! * A 24x7 clock counts real elapsed time; a DST change does not stretch it.
//! * The due instant is the *earliest* instant at which the counted time reaches
//!   the target, so it may be exactly a closing time.
//! * Cost does not grow with the target: whole weeks without holidays and without a
//!   UTC-offset change are skipped in one step.

use std::sync::OnceLock;

use chrono_tz::Tz;

use crate::holidays::HolidayCalendar;
use crate::localtime::{FIRST_YEAR, LAST_YEAR};
use crate::zone::{self, weekday, ZoneTable};

/// Day number (days since 1970-01-01) of the first day after the supported years.
fn end_day() -> i64 {
    zone::days_from_civil(i64::from(LAST_YEAR) + 1, 1, 1)
}

/// Seconds in a day, for wall-clock arithmetic.
pub const DAY: u32 = 86_400;

/// A weekly business schedule: open intervals per weekday, as seconds since local
/// midnight (`end` may be 86 400 for "24:00").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklySchedule {
    /// Monday first.
    days: [Vec<(u32, u32)>; 7],
    closed_on_holidays: bool,
    day_len: i64,
    week_len: i64,
}

/// Why a weekly schedule is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("interval {0} ends before or when it starts")]
    Reversed(String),
    #[error("intervals {0} and {1} overlap")]
    Overlap(String, String),
    #[error("the schedule has no open time in the week")]
    Empty,
    #[error("open days have different lengths ({0}); set business_day to say how long one business day is")]
    UnequalDays(String),
}

impl WeeklySchedule {
    /// Builds a schedule from intervals per weekday (Monday first). `business_day`
    /// overrides the length of one business day; without it every open weekday must
    /// have the same length.
    pub fn new(
        days: [Vec<(u32, u32)>; 7],
        closed_on_holidays: bool,
        business_day: Option<i64>,
    ) -> Result<Self, ScheduleError> {
        let mut days = days;
        for day in days.iter_mut() {
            day.sort_unstable();
            for &(s, e) in day.iter() {
                if e <= s || e > DAY {
                    return Err(ScheduleError::Reversed(fmt_interval(s, e)));
                }
            }
            for w in day.windows(2) {
                if w[1].0 < w[0].1 {
                    return Err(ScheduleError::Overlap(
                        fmt_interval(w[0].0, w[0].1),
                        fmt_interval(w[1].0, w[1].1),
                    ));
                }
            }
        }
        let lens: Vec<i64> = days
            .iter()
            .map(|d| d.iter().map(|&(s, e)| i64::from(e - s)).sum())
            .collect();
        let week_len: i64 = lens.iter().sum();
        if week_len == 0 {
            return Err(ScheduleError::Empty);
        }
        let open: Vec<i64> = lens.iter().copied().filter(|&l| l > 0).collect();
        let day_len = match business_day {
            Some(l) => l,
            None => {
                if open.iter().any(|&l| l != open[0]) {
                    let shown: Vec<String> = open.iter().map(|&l| fmt_hm(l)).collect();
                    return Err(ScheduleError::UnequalDays(shown.join(", ")));
                }
                open[0]
            }
        };
        Ok(WeeklySchedule {
            days,
            closed_on_holidays,
            day_len,
            week_len,
        })
    }

    /// Intervals of a weekday (0 = Monday).
    pub fn intervals(&self, weekday: usize) -> &[(u32, u32)] {
        &self.days[weekday % 7]
    }

    /// Length of one business day, in seconds (Audara 5x8: 8 h).
    pub fn business_day(&self) -> i64 {
        self.day_len
    }

    pub fn closed_on_holidays(&self) -> bool {
        self.closed_on_holidays
    }
}

/// A clock's schedule: every second counts, or only business hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    Always,
    Weekly(WeeklySchedule),
}

impl Schedule {
    /// Length of one business day in seconds (24 h on a 24x7 clock).
    pub fn business_day(&self) -> i64 {
        match self {
            Schedule::Always => i64::from(DAY),
            Schedule::Weekly(w) => w.day_len,
        }
    }
}

/// The clock ran past the last supported year without finding enough open time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no business time left before the end of {LAST_YEAR}")]
pub struct BeyondRange;

/// A schedule bound to a time zone and a holiday calendar.
#[derive(Debug, Clone, Copy)]
pub struct Clock<'a> {
    tz: Tz,
    zone: &'static ZoneTable,
    schedule: &'a Schedule,
    holidays: &'a HolidayCalendar,
    /// Per-year tables of cumulative open time, when the caller keeps them.
    tables: Option<&'a ClockTables>,
}

/// Precomputed business time per local year for one (schedule, zone, holidays):
/// cumulative open seconds at the start of every day and each day's intervals as
/// instants. Built lazily, one year at a time, and shared between threads. With
/// them, counting and adding cost a binary search whatever the target's length.
#[derive(Debug, Default)]
pub struct ClockTables {
    years: Vec<OnceLock<YearTable>>,
}

impl ClockTables {
    pub fn new() -> Self {
        ClockTables {
            years: (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl Clone for ClockTables {
    fn clone(&self) -> Self {
        // A fresh cache: it fills again on use.
        ClockTables::new()
    }
}

/// Where an instant falls in the per-year tables.
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    year: i64,
    table: &'a YearTable,
    /// Day of the year (index into the table).
    index: usize,
    /// Open seconds of the year before the instant.
    counted: i64,
}

/// An instant located on one clock's tables (see [`Clock::locate_start`]).
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    t: i64,
    /// The tables `at` was found in.
    tables: Option<&'a ClockTables>,
    at: Option<At<'a>>,
}

/// An instant located on a clock (see [`Clock::mark`]).
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    t: i64,
    /// Local year and open seconds of that year before `t`.
    pos: Option<(i64, i64)>,
}

impl Mark {
    /// An instant with no position on any clock (counted as elapsed time).
    pub fn at(t: i64) -> Self {
        Mark { t, pos: None }
    }

    pub fn t(&self) -> i64 {
        self.t
    }
}

/// See [`Clock::measure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub start: i64,
    pub due: i64,
    pub counted: i64,
}

#[derive(Debug)]
struct YearTable {
    /// Day number of January 1st.
    first_day: i64,
    /// `cum[i]`: open seconds in the year before day `first_day + i` (one more
    /// entry than days: the last is the year's total).
    cum: Vec<i64>,
    /// `at[i]..at[i + 1]`: the intervals of day `first_day + i` in `intervals`.
    at: Vec<u32>,
    intervals: Vec<(i64, i64)>,
}

impl YearTable {
    fn total(&self) -> i64 {
        self.cum.last().copied().unwrap_or(0)
    }

    fn day(&self, i: usize) -> &[(i64, i64)] {
        &self.intervals[self.at[i] as usize..self.at[i + 1] as usize]
    }
}

/// Years whose first day [`YEAR_STARTS`] holds: the supported ones and the
/// year after the last.
const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 2) as usize;

/// Day number (days since 1970-01-01) of January 1st of each year from
/// [`FIRST_YEAR`], one more than the supported years.
static YEAR_STARTS: [i64; YEARS] = {
    let mut starts = [0; YEARS];
    let mut i = 0;
    while i < YEARS {
        starts[i] = zone::days_from_civil(FIRST_YEAR as i64 + i as i64, 1, 1);
        i += 1;
    }
    starts
};

/// The local year of a day number. Four hundred Gregorian years have 146 097
/// days, so the year that average gives is the year or one of its neighbours;
/// the table of first days settles which.
fn year_of_day(day: i64) -> i64 {
    let guess = 1970 + (day * 400).div_euclid(146_097);
    let i = guess - i64::from(FIRST_YEAR);
    if i >= 1 && i + 1 < YEARS as i64 {
        let i = i as usize;
        return if day < YEAR_STARTS[i] {
            guess - 1
        } else if day >= YEAR_STARTS[i + 1] {
            guess + 1
        } else {
            guess
        };
    }
    zone::civil_from_days(day).0
}

impl<'a> Clock<'a> {
    pub fn new(tz: Tz, schedule: &'a Schedule, holidays: &'a HolidayCalendar) -> Self {
        Clock {
            tz,
            zone: zone::table(tz),
            schedule,
            holidays,
            tables: None,
        }
    }

    /// A clock that keeps its per-year tables in `tables` (which must only ever be
    /// used with this same schedule, zone and holiday calendar).
    pub fn with_tables(
        tz: Tz,
        schedule: &'a Schedule,
        holidays: &'a HolidayCalendar,
        tables: &'a ClockTables,
    ) -> Self {
        Clock {
            tables: Some(tables),
            ..Clock::new(tz, schedule, holidays)
        }
    }

    /// The table of local year `year`, if tables are kept and the year is supported.
    fn year(&self, w: &WeeklySchedule, year: i64) -> Option<&'a YearTable> {
        let tables = self.tables?;
        let idx = usize::try_from(year - i64::from(FIRST_YEAR)).ok()?;
        let cell = tables.years.get(idx)?;
        Some(cell.get_or_init(|| {
            let first_day = zone::days_from_civil(year, 1, 1);
            let next = zone::days_from_civil(year + 1, 1, 1);
            let days = (next - first_day) as usize;
            let mut cum = Vec::with_capacity(days + 1);
            let mut at = Vec::with_capacity(days + 1);
            let mut intervals = Vec::new();
            let mut sum = 0;
            for d in first_day..next {
                cum.push(sum);
                at.push(intervals.len() as u32);
                for (s, e) in self.day_intervals(w, d) {
                    sum += e - s;
                    intervals.push((s, e));
                }
            }
            cum.push(sum);
            at.push(intervals.len() as u32);
            YearTable {
                first_day,
                cum,
                at,
                intervals,
            }
        }))
    }

    /// Where `t` falls: its local year's table and the open seconds of that year
    /// before `t`.
    fn position(&self, w: &WeeklySchedule, t: i64) -> Option<(i64, &'a YearTable, i64)> {
        self.locate(w, t).map(|at| (at.year, at.table, at.counted))
    }

    /// Where `t` falls, in full.
    fn locate(&self, w: &WeeklySchedule, t: i64) -> Option<At<'a>> {
        let day = self.day_of(t);
        let year = year_of_day(day);
        let table = self.year(w, year)?;
        let index = (day - table.first_day) as usize;
        let mut counted = table.cum[index];
        for &(s, e) in table.day(index) {
            if t > s {
                counted += t.min(e) - s;
            }
        }
        Some(At {
            year,
            table,
            index,
            counted,
        })
    }

    /// [`Clock::add`] from a located instant, with `secs > 0`.
    fn add_at(&self, w: &WeeklySchedule, at: &At<'a>, secs: i64) -> Result<i64, BeyondRange> {
        let (mut year, mut table) = (at.year, at.table);
        // The earliest instant whose cumulative open time reaches `target`.
        let mut target = at.counted + secs;
        loop {
            if target <= table.total() {
                let k = table.cum.partition_point(|&x| x < target);
                let i = k.saturating_sub(1);
                let mut acc = table.cum[i];
                for &(s, e) in table.day(i) {
                    if target <= acc + (e - s) {
                        return Ok(s + (target - acc));
                    }
                    acc += e - s;
                }
                // Unreachable: the day's intervals sum to cum[i + 1] >= target.
                return Err(BeyondRange);
            }
            target -= table.total();
            year += 1;
            table = self.year(w, year).ok_or(BeyondRange)?;
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Local day number of an instant.
    fn day_of(&self, t: i64) -> i64 {
        self.zone.to_local(t).div_euclid(86_400)
    }

    /// Local day number (days since 1970-01-01) of an instant.
    pub fn local_day(&self, t: i64) -> i64 {
        self.day_of(t)
    }

    /// What the clock counts on local day `day`, as instants: the schedule's
    /// intervals (none on a closed day or a holiday it closes), or the whole
    /// day on a 24x7 clock. The same intervals counting and adding use.
    pub fn open_on(&self, day: i64) -> Vec<(i64, i64)> {
        match self.schedule {
            Schedule::Always => vec![(
                self.zone.forward(day * 86_400),
                self.zone.forward((day + 1) * 86_400),
            )],
            Schedule::Weekly(w) => self.day_intervals(w, day).collect(),
        }
    }

    /// Why local day `day` has no open time: the holiday that closes it, else
    /// `None` (a day the weekly schedule does not open).
    pub fn holiday_on(&self, day: i64) -> Option<&'a str> {
        let closes = matches!(self.schedule, Schedule::Weekly(w) if w.closed_on_holidays);
        if !closes {
            return None;
        }
        let (y, m, d) = zone::civil_from_days(day);
        let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        self.holidays.holiday_name(date)
    }

    /// Open intervals of local day `day`, as Unix-second ranges.
    fn day_intervals<'s>(
        &'s self,
        w: &'s WeeklySchedule,
        day: i64,
    ) -> impl Iterator<Item = (i64, i64)> + 's {
        let list: &[(u32, u32)] = &w.days[weekday(day)];
        let holiday = w.closed_on_holidays && self.holidays.is_holiday_day(day);
        let open = !list.is_empty() && !holiday;
        let list = if open { list } else { &[] };
        let base = day * 86_400;
        list.iter().map(move |&(s, e)| {
            (
                self.zone.forward(base + i64::from(s)),
                self.zone.forward(base + i64::from(e)),
            )
        })
    }

    /// True when the seven local days from `day` hold exactly one nominal week of
    /// business time: no holiday closes a day and the UTC offset is the same at both
    /// ends (so no DST change can shorten or stretch an interval).
    fn plain_week(&self, w: &WeeklySchedule, day: i64) -> bool {
        if w.closed_on_holidays && self.holidays.any_holiday_in(day, 7) {
            return false;
        }
        let a = self.zone.forward(day * 86_400);
        let b = self.zone.forward((day + 7) * 86_400);
        self.zone.constant_between(a, b)
    }

    /// When the clock starts for something that happens at `t`: `t` itself if the
    /// clock is running then, else the next opening.
    pub fn start(&self, t: i64) -> Result<i64, BeyondRange> {
        let w = match self.schedule {
            Schedule::Always => return Ok(t),
            Schedule::Weekly(w) => w,
        };
        let mut d = self.day_of(t);
        if let Some(mut table) = self.year(w, year_of_day(d)) {
            loop {
                let i = (d - table.first_day) as usize;
                if i + 1 >= table.cum.len() {
                    table = self.year(w, year_of_day(d)).ok_or(BeyondRange)?;
                    continue;
                }
                for &(s, e) in table.day(i) {
                    if e > t {
                        return Ok(s.max(t));
                    }
                }
                d = next_day(d)?;
            }
        }
        loop {
            for (s, e) in self.day_intervals(w, d) {
                if e > t {
                    return Ok(s.max(t));
                }
            }
            d = next_day(d)?;
        }
    }

    /// The earliest instant at which `secs` seconds of clock time have passed since `t`.
    ///
    /// ```
    /// # use slaudit::clock::{Clock, Schedule, WeeklySchedule};
    /// # use slaudit::holidays::HolidayCalendar;
    /// # use slaudit::localtime::{parse_timestamp, format_rfc3339};
    /// // Mon-Fri 08:00-12:00 and 13:00-17:00 in Bogota. A ticket at Friday 16:30
    /// // with a 1-hour target: 30 min on Friday, 30 min on Monday -> Monday 08:30.
    /// let day = vec![(8 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)];
    /// let week = [day.clone(), day.clone(), day.clone(), day.clone(), day, vec![], vec![]];
    /// let schedule = Schedule::Weekly(WeeklySchedule::new(week, true, None).unwrap());
    /// let holidays = HolidayCalendar::empty("none");
    /// let tz = chrono_tz::America::Bogota;
    /// let clock = Clock::new(tz, &schedule, &holidays);
    /// let t = parse_timestamp("2026-03-13 16:30", tz).unwrap();
    /// let due = clock.add(t, 3600).unwrap();
    /// assert_eq!(format_rfc3339(tz, due), "2026-03-16T08:30:00-05:00");
    /// ```
    pub fn add(&self, t: i64, secs: i64) -> Result<i64, BeyondRange> {
        if secs <= 0 {
            return Ok(t);
        }
        let w = match self.schedule {
            Schedule::Always => return t.checked_add(secs).ok_or(BeyondRange),
            Schedule::Weekly(w) => w,
        };
        if let Some(at) = self.locate(w, t) {
            return self.add_at(w, &at, secs);
        }
        let mut remaining = secs;
        let mut d = self.day_of(t);
        let mut first = true;
        loop {
            // From the second day on, every interval of `d` lies after `t`.
            if !first && remaining > w.week_len && self.plain_week(w, d) {
                remaining -= w.week_len;
                d += 7;
                if d >= end_day() {
                    return Err(BeyondRange);
                }
                continue;
            }
            first = false;
            for (s, e) in self.day_intervals(w, d) {
                if e <= t {
                    continue;
                }
                let from = s.max(t);
                let avail = e - from;
                if remaining <= avail {
                    return Ok(from + remaining);
                }
                remaining -= avail;
            }
            d = next_day(d)?;
        }
    }

    /// What the audit asks of a clock for one ticket and one target, sharing the
    /// work on `t`: when the clock starts ([`Clock::start`]), when `secs` of clock
    /// time have passed ([`Clock::add`]) and the clock time counted in `[t, until)`
    /// ([`Clock::count`]). Same answers as those three calls.
    pub fn measure(&self, t: i64, secs: i64, until: i64) -> Result<Measure, BeyondRange> {
        self.measure_from(&self.locate_start(t), secs, until)
    }

    /// `t` located on this clock, to [`Clock::measure_from`] it several times (the
    /// targets of one ticket often share a clock).
    pub fn locate_start(&self, t: i64) -> Start<'a> {
        let at = match self.schedule {
            Schedule::Weekly(w) => self.locate(w, t),
            Schedule::Always => None,
        };
        Start {
            t,
            tables: self.tables,
            at,
        }
    }

    /// [`Clock::measure`] from an instant located by [`Clock::locate_start`] (on
    /// any clock: one located on another is located again).
    pub fn measure_from(
        &self,
        from: &Start<'a>,
        secs: i64,
        until: i64,
    ) -> Result<Measure, BeyondRange> {
        let t = from.t;
        let w = match self.schedule {
            Schedule::Always => {
                return Ok(Measure {
                    start: t,
                    due: if secs <= 0 {
                        t
                    } else {
                        t.checked_add(secs).ok_or(BeyondRange)?
                    },
                    counted: (until - t).max(0),
                })
            }
            Schedule::Weekly(w) => w,
        };
        let mine = match (from.tables, self.tables) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            _ => false,
        };
        let located = if mine { from.at } else { self.locate(w, t) };
        let Some(at) = located else {
            return Ok(Measure {
                start: self.start(t)?,
                due: self.add(t, secs)?,
                counted: self.count(t, until),
            });
        };
        // Running at `t`, or opening later that day: found in the day's intervals.
        // Else the clock starts one second before one second of it has passed.
        let start = match at.table.day(at.index).iter().find(|&&(_, e)| e > t) {
            Some(&(s, _)) => s.max(t),
            None => self.add_at(w, &at, 1)? - 1,
        };
        let due = if secs <= 0 {
            t
        } else {
            self.add_at(w, &at, secs)?
        };
        let counted = if until <= t {
            0
        } else {
            match self.position(w, until) {
                Some((yb, _, cb)) if yb == at.year => cb - at.counted,
                _ => self.count(t, until),
            }
        };
        Ok(Measure {
            start,
            due,
            counted,
        })
    }

    /// Where `t` falls, kept to count several spans that share their ends
    /// (consecutive gaps) with one lookup per instant: see [`Clock::count_marks`].
    pub fn mark(&self, t: i64) -> Mark {
        let pos = match self.schedule {
            Schedule::Weekly(w) => self.position(w, t).map(|(y, _, c)| (y, c)),
            Schedule::Always => None,
        };
        Mark { t, pos }
    }

    /// [`Clock::count`] between two marks of this clock (marks of another clock
    /// count wrongly).
    pub fn count_marks(&self, a: &Mark, b: &Mark) -> i64 {
        match (a.pos, b.pos) {
            (Some((ya, ca)), Some((yb, cb))) if ya == yb && a.t < b.t => cb - ca,
            _ => self.count(a.t, b.t),
        }
    }

    /// Clock time, in seconds, counted in `[a, b)` (0 when `b <= a`).
    pub fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let w = match self.schedule {
            Schedule::Always => return b - a,
            Schedule::Weekly(w) => w,
        };
        if let (Some((ya, ta, ca)), Some((yb, _, cb))) = (self.position(w, a), self.position(w, b))
        {
            if ya == yb {
                return cb - ca;
            }
            let mut sum = ta.total() - ca + cb;
            for y in ya + 1..yb {
                sum += self.year(w, y).map_or(0, YearTable::total);
            }
            return sum;
        }
        let mut sum = 0;
        let mut d = self.day_of(a);
        let end = self.day_of(b);
        let mut first = true;
        while d <= end {
            if !first && d + 7 <= end && self.plain_week(w, d) {
                sum += w.week_len;
                d += 7;
                continue;
            }
            first = false;
            for (s, e) in self.day_intervals(w, d) {
                let lo = s.max(a);
                let hi = e.min(b);
                if hi > lo {
                    sum += hi - lo;
                }
            }
            d += 1;
        }
        sum
    }

    /// Same local wall time `days` civil days later, with the forward DST policy.
    pub fn add_calendar_days(&self, t: i64, days: u32) -> Result<i64, BeyondRange> {
        crate::localtime::add_calendar_days_in(self.zone, t, days).ok_or(BeyondRange)
    }
}

fn next_day(d: i64) -> Result<i64, BeyondRange> {
    if d + 1 >= end_day() {
        Err(BeyondRange)
    } else {
        Ok(d + 1)
    }
}

/// `HH:MM` for seconds since midnight (86 400 prints as 24:00).
pub fn fmt_hhmm(secs: u32) -> String {
    if secs % 60 == 0 {
        format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
    } else {
        format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

fn fmt_interval(s: u32, e: u32) -> String {
    format!("{}-{}", fmt_hhmm(s), fmt_hhmm(e))
}

/// A duration in seconds as `8h`, `4h30m`, `45m`.
pub fn fmt_hm(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// Reads `HH:MM` (or `24:00`) as seconds since midnight.
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 3600 + m * 60)
}

#[cfg(test)]
mod year_tests {
    use super::*;

    /// Every day of every supported year, and a year on either side, gets the
    /// year the civil calendar gives it.
    #[test]
    fn year_of_day_is_the_civil_year() {
        let from = zone::days_from_civil(i64::from(FIRST_YEAR) - 1, 1, 1);
        let to = zone::days_from_civil(i64::from(LAST_YEAR) + 2, 12, 31);
        for day in from..=to {
            assert_eq!(year_of_day(day), zone::civil_from_days(day).0, "day {day}");
        }
    }
}
