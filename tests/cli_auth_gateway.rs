//! `jiratty login` with a scoped API token through the real binary: the gateway found at
//! login (under `JIRATTY_API_GATEWAY`) is said and saved in the profile with the cloud id,
//! later commands use it without looking it up again, and the token is in no file.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod accounts_common;

use accounts_common::*;
use jiratty::demo::auth::{CLOUD_ID, SCOPED_TOKEN};
use jiratty::demo::model::Flavor;

#[test]
fn a_scoped_token_login_remembers_the_gateway_and_keeps_the_token_out_of_files() {
    let demo = Demo::start(Flavor::Cloud);
    let sandbox = Sandbox::new();
    let url = demo.url();
    let login = sandbox.run(
        &["login", "--site", &url, "--user", "alice@example.com"],
        &[
            ("JIRATTY_SECRET", SCOPED_TOKEN),
            ("JIRATTY_API_GATEWAY", &url),
        ],
        None,
    );
    assert_eq!(login.code, 0, "{login:?}");
    assert_eq!(
        login.stdout,
        format!("Logged in to {url} as Alice Anderson (Cloud)\n")
    );
    let api_url = format!("{url}/ex/jira/{CLOUD_ID}");
    assert!(login.stderr.contains("API gateway"), "{login:?}");
    assert!(login.stderr.contains(&api_url), "{login:?}");

    let config = sandbox.config();
    let (_, profile) = config.default_entry().unwrap();
    assert_eq!(profile.site, url, "the site stays the site");
    assert_eq!(profile.api_url.as_deref(), Some(api_url.as_str()));
    assert_eq!(profile.cloud_id.as_deref(), Some(CLOUD_ID));

    // A later run needs no lookup: the gateway base may even be unreachable now.
    let search = sandbox.run(
        &[
            "search",
            "project = ACME ORDER BY key",
            "--format",
            "json",
            "--limit",
            "3",
        ],
        &[
            ("JIRATTY_SECRET", SCOPED_TOKEN),
            ("JIRATTY_API_GATEWAY", "http://127.0.0.1:1"),
        ],
        None,
    );
    assert_eq!(search.code, 0, "{search:?}");
    let rows: serde_json::Value = serde_json::from_str(&search.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(3), "{search:?}");
    // Links in the output use the site, not the gateway.
    assert!(!search.stdout.contains("/ex/jira/"), "{}", search.stdout);

    assert!(
        sandbox.files_containing(SCOPED_TOKEN).is_empty(),
        "the token is in {:?}",
        sandbox.files_containing(SCOPED_TOKEN)
    );
}
