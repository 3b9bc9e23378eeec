//! Availability: which seconds of a month count as downtime, maintenance or
//! excluded time, and the credit they earn, in exact decimals. Pure: outages
//! come in as typed records ([`crate::record::OutageRow`]), the report goes out
//! as values. The terms it applies are the contract's ([`crate::contract::availability`]).
//! Rules in full: `docs/counting.md`.
//!
//! # How time is counted
//!
//! * Instants have one-second precision and every duration is kept in exact
//!   seconds. Minutes are printed as decimals with two places (`21.60`), rounded
//!   half away from zero; no computation uses a printed figure.
//! * A month is a calendar month in the contract's time zone, from local midnight
//!   on the 1st to local midnight on the 1st of the next month; its length is real
//!   elapsed time (a month with a daylight-saving change has 743 or 745 hours).
//! * An outage that spans a month boundary is split between the months.
//! * Every instant of an outage is one of: *counted* downtime, *excused*
//!   maintenance, or *excluded*. Overlapping outages are merged: an instant
//!   covered by several outages is counted once, and takes the first of
//!   excluded, excused, counted that any covering outage gives it (the contracts
//!   exclude unavailability due "in whole or in part" to an exclusion). The
//!   instant is attributed to the earliest-starting such outage (then the earliest
//!   row); the other outages show it as overlap.
//! * Uptime = (month - counted downtime) x 100 / month. Excused and excluded time
//!   counts as available, because the contracts say it is "not counted as
//!   unavailability".
//! * Targets and credit bands are compared with the exact uptime (exact rational
//!   arithmetic), never with a rounded one. Printed percentages have two
//!   decimals, rounded half away from zero; so a month at 99.949 % prints 99.95
//!   and still misses a 99.95 % target (the report's `target_met` says so).
//! * Money is rounded once, to the currency's minor unit, half away from zero.

mod credit;
mod outcome;
pub mod report;
mod timeline;
