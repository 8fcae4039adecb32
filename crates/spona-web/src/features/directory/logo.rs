//! Organisation logos: uploaded by the organisation's admins, published without metadata.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::response::Response;
use bytes::Bytes;
use spona_app::directory::orgs;

use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::media::{self, MAX_BYTES};
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/orgs/{slug}/logo", upload, "/orgs/{slug}")
        .post_from("/orgs/{slug}/logo/remove", remove, "/orgs/{slug}")
}

/// Reads the `logo` field, refusing more than [`MAX_BYTES`] without reading further.
async fn read_logo(mut multipart: Multipart) -> Result<Vec<u8>, AppError> {
    let mut data = Vec::new();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        if field.name() != Some("logo") {
            continue;
        }
        while let Some(chunk) = field.chunk().await.map_err(|_| AppError::PayloadTooLarge)? {
            if data.len() + chunk.len() > MAX_BYTES {
                return Err(AppError::PayloadTooLarge);
            }
            data.extend_from_slice(&chunk);
        }
    }
    if data.is_empty() {
        return Err(AppError::BadRequest("err-image-missing"));
    }
    Ok(data)
}

async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    // Access is checked before a byte of the body is read.
    let actor = ctx.actor();
    let org = orgs::managed(&actor, &ctx.state.db, &slug).await?;
    let multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let data = read_logo(multipart).await?;
    let clean =
        media::strip_metadata(Bytes::from(data)).map_err(|e| AppError::BadRequest(e.key()))?;
    let dir = state.config.media_dir.clone();
    let name = tokio::task::spawn_blocking(move || media::store(&dir, &clean))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    orgs::set_logo(&actor, &ctx.state.db, &org, Some(&name)).await?;
    Ok(see_other(&ctx, &format!("/orgs/{}", org.slug)))
}

async fn remove(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let org = orgs::managed(&actor, &ctx.state.db, &slug).await?;
    orgs::set_logo(&actor, &ctx.state.db, &org, None).await?;
    Ok(see_other(&ctx, &format!("/orgs/{}", org.slug)))
}
