//! Trial monitoring in the JSON API and as CSV: the public findings (JSON and CSV, figures
//! drawn from fewer than three cases withheld), and for members of monitoring organisations
//! their cases (JSON) and a per-case CSV export streamed in batches, without a cap. No
//! sealed text is ever in any of them: notes stay on the case pages.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;
use spona_app::Actor;
use spona_app::trials as uc;
use spona_app::trials::export;
use spona_domain::trial::findings::{MIN_CASES, figures};
use spona_store::Db;
use spona_store::trials::Case;
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/trials/findings", findings_json)
        .get("/api/v1/trials/findings.csv", findings_csv)
        .get("/api/v1/trials/cases.csv", cases_csv)
        .get("/api/v1/trials", list)
        .get("/api/v1/trials/{id}", get_case)
}

#[derive(OpenApi)]
#[openapi(
    paths(findings_json, findings_csv, cases_csv, list, get_case),
    components(schemas(
        FindingsJson,
        FigureJson,
        CaseListJson,
        CaseJson,
        HearingJson,
        ObservationJson,
        CheckJson,
        VerdictJson
    ))
)]
struct TrialsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    TrialsDoc::openapi()
}

#[derive(Serialize, ToSchema)]
pub struct FindingsJson {
    /// Figures drawn from fewer than this many cases are withheld (`value` null).
    pub min_cases: i64,
    pub figures: Vec<FigureJson>,
}

#[derive(Serialize, ToSchema)]
pub struct FigureJson {
    /// `cases`, `cases-with-verdict`, `median-days-to-verdict`, `hearings`,
    /// `hearings-adjourned`, `reason:<code>`, `outcome:<code>` (defendants),
    /// `mean-sentence-months`, `observations`, `observations-with-protection`,
    /// `measure:<code>`, `check:<code>:yes|no`.
    pub measure: String,
    /// An ISO 3166-1 code, or `all`.
    pub country: String,
    /// Null when withheld (drawn from one or two cases).
    pub value: Option<i64>,
}

async fn all_figures(db: &Db) -> Result<Vec<FigureJson>, AppError> {
    let cols = uc::findings(db).await?;
    Ok(figures(&cols)
        .into_iter()
        .map(|f| FigureJson {
            measure: f.measure,
            country: f.country,
            value: f.value,
        })
        .collect())
}

#[utoipa::path(get, path = "/api/v1/trials/findings",
    responses((status = 200, body = FindingsJson)))]
async fn findings_json(ctx: Ctx) -> Result<Response, AppError> {
    let figures = all_figures(&ctx.state.db).await?;
    Ok(Json(FindingsJson {
        min_cases: MIN_CASES as i64,
        figures,
    })
    .into_response())
}

fn csv_response(body: Body, name: &'static str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(name));
    response
}

#[utoipa::path(get, path = "/api/v1/trials/findings.csv",
    responses((status = 200, description = "measure, country, value (empty when withheld), withheld",
        content_type = "text/csv", body = String)))]
async fn findings_csv(ctx: Ctx) -> Result<Response, AppError> {
    let out = export::findings_csv(&export::findings_figures(&ctx.state.db).await?);
    Ok(csv_response(
        Body::from(out),
        "attachment; filename=\"trial-findings.csv\"",
    ))
}

/// Cases per batch of the streamed export.
const BATCH: i64 = 200;

struct Export {
    actor: Actor,
    db: Db,
    after: String,
    header: bool,
    done: bool,
}

async fn next_chunk(mut e: Export) -> Option<(Result<Bytes, std::io::Error>, Export)> {
    if e.done {
        return None;
    }
    let mut out = String::new();
    if !e.header {
        e.header = true;
        out.push('\u{feff}');
        export::line(&mut out, export::CASE_HEADER);
    }
    let rows = match uc::case_rows(&e.actor, &e.db, &e.after, BATCH).await {
        Ok(rows) => rows,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    if (rows.len() as i64) < BATCH {
        e.done = true;
    }
    if let Some(last) = rows.last() {
        e.after = last.case.id.clone();
    }
    for row in &rows {
        export::case_line(&mut out, row);
    }
    Some((Ok(Bytes::from(out)), e))
}

#[utoipa::path(get, path = "/api/v1/trials/cases.csv",
    responses((status = 200, description = "One line per case the reader's organisations monitor, streamed, without a cap",
        content_type = "text/csv", body = String),
        (status = 401, body = ErrorJson)))]
async fn cases_csv(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor();
    actor.require_user()?;
    let export = Export {
        actor,
        db: ctx.state.db.clone(),
        after: String::new(),
        header: false,
        done: false,
    };
    // Fused: polled after its end by the compression layer.
    let stream = futures_util::StreamExt::fuse(futures_util::stream::unfold(export, next_chunk));
    Ok(csv_response(
        Body::from_stream(stream),
        "attachment; filename=\"trial-cases.csv\"",
    ))
}

#[derive(Serialize, ToSchema)]
pub struct CaseListJson {
    pub items: Vec<CaseJson>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = TrialCaseJson)]
