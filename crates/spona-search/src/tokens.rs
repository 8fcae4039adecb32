//! The tantivy tokenizers: a language's words as stemmed terms (with word pairs, for
//! phrases) or as folded forms (for prefixes), each token pointing into the original text.
//!
//! Two refinements over "one token per word":
//! - **Joined words.** Two words joined by a hyphen (`e-mail`, `anti-trafficking`) are also
//!   indexed as one word (`email`, `antitrafficking`) at the first part's position, so a
//!   reader who writes the word without the hyphen finds the text that has it (and the
//!   query side, [`crate::query`], searches `e-mail` also as `email`).
//! - **Sentence ends.** No word pair is indexed across a sentence end ([`sentence_end`]),
//!   so a phrase never matches the last word of one sentence and the first of the next.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::Lang;
use crate::analysis::{Analyzer, split_words};

/// The tantivy tokenizer for one language: either stemmed terms or folded forms; the
/// stemmed tokenizer of the text fields also emits word pairs ([`pair_term`]).
#[derive(Clone, Copy, Debug)]
pub struct SponaTokenizer {
    analyzer: Analyzer,
    stem: bool,
    pairs: bool,
}

impl SponaTokenizer {
    /// Stemmed terms only.
    pub fn stemmed(lang: Lang) -> Self {
        SponaTokenizer {
            analyzer: Analyzer::new(lang),
            stem: true,
            pairs: false,
        }
    }

    /// Stemmed terms, and before each term but the first the pair of it and the term
    /// before it, at the position of the term before it: `a b c` gives `a`@0, `a b`@0,
    /// `b`@1, `b c`@1, `c`@2. A two-word phrase is then one term lookup, and a longer
    /// phrase a phrase of pairs (`a b c` is `a b`@p, `b c`@p+1), instead of intersecting
    /// the positions of two frequent words.
    pub fn stemmed_with_pairs(lang: Lang) -> Self {
        SponaTokenizer {
            pairs: true,
            ..Self::stemmed(lang)
        }
    }

    pub fn folded(lang: Lang) -> Self {
        SponaTokenizer {
            analyzer: Analyzer::new(lang),
            stem: false,
            pairs: false,
        }
    }
}

/// The indexed term of two adjacent words (stemmed terms). A space never occurs inside a
/// term, so a pair cannot be mistaken for a word.
pub fn pair_term(first: &str, second: &str) -> String {
    let mut s = String::with_capacity(first.len() + second.len() + 1);
    push_pair(&mut s, first, second);
    s
}

fn push_pair(out: &mut String, first: &str, second: &str) {
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
}

/// Hyphens that join two words into one (`e-mail`, `e‐mail`, `e‑mail`).
pub(crate) fn is_hyphen_join(between: &str) -> bool {
    matches!(between, "-" | "\u{2010}" | "\u{2011}")
}

/// Abbreviations a full stop follows inside a sentence (folded, in the hub's languages).
const ABBREVIATIONS: &[&str] = &[
    "npr", "itd", "tzv", "tj", "sl", "str", "prof", "dr", "mr", "ul", "br", "god", "gosp", "etc",
    "eg", "ie", "vs", "st", "nr", "pp", "sh", "psh",
];

/// Whether the text `gap` between the words `prev` and `next` ends a sentence: a `!`,
/// `?` or `…`; a blank line; or a full stop followed by a space and a capital (or digit),
/// unless the word before it is a known abbreviation or a single letter (`dr. Petrović`,
/// `J. Jovanović`). A full stop inside a word (`2.5`, `www.example.org`) ends nothing.
pub(crate) fn sentence_end(gap: &str, prev: &str, next: &str) -> bool {
    if gap.contains(['!', '?', '…']) {
        return true;
    }
    if gap.matches('\n').count() >= 2 {
        return true;
    }
    let Some(dot) = gap.find('.') else {
        return false;
    };
    if !gap[dot..].contains(char::is_whitespace) {
        return false;
    }
    if !next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        return false;
    }
    let short = prev.chars().count() == 1;
    let lower = prev.to_lowercase();
    !(short || ABBREVIATIONS.contains(&lower.as_str()))
}

