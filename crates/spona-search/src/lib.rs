//! Embedded full-text search for the trilingual resource hub.
//!
//! One tantivy document per resource; each language variant (English, Serbian in either
//! script, Ukrainian) fills its own language's fields, analysed by that language's chain.
//! A query is analysed with every language's chain against that language's fields and
//! the results are unioned, so a hit on any variant returns the resource.
//!
//! # The analysis chain
//!
//! The same at index and query time ([`analysis`]):
//!
//! | language | chain |
//! |---|---|
//! | Serbian | lower case → NFC → Cyrillic to Latin → `đ` as `dj` → diacritics removed → Snowball Serbian stemmer → folded again → fleeting `a` dropped |
//! | English | lower case → NFC → diacritics removed → Snowball English (Porter 2) stemmer |
//! | Ukrainian | lower case → NFC → stress marks removed → apostrophes unified → light Ukrainian stemmer (keeps і, ї, є, ґ) |
//!
//! Why this order: folding *before* stemming gives the stemmer the same input whether the
//! reader typed `заштита`, `zaštita` or `zastita` — stemming the diacritic form first
//! gives different stems for `заштите` and `zastite`. The Snowball Serbian stemmer
//! handles text without diacritics (it has a `no_diacritics` mode) and maps ijekavian
//! `ije`/`je` to ekavian `e` (`izbjeglica` finds `izbeglica`). A second fold is needed
//! because that stemmer turns `dj` back into `đ`. The Snowball stemmer keeps the
//! genitive plural's inserted `a` (`žrtava` → `zrtav`, `žrtve` → `zrtv`), so a small rule
//! drops it (see `analysis::drop_fleeting_a`). The Snowball Ukrainian stemmer failed the
//! vetting on real words (`жертв`/`жертви`, `біженець`/`біженці`), so Ukrainian uses a
//! light stemmer of our own ([`ukrainian`]).
//!
//! Each word is indexed twice: its stemmed term (with positions, for words and phrases)
//! and its folded, unstemmed form (for the prefix match while typing — a stem is not a
//! prefix of the word, `organization` → `organ`). The stemmed fields also hold every pair
//! of adjacent terms (`zastit prav`, at the first word's position), so a two-word phrase
//! is one term lookup and a longer one a phrase of overlapping pairs: the same exact
//! matches as comparing word positions, without intersecting the positions of two
//! frequent words (which made such phrases the slowest queries). The price is indexing
//! time and index size (a term per word more). Tokens keep the offsets of the
//! original text, and snippets are cut from the stored original, so a Cyrillic document
//! found by a Latin query is shown in Cyrillic with the matched words marked.
//!
//! # Visibility
//!
//! Every document carries `audience` values (`public`, `members`, `net:<slug>`,
//! `org:<owner>`). A search has exactly one pass over the matching documents (the
//! collector in `collect`), and its first step drops every document none of whose
//! audience values the reader holds; hits, totals and every facet count are computed
//! after it, so a members-only resource is never counted for an anonymous reader.
//!
//! # Query semantics
//!
//! All words must match (in any field of any variant); when no resource has them all
//! and there are several, the search is repeated with any word matching, best first, and
//! [`SearchResults::relaxed`] says so. AND first gives precise results for the short
//! queries people type; the fallback avoids an empty page for a long or over-specific
//! query. Facet counts: each facet's counts apply all filters except its own. A word
//! joined by a hyphen, slash, dot, underscore or `@` (`PDFTEXT-4`, `anti-trafficking`,
//! `and/or`) is the phrase of its parts, as it was indexed; while typing, its last part is
//! the prefix.
//!
//! # Writing
//!
//! Writes go through one tantivy writer behind a mutex (50 MB budget). `commit(seq)`
//! stores `seq` in the commit payload together with the schema version; `open` recreates
//! an index written by another version (then `indexed_seq() == 0`, reindex). After a bulk
//! load, [`SearchIndex::wait_merges`] lets background merges finish so searches visit a
//! few large segments rather than many small ones.

mod albanian;
mod analysis;
mod bcms;
mod collect;
mod directory;
mod directory_memo;
mod highlight;
mod index;
mod lifecycle;
mod macedonian;
mod query;
mod schema;
mod tokens;
mod ukrainian;
pub mod ukrainian_dict;

