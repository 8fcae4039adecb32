//! The home page, health check and the not-found fallback.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use spona_app::home::Dashboard;
use spona_store::notifications::Notification;

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/", home)
        .get("/about/accessibility", accessibility)
        .get("/leave", leave)
}

/// The neutral site the quick-exit control leads to.
pub const NEUTRAL_SITE: &str = "https://www.wikipedia.org/";

/// Quick exit: asks the browser to drop Spona's cached pages and goes to a neutral site, so
/// "back" does not show what was being read. Works without JavaScript.
async fn leave() -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (axum::http::header::LOCATION, NEUTRAL_SITE),
            (
                axum::http::header::HeaderName::from_static("clear-site-data"),
                "\"cache\"",
            ),
            (axum::http::header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "home/templates/home.html")]
struct HomePage {
    ctx: Ctx,
    org_count: i64,
    network_count: usize,
    /// What needs the signed-in reader; `None` for visitors.
    mine: Option<Dashboard>,
}

impl HomePage {
    fn network_count_text(&self) -> String {
        self.ctx.tn("network-count", &(self.network_count as i64))
    }
}

impl HomePage {
    fn notice_text(&self, n: &Notification) -> String {
        self.ctx
            .ta(&n.kind, &[("subject", spona_i18n::Arg::Str(&n.subject))])
    }
    fn date(&self, at: &i64) -> String {
        crate::http::view::format_date(self.ctx.locale, *at)
    }
    fn pending_text(&self, n: &usize) -> String {
        self.ctx.tn("home-invitations-pending", &(*n as i64))
    }
    fn vault_text(&self, n: &usize) -> String {
        self.ctx.tn("home-vault-cases", &(*n as i64))
    }
}

async fn home(ctx: Ctx) -> Result<Response, AppError> {
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    // Anonymous while a second factor is awaited: no dashboard then.
    let mine = spona_app::home::dashboard(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.directory,
        ctx.locale,
        spona_store::now(),
    )
    .await?;
    Ok(page(&HomePage {
        org_count: snapshot.list(&Default::default()).total,
        network_count: snapshot.networks.len(),
        mine,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "home/templates/accessibility.html")]
struct AccessibilityPage {
    ctx: Ctx,
}

async fn accessibility(ctx: Ctx) -> Response {
    page(&AccessibilityPage { ctx })
}

/// The health check: JSON naming the database, the object store and the search index's
/// lag; `503` while a dependency is down (see [`crate::scale::health`]).
pub async fn health(State(state): State<AppState>) -> Response {
    crate::scale::health::report(&state).await
}

/// No icon: answering 204 spares browsers a logged 404 on every page.
pub async fn favicon() -> Response {
    (
        StatusCode::NO_CONTENT,
        [(axum::http::header::CACHE_CONTROL, "public, max-age=86400")],
    )
        .into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
