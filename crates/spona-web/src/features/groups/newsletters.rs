//! A group's newsletters: `GET /groups/{id}/newsletters` lists them with their archives (the
//! sent issues, titled in the reader's language) and, for the group's coordinators, the form
//! that starts one (`POST`, answered 303 to the new newsletter's page). Everything after that
//! — issues, preview, test mail, schedule, subscribers — is the newsletters feature's own
//! pages, whose rules ask the group's coordinators (`spona_app::newsletters::can_edit`).

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::newsletters::groups as nl;
use spona_app::newsletters::issues::{self, NewNewsletter};
use spona_store::groups::Group;

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/groups/{id}/newsletters", show)
        .post("/groups/{id}/newsletters", create)
}

/// A sent issue as the archive lists it.
struct ArchiveLine {
    id: String,
    title: String,
    lang: String,
    when: String,
}

/// A newsletter of the group with its archive.
struct Letter {
    slug: String,
    name: String,
    description: String,
    audience: &'static str,
    archive: Vec<ArchiveLine>,
    /// Drafts and scheduled issues (counted for editors only).
    unsent: i64,
}

#[derive(Template)]
#[template(path = "groups/templates/newsletters.html")]
struct NewslettersPage {
    ctx: Ctx,
    group: Group,
    letters: Vec<Letter>,
    can_create: bool,
    form: CreateForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default, Clone)]
struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    audience: Option<String>,
    #[serde(default)]
    once: String,
}

async fn page(
    ctx: Ctx,
    id: &str,
    form: CreateForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut g = nl::of_group(&ctx.actor(), &ctx.state.db, id).await?;
    let variants = spona_app::groups::names::of(&ctx.state.db, id).await?;
    spona_app::groups::names::localize(ctx.locale, &mut g.access.group, &variants);
    let letters = g
        .newsletters
        .into_iter()
        .map(|o| Letter {
            archive: o
                .sent
                .iter()
                .map(|(i, v)| {
                    let chosen = issues::choose(ctx.locale, v);
                    ArchiveLine {
                        id: i.id.clone(),
                        title: chosen
                            .as_ref()
                            .map(|v| v.title.clone())
                            .unwrap_or_else(|| ctx.t("newsletter-untitled")),
                        lang: chosen
                            .map(|v| v.lang)
                            .unwrap_or_else(|| ctx.locale.tag().to_owned()),
                        when: i.sent_at.map(|t| ctx.datetime(&t)).unwrap_or_default(),
                    }
                })
                .collect(),
            unsent: i64::try_from(o.unsent).unwrap_or(i64::MAX),
            slug: o.newsletter.slug,
            name: o.newsletter.name,
            description: o.newsletter.description,
            audience: o.newsletter.audience.as_str(),
        })
        .collect();
    Ok(render(
        status,
        &NewslettersPage {
            group: g.access.group,
            letters,
            can_create: g.can_create,
            form,
            errors,
            ctx,
        },
    ))
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    page(
        ctx,
        &id,
        CreateForm::default(),
        FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn create(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CreateForm>,
) -> Result<Response, AppError> {
    let new = NewNewsletter {
        network: String::new(),
        name: f.name.clone(),
        description: f.description.clone(),
        audience: f.audience.clone(),
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/newsletters/{id}")?;
    match nl::create(&ctx.actor(), &ctx.state.db, &id, &new, Some(&once)).await {
        Ok(n) => Ok(see_other(&ctx, &format!("/newsletters/{}", n.slug))),
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            page(ctx, &id, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
