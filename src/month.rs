//! A calendar month in a contract's time zone: what uptime is measured over and
//! what penalties and reports are summed by.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::localtime::{local_date, wall_instant, FIRST_YEAR, LAST_YEAR};

/// A calendar month in the contract's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// Reads `YYYY-MM`.
    pub fn parse(s: &str) -> Result<Month, String> {
        let t = s.trim();
        let bad = || format!("'{s}' is not a month (expected YYYY-MM, e.g. 2026-03)");
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(format!(
                "'{s}' is outside the supported years {}-{}",
                FIRST_YEAR, LAST_YEAR
            ));
        }
        Ok(Month { year, month })
    }

    /// The month an instant falls in, in `tz`.
    pub fn of(tz: Tz, t: i64) -> Month {
        let d = local_date(tz, t);
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Local midnight on the 1st, as an instant.
    pub fn start(self, tz: Tz) -> i64 {
        wall_instant(tz, self.first_day(), 0)
    }

    /// Local midnight on the 1st of the next month.
    pub fn end(self, tz: Tz) -> i64 {
        self.next().start(tz)
    }

    /// Calendar days in the month.
    pub fn days(self) -> i64 {
        (self.next().first_day() - self.first_day()).num_days()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `[a, b)` cut at month boundaries: (month, from, to).
pub fn split_months(a: i64, b: i64, tz: Tz) -> Vec<(Month, i64, i64)> {
    let mut out = Vec::new();
    let mut at = a;
    while at < b {
        let m = Month::of(tz, at);
        let end = m.end(tz).min(b);
        if end <= at {
            break;
        }
        out.push((m, at, end));
        at = end;
    }
    out
}
