//! `slaudit uptime`: availability, excused maintenance, exclusions and credits per month.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct UptimeArgs {
    /// Contract name (e.g. clever) or path to a TOML file.
    #[arg(long)]
    pub contract: String,
    /// Plan (for contracts whose credits depend on the plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// Outages CSV (`-` for standard input).
    pub file: PathBuf,
}

pub fn run(args: UptimeArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let _ = (&args.plan, &args.file, contracts_dir, &args.contract);
    bail!("uptime is not available yet")
}
