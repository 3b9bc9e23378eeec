//! Rule-based public-holiday engine: a calendar is data (a [`HolidaySpec`], usually
//! read from a TOML file) and this module turns it into a precomputed, sorted
//! [`HolidayCalendar`] that answers "is this day a holiday?" by binary search.
//!
//! Nothing here knows about any particular country: every national rule lives in
//! the calendar files (see `contracts/calendars/`). The module is pure (no I/O) and
//! never panics on user data; every mistake in a spec comes back as a
//! [`HolidayError`] naming the rule and the TOML key at fault.
//!
//! # Calendar format
//!
//! One spec per file; the top-level keys are the fields of [`HolidaySpec`]:
//!
//! ```toml
//! name = "Colombia"               # required
//! clause = "..."                  # optional: where the contract refers to this calendar
//! assumption = "..."              # optional: what the calendar does not model
//!
//! [[rules]]
//! name = "Día de los Reyes Magos" # required, non-empty
//! law = "Ley 51 de 1983"          # optional legal source
//! note = "..."                    # optional free text
//! fixed = "01-06"                 # date kind (exactly one per rule, see below)
//! move = { tue = 6, wed = 5, thu = 4, fri = 3, sat = 2, sun = 1 }
//! ```
//!
//! ## Date kinds (exactly one per rule)
//!
//! | keys | meaning |
//! | --- | --- |
//! | `fixed = "MM-DD"` | the same month and day every year; `"02-29"` is allowed and yields nothing in common years |
//! | `easter = N` | N days after (negative: before) Gregorian Easter Sunday, `-250..=250` |
//! | `month = M`, `weekday = "thu"`, `nth = N` | the Nth given weekday of month M; `nth` is `1..=5` or `-1` for the last one; a 5th weekday that does not exist yields nothing |
//! | `astronomical = "june-solstice"`, `utc_offset = "-04:00"` | the civil date, at that fixed UTC offset, of an equinox or solstice: `march-equinox`, `june-solstice`, `september-equinox`, `december-solstice` (`utc_offset` defaults to `+00:00`) |
//!
//! ## Modifiers (all optional)
//!
//! | key | meaning |
//! | --- | --- |
//! | `since = Y`, `until = Y` | first / last year (inclusive) the rule applies to; years are those of the unshifted date |
//! | `every = N` | with `since`: only the years `since`, `since + N`, `since + 2N`, ... |
//! | `only_on = ["mon", "fri"]` | the rule yields a date only when the unshifted date falls on one of these weekdays |
//! | `except_on = ["sun"]` | the rule yields nothing when the unshifted date falls on one of these weekdays |
//! | `move = { sat = 2, sun = 1 }` | per weekday of the unshifted date, shift it by that many days (`-7..=7`); the shifted date *replaces* the original |
//! | `observed = { sat = -1, sun = 1 }` | same shape as `move`, but the shifted date is *added* as an extra holiday and the original is kept |
//! | `observed_name = "..."` | name of the extra `observed` date (default: `"<name> (observed)"`) |
//! | `shift_since = Y` | `move` / `observed` only apply from year Y on (the plain date is used before) |
//!
//! Weekday names are `mon`..`sun` or full English names, case-insensitive. A shift
//! may cross into another year (an observed New Year's Day on December 31): the
//! date belongs to the year it falls in.
//!
//! ## One-off dates
//!
//! ```toml
//! [[add]]
//! date = "2022-09-16"
//! name = "Feriado nacional"
//! note = "declared for 2022 only"     # optional; `law` is accepted too
//!
//! [[remove]]
//! date = "2030-05-01"
//! name = "Día del Trabajo"            # optional: remove only this holiday on that date
//! note = "why"                        # optional
//! ```
//!
//! Removals are applied to the holidays the rules produced (a removal that matches
//! nothing is an error, so typos surface), then additions are merged in. One-off
//! dates must lie within [`FIRST_YEAR`]..=[`LAST_YEAR`].
//!
//! Holidays that fall on the same date are merged into one [`Holiday`] whose name
//! joins the distinct names with `"; "`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// First year the calendar is precomputed for.
pub const FIRST_YEAR: i32 = 1970;
/// Last year the calendar is precomputed for.
pub const LAST_YEAR: i32 = 2199;

