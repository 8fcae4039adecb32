//! Per-language analysis: splitting text into words, and turning a word into the term
//! that is indexed and searched.
//!
//! Two forms per word:
//! - the **stemmed** term ([`Analyzer::term`]), indexed with positions in the per-language
//!   text fields and used for word and phrase matching;
//! - the **folded** form ([`Analyzer::folded`]), the same chain without stemming, indexed in
//!   a per-language prefix field so that a half-typed word matches (a stemmer changes the
//!   inside of a word — `organization` → `organ`, `žrtava` → `zrtv` — so a typed prefix
//!   must be compared with unstemmed words).
//!
//! Every token keeps the byte offsets of the word in the original text, so snippets show
//! the original (Cyrillic or Latin, with diacritics).

use snowball_stemmers_rs::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::Lang;

pub use crate::tokens::{SponaTokenizer, pair_term};

/// Longest word (in bytes) that is indexed; longer "words" are base64, hashes or junk.
pub const MAX_WORD_BYTES: usize = 64;

/// Byte ranges of the words of `text`: runs of letters, digits and combining marks; an
/// apostrophe between two letters belongs to the word (`сім'я`, `don't`).
pub fn split_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let mut prev_word_char = false;
    while let Some((i, c)) = chars.next() {
        let is_word = is_word_char(c)
            || (is_apostrophe(c)
                && prev_word_char
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric()));
        if is_word {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push_word(&mut out, text, s, i);
        }
        prev_word_char = is_word;
    }
    if let Some(s) = start {
        push_word(&mut out, text, s, text.len());
    }
    out
}

fn push_word(out: &mut Vec<(usize, usize)>, text: &str, s: usize, e: usize) {
    if e - s <= MAX_WORD_BYTES && !text[s..e].chars().all(is_combining) {
        out.push((s, e));
    }
}

fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts of the hub; the Unicode tables are slow.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        _ => c.is_alphanumeric() || is_combining(c),
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// The analysis chain of one language. Cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct Analyzer {
    lang: Lang,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Self {
        Analyzer { lang }
    }

    /// The folded form of a word, without stemming: lower case, NFC, Serbian Cyrillic →
    /// Latin, `đ` → `dj`, diacritics removed (English, Serbian); lower case, NFC, stress
    /// marks removed, apostrophes unified (Ukrainian, which keeps і, ї, є, ґ).
    pub fn folded(&self, word: &str) -> String {
        if word.is_ascii() {
            let lower = word.to_ascii_lowercase().replace('\'', "");
            return match self.lang {
                Lang::Mk => crate::macedonian::fold_digraphs(lower),
                _ => lower,
            };
        }
        let nfc: String = word.nfc().collect();
        match self.lang {
            Lang::En | Lang::Sr | Lang::Sq | Lang::Mk => {
                let mut s = spona_i18n::fold::fold(&nfc);
                s.retain(|c| !is_apostrophe(c) && !is_combining(c));
                if self.lang == Lang::Mk {
                    s = crate::macedonian::fold_digraphs(s);
                }
                s
            }
            Lang::Uk => nfc
                .to_lowercase()
                .chars()
                .filter(|&c| !is_combining(c))
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .collect(),
        }
    }

    /// The indexed term of a word: the folded form, stemmed.
    ///
    /// Serbian is folded *before* stemming so that `zastita`, `zaštita` and `заштита` give
    /// the stemmer the same input (stemming the diacritic form first gives `заштите` →
    /// `zasti` but `zastite` → `zastit`); the stem is folded again because the Snowball
    /// Serbian stemmer turns `dj` back into `đ`.
    pub fn term(&self, word: &str) -> String {
        let folded = self.folded(word);
        match self.lang {
            Lang::En => Stemmer::create(Algorithm::English)
                .stem(&folded)
                .into_owned(),
            Lang::Sr => {
                let stem = Stemmer::create(Algorithm::Serbian)
                    .stem(&crate::bcms::ekavian(&folded))
                    .into_owned();
                let mut stem = if stem.is_ascii() {
                    stem
                } else {
                    spona_i18n::fold::fold(&stem)
                };
                crate::bcms::drop_fleeting_a(&mut stem);
                stem
            }
            Lang::Uk => crate::ukrainian::stem(&folded),
            Lang::Sq => crate::albanian::stem(&folded),
            Lang::Mk => crate::macedonian::stem(&folded),
        }
    }
}

/// Words remembered per thread before the memo is emptied.
const MEMO_WORDS: usize = 100_000;

/// FNV-1a: words are short and not attacker-chosen keys of a long-lived table (the memo
/// is bounded and per thread), so a fast hash beats SipHash here.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Memo = std::collections::HashMap<String, String, std::hash::BuildHasherDefault<Fnv>>;

thread_local! {
    /// Analysed forms of recently seen words, per language and form: text is Zipfian, so
    /// most words were seen before and the chain (transliteration, folding, stemming)
    /// runs once per distinct word rather than once per occurrence.
    static MEMO: std::cell::RefCell<[Memo; 2 * Lang::COUNT]> = std::cell::RefCell::new(Default::default());
}

