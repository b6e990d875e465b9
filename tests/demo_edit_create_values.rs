//! The screen custom fields on the demo site, both flavours: generated issues carry values that
//! JQL finds by `cf[id]` and by name, a cleared value stays cleared, and the site's labels
//! (`GET label`, `labels/suggest`) see a label added through `PUT issue`.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
mod writes_support;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::json;
use writes_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_values_are_searchable_and_edits_win() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let v = api(&site);
        let by_id = search(&site, "cf[10030] = Platform").await;
        let by_name = search(&site, "\"Team\" = Platform").await;
        assert!(!by_id.is_empty(), "{flavor:?}");
        assert_eq!(by_id, by_name, "{flavor:?}");
        let key = by_id[0].clone();
        let shown = issue(&site, &key, "customfield_10030").await;
        assert_eq!(shown["fields"]["customfield_10030"]["value"], "Platform");
        let cleared = alice_json(
            &site,
            Method::PUT,
            &format!("/rest/api/{v}/issue/{key}"),
            &json!({"fields": {"customfield_10030": null}}),
        )
        .await;
        assert_no_content(&cleared, "clearing Team");
        let shown = issue(&site, &key, "customfield_10030").await;
        assert!(shown["fields"]["customfield_10030"].is_null(), "{shown}");
        assert_found(&site, &key, "cf[10030] = Platform", false).await;
        assert_found(&site, &key, "Team is EMPTY", true).await;
        let added = alice_json(
            &site,
            Method::PUT,
            &format!("/rest/api/{v}/issue/{key}"),
            &json!({"update": {"labels": [{"add": "zz-fresh"}]}}),
        )
        .await;
        assert_no_content(&added, "adding a label");
        let suggested = site.get_ok("/rest/api/1.0/labels/suggest?query=zz").await;
        assert_eq!(
            suggested["suggestions"][0]["label"], "zz-fresh",
            "{flavor:?}"
        );
        if flavor == Flavor::Cloud {
            let all = site.get_ok("/rest/api/3/label").await;
            let values = all["values"].as_array().unwrap();
            assert!(values.iter().any(|l| l == "zz-fresh"), "{all}");
        }
    }
}
