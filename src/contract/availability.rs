//! The `[availability]` terms of a contract, checked: products, maintenance
//! windows, exclusions, the credit and its bands, reliability, ticket penalties
//! and their cap (checked by [`super::availability_build`]; problems carry TOML
//! key paths). What these terms count is computed in [`crate::availability`]
//! and [`crate::audit::penalty`].

use rust_decimal::Decimal;

use super::terms::TargetKind;
use crate::text::{fold, Vocabulary};

pub use super::availability_spec::AvailabilitySpec;

/// A product measured separately (its own uptime, its own fee).
#[derive(Debug, Clone)]
pub struct Product {
    pub key: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub clause: Option<String>,
}

/// When maintenance does not count as downtime.
#[derive(Debug, Clone)]
pub struct Maintenance {
    pub clause: String,
    /// Minimum notice in seconds; `None` = no notice required.
    pub notice: Option<i64>,
    pub notice_text: Option<String>,
    pub notice_clause: Option<String>,
    /// Most excused maintenance per local week (Monday 00:00 to Monday 00:00), seconds.
    pub max_per_week: Option<i64>,
    pub max_per_week_text: Option<String>,
    /// Empty = maintenance is excused at any time.
    pub windows: Vec<Window>,
    pub assumption: Option<String>,
}

/// A weekly window: starts on each day in `days` at `from` and ends at `to` the
/// same day, or the next day when `to <= from`. Seconds since local midnight.
#[derive(Debug, Clone)]
pub struct Window {
    /// Monday first.
    pub days: [bool; 7],
    pub from: u32,
    pub to: u32,
    /// As written (`"21:00-01:00"`).
    pub time: String,
    pub clause: Option<String>,
    pub assumption: Option<String>,
}

impl Window {
    /// Whether the window ends on the day after it starts.
    pub fn crosses_midnight(&self) -> bool {
        self.to <= self.from
    }

    /// `mon, tue 21:00-01:00`.
    pub fn describe(&self) -> String {
        let days: Vec<&str> = DAYS
            .iter()
            .zip(self.days)
            .filter(|(_, on)| *on)
            .map(|(d, _)| *d)
            .collect();
        format!("{} {}", days.join(", "), self.time)
    }
}

pub(super) const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A cause that takes an outage out of the count.
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub key: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub clause: String,
    pub assumption: Option<String>,
}

/// How a month's credit is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditKind {
    /// The contract defines no credit.
    None,
    /// Credit = 100 % - uptime, when the target is missed; the uptime is first
    /// rounded to `uptime_decimals` (half away from zero) when given.
    Shortfall { uptime_decimals: Option<u32> },
    /// A credit per band of uptime (or of downtime minutes).
    Bands { basis: Basis, bands: Vec<Band> },
    /// In a month that misses the target, each counted outage is a failure that
    /// earns `percent` (if claimed in time), up to `cap` per month.
    PerFailure {
        percent: Decimal,
        cap: Option<Decimal>,
        claim_days: Option<u32>,
        claim_clause: Option<String>,
    },
}

/// Which reading of a band table decides the credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Percent,
    Minutes,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Percent => "percent",
            Basis::Minutes => "minutes",
        }
    }
}

/// One band: applies when the exact uptime is below `below_percent` (percent
/// reading) or the downtime is at least `min_minutes` (minute reading); the band
/// with the largest credit that applies wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub below_percent: Option<Decimal>,
    pub min_minutes: Option<i64>,
    pub percent: Decimal,
    pub text: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Credit {
    pub kind: CreditKind,
    pub clause: String,
    pub text: Option<String>,
    /// Plan names (keys or aliases) that earn it; empty = all.
    pub plans: Vec<String>,
    pub applied: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Reliability {
    pub max_incidents: u32,
    pub clause: String,
    pub assumption: Option<String>,
}

/// A penalty for breaching a ticket target, in percent of the monthly fee.
#[derive(Debug, Clone)]
pub struct Penalty {
    pub kind: TargetKind,
    pub plans: Vec<String>,
    pub priorities: Vec<String>,
    /// `None`: the contract refers to a percentage it does not publish.
    pub percent: Option<Decimal>,
    pub text: Option<String>,
    pub clause: String,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Cap {
    pub percent: Decimal,
    pub clause: String,
    pub assumption: Option<String>,
}

pub use super::terms::Note;

/// The checked availability terms of a contract.
#[derive(Debug, Clone)]
pub struct Availability {
    pub clause: String,
    pub text: Option<String>,
    pub target: Option<Decimal>,
    pub assumption: Option<String>,
    pub products: Vec<Product>,
    pub maintenance: Option<Maintenance>,
    pub exclusions: Vec<Exclusion>,
    pub credit: Credit,
    pub reliability: Option<Reliability>,
    pub penalties: Vec<Penalty>,
    pub penalty_cap: Option<Cap>,
    pub notes: Vec<Note>,
    pub(super) product_vocab: Vocabulary,
    pub(super) exclusion_vocab: Vocabulary,
}

impl Availability {
    /// The product a label names.
    pub fn product(&self, label: &str) -> Option<usize> {
        self.product_vocab.lookup(label)
    }

    pub fn product_keys(&self) -> String {
        self.product_vocab.list()
    }

    /// The exclusion an `excluded` cause names: a key or alias as the whole
    /// cause, else the first exclusion (in file order) whose key or an alias
    /// appears in the cause as whole words (`"ISP down in Santiago"` -> `isp`).
    pub fn exclusion_for(&self, cause: &str) -> Option<usize> {
        if let Some(i) = self.exclusion_vocab.lookup(cause) {
            return Some(i);
        }
        let words = words(cause);
        self.exclusions.iter().position(|e| {
            std::iter::once(&e.key)
                .chain(&e.aliases)
                .any(|label| contains_words(&words, &self::words(label)))
        })
    }
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
