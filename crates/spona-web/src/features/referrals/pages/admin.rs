//! Statistics without names (page, CSV, XLSX) and an organisation's case workers.

use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::referrals::stats::{self, Stats};
use spona_app::referrals::{self as uc};
use spona_store::referrals::Worker;

use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

#[derive(Template)]
#[template(path = "referrals/templates/stats.html")]
struct StatsPage {
    ctx: Ctx,
    s: Stats,
}

impl StatsPage {
    fn dim_label(&self, name: &str) -> String {
        self.ctx.t(&format!("ref-stats-{}", name.replace('_', "-")))
    }
    fn any_suppressed(&self) -> bool {
        self.s.total.is_none() || self.s.dimensions.iter().any(|d| d.suppressed)
    }
}

pub(super) async fn stats_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&StatsPage { s, ctx }))
}

pub(super) async fn stats_csv(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"referral-statistics.csv\"",
            ),
        ],
        format!("\u{feff}{}", stats::csv(&s)),
    )
        .into_response())
}

pub(super) async fn stats_xlsx(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    let body = stats::xlsx(&s).map_err(AppError::Internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"referral-statistics.xlsx\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "referrals/templates/workers.html")]
struct WorkersPage {
    ctx: Ctx,
    slug: String,
    org_name: String,
    workers: Vec<Worker>,
    /// Members who are not case workers: (user id, name).
    others: Vec<(String, String)>,
}

async fn org_of(ctx: &Ctx, slug: &str) -> Result<spona_store::orgs::Org, AppError> {
    match spona_store::orgs::get_by_slug(&ctx.state.db, slug).await {
        Ok(o) => Ok(o),
        Err(spona_store::StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn workers_page(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let org = org_of(&ctx, &slug).await?;
    let db = &ctx.state.db;
    let workers = uc::workers(&ctx.actor(), db, &org.id).await?;
    let others = spona_store::users::members_of(db, &org.id)
        .await?
        .into_iter()
        .filter(|m| !workers.iter().any(|w| w.user_id == m.user_id.as_str()))
        .map(|m| (m.user_id.to_string(), m.display_name))
        .collect();
    Ok(page(&WorkersPage {
        org_name: crate::names::org_name(ctx.locale, &org).text,
        slug,
        workers,
        others,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
pub(super) struct WorkerForm {
    #[serde(default)]
    user: String,
    /// `add`, `override` (add with the override permission) or `remove`.
    #[serde(default)]
    action: String,
}

pub(super) async fn workers_save(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<WorkerForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let org = org_of(&ctx, &slug).await?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    uc::workers(&actor, db, &org.id).await?;
    match f.action.as_str() {
        "add" => uc::set_worker(&actor, db, &org.id, &f.user, false).await?,
        "override" => uc::set_worker(&actor, db, &org.id, &f.user, true).await?,
        "remove" => uc::remove_worker(&actor, db, &org.id, &f.user).await?,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    }
    Ok(see_other(&ctx, &format!("/referrals/workers/{slug}")))
}
