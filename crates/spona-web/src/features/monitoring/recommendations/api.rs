//! Recommendations in the JSON API: the list (the page's filters, paged) and one.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Serialize;
use spona_app::monitoring::recommendations::{self as uc, RecQuery};
use spona_store::monitoring::recommendations::Recommendation;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

/// Recommendations in one page of the API's list, unless `per_page` says otherwise.
const PER_PAGE: u32 = 50;

pub fn routes(r: Routes) -> Routes {
    r.get("/api/monitoring/recommendations", list)
        .get("/api/monitoring/recommendations/{id}", get_one)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_one),
    components(schemas(RecommendationListJson, RecommendationJson, TextJson, TermJson))
)]
struct RecommendationsDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    RecommendationsDoc::openapi()
}

/// Query parameters of the list (the page and the CSV export take the same).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(super) struct ListParams {
    /// Free text, matched word by word in every script; a paragraph number (`131.4`) or a
    /// symbol (`A/HRC/23/15`) also finds it.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `upr`, `treaty-body`, `special-procedure`, `nap-1325`, `eu-accession`, `national-strategy`.
    #[param(
        pattern = "^(upr|treaty-body|special-procedure|nap-1325|eu-accession|national-strategy)?$"
    )]
    mechanism: Option<String>,
    /// The cycle or session as stored (`2`, `3`).
    #[param(max_length = 200)]
    cycle: Option<String>,
    /// The state addressed: ISO 3166-1 alpha-2 (`RS`; `XK` is Kosovo) or its English name.
    #[param(max_length = 200)]
    country: Option<String>,
    /// A theme code (`womens-rights`).
    #[param(max_length = 200)]
    theme: Option<String>,
    /// An affected group's code.
    #[param(max_length = 200)]
    group: Option<String>,
    /// An SDG target or goal (`5.2`, `16`).
    #[param(max_length = 200)]
    sdg: Option<String>,
    /// `supported`, `noted` or `partially`.
    #[param(pattern = "^(supported|noted|partially)?$")]
    response: Option<String>,
    /// A recommending state (alpha-2, or the name stored when no code is known).
    #[param(max_length = 200)]
    state: Option<String>,
    /// 1–100 000.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct RecommendationListJson {
    pub items: Vec<RecommendationJson>,
    /// How many match in all.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Serialize, ToSchema)]
pub struct TextJson {
    pub lang: String,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = RecommendationTermJson)]
pub struct TermJson {
    /// `theme`, `group` or `sdg`.
    pub kind: String,
    pub code: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecommendationJson {
    pub id: String,
    pub mechanism: String,
    pub body: Option<String>,
    pub cycle: String,
    pub symbol: String,
    pub paragraph: String,
    /// ISO 3166-1 alpha-2 of the state addressed.
    pub country: String,
    /// `YYYY-MM-DD`.
    pub published_on: Option<String>,
    /// `supported`, `noted`, `partially`, or none.
    pub response: Option<String>,
    /// The language of the original text.
    pub text_lang: String,
    pub texts: Vec<TextJson>,
    /// Recommending states: alpha-2 codes, or names when no code is known.
    pub states: Vec<String>,
    pub terms: Vec<TermJson>,
    /// The recommendation's page.
    pub url: String,
}

fn json(ctx: &Ctx, r: &Recommendation) -> RecommendationJson {
    RecommendationJson {
        id: r.id.to_string(),
        mechanism: r.mechanism.as_str().to_owned(),
        body: r.body.clone(),
        cycle: r.cycle.clone(),
        symbol: r.symbol.clone(),
        paragraph: r.paragraph.clone(),
        country: r.country.clone(),
        published_on: r.published_on.clone(),
        response: r.response.map(|x| x.as_str().to_owned()),
        text_lang: r.text_lang.clone(),
        texts: r
            .texts
            .iter()
            .map(|(lang, text)| TextJson {
                lang: lang.clone(),
                text: text.clone(),
            })
            .collect(),
        states: r.states.clone(),
        terms: r
            .terms
            .iter()
            .map(|(k, c)| TermJson {
                kind: k.as_str().to_owned(),
                code: c.clone(),
            })
            .collect(),
        url: format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/monitoring/recommendations/{}", r.id))
        ),
    }
}

#[utoipa::path(get, path = "/api/monitoring/recommendations", tag = "monitoring", params(ListParams),
    responses((status = 200, body = RecommendationListJson), (status = 400, body = ErrorJson)))]
async fn list(ctx: Ctx, Query(query): Query<RecQuery>) -> Result<Response, AppError> {
    let filter = query.filter()?;
    let page = query.page_number()?;
    let found = uc::list(&ctx.state.db, &filter, page, PER_PAGE).await?;
    let items = found.items.iter().map(|r| json(&ctx, r)).collect();
    Ok(Json(RecommendationListJson {
        items,
        total: found.total,
        page,
        per_page: PER_PAGE,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/monitoring/recommendations/{id}", tag = "monitoring",
    params(("id" = String, Path)),
    responses((status = 200, body = RecommendationJson), (status = 404, body = ErrorJson)))]
async fn get_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = uc::get(&ctx.state.db, &id).await?;
    Ok(Json(json(&ctx, &r)).into_response())
}
