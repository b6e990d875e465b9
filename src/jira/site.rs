//! The site address as users type it, normalised.

use super::error::JiraError;

/// A normalised site URL: scheme, host, optional port and context path, no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    url: String,
    host: String,
    https: bool,
}

impl Site {
    /// Parses what a user typed: `example.atlassian.net`, `https://jira.corp/jira/`, ...
    pub fn parse(input: &str) -> Result<Self, JiraError> {
        let invalid = |reason: &str| JiraError::InvalidSite {
            input: input
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect(),
            reason: reason.to_string(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid("it is empty"));
        }
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_string()
        } else {
            format!("https://{trimmed}")
        };
        let url = reqwest::Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            other => {
                return Err(invalid(&format!(
                    "the scheme '{other}' is not http or https"
                )));
            }
        };
        let Some(host) = url.host_str() else {
            return Err(invalid("it has no host name"));
        };
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(
                "it has a query or fragment; give only the site's address",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("it contains credentials; give them separately"));
        }
        let mut path = url.path().trim_end_matches('/').to_string();
        // People paste issue or dashboard links: keep only the site part.
        for marker in [
            "/browse/",
            "/secure/",
            "/jira/software/",
            "/jira/servicedesk/",
            "/issues/",
            "/projects/",
        ] {
            if let Some(at) = path.find(marker) {
                path.truncate(at);
            }
        }
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let host = host.to_string();
        Ok(Site {
            url: format!("{}://{host}{port}{path}", url.scheme()),
            host,
            https,
        })
    }

    /// The URL without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The host name.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Plain http to this machine (a local or demo site): no TLS is ever spoken to it.
    pub fn is_plain_loopback(&self) -> bool {
        !self.https && !self.is_insecure_remote()
    }

    /// Plain http to a host other than this machine.
    pub fn is_insecure_remote(&self) -> bool {
        if self.https {
            return false;
        }
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        let loopback = host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        !loopback
    }

    /// Whether this looks like a Jira Cloud address.
    pub fn looks_like_cloud(&self) -> bool {
        let h = self.host.to_ascii_lowercase();
        h.ends_with(".atlassian.net") || h.ends_with(".jira.com")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_type() {
        assert_eq!(
            Site::parse("acme.atlassian.net").unwrap().as_str(),
            "https://acme.atlassian.net"
        );
        assert_eq!(
            Site::parse(" https://jira.corp/jira/ ").unwrap().as_str(),
            "https://jira.corp/jira"
        );
        assert_eq!(
            Site::parse("https://acme.atlassian.net/browse/ABC-1")
                .unwrap()
                .as_str(),
            "https://acme.atlassian.net"
        );
        assert_eq!(
            Site::parse("http://127.0.0.1:8080").unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn refuses_unusable_addresses() {
        for bad in [
            "",
            "ftp://x",
            "https://",
            "https://u:p@host",
            "https://host/?q=1",
        ] {
            assert!(Site::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn knows_what_is_insecure() {
        assert!(
            Site::parse("http://jira.corp")
                .unwrap()
                .is_insecure_remote()
        );
        assert!(
            !Site::parse("http://localhost:8080")
                .unwrap()
                .is_insecure_remote()
        );
        assert!(
            !Site::parse("http://127.0.0.1:1")
                .unwrap()
                .is_insecure_remote()
        );
        assert!(!Site::parse("http://[::1]:1").unwrap().is_insecure_remote());
        assert!(
            !Site::parse("https://jira.corp")
                .unwrap()
                .is_insecure_remote()
        );
        assert!(
            Site::parse("acme.atlassian.net")
                .unwrap()
                .looks_like_cloud()
        );
    }
}
