//! `jiratty profiles`: the saved profiles, the default one marked.

use crate::store::{Config, Profile};
use crate::text::sanitize_line;
use clap::Args;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Options of `jiratty profiles`.
#[derive(Debug, Args)]
pub struct ProfilesArgs {}

/// Runs `jiratty profiles`.
pub fn run(_args: ProfilesArgs) -> ExitCode {
    let (config, warnings, path) = match Config::load_default() {
        Ok(loaded) => loaded,
        Err(e) => return super::connect::ConnectError::from(e).report(),
    };
    for warning in &warnings {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    if config.profiles.is_empty() {
        eprintln!(
            "No profiles yet in {}: run `jiratty login` to add one.",
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    print!("{}", table(&config));
    ExitCode::SUCCESS
}

fn row(name: &str, p: &Profile, default: bool) -> [String; 6] {
    let deployment = match (p.deployment, p.version.as_deref()) {
        (Some(d), Some(v)) => format!("{} {v}", d.label()),
        (Some(d), None) => d.label().to_string(),
        (None, _) => String::new(),
    };
    [
        if default { "*" } else { " " }.to_string(),
        name.to_string(),
        p.site.clone(),
        p.auth.map(|a| a.to_string()).unwrap_or_default(),
        p.user.clone().unwrap_or_default(),
        deployment,
    ]
    .map(|cell| sanitize_line(&cell))
}

/// The profiles as aligned plain text, one per line, `*` before the default one.
pub fn table(config: &Config) -> String {
    let mut rows = vec![[" ", "PROFILE", "SITE", "AUTH", "USER", "JIRA"].map(str::to_string)];
    for (name, p) in &config.profiles {
        rows.push(row(
            name,
            p,
            config.default_profile.as_deref() == Some(name.as_str()),
        ));
    }
    let widths: Vec<usize> = (0..6)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.width())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::{AuthMethod, Deployment};

    #[test]
    fn marks_the_default_and_aligns() {
        let mut config = Config {
            default_profile: Some("work".into()),
            ..Config::default()
        };
        for (name, site) in [
            ("work", "https://acme.atlassian.net"),
            ("dc", "https://jira.corp"),
        ] {
            config.profiles.insert(
                name.into(),
                Profile {
                    site: site.into(),
                    auth: Some(AuthMethod::Pat),
                    deployment: Some(Deployment::Dc),
                    version: Some("9.12.2".into()),
                    ..Profile::default()
                },
            );
        }
        let text = table(&config);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "   PROFILE  SITE                        AUTH  USER  JIRA"
        );
        assert_eq!(
            lines[1],
            "   dc       https://jira.corp           pat         Data Center 9.12.2"
        );
        assert_eq!(
            lines[2],
            "*  work     https://acme.atlassian.net  pat         Data Center 9.12.2"
        );
    }
}