/// Token stream over the words of one text.
pub struct SponaTokenStream<'a> {
    text: &'a str,
    words: std::vec::IntoIter<(usize, usize)>,
    tokenizer: SponaTokenizer,
    token: Token,
    position: usize,
    /// The previous word's term and offsets (`None` before the first word).
    prev: String,
    prev_span: Option<(usize, usize)>,
    /// The tokens of the current word, in order (pair, joined word, word):
    /// `staged[next..len]` are still to be emitted. Buffers are reused.
    staged: [Token; 3],
    next: usize,
    len: usize,
    /// Scratch: the current word's term, and a joined word's text.
    word: String,
    joined: String,
}

impl Tokenizer for SponaTokenizer {
    type TokenStream<'a> = SponaTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SponaTokenStream<'a> {
        SponaTokenStream {
            text,
            words: split_words(text).into_iter(),
            tokenizer: *self,
            token: Token::default(),
            position: 0,
            prev: String::new(),
            prev_span: None,
            staged: Default::default(),
            next: 0,
            len: 0,
            word: String::new(),
            joined: String::new(),
        }
    }
}

/// Sets a staged token.
fn stage(t: &mut Token, text: &str, from: usize, to: usize, position: usize, length: usize) {
    t.text.clear();
    t.text.push_str(text);
    t.offset_from = from;
    t.offset_to = to;
    t.position = position;
    t.position_length = length;
}

impl SponaTokenStream<'_> {
    /// Stages the tokens of the word at `s..e` (already analysed into `self.word`).
    fn stage_word(&mut self, s: usize, e: usize) {
        let position = self.position;
        self.position += 1;
        self.len = 0;
        if let Some((ps, pe)) = self.prev_span {
            let gap = &self.text[pe..s];
            if !sentence_end(gap, &self.text[ps..pe], &self.text[s..e]) {
                if self.tokenizer.pairs {
                    let pair = &mut self.staged[self.len];
                    stage(pair, "", ps, e, position - 1, 2);
                    push_pair(&mut pair.text, &self.prev, &self.word);
                    self.len += 1;
                }
                if is_hyphen_join(gap) {
                    self.joined.clear();
                    self.joined.push_str(&self.text[ps..pe]);
                    self.joined.push_str(&self.text[s..e]);
                    let slot = &mut self.staged[self.len];
                    let added =
                        self.tokenizer
                            .analyzer
                            .with(&self.joined, self.tokenizer.stem, |t| {
                                stage(slot, t, ps, e, position - 1, 2);
                                !t.is_empty()
                            });
                    if added {
                        self.len += 1;
                    }
                }
            }
        }
        stage(&mut self.staged[self.len], &self.word, s, e, position, 1);
        self.len += 1;
        self.next = 0;
        std::mem::swap(&mut self.prev, &mut self.word);
        self.prev_span = Some((s, e));
    }
}

