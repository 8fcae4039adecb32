//! Fluent translations for the four locales.
//!
//! English, Serbian Cyrillic and Ukrainian are authored in `locales/*.ftl`. Serbian Latin is
//! derived from the Cyrillic file at start-up by exact transliteration of the text parts of
//! every pattern — message ids, variables, selectors and variant keys stay untouched.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use spona_domain::Locale;
use unic_langid::LanguageIdentifier;

/// The authored sources, embedded in the binary: one file per area and locale.
const SOURCES: [(Locale, &[&str]); 3] = [
    (
        Locale::En,
        &[
            include_str!("../locales/en/ui.ftl"),
            include_str!("../locales/en/vocab.ftl"),
        ],
    ),
    (
        Locale::SrCyrl,
        &[
            include_str!("../locales/sr-Cyrl/ui.ftl"),
            include_str!("../locales/sr-Cyrl/vocab.ftl"),
        ],
    ),
    (
        Locale::Uk,
        &[
            include_str!("../locales/uk/ui.ftl"),
            include_str!("../locales/uk/vocab.ftl"),
        ],
    ),
];

/// One area's Fluent sources (a feature's strings) in each authored locale; Serbian Latin is
/// derived from the Cyrillic one like the shared files.
#[derive(Debug, Clone, Copy)]
pub struct Strings {
    pub en: &'static str,
    pub sr_cyrl: &'static str,
    pub uk: &'static str,
}

impl Strings {
    fn of(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::SrCyrl | Locale::SrLatn => self.sr_cyrl,
            Locale::Uk => self.uk,
        }
    }
}

/// A value for a placeable in a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

/// All four bundles, built once at start-up and shared read-only.
pub struct Translator {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator").finish_non_exhaustive()
    }
}

impl Translator {
    /// Builds the bundles from the shared embedded sources. Fails with the first Fluent
    /// syntax error.
    pub fn new() -> Result<Self, String> {
        Self::with(&[])
    }

    /// Builds the bundles from the shared sources and each area's own (the web layer's
    /// features). A message defined twice is an error.
    pub fn with(areas: &[Strings]) -> Result<Self, String> {
        let mut bundles = Vec::new();
        for locale in Locale::ALL {
            let source = match locale {
                Locale::SrLatn => latinise_ftl(&source_of(Locale::SrCyrl, areas))?,
                other => source_of(other, areas),
            };
            let resource = FluentResource::try_new(source)
                .map_err(|(_, errs)| format!("{locale}: {errs:?}"))?;
            let langid: LanguageIdentifier =
                locale.tag().parse().map_err(|e| format!("{locale}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|e| format!("{locale}: {e:?}"))?;
            bundles.push((locale, bundle));
        }
        Ok(Self { bundles })
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        // Every locale has a bundle (built in `new`); English is the first.
        self.bundles
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, b)| b)
            .unwrap_or(&self.bundles[0].1)
    }

    /// Whether `key` exists in the locale's own bundle (no fallback).
    pub fn has(&self, locale: Locale, key: &str) -> bool {
        self.bundle(locale).has_message(key)
    }

    /// The message `key` in `locale`; English if the locale lacks it; the key itself if
    /// no bundle has it (so a missing string shows up in review instead of vanishing).
    pub fn t(&self, locale: Locale, key: &str) -> String {
        self.t_args(locale, key, &[])
    }

    /// Like [`Translator::t`], with named arguments for placeables and plurals.
    pub fn t_args(&self, locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let (attr_key, attr) = match key.split_once('.') {
            Some((k, a)) => (k, Some(a)),
            None => (key, None),
        };
        for l in [locale, Locale::En] {
            let bundle = self.bundle(l);
            let Some(msg) = bundle.get_message(attr_key) else {
                continue;
            };
            let pattern = match attr {
                Some(a) => msg.get_attribute(a).map(|at| at.value()),
                None => msg.value(),
            };
            let Some(pattern) = pattern else { continue };
            let mut fargs = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Str(s) => fargs.set(*name, FluentValue::from(*s)),
                    Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
                }
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            return text.into_owned();
        }
        key.to_owned()
    }

    /// Message ids defined in a locale's shared sources, for completeness checks.
    pub fn message_ids(locale: Locale) -> Vec<String> {
        Self::message_ids_with(&[], locale)
    }

    /// Message ids defined in a locale's shared sources and the areas' own.
    pub fn message_ids_with(areas: &[Strings], locale: Locale) -> Vec<String> {
        let source = source_of(locale, areas);
        let Ok(resource) = fluent_syntax::parser::parse(source.as_str()) else {
            return Vec::new();
        };
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }
}

