//! The index's life: AND then OR, updates and deletes, clearing, the commit's change
//! number, schema versions, and sharing across threads.

mod common;

use common::*;

#[test]
fn all_words_first_then_any_word() {
    let idx = index_with(&[
        resource("both", vec![variant(Lang::En, "legal aid", "refugees")]),
        resource("one", vec![variant(Lang::En, "legal", "forms")]),
    ]);
    let r = search(&idx, &q("legal refugees"));
    assert_eq!(ids(&r), ["both"]);
    assert!(!r.relaxed);
    let r = search(&idx, &q("legal unicorn"));
    assert!(r.relaxed);
    assert_eq!(r.total, 2);
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let idx = index_with(&[resource("a", vec![variant(Lang::En, "first title", "")])]);
    idx.upsert(&resource("a", vec![variant(Lang::En, "second title", "")]))
        .expect("upsert");
    idx.commit(2).expect("commit");
    assert!(search(&idx, &q("first")).hits.is_empty());
    let r = search(&idx, &q("title"));
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].title_html, "second <mark>title</mark>");
    idx.delete("a").expect("delete");
    assert_eq!(search(&idx, &q("title")).total, 1, "not before commit");
    idx.commit(3).expect("commit");
    assert_eq!(search(&idx, &q("title")).total, 0);
    assert_eq!(idx.indexed_seq(), 3);
}

#[test]
fn clear_takes_effect_at_commit() {
    let idx = index_with(&[resource("a", vec![variant(Lang::En, "title", "")])]);
    idx.clear().expect("clear");
    idx.upsert(&resource("b", vec![variant(Lang::En, "title", "")]))
        .expect("upsert");
    assert_eq!(ids(&search(&idx, &q("title"))), ["a"]);
    idx.commit(9).expect("commit");
    assert_eq!(ids(&search(&idx, &q("title"))), ["b"]);
}

#[test]
fn commit_seq_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let idx = SearchIndex::open(dir.path()).expect("open");
        assert_eq!(idx.indexed_seq(), 0);
        idx.upsert(&resource("a", vec![variant(Lang::Sr, "Заштита", "")]))
            .expect("upsert");
        idx.commit(42).expect("commit");
        // Uncommitted work is lost on close.
        idx.upsert(&resource("b", vec![variant(Lang::Sr, "Заштита", "")]))
            .expect("upsert");
    }
    let idx = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(idx.indexed_seq(), 42);
    assert_eq!(ids(&search(&idx, &q("zastita"))), ["a"]);
}

#[test]
fn schema_version_mismatch_recreates() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let idx = SearchIndex::open(dir.path()).expect("open");
        idx.upsert(&resource("a", vec![variant(Lang::En, "title", "")]))
            .expect("upsert");
        idx.commit(7).expect("commit");
    }
    // An index of another schema version: rewrite the payload in meta.json.
    let meta = dir.path().join("meta.json");
    let text = std::fs::read_to_string(&meta).expect("meta");
    assert!(text.contains("spona-search v"));
    std::fs::write(&meta, text.replace("spona-search v", "spona-search v0")).expect("write");
    let idx = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(idx.indexed_seq(), 0);
    assert_eq!(search(&idx, &q("")).total, 0);

    // An index with a different schema altogether.
    drop(idx);
    let other = tempfile::tempdir().expect("tempdir");
    {
        let mut b = tantivy_schema_builder();
        b.add_text_field("something", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(other.path(), b.build()).expect("create");
        let mut w: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        w.commit().expect("commit");
    }
    let idx = SearchIndex::open(other.path()).expect("open other");
    assert_eq!(idx.indexed_seq(), 0);
    idx.upsert(&resource("a", vec![variant(Lang::En, "title", "")]))
        .expect("upsert");
    idx.commit(1).expect("commit");
    assert_eq!(search(&idx, &q("title")).total, 1);
}

fn tantivy_schema_builder() -> tantivy::schema::SchemaBuilder {
    tantivy::schema::Schema::builder()
}

