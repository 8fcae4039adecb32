//! Adding a recommendation by hand (platform admins): the form, and its post, which ends in
//! a redirect to the new recommendation's page or shows the form again with its errors.

use askama::Template;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::monitoring::recommendations::{self as uc, Draft};
use spona_domain::monitoring::{Mechanism, Response as StateResponse};

use crate::http::forms::{FormErrors, form_status};
use crate::http::options::OptionList;
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/recommendations/new", new)
        .post("/monitoring/recommendations/new", create)
}

#[derive(Template)]
#[template(path = "monitoring/templates/rec_form.html")]
struct FormPage {
    ctx: Ctx,
    d: Draft,
    errors: FormErrors,
    mechanisms: OptionList,
    responses: OptionList,
}

fn form_page(ctx: Ctx, d: Draft, errors: FormErrors) -> FormPage {
    FormPage {
        mechanisms: Mechanism::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str().to_owned(),
                    ctx.label("mon-rec-mechanism", m.as_str()),
                )
            })
            .collect(),
        responses: StateResponse::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str().to_owned(),
                    ctx.label("mon-rec-response", m.as_str()),
                )
            })
            .collect(),
        d,
        errors,
        ctx,
    }
}

async fn new(ctx: Ctx) -> Result<Response, AppError> {
    spona_app::monitoring::import::require_editor(&ctx.actor())?;
    let d = Draft {
        text_lang: "en".to_owned(),
        ..Draft::default()
    };
    Ok(page(&form_page(ctx, d, FormErrors::new())))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddForm {
    once: String,
    #[serde(flatten)]
    d: Draft,
}

async fn create(ctx: Ctx, Form(f): Form<AddForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    spona_app::monitoring::import::require_editor(&actor)?;
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/monitoring/recommendations/{id}")?;
    match uc::create(&actor, &ctx.state.db, &f.d, Some(&once)).await {
        Ok(id) => Ok(see_other(
            &ctx,
            &format!("/monitoring/recommendations/{id}"),
        )),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let status = form_status(&errors);
            Ok(render(status, &form_page(ctx, f.d, errors)))
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}
