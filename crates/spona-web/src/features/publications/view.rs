//! What the pages, feeds and API show of a publication, in the reader's language.

use spona_app::publications::chosen;
use spona_domain::resource::ContentLang;
use spona_store::publications::{Photo, Publication};

use crate::Ctx;

/// A publication as a page or a feed shows it to one reader.
pub struct Shown {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub by_name: String,
    pub by_slug: String,
    pub by_network: bool,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub transcript: String,
    pub link: String,
    /// `draft`, `scheduled` or `published`.
    pub status: &'static str,
    /// The publication time as written, with its zone; empty for a draft.
    pub when: String,
    pub publish_at: i64,
    pub updated_at: i64,
    pub photos: Vec<Photo>,
    /// The languages it is written in, original first.
    pub langs: Vec<String>,
}

impl Shown {
    /// The body's paragraphs (split at blank lines).
    pub fn paragraphs(&self) -> Vec<String> {
        paragraphs(&self.body)
    }
    pub fn transcript_paragraphs(&self) -> Vec<String> {
        paragraphs(&self.transcript)
    }
}

pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().replace('\r', ""))
        .filter(|p| !p.is_empty())
        .collect()
}

pub fn status(p: &Publication, now: i64) -> &'static str {
    match p.publish_at {
        None => "draft",
        Some(at) if at > now => "scheduled",
        Some(_) => "published",
    }
}

/// `p` in the language the reader asked for (`lang`, else the locale's), else its original.
pub fn shown(ctx: &Ctx, p: &Publication, lang: Option<ContentLang>, now: i64) -> Shown {
    let want = lang.unwrap_or(ContentLang::of_locale(ctx.locale));
    let v = chosen(p, want);
    let when = match (&p.publish_local, &p.zone) {
        (Some(local), Some(zone)) => format!("{} ({zone})", local.replace('T', " ")),
        _ => String::new(),
    };
    Shown {
        id: p.id.clone(),
        kind: p.kind.clone(),
        kind_label: ctx.label("pb-kind", &p.kind),
        by_name: p.by_name.clone(),
        by_slug: p.by_slug.clone(),
        by_network: p.network_id.is_some(),
        lang: v.map(|v| v.lang.clone()).unwrap_or_default(),
        title: v.map(|v| v.title.clone()).unwrap_or_default(),
        summary: v.map(|v| v.summary.clone()).unwrap_or_default(),
        body: v.map(|v| v.body.clone()).unwrap_or_default(),
        transcript: v.map(|v| v.transcript.clone()).unwrap_or_default(),
        link: p.link.clone().unwrap_or_default(),
        status: status(p, now),
        when,
        publish_at: p.publish_at.unwrap_or_default(),
        updated_at: p.updated_at.max(p.publish_at.unwrap_or_default()),
        photos: p.photos.clone(),
        langs: p.variants.iter().map(|v| v.lang.clone()).collect(),
    }
}

/// An instant as RFC 3339 in UTC.
pub fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The kinds, for the form's select: `(code, label)`.
pub fn kinds(ctx: &Ctx) -> Vec<(String, String)> {
    spona_domain::publication::Kind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), ctx.label("pb-kind", k.as_str())))
        .collect()
}

/// The content languages, for the form's select: `(code, label)`.
pub fn langs(ctx: &Ctx) -> Vec<(String, String)> {
    ContentLang::ALL
        .iter()
        .map(|l| (l.as_str().to_owned(), ctx.label("lang", l.as_str())))
        .collect()
}
