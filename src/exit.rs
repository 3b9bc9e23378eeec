//! Exit codes, documented in `--help` and the README. Scripts depend on them.

/// The run completed (with `--keep-going`, even if some rows were invalid).
pub const SUCCESS: u8 = 0;
/// Bad usage, or an unreadable or invalid contract or input file (or bad rows
/// without `--keep-going`).
pub const BAD_INPUT: u8 = 2;
/// `--fail-on-breach` and at least one target breached or overdue.
pub const BREACH: u8 = 3;
/// `--fail-on-risk` and at least one target at risk (and no breach that
/// `--fail-on-breach` reports first).
pub const RISK: u8 = 4;

/// The text shown under `--help`.
pub const HELP: &str = "\
Exit codes:
  0  success
  2  bad usage, unreadable or invalid contract or input, or bad rows (without --keep-going)
  3  with --fail-on-breach: at least one target breached or overdue
  4  with --fail-on-risk: at least one target at risk (3 comes first when both apply)";

/// The text shown under `--help` of commands without `--fail-on-breach`.
pub const HELP_NO_BREACH: &str = "\
Exit codes:
  0  success
  2  bad usage, unreadable or invalid contract or input, or bad rows (without --keep-going)";
