//! A group's name and description in another language: `POST /groups/{id}/names` (the
//! coordinators' form on the group page; an empty name removes that language), answered 303
//! to the group page, or the page again with the form's problems (422).

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::groups::names::{self, VariantDraft};

use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/groups/{id}/names", set, "/groups/{id}")
}

#[derive(Deserialize, Default)]
struct VariantForm {
    #[serde(default)]
    variant_lang: String,
    #[serde(default)]
    variant_name: String,
    #[serde(default)]
    variant_description: String,
}

async fn set(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VariantForm>,
) -> Result<Response, AppError> {
    let v = VariantDraft {
        lang: f.variant_lang,
        name: f.variant_name,
        description: f.variant_description,
    };
    match names::set(&ctx.actor(), &ctx.state.db, &id, &v).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/groups/{id}#names-h"))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            super::pages::group_page(ctx, &id, errors).await
        }
    }
}
