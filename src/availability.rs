//! Availability, maintenance windows, service credits and penalties (in exact
//! decimals). Filled in by the uptime work; the contract model already carries the
//! optional `[availability]` section.

use serde::Deserialize;

/// The `[availability]` section of a contract file, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilitySpec {}

/// The checked availability terms.
#[derive(Debug, Clone, Default)]
pub struct Availability {}

/// Checks the `[availability]` section. Problems carry TOML key paths
/// (`availability.credit.bands[2].max_percent`).
pub fn build(
    _spec: &AvailabilitySpec,
    _tz: chrono_tz::Tz,
) -> Result<Availability, Vec<crate::contract::Problem>> {
    Ok(Availability {})
}
