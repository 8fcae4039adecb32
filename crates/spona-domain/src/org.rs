//! Organisations: the validated shape of a profile, and the directory's filter.

use crate::Invalid;
use crate::role::ContactVisibility;
use crate::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES};

/// A URL-safe identifier of an organisation or network: `[a-z0-9-]`, 2 to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, Invalid> {
        let ok = (2..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if ok {
            Ok(Slug(s.to_owned()))
        } else {
            Err(Invalid::new("slug", "err-slug"))
        }
    }

    /// Builds a slug from already folded ASCII text (see `spona_i18n::fold`).
    pub fn from_folded(folded: &str) -> Option<Slug> {
        let mut out = String::new();
        for ch in folded.chars() {
            if ch.is_ascii_alphanumeric() {
                out.push(ch.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
            if out.len() >= 60 {
                break;
            }
        }
        let trimmed = out.trim_matches('-');
        Slug::parse(trimmed).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name and short description of an organisation in one language (and script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgText {
    /// A code from [`TEXT_LANGUAGES`], e.g. `sr-Cyrl`.
    pub lang: String,
    pub name: Option<String>,
    pub description: Option<String>,
}

/// An organisation profile as submitted by a form or the API, before validation.
/// Every field is a plain string or list so that nothing is lost when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct OrgDraft {
    pub name: String,
    pub country: String,
    pub city: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub contact_visibility: String,
    pub themes: Vec<String>,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub languages: Vec<String>,
    /// `(lang, name, description)` for each language the organisation writes in.
    pub texts: Vec<(String, String, String)>,
}

/// A validated organisation profile: every value in range and every code in its vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgProfile {
    pub name: String,
    pub country: String,
    pub city: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_visibility: ContactVisibility,
    pub themes: Vec<String>,
    pub offers: Vec<String>,
    pub needs: Vec<String>,
    pub languages: Vec<String>,
    pub texts: Vec<OrgText>,
}

impl OrgProfile {
    /// The draft an edit form shows for this profile (validating it gives the profile back).
    pub fn draft(&self) -> OrgDraft {
        OrgDraft {
            name: self.name.clone(),
            country: self.country.clone(),
            city: self.city.clone(),
            website: self.website.clone().unwrap_or_default(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            contact_visibility: self.contact_visibility.as_str().to_owned(),
            themes: self.themes.clone(),
            offers: self.offers.clone(),
            needs: self.needs.clone(),
            languages: self.languages.clone(),
            texts: self
                .texts
                .iter()
                .map(|t| {
                    (
                        t.lang.clone(),
                        t.name.clone().unwrap_or_default(),
                        t.description.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }
}

const MAX_NAME: usize = 200;
const MAX_DESCRIPTION: usize = 2000;

impl OrgDraft {
    /// Checks every field and returns all problems at once, so a form can mark each of them.
    pub fn validate(&self) -> Result<OrgProfile, Vec<Invalid>> {
        let mut errors = Vec::new();
        let name = clean_line(&self.name);
        if has_bidi_control(&name) {
            errors.push(Invalid::new("name", "err-name-bidi"));
        } else if name.chars().count() < 2 || name.chars().count() > MAX_NAME {
            errors.push(Invalid::new("name", "err-name-length"));
        }
        let country = self.country.trim().to_ascii_uppercase();
        if !COUNTRIES.contains(&country) {
            errors.push(Invalid::new("country", "err-unknown-country"));
        }
        let city = clean_line(&self.city);
        if city.chars().count() > 100 {
            errors.push(Invalid::new("city", "err-too-long"));
        }
        let website = optional(&self.website);
        if let Some(w) = &website
            && !is_web_url(w)
        {
            errors.push(Invalid::new("website", "err-website"));
        }
        let email = optional(&self.email);
        if let Some(e) = &email
            && !is_email(e)
        {
            errors.push(Invalid::new("email", "err-email"));
        }
        let phone = optional(&self.phone);
        if let Some(p) = &phone
            && (p.len() > 40
                || !p
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-()/.".contains(c)))
        {
            errors.push(Invalid::new("phone", "err-phone"));
        }
        let contact_visibility = match self.contact_visibility.as_str() {
            "" => ContactVisibility::Members,
            s => ContactVisibility::parse(s).unwrap_or_else(|| {
                errors.push(Invalid::new("contact_visibility", "err-unknown-choice"));
                ContactVisibility::Members
            }),
        };
        let themes = THEMES.pick(&self.themes, "themes", &mut errors);
        let offers = KNOWHOW.pick(&self.offers, "offers", &mut errors);
        let needs = KNOWHOW.pick(&self.needs, "needs", &mut errors);
        let languages = LANGUAGES.pick(&self.languages, "languages", &mut errors);

        let mut texts: Vec<OrgText> = Vec::new();
        for (lang, tname, desc) in &self.texts {
            let tname = clean_line(tname);
            // Every line break becomes "\n" (browsers send "\r\n"; a lone "\r" too), so that
            // saving a profile again unchanged changes nothing (found by the org_draft fuzzer).
            let desc = desc
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .trim()
                .to_owned();
            if tname.is_empty() && desc.is_empty() {
                continue;
            }
            if !TEXT_LANGUAGES.contains(lang) {
                errors.push(Invalid::new("texts", "err-unknown-language"));
                continue;
            }
            if texts.iter().any(|t| &t.lang == lang) {
                errors.push(Invalid::new("texts", "err-duplicate-language"));
                continue;
            }
            if has_bidi_control(&tname) {
                errors.push(Invalid::new("texts", "err-name-bidi"));
            } else if tname.chars().count() > MAX_NAME {
                errors.push(Invalid::new("texts", "err-name-length"));
            }
            if desc.chars().count() > MAX_DESCRIPTION {
                errors.push(Invalid::new("texts", "err-too-long"));
            }
            texts.push(OrgText {
                lang: lang.clone(),
                name: (!tname.is_empty()).then_some(tname),
                description: (!desc.is_empty()).then_some(desc),
            });
        }

        if errors.is_empty() {
            Ok(OrgProfile {
                name,
                country,
                city,
                website,
                email,
                phone,
                contact_visibility,
                themes,
                offers,
                needs,
                languages,
                texts,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether a name holds a Unicode bidirectional control (U+061C, U+200E/F, U+202A–E,
/// U+2066–9): invisible characters that reorder what is shown, so that
/// `witness-photo\u{202e}gpj.exe` reads as `witness-photoexe.jpg`. Names never need them.
pub fn has_bidi_control(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// An `http` or `https` URL with a host, at most 300 characters.
pub fn is_web_url(s: &str) -> bool {
    s.len() <= 300
        && url::Url::parse(s)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .unwrap_or(false)
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
        && !domain.contains('@')
}

/// What a directory query asks for. Built by the web layer, interpreted by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryFilter {
    /// Free text as typed; the store matches it word by word through the search analysis.
    pub text: Option<String>,
    pub country: Option<String>,
    pub theme: Option<String>,
    pub offers: Option<String>,
    pub needs: Option<String>,
    pub language: Option<String>,
    pub network: Option<String>,
    /// Zero-based page number.
    pub page: u32,
}

impl DirectoryFilter {
    pub const PAGE_SIZE: u32 = 20;

    /// Checks each code against its vocabulary; unknown codes are errors, not silently ignored.
    pub fn check(&self) -> Result<(), Invalid> {
        let pairs = [
            (&self.country, COUNTRIES, "country"),
            (&self.theme, THEMES, "theme"),
            (&self.offers, KNOWHOW, "offers"),
            (&self.needs, KNOWHOW, "needs"),
            (&self.language, LANGUAGES, "language"),
        ];
        for (value, vocab, field) in pairs {
            if let Some(v) = value
                && !vocab.contains(v)
            {
                return Err(Invalid::new(field, "err-unknown-term"));
            }
        }
        // Networks come and go: an unknown network simply matches nothing.
        if self.page >= 100_000 {
            return Err(Invalid::new("page", "err-page"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> OrgDraft {
        OrgDraft {
            name: "  ASTRA –  Anti Trafficking Action ".into(),
            country: "rs".into(),
            city: "Beograd".into(),
            website: "https://astra.example.org".into(),
            email: "info@astra.example.org".into(),
            contact_visibility: "public".into(),
            themes: vec!["anti-trafficking".into(), "anti-trafficking".into()],
            offers: vec!["hotline-operation".into()],
            languages: vec!["sr".into(), "en".into()],
            texts: vec![("sr-Cyrl".into(), "АСТРА".into(), "Опис".into())],
            ..Default::default()
        }
    }

    #[test]
    fn valid_draft_is_normalised() {
        let p = draft().validate().expect("valid");
        assert_eq!(p.name, "ASTRA – Anti Trafficking Action");
        assert_eq!(p.country, "RS");
        assert_eq!(p.themes, vec!["anti-trafficking"]);
        assert_eq!(p.languages, vec!["en", "sr"]);
        assert_eq!(p.contact_visibility, ContactVisibility::Public);
        assert_eq!(p.texts[0].name.as_deref(), Some("АСТРА"));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut d = draft();
        d.name = "A".into();
        d.country = "ZZ".into();
        d.website = "javascript:alert(1)".into();
        d.email = "not-an-email".into();
        d.themes = vec!["cooking".into()];
        d.texts.push(("xx".into(), "n".into(), String::new()));
        let errs = d.validate().expect_err("invalid");
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["name", "country", "website", "email", "themes", "texts"]
        );
    }

    #[test]
    fn saving_again_changes_nothing() {
        let mut d = draft();
        d.texts = vec![("en".into(), "Name".into(), " a\r\r\n\nb\r".into())];
        let first = d.validate().expect("valid");
        let mut again = d.clone();
        again.texts = vec![(
            "en".into(),
            "Name".into(),
            first.texts[0].description.clone().unwrap_or_default(),
        )];
        assert_eq!(again.validate().expect("valid"), first);
        assert_eq!(first.texts[0].description.as_deref(), Some("a\n\n\nb"));
    }

    #[test]
    fn bidi_controls_are_refused_in_names() {
        let mut d = draft();
        d.name = "ASTRA \u{202E}gpj.exe".into();
        let Err(errs) = d.validate() else {
            panic!("a name with U+202E was accepted")
        };
        assert_eq!(errs[0].key, "err-name-bidi");
        assert!(has_bidi_control("a\u{2067}b"));
        assert!(!has_bidi_control("Жена – žena"));
    }

    #[test]
    fn slugs() {
        assert!(Slug::parse("astra").is_ok());
        assert!(Slug::parse("-astra").is_err());
        assert!(Slug::parse("Astra").is_err());
        assert!(Slug::parse("a").is_err());
        assert_eq!(
            Slug::from_folded("open gate – la strada").map(|s| s.to_string()),
            Some("open-gate-la-strada".into())
        );
        assert_eq!(Slug::from_folded("!!!"), None);
    }

    #[test]
    fn filter_rejects_unknown_codes() {
        let f = DirectoryFilter {
            theme: Some("cooking".into()),
            ..Default::default()
        };
        assert_eq!(f.check().map_err(|e| e.field), Err("theme"));
        assert!(DirectoryFilter::default().check().is_ok());
    }
}
