//! Rich text: Atlassian Document Format conversions (and, later, the rich-text model and
//! renderers of the detail view).

pub mod adf;
