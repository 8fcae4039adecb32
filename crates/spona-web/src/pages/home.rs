//! The home page, health check and the not-found fallback.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::routes::Routes;
use crate::view::page;
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
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    org_count: i64,
    network_count: usize,
}

impl HomePage {
    fn network_count_text(&self) -> String {
        self.ctx.tn("network-count", &(self.network_count as i64))
    }
}

async fn home(ctx: Ctx) -> Result<Response, AppError> {
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    Ok(page(&HomePage {
        org_count: snapshot.list(&Default::default()).total,
        network_count: snapshot.networks.len(),
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    ctx: Ctx,
}

async fn accessibility(ctx: Ctx) -> Response {
    page(&AccessibilityPage { ctx })
}

/// `200 ok` while the database answers; `503` otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    match state.db.health().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
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
