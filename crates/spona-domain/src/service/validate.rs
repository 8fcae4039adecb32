//! Validating a service's draft (a form's or the API's) into [`ServiceValues`]: lengths,
//! vocabularies, places, hours; every error at its field.

use super::*;
use crate::Invalid;
use crate::vocab::{COUNTRIES, LANGUAGES, TEXT_LANGUAGES};

const NAME_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 8000;
const ELIGIBILITY_MAX: usize = 2000;
const SHORT_MAX: usize = 200;
/// The largest capacity a service may give (a shelter network, not a city).
pub const CAPACITY_MAX: i64 = 100_000;

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Reads a count of places: empty is none; otherwise 0..=[`CAPACITY_MAX`], else the message
/// key of the error.
pub fn parse_places(text: &str) -> Result<Option<i64>, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=CAPACITY_MAX).contains(&n) => Ok(Some(n)),
        _ => Err("err-service-places"),
    }
}

/// A text row left wholly blank (a form's spare row): skipped.
pub fn is_blank_text(t: &ServiceText) -> bool {
    t.name.trim().is_empty() && t.description.trim().is_empty() && t.eligibility.trim().is_empty()
}

/// What is wrong with one text row that is not blank, by the rules [`ServiceDraft::validate`]
/// applies: `langs` holds the languages of the rows accepted before it, and gets this row's
/// when it is accepted. A problem at field `texts` (an unknown or repeated language) refuses
/// the row; the others (`name`, `description`, `eligibility`) name the field at fault.
pub fn text_row_problems(t: &ServiceText, langs: &mut Vec<String>) -> Vec<Invalid> {
    let (name, description) = (t.name.trim(), t.description.trim());
    let eligibility = t.eligibility.trim();
    let lang = t.lang.trim();
    if !TEXT_LANGUAGES.contains(lang) {
        return vec![Invalid::new("texts", "err-unknown-choice")];
    }
    if langs.iter().any(|l| l == lang) {
        return vec![Invalid::new("texts", "err-service-text-twice")];
    }
    langs.push(lang.to_owned());
    let mut problems = Vec::new();
    if name.is_empty() || chars(name) > NAME_MAX {
        problems.push(Invalid::new("name", "err-service-name-length"));
    }
    if chars(description) > DESCRIPTION_MAX {
        problems.push(Invalid::new(
            "description",
            "err-service-description-length",
        ));
    }
    if chars(eligibility) > ELIGIBILITY_MAX {
        problems.push(Invalid::new(
            "eligibility",
            "err-service-eligibility-length",
        ));
    }
    problems
}

/// A location row left wholly blank (a form's spare row): skipped.
pub fn is_blank_location(l: &LocationDraft) -> bool {
    l.name.trim().is_empty() && l.address.trim().is_empty() && l.city.trim().is_empty()
}

/// What is wrong with one location row that is not blank (all at field `locations`): an
/// unknown country, no city, a value too long.
pub fn location_row_problems(l: &LocationDraft) -> Vec<Invalid> {
    let mut problems = Vec::new();
    if !COUNTRIES.contains(l.country.trim()) {
        problems.push(Invalid::new("locations", "err-unknown-choice"));
    }
    let city = l.city.trim();
    if city.is_empty()
        || chars(l.name.trim()) > SHORT_MAX
        || chars(l.address.trim()) > SHORT_MAX
        || chars(city) > SHORT_MAX
    {
        problems.push(Invalid::new("locations", "err-service-location"));
    }
    problems
}

impl ServiceDraft {
    /// A draft with a kind and one text, everything else empty (any gender, age, status;
    /// no hours; no referral fields): for tests and demo data to fill in further.
    pub fn simple(kind: &str, lang: &str, name: &str, description: &str) -> Self {
        ServiceDraft {
            kind: kind.to_owned(),
            texts: vec![ServiceText {
                lang: lang.to_owned(),
                name: name.to_owned(),
                description: description.to_owned(),
                eligibility: String::new(),
            }],
            ..ServiceDraft::default()
        }
    }

