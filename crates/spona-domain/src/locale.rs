//! The nine locales of the user interface.
//!
//! Bosnian, Croatian and Montenegrin share one ijekavian Latin base text (`bcms`) and differ
//! only by small overlays; Serbian is one language in two scripts.

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
    #[serde(rename = "sq")]
    Sq,
    #[serde(rename = "mk")]
    Mk,
    #[serde(rename = "bs")]
    Bs,
    #[serde(rename = "hr")]
    Hr,
    #[serde(rename = "cnr")]
    Cnr,
}

impl Locale {
    pub const ALL: [Locale; 9] = [
        Locale::En,
        Locale::SrLatn,
        Locale::SrCyrl,
        Locale::Uk,
        Locale::Sq,
        Locale::Mk,
        Locale::Bs,
        Locale::Hr,
        Locale::Cnr,
    ];

    /// The BCP 47 tag, as used in URLs and `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::SrLatn => "sr-Latn",
            Locale::SrCyrl => "sr-Cyrl",
            Locale::Uk => "uk",
            Locale::Sq => "sq",
            Locale::Mk => "mk",
            Locale::Bs => "bs",
            Locale::Hr => "hr",
            Locale::Cnr => "cnr",
        }
    }

    /// The locale's own name for itself, for the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::SrLatn => "Srpski (latinica)",
            Locale::SrCyrl => "Српски (ћирилица)",
            Locale::Uk => "Українська",
            Locale::Sq => "Shqip",
            Locale::Mk => "Македонски",
            Locale::Bs => "Bosanski",
            Locale::Hr => "Hrvatski",
            Locale::Cnr => "Crnogorski",
        }
    }

    /// The two-letter language code (what a text's language is, ignoring script).
    pub fn language(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::SrLatn | Locale::SrCyrl => "sr",
            Locale::Uk => "uk",
            Locale::Sq => "sq",
            Locale::Mk => "mk",
            Locale::Bs => "bs",
            Locale::Hr => "hr",
            Locale::Cnr => "cnr",
        }
    }

    /// Whether the interface is written in Cyrillic (Serbian Cyrillic, Ukrainian, Macedonian).
    pub fn is_cyrillic(self) -> bool {
        matches!(self, Locale::SrCyrl | Locale::Uk | Locale::Mk)
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
    /// - `sr` alone, `sr-RS` and `sr-Cyrl-*` mean Serbian Cyrillic (the official script);
    ///   `sr-Latn-*` Serbian Latin.
    /// - `sr-ME` and `sr-Latn-ME` are what browsers sent in Montenegro before `cnr` had a
    ///   code, and Montenegrin is written in Latin there: Montenegrin. `sr-Cyrl-ME` stays
    ///   Serbian Cyrillic (the reader asked for the script).
    /// - `sh` (Serbo-Croatian, a retired code some systems still send) gets Serbian Latin,
    ///   as before: it names no country, and Serbian Latin is the widest-read Latin variety.
    /// - `bs`, `hr`, `cnr`, `sq`, `mk` get their own locale, whatever the region
    ///   (`sq-XK`, `sq-MK`, `hr-BA`, `bs-Cyrl` — Bosnian in Cyrillic is rare; we only have
    ///   Latin).
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
            "sr" if rest.contains(&"cyrl") => Some(Locale::SrCyrl),
            "sr" if rest.contains(&"me") => Some(Locale::Cnr),
            "sr" if rest.contains(&"latn") => Some(Locale::SrLatn),
            "sr" => Some(Locale::SrCyrl),
            "sh" => Some(Locale::SrLatn),
            "sq" => Some(Locale::Sq),
            "mk" => Some(Locale::Mk),
            "bs" => Some(Locale::Bs),
            "hr" => Some(Locale::Hr),
            "cnr" => Some(Locale::Cnr),
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
        assert_eq!(Locale::from_tag("CNR"), Some(Locale::Cnr));
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
        assert_eq!(Locale::negotiate("hr-HR"), Some(Locale::Hr));
        assert_eq!(Locale::negotiate("sh"), Some(Locale::SrLatn));
        assert_eq!(Locale::negotiate("sr-ME"), Some(Locale::Cnr));
        assert_eq!(Locale::negotiate("sr-Latn-ME"), Some(Locale::Cnr));
        assert_eq!(Locale::negotiate("sr-Cyrl-ME"), Some(Locale::SrCyrl));
        assert_eq!(Locale::negotiate("cnr-ME, en;q=0.5"), Some(Locale::Cnr));
        assert_eq!(Locale::negotiate("bs-BA"), Some(Locale::Bs));
        assert_eq!(Locale::negotiate("sq-XK,sq;q=0.9"), Some(Locale::Sq));
        assert_eq!(Locale::negotiate("mk-MK"), Some(Locale::Mk));
        assert_eq!(Locale::negotiate("de, hr-BA;q=0.7"), Some(Locale::Hr));
        assert_eq!(Locale::negotiate("uk-UA,ru;q=0.5"), Some(Locale::Uk));
        assert_eq!(Locale::negotiate("fr, de"), None);
        assert_eq!(Locale::negotiate("en;q=0, uk"), Some(Locale::Uk));
        assert_eq!(Locale::negotiate(""), None);
    }
}
