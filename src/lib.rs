//! jiratty: a keyboard-driven terminal client for Jira Cloud and Jira Server/Data Center.
//!
//! The crate is a library plus a thin binary. The modules follow the map in `DESIGN.md`.

pub mod app;
pub mod cli;
#[cfg(feature = "demo")]
pub mod demo;
/// Without the `demo` feature: only the demo's flavours, so that `--demo` and `demo-server`
/// still parse (and then say that this build lacks the demo server).
#[cfg(not(feature = "demo"))]
pub mod demo {
    #[path = "flavor.rs"]
    pub mod flavor;
    /// The demo's data model: here only its flavours.
    pub mod model {
        pub use super::flavor::Flavor;
    }
}
pub mod jira;
pub mod jql;
pub mod notice;
pub mod store;
pub mod text;
pub mod ui;
pub mod worker;