fn source_of(locale: Locale, areas: &[Strings]) -> String {
    let authored = match locale {
        Locale::SrLatn => Locale::SrCyrl,
        other => other,
    };
    let files = SOURCES
        .iter()
        .find(|(l, _)| *l == authored)
        .map(|(_, s)| *s)
        .unwrap_or(SOURCES[0].1);
    let mut all: Vec<&str> = files.to_vec();
    all.extend(areas.iter().map(|a| a.of(authored)));
    all.join("\n")
}

/// Rewrites a Serbian Cyrillic FTL source into Latin, touching only text elements.
pub fn latinise_ftl(source: &str) -> Result<String, String> {
    let resource =
        fluent_syntax::parser::parse(source).map_err(|(_, errs)| format!("sr-Cyrl: {errs:?}"))?;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let base = source.as_ptr() as usize;
    let mut push = |s: &str| {
        let start = s.as_ptr() as usize - base;
        ranges.push((start, start + s.len()));
    };
    for entry in &resource.body {
        let (value, attributes) = match entry {
            Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        if let Some(p) = value {
            text_elements(p, &mut push);
        }
        for a in attributes {
            text_elements(&a.value, &mut push);
        }
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (start, end) in ranges {
        if start < at {
            continue;
        }
        out.push_str(&source[at..start]);
        out.push_str(&crate::translit::cyr_to_lat(&source[start..end]));
        at = end;
    }
    out.push_str(&source[at..]);
    Ok(out)
}

fn text_elements<'s>(pattern: &Pattern<&'s str>, push: &mut impl FnMut(&'s str)) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => push(value),
            PatternElement::Placeable { expression } => expression_text(expression, push),
        }
    }
}

fn expression_text<'s>(expression: &Expression<&'s str>, push: &mut impl FnMut(&'s str)) {
    match expression {
        Expression::Select { variants, .. } => {
            for v in variants {
                text_elements(&v.value, push);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_text(expression, push)
        }
        Expression::Inline(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latinises_only_text() {
        let src = "org-count = { $count ->\n    [one] { $count } организација\n   *[other] { $count } организација\n}\nhello = Здраво, { $name }!\n    .title = Љубазно\n";
        let lat = latinise_ftl(src).expect("parses");
        assert!(lat.contains("[one] { $count } organizacija"));
        assert!(lat.contains("hello = Zdravo, { $name }!"));
        assert!(lat.contains(".title = Ljubazno"));
    }

    #[test]
    fn every_locale_has_every_message() {
        let en = Translator::message_ids(Locale::En);
        assert!(en.len() > 50, "English bundle looks empty");
        for l in [Locale::SrCyrl, Locale::Uk] {
            let ids = Translator::message_ids(l);
            let missing: Vec<_> = en.iter().filter(|k| !ids.contains(k)).collect();
            let extra: Vec<_> = ids.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty(), "{l} lacks {missing:?}");
            assert!(extra.is_empty(), "{l} has unknown {extra:?}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let t = Translator::new().expect("bundles build");
        let n = |l, c| t.t_args(l, "org-count", &[("count", Arg::Num(c))]);
        assert_eq!(n(Locale::En, 1), "1 organisation");
        assert_eq!(n(Locale::En, 5), "5 organisations");
        assert_eq!(n(Locale::SrLatn, 21), "21 organizacija");
        assert_eq!(n(Locale::SrLatn, 3), "3 organizacije");
        assert_eq!(n(Locale::SrCyrl, 5), "5 организација");
        assert_eq!(n(Locale::Uk, 1), "1 організація");
        assert_eq!(n(Locale::Uk, 3), "3 організації");
        assert_eq!(n(Locale::Uk, 5), "5 організацій");
    }

    #[test]
    fn vocabularies_are_translated() {
        use spona_domain::vocab::*;
        let t = Translator::new().expect("bundles build");
        for l in Locale::ALL {
            for v in [THEMES, KNOWHOW, LANGUAGES, COUNTRIES, TEXT_LANGUAGES] {
                for c in v.codes {
                    let key = v.label_key(c);
                    assert!(t.has(l, &key), "{l} lacks {key}");
                }
            }
        }
    }
}
