//! The command line: global options and the non-interactive subcommands.

mod act;
mod act_text;
mod board;
pub mod client_cert;
mod comment;
pub mod connect;
mod create;
mod demo_server;
mod edit;
mod field_values;
mod fields;
pub mod filter;
mod filter_remote;
mod filter_table;
mod issue;
mod login;
mod logout;
mod output;
mod profiles;
mod progress;
mod prompt;
pub mod save;
mod search;
mod sprint;
mod tui;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub use connect::{ConnectArgs, ConnectError, Resolved};
pub use save::{LoginToSave, SavedLogin, save_login};

/// Exit codes scripts can rely on (also listed in the README and `--help`).
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A failure that fits no other class.
    pub const FAILURE: u8 = 1;
    /// Bad usage or input: unknown option, bad JQL, unusable site address.
    pub const USAGE: u8 = 2;
    /// Authentication: wrong credentials, CAPTCHA, SSO page, no permission.
    pub const AUTH: u8 = 3;
    /// The issue or resource does not exist.
    pub const NOT_FOUND: u8 = 4;
    /// Network: DNS, refused connection, TLS, timeout.
    pub const NETWORK: u8 = 5;
    /// The server failed: 5xx, rate limits that did not clear, unexpected answers.
    pub const SERVER: u8 = 6;
}

const EXIT_CODES_HELP: &str = "Exit codes: 0 success, 1 other failure, 2 usage or bad input \
(bad JQL included), 3 authentication, 4 not found, 5 network (DNS, TLS, timeout), 6 server error.";

/// jiratty: a fast, keyboard-driven terminal client for Jira Cloud and Jira Server/Data Center.
#[derive(Debug, Parser)]
#[command(name = "jiratty", version, about, long_about = None, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Where and how to connect.
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Start with an embedded demo Jira, already logged in as alice: `--demo` (Cloud) or
    /// `--demo dc` (Server/Data Center).
    #[arg(long, value_name = "FLAVOR", num_args = 0..=1, default_missing_value = "cloud", value_enum)]
    pub demo: Option<crate::demo::model::Flavor>,
    /// Open the terminal UI on this board (its id or name) instead of the issue list; a
    /// profile's `board` does the same.
    #[arg(long, value_name = "NAME|ID")]
    pub board: Option<String>,
    /// What to do; without a command jiratty opens the terminal UI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search with JQL and print the matching issues.
    Search(search::SearchArgs),
    /// Print one issue: its fields, description and comments.
    Issue(issue::IssueArgs),
    /// Log in to a site, then save it as a profile (its secret goes to the OS keyring).
    Login(login::LoginArgs),
    /// Remove the secret of a profile (the default one, or --profile NAME) from the OS keyring.
    Logout(logout::LogoutArgs),
    /// List the saved profiles; `*` marks the default one.
    Profiles(profiles::ProfilesArgs),
    /// Saved named JQL filters: list, save, rename, rm, run, export, import, favourites,
    /// publish.
    Filter(filter::FilterArgs),
    /// Move an issue through its workflow; without a target, list the transitions offered.
    Transition(act::TransitionArgs),
    /// Assign an issue to someone, to yourself (`me`), to nobody (`none`) or automatically
    /// (`auto`).
    Assign(act::AssignArgs),
    /// Watch an issue, or stop watching it with --off.
    Watch(act::WatchArgs),
    /// Comment on an issue (Markdown, wiki markup or ADF); `edit` and `rm` change your own.
    Comment(comment::CommentArgs),
    /// Boards: `list` the boards you can see, `show BOARD` a board's columns and issues.
    Board(board::BoardArgs),
    /// Sprints: `list BOARD` a Scrum board's sprints.
    Sprint(sprint::SprintArgs),
    /// Create an issue: project, type, summary and any field its create screen has.
    Create(create::CreateArgs),
    /// Change fields of an issue (`--field` sets, `--add`/`--remove` change multi-value
    /// fields one value at a time).
    Edit(edit::EditArgs),
    /// List the fields that can be set on an issue, or on a new issue with --create, with
    /// their types and allowed values.
    Fields(fields::FieldsArgs),
    /// Run the embedded Jira-compatible demo server until killed.
    DemoServer(demo_server::DemoServerArgs),
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::DemoServer(args)) => demo_server::run(args),
        Some(Command::Search(args)) => runtime(|| search::run(&cli.connect, args)),
        Some(Command::Issue(args)) => runtime(|| issue::run(&cli.connect, args)),
        Some(Command::Transition(args)) => runtime(|| act::transition(&cli.connect, args)),
        Some(Command::Assign(args)) => runtime(|| act::assign(&cli.connect, args)),
        Some(Command::Watch(args)) => runtime(|| act::watch(&cli.connect, args)),
        Some(Command::Comment(args)) => runtime(|| comment::run(&cli.connect, args)),
        Some(Command::Create(args)) => runtime(|| create::run(&cli.connect, args)),
        Some(Command::Edit(args)) => runtime(|| edit::run(&cli.connect, args)),
        Some(Command::Fields(args)) => runtime(|| fields::run(&cli.connect, args)),
        Some(Command::Login(args)) => runtime(|| login::run(&cli.connect, args)),
        Some(Command::Logout(args)) => logout::run(&cli.connect, args),
        Some(Command::Profiles(args)) => profiles::run(args),
        Some(Command::Filter(args)) => filter::run(&cli.connect, args),
        Some(Command::Board(args)) => runtime(|| board::run(&cli.connect, args)),
        Some(Command::Sprint(args)) => runtime(|| sprint::run(&cli.connect, args)),
        None => tui::run(&cli.connect, cli.demo, cli.board),
    }
}

/// What `--demo` and `demo-server` say in a build without the `demo` cargo feature.
pub const WITHOUT_DEMO: &str = "this jiratty was built without the demo server (cargo feature \
`demo`); rebuild with default features to use --demo";

/// Says that this build lacks the demo server, and exits with the usage code.
#[cfg(not(feature = "demo"))]
fn without_demo() -> ExitCode {
    eprintln!("jiratty: {WITHOUT_DEMO}");
    ExitCode::from(exit::USAGE)
}

/// Runs an async command on a fresh single-threaded runtime.
fn runtime<F, Fut>(f: F) -> ExitCode
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ExitCode>,
{
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(f()),
        Err(e) => {
            eprintln!("jiratty: cannot start the async runtime: {e}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// Prints a Jira error as its sentence and hint, and returns the exit code of its class.
pub fn report(error: &crate::jira::JiraError) -> ExitCode {
    use crate::jira::ErrorClass;
    eprintln!("jiratty: {}", crate::text::sanitize_line(&error.sentence()));
    if let Some(hint) = error.hint() {
        eprintln!("hint: {}", crate::text::sanitize_line(&hint));
    }
    ExitCode::from(match error.class() {
        ErrorClass::Auth => exit::AUTH,
        ErrorClass::NotFound => exit::NOT_FOUND,
        ErrorClass::Network => exit::NETWORK,
        ErrorClass::Server => exit::SERVER,
        ErrorClass::Input => exit::USAGE,
    })
}
