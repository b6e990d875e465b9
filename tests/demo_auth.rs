//! Authentication over real HTTP: server info and `myself` for each flavour, every Basic,
//! Bearer and cookie method succeeding and failing, and `X-AUSERNAME` on Server/DC.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::{Value, json};

const SESSION: &str = "/rest/auth/1/session";
const MYSELF: &str = "/rest/api/2/myself";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_info_is_anonymous_and_names_the_deployment() {
    for (flavor, deployment) in [(Flavor::Cloud, "Cloud"), (Flavor::Dc, "Server")] {
        let site = site(flavor).await;
        for v in versions(flavor) {
            let reply = send(site.anon(Method::GET, &format!("/rest/api/{v}/serverInfo"))).await;
            assert_eq!(reply.status, 200, "{flavor:?} v{v}: {}", reply.text);
            let info = reply.json();
            assert_eq!(info["deploymentType"], deployment);
            assert!(
                !info["version"].as_str().unwrap_or("").is_empty(),
                "no version: {info}"
            );
            assert_eq!(
                info["versionNumbers"].as_array().map(Vec::len),
                Some(3),
                "{info}"
            );
            assert_eq!(info["baseUrl"], site.server.url());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn myself_identifies_cloud_users_by_account_id() {
    let site = site(Flavor::Cloud).await;
    for v in ["2", "3"] {
        let me = site.get_ok(&format!("/rest/api/{v}/myself")).await;
        assert_eq!(
            me["accountId"],
            site.server.site.data.users[0].account_id.as_str()
        );
        assert_eq!(me["emailAddress"], CLOUD_EMAIL);
        assert_eq!(me["accountType"], "atlassian");
        assert!(
            me.get("name").is_none() && me.get("key").is_none(),
            "Cloud user with name/key: {me}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn myself_identifies_dc_users_by_name_and_key() {
    let site = site(Flavor::Dc).await;
    let me = site.get_ok(MYSELF).await;
    assert_eq!(me["name"], "alice");
    assert_eq!(me["key"], site.server.site.data.users[0].key.as_str());
    assert!(
        me.get("accountId").is_none(),
        "DC user with an accountId: {me}"
    );
    let v3 = site.get("/rest/api/3/myself").await;
    v3.assert_jira_error(404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_sends_x_ausername_on_every_response() {
    let site = site(Flavor::Dc).await;
    let cases = [
        (
            send(site.anon(Method::GET, "/rest/api/2/serverInfo")).await,
            "anonymous",
        ),
        (send(site.anon(Method::GET, MYSELF)).await, "anonymous"),
        (
            send(site.anon(Method::GET, "/rest/api/2/no-such-thing")).await,
            "anonymous",
        ),
        (
            send(
                site.anon(Method::GET, MYSELF)
                    .basic_auth("alice", Some("wrong")),
            )
            .await,
            "anonymous",
        ),
        (site.get(MYSELF).await, "alice"),
        (site.get("/rest/api/2/issue/NOPE-1").await, "alice"),
        (
            send(site.anon(Method::GET, MYSELF).bearer_auth("demo-pat-bob")).await,
            "bob",
        ),
    ];
    for (reply, user) in cases {
        assert_eq!(
            reply.header("x-ausername"),
            user,
            "status {} body {}",
            reply.status,
            reply.text
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_accepts_only_email_and_api_token() {
    let site = site(Flavor::Cloud).await;
    let me = |req: reqwest::RequestBuilder| send(req);
    let ok = me(site
        .anon(Method::GET, MYSELF)
        .basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN)))
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.json()["emailAddress"], CLOUD_EMAIL);

    let password = me(site
        .anon(Method::GET, MYSELF)
        .basic_auth(CLOUD_EMAIL, Some(PASSWORD)))
    .await;
    assert_eq!(password.status, 401);
    assert!(
        password
            .text
            .contains("Basic authentication with passwords is deprecated"),
        "password on Cloud: {}",
        password.text
    );

    let username = me(site
        .anon(Method::GET, MYSELF)
        .basic_auth("alice", Some(CLOUD_TOKEN)))
    .await;
    assert_eq!(
        username.status, 401,
        "username instead of e-mail: {}",
        username.text
    );
    let bearer = me(site.anon(Method::GET, MYSELF).bearer_auth(CLOUD_TOKEN)).await;
    assert_eq!(bearer.status, 401, "API token as Bearer: {}", bearer.text);
    let wrong = me(site
        .anon(Method::GET, MYSELF)
        .basic_auth(CLOUD_EMAIL, Some("nope")))
    .await;
    assert_eq!(wrong.status, 401);
    let anonymous = me(site.anon(Method::GET, MYSELF)).await;
    anonymous.assert_jira_error(401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_basic_and_personal_access_tokens() {
    let site = site(Flavor::Dc).await;
    let ok = send(
        site.anon(Method::GET, MYSELF)
            .basic_auth(DC_USER, Some(PASSWORD)),
    )
    .await;
    assert_eq!(
        (ok.status.as_u16(), ok.json()["name"].clone()),
        (200, json!("alice"))
    );

    let wrong = send(
        site.anon(Method::GET, MYSELF)
            .basic_auth(DC_USER, Some("wrong")),
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.header("x-seraph-loginreason"), "AUTHENTICATED_FAILED");

    let pat = send(site.anon(Method::GET, MYSELF).bearer_auth(DC_PAT)).await;
    assert_eq!(
        (pat.status.as_u16(), pat.json()["name"].clone()),
        (200, json!("alice"))
    );
    let bad_pat = send(site.anon(Method::GET, MYSELF).bearer_auth("not-a-token")).await;
    assert_eq!(bad_pat.status, 401, "{}", bad_pat.text);

    let email = send(
        site.anon(Method::GET, MYSELF)
            .basic_auth(CLOUD_EMAIL, Some(PASSWORD)),
    )
    .await;
    assert_eq!(
        email.status, 401,
        "e-mail instead of username: {}",
        email.text
    );
    let anonymous = send(site.anon(Method::GET, MYSELF)).await;
    anonymous.assert_jira_error(401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn premade_browser_cookies_authenticate() {
    for (flavor, cookie) in [
        (Flavor::Cloud, "tenant.session.token"),
        (Flavor::Dc, "JSESSIONID"),
    ] {
        let site = site(flavor).await;
        let good = format!("{cookie}=demo-session-alice");
        let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &good)).await;
        assert_eq!(me.status, 200, "{flavor:?} cookie: {}", me.text);
        assert_eq!(me.json()["displayName"], "Alice Anderson");
        let bob = format!("other=1; {cookie}=demo-session-bob");
        let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &bob)).await;
        assert_eq!(
            me.json()["displayName"],
            "Bob Brown",
            "{flavor:?} second cookie in a list"
        );
        let bogus = format!("{cookie}=demo-session-mallory");
        let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &bogus)).await;
        me.assert_jira_error(401);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_has_no_session_resource() {
    let site = site(Flavor::Cloud).await;
    let post = session_login(&site, CLOUD_EMAIL, CLOUD_TOKEN).await;
    post.assert_jira_error(404);
    assert!(post.header("set-cookie").is_empty());
    let get = send(site.alice(Method::GET, SESSION)).await;
    get.assert_jira_error(404);
    let body: Value = post.json();
    assert!(body.get("session").is_none(), "{body}");
}
