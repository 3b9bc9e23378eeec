//! The report's typed content (what `report --format json` writes).

use serde::Serialize;

use super::notable::{Breach, MissedReports, SetAside};

/// The whole report. Times are RFC 3339 in the contract's time zone, decimals
/// are strings (exact), durations are whole seconds or minutes as named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    pub contract: ContractPart,
    pub sources: Vec<SourceFile>,
    pub headline: Headline,
    pub compliance: Vec<ComplianceRow>,
    pub breaches: Vec<Breach>,
    pub missed_reports: Vec<MissedReports>,
    pub set_aside: Vec<SetAside>,
    pub availability: Option<AvailabilityPart>,
    pub penalties: Option<PenaltyPart>,
    pub quotas: Vec<crate::audit::quota::QuotaLine>,
    pub contacts: Vec<ContactPart>,
    pub owed: Owed,
    pub claims: Vec<ClaimItem>,
    pub assumptions: Vec<Assumption>,
    pub missing_terms: Vec<MissingTerm>,
    pub warnings: Vec<String>,
    /// `--compare-plan` / `--compare-contract`: the same inputs under other terms.
    pub comparison: Option<Comparison>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `YYYY-MM`.
    pub month: String,
    pub timezone: String,
    /// The month's first instant, and the first instant of the next month.
    pub from: String,
    pub to: String,
    /// Open tickets are judged as of this instant (the month's end, or the
    /// report's own instant when that comes first).
    pub judged_as_of: String,
    /// When the report was made (`--as-of`): claims are due or late against it.
    pub made_at: String,
    /// Tickets of the month still open when they were judged.
    pub open_tickets: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractPart {
    pub key: String,
    pub name: String,
    pub source: String,
    /// The plan given, when one was (else each ticket's own).
    pub plan: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFile {
    /// `tickets`, `events`, `outages`.
    pub role: String,
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    /// Bad rows (left out, listed as invalid with `--keep-going`).
    pub rejected: u64,
    /// Rows of tickets created in another month (tickets only).
    pub outside_month: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// Per target kind, over every priority.
    pub compliance: Vec<HeadlineTarget>,
    pub breaches: u64,
    pub missed_reports: i64,
    /// What is owed, in the currency of `--fee` (credits plus penalties).
    pub owed_amount: Option<String>,
    pub currency: Option<String>,
    /// Claims still to file, and the earliest deadline among them.
    pub claims_due: u64,
    pub next_claim_deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadlineTarget {
    pub target: String,
    pub compliance_percent: Option<String>,
    pub met: u64,
    /// Met plus breached plus overdue.
    pub decided: u64,
}

/// One line of the compliance table: a target within one priority, or over
/// all of them (`priority` null), with the same counts as `audit`'s summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceRow {
    pub target: String,
    pub priority: Option<String>,
    #[serde(flatten)]
    pub counts: crate::audit::Counts,
    pub compliance_percent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvailabilityPart {
    pub clause: String,
    /// The availability terms in force, one sentence each.
    pub terms: Vec<String>,
    /// One row per month and product, with `uptime`'s JSON keys.
    pub months: Vec<AvailabilityMonth>,
    pub outages: Vec<AvailabilityOutage>,
    /// The month's outages cut into local days, for the timeline chart.
    pub days_in_month: u32,
    pub timeline: Vec<DaySlice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvailabilityMonth {
    pub month: String,
    pub product: Option<String>,
    pub minutes_in_month: String,
    pub excused_minutes: String,
    pub excluded_minutes: String,
    pub downtime_minutes: String,
    pub uptime_percent: String,
    pub target_percent: Option<String>,
    pub target_met: Option<bool>,
    pub credit_percent: Option<String>,
    pub credit_amount: Option<String>,
    pub failures: Option<u32>,
    pub incidents: u32,
    pub incident_limit: Option<u32>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvailabilityOutage {
    pub id: String,
    pub product: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub treatment: String,
    pub counted_minutes: String,
    pub excused_minutes: String,
    pub excluded_minutes: String,
    pub clause: Option<String>,
    pub note: Option<String>,
}

/// Part of one outage within one local day: minutes from the day's midnight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaySlice {
    pub day: u32,
    pub from_minute: u32,
    pub to_minute: u32,
    /// `downtime`, `maintenance` or `excluded`.
    pub kind: String,
    pub outage: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyPart {
    pub months: Vec<PenaltyMonth>,
    pub cap_percent: Option<String>,
    pub cap_clause: Option<String>,
    pub total_amount: Option<String>,
    pub unpublished_breaches: u64,
    pub clauses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyMonth {
    pub month: String,
    pub breaches: u64,
    pub penalty_percent: String,
    pub capped_percent: String,
    pub amount: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactPart {
    pub plan: String,
    pub reporters: usize,
    pub limit: u32,
    pub first_beyond: Option<String>,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owed {
    pub currency: Option<String>,
    /// Service credits earned, in percent of the monthly fee (one product).
    pub credits_percent: Option<String>,
    pub credits_amount: Option<String>,
    /// Ticket penalties after the cap, in percent of the monthly fee.
    pub penalties_percent: Option<String>,
    pub penalties_amount: Option<String>,
    /// Credits plus penalties, when both are known (as percentages of one fee).
    pub total_percent: Option<String>,
    pub total_amount: Option<String>,
    /// Which invoice they apply to, as the contract says; `None` when it does not.
    pub applied: Option<String>,
    pub applied_clause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimItem {
    pub outage: String,
    pub product: Option<String>,
    /// The request for the credit must be made by this instant.
    pub deadline: String,
    pub requested_at: Option<String>,
    /// `filed` (requested in time), `late` (requested late, or not requested
    /// and the deadline has passed) or `due` (not requested yet, still in time).
    pub status: String,
    pub credit_percent: Option<String>,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assumption {
    pub applies_to: String,
    pub text: String,
    /// The clause of the term it reads, when the term names one.
    pub clause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingTerm {
    pub term: String,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// `plan P` or `contract K`.
    pub against: String,
    pub rows: Vec<CompareRow>,
    pub owed_here: Owed,
    pub owed_there: Owed,
    /// There minus here, where both have an amount (or a percentage).
    pub credits_difference: Option<String>,
    pub penalties_difference: Option<String>,
    pub total_difference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompareRow {
    pub priority: String,
    pub target: String,
    /// Breached or overdue targets (missed cadences for status updates) under
    /// this report's terms and under the other.
    pub breaches_here: u64,
    pub breaches_there: u64,
    /// Breaches here that are not breaches there, and the reverse.
    pub avoided: u64,
    pub added: u64,
}
