//! Rule-based public-holiday engine: a calendar is data (a [`HolidaySpec`], usually
//! read from a TOML file) and this module turns it into a precomputed, sorted
//! [`HolidayCalendar`] that answers "is this day a holiday?" by binary search.
//!
//! Nothing here knows about any particular country: every national rule lives in
//! the calendar files (see `contracts/calendars/`). The module is pure (no I/O) and
//! never panics on user data; every mistake in a spec comes back as a
//! [`HolidayError`] naming the rule and the TOML key at fault.
//!
//! The calendar is here; the spec and its rules are in `rules`, the dates that
//! take computing (Easter, equinoxes and solstices, nth weekdays) in
//! `astronomy`, the limits and the error in `error`. Every public item is
//! re-exported here.
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

mod astronomy;
mod error;
mod rules;

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

pub use astronomy::{easter_sunday, season_event_date, SeasonEvent};
pub use error::{ErrorLocation, HolidayError, SpecSection, FIRST_YEAR, LAST_YEAR};
use rules::{one_off_date, validate_rule, Rule};
pub use rules::{AddSpec, HolidaySpec, RemoveSpec, RuleSpec};

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
