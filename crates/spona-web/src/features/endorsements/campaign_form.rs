//! The campaign form, one for opening a campaign and for changing it: its owner (an
//! organisation the reader administers, or a network their organisation coordinates; asked
//! only when opening), its title and statement in up to three languages, and the days it is
//! open. Opening is here (`/campaigns/new`); changing is in `campaign_edit.rs`.

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

/// The form's fields (also what it shows again with errors). Changing a campaign posts
/// neither `owner` nor `once`: its owner stays.
#[derive(Deserialize, Default, Clone)]
pub(super) struct CampaignForm {
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub statement_en: String,
    #[serde(default)]
    pub title_sr: String,
    #[serde(default)]
    pub statement_sr: String,
    #[serde(default)]
    pub title_uk: String,
    #[serde(default)]
    pub statement_uk: String,
    #[serde(default)]
    pub once: String,
}

impl CampaignForm {
    pub(super) fn draft(&self) -> CampaignDraft {
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

/// What the form is for.
pub(super) enum Purpose {
    /// Opening a campaign for one of these owners.
    New(Vec<Owner>),
    /// Changing a stored campaign.
    Edit(Edited),
}

/// The campaign the form changes.
pub(super) struct Edited {
    pub id: String,
    /// Its title in the reader's language.
    pub title: String,
    /// Still open: it can be closed now.
    pub open: bool,
}

#[derive(Template)]
#[template(path = "endorsements/templates/campaign_form.html")]
struct FormPage {
    ctx: Ctx,
    purpose: Purpose,
    f: CampaignForm,
    errors: FormErrors,
}

impl FormPage {
    fn edited(&self) -> Option<&Edited> {
        match &self.purpose {
            Purpose::Edit(e) => Some(e),
            Purpose::New(_) => None,
        }
    }
    fn owners(&self) -> &[Owner] {
        match &self.purpose {
            Purpose::New(owners) => owners,
            Purpose::Edit(_) => &[],
        }
    }
    fn action(&self) -> String {
        match &self.purpose {
            Purpose::New(_) => self.ctx.href("/campaigns/new"),
            Purpose::Edit(e) => self.ctx.href(&format!("/campaigns/{}/edit", e.id)),
        }
    }
}

/// The form page (422 with errors).
pub(super) fn form_page(
    ctx: Ctx,
    purpose: Purpose,
    f: CampaignForm,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &FormPage {
            ctx,
            purpose,
            f,
            errors,
        },
    )
}

async fn new_page(ctx: Ctx, f: CampaignForm, errors: FormErrors) -> Result<Response, AppError> {
    let owners = uc::owners(&ctx.actor(), &ctx.state.db).await?;
    if owners.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(form_page(ctx, Purpose::New(owners), f, errors))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let f = CampaignForm {
        opens_on: spona_domain::trial::today(spona_store::now()),
        ..CampaignForm::default()
    };
    new_page(ctx, f, FormErrors::new()).await
}

async fn create(ctx: Ctx, Form(f): Form<CampaignForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let once = once_in_tx(&ctx, &f.once, "/campaigns/{id}")?;
    match uc::create(&ctx.actor(), &ctx.state.db, &f.draft(), Some(&once)).await {
        Ok(id) => Ok(see_other(&ctx, &format!("/campaigns/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            new_page(ctx, f, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}
