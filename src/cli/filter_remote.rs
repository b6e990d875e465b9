//! The `filter` subcommands that talk to Jira: `run`, `favourites` and `publish`.

use super::connect::ConnectArgs;
use super::exit;
use super::filter::report;
use super::search::{ListOptions, search_and_print};
use crate::jira::Client;
use crate::store::filters::{FilterStore, SavedFilter};
use crate::text::sanitize_line;
use std::process::ExitCode;

/// A client for the resolved connection, or the exit code of why there is none.
fn client(connect: &ConnectArgs) -> Result<Client, ExitCode> {
    match connect.client() {
        Ok(Ok(client)) => Ok(client),
        Ok(Err(e)) => Err(super::report(&e)),
        Err(e) => Err(e.report()),
    }
}

/// Runs `body` with a client, then closes a `session` login's server session.
async fn with_client<F, Fut>(connect: &ConnectArgs, body: F) -> ExitCode
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = (Client, ExitCode)>,
{
    let client = match client(connect) {
        Ok(client) => client,
        Err(code) => return code,
    };
    let (client, code) = body(client).await;
    let _ = client.logout().await;
    code
}

/// `filter run NAME`: search with the filter's JQL, print, and mark the filter used.
pub async fn run(
    connect: &ConnectArgs,
    store: &FilterStore,
    profile: &str,
    name: &str,
    list: ListOptions,
) -> ExitCode {
    let filter = match store.get(profile, name) {
        Ok(filter) => filter,
        Err(e) => return report(&e),
    };
    with_client(connect, |client| async move {
        if let Err(code) = search_and_print(&client, &filter.jql, &list).await {
            return (client, code);
        }
        if let Err(e) = store.mark_used(profile, &filter.name) {
            // The search worked; only the ordering of the list is lost.
            eprintln!(
                "jiratty: warning: cannot record that '{}' ran: {}",
                sanitize_line(&filter.name),
                sanitize_line(&e.sentence())
            );
        }
        (client, ExitCode::SUCCESS)
    })
    .await
}

/// `filter favourites [--copy NAME [--as NAME] [--force]]`.
pub async fn favourites(
    connect: &ConnectArgs,
    store: &FilterStore,
    profile: &str,
    copy: Option<String>,
    save_as: Option<String>,
    force: bool,
) -> ExitCode {
    with_client(connect, |client| async move {
        let favourites = match client.favourite_filters().await {
            Ok(list) => list,
            Err(e) => return (client, super::report(&e)),
        };
        let Some(wanted) = copy else {
            if favourites.is_empty() {
                eprintln!("You have no favourite filters on {}.", client.site());
            } else {
                print!("{}", super::filter_table::favourites(&favourites));
            }
            return (client, ExitCode::SUCCESS);
        };
        let found = favourites
            .iter()
            .find(|f| f.id == wanted.trim())
            .or_else(|| {
                favourites
                    .iter()
                    .find(|f| f.name.trim().to_lowercase() == wanted.trim().to_lowercase())
            });
        let Some(found) = found else {
            eprintln!(
                "jiratty: there is no favourite filter named '{}' on {}",
                sanitize_line(&wanted),
                client.site()
            );
            let names: Vec<String> = favourites.iter().map(|f| sanitize_line(&f.name)).collect();
            if names.is_empty() {
                eprintln!("hint: you have no favourite filters there");
            } else {
                eprintln!("hint: your favourites: {}", names.join(", "));
            }
            return (client, ExitCode::from(exit::NOT_FOUND));
        };
        let name = save_as.unwrap_or_else(|| found.name.clone());
        let filter =
            SavedFilter::new(name, found.jql.clone()).with_description(found.description.clone());
        let name = filter.name.trim().to_string();
        let code = match store.save(profile, filter, force) {
            Ok(()) => {
                println!(
                    "Copied favourite filter '{}' into profile '{}' as '{}'.",
                    sanitize_line(&found.name),
                    sanitize_line(profile),
                    sanitize_line(&name)
                );
                ExitCode::SUCCESS
            }
            Err(e) => report(&e),
        };
        (client, code)
    })
    .await
}

/// `filter publish NAME`: create the saved filter on the site, as a favourite there.
pub async fn publish(
    connect: &ConnectArgs,
    store: &FilterStore,
    profile: &str,
    name: &str,
) -> ExitCode {
    let filter = match store.get(profile, name) {
        Ok(filter) => filter,
        Err(e) => return report(&e),
    };
    with_client(connect, |client| async move {
        let created = client
            .create_filter(
                &filter.name,
                &filter.jql,
                filter.description.as_deref(),
                true,
            )
            .await;
        let code = match created {
            Ok(remote) => {
                println!(
                    "Published '{}' to {} as filter {}.",
                    sanitize_line(&filter.name),
                    client.site(),
                    sanitize_line(&remote.id)
                );
                if let Some(url) = remote.view_url.as_deref() {
                    println!("{}", sanitize_line(url));
                }
                ExitCode::SUCCESS
            }
            Err(e) => super::report(&e),
        };
        (client, code)
    })
    .await
}
