//! Writing `config.toml` without trampling on the user's edits: the existing document is
//! updated key by key (toml_edit), so comments, ordering and keys jiratty does not know stay.

use super::config::{Config, ConfigError, Profile, syntax_error};
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Table, Value};

const HEADER: &str = "\
# jiratty configuration. Edit freely: jiratty keeps comments and unknown keys when it saves.
# Secrets are never stored here; they live in the OS keyring (or come from JIRATTY_SECRET or a
# profile's secret_command). See the README, section \"Accounts and profiles\".

";

/// The text of `config` written over `existing` (the current file, if any).
pub fn render(existing: Option<&str>, config: &Config, path: &Path) -> Result<String, ConfigError> {
    let mut doc = match existing {
        Some(text) => text
            .parse::<DocumentMut>()
            .map_err(|e| syntax_error(path, text, e.span().map(|s| s.start), e.message()))?,
        None => {
            let mut doc = DocumentMut::new();
            doc.decor_mut().set_prefix(HEADER);
            doc
        }
    };
    let root = doc.as_table_mut();
    set(
        root,
        "default_profile",
        config.default_profile.as_deref().map(Value::from),
    );
    if config.profiles.is_empty() {
        root.remove("profiles");
        return Ok(doc.to_string());
    }
    if !root.get("profiles").is_some_and(Item::is_table) {
        let mut table = Table::new();
        table.set_implicit(true);
        root.insert("profiles", Item::Table(table));
    }
    let profiles = root
        .get_mut("profiles")
        .and_then(Item::as_table_mut)
        .expect("the profiles table was just made sure of");
    let stale: Vec<String> = profiles
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !config.profiles.contains_key(k))
        .collect();
    for name in stale {
        profiles.remove(&name);
    }
    for (name, profile) in &config.profiles {
        if !profiles.get(name).is_some_and(Item::is_table) {
            profiles.insert(name, Item::Table(Table::new()));
        }
        let table = profiles
            .get_mut(name)
            .and_then(Item::as_table_mut)
            .expect("the profile table was just made sure of");
        write_profile(table, profile);
    }
    Ok(doc.to_string())
}

fn write_profile(table: &mut Table, p: &Profile) {
    let text = |s: &Option<String>| s.as_deref().map(Value::from);
    set(table, "site", Some(Value::from(p.site.as_str())));
    set(table, "auth", p.auth.map(|a| Value::from(a.as_str())));
    set(table, "user", text(&p.user));
    set(
        table,
        "deployment",
        p.deployment.map(|d| Value::from(deployment_key(d))),
    );
    set(table, "version", text(&p.version));
    set(table, "api_url", text(&p.api_url));
    set(table, "cloud_id", text(&p.cloud_id));
    set(
        table,
        "ca_cert",
        p.ca_cert
            .as_ref()
            .map(|c| Value::from(c.to_string_lossy().as_ref())),
    );
    let path = |p: &Option<PathBuf>| {
        p.as_ref()
            .map(|c| Value::from(c.to_string_lossy().as_ref()))
    };
    set(table, "client_cert", path(&p.client_cert));
    set(table, "client_key", path(&p.client_key));
    set(
        table,
        "client_key_passphrase_command",
        text(&p.client_key_passphrase_command),
    );
    set(table, "default_jql", text(&p.default_jql));
    set(table, "secret_command", text(&p.secret_command));
    set(
        table,
        "allow_insecure_http",
        p.allow_insecure_http.then(|| Value::from(true)),
    );
}

fn deployment_key(d: crate::jira::Deployment) -> &'static str {
    match d {
        crate::jira::Deployment::Cloud => "cloud",
        crate::jira::Deployment::Dc => "dc",
    }
}

/// Sets or removes `key`, leaving an unchanged value exactly as written (with its comment).
fn set(table: &mut Table, key: &str, value: Option<Value>) {
    let Some(mut value) = value else {
        table.remove(key);
        return;
    };
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        let bare = |v: &Value| v.clone().decorated("", "").to_string();
        if bare(old) == bare(&value) {
            return;
        }
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
}
