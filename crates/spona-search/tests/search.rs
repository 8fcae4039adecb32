//! Behaviour of the search index through its public API.

mod common;

use common::*;
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
