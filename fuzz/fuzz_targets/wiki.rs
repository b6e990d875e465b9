//! Fuzz target: bytes → text (lossy UTF-8) → wiki-markup model → layout at a few widths.
#![no_main]

use jiratty::text::rich::{Theme, from_wiki, layout, to_plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = from_wiki(&text);
    let width = usize::from(data.first().copied().unwrap_or(80)) % 160 + 1;
    let rendered = layout(&doc, width, &Theme::default());
    for line in &rendered.lines {
        for span in &line.spans {
            assert!(
                !span.content.chars().any(char::is_control),
                "control character"
            );
        }
    }
    let _ = to_plain(&doc, 40);
});
