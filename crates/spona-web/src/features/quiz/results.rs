//! A quiz's results: for coordinators (`/quizzes/{id}/results`, with suspected floods and
//! their exclusion, CSV and XLSX of the aggregates) and, when the campaign chooses, for
//! everyone (`/q/{slug}/results`). Each table has an SVG chart drawn on the server beside
//! it; counts from 1 to 9 are withheld everywhere.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::quizzes::results::{self as uc, Results};
use spona_domain::quiz::results::MIN_CELL;

use super::view;
use crate::http::chart::{Bar, Segment, bars};
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/quizzes/{id}/results", coordinator)
        .get("/quizzes/{id}/results.csv", csv)
        .get("/quizzes/{id}/results.xlsx", xlsx)
        .post_from("/quizzes/{id}/floods", exclude, "/quizzes/{id}/results")
        .get("/q/{slug}/results", public)
}

#[derive(Deserialize, Default)]
pub struct VersionQuery {
    #[serde(default)]
    pub version: Option<i64>,
}

/// One table with its chart: `(label, shown count)` rows.
pub struct Table {
    pub id: String,
    pub caption: String,
    pub rows: Vec<(String, String)>,
    pub chart: String,
}

fn shown(ctx: &Ctx, n: Option<i64>) -> String {
    n.map(|n| n.to_string())
        .unwrap_or_else(|| ctx.t("qz-withheld"))
}

fn table(ctx: &Ctx, id: String, caption: String, rows: Vec<(String, Option<i64>)>) -> Table {
    let chart_bars: Vec<Bar> = rows
        .iter()
        .map(|(label, n)| Bar {
            label: label.clone(),
            segments: vec![Segment {
                label: shown(ctx, *n),
                value: n.unwrap_or(0),
                fill: "#1d4e89",
            }],
        })
        .collect();
    let chart = bars(&id, &caption, &ctx.t("qz-chart-desc"), &chart_bars, &[]);
    Table {
        rows: rows.into_iter().map(|(l, n)| (l, shown(ctx, n))).collect(),
        id,
        caption,
        chart,
    }
}

/// The tables of a quiz's results, in the reader's language.
pub fn tables(ctx: &Ctx, r: &Results) -> Vec<Table> {
    let mut out = Vec::new();
    for (i, q) in r.doc.questions.iter().enumerate() {
        let answers = r
            .table("answer")
            .into_iter()
            .filter(|l| l.question == i as i64)
            .map(|l| {
                let label = match l.key.parse::<usize>() {
                    _ if l.key == spona_app::quizzes::results::WITHHELD_TOGETHER => {
                        ctx.t("qzm-withheld-together")
                    }
                    Ok(k) if q.kind != "scale" => q
                        .options
                        .get(k)
                        .map(|o| view::text(ctx, &o.text))
                        .unwrap_or_default(),
                    _ => l.key.clone(),
                };
                (label, l.count)
            })
            .collect();
        let caption = format!("{}. {}", i + 1, view::text(ctx, &q.text));
        out.push(table(ctx, format!("q{}", i + 1), caption, answers));
    }
    if r.doc.scored {
        let rows = r
            .table("right")
            .into_iter()
            .filter(|l| l.key == "right")
            .map(|l| (format!("{}", l.question + 1), l.count))
            .collect();
        out.push(table(ctx, "right".into(), ctx.t("qz-t-right"), rows));
    }
    for dim in spona_store::quizzes::DIMENSIONS {
        let rows = r
            .table(dim)
            .into_iter()
            .map(|l| {
                let label = match (dim, l.key.as_str()) {
                    (_, "") => ctx.t("qz-not-given"),
                    (_, "*") => ctx.t("qzm-withheld-together"),
                    ("country", c) => ctx.label("country", c),
                    ("age_band", a) => ctx.t(&format!("qz-age-{a}")),
                    (_, k) => k.to_owned(),
                };
                (label, l.count)
            })
            .collect();
        let caption = ctx.t(&format!("qz-t-{}", dim.replace('_', "-")));
        out.push(table(ctx, dim.replace('_', "-"), caption, rows));
    }
    out
}

#[derive(Template)]
#[template(path = "quiz/templates/results.html")]
struct ResultsPage {
    ctx: Ctx,
    r: Results,
    title: String,
    sessions: String,
    tables: Vec<Table>,
    coordinator: bool,
    min_cell: i64,
}

impl ResultsPage {
    /// The first characters of a hash: enough to tell floods apart.
    fn short(&self, hash: &str) -> String {
        hash.chars().take(12).collect()
    }
}

fn results_page(ctx: Ctx, r: Results, coordinator: bool) -> Response {
    let tables = tables(&ctx, &r);
    page(&ResultsPage {
        title: view::text(&ctx, &r.doc.title),
        sessions: shown(&ctx, r.sessions),
        tables,
        coordinator,
        min_cell: MIN_CELL,
        r,
        ctx,
    })
}

async fn coordinator(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::for_coordinator(&ctx.actor(), &ctx.state.db, &id, q.version).await?;
    Ok(results_page(ctx, r, true))
}

async fn public(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::public(&ctx.state.db, &slug, q.version).await?;
    Ok(results_page(ctx, r, false))
}

fn download(body: Vec<u8>, content_type: &'static str, name: String) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn csv(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::for_coordinator(&ctx.actor(), &ctx.state.db, &id, q.version).await?;
    let name = format!("quiz-{}-v{}.csv", r.campaign.slug, r.quiz.version);
    Ok(download(
        uc::csv(&r).into_bytes(),
        "text/csv; charset=utf-8",
        name,
    ))
}

async fn xlsx(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::for_coordinator(&ctx.actor(), &ctx.state.db, &id, q.version).await?;
    let name = format!("quiz-{}-v{}.xlsx", r.campaign.slug, r.quiz.version);
    let body = uc::xlsx(&r).map_err(AppError::Internal)?;
    Ok(download(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        name,
    ))
}

#[derive(Deserialize, Default)]
struct FloodForm {
    #[serde(default)]
    quiz: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    hash: String,
    #[serde(default)]
    exclude: String,
}

async fn exclude(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<FloodForm>,
) -> Result<Response, AppError> {
    let excluded = match f.exclude.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    spona_app::quizzes::author::exclude(
        &ctx.actor(),
        &ctx.state.db,
        &id,
        &f.quiz,
        &f.day,
        &f.hash,
        excluded,
    )
    .await?;
    Ok(see_other(&ctx, &format!("/quizzes/{id}/results#floods")))
}
