//! Files on posts: reading a thread or reply form that may carry files (a normal
//! `multipart/form-data` form; a form without files may come URL-encoded), streaming each
//! file into the attachment store as it arrives with the hub's checks (type by name and first
//! bytes, size, quota, a PDF's active content), and downloading a file — for the group's
//! members only, and never while the thread is hidden or deleted.

use std::collections::HashMap;

use axum::extract::{FromRequest, Multipart, Path, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Form, Query};
use spona_app::groups::files::{self, MAX_FILES, NewFile, Upload};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/posts/{id}/files/{file}", download)
        .get("/posts/{id}/files/{file}/warning", warning)
}

/// The most text a multipart form's fields may hold together (the post's text and title).
const MAX_FIELDS_BYTES: usize = 256 * 1024;

/// A post form as it arrived: its text fields and the files already in the store.
pub struct PostForm {
    fields: HashMap<String, String>,
    pub upload: Option<Upload>,
}

impl PostForm {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

/// Whether the path (with or without its locale) is a form that may carry files, for the
/// body limit.
pub fn takes_files(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    matches!(
        parts.as_slice(),
        [.., "groups", _, "threads"] | [.., "discussions", _, "replies"]
    )
}

/// Reads a post form. Call it after access was checked: a file is received only then.
pub async fn read(ctx: &Ctx, req: Request) -> Result<PostForm, AppError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(fields) = Form::<HashMap<String, String>>::from_request(req, &ctx.state)
            .await
            .map_err(|_| AppError::BadRequest("err-bad-form"))?;
        return Ok(PostForm {
            fields,
            upload: None,
        });
    }
    let scopes = files::scopes(&ctx.actor(), &ctx.state.config.quotas);
    let room = crate::quota::room(&ctx.state.db, scopes).await?;
    let mut form = Multipart::from_request(req, &ctx.state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let mut fields = HashMap::new();
    let mut text_bytes = 0;
    let mut stored = Vec::new();
    let mut used = 0u64;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "files" {
            // A file input left empty still sends a part, without a name or bytes.
            if field.file_name().unwrap_or_default().is_empty() {
                continue;
            }
            if stored.len() == MAX_FILES {
                return Err(AppError::BadRequest("err-group-files-many"));
            }
            let filename = crate::attachments::checked_filename(field.file_name())?;
            let mut left = room.clone();
            left.bytes = left.bytes.saturating_sub(used);
            if left.bytes == 0 {
                return Err(room.exceeded());
            }
            let s = ctx.state.attachments.save(&filename, field, &left).await?;
            used += s.size;
            stored.push(NewFile {
                filename,
                media_type: s.media_type.to_owned(),
                size: s.size,
                sha256: s.sha256,
                active_content: s.active_content,
            });
            continue;
        }
        let value = field
            .text()
            .await
            .map_err(|_| AppError::BadRequest("err-bad-form"))?;
        text_bytes += value.len();
        if text_bytes > MAX_FIELDS_BYTES {
            return Err(AppError::PayloadTooLarge);
        }
        fields.insert(name, value);
    }
    Ok(PostForm {
        fields,
        upload: (!stored.is_empty()).then_some(Upload {
            files: stored,
            room,
        }),
    })
}

/// A file of a post as the thread page lists it.
pub struct FileView {
    pub name: String,
    pub href: String,
    pub size: String,
    /// A PDF with active content: the link leads to the warning first.
    pub warn: bool,
}

impl FileView {
    pub fn of(ctx: &Ctx, f: &spona_store::groups::PostFile) -> FileView {
        let base = format!("/posts/{}/files/{}", f.post_id, f.id);
        let warn = !f.active_content.is_empty();
        FileView {
            name: f.filename.clone(),
            href: ctx.href(&if warn {
                format!("{base}/warning")
            } else {
                base
            }),
            size: crate::http::view::human_size(f.size),
            warn,
        }
    }
}

/// A PDF with active content is sent only once the reader has seen the warning.
async fn download(
    ctx: Ctx,
    Path((post, file)): Path<(String, String)>,
    Query(q): Query<crate::http::active_content::Confirmed>,
) -> Result<Response, AppError> {
    let f = files::file(&ctx.actor(), &ctx.state.db, &post, &file).await?;
    if !f.active_content.is_empty() && !q.confirmed() {
        return Ok(see_other(
            &ctx,
            &format!("/posts/{post}/files/{file}/warning"),
        ));
    }
    let body = axum::body::Body::from_stream(ctx.state.attachments.open_read(&f.sha256).await?);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&f.media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&crate::attachments::content_disposition(&f.filename)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(f.size as u64));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

async fn warning(
    ctx: Ctx,
    Path((post, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let f = files::file(&ctx.actor(), &ctx.state.db, &post, &file).await?;
    let names = crate::http::active_content::split_record(&f.active_content);
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page(&crate::http::active_content::WarningPage {
        name: f.filename,
        names,
        back_href: ctx.href(&format!("/discussions/{}", f.thread_id)),
        download_href: ctx.href(&format!("/posts/{post}/files/{file}?confirmed=1")),
        in_vault: false,
        ctx,
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn post_forms_take_files() {
        assert!(super::takes_files("/en/groups/abc/threads"));
        assert!(super::takes_files("/sr-Cyrl/discussions/abc/replies"));
        assert!(super::takes_files("/groups/abc/threads"));
        assert!(!super::takes_files("/en/groups/abc/join"));
        assert!(!super::takes_files("/en/resources/abc/attachments"));
    }
}
