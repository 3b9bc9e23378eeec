//! The monthly audit report: one month's tickets and outages of one contract,
//! gathered into one typed document (compliance, breaches, missed status
//! reports, tickets set aside, availability, penalties, quotas, contacts, what
//! is owed and the claims to file, assumptions and missing terms).
//!
//! Nothing here judges a ticket or an outage: the figures come from the audit
//! ([`crate::audit`]) and the availability computation ([`crate::availability`])
//! of the same inputs, and are only gathered, totalled and labelled. The
//! exporters render a [`Report`] and compute nothing.

mod build;
mod compare;
pub mod model;
pub mod notable;

pub use build::{build, Inputs, OutageInputs};
pub use compare::compare;
pub use model::*;
pub use notable::{Breach, Collector, Instant, MissedReports, Notable, SetAside};
