//! The directory's free text: organisations are matched by word, through the hub's chains.
//!
//! The directory's texts have no reliable language (a name, a city, descriptions in several
//! languages), so every word is analysed by all three chains and each term is tagged with the
//! chain that made it (`e:` English, `s:` Serbian, `u:` Ukrainian); a query word matches when
//! one of its analyses equals the same analysis of a stored word. Ukrainian words are also
//! indexed in Latin letters (`l:`, [`latin_key`]) so that `Kharkivska` or `Harkivska` find
//! `Харківська`; every query word is analysed that way too, so `Харків` also finds a Latin
//! `Kharkiv` where the Latin keys are indexed (Ukrainian organisations).

use unicode_normalization::UnicodeNormalization;

use crate::Lang;
use crate::analysis::{Analyzer, split_words};

const STOP_WORDS: &[&str] = &[
    "u", "na", "i", "a", "za", "od", "do", "sa", "s", "iz", "o", "po", "pri", "kod", "ka", "k",
    "ili", "se", "je", "su", "da", "у", "в", "на", "і", "й", "та", "з", "із", "зі", "до", "для",
    "від", "по", "при", "про", "о", "що", "чи", "або", "the", "of", "in", "for", "and", "an", "to",
    "at", "on", "with", "by", "or",
];

/// Query words beyond this many are ignored.
pub const MAX_QUERY_WORDS: usize = 8;

/// The Ukrainian-in-Latin key of a word: transliterated by the 2010 standard
/// ([`spona_i18n::uk_to_lat`]; Latin input passes), diacritics removed, then the spellings
/// that the usual transliterations disagree on merged — `kh`/`h`, `g`/`h`, `zh`/`ž`/`z`,
/// `ch`/`č`/`c`, `sh`/`š`/`s`, `shch`/`šč`, `ts`/`c`, `y`/`j`/`i`, `ia`/`ya`/`ja`/`a`,
/// `iu`/`yu`/`u`, `ie`/`ye`/`e`, doubled letters — and one Ukrainian ending removed, so
/// `Харківська`, `Kharkivska`, `Harkivska` and `Harkivs'ka` meet, and `Харківської` with
/// them. A lossy key, only compared with keys.
pub fn latin_key(word: &str) -> String {
    let mut key = raw_latin_key(word);
    strip_latin_ending(&mut key);
    key
}

