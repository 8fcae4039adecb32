//! The BCMS chain's own rules (Bosnian, Croatian, Montenegrin, Serbian — one chain, see
//! [`crate::Lang`]), around the Snowball Serbian stemmer.
//!
//! **Yat.** The ijekavian `ije`/`je` (Bosnian, Croatian, Montenegrin, western Serbian:
//! `rijeka`, `mlijeko`, `svjedok`, `djeca`) and the ekavian `e` (`reka`, `mleko`, `svedok`,
//! `deca`) must meet. The Snowball stemmer maps `ije` and `je` to `e` between consonants
//! itself; [`ekavian`] adds the words where the yat ends the word (`gdje`, `prije`,
//! `poslije`, `dolje`, Montenegrin `đe`), which it leaves. `dj` needs care: the folding
//! chain writes `đ` as `dj`, so a folded `dje` is either the ijekavian `d` + `je`
//! (`djeca` → `deca`) or `đ` + `e` (`anđeo` → `andjeo`); the stemmer treats both alike
//! (`andjeo` → `andeo`), consistently for text and query, and no two words of the
//! hub's vocabulary collide by it (`đak` has no `e`, `rođen` → `roden` has no twin).
//!
//! **Montenegrin.** `ś`, `ź` (Latin) and `с́`, `з́` (Cyrillic) fold to `s`, `z`
//! ([`spona_i18n::fold`]): `śutra` meets `sutra`, `śekira` meets ijekavian `sjekira` and
//! ekavian `sekira`, `đevojka` (`dj` + `e`) meets `djevojka` and `devojka`.
//!
//! **Fleeting `a`.** [`drop_fleeting_a`].

use std::borrow::Cow;

/// Ijekavian words whose yat ends the word, with their ekavian forms (folded spelling).
const FINAL_YAT: &[(&str, &str)] = &[
    ("gdje", "gde"),
    ("dje", "gde"),
    ("ovdje", "ovde"),
    ("ondje", "onde"),
    ("negdje", "negde"),
    ("nigdje", "nigde"),
    ("igdje", "igde"),
    ("svugdje", "svugde"),
    ("svagdje", "svagde"),
    ("prije", "pre"),
    ("poslije", "posle"),
    ("dolje", "dole"),
    ("dvije", "dve"),
    ("dvjema", "dvema"),
];

/// The ekavian spelling of a folded BCMS word where the stemmer does not give it.
pub fn ekavian(folded: &str) -> Cow<'_, str> {
    match FINAL_YAT.iter().find(|(ije, _)| *ije == folded) {
        Some((_, e)) => Cow::Borrowed(*e),
        None => Cow::Borrowed(folded),
    }
}

/// Serbian "nepostojano a": the genitive plural inserts an `a` into a final consonant
/// cluster (`žrtva` → `žrtava`, `sestra` → `sestara`, `borac` / `borca`), which the Snowball
/// stemmer keeps (`zrtav` vs `zrtv`). A stem ending in consonant–`a`–consonant loses that
/// `a` when what precedes it has a vowel or a syllabic `r` (so `prav` and `grad`, with
/// their only vowel there, keep it). Applied to every stem at index and query time, so it
/// is consistent even where the `a` is not fleeting (`beograd` → `beogrd` everywhere).
pub fn drop_fleeting_a(stem: &mut String) {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 4 || !stem.is_ascii() {
        return;
    }
    let (c1, a, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    if a != b'a' || !is_consonant(c1) || !is_consonant(c2) {
        return;
    }
    let before = &b[..n - 3];
    let has_vowel = before.iter().any(|&c| is_vowel(c));
    let syllabic_r = before.len() >= 2
        && before[before.len() - 1] == b'r'
        && is_consonant(before[before.len() - 2]);
    if has_vowel || syllabic_r {
        stem.remove(n - 2);
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !is_vowel(c)
}
