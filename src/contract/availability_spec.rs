//! The `[availability]` section of a contract file as written by people: plain
//! serde types, checked and turned into an [`super::availability::Availability`] by
//! [`super::availability_build::build`].
//!
//! Percentages and money-like figures are exact decimals. They are written as
//! strings (`"99.95"`) or integers (`99`); a TOML float (`99.95`) is refused,
//! because a binary float cannot hold most decimal fractions exactly.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// `[availability]`: the uptime promise and what follows from missing it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilitySpec {
    /// Where the availability terms are (or where the text says there are none).
    pub clause: String,
    /// The words of the contract, if useful to show.
    #[serde(default)]
    pub text: Option<String>,
    /// Monthly uptime promised, in percent (`"99.95"`). Absent when the text
    /// promises no figure: availability is then reported for information.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub target_percent: Option<Decimal>,
    #[serde(default)]
    pub assumption: Option<String>,
    /// Products measured separately (each has its own uptime and fee).
    #[serde(default)]
    pub products: Vec<ProductSpec>,
    #[serde(default)]
    pub maintenance: Option<MaintenanceSpec>,
    /// Causes that take an outage out of the count.
    #[serde(default)]
    pub exclusions: Vec<ExclusionSpec>,
    /// Service credit or discount; absent = the contract defines none.
    #[serde(default)]
    pub credit: Option<CreditSpec>,
    /// A limit on the number of incidents per month.
    #[serde(default)]
    pub reliability: Option<ReliabilitySpec>,
    /// Penalties for breached ticket targets (`slaudit audit --fee`).
    #[serde(default)]
    pub penalties: Vec<PenaltySpec>,
    #[serde(default)]
    pub penalty_cap: Option<CapSpec>,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductSpec {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub clause: Option<String>,
}

/// `[availability.maintenance]`: when maintenance does not count as downtime.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceSpec {
    pub clause: String,
    /// Minimum notice before the start (`"48h"`; `"0m"` = notified before it
    /// starts). Absent = no notice is required.
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub notice_clause: Option<String>,
    /// Most maintenance excused per week (Monday 00:00 to Monday 00:00, local).
    #[serde(default)]
    pub max_per_week: Option<String>,
    /// Windows maintenance must fall in; none = any time.
    #[serde(default)]
    pub windows: Vec<WindowSpec>,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// One weekly maintenance window, in the contract's time zone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowSpec {
    /// `mon` ... `sun`: the days the window starts on.
    pub days: Vec<String>,
    /// `"21:00-01:00"`: an end at or before the start means the next day.
    pub time: String,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionSpec {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Words an `excluded` cause may use to name this exclusion.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// `[availability.credit]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditSpec {
    /// `shortfall`, `bands`, `per_failure` or `none`.
    pub kind: String,
    pub clause: String,
    #[serde(default)]
    pub text: Option<String>,
    /// Plans that earn the credit; empty = every plan.
    #[serde(default)]
    pub plans: Vec<String>,
    /// When and how the credit is applied (shown in the report).
    #[serde(default)]
    pub applied: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
    /// `shortfall`: decimals the uptime is rounded to before `100 - uptime`.
    #[serde(default)]
    pub uptime_decimals: Option<u32>,
    /// `bands`: `percent` or `minutes`, the reading that decides the credit.
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub bands: Vec<BandSpec>,
    /// `per_failure`: credit earned by each failure, in percent of the fee.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub percent_per_failure: Option<Decimal>,
    /// `per_failure`: most credit per month, in percent of the fee.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub cap_percent: Option<Decimal>,
    /// `per_failure`: calendar days after an outage ends to request its credit.
    #[serde(default)]
    pub claim_days: Option<u32>,
    #[serde(default)]
    pub claim_clause: Option<String>,
}

/// One credit band: the credit applies when uptime is below `below_percent`
/// (percent reading) or downtime reaches `min_minutes` (minute reading).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSpec {
    #[serde(default, deserialize_with = "opt_decimal")]
    pub below_percent: Option<Decimal>,
    #[serde(default)]
    pub min_minutes: Option<i64>,
    #[serde(deserialize_with = "decimal")]
    pub percent: Decimal,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReliabilitySpec {
    pub max_incidents: u32,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// A penalty attached to breaching a ticket target.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenaltySpec {
    /// `response`, `resolution` or `workaround`.
    pub kind: String,
    #[serde(default)]
    pub plans: Vec<String>,
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Percent of the monthly fee per breached target.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub percent: Option<Decimal>,
    /// `published` (default) or `not_published`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapSpec {
    #[serde(deserialize_with = "decimal")]
    pub percent: Decimal,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// Notes are written as in the rest of the contract file.
/// A note in the contract file (at top level or in `[availability]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteSpec {
    pub text: String,
    #[serde(default)]
    pub clause: Option<String>,
    /// True when the note records a reading the source text does not state.
    #[serde(default)]
    pub assumption: bool,
}

struct DecimalVisitor;

impl serde::de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a decimal number written as a string (\"99.95\") or an integer")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        Decimal::from_str_exact(v.trim()).map_err(|_| {
            E::custom(format!(
                "'{v}' is not a decimal number (expected e.g. \"99.95\")"
            ))
        })
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "write {v} as a string (\"{v}\") so it stays an exact decimal"
        )))
    }
}

fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(DecimalVisitor).map(Some)
}
