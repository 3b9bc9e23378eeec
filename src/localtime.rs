//! The one place where local wall-clock times become instants, and where the
//! DST policy is decided. Every other module calls these functions.
//!
//! Two policies exist, each for one purpose:
//!
//! * **Strict** ([`resolve_strict`]), for timestamps typed by people or exported
//!   by help desks without an offset: a wall time that does not exist (spring
//!   forward gap) or that occurs twice (fall back) is an error, because guessing
//!   could move a ticket by an hour.
//! * **Forward** ([`resolve_forward`]), for times the contract defines (opening
//!   and closing times, "same wall time N calendar days later"): a wall time in a
//!   gap moves forward by the length of the gap (02:30 becomes 03:30 on a
//!   one-hour spring-forward day); a wall time that occurs twice takes the first
//!   (earlier) occurrence.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::zone::{self, civil_from_days, days_from_civil, Local};

/// Years for which timestamps are accepted (holiday calendars are precomputed for them).
pub const FIRST_YEAR: i32 = crate::holidays::FIRST_YEAR;
pub const LAST_YEAR: i32 = crate::holidays::LAST_YEAR;

/// Why a naive local time could not be turned into one instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalTimeError {
    #[error("{naive} does not exist in {tz} (skipped by a daylight-saving change); give an explicit offset")]
    Gap { naive: NaiveDateTime, tz: Tz },
    #[error("{naive} is ambiguous in {tz} (it occurs twice when clocks fall back); give an explicit offset")]
    Ambiguous { naive: NaiveDateTime, tz: Tz },
}

/// Strict policy: exactly one instant or an error.
pub fn resolve_strict(tz: Tz, naive: NaiveDateTime) -> Result<DateTime<Utc>, LocalTimeError> {
    match zone::table(tz).from_local(naive.and_utc().timestamp()) {
        Local::Single(t) => Ok(instant(t)),
        Local::Ambiguous { .. } => Err(LocalTimeError::Ambiguous { naive, tz }),
        Local::Gap { .. } => Err(LocalTimeError::Gap { naive, tz }),
    }
}

/// Forward policy: gap moves forward by its length, ambiguity takes the earlier instant.
///
/// ```
/// use chrono::NaiveDate;
/// use chrono_tz::America::Los_Angeles;
/// // 2026-03-08 02:30 does not exist in Los Angeles (clocks jump 02:00 -> 03:00):
/// // it becomes 03:30 PDT = 10:30 UTC.
/// let naive = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// let t = slaudit::localtime::resolve_forward(Los_Angeles, naive);
/// assert_eq!(t.to_rfc3339(), "2026-03-08T10:30:00+00:00");
/// ```
pub fn resolve_forward(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    instant(forward(tz, naive.and_utc().timestamp()))
}

/// [`resolve_forward`] on local seconds (wall time counted as if it were UTC).
pub fn forward(tz: Tz, local: i64) -> i64 {
    zone::table(tz).forward(local)
}

/// Same local wall time `days` calendar days later, with the forward policy
/// (a wall time that does not exist that day moves past the gap); `None`
/// beyond the supported years. The one place where calendar days are added.
pub fn add_calendar_days(tz: Tz, t: i64, days: u32) -> Option<i64> {
    add_calendar_days_in(zone::table(tz), t, days)
}

/// [`add_calendar_days`] with the zone table at hand.
pub fn add_calendar_days_in(zone: &zone::ZoneTable, t: i64, days: u32) -> Option<i64> {
    let later = zone.to_local(t) + i64::from(days) * 86_400;
    let end_day = days_from_civil(i64::from(LAST_YEAR) + 1, 1, 1);
    (later.div_euclid(86_400) < end_day).then(|| zone.forward(later))
}

fn instant(t: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default()
}

/// The instant of a wall time on a local day (day number since 1970-01-01, time in
/// seconds since midnight; 86 400 = the next midnight), with the forward policy.
pub fn wall_instant_day(tz: Tz, day: i64, secs_of_day: u32) -> i64 {
    forward(tz, day * 86_400 + i64::from(secs_of_day))
}

/// [`wall_instant_day`] for a calendar date.
pub fn wall_instant(tz: Tz, date: NaiveDate, secs_of_day: u32) -> i64 {
    wall_instant_day(tz, day_number(date), secs_of_day)
}

/// Day number (days since 1970-01-01) of a date.
pub fn day_number(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    days_from_civil(i64::from(date.year()), date.month(), date.day())
}

