//! Registration by a person, and the organisers' participants page and exports.

use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::events::{self, Env, export};
use spona_domain::event::RegStatus;
use spona_store::events::{Answers, Event, Registration};

use super::app_error;
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/events/{id}/register", register, "/events/{id}")
        .post_from("/events/{id}/unregister", unregister, "/events/{id}")
        .get("/events/{id}/participants", participants)
        .get("/events/{id}/participants/export.csv", export_csv)
        .get("/events/{id}/participants/export.xlsx", export_xlsx)
        .post_from(
            "/events/{id}/participants/{reg}/approve",
            approve,
            "/events/{id}/participants",
        )
        .post_from(
            "/events/{id}/participants/{reg}/attendance",
            attendance,
            "/events/{id}/participants",
        )
}

pub(super) fn env(ctx: &Ctx) -> Env<'_> {
    Env {
        db: &ctx.state.db,
        tr: &ctx.state.tr,
        public_url: &ctx.state.config.public_url,
    }
}

#[derive(Deserialize, Default)]
pub struct RegisterForm {
    #[serde(default)]
    interpretation: String,
    #[serde(default)]
    accessibility: String,
    #[serde(default)]
    dietary: String,
    #[serde(default)]
    travel_support: Option<String>,
    #[serde(default)]
    visa_support: Option<String>,
    /// `''`: the whole event; `next`: the next date; or one date's local start.
    #[serde(default)]
    occurrence: String,
}

#[derive(Deserialize, Default)]
pub struct UnregisterForm {
    /// `''`: the registration for the whole event; or one date's local start.
    #[serde(default)]
    occurrence: String,
}

async fn register(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let answers = Answers {
        interpretation: f.interpretation.trim().to_owned(),
        accessibility: f.accessibility.trim().to_owned(),
        dietary: f.dietary.trim().to_owned(),
        travel_support: f.travel_support.is_some(),
        visa_support: f.visa_support.is_some(),
    };
    let which = events::occurrence::Which::parse(&f.occurrence);
    events::occurrence::register_at(&ctx.actor(), &ctx.state.db, &id, &which, &answers)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}#registration")))
}

async fn unregister(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<UnregisterForm>,
) -> Result<Response, AppError> {
    events::occurrence::unregister_at(&ctx.actor(), &env(&ctx), &id, f.occurrence.trim())
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}#registration")))
}

#[derive(Template)]
#[template(path = "events/templates/participants.html")]
struct ParticipantsPage {
    ctx: Ctx,
    event: Event,
    regs: Vec<Registration>,
    started: bool,
}

impl ParticipantsPage {
    fn status(&self, r: &Registration) -> String {
        self.ctx.t(&format!("event-status-{}", r.status.as_str()))
    }
    fn pending(&self, r: &Registration) -> bool {
        r.status == RegStatus::Pending
    }
    fn confirmed(&self, r: &Registration) -> bool {
        r.status == RegStatus::Confirmed
    }
    fn yes_no(&self, v: &i64) -> String {
        if *v != 0 {
            self.ctx.t("event-yes")
        } else {
            String::new()
        }
    }
    /// The date registered for, or "every date" for a series' whole-event registration.
    fn date(&self, r: &Registration) -> String {
        if !r.occurrence_local.is_empty() {
            r.occurrence_local.replace('T', " ")
        } else if self.event.rrule.is_some() {
            self.ctx.t("event-every-date")
        } else {
            String::new()
        }
    }
    fn attended(&self, r: &Registration) -> String {
        match r.attended {
            Some(1) => self.ctx.t("event-attended-yes"),
            Some(_) => self.ctx.t("event-attended-no"),
            None => String::new(),
        }
    }
}

async fn participants(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (event, regs) = events::participants(&ctx.actor(), &ctx.state.db, &id).await?;
    let started = spona_store::now() >= event.starts_at;
    Ok(page(&ParticipantsPage {
        ctx,
        event,
        regs,
        started,
    }))
}

fn headings(ctx: &Ctx) -> export::Headings {
    export::Headings(
        [
            "event-col-name",
            "event-col-email",
            "event-col-status",
            "event-q-interpretation",
            "event-q-accessibility",
            "event-q-dietary",
            "event-q-travel",
            "event-q-visa",
            "event-col-attended",
            "event-col-registered",
            "event-col-occurrence",
        ]
        .map(|k| ctx.t(k)),
    )
}

async fn export_csv(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (_, regs) = events::participants(&ctx.actor(), &ctx.state.db, &id).await?;
    let body = export::csv(&headings(&ctx), &regs);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"participants-{id}.csv\""),
            ),
        ],
        format!("\u{feff}{body}"),
    )
        .into_response())
}

async fn export_xlsx(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (_, regs) = events::participants(&ctx.actor(), &ctx.state.db, &id).await?;
    let body = export::xlsx(&headings(&ctx), &regs).map_err(AppError::Internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"participants-{id}.xlsx\""),
            ),
        ],
        body,
    )
        .into_response())
}

async fn approve(ctx: Ctx, Path((id, reg)): Path<(String, String)>) -> Result<Response, AppError> {
    events::approve(&ctx.actor(), &env(&ctx), &id, &reg)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}/participants")))
}

#[derive(Deserialize)]
struct AttendanceForm {
    #[serde(default)]
    attended: String,
}

async fn attendance(
    ctx: Ctx,
    Path((id, reg)): Path<(String, String)>,
    Form(f): Form<AttendanceForm>,
) -> Result<Response, AppError> {
    let attended = match f.attended.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("err-unknown-choice")),
    };
    events::mark_attended(&ctx.actor(), &ctx.state.db, &id, &reg, attended)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}/participants")))
}
