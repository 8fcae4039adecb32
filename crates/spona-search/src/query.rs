//! The tolerant query language: words, `"quoted phrases"`, and a prefix on the last word
//! while typing. Everything that is not a word or a double quote is a separator, so stray
//! operators, brackets and colons never produce an error; an unclosed quote runs to the
//! end. At most [`MAX_QUERY_WORDS`](crate::MAX_QUERY_WORDS) words are read.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::analysis::{Analyzer, Fnv, pair_term, split_words};
use crate::schema::{Fields, LangFields};
use crate::{Lang, MAX_QUERY_WORDS};

/// Shortest typed prefix (in letters) that is expanded; shorter ones match whole words.
pub const MIN_PREFIX_CHARS: usize = 3;

/// Operator words of other search syntaxes, ignored (in capitals only: `and` is a word).
const OPERATORS: &[&str] = &["AND", "OR", "NOT"];

/// Score of a prefix-only match (a word is not complete yet, so it weighs less).
const PREFIX_SCORE: f32 = 0.5;

/// One element of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The words as typed (one for a word, several for a phrase).
    pub words: Vec<String>,
    /// The (last) word is still being typed.
    pub prefix: bool,
    /// Two words written joined by a hyphen (`e-mail`): also searched as one word
    /// (`email`), which is how a text that writes it without the hyphen was indexed.
    pub hyphenated: bool,
}

impl Item {
    /// The one word a hyphenated pair also stands for (`e-mail` → `email`).
    pub fn joined(&self) -> Option<String> {
        match self.words.as_slice() {
            [a, b] if self.hyphenated => Some(format!("{a}{b}")),
            _ => None,
        }
    }
}

/// Characters that join the parts of one word: `PDFTEXT-4`, `anti-trafficking`,
/// `e-mail`, `and/or`, `www.example.org`, `file_name`, `name@example.org`. A word joined
/// by one of them (with nothing else between the parts) is searched as the phrase of its
/// parts, which is how the text was indexed (the joiners are not word characters, so the
/// parts are adjacent words).
const JOINERS: &[char] = &['-', '\u{2010}', '\u{2011}', '/', '.', '_', '@'];

fn joins(between: &str) -> bool {
    let mut chars = between.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if JOINERS.contains(&c))
}

/// Parses the text of a query.
pub fn parse(text: &str, prefix: bool) -> Vec<Item> {
    let mut items = Vec::new();
    let mut budget = MAX_QUERY_WORDS;
    let mut offset = 0;
    let mut last_word_end = None;
    for (i, segment) in text.split('"').enumerate() {
        let in_phrase = i % 2 == 1;
        let words: Vec<(usize, usize)> = split_words(segment)
            .into_iter()
            .filter(|&(s, e)| !OPERATORS.contains(&&segment[s..e]))
            .take(budget)
            .collect();
        budget -= words.len();
        if let Some(&(_, e)) = words.last() {
            last_word_end = Some((offset + e, in_phrase));
        }
        let owned = |ws: &[(usize, usize)]| -> Vec<String> {
            ws.iter().map(|&(s, e)| segment[s..e].to_string()).collect()
        };
        if in_phrase && words.len() > 1 {
            items.push(Item {
                words: owned(&words),
                prefix: false,
                hyphenated: false,
            });
        } else {
            // Words joined by a joiner form one item, a phrase of the parts.
            let mut start = 0;
            for k in 1..=words.len() {
                if k < words.len() && joins(&segment[words[k - 1].1..words[k].0]) {
                    continue;
                }
                let hyphenated = k - start == 2
                    && crate::tokens::is_hyphen_join(&segment[words[start].1..words[start + 1].0]);
                items.push(Item {
                    words: owned(&words[start..k]),
                    prefix: false,
                    hyphenated,
                });
                start = k;
            }
        }
        offset += segment.len() + 1;
        if budget == 0 {
            break;
        }
    }
    // The last word is being typed when nothing follows it (also the last part of a
    // joined word: `anti-traf`).
    if prefix
        && let Some((end, false)) = last_word_end
        && end == text.len()
        && let Some(last) = items.last_mut()
        && last
            .words
            .last()
            .is_some_and(|w| w.chars().count() >= MIN_PREFIX_CHARS)
    {
        last.prefix = true;
    }
    items
}

