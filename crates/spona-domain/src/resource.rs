//! The resource hub: toolbox documents (legal aid forms, trauma protocols, grant budgets…)
//! kept in one or more language variants, each versioned.

use crate::Invalid;
use crate::Locale;
use crate::matching::parse_day_end;
use crate::vocab::{COUNTRIES, THEMES, Vocabulary};

/// What kind of document a resource is. Labels are `rkind-…` in the Fluent files.
pub const RESOURCE_KINDS: Vocabulary = Vocabulary {
    label_prefix: "rkind",
    codes: &[
        "legal-aid-form",
        "trauma-protocol",
        "grant-budget",
        "crisis-guideline",
        "best-practice",
        "case-study",
        "funding-guide",
        "policy-brief",
        "training-material",
    ],
};

/// Who may read a resource. The owning organisation's members always may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Anyone, signed in or not; listed in the Atom feed.
    Public,
    /// Every signed-in member of the platform.
    Members,
    /// Members of the organisations in the named networks.
    Networks,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Public,
        Visibility::Members,
        Visibility::Networks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Networks => "networks",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The language a variant is written in. Serbian is one language in two scripts; Bosnian,
/// Croatian and Montenegrin are written in Latin, Macedonian in Cyrillic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContentLang {
    En,
    Sr,
    Uk,
    Sq,
    Mk,
    Bs,
    Hr,
    Cnr,
}

impl ContentLang {
    pub const ALL: [ContentLang; 8] = [
        ContentLang::En,
        ContentLang::Sr,
        ContentLang::Uk,
        ContentLang::Sq,
        ContentLang::Mk,
        ContentLang::Bs,
        ContentLang::Hr,
        ContentLang::Cnr,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContentLang::En => "en",
            ContentLang::Sr => "sr",
            ContentLang::Uk => "uk",
            ContentLang::Sq => "sq",
            ContentLang::Mk => "mk",
            ContentLang::Bs => "bs",
            ContentLang::Hr => "hr",
            ContentLang::Cnr => "cnr",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ContentLang::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The language a reader of this locale prefers.
    pub fn of_locale(locale: Locale) -> Self {
        match locale {
            Locale::En => ContentLang::En,
            Locale::SrLatn | Locale::SrCyrl => ContentLang::Sr,
            Locale::Uk => ContentLang::Uk,
            Locale::Sq => ContentLang::Sq,
            Locale::Mk => ContentLang::Mk,
            Locale::Bs => ContentLang::Bs,
            Locale::Hr => ContentLang::Hr,
            Locale::Cnr => ContentLang::Cnr,
        }
    }
}

/// The script a Serbian variant is written in; other languages have one script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latn,
    Cyrl,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latn => "Latn",
            Script::Cyrl => "Cyrl",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Latn" => Some(Script::Latn),
            "Cyrl" => Some(Script::Cyrl),
            _ => None,
        }
    }
}

/// A variant's language and script as one form value: `en`, `sr-Latn`, `sr-Cyrl`, `uk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub lang: ContentLang,
    pub script: Option<Script>,
}

impl Written {
    pub const ALL: [&'static str; 9] = [
        "en", "sr-Latn", "sr-Cyrl", "uk", "sq", "mk", "bs", "hr", "cnr",
    ];

    pub fn parse(s: &str) -> Option<Self> {
        let (lang, script) = match s {
            "sr-Latn" => (ContentLang::Sr, Some(Script::Latn)),
            "sr-Cyrl" => (ContentLang::Sr, Some(Script::Cyrl)),
            "sr" => return None,
            other => (ContentLang::parse(other)?, None),
        };
        Some(Written { lang, script })
    }

    pub fn code(self) -> &'static str {
        match (self.lang, self.script) {
            (ContentLang::Sr, Some(Script::Cyrl)) => "sr-Cyrl",
            (ContentLang::Sr, _) => "sr-Latn",
            (other, _) => other.as_str(),
        }
    }
}

/// A resource's description as an editor submits it.
#[derive(Debug, Clone, Default)]
pub struct ResourceDraft {
    pub kind: String,
    pub themes: Vec<String>,
    pub countries: Vec<String>,
    pub visibility: String,
    /// Network slugs, for [`Visibility::Networks`].
    pub networks: Vec<String>,
    /// `YYYY-MM-DD`: when the owners should check the resource is still right.
    pub review_due: String,
}