    pub fn validate(&self) -> Result<ServiceValues, Vec<Invalid>> {
        let mut errors = Vec::new();
        let kind = self.kind.trim().to_owned();
        if !SERVICE_KINDS.contains(&kind) {
            errors.push(Invalid::new("kind", "err-unknown-choice"));
        }
        let mut texts: Vec<ServiceText> = Vec::new();
        let mut langs: Vec<String> = Vec::new();
        for t in &self.texts {
            if is_blank_text(t) {
                continue;
            }
            let problems = text_row_problems(t, &mut langs);
            let refused = problems.iter().any(|p| p.field == "texts");
            errors.extend(problems);
            if refused {
                continue;
            }
            texts.push(ServiceText {
                lang: t.lang.trim().to_owned(),
                name: t.name.trim().to_owned(),
                description: t.description.trim().to_owned(),
                eligibility: t.eligibility.trim().to_owned(),
            });
        }
        if texts.is_empty() {
            errors.push(Invalid::new("name", "err-service-name-length"));
        }
        texts.sort_by(|a, b| a.lang.cmp(&b.lang));
        let access = match self.access.trim() {
            "" => None,
            a => match Access::parse(a) {
                Some(a) => Some(a),
                None => {
                    errors.push(Invalid::new("access", "err-unknown-choice"));
                    None
                }
            },
        };
        let genders = GENDERS.pick(&self.genders, "genders", &mut errors);
        let mut age_bands = Vec::new();
        for a in self
            .age_bands
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
        {
            match AgeBand::parse(a) {
                Some(b) if !age_bands.contains(&b) => age_bands.push(b),
                Some(_) => {}
                None => errors.push(Invalid::new("age_bands", "err-unknown-term")),
            }
        }
        age_bands.sort();
        let statuses = NATIONALITY_STATUSES.pick(&self.statuses, "statuses", &mut errors);
        let languages = LANGUAGES.pick(&self.languages, "languages", &mut errors);
        let mut areas: Vec<Area> = COUNTRIES
            .pick(&self.area_countries, "area", &mut errors)
            .into_iter()
            .map(|country| Area {
                country,
                municipality: None,
            })
            .collect();
        let mut locations = Vec::new();
        for l in &self.locations {
            let loc = LocationDraft {
                name: l.name.trim().to_owned(),
                address: l.address.trim().to_owned(),
                city: l.city.trim().to_owned(),
                country: l.country.trim().to_owned(),
            };
            if is_blank_location(&loc) {
                continue;
            }
            errors.extend(location_row_problems(&loc));
            locations.push(loc);
        }
        for line in self
            .area_municipalities
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let (country, name) = match line.split_once([':', ' ']) {
                Some((c, rest)) if COUNTRIES.contains(c.trim()) => {
                    (c.trim().to_owned(), rest.trim())
                }
                _ => match locations.first() {
                    Some(l) => (l.country.clone(), line),
                    None => {
                        errors.push(Invalid::new("area", "err-service-area-country"));
                        continue;
                    }
                },
            };
            if name.is_empty() || chars(name) > SHORT_MAX {
                errors.push(Invalid::new("area", "err-service-area-country"));
                continue;
            }
            let area = Area {
                country,
                municipality: Some(name.to_owned()),
            };
            if !areas.contains(&area) {
                areas.push(area);
            }
        }
        areas.sort();
        let hours = validate_hours(&self.hours, &mut errors);
        let email = optional(&self.email);
        if let Some(e) = &email
            && (chars(e) > SHORT_MAX || !e.contains('@') || e.contains(char::is_whitespace))
        {
            errors.push(Invalid::new("email", "err-email"));
        }
        let phone = optional(&self.phone);
        if let Some(p) = &phone
            && (chars(p) > 40
                || !p
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-()/".contains(c)))
        {
            errors.push(Invalid::new("phone", "err-service-phone"));
        }
        let url = optional(&self.url);
        if let Some(u) = &url
            && (chars(u) > 500
                || !(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace))
        {
            errors.push(Invalid::new("url", "err-service-url"));
        }
        let cost = optional(&self.cost);
        if cost.as_deref().is_some_and(|c| chars(c) > 1000) {
            errors.push(Invalid::new("cost", "err-service-cost"));
        }
        let capacity_total = parse_places(&self.capacity_total).unwrap_or_else(|key| {
            errors.push(Invalid::new("capacity_total", key));
            None
        });
        let mut referral_fields = Vec::new();
        for f in self
            .referral_fields
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
        {
            match ReferralField::parse(f) {
                Some(f) if !referral_fields.contains(&f) => referral_fields.push(f),
                Some(_) => {}
                None => errors.push(Invalid::new("referral_fields", "err-unknown-term")),
            }
        }
        referral_fields.sort();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ServiceValues {
            kind,
            texts,
            access,
            genders,
            age_bands,
            statuses,
            languages,
            areas,
            locations,
            hours,
            email,
            phone,
            url,
            free: self.free,
            cost,
            capacity_total,
            referral_fields,
        })
    }
}

/// The capacity a provider gives: places free now, no more than the total (when counted).
pub fn validate_free_places(text: &str, total: Option<i64>) -> Result<i64, Invalid> {
    match parse_places(text) {
        Ok(Some(n)) if total.is_none_or(|t| n <= t) => Ok(n),
        Ok(Some(_)) => Err(Invalid::new("free", "err-service-free-over-total")),
        _ => Err(Invalid::new("free", "err-service-places")),
    }
}
