//! The list of newsletters (with the form to start one) and a newsletter's page: what it
//! is, subscribing, its archive, and for its editors the drafts and scheduled issues.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::newsletters::{self, Listed, issues, subscribe};
use spona_domain::newsletter::{
    Audience, CONSENT_TEXT_MEMBER, CONSENT_TEXT_PUBLIC, CONSENT_VERSION,
};
use spona_store::networks::Network;
use spona_store::newsletters::Newsletter;

use super::view::{IssueLine, page_path};
use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/newsletters", list)
        .post("/newsletters", create)
        .get("/newsletters/{slug}", show)
}

#[derive(Template)]
#[template(path = "newsletters/templates/newsletters.html")]
struct ListPage {
    ctx: Ctx,
    newsletters: Vec<Listed>,
    owners: Vec<Network>,
    form: CreateForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default, Clone)]
pub struct CreateForm {
    #[serde(default)]
    network: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    audience: Option<String>,
    #[serde(default)]
    once: String,
}

async fn list_page(
    ctx: Ctx,
    form: CreateForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let newsletters = newsletters::list(&actor, &ctx.state.db, ctx.locale).await?;
    let owners = newsletters::owners_for(&actor, &ctx.state.db).await?;
    Ok(render(
        status,
        &ListPage {
            ctx,
            newsletters,
            owners,
            form,
            errors,
        },
    ))
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    list_page(
        ctx,
        CreateForm::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn create(ctx: Ctx, Form(f): Form<CreateForm>) -> Result<Response, AppError> {
    let new = issues::NewNewsletter {
        network: f.network.clone(),
        name: f.name.clone(),
        description: f.description.clone(),
        audience: f.audience.clone(),
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, &page_path("{id}"))?;
    match issues::create(&ctx.actor(), &ctx.state.db, &new, Some(&once)).await {
        Ok(n) => Ok(see_other(&ctx, &page_path(&n.slug))),
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            list_page(ctx, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "newsletters/templates/newsletter.html")]
struct NewsletterPage {
    ctx: Ctx,
    n: Newsletter,
    public: bool,
    can_edit: bool,
    /// For a signed-in reader: whether they get it.
    member: Option<bool>,
    archive: Vec<IssueLine>,
    unsent: Vec<IssueLine>,
    email: String,
    errors: FormErrors,
    consent_public: &'static str,
    consent_member: &'static str,
    consent_version: i64,
}

/// A newsletter's page; `email` and `errors` refill the public subscribe form.
pub async fn newsletter_page(
    ctx: Ctx,
    slug: &str,
    email: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let n = newsletters::readable(&actor, db, slug).await?;
    let can_edit = newsletters::can_edit(&actor, db, &n).await?;
    let member = subscribe::member_status(&actor, db, &n).await?;
    let (sent, unsent) = issues::archive(&actor, db, &n).await?;
    let archive = sent
        .iter()
        .map(|(i, v)| IssueLine::new(&ctx, i, v))
        .collect();
    let unsent = unsent
        .iter()
        .map(|(i, v)| IssueLine::new(&ctx, i, v))
        .collect();
    Ok(render(
        status,
        &NewsletterPage {
            public: n.audience == Audience::Public,
            n,
            can_edit,
            member,
            archive,
            unsent,
            email,
            errors,
            consent_public: CONSENT_TEXT_PUBLIC,
            consent_member: CONSENT_TEXT_MEMBER,
            consent_version: CONSENT_VERSION,
            ctx,
        },
    ))
}

impl NewsletterPage {
    fn consent_note(&self, id: &str) -> String {
        consent_note(&self.ctx, id, self.consent_version)
    }
}

/// "Wording “id”, version n." under a consent text.
pub fn consent_note(ctx: &Ctx, id: &str, version: i64) -> String {
    ctx.ta(
        "newsletter-consent-id",
        &[
            ("id", spona_i18n::Arg::Str(id)),
            ("version", spona_i18n::Arg::Num(version)),
        ],
    )
}

async fn show(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    newsletter_page(ctx, &slug, String::new(), FormErrors::new(), StatusCode::OK).await
}
