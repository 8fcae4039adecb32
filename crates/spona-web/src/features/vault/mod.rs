//! The evidence vault: cases and their teams, items and consent, downloads, exports, the
//! custody log and the JSON API. The rules and the writes are the use cases of
//! [`spona_app::vault`]; these modules read the forms and render the answers.

pub mod api;
pub mod blob_store;
pub mod cases;
pub mod consent;
pub mod download;
pub mod export;
pub mod federated;
pub mod items;
pub mod received;
pub mod team;

use axum::response::Response;
use spona_app::vault::CaseAccess;

use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    let r = cases::routes(r);
    let r = items::routes(r);
    let r = download::routes(r);
    let r = export::routes(r);
    let r = received::routes(r);
    api::routes(r)
}

/// The person acting, for the vault's use cases: signed in, and past the second factor.
pub fn actor(ctx: &Ctx) -> Result<spona_app::Actor, AppError> {
    ctx.require_user()?;
    Ok(ctx.actor())
}

/// A case the signed-in user is on the team of, with their role; 404 for everyone else.
pub async fn load_case<'a>(ctx: &'a Ctx, id: &str) -> Result<CaseAccess<'a>, AppError> {
    Ok(spona_app::vault::load_case(&actor(ctx)?, &ctx.state.db, &ctx.state.vault, id).await?)
}

/// The answer to a create whose form's one-time key was used already.
fn replayed(e: spona_app::Error) -> Result<Response, AppError> {
    match e {
        spona_app::Error::Store(e) => crate::http::forms::replayed(e),
        other => Err(other.into()),
    }
}
