//! Searching the hub as an actor: the query a reader gives, checked, and the search the
//! index runs for them (only what they may read).

use serde::Deserialize;
use spona_domain::Locale;
use spona_domain::resource::{ContentLang, RESOURCE_KINDS};
use spona_domain::vocab::{COUNTRIES, THEMES};
use spona_search::{Lang, SearchQuery, SearchResults};
use spona_store::Db;

use crate::hub::{self, lang_of};
use crate::{Actor, Error, Result};

/// Results per page.
pub const PAGE_SIZE: usize = 20;
/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;

/// The query string of the hub: free text and any number of facet values.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct HubQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: Vec<String>,
    #[serde(default)]
    pub theme: Vec<String>,
    #[serde(default)]
    pub lang: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
    /// Match the last word as a prefix (for clients searching while the reader types).
    #[serde(default)]
    pub prefix: bool,
    /// One-based page number (as text: an empty or malformed value is refused). The query
    /// parser reads `page=` as absent for an `Option`; `given` keeps it as the empty text.
    #[serde(default, deserialize_with = "given")]
    pub page: Option<String>,
}

/// A query value as given, also when empty (`page=` is `Some("")`, not `None`).
fn given<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

impl HubQuery {
    /// The one-based page asked for (1 when none); `err-page` unless 1 to 500.
    pub fn page_number(&self) -> Result<u32> {
        match self.page.as_deref() {
            None => Ok(1),
            Some(p) => match p.parse::<u32>() {
                Ok(n @ 1..=500) => Ok(n),
                _ => Err(Error::BadRequest("err-page")),
            },
        }
    }
}

/// The search for this actor; unknown facet values and over-long queries are refused.
pub async fn search_query(
    db: &Db,
    actor: &Actor,
    locale: Locale,
    query: &HubQuery,
) -> Result<SearchQuery> {
    if query.q.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::BadRequest("err-query-too-long"));
    }
    let check = |values: &[String], ok: &dyn Fn(&str) -> bool| {
        if values.iter().all(|v| ok(v)) {
            Ok(values.to_vec())
        } else {
            Err(Error::BadRequest("err-unknown-term"))
        }
    };
    let kinds = check(&query.kind, &|v| RESOURCE_KINDS.contains(v))?;
    let themes = check(&query.theme, &|v| THEMES.contains(v))?;
    let countries = check(&query.country, &|v| COUNTRIES.contains(v))?;
    let languages = query
        .lang
        .iter()
        .map(|l| ContentLang::parse(l).map(lang_of))
        .collect::<Option<Vec<Lang>>>()
        .ok_or(Error::BadRequest("err-unknown-term"))?;
    let page = query.page_number()? as usize - 1;
    if [&query.kind, &query.theme, &query.lang, &query.country]
        .iter()
        .any(|v| v.len() > 20)
    {
        return Err(Error::BadRequest("err-unknown-term"));
    }
    Ok(SearchQuery {
        text: query.q.trim().to_owned(),
        prefix: query.prefix,
        kinds,
        themes,
        languages,
        countries,
        reader: hub::reader(db, actor).await?,
        preferred: lang_of(ContentLang::of_locale(locale)),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
    })
}

/// Runs a search the caller has checked with [`search_query`] (and rate-limited, when it
/// holds free text).
pub async fn search(db: &Db, index: &hub::Index, q: SearchQuery) -> Result<SearchResults> {
    hub::search(db, index, q).await
}
