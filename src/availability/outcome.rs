//! What a run of the availability computation is asked for and what it gives
//! back: per-month rows, per-outage parts, and how each outage and each credit
//! claim was treated.

use rust_decimal::Decimal;

use crate::money::Fee;
use crate::month::Month;

/// What the caller asks for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this month (default: every month the outages touch).
    pub month: Option<Month>,
    /// The customer's plan (index into the contract's plans).
    pub plan: Option<usize>,
    /// Only this product (index into the availability products).
    pub product: Option<usize>,
    /// The monthly fee the credit is a share of.
    pub fee: Option<Fee>,
}

/// How an outage (in one month) was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Treatment {
    /// Unplanned: downtime.
    Counted,
    /// Maintenance inside the contract's windows, notified in time: excused.
    MaintenanceWindow,
    /// Maintenance (partly) outside the windows: that part is downtime.
    OutsideWindow,
    /// Maintenance beyond the weekly allowance: the excess is downtime.
    OverWeeklyLimit,
    /// Maintenance notified late or not at all: downtime.
    LateNotice,
    /// Maintenance, but the contract excuses none: downtime.
    NotExcused,
    /// Marked with an exclusion cause: listed, not counted.
    Excluded,
    /// A bad row (with `--keep-going`).
    Invalid,
}

impl Treatment {
    pub fn key(self) -> &'static str {
        match self {
            Treatment::Counted => "counted",
            Treatment::MaintenanceWindow => "maintenance_window",
            Treatment::OutsideWindow => "outside_window",
            Treatment::OverWeeklyLimit => "over_weekly_limit",
            Treatment::LateNotice => "late_notice",
            Treatment::NotExcused => "not_excused",
            Treatment::Excluded => "excluded",
            Treatment::Invalid => "invalid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Counted => "counted",
            Treatment::MaintenanceWindow => "maintenance window",
            Treatment::OutsideWindow => "maintenance outside window (counted)",
            Treatment::OverWeeklyLimit => "maintenance over weekly limit (excess counted)",
            Treatment::LateNotice => "late notice (counted)",
            Treatment::NotExcused => "maintenance not excused by the contract (counted)",
            Treatment::Excluded => "excluded",
            Treatment::Invalid => "invalid",
        }
    }
}

/// What became of the credit of one failure (per-failure contracts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Requested in time: the credit is earned.
    Earned,
    /// Requested after the claim deadline: forfeited.
    ForfeitedLate,
    /// Never requested: forfeited.
    ForfeitedNotRequested,
    /// Requested in time, but the month's cap was already reached.
    OverCap,
    /// The month met its target: the outage is not a failure.
    MonthMetTarget,
    /// The customer's plan earns no credit.
    PlanNotCovered,
}

impl Claim {
    pub fn key(self) -> &'static str {
        match self {
            Claim::Earned => "earned",
            Claim::ForfeitedLate => "forfeited_late",
            Claim::ForfeitedNotRequested => "forfeited_not_requested",
            Claim::OverCap => "over_cap",
            Claim::MonthMetTarget => "month_met_target",
            Claim::PlanNotCovered => "plan_not_covered",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Claim::Earned => "earned",
            Claim::ForfeitedLate => "forfeited: requested late",
            Claim::ForfeitedNotRequested => "forfeited: not requested",
            Claim::OverCap => "over the monthly cap",
            Claim::MonthMetTarget => "month met its target",
            Claim::PlanNotCovered => "plan earns no credit",
        }
    }
}

/// One outage in one month (an outage across a month boundary has one per month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutagePart {
    /// Index into the rows given to [`super::report::evaluate`].
    pub row: usize,
    /// `None` for invalid rows.
    pub month: Option<Month>,
    pub product: Option<usize>,
    /// Seconds attributed to this outage in this month, by class.
    pub counted: i64,
    pub excused: i64,
    pub excluded: i64,
    /// Seconds already attributed to another, overlapping outage.
    pub overlap: i64,
    pub treatment: Treatment,
    /// The contract exclusion the cause names, if any.
    pub exclusion: Option<usize>,
    pub claim_deadline: Option<i64>,
    pub claim: Option<Claim>,
    pub credit: Option<Decimal>,
    pub note: Option<String>,
}

/// One month (of one product, when the contract measures products separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    pub month: Month,
    pub product: Option<usize>,
    /// Real elapsed seconds in the month.
    pub seconds: i64,
    pub excused: i64,
    pub excluded: i64,
    pub downtime: i64,
    /// Uptime with two decimals, half away from zero.
    pub uptime: Decimal,
    pub target: Option<Decimal>,
    /// Exact comparison; `None` without a target.
    pub target_met: Option<bool>,
    /// Credit in percent of the fee; `None` when the contract defines none.
    pub credit: Option<Decimal>,
    /// Band contracts: the credit the other reading (percent or minutes) gives.
    pub other_reading: Option<Decimal>,
    pub amount: Option<Decimal>,
    /// Per-failure contracts: failures in the month.
    pub failures: Option<u32>,
    /// Unplanned, not excluded outages starting in the month.
    pub incidents: u32,
    pub incident_limit: Option<u32>,
    pub note: Option<String>,
}

/// Everything `slaudit uptime` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub months: Vec<MonthRow>,
    pub outages: Vec<OutagePart>,
    pub warnings: Vec<String>,
}
