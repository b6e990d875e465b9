//! Tokens that expired or were revoked. With anonymous access on, Jira answers them on an
//! anonymous endpoint with 200, the anonymous results and `X-Seraph-LoginReason:
//! AUTHENTICATED_FAILED`: the client must fail the call, never show those results. Elsewhere
//! they get a 401. The demo's `--anonymous-access` makes project DOC public.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::error::API_TOKEN_URL;
use jiratty::jira::{
    AuthMethod, Client, ClientOptions, CredentialProblem, Deployment, JiraError, SearchRequest,
};
use support::*;

const EXPIRED_TOKEN: &str = "demo-api-token-expired";
const EXPIRED_PAT: &str = "demo-pat-expired";
const FLAVORS: [Flavor; 2] = [Flavor::Cloud, Flavor::Dc];

async fn anonymous_site(flavor: Flavor) -> jiratty::demo::DemoServer {
    demo_with(flavor, |c| c.anonymous_access = true).await
}

fn search_url(server: &jiratty::demo::DemoServer, flavor: Flavor) -> String {
    match flavor {
        Flavor::Cloud => format!(
            "{}/rest/api/3/search/jql?jql=project%20in%20(ACME,DOC)%20ORDER%20BY%20key&fields=key",
            server.url()
        ),
        Flavor::Dc => format!(
            "{}/rest/api/2/search?jql=project%20in%20(ACME,DOC)%20ORDER%20BY%20key&fields=key",
            server.url()
        ),
    }
}

fn keys(body: &serde_json::Value) -> Vec<String> {
    body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_string())
        .collect()
}

fn expired_client(url: &str, flavor: Flavor) -> Client {
    let options = ClientOptions {
        deployment: Some(match flavor {
            Flavor::Cloud => Deployment::Cloud,
            Flavor::Dc => Deployment::Dc,
        }),
        ..fast()
    };
    let credentials = match flavor {
        Flavor::Cloud => creds(AuthMethod::ApiToken, CLOUD_EMAIL, EXPIRED_TOKEN),
        Flavor::Dc => creds(AuthMethod::Pat, "", EXPIRED_PAT),
    };
    Client::new(url, Some(credentials), options).unwrap()
}

fn expected_problem(flavor: Flavor) -> CredentialProblem {
    match flavor {
        Flavor::Cloud => CredentialProblem::TokenExpired,
        Flavor::Dc => CredentialProblem::TokenRefused,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_answers_an_expired_token_with_anonymous_results_and_the_header() {
    for flavor in FLAVORS {
        let server = anonymous_site(flavor).await;
        let http = reqwest::Client::new();
        // Anonymous: the public project only.
        let anonymous = http.get(search_url(&server, flavor)).send().await.unwrap();
        assert_eq!(anonymous.status(), 200, "{flavor:?}");
        assert!(anonymous.headers().get("x-seraph-loginreason").is_none());
        let body: serde_json::Value = anonymous.json().await.unwrap();
        let public = keys(&body);
        assert!(!public.is_empty(), "{flavor:?}");
        assert!(public.iter().all(|k| k.starts_with("DOC-")), "{public:?}");
        // An expired token: the same anonymous results, and the header that says why.
        let request = http.get(search_url(&server, flavor));
        let request = match flavor {
            Flavor::Cloud => request.basic_auth(CLOUD_EMAIL, Some(EXPIRED_TOKEN)),
            Flavor::Dc => request.bearer_auth(EXPIRED_PAT),
        };
        let expired = request.send().await.unwrap();
        assert_eq!(expired.status(), 200, "{flavor:?}");
        assert_eq!(
            expired.headers()["x-seraph-loginreason"],
            "AUTHENTICATED_FAILED"
        );
        let body: serde_json::Value = expired.json().await.unwrap();
        assert_eq!(keys(&body), public, "{flavor:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_anonymous_access_nothing_is_public_and_expired_tokens_get_a_401() {
    for flavor in FLAVORS {
        let server = demo(flavor).await;
        let http = reqwest::Client::new();
        let anonymous = http.get(search_url(&server, flavor)).send().await.unwrap();
        assert_eq!(anonymous.status(), 401, "{flavor:?}");
        let error = expired_client(&server.url(), flavor)
            .search_page(&SearchRequest::new("project = ACME"), None)
            .await
            .unwrap_err();
        match error {
            JiraError::WrongCredentials { problem, .. } => {
                assert_eq!(problem, expected_problem(flavor), "{flavor:?}")
            }
            other => panic!("{flavor:?}: expected WrongCredentials, got {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_with_an_expired_token_fails_instead_of_showing_anonymous_results() {
    for flavor in FLAVORS {
        let server = anonymous_site(flavor).await;
        let client = expired_client(&server.url(), flavor);
        // The public project has issues, so a silent anonymous answer would have had rows.
        let result = client
            .search_page(&SearchRequest::new("project = DOC ORDER BY key"), None)
            .await;
        let error = match result {
            Err(e) => e,
            Ok(page) => panic!("{flavor:?}: anonymous results shown: {}", page.issues.len()),
        };
        let JiraError::WrongCredentials { problem, .. } = &error else {
            panic!("{flavor:?}: expected WrongCredentials, got {error:?}");
        };
        assert_eq!(*problem, expected_problem(flavor), "{flavor:?}");
        let sentence = error.sentence();
        assert!(sentence.contains("expired or been revoked"), "{sentence}");
        let hint = error.hint().unwrap();
        match flavor {
            Flavor::Cloud => {
                assert!(sentence.contains("API token"), "{sentence}");
                assert!(hint.contains(API_TOKEN_URL), "{hint}");
            }
            Flavor::Dc => assert!(hint.contains("Personal Access Tokens"), "{hint}"),
        }
        assert!(!format!("{error:?} {sentence} {hint}").contains("demo-"));
        // Logging in (a resource that needs a login) says the same.
        let login = client.login().await.unwrap_err();
        assert!(
            matches!(&login, JiraError::WrongCredentials { problem, .. } if *problem == expected_problem(flavor)),
            "{flavor:?}: {login:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_tokens_still_see_everything_on_an_anonymous_site() {
    for flavor in FLAVORS {
        let server = anonymous_site(flavor).await;
        let client = alice(&server.url(), flavor);
        let page = client
            .search_page(&SearchRequest::new("project = ACME ORDER BY key"), None)
            .await
            .unwrap();
        assert!(!page.issues.is_empty(), "{flavor:?}");
    }
}
