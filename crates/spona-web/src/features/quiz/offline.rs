//! The quiz offline (issue 23, item 6; lane quiz23): optional, with JavaScript only. Each
//! quiz has a web app manifest (`/q/{slug}/manifest.webmanifest`: it can be installed to the
//! home screen) and a service worker (`/q/{slug}/sw.js`, same origin, scope
//! `/{lang}/q/{slug}/`, the reader's locale prefix included) registered by a small page
//! script (`/q/{slug}/app.js`). The worker keeps the quiz's pages, queues answers given
//! offline and sends each when the phone is online again (read `static/sw.js`). Starting
//! a quiz needs the network (the session's token is signed by the server); answering does
//! not. Without JavaScript nothing changes: every page and form works as before.
//!
//! Only these responses (the quiz's pages, the offline page, the scripts and the manifest)
//! carry a Content-Security-Policy allowing a script, `script-src 'self'`
//! ([`crate::http::security::OwnScript`]); every other page keeps the policy without any.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use spona_app::quizzes::take as uc;

use super::view;
use crate::http::routes::Routes;
use crate::http::security::OwnScript;
use crate::http::view::page;
use crate::{AppError, Ctx};

/// The page script (registers the worker).
pub const APP_JS: &str = include_str!("static/app.js");
/// The service worker.
pub const SW_JS: &str = include_str!("static/sw.js");

pub fn routes(r: Routes) -> Routes {
    r.get("/q/{slug}/manifest.webmanifest", manifest)
        .get("/q/{slug}/sw.js", worker)
        .get("/q/{slug}/app.js", script)
        .get("/q/{slug}/icon.svg", icon)
        .get("/q/{slug}/offline", offline)
}

/// Marks a quiz page's response: its policy allows the quiz's own script.
pub fn with_script(mut res: Response) -> Response {
    res.extensions_mut().insert(OwnScript);
    res
}

/// The worker's scope for the page being rendered, `/{lang}/q/{slug}/`: empty outside a
/// quiz's public pages (the templates then link no script).
pub fn app_base(ctx: &Ctx) -> String {
    let path = ctx.here.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(""), Some("q"), Some(slug)) if spona_domain::quiz::slug_ok(slug) => {
            ctx.href(&format!("/q/{slug}/"))
        }
        _ => String::new(),
    }
}

fn typed(body: String, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    with_script(res)
}

async fn manifest(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let p = uc::public(&ctx.state.db, &slug).await?;
    let title = view::text(&ctx, &p.doc.title);
    let short: String = title.chars().take(12).collect();
    let base = ctx.href(&format!("/q/{slug}/"));
    let json = serde_json::json!({
        "name": title,
        "short_name": short,
        "lang": ctx.locale.tag(),
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4e89",
        "icons": [{"src": format!("{base}icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    });
    Ok(typed(json.to_string(), "application/manifest+json"))
}

async fn worker(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    uc::public(&ctx.state.db, &slug).await?;
    Ok(typed(SW_JS.to_owned(), "text/javascript; charset=utf-8"))
}

async fn script(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    uc::public(&ctx.state.db, &slug).await?;
    Ok(typed(APP_JS.to_owned(), "text/javascript; charset=utf-8"))
}

async fn icon(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    uc::public(&ctx.state.db, &slug).await?;
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\" width=\"512\" \
               height=\"512\"><rect width=\"512\" height=\"512\" rx=\"96\" fill=\"#1d4e89\"/>\
               <text x=\"256\" y=\"340\" font-family=\"sans-serif\" font-size=\"260\" \
               font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">?</text></svg>";
    let mut res = svg.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    Ok(res)
}

#[derive(Deserialize, Default)]
struct OfflineQuery {
    #[serde(default)]
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "quiz/templates/offline.html")]
struct OfflinePage {
    ctx: Ctx,
    title: String,
    /// The worker's scope (the quiz's landing page); the worker points the saved page's
    /// link (`data-next`) at the next question instead.
    app: String,
    saved: bool,
}

/// The page the worker shows offline: "saved on this phone" after an answer it queued, or
/// "not available offline" for a page it does not have. Kept by the worker when installed.
async fn offline(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<OfflineQuery>,
) -> Result<Response, AppError> {
    let p = uc::public(&ctx.state.db, &slug).await?;
    Ok(with_script(page(&OfflinePage {
        title: view::text(&ctx, &p.doc.title),
        app: ctx.href(&format!("/q/{slug}/")),
        saved: q.saved.is_some(),
        ctx,
    })))
}
