//! Atom (RFC 4287) and JSON Feed 1.1 of the published publications, for the whole platform
//! (`/stories/feed.atom`, `/stories/feed.json`) and per network
//! (`/stories/network/{slug}/feed.atom|json`: the network's own and its member
//! organisations'). Only what is shown publicly is in a feed; every entry carries its
//! language (`xml:lang`, `language`): the variant in the feed's locale when written, else
//! the original.
//!
//! Atom is written with an askama template, as the hub's and the calls' feeds are, rather
//! than with a crate: the format is small and fixed, askama escapes every value for XML, and
//! the test parses the result with Python `feedparser` (no new dependency to audit and
//! build). JSON Feed is serde structures checked against the schema in
//! `tests/feeds/jsonfeed-1.1.schema.json`.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::publications as uc;
use spona_store::publications::{Publication, Scope};

use super::view::{Shown, rfc3339, shown};
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories/feed.atom", atom_all)
        .get("/stories/feed.json", json_all)
        .get("/stories/network/{slug}/feed.atom", atom_network)
        .get("/stories/network/{slug}/feed.json", json_network)
}

pub struct Entry {
    pub s: Shown,
    pub href: String,
    pub published: String,
    pub updated: String,
    pub content: String,
}

#[derive(Template)]
#[template(path = "publications/templates/feed.xml")]
struct AtomFeed {
    lang: String,
    title: String,
    self_href: String,
    alternate: String,
    updated: String,
    entries: Vec<Entry>,
}

struct Feed {
    title: String,
    /// The feed's own path without the extension (`/stories/feed`).
    path: String,
    home: String,
    entries: Vec<Entry>,
    updated: i64,
}

/// The text of an entry: the body, then the transcript.
fn content(s: &Shown) -> String {
    let mut out = s.body.clone();
    if !s.transcript.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&s.transcript);
    }
    out
}

async fn feed(
    ctx: &Ctx,
    scope: Scope,
    title: String,
    path: String,
    home: String,
) -> Result<Feed, AppError> {
    let now = spona_store::now();
    let list: Vec<Publication> = uc::published(&ctx.state.db, &scope, now).await?;
    let base = ctx.state.config.public_url.clone();
    let mut updated = 0;
    let entries = list
        .iter()
        .map(|p| {
            let s = shown(ctx, p, None, now);
            updated = updated.max(s.updated_at);
            Entry {
                href: format!("{base}{}", ctx.href(&format!("/stories/{}", p.id))),
                published: rfc3339(s.publish_at),
                updated: rfc3339(s.updated_at),
                content: content(&s),
                s,
            }
        })
        .collect();
    Ok(Feed {
        title,
        path,
        home,
        entries,
        updated,
    })
}

fn with_type(body: String, kind: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

fn atom(ctx: &Ctx, f: Feed) -> Result<Response, AppError> {
    let base = ctx.state.config.public_url.clone();
    let xml = AtomFeed {
        lang: ctx.locale.tag().to_owned(),
        title: f.title,
        self_href: format!("{base}{}", ctx.href(&format!("{}.atom", f.path))),
        alternate: format!("{base}{}", ctx.href(&f.home)),
        updated: rfc3339(f.updated),
        entries: f.entries,
    }
    .render()
    .map_err(|e| AppError::Internal(anyhow::anyhow!("feed: {e}")))?;
    Ok(with_type(xml, "application/atom+xml; charset=utf-8"))
}

#[derive(Serialize)]
struct JsonFeed {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    language: String,
    authors: Vec<JsonAuthor>,
    items: Vec<JsonItem>,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem {
    id: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<String>,
    title: String,
    content_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    date_published: String,
    date_modified: String,
    authors: Vec<JsonAuthor>,
    tags: Vec<String>,
    language: String,
}

fn json(ctx: &Ctx, f: Feed) -> Result<Response, AppError> {
    let base = ctx.state.config.public_url.clone();
    let items = f
        .entries
        .into_iter()
        .map(|e| {
            let by = if e.s.by_network {
                "/networks/"
            } else {
                "/orgs/"
            };
            JsonItem {
                id: format!("urn:uuid:{}", e.s.id),
                url: e.href,
                external_url: (!e.s.link.is_empty()).then(|| e.s.link.clone()),
                title: e.s.title.clone(),
                content_text: e.content,
                summary: (!e.s.summary.is_empty()).then(|| e.s.summary.clone()),
                image: e
                    .s
                    .photos
                    .first()
                    .map(|p| format!("{base}/media/{}", p.file)),
                date_published: e.published,
                date_modified: e.updated,
                authors: vec![JsonAuthor {
                    name: e.s.by_name.clone(),
                    url: Some(format!(
                        "{base}{}",
                        ctx.href(&format!("{by}{}", e.s.by_slug))
                    )),
                }],
                tags: vec![e.s.kind.clone()],
                language: e.s.lang.clone(),
            }
        })
        .collect();
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: f.title,
        home_page_url: format!("{base}{}", ctx.href(&f.home)),
        feed_url: format!("{base}{}", ctx.href(&format!("{}.json", f.path))),
        language: ctx.locale.tag().to_owned(),
        authors: vec![JsonAuthor {
            name: "Spona".into(),
            url: None,
        }],
        items,
    };
    let body = serde_json::to_string(&doc).map_err(|e| AppError::Internal(e.into()))?;
    Ok(with_type(body, "application/feed+json; charset=utf-8"))
}

async fn all(ctx: &Ctx) -> Result<Feed, AppError> {
    feed(
        ctx,
        Scope::All,
        format!("Spona · {}", ctx.t("pb-title")),
        "/stories/feed".into(),
        "/stories".into(),
    )
    .await
}

async fn network(ctx: &Ctx, slug: &str) -> Result<Feed, AppError> {
    let (scope, name) = uc::network_scope(&ctx.state.db, slug).await?;
    feed(
        ctx,
        scope,
        format!("{name} · {}", ctx.t("pb-title")),
        format!("/stories/network/{slug}/feed"),
        format!("/networks/{slug}"),
    )
    .await
}

async fn atom_all(ctx: Ctx) -> Result<Response, AppError> {
    let f = all(&ctx).await?;
    atom(&ctx, f)
}

async fn json_all(ctx: Ctx) -> Result<Response, AppError> {
    let f = all(&ctx).await?;
    json(&ctx, f)
}

async fn atom_network(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let f = network(&ctx, &slug).await?;
    atom(&ctx, f)
}

async fn json_network(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let f = network(&ctx, &slug).await?;
    json(&ctx, f)
}
