//! A light Ukrainian stemmer: strips one inflectional ending and evens out the fleeting
//! vowel of `-ець`/`-ок` nouns.
//!
//! Why not Snowball: the Ukrainian algorithm in `snowball_stemmers_rs` 1.0.1 failed the
//! vetting on the words this hub needs — `жертв` → `жерт` but `жертви` → `жертв`,
//! `біженець` → `біженец` but `біженці` → `біженц`, `організацій` → `організац` but
//! `організація` → `організ` (see the tests in `analysis.rs`). Light stemming (endings
//! only, no derivational suffixes) is the usual choice for Slavic retrieval and is
//! predictable: a word and its inflected forms meet, different words stay apart.
//!
//! Input is the folded form (lower case, NFC, apostrophe `'`); Ukrainian letters
//! і, ї, є, ґ are kept.

/// Inflectional endings of nouns and adjectives (and the infinitive), longest first.
pub(crate) const ENDINGS: &[&str] = &[
    "іями", "ього", "ьому", "ться", "ями", "ами", "іям", "іях", "ією", "ові", "еві", "єві", "ого",
    "ому", "ими", "іми", "ам", "ям", "ах", "ях", "ів", "їв", "ей", "ом", "ем", "єм", "ою", "ею",
    "єю", "ої", "ій", "ий", "их", "іх", "им", "ім", "ії", "ія", "ію", "ую", "юю", "ти", "а", "я",
    "о", "е", "є", "и", "і", "ї", "у", "ю", "ь",
];

/// Shortest stem (in letters) left after removing an ending.
const MIN_STEM: usize = 3;

/// Stems one folded Ukrainian word: the dictionary's term when it lists the form (a stem
/// that alternates, see [`crate::ukrainian_dict`]), the light stem otherwise.
pub fn stem(word: &str) -> String {
    if let Some(term) = crate::ukrainian_dict::dictionary().and_then(|d| d.term(word)) {
        return term.to_string();
    }
    light_stem(word)
}

/// The light stem of one folded Ukrainian word: one ending stripped, the fleeting vowel
/// of `-ець`/`-ок` evened out.
pub fn light_stem(word: &str) -> String {
    let letters = word.chars().count();
    let mut stem = word;
    for ending in ENDINGS {
        if let Some(rest) = word.strip_suffix(ending)
            && letters - ending.chars().count() >= MIN_STEM
        {
            stem = rest;
            break;
        }
    }
    let mut stem = stem.strip_suffix('ь').unwrap_or(stem).to_string();
    let n = stem.chars().count();
    // Fleeting vowel: біженець / біженця, рядок / рядка.
    if n >= 5 {
        for (full, short) in [("ець", "ц"), ("ец", "ц"), ("ок", "к")] {
            if stem.ends_with(full) {
                stem.truncate(stem.len() - full.len());
                stem.push_str(short);
                break;
            }
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::light_stem as stem;

    #[test]
    fn strips_endings_but_keeps_short_words() {
        assert_eq!(stem("жертвам"), "жертв");
        assert_eq!(stem("жертв"), "жертв");
        assert_eq!(stem("біженець"), "біженц");
        assert_eq!(stem("біженцям"), "біженц");
        assert_eq!(stem("рядок"), "рядк");
        assert_eq!(stem("рядка"), "рядк");
        assert_eq!(stem("ні"), "ні");
        assert_eq!(stem("unhcr"), "unhcr");
    }
}