/// The analysed terms of a query per language, for highlighting.
#[derive(Clone, Debug, Default)]
pub struct QueryTerms {
    /// Stemmed terms per language.
    pub exact: [HashSet<String, BuildHasherDefault<Fnv>>; Lang::COUNT],
    /// Folded prefixes per language.
    pub prefixes: [Vec<String>; Lang::COUNT],
}

impl QueryTerms {
    pub fn new(items: &[Item]) -> Self {
        let mut t = QueryTerms::default();
        for lang in Lang::ALL {
            let a = Analyzer::new(lang);
            for item in items {
                for w in item.words.iter().cloned().chain(item.joined()) {
                    let term = a.term(&w);
                    if !term.is_empty() {
                        t.exact[lang.index()].insert(term);
                    }
                }
                if item.prefix
                    && let Some(last) = item.words.last()
                {
                    let f = a.folded(last);
                    if !f.is_empty() {
                        t.prefixes[lang.index()].push(f);
                    }
                }
            }
        }
        t
    }

    pub fn is_empty(&self) -> bool {
        self.exact.iter().all(HashSet::is_empty) && self.prefixes.iter().all(Vec::is_empty)
    }
}

/// Builds the text query: every item must match (`all`) or any may, each item in any
/// language's fields, analysed by that language.
pub fn build(items: &[Item], fields: &Fields, all: bool) -> Box<dyn Query> {
    let occur = if all { Occur::Must } else { Occur::Should };
    let clauses: Vec<(Occur, Box<dyn Query>)> = items
        .iter()
        .map(|item| (occur, item_query(item, fields)))
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn item_query(item: &Item, fields: &Fields) -> Box<dyn Query> {
    if item.prefix
        && let [head @ .., last] = item.words.as_slice()
        && !head.is_empty()
    {
        // A joined word whose last part is being typed (`anti-traf`): the whole phrase
        // as typed, or its first parts with the last one as a prefix.
        let whole = Item {
            prefix: false,
            ..item.clone()
        };
        let head = Item {
            words: head.to_vec(),
            prefix: false,
            hyphenated: false,
        };
        let last = Item {
            words: vec![last.clone()],
            prefix: true,
            hyphenated: false,
        };
        let typing: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, item_query(&head, fields)),
            (Occur::Must, item_query(&last, fields)),
        ]));
        return Box::new(BooleanQuery::new(vec![
            (Occur::Should, item_query(&whole, fields)),
            (Occur::Should, typing),
        ]));
    }
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for lang in Lang::ALL {
        let a = Analyzer::new(lang);
        let lf = &fields.langs[lang.index()];
        let terms: Vec<String> = item.words.iter().map(|w| a.term(w)).collect();
        if terms.iter().any(String::is_empty) {
            continue;
        }
        let joined = item.joined().map(|j| a.term(&j)).filter(|j| !j.is_empty());
        for (field, boost) in lf.weighted() {
            // A phrase is matched on the indexed word pairs: two words are one pair
            // term, more a phrase of the overlapping pairs (`a b c`: `a b`, `b c`).
            let q: Box<dyn Query> = match terms.as_slice() {
                [word] => term_query(field, word),
                [first, second] => term_query(field, &pair_term(first, second)),
                _ => Box::new(PhraseQuery::new(
                    terms
                        .windows(2)
                        .map(|w| Term::from_field_text(field, &pair_term(&w[0], &w[1])))
                        .collect(),
                )),
            };
            should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
            if let Some(joined) = &joined {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(term_query(field, joined), boost)),
                ));
            }
        }
        if item.prefix
            && let Some(q) = prefix_query(&a.folded(&item.words[0]), lf)
        {
            should.push((Occur::Should, q));
        }
    }
    Box::new(BooleanQuery::new(should))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn prefix_query(prefix: &str, lf: &LangFields) -> Option<Box<dyn Query>> {
    if prefix.chars().count() < MIN_PREFIX_CHARS {
        return None;
    }
    let mut pattern = String::with_capacity(prefix.len() + 4);
    for c in prefix.chars() {
        if !c.is_alphanumeric() {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push_str(".*");
    let regex = RegexQuery::from_pattern(&pattern, lf.words).ok()?;
    Some(Box::new(ConstScoreQuery::new(
        Box::new(regex),
        PREFIX_SCORE,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(items: &[Item]) -> Vec<Vec<&str>> {
        items
            .iter()
            .map(|i| i.words.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn parses_words_phrases_and_junk() {
        let items = parse(r#"zaštita "ljudskih prava" AND (x:y) -"#, false);
        assert_eq!(
            words(&items),
            vec![
                vec!["zaštita"],
                vec!["ljudskih", "prava"],
                vec!["x"],
                vec!["y"]
            ]
        );
        assert!(parse(r#"" ( ) : * ~ ^ \ / ""#, true).is_empty());
        let unclosed = parse(r#"a "b c"#, false);
        assert_eq!(words(&unclosed), vec![vec!["a"], vec!["b", "c"]]);
    }

    #[test]
    fn prefix_only_on_a_trailing_word() {
        assert!(parse("zaštita org", true).last().is_some_and(|i| i.prefix));
        assert!(!parse("zaštita org ", true).last().is_some_and(|i| i.prefix));
        assert!(!parse("zaštita org", false).last().is_some_and(|i| i.prefix));
        assert!(
            !parse(r#""zaštita org""#, true)
                .last()
                .is_some_and(|i| i.prefix)
        );
        assert!(!parse("zaštita or", true).last().is_some_and(|i| i.prefix));
    }

    #[test]
    fn joined_words_are_phrases_of_their_parts() {
        let items = parse(
            "PDFTEXT-4 anti-trafficking e\u{2011}mail and/or x - y (a:b)",
            false,
        );
        assert_eq!(
            words(&items),
            vec![
                vec!["PDFTEXT", "4"],
                vec!["anti", "trafficking"],
                vec!["e", "mail"],
                vec!["and", "or"],
                vec!["x"],
                vec!["y"],
                vec!["a"],
                vec!["b"],
            ]
        );
        assert_eq!(
            words(&parse("www.example.org name@example.org a--b", false)),
            vec![
                vec!["www", "example", "org"],
                vec!["name", "example", "org"],
                vec!["a"],
                vec!["b"],
            ]
        );
        // Inside quotes the parts simply continue the phrase.
        assert_eq!(
            words(&parse(r#""anti-trafficking law""#, false)),
            vec![vec!["anti", "trafficking", "law"]]
        );
    }

    #[test]
    fn a_hyphenated_pair_is_also_one_word() {
        let items = parse("e-mail anti\u{2011}trafficking and/or a-b-c", false);
        let joined: Vec<Option<String>> = items.iter().map(Item::joined).collect();
        assert_eq!(
            joined,
            [
                Some("email".to_string()),
                Some("antitrafficking".to_string()),
                None,
                None
            ]
        );
        assert!(parse(r#""e mail""#, false)[0].joined().is_none());
    }

    #[test]
    fn prefix_on_the_last_part_of_a_joined_word() {
        let items = parse("anti-traf", true);
        assert_eq!(words(&items), vec![vec!["anti", "traf"]]);
        assert!(items[0].prefix);
        // A last part shorter than the minimum is taken as complete.
        assert!(!parse("PDFTEXT-4", true)[0].prefix);
        let terms = QueryTerms::new(&parse("anti-traf", true));
        assert_eq!(terms.prefixes[Lang::En.index()], ["traf"]);
    }

    #[test]
    fn caps_the_number_of_words() {
        let long = "riječ ".repeat(5000);
        let items = parse(&long, true);
        assert_eq!(items.len(), MAX_QUERY_WORDS);
        let quoted = "\"a b\" ".repeat(100);
        let n: usize = parse(&quoted, false).iter().map(|i| i.words.len()).sum();
        assert_eq!(n, MAX_QUERY_WORDS);
    }
}
