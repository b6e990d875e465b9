//! The command line: global options and the non-interactive subcommands.

mod demo_server;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes scripts can rely on.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A failure that fits no other class.
    pub const FAILURE: u8 = 1;
    /// Bad command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
}

/// jiratty: a fast, keyboard-driven terminal client for Jira Cloud and Jira Server/Data Center.
#[derive(Debug, Parser)]
#[command(name = "jiratty", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a command jiratty opens the terminal UI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the embedded Jira-compatible demo server until killed.
    DemoServer(demo_server::DemoServerArgs),
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::DemoServer(args)) => demo_server::run(args),
        None => {
            eprintln!("jiratty: the terminal UI is not built yet; try `jiratty demo-server --help`.");
            ExitCode::from(exit::FAILURE)
        }
    }
}
