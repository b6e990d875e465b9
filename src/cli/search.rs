//! `jiratty search JQL`.

use super::connect::ConnectArgs;
use super::output::{self, ListFormat, Row};
use super::progress::Progress;
use crate::jira::{Client, SearchRequest, search::LIST_FIELDS};
use clap::Args;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Options of `jiratty search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The JQL query, e.g. "assignee = currentUser() AND resolution = Unresolved".
    pub jql: String,
    /// How to print the result.
    #[command(flatten)]
    pub list: ListOptions,
}

/// How to print a list of issues (shared by `search` and `filter run`).
#[derive(Debug, Clone, Args)]
pub struct ListOptions {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Print at most this many issues (0 = all of them).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Extra fields to fetch and print, comma separated (e.g. labels,duedate,customfield_10016).
    #[arg(long, value_delimiter = ',')]
    pub fields: Vec<String>,
}

/// Runs the search and prints the result.
pub async fn run(connect: &ConnectArgs, args: SearchArgs) -> ExitCode {
    let client = match connect.client() {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => return super::report(&e),
        Err(e) => return e.report(),
    };
    let result = search_and_print(&client, &args.jql, &args.list).await;
    // A `session` login opened a server session for this run: close it.
    let _ = client.logout().await;
    result.err().unwrap_or(ExitCode::SUCCESS)
}

/// Searches with `jql` and prints the issues as `list` says. An error is reported on stderr
/// and comes back as the exit code to end with.
pub(super) async fn search_and_print(
    client: &Client,
    jql: &str,
    list: &ListOptions,
) -> Result<(), ExitCode> {
    let extra: Vec<String> = list
        .fields
        .iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty() && !LIST_FIELDS.contains(&f.as_str()) && f != "*all")
        .collect();
    let mut request = SearchRequest::new(jql.to_string());
    request.fields = LIST_FIELDS
        .iter()
        .map(|f| f.to_string())
        .chain(extra.iter().cloned())
        .collect();
    let limit = if list.limit == 0 {
        None
    } else {
        Some(list.limit)
    };
    request.page_size = limit.map_or(100, |l| l.min(100) as u32);
    let host = client.host().to_string();
    let progress = Progress::start(
        format!("waiting for {host} to send the search results"),
        client.deadline(),
    );
    let mut pager = client.pager(request);
    let mut issues = Vec::new();
    loop {
        match pager.next_page().await {
            Ok(Some(page)) => {
                issues.extend(page);
                progress.waiting_for(format!(
                    "waiting for {host} to send page {} of the search ({} issues so far)",
                    pager.pages() + 1,
                    issues.len()
                ));
                if limit.is_some_and(|l| issues.len() >= l) {
                    issues.truncate(list.limit);
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                drop(progress);
                return Err(super::report(&e));
            }
        }
    }
    drop(progress);
    let browse = |key: &str| client.browse_url(key);
    let mut rows: Vec<Row> = issues
        .iter()
        .map(|i| Row::new(i, &browse, &extra))
        .collect();
    if list.format == ListFormat::Table {
        for (row, issue) in rows.iter_mut().zip(&issues) {
            if issue.problem.is_some() {
                row.summary = format!("{DAMAGED_MARK} {}", row.summary);
            }
        }
    }
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let text = match list.format {
        ListFormat::Json => output::json(&rows) + "\n",
        ListFormat::Csv => output::csv(&rows),
        ListFormat::Table => {
            let width = if tty {
                crossterm::terminal::size().ok().map(|(w, _)| w as usize)
            } else {
                std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
            };
            output::table(&rows, width, tty && std::env::var_os("NO_COLOR").is_none())
        }
    };
    let mut out = stdout.lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        // A closed pipe (`| head`) is not an error worth reporting.
        return Ok(());
    }
    note_damaged(&issues, list.format == ListFormat::Table);
    if list.format == ListFormat::Table
        && tty
        && pager.stopped().is_none()
        && let Some(total) = pager.total()
        && (total as usize) > rows.len()
    {
        eprintln!(
            "{} of {} shown; use --limit 0 for all",
            rows.len(),
            crate::text::format::thousands(total)
        );
    }
    if let Some(stop) = pager.stopped() {
        eprintln!("jiratty: {}", paging_note(&stop.sentence(), rows.len()));
        return Err(ExitCode::from(super::exit::SERVER));
    }
    Ok(())
}

/// What marks a damaged issue's summary in table output.
const DAMAGED_MARK: &str = "(!)";

/// The note after a search whose paging the site made endless.
fn paging_note(why: &str, printed: usize) -> String {
    format!(
        "Stopped paging: {why}; printed the {} issues got so far.",
        crate::text::format::thousands(printed as u64)
    )
}

/// Names on stderr the issues that could not be read in full (at most five, then a count).
fn note_damaged(issues: &[crate::jira::Issue], marked: bool) {
    let damaged: Vec<&crate::jira::Issue> = issues.iter().filter(|i| i.problem.is_some()).collect();
    for issue in damaged.iter().take(5) {
        eprintln!(
            "jiratty: note: {}",
            crate::text::sanitize_line(&super::issue::damage_note(issue, marked))
        );
    }
    if damaged.len() > 5 {
        eprintln!(
            "jiratty: note: {} more issues could not be read in full.",
            damaged.len() - 5
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paging_note_is_one_sentence_with_the_count() {
        let stop = crate::jira::PagingStop::RepeatedCursor { page: 2 };
        let note = paging_note(&stop.sentence(), 1234);
        assert!(
            note.starts_with("Stopped paging: the site handed out the same page again"),
            "{note}"
        );
        assert!(
            note.ends_with("printed the 1,234 issues got so far."),
            "{note}"
        );
        assert_eq!(note.matches(". ").count(), 0, "{note}");
    }
}
