//! What the quiz pages share: a quiz text in the reader's language (Serbian Latin derived
//! from the Cyrillic), a question's kind as words, and links a quiz may show.

use spona_domain::Locale;
use spona_domain::quiz::Texts;

use crate::Ctx;

/// The text in a locale: Serbian Latin is transliterated from the Cyrillic; a missing one
/// falls back to English.
pub fn text_in(t: &Texts, locale: Locale) -> String {
    let pick = |k: &str| t.get(k).filter(|v| !v.trim().is_empty()).cloned();
    // The reader's language, then the closest ones (spona_domain::reading), then English.
    let found = spona_domain::reading::reading_tags(locale)
        .into_iter()
        .find_map(|tag| match tag {
            "sr-Latn" => {
                pick("sr-Latn").or_else(|| pick("sr-Cyrl").map(|s| spona_i18n::cyr_to_lat(&s)))
            }
            other => pick(other),
        });
    found.or_else(|| pick("en")).unwrap_or_default()
}

/// The text in the reader's locale.
pub fn text(ctx: &Ctx, t: &Texts) -> String {
    text_in(t, ctx.locale)
}

/// Where a quiz link goes: a hub resource in the reader's locale, else as written.
pub fn link_href(ctx: &Ctx, link: &str) -> String {
    if link.starts_with("/resources/") {
        ctx.href(link)
    } else {
        link.to_owned()
    }
}

/// The public address of a campaign (`/q/{slug}`), with a channel when given.
pub fn quiz_path(slug: &str, channel: Option<&str>) -> String {
    match channel {
        Some(c) => format!("/q/{slug}?c={c}"),
        None => format!("/q/{slug}"),
    }
}
