//! What every `/rest/api/{v}/…` handler reads first, as one axum extractor: [`Api`] yields
//! the API version of the `{v}` path segment, applies the resource's flavour rule and the
//! caller rule, and rejects with the same answers Jira gives. Also [`Params`], the query
//! string with repeats kept.

use super::auth::{Caller, not_authenticated};
use super::model::Flavor;
use super::{ApiVersion, Site, respond};
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::json;
use std::marker::PhantomData;
use std::sync::Arc;

/// The preamble of a `/rest/api/{v}/…` handler: the API version, checked against the
/// flavour (`3` is Cloud's only), the resource's flavour rule `G`, and the caller rule `C`,
/// which gives the caller's user (an index into the dataset's users) in the form `C` names.
pub struct Api<C: CallerRule = Signed, G: FlavorRule = Everywhere> {
    /// The API version of the request.
    pub version: ApiVersion,
    /// The caller, as the caller rule gives it.
    pub user: C::User,
    rules: PhantomData<fn() -> (C, G)>,
}

/// Who may call a resource, and what the handler learns of the caller.
pub trait CallerRule {
    /// What the handler gets: a user index, or an optional one.
    type User;
    /// The caller's user, or the answer that refuses the call.
    fn check(site: &Site, caller: Caller) -> Result<Self::User, Response>;
}

/// Signed-in callers only; anonymous ones get the flavour's 401.
pub struct Signed;

/// Anyone, signed in or not.
pub struct Anyone;

/// Anyone when the site allows anonymous access (`--anonymous-access`), else signed-in
/// callers only: the resources Jira serves to anonymous callers (searches).
pub struct Public;

impl CallerRule for Public {
    type User = Option<usize>;
    fn check(site: &Site, caller: Caller) -> Result<Option<usize>, Response> {
        match caller.0 {
            None if !site.anonymous_access => Err(not_authenticated(site)),
            user => Ok(user),
        }
    }
}

/// Signed-in callers only, refused as issues refuse them: Cloud answers an anonymous caller
/// with the masked 404 of an issue that does not exist, Server/DC with its 401.
pub struct IssueReader;

impl CallerRule for Signed {
    type User = usize;
    fn check(site: &Site, caller: Caller) -> Result<usize, Response> {
        caller.0.ok_or_else(|| not_authenticated(site))
    }
}

impl CallerRule for Anyone {
    type User = Option<usize>;
    fn check(_site: &Site, caller: Caller) -> Result<Option<usize>, Response> {
        Ok(caller.0)
    }
}

impl CallerRule for IssueReader {
    type User = usize;
    fn check(site: &Site, caller: Caller) -> Result<usize, Response> {
        caller.0.ok_or_else(|| match site.flavor {
            Flavor::Cloud => issue_not_found(),
            Flavor::Dc => not_authenticated(site),
        })
    }
}

/// Which flavours serve a resource, and what the others answer.
pub trait FlavorRule {
    /// `Ok` when `site` serves the resource at `path`, else the answer of a site that does not.
    fn check(site: &Site, path: &str) -> Result<(), Response>;
}

/// Served by both flavours.
pub struct Everywhere;

/// Cloud's resources (`search/jql`, `approximate-count`): Server/DC has no such path.
pub struct CloudOnly;

/// Resources Cloud removed (`search`): 410 with Cloud's migration notice.
pub struct RemovedOnCloud;

impl FlavorRule for Everywhere {
    fn check(_site: &Site, _path: &str) -> Result<(), Response> {
        Ok(())
    }
}

impl FlavorRule for CloudOnly {
    fn check(site: &Site, path: &str) -> Result<(), Response> {
        match site.flavor {
            Flavor::Cloud => Ok(()),
            Flavor::Dc => Err(not_found_response(site, path)),
        }
    }
}

impl FlavorRule for RemovedOnCloud {
    fn check(site: &Site, _path: &str) -> Result<(), Response> {
        match site.flavor {
            Flavor::Dc => Ok(()),
            Flavor::Cloud => Err(respond::json_response(
                StatusCode::GONE,
                &json!({"errorMessages": ["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"]}),
            )),
        }
    }
}

impl<C: CallerRule, G: FlavorRule> FromRequestParts<Arc<Site>> for Api<C, G> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, site: &Arc<Site>) -> Result<Self, Response> {
        let v = RawPathParams::from_request_parts(parts, site)
            .await
            .ok()
            .and_then(|params| {
                params
                    .iter()
                    .find(|(name, _)| *name == "v")
                    .map(|(_, value)| value.to_string())
            })
            .unwrap_or_default();
        let version = api_version(site, &v)?;
        G::check(site, parts.uri.path())?;
        let caller = parts
            .extensions
            .get::<Caller>()
            .copied()
            .unwrap_or(Caller(None));
        let user = C::check(site, caller)?;
        Ok(Api {
            version,
            user,
            rules: PhantomData,
        })
    }
}

/// Resolves the `{v}` path segment: `2`/`latest` everywhere, `3` on Cloud only.
pub fn api_version(site: &Site, v: &str) -> Result<ApiVersion, Response> {
    match (v, site.flavor) {
        ("2" | "latest", _) => Ok(ApiVersion::V2),
        ("3", Flavor::Cloud) => Ok(ApiVersion::V3),
        _ => Err(not_found_message(&format!(
            "null for uri: {}/rest/api/{v}",
            site.base()
        ))),
    }
}

/// A 404 in Jira's envelope.
pub fn not_found_message(message: &str) -> Response {
    respond::error(StatusCode::NOT_FOUND, &[message])
}

/// Jira's answer to a path it has no resource for.
pub fn not_found_response(site: &Site, path: &str) -> Response {
    not_found_message(&format!("null for uri: {}{path}", site.base()))
}

/// Jira's answer for an issue that does not exist or that the caller may not see.
pub fn issue_not_found() -> Response {
    not_found_message("Issue does not exist or you do not have permission to see it.")
}

/// Query parameters in order, repeats kept (`fields=a&fields=b`).
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a raw query string; undecodable pairs are skipped.
    pub fn parse(raw: Option<&str>) -> Self {
        Params(serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default())
    }
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
    /// Comma-separated values of `name` (all occurrences).
    pub fn list(&self, name: &str) -> Vec<String> {
        self.all(name)
            .iter()
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
    /// A non-negative integer parameter, `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, Response> {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| {
                respond::bad_request(&format!(
                    "The value '{v}' is not a valid number for '{name}'."
                ))
            }),
        }
    }
}