/// Largest shift a `move` / `observed` entry may ask for: a week either way is
/// enough for every "nearest Monday" style law and keeps typos (e.g. 70) visible.
const MAX_SHIFT: i64 = 7;
/// Easter offsets stay within a year of Easter, so evaluating the neighbouring
/// years of the precomputed range is enough to catch every date inside it.
const MAX_EASTER_OFFSET: i64 = 250;
/// Bounds for `since` / `until`: wide enough for any real law, narrow enough that
/// year arithmetic can never overflow.
const MIN_RULE_YEAR: i64 = 1;
const MAX_RULE_YEAR: i64 = 9999;
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
// Errors
// ---------------------------------------------------------------------------

/// Which part of a spec an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecSection {
    /// A top-level key of the spec.
    Calendar,
    /// `[[rules]]`.
    Rule,
    /// `[[add]]`.
    Add,
    /// `[[remove]]`.
    Remove,
}

/// Where in a spec an error is: the entry (section, index, name) and the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLocation {
    pub section: SpecSection,
    /// Index of the entry within its section (0-based, as in the key path).
    pub index: usize,
    /// Name of the entry, as written (may be empty when the name is the problem).
    pub name: String,
    /// Key inside the entry, e.g. `fixed` or `move.sat`; empty for the entry as a whole.
    pub key: String,
}

impl ErrorLocation {
    fn rule(index: usize, name: &str, key: impl Into<String>) -> Self {
        Self {
            section: SpecSection::Rule,
            index,
            name: name.to_string(),
            key: key.into(),
        }
    }

    /// The TOML key path, e.g. `rules[3].fixed`, `add[0].date` or `name`.
    pub fn key_path(&self) -> String {
        let prefix = match self.section {
            SpecSection::Calendar => return self.key.clone(),
            SpecSection::Rule => "rules",
            SpecSection::Add => "add",
            SpecSection::Remove => "remove",
        };
        if self.key.is_empty() {
            format!("{prefix}[{}]", self.index)
        } else {
            format!("{prefix}[{}].{}", self.index, self.key)
        }
    }
}

impl fmt::Display for ErrorLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names are user text: `{:?}` escapes newlines so the message stays one line.
        let what = match self.section {
            SpecSection::Calendar => return write!(f, "calendar key `{}`", self.key_path()),
            SpecSection::Rule => "rule",
            SpecSection::Add => "add entry",
            SpecSection::Remove => "remove entry",
        };
        write!(
            f,
            "{what} {} ({:?}), key `{}`",
            self.index,
            self.name,
            self.key_path()
        )
    }
}

/// Everything that can be wrong with a [`HolidaySpec`]. Each variant carries an
/// [`ErrorLocation`]; the `Display` text is a single line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayError {
    #[error("{at}: name must not be empty")]
    EmptyName { at: ErrorLocation },
    #[error("{at}: {value:?} is not a month-day like \"01-06\"")]
    BadMonthDay { at: ErrorLocation, value: String },
    #[error("{at}: {value:?} is not a date like \"2020-10-25\"")]
    BadDate { at: ErrorLocation, value: String },
    #[error("{at}: month {month} is out of range 1-12")]
    MonthOutOfRange { at: ErrorLocation, month: i64 },
    #[error("{at}: day {day} does not exist in month {month}")]
    DayOutOfRange {
        at: ErrorLocation,
        month: u32,
        day: i64,
    },
    #[error("{at}: nth {nth} must be 1 to 5, or -1 for the last")]
    NthOutOfRange { at: ErrorLocation, nth: i64 },
    #[error("{at}: unknown weekday {value:?} (use mon..sun or a full English name)")]
    UnknownWeekday { at: ErrorLocation, value: String },
    #[error("{at}: weekday {weekday} is given more than once")]
    DuplicateWeekday { at: ErrorLocation, weekday: String },
    #[error("{at}: weekday list must not be empty")]
    EmptyWeekdayList { at: ErrorLocation },
    #[error(
        "{at}: no date kind; set exactly one of `fixed`, `easter`, `month`+`weekday`+`nth`, `astronomical`"
    )]
    MissingDateKind { at: ErrorLocation },
    #[error("{at}: `{first}` and `{second}` are both set; a rule has exactly one date kind")]
    ConflictingDateKinds {
        at: ErrorLocation,
        first: &'static str,
        second: &'static str,
    },
    #[error("{at}: missing; it is required with `{required_by}`")]
    MissingKey {
        at: ErrorLocation,
        required_by: &'static str,
    },
    #[error("{at}: not allowed here: {reason}")]
    KeyNotAllowed {
        at: ErrorLocation,
        reason: &'static str,
    },
    #[error("{at}: Easter offset {offset} is out of range -{max}..={max}", max = MAX_EASTER_OFFSET)]
    EasterOffsetOutOfRange { at: ErrorLocation, offset: i64 },
    #[error(
        "{at}: unknown astronomical event {value:?} (use march-equinox, june-solstice, september-equinox or december-solstice)"
    )]
    UnknownAstronomicalEvent { at: ErrorLocation, value: String },
    #[error("{at}: {value:?} is not a UTC offset like \"-04:00\" (at most ±14:00)")]
    BadUtcOffset { at: ErrorLocation, value: String },
    #[error("{at}: year {year} is out of range {MIN_RULE_YEAR}-{MAX_RULE_YEAR}")]
    YearOutOfRange { at: ErrorLocation, year: i64 },
    #[error("{at}: since {since} is after until {until}")]
    SinceAfterUntil {
        at: ErrorLocation,
        since: i64,
        until: i64,
    },
    #[error("{at}: every {every} must be at least 1")]
    EveryOutOfRange { at: ErrorLocation, every: i64 },
    #[error("{at}: shift of {offset} days is out of range -{max}..={max}", max = MAX_SHIFT)]
    ShiftOutOfRange { at: ErrorLocation, offset: i64 },
    #[error("{at}: {date} is outside the supported years {FIRST_YEAR}-{LAST_YEAR}")]
    DateOutsideCalendar { at: ErrorLocation, date: NaiveDate },
    #[error("{at}: no holiday produced by the rules matches {date}")]
    RemoveMatchesNothing { at: ErrorLocation, date: NaiveDate },
}

