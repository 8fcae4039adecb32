//! The dashboard's numbers as JSON (`/api/monitoring/dashboard`), with the same filter
//! parameters and the same counts as the page.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::monitoring::dashboard::{DashboardQuery, Row, STATE_CODES};
use spona_domain::monitoring::Status;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/monitoring/dashboard", dashboard)
}

#[derive(OpenApi)]
#[openapi(
    paths(dashboard),
    components(schemas(DashboardJson, FilterJson, GroupJson, InstitutionJson, OverdueJson))
)]
struct DashboardDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    DashboardDoc::openapi()
}

/// The dashboard's filter; an empty or absent parameter is "any".
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct Params {
    /// `upr`, `treaty-body`, `special-procedure`, `nap-1325`, `eu-accession`,
    /// `national-strategy`; anything else is refused with 400.
    #[param(
        pattern = "^(upr|treaty-body|special-procedure|nap-1325|eu-accession|national-strategy)?$"
    )]
    mechanism: Option<String>,
    /// A cycle or session (`2`, `3`).
    #[param(max_length = 200)]
    cycle: Option<String>,
    /// A theme code.
    #[param(max_length = 200)]
    theme: Option<String>,
    /// The institution responsible for a measure implementing the recommendation.
    #[param(max_length = 200)]
    institution: Option<String>,
    /// ISO 3166-1 alpha-2 of the state addressed.
    #[param(max_length = 200)]
    country: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FilterJson {
    pub mechanism: Option<String>,
    pub cycle: Option<String>,
    pub theme: Option<String>,
    pub institution: Option<String>,
    pub country: Option<String>,
}

/// Recommendations of one group (a mechanism, a cycle, a theme) or current CSO
/// assessments of one mechanism, by status.
#[derive(Serialize, ToSchema)]
#[schema(as = DashboardGroupJson)]
pub struct GroupJson {
    /// The mechanism code, the cycle or the theme code.
    pub key: String,
    /// The mechanism (for cycles and CSO rows).
    pub mechanism: Option<String>,
    pub total: i64,
    /// Counts by status code (the state's: `not-started`, `partially`, `implemented`,
    /// `regressed`, `none` — not given; CSOs': the four).
    pub by_status: BTreeMap<String, i64>,
}

#[derive(Serialize, ToSchema)]
pub struct InstitutionJson {
    pub institution: String,
    pub measures: i64,
    pub overdue: i64,
    pub recommendations: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OverdueJson {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub deadline: String,
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardJson {
    pub filter: FilterJson,
    /// ISO date the overdue measures are counted on.
    pub today: String,
    /// Recommendations selected.
    pub total: i64,
    /// Selected recommendations by the state's current status (`none`: not given).
    pub state_status: BTreeMap<String, i64>,
    /// Current CSO assessments of the selected recommendations, by status.
    pub cso_assessments: BTreeMap<String, i64>,
    /// Selected recommendations where a CSO's current assessment differs from the state's.
    pub disagreements: i64,
    /// Overdue measures (deadline passed, neither done nor dropped) in scope.
    pub overdue_measures: i64,
    pub by_mechanism: Vec<GroupJson>,
    pub by_cycle: Vec<GroupJson>,
    pub by_theme: Vec<GroupJson>,
    pub cso_by_mechanism: Vec<GroupJson>,
    pub disagreements_by_mechanism: BTreeMap<String, i64>,
    pub institutions: Vec<InstitutionJson>,
    /// The first 20 overdue measures, oldest deadline first.
    pub overdue: Vec<OverdueJson>,
}

fn state_map(values: &[i64]) -> BTreeMap<String, i64> {
    STATE_CODES
        .iter()
        .zip(values)
        .map(|(c, n)| ((*c).to_owned(), *n))
        .collect()
}

fn cso_map(values: &[i64]) -> BTreeMap<String, i64> {
    Status::ALL
        .iter()
        .zip(values)
        .map(|(c, n)| (c.as_str().to_owned(), *n))
        .collect()
}

fn group(r: &Row, with_mechanism: bool, cso: bool) -> GroupJson {
    GroupJson {
        key: r.key.clone(),
        mechanism: with_mechanism.then(|| r.mechanism.clone()),
        total: r.total,
        by_status: if cso {
            cso_map(&r.by_status)
        } else {
            state_map(&r.by_status)
        },
    }
}

/// The dashboard's counts for a filter.
#[utoipa::path(get, path = "/api/monitoring/dashboard", params(Params),
    responses((status = 200, body = DashboardJson), (status = 400, body = ErrorJson)))]
async fn dashboard(ctx: Ctx, Query(query): Query<DashboardQuery>) -> Result<Response, AppError> {
    let filter = query.filter()?;
    let today = spona_app::monitoring::implementation::today();
    let cube = ctx
        .state
        .monitoring_dashboard
        .snapshot(&ctx.state.db)
        .await?;
    let d = cube.dashboard(filter, &today);
    let f = &d.filter;
    Ok(Json(DashboardJson {
        filter: FilterJson {
            mechanism: f.mechanism.clone(),
            cycle: f.cycle.clone(),
            theme: f.theme.clone(),
            institution: f.institution.clone(),
            country: f.country.clone(),
        },
        today,
        total: d.total,
        state_status: state_map(&d.state_totals),
        cso_assessments: cso_map(&d.cso_totals),
        disagreements: d.disagreements,
        overdue_measures: d.overdue_total,
        by_mechanism: d
            .by_mechanism
            .iter()
            .map(|r| group(r, false, false))
            .collect(),
        by_cycle: d.by_cycle.iter().map(|r| group(r, true, false)).collect(),
        by_theme: d.by_theme.iter().map(|r| group(r, false, false)).collect(),
        cso_by_mechanism: d
            .cso_by_mechanism
            .iter()
            .map(|r| group(r, false, true))
            .collect(),
        disagreements_by_mechanism: d.disagreements_by_mechanism.iter().cloned().collect(),
        institutions: d
            .counts
            .institutions
            .iter()
            .map(|i| InstitutionJson {
                institution: i.institution.clone(),
                measures: i.measures,
                overdue: i.overdue,
                recommendations: i.recommendations,
            })
            .collect(),
        overdue: d
            .counts
            .overdue
            .iter()
            .map(|o| OverdueJson {
                id: o.id.clone(),
                title: o.title.clone(),
                institution: o.institution.clone(),
                deadline: o.deadline.clone(),
                status: o.status.clone(),
            })
            .collect(),
    })
    .into_response())
}
