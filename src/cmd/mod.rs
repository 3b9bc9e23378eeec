//! One module per subcommand, each a thin `run`; what they share is in [`common`].

/// `println!` into a `String` (commands render whole documents, then write
/// them once with [`common::write_stdout`]).
macro_rules! outln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = writeln!($out, $($arg)*);
    }};
}

mod audit;
mod calendar;
mod common;
mod contracts;
mod deadline;
mod explain;
mod presets;
mod report;
mod uptime;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let dir = cli.contracts_dir.as_deref();
    common::check_contracts_dir(dir)?;
    match cli.command {
        Command::Contracts(args) => contracts::run(args, dir),
        Command::Calendar(args) => calendar::run(args, dir),
        Command::Deadline(args) => deadline::run(args, dir),
        Command::Audit(args) => audit::run(args, dir),
        Command::Uptime(args) => uptime::run(args, dir),
        Command::Presets(args) => presets::run(args),
        Command::Explain(args) => explain::run(args, dir),
        Command::Report(args) => report::run(*args, dir),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "slaudit", &mut out);
            common::write_raw(&out)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            common::write_raw(&out)
        }
    }
}
