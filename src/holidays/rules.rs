//! A calendar's rules: the spec as written in a calendar file, each rule
//! checked into a form that yields its dates for any year, and the one-off
//! `[[add]]` / `[[remove]]` dates checked against the supported years.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::astronomy::{easter_sunday, nth_weekday, season_event_date, shift, SeasonEvent};
use super::error::{
    ErrorLocation, HolidayError, SpecSection, FIRST_YEAR, LAST_YEAR, MAX_EASTER_OFFSET,
    MAX_RULE_YEAR, MAX_SHIFT, MIN_RULE_YEAR,
};

/// Offsets beyond ±14 h do not exist in civil time anywhere.
const MAX_UTC_OFFSET_MINUTES: i64 = 14 * 60;

// ---------------------------------------------------------------------------
// Spec (the deserialized TOML)
// ---------------------------------------------------------------------------

/// A whole holiday calendar as written in a calendar file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidaySpec {
    pub name: String,
    /// The contract clause this calendar implements, for reports.
    #[serde(default)]
    pub clause: Option<String>,
    /// What the calendar deliberately does not model, for reports.
    #[serde(default)]
    pub assumption: Option<String>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    #[serde(default)]
    pub add: Vec<AddSpec>,
    #[serde(default)]
    pub remove: Vec<RemoveSpec>,
}

/// One recurring holiday. Numbers are read as `i64` so that out-of-range values
/// reach validation (and get a precise [`HolidayError`]) instead of failing
/// deserialization with a generic type error.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub name: String,
    #[serde(default)]
    pub law: Option<String>,
    #[serde(default)]
    pub note: Option<String>,

    #[serde(default)]
    pub fixed: Option<String>,
    #[serde(default)]
    pub easter: Option<i64>,
    #[serde(default)]
    pub month: Option<i64>,
    #[serde(default)]
    pub weekday: Option<String>,
    #[serde(default)]
    pub nth: Option<i64>,
    #[serde(default)]
    pub astronomical: Option<String>,
    #[serde(default)]
    pub utc_offset: Option<String>,

    #[serde(default)]
    pub since: Option<i64>,
    #[serde(default)]
    pub until: Option<i64>,
    #[serde(default)]
    pub every: Option<i64>,
    #[serde(default)]
    pub only_on: Option<Vec<String>>,
    #[serde(default)]
    pub except_on: Option<Vec<String>>,
    /// Weekday name -> shift in days; the shifted date replaces the original.
    #[serde(default, rename = "move")]
    pub move_by: Option<BTreeMap<String, i64>>,
    /// Weekday name -> shift in days; the shifted date is added, the original kept.
    #[serde(default)]
    pub observed: Option<BTreeMap<String, i64>>,
    #[serde(default)]
    pub observed_name: Option<String>,
    #[serde(default)]
    pub shift_since: Option<i64>,
}

