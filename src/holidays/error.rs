//! What a calendar spec may ask for, and how a mistake in one is reported: the
//! supported years and the other limits the messages quote, and the error that
//! names the entry and the TOML key at fault.

use std::fmt;

use chrono::NaiveDate;

/// First year the calendar is precomputed for.
pub const FIRST_YEAR: i32 = 1970;
/// Last year the calendar is precomputed for.
pub const LAST_YEAR: i32 = 2199;

/// Largest shift a `move` / `observed` entry may ask for: a week either way is
/// enough for every "nearest Monday" style law and keeps typos (e.g. 70) visible.
pub(super) const MAX_SHIFT: i64 = 7;
/// Easter offsets stay within a year of Easter, so evaluating the neighbouring
/// years of the precomputed range is enough to catch every date inside it.
pub(super) const MAX_EASTER_OFFSET: i64 = 250;
/// Bounds for `since` / `until`: wide enough for any real law, narrow enough that
/// year arithmetic can never overflow.
pub(super) const MIN_RULE_YEAR: i64 = 1;
pub(super) const MAX_RULE_YEAR: i64 = 9999;

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
    pub(super) fn rule(index: usize, name: &str, key: impl Into<String>) -> Self {
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

/// Everything that can be wrong with a [`super::HolidaySpec`]. Each variant carries an
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
