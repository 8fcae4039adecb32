//! Controlled vocabularies. Codes are stable identifiers stored in the database and used in
//! URLs; their labels live in the Fluent files (`theme-…`, `knowhow-…`, `lang-…`, `country-…`).

/// A closed list of codes. Anything outside it is rejected at the edge.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    /// The prefix of the Fluent message ids for this vocabulary's labels.
    pub label_prefix: &'static str,
    pub codes: &'static [&'static str],
}

impl Vocabulary {
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains(&code)
    }

    /// The distinct, sorted codes of `values` that are in the vocabulary; each unknown one
    /// adds an `err-unknown-term` for `field`. Blank values are skipped.
    pub fn pick(
        &self,
        values: &[String],
        field: &'static str,
        errors: &mut Vec<crate::Invalid>,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if !self.contains(v) {
                errors.push(crate::Invalid::new(field, "err-unknown-term"));
            } else if !out.iter().any(|o| o == v) {
                out.push(v.to_owned());
            }
        }
        out.sort();
        out
    }

    /// The Fluent message id of a code's label, e.g. `theme-anti-trafficking`.
    pub fn label_key(&self, code: &str) -> String {
        format!("{}-{}", self.label_prefix, code)
    }
}

/// Thematic areas an organisation works on.
pub const THEMES: Vocabulary = Vocabulary {
    label_prefix: "theme",
    codes: &[
        "gender-equality",
        "gbv-protection",
        "anti-trafficking",
        "peacebuilding",
        "transitional-justice",
        "human-rights-monitoring",
        "eu-integration",
        "lgbtq-rights",
        "minority-rights",
        "roma-inclusion",
        "youth",
        "culture",
        "media",
        "humanitarian-response",
        "psychosocial-support",
        "legal-aid",
        "refugees-migration",
        "disability-rights",
        "democratic-governance",
    ],
};

/// Practical know-how an organisation offers to peers or needs from them.
pub const KNOWHOW: Vocabulary = Vocabulary {
    label_prefix: "knowhow",
    codes: &[
        "safe-houses",
        "wartime-media",
        "trauma-care",
        "evidence-preservation",
        "grant-writing",
        "advocacy",
        "victim-referral",
        "hotline-operation",
        "digital-security",
        "strategic-litigation",
        "trial-monitoring",
        "policy-analysis",
        "gender-audits",
        "digital-storytelling",
        "crisis-management",
        "community-organising",
        "volunteer-management",
        "reintegration-programmes",
        "peer-support-groups",
        "data-protection",
    ],
};

/// Working languages (ISO 639-1, or 639-2 where no two-letter code exists).
pub const LANGUAGES: Vocabulary = Vocabulary {
    label_prefix: "lang",
    codes: &[
        "en", "sr", "uk", "sq", "mk", "bs", "hr", "cnr", "ru", "hu", "ro", "rom", "de", "fr",
    ],
};

/// Countries (ISO 3166-1 alpha-2; `XK` is the user-assigned code for Kosovo).
pub const COUNTRIES: Vocabulary = Vocabulary {
    label_prefix: "country",
    codes: &[
        "RS", "UA", "XK", "BA", "HR", "MK", "ME", "AL", "SI", "MD", "BG", "RO", "HU", "PL", "DE",
        "NL", "FR", "AT", "GB", "US",
    ],
};

/// The languages a name or description may be written in, with the script where it matters.
/// Serbian text is tagged `sr-Latn` or `sr-Cyrl` by the script it was written in.
pub const TEXT_LANGUAGES: Vocabulary = Vocabulary {
    label_prefix: "textlang",
    codes: &[
        "en", "sr-Latn", "sr-Cyrl", "uk", "sq", "mk", "bs", "hr", "cnr",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_url_safe() {
        for v in [THEMES, KNOWHOW, LANGUAGES, COUNTRIES, TEXT_LANGUAGES] {
            let mut seen = std::collections::HashSet::new();
            for c in v.codes {
                assert!(seen.insert(*c), "duplicate code {c}");
                assert!(c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'));
            }
        }
        assert!(COUNTRIES.contains("XK"));
        assert!(!THEMES.contains("cooking"));
        assert_eq!(THEMES.label_key("youth"), "theme-youth");
    }
}