/// The local day number of an instant in `tz`.
pub fn local_day(tz: Tz, t: i64) -> i64 {
    zone::table(tz).to_local(t).div_euclid(86_400)
}

/// The local calendar date of an instant in `tz`.
pub fn local_date(tz: Tz, t: i64) -> NaiveDate {
    to_local(tz, t).date()
}

/// The local wall-clock date-time of an instant.
pub fn to_local(tz: Tz, t: i64) -> NaiveDateTime {
    instant(zone::table(tz).to_local(t)).naive_utc()
}

/// The UTC offset in seconds in force at an instant.
pub fn offset_at(tz: Tz, t: i64) -> i32 {
    zone::table(tz).offset_at(t)
}

/// Formats an instant as RFC 3339 in `tz`, to the second (`2026-03-20T16:30:00-05:00`).
///
/// ```
/// let t = slaudit::localtime::parse_timestamp("2026-03-20T21:30:00Z", chrono_tz::UTC).unwrap();
/// assert_eq!(slaudit::localtime::format_rfc3339(chrono_tz::America::Bogota, t), "2026-03-20T16:30:00-05:00");
/// ```
pub fn format_rfc3339(tz: Tz, t: i64) -> String {
    let mut buf = [0u8; 32];
    let n = write_rfc3339(tz, t, &mut buf);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// Writes an instant as RFC 3339 in `tz` into `buf`; returns the length (25 bytes
/// for years 0-9999).
pub fn write_rfc3339(tz: Tz, t: i64, buf: &mut [u8; 32]) -> usize {
    write_rfc3339_in(zone::table(tz), t, buf)
}

/// [`write_rfc3339`] with the zone's table already at hand (the output hot path).
pub fn write_rfc3339_in(zone: &zone::ZoneTable, t: i64, buf: &mut [u8; 32]) -> usize {
    let off = zone.offset_at(t);
    let local = t + i64::from(off);
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    let (hh, mm, ss) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if !(0..=9999).contains(&y) {
        let s = format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}");
        let n = s.len().min(32);
        buf[..n].copy_from_slice(&s.as_bytes()[..n]);
        return n;
    }
    let two = |b: &mut [u8], v: i64| {
        b[0] = b'0' + (v / 10) as u8;
        b[1] = b'0' + (v % 10) as u8;
    };
    two(&mut buf[0..2], y / 100);
    two(&mut buf[2..4], y % 100);
    buf[4] = b'-';
    two(&mut buf[5..7], i64::from(m));
    buf[7] = b'-';
    two(&mut buf[8..10], i64::from(d));
    buf[10] = b'T';
    two(&mut buf[11..13], hh);
    buf[13] = b':';
    two(&mut buf[14..16], mm);
    buf[16] = b':';
    two(&mut buf[17..19], ss);
    let a = i64::from(off.abs());
    buf[19] = if off < 0 { b'-' } else { b'+' };
    two(&mut buf[20..22], a / 3600);
    buf[22] = b':';
    two(&mut buf[23..25], a % 3600 / 60);
    25
}

/// Writes many RFC 3339 times in one zone, remembering the last offset span and
/// the dates of recent days, since the times of one export cluster together (a
/// ticket's creation, due instants and events are a few days apart).
#[derive(Debug, Clone)]
pub struct TimeWriter {
    zone: &'static zone::ZoneTable,
    /// `[lo, hi)` instants where `off` is in force.
    span: (i64, i64),
    off: i32,
    /// `+HH:MM` of `off`.
    suffix: [u8; 6],
    /// `YYYY-MM-DDT` of recent local days, each in slot `day % DATE_SLOTS`.
    dates: [(i64, [u8; 11]); DATE_SLOTS],
    /// The last instant written, and its text (a ticket's clock often starts at
    /// its creation).
    last: (i64, [u8; 25]),
}

const DATE_SLOTS: usize = 16;

impl TimeWriter {
    pub fn new(tz: Tz) -> Self {
        TimeWriter {
            zone: zone::table(tz),
            span: (1, 0),
            off: 0,
            suffix: [0; 6],
            dates: [(i64::MIN, [0; 11]); DATE_SLOTS],
            last: (i64::MIN, [0; 25]),
        }
    }

