//! Measures and assessments in the JSON API (read-only, public): the measures with their
//! recommendations, one measure with its indicators and values, and a recommendation's
//! assessments — current and superseded — each with its signed text, signature, the public
//! key it names and whether it verifies now.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::monitoring::implementation::{assessments as auc, measures as muc};
use spona_store::monitoring::assessments::Assessment;
use spona_store::monitoring::measures::{Indicator, Measure};
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/monitoring/measures", list_measures)
        .get("/api/monitoring/measures/{id}", get_measure)
        .get(
            "/api/monitoring/recommendations/{id}/assessments",
            get_assessments,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(list_measures, get_measure, get_assessments),
    components(schemas(
        MeasureListJson,
        MeasureJson,
        LinkedJson,
        IndicatorJson,
        ValueJson,
        AssessmentsJson,
        AssessmentJson,
        EvidenceJson
    ))
)]
struct ImplementationDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    ImplementationDoc::openapi()
}

#[derive(Serialize, ToSchema)]
pub struct MeasureListJson {
    pub items: Vec<MeasureJson>,
}

/// A recommendation a measure implements.
#[derive(Serialize, ToSchema)]
pub struct LinkedJson {
    pub id: String,
    pub mechanism: String,
    pub cycle: String,
    pub paragraph: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeasureJson {
    pub id: String,
    pub title: String,
    pub title_lang: String,
    pub institution: String,
    /// ISO date.
    pub deadline: Option<String>,
    pub budget_line: Option<String>,
    /// `planned`, `in-progress`, `done` or `dropped`.
    pub status: String,
    /// The deadline has passed and the measure is neither done nor dropped.
    pub overdue: bool,
    pub recommendations: Vec<LinkedJson>,
    /// Present for one measure, absent in the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<Vec<IndicatorJson>>,
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorJson {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub due_on: Option<String>,
    pub values: Vec<ValueJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ValueJson {
    pub measured_on: String,
    pub value: f64,
    pub source: String,
}

fn measure_json(m: &Measure, today: &str, indicators: Option<&[Indicator]>) -> MeasureJson {
    MeasureJson {
        id: m.id.to_string(),
        title: m.title.clone(),
        title_lang: m.title_lang.clone(),
        institution: m.institution.clone(),
        deadline: m.deadline.clone(),
        budget_line: m.budget_line.clone(),
        status: m.status.as_str().to_owned(),
        overdue: m.deadline.as_deref().is_some_and(|d| d < today)
            && !matches!(m.status.as_str(), "done" | "dropped"),
        recommendations: m
            .recommendations
            .iter()
            .map(|r| LinkedJson {
                id: r.recommendation_id.clone(),
                mechanism: r.mechanism.clone(),
                cycle: r.cycle.clone(),
                paragraph: r.paragraph.clone(),
            })
            .collect(),
        indicators: indicators.map(|list| {
            list.iter()
                .map(|i| IndicatorJson {
                    id: i.id.to_string(),
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    baseline: i.baseline,
                    target: i.target,
                    min_value: i.min_value,
                    max_value: i.max_value,
                    due_on: i.due_on.clone(),
                    values: i
                        .values
                        .iter()
                        .map(|v| ValueJson {
                            measured_on: v.measured_on.clone(),
                            value: v.value,
                            source: v.source.clone(),
                        })
                        .collect(),
                })
                .collect()
        }),
    }
}

/// Every measure with the recommendations it implements.
#[utoipa::path(get, path = "/api/monitoring/measures",
    responses((status = 200, body = MeasureListJson)))]
async fn list_measures(ctx: Ctx) -> Result<Response, AppError> {
    let today = spona_app::monitoring::implementation::today();
    let items = muc::list(&ctx.state.db)
        .await?
        .iter()
        .map(|m| measure_json(m, &today, None))
        .collect();
    Ok(Json(MeasureListJson { items }).into_response())
}

/// One measure with its indicators and their values.
#[utoipa::path(get, path = "/api/monitoring/measures/{id}", params(("id" = String, Path)),
    responses((status = 200, body = MeasureJson), (status = 404, body = ErrorJson)))]