/// A one-off holiday (`[[add]]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddSpec {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    #[serde(default)]
    pub law: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A one-off exception (`[[remove]]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveSpec {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// When set, only the holiday with exactly this name is removed from that date.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub law: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------
// Month lengths and weekdays
// ---------------------------------------------------------------------------

fn days_in_month_leap(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `mon`..`sun` or full English names, case-insensitive.
fn parse_weekday(s: &str) -> Option<Weekday> {
    let day = match s.trim().to_ascii_lowercase().as_str() {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

fn weekday_index(day: Weekday) -> usize {
    // 0..=6 always fits.
    day.num_days_from_monday() as usize
}

// ---------------------------------------------------------------------------
// Validated rules
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum DateKind {
    Fixed {
        month: u32,
        day: u32,
    },
    Easter {
        offset: i64,
    },
    NthWeekday {
        month: u32,
        weekday: Weekday,
        nth: i8,
    },
    Astronomical {
        event: SeasonEvent,
        offset_minutes: i32,
    },
}

#[derive(Debug, Clone, Copy)]
enum Shift {
    /// The shifted date replaces the original.
    Move([i64; 7]),
    /// The shifted date is added next to the original.
    Observed([i64; 7]),
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    name: String,
    observed_name: String,
    kind: DateKind,
    since: Option<i32>,
    until: Option<i32>,
    every: Option<i32>,
    /// Weekdays (Monday first) on which the unshifted date counts.
    allowed: [bool; 7],
    shift: Option<Shift>,
    shift_since: Option<i32>,
}

impl Rule {
    fn applies_in(&self, year: i32) -> bool {
        if self.since.is_some_and(|s| year < s) || self.until.is_some_and(|u| year > u) {
            return false;
        }
        match (self.every, self.since) {
            (Some(every), Some(since)) => (year - since) % every == 0,
            _ => true,
        }
    }

    fn base_date(&self, year: i32) -> Option<NaiveDate> {
        match self.kind {
            DateKind::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            DateKind::Easter { offset } => shift(easter_sunday(year)?, offset),
            DateKind::NthWeekday {
                month,
                weekday,
                nth,
            } => nth_weekday(year, month, weekday, nth),
            DateKind::Astronomical {
                event,
                offset_minutes,
            } => season_event_date(year, event, offset_minutes),
        }
    }

    /// Pushes this rule's dates for `year` (which may fall in a neighbouring year).
    pub(super) fn occurrences(&self, year: i32, out: &mut Vec<(NaiveDate, String)>) {
        if !self.applies_in(year) {
            return;
        }
        let Some(date) = self.base_date(year) else {
            return;
        };
        let wd = weekday_index(date.weekday());
        if !self.allowed[wd] {
            return;
        }
        let shift_applies = self.shift_since.map_or(true, |s| year >= s);
        match self.shift {
            Some(Shift::Move(offsets)) if shift_applies => {
                if let Some(moved) = shift(date, offsets[wd]) {
                    out.push((moved, self.name.clone()));
                }
            }
            Some(Shift::Observed(offsets)) if shift_applies => {
                out.push((date, self.name.clone()));
                if offsets[wd] != 0 {
                    if let Some(extra) = shift(date, offsets[wd]) {
                        out.push((extra, self.observed_name.clone()));
                    }
                }
            }
            _ => out.push((date, self.name.clone())),
        }
    }
}

/// Validation context for one rule: builds locations without repeating index/name.
struct RuleCtx<'a> {
    index: usize,
    name: &'a str,
}

impl RuleCtx<'_> {
    fn at(&self, key: impl Into<String>) -> ErrorLocation {
        ErrorLocation::rule(self.index, self.name, key)
    }

    fn month(&self, key: &str, month: i64) -> Result<u32, HolidayError> {
        match u32::try_from(month) {
            Ok(m) if (1..=12).contains(&m) => Ok(m),
            _ => Err(HolidayError::MonthOutOfRange {
                at: self.at(key),
                month,
            }),
        }
    }

    fn year(&self, key: &str, year: Option<i64>) -> Result<Option<i32>, HolidayError> {
        let Some(year) = year else { return Ok(None) };
        if !(MIN_RULE_YEAR..=MAX_RULE_YEAR).contains(&year) {
            return Err(HolidayError::YearOutOfRange {
                at: self.at(key),
                year,
            });
        }
        // In range, so it fits.
        Ok(i32::try_from(year).ok())
    }

    fn weekday(&self, key: String, value: &str) -> Result<Weekday, HolidayError> {
        parse_weekday(value).ok_or_else(|| HolidayError::UnknownWeekday {
            at: self.at(key),
            value: value.to_string(),
        })
    }

    fn weekday_set(&self, key: &str, list: &[String]) -> Result<[bool; 7], HolidayError> {
        if list.is_empty() {
            return Err(HolidayError::EmptyWeekdayList { at: self.at(key) });
        }
        let mut set = [false; 7];
        for (i, value) in list.iter().enumerate() {
            let day = self.weekday(format!("{key}[{i}]"), value)?;
            set[weekday_index(day)] = true;
        }
        Ok(set)
    }

    fn shift_table(
        &self,
        key: &str,
        map: &BTreeMap<String, i64>,
    ) -> Result<[i64; 7], HolidayError> {
        let mut table = [0i64; 7];
        let mut seen = [false; 7];
        for (day_name, &offset) in map {
            let sub = format!("{key}.{day_name}");
            let day = self.weekday(sub.clone(), day_name)?;
            let i = weekday_index(day);
            if seen[i] {
                return Err(HolidayError::DuplicateWeekday {
                    at: self.at(sub),
                    weekday: day.to_string(),
                });
            }
            if !(-MAX_SHIFT..=MAX_SHIFT).contains(&offset) {
                return Err(HolidayError::ShiftOutOfRange {
                    at: self.at(sub),
                    offset,
                });
            }
            seen[i] = true;
            table[i] = offset;
        }
        Ok(table)
    }
}

fn parse_month_day(ctx: &RuleCtx<'_>, value: &str) -> Result<DateKind, HolidayError> {
    let bad = || HolidayError::BadMonthDay {
        at: ctx.at("fixed"),
        value: value.to_string(),
    };
    let (m, d) = value.trim().split_once('-').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(m) || !digits(d) {
        return Err(bad());
    }
    let month: i64 = m.parse().map_err(|_| bad())?;
    let day: i64 = d.parse().map_err(|_| bad())?;
    let month = ctx.month("fixed", month)?;
    let day_ok = u32::try_from(day).is_ok_and(|d| (1..=days_in_month_leap(month)).contains(&d));
    if !day_ok {
        return Err(HolidayError::DayOutOfRange {
            at: ctx.at("fixed"),
            month,
            day,
        });
    }
    // day_ok proved it fits.
    let day = u32::try_from(day).map_err(|_| bad())?;
    Ok(DateKind::Fixed { month, day })
}

/// `+HH:MM`, `-HH:MM`, `+HH`, `-HH` or `Z`, within ±14:00.
fn parse_utc_offset(value: &str) -> Option<i32> {
    let v = value.trim();
    if v.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = match v.as_bytes().first()? {
        b'+' => (1i64, &v[1..]),
        b'-' => (-1i64, &v[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "00"));
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(h) || !two_digits(m) {
        return None;
    }
    let hours: i64 = h.parse().ok()?;
    let minutes: i64 = m.parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    let total = hours * 60 + minutes;
    if total > MAX_UTC_OFFSET_MINUTES {
        return None;
    }
    i32::try_from(sign * total).ok()
}

pub(super) fn validate_rule(index: usize, spec: &RuleSpec) -> Result<Rule, HolidayError> {
    let ctx = RuleCtx {
        index,
        name: &spec.name,
    };
    if spec.name.trim().is_empty() {
        return Err(HolidayError::EmptyName { at: ctx.at("name") });
    }

    // Exactly one date kind; the nth-weekday kind counts as present when any of
    // its three keys is, so a stray `nth` is reported as a conflict, not ignored.
    let present: Vec<&'static str> = [
        ("fixed", spec.fixed.is_some()),
        ("easter", spec.easter.is_some()),
        (
            "month",
            spec.month.is_some() || spec.weekday.is_some() || spec.nth.is_some(),
        ),
        ("astronomical", spec.astronomical.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, on)| on.then_some(k))
    .collect();
    match present.as_slice() {
        [] => return Err(HolidayError::MissingDateKind { at: ctx.at("") }),
        [_] => {}
        [first, second, ..] => {
            return Err(HolidayError::ConflictingDateKinds {
                at: ctx.at(*second),
                first,
                second,
            })
        }
    }
    if spec.utc_offset.is_some() && spec.astronomical.is_none() {
        return Err(HolidayError::KeyNotAllowed {
            at: ctx.at("utc_offset"),
            reason: "`utc_offset` is only used with `astronomical`",
        });
    }

    let kind = if let Some(fixed) = &spec.fixed {
        parse_month_day(&ctx, fixed)?
    } else if let Some(offset) = spec.easter {
        if !(-MAX_EASTER_OFFSET..=MAX_EASTER_OFFSET).contains(&offset) {
            return Err(HolidayError::EasterOffsetOutOfRange {
                at: ctx.at("easter"),
                offset,
            });
        }
        DateKind::Easter { offset }
    } else if let Some(event) = &spec.astronomical {
        let parsed =
            SeasonEvent::parse(event).ok_or_else(|| HolidayError::UnknownAstronomicalEvent {
                at: ctx.at("astronomical"),
                value: event.clone(),
            })?;
        let offset_minutes = match &spec.utc_offset {
            None => 0,
            Some(v) => parse_utc_offset(v).ok_or_else(|| HolidayError::BadUtcOffset {
                at: ctx.at("utc_offset"),
                value: v.clone(),
            })?,
        };
        DateKind::Astronomical {
            event: parsed,
            offset_minutes,
        }
    } else {
        let missing = |key: &'static str| HolidayError::MissingKey {
            at: ctx.at(key),
            required_by: "month/weekday/nth",
        };
        let month = ctx.month("month", spec.month.ok_or_else(|| missing("month"))?)?;
        let weekday_name = spec.weekday.as_deref().ok_or_else(|| missing("weekday"))?;
        let weekday = ctx.weekday("weekday".to_string(), weekday_name)?;
        let nth = spec.nth.ok_or_else(|| missing("nth"))?;
        let nth = match nth {
            1..=5 | -1 => i8::try_from(nth).map_err(|_| HolidayError::NthOutOfRange {
                at: ctx.at("nth"),
                nth,
            })?,
            _ => {
                return Err(HolidayError::NthOutOfRange {
                    at: ctx.at("nth"),
                    nth,
                })
            }
        };
        DateKind::NthWeekday {
            month,
            weekday,
            nth,
        }
    };

    let since = ctx.year("since", spec.since)?;
    let until = ctx.year("until", spec.until)?;
    if let (Some(s), Some(u)) = (spec.since, spec.until) {
        if s > u {
            return Err(HolidayError::SinceAfterUntil {
                at: ctx.at("until"),
                since: s,
                until: u,
            });
        }
    }
    let every = match spec.every {
        None => None,
        Some(_) if since.is_none() => {
            return Err(HolidayError::MissingKey {
                at: ctx.at("since"),
                required_by: "every",
            })
        }
        Some(e) if (1..=MAX_RULE_YEAR).contains(&e) => i32::try_from(e).ok(),
        Some(e) => {
            return Err(HolidayError::EveryOutOfRange {
                at: ctx.at("every"),
                every: e,
            })
        }
    };

    let allowed = match (&spec.only_on, &spec.except_on) {
        (Some(_), Some(_)) => {
            return Err(HolidayError::KeyNotAllowed {
                at: ctx.at("except_on"),
                reason: "use either `only_on` or `except_on`, not both",
            })
        }
        (Some(list), None) => ctx.weekday_set("only_on", list)?,
        (None, Some(list)) => ctx
            .weekday_set("except_on", list)?
            .map(|excluded| !excluded),
        (None, None) => [true; 7],
    };

    let shift = match (&spec.move_by, &spec.observed) {
        (Some(_), Some(_)) => {
            return Err(HolidayError::KeyNotAllowed {
                at: ctx.at("observed"),
                reason: "use either `move` or `observed`, not both",
            })
        }
        (Some(map), None) => Some(Shift::Move(ctx.shift_table("move", map)?)),
        (None, Some(map)) => Some(Shift::Observed(ctx.shift_table("observed", map)?)),
        (None, None) => None,
    };
    if spec.observed_name.is_some() && spec.observed.is_none() {
        return Err(HolidayError::KeyNotAllowed {
            at: ctx.at("observed_name"),
            reason: "`observed_name` is only used with `observed`",
        });
    }
    if spec.shift_since.is_some() && shift.is_none() {
        return Err(HolidayError::KeyNotAllowed {
            at: ctx.at("shift_since"),
            reason: "`shift_since` is only used with `move` or `observed`",
        });
    }
    let shift_since = ctx.year("shift_since", spec.shift_since)?;
    let observed_name = match &spec.observed_name {
        Some(n) if n.trim().is_empty() => {
            return Err(HolidayError::EmptyName {
                at: ctx.at("observed_name"),
            })
        }
        Some(n) => n.clone(),
        None => format!("{} (observed)", spec.name),
    };

    Ok(Rule {
        name: spec.name.clone(),
        observed_name,
        kind,
        since,
        until,
        every,
        allowed,
        shift,
        shift_since,
    })
}

pub(super) fn one_off_date(
    section: SpecSection,
    index: usize,
    name: &str,
    value: &str,
) -> Result<NaiveDate, HolidayError> {
    let at = || ErrorLocation {
        section,
        index,
        name: name.to_string(),
        key: "date".to_string(),
    };
    let date =
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| HolidayError::BadDate {
            at: at(),
            value: value.to_string(),
        })?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(HolidayError::DateOutsideCalendar { at: at(), date });
    }
    Ok(date)
}
