//! Snapshots of rendered documents at 40 and 80 columns (plain text; styles are covered by
//! the unit tests). Reviewed by eye when created.

use super::*;

const WIKI_ISSUE: &str = "h2. Checkout fails for *some* users
Since the {{2025.03}} deploy, [~alice] and others see an error (x) on the _payment_ step.
See [the runbook|https://runbook.test/checkout] and https://status.test.

h3. Steps
# Add an item to the cart
# Pay with a saved card
## choose *Visa*
## confirm -twice- once
# See the error

||Browser||Result||Notes||
|Chrome 124|fails|always, on every attempt since Monday|
|Firefox|works (/)| |

{code:javascript}
if (!card) { throw new Error('no card'); }
{code}

{warning:title=Customer impact}
Roughly 4% of orders. Keep the {{payments}} team in the loop.
{warning}

bq. It worked last week. :(
----
!screenshot.png|thumbnail!";

fn show(doc: &Doc, width: usize) -> String {
    to_plain(doc, width)
}

#[test]
fn wiki_issue_at_40_and_80() {
    let doc = from_wiki(WIKI_ISSUE);
    insta::assert_snapshot!("wiki_issue_40", show(&doc, 40));
    insta::assert_snapshot!("wiki_issue_80", show(&doc, 80));
}

#[test]
fn md_json_at_40_and_80() {
    let doc = from_adf(&md_json());
    insta::assert_snapshot!("md_json_40", show(&doc, 40));
    insta::assert_snapshot!("md_json_80", show(&doc, 80));
}

#[test]
fn demo_description_at_40() {
    let docs = demo_docs();
    let doc = from_adf(&docs[0]);
    insta::assert_snapshot!("demo_description_40", show(&doc, 40));
}
