//! The directory's terms of many texts in a row (an import of 270,000 recommendations),
//! each distinct word analysed once: the same few thousand words come back in every text,
//! and their analysis (three stemmers, the Latin key) costs far more than a lookup. Gives
//! exactly what [`crate::directory_terms`] gives.

use std::collections::{BTreeSet, HashMap};

use crate::analysis::split_words;
use crate::directory::word_terms;

/// Distinct words remembered before the memo starts afresh (memory stays bounded whatever
/// the texts: about a hundred bytes a word).
const MAX_WORDS: usize = 200_000;

/// Each word's terms, once analysed; one memo per thread.
#[derive(Debug, Default)]
pub struct TermMemo {
    /// Without and with the Latin keys (`ukrainian`).
    words: [HashMap<String, Vec<String>>; 2],
}

impl TermMemo {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the tagged terms of every word of `text` to `out`, as
    /// [`crate::directory_terms`] does.
    pub fn terms(&mut self, text: &str, ukrainian: bool, out: &mut BTreeSet<String>) {
        let memo = &mut self.words[usize::from(ukrainian)];
        for (s, e) in split_words(text) {
            let word = &text[s..e];
            if !memo.contains_key(word) {
                if memo.len() >= MAX_WORDS {
                    memo.clear();
                }
                memo.insert(word.to_owned(), word_terms(word, ukrainian));
            }
            for t in &memo[word] {
                if !out.contains(t) {
                    out.insert(t.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_gives_what_the_analysis_gives() {
        let texts = [
            ("Ensure the protection of victims of trafficking", false),
            ("Заштита права жена и деце, заштита избеглица", false),
            ("Захист прав жінок і дітей у Харківській області", true),
            ("Ensure protection: victims' rights, Харків", true),
        ];
        let mut memo = TermMemo::new();
        for _ in 0..2 {
            for (text, uk) in texts {
                let mut want = BTreeSet::new();
                crate::directory_terms(text, uk, &mut want);
                let mut got = BTreeSet::new();
                memo.terms(text, uk, &mut got);
                assert_eq!(got, want, "{text}");
            }
        }
    }
}
