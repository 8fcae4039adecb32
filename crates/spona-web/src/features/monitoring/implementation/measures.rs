//! Measures' pages: the list (`/monitoring/measures`, public), a new measure (platform
//! admins, with a one-time key), one measure with its indicators and their values
//! (`/monitoring/measures/{id}`, public) and the admins' forms there: its status, a new
//! indicator, an indicator's value (refused with 422, naming the field, when out of range).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::Deserialize;
use spona_app::Error;
use spona_app::monitoring::implementation::measures::{
    self as uc, IndicatorDraft, MeasureDraft, ValueDraft,
};
use spona_domain::monitoring::MeasureStatus;
use spona_store::monitoring::measures::{Indicator, Measure};

use super::Done;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/measures", list)
        .get("/monitoring/measures/new", new_form)
        .post("/monitoring/measures/new", create)
        .get("/monitoring/measures/{id}", show)
        .post_from(
            "/monitoring/measures/{id}/status",
            set_status,
            "/monitoring/measures/{id}",
        )
        .post_from(
            "/monitoring/measures/{id}/indicators",
            add_indicator,
            "/monitoring/measures/{id}",
        )
        .post_from(
            "/monitoring/measures/{id}/indicators/{indicator}/values",
            add_value,
            "/monitoring/measures/{id}",
        )
}

/// Measure statuses in their order, for selects and labels.
pub fn measure_statuses() -> &'static [MeasureStatus] {
    MeasureStatus::ALL
}

#[derive(Template)]
#[template(path = "monitoring/templates/imp_measures.html")]
struct ListPage {
    ctx: Ctx,
    measures: Vec<Measure>,
    today: String,
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let measures = uc::list(&ctx.state.db).await?;
    Ok(page(&ListPage {
        ctx,
        measures,
        today: spona_app::monitoring::implementation::today(),
    }))
}

#[derive(Deserialize, Default)]
struct NewQuery {
    #[serde(default)]
    recommendation: String,
}

#[derive(Template)]
#[template(path = "monitoring/templates/imp_measure_new.html")]
struct NewPage {
    ctx: Ctx,
    draft: MeasureDraft,
    once: String,
    errors: FormErrors,
}

fn new_page(ctx: Ctx, draft: MeasureDraft, errors: FormErrors) -> Response {
    let status = form_status(&errors);
    let once = ctx.once_key();
    render(
        status,
        &NewPage {
            ctx,
            draft,
            once,
            errors,
        },
    )
}

async fn new_form(ctx: Ctx, Query(q): Query<NewQuery>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let draft = MeasureDraft {
        title_lang: ctx.locale.language().to_owned(),
        status: "planned".into(),
        recommendations: q.recommendation.chars().take(100).collect(),
        ..Default::default()
    };
    Ok(new_page(ctx, draft, FormErrors::new()))
}

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    once: String,
    #[serde(flatten)]
    draft: MeasureDraft,
}

async fn create(ctx: Ctx, Form(f): Form<NewForm>) -> Result<Response, AppError> {
    ctx.require_admin()?;
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/monitoring/measures/{id}")?;
    match uc::create(&ctx.actor(), &ctx.state.db, &f.draft, Some(&once)).await {
        Ok(id) => Ok(see_other(
            &ctx,
            &format!("/monitoring/measures/{id}?done=created"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(new_page(ctx, f.draft, errors))
        }
        Err(Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

/// Which of the measure page's forms the errors belong to.
#[derive(Default, PartialEq, Eq)]
enum Which {
    #[default]
    None,
    Status,
    Indicator,
    Value(String),
}

#[derive(Template)]
#[template(path = "monitoring/templates/imp_measure.html")]
struct MeasurePage {
    ctx: Ctx,
    measure: Measure,
    indicators: Vec<Indicator>,
    today: String,
    errors: FormErrors,
    which: Which,
    indicator: IndicatorDraft,
    value: ValueDraft,
    done: Option<&'static str>,
}

impl MeasurePage {
    fn value_errors_for(&self, indicator: &str) -> bool {
        self.which == Which::Value(indicator.to_owned())
    }

    fn overdue(&self) -> bool {
        self.measure
            .deadline
            .as_deref()
            .is_some_and(|d| d < self.today.as_str())
            && !matches!(
                self.measure.status,
                MeasureStatus::Done | MeasureStatus::Dropped
            )
    }
}

/// A number as the page shows it (no trailing `.0`).
pub fn num(v: &f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", *v as i64)
    } else {
        format!("{v}")
    }
}

/// An optional number as the page shows it (`—` when absent).
pub fn opt_num(v: &Option<f64>) -> String {
    v.as_ref().map(num).unwrap_or_else(|| "—".into())
}

async fn measure_page(
    ctx: Ctx,
    id: &str,
    errors: FormErrors,
    which: Which,
    indicator: IndicatorDraft,
    value: ValueDraft,
    done: &str,
) -> Result<Response, AppError> {
    let (measure, indicators) = uc::read(&ctx.state.db, id).await?;
    let done = match done {
        "created" => Some("mon-imp-done-measure-created"),
        "status" => Some("mon-imp-done-measure-status"),
        "indicator" => Some("mon-imp-done-indicator"),
        "value" => Some("mon-imp-done-value"),
        _ => None,
    };
    let status = form_status(&errors);
    Ok(render(
        status,
        &MeasurePage {
            ctx,
            measure,
            indicators,
            today: spona_app::monitoring::implementation::today(),
            errors,
            which,
            indicator,
            value,
            done,
        },
    ))
}

async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let value = ValueDraft {
        measured_on: spona_app::monitoring::implementation::today(),
        ..Default::default()
    };
    measure_page(
        ctx,
        &id,
        FormErrors::new(),
        Which::None,
        IndicatorDraft::default(),
        value,
        &q.done,
    )
    .await
}

#[derive(Deserialize, Default)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn set_status(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    match uc::set_status(&ctx.actor(), &ctx.state.db, &id, &f.status).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/monitoring/measures/{id}?done=status"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let value = ValueDraft::default();
            measure_page(
                ctx,
                &id,
                errors,
                Which::Status,
                IndicatorDraft::default(),
                value,
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn add_indicator(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<IndicatorDraft>,
) -> Result<Response, AppError> {
    match uc::add_indicator(&ctx.actor(), &ctx.state.db, &id, &f).await {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("/monitoring/measures/{id}?done=indicator"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            measure_page(
                ctx,
                &id,
                errors,
                Which::Indicator,
                f,
                ValueDraft::default(),
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn add_value(
    ctx: Ctx,
    Path((id, indicator)): Path<(String, String)>,
    Form(f): Form<ValueDraft>,
) -> Result<Response, AppError> {
    match uc::record_value(&ctx.actor(), &ctx.state.db, &id, &indicator, &f).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/monitoring/measures/{id}?done=value"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            measure_page(
                ctx,
                &id,
                errors,
                Which::Value(indicator),
                IndicatorDraft::default(),
                f,
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
