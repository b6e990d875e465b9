//! The hostile issue of `jiratty demo-server --hostile`: one extra issue, assigned to alice and
//! updated last, whose text carries terminal attacks — CSI sequences (clear screen, colours,
//! cursor moves), OSC title changes and clipboard writes, a DCS string, C1 controls, bells,
//! backspaces, carriage returns and bidirectional overrides — between readable words. A client
//! that prints server text unsanitised shows it at once.
//!
//! The attacks are in the summary, the description (ADF on Cloud v3; the same document as wiki
//! markup on v2), a comment, its author's display name (the reporter "Mallory"), a status name
//! and a label. Each string's constant here has a `_TEXT` twin: what it reads as once escape
//! sequences and control characters are removed.

use super::model::{Comment, Dataset, ISSUE_ID_BASE, Issue, Named, Status, StatusCategory, User};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

/// The summary.
pub const SUMMARY: &str = "Hostile summary \x1b[2J\x1b[31mred\x1b[0m \x1b[10;10Hmoved \
    \x1b]0;pwned\x07title \x1b]2;pwned\x1b\\again \x1b]52;c;cHduZWQ=\x07clip \x1bPq#0\x1b\\dcs \
    \u{9b}2Jc1 \u{9d}0;pwned\u{9c}osc \u{202e}bidi\u{202c} \u{2066}iso\u{2069} bell\x07 \
    back\x08\x08space end\r";
/// [`SUMMARY`] once sanitised.
pub const SUMMARY_TEXT: &str =
    "Hostile summary red moved title again clip dcs c1 osc bidi iso bell backspace end";

/// The first paragraph of the description.
pub const DESCRIPTION_START: &str = "Hostile description starts here. \x1b[2J\x1b[31mred\x1b[0m \
    \x1b[10;10Hmoved words stay in line.";
/// [`DESCRIPTION_START`] once sanitised.
pub const DESCRIPTION_START_TEXT: &str =
    "Hostile description starts here. red moved words stay in line.";
/// The last paragraph of the description: plain text, so that a reader can tell it got there.
pub const DESCRIPTION_END: &str = "Hostile description ends here.";

/// The body of the hostile comment.
pub const COMMENT: &str = "Hostile comment \x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[H\
    \u{9b}1;1H\u{202e}reversed\u{202c} \x08\x08\rstill readable.";
/// [`COMMENT`] once sanitised as a multi-line body.
pub const COMMENT_TEXT: &str = "Hostile comment reversed still readable.";
/// The plain comment that follows it.
pub const FOLLOW_UP: &str = "Plain follow-up after the hostile comment.";

/// Display name of the reporter and author of the hostile comment.
pub const DISPLAY_NAME: &str =
    "Mallory \x1b[31mMayhem\x1b[0m\x1b]0;pwned\x07\u{202e}\u{9d}2;pwned\u{9c}";
/// [`DISPLAY_NAME`] once sanitised.
pub const DISPLAY_NAME_TEXT: &str = "Mallory Mayhem";

/// Name of the extra status the hostile issue is in.
pub const STATUS: &str = "Triage\x1b[5m\u{9b}7m\u{202e}";
/// [`STATUS`] once sanitised.
pub const STATUS_TEXT: &str = "Triage";

/// A label with an attack in it.
pub const LABEL: &str = "hostile-\x1b[31mlabel\u{2067}";
/// [`LABEL`] once sanitised.
pub const LABEL_TEXT: &str = "hostile-label";

/// Characters whose width terminals and unicode-width disagree on, which shift the rest of a
/// line when they reach the screen: line and paragraph separators, a soft hyphen, a zero-width
/// space, a Hangul filler and an emoji ZWJ sequence.
pub const WIDTHS: &str = "Separators\u{2028}split\u{2029}lines, soft\u{ad}hyphen zero\u{200b}width \
    fill\u{3164}er family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} keep the frame.";
/// The last line of [`WIDTHS`] once sanitised (the separators break the lines before it).
pub const WIDTHS_TEXT: &str =
    "lines, softhyphen zerowidth filler family \u{1f468}\u{1f469}\u{1f467} keep the frame.";

/// Every attack of the description after its first paragraph, one paragraph each.
const PARAGRAPHS: [&str; 5] = [
    "Title \x1b]0;pwned\x07one \x1b]2;pwned\x1b\\two and clipboard \x1b]52;c;cHduZWQ=\x07three \
     are ignored.",
    "Device control \x1bPq#0;2;0;0;0#0~~@@vv@@~~\x1b\\and C1 \u{9b}2J\u{9d}0;pwned\u{9c}controls \
     are dropped.",
    "Bell\x07\x07 backspace\x08\x08\x08\x08 carriage\r return do nothing.",
    "Bidi \u{202e}override\u{202c} and \u{2066}isolates\u{2069} \u{2067}rtl\u{2069} \
     \u{2068}first\u{2069} keep reading order.",
    WIDTHS,
];

