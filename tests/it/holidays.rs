//! Holiday engine tests: the shipped calendars against an independent reference
//! (fixtures generated with the `holidays` package from PyPI), hand-worked dates,
//! and the validation errors of the TOML rule format.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};
use slaudit::holidays::{
    easter_sunday, season_event_date, HolidayCalendar, HolidayError, HolidaySpec, SeasonEvent,
    SpecSection, FIRST_YEAR, LAST_YEAR,
};

/// Years the reference fixtures cover.
const REF_FIRST: i32 = 2020;
const REF_LAST: i32 = 2035;

const CALENDARS: [&str; 5] = ["colombia", "chile", "spain", "us-federal", "mexico"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn shipped(stem: &str) -> HolidayCalendar {
    let path = root()
        .join("contracts/calendars")
        .join(format!("{stem}.toml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let spec: HolidaySpec = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} does not parse as a HolidaySpec: {e}", path.display()));
    HolidayCalendar::from_spec(&spec)
        .unwrap_or_else(|e| panic!("{} is rejected: {e}", path.display()))
}

/// Reference fixture: year -> (date -> name).
fn fixture(stem: &str) -> BTreeMap<i32, BTreeMap<NaiveDate, String>> {
    let path = root()
        .join("tests/fixtures/holidays")
        .join(format!("{stem}.csv"));
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .has_headers(true)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut by_year: BTreeMap<i32, BTreeMap<NaiveDate, String>> = BTreeMap::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap_or_else(|e| panic!("{} row {i}: {e}", path.display()));
        let day = NaiveDate::parse_from_str(&row[0], "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{} row {i}: bad date {:?}: {e}", path.display(), &row[0]));
        by_year
            .entry(day.year())
            .or_default()
            .insert(day, row[1].to_string());
    }
    by_year
}

