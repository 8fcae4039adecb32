//! Albanian search from real sentences (see `common/langs.rs`): definite and indefinite
//! forms, cases, plurals, text typed without `ë`/`ç`, phrases.

mod common;

use common::langs::*;

const CASES: &[Case] = &[
    w("organizata", &["sq1", "sq4", "sq6"], &["sq2", "sq5"]),
    w("organizatat", &["sq1", "sq4", "sq6"], &[]),
    w("organizatës", &["sq1", "sq4", "sq6"], &[]),
    w("organizates", &["sq1", "sq4", "sq6"], &[]),
    w("Prishtina", &["sq1"], &[]),
    w("Prishtines", &["sq1"], &[]),
    w("Kosoves", &["sq1", "sq2", "sq3", "sq4", "sq5", "sq6"], &[]),
    w("refugjatët", &["sq2"], &[]),
    w("refugjat", &["sq2"], &[]),
    w(
        "te drejtat e njeriut",
        &["sq1", "sq3", "sq4", "sq6"],
        &["sq2", "sq5"],
    ),
    w("\"drejtave te njeriut\"", &["sq3", "sq4", "sq6"], &["sq1"]),
    w("raporti", &["sq3", "sq4", "sq6"], &["sq1"]),
    w("raportin", &["sq3", "sq4", "sq6"], &[]),
    w("shoqeria civile", &["sq4", "sq6"], &["sq1", "sq5"]),
    w("shoqërisë", &["sq4", "sq6"], &[]),
    w("luftes", &["sq2"], &[]),
    w("lufta", &["sq2"], &[]),
    w("popullsia", &["sq5"], &[]),
    w("pakica", &["sq5"], &[]),
    w("projekti", &["sq2"], &[]),
    w("monitorim", &["sq2"], &[]),
    w("situata", &["sq3"], &[]),
    w("problem", &["sq3"], &[]),
    w("minoritetet", &["sq2"], &[]),
    w("personat e zhvendosur", &["sq2"], &[]),
    w("dhjetor", &["sq1"], &[]),
    w("themeluar", &["sq1"], &[]),
    w("forca", &["sq4"], &[]),
    w("kater", &["sq4", "sq6"], &[]),
    w("çështje", &[], &["sq1", "sq2", "sq3", "sq4", "sq5", "sq6"]),
    w("mbrojtja", &["sq1", "sq4"], &[]),
    p("refug", &["sq2"], &["sq1"]),
    p("shoqër", &["sq4", "sq6"], &["sq1"]),
    p("përbash", &["sq6"], &[]),
];

#[test]
fn albanian_queries_from_real_sentences() {
    assert!(CASES.len() >= 30);
    let idx = index_of(&corpus());
    check(&idx, CASES);
}