impl HolidayError {
    /// Where the error is.
    pub fn location(&self) -> &ErrorLocation {
        use HolidayError::*;
        match self {
            EmptyName { at }
            | BadMonthDay { at, .. }
            | BadDate { at, .. }
            | MonthOutOfRange { at, .. }
            | DayOutOfRange { at, .. }
            | NthOutOfRange { at, .. }
            | UnknownWeekday { at, .. }
            | DuplicateWeekday { at, .. }
            | EmptyWeekdayList { at }
            | MissingDateKind { at }
            | ConflictingDateKinds { at, .. }
            | MissingKey { at, .. }
            | KeyNotAllowed { at, .. }
            | EasterOffsetOutOfRange { at, .. }
            | UnknownAstronomicalEvent { at, .. }
            | BadUtcOffset { at, .. }
            | YearOutOfRange { at, .. }
            | SinceAfterUntil { at, .. }
            | EveryOutOfRange { at, .. }
            | ShiftOutOfRange { at, .. }
            | DateOutsideCalendar { at, .. }
            | RemoveMatchesNothing { at, .. } => at,
        }
    }

    /// The TOML key path of the offending value, e.g. `rules[3].fixed`, so a
    /// loader can point at the line in the file.
    pub fn key_path(&self) -> String {
        self.location().key_path()
    }
}

// ---------------------------------------------------------------------------
// Date arithmetic
// ---------------------------------------------------------------------------

/// Gregorian Easter Sunday of `year` (anonymous Gregorian algorithm, also known as
/// the Meeus/Jones/Butcher computus). `None` only for years chrono cannot represent.
///
/// ```
/// use chrono::NaiveDate;
/// use slaudit::holidays::easter_sunday;
///
/// assert_eq!(easter_sunday(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
/// assert_eq!(easter_sunday(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // i64 and Euclidean division keep every step total for any i32 year.
    let y = i64::from(year);
    let a = y.rem_euclid(19); // position in the 19-year Metonic cycle
    let b = y.div_euclid(100); // century
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25); // lunar correction
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30); // epact-like moon age
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7); // days to the next Sunday
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// An equinox or solstice, for the `astronomical` date kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonEvent {
    MarchEquinox,
    JuneSolstice,
    SeptemberEquinox,
    DecemberSolstice,
}

impl SeasonEvent {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "march-equinox" => Some(Self::MarchEquinox),
            "june-solstice" => Some(Self::JuneSolstice),
            "september-equinox" => Some(Self::SeptemberEquinox),
            "december-solstice" => Some(Self::DecemberSolstice),
            _ => None,
        }
    }
}

