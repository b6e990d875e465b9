//! `jiratty issue KEY`.

use super::connect::ConnectArgs;
use super::output;
use super::progress::Progress;
use crate::jira::calls::IssueRequest;
use crate::jira::{CommentStop, FetchedComments, Issue};
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
    let host = client.host().to_string();
    let key = args.key.trim().to_string();
    let progress = Progress::start(
        format!("waiting for {host} to send issue {key}"),
        client.deadline(),
    );
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
    // The issue carries only the first comments on big issues: fetch the rest, bounded.
    let mut fetched = None;
    if let Some(page) = &issue.fields.comment
        && page.total > page.comments.len() as u64
    {
        progress.waiting_for(format!(
            "waiting for {host} to send the comments of {}",
            issue.key
        ));
        match client.all_comments(&issue.key, page).await {
            Ok(all) => fetched = Some(all),
            Err(e) => {
                drop(progress);
                return super::report(&e);
            }
        }
    }
    drop(progress);
    // A `session` login opened a server session for this run: close it.
    let _ = client.logout().await;
    let mut code = ExitCode::SUCCESS;
    if let Some(all) = fetched {
        if let Some(stop) = &all.stop {
            eprintln!("jiratty: {}", comments_note(&all, stop));
            if *stop == CommentStop::NoNewComments {
                code = ExitCode::from(super::exit::SERVER);
            }
        }
        if let Some(page) = &mut issue.fields.comment {
            page.comments = all.comments;
            page.total = all.total;
        }
    }
    if issue.problem.is_some() {
        eprintln!(
            "jiratty: note: {}",
            crate::text::sanitize_line(&damage_note(&issue, false))
        );
    }
    let url = client.browse_url(&issue.key);
    let text = match args.format {
        IssueFormat::Text => output::issue_text(&issue, &url),
        IssueFormat::Json => output::pretty_json(&issue).unwrap_or_default() + "\n",
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
    code
}

/// The note after an issue whose comments were not all fetched.
fn comments_note(all: &FetchedComments, stop: &CommentStop) -> String {
    use crate::text::format::thousands;
    format!(
        "Showing {} of {} comments; {} were not fetched: {stop}.",
        thousands(all.comments.len() as u64),
        thousands(all.total),
        thousands(all.missing())
    )
}

/// One line naming what of a damaged issue could not be read.
pub(super) fn damage_note(issue: &Issue, marked: bool) -> String {
    let key = if issue.key.is_empty() {
        "an issue without a key"
    } else {
        &issue.key
    };
    let problem = issue
        .problem
        .as_deref()
        .unwrap_or("something could not be read");
    let mark = if marked {
        " (marked (!) in the table)"
    } else {
        ""
    };
    format!("in {key}, {problem}; the rest is shown{mark}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_say_what_is_missing() {
        let all = FetchedComments {
            comments: vec![Default::default(); 100],
            total: 1_000_000_000_000,
            stop: Some(CommentStop::Cap),
        };
        let note = comments_note(&all, &CommentStop::Cap);
        assert!(
            note.starts_with("Showing 100 of 1,000,000,000,000 comments; 999,999,999,900 were not fetched: jiratty fetches at most"),
            "{note}"
        );
        let issue = Issue {
            key: "A-2".into(),
            problem: Some("priority and status could not be read".into()),
            ..Issue::default()
        };
        assert_eq!(
            damage_note(&issue, true),
            "in A-2, priority and status could not be read; the rest is shown (marked (!) in the table)."
        );
    }
}
