//! Attachments of a resource's variants: adding a file (streamed to the attachment store as
//! it arrives), downloading it, and the warning before a file with active content.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use spona_app::resources::sensitive;
use spona_domain::resource::ContentLang;
use spona_store::resources::{self, Attachment};

use super::access;
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::quota;
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/resources/{id}/attachments", upload, "/resources/{id}")
        .get("/resources/{id}/attachments/{attachment}", download)
        .get("/resources/{id}/attachments/{attachment}/warning", warning)
}

#[derive(Deserialize, Default)]
struct LangQuery {
    #[serde(default)]
    lang: String,
}

/// Adds a file to a variant. The language comes in the query string, so the file can be
/// streamed to storage as it arrives; access is checked before a byte is read.
async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    req: Request,
) -> Result<Response, AppError> {
    let r = access::editable(&ctx, &id).await?;
    let lang = ContentLang::parse(&q.lang).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    if !r.variants.iter().any(|v| v.lang() == lang) {
        return Err(AppError::BadRequest("err-unknown-choice"));
    }
    // A full organisation is told before a byte is read; a file that does not fit in what
    // is left stops as soon as it passes it.
    let room = quota::room(
        &state.db,
        quota::hub_scopes(&state.config.quotas, &r.owner_org_id),
    )
    .await?;
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
    let a = Attachment {
        id: spona_store::new_id(),
        resource_id: r.id.clone(),
        lang,
        filename,
        media_type: s.media_type.to_owned(),
        size: s.size as i64,
        sha256: s.sha256,
        extracted: s.text,
        created_at: spona_store::now(),
        active_content: s.active_content,
    };
    let charge = room.charge(s.size, Some(a.id.clone()));
    spona_app::resources::add_attachment(&state.db, &state.search, &ctx.actor(), &r, &a, &charge)
        .await?;
    Ok(see_other(
        &ctx,
        &format!("/resources/{}?lang={}", r.id, lang.as_str()),
    ))
}

/// A PDF with active content is sent only once the reader has seen the warning
/// (`?confirmed=1`, the warning page's link); otherwise the address leads to the warning.
async fn download(
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
    Query(q): Query<crate::http::active_content::Confirmed>,
) -> Result<Response, AppError> {
    let r = access::readable(&ctx, &id).await?;
    let a = resources::attachment(&ctx.state.db, &r.id, &attachment).await?;
    if !a.active_content.is_empty() && !q.confirmed() {
        return Ok(see_other(
            &ctx,
            &format!("/resources/{}/attachments/{}/warning", r.id, a.id),
        ));
    }
    let body = axum::body::Body::from_stream(ctx.state.attachments.open_read(&a.sha256).await?);
    let disposition = crate::attachments::content_disposition(&a.filename);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(a.media_type.as_str()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(a.size as u64));
    Ok(response)
}

/// The warning before downloading an attachment with active content.
async fn warning(
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let r = access::readable(&ctx, &id).await?;
    let a = resources::attachment(&ctx.state.db, &r.id, &attachment).await?;
    let names = crate::http::active_content::split_record(&a.active_content);
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page(&crate::http::active_content::WarningPage {
        name: a.filename,
        names,
        back_href: ctx.href(&format!("/resources/{}?lang={}", r.id, a.lang)),
        download_href: ctx.href(&format!(
            "/resources/{}/attachments/{}?confirmed=1",
            r.id, a.id
        )),
        in_vault: sensitive(&r),
        ctx,
    }))
}