#[test]
fn shared_across_threads() {
    let idx = std::sync::Arc::new(index_with(&[]));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let idx = idx.clone();
            std::thread::spawn(move || {
                for i in 0..5 {
                    let id = format!("{t}-{i}");
                    idx.upsert(&resource(&id, vec![variant(Lang::En, "shared", "")]))
                        .expect("upsert");
                    idx.search(&q("shared")).expect("search");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    idx.commit(5).expect("commit");
    assert_eq!(search(&idx, &q("shared")).total, 20);
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn arbitrary_queries_never_fail(text in "\\PC{0,80}|[\"():*+\\-~^ a-zšđ]{0,40}", prefix: bool) {
            let idx = fixture();
            let mut query = q(&text);
            query.prefix = prefix;
            prop_assert!(idx.search(&query).is_ok());
        }
    }

    fn fixture() -> &'static SearchIndex {
        static IDX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
        IDX.get_or_init(|| {
            index_with(&[
                resource(
                    "a",
                    vec![variant(Lang::Sr, "Заштита жртава", "\"citati\" (zagrade)")],
                ),
                resource("b", vec![variant(Lang::Uk, "Захист", "сім'я")]),
            ])
        })
    }
}

#[test]
fn wait_merges_after_commit_only() {
    let idx = index_with(&[]);
    for i in 0..3 {
        idx.upsert(&resource(
            &format!("m{i}"),
            vec![variant(Lang::En, "merged", "")],
        ))
        .expect("upsert");
        idx.commit(i).expect("commit");
    }
    idx.upsert(&resource("pending", vec![variant(Lang::En, "merged", "")]))
        .expect("upsert");
    assert!(matches!(
        idx.wait_merges(),
        Err(spona_search::SearchError::Uncommitted)
    ));
    idx.commit(10).expect("commit");
    idx.wait_merges().expect("wait");
    assert_eq!(search(&idx, &q("merged")).total, 4);
    idx.upsert(&resource("after", vec![variant(Lang::En, "merged", "")]))
        .expect("upsert after");
    idx.commit(11).expect("commit");
    assert_eq!(search(&idx, &q("merged")).total, 5);
    assert_eq!(idx.indexed_seq(), 11);
}

/// More than 64 distinct values of a facet or of the audience: the collector's general
/// (non-bit-set) path must give the same visibility, filters and counts.
#[test]
fn many_facet_values_and_audiences() {
    let docs: Vec<ResourceDoc> = (0..80)
        .map(|i| ResourceDoc {
            countries: vec![format!("C{i:02}"), "ALL".into()],
            owner_org: format!("org-{i}"),
            visibility: if i % 2 == 0 {
                Visibility::Public
            } else {
                Visibility::Networks(vec![format!("net-{i}")])
            },
            ..resource(&format!("r{i}"), vec![variant(Lang::En, "many", "")])
        })
        .collect();
    let idx = index_with(&docs);
    let reader = Reader::Member {
        orgs: vec!["org-3".into()],
        networks: vec!["net-5".into()],
    };
    let mut query = as_reader("many", reader);
    query.limit = 100;
    let r = search(&idx, &query);
    // 40 public, r3 (own organisation), r5 (network).
    assert_eq!(r.total, 42);
    let country = |r: &SearchResults, value: &str| {
        r.facets
            .country
            .iter()
            .find(|c| c.value == value)
            .map_or(0, |c| c.count)
    };
    assert_eq!(country(&r, "ALL"), 42);
    assert_eq!(country(&r, "C03"), 1);
    assert_eq!(country(&r, "C07"), 0);
    query.countries = vec!["C03".into(), "C04".into(), "C07".into()];
    let r = search(&idx, &query);
    let mut found = ids(&r);
    found.sort();
    assert_eq!(found, ["r3", "r4"]);
    // The country facet ignores its own filter.
    assert_eq!(country(&r, "C05"), 1);
    assert_eq!(r.facets.kind[0].count, 2);
}
