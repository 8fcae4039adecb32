//! The four locales of the user interface.

use serde::{Deserialize, Serialize};

/// A user-interface locale. Serbian is one language in two scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "sr-Latn")]
    SrLatn,
    #[serde(rename = "sr-Cyrl")]
    SrCyrl,
    #[serde(rename = "uk")]
    Uk,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::SrLatn, Locale::SrCyrl, Locale::Uk];

    /// The BCP 47 tag, as used in URLs and `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::SrLatn => "sr-Latn",
            Locale::SrCyrl => "sr-Cyrl",
            Locale::Uk => "uk",
        }
    }

    /// The locale's own name for itself, for the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::SrLatn => "Srpski (latinica)",
            Locale::SrCyrl => "Српски (ћирилица)",
            Locale::Uk => "Українська",
        }
    }

    /// The two-letter language code (what a text's language is, ignoring script).
    pub fn language(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::SrLatn | Locale::SrCyrl => "sr",
            Locale::Uk => "uk",
        }
    }

    /// Parses a tag exactly as it appears in a URL (`en`, `sr-Latn`, `sr-Cyrl`, `uk`),
    /// case-insensitively.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Picks the best locale for an `Accept-Language` header, or `None` when nothing fits.
    ///
    /// `sr` alone, `sr-RS` and `sr-Cyrl-*` mean Cyrillic (the official script);
    /// `sr-Latn-*`, `sh`, `hr`, `bs` and `cnr` readers get Serbian Latin.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut ranges: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                if tag.is_empty() {
                    return None;
                }
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, i, tag))
            })
            .filter(|(q, _, _)| *q > 0.0)
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges
            .into_iter()
            .find_map(|(_, _, tag)| Self::from_range(tag))
    }

    fn from_range(tag: &str) -> Option<Locale> {
        let lower = tag.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let lang = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        match lang {
            "en" => Some(Locale::En),
            "uk" => Some(Locale::Uk),
            "sr" if rest.contains(&"latn") => Some(Locale::SrLatn),
            "sr" => Some(Locale::SrCyrl),
            "sh" | "hr" | "bs" | "cnr" => Some(Locale::SrLatn),
            _ => None,
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::from_tag("SR-latn"), Some(Locale::SrLatn));
        assert_eq!(Locale::from_tag("de"), None);
    }

    #[test]
    fn negotiates_by_quality_then_order() {
        assert_eq!(
            Locale::negotiate("de-DE, uk;q=0.8, en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::negotiate("sr-RS"), Some(Locale::SrCyrl));
        assert_eq!(
            Locale::negotiate("sr-Latn-RS,sr;q=0.5"),
            Some(Locale::SrLatn)
        );
        assert_eq!(Locale::negotiate("hr-HR"), Some(Locale::SrLatn));
        assert_eq!(Locale::negotiate("uk-UA,ru;q=0.5"), Some(Locale::Uk));
        assert_eq!(Locale::negotiate("fr, de"), None);
        assert_eq!(Locale::negotiate("en;q=0, uk"), Some(Locale::Uk));
        assert_eq!(Locale::negotiate(""), None);
    }
}
