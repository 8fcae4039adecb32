//! An event's files: adding one (streamed to the attachment store as it arrives, scanned and
//! counted against the organiser's quota as the hub does), downloading it, and the warning
//! before a file with active content.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use spona_app::events::materials;
use spona_store::events::{self as store, Material};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::quota;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/events/{id}/materials", upload, "/events/{id}")
        .get("/events/{id}/materials/{material}", download)
        .get("/events/{id}/materials/{material}/warning", warning)
}

#[derive(Deserialize, Default)]
struct PhaseQuery {
    #[serde(default)]
    phase: String,
}

/// Adds a file to an event. The phase comes in the query string, so the file can be
/// streamed to storage as it arrives; access is checked before a byte is read.
async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PhaseQuery>,
    req: Request,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    // A form without a phase adds material for before the event.
    let asked = if q.phase.is_empty() {
        "before"
    } else {
        q.phase.as_str()
    };
    let phase = materials::phase(asked).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    let actor = ctx.actor();
    let scopes =
        materials::upload_scopes(&actor, &state.db, &state.config.quotas, &id, phase).await?;
    let room = quota::room(&state.db, scopes).await?;
    let mut multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let mut stored = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let filename = crate::attachments::checked_filename(field.file_name())?;
        let s = state.attachments.save(&filename, field, &room).await?;
        stored = Some((filename, s));
        break;
    }
    let (filename, s) = stored.ok_or(AppError::BadRequest("err-attachment-missing"))?;
    let m = Material {
        id: spona_store::new_id(),
        event_id: id.clone(),
        phase: phase.to_owned(),
        filename,
        media_type: s.media_type.to_owned(),
        size: s.size as i64,
        sha256: s.sha256,
        active_content: s.active_content,
        created_at: spona_store::now(),
    };
    let charge = room.charge(s.size, Some(m.id.clone()));
    materials::add(&actor, &state.db, &m, &charge).await?;
    Ok(see_other(&ctx, &format!("/events/{id}#materials")))
}

/// A PDF with active content is sent only once the reader has seen the warning
/// (`?confirmed=1`, the warning page's link); otherwise the address leads to the warning.
async fn download(
    ctx: Ctx,
    Path((id, material)): Path<(String, String)>,
    Query(q): Query<crate::http::active_content::Confirmed>,
) -> Result<Response, AppError> {
    let m = store::material(&ctx.state.db, &id, &material).await?;
    if !m.active_content.is_empty() && !q.confirmed() {
        return Ok(see_other(
            &ctx,
            &format!("/events/{id}/materials/{}/warning", m.id),
        ));
    }
    let body = axum::body::Body::from_stream(ctx.state.attachments.open_read(&m.sha256).await?);
    let disposition = crate::attachments::content_disposition(&m.filename);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(m.media_type.as_str()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(m.size as u64));
    Ok(response)
}

/// The warning before downloading a material with active content.
async fn warning(
    ctx: Ctx,
    Path((id, material)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let m = store::material(&ctx.state.db, &id, &material).await?;
    let names = crate::http::active_content::split_record(&m.active_content);
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page(&crate::http::active_content::WarningPage {
        name: m.filename,
        names,
        back_href: ctx.href(&format!("/events/{id}")),
        download_href: ctx.href(&format!("/events/{id}/materials/{}?confirmed=1", m.id)),
        in_vault: false,
        ctx,
    }))
}