impl Analyzer {
    /// Calls `f` with the stemmed term (`stem`) or the folded form of `word`, memoised.
    pub fn with<R>(&self, word: &str, stem: bool, f: impl FnOnce(&str) -> R) -> R {
        let slot = self.lang as usize * 2 + usize::from(stem);
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            let map = &mut memo[slot];
            if let Some(t) = map.get(word) {
                return f(t);
            }
            let t = if stem {
                self.term(word)
            } else {
                self.folded(word)
            };
            let r = f(&t);
            if map.len() >= MEMO_WORDS {
                map.clear();
            }
            map.insert(word.to_string(), t);
            r
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: Lang, text: &str) -> Vec<String> {
        let a = Analyzer::new(lang);
        split_words(text)
            .into_iter()
            .map(|(s, e)| a.term(&text[s..e]))
            .collect()
    }

    fn same(lang: Lang, words: &[&str]) {
        let a = Analyzer::new(lang);
        let first = a.term(words[0]);
        for w in words {
            assert_eq!(a.term(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn splits_words_with_offsets_into_the_original() {
        let text = "Zaštita «žrtava» — сім'я, don't; x\u{301}";
        let words: Vec<&str> = split_words(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["Zaštita", "žrtava", "сім'я", "don't", "x\u{301}"]);
        assert!(split_words(&"a".repeat(65)).is_empty());
        assert!(split_words("'quoted'").iter().all(|&(s, e)| e > s));
    }

    #[test]
    fn serbian_scripts_diacritics_and_dj_fold_together() {
        same(
            Lang::Sr,
            &["zaštita", "zastita", "заштита", "ZAŠTITA", "заштите"],
        );
        same(
            Lang::Sr,
            &["žrtava", "zrtava", "жртава", "žrtve", "žrtvama", "жртвама"],
        );
        same(
            Lang::Sr,
            &["Đakovica", "Djakovica", "djakovica", "Ђаковица", "Đakovici"],
        );
        assert_eq!(
            terms(Lang::Sr, "заштита жртава"),
            terms(Lang::Sr, "zaštita žrtava")
        );
    }

    #[test]
    fn serbian_inflections_share_a_stem() {
        same(
            Lang::Sr,
            &[
                "organizacija",
                "organizacije",
                "organizacijama",
                "организацијама",
            ],
        );
        same(
            Lang::Sr,
            &["izbeglica", "izbeglice", "izbeglicama", "izbjeglica"],
        );
        same(Lang::Sr, &["pravo", "prava", "pravima", "право"]);
        same(Lang::Sr, &["Beograd", "Beogradu", "Beograda", "Београду"]);
        same(Lang::Sr, &["borac", "borca", "boraca"]);
        // Different words stay apart.
        assert_ne!(
            Analyzer::new(Lang::Sr).term("prava"),
            Analyzer::new(Lang::Sr).term("prvi")
        );
        assert_ne!(
            Analyzer::new(Lang::Sr).term("žrtva"),
            Analyzer::new(Lang::Sr).term("zaštita")
        );
    }

    #[test]
    fn ukrainian_inflections_share_a_stem_and_keep_their_letters() {
        same(
            Lang::Uk,
            &["жертви", "жертв", "жертвам", "жертва", "Жертвами"],
        );
        same(
            Lang::Uk,
            &["організація", "організації", "організаціями", "організацій"],
        );
        same(Lang::Uk, &["біженець", "біженці", "біженцям", "біженців"]);
        same(Lang::Uk, &["Львів", "Львові"]);
        same(Lang::Uk, &["сім'я", "сім’ї"]);
        let a = Analyzer::new(Lang::Uk);
        assert!(a.term("ґрунту").starts_with('ґ'));
        assert!(a.term("їжа").starts_with('ї'));
        assert!(a.term("єдність").starts_with('є'));
        assert_ne!(a.term("ґрунт"), a.term("грунт"));
        assert_ne!(a.term("жертви"), a.term("біженці"));
    }

    #[test]
    fn english_stems_and_folds() {
        same(Lang::En, &["victims", "victim", "Victim's"]);
        same(Lang::En, &["refugees", "refugee"]);
        same(Lang::En, &["café", "cafe"]);
        assert_ne!(
            Analyzer::new(Lang::En).term("victim"),
            Analyzer::new(Lang::En).term("vicar")
        );
    }

    #[test]
    fn folded_form_is_unstemmed() {
        let sr = Analyzer::new(Lang::Sr);
        assert_eq!(sr.folded("Žrtava"), "zrtava");
        assert_eq!(sr.folded("Ђорђе"), "djordje");
        assert_eq!(Analyzer::new(Lang::Uk).folded("Сім’Ї"), "сім'ї");
        assert_eq!(
            Analyzer::new(Lang::En).folded("Organization"),
            "organization"
        );
    }
}
