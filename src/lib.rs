//! slaudit core: contract model, holiday calendars, business-hours clocks and the
//! per-ticket audit. Pure and deterministic: no file or terminal I/O happens here.
//!
//! * [`contract`]: the contract model, loaded from TOML text.
//! * [`clock`]: the clock engine (business hours, holidays, 24x7).
//! * [`localtime`]: the one place where wall-clock times become instants (DST policy).
//! * [`holidays`]: rule-based holiday calendars.
//! * [`audit`]: per-ticket deadlines and statuses, and the run summary.
//! * [`tickets`]: reading a tickets CSV export row by row ([`csvin`]: what CSV
//!   inputs share).
//! * [`availability`]: uptime, maintenance windows, service credits and penalties.
//! * [`shipped`]: the contracts and calendars embedded in the binary.

pub mod audit;
pub mod availability;
pub mod clock;
pub mod contract;
pub mod csvin;
pub mod holidays;
pub mod localtime;
pub mod shipped;
pub mod text;
pub mod tickets;
pub mod zone;
