//! Recommendations: the list's query, a recommendation for its page, and adding one by hand.
//!
//! **Access.** Recommendations are public texts of public bodies: anyone, signed in or not,
//! lists and reads them. Adding them (by hand or by import) is for platform admins
//! ([`super::import::require_editor`]): Spona has no monitoring-coordinator role, and
//! the list is the platform's shared reference, not one organisation's.

use spona_domain::Invalid;
use spona_domain::ids::RecommendationId;
use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::idempotency::Once;
use spona_store::monitoring::rec_list::{self, RecFilter, RecPage};
use spona_store::monitoring::recommendations::{self as store, Recommendation};

use super::import::{dates, layout, require_editor, state_code};
use crate::{Actor, Error, Result};

/// The list's query string, as the page and the API take it (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct RecQuery {
    pub q: String,
    pub mechanism: String,
    pub cycle: String,
    pub country: String,
    pub theme: String,
    pub group: String,
    pub sdg: String,
    pub response: String,
    pub state: String,
    pub page: String,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl RecQuery {
    /// The store's filter; an unknown mechanism, response or country is a bad request.
    pub fn filter(&self) -> Result<RecFilter> {
        let mechanism = match some(&self.mechanism) {
            None => None,
            Some(m) => Some(
                Mechanism::parse(&m).ok_or(Error::BadRequest("mon-rec-err-filter-mechanism"))?,
            ),
        };
        let response = match some(&self.response) {
            None => None,
            Some(r) => {
                Some(Response::parse(&r).ok_or(Error::BadRequest("mon-rec-err-filter-response"))?)
            }
        };
        // A state no one knows matches no recommendation (an empty list, not an error).
        let country = some(&self.country)
            .map(|c| state_code(&c).map_or_else(|| c.to_uppercase(), str::to_owned));
        let long = [
            &self.q,
            &self.cycle,
            &self.theme,
            &self.group,
            &self.sdg,
            &self.state,
            &self.country,
        ];
        if long.iter().any(|s| s.chars().count() > 200) {
            return Err(Error::BadRequest("mon-rec-err-filter-long"));
        }
        Ok(RecFilter {
            mechanism,
            cycle: some(&self.cycle),
            country,
            theme: some(&self.theme),
            group: some(&self.group),
            sdg: some(&self.sdg),
            response,
            state: some(&self.state).map(|s| state_code(&s).map_or(s, str::to_owned)),
            text: some(&self.q),
        })
    }

    /// The page asked for: 1 when none, a bad request outside 1–100 000.
    pub fn page_number(&self) -> Result<u32> {
        match some(&self.page) {
            None => Ok(1),
            Some(p) => p
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=100_000).contains(p))
                .ok_or(Error::BadRequest("err-page")),
        }
    }

    /// Whether any filter other than the free text is set (the page opens its filters).
    pub fn has_filters(&self) -> bool {
        [
            &self.mechanism,
            &self.cycle,
            &self.country,
            &self.theme,
            &self.group,
            &self.sdg,
            &self.response,
            &self.state,
        ]
        .iter()
        .any(|s| !s.trim().is_empty())
    }

    /// The query string of another page of the same list (`?…&page=n`).
    pub fn page_href(&self, n: u32) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.pairs() {
            pairs.append_pair(k, v);
        }
        pairs.append_pair("page", &n.to_string());
        format!("?{}", pairs.finish())
    }

    /// The set filters as `(name, value)` pairs (the CSV export's link keeps them).
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("mechanism", &self.mechanism),
            ("cycle", &self.cycle),
            ("country", &self.country),
            ("theme", &self.theme),
            ("group", &self.group),
            ("sdg", &self.sdg),
            ("response", &self.response),
            ("state", &self.state),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }
}

/// A page of the list.
pub async fn list(db: &Db, filter: &RecFilter, page: u32, per_page: u32) -> Result<RecPage> {
    Ok(rec_list::list(db, filter, page, per_page).await?)
}

/// One recommendation, or `NotFound`.
pub async fn get(db: &Db, id: &str) -> Result<Recommendation> {
    store::get(db, id).await?.ok_or(Error::NotFound)
}