/// A validated resource description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceMeta {
    pub kind: String,
    pub themes: Vec<String>,
    pub countries: Vec<String>,
    pub visibility: Visibility,
    pub networks: Vec<String>,
    /// Unix seconds of the end of the review day.
    pub review_due: i64,
}

/// A language variant as an editor submits it.
#[derive(Debug, Clone, Default)]
pub struct VariantDraft {
    /// `en`, `sr-Latn`, `sr-Cyrl` or `uk`.
    pub written: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// What changed, for the version history.
    pub note: String,
}

/// A validated variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantText {
    pub written: Written,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub note: String,
}

/// The longest body accepted (characters): about a hundred printed pages.
pub const MAX_BODY_CHARS: usize = 200_000;

impl ResourceDraft {
    pub fn validate(&self) -> Result<ResourceMeta, Vec<Invalid>> {
        let mut errors = Vec::new();
        let kind = self.kind.trim();
        if !RESOURCE_KINDS.contains(kind) {
            errors.push(Invalid::new("kind", "err-unknown-choice"));
        }
        let themes = THEMES.pick(&self.themes, "themes", &mut errors);
        let countries = COUNTRIES.pick(&self.countries, "countries", &mut errors);
        let visibility = Visibility::parse(self.visibility.trim());
        let mut networks: Vec<String> = Vec::new();
        for n in self
            .networks
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
        {
            if n.len() > 80 || !n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                errors.push(Invalid::new("networks", "err-unknown-term"));
            } else if !networks.iter().any(|o| o == n) {
                networks.push(n.to_owned());
            }
        }
        networks.sort();
        match visibility {
            None => errors.push(Invalid::new("visibility", "err-unknown-choice")),
            Some(Visibility::Networks) if networks.is_empty() => {
                errors.push(Invalid::new("networks", "err-networks-required"));
            }
            Some(Visibility::Public | Visibility::Members) => networks.clear(),
            Some(Visibility::Networks) => {}
        }
        let review_due = parse_day_end(self.review_due.trim());
        if review_due.is_none() {
            errors.push(Invalid::new("review_due", "err-date"));
        }
        match (visibility, review_due) {
            (Some(visibility), Some(review_due)) if errors.is_empty() => Ok(ResourceMeta {
                kind: kind.to_owned(),
                themes,
                countries,
                visibility,
                networks,
                review_due,
            }),
            _ => Err(errors),
        }
    }
}

