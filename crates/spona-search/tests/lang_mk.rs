//! Macedonian search from real sentences (see `common/langs.rs`): the article after the
//! word, plurals, adjectives, Cyrillic and both Latin spellings (`ǵ`/`gj`, `š`/`sh`),
//! mixed-script queries.

mod common;

use common::langs::*;

const ORGS: &[&str] = &["mk1", "mk2", "mk3", "mk4", "mk6"];

const CASES: &[Case] = &[
    w("организација", ORGS, &["mk5"]),
    w("organizacijata", ORGS, &["mk5"]),
    w("организации", ORGS, &[]),
    w("човекови права", &["mk2", "mk6"], &["mk5", "mk1"]),
    w("covekovi prava", &["mk2", "mk6"], &["mk5"]),
    w("chovekovite prava", &["mk2", "mk6"], &[]),
    w("човекови prava", &["mk2", "mk6"], &[]),
    w("граѓани", &["mk1"], &[]),
    w("gragjanskite organizacii", &["mk1", "mk6"], &["mk2"]),
    w("graǵanski", &["mk1", "mk6"], &[]),
    w("луѓето", &["mk3", "mk5"], &[]),
    w("lugje", &["mk3", "mk5"], &[]),
    w("Skopje", &["mk4"], &[]),
    w("Крушево", &["mk4"], &[]),
    w("Krusevo", &["mk4"], &[]),
    w("Krushevo", &["mk4"], &[]),
    w("слобода", &["mk2", "mk5"], &[]),
    w("slobodi", &["mk2", "mk5"], &[]),
    w("заштита", &["mk2", "mk6"], &[]),
    w("zashtita", &["mk2", "mk6"], &[]),
    w("невладина организација", &["mk2", "mk3"], &["mk4"]),
    w("nevladini", &["mk2", "mk3"], &[]),
    w("демократски процес", &["mk1"], &[]),
    w("ustav", &["mk2"], &[]),
    w("механизми", &["mk6"], &[]),
    w("младите", &["mk3"], &[]),
    w("sedishte", &["mk4"], &[]),
    w("подружница", &["mk4"], &[]),
    w("Хелсиншки комитет", &["mk2"], &[]),
    w("Republika Makedonija", &["mk2"], &[]),
    w("правда", &[], &["mk2", "mk5"]),
    p("органи", ORGS, &["mk5"]),
    p("човеко", &["mk2", "mk6"], &[]),
    p("gragj", &["mk1", "mk6"], &[]),
];

#[test]
fn macedonian_queries_from_real_sentences() {
    assert!(CASES.len() >= 30);
    let idx = index_of(&corpus());
    check(&idx, CASES);
}
