//! A directory search as asked (the page's and the API's query string), checked into the
//! store's [`DirectoryFilter`].

use serde::Deserialize;
use spona_domain::org::DirectoryFilter;

use crate::{Error, Result};

/// The query string of the directory page and of `GET /api/v1/orgs`. Empty values mean "any".
#[derive(Debug, Deserialize, Default, Clone)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub offers: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub network: String,
    /// One-based page number.
    pub page: Option<u32>,
}

impl DirectoryQuery {
    /// Whether a filter other than the free text is chosen: then the folded filters open.
    pub fn has_filters(&self) -> bool {
        [
            &self.country,
            &self.theme,
            &self.offers,
            &self.needs,
            &self.language,
            &self.network,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    /// The store's filter; unknown codes are [`Error::BadRequest`] naming the field.
    pub fn filter(&self) -> Result<DirectoryFilter> {
        // A code that is nothing but white space (`theme=%C2%85`, NEL) is not "any": refused.
        for (field, v) in [
            ("country", &self.country),
            ("theme", &self.theme),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("language", &self.language),
            ("network", &self.network),
        ] {
            if !v.is_empty() && v.trim().is_empty() {
                return Err(Error::BadRequest(field_error(field)));
            }
        }
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        };
        // As typed: the store analyses it (folding scripts, diacritics, inflections).
        let text = opt(&self.q.chars().take(200).collect::<String>());
        let f = DirectoryFilter {
            text,
            country: opt(&self.country),
            theme: opt(&self.theme),
            offers: opt(&self.offers),
            needs: opt(&self.needs),
            language: opt(&self.language),
            network: opt(&self.network),
            page: match self.page {
                None => 0,
                Some(p @ 1..=100_000) => p - 1,
                Some(_) => return Err(Error::BadRequest("err-page")),
            },
        };
        f.check()
            .map_err(|e| Error::BadRequest(field_error(e.field)))?;
        Ok(f)
    }

    /// This query with another page number, as a query string.
    pub fn with_page(&self, page: u32) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("country", &self.country),
            ("theme", &self.theme),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("language", &self.language),
            ("network", &self.network),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        s.append_pair("page", &page.to_string());
        s.finish()
    }
}

fn field_error(field: &str) -> &'static str {
    match field {
        "country" => "err-filter-country",
        "theme" => "err-filter-theme",
        "offers" | "needs" => "err-filter-knowhow",
        "language" => "err-filter-language",
        "network" => "err-filter-network",
        _ => "err-bad-form",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_mean_any() {
        let f = DirectoryQuery::default().filter().expect("no filter");
        assert_eq!(f, DirectoryFilter::default());
    }

    #[test]
    fn white_space_codes_and_unknown_pages_are_refused_by_field() {
        let q = DirectoryQuery {
            theme: "\u{85}".into(),
            ..Default::default()
        };
        assert!(matches!(
            q.filter(),
            Err(Error::BadRequest("err-filter-theme"))
        ));
        let q = DirectoryQuery {
            page: Some(0),
            ..Default::default()
        };
        assert!(matches!(q.filter(), Err(Error::BadRequest("err-page"))));
    }

    #[test]
    fn the_next_page_keeps_the_filters() {
        let q = DirectoryQuery {
            q: "žene".into(),
            country: "RS".into(),
            ..Default::default()
        };
        assert_eq!(q.with_page(2), "q=%C5%BEene&country=RS&page=2");
    }
}
