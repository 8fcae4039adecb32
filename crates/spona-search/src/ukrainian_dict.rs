//! The Ukrainian dictionary: corrections to the light stemmer ([`crate::ukrainian`]) for
//! the word forms whose stem alternates (`Київ` / `Києві`, `нога` / `нозі`, `Харків` /
//! `Харкова`, `рука` / `руці`), which no suffix stripper can join.
//!
//! **Source.** Debian's `hunspell-uk` (the LibreOffice Ukrainian dictionary, `uk_UA.dic`
//! and `uk_UA.aff`; licence GPL-2+ or LGPL-2.1+ or MPL-1.1, so it may ship inside an
//! AGPL-3.0 program). `scripts/uk-dict/build.sh` expands every entry into its word forms
//! (hunspell's `unmunch`), joins entries that share a form into one family
//! (union–find; the largest family has 23 entries) and names each family by its first
//! entry; `cargo run -p spona-search --example build_uk_dict` then keeps only the forms
//! whose light stem differs from the family's, and writes them as an `fst` map
//! (folded form → term number) beside the list of terms, in `data/uk/`.
//!
//! **At run time** both files are compiled into the binary (`include_bytes!`, about a
//! megabyte each, see REPORT) and opened on first use without copying (an `fst` is read
//! in place): a word's term is the dictionary's when it is listed, the light stem
//! otherwise, so a word the dictionary lacks (a name, a new word) behaves as before.

use std::sync::LazyLock;

use tantivy_fst::Map;

static FORMS: &[u8] = include_bytes!("../data/uk/forms.fst");
static TERMS: &str = include_str!("../data/uk/terms.txt");

/// The opened dictionary: forms → term numbers, and the terms.
pub struct Dictionary {
    forms: Map<&'static [u8]>,
    terms: Vec<&'static str>,
}

static DICTIONARY: LazyLock<Option<Dictionary>> = LazyLock::new(|| Dictionary::open(FORMS, TERMS));

impl Dictionary {
    /// Opens a dictionary from its two files; `None` when the map is damaged.
    pub fn open(forms: &'static [u8], terms: &'static str) -> Option<Dictionary> {
        let fst = tantivy_fst::raw::Fst::new(forms).ok()?;
        Some(Dictionary {
            forms: Map::from(fst),
            terms: terms.lines().collect(),
        })
    }

    /// The term of a folded word form, when the dictionary lists it.
    pub fn term(&self, folded: &str) -> Option<&'static str> {
        let n = self.forms.get(folded)?;
        self.terms.get(usize::try_from(n).ok()?).copied()
    }

    /// How many forms are listed.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether no form is listed.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// The dictionary compiled into the binary (opened on first use).
pub fn dictionary() -> Option<&'static Dictionary> {
    DICTIONARY.as_ref()
}

/// Builds the two files from (form, family name) pairs, both lower case: the forms whose
/// light stem differs from the family name's light stem, mapped to the latter.
/// Returns the `fst` bytes and the terms, one a line.
pub fn build(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<(Vec<u8>, String), tantivy_fst::Error> {
    use std::collections::{BTreeMap, HashMap};
    let analyzer = crate::Analyzer::new(crate::Lang::Uk);
    let mut terms: HashMap<String, u64> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut forms: BTreeMap<String, u64> = BTreeMap::new();
    for (form, family) in pairs {
        let form = analyzer.folded(&form);
        let stem = crate::ukrainian::light_stem(&form);
        let target = crate::ukrainian::light_stem(&analyzer.folded(&family));
        if stem == target || form.is_empty() {
            continue;
        }
        let n = *terms.entry(target.clone()).or_insert_with(|| {
            order.push(target);
            order.len() as u64 - 1
        });
        forms.insert(form, n);
    }
    let mut builder = tantivy_fst::MapBuilder::memory();
    for (form, n) in &forms {
        builder.insert(form, *n)?;
    }
    let bytes = builder.into_inner()?;
    let mut text = String::new();
    for t in order {
        text.push_str(&t);
        text.push('\n');
    }
    Ok((bytes, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_opens_and_joins_alternating_stems() {
        let d = dictionary().expect("the compiled-in dictionary opens");
        assert!(d.len() > 1000, "{}", d.len());
        let stem = |w: &str| crate::ukrainian::stem(w);
        assert_eq!(stem("києві"), stem("київ"));
        assert_eq!(stem("харкова"), stem("харків"));
        assert_eq!(stem("нозі"), stem("нога"));
        assert_eq!(stem("руці"), stem("рука"));
        assert_ne!(stem("нога"), stem("рука"));
    }

    #[test]
    fn build_keeps_only_the_corrections() {
        let pairs = [
            ("київ", "київ"),
            ("києві", "київ"),
            ("києва", "київ"),
            ("жертви", "жертва"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()));
        let (fst, terms) = build(pairs).expect("build");
        let d = Dictionary::open(fst.leak(), terms.leak()).expect("open");
        assert_eq!(d.len(), 2, "only the forms the light stemmer misses");
        assert_eq!(d.term("києві"), Some("київ"));
        assert_eq!(d.term("жертви"), None);
    }
}
