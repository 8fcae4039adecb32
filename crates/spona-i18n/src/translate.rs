//! Fluent translations for the nine locales.
//!
//! English, Serbian Cyrillic, Ukrainian, Albanian, Macedonian and the shared ijekavian Latin
//! base of Bosnian, Croatian and Montenegrin (`bcms`) are authored in `locales/*/`. Serbian
//! Latin is derived from the Cyrillic file at start-up by exact transliteration of the text
//! parts of every pattern — message ids, variables, selectors and variant keys stay
//! untouched. Bosnian, Croatian and Montenegrin are the `bcms` base plus a small overlay
//! (`locales/{bs,hr,cnr}/overlay.ftl`) holding only the messages, from any area, whose text
//! differs from the base; the overlay is added last and wins.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use spona_domain::Locale;
use unic_langid::LanguageIdentifier;

/// A text that is written by hand: every locale's bundle starts from one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    En,
    SrCyrl,
    Uk,
    Sq,
    Mk,
    /// The shared ijekavian Latin base of Bosnian, Croatian and Montenegrin.
    Bcms,
}

impl Base {
    /// The authored text a locale starts from (Serbian Latin: the Cyrillic one, latinised).
    pub fn of(locale: Locale) -> Base {
        match locale {
            Locale::En => Base::En,
            Locale::SrCyrl | Locale::SrLatn => Base::SrCyrl,
            Locale::Uk => Base::Uk,
            Locale::Sq => Base::Sq,
            Locale::Mk => Base::Mk,
            Locale::Bs | Locale::Hr | Locale::Cnr => Base::Bcms,
        }
    }

    pub const ALL: [Base; 6] = [
        Base::En,
        Base::SrCyrl,
        Base::Uk,
        Base::Sq,
        Base::Mk,
        Base::Bcms,
    ];
}

/// The authored shared sources, embedded in the binary: one file per area and base.
const SOURCES: [(Base, &[&str]); 6] = [
    (
        Base::En,
        &[
            include_str!("../locales/en/ui.ftl"),
            include_str!("../locales/en/vocab.ftl"),
        ],
    ),
    (
        Base::SrCyrl,
        &[
            include_str!("../locales/sr-Cyrl/ui.ftl"),
            include_str!("../locales/sr-Cyrl/vocab.ftl"),
        ],
    ),
    (
        Base::Uk,
        &[
            include_str!("../locales/uk/ui.ftl"),
            include_str!("../locales/uk/vocab.ftl"),
        ],
    ),
    (
        Base::Sq,
        &[
            include_str!("../locales/sq/ui.ftl"),
            include_str!("../locales/sq/vocab.ftl"),
        ],
    ),
    (
        Base::Mk,
        &[
            include_str!("../locales/mk/ui.ftl"),
            include_str!("../locales/mk/vocab.ftl"),
        ],
    ),
    (
        Base::Bcms,
        &[
            include_str!("../locales/bcms/ui.ftl"),
            include_str!("../locales/bcms/vocab.ftl"),
        ],
    ),
];

/// What Bosnian, Croatian and Montenegrin change in the `bcms` base, from any area.
const OVERLAYS: [(Locale, &str); 3] = [
    (Locale::Bs, include_str!("../locales/bs/overlay.ftl")),
    (Locale::Hr, include_str!("../locales/hr/overlay.ftl")),
    (Locale::Cnr, include_str!("../locales/cnr/overlay.ftl")),
];

/// A locale's overlay over its base (empty for the locales that have none).
pub fn overlay(locale: Locale) -> &'static str {
    OVERLAYS
        .iter()
        .find(|(l, _)| *l == locale)
        .map_or("", |(_, s)| *s)
}

/// The language whose CLDR plural rules a locale's bundle uses. CLDR (37, in
/// `intl_pluralrules`) has no rules for Montenegrin (`cnr`): an unknown tag would silently
/// fall back to English's one/other, so Montenegrin uses Serbian's rules — one/few/other,
/// the same rule CLDR gives Bosnian, Croatian, Serbian and Serbo-Croatian.
pub fn plural_language(locale: Locale) -> &'static str {
    match locale {
        Locale::Cnr => "sr",
        other => other.tag(),
    }
}

/// One area's Fluent sources (a feature's strings) in each authored base; Serbian Latin is
/// derived from the Cyrillic one like the shared files, and the overlays of Bosnian,
/// Croatian and Montenegrin apply to every area.
#[derive(Debug, Clone, Copy)]
pub struct Strings {
    pub en: &'static str,
    pub sr_cyrl: &'static str,
    pub uk: &'static str,
    pub sq: &'static str,
    pub mk: &'static str,
    pub bcms: &'static str,
}

impl Strings {
    fn of(&self, base: Base) -> &'static str {
        match base {
            Base::En => self.en,
            Base::SrCyrl => self.sr_cyrl,
            Base::Uk => self.uk,
            Base::Sq => self.sq,
            Base::Mk => self.mk,
            Base::Bcms => self.bcms,
        }
    }
}

/// A value for a placeable in a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
    /// A number with a fraction (an amount, a share); written per locale like `Num`.
    Dec(f64),
}

