//! The calendar of significant dates (`/stories/calendar`): the coming year's dates — the
//! platform's and the networks' own — each with the publications scheduled or shown near
//! it, and the form with which a network's coordinators add a date of their own.

use askama::Template;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::publications::{self as uc, CalendarDay};
use spona_store::networks::Network;

use super::view::{Shown, shown};
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories/calendar", page)
        .post("/stories/calendar", add_date)
}

pub struct Day {
    pub date: String,
    pub name: String,
    pub network: String,
    /// A network's date its reader may remove (they coordinate the network).
    pub removable: Option<String>,
    pub publications: Vec<Shown>,
}

#[derive(Template)]
#[template(path = "publications/templates/calendar.html")]
struct CalendarPage {
    ctx: Ctx,
    days: Vec<Day>,
    networks: Vec<Network>,
    form: DateForm,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
struct DateForm {
    #[serde(default)]
    network: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    title: String,
}

fn months(ctx: &Ctx) -> Vec<(String, String)> {
    (1..=12)
        .map(|m| (m.to_string(), ctx.label("pb-month", &m.to_string())))
        .collect()
}

impl CalendarPage {
    fn months(&self) -> Vec<(String, String)> {
        months(&self.ctx)
    }
}

fn day(ctx: &Ctx, d: CalendarDay, now: i64, mine: &[Network]) -> Day {
    let name = match d.code {
        Some(code) => ctx.label("pb-date", code),
        None => d.title.clone(),
    };
    Day {
        date: ctx.date(
            &d.date
                .and_hms_opt(12, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .unwrap_or(0),
        ),
        name,
        network: d.network.clone(),
        removable: d.date_id.clone().filter(|_| {
            mine.iter()
                .any(|n| d.network_id.as_deref() == Some(n.id.to_string().as_str()))
        }),
        publications: d
            .publications
            .iter()
            .map(|p| shown(ctx, p, None, now))
            .collect(),
    }
}

async fn render_page(ctx: Ctx, form: DateForm, errors: FormErrors) -> Result<Response, AppError> {
    let now = spona_store::now();
    let actor = ctx.actor();
    let today = chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .date_naive();
    let networks = uc::date_networks(&actor, &ctx.state.db).await?;
    let days = uc::calendar(&actor, &ctx.state.db, today, now)
        .await?
        .into_iter()
        .map(|d| day(&ctx, d, now, &networks))
        .collect();
    Ok(render(
        form_status(&errors),
        &CalendarPage {
            ctx,
            days,
            networks,
            form,
            errors,
        },
    ))
}

async fn page(ctx: Ctx) -> Result<Response, AppError> {
    render_page(ctx, DateForm::default(), FormErrors::new()).await
}

async fn add_date(ctx: Ctx, Form(f): Form<DateForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    match uc::add_date(
        &actor,
        &ctx.state.db,
        &f.network,
        &f.month,
        &f.day,
        &f.title,
    )
    .await
    {
        Ok(()) => Ok(see_other(&ctx, "/stories/calendar")),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            render_page(ctx, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
