//! The vault custody tree's public face (issue 24 item 4): its signed checkpoint
//! (`/log/custody/checkpoint`, C2SP tlog-checkpoint in a signed note named `<host>/custody`)
//! and the verifier key (`/log/custody/key`). The tree's leaves name cases and are never
//! served; `spona custody verify` proves each chain entry against this checkpoint.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::http::routes::Routes;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/log/custody/checkpoint", checkpoint_text)
        .get("/log/custody/key", key_text)
}

fn key(state: &AppState) -> Result<spona_app::publog::LogKey, AppError> {
    let key = state
        .publog_key
        .as_ref()
        .ok_or(AppError::Unavailable("tlog-err-no-key"))?;
    Ok(spona_app::publog::custody::key_of(key)?)
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

/// Signs the custody tree's checkpoint when it grew; returns the latest.
pub async fn sign(state: &AppState) -> Result<String, AppError> {
    let key = key(state)?;
    Ok(spona_app::publog::custody::checkpoint(&state.db, &key)
        .await?
        .note)
}

async fn checkpoint_text(ctx: Ctx) -> Result<Response, AppError> {
    let note = match spona_store::custodylog::latest_checkpoint(&ctx.state.db).await? {
        Some(c) => c.note,
        None => sign(&ctx.state).await?,
    };
    Ok(plain(note))
}

async fn key_text(ctx: Ctx) -> Result<Response, AppError> {
    Ok(plain(format!("{}\n", key(&ctx.state)?.verifier())))
}
