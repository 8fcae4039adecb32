//! The form that opens a campaign: its owner (an organisation the reader administers, or a
//! network their organisation coordinates), its title and statement in up to three
//! languages, and the days it is open.

use askama::Template;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::endorsements::{self as uc, Owner};
use spona_domain::endorsement::{CampaignDraft, Variant};

use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns/new", new_form)
        .post("/campaigns/new", create)
}

/// The form's fields (also what it shows again with errors).
#[derive(Deserialize, Default, Clone)]
struct CampaignForm {
    #[serde(default)]
    owner: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    statement_en: String,
    #[serde(default)]
    title_sr: String,
    #[serde(default)]
    statement_sr: String,
    #[serde(default)]
    title_uk: String,
    #[serde(default)]
    statement_uk: String,
    #[serde(default)]
    once: String,
}

impl CampaignForm {
    fn draft(&self) -> CampaignDraft {
        let v = |lang: &str, title: &str, statement: &str| Variant {
            lang: lang.to_owned(),
            title: title.to_owned(),
            statement: statement.to_owned(),
        };
        CampaignDraft {
            owner: self.owner.clone(),
            variants: vec![
                v("en", &self.title_en, &self.statement_en),
                v("sr-Latn", &self.title_sr, &self.statement_sr),
                v("uk", &self.title_uk, &self.statement_uk),
            ],
            opens_on: self.opens_on.clone(),
            closes_on: self.closes_on.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "endorsements/templates/campaign_form.html")]
struct FormPage {
    ctx: Ctx,
    f: CampaignForm,
    owners: Vec<Owner>,
    errors: FormErrors,
}

async fn form_page(ctx: Ctx, f: CampaignForm, errors: FormErrors) -> Result<Response, AppError> {
    let owners = uc::owners(&ctx.actor(), &ctx.state.db).await?;
    if owners.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(render(
        form_status(&errors),
        &FormPage {
            ctx,
            f,
            owners,
            errors,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let f = CampaignForm {
        opens_on: spona_domain::trial::today(spona_store::now()),
        ..CampaignForm::default()
    };
    form_page(ctx, f, FormErrors::new()).await
}

async fn create(ctx: Ctx, Form(f): Form<CampaignForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let once = once_in_tx(&ctx, &f.once, "/campaigns/{id}")?;
    match uc::create(&ctx.actor(), &ctx.state.db, &f.draft(), Some(&once)).await {
        Ok(id) => Ok(see_other(&ctx, &format!("/campaigns/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            form_page(ctx, f, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}
