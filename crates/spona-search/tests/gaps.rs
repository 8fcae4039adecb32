//! Search gaps closed in issue 25: a hyphenated word and its solid spelling find each
//! other (`e-mail` / `email`), and a phrase does not match across a sentence end.

mod common;

use common::*;

fn docs() -> Vec<ResourceDoc> {
    vec![
        resource(
            "hyphen",
            vec![variant(
                Lang::En,
                "Contact",
                "Write to us by e-mail or by post.",
            )],
        ),
        resource(
            "solid",
            vec![variant(
                Lang::En,
                "Newsletter",
                "Subscribe to our email updates.",
            )],
        ),
        resource(
            "sr-hyphen",
            vec![variant(
                Lang::Sr,
                "Kontakt",
                "Pišite nam na e-mail adresu udruženja.",
            )],
        ),
        resource(
            "two-sentences",
            vec![variant(
                Lang::Sr,
                "Izveštaj",
                "Predstavljen je godišnji izveštaj o stanju zaštite. Prava žena su u fokusu.",
            )],
        ),
        resource(
            "one-sentence",
            vec![variant(
                Lang::Sr,
                "Priručnik",
                "Priručnik za unapređenje zaštite prava žena žrtava nasilja.",
            )],
        ),
        resource(
            "abbreviation",
            vec![variant(
                Lang::Sr,
                "Predavanje",
                "Predavanje drži dr. Petrović o pravu na azil.",
            )],
        ),
    ]
}

#[test]
fn hyphenated_and_solid_spellings_find_each_other() {
    let idx = index_with(&docs());
    for text in ["email", "e-mail", "E-Mail", "e\u{2011}mail"] {
        let r = search(&idx, &q(text));
        let found = ids(&r);
        for id in ["hyphen", "solid", "sr-hyphen"] {
            assert!(found.contains(&id), "{text:?} must find {id}: {found:?}");
        }
    }
    // Inflected Serbian: `e-mailom` is `emailom` is the stem of `email`.
    let found = search(&idx, &q("emailom"));
    assert!(ids(&found).contains(&"sr-hyphen"), "{:?}", ids(&found));
    // Typing the solid word finds the hyphenated one.
    let typing = SearchQuery {
        prefix: true,
        ..q("emai")
    };
    assert!(ids(&search(&idx, &typing)).contains(&"hyphen"));
    // The marks land on the hyphenated word as written.
    let r = search(&idx, &q("email"));
    let hit = r.hits.iter().find(|h| h.id == "hyphen").expect("hit");
    assert!(hit.snippet_html.contains("<mark>"), "{}", hit.snippet_html);
}

#[test]
fn a_phrase_does_not_match_across_a_sentence_end() {
    let idx = index_with(&docs());
    let found = search(&idx, &q("\"zaštite prava\""));
    assert_eq!(ids(&found), ["one-sentence"]);
    // Three words across the end: no match either.
    let found = search(&idx, &q("\"stanju zaštite prava\""));
    assert!(ids(&found).is_empty(), "{:?}", ids(&found));
    // Both words still find both texts when not quoted.
    let r = search(&idx, &q("zaštita prava"));
    let mut both = ids(&r);
    both.sort_unstable();
    assert_eq!(both, ["one-sentence", "two-sentences"]);
    // A full stop after an abbreviation does not end the sentence.
    assert_eq!(ids(&search(&idx, &q("\"dr. Petrović\""))), ["abbreviation"]);
}