/// What the filters offer: the cycles, recommending states, themes, groups and SDG
/// targets stored.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub cycles: Vec<String>,
    pub states: Vec<String>,
    pub themes: Vec<String>,
    pub groups: Vec<String>,
    pub sdgs: Vec<String>,
}

pub async fn choices(db: &Db) -> Result<Choices> {
    Ok(Choices {
        cycles: rec_list::cycles(db).await?,
        states: rec_list::states(db).await?,
        themes: rec_list::term_codes(db, TermKind::Theme).await?,
        groups: rec_list::term_codes(db, TermKind::Group).await?,
        sdgs: rec_list::term_codes(db, TermKind::Sdg).await?,
    })
}

/// The add form's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Draft {
    pub mechanism: String,
    pub body: String,
    pub cycle: String,
    pub symbol: String,
    pub paragraph: String,
    pub country: String,
    pub published_on: String,
    pub response: String,
    pub text_lang: String,
    pub text: String,
    /// Recommending states, separated by commas or semicolons.
    pub states: String,
    /// Theme codes or names, separated by commas or semicolons.
    pub themes: String,
    pub groups: String,
    pub sdgs: String,
}

fn items(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The recommendation a draft gives, or every broken rule in the form's order.
pub fn check(d: &Draft) -> std::result::Result<NewRecommendation, Vec<Invalid>> {
    let mut errors = Vec::new();
    let mechanism = Mechanism::parse(d.mechanism.trim());
    if mechanism.is_none() {
        errors.push(Invalid::new("mechanism", "mon-rec-err-mechanism"));
    }
    let paragraph = d.paragraph.trim();
    if paragraph.is_empty() || paragraph.len() > 50 {
        errors.push(Invalid::new("paragraph", "mon-rec-err-paragraph"));
    }
    if d.symbol.trim().len() > 200 || d.cycle.trim().len() > 100 || d.body.trim().len() > 200 {
        errors.push(Invalid::new("symbol", "mon-rec-err-too-long"));
    }
    let country = state_code(&d.country);
    if country.is_none() {
        errors.push(Invalid::new("country", "mon-rec-err-country"));
    }
    let published_on = match dates::parse(&d.published_on) {
        Ok(v) => v,
        Err(e) => {
            errors.push(Invalid::new("published_on", e.key()));
            None
        }
    };
    let response = match d.response.trim() {
        "" => None,
        r => {
            let parsed = Response::parse(r);
            if parsed.is_none() {
                errors.push(Invalid::new("response", "mon-rec-err-response"));
            }
            parsed
        }
    };
    let lang = d.text_lang.trim();
    if lang.is_empty()
        || lang.len() > 8
        || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        errors.push(Invalid::new("text_lang", "mon-rec-err-lang"));
    }
    let text = d.text.trim();
    if text.is_empty() || text.chars().count() > 20_000 {
        errors.push(Invalid::new("text", "mon-rec-err-text"));
    }
    let mut terms = Vec::new();
    for t in items(&d.themes) {
        terms.push((TermKind::Theme, layout::slug(t)));
    }
    for g in items(&d.groups) {
        terms.push((TermKind::Group, layout::slug(g)));
    }
    for s in items(&d.sdgs) {
        let ok = s
            .split('.')
            .next()
            .and_then(|g| g.parse::<u32>().ok())
            .is_some_and(|g| (1..=17).contains(&g))
            && s.len() <= 6
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if !ok {
            errors.push(Invalid::new("sdgs", "mon-rec-err-sdg"));
            break;
        }
        terms.push((TermKind::Sdg, s.to_lowercase()));
    }
    terms.retain(|(_, c)| !c.is_empty());
    let (Some(mechanism), Some(country)) = (mechanism, country) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewRecommendation {
        mechanism,
        body: some(&d.body),
        cycle: d.cycle.trim().to_owned(),
        symbol: d.symbol.trim().to_owned(),
        paragraph: paragraph.to_owned(),
        country: country.to_owned(),
        published_on,
        response,
        text_lang: lang.to_lowercase(),
        texts: vec![(lang.to_lowercase(), text.to_owned())],
        states: items(&d.states)
            .map(|s| state_code(s).map_or_else(|| s.to_owned(), str::to_owned))
            .collect(),
        terms,
    })
}

