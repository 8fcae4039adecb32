//! Changing a publication after it is written: its kind, publisher and link
//! (`/stories/{id}/edit`), deleting it after a confirmation page (`/stories/{id}/delete`;
//! its photos' files go once nothing else shows them), removing and reordering a photo
//! essay's photos, and removing a network's own significant date from the calendar. The
//! rules are in `spona_app::publications`.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::publications::{self as uc, Publisher};
use spona_store::publications::Publication;

use super::view::kinds;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, AppState, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories/{id}/edit", edit_form)
        .post("/stories/{id}/edit", edit)
        .get("/stories/{id}/delete", delete_form)
        .post("/stories/{id}/delete", delete)
        .post_from(
            "/stories/{id}/photos/{position}/remove",
            remove_photo,
            "/stories/{id}/photos",
        )
        .post_from(
            "/stories/{id}/photos/{position}/up",
            photo_up,
            "/stories/{id}/photos",
        )
        .post_from(
            "/stories/{id}/photos/{position}/down",
            photo_down,
            "/stories/{id}/photos",
        )
        .post_from(
            "/stories/calendar/dates/{date}/remove",
            remove_date,
            "/stories/calendar",
        )
}

fn title(p: &Publication) -> String {
    p.variants
        .first()
        .map(|v| v.title.clone())
        .unwrap_or_default()
}

// --- Kind, publisher and link ---------------------------------------------------------------

#[derive(Template)]
#[template(path = "publications/templates/edit.html")]
struct EditPage {
    ctx: Ctx,
    id: String,
    title: String,
    publishers: Vec<Publisher>,
    by: String,
    kind: String,
    link: String,
    errors: FormErrors,
}

impl EditPage {
    fn kinds(&self) -> Vec<(String, String)> {
        kinds(&self.ctx)
    }
}

#[derive(Deserialize, Default)]
struct EditForm {
    #[serde(default)]
    by: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    link: String,
}

async fn edit_page(
    ctx: Ctx,
    p: &Publication,
    f: EditForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let publishers = uc::publishers(&ctx.actor(), &ctx.state.db).await?;
    Ok(render(
        form_status(&errors),
        &EditPage {
            ctx,
            id: p.id.clone(),
            title: title(p),
            publishers,
            by: f.by,
            kind: f.kind,
            link: f.link,
            errors,
        },
    ))
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = uc::editable(&ctx.actor(), &ctx.state.db, &id).await?;
    let f = EditForm {
        by: uc::publisher_value(&p),
        kind: p.kind.clone(),
        link: p.link.clone().unwrap_or_default(),
    };
    edit_page(ctx, &p, f, FormErrors::new()).await
}

async fn edit(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let p = uc::editable(&actor, &ctx.state.db, &id).await?;
    match uc::change_kind(&actor, &ctx.state.db, &id, &f.by, &f.kind, &f.link).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/stories/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            edit_page(ctx, &p, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// --- Deleting -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "publications/templates/delete.html")]
struct DeletePage {
    ctx: Ctx,
    id: String,
    title: String,
    photos: i64,
}

async fn delete_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = uc::deletable(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(page(&DeletePage {
        ctx,
        id: p.id.clone(),
        title: title(&p),
        photos: p.photos.len() as i64,
    }))
}

/// Removes media files nothing shows any more (a failure is logged: the rows are gone).
async fn remove_files(state: &AppState, files: Vec<String>) {
    for f in files {
        if !crate::media::valid_name(&f) {
            continue;
        }
        let path = state.config.media_dir.join(&f);
        if let Err(e) = tokio::fs::remove_file(&path).await
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, file = %f, "a freed media file was not removed");
        }
    }
}

async fn delete(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let files = uc::delete(&ctx.actor(), &ctx.state.db, &id).await?;
    remove_files(&ctx.state, files).await;
    Ok(see_other(&ctx, "/stories"))
}

// --- Photos ---------------------------------------------------------------------------------

/// A photo's position from the path; 0 (no photo has it: 404 after the access check) when
/// it is not a number.
fn position(s: &str) -> i64 {
    s.parse::<i64>().ok().filter(|p| *p > 0).unwrap_or(0)
}

async fn remove_photo(
    ctx: Ctx,
    Path((id, pos)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let pos = position(&pos);
    let files = uc::remove_photo(&ctx.actor(), &ctx.state.db, &id, pos).await?;
    remove_files(&ctx.state, files).await;
    Ok(see_other(&ctx, &format!("/stories/{id}/photos")))
}

async fn move_photo(
    ctx: Ctx,
    id: String,
    pos: String,
    earlier: bool,
) -> Result<Response, AppError> {
    let pos = position(&pos);
    uc::move_photo(&ctx.actor(), &ctx.state.db, &id, pos, earlier).await?;
    Ok(see_other(&ctx, &format!("/stories/{id}/photos")))
}

async fn photo_up(ctx: Ctx, Path((id, pos)): Path<(String, String)>) -> Result<Response, AppError> {
    move_photo(ctx, id, pos, true).await
}

async fn photo_down(
    ctx: Ctx,
    Path((id, pos)): Path<(String, String)>,
) -> Result<Response, AppError> {
    move_photo(ctx, id, pos, false).await
}

// --- A network's own date -------------------------------------------------------------------

async fn remove_date(ctx: Ctx, Path(date): Path<String>) -> Result<Response, AppError> {
    uc::remove_date(&ctx.actor(), &ctx.state.db, &date).await?;
    Ok(see_other(&ctx, "/stories/calendar"))
}