async fn get_measure(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let today = spona_app::monitoring::implementation::today();
    let (m, indicators) = muc::read(&ctx.state.db, &id).await?;
    Ok(Json(measure_json(&m, &today, Some(&indicators))).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct EvidenceJson {
    /// `link`, `resource` (a hub resource's id) or `document` (`<resource id>/<attachment id>`).
    pub kind: String,
    pub target: String,
    pub label: String,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentJson {
    pub id: String,
    /// `state` for the state's own status, else `organisation`.
    pub side: String,
    pub org_id: Option<String>,
    pub org_slug: Option<String>,
    pub org_name: Option<String>,
    /// `not-started`, `partially`, `implemented` or `regressed`.
    pub status: String,
    /// ISO date the assessment speaks for.
    pub assessed_on: String,
    pub comment: String,
    pub comment_lang: Option<String>,
    pub author_id: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds; absent for the current assessment of its side.
    pub superseded_at: Option<i64>,
    /// A current organisation's assessment that differs from the state's current status.
    pub disagrees_with_state: bool,
    pub evidence: Vec<EvidenceJson>,
    /// The canonical text the signature covers (UTF-8; each line `name length:value`).
    pub signed_text: String,
    /// The deployment's Ed25519 public key the signature names, hex (compare with
    /// `signing_key` of `/.well-known/spona-federation`).
    pub public_key: Option<String>,
    /// Ed25519 signature of `signed_text`, hex.
    pub signature: Option<String>,
    /// Whether the signature verifies over the row as stored now.
    pub verified: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentsJson {
    pub recommendation_id: String,
    pub mechanism: String,
    pub cycle: String,
    pub symbol: String,
    pub paragraph: String,
    /// The state's current status, if any.
    pub state_status: Option<String>,
    /// Current assessments (the state's first), then superseded ones, newest first per side.
    pub items: Vec<AssessmentJson>,
}

fn assessment_json(sheet: &auc::Sheet, a: &Assessment) -> AssessmentJson {
    let parsed = a
        .signature
        .as_deref()
        .and_then(spona_app::monitoring::implementation::signing::parse);
    AssessmentJson {
        id: a.id.to_string(),
        side: if a.org_id.is_some() {
            "organisation"
        } else {
            "state"
        }
        .to_owned(),
        org_id: a.org_id.clone(),
        org_slug: a.org_slug.clone(),
        org_name: a.org_name.clone(),
        status: a.status.as_str().to_owned(),
        assessed_on: a.assessed_on.clone(),
        comment: a.comment.clone(),
        comment_lang: a.comment_lang.clone(),
        author_id: a.author_id.clone(),
        created_at: a.created_at,
        superseded_at: a.superseded_at,
        disagrees_with_state: a.superseded_at.is_none() && sheet.disagrees(a),
        evidence: a
            .evidence
            .iter()
            .map(|e| EvidenceJson {
                kind: e.kind.as_str().to_owned(),
                target: e.target.clone(),
                label: e.label.clone(),
            })
            .collect(),
        signed_text: sheet.signed_text(a),
        public_key: parsed.map(|(k, _)| k.to_owned()),
        signature: parsed.map(|(_, s)| s.to_owned()),
        verified: sheet.verifies(a),
    }
}

/// A recommendation's assessments: the state's status and each participating
/// organisation's, current and superseded, each with its signature.
#[utoipa::path(get, path = "/api/monitoring/recommendations/{id}/assessments",
    params(("id" = String, Path)),
    responses((status = 200, body = AssessmentsJson), (status = 404, body = ErrorJson)))]
async fn get_assessments(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let sheet = auc::sheet(&ctx.state.db, &id).await?;
    let mut ordered: Vec<&Assessment> = sheet
        .history
        .iter()
        .filter(|a| a.superseded_at.is_none())
        .collect();
    ordered.extend(sheet.history.iter().filter(|a| a.superseded_at.is_some()));
    let items = ordered.iter().map(|a| assessment_json(&sheet, a)).collect();
    let r = &sheet.recommendation;
    Ok(Json(AssessmentsJson {
        recommendation_id: r.id.to_string(),
        mechanism: r.mechanism.as_str().to_owned(),
        cycle: r.cycle.clone(),
        symbol: r.symbol.clone(),
        paragraph: r.paragraph.clone(),
        state_status: sheet.state().map(|s| s.status.as_str().to_owned()),
        items,
    })
    .into_response())
}
