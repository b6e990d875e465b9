//! Tokens of the newer kinds: scoped API tokens that only the API gateway accepts, and tokens
//! that expired or were revoked, with the anonymous access that hides their refusal.

use super::{
    EXPIRED_SUFFIX, PUBLIC_PROJECT, SCOPED_TOKEN, SCOPELESS_TOKEN, cloud_unauthorized, dc_failed,
};
use crate::demo::Site;
use crate::demo::model::Flavor;
use crate::demo::respond;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;

impl Site {
    /// The index of [`PUBLIC_PROJECT`], when the site allows anonymous access.
    pub fn public_project(&self) -> Option<usize> {
        if !self.anonymous_access {
            return None;
        }
        self.data
            .projects
            .iter()
            .position(|p| p.key == PUBLIC_PROJECT)
    }

    /// The verdict on a scoped API token (see [`SCOPED_TOKEN`]), if the request carries one:
    /// the caller through the gateway, the gateway's scope refusal for [`SCOPELESS_TOKEN`],
    /// and on the site itself the 401 a classic token that is wrong gets.
    pub fn scoped_token(
        &self,
        headers: &HeaderMap,
        via_gateway: bool,
    ) -> Option<Result<usize, Response>> {
        if self.flavor != Flavor::Cloud {
            return None;
        }
        let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, rest) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())?;
        let (login, secret) = decoded.split_once(':')?;
        if secret != SCOPED_TOKEN && secret != SCOPELESS_TOKEN {
            return None;
        }
        let user = self
            .data
            .users
            .iter()
            .position(|u| u.name == "alice" && u.email.eq_ignore_ascii_case(login));
        Some(match user {
            Some(user) if via_gateway && secret == SCOPED_TOKEN => Ok(user),
            Some(_) if via_gateway => Err(respond::json_response(
                StatusCode::UNAUTHORIZED,
                &serde_json::json!({"code": 401, "message": "Unauthorized; scope does not match"}),
            )),
            _ => Err(cloud_unauthorized(
                "Client must be authenticated to access this resource.",
            )),
        })
    }

    /// Whether the request carries a token that expired or was revoked (see
    /// [`EXPIRED_SUFFIX`]): a Cloud API token in Basic credentials, or a Server/DC personal
    /// access token as Bearer.
    pub fn presents_expired_token(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
        let expired = |token: &str, secret: &str| {
            secret
                .strip_suffix(EXPIRED_SUFFIX)
                .is_some_and(|t| !t.is_empty() && t == token)
        };
        match (self.flavor, scheme.to_ascii_lowercase().as_str()) {
            (Flavor::Cloud, "basic") => base64::engine::general_purpose::STANDARD
                .decode(rest.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|d| {
                    let (login, secret) = d.split_once(':')?;
                    let user = self
                        .data
                        .users
                        .iter()
                        .find(|u| u.email.eq_ignore_ascii_case(login))?;
                    Some(expired(&user.api_token, secret))
                })
                .unwrap_or(false),
            (Flavor::Dc, "bearer") => self.data.users.iter().any(|u| expired(&u.pat, rest.trim())),
            _ => false,
        }
    }

    /// The answer to an expired token on a resource that needs a login: the flavour's 401,
    /// with `X-Seraph-LoginReason: AUTHENTICATED_FAILED`.
    pub fn expired_token_refused(&self) -> Response {
        let mut response = match self.flavor {
            Flavor::Cloud => {
                cloud_unauthorized("Client must be authenticated to access this resource.")
            }
            Flavor::Dc => dc_failed(),
        };
        response.headers_mut().insert(
            "x-seraph-loginreason",
            HeaderValue::from_static("AUTHENTICATED_FAILED"),
        );
        response
    }
}