    /// Appends `t` as RFC 3339 (`2026-03-20T16:30:00-05:00`).
    pub fn write(&mut self, t: i64, out: &mut Vec<u8>) {
        if t == self.last.0 {
            out.extend_from_slice(&self.last.1);
            return;
        }
        if !(self.span.0 <= t && t < self.span.1) {
            let (lo, hi, off) = self.zone.span_at(t);
            self.span = (lo, hi);
            self.off = off;
            let a = off.unsigned_abs();
            let (h, m) = (a / 3600, a % 3600 / 60);
            self.suffix = [
                if off < 0 { b'-' } else { b'+' },
                b'0' + (h / 10) as u8,
                b'0' + (h % 10) as u8,
                b':',
                b'0' + (m / 10) as u8,
                b'0' + (m % 10) as u8,
            ];
        }
        let local = t + i64::from(self.off);
        let day = local.div_euclid(86_400);
        let slot = day.rem_euclid(DATE_SLOTS as i64) as usize;
        if self.dates[slot].0 != day {
            let (y, m, d) = civil_from_days(day);
            if !(0..=9999).contains(&y) {
                let mut buf = [0u8; 32];
                let n = write_rfc3339_in(self.zone, t, &mut buf);
                out.extend_from_slice(&buf[..n]);
                return;
            }
            let y = y as u32;
            self.dates[slot] = (
                day,
                [
                    b'0' + (y / 1000) as u8,
                    b'0' + (y / 100 % 10) as u8,
                    b'0' + (y / 10 % 10) as u8,
                    b'0' + (y % 10) as u8,
                    b'-',
                    b'0' + (m / 10) as u8,
                    b'0' + (m % 10) as u8,
                    b'-',
                    b'0' + (d / 10) as u8,
                    b'0' + (d % 10) as u8,
                    b'T',
                ],
            );
        }
        let secs = local.rem_euclid(86_400) as u32;
        let (hh, mm, ss) = (secs / 3600, secs % 3600 / 60, secs % 60);
        // One copy of a fixed-size buffer instead of three slices.
        let mut buf = [0u8; 25];
        buf[..11].copy_from_slice(&self.dates[slot].1);
        buf[11..19].copy_from_slice(&[
            b'0' + (hh / 10) as u8,
            b'0' + (hh % 10) as u8,
            b':',
            b'0' + (mm / 10) as u8,
            b'0' + (mm % 10) as u8,
            b':',
            b'0' + (ss / 10) as u8,
            b'0' + (ss % 10) as u8,
        ]);
        buf[19..].copy_from_slice(&self.suffix);
        out.extend_from_slice(&buf);
        self.last = (t, buf);
    }
}

/// Why a timestamp field could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    #[error("'{0}' is not a timestamp (expected RFC 3339 like 2026-03-20T16:30:00-05:00, or YYYY-MM-DD HH:MM[:SS] in the contract's time zone)")]
    Syntax(String),
    #[error("'{value}' is outside the supported years {FIRST_YEAR}-{LAST_YEAR}")]
    OutOfRange { value: String },
    #[error("'{value}' is {local} in {zone}, {side} the supported years {FIRST_YEAR}-{LAST_YEAR}")]
    OutOfRangeInZone {
        value: String,
        local: String,
        zone: String,
        side: &'static str,
    },
    #[error("'{value}' does not match {patterns}")]
    Pattern { value: String, patterns: String },
    #[error("'{value}': {source}")]
    Local {
        value: String,
        #[source]
        source: LocalTimeError,
    },
}

