//! Scoped API tokens through Atlassian's API gateway, against the demo: the site refuses a
//! scoped token, so login looks up the cloud id at `/_edge/tenant_info` and tries
//! `/ex/jira/{cloudId}/…` once; the gateway it found is remembered, so a later run goes
//! straight there. Browser links keep the site URL. A token without the scopes jiratty needs
//! gets a sentence naming the scopes to grant.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::auth::{CLOUD_ID, SCOPED_TOKEN, SCOPELESS_TOKEN};
use jiratty::demo::model::Flavor;
use jiratty::jira::{
    AuthMethod, Client, ClientOptions, Deployment, Gateway, JiraError, SearchRequest,
};
use support::*;

/// A client for `site` whose gateway base is `gateway` (JIRATTY_API_GATEWAY's job).
fn token_client(site: &str, gateway: &str, token: &str, remembered: Option<Gateway>) -> Client {
    let options = ClientOptions {
        api_gateway: Some(gateway.into()),
        deployment: remembered.as_ref().map(|_| Deployment::Cloud),
        gateway: remembered.map(Box::new),
        ..fast()
    };
    Client::new(
        site,
        Some(creds(AuthMethod::ApiToken, CLOUD_EMAIL, token)),
        options,
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_takes_scoped_tokens_only_through_the_gateway() {
    let server = demo(Flavor::Cloud).await;
    let http = reqwest::Client::new();
    let tenant: serde_json::Value = http
        .get(format!("{}/_edge/tenant_info", server.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tenant["cloudId"], CLOUD_ID);
    let on_site = http
        .get(format!("{}/rest/api/3/myself", server.url()))
        .basic_auth(CLOUD_EMAIL, Some(SCOPED_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(on_site.status(), 401);
    let gateway = format!("{}/ex/jira/{CLOUD_ID}/rest/api/3/myself", server.url());
    let through = http
        .get(&gateway)
        .basic_auth(CLOUD_EMAIL, Some(SCOPED_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(through.status(), 200);
    let classic = http
        .get(&gateway)
        .basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(
        classic.status(),
        200,
        "classic tokens work through the gateway too"
    );
    let scopeless = http
        .get(&gateway)
        .basic_auth(CLOUD_EMAIL, Some(SCOPELESS_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(scopeless.status(), 401);
    assert!(
        scopeless
            .text()
            .await
            .unwrap()
            .contains("scope does not match")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scoped_token_is_found_remembered_and_used_directly_later() {
    let server = demo(Flavor::Cloud).await;
    let proxy = recorder(&server.url()).await;
    let client = token_client(&proxy.url, &proxy.url, SCOPED_TOKEN, None);
    let identity = client.login().await.expect("login through the gateway");
    let expected = Gateway {
        api_url: format!("{}/ex/jira/{CLOUD_ID}", proxy.url),
        cloud_id: CLOUD_ID.to_string(),
    };
    assert_eq!(identity.gateway.as_ref(), Some(&expected));
    assert_eq!(client.gateway().as_ref(), Some(&expected));
    assert_eq!(
        identity.user.display_name.as_deref(),
        Some("Alice Anderson")
    );
    assert_eq!(proxy.matching("GET", "/_edge/tenant_info").len(), 1);
    // Browser links keep the site URL.
    assert_eq!(
        client.browse_url("ACME-1"),
        format!("{}/browse/ACME-1", proxy.url)
    );
    // The calls after the login go through the gateway.
    let page = client
        .search_page(&SearchRequest::new("project = ACME"), None)
        .await
        .unwrap();
    assert!(!page.issues.is_empty());
    let last = proxy.requests().last().cloned().unwrap();
    assert!(last.path.starts_with("/ex/jira/"), "{last:?}");

    // A later run, from the profile: no detection, no tenant lookup, no refused first try.
    let later_proxy = recorder(&server.url()).await;
    let remembered = Gateway {
        api_url: format!("{}/ex/jira/{CLOUD_ID}", later_proxy.url),
        cloud_id: CLOUD_ID.to_string(),
    };
    let later = token_client(
        &later_proxy.url,
        &later_proxy.url,
        SCOPED_TOKEN,
        Some(remembered),
    );
    later
        .search_page(&SearchRequest::new("project = ACME"), None)
        .await
        .unwrap();
    let requests = later_proxy.requests();
    assert_eq!(requests.len(), 1, "one round trip: {requests:?}");
    assert!(
        requests[0]
            .path
            .starts_with(&format!("/ex/jira/{CLOUD_ID}/rest/api/3/search/jql"))
    );
    assert_eq!(requests[0].status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_classic_token_stays_on_the_site() {
    let server = demo(Flavor::Cloud).await;
    let proxy = recorder(&server.url()).await;
    let client = token_client(&proxy.url, &proxy.url, CLOUD_TOKEN, None);
    let identity = client.login().await.unwrap();
    assert_eq!(identity.gateway, None);
    assert!(proxy.matching("GET", "/_edge/").is_empty());
    assert!(proxy.requests().iter().all(|r| !r.path.starts_with("/ex/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_without_the_scopes_gets_the_scope_sentence() {
    let server = demo(Flavor::Cloud).await;
    let client = token_client(&server.url(), &server.url(), SCOPELESS_TOKEN, None);
    let error = client.login().await.unwrap_err();
    assert!(matches!(error, JiraError::MissingScope { .. }), "{error:?}");
    let sentence = error.sentence();
    assert!(
        sentence.contains("API gateway") && sentence.contains("scope does not match"),
        "{sentence}"
    );
    let hint = error.hint().unwrap();
    for scope in ["read:jira-work", "read:jira-user", "write:jira-work"] {
        assert!(hint.contains(scope), "{hint}");
    }
    assert!(!format!("{error:?} {sentence} {hint}").contains(SCOPELESS_TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_tried_once_on_the_gateway_and_refused_as_before() {
    let server = demo(Flavor::Cloud).await;
    let proxy = recorder(&server.url()).await;
    let client = token_client(&proxy.url, &proxy.url, "not-a-token", None);
    let error = client.login().await.unwrap_err();
    assert!(
        matches!(error, JiraError::WrongCredentials { .. }),
        "{error:?}"
    );
    assert_eq!(client.gateway(), None);
    assert_eq!(proxy.matching("GET", "/_edge/tenant_info").len(), 1);
    assert_eq!(
        proxy.matching("GET", "/ex/jira/").len(),
        1,
        "the gateway is tried once"
    );
}
