//! The CLI against a demo server with the hostile issue (`DemoConfig::hostile`, what
//! `jiratty demo-server --hostile` serves): `issue` and `search` print its words plainly, with no
//! escape sequence, C1 control, bidi override, bell, backspace or character of disputed width
//! (line separators, soft hyphens, emoji joiners...) left in their output.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::hostile;
use jiratty::demo::model::Flavor;
use support::*;

async fn hostile_server(flavor: Flavor) -> jiratty::demo::DemoServer {
    demo_with(flavor, |c| c.hostile = true).await
}

/// C1 controls and bidirectional overrides and isolates.
fn forbidden_char(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || disputed_width(c)
}

/// Characters whose width terminals and unicode-width disagree on (the hostile issue's
/// `WIDTHS` paragraph has each): line and paragraph separators, soft hyphen, zero-width space,
/// Hangul filler, byte order mark, and the joiner of an emoji ZWJ sequence.
fn disputed_width(c: char) -> bool {
    matches!(
        c,
        '\u{2028}' | '\u{2029}' | '\u{ad}' | '\u{200b}' | '\u{3164}' | '\u{feff}' | '\u{200d}'
    )
}

/// Asserts `out` holds no escape, C1 control, bidi override, bell or backspace.
fn assert_plain(out: &str, what: &str) {
    for (byte, name) in [
        ('\x1b', "an ESC"),
        ('\x07', "a bell"),
        ('\x08', "a backspace"),
    ] {
        assert!(!out.contains(byte), "{what}: {name} in\n{out}");
    }
    if let Some(c) = out.chars().find(|&c| forbidden_char(c)) {
        panic!("{what}: U+{:04X} in\n{out}", c as u32);
    }
}

/// Runs jiratty as alice and returns both streams, asserting success.
async fn run(server: &jiratty::demo::DemoServer, flavor: Flavor, args: &[&str]) -> String {
    let run = jiratty(args, &alice_env(&server.url(), flavor)).await;
    assert_eq!(run.code, 0, "{flavor:?} {args:?}: {run:?}");
    run.all()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_and_search_print_the_hostile_issue_plainly() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = hostile_server(flavor).await;
        let key = server.site.data.key(server.site.data.issues.len() - 1);

        let text = run(&server, flavor, &["issue", &key, "--format", "text"]).await;
        assert_plain(&text, &format!("{flavor:?} issue --format text"));
        for words in [
            hostile::SUMMARY_TEXT,
            hostile::DESCRIPTION_START_TEXT,
            hostile::DESCRIPTION_END,
            hostile::DISPLAY_NAME_TEXT,
            hostile::STATUS_TEXT,
            hostile::LABEL_TEXT,
            "Hostile comment reversed",
            hostile::FOLLOW_UP,
            hostile::WIDTHS_TEXT,
        ] {
            assert!(text.contains(words), "{flavor:?}: {words:?} in\n{text}");
        }

        let mine = "assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC";
        let fields = "labels,reporter,status,description,comment";
        for format in ["table", "json", "csv"] {
            let args = ["search", mine, "--limit", "5", "--format", format];
            let out = run(&server, flavor, &args).await;
            assert_plain(&out, &format!("{flavor:?} search --format {format}"));
            assert!(
                out.contains("Hostile summary red moved"),
                "{flavor:?} {format}: the hostile issue first\n{out}"
            );
            let args = [
                "search",
                "labels = hostile",
                "--fields",
                fields,
                "--format",
                format,
            ];
            let out = run(&server, flavor, &args).await;
            assert_plain(
                &out,
                &format!("{flavor:?} search --fields … --format {format}"),
            );
        }
    }
}

/// `issue --format json` prints the issue as jiratty models it, with C1 controls and bidi
/// overrides escaped as well as what serde_json escapes itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_as_json_has_no_c1_or_bidi() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = hostile_server(flavor).await;
        let key = server.site.data.key(server.site.data.issues.len() - 1);
        let out = run(&server, flavor, &["issue", &key, "--format", "json"]).await;
        assert_plain(&out, &format!("{flavor:?} issue --format json"));
    }
}

/// The check catches each attack on its own, so that passing means something.
#[test]
fn the_check_catches_every_attack() {
    for attack in [
        "\x1b[2J",
        "\u{9b}2J",
        "\u{9d}0;x\u{9c}",
        "\x07",
        "\x08",
        "\u{202e}",
        "\u{2066}",
        "\u{2028}",
        "\u{2029}",
        "\u{ad}",
        "\u{200d}",
    ] {
        let caught = std::panic::catch_unwind(|| assert_plain(attack, "x"));
        assert!(caught.is_err(), "the check misses {attack:?}");
    }
}
