//! Which Jira the demo server imitates. Compiled in every build, the `demo` feature's or not,
//! so that `--demo` and `demo-server --flavor` parse the same everywhere.

/// Which kind of Jira the demo server imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Flavor {
    /// Jira Cloud: accountIds, ADF bodies, token paging, API tokens.
    Cloud,
    /// Jira Server / Data Center: usernames, wiki markup, offset paging, sessions and PATs.
    Dc,
}

impl Flavor {
    /// The `deploymentType` that `serverInfo` reports.
    pub fn deployment_type(self) -> &'static str {
        match self {
            Flavor::Cloud => "Cloud",
            Flavor::Dc => "Server",
        }
    }
}
