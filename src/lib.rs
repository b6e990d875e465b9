//! jiratty: a keyboard-driven terminal client for Jira Cloud and Jira Server/Data Center.
//!
//! The crate is a library plus a thin binary. The modules follow the map in `DESIGN.md`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod jira;
pub mod jql;
pub mod notice;
pub mod store;
pub mod text;
pub mod ui;
pub mod worker;