const HEADING: &str = "Hostile heading \x1b]0;pwned\x07\x1b[2J\x1b[Hintact";
const CODE: &str = "echo code \x1b[2J\x1b]0;pwned\x07block \u{9b}31m\u{202e}stays";
const INLINE_CODE: &str = "code \x1b]52;c;cHduZWQ=\x07mark";
const LINK_TEXT: &str = "link \x1b]8;;https://evil.example\x07text";
const LINK_HREF: &str = "https://example.com/\x1b]0;pwned\x07path";
const LIST_ITEM: &str = "List item \x1b[1A\x1b[2Kup one";

/// The description as wiki markup written by hand, as a hostile user would type it: the
/// attacks stay raw instead of being escaped the way converted ADF is.
fn description_wiki() -> String {
    let mut blocks = vec![format!("h2. {HEADING}"), DESCRIPTION_START.to_string()];
    blocks.extend(PARAGRAPHS.iter().map(|p| p.to_string()));
    blocks.push(format!("{{code:sh}}\n{CODE}\n{{code}}"));
    blocks.push(format!(
        "Inline {{{{{INLINE_CODE}}}}} and a [{LINK_TEXT}|{LINK_HREF}] end."
    ));
    blocks.push(format!("* {LIST_ITEM}"));
    blocks.push(DESCRIPTION_END.to_string());
    blocks.join("\n\n")
}

fn text(s: &str) -> Value {
    json!({"type": "text", "text": s})
}

fn paragraph(s: &str) -> Value {
    json!({"type": "paragraph", "content": [text(s)]})
}

fn one_paragraph(s: &str) -> Value {
    json!({"type": "doc", "version": 1, "content": [paragraph(s)]})
}

/// The description as an ADF document: headings, paragraphs, a code block, inline marks, a
/// link with a hostile address and a list, all carrying attacks.
fn description() -> Value {
    let mut content = vec![
        json!({"type": "heading", "attrs": {"level": 2},
            "content": [text(HEADING)]}),
        paragraph(DESCRIPTION_START),
    ];
    content.extend(PARAGRAPHS.iter().map(|p| paragraph(p)));
    content.push(json!({"type": "codeBlock", "attrs": {"language": "sh"},
        "content": [text(CODE)]}));
    content.push(json!({"type": "paragraph", "content": [
        text("Inline "),
        {"type": "text", "text": INLINE_CODE, "marks": [{"type": "code"}]},
        text(" and a "),
        {"type": "text", "text": LINK_TEXT,
            "marks": [{"type": "link", "attrs": {"href": LINK_HREF}}]},
        text(" end."),
    ]}));
    content.push(json!({"type": "bulletList", "content": [
        {"type": "listItem", "content": [paragraph(LIST_ITEM)]},
    ]}));
    content.push(paragraph(DESCRIPTION_END));
    json!({"type": "doc", "version": 1, "content": content})
}

fn mallory(number: usize) -> User {
    User {
        name: "mallory".to_string(),
        key: format!("JIRAUSER{}", 10000 + number),
        account_id: "5d00e0a1b2c3d4e5f6a7b8c9".to_string(),
        display_name: DISPLAY_NAME.to_string(),
        email: "mallory@example.com".to_string(),
        password: "demo-password".to_string(),
        api_token: "demo-api-token-mallory".to_string(),
        pat: "demo-pat-mallory".to_string(),
        time_zone: "UTC".to_string(),
        viewer: false,
    }
}

fn push_doc(data: &mut Dataset, doc: Value) -> u32 {
    data.docs.push(doc);
    (data.docs.len() - 1) as u32
}

