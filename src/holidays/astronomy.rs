//! The dates a rule is anchored to that take computing: Gregorian Easter, the
//! equinoxes and solstices, the nth weekday of a month.

use chrono::{Datelike, Days, NaiveDate, Weekday};

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
    pub(super) fn parse(s: &str) -> Option<Self> {
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
pub(super) fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    }
}

/// The `nth` (1-5, or -1 for the last) `weekday` of `month`.
pub(super) fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i8) -> Option<NaiveDate> {
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
