//! Deleting an event's material: a confirmation page, then the POST that removes the row,
//! gives its bytes back to the quota, raises the calendar SEQUENCE and, when no other stored
//! file names the same content, removes the bytes from the attachment store.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use spona_app::events::materials;
use spona_store::events::Material;

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/events/{id}/materials/{material}/delete", confirm)
        .post("/events/{id}/materials/{material}/delete", delete)
}

#[derive(Template)]
#[template(path = "events/templates/material_delete.html")]
struct ConfirmPage {
    ctx: Ctx,
    event_id: String,
    m: Material,
    size: String,
}

async fn confirm(
    ctx: Ctx,
    Path((id, material)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let m = materials::for_delete(&ctx.actor(), &ctx.state.db, &id, &material).await?;
    Ok(page(&ConfirmPage {
        size: crate::http::view::human_size(m.size),
        event_id: id,
        m,
        ctx,
    }))
}

async fn delete(
    ctx: Ctx,
    Path((id, material)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (m, in_use) = materials::delete(&ctx.actor(), &ctx.state.db, &id, &material).await?;
    if !in_use && let Err(e) = ctx.state.attachments.remove(&m.sha256).await {
        // The row is gone and the quota given back; bytes left behind are only space.
        tracing::warn!(error = ?e, sha256 = %m.sha256, "a deleted material's bytes stay in the store");
    }
    Ok(see_other(&ctx, &format!("/events/{id}#materials")))
}