/// Periodic terms (amplitude, phase in degrees, rate in degrees per Julian
/// century) of the standard low-precision equinox/solstice series (Meeus,
/// "Astronomical Algorithms", ch. 27). They correct the mean instant by up to
/// about half an hour.
const SEASON_TERMS: [(f64, f64, f64); 24] = [
    (485.0, 324.96, 1934.136),
    (203.0, 337.23, 32964.467),
    (199.0, 342.08, 20.186),
    (182.0, 27.85, 445267.112),
    (156.0, 73.14, 45036.886),
    (136.0, 171.52, 22518.443),
    (77.0, 222.54, 65928.934),
    (74.0, 296.72, 3034.906),
    (70.0, 243.58, 9037.513),
    (58.0, 119.81, 33718.147),
    (52.0, 297.17, 150.678),
    (50.0, 21.02, 2281.226),
    (45.0, 247.54, 29929.562),
    (44.0, 325.15, 31555.956),
    (29.0, 60.93, 4443.417),
    (18.0, 155.12, 67555.328),
    (17.0, 288.79, 4562.452),
    (16.0, 198.04, 62894.029),
    (14.0, 199.76, 31436.921),
    (12.0, 95.39, 14577.848),
    (12.0, 287.11, 31931.756),
    (12.0, 320.81, 34777.259),
    (9.0, 227.73, 1222.114),
    (8.0, 15.45, 16859.074),
];

/// Julian Ephemeris Day of `event` in `year` (valid for years 1000-3000, error
/// well under a quarter of an hour in 1900-2300).
fn season_event_jde(year: i32, event: SeasonEvent) -> f64 {
    let y = (f64::from(year) - 2000.0) / 1000.0;
    // Mean instant: polynomial in millennia from J2000.
    let c: [f64; 5] = match event {
        SeasonEvent::MarchEquinox => [2451623.80984, 365242.37404, 0.05169, -0.00411, -0.00057],
        SeasonEvent::JuneSolstice => [2451716.56767, 365241.62603, 0.00325, 0.00888, -0.00030],
        SeasonEvent::SeptemberEquinox => [2451810.21715, 365242.01767, -0.11575, 0.00337, 0.00078],
        SeasonEvent::DecemberSolstice => [2451900.05952, 365242.74049, -0.06223, -0.00823, 0.00032],
    };
    let jde0 = c[0] + y * (c[1] + y * (c[2] + y * (c[3] + y * c[4])));
    let t = (jde0 - 2451545.0) / 36525.0;
    let w = (35999.373 * t - 2.47).to_radians();
    let dl = 1.0 + 0.0334 * w.cos() + 0.0007 * (2.0 * w).cos();
    let s: f64 = SEASON_TERMS
        .iter()
        .map(|&(a, b, r)| a * (b + r * t).to_radians().cos())
        .sum();
    jde0 + 0.00001 * s / dl
}

/// Civil date of an equinox or solstice at a fixed UTC offset (in minutes).
///
/// The difference between terrestrial and universal time (about a minute
/// nowadays) is ignored: it only matters when the event falls within a minute
/// of local midnight.
///
/// ```
/// use chrono::NaiveDate;
/// use slaudit::holidays::{season_event_date, SeasonEvent};
///
/// // June solstice 2025: 02:42 UTC on June 21, i.e. 22:42 on June 20 at UTC-4.
/// assert_eq!(
///     season_event_date(2025, SeasonEvent::JuneSolstice, -240),
///     NaiveDate::from_ymd_opt(2025, 6, 20)
/// );
/// assert_eq!(
///     season_event_date(2025, SeasonEvent::JuneSolstice, 0),
///     NaiveDate::from_ymd_opt(2025, 6, 21)
/// );
/// ```
pub fn season_event_date(
    year: i32,
    event: SeasonEvent,
    utc_offset_minutes: i32,
) -> Option<NaiveDate> {
    if !(1000..=3000).contains(&year) {
        // Outside the validity of the series; refuse rather than guess.
        return None;
    }
    let jd = season_event_jde(year, event) + f64::from(utc_offset_minutes) / 1440.0;
    // Julian days start at noon: +0.5 makes the integer part the civil day number.
    let day_number = (jd + 0.5).floor();
    // JDN 2440588 is 1970-01-01; the range check above keeps this cast exact.
    let from_epoch = day_number as i64 - 2_440_588;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    shift(epoch, from_epoch)
}

/// `date` moved by `days` (either sign); `None` past chrono's range.
fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    }
}

