//! Campaigns in the JSON API: the list, and one campaign with its live counts per country
//! (read from the counters). Public; no endorser's name or address is ever in them.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::endorsements::{self as uc, Listed};
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/campaigns", list)
        .get("/api/v1/campaigns/{id}", get_campaign)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_campaign),
    components(schemas(EndorseCampaignJson, EndorseCampaignListJson, EndorseCountJson))
)]
struct EndorsementsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    EndorsementsDoc::openapi()
}

/// A campaign and, on its own address, its confirmed endorsements per country.
#[derive(Serialize, ToSchema)]
#[schema(as = EndorseCampaignJson)]
pub struct EndorseCampaignJson {
    pub id: String,
    /// In the language asked for (the address's locale, else English or the first).
    pub title: String,
    pub statement: String,
    /// The locale tag of the text given.
    pub lang: String,
    /// The languages the campaign is written in.
    pub languages: Vec<String>,
    /// `org` or `network`.
    pub owner_kind: String,
    pub owner_name: String,
    /// The joint text the campaign supports, if linked.
    pub joint_text_id: Option<String>,
    /// RFC 3339, UTC.
    pub opens_at: String,
    /// RFC 3339, UTC; the first instant endorsements are no longer accepted.
    pub closes_at: Option<String>,
    pub open: bool,
    /// Confirmed endorsements not invalidated.
    pub confirmed: i64,
    /// Per country, most first (only on `/api/v1/campaigns/{id}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<EndorseCountJson>>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = EndorseCountJson)]
pub struct EndorseCountJson {
    /// ISO 3166-1 alpha-2; `XK` is Kosovo.
    pub country: String,
    pub confirmed: i64,
}

#[derive(Serialize, ToSchema)]
#[schema(as = EndorseCampaignListJson)]
pub struct EndorseCampaignListJson {
    pub items: Vec<EndorseCampaignJson>,
}

fn utc(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn json(l: Listed) -> EndorseCampaignJson {
    let c = l.campaign;
    EndorseCampaignJson {
        languages: c.texts.iter().map(|t| t.lang.clone()).collect(),
        id: c.id,
        title: l.text.title,
        statement: l.text.statement,
        lang: l.text.lang,
        owner_kind: c.owner_kind,
        owner_name: l.owner_name,
        joint_text_id: c.joint_text_id,
        opens_at: utc(c.opens_at),
        closes_at: c.closes_at.map(utc),
        open: l.open,
        confirmed: c.confirmed_total,
        countries: None,
    }
}

#[utoipa::path(get, path = "/api/v1/campaigns",
    responses((status = 200, body = EndorseCampaignListJson)))]
async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let items = uc::list(&ctx.state.db, ctx.locale)
        .await?
        .into_iter()
        .map(json)
        .collect();
    Ok(Json(EndorseCampaignListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/campaigns/{id}",
    params(("id" = String, Path, description = "The campaign's id")),
    responses((status = 200, body = EndorseCampaignJson),
        (status = 404, description = "No such campaign", body = ErrorJson)))]
async fn get_campaign(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::read(&ctx.actor(), &ctx.state.db, &id, ctx.locale).await?;
    let counts = v
        .counts
        .into_iter()
        .map(|(country, confirmed)| EndorseCountJson { country, confirmed })
        .collect();
    let mut j = json(v.listed);
    j.countries = Some(counts);
    Ok(Json(j).into_response())
}
