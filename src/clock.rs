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

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::holidays::HolidayCalendar;
use crate::localtime::{local_date, offset_at, resolve_forward, to_local, wall_instant, LAST_YEAR};

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
    schedule: &'a Schedule,
    holidays: &'a HolidayCalendar,
}

impl<'a> Clock<'a> {
    pub fn new(tz: Tz, schedule: &'a Schedule, holidays: &'a HolidayCalendar) -> Self {
        Clock {
            tz,
            schedule,
            holidays,
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Whether `d` is an open day of weekly schedule `w`.
    fn open_day(&self, w: &WeeklySchedule, d: NaiveDate) -> bool {
        let closed_weekday = w.days[d.weekday().num_days_from_monday() as usize].is_empty();
        let holiday = w.closed_on_holidays && self.holidays.is_holiday(d);
        !closed_weekday && !holiday
    }

    /// Open intervals of local date `d`, as Unix-second ranges.
    fn day_intervals<'s>(
        &'s self,
        w: &'s WeeklySchedule,
        d: NaiveDate,
    ) -> impl Iterator<Item = (i64, i64)> + 's {
        let open = self.open_day(w, d);
        let list: &[(u32, u32)] = if open {
            &w.days[d.weekday().num_days_from_monday() as usize]
        } else {
            &[]
        };
        list.iter()
            .map(move |&(s, e)| (wall_instant(self.tz, d, s), wall_instant(self.tz, d, e)))
    }

    /// True when the seven local days from `d` hold exactly one nominal week of
    /// business time: no holiday closes a day and the UTC offset is the same at both
    /// ends (so no DST change can shorten or stretch an interval).
    fn plain_week(&self, w: &WeeklySchedule, d: NaiveDate) -> bool {
        let Some(next) = d.checked_add_days(chrono::Days::new(7)) else {
            return false;
        };
        if w.closed_on_holidays {
            if let Some(h) = self.holidays.first_on_or_after(d) {
                if h < next {
                    return false;
                }
            }
        }
        offset_at(self.tz, wall_instant(self.tz, d, 0))
            == offset_at(self.tz, wall_instant(self.tz, next, 0))
    }

    /// When the clock starts for something that happens at `t`: `t` itself if the
    /// clock is running then, else the next opening.
    pub fn start(&self, t: i64) -> Result<i64, BeyondRange> {
        let w = match self.schedule {
            Schedule::Always => return Ok(t),
            Schedule::Weekly(w) => w,
        };
        let mut d = local_date(self.tz, t);
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
        let mut remaining = secs;
        let mut d = local_date(self.tz, t);
        let mut first = true;
        loop {
            // From the second day on, every interval of `d` lies after `t`.
            if !first && remaining > w.week_len && self.plain_week(w, d) {
                remaining -= w.week_len;
                d = d + chrono::Days::new(7);
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

    /// Clock time, in seconds, counted in `[a, b)` (0 when `b <= a`).
    pub fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let w = match self.schedule {
            Schedule::Always => return b - a,
            Schedule::Weekly(w) => w,
        };
        let mut sum = 0;
        let mut d = local_date(self.tz, a);
        let end = local_date(self.tz, b);
        let mut first = true;
        while d <= end {
            if !first {
                if let Some(skip) = d.checked_add_days(chrono::Days::new(7)) {
                    if skip <= end && self.plain_week(w, d) {
                        sum += w.week_len;
                        d = skip;
                        continue;
                    }
                }
            }
            first = false;
            for (s, e) in self.day_intervals(w, d) {
                let lo = s.max(a);
                let hi = e.min(b);
                if hi > lo {
                    sum += hi - lo;
                }
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        sum
    }

    /// Same local wall time `days` civil days later, with the forward DST policy.
    pub fn add_calendar_days(&self, t: i64, days: u32) -> Result<i64, BeyondRange> {
        let local = to_local(self.tz, t);
        let later = local
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .ok_or(BeyondRange)?;
        if later.year() > LAST_YEAR {
            return Err(BeyondRange);
        }
        Ok(resolve_forward(self.tz, later).timestamp())
    }
}

fn next_day(d: NaiveDate) -> Result<NaiveDate, BeyondRange> {
    match d.succ_opt() {
        Some(n) if n.year() <= LAST_YEAR => Ok(n),
        _ => Err(BeyondRange),
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