/// All nine bundles, built once at start-up and shared read-only.
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
            let langid: LanguageIdentifier = plural_language(locale)
                .parse()
                .map_err(|e| format!("{locale}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            // Numbers in placeables as the locale writes them, and `NUMBER()` (issue 25).
            bundle.set_formatter(Some(crate::numbers::fluent_formatter));
            bundle
                .add_builtins()
                .map_err(|e| format!("{locale}: {e:?}"))?;
            bundle
                .add_resource(resource)
                .map_err(|e| format!("{locale}: {e:?}"))?;
            let overlay = overlay(locale);
            if !overlay.is_empty() {
                let resource = FluentResource::try_new(overlay.to_owned())
                    .map_err(|(_, errs)| format!("{locale} overlay: {errs:?}"))?;
                bundle.add_resource_overriding(resource);
            }
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
                    Arg::Dec(n) => fargs.set(*name, FluentValue::from(*n)),
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

    /// Message ids defined in a locale's shared sources and the areas' own (its base's; an
    /// overlay adds none, see [`Translator::overlay_ids`]).
    pub fn message_ids_with(areas: &[Strings], locale: Locale) -> Vec<String> {
        ids_in(&source_of(locale, areas))
    }

    /// Message ids a locale's overlay redefines.
    pub fn overlay_ids(locale: Locale) -> Vec<String> {
        ids_in(overlay(locale))
    }
}

fn ids_in(source: &str) -> Vec<String> {
    let Ok(resource) = fluent_syntax::parser::parse(source) else {
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

fn source_of(locale: Locale, areas: &[Strings]) -> String {
    let base = Base::of(locale);
    let files = SOURCES
        .iter()
        .find(|(b, _)| *b == base)
        .map(|(_, s)| *s)
        .unwrap_or(SOURCES[0].1);
    let mut all: Vec<&str> = files.to_vec();
    all.extend(areas.iter().map(|a| a.of(base)));
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
        for l in Locale::ALL {
            let ids = Translator::message_ids(l);
            let missing: Vec<_> = en.iter().filter(|k| !ids.contains(k)).collect();
            let extra: Vec<_> = ids.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty(), "{l} lacks {missing:?}");
            assert!(extra.is_empty(), "{l} has unknown {extra:?}");
        }
    }

    #[test]
    fn overlays_parse_and_define_each_message_once() {
        for l in [Locale::Bs, Locale::Hr, Locale::Cnr] {
            let src = overlay(l);
            assert!(
                fluent_syntax::parser::parse(src).is_ok(),
                "{l} overlay does not parse"
            );
            let ids = Translator::overlay_ids(l);
            let mut seen = std::collections::HashSet::new();
            let twice: Vec<_> = ids.iter().filter(|k| !seen.insert(*k)).collect();
            assert!(twice.is_empty(), "{l} overlay defines twice {twice:?}");
        }
    }

    #[test]
    fn an_overlay_wins_over_the_base() {
        let mut t = Translator::new().expect("bundles build");
        let base = t.t(Locale::Hr, "nav-home");
        let resource =
            FluentResource::try_new("nav-home = Naslovnica\n".to_owned()).expect("parses");
        if let Some((_, b)) = t.bundles.iter_mut().find(|(l, _)| *l == Locale::Hr) {
            b.add_resource_overriding(resource);
        }
        assert_eq!(t.t(Locale::Hr, "nav-home"), "Naslovnica");
        assert_eq!(t.t(Locale::Bs, "nav-home"), base);
    }

    /// The CLDR plural category each locale's bundle picks, through a message that names
    /// every category (so the test holds whatever the translators write).
    #[test]
    fn plural_categories_follow_cldr() {
        let probe = "probe = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
        let numbers = [0, 1, 2, 5, 11, 21, 101];
        // One/other by `n = 1` (English, Albanian); Macedonian: one for i % 10 = 1 and
        // i % 100 != 11; the Slavic one/few/other of Serbian, Bosnian, Croatian (and,
        // mapped, Montenegrin); Ukrainian one/few/many.
        let en = ["other", "one", "other", "other", "other", "other", "other"];
        let mk = ["other", "one", "other", "other", "other", "one", "one"];
        let bcms = ["other", "one", "few", "other", "other", "one", "one"];
        let uk = ["many", "one", "few", "many", "many", "one", "one"];
        for l in Locale::ALL {
            let want = match l {
                Locale::En | Locale::Sq => en,
                Locale::Mk => mk,
                Locale::SrLatn | Locale::SrCyrl | Locale::Bs | Locale::Hr | Locale::Cnr => bcms,
                Locale::Uk => uk,
            };
            let langid: LanguageIdentifier = plural_language(l).parse().expect("tag");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle
                .add_resource(FluentResource::try_new(probe.to_owned()).expect("parses"))
                .expect("adds");
            let msg = bundle.get_message("probe").expect("probe");
            for (n, want) in numbers.iter().zip(want) {
                let mut args = FluentArgs::new();
                args.set("n", FluentValue::from(*n));
                let mut errors = Vec::new();
                let got =
                    bundle.format_pattern(msg.value().expect("value"), Some(&args), &mut errors);
                assert_eq!(got, want, "{l} picks {got} for {n}");
            }
        }
    }

    /// The real messages: every locale's bundle formats a plural message for each number
    /// with the number in it and no error.
    #[test]
    fn plural_messages_format_in_every_locale() {
        let t = Translator::new().expect("bundles build");
        for l in Locale::ALL {
            for n in [0, 1, 2, 5, 11, 21, 101] {
                let text = t.t_args(l, "org-count", &[("count", Arg::Num(n))]);
                assert!(text.contains(&n.to_string()), "{l} {n}: {text}");
                assert_ne!(text, "org-count");
            }
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
