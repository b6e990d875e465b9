//! What a site says about itself and keeps: server info and deployment, saved filters, JQL
//! autocomplete data and value suggestions.

use serde::{Deserialize, Serialize};

use super::User;
use super::lenient::{loose_opt_string, loose_string, null_default};

/// Cloud or Server/Data Center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Deployment {
    /// Jira Cloud (`*.atlassian.net`).
    Cloud,
    /// Jira Server or Data Center.
    #[serde(alias = "server", alias = "datacenter")]
    Dc,
}

impl Deployment {
    /// How users name it.
    pub fn label(self) -> &'static str {
        match self {
            Deployment::Cloud => "Cloud",
            Deployment::Dc => "Data Center",
        }
    }
}

/// `GET serverInfo`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServerInfo {
    /// The site's own idea of its address.
    #[serde(deserialize_with = "loose_string")]
    pub base_url: String,
    /// Version string.
    #[serde(deserialize_with = "loose_string")]
    pub version: String,
    /// Version as numbers.
    #[serde(deserialize_with = "null_default")]
    pub version_numbers: Vec<u64>,
    /// `Cloud`, `Server` or `DataCenter`; missing on old servers.
    #[serde(deserialize_with = "loose_opt_string")]
    pub deployment_type: Option<String>,
    /// Site title.
    #[serde(deserialize_with = "loose_string")]
    pub server_title: String,
}

impl ServerInfo {
    /// Cloud or Server/DC (old servers send no `deploymentType`: they are Server).
    pub fn deployment(&self) -> Deployment {
        match self.deployment_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("cloud") => Deployment::Cloud,
            _ => Deployment::Dc,
        }
    }
}

/// A saved filter on the site.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Description.
    #[serde(deserialize_with = "loose_opt_string")]
    pub description: Option<String>,
    /// JQL.
    #[serde(deserialize_with = "loose_string")]
    pub jql: String,
    /// Owner.
    #[serde(deserialize_with = "null_default")]
    pub owner: Option<User>,
    /// Whether it is one of the caller's favourites.
    #[serde(deserialize_with = "null_default")]
    pub favourite: bool,
    /// Link to the filter in the browser.
    #[serde(deserialize_with = "loose_opt_string")]
    pub view_url: Option<String>,
}

/// One field of `jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteField {
    /// The name to type.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown name (`Sprint - cf[10880]`).
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
    /// `cf[N]` for custom fields.
    #[serde(deserialize_with = "loose_opt_string")]
    pub cfid: Option<String>,
    /// Operators valid for the field.
    #[serde(deserialize_with = "null_default")]
    pub operators: Vec<String>,
    /// Java types of the values.
    #[serde(deserialize_with = "null_default")]
    pub types: Vec<String>,
    /// "true" when it can be ordered by (Jira sends strings).
    #[serde(deserialize_with = "loose_opt_string")]
    pub orderable: Option<String>,
}

/// One function of `jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteFunction {
    /// `currentUser()`.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown name.
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
    /// "true" when it returns a list.
    #[serde(deserialize_with = "loose_opt_string")]
    pub is_list: Option<String>,
    /// Java types it returns.
    #[serde(deserialize_with = "null_default")]
    pub types: Vec<String>,
}

/// `GET jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteData {
    /// Fields.
    #[serde(deserialize_with = "null_default")]
    pub visible_field_names: Vec<AutocompleteField>,
    /// Functions.
    #[serde(deserialize_with = "null_default")]
    pub visible_function_names: Vec<AutocompleteFunction>,
    /// Reserved words.
    #[serde(deserialize_with = "null_default")]
    pub jql_reserved_words: Vec<String>,
}

/// One value suggestion.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Suggestion {
    /// The value to insert.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown text, with `<b>` around the matched part.
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
}

/// `GET jql/autocompletedata/suggestions`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Suggestions {
    /// The suggestions.
    #[serde(deserialize_with = "null_default")]
    pub results: Vec<Suggestion>,
}