pub use analysis::{Analyzer, split_words};
pub use directory::{directory_query, directory_terms, latin_key};
pub use directory_memo::TermMemo;
pub use lifecycle::SearchIndex;

/// The version of the analysis behind [`directory_terms`] and the index. The database keeps
/// texts analysed with it (the `search_text` columns of organisations, services, group posts
/// and recommendations); when it changes, `spona_store::search_upgrade` recomputes each of
/// them once, at start. It follows the index's schema version, which every change of the
/// analysis bumps.
pub const ANALYSIS_VERSION: u32 = schema::SCHEMA_VERSION;

/// The light Ukrainian stemmer alone, without the dictionary (for the dictionary's build
/// and its measurement); input is a folded word.
#[doc(hidden)]
pub fn ukrainian_light_stem(folded: &str) -> String {
    ukrainian::light_stem(folded)
}

use std::fmt;

/// A language of a resource variant, i.e. an analysis chain with its own fields.
///
/// `Sr` is the chain of the BCMS languages — Serbian (either script), Bosnian, Croatian
/// and Montenegrin — analysed as one language: they share grammar and inflection, differ
/// in the yat reflex (ijekavian `rijeka` / ekavian `reka`, folded alike) and a few letters
/// (Montenegrin `ś`, `ź`), so one chain lets a Croatian query find a Serbian text, which
/// separate fields could not. `Lang::parse` maps `bs`, `hr`, `cnr` (and `sh`) to it; the
/// field names stay `*_sr`, so indexes of Serbian resources keep their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Sr,
    Uk,
    /// Albanian (Kosovo, Albania, North Macedonia).
    Sq,
    /// Macedonian, in Cyrillic or in Latin.
    Mk,
}

impl Lang {
    /// All languages, in index order.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Sr, Lang::Uk, Lang::Sq, Lang::Mk];

    /// How many languages (analysis chains, field sets) there are.
    pub const COUNT: usize = Lang::ALL.len();

    /// `"en"`, `"sr"`, `"uk"`, `"sq"` or `"mk"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sr => "sr",
            Lang::Uk => "uk",
            Lang::Sq => "sq",
            Lang::Mk => "mk",
        }
    }

    /// Parses `en`, `sr`, `uk`, `sq`, `mk`, also as the primary subtag of a locale
    /// (`sr-Latn`, `sr-Cyrl`, `en-GB`), case-insensitively. Bosnian (`bs`), Croatian
    /// (`hr`), Montenegrin (`cnr`, also `sr-ME`) and Serbo-Croatian (`sh`) are [`Lang::Sr`],
    /// the BCMS chain.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "sr" | "bs" | "hr" | "cnr" | "sh" => Some(Lang::Sr),
            "uk" => Some(Lang::Uk),
            "sq" => Some(Lang::Sq),
            "mk" => Some(Lang::Mk),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who may see a resource (besides the owning organisation's members, who always may).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Visibility {
    Public,
    /// Every signed-in member of the platform.
    Members,
    /// Members of these networks (slugs).
    Networks(Vec<String>),
}

/// One language variant of a resource, as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDoc {
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    /// Plain text (Markdown rendered and stripped by the caller, or see [`markdown_to_text`]).
    pub body: String,
    /// Extracted text of the attachments.
    pub attachments_text: String,
}

/// A resource as the index sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceDoc {
    /// UUID.
    pub id: String,
    pub kind: String,
    pub themes: Vec<String>,
    pub countries: Vec<String>,
    /// Slug of the owning organisation.
    pub owner_org: String,
    pub visibility: Visibility,
    /// Unix seconds.
    pub updated_at: i64,
    pub variants: Vec<VariantDoc>,
}

/// Who is searching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reader {
    Anonymous,
    /// A signed-in member of these organisations (slugs) and networks (slugs).
    Member {
        orgs: Vec<String>,
        networks: Vec<String>,
    },
    /// Sees everything.
    Admin,
}

