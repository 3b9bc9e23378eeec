//! The contract TOML file as written by people: plain serde types, checked and
//! turned into a [`super::Contract`] by [`super::build::build`]. The file format is
//! documented in `contracts/README.md`.

use serde::Deserialize;

use super::availability_spec::AvailabilitySpec;
pub use super::availability_spec::NoteSpec;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractSpec {
    pub contract: HeaderSpec,
    pub holidays: Option<HolidaysSpec>,
    #[serde(default)]
    pub schedules: Vec<ScheduleSpec>,
    #[serde(default)]
    pub channels: Vec<TermSpec>,
    #[serde(default)]
    pub priorities: Vec<TermSpec>,
    #[serde(default)]
    pub plans: Vec<PlanSpec>,
    #[serde(default)]
    pub categories: Vec<TermSpec>,
    #[serde(default)]
    pub clock_rules: Vec<ClockRuleSpec>,
    #[serde(default)]
    pub targets: Vec<TargetSpec>,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    /// Uptime, maintenance windows, credits and penalties (see [`crate::availability`]).
    #[serde(default)]
    pub availability: Option<AvailabilitySpec>,
    /// Targets whose clocks stop while a ticket waits (see [`super::waits`]).
    #[serde(default)]
    pub pauses: Vec<super::waits::PauseSpec>,
    /// Targets an excluded ticket no longer has.
    #[serde(default)]
    pub ticket_exclusion: Option<super::waits::TicketExclusionSpec>,
    /// The channels plans accept (see [`super::coverage`]).
    #[serde(default)]
    pub accepted_channels: Vec<super::coverage::AcceptedChannelsSpec>,
    /// Named contacts.
    #[serde(default)]
    pub contacts: Option<super::coverage::ContactsSpec>,
    /// Tickets included per period (see [`super::quota`]).
    #[serde(default)]
    pub quotas: Vec<super::quota::QuotaSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    /// Short name used on the command line (`--contract audara`).
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub vendor: Option<String>,
    /// The document the terms come from.
    pub source: String,
    /// IANA time zone name.
    pub timezone: String,
    #[serde(default)]
    pub timezone_clause: Option<String>,
    #[serde(default)]
    pub timezone_assumption: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidaysSpec {
    /// Name of a calendar in `contracts/calendars/`.
    pub calendar: String,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSpec {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Every second counts (7x24), holidays included.
    #[serde(default)]
    pub always: bool,
    #[serde(default)]
    pub mon: Vec<String>,
    #[serde(default)]
    pub tue: Vec<String>,
    #[serde(default)]
    pub wed: Vec<String>,
    #[serde(default)]
    pub thu: Vec<String>,
    #[serde(default)]
    pub fri: Vec<String>,
    #[serde(default)]
    pub sat: Vec<String>,
    #[serde(default)]
    pub sun: Vec<String>,
    #[serde(default = "yes")]
    pub closed_on_holidays: bool,
    /// Length of one business day (`"8h"`), when open days differ in length.
    #[serde(default)]
    pub business_day: Option<String>,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
}

fn yes() -> bool {
    true
}

/// A vocabulary entry: priority, channel or category.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub clause: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Key of the schedule its clocks run on. Absent when the source does not
    /// publish the plan's hours (`status` then says why).
    #[serde(default)]
    pub schedule: Option<String>,
    /// `published` (default), `not_published` (the source omits the hours) or
    /// `no_support` (the plan has no support times at all).
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// Runs some plan/priority/channel combinations on another schedule
/// (Audara Platinum: priorities 1 and 2 reported by phone run 7x24).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRuleSpec {
    #[serde(default)]
    pub plans: Vec<String>,
    #[serde(default)]
    pub priorities: Vec<String>,
    #[serde(default)]
    pub channels: Vec<String>,
    pub schedule: String,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// `response`, `resolution`, `workaround` or `status_update`.
    pub kind: String,
    /// Plans it applies to; empty = every plan.
    #[serde(default)]
    pub plans: Vec<String>,
    /// Priorities it applies to; empty = every priority.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// A category-specific target replaces the general one for that category.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub value: Option<i64>,
    /// `minutes`, `hours`, `business_days` or `calendar_days`.
    #[serde(default)]
    pub unit: Option<String>,
    /// Schedule key this target's clock runs on (default: the plan's).
    #[serde(default)]
    pub schedule: Option<String>,
    /// `committed` (default), `no_commitment` (the text promises nothing, e.g.
    /// "> 5 días") or `not_published` (the source omits the figure).
    #[serde(default)]
    pub status: Option<String>,
    /// The words of the contract this target is read from, if useful to show.
    #[serde(default)]
    pub text: Option<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}
