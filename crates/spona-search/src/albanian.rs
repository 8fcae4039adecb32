//! A light Albanian stemmer. Snowball has no Albanian algorithm; this one strips one
//! inflectional ending of nouns and adjectives (the definite article is a suffix in
//! Albanian) and of the commonest verb forms, then evens out the stems of nouns ending in
//! `-i`. It works on the folded form (lower case, `ë` → `e`, `ç` → `c`), so a reader who
//! types without diacritics (`organizates`) meets the text (`organizatës`).
//!
//! Examples (folded → stem):
//!
//! | forms | stem |
//! |---|---|
//! | organizatë, organizata, organizatën, organizatës, organizatat, organizatave | `organiz` |
//! | refugjat, refugjati, refugjatin, refugjatit, refugjatët, refugjatëve | `refugj` |
//! | shtëpi, shtëpia, shtëpinë, shtëpisë, shtëpitë, shtëpive | `shtep` |
//! | drejtësi, drejtësia, drejtësinë, drejtësisë | `drejtes` |
//! | mbrojtje, mbrojtja, mbrojtjen, mbrojtjes, mbrojtjet | `mbrojt` |
//! | e drejtë, të drejtat, të drejtave | `drejt` |
//! | raportojmë, raportojnë, raportuar | `raport` |
//! | i rëndësishëm, të rëndësishme | `rendes` |
//! | shtet, shteti, shtetin, shtetet, shteteve | `sht` |
//!
//! The plural `-at`/`-et` is stripped a second time after an article (`organizat-at`),
//! which also cuts it from stems that end so (`refugjat` → `refugj`, `shtet` → `sht`) —
//! consistently for every form, which is what matching needs.
//!
//! What it does not do: verbal nouns in `-im` keep their suffix (`vendim` "decision" must
//! not meet `vend` "place"), the short verb endings `-oj`/`-on` are kept (`komision` is a
//! noun), and irregular plurals (`grua`/`gra`) stay apart.

/// Endings, longest first (folded spelling: `ë` is `e`).
const ENDINGS: &[&str] = &[
    "jeve", "shme", "shem", "ojme", "ojne", "ohet", "ohen", "uara", "uari", "ave", "eve", "jes",
    "jen", "jet", "uar", "uam", "uan", "uat", "ja", "je", "at", "et", "it", "in", "ut", "un", "es",
    "en", "a", "e", "i", "u",
];

/// Shortest stem (in letters) left after removing an ending.
const MIN_STEM: usize = 3;

/// Removes the first ending of `endings` that `word` has, leaving at least
/// [`MIN_STEM`] letters; `None` when there is none.
fn strip<'w>(word: &'w str, endings: &[&str]) -> Option<&'w str> {
    endings.iter().find_map(|ending| {
        let rest = word.strip_suffix(ending)?;
        // `gj` and `nj` are letters: `ligje` is `ligj` + `e`, not `lig` + `je`.
        let split_letter = ending.starts_with('j') && (rest.ends_with('g') || rest.ends_with('n'));
        (rest.len() >= MIN_STEM && !split_letter).then_some(rest)
    })
}

/// Stems one folded Albanian word.
pub fn stem(word: &str) -> String {
    if !word.is_ascii() {
        return word.to_string();
    }
    let mut stem = word;
    if let Some(rest) = strip(word, ENDINGS) {
        // A plural `-at`/`-et` under the article (`refugjat-ët`, `organizat-at` after
        // `organizata`), or a stem that itself ends so (`refugjat`, `shtet`, which lose
        // it as the bare word does): strip it once more, so all forms agree.
        stem = strip(rest, &["at", "et"]).unwrap_or(rest);
    }
    let mut stem = stem.to_string();
    // Nouns ending in `-i` take the article after the `i` (`shtëpi-në`, `shtëpi-së`,
    // `shtëpi-të`, `shtëpi-ve`), which the list above cuts as `-e`: drop the consonant
    // left after the `i`, then the `i` itself (`shtëpi` / `shtëpia` → `shtep`).
    let b = stem.as_bytes();
    if b.len() > 4 && b[b.len() - 2] == b'i' && matches!(b[b.len() - 1], b'n' | b's' | b't' | b'v')
    {
        stem.pop();
    }
    if stem.len() > 4 && stem.ends_with('i') {
        stem.pop();
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same(words: &[&str]) {
        let first = stem(&spona_i18n::fold(words[0]));
        for w in words {
            assert_eq!(stem(&spona_i18n::fold(w)), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        same(&[
            "organizatë",
            "organizata",
            "organizatën",
            "organizatës",
            "organizatat",
            "organizatave",
            "organizatat",
        ]);
        same(&[
            "refugjat",
            "refugjati",
            "refugjatin",
            "refugjatit",
            "refugjatët",
            "refugjatëve",
        ]);
        same(&[
            "shtëpi",
            "shtëpia",
            "shtëpinë",
            "shtëpisë",
            "shtëpitë",
            "shtëpive",
        ]);
        same(&["drejtësi", "drejtësia", "drejtësinë", "drejtësisë"]);
        same(&[
            "mbrojtje",
            "mbrojtja",
            "mbrojtjen",
            "mbrojtjes",
            "mbrojtjet",
        ]);
        same(&["drejtë", "drejta", "drejtat", "drejtave"]);
        same(&["raportojmë", "raportojnë", "raportuar"]);
        same(&["rëndësishëm", "rëndësishme"]);
        same(&["Prishtinë", "Prishtina", "Prishtinës", "Prishtinën"]);
        same(&["viktimë", "viktima", "viktimat", "viktimave"]);
        same(&["ligj", "ligji", "ligjit", "ligje", "ligjet", "ligjeve"]);
        same(&[
            "shtet", "shteti", "shtetin", "shtetit", "shtetet", "shteteve",
        ]);
        same(&["dhunë", "dhuna", "dhunës", "dhunën"]);
        same(&["Shqipëri", "Shqipëria", "Shqipërisë"]);
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(stem("vendim"), stem("vend"));
        assert_ne!(stem("komision"), stem("komisi"));
        assert_ne!(stem("ligj"), stem("lig"));
        assert_ne!(stem("dhuna"), stem("drejta"));
        assert_eq!(stem("nje"), "nje");
        assert_eq!(stem("unhcr"), "unhcr");
    }
}
