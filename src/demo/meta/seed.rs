//! The values the generated issues have in the screen custom fields and the fix versions.
//! They are not stored: each is derived from the issue's id when read, so a site of 100,000
//! issues costs no memory for them. A value written through the API (even a cleared one) is
//! kept on the issue and wins over the derived one.

use super::catalog::{self, Def, Kind, Opt};
use crate::demo::model::Dataset;
use crate::demo::rng::Rng;
use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The labels the Tags field is filled from.
pub const TAGS: [&str; 4] = ["customer", "regression", "security", "needs-docs"];

/// A derived value, in terms of the catalog (so it can be matched without allocating).
#[derive(Debug, Clone)]
pub enum Seed {
    /// One option, with the chosen child of a cascading select's option.
    One(&'static Opt, Option<&'static (u64, &'static str)>),
    /// Several options.
    Many(Vec<&'static Opt>),
    /// One person (index into the users).
    User(usize),
    /// Several people.
    Users(Vec<usize>),
    /// A day.
    Date(NaiveDate),
    /// Labels.
    Tags(Vec<&'static str>),
    /// A fix version (index into [`catalog::VERSIONS`]).
    Version(usize),
}

/// How often (one issue in `n`) field `id` has a value, and a salt for its choices.
fn share(id: &str) -> Option<(u64, u64)> {
    Some(match id {
        "customfield_10030" => (3, 0x30),
        "customfield_10031" => (4, 0x31),
        "customfield_10032" => (5, 0x32),
        "customfield_10033" => (4, 0x33),
        "customfield_10034" => (6, 0x34),
        "customfield_10035" => (5, 0x35),
        "customfield_10036" => (6, 0x36),
        "fixVersions" => (3, 0x40),
        _ => return None,
    })
}

/// The derived value of field `def` on generated issue `index` (none for created issues).
pub fn seeded(data: &Dataset, index: usize, def: &Def) -> Option<Seed> {
    let issue = data.issues.get(index)?;
    let (n, salt) = share(def.id)?;
    let mut rng = Rng::new(issue.id.wrapping_mul(0x1000_0000_01B3) ^ salt);
    if rng.below(n) != 0 {
        return None;
    }
    let people: Vec<usize> = (0..data.users.len())
        .filter(|&u| !data.users[u].viewer)
        .collect();
    let pick = |rng: &mut Rng, len: usize| rng.below(len as u64) as usize;
    Some(match def.kind {
        Kind::Select => Seed::One(def.options.get(pick(&mut rng, def.options.len()))?, None),
        Kind::Cascade => {
            let o = def.options.get(pick(&mut rng, def.options.len()))?;
            Seed::One(o, o.children.get(pick(&mut rng, o.children.len())))
        }
        Kind::Multi => {
            let first = pick(&mut rng, def.options.len());
            let mut chosen = vec![def.options.get(first)?];
            let second = pick(&mut rng, def.options.len());
            if second != first {
                chosen.extend(def.options.get(second));
            }
            chosen.sort_by_key(|o| o.id);
            Seed::Many(chosen)
        }
        Kind::User => Seed::User(*people.get(pick(&mut rng, people.len()))?),
        Kind::Users => {
            let first = *people.get(pick(&mut rng, people.len()))?;
            let second = *people.get(pick(&mut rng, people.len()))?;
            let mut chosen = vec![first];
            if second != first {
                chosen.push(second);
            }
            Seed::Users(chosen)
        }
        Kind::Date => Seed::Date(
            issue
                .created
                .date_naive()
                .checked_add_days(Days::new(7 + rng.below(60)))?,
        ),
        Kind::Tags => Seed::Tags(vec![TAGS[pick(&mut rng, TAGS.len())]]),
        Kind::Versions => Seed::Version(pick(&mut rng, catalog::VERSIONS.len())),
        _ => return None,
    })
}

fn option_value(o: &Opt, child: Option<&(u64, &str)>) -> Value {
    let mut v = json!({ "id": o.id.to_string(), "value": o.value });
    if let Some((id, value)) = child {
        v["child"] = json!({ "id": id.to_string(), "value": value });
    }
    v
}

/// The derived value in the form the edit path keeps values in.
pub fn kept(seed: &Seed, project: usize) -> Value {
    match seed {
        Seed::One(o, child) => option_value(o, child.map(|c| c as &(u64, &str))),
        Seed::Many(options) => options.iter().map(|o| option_value(o, None)).collect(),
        Seed::User(u) => json!({ "demo-user": u }),
        Seed::Users(users) => users.iter().map(|u| json!({ "demo-user": u })).collect(),
        Seed::Date(d) => json!(d.format("%Y-%m-%d").to_string()),
        Seed::Tags(tags) => json!(tags),
        Seed::Version(n) => json!([{
            "id": catalog::version_id(project, *n).to_string(),
            "name": catalog::VERSIONS[*n],
        }]),
    }
}

/// The id of option `id` as text, for matching without allocating per issue.
pub fn option_id_text(id: u64) -> &'static str {
    static IDS: OnceLock<Vec<(u64, String)>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        catalog::CUSTOM_FIELDS
            .iter()
            .flat_map(|f| f.options.iter())
            .flat_map(|o| {
                std::iter::once((o.id, o.id.to_string()))
                    .chain(o.children.iter().map(|(id, _)| (*id, id.to_string())))
            })
            .collect()
    });
    ids.iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, s)| s.as_str())
}

/// The catalog's definition of field `id` among the screen custom fields and fix versions.
pub fn def(id: &str) -> Option<Def> {
    catalog::CUSTOM_FIELDS
        .iter()
        .copied()
        .find(|d| d.id == id)
        .or_else(|| {
            (id == "fixVersions").then_some(Def {
                id: "fixVersions",
                name: "Fix versions",
                kind: Kind::Versions,
                custom: None,
                options: &[],
            })
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::demo::dataset;
    use chrono::TimeZone;

    #[test]
    fn a_share_of_issues_has_each_field_and_values_are_stable() {
        let anchor = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let data = dataset::build(600, 7, anchor);
        for def in catalog::CUSTOM_FIELDS {
            let with = (0..data.issues.len())
                .filter(|&i| seeded(&data, i, def).is_some())
                .count();
            assert!(with > 60 && with < 300, "{}: {with} of 600", def.id);
            let first = (0..data.issues.len())
                .find_map(|i| seeded(&data, i, def).map(|s| (i, kept(&s, 0))))
                .unwrap();
            let again = seeded(&data, first.0, def).map(|s| kept(&s, 0)).unwrap();
            assert_eq!(first.1, again);
        }
        assert!(seeded(&data, 600, &catalog::CUSTOM_FIELDS[0]).is_none());
    }
}