/// A search request. `text` empty means browse: everything visible, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words, `"quoted phrases"`; anything else (operators, brackets, colons) is ignored.
    pub text: String,
    /// Match the last word as a prefix (search while typing).
    pub prefix: bool,
    /// Filters: a resource passes a facet's filter when it has any of the listed values.
    pub kinds: Vec<String>,
    pub themes: Vec<String>,
    /// Resources with a variant in one of these languages; the variant shown is one of them.
    pub languages: Vec<Lang>,
    pub countries: Vec<String>,
    pub reader: Reader,
    /// The reader's language: the variant shown when the resource has it.
    pub preferred: Lang,
    pub offset: usize,
    /// At most [`MAX_LIMIT`].
    pub limit: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            prefix: false,
            kinds: Vec::new(),
            themes: Vec::new(),
            languages: Vec::new(),
            countries: Vec::new(),
            reader: Reader::Anonymous,
            preferred: Lang::En,
            offset: 0,
            limit: 20,
        }
    }
}

/// Largest page size; larger limits are cut to it.
pub const MAX_LIMIT: usize = 100;
/// Deepest result reachable by paging (`offset + limit`); deeper pages are empty.
pub const MAX_DEPTH: usize = 10_000;
/// Words of a query beyond this many are ignored.
pub const MAX_QUERY_WORDS: usize = 32;

/// One found resource, shown in one of its variants.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: String,
    /// The variant shown.
    pub lang: Lang,
    /// HTML-escaped title with `<mark>` around matched words.
    pub title_html: String,
    /// HTML-escaped passage of the summary, body or attachment text (the one that
    /// matches best) with `<mark>` around matched words; the start of the summary when
    /// nothing matched (browse).
    pub snippet_html: String,
    pub score: f32,
}

/// A facet value and how many resources have it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet counts over the visible resources that match the text. Each facet's counts
/// apply every filter except that facet's own (so selecting a kind does not hide the
/// other kinds' counts), as faceted interfaces do. Sorted by count, then value.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub theme: Vec<FacetCount>,
    pub language: Vec<FacetCount>,
    pub country: Vec<FacetCount>,
}

/// A page of results.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SearchResults {
    /// Visible resources matching the text and all filters.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// True when no resource had all the words, so resources with any of them are
    /// returned, best first.
    pub relaxed: bool,
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search index writer lock poisoned (a previous write panicked)")]
    Poisoned,
    #[error("the search index has uncommitted changes; commit them first")]
    Uncommitted,
    #[error("invalid resource for the search index: {0}")]
    InvalidDoc(String),
    /// Another process holds the index's writer lock: another Spona runs on this data
    /// directory (or `spona reindex` does).
    #[error(
        "the search index {path} is in use by another process: another Spona is running on this data directory"
    )]
    Locked { path: std::path::PathBuf },
    /// The index is being rebuilt from the database; the text says why.
    #[error("{0}")]
    Rebuilding(String),
    /// The index panicked (a damaged file); caught, never passed on.
    #[error("search index failure: {0}")]
    Panicked(String),
}

/// Plain text of Markdown, good enough for indexing: drops markup characters, link
/// targets and HTML tags, keeps the words.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                // An HTML tag: skip to its end.
                for n in chars.by_ref() {
                    if n == '>' {
                        break;
                    }
                }
                out.push(' ');
            }
            ']' if chars.peek() == Some(&'(') => {
                for n in chars.by_ref() {
                    if n == ')' {
                        break;
                    }
                }
                out.push(' ');
            }
            '#' | '*' | '_' | '`' | '[' | ']' | '>' | '|' | '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_locales() {
        assert_eq!(Lang::parse("sr-Cyrl"), Some(Lang::Sr));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("uk"), Some(Lang::Uk));
        assert_eq!(Lang::parse("de"), None);
        for bcms in ["bs", "hr", "cnr", "sr-ME", "hr-HR", "bs-Cyrl", "sh"] {
            assert_eq!(Lang::parse(bcms), Some(Lang::Sr), "{bcms}");
        }
        assert_eq!(Lang::parse("sq-XK"), Some(Lang::Sq));
        assert_eq!(Lang::parse("mk"), Some(Lang::Mk));
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.as_str()), Some(l));
        }
    }

    #[test]
    fn markdown_to_text_keeps_words() {
        let t = markdown_to_text("# Title\n**bold** [link](http://x.y/z) <b>x</b> `code`");
        assert!(t.contains("Title") && t.contains("bold") && t.contains("link"));
        assert!(!t.contains("http") && !t.contains('<') && !t.contains('*'));
    }

    #[test]
    fn search_index_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SearchIndex>();
    }
}