/// Reads a timestamp: RFC 3339 with an offset (`Z` or `±HH:MM`, `T` or a space
/// between date and time), or a naive `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DDTHH:MM[:SS]`
/// read in `tz` with the strict policy. Fractions of a second are dropped
/// (precision is one second). Returns Unix seconds.
///
/// ```
/// use chrono_tz::America::Bogota;
/// use slaudit::localtime::parse_timestamp;
/// let a = parse_timestamp("2026-03-20T16:30:00-05:00", Bogota).unwrap();
/// let b = parse_timestamp("2026-03-20 16:30", Bogota).unwrap();
/// assert_eq!(a, b);
/// ```
pub fn parse_timestamp(s: &str, tz: Tz) -> Result<i64, TimestampError> {
    let v = crate::text::trim(s);
    let syntax = || TimestampError::Syntax(crate::text::clip(v).into_owned());
    let b = v.as_bytes();
    if b.len() < 16 {
        return Err(syntax());
    }
    let year = digits(b, 0, 4).ok_or_else(syntax)? as i32;
    if b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || b[13] != b':'
    {
        return Err(syntax());
    }
    let month = digits(b, 5, 2).ok_or_else(syntax)?;
    let day = digits(b, 8, 2).ok_or_else(syntax)?;
    let hour = digits(b, 11, 2).ok_or_else(syntax)?;
    let minute = digits(b, 14, 2).ok_or_else(syntax)?;
    let mut i = 16;
    let mut second = 0;
    if b.len() > 16 && b[16] == b':' {
        second = digits(b, 17, 2).ok_or_else(syntax)?;
        i = 19;
        if b.len() > i && (b[i] == b'.' || b[i] == b',') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return Err(syntax());
            }
        }
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(syntax());
    }
    // 23:59:60 (leap second) is read as 23:59:59: precision is one second.
    if hour > 23 || minute > 59 || second > 60 {
        return Err(syntax());
    }
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(TimestampError::OutOfRange {
            value: crate::text::clip(v).into_owned(),
        });
    }
    let local = days_from_civil(i64::from(year), month, day) * 86_400
        + i64::from(hour * 3600 + minute * 60 + second.min(59));
    let rest = &b[i..];
    let rest = if rest.first() == Some(&b' ') {
        &rest[1..]
    } else {
        rest
    };
    match rest {
        [] => match zone::table(tz).from_local(local) {
            Local::Single(t) => Ok(t),
            other => {
                let naive = instant(local).naive_utc();
                let source = match other {
                    Local::Gap { .. } => LocalTimeError::Gap { naive, tz },
                    _ => LocalTimeError::Ambiguous { naive, tz },
                };
                Err(TimestampError::Local {
                    value: crate::text::clip(v).into_owned(),
                    source,
                })
            }
        },
        [b'Z'] | [b'z'] => in_range(tz, local, v),
        [sign @ (b'+' | b'-'), ..] => {
            let (oh, om) = match rest.len() {
                6 if rest[3] == b':' => (digits(rest, 1, 2), digits(rest, 4, 2)),
                5 => (digits(rest, 1, 2), digits(rest, 3, 2)),
                3 => (digits(rest, 1, 2), Some(0)),
                _ => (None, None),
            };
            let (oh, om) = (oh.ok_or_else(syntax)?, om.ok_or_else(syntax)?);
            if oh > 23 || om > 59 {
                return Err(syntax());
            }
            let off = i64::from(oh * 3600 + om * 60);
            in_range(
                tz,
                if *sign == b'-' {
                    local + off
                } else {
                    local - off
                },
                v,
            )
        }
        _ => Err(syntax()),
    }
}

/// Timestamp patterns of a help desk's export (chrono `strftime` syntax), with
/// month names of its language. Checked when built; see [`parse_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// (pattern, whether it reads an offset), tried in order.
    list: Vec<(String, bool)>,
    /// (the export's month word in lower case, the English abbreviation).
    months: Vec<(String, String)>,
    /// The first pattern is slaudit's own `YYYY-MM-DD HH:MM[:SS]` (with a
    /// space or `T`): values are read by [`parse_timestamp`] first, which reads
    /// those the same way, faster.
    iso_first: bool,
}

