//! Helpers shared by the search tests: documents, an index holding them, queries.
#![allow(dead_code)]

pub mod langs;

pub use spona_search::{
    Lang, Reader, ResourceDoc, SearchIndex, SearchQuery, SearchResults, VariantDoc, Visibility,
};

pub fn variant(lang: Lang, title: &str, body: &str) -> VariantDoc {
    VariantDoc {
        lang,
        title: title.into(),
        summary: String::new(),
        body: body.into(),
        attachments_text: String::new(),
    }
}

pub fn resource(id: &str, variants: Vec<VariantDoc>) -> ResourceDoc {
    ResourceDoc {
        id: id.into(),
        kind: "legal-aid-form".into(),
        themes: vec!["human-rights".into()],
        countries: vec!["RS".into()],
        owner_org: "owner".into(),
        visibility: Visibility::Public,
        updated_at: 1_700_000_000,
        variants,
    }
}

pub fn index_with(docs: &[ResourceDoc]) -> SearchIndex {
    let idx = SearchIndex::open_in_ram().expect("open");
    for d in docs {
        idx.upsert(d).expect("upsert");
    }
    idx.commit(1).expect("commit");
    idx
}

pub fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        reader: Reader::Admin,
        ..SearchQuery::default()
    }
}

pub fn search(idx: &SearchIndex, query: &SearchQuery) -> SearchResults {
    idx.search(query).expect("search")
}

pub fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

pub fn as_reader(text: &str, reader: Reader) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        reader,
        ..SearchQuery::default()
    }
}