fn fixture_header(stem: &str) -> String {
    let path = root()
        .join("tests/fixtures/holidays")
        .join(format!("{stem}.csv"));
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compares one shipped calendar with its reference fixture, year by year, and
/// fails with every missing and extra date listed.
fn assert_matches_reference(stem: &str) {
    let cal = shipped(stem);
    let reference = fixture(stem);
    let mut problems = Vec::new();
    for year in REF_FIRST..=REF_LAST {
        let expected = reference.get(&year).cloned().unwrap_or_default();
        if expected.is_empty() {
            problems.push(format!("{year}: the fixture has no holidays at all"));
        }
        let ours: BTreeMap<NaiveDate, String> = cal
            .in_year(year)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        let want: BTreeSet<NaiveDate> = expected.keys().copied().collect();
        let got: BTreeSet<NaiveDate> = ours.keys().copied().collect();
        for d in want.difference(&got) {
            problems.push(format!(
                "{year}: missing {d} ({}) — reference says {:?}",
                d.weekday(),
                expected[d]
            ));
        }
        for d in got.difference(&want) {
            problems.push(format!(
                "{year}: extra {d} ({}) — calendar says {:?}",
                d.weekday(),
                ours[d]
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "calendar {stem} differs from tests/fixtures/holidays/{stem}.csv:\n  {}",
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// Shipped calendars against the reference
// ---------------------------------------------------------------------------

#[test]
fn colombia_matches_reference_2020_2035() {
    assert_matches_reference("colombia");
}

#[test]
fn chile_matches_reference_2020_2035() {
    assert_matches_reference("chile");
}

#[test]
fn spain_matches_reference_2020_2035() {
    assert_matches_reference("spain");
}

#[test]
fn us_federal_matches_reference_2020_2035() {
    assert_matches_reference("us-federal");
}

#[test]
fn mexico_matches_reference_2020_2035() {
    assert_matches_reference("mexico");
}

#[test]
fn fixtures_record_how_they_were_generated() {
    for stem in CALENDARS {
        let header = fixture_header(stem);
        assert!(
            header.contains("generate.py") && header.contains("holidays=="),
            "{stem}.csv must start with comments naming the script and package version:\n{header}"
        );
    }
}

#[test]
fn every_shipped_rule_has_a_legal_source() {
    for stem in CALENDARS {
        let path = root()
            .join("contracts/calendars")
            .join(format!("{stem}.toml"));
        let spec: HolidaySpec =
            toml::from_str(&std::fs::read_to_string(path).expect("readable")).expect("parses");
        for (i, rule) in spec.rules.iter().enumerate() {
            assert!(
                rule.law.is_some() || rule.note.is_some(),
                "{stem}: rules[{i}] ({}) has neither `law` nor `note`",
                rule.name
            );
        }
        for (i, add) in spec.add.iter().enumerate() {
            assert!(
                add.note.is_some(),
                "{stem}: add[{i}] ({}) must say why it is a one-off",
                add.name
            );
        }
    }
}

#[test]
fn shipped_calendars_cover_the_whole_supported_range() {
    for stem in CALENDARS {
        let cal = shipped(stem);
        for year in [FIRST_YEAR, 2000, 2100, LAST_YEAR] {
            assert!(
                !cal.in_year(year).is_empty(),
                "{stem}: no holidays in {year}"
            );
        }
        // Outside the precomputed years nothing is known.
        assert!(cal.in_year(FIRST_YEAR - 1).is_empty());
        assert!(cal.in_year(LAST_YEAR + 1).is_empty());
        // Sorted and one entry per date.
        let all = cal.holidays();
        assert!(all.windows(2).all(|w| w[0].date < w[1].date), "{stem}");
    }
}

// ---------------------------------------------------------------------------
// Hand-worked dates
// ---------------------------------------------------------------------------

#[test]
fn easter_known_years() {
    // Easter 2024 is March 31; the computus is checked on a few well-known years,
    // including the earliest (March 22, 1818) and latest (April 25, 1943) possible dates.
    assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
    assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
    assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
    assert_eq!(easter_sunday(1818), Some(date(1818, 3, 22)));
    assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
    assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    for year in FIRST_YEAR..=LAST_YEAR {
        let e = easter_sunday(year).expect("in range");
        assert_eq!(e.weekday(), Weekday::Sun, "{year}");
        assert!(e >= date(year, 3, 22) && e <= date(year, 4, 25), "{year}");
    }
}

#[test]
fn colombia_jueves_santo_2024() {
    // Easter 2024 = March 31, so Maundy Thursday (Easter - 3) = March 28 and
    // Good Friday (Easter - 2) = March 29.
    let co = shipped("colombia");
    assert_eq!(co.holiday_name(date(2024, 3, 28)), Some("Jueves Santo"));
    assert_eq!(co.holiday_name(date(2024, 3, 29)), Some("Viernes Santo"));
}

#[test]
fn colombia_reyes_magos_2024_moves_to_monday() {
    // Jan 6, 2024 was a Saturday; Ley Emiliani moves it 2 days to Monday Jan 8,
    // and the Saturday itself is no longer a holiday.
    let co = shipped("colombia");
    assert_eq!(date(2024, 1, 6).weekday(), Weekday::Sat);
    assert!(!co.is_holiday(date(2024, 1, 6)));
    assert_eq!(
        co.holiday_name(date(2024, 1, 8)),
        Some("Día de los Reyes Magos")
    );
}

#[test]
fn colombia_two_moved_holidays_on_one_monday_merge() {
    // 2025: Easter April 20, Sacred Heart = Easter + 68 = Friday June 27, moved to
    // Monday June 30; Saint Peter and Saint Paul (Sunday June 29) also moves to
    // June 30. One date, both names.
    let co = shipped("colombia");
    assert_eq!(
        co.holiday_name(date(2025, 6, 30)),
        Some("Sagrado Corazón; San Pedro y San Pablo")
    );
    assert!(!co.is_holiday(date(2025, 6, 27)));
    assert!(!co.is_holiday(date(2025, 6, 29)));
}

#[test]
fn us_independence_day_2021_observed_monday() {
    // July 4, 2021 was a Sunday: observed the next day, Monday July 5; the actual
    // day stays listed too.
    let us = shipped("us-federal");
    assert_eq!(date(2021, 7, 4).weekday(), Weekday::Sun);
    assert_eq!(
        us.holiday_name(date(2021, 7, 5)),
        Some("Independence Day (observed)")
    );
    assert!(us.is_holiday(date(2021, 7, 4)));
}

#[test]
fn us_new_year_2022_observed_on_previous_new_years_eve() {
    // January 1, 2022 was a Saturday: observed Friday December 31, 2021, which
    // belongs to 2021's list (as the reference lists it).
    let us = shipped("us-federal");
    assert_eq!(date(2022, 1, 1).weekday(), Weekday::Sat);
    assert_eq!(
        us.holiday_name(date(2021, 12, 31)),
        Some("New Year's Day (observed)")
    );
    assert!(us
        .in_year(2021)
        .iter()
        .any(|h| h.date == date(2021, 12, 31)));
    assert!(us
        .in_year(2022)
        .iter()
        .all(|h| h.date != date(2021, 12, 31)));
    assert!(us.is_holiday(date(2022, 1, 1)));
}

#[test]
fn us_thanksgiving_2026() {
    // Nov 1, 2026 is a Sunday, so the Thursdays are 5, 12, 19, 26: the 4th is Nov 26.
    let us = shipped("us-federal");
    assert_eq!(date(2026, 11, 1).weekday(), Weekday::Sun);
    assert_eq!(
        us.holiday_name(date(2026, 11, 26)),
        Some("Thanksgiving Day")
    );
    // Memorial Day 2026 = last Monday of May: May 31, 2026 is a Sunday, so May 25.
    assert_eq!(us.holiday_name(date(2026, 5, 25)), Some("Memorial Day"));
}

#[test]
fn chile_indigenous_peoples_day_follows_the_solstice() {
    // June solstice 2024: about 20:51 UTC on June 20 = 16:51 in Chile (UTC-4) -> June 20.
    // June solstice 2022: about 09:14 UTC on June 21 = 05:14 in Chile -> June 21.
    // June solstice 2025: about 02:42 UTC on June 21 = 22:42 on June 20 in Chile -> June 20,
    // although in UTC it is already June 21.
    let cl = shipped("chile");
    let name = Some("Día Nacional de los Pueblos Indígenas");
    assert_eq!(cl.holiday_name(date(2024, 6, 20)), name);
    assert_eq!(cl.holiday_name(date(2022, 6, 21)), name);
    assert_eq!(cl.holiday_name(date(2025, 6, 20)), name);
    assert!(!cl.is_holiday(date(2025, 6, 21)));
    // 2021, the first year, was fixed by the law on June 21.
    assert_eq!(cl.holiday_name(date(2021, 6, 21)), name);
    assert_eq!(
        season_event_date(2025, SeasonEvent::JuneSolstice, 0),
        Some(date(2025, 6, 21))
    );
}

#[test]
fn chile_moves_and_weekday_conditions() {
    let cl = shipped("chile");
    // June 29, 2023 was a Thursday: moved 3 days back to Monday June 26.
    assert_eq!(
        cl.holiday_name(date(2023, 6, 26)),
        Some("San Pedro y San Pablo")
    );
    assert!(!cl.is_holiday(date(2023, 6, 29)));
    // Jan 1, 2023 was a Sunday, so Monday Jan 2 is a holiday; Jan 2, 2024 (Tuesday) is not.
    assert_eq!(cl.holiday_name(date(2023, 1, 2)), Some("Feriado nacional"));
    assert!(!cl.is_holiday(date(2024, 1, 2)));
    // Oct 31, 2023 was a Tuesday: the Evangelical churches' day moves to Friday Oct 27.
    assert!(cl.is_holiday(date(2023, 10, 27)));
    assert!(!cl.is_holiday(date(2023, 10, 31)));
    // Sep 17, 2021 was a Friday -> holiday; Sep 17, 2024 was a Tuesday -> not.
    assert!(cl.is_holiday(date(2021, 9, 17)));
    assert!(!cl.is_holiday(date(2024, 9, 17)));
}

#[test]
fn mexico_monday_holidays_and_six_yearly_transfer_of_power() {
    let mx = shipped("mexico");
    // Nov 1, 2025 is a Saturday, Mondays are 3, 10, 17: third Monday = Nov 17.
    assert_eq!(
        mx.holiday_name(date(2025, 11, 17)),
        Some("Día de la Revolución")
    );
    assert!(!mx.is_holiday(date(2025, 11, 20)));
    // Feb 1, 2024 is a Thursday, so the first Monday is Feb 5.
    assert_eq!(
        mx.holiday_name(date(2024, 2, 5)),
        Some("Día de la Constitución")
    );
    // Transfer of power: since 2024, every 6 years, on October 1.
    for (year, expected) in [
        (2024, true),
        (2025, false),
        (2027, false),
        (2030, true),
        (2036, true),
    ] {
        assert_eq!(mx.is_holiday(date(year, 10, 1)), expected, "{year}");
    }
    // Before 2024 it was on December 1 (2018 was the last).
    assert!(mx.is_holiday(date(2018, 12, 1)));
    assert!(!mx.is_holiday(date(2024, 12, 1)));
}

#[test]
fn spain_drops_national_holidays_on_sunday() {
    let es = shipped("spain");
    // Jan 1, 2023 and Dec 25, 2022 were Sundays: no national holiday that day.
    assert!(!es.is_holiday(date(2023, 1, 1)));
    assert!(!es.is_holiday(date(2022, 12, 25)));
    // Dec 25, 2024 was a Wednesday: holiday.
    assert_eq!(
        es.holiday_name(date(2024, 12, 25)),
        Some("Natividad del Señor")
    );
    // Good Friday 2024 = Easter (March 31) - 2 = March 29.
    assert_eq!(es.holiday_name(date(2024, 3, 29)), Some("Viernes Santo"));
}

#[test]
fn lookups() {
    let co = shipped("colombia");
    // Dec 26, 2024 -> the next holiday is New Year's Day 2025.
    assert_eq!(
        co.first_on_or_after(date(2024, 12, 26)),
        Some(date(2025, 1, 1))
    );
    // A holiday is its own first-on-or-after.
    assert_eq!(
        co.first_on_or_after(date(2024, 12, 25)),
        Some(date(2024, 12, 25))
    );
    assert_eq!(co.first_on_or_after(date(LAST_YEAR + 1, 1, 1)), None);
    assert_eq!(co.name(), "Colombia");
    let y2024 = co.in_year(2024);
    assert_eq!(y2024.len(), 18);
    assert!(y2024.windows(2).all(|w| w[0].date < w[1].date));

    let none = HolidayCalendar::empty("No holidays");
    assert_eq!(none.name(), "No holidays");
    assert!(!none.is_holiday(date(2024, 12, 25)));
    assert_eq!(none.holiday_name(date(2024, 12, 25)), None);
    assert!(none.in_year(2024).is_empty());
    assert_eq!(none.first_on_or_after(date(2024, 1, 1)), None);
}

// ---------------------------------------------------------------------------
// Rule format
// ---------------------------------------------------------------------------

fn build(src: &str) -> Result<HolidayCalendar, HolidayError> {
    let spec: HolidaySpec = toml::from_str(src).expect("test spec parses");
    HolidayCalendar::from_spec(&spec)
}

fn build_err(src: &str) -> HolidayError {
    match build(src) {
        Ok(_) => panic!("spec should be rejected:\n{src}"),
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.contains('\n'),
                "error message must be one line: {msg:?}"
            );
            e
        }
    }
}

fn rule(body: &str) -> String {
    format!("name = \"Test\"\n[[rules]]\nname = \"Ok\"\nfixed = \"01-01\"\n[[rules]]\nname = \"Bad\"\n{body}\n")
}

#[test]
fn feb_29_rule_only_in_leap_years() {
    let cal = build(&rule("fixed = \"02-29\"")).expect("02-29 is valid");
    assert!(cal.is_holiday(date(2024, 2, 29)));
    assert!(cal.in_year(2023).iter().all(|h| h.date.month() != 2));
    assert!(!cal.is_holiday(date(2100, 3, 1)));
}

#[test]
fn weekday_names_accept_full_names_any_case() {
    let cal = build(&rule(
        "month = 11\nweekday = \"THURSDAY\"\nnth = -1\nobserved = { Saturday = -1, SUN = 1 }",
    ))
    .expect("full names are accepted");
    // Last Thursday of November 2024 = Nov 28.
    assert!(cal.is_holiday(date(2024, 11, 28)));
}

#[test]
fn fifth_weekday_only_when_it_exists() {
    let cal = build(&rule("month = 3\nweekday = \"fri\"\nnth = 5")).expect("valid");
    // March 2024 has five Fridays (1, 8, 15, 22, 29); March 2025 has only four
    // (7, 14, 21, 28), so that year the rule yields nothing.
    assert!(cal.is_holiday(date(2024, 3, 29)));
    assert!(cal.in_year(2025).iter().all(|h| h.date.month() != 3));
}

#[test]
fn every_since_until_and_one_offs() {
    let src = r#"
name = "T"
[[rules]]
name = "Sexennial"
fixed = "10-01"
since = 2024
every = 6
until = 2036
[[rules]]
name = "Labour"
fixed = "05-01"
[[remove]]
date = "2030-05-01"
note = "test"
[[add]]
date = "2020-10-25"
name = "Plebiscito"
"#;
    let cal = build(src).expect("valid");
    let on = |y, m, d| cal.is_holiday(date(y, m, d));
    assert!(!on(2018, 10, 1) && on(2024, 10, 1) && !on(2025, 10, 1));
    assert!(on(2030, 10, 1) && on(2036, 10, 1) && !on(2042, 10, 1));
    assert!(!on(2030, 5, 1) && on(2031, 5, 1));
    assert_eq!(cal.holiday_name(date(2020, 10, 25)), Some("Plebiscito"));
}

#[test]
fn error_bad_month_and_day() {
    let e = build_err(&rule("fixed = \"13-01\""));
    assert!(
        matches!(e, HolidayError::MonthOutOfRange { month: 13, .. }),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].fixed");
    let msg = e.to_string();
    assert!(msg.contains("rule 1") && msg.contains("\"Bad\""), "{msg}");

    let e = build_err(&rule("fixed = \"02-30\""));
    assert!(
        matches!(
            e,
            HolidayError::DayOutOfRange {
                month: 2,
                day: 30,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].fixed");

    let e = build_err(&rule("fixed = \"04-31\""));
    assert!(
        matches!(
            e,
            HolidayError::DayOutOfRange {
                month: 4,
                day: 31,
                ..
            }
        ),
        "{e:?}"
    );

    let e = build_err(&rule("fixed = \"Jan 6\""));
    assert!(matches!(e, HolidayError::BadMonthDay { .. }), "{e:?}");

    let e = build_err(&rule("month = 0\nweekday = \"mon\"\nnth = 1"));
    assert!(
        matches!(e, HolidayError::MonthOutOfRange { month: 0, .. }),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].month");
}

#[test]
fn error_unknown_weekday() {
    let e = build_err(&rule("month = 1\nweekday = \"funday\"\nnth = 1"));
    assert!(
        matches!(&e, HolidayError::UnknownWeekday { value, .. } if value == "funday"),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].weekday");

    let e = build_err(&rule("fixed = \"01-06\"\nmove = { caturday = 2 }"));
    assert!(matches!(e, HolidayError::UnknownWeekday { .. }), "{e:?}");
    assert_eq!(e.key_path(), "rules[1].move.caturday");

    let e = build_err(&rule("fixed = \"01-06\"\nonly_on = [\"mon\", \"someday\"]"));
    assert_eq!(e.key_path(), "rules[1].only_on[1]");

    let e = build_err(&rule(
        "fixed = \"01-06\"\nobserved = { sat = 1, saturday = 2 }",
    ));
    assert!(matches!(e, HolidayError::DuplicateWeekday { .. }), "{e:?}");
}

#[test]
fn error_nth_and_kinds() {
    for nth in [0, 6, -2] {
        let e = build_err(&rule(&format!("month = 1\nweekday = \"mon\"\nnth = {nth}")));
        assert!(matches!(e, HolidayError::NthOutOfRange { .. }), "{e:?}");
        assert_eq!(e.key_path(), "rules[1].nth");
    }
    let e = build_err(&rule("month = 1\nweekday = \"mon\""));
    assert!(matches!(e, HolidayError::MissingKey { .. }), "{e:?}");
    assert_eq!(e.key_path(), "rules[1].nth");

    let e = build_err(&rule("note = \"no date\""));
    assert!(matches!(e, HolidayError::MissingDateKind { .. }), "{e:?}");
    assert_eq!(e.key_path(), "rules[1]");

    let e = build_err(&rule("fixed = \"01-06\"\neaster = 1"));
    assert!(
        matches!(
            e,
            HolidayError::ConflictingDateKinds {
                first: "fixed",
                second: "easter",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].easter");

    let e = build_err(&rule("easter = 1000"));
    assert!(
        matches!(e, HolidayError::EasterOffsetOutOfRange { .. }),
        "{e:?}"
    );

    let e = build_err(&rule("astronomical = \"summer\""));
    assert!(
        matches!(e, HolidayError::UnknownAstronomicalEvent { .. }),
        "{e:?}"
    );

    let e = build_err(&rule(
        "astronomical = \"june-solstice\"\nutc_offset = \"-4 hours\"",
    ));
    assert!(matches!(e, HolidayError::BadUtcOffset { .. }), "{e:?}");
    assert_eq!(e.key_path(), "rules[1].utc_offset");

    let e = build_err(&rule("fixed = \"06-21\"\nutc_offset = \"-04:00\""));
    assert!(matches!(e, HolidayError::KeyNotAllowed { .. }), "{e:?}");
}

#[test]
fn error_year_range() {
    let e = build_err(&rule("fixed = \"01-06\"\nsince = 2030\nuntil = 2020"));
    assert!(
        matches!(
            e,
            HolidayError::SinceAfterUntil {
                since: 2030,
                until: 2020,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].until");

    let e = build_err(&rule("fixed = \"01-06\"\nsince = 0"));
    assert!(
        matches!(e, HolidayError::YearOutOfRange { year: 0, .. }),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].since");

    let e = build_err(&rule("fixed = \"01-06\"\nuntil = 100000"));
    assert!(matches!(e, HolidayError::YearOutOfRange { .. }), "{e:?}");

    let e = build_err(&rule("fixed = \"01-06\"\nevery = 6"));
    assert!(
        matches!(
            e,
            HolidayError::MissingKey {
                required_by: "every",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].since");

    let e = build_err(&rule("fixed = \"01-06\"\nsince = 2000\nevery = 0"));
    assert!(
        matches!(e, HolidayError::EveryOutOfRange { every: 0, .. }),
        "{e:?}"
    );
}

#[test]
fn error_shifts() {
    let e = build_err(&rule("fixed = \"01-06\"\nmove = { sat = 8 }"));
    assert!(
        matches!(e, HolidayError::ShiftOutOfRange { offset: 8, .. }),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "rules[1].move.sat");

    let e = build_err(&rule(
        "fixed = \"01-06\"\nmove = { sat = 2 }\nobserved = { sun = 1 }",
    ));
    assert!(matches!(e, HolidayError::KeyNotAllowed { .. }), "{e:?}");

    let e = build_err(&rule(
        "fixed = \"01-06\"\nonly_on = [\"mon\"]\nexcept_on = [\"sun\"]",
    ));
    assert!(matches!(e, HolidayError::KeyNotAllowed { .. }), "{e:?}");

    let e = build_err(&rule("fixed = \"01-06\"\nonly_on = []"));
    assert!(matches!(e, HolidayError::EmptyWeekdayList { .. }), "{e:?}");
}

#[test]
fn error_one_offs_and_names() {
    let e = build_err("name = \"T\"\n[[add]]\ndate = \"2020-02-30\"\nname = \"X\"\n");
    assert!(matches!(e, HolidayError::BadDate { .. }), "{e:?}");
    assert_eq!(e.key_path(), "add[0].date");
    assert_eq!(e.location().section, SpecSection::Add);

    let e = build_err("name = \"T\"\n[[add]]\ndate = \"1900-01-01\"\nname = \"X\"\n");
    assert!(
        matches!(e, HolidayError::DateOutsideCalendar { .. }),
        "{e:?}"
    );

    let e = build_err(&format!(
        "{}[[remove]]\ndate = \"2024-01-02\"\n",
        rule("fixed = \"01-06\"")
    ));
    assert!(
        matches!(e, HolidayError::RemoveMatchesNothing { .. }),
        "{e:?}"
    );
    assert_eq!(e.key_path(), "remove[0].date");

    let e = build_err(&rule("name = \"\"\nfixed = \"01-06\"").replace("name = \"Bad\"\n", ""));
    assert!(matches!(e, HolidayError::EmptyName { .. }), "{e:?}");
    assert_eq!(e.key_path(), "rules[1].name");

    let e = build_err("name = \"  \"\n");
    assert_eq!(e.key_path(), "name");
}

#[test]
fn error_message_is_one_line_even_with_newlines_in_names() {
    let e = build_err("name = \"T\"\n[[rules]]\nname = \"two\\nlines\"\nfixed = \"99-01\"\n");
    let msg = e.to_string();
    assert!(!msg.contains('\n'), "{msg:?}");
    assert!(msg.contains("rules[0].fixed"), "{msg}");
}

#[test]
fn unknown_keys_are_rejected_by_deserialization() {
    let src = "name = \"T\"\n[[rules]]\nname = \"X\"\nfixed = \"01-01\"\nfixd = \"01-02\"\n";
    assert!(toml::from_str::<HolidaySpec>(src).is_err());
    assert!(toml::from_str::<HolidaySpec>("name = \"T\"\nregion = \"x\"\n").is_err());
}