/// Adds a recommendation typed by hand (platform admins): the recommendation, the form's
/// one-time key and the audit entry in one transaction. One with the same mechanism,
/// symbol and paragraph is refused (`Invalid` on `paragraph`).
pub async fn create(
    actor: &Actor,
    db: &Db,
    d: &Draft,
    once: Option<&Once>,
) -> Result<RecommendationId> {
    require_editor(actor)?;
    let r = check(d).map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    let id = match store::insert_in(&mut tx, &r).await {
        Ok(id) => id,
        Err(spona_store::StoreError::Conflict(_)) => {
            return Err(Error::Invalid(vec![Invalid::new(
                "paragraph",
                "mon-rec-err-exists",
            )]));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, id.as_str()).await?;
    }
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "monitoring.recommendation_added",
            target_kind: "recommendation",
            target_id: id.as_str(),
            detail: format!("{} {} {}", r.mechanism.as_str(), r.symbol, r.paragraph),
        },
    )
    .await?;
    spona_store::tx::fault_point("monitoring.recommendation_added")?;
    tx.commit().await?;
    Ok(id)
}

/// The text a reader sees first: in their language, else the original, else any; with
/// its language.
pub fn text_for<'a>(r: &'a Recommendation, reader_lang: &str) -> Option<(&'a str, &'a str)> {
    let base = reader_lang.split('-').next().unwrap_or(reader_lang);
    r.texts
        .iter()
        .find(|(l, _)| l == reader_lang)
        .or_else(|| {
            r.texts
                .iter()
                .find(|(l, _)| l.split('-').next() == Some(base))
        })
        .or_else(|| r.texts.iter().find(|(l, _)| *l == r.text_lang))
        .or_else(|| r.texts.first())
        .map(|(l, t)| (l.as_str(), t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            mechanism: "nap-1325".into(),
            paragraph: "3.1".into(),
            country: "RS".into(),
            text_lang: "sr".into(),
            text: "Повећати учешће жена у мировним мисијама".into(),
            sdgs: "5.5, 16".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_good_draft_passes_and_bad_fields_are_named() {
        let r = check(&draft()).expect("good");
        assert_eq!(r.country, "RS");
        assert_eq!(r.terms.len(), 2);
        let bad = Draft {
            mechanism: "parliament".into(),
            published_on: "03/04/2013".into(),
            sdgs: "99".into(),
            ..draft()
        };
        let fields: Vec<&str> = check(&bad)
            .expect_err("bad")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["mechanism", "published_on", "sdgs"]);
    }

    #[test]
    fn only_platform_admins_edit() {
        use crate::actor::testing::{in_orgs, user};
        use spona_domain::role::{OrgRole, PlatformRole};
        assert!(matches!(
            require_editor(&Actor::anonymous()),
            Err(Error::SignInRequired)
        ));
        assert!(matches!(
            require_editor(&in_orgs("a", &[("o", OrgRole::Admin)])),
            Err(Error::Forbidden)
        ));
        assert!(require_editor(&Actor::signed_in(user("p", PlatformRole::Admin), vec![])).is_ok());
    }

    #[test]
    fn the_reader_s_language_comes_first() {
        let mut r = Recommendation {
            id: RecommendationId::from("x".to_owned()),
            mechanism: Mechanism::Upr,
            body: None,
            cycle: String::new(),
            symbol: String::new(),
            paragraph: "1".into(),
            country: "RS".into(),
            published_on: None,
            response: None,
            text_lang: "en".into(),
            texts: vec![
                ("en".into(), "English".into()),
                ("sr".into(), "Српски".into()),
            ],
            states: vec![],
            terms: vec![],
            created_at: 0,
            updated_at: 0,
        };
        assert_eq!(text_for(&r, "sr-Cyrl"), Some(("sr", "Српски")));
        assert_eq!(text_for(&r, "uk"), Some(("en", "English")));
        r.texts.remove(0);
        assert_eq!(text_for(&r, "uk"), Some(("sr", "Српски")));
    }
}
