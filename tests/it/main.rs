//! The one integration-test binary: every test module of the suite hangs off here.

mod bad_inputs;
mod cli;
mod clock_tables;
mod contracts_dir;
mod conventions;
mod coverage;
mod deadlines;
mod events;
mod explain;
mod exports;
mod extends;
mod golden;
mod holidays;
mod hostile_text;
mod layers;
mod limits;
mod mapping;
mod messages;
mod people;
mod pipes;
mod pitfalls;
mod properties;
mod quotas;
mod uptime;
mod util;
mod zone;
