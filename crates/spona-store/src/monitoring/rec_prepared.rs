//! A recommendation made ready for [`super::rec_upsert`] away from the database: its row
//! hash and its search terms computed where the file is read (the import's reading thread),
//! so that the writer only writes, and the words of 270,000 texts are each analysed once
//! ([`spona_search::TermMemo`]).

use spona_domain::monitoring::NewRecommendation;
use spona_search::TermMemo;

use super::recommendations::row_hash;

/// A recommendation with its row hash and, for writing, its `search_text`.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub rec: NewRecommendation,
    /// [`row_hash`] of `rec`.
    pub hash: String,
    /// [`super::recommendations::search_text`] of `rec`; `None` when only classified (a
    /// preview), computed when written.
    pub search_text: Option<String>,
}

impl Prepared {
    /// Ready to classify only.
    pub fn to_classify(rec: NewRecommendation) -> Self {
        Prepared {
            hash: row_hash(&rec),
            rec,
            search_text: None,
        }
    }

    /// Ready to write, the words analysed through `memo`.
    pub fn to_write(rec: NewRecommendation, memo: &mut TermMemo) -> Self {
        Prepared {
            hash: row_hash(&rec),
            search_text: Some(search_text_with(&rec, memo)),
            rec,
        }
    }
}

/// [`super::recommendations::search_text`], each distinct word analysed once per `memo`.
pub fn search_text_with(r: &NewRecommendation, memo: &mut TermMemo) -> String {
    let texts = r
        .texts
        .iter()
        .map(|(lang, text)| (lang.as_str(), text.as_str()));
    search_text_of(texts, r.body.as_deref(), memo)
}

/// The `search_text` of a recommendation's texts (`(lang, text)`) and body, as stored ones
/// are read back (`spona_store::search_upgrade`).
pub fn search_text_of<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: Option<&str>,
    memo: &mut TermMemo,
) -> String {
    let mut terms = std::collections::BTreeSet::new();
    for (lang, text) in texts {
        memo.terms(text, lang == "uk", &mut terms);
    }
    if let Some(body) = body {
        memo.terms(body, false, &mut terms);
    }
    let mut out = String::with_capacity(terms.iter().map(|t| t.len() + 1).sum::<usize>() + 1);
    out.push(' ');
    for t in terms {
        out.push_str(&t);
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use spona_domain::monitoring::{Mechanism, TermKind};

    use super::*;
    use crate::monitoring::recommendations::search_text;

    #[test]
    fn the_memo_gives_the_same_search_text() {
        let mut memo = TermMemo::new();
        for (lang, text) in [
            ("en", "Ensure the protection of victims of trafficking"),
            ("sr-Cyrl", "Заштита права жена и деце"),
            ("uk", "Захист прав жінок у Харківській області"),
        ] {
            let r = NewRecommendation {
                mechanism: Mechanism::Upr,
                body: Some("Human Rights Council".into()),
                cycle: "3".into(),
                symbol: "A/HRC/38/17".into(),
                paragraph: "6.1".into(),
                country: "RS".into(),
                published_on: None,
                response: None,
                text_lang: lang.into(),
                texts: vec![(lang.into(), text.into())],
                states: vec![],
                terms: vec![(TermKind::Theme, "justice".into())],
            };
            for _ in 0..2 {
                let p = Prepared::to_write(r.clone(), &mut memo);
                assert_eq!(p.search_text.as_deref(), Some(search_text(&r).as_str()));
                assert_eq!(p.hash, row_hash(&r));
            }
        }
    }
}
