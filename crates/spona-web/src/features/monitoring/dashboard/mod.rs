//! The public dashboard (`/monitoring/dashboard`, JSON at `/api/monitoring/dashboard`): per
//! mechanism, cycle, theme and institution, recommendations by the state's status and by
//! CSOs' assessments, disagreements and overdue measures; SVG charts written on the server
//! (`chart`), a table beside every chart, filtered by GET parameters (so every view is a
//! link).

pub mod api;
pub use crate::http::chart;

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use spona_app::monitoring::dashboard::{Dashboard, DashboardQuery, Row, STATE_CODES};
use spona_domain::monitoring::{Mechanism, Status};

use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};
use chart::{Bar, Segment, bars, fill};

pub fn routes(r: Routes) -> Routes {
    api::routes(r.get("/monitoring/dashboard", show))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}

/// How many themes the theme chart shows (the table lists them all).
const THEMES_CHARTED: usize = 15;

#[derive(Template)]
#[template(path = "monitoring/templates/dash_dashboard.html")]
struct Page {
    ctx: Ctx,
    d: Dashboard,
    query: DashboardQuery,
    /// The query string of the current filter (`mechanism=upr&cycle=3`), for links.
    qs: String,
    mechanisms: Vec<(String, String)>,
    cycles: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    institutions: Vec<(String, String)>,
    chart_mechanism: String,
    chart_cycle: String,
    chart_theme: String,
    chart_cso: String,
    chart_institution: String,
}

impl Page {
    fn state_label(&self, code: &str) -> String {
        self.ctx.label("mon-dash-state", code)
    }

    fn cso_label(&self, code: &str) -> String {
        self.ctx.label("mon-imp-status", code)
    }

    fn mech(&self, code: &str) -> String {
        self.ctx.label("mon-dash-mech", code)
    }

    /// The dashboard's address with the current filter and one parameter changed.
    fn with(&self, name: &str, value: &str) -> String {
        let q = &self.query;
        let mut pairs: Vec<(&str, &str)> = vec![
            ("mechanism", q.mechanism.as_str()),
            ("cycle", q.cycle.as_str()),
            ("theme", q.theme.as_str()),
            ("institution", q.institution.as_str()),
            ("country", q.country.as_str()),
        ];
        for p in &mut pairs {
            if p.0 == name {
                p.1 = value;
            }
        }
        let qs = encode(&pairs);
        let base = self.ctx.href("/monitoring/dashboard");
        if qs.is_empty() {
            base
        } else {
            format!("{base}?{qs}")
        }
    }

    fn api_href(&self) -> String {
        if self.qs.is_empty() {
            "/api/monitoring/dashboard".to_owned()
        } else {
            format!("/api/monitoring/dashboard?{}", self.qs)
        }
    }
}

fn encode(pairs: &[(&str, &str)]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.trim().is_empty() {
            ser.append_pair(k, v.trim());
        }
    }
    ser.finish()
}

fn state_bar(label: String, r: &Row, ctx: &Ctx) -> Bar {
    Bar {
        label,
        segments: STATE_CODES
            .iter()
            .zip(&r.by_status)
            .map(|(code, n)| Segment {
                label: ctx.label("mon-dash-state", code),
                value: *n,
                fill: fill(code),
            })
            .collect(),
    }
}

fn state_legend(ctx: &Ctx) -> Vec<(String, &'static str)> {
    STATE_CODES
        .iter()
        .map(|c| (ctx.label("mon-dash-state", c), fill(c)))
        .collect()
}

