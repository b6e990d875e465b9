//! The `jiratty` binary: command-line parsing and dispatch only.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jiratty::cli::Cli::parse();
    jiratty::cli::run(cli)
}
