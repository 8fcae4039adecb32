//! `/log`: what the log is and how to check it, the latest checkpoint and the newest
//! entries; `/log/checkpoint` and `/log/key` as text.

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use spona_store::publog::{CheckpointRow, Row};

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/log", show)
        .get("/log/checkpoint", checkpoint_text)
        .get("/log/key", key_text)
}

/// The latest checkpoint, signing the first one when there is none.
pub(crate) async fn latest(state: &AppState) -> Result<CheckpointRow, AppError> {
    let key = state
        .publog_key
        .as_ref()
        .ok_or(AppError::Unavailable("tlog-err-no-key"))?;
    Ok(match spona_app::publog::latest(&state.db).await? {
        Some(c) => c,
        None => spona_app::publog::checkpoint(&state.db, key).await?,
    })
}

fn plain(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

async fn checkpoint_text(ctx: Ctx) -> Result<Response, AppError> {
    Ok(plain(latest(&ctx.state).await?.note))
}

async fn key_text(ctx: Ctx) -> Result<Response, AppError> {
    let key = ctx
        .state
        .publog_key
        .as_ref()
        .ok_or(AppError::Unavailable("tlog-err-no-key"))?;
    Ok(plain(format!("{}\n", key.verifier())))
}

#[derive(Template)]
#[template(path = "publog/templates/log.html")]
struct LogPage {
    ctx: Ctx,
    checkpoint: CheckpointRow,
    key: String,
    recent: Vec<Row>,
}

impl LogPage {
    fn time(&self, at: &i64) -> String {
        spona_store::publog::rfc3339(*at)
    }
    fn size_line(&self) -> String {
        self.ctx.tn("tlog-size", &self.checkpoint.size)
    }
    fn short(&self, h: &str) -> String {
        h.chars().take(16).collect()
    }
}

async fn show(ctx: Ctx) -> Result<Response, AppError> {
    let checkpoint = latest(&ctx.state).await?;
    let recent = spona_app::publog::recent(&ctx.state.db, 20).await?;
    let key = ctx
        .state
        .publog_key
        .as_ref()
        .map(|k| k.verifier().to_string())
        .unwrap_or_default();
    Ok(page(&LogPage {
        checkpoint,
        key,
        recent,
        ctx,
    }))
}