impl Patterns {
    /// Checks each pattern: `Err` names the first that chrono cannot use, or
    /// one without a date and time of day.
    pub fn new(list: &[String], months: &[(String, String)]) -> Result<Self, String> {
        use chrono::format::{Item, StrftimeItems};
        let mut out = Vec::new();
        for p in list {
            let items: Vec<Item> = StrftimeItems::new(p).collect();
            if items.iter().any(|i| matches!(i, Item::Error)) {
                return Err(format!("'{p}' is not a valid strftime pattern"));
            }
            let offset = p.contains("%z") || p.contains("%:z") || p.contains("%#z");
            // Every pattern must read a full date and a time of day: try it on
            // an instant written with it.
            let sample = chrono::NaiveDate::from_ymd_opt(2026, 3, 14)
                .and_then(|d| d.and_hms_opt(16, 30, 5))
                .ok_or("bad sample")?;
            let written = if offset {
                sample.and_utc().fixed_offset().format(p).to_string()
            } else {
                sample.format(p).to_string()
            };
            let back = if offset {
                chrono::DateTime::parse_from_str(&written, p)
                    .map(|d| d.naive_utc())
                    .ok()
            } else {
                NaiveDateTime::parse_from_str(&written, p).ok()
            };
            if back.map(|b| b.date()) != Some(sample.date()) {
                return Err(format!(
                    "'{p}' does not read a full date and time (it writes {written})"
                ));
            }
            out.push((p.clone(), offset));
        }
        let iso = [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ];
        Ok(Patterns {
            iso_first: out.first().is_some_and(|(p, _)| iso.contains(&p.as_str())),
            list: out,
            months: months
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The patterns, for messages.
    pub fn shown(&self) -> String {
        self.list
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// `v` with the export's month words replaced by English abbreviations.
    fn english<'a>(&self, v: &'a str) -> std::borrow::Cow<'a, str> {
        if self.months.is_empty() || !v.bytes().any(|b| b >= b'A') {
            return v.into();
        }
        let mut out = String::with_capacity(v.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower = word.to_lowercase();
            let key = lower.trim_end_matches('.');
            match self.months.iter().find(|(k, _)| k == key) {
                Some((_, en)) => out.push_str(en),
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in v.chars() {
            if c.is_alphabetic() || (c == '.' && !word.is_empty()) {
                word.push(c);
            } else {
                if !word.is_empty() {
                    flush(&mut word, &mut out);
                }
                out.push(c);
            }
        }
        if !word.is_empty() {
            flush(&mut word, &mut out);
        }
        out.into()
    }
}

/// Reads a timestamp written with one of `patterns`: with an offset when the
/// pattern reads one, else local in `tz` (a local time that does not exist or
/// occurs twice there is an error, never a guess). The year must be supported.
///
/// ```
/// use slaudit::localtime::{parse_with, Patterns};
/// let p = Patterns::new(&["%d/%b/%y %I:%M %p".to_string()], &[("ene".into(), "Jan".into())]).unwrap();
/// let tz = chrono_tz::Europe::Madrid;
/// // 12:05 AM is five past midnight; "ene" is January.
/// assert_eq!(parse_with("03/ene/26 12:05 AM", &p, tz).unwrap(),
///            slaudit::localtime::parse_timestamp("2026-01-03 00:05", tz).unwrap());
/// assert!(parse_with("2026-01-03 00:05", &p, tz).is_err());
/// ```
pub fn parse_with(s: &str, patterns: &Patterns, tz: Tz) -> Result<i64, TimestampError> {
    let v = s.trim();
    if patterns.iso_first {
        match parse_timestamp(v, tz) {
            Err(TimestampError::Syntax(_)) => {}
            done => return done,
        }
    }
    let text = patterns.english(v);
    for (p, offset) in &patterns.list {
        if *offset {
            if let Ok(d) = chrono::DateTime::parse_from_str(&text, p) {
                let local = d.naive_local();
                if !(FIRST_YEAR..=LAST_YEAR).contains(&local.year()) {
                    return Err(TimestampError::OutOfRange {
                        value: crate::text::clip(v).into_owned(),
                    });
                }
                return in_range(tz, d.timestamp(), v);
            }
        } else if let Ok(naive) = NaiveDateTime::parse_from_str(&text, p) {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&naive.year()) {
                return Err(TimestampError::OutOfRange {
                    value: crate::text::clip(v).into_owned(),
                });
            }
            return resolve_strict(tz, naive)
                .map(|d| d.timestamp())
                .map_err(|source| TimestampError::Local {
                    value: crate::text::clip(v).into_owned(),
                    source,
                });
        }
    }
    Err(TimestampError::Pattern {
        value: crate::text::clip(v).into_owned(),
        patterns: patterns.shown(),
    })
}

/// An instant computed from others (a time plus a number of minutes) must fall
/// in the supported years once read in zone `tz`; `shown` is how the value is
/// named in the message.
pub fn check_range(tz: Tz, t: i64, shown: &str) -> Result<i64, TimestampError> {
    if !(-(1i64 << 40)..(1i64 << 40)).contains(&t) {
        return Err(TimestampError::OutOfRange {
            value: crate::text::clip(shown).into_owned(),
        });
    }
    in_range(tz, t, shown)
}

/// An instant given with an offset must still fall in the supported years once
/// read in the zone it will be shown in.
fn in_range(tz: Tz, t: i64, v: &str) -> Result<i64, TimestampError> {
    let local = zone::table(tz).to_local(t);
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    if (i64::from(FIRST_YEAR)..=i64::from(LAST_YEAR)).contains(&y) {
        Ok(t)
    } else {
        // The year as written is supported (checked before): only the zone
        // moves it out, so say what it is there.
        let secs = local.rem_euclid(86_400);
        Err(TimestampError::OutOfRangeInZone {
            value: crate::text::clip(v).into_owned(),
            local: format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}",
                secs / 3600,
                secs % 3600 / 60
            ),
            zone: tz.name().to_string(),
            side: if y < i64::from(FIRST_YEAR) {
                "before"
            } else {
                "after"
            },
        })
    }
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}