pub struct CaseJson {
    pub id: String,
    pub country: String,
    pub court: String,
    pub case_number: String,
    pub charges: Vec<String>,
    /// Parties are roles: defendants are numbered 1…n, victims lettered A….
    pub defendants: i64,
    pub victims: i64,
    /// `YYYY-MM-DD`.
    pub indicted_on: String,
    /// The monitoring organisations' slugs.
    pub organisations: Vec<String>,
    /// Only in a single case's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hearings: Option<Vec<HearingJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observations: Option<Vec<ObservationJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdicts: Option<Vec<VerdictJson>>,
    /// The case's page.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct HearingJson {
    pub id: String,
    /// RFC 3339 in UTC.
    pub at: String,
    /// `YYYY-MM-DDTHH:MM` in `zone`, as the court set it.
    pub at_local: String,
    pub zone: String,
    /// `scheduled`, `held` or `adjourned`.
    pub status: String,
    pub reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ObservationJson {
    pub id: String,
    pub hearing_id: String,
    pub checks: Vec<CheckJson>,
    pub measures: Vec<String>,
    pub compensation: Option<String>,
    pub prosecution: Option<String>,
    pub court: Option<String>,
    /// Whether sealed notes exist (read them on the case's page).
    pub has_notes: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CheckJson {
    /// A fair-trial or victim-treatment question.
    pub check: String,
    /// `yes`, `no` or `na`.
    pub answer: String,
}

#[derive(Serialize, ToSchema)]
pub struct VerdictJson {
    pub defendant: i64,
    pub outcome: String,
    pub decided_on: String,
    pub sentence_months: Option<i64>,
    pub is_final: bool,
}

fn case_json(ctx: &Ctx, c: &Case, slugs: Vec<String>) -> CaseJson {
    CaseJson {
        id: c.id.clone(),
        country: c.country.clone(),
        court: c.court.clone(),
        case_number: c.case_number.clone(),
        charges: c.charges.clone(),
        defendants: c.defendants,
        victims: c.victims,
        indicted_on: c.indicted_on.clone(),
        organisations: slugs,
        hearings: None,
        observations: None,
        verdicts: None,
        url: format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/monitoring/trials/{}", c.id))
        ),
    }
}

fn utc(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

async fn slugs(
    ctx: &Ctx,
    cases: &[Case],
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let mut ids: Vec<&str> = cases
        .iter()
        .flat_map(|c| c.orgs.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(spona_store::orgs::get_many(&ctx.state.db, &ids)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.slug))
        .collect())
}

#[utoipa::path(get, path = "/api/v1/trials",
    responses((status = 200, body = CaseListJson), (status = 401, body = ErrorJson)))]
async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let cases = uc::list(&ctx.actor(), &ctx.state.db).await?;
    let names = slugs(&ctx, &cases).await?;
    let items = cases
        .iter()
        .map(|c| {
            let s = c
                .orgs
                .iter()
                .filter_map(|o| names.get(o).cloned())
                .collect();
            case_json(&ctx, c, s)
        })
        .collect();
    Ok(Json(CaseListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/trials/{id}", params(("id" = String, Path)),
    responses((status = 200, body = CaseJson), (status = 401, body = ErrorJson),
        (status = 404, description = "No such case, or not one of the reader's organisations'", body = ErrorJson)))]
async fn get_case(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    // Read without the vault: the API never carries sealed text.
    let v = uc::read(&ctx.actor(), &ctx.state.db, None, &id).await?;
    let mut json = case_json(
        &ctx,
        &v.case,
        v.orgs.iter().map(|(s, _)| s.clone()).collect(),
    );
    json.hearings = Some(
        v.hearings
            .iter()
            .map(|h| HearingJson {
                id: h.hearing.id.clone(),
                at: utc(h.hearing.at),
                at_local: h.hearing.at_local.clone(),
                zone: h.hearing.zone.clone(),
                status: h.hearing.status.clone(),
                reason: h.hearing.reason.clone(),
            })
            .collect(),
    );
    json.observations = Some(
        v.observations
            .iter()
            .map(|o| {
                let o = &o.observation;
                ObservationJson {
                    id: o.id.clone(),
                    hearing_id: o.hearing_id.clone(),
                    checks: o
                        .checks
                        .iter()
                        .map(|(check, answer)| CheckJson {
                            check: check.clone(),
                            answer: answer.clone(),
                        })
                        .collect(),
                    measures: o.measures.clone(),
                    compensation: o.compensation.clone(),
                    prosecution: o.prosecution.clone(),
                    court: o.court.clone(),
                    has_notes: o.notes_sealed.is_some(),
                }
            })
            .collect(),
    );
    json.verdicts = Some(
        v.verdicts
            .iter()
            .map(|d| VerdictJson {
                defendant: d.defendant,
                outcome: d.outcome.clone(),
                decided_on: d.decided_on.clone(),
                sentence_months: d.sentence_months,
                is_final: d.is_final,
            })
            .collect(),
    );
    Ok(Json(json).into_response())
}
