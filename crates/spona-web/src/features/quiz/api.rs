//! A quiz's results in the JSON API: for coordinators (`/api/v1/quizzes/{id}/results`) and,
//! when the campaign made them public, for everyone (`/api/v1/q/{slug}/results`). The same
//! published cells as the pages: a count from 1 to 9 is `null`.

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use spona_app::quizzes::results::{self as uc, Results};
use spona_domain::quiz::results::MIN_CELL;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/quizzes/{id}/results", coordinator)
        .get("/api/v1/q/{slug}/results", public)
}

#[derive(OpenApi)]
#[openapi(
    paths(coordinator, public),
    components(schemas(QzResultsJson, QzLineJson))
)]
struct QuizDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    QuizDoc::openapi()
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct QzVersionQuery {
    /// A version of the quiz (the current one when left out).
    #[param(minimum = 1, maximum = 100000)]
    pub version: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = QzResultsJson)]
pub struct QzResultsJson {
    pub slug: String,
    pub version: i64,
    /// Counts from 1 to `min_cell - 1` are withheld (`null`).
    pub min_cell: i64,
    /// Sessions counted (not excluded); null when withheld.
    pub sessions: Option<i64>,
    pub lines: Vec<QzLineJson>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = QzLineJson)]
pub struct QzLineJson {
    /// `answer`, `right`, `country`, `region`, `age_band`, `channel` or `day`.
    pub table: String,
    /// The question's number from 1 (`answer`, `right`), else null.
    pub question: Option<i64>,
    /// The option's index from 0 or the scale's value; `right`/`wrong`; or the value
    /// counted by (`""` when the taker gave none).
    pub key: String,
    /// Null when withheld.
    pub count: Option<i64>,
}

fn json(r: &Results) -> Response {
    Json(QzResultsJson {
        slug: r.campaign.slug.clone(),
        version: r.quiz.version,
        min_cell: MIN_CELL,
        sessions: r.sessions,
        lines: r
            .lines
            .iter()
            .map(|l| QzLineJson {
                table: l.table.clone(),
                question: (l.question >= 0).then_some(l.question + 1),
                key: l.key.clone(),
                count: l.count,
            })
            .collect(),
    })
    .into_response()
}

#[utoipa::path(get, path = "/api/v1/quizzes/{id}/results",
    params(("id" = String, Path, max_length = 64), QzVersionQuery),
    responses((status = 200, body = QzResultsJson),
        (status = 400, description = "The version is not a number", body = ErrorJson),
        (status = 401, body = ErrorJson),
        (status = 403, description = "Not a coordinator of this campaign", body = ErrorJson),
        (status = 404, body = ErrorJson)))]
async fn coordinator(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<QzVersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::for_coordinator(&ctx.actor(), &ctx.state.db, &id, q.version).await?;
    Ok(json(&r))
}

#[utoipa::path(get, path = "/api/v1/q/{slug}/results",
    params(("slug" = String, Path, max_length = 40, pattern = "^[a-z0-9-]+$"), QzVersionQuery),
    responses((status = 200, body = QzResultsJson),
        (status = 400, description = "The version is not a number", body = ErrorJson),
        (status = 404, description = "No such campaign, or its results are not public", body = ErrorJson)))]
async fn public(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<QzVersionQuery>,
) -> Result<Response, AppError> {
    let r = uc::public(&ctx.state.db, &slug, q.version).await?;
    Ok(json(&r))
}
