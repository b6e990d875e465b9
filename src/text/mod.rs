//! Text from the server made safe and readable: the sanitiser every string passes, ADF
//! conversions, Markdown input, and small formatting helpers shared by the CLI and the TUI.

pub mod adf;
pub mod format;
pub mod links;
pub mod markdown;
pub mod rich;
pub mod sanitize;
pub mod widths;

pub use sanitize::{sanitize, sanitize_line};
