//! Spona's domain: the types every other crate speaks, holding only valid values.
//!
//! Nothing here touches a database, the network or a runtime, so the rules are
//! tested in milliseconds.

pub mod call;
pub mod csv;
pub mod endorsement;
pub mod event;
pub mod federation;
pub mod groups;
pub mod joint_text;
pub mod locale;
pub mod matching;
pub mod monitoring;
pub mod newsletter;
pub mod org;
pub mod publication;
pub mod quiz;
pub mod reading;
pub mod referral;
pub mod resource;
pub mod role;
pub mod service;
pub mod stored;
pub mod trial;
pub mod vault;
pub mod vocab;

pub use locale::Locale;
pub use stored::ids;

/// A rule a value broke: which field, and a message key the web layer translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {key}")]
pub struct Invalid {
    /// The form or JSON field that holds the bad value.
    pub field: &'static str,
    /// A Fluent message id (`err-…`) describing what is wrong.
    pub key: &'static str,
}

impl Invalid {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key }
    }
}