/// Adds the hostile issue to `data` as the next issue of the first project, updated at `now`
/// (so it comes first on alice's default list), with its reporter, status and comments.
pub fn add(data: &mut Dataset, now: DateTime<Utc>) {
    let (Some(alice), Some(_)) = (data.find_user("alice"), data.projects.first()) else {
        return;
    };
    let (Ok(alice), Ok(reporter), Ok(status)) = (
        u8::try_from(alice),
        u8::try_from(data.users.len()),
        u8::try_from(data.statuses.len()),
    ) else {
        return;
    };
    data.users.push(mallory(data.users.len()));
    data.statuses.push(Status {
        named: Named {
            id: 10003,
            name: STATUS.to_string(),
            description: "Waiting to be looked at \x1b]0;pwned\x07".to_string(),
        },
        category: StatusCategory::New,
    });
    let number = data
        .issues
        .iter()
        .filter(|i| i.project == 0)
        .map(|i| i.number)
        .max()
        .unwrap_or(0)
        + 1;
    let mut comment_id = data
        .issues
        .iter()
        .flat_map(|i| i.comments.iter().map(|c| c.id))
        .max()
        .map_or(10000, |id| id + 1);
    let mut comment = |author: u8, body: u32, created: DateTime<Utc>| {
        comment_id += 1;
        Comment {
            id: comment_id - 1,
            author,
            body,
            created,
        }
    };
    // Later than every generated issue, whose updates are at most the anchor.
    let updated = now.max(data.anchor + Duration::seconds(1));
    let description = push_doc(data, description());
    data.wiki_bodies.insert(description, description_wiki());
    let hostile_comment = push_doc(data, one_paragraph(COMMENT));
    data.wiki_bodies
        .insert(hostile_comment, COMMENT.to_string());
    let follow_up = push_doc(data, one_paragraph(FOLLOW_UP));
    let bob = data
        .find_user("bob")
        .and_then(|b| u8::try_from(b).ok())
        .unwrap_or(alice);
    let comments = vec![
        comment(reporter, hostile_comment, updated - Duration::minutes(10)),
        comment(bob, follow_up, updated - Duration::minutes(5)),
    ];
    let index = data.issues.len();
    data.issues.push(Issue {
        id: ISSUE_ID_BASE + index as u64,
        project: 0,
        number,
        issue_type: super::dataset::types::BUG,
        status,
        priority: 0,
        resolution: None,
        summary: SUMMARY.to_string(),
        description: Some(description),
        assignee: Some(alice),
        reporter,
        labels: vec!["hostile".to_string(), LABEL.to_string()],
        components: Vec::new(),
        created: updated - Duration::days(2),
        updated,
        resolved: None,
        due: None,
        parent: None,
        links: Vec::new(),
        comments,
        story_points: None,
        sprints: Vec::new(),
        rank: data.issues.iter().map(|i| i.rank).max().unwrap_or(0) + super::agile::RANK_GAP,
        custom: Vec::new(),
    });
    data.key_index.insert((0, number), index as u32);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::dataset;
    use crate::text::{sanitize, sanitize_line};

    #[test]
    fn the_plain_twins_are_what_the_sanitiser_leaves() {
        assert_eq!(sanitize_line(SUMMARY).trim_end(), SUMMARY_TEXT);
        assert_eq!(sanitize_line(DESCRIPTION_START), DESCRIPTION_START_TEXT);
        assert_eq!(sanitize(COMMENT), COMMENT_TEXT);
        assert_eq!(sanitize_line(DISPLAY_NAME), DISPLAY_NAME_TEXT);
        assert_eq!(sanitize_line(STATUS), STATUS_TEXT);
        assert_eq!(sanitize_line(LABEL), LABEL_TEXT);
        assert_eq!(
            sanitize(WIDTHS),
            format!("Separators\nsplit\n{WIDTHS_TEXT}")
        );
    }

    #[test]
    fn wiki_bodies_keep_the_attacks_raw() {
        let wiki = description_wiki();
        for attack in [
            "\x1b]0;pwned\x07",
            "\x1b[2J",
            "\x1bPq",
            "\u{9b}2J",
            "\u{202e}",
        ] {
            assert!(wiki.contains(attack), "{attack:?} in {wiki:?}");
        }
        assert!(wiki.starts_with("h2. Hostile heading") && wiki.ends_with(DESCRIPTION_END));
    }

    #[test]
    fn the_hostile_issue_is_the_next_of_the_first_project() {
        let anchor = dataset::default_anchor();
        let mut data = dataset::build(dataset::DEFAULT_ISSUES, dataset::DEFAULT_SEED, anchor);
        let before = data.issues.len();
        add(&mut data, anchor);
        assert_eq!(data.issues.len(), before + 1);
        let index = data.find_issue(&data.key(before)).expect("found by key");
        assert_eq!(index, before);
        let issue = &data.issues[index];
        assert!(
            data.issues[..before]
                .iter()
                .all(|i| i.updated < issue.updated)
        );
        assert_eq!(
            data.users[issue.assignee.expect("assigned") as usize].name,
            "alice"
        );
        assert_eq!(
            data.users[issue.reporter as usize].display_name,
            DISPLAY_NAME
        );
        assert_eq!(data.statuses[issue.status as usize].named.name, STATUS);
        assert!(issue.resolution.is_none());
        let ids: Vec<u64> = data
            .issues
            .iter()
            .flat_map(|i| i.comments.iter().map(|c| c.id))
            .collect();
        let unique: std::collections::BTreeSet<u64> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "comment ids are unique");
    }
}
