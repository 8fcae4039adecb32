//! A photo essay's photos: uploaded by its author with an alternative text (required) and a
//! caption, and published through `crate::media` — decoded and encoded afresh, so EXIF, GPS
//! positions, device serials and every other piece of metadata are gone — as organisation
//! logos are.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::response::Response;
use bytes::Bytes;
use spona_app::publications as uc;
use spona_store::publications::Publication;

use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::media::{self, MAX_BYTES};
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories/{id}/photos", form)
        .post("/stories/{id}/photos", upload)
}

#[derive(Template)]
#[template(path = "publications/templates/photos.html")]
struct PhotosPage {
    ctx: Ctx,
    p: Publication,
    alt: String,
    caption: String,
    errors: FormErrors,
}

impl PhotosPage {
    fn title(&self) -> String {
        self.p
            .variants
            .first()
            .map(|v| v.title.clone())
            .unwrap_or_default()
    }
    fn max_kib(&self) -> usize {
        MAX_BYTES / 1024
    }
}

fn photos_page(
    ctx: Ctx,
    p: Publication,
    alt: String,
    caption: String,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &PhotosPage {
            ctx,
            p,
            alt,
            caption,
            errors,
        },
    )
}

async fn form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = uc::photo_target(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(photos_page(
        ctx,
        p,
        String::new(),
        String::new(),
        FormErrors::new(),
    ))
}

/// The form's fields: alternative text, caption and the file's bytes (at most
/// [`MAX_BYTES`], refused without reading further).
async fn read_form(mut multipart: Multipart) -> Result<(String, String, Vec<u8>), AppError> {
    let (mut alt, mut caption, mut data) = (String::new(), String::new(), Vec::new());
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        let name = field.name().map(str::to_owned);
        match name.as_deref() {
            Some("alt") => {
                alt = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest("err-bad-form"))?
            }
            Some("caption") => {
                caption = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest("err-bad-form"))?
            }
            Some("photo") => {
                while let Some(chunk) =
                    field.chunk().await.map_err(|_| AppError::PayloadTooLarge)?
                {
                    if data.len() + chunk.len() > MAX_BYTES {
                        return Err(AppError::PayloadTooLarge);
                    }
                    data.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok((alt, caption, data))
}

async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    // Access is checked before a byte of the body is read.
    let actor = ctx.actor();
    let p = uc::photo_target(&actor, &ctx.state.db, &id).await?;
    let multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let (alt, caption, data) = read_form(multipart).await?;
    let mut errors = FormErrors::new();
    if let Err(spona_app::Error::Invalid(list)) = uc::check_alt(&alt, &caption) {
        errors = FormErrors::from_invalid(&ctx, &list);
    }
    let clean = if data.is_empty() {
        errors.add(&ctx, "photo", "pb-err-photo-missing");
        None
    } else {
        match media::strip_metadata(Bytes::from(data)) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.add(&ctx, "photo", e.key());
                None
            }
        }
    };
    let Some(clean) = clean.filter(|_| errors.is_empty()) else {
        return Ok(photos_page(ctx, p, alt, caption, errors));
    };
    let dir = state.config.media_dir.clone();
    let name = tokio::task::spawn_blocking(move || media::store(&dir, &clean))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    uc::add_photo(&actor, &ctx.state.db, &id, &name, &alt, &caption).await?;
    Ok(see_other(&ctx, &format!("/stories/{id}/photos")))
}
