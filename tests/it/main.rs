//! The one integration-test binary: every test module of the suite hangs off here.

mod holidays;
mod cli;
mod util;