fn raw_latin_key(word: &str) -> String {
    let nfc: String = word.nfc().collect();
    let lat = spona_i18n::uk_to_lat(&nfc.to_lowercase());
    let folded = spona_i18n::fold(&lat);
    let mut s: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    for (from, to) in [
        ("shch", "s"),
        ("sc", "s"),
        ("kh", "h"),
        ("zh", "z"),
        ("ch", "c"),
        ("sh", "s"),
        ("ts", "c"),
        ("tz", "c"),
        ("g", "h"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut prev = None;
    s.retain(|c| prev.replace(c) != Some(c));
    for (from, to) in [("ie", "e"), ("iu", "u"), ("ia", "a"), ("io", "o")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Shortest key left after removing an ending.
const MIN_LATIN_STEM: usize = 3;

/// The Ukrainian endings ([`crate::ukrainian`]) as keys, longest first.
fn latin_endings() -> &'static [String] {
    static ENDINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| {
        let mut v: Vec<String> = crate::ukrainian::ENDINGS
            .iter()
            // Not the reflexive verb ending: as a key (`ca`) it would eat `-ція`.
            .filter(|e| **e != "ться")
            // After a consonant, as inside a word (`я` is `ia` there, `ya` at the start).
            .filter_map(|e| {
                raw_latin_key(&format!("б{e}"))
                    .strip_prefix('b')
                    .map(str::to_owned)
            })
            .filter(|e| !e.is_empty())
            .collect();
        v.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        v.dedup();
        v
    })
}

fn strip_latin_ending(key: &mut String) {
    if !key.is_ascii() {
        return;
    }
    for e in latin_endings() {
        if key.len() >= e.len() + MIN_LATIN_STEM && key.ends_with(e.as_str()) {
            key.truncate(key.len() - e.len());
            return;
        }
    }
}

/// The chains every directory word goes through, with their tags.
const DIRECTORY_CHAINS: [(&str, Lang); 3] = [("e:", Lang::En), ("s:", Lang::Sr), ("u:", Lang::Uk)];

/// Adds the tagged terms of every word of `text` to `out`; `ukrainian` adds the Latin keys
/// (`l:`) too.
pub fn directory_terms(text: &str, ukrainian: bool, out: &mut std::collections::BTreeSet<String>) {
    for (s, e) in split_words(text) {
        let word = &text[s..e];
        for term in word_terms(word, ukrainian) {
            out.insert(term);
        }
    }
}

pub(crate) fn word_terms(word: &str, latin: bool) -> Vec<String> {
    let mut terms = Vec::with_capacity(4);
    for (tag, lang) in DIRECTORY_CHAINS {
        Analyzer::new(lang).with(word, true, |t| {
            if !t.is_empty() {
                terms.push(format!("{tag}{t}"));
            }
        });
    }
    if latin {
        // Short keys say little and collide (`з` and `zzzz` both give `z`).
        let key = latin_key(word);
        if key.len() >= MIN_LATIN_STEM {
            terms.push(format!("l:{key}"));
        }
    }
    terms.dedup();
    terms
}

/// A directory query: for each word (stop words dropped unless nothing else is left, at most
/// [`MAX_QUERY_WORDS`]), the tagged terms any one of which a matching organisation holds.
pub fn directory_query(text: &str) -> Vec<Vec<String>> {
    let words: Vec<&str> = split_words(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect();
    let is_stop = |w: &str| {
        let lower = w.to_lowercase();
        STOP_WORDS.contains(&lower.as_str())
            || STOP_WORDS.contains(&Analyzer::new(Lang::Sr).folded(w).as_str())
    };
    let content: Vec<&str> = words.iter().copied().filter(|w| !is_stop(w)).collect();
    let chosen = if content.is_empty() { words } else { content };
    chosen
        .into_iter()
        .take(MAX_QUERY_WORDS)
        .map(|w| word_terms(w, true))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_queries_drop_stop_words_and_tag_every_chain() {
        let q = directory_query("u Novom Sadu");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q[0].contains(&"s:nov".to_string()), "{q:?}");
        let q = directory_query("у Львові");
        assert_eq!(q.len(), 1, "{q:?}");
        let mut lviv = std::collections::BTreeSet::new();
        directory_terms("Львів", true, &mut lviv);
        assert!(q[0].iter().any(|t| lviv.contains(t)), "{q:?} vs {lviv:?}");
        assert_eq!(directory_query("i u").len(), 2, "only stop words: kept");
        assert!(directory_query(" %_ ").is_empty());
        assert_eq!(directory_query(&"riječ ".repeat(20)).len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn ukrainian_in_latin_letters_meets_cyrillic() {
        let same = |words: &[&str]| {
            let first = latin_key(words[0]);
            for w in words {
                assert_eq!(latin_key(w), first, "{w} vs {}", words[0]);
            }
        };
        same(&[
            "Харківська",
            "Kharkivska",
            "Harkivska",
            "harkivs'ka",
            "Харківської",
        ]);
        same(&[
            "правозахисна",
            "pravozakhysna",
            "pravozahisna",
            "правозахисної",
        ]);
        same(&["Київ", "Kyiv", "Kyjiv"]);
        same(&["Львів", "Lviv"]);
        same(&[
            "Запоріжжя",
            "Zaporizhzhia",
            "Zaporizhia",
            "Zaporižžja",
            "Zaporizhzhya",
        ]);
        same(&[
            "організація",
            "orhanizatsiia",
            "organizatsiya",
            "організації",
        ]);
        same(&["торгівля", "torhivlia", "torgivlya", "torgivlja"]);
        same(&["Чернігів", "Chernihiv", "Černihiv"]);
        same(&["Жінки", "zhinky", "žinki"]);
        same(&["Щастя", "Shchastia", "Ščastja"]);
        assert_ne!(latin_key("Харків"), latin_key("Херсон"));
        assert_ne!(latin_key("жертви"), latin_key("біженці"));
    }
}
