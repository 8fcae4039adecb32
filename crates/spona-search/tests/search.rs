//! Behaviour of the search index through its public API.

use spona_search::{
    Lang, Reader, ResourceDoc, SearchIndex, SearchQuery, SearchResults, VariantDoc, Visibility,
};

fn variant(lang: Lang, title: &str, body: &str) -> VariantDoc {
    VariantDoc {
        lang,
        title: title.into(),
        summary: String::new(),
        body: body.into(),
        attachments_text: String::new(),
    }
}

fn resource(id: &str, variants: Vec<VariantDoc>) -> ResourceDoc {
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

fn index_with(docs: &[ResourceDoc]) -> SearchIndex {
    let idx = SearchIndex::open_in_ram().expect("open");
    for d in docs {
        idx.upsert(d).expect("upsert");
    }
    idx.commit(1).expect("commit");
    idx
}

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        reader: Reader::Admin,
        ..SearchQuery::default()
    }
}

fn search(idx: &SearchIndex, query: &SearchQuery) -> SearchResults {
    idx.search(query).expect("search")
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

/// Indexes one variant with `text` as its body, asserts that each query finds it and
/// that `miss` does not.
fn finds(lang: Lang, text: &str, queries: &[&str], miss: &str) {
    let idx = index_with(&[
        resource("doc", vec![variant(lang, "Naslov", text)]),
        resource("other", vec![variant(lang, "Other", "nešto sasvim drugo")]),
    ]);
    for query in queries {
        let r = search(&idx, &q(query));
        assert_eq!(ids(&r), ["doc"], "{query:?} should find {text:?}");
        assert_eq!(r.total, 1);
        assert!(!r.relaxed, "{query:?} matched all its words");
    }
    let r = search(&idx, &q(miss));
    assert!(!ids(&r).contains(&"doc"), "{miss:?} must not find {text:?}");
}

#[test]
fn cyrillic_finds_latin_and_the_reverse() {
    finds(
        Lang::Sr,
        "Zaštita žrtava nasilja",
        &["заштита жртава", "zaštita žrtava"],
        "деце",
    );
    finds(
        Lang::Sr,
        "Заштита жртава насиља",
        &["zaštita žrtava", "zastita zrtava", "ЗАШТИТА"],
        "dece",
    );
}

#[test]
fn diacritics_are_optional_and_dj_is_dj() {
    finds(
        Lang::Sr,
        "Program zaštite",
        &["zastita", "zaštita", "zastite"],
        "zaslon",
    );
    finds(
        Lang::Sr,
        "Kancelarija u Đakovici",
        &["Djakovica", "đakovica", "ђаковица"],
        "Dakovica",
    );
    finds(
        Lang::Sr,
        "Kancelarija u Djakovici",
        &["Đakovica"],
        "Dakovica",
    );
}

#[test]
fn english_stems() {
    finds(
        Lang::En,
        "Support for victims of trafficking",
        &["victim", "victims", "Victim's"],
        "vicar",
    );
}

#[test]
fn serbian_inflections_match_each_other() {
    for (forms, miss) in [
        (["žrtve", "žrtava", "žrtvama"], "zaštita"),
        (["organizacija", "organizacije", "organizacijama"], "orah"),
        (["izbeglica", "izbeglice", "izbeglicama"], "izbori"),
        (["pravo", "prava", "pravima"], "prvi"),
    ] {
        for doc_form in forms {
            finds(Lang::Sr, &format!("Tekst o: {doc_form}."), &forms, miss);
        }
    }
}

#[test]
fn ukrainian_inflections_match_each_other() {
    for (forms, miss) in [
        (["жертви", "жертв", "жертвам"], "жерсть"),
        (["організація", "організації", "організаціями"], "орган"),
        (["біженець", "біженці", "біженцям"], "біг"),
    ] {
        for doc_form in forms {
            finds(
                Lang::Uk,
                &format!("Текст про {doc_form} у Львові"),
                &forms,
                miss,
            );
        }
    }
    finds(Lang::Uk, "Офіс у Львові", &["Львів"], "Київ");
}

#[test]
fn ukrainian_keeps_its_letters() {
    finds(Lang::Uk, "Якість ґрунту", &["ґрунт"], "грунт");
}

#[test]
fn a_hit_on_any_variant_returns_the_resource_in_the_preferred_language() {
    let idx = index_with(&[resource(
        "r",
        vec![
            variant(Lang::En, "Protection of victims", "Guide for lawyers."),
            variant(Lang::Sr, "Заштита жртава", "Водич за адвокате."),
            variant(Lang::Uk, "Захист жертв", "Посібник для юристів."),
        ],
    )]);
    let mut query = q("zastita");
    query.preferred = Lang::En;
    let r = search(&idx, &query);
    assert_eq!(ids(&r), ["r"]);
    assert_eq!(r.hits[0].lang, Lang::En, "preferred variant exists");
    // No preferred variant among the allowed languages: the best-matching one.
    query.languages = vec![Lang::Sr, Lang::Uk];
    let r = search(&idx, &query);
    assert_eq!(r.hits[0].lang, Lang::Sr);
    assert_eq!(r.hits[0].title_html, "<mark>Заштита</mark> жртава");
    let mut query = q("жертвам");
    query.preferred = Lang::Sr;
    query.languages = vec![Lang::En, Lang::Uk];
    let r = search(&idx, &query);
    assert_eq!(r.hits[0].lang, Lang::Uk);
    assert_eq!(r.hits[0].title_html, "Захист <mark>жертв</mark>");
}

#[test]
fn phrases_match_adjacent_words_only() {
    let idx = index_with(&[
        resource(
            "adjacent",
            vec![variant(Lang::Sr, "a", "zaštita ljudskih prava")],
        ),
        resource(
            "apart",
            vec![variant(Lang::Sr, "b", "ljudskih resursa i zaštita prava")],
        ),
    ]);
    let r = search(&idx, &q("\"заштита људских права\""));
    assert_eq!(ids(&r), ["adjacent"]);
    let mut words = ids(&search(&idx, &q("zaštita prava")))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    words.sort();
    assert_eq!(words, ["adjacent", "apart"]);
    // Unclosed quote: still a phrase, no error.
    assert_eq!(ids(&search(&idx, &q("\"zaštita ljudskih"))), ["adjacent"]);
}

#[test]
fn pair_phrases_match_exactly_in_order_without_gaps() {
    let idx = index_with(&[
        resource(
            "exact",
            vec![variant(Lang::Sr, "a", "Program: zaštita prava žena")],
        ),
        resource("gap", vec![variant(Lang::Sr, "b", "zaštita i prava žena")]),
        resource("order", vec![variant(Lang::Sr, "c", "prava zaštita žena")]),
        resource(
            "fields",
            vec![VariantDoc {
                summary: "prava žena".into(),
                ..variant(Lang::Sr, "Zaštita", "nešto drugo")
            }],
        ),
        resource(
            "cyrillic",
            vec![variant(Lang::Sr, "d", "Заштита права жена")],
        ),
    ]);
    let sorted = |query: &str| {
        let mut v: Vec<String> = ids(&search(&idx, &q(query)))
            .into_iter()
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    // Two words: one pair; inflected and in either script.
    assert_eq!(sorted("\"zaštita prava\""), ["cyrillic", "exact"]);
    assert_eq!(sorted("\"заштите права\""), ["cyrillic", "exact"]);
    // A phrase across a short word in between matches only with that word.
    assert_eq!(sorted("\"zaštita i prava\""), ["gap"]);
    // Three and four words: overlapping pairs at consecutive positions.
    assert_eq!(sorted("\"zaštita prava žena\""), ["cyrillic", "exact"]);
    assert_eq!(sorted("\"program zaštita prava žena\""), ["exact"]);
    assert!(sorted("\"program prava žena\"").is_empty());
    // The words alone still match everywhere (AND).
    assert_eq!(
        sorted("zaštita prava"),
        ["cyrillic", "exact", "fields", "gap", "order"]
    );
}

#[test]
fn repeated_words_in_a_phrase() {
    let idx = index_with(&[
        resource(
            "twice",
            vec![variant(Lang::En, "a", "protection protection rights")],
        ),
        resource(
            "once",
            vec![variant(Lang::En, "b", "protection rights protection")],
        ),
    ]);
    assert_eq!(
        ids(&search(&idx, &q("\"protection protection\""))),
        ["twice"]
    );
    assert_eq!(
        ids(&search(&idx, &q("\"protection protection protection\""))),
        Vec::<&str>::new()
    );
    assert_eq!(ids(&search(&idx, &q("\"rights protection\""))), ["once"]);
}

#[test]
fn hyphenated_words_are_phrases_in_every_language() {
    let idx = index_with(&[
        resource(
            "en",
            vec![variant(
                Lang::En,
                "Anti-trafficking work",
                "Fill in the PDFTEXT-4 form and e-mail it, and/or call.",
            )],
        ),
        resource(
            "en-apart",
            vec![variant(
                Lang::En,
                "Anti corruption",
                "trafficking; the PDFTEXT form 4; mail e",
            )],
        ),
        resource("sr", vec![variant(Lang::Sr, "Naslov", "Pišite na e-poštu")]),
        resource("uk", vec![variant(Lang::Uk, "Назва", "Наш веб-сайт")]),
    ]);
    for (query, expected) in [
        ("anti-trafficking", "en"),
        ("PDFTEXT-4", "en"),
        ("pdftext\u{2010}4", "en"),
        ("e-mail", "en"),
        ("and/or", "en"),
        ("е-пошта", "sr"),
        ("e-posta", "sr"),
        ("веб-сайт", "uk"),
    ] {
        let r = search(&idx, &q(query));
        assert_eq!(ids(&r), [expected], "{query:?}");
        assert!(!r.relaxed, "{query:?}");
    }
    // Order matters, as in a phrase.
    assert!(search(&idx, &q("trafficking-anti")).hits.is_empty());
    // Separate words are still separate words.
    assert_eq!(search(&idx, &q("anti trafficking")).total, 2);
    // Highlighting marks the parts.
    let r = search(&idx, &q("anti-trafficking"));
    assert_eq!(
        r.hits[0].title_html,
        "<mark>Anti</mark>-<mark>trafficking</mark> work"
    );
    // While typing, the last part is a prefix (of a word anywhere in the resource: the
    // prefix field has no positions, so adjacency is only checked once the word is
    // complete).
    let mut typing = q("anti-traf");
    typing.prefix = true;
    assert!(ids(&search(&idx, &typing)).contains(&"en"));
    typing.text = "anti-trafficking".into();
    assert_eq!(
        ids(&search(&idx, &typing))[0],
        "en",
        "the whole phrase ranks first"
    );
    let mut typing = q("веб-сай");
    typing.prefix = true;
    assert_eq!(ids(&search(&idx, &typing)), ["uk"]);
}

#[test]
fn prefix_matches_the_word_being_typed() {
    let idx = index_with(&[
        resource(
            "org",
            vec![variant(Lang::En, "Organizations in Serbia", "text")],
        ),
        resource("sr", vec![variant(Lang::Sr, "Izbeglice", "Beograd")]),
    ]);
    let mut query = q("organizati");
    assert!(
        search(&idx, &query).hits.is_empty(),
        "no prefix without prefix=true"
    );
    query.prefix = true;
    let r = search(&idx, &query);
    assert_eq!(ids(&r), ["org"]);
    assert_eq!(r.hits[0].title_html, "<mark>Organizations</mark> in Serbia");
    let mut query = q("избегл");
    query.prefix = true;
    assert_eq!(ids(&search(&idx, &query)), ["sr"]);
    let mut query = q("izbeglice beogra");
    query.prefix = true;
    assert_eq!(ids(&search(&idx, &query)), ["sr"]);
    let mut query = q("orgx");
    query.prefix = true;
    assert!(search(&idx, &query).hits.is_empty());
}

#[test]
fn snippets_are_escaped_and_marked() {
    let mut doc = resource(
        "x",
        vec![variant(
            Lang::En,
            "Victims & <b>witnesses</b>",
            "Before. <script>alert('x')</script> Help for victims here.",
        )],
    );
    doc.variants[0].summary = "Short summary".into();
    let idx = index_with(&[doc]);
    let r = search(&idx, &q("victim"));
    let hit = &r.hits[0];
    assert_eq!(
        hit.title_html,
        "<mark>Victims</mark> &amp; &lt;b&gt;witnesses&lt;/b&gt;"
    );
    assert!(
        hit.snippet_html.contains("<mark>victims</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.snippet_html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    );
    assert!(!hit.snippet_html.contains("<script"));
    // Browse: no marks, the summary.
    let r = search(&idx, &q(""));
    assert_eq!(r.hits[0].snippet_html, "Short summary");
}

fn visibility_fixture() -> SearchIndex {
    let mut public = resource(
        "public",
        vec![variant(Lang::En, "Shelter guide", "shelter")],
    );
    public.kind = "guide".into();
    let mut members = resource(
        "members",
        vec![variant(Lang::En, "Shelter budget", "shelter")],
    );
    members.visibility = Visibility::Members;
    members.kind = "budget".into();
    members.themes = vec!["secret-theme".into()];
    let mut network = resource(
        "network",
        vec![variant(Lang::Uk, "Shelter protocol", "shelter")],
    );
    network.visibility = Visibility::Networks(vec!["safe-net".into()]);
    network.kind = "protocol".into();
    network.owner_org = "netowner".into();
    network.countries = vec!["UA".into()];
    index_with(&[public, members, network])
}

fn as_reader(text: &str, reader: Reader) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        reader,
        ..SearchQuery::default()
    }
}

#[test]
fn anonymous_sees_only_public_not_even_counts() {
    let idx = visibility_fixture();
    for text in ["shelter", "", "budget", "protocol"] {
        let r = search(&idx, &as_reader(text, Reader::Anonymous));
        assert!(
            ids(&r).iter().all(|&id| id == "public"),
            "{text}: {:?}",
            ids(&r)
        );
        assert!(r.total <= 1);
        let all = [
            &r.facets.kind,
            &r.facets.theme,
            &r.facets.language,
            &r.facets.country,
        ];
        for facet in all {
            for c in facet {
                assert_eq!(c.count, 1, "{text}: {c:?}");
                assert!(
                    !["budget", "protocol", "secret-theme", "uk", "UA"].contains(&c.value.as_str())
                );
            }
        }
    }
    // A members-only kind filter gives nothing, not a count.
    let mut query = as_reader("", Reader::Anonymous);
    query.kinds = vec!["budget".into()];
    let r = search(&idx, &query);
    assert_eq!(r.total, 0);
    assert!(r.facets.kind.iter().all(|c| c.value == "guide"));
}

#[test]
fn members_networks_owners_and_admins() {
    let idx = visibility_fixture();
    let sorted = |r: SearchResults| {
        let mut v: Vec<String> = r.hits.into_iter().map(|h| h.id).collect();
        v.sort();
        v
    };
    let member = Reader::Member {
        orgs: vec!["someone".into()],
        networks: vec![],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", member))),
        ["members", "public"]
    );
    let in_network = Reader::Member {
        orgs: vec![],
        networks: vec!["safe-net".into()],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", in_network))),
        ["members", "network", "public"]
    );
    let owner = Reader::Member {
        orgs: vec!["netowner".into()],
        networks: vec!["other-net".into()],
    };
    assert_eq!(
        sorted(search(&idx, &as_reader("shelter", owner))),
        ["members", "network", "public"]
    );
    let r = search(&idx, &as_reader("", Reader::Admin));
    assert_eq!(r.total, 3);
}

#[test]
fn facet_counts_ignore_their_own_filter() {
    let mut docs = Vec::new();
    for (i, (kind, themes, country, lang)) in [
        ("guide", vec!["health"], "RS", Lang::En),
        ("guide", vec!["health", "law"], "UA", Lang::Uk),
        ("form", vec!["law"], "RS", Lang::Sr),
        ("form", vec!["law"], "RS", Lang::Sr),
        ("brief", vec!["law"], "XK", Lang::En),
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = resource(&format!("d{i}"), vec![variant(lang, "shelter", "shelter")]);
        d.kind = kind.into();
        d.themes = themes.into_iter().map(String::from).collect();
        d.countries = vec![country.into()];
        d.updated_at = i as i64;
        docs.push(d);
    }
    let idx = index_with(&docs);
    let count = |v: &[spona_search::FacetCount], value: &str| {
        v.iter().find(|c| c.value == value).map_or(0, |c| c.count)
    };
    let r = search(&idx, &q(""));
    assert_eq!(r.total, 5);
    assert_eq!(
        ids(&r),
        ["d4", "d3", "d2", "d1", "d0"],
        "browse is newest first"
    );
    assert_eq!(count(&r.facets.kind, "guide"), 2);
    assert_eq!(count(&r.facets.theme, "law"), 4);
    assert_eq!(count(&r.facets.country, "RS"), 3);
    assert_eq!(count(&r.facets.language, "sr"), 2);
    assert_eq!(r.facets.kind[0].value, "form", "ties sorted by value");

    let mut query = q("shelter");
    query.kinds = vec!["guide".into()];
    let r = search(&idx, &query);
    assert_eq!(r.total, 2);
    assert_eq!(count(&r.facets.kind, "form"), 2, "own filter ignored");
    assert_eq!(count(&r.facets.country, "RS"), 1, "other filters applied");
    assert_eq!(count(&r.facets.theme, "law"), 1);

    query.countries = vec!["RS".into()];
    let r = search(&idx, &query);
    assert_eq!(ids(&r), ["d0"]);
    assert_eq!(count(&r.facets.kind, "form"), 2);
    assert_eq!(count(&r.facets.kind, "guide"), 1);
    assert_eq!(count(&r.facets.country, "UA"), 1);
    assert_eq!(count(&r.facets.country, "XK"), 0);

    let mut query = q("");
    query.languages = vec![Lang::Sr];
    let r = search(&idx, &query);
    assert_eq!(r.total, 2);
    assert_eq!(count(&r.facets.language, "en"), 2);
}

#[test]
fn stray_operators_and_huge_queries_are_safe() {
    let idx = index_with(&[resource(
        "a",
        vec![variant(Lang::En, "Rights", "human rights")],
    )]);
    for text in [
        "\"",
        "((",
        "title:",
        "AND OR NOT",
        "+-!^~*?",
        "rights AND",
        "\\",
        "[x TO y]",
        "' '",
        "{}",
        "\"\"\"",
        ":::",
        "a\u{0}b",
        "\u{301}",
    ] {
        idx.search(&q(text)).expect(text);
    }
    assert_eq!(ids(&search(&idx, &q("(rights) AND title:"))), ["a"]);
    let long = "rights \"human ".repeat(1500) + &"x".repeat(1000);
    assert!(long.len() >= 10_000);
    let start = std::time::Instant::now();
    let mut query = q(&long);
    query.prefix = true;
    idx.search(&query).expect("long query");
    assert!(start.elapsed().as_secs() < 2);
    let mut query = q("rights");
    query.limit = usize::MAX;
    query.offset = usize::MAX;
    assert!(search(&idx, &query).hits.is_empty());
}

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
