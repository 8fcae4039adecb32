//! Highlighted titles and snippets: the original text, HTML-escaped, with `<mark>` around
//! the words whose analysed form matches the query in that variant's language.

use crate::Lang;
use crate::analysis::{Analyzer, split_words};
use crate::query::QueryTerms;

/// Words in a snippet window.
const WINDOW_WORDS: usize = 30;
/// Only this many bytes of a long text are scanned for the snippet.
const SCAN_BYTES: usize = 64 * 1024;

/// Marks matched words of texts in one language.
pub struct Highlighter<'q> {
    analyzer: Analyzer,
    terms: &'q QueryTerms,
    lang: Lang,
}

/// A text split into words, each matched or not.
pub struct Marked<'t> {
    text: &'t str,
    words: Vec<(usize, usize, bool)>,
}

impl<'q> Highlighter<'q> {
    pub fn new(lang: Lang, terms: &'q QueryTerms) -> Self {
        Highlighter {
            analyzer: Analyzer::new(lang),
            terms,
            lang,
        }
    }

    fn matches(&self, word: &str) -> bool {
        let i = self.lang as usize;
        let exact = &self.terms.exact[i];
        let prefixes = &self.terms.prefixes[i];
        (!exact.is_empty() && self.analyzer.with(word, true, |t| exact.contains(t)))
            || (!prefixes.is_empty()
                && self.analyzer.with(word, false, |f| {
                    prefixes.iter().any(|p| f.starts_with(p.as_str()))
                }))
    }

    /// Marks both parts of a hyphenated word whose solid spelling matches (`e-mail`
    /// for the query `email`), as the index has it ([`crate::tokens`]).
    fn mark_joined(&self, text: &str, words: &mut [(usize, usize, bool)]) {
        let exact = &self.terms.exact[self.lang as usize];
        if exact.is_empty() {
            return;
        }
        for i in 1..words.len() {
            let ((ps, pe, _), (s, e, _)) = (words[i - 1], words[i]);
            if crate::tokens::is_hyphen_join(&text[pe..s]) {
                let joined = format!("{}{}", &text[ps..pe], &text[s..e]);
                if self.analyzer.with(&joined, true, |t| exact.contains(t)) {
                    words[i - 1].2 = true;
                    words[i].2 = true;
                }
            }
        }
    }

    /// Splits `text` (its first [`SCAN_BYTES`]) and marks the matching words.
    pub fn mark<'t>(&mut self, text: &'t str) -> Marked<'t> {
        let text = truncate(text, SCAN_BYTES);
        let words = if self.terms.is_empty() {
            split_words(text)
                .into_iter()
                .map(|(s, e)| (s, e, false))
                .collect()
        } else {
            let mut words: Vec<(usize, usize, bool)> = split_words(text)
                .into_iter()
                .map(|(s, e)| (s, e, self.matches(&text[s..e])))
                .collect();
            self.mark_joined(text, &mut words);
            words
        };
        Marked { text, words }
    }
}

impl Marked<'_> {
    /// How many different words matched.
    pub fn distinct_matches(&self) -> usize {
        let mut seen: Vec<&str> = self
            .words
            .iter()
            .filter(|w| w.2)
            .map(|&(s, e, _)| &self.text[s..e])
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    /// Whether the text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The whole text as HTML.
    pub fn to_html(&self) -> String {
        render(self.text, &self.words, 0, self.text.len())
    }

    /// The window of [`WINDOW_WORDS`] words with the most matches, as HTML, with `…`
    /// where text was cut. The start of the text when nothing matched.
    pub fn snippet_html(&self) -> String {
        let n = self.words.len();
        if n == 0 {
            return String::new();
        }
        let w = WINDOW_WORDS.min(n);
        let mut best = (0usize, 0usize); // (matches, start word)
        let mut in_window = self.words[..w].iter().filter(|x| x.2).count();
        best.0 = in_window;
        for start in 1..=n - w {
            in_window -= usize::from(self.words[start - 1].2);
            in_window += usize::from(self.words[start + w - 1].2);
            if in_window > best.0 {
                best = (in_window, start);
            }
        }
        // Start a little before the first match so it reads in context.
        let mut start = best.1;
        if best.0 > 0
            && let Some(first) = self.words[start..start + w].iter().position(|x| x.2)
        {
            start = (start + first).saturating_sub(3).min(n - w);
        }
        let end_word = start + w - 1;
        let from = if start == 0 { 0 } else { self.words[start].0 };
        let to = if end_word == n - 1 {
            self.text.len()
        } else {
            self.words[end_word].1
        };
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.push_str(render(self.text, &self.words, from, to).trim());
        if to < self.text.len() {
            out.push('…');
        }
        out
    }
}

fn render(text: &str, words: &[(usize, usize, bool)], from: usize, to: usize) -> String {
    let mut out = String::with_capacity(to - from + 32);
    let mut pos = from;
    for &(s, e, m) in words {
        if !m || s < from || e > to {
            continue;
        }
        escape_into(&mut out, &text[pos..s]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[s..e]);
        out.push_str("</mark>");
        pos = e;
    }
    escape_into(&mut out, &text[pos..to]);
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{QueryTerms, parse};

    #[test]
    fn marks_escapes_and_keeps_the_original_script() {
        let terms = QueryTerms::new(&parse("zastita zrtava", false));
        let mut h = Highlighter::new(Lang::Sr, &terms);
        let m = h.mark("<b>Заштита</b> жртава & \"друго\"");
        assert_eq!(
            m.to_html(),
            "&lt;b&gt;<mark>Заштита</mark>&lt;/b&gt; <mark>жртава</mark> &amp; &quot;друго&quot;"
        );
        assert_eq!(m.distinct_matches(), 2);
    }

    #[test]
    fn snippet_window_centres_on_matches() {
        let terms = QueryTerms::new(&parse("victims", false));
        let mut h = Highlighter::new(Lang::En, &terms);
        let text = format!(
            "{} support for victims here {}",
            "word ".repeat(100),
            "tail ".repeat(100)
        );
        let s = h.mark(&text).snippet_html();
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>victims</mark>"), "{s}");
        assert!(s.len() < 400);
    }

    #[test]
    fn prefix_marks_words_starting_with_it() {
        let terms = QueryTerms::new(&parse("organiz", true));
        let mut h = Highlighter::new(Lang::En, &terms);
        assert_eq!(
            h.mark("Organizations help").to_html(),
            "<mark>Organizations</mark> help"
        );
    }
}
