//! Files attached to a call (guidelines, application forms): adding one (streamed to the
//! attachment store, scanned and counted against the posting organisation's quota as the
//! hub does), downloading it, and the warning before a file with active content.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use spona_app::call_files;
use spona_store::call_files::{self as store, CallFile};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::quota;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/calls/{id}/attachments", upload, "/calls/{id}")
        .get("/calls/{id}/attachments/{file}", download)
        .get("/calls/{id}/attachments/{file}/warning", warning)
}

/// Adds a file to a call; access is checked before a byte is read.
async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let scopes = call_files::upload_scopes(&actor, &state.db, &state.config.quotas, &id).await?;
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
    let f = CallFile {
        id: spona_store::new_id(),
        call_id: id.clone(),
        filename,
        media_type: s.media_type.to_owned(),
        size: s.size as i64,
        sha256: s.sha256,
        active_content: s.active_content,
        created_at: spona_store::now(),
    };
    let charge = room.charge(s.size, Some(f.id.clone()));
    call_files::add(&actor, &state.db, &f, &charge).await?;
    Ok(see_other(&ctx, &format!("/calls/{id}#files")))
}

/// A PDF with active content is sent only once the reader has seen the warning.
async fn download(
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
    Query(q): Query<crate::http::active_content::Confirmed>,
) -> Result<Response, AppError> {
    let f = store::get(&ctx.state.db, &id, &file).await?;
    if !f.active_content.is_empty() && !q.confirmed() {
        return Ok(see_other(
            &ctx,
            &format!("/calls/{id}/attachments/{}/warning", f.id),
        ));
    }
    let body = axum::body::Body::from_stream(ctx.state.attachments.open_read(&f.sha256).await?);
    let disposition = crate::attachments::content_disposition(&f.filename);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(f.media_type.as_str()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(f.size as u64));
    Ok(response)
}

/// The warning before downloading a file with active content.
async fn warning(ctx: Ctx, Path((id, file)): Path<(String, String)>) -> Result<Response, AppError> {
    let f = store::get(&ctx.state.db, &id, &file).await?;
    let names = crate::http::active_content::split_record(&f.active_content);
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page(&crate::http::active_content::WarningPage {
        name: f.filename,
        names,
        back_href: ctx.href(&format!("/calls/{id}")),
        download_href: ctx.href(&format!("/calls/{id}/attachments/{}?confirmed=1", f.id)),
        in_vault: false,
        ctx,
    }))
}
