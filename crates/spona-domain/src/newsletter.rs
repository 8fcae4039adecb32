//! Newsletters: who owns one, who may read its archive, where an issue is in its life, and
//! the consent wording a subscriber agreed to.

use crate::Invalid;

/// What a newsletter belongs to: a network now, a working group once groups exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    Network,
    Group,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Network => "network",
            OwnerKind::Group => "group",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "network" => Some(OwnerKind::Network),
            "group" => Some(OwnerKind::Group),
            _ => None,
        }
    }
}

/// Who reads the archive and who may subscribe: everyone (people outside Spona by e-mail
/// alone), or signed-in members only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Members,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Audience::Public),
            "members" => Some(Audience::Members),
            _ => None,
        }
    }
}

/// An issue's life: written (`Draft`), given a time (`Scheduled`), being queued in batches
/// (`Sending`), queued for every subscriber (`Sent`). It moves forward only, except that a
/// scheduled issue may go back to draft; nothing is edited once sending has begun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueState {
    Draft,
    Scheduled,
    Sending,
    Sent,
}

impl IssueState {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueState::Draft => "draft",
            IssueState::Scheduled => "scheduled",
            IssueState::Sending => "sending",
            IssueState::Sent => "sent",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(IssueState::Draft),
            "scheduled" => Some(IssueState::Scheduled),
            "sending" => Some(IssueState::Sending),
            "sent" => Some(IssueState::Sent),
            _ => None,
        }
    }
    /// Whether its texts may still change.
    pub fn editable(self) -> bool {
        matches!(self, IssueState::Draft | IssueState::Scheduled)
    }
}

macro_rules! from_stored {
    ($($ty:ty => $what:literal),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = crate::stored::UnknownValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                <$ty>::parse(&value).ok_or(crate::stored::UnknownValue { what: $what, value })
            }
        }
    )*};
}
from_stored!(OwnerKind => "newsletter owner", Audience => "newsletter audience", IssueState => "issue state");

/// The languages an issue may be written in (Serbian in either script; readers of the
/// other script get it transliterated where that is exact).
pub const ISSUE_LANGS: [&str; 4] = ["en", "sr-Cyrl", "sr-Latn", "uk"];

/// The consent wording on the subscribe forms: its message id and version. A receipt keeps
/// both, so that what a person agreed to can be shown word for word later. Change the
/// wording → add a new message id (or raise the version) and keep the old text.
pub const CONSENT_TEXT_PUBLIC: &str = "newsletter-consent-public";
pub const CONSENT_TEXT_MEMBER: &str = "newsletter-consent-member";
pub const CONSENT_VERSION: i64 = 1;

/// Unconfirmed subscriptions are forgotten after this long.
pub const UNCONFIRMED_SECONDS: i64 = 30 * 24 * 3600;

/// One language variant of an issue as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// Checks an issue's variants as an editor saves them: a known language, a title with its
/// body (or neither), no text longer than a newsletter should be.
pub fn check_variants(variants: &[Variant]) -> Vec<Invalid> {
    let mut problems = Vec::new();
    for v in variants {
        if !ISSUE_LANGS.contains(&v.lang.as_str()) {
            problems.push(Invalid::new("lang", "err-newsletter-lang"));
            continue;
        }
        let (t, b) = (v.title.trim(), v.body.trim());
        if t.chars().count() > 200 {
            problems.push(Invalid::new(
                field("title", &v.lang),
                "err-newsletter-title-long",
            ));
        }
        if b.len() > 200_000 {
            problems.push(Invalid::new(
                field("body", &v.lang),
                "err-newsletter-body-long",
            ));
        }
        if t.is_empty() && !b.is_empty() {
            problems.push(Invalid::new(
                field("title", &v.lang),
                "err-newsletter-title-missing",
            ));
        }
        if b.is_empty() && !t.is_empty() {
            problems.push(Invalid::new(
                field("body", &v.lang),
                "err-newsletter-body-missing",
            ));
        }
    }
    problems
}

/// Whether an issue has something to send: at least one variant with a title and a body.
pub fn sendable(variants: &[Variant]) -> bool {
    variants
        .iter()
        .any(|v| !v.title.trim().is_empty() && !v.body.trim().is_empty())
}

/// The form field of a variant's title or body, e.g. `title-sr-Cyrl`.
pub fn field(what: &str, lang: &str) -> &'static str {
    match (what, lang) {
        ("title", "en") => "title-en",
        ("title", "sr-Cyrl") => "title-sr-Cyrl",
        ("title", "sr-Latn") => "title-sr-Latn",
        ("title", "uk") => "title-uk",
        ("body", "en") => "body-en",
        ("body", "sr-Cyrl") => "body-sr-Cyrl",
        ("body", "sr-Latn") => "body-sr-Latn",
        ("body", "uk") => "body-uk",
        _ => "lang",
    }
}

/// Checks a newsletter's name.
pub fn check_name(name: &str) -> Option<Invalid> {
    let n = name.trim().chars().count();
    (n == 0 || n > 120).then(|| Invalid::new("name", "err-newsletter-name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lang: &str, title: &str, body: &str) -> Variant {
        Variant {
            lang: lang.into(),
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn states_read_back_and_only_early_ones_edit() {
        for s in ["draft", "scheduled", "sending", "sent"] {
            assert_eq!(IssueState::parse(s).map(|x| x.as_str()), Some(s));
        }
        assert!(IssueState::try_from("mailed".to_owned()).is_err());
        assert!(IssueState::Draft.editable() && IssueState::Scheduled.editable());
        assert!(!IssueState::Sending.editable() && !IssueState::Sent.editable());
    }

    #[test]
    fn an_empty_issue_is_not_sendable() {
        assert!(!sendable(&[]));
        assert!(!sendable(&[v("en", "  ", "")]));
        assert!(sendable(&[v("en", "", ""), v("uk", "Вісті", "Текст")]));
    }

    #[test]
    fn a_title_needs_its_body_and_languages_are_known() {
        assert!(check_variants(&[v("en", "Title", "Body")]).is_empty());
        assert_eq!(
            check_variants(&[v("en", "Title", " ")]),
            vec![Invalid::new("body-en", "err-newsletter-body-missing")]
        );
        assert_eq!(
            check_variants(&[v("de", "Titel", "Text")]),
            vec![Invalid::new("lang", "err-newsletter-lang")]
        );
    }
}
