//! `jiratty transition`, `jiratty assign` and `jiratty watch`: acting on an issue from the
//! command line, through the same client calls the TUI makes.

use super::connect::ConnectArgs;
use super::output::pretty_json;
use super::progress::Progress;
use crate::jira::pick::{Pick, pick};
use crate::jira::{Assignee, Client, JiraError, Transition, TransitionInput, User};
use crate::text::sanitize_line;
use clap::Args;
use serde_json::{Value, json};
use std::process::ExitCode;

/// Output of the acting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ActFormat {
    /// A sentence (or a table of the choices).
    Text,
    /// JSON.
    Json,
}

/// Options of `jiratty transition`.
#[derive(Debug, Args)]
pub struct TransitionArgs {
    /// The issue key, e.g. ACME-12.
    pub key: String,
    /// The transition or the status to move to ("Start progress", "In Progress"); without
    /// it, the transitions Jira offers now are listed.
    pub target: Option<String>,
    /// The resolution, for a transition that asks for one ("Done", "Won't Do").
    #[arg(long, value_name = "NAME")]
    pub resolution: Option<String>,
    /// Another field the transition's screen asks for, as NAME=VALUE (repeatable).
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,
    /// A comment to add on the way.
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Options of `jiratty assign`.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The issue key, e.g. ACME-12.
    pub key: String,
    /// Whom to: an e-mail address, username, display name or account id; `me`; `none`
    /// (unassigned); `auto` (the project's default assignee).
    // Its own id: `user` is the connection's --user, which clap would fill with it.
    #[arg(id = "assignee", value_name = "USER")]
    pub user: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Options of `jiratty watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The issue key, e.g. ACME-12.
    pub key: String,
    /// Stop watching instead.
    #[arg(long)]
    pub off: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Why a command stopped: a Jira error, or bad input with its sentence.
pub(super) enum Stop {
    /// A Jira error.
    Jira(JiraError),
    /// Bad input, with its sentence.
    Input(String),
}

impl From<JiraError> for Stop {
    fn from(e: JiraError) -> Self {
        Stop::Jira(e)
    }
}

/// Connects, runs `body`, closes a cookie session, and turns the outcome into an exit code.
pub(super) async fn with_client<F, Fut>(connect: &ConnectArgs, wait: String, body: F) -> ExitCode
where
    F: FnOnce(Client, Progress) -> Fut,
    Fut: std::future::Future<Output = (Client, Result<String, Stop>)>,
{
    let client = match connect.client() {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => return super::report(&e),
        Err(e) => return e.report(),
    };
    let progress = Progress::start(wait, client.deadline());
    let (client, outcome) = body(client, progress).await;
    let _ = client.logout().await;
    match outcome {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(Stop::Jira(e)) => super::report(&e),
        Err(Stop::Input(sentence)) => {
            eprintln!("jiratty: {}", sanitize_line(&sentence));
            ExitCode::from(super::exit::USAGE)
        }
    }
}

pub(super) fn print(format: ActFormat, text: String, json: Value) -> String {
    match format {
        ActFormat::Text => sanitize_line(&text),
        ActFormat::Json => pretty_json(&json).unwrap_or_default(),
    }
}

/// Runs `jiratty transition`.
pub async fn transition(connect: &ConnectArgs, args: TransitionArgs) -> ExitCode {
    let wait = format!("waiting for Jira to list the transitions of {}", args.key);
    with_client(connect, wait, |client, progress| async move {
        let outcome = run_transition(&client, &progress, &args).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

async fn run_transition(
    client: &Client,
    progress: &Progress,
    args: &TransitionArgs,
) -> Result<String, Stop> {
    let key = args.key.trim().to_uppercase();
    let offered = client.transitions(&key).await?;
    let Some(target) = &args.target else {
        return Ok(list_transitions(&key, &offered, args.format));
    };
    if offered.is_empty() {
        return Err(Stop::Input(super::act_text::none_offered(&key)));
    }
    let names = |t: &Transition| vec![t.name.clone(), t.to.name.clone()];
    let chosen = match pick(&offered, target, names) {
        Pick::One(t) => t,
        Pick::Many(several) => {
            return Err(Stop::Input(format!(
                "'{target}' fits several transitions of {key}: {}; say which",
                super::act_text::transition_names(several.into_iter())
            )));
        }
        Pick::None => {
            return Err(Stop::Input(format!(
                "{key} cannot be moved to '{target}' now; Jira offers: {}",
                super::act_text::transition_names(offered.iter())
            )));
        }
    };
    let fields =
        super::act_text::fields_for(&key, chosen, args.resolution.as_deref(), &args.fields)
            .map_err(Stop::Input)?;
    let comment = args.comment.as_deref().map(super::act_text::comment_body);
    // A screen without a comment field would refuse one: it goes in on its own afterwards.
    let (with_transition, after) = match comment {
        Some(body) if chosen.takes_comment() => (Some(body), None),
        other => (None, other),
    };
    progress.waiting_for(format!(
        "waiting for Jira to move {key} to {}",
        chosen.to.name
    ));
    let input = TransitionInput {
        fields,
        comment: with_transition,
    };
    client.transition(&key, &chosen.id, &input).await?;
    if let Some(body) = after {
        progress.waiting_for(format!("waiting for Jira to add the comment to {key}"));
        client.add_comment(&key, &body, None).await?;
    }
    Ok(print(
        args.format,
        format!("{key} moved to {} ({})", chosen.to.name, chosen.name),
        json!({
            "key": key,
            "transition": { "id": chosen.id, "name": chosen.name },
            "status": { "id": chosen.to.id, "name": chosen.to.name },
            "commented": args.comment.is_some(),
        }),
    ))
}

fn list_transitions(key: &str, offered: &[Transition], format: ActFormat) -> String {
    if format == ActFormat::Json {
        let list: Vec<Value> = offered
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "name": t.name,
                    "to": { "id": t.to.id, "name": t.to.name,
                        "category": t.to.status_category.as_ref().map(|c| c.key.clone()) },
                    "hasScreen": t.has_screen,
                    "required": t.required().map(|f| f.key.clone()).collect::<Vec<_>>(),
                })
            })
            .collect();
        return pretty_json(&list).unwrap_or_default();
    }
    if offered.is_empty() {
        return sanitize_line(&super::act_text::none_offered(key));
    }
    super::act_text::transition_table(offered)
}

/// Runs `jiratty assign`.
pub async fn assign(connect: &ConnectArgs, args: AssignArgs) -> ExitCode {
    let wait = format!(
        "waiting for Jira to find whom {} can be assigned to",
        args.key
    );
    with_client(connect, wait, |client, progress| async move {
        let outcome = run_assign(&client, &progress, &args).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

async fn run_assign(
    client: &Client,
    progress: &Progress,
    args: &AssignArgs,
) -> Result<String, Stop> {
    let key = args.key.trim().to_uppercase();
    let who = args.user.trim();
    let to = match who.to_lowercase().as_str() {
        "me" => Assignee::User(client.myself().await?),
        "none" | "nobody" | "unassigned" => Assignee::Nobody,
        "auto" | "automatic" | "-1" => Assignee::Automatic,
        "" => {
            return Err(Stop::Input(
                "say whom to assign to: a name, me, none or auto".into(),
            ));
        }
        _ => Assignee::User(find_assignee(client, &key, who).await?),
    };
    progress.waiting_for(format!("waiting for Jira to assign {key}"));
    client.assign(&key, &to).await?;
    let text = match &to {
        Assignee::User(user) => format!("{key} assigned to {}", user.label()),
        Assignee::Nobody => format!("{key} is unassigned"),
        Assignee::Automatic => format!("{key} assigned to the project's default assignee"),
    };
    let assignee = match &to {
        Assignee::User(u) => json!({
            "accountId": u.account_id, "name": u.name, "displayName": u.display_name,
        }),
        Assignee::Nobody => Value::Null,
        Assignee::Automatic => json!("automatic"),
    };
    Ok(print(
        args.format,
        text,
        json!({ "key": key, "assignee": assignee }),
    ))
}

/// The one assignable user `who` names.
async fn find_assignee(client: &Client, key: &str, who: &str) -> Result<User, Stop> {
    let found = client.assignable_users(key, who, 50).await?;
    match pick(&found, who, User::names) {
        Pick::One(user) => Ok(user.clone()),
        Pick::Many(several) => Err(Stop::Input(format!(
            "'{who}' fits several people: {}; say which (an e-mail address or username is exact)",
            super::act_text::user_names(several.into_iter())
        ))),
        // Jira's search matched on something it does not show (a hidden e-mail): one answer
        // is who it means.
        Pick::None if found.len() == 1 => Ok(found[0].clone()),
        Pick::None => Err(Stop::Input(format!(
            "nobody called '{who}' can be assigned {key} (Jira looks names up by their start; \
             people without permission to work on {key} are not offered)"
        ))),
    }
}

/// Runs `jiratty watch`.
pub async fn watch(connect: &ConnectArgs, args: WatchArgs) -> ExitCode {
    let wait = format!("waiting for Jira to change the watchers of {}", args.key);
    with_client(connect, wait, |client, progress| async move {
        let outcome = run_watch(&client, &args).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

async fn run_watch(client: &Client, args: &WatchArgs) -> Result<String, Stop> {
    let key = args.key.trim().to_uppercase();
    let me = client.myself().await?;
    client.set_watching(&key, &me, !args.off).await?;
    let watchers = client.watchers(&key).await?;
    let count = watchers.watch_count;
    let people = if count == 1 { "watcher" } else { "watchers" };
    let text = if args.off {
        format!("No longer watching {key} ({count} {people})")
    } else {
        format!("Watching {key} ({count} {people})")
    };
    Ok(print(
        args.format,
        text,
        json!({ "key": key, "watching": watchers.is_watching, "watchCount": count }),
    ))
}
