//! Runs filter-store operations for the TUI (on a blocking thread) and reports the outcome
//! with the fresh list.

use super::msg::{FilterFailure, FilterOp, FilterOutcome};
use super::state::FilterEntry;
use crate::notice::Notice;
use crate::store::filters::{FilterError, FilterStore, SavedFilter};

/// The store's error as the user sees it.
fn notice(e: &FilterError) -> Notice {
    Notice::hinted(e.sentence(), e.hint())
}

fn entries(store: &FilterStore, profile: &str) -> Result<Vec<FilterEntry>, Notice> {
    store
        .list(profile)
        .map(|list| {
            list.into_iter()
                .map(|f| FilterEntry {
                    name: f.name,
                    jql: f.jql,
                    description: f.description,
                    local: true,
                })
                .collect()
        })
        .map_err(|e| notice(&e))
}

fn failure(e: FilterError) -> FilterFailure {
    match e {
        FilterError::Duplicate { existing, .. } => FilterFailure::Duplicate(existing),
        other => FilterFailure::Other(notice(&other)),
    }
}

/// Performs `op` on `profile`'s filters.
pub fn run(profile: &str, op: FilterOp) -> FilterOutcome {
    let store = match FilterStore::open_default() {
        Ok(store) => store,
        Err(e) => {
            let failure = notice(&e);
            return FilterOutcome {
                op,
                list: Err(failure.clone()),
                result: Err(FilterFailure::Other(failure)),
            };
        }
    };
    let result = match &op {
        FilterOp::Load => Ok(None),
        FilterOp::Save {
            name,
            jql,
            description,
            overwrite,
        } => store
            .save(
                profile,
                SavedFilter::new(name.clone(), jql.clone()).with_description(description.clone()),
                *overwrite,
            )
            .map(|()| Some(format!("Saved filter '{name}'"))),
        FilterOp::Rename { old, new } => store
            .rename(profile, old, new)
            .map(|()| Some(format!("Renamed '{old}' to '{new}'"))),
        FilterOp::Delete { name } => store
            .delete(profile, name)
            .map(|_| Some(format!("Deleted filter '{name}'"))),
        FilterOp::MarkUsed { name } => store.mark_used(profile, name).map(|()| None),
    }
    .map_err(failure);
    FilterOutcome {
        list: entries(&store, profile),
        op,
        result,
    }
}
