//! The `slaudit` command line: flags, file reading and rendering around the pure
//! core in the library.

mod cli;
mod cmd;
mod exit;
mod export;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return print_help(&e);
        }
        // Usage errors: clap's message on standard error, exit 2.
        Err(e) => e.exit(),
    };
    match cmd::run(args) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(exit::SUCCESS);
            }
            eprintln!("slaudit: error: {err:#}");
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}

/// `--help` and `--version` on standard output, checked like any output: a
/// full disk is an error (clap itself would exit 0 without a word).
fn print_help(e: &clap::Error) -> ExitCode {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() {
        e.render().ansi().to_string()
    } else {
        e.render().to_string()
    };
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(exit::SUCCESS),
        Err(io) => {
            eprintln!("slaudit: error: cannot write to standard output: {io}");
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}

/// `slaudit ... | head` closes the pipe early: that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            || e.downcast_ref::<csv::Error>().is_some_and(|c| {
                matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
