//! Fuzz target: bytes → JSON (when they parse) → ADF model → layout at a few widths.
#![no_main]

use jiratty::text::rich::{Theme, from_adf, layout, to_plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let doc = from_adf(&value);
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
