//! The folding chain for matching: lower case → Serbian (and Macedonian) Cyrillic to
//! Latin → `đ` as `dj` → Latin diacritics removed. The same chain runs on stored text and
//! on queries; the original is kept for display.
//!
//! Letters of the neighbouring languages fold with it: Macedonian `ѓ`, `ќ`, `ѕ` and their
//! Latin forms `ǵ`/`gj`, `ḱ`/`kj`, `dz` become `gj`, `kj`, `dz` (the other Macedonian letters
//! are Serbian ones); Montenegrin `ś`, `ź` and Cyrillic `с́`, `з́` become `s`, `z` (the acute is
//! a combining mark after `с`/`з`, dropped after a Latin letter); Albanian `ë`, `ç` become
//! `e`, `c`.

use unicode_normalization::UnicodeNormalization;

/// Folds text for script- and diacritic-insensitive matching.
///
/// `fold("Београд") == fold("Beograd")`, `fold("zaštita") == "zastita"`,
/// `fold("Đakovica") == fold("Djakovica")`. Ukrainian letters keep their identity
/// (і, ї, є, ґ, й are not merged with other letters).
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    let latin = crate::translit::cyr_to_lat(&lower);
    let mut out = String::with_capacity(latin.len());
    let mut after_latin = false;
    for c in latin.chars() {
        match c {
            'đ' => out.push_str("dj"),
            c if c.is_ascii() => out.push(c),
            'ѓ' | 'ǵ' => out.push_str("gj"),
            'ќ' | 'ḱ' => out.push_str("kj"),
            'ѕ' => out.push_str("dz"),
            // A combining mark on a Latin letter (Montenegrin `с́` → `s` + U+0301).
            '\u{0300}'..='\u{036F}' if after_latin => continue,
            c if is_latin(c) => match c.nfd().next() {
                Some(base) if base.is_ascii() => out.push(base),
                _ => out.push(c),
            },
            c => out.push(c),
        }
        after_latin = out
            .chars()
            .next_back()
            .is_some_and(|l| l.is_ascii_alphabetic());
    }
    out
}

/// Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A/B).
fn is_latin(c: char) -> bool {
    ('\u{00C0}'..='\u{024F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_scripts_and_diacritics() {
        assert_eq!(fold("Београд"), "beograd");
        assert_eq!(fold("ZAŠTITA žrtava"), "zastita zrtava");
        assert_eq!(fold("заштита жртава"), fold("zaštita žrtava"));
        assert_eq!(fold("Đorđe"), fold("Djordje"));
        assert_eq!(fold("Ђорђе"), "djordje");
        assert_eq!(fold("Prishtinë Çakor"), "prishtine cakor");
        assert_eq!(fold("Київ"), "kiїv");
        assert_eq!(fold("Їжак"), fold("їжак"));
    }

    #[test]
    fn folds_macedonian_montenegrin_and_albanian_letters() {
        assert_eq!(fold("Ѓорѓи Ќерка Ѕвезда"), "gjorgji kjerka dzvezda");
        assert_eq!(fold("Ǵorǵi Ḱerka"), fold("Gjorgji Kjerka"));
        assert_eq!(fold("ЃОРЃИ"), "gjorgji");
        assert_eq!(fold("Śutra iźesti"), "sutra izesti");
        assert_eq!(fold("С\u{301}утра из\u{301}ести"), "sutra izesti");
        assert_eq!(fold("Shqipëri çështje"), "shqiperi ceshtje");
        // A combining mark elsewhere stays (Ukrainian stress marks are the analyser's).
        assert_eq!(fold("ї\u{301}"), "ї\u{301}");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,30}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn cyrillic_and_latin_serbian_fold_alike(word in "[абвгдђежзијклљмнњопрстћуфхцчџш]{0,20}") {
            prop_assert_eq!(fold(&word), fold(&crate::translit::cyr_to_lat(&word)));
        }
    }
}
