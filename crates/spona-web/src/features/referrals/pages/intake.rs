//! Hotline intake: the form (safety first) and an intake's page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::referrals::intake::{self, IntakeDraft, IntakeView};
use spona_app::referrals::{self as uc};
use spona_store::referrals::Worker;

use super::{Names, vault};
use crate::http::forms::FormErrors;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

#[derive(Deserialize, Default, Clone)]
pub(super) struct IntakeForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    in_danger: String,
    #[serde(default)]
    safe_to_talk: String,
    #[serde(default)]
    callback: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    once: String,
}

#[derive(Template)]
#[template(path = "referrals/templates/intake_form.html")]
struct IntakeFormPage {
    names: Names,
    ctx: Ctx,
    roles: Vec<Worker>,
    form: IntakeForm,
    errors: FormErrors,
}

impl IntakeFormPage {
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
    fn answers(&self) -> Vec<&'static str> {
        spona_domain::referral::SAFETY.to_vec()
    }
}

async fn intake_page(ctx: Ctx, form: IntakeForm, errors: FormErrors) -> Result<Response, AppError> {
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    if roles.is_empty() {
        return Err(AppError::NotFound);
    }
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &IntakeFormPage {
            names: Names::load(&ctx).await?,
            roles,
            form,
            errors,
            ctx,
        },
    ))
}

pub(super) async fn intake_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    intake_page(ctx, IntakeForm::default(), FormErrors::new()).await
}

pub(super) async fn intake_create(
    ctx: Ctx,
    Form(f): Form<IntakeForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    let org = if f.org.is_empty() && roles.len() == 1 {
        roles[0].org_id.clone()
    } else {
        f.org.clone()
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/referrals/intake/{id}")?;
    let made = intake::create(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &IntakeDraft {
            org_id: org,
            channel: f.channel.clone(),
            in_danger: f.in_danger.clone(),
            safe_to_talk: f.safe_to_talk.clone(),
            callback: f.callback.clone(),
            name: f.name.clone(),
            notes: f.notes.clone(),
        },
        Some(&once),
    )
    .await;
    match made {
        Ok(id) => Ok(see_other(&ctx, &format!("/referrals/intake/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            intake_page(ctx, f, errors).await
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals/templates/intake.html")]
struct IntakePage {
    ctx: Ctx,
    i: IntakeView,
}

pub(super) async fn intake_read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let i = intake::view(&ctx.actor(), &ctx.state.db, vault(&ctx)?, &id).await?;
    Ok(page(&IntakePage { i, ctx }))
}
