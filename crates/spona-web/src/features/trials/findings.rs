//! The public findings across cases and countries: tables per group of figures and a bar
//! chart of the adjournments' reasons drawn on the server as SVG (no script), with the
//! same figures in the table beside it. Figures drawn from fewer than three cases read
//! "fewer than 3 cases" (see `spona_domain::trial::findings`).

use askama::Template;
use axum::response::Response;
use spona_app::trials as uc;
use spona_domain::trial::findings::{Cell, Column, MIN_CASES};

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/trials/findings", show)
}

/// One table: its caption and rows of `(label, cells)`, one cell per column.
pub struct Table {
    pub id: &'static str,
    pub caption: String,
    pub rows: Vec<(String, Vec<String>)>,
}

/// One bar of the chart.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub y: i64,
    pub width: i64,
}

#[derive(Template)]
#[template(path = "trials/templates/findings.html")]
struct FindingsPage {
    ctx: Ctx,
    heads: Vec<String>,
    tables: Vec<Table>,
    bars: Vec<Bar>,
    chart_height: i64,
    min_cases: i64,
}

fn text(ctx: &Ctx, c: &Cell) -> String {
    match c.shown() {
        Some(v) => v.to_string(),
        None => ctx.t("trials-suppressed"),
    }
}

fn row(
    ctx: &Ctx,
    key: &str,
    cols: &[Column],
    cell: impl Fn(&Column) -> Cell,
) -> (String, Vec<String>) {
    (
        ctx.t(key),
        cols.iter().map(|c| text(ctx, &cell(c))).collect(),
    )
}

fn coded(
    ctx: &Ctx,
    prefix: &str,
    cols: &[Column],
    pick: impl Fn(&Column) -> &Vec<(&'static str, Cell)>,
) -> Vec<(String, Vec<String>)> {
    let Some(first) = cols.first() else {
        return Vec::new();
    };
    pick(first)
        .iter()
        .enumerate()
        .map(|(i, (code, _))| {
            (
                ctx.label(prefix, code),
                cols.iter()
                    .map(|c| {
                        pick(c)
                            .get(i)
                            .map(|(_, cell)| text(ctx, cell))
                            .unwrap_or_default()
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The page's tables from the computed columns.
pub fn tables(ctx: &Ctx, cols: &[Column]) -> Vec<Table> {
    let summary = vec![
        row(ctx, "trials-f-cases", cols, |c| c.cases),
        row(ctx, "trials-f-with-verdict", cols, |c| c.with_verdict),
        row(ctx, "trials-f-median-days", cols, |c| c.median_days),
        row(ctx, "trials-f-hearings", cols, |c| c.hearings),
        row(ctx, "trials-f-adjourned", cols, |c| c.adjourned),
        row(ctx, "trials-f-mean-sentence", cols, |c| c.mean_sentence),
        row(ctx, "trials-f-observations", cols, |c| c.observations),
        row(ctx, "trials-f-protected", cols, |c| c.protected),
    ];
    let checks = cols
        .first()
        .map(|first| {
            first
                .checks
                .iter()
                .enumerate()
                .map(|(i, (code, _, _))| {
                    (
                        ctx.label("trial-check", code),
                        cols.iter()
                            .map(|c| {
                                c.checks
                                    .get(i)
                                    .map(|(_, y, n)| format!("{} / {}", text(ctx, y), text(ctx, n)))
                                    .unwrap_or_default()
                            })
                            .collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    vec![
        Table {
            id: "summary",
            caption: ctx.t("trials-f-summary"),
            rows: summary,
        },
        Table {
            id: "reasons",
            caption: ctx.t("trials-f-reasons"),
            rows: coded(ctx, "trial-reason", cols, |c| &c.reasons),
        },
        Table {
            id: "outcomes",
            caption: ctx.t("trials-f-outcomes"),
            rows: coded(ctx, "trial-outcome", cols, |c| &c.outcomes),
        },
        Table {
            id: "measures",
            caption: ctx.t("trials-f-measures"),
            rows: coded(ctx, "trial-measure", cols, |c| &c.measures),
        },
        Table {
            id: "checks",
            caption: ctx.t("trials-f-checks"),
            rows: checks,
        },
    ]
}

/// The chart's bars: adjournments per reason over all countries, figures shown only.
fn bars(ctx: &Ctx, all: Option<&Column>) -> Vec<Bar> {
    let Some(all) = all else {
        return Vec::new();
    };
    let shown: Vec<(&str, i64)> = all
        .reasons
        .iter()
        .filter_map(|(code, c)| c.shown().filter(|v| *v > 0).map(|v| (*code, v)))
        .collect();
    let max = shown.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    shown
        .into_iter()
        .enumerate()
        .map(|(i, (code, value))| Bar {
            label: ctx.label("trial-reason", code),
            value,
            y: i as i64 * 28,
            width: value * 360 / max,
        })
        .collect()
}

async fn show(ctx: Ctx) -> Result<Response, AppError> {
    let cols = uc::findings(&ctx.state.db).await?;
    let heads = cols
        .iter()
        .map(|c| {
            if c.country.is_empty() {
                ctx.t("trials-f-all")
            } else {
                ctx.label("country", &c.country)
            }
        })
        .collect();
    let bars = bars(&ctx, cols.last());
    Ok(page(&FindingsPage {
        heads,
        tables: tables(&ctx, &cols),
        chart_height: (bars.len() as i64 * 28).max(28),
        bars,
        min_cases: MIN_CASES as i64,
        ctx,
    }))
}