/// The `nth` (1-5, or -1 for the last) `weekday` of `month`.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i8) -> Option<NaiveDate> {
    if nth > 0 {
        return NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth.unsigned_abs());
    }
    let (next_year, next_month) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    let last = NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    shift(last, -i64::from(back))
}

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
struct Rule {
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
    fn occurrences(&self, year: i32, out: &mut Vec<(NaiveDate, String)>) {
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

fn validate_rule(index: usize, spec: &RuleSpec) -> Result<Rule, HolidayError> {
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

fn one_off_date(
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

// ---------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------

/// One holiday date. When several holidays share a date, `name` joins them with `"; "`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// The holidays of a calendar for [`FIRST_YEAR`]..=[`LAST_YEAR`]: its rules are
/// checked when it is built, the dates are computed the first time a run asks for
/// one (listing contracts never does).
#[derive(Debug, Clone)]
pub struct HolidayCalendar {
    name: String,
    rules: Vec<Rule>,
    /// `[[remove]]` entries: the date and, when given, the name they take away.
    remove: Vec<(NaiveDate, Option<String>)>,
    /// `[[add]]` entries.
    add: Vec<(NaiveDate, String)>,
    dates: OnceLock<Dates>,
}

/// Every holiday of the supported years, sorted by date, one entry per date.
#[derive(Debug, Clone, Default)]
struct Dates {
    holidays: Vec<Holiday>,
    /// One bit per day since 1970-01-01 (day number, see [`crate::zone`]): set on
    /// holidays, for constant-time lookups in the clock engine.
    bits: Vec<u64>,
}

/// Builds the day bitset of a sorted holiday list.
fn day_bits(holidays: &[Holiday]) -> Vec<u64> {
    let mut bits = Vec::new();
    for h in holidays {
        let day =
            crate::zone::days_from_civil(i64::from(h.date.year()), h.date.month(), h.date.day());
        if let Ok(day) = usize::try_from(day) {
            if bits.len() <= day / 64 {
                bits.resize(day / 64 + 1, 0);
            }
            bits[day / 64] |= 1 << (day % 64);
        }
    }
    bits
}

/// The rules' dates in `years` (a date may come from a rule of a neighbouring
/// year: shifts and Easter offsets can carry it across New Year, e.g. Jan 1
/// observed on Dec 31), in year then rule order.
fn rule_dates(rules: &[Rule], years: RangeInclusive<i32>) -> Vec<(NaiveDate, String)> {
    let mut entries: Vec<(NaiveDate, String)> = Vec::new();
    for year in (years.start() - 1)..=(years.end() + 1) {
        for rule in rules {
            rule.occurrences(year, &mut entries);
        }
    }
    entries.retain(|(d, _)| years.contains(&d.year()));
    entries
}

/// Takes away the dates `remove` names; the index of the first entry that takes
/// away nothing is the error.
fn apply_removals(
    entries: &mut Vec<(NaiveDate, String)>,
    remove: &[(NaiveDate, Option<String>)],
) -> Result<(), usize> {
    for (index, (date, name)) in remove.iter().enumerate() {
        let before = entries.len();
        entries.retain(|(d, n)| {
            let name_matches = name.as_ref().map_or(true, |want| want == n);
            !(d == date && name_matches)
        });
        if entries.len() == before {
            return Err(index);
        }
    }
    Ok(())
}

impl HolidayCalendar {
    /// Validates `spec`: its rules, and that every `[[remove]]` takes away a date
    /// its rules give. The dates themselves are computed on first use.
    pub fn from_spec(spec: &HolidaySpec) -> Result<Self, HolidayError> {
        if spec.name.trim().is_empty() {
            return Err(HolidayError::EmptyName {
                at: ErrorLocation {
                    section: SpecSection::Calendar,
                    index: 0,
                    name: String::new(),
                    key: "name".to_string(),
                },
            });
        }
        let rules = spec
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| validate_rule(i, r))
            .collect::<Result<Vec<_>, _>>()?;

        let mut remove = Vec::with_capacity(spec.remove.len());
        for (index, rm) in spec.remove.iter().enumerate() {
            let label = rm.name.as_deref().unwrap_or("");
            let date = one_off_date(SpecSection::Remove, index, label, &rm.date)?;
            remove.push((date, rm.name.clone()));
        }
        // Each removal must take away something: only the years they name are
        // computed to check it.
        let mut years: Vec<i32> = remove.iter().map(|(d, _)| d.year()).collect();
        years.sort_unstable();
        years.dedup();
        // The first removal (in file order) that takes away nothing is reported.
        let mut first_bad: Option<usize> = None;
        for year in years {
            let mut entries = rule_dates(&rules, year..=year);
            let mut this_year = Vec::new();
            let mut indices = Vec::new();
            for (i, r) in remove.iter().enumerate() {
                if r.0.year() == year {
                    this_year.push(r.clone());
                    indices.push(i);
                }
            }
            if let Err(k) = apply_removals(&mut entries, &this_year) {
                first_bad = Some(first_bad.map_or(indices[k], |b| b.min(indices[k])));
            }
        }
        if let Some(index) = first_bad {
            let rm = &spec.remove[index];
            return Err(HolidayError::RemoveMatchesNothing {
                at: ErrorLocation {
                    section: SpecSection::Remove,
                    index,
                    name: rm.name.clone().unwrap_or_default(),
                    key: if rm.name.is_some() { "name" } else { "date" }.to_string(),
                },
                date: remove[index].0,
            });
        }

        let mut add = Vec::with_capacity(spec.add.len());
        for (index, a) in spec.add.iter().enumerate() {
            if a.name.trim().is_empty() {
                return Err(HolidayError::EmptyName {
                    at: ErrorLocation {
                        section: SpecSection::Add,
                        index,
                        name: a.name.clone(),
                        key: "name".to_string(),
                    },
                });
            }
            let date = one_off_date(SpecSection::Add, index, &a.name, &a.date)?;
            add.push((date, a.name.clone()));
        }

        Ok(Self {
            name: spec.name.clone(),
            rules,
            remove,
            add,
            dates: OnceLock::new(),
        })
    }

    fn dates(&self) -> &Dates {
        self.dates.get_or_init(|| {
            let mut entries = rule_dates(&self.rules, FIRST_YEAR..=LAST_YEAR);
            // Checked in `from_spec`: every removal takes something away.
            let _ = apply_removals(&mut entries, &self.remove);
            entries.extend(self.add.iter().cloned());
            // Stable sort keeps rule order among names sharing a date.
            entries.sort_by_key(|(d, _)| *d);
            let mut holidays: Vec<Holiday> = Vec::with_capacity(entries.len());
            for (date, name) in entries {
                match holidays.last_mut() {
                    Some(last) if last.date == date => {
                        if !last.name.split("; ").any(|n| n == name) {
                            last.name.push_str("; ");
                            last.name.push_str(&name);
                        }
                    }
                    _ => holidays.push(Holiday { date, name }),
                }
            }
            Dates {
                bits: day_bits(&holidays),
                holidays,
            }
        })
    }

    /// A calendar without holidays (for contracts that count every weekday).
    pub fn empty(name: &str) -> Self {
        Self {
            name: name.to_string(),
            rules: Vec::new(),
            remove: Vec::new(),
            add: Vec::new(),
            dates: OnceLock::from(Dates::default()),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn find(&self, d: NaiveDate) -> Option<&Holiday> {
        let holidays = &self.dates().holidays;
        holidays
            .binary_search_by_key(&d, |h| h.date)
            .ok()
            .and_then(|i| holidays.get(i))
    }

    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.find(d).is_some()
    }

    /// Whether day number `day` (days since 1970-01-01) is a holiday.
    pub fn is_holiday_day(&self, day: i64) -> bool {
        usize::try_from(day).is_ok_and(|d| {
            self.dates()
                .bits
                .get(d / 64)
                .is_some_and(|w| w & (1 << (d % 64)) != 0)
        })
    }

    /// Whether any of the `n` days from day number `day` is a holiday.
    pub fn any_holiday_in(&self, day: i64, n: i64) -> bool {
        (day..day + n).any(|d| self.is_holiday_day(d))
    }

    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.find(d).map(|h| h.name.as_str())
    }

    /// The holidays of `year`, sorted (empty outside the supported years).
    pub fn in_year(&self, year: i32) -> Vec<Holiday> {
        let holidays = &self.dates().holidays;
        let start = holidays.partition_point(|h| h.date.year() < year);
        let end = holidays.partition_point(|h| h.date.year() <= year);
        holidays.get(start..end).unwrap_or_default().to_vec()
    }

    /// The first holiday on or after `d`, if any within the supported years.
    pub fn first_on_or_after(&self, d: NaiveDate) -> Option<NaiveDate> {
        let holidays = &self.dates().holidays;
        let i = holidays.partition_point(|h| h.date < d);
        holidays.get(i).map(|h| h.date)
    }

    /// Every holiday, sorted by date.
    pub fn holidays(&self) -> &[Holiday] {
        &self.dates().holidays
    }
}
