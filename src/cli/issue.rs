//! `jiratty issue KEY`.

use super::connect::ConnectArgs;
use super::output;
use super::progress::Progress;
use crate::jira::calls::IssueRequest;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

/// Output formats of `jiratty issue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IssueFormat {
    /// Readable text: main fields, description, comments.
    Text,
    /// The issue as jiratty models it, as JSON.
    Json,
}

/// Options of `jiratty issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The issue key, e.g. ACME-12.
    pub key: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: IssueFormat,
}

/// Fetches and prints the issue.
pub async fn run(connect: &ConnectArgs, args: IssueArgs) -> ExitCode {
    let client = match connect.client() {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => return super::report(&e),
        Err(e) => return e.report(),
    };
    let progress = Progress::start("loading");
    let request = IssueRequest {
        fields: Vec::new(),
        expand: vec!["names".to_string()],
    };
    let mut issue = match client.issue(&args.key, &request).await {
        Ok(issue) => issue,
        Err(e) => {
            drop(progress);
            return super::report(&e);
        }
    };
    // The issue carries only the first comments on big issues: fetch the rest.
    if let Some(page) = &issue.fields.comment
        && page.total > page.comments.len() as u64
    {
        let mut all = Vec::new();
        while (all.len() as u64) < page.total {
            match client.comments(&issue.key, all.len() as u64, 100).await {
                Ok(p) if !p.comments.is_empty() => all.extend(p.comments),
                Ok(_) => break,
                Err(e) => {
                    drop(progress);
                    return super::report(&e);
                }
            }
        }
        if let Some(page) = &mut issue.fields.comment {
            page.comments = all;
        }
    }
    drop(progress);
    // A `session` login opened a server session for this run: close it.
    let _ = client.logout().await;
    let url = client.browse_url(&issue.key);
    let text = match args.format {
        IssueFormat::Text => output::issue_text(&issue, &url),
        IssueFormat::Json => output::pretty_json(&issue).unwrap_or_default() + "\n",
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
    ExitCode::SUCCESS
}