impl TokenStream for SponaTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next >= self.len {
            loop {
                let Some((s, e)) = self.words.next() else {
                    return false;
                };
                let word = &mut self.word;
                self.tokenizer
                    .analyzer
                    .with(&self.text[s..e], self.tokenizer.stem, |t| {
                        word.clear();
                        word.push_str(t);
                    });
                if !self.word.is_empty() {
                    self.stage_word(s, e);
                    break;
                }
            }
        }
        std::mem::swap(&mut self.token, &mut self.staged[self.next]);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_text_tokenizes_into_slices_of_itself(text in "\\PC{0,60}", lang in 0usize..Lang::COUNT) {
            let lang = Lang::ALL[lang];
            for tok in [SponaTokenizer::stemmed(lang), SponaTokenizer::folded(lang)] {
                let mut tok = tok;
                let mut stream = tok.token_stream(&text);
                while let Some(t) = stream.next() {
                    proptest::prop_assert!(text.get(t.offset_from..t.offset_to).is_some());
                    proptest::prop_assert!(!t.text.is_empty());
                }
            }
        }
    }

    #[test]
    fn pairs_come_before_their_second_word_at_the_first_words_position() {
        let text = "Victims of trafficking";
        let mut tok = SponaTokenizer::stemmed_with_pairs(Lang::En);
        let mut stream = tok.token_stream(text);
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((
                t.text.clone(),
                t.position,
                &text[t.offset_from..t.offset_to],
            ));
        }
        let expected = [
            ("victim", 0, "Victims"),
            ("victim of", 0, "Victims of"),
            ("of", 1, "of"),
            ("of traffick", 1, "of trafficking"),
            ("traffick", 2, "trafficking"),
        ];
        assert_eq!(seen.len(), expected.len());
        for (s, e) in seen.iter().zip(expected) {
            assert_eq!((s.0.as_str(), s.1, s.2), e);
        }
        assert_eq!(pair_term("victim", "of"), "victim of");
        // One word alone gives no pair.
        let mut one = tok.token_stream("victims");
        assert!(one.next().is_some_and(|t| t.text == "victim"));
        assert!(one.next().is_none());
    }

    #[test]
    fn tokens_point_into_the_original_text() {
        let text = "Заштита ЖРТАВА у Београду";
        let mut tok = SponaTokenizer::stemmed(Lang::Sr);
        let mut stream = tok.token_stream(text);
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((
                t.text.clone(),
                &text[t.offset_from..t.offset_to],
                t.position,
            ));
        }
        assert_eq!(seen[0].1, "Заштита");
        assert_eq!(seen[1].1, "ЖРТАВА");
        assert_eq!(seen[1].0, "zrtv");
        assert_eq!(seen[3].2, 3);
    }

    fn tokens(tok: SponaTokenizer, text: &str) -> Vec<(String, usize)> {
        let mut tok = tok;
        let mut stream = tok.token_stream(text);
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((t.text.clone(), t.position));
        }
        seen
    }

    #[test]
    fn joined_words_and_sentence_ends() {
        let seen = tokens(
            SponaTokenizer::stemmed_with_pairs(Lang::En),
            "Send an e-mail. Then wait",
        );
        let texts: Vec<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "send",
                "send an",
                "an",
                "an e",
                "e",
                "e mail",
                "email",
                "mail",
                "then",
                "then wait",
                "wait"
            ]
        );
        assert_eq!(seen[6].1, 2, "the joined word stands at its first part");
        let folded = tokens(SponaTokenizer::folded(Lang::Sr), "Pišite na e-mail");
        assert!(folded.iter().any(|(t, _)| t == "email"), "{folded:?}");
        let abbreviation = tokens(
            SponaTokenizer::stemmed_with_pairs(Lang::Sr),
            "Predavanje drži dr. Petrović o pravu na azil.",
        );
        assert!(
            abbreviation.iter().any(|(t, _)| t == "dr petrovic"),
            "{abbreviation:?}"
        );
    }

    #[test]
    fn what_ends_a_sentence() {
        assert!(sentence_end(". ", "zaštiti", "Prava"));
        assert!(sentence_end("! ", "x", "y"));
        assert!(sentence_end("\n\n", "naslov", "tekst"));
        assert!(!sentence_end(". ", "dr", "Petrović"));
        assert!(!sentence_end(". ", "J", "Jovanović"));
        assert!(!sentence_end(".", "www", "Example"));
        assert!(!sentence_end(". ", "godini", "uključujući"));
        assert!(!sentence_end("\n", "red", "Drugi"));
        assert!(!sentence_end(", ", "a", "B"));
    }
}
