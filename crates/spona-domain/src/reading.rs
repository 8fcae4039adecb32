//! Which language of a multilingual text a reader gets: theirs, then the closest one.
//!
//! This is the one fallback table for every reader of multilingual content (organisation
//! names and descriptions, resources, events, texts, publications, matching titles, group
//! digests). A reader of `locale` is offered the written languages of [`reading_order`], in
//! that order; a caller that must show *something* then takes any language at all.
//!
//! Why this order:
//! - **Bosnian, Croatian, Montenegrin, Serbian** are one mutually intelligible language area
//!   with four standards. A reader gets their own standard, then the standards nearest to it:
//!   the ijekavian Latin ones first (Bosnian, Croatian and Montenegrin share the ijekavian
//!   reflex and, in practice, the Latin script), Serbian (mostly ekavian) next, English last.
//!   Bosnian sits between the two: Croatian, then Montenegrin. Croatian readers get Bosnian
//!   (closest in vocabulary of the ijekavian Latin texts), then Montenegrin. Montenegrin
//!   readers get Serbian first — the Montenegrin standard is closest to Serbian in
//!   vocabulary — then Bosnian and Croatian. Serbian readers get Montenegrin, Bosnian,
//!   Croatian. Serbian written in Cyrillic is shown to Latin readers transliterated (that
//!   direction is exact); Latin-written Serbian is shown as written to Cyrillic readers.
//! - **Macedonian** readers read Serbian (same Cyrillic script, close Slavic language, shared
//!   schooling and media for most adults) far more easily than English, so Serbian comes
//!   next — Cyrillic before Latin — then the other standards of the area, then English.
//! - **Albanian** has no close relative here. Albanian readers in Kosovo and North
//!   Macedonia often read Serbian or Macedonian, but many younger ones do not, and choosing
//!   one for them is a political act: English comes next.
//! - **Ukrainian** and **English** readers: English (the working language of the
//!   networks), then whatever exists.

use crate::Locale;

/// The written languages a reader of `locale` gets, best first, ending in English. Serbian
/// is `sr`, whatever the script ([`reading_tags`] expands it).
pub fn reading_order(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::En => &["en"],
        Locale::SrLatn | Locale::SrCyrl => &["sr", "cnr", "bs", "hr", "en"],
        Locale::Uk => &["uk", "en"],
        Locale::Sq => &["sq", "en"],
        Locale::Mk => &["mk", "sr", "bs", "hr", "cnr", "en"],
        Locale::Bs => &["bs", "hr", "cnr", "sr", "en"],
        Locale::Hr => &["hr", "bs", "cnr", "sr", "en"],
        Locale::Cnr => &["cnr", "sr", "bs", "hr", "en"],
    }
}

/// Like [`reading_order`], with Serbian as the two script tags `sr-Latn` and `sr-Cyrl`: the
/// reader's own script first (Cyrillic for Cyrillic readers, Latin for the others).
pub fn reading_tags(locale: Locale) -> Vec<&'static str> {
    let serbian: [&'static str; 2] = if locale.is_cyrillic() {
        ["sr-Cyrl", "sr-Latn"]
    } else {
        ["sr-Latn", "sr-Cyrl"]
    };
    let mut out = Vec::with_capacity(8);
    for &lang in reading_order(locale) {
        if lang == "sr" {
            out.extend(serbian);
        } else {
            out.push(lang);
        }
    }
    out
}

/// Whether a text written in `tag` (`sr-Cyrl`, `hr`, …) is shown transliterated to a reader
/// of `locale`: Serbian Cyrillic to the Latin readers of Serbian, Bosnian, Croatian and
/// Montenegrin (exact, and what they read). English and Albanian readers see it as written:
/// for them it is a foreign text, and its script says which language it is.
pub fn latinise_for(locale: Locale, tag: &str) -> bool {
    tag == "sr-Cyrl" && reads_serbian_latin(locale)
}

/// Whether a reader of `locale` reads Serbian Cyrillic names and texts in Latin letters:
/// Serbian Latin, Bosnian, Croatian and Montenegrin readers.
pub fn reads_serbian_latin(locale: Locale) -> bool {
    matches!(
        locale,
        Locale::SrLatn | Locale::Bs | Locale::Hr | Locale::Cnr
    )
}

/// The best of the `available` languages (codes as [`reading_order`] names them) for a
/// reader of `locale`; `None` when none of the reader's languages is there.
pub fn best<'a>(
    locale: Locale,
    available: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    reading_order(locale)
        .iter()
        .find_map(|want| available.clone().into_iter().find(|a| *a == *want))
}

/// The interface locale for a working language (a [`crate::vocab::LANGUAGES`] code), for
/// mail to an organisation: Serbian in Latin (mail clients and the region read it widely).
pub fn locale_of_language(code: &str) -> Option<Locale> {
    Some(match code {
        "en" => Locale::En,
        "sr" => Locale::SrLatn,
        "uk" => Locale::Uk,
        "sq" => Locale::Sq,
        "mk" => Locale::Mk,
        "bs" => Locale::Bs,
        "hr" => Locale::Hr,
        "cnr" => Locale::Cnr,
        _ => return None,
    })
}

/// Whether a locale is one of the four standards of Bosnian, Croatian, Montenegrin and
/// Serbian (one mutually intelligible language: a mail needs only one of them).
pub fn is_bcms(locale: Locale) -> bool {
    matches!(
        locale,
        Locale::SrLatn | Locale::SrCyrl | Locale::Bs | Locale::Hr | Locale::Cnr
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_starts_with_the_readers_language_and_ends_in_english() {
        for l in Locale::ALL {
            let order = reading_order(l);
            assert_eq!(order[0], l.language(), "{l}");
            assert_eq!(order.last(), Some(&"en"), "{l}");
            let mut seen = std::collections::HashSet::new();
            assert!(order.iter().all(|x| seen.insert(*x)), "{l} repeats");
        }
    }

    #[test]
    fn neighbours_come_before_english() {
        assert_eq!(reading_order(Locale::Bs)[1], "hr");
        assert_eq!(reading_order(Locale::Cnr)[1], "sr");
        assert_eq!(reading_order(Locale::Mk)[1], "sr");
        assert_eq!(reading_order(Locale::Sq), &["sq", "en"]);
        assert_eq!(reading_tags(Locale::Mk)[..3], ["mk", "sr-Cyrl", "sr-Latn"]);
        assert_eq!(
            reading_tags(Locale::Hr),
            ["hr", "bs", "cnr", "sr-Latn", "sr-Cyrl", "en"]
        );
        assert!(latinise_for(Locale::Bs, "sr-Cyrl"));
        assert!(!latinise_for(Locale::Mk, "sr-Cyrl"));
        assert!(!latinise_for(Locale::En, "sr-Cyrl"));
        assert!(!latinise_for(Locale::Hr, "sr-Latn"));
        assert_eq!(best(Locale::Bs, ["en", "sr", "hr"]), Some("hr"));
        assert_eq!(best(Locale::Sq, ["sr", "mk"]), None);
    }
}
