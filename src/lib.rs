//! slaudit core: contract model, holiday calendars, business-hours clocks, the
//! per-ticket audit and availability. Pure and deterministic: no file or
//! terminal I/O happens here.
//!
//! Terms down, tallies up: what a contract says lives in [`contract`]; what a
//! run counts lives where it is counted ([`audit`] for tickets and their
//! penalties, [`availability`] for outages and credits; neither imports the
//! other); [`read`] turns CSV records into typed records and judges nothing.
//! The ground floor everyone stands on: [`clock`] (the clock engine) and
//! [`timeline`] (the stretches it counts and skips, for explaining a deadline),
//! [`localtime`] (wall times to instants, the DST policy, calendar days),
//! [`events`] (a ticket's status reports and waits), [`holidays`], [`zone`], [`month`], [`money`], [`record`], [`text`].
//!
//! * [`shipped`]: the contracts and calendars embedded in the binary.

pub mod audit;
pub mod availability;
pub mod clock;
pub mod contacts;
pub mod contract;
pub mod events;
pub mod holidays;
pub mod localtime;
pub mod money;
pub mod month;
pub mod read;
pub mod record;
pub mod report;
pub mod shipped;
pub mod text;
pub mod timeline;
pub mod zone;
