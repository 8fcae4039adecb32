//! Newsletters of a network or of a working group: who edits them,
//! who reads their archive, issues written in several languages, subscribers inside and
//! outside Spona with their consent receipts, and sending each issue exactly once.
//!
//! - `access`: the rules (who reads, who edits), once.
//! - `groups`: a group's newsletters (its coordinators edit them, its members get them).
//! - `issues`: drafts, their language variants, preview choice, scheduling, a test to oneself.
//! - `subscribe`: members with one button; outsiders by e-mail with one confirmation link
//!   (its page has one button: a GET changes nothing); receipts; leaving.
//! - `send`: the due issues queued in batches, one mail per confirmed subscriber who did not
//!   leave; forgetting unconfirmed addresses after 30 days.

pub mod access;
pub mod groups;
pub mod issues;
pub mod send;
pub mod subscribe;

use spona_domain::Locale;
use spona_i18n::Translator;

pub use access::{Listed, can_edit, editable, list, owners_for, readable};

/// What writing mail needs: the translations (the reader's locale) and the address people
/// reach Spona at, for links.
#[derive(Clone, Copy)]
pub struct Mailer<'a> {
    pub tr: &'a Translator,
    pub public_url: &'a str,
}

impl Mailer<'_> {
    /// An absolute link to `path` in `locale`.
    pub fn link(&self, locale: Locale, path: &str) -> String {
        format!(
            "{}/{}{path}",
            self.public_url.trim_end_matches('/'),
            locale.tag()
        )
    }
}

/// A locale from its stored tag (English for anything unknown).
pub fn locale_of(tag: &str) -> Locale {
    Locale::from_tag(tag).unwrap_or(Locale::En)
}
