//! Vocabulary options with their labels in the reader's language, for filters and forms of
//! every feature, and names of networks.

use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES, Vocabulary};
use spona_store::networks::Network;

use crate::Ctx;
use crate::http::view::pick_own;

/// `(code, label)` pairs of one vocabulary.
pub type OptionList = Vec<(String, String)>;

/// Each vocabulary's codes with their labels, per locale, sorted by label — built once at
/// start-up for the vocabularies every directory page and form shows, keyed by the
/// vocabulary's label prefix. A vocabulary outside the cache is built on the spot: the lookup
/// never answers with another vocabulary's list.
pub struct Options {
    cached: std::collections::HashMap<(spona_domain::Locale, &'static str), OptionList>,
}

/// The vocabularies built at start-up. Others (e.g. the resource kinds) work too, built
/// per request.
const CACHED: [Vocabulary; 6] = [
    COUNTRIES,
    THEMES,
    KNOWHOW,
    LANGUAGES,
    TEXT_LANGUAGES,
    spona_domain::resource::RESOURCE_KINDS,
];

fn build(
    tr: &spona_i18n::Translator,
    locale: spona_domain::Locale,
    vocab: Vocabulary,
) -> OptionList {
    let mut v: OptionList = vocab
        .codes
        .iter()
        .map(|c| (c.to_string(), tr.t(locale, &vocab.label_key(c))))
        .collect();
    v.sort_by_cached_key(|a| spona_i18n::fold(&a.1));
    v
}

impl Options {
    pub fn new(tr: &spona_i18n::Translator) -> Self {
        let mut cached = std::collections::HashMap::new();
        for locale in spona_domain::Locale::ALL {
            for vocab in CACHED {
                cached.insert((locale, vocab.label_prefix), build(tr, locale, vocab));
            }
        }
        Options { cached }
    }

    /// `vocab`'s codes with their labels in `locale`, sorted by label.
    pub fn get(
        &self,
        tr: &spona_i18n::Translator,
        locale: spona_domain::Locale,
        vocab: Vocabulary,
    ) -> OptionList {
        match self.cached.get(&(locale, vocab.label_prefix)) {
            Some(list) => list.clone(),
            None => build(tr, locale, vocab),
        }
    }
}

/// A vocabulary's codes with their labels in the reader's locale, sorted by label.
pub fn options(ctx: &Ctx, vocab: Vocabulary) -> OptionList {
    ctx.state.options.get(&ctx.state.tr, ctx.locale, vocab)
}

/// A network's name in the reader's locale.
pub fn network_name(ctx: &Ctx, n: &Network) -> String {
    pick_own(ctx.locale, &n.texts, |t| t.name.as_ref())
        .map(|s| s.text)
        .unwrap_or_else(|| n.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::resource::RESOURCE_KINDS;

    /// Every vocabulary a form shows gets its own codes back, in every locale — cached or not.
    #[test]
    fn every_vocabulary_lists_its_own_codes() {
        let tr = spona_i18n::Translator::new().expect("translations");
        let options = Options::new(&tr);
        for locale in spona_domain::Locale::ALL {
            for vocab in [
                COUNTRIES,
                THEMES,
                KNOWHOW,
                LANGUAGES,
                TEXT_LANGUAGES,
                RESOURCE_KINDS,
            ] {
                let mut got: Vec<String> = options
                    .get(&tr, locale, vocab)
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect();
                got.sort();
                let mut want: Vec<String> = vocab.codes.iter().map(|c| c.to_string()).collect();
                want.sort();
                assert_eq!(got, want, "{} in {locale:?}", vocab.label_prefix);
            }
        }
    }
}