/// Removes control characters other than line breaks and tabs, and unifies line ends.
fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl VariantDraft {
    /// Checks a variant; `note_required` is true for edits (the first version needs none).
    pub fn validate(&self, note_required: bool) -> Result<VariantText, Vec<Invalid>> {
        let mut errors = Vec::new();
        let written = Written::parse(self.written.trim());
        if written.is_none() {
            errors.push(Invalid::new("written", "err-unknown-choice"));
        }
        let title = one_line(&clean_text(&self.title));
        if !(3..=200).contains(&title.chars().count()) {
            errors.push(Invalid::new("title", "err-title-length"));
        }
        let summary = one_line(&clean_text(&self.summary));
        if summary.chars().count() > 1000 {
            errors.push(Invalid::new("summary", "err-summary-length"));
        }
        let body = clean_text(&self.body);
        let body = body.trim_end().to_owned();
        if body.chars().count() > MAX_BODY_CHARS {
            errors.push(Invalid::new("body", "err-body-length"));
        }
        let note = one_line(&clean_text(&self.note));
        if note.chars().count() > 300 {
            errors.push(Invalid::new("note", "err-note-length"));
        } else if note_required && note.is_empty() {
            errors.push(Invalid::new("note", "err-change-note-required"));
        }
        match written {
            Some(written) if errors.is_empty() => Ok(VariantText {
                written,
                title,
                summary,
                body,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// Which variant to show a reader: their own language, else English, else the first.
pub fn pick_variant(available: &[ContentLang], preferred: ContentLang) -> Option<ContentLang> {
    [preferred, ContentLang::En, ContentLang::Sr, ContentLang::Uk]
        .into_iter()
        .find(|l| available.contains(l))
        .or_else(|| available.iter().min().copied())
}

/// The variant a reader of `locale` gets: the first of [`crate::reading::reading_order`]
/// that exists, else any (the first in [`ContentLang::ALL`] order).
pub fn pick_variant_for(available: &[ContentLang], locale: Locale) -> Option<ContentLang> {
    crate::reading::reading_order(locale)
        .iter()
        .filter_map(|code| ContentLang::parse(code))
        .find(|l| available.contains(l))
        .or_else(|| available.iter().min().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ResourceDraft {
        ResourceDraft {
            kind: "trauma-protocol".into(),
            themes: vec!["psychosocial-support".into(), "gbv-protection".into()],
            countries: vec!["UA".into(), "RS".into()],
            visibility: "public".into(),
            networks: vec![],
            review_due: "2027-06-30".into(),
        }
    }

    #[test]
    fn a_good_draft_validates_with_sorted_terms() {
        let meta = draft().validate().expect("valid");
        assert_eq!(meta.themes, vec!["gbv-protection", "psychosocial-support"]);
        assert_eq!(meta.countries, vec!["RS", "UA"]);
        assert_eq!(meta.visibility, Visibility::Public);
    }

    #[test]
    fn unknown_terms_and_kinds_are_named() {
        let mut d = draft();
        d.kind = "novel".into();
        d.themes.push("astrology".into());
        d.countries.push("ZZ".into());
        d.review_due = "2027-02-30".into();
        let errs = d.validate().expect_err("invalid");
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["kind", "themes", "countries", "review_due"]);
    }

    #[test]
    fn network_visibility_needs_networks() {
        let mut d = draft();
        d.visibility = "networks".into();
        assert_eq!(
            d.validate().expect_err("no networks")[0].key,
            "err-networks-required"
        );
        d.networks = vec!["wps-1325".into(), "wps-1325".into()];
        assert_eq!(d.validate().expect("valid").networks, vec!["wps-1325"]);
        d.visibility = "members".into();
        assert!(d.validate().expect("valid").networks.is_empty());
    }

    #[test]
    fn variants_are_cleaned_and_checked() {
        let v = VariantDraft {
            written: "sr-Cyrl".into(),
            title: "  Заштита\u{0}   жртава ".into(),
            summary: "".into(),
            body: "# Наслов\r\n\r\nТекст\u{7}".into(),
            note: "".into(),
        };
        let t = v.validate(false).expect("valid");
        assert_eq!(t.title, "Заштита жртава");
        assert_eq!(t.body, "# Наслов\n\nТекст");
        assert_eq!(t.written.code(), "sr-Cyrl");
        assert_eq!(
            v.validate(true).expect_err("note")[0].key,
            "err-change-note-required"
        );
        let bad = VariantDraft {
            written: "de".into(),
            title: "x".into(),
            body: "a".repeat(MAX_BODY_CHARS + 1),
            ..Default::default()
        };
        let keys: Vec<_> = bad
            .validate(false)
            .expect_err("bad")
            .iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(
            keys,
            vec!["err-unknown-choice", "err-title-length", "err-body-length"]
        );
    }

    #[test]
    fn the_reader_gets_their_language_then_english() {
        use ContentLang::*;
        assert_eq!(pick_variant(&[En, Sr, Uk], Uk), Some(Uk));
        assert_eq!(pick_variant(&[Sr, En], Uk), Some(En));
        assert_eq!(pick_variant(&[Uk], Sr), Some(Uk));
        assert_eq!(pick_variant(&[], Sr), None);
        assert_eq!(pick_variant_for(&[En, Hr, Sr], Locale::Bs), Some(Hr));
        assert_eq!(pick_variant_for(&[En, Sr], Locale::Mk), Some(Sr));
        assert_eq!(pick_variant_for(&[Sr, Uk], Locale::Sq), Some(Sr));
        assert_eq!(pick_variant_for(&[Cnr, Sr], Locale::SrLatn), Some(Sr));
        assert_eq!(pick_variant_for(&[], Locale::Hr), None);
        for w in Written::ALL {
            assert_eq!(Written::parse(w).map(Written::code), Some(w));
        }
    }
}