async fn show(ctx: Ctx, Query(query): Query<DashboardQuery>) -> Result<Response, AppError> {
    let filter = query.filter()?;
    let db = &ctx.state.db;
    let today = spona_app::monitoring::implementation::today();
    let cube = ctx.state.monitoring_dashboard.snapshot(db).await?;
    let d = cube.dashboard(filter, &today);
    let (cycle_pairs, theme_codes, institution_names) = cube.choices();
    let mechanisms = Mechanism::ALL
        .iter()
        .map(|m| {
            (
                m.as_str().to_owned(),
                ctx.label("mon-dash-mech", m.as_str()),
            )
        })
        .collect();
    let mut cycles: Vec<(String, String)> = Vec::new();
    for (_, c) in cycle_pairs {
        if !c.is_empty() && !cycles.iter().any(|(x, _)| *x == c) {
            cycles.push((c.clone(), c));
        }
    }
    let themes = theme_codes.into_iter().map(|t| (t.clone(), t)).collect();
    let institutions = institution_names
        .into_iter()
        .map(|t| (t.clone(), t))
        .collect();
    let legend = state_legend(&ctx);
    let chart_mechanism = bars(
        "chart-mechanism",
        &ctx.t("mon-dash-by-mechanism"),
        &ctx.t("mon-dash-chart-desc-state"),
        &d.by_mechanism
            .iter()
            .map(|r| state_bar(ctx.label("mon-dash-mech", &r.key), r, &ctx))
            .collect::<Vec<_>>(),
        &legend,
    );
    let chart_cycle = bars(
        "chart-cycle",
        &ctx.t("mon-dash-by-cycle"),
        &ctx.t("mon-dash-chart-desc-state"),
        &d.by_cycle
            .iter()
            .map(|r| {
                let label = format!("{} {}", ctx.label("mon-dash-mech", &r.mechanism), r.key);
                state_bar(label, r, &ctx)
            })
            .collect::<Vec<_>>(),
        &legend,
    );
    let chart_theme = bars(
        "chart-theme",
        &ctx.t("mon-dash-by-theme"),
        &ctx.t("mon-dash-chart-desc-theme"),
        &d.by_theme
            .iter()
            .take(THEMES_CHARTED)
            .map(|r| state_bar(r.key.clone(), r, &ctx))
            .collect::<Vec<_>>(),
        &legend,
    );
    let cso_legend: Vec<(String, &'static str)> = Status::ALL
        .iter()
        .map(|s| (ctx.label("mon-imp-status", s.as_str()), fill(s.as_str())))
        .collect();
    let chart_cso = bars(
        "chart-cso",
        &ctx.t("mon-dash-cso-heading"),
        &ctx.t("mon-dash-chart-desc-cso"),
        &d.cso_by_mechanism
            .iter()
            .map(|r| Bar {
                label: ctx.label("mon-dash-mech", &r.key),
                segments: Status::ALL
                    .iter()
                    .zip(&r.by_status)
                    .map(|(s, n)| Segment {
                        label: ctx.label("mon-imp-status", s.as_str()),
                        value: *n,
                        fill: fill(s.as_str()),
                    })
                    .collect(),
            })
            .collect::<Vec<_>>(),
        &cso_legend,
    );
    let chart_institution = bars(
        "chart-institution",
        &ctx.t("mon-dash-institutions-heading"),
        &ctx.t("mon-dash-chart-desc-institutions"),
        &d.counts
            .institutions
            .iter()
            .map(|i| Bar {
                label: i.institution.clone(),
                segments: vec![
                    Segment {
                        label: ctx.t("mon-dash-on-time"),
                        value: i.measures - i.overdue,
                        fill: fill("implemented"),
                    },
                    Segment {
                        label: ctx.t("mon-dash-overdue"),
                        value: i.overdue,
                        fill: fill("overdue"),
                    },
                ],
            })
            .collect::<Vec<_>>(),
        &[
            (ctx.t("mon-dash-on-time"), fill("implemented")),
            (ctx.t("mon-dash-overdue"), fill("overdue")),
        ],
    );
    let qs = encode(&[
        ("mechanism", query.mechanism.as_str()),
        ("cycle", query.cycle.as_str()),
        ("theme", query.theme.as_str()),
        ("institution", query.institution.as_str()),
        ("country", query.country.as_str()),
    ]);
    Ok(page(&Page {
        ctx,
        d,
        query,
        qs,
        mechanisms,
        cycles,
        themes,
        institutions,
        chart_mechanism,
        chart_cycle,
        chart_theme,
        chart_cso,
        chart_institution,
    }))
}

/// The statuses a CSO may give (in `Status::ALL` order), for the template.
pub fn cso_codes() -> &'static [&'static str] {
    &["not-started", "partially", "implemented", "regressed"]
}

/// The state's status codes a count may carry, for the template.
pub fn state_codes() -> &'static [&'static str] {
    &STATE_CODES
}

#[cfg(test)]
mod tests {
    #[test]
    fn cso_codes_follow_the_status_order() {
        let all: Vec<&str> = spona_domain::monitoring::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(super::cso_codes(), all.as_slice());
    }
}
