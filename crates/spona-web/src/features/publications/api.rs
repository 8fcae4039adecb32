//! Publications in the JSON API: the published list (the platform's or a network's) and one
//! publication with every language it is written in. A draft or a publication not yet shown
//! is 404 to all but those its page is shown to.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::{Deserialize, Serialize};
use spona_app::publications as uc;
use spona_store::publications::{Publication, Scope};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::view::{rfc3339, status};
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/publications", list)
        .get("/api/v1/publications/{id}", get_one)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_one),
    components(schemas(PbListJson, PbItemJson, PbVariantJson, PbPhotoJson))
)]
struct PublicationsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    PublicationsDoc::openapi()
}

#[derive(Serialize, ToSchema)]
#[schema(as = PbListJson)]
pub struct PbListJson {
    pub items: Vec<PbItemJson>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = PbItemJson)]
pub struct PbItemJson {
    pub id: String,
    /// `article`, `story`, `podcast`, `video` or `photo-essay`.
    pub kind: String,
    /// `org` or `network`.
    pub by_kind: String,
    /// The publishing organisation's or network's slug.
    pub by: String,
    pub by_name: String,
    /// A podcast's or video's address (never embedded).
    pub link: Option<String>,
    /// `draft`, `scheduled` or `published`.
    pub status: String,
    /// RFC 3339, UTC; null for a draft.
    pub publish_at: Option<String>,
    /// The local time as written (`YYYY-MM-DDTHH:MM`) and its IANA zone.
    pub publish_local: Option<String>,
    pub zone: Option<String>,
    /// Original first.
    pub variants: Vec<PbVariantJson>,
    pub photos: Vec<PbPhotoJson>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = PbVariantJson)]
pub struct PbVariantJson {
    /// `en`, `sr` or `uk`.
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub transcript: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = PbPhotoJson)]
pub struct PbPhotoJson {
    /// The image's address (metadata stripped).
    pub url: String,
    pub alt: String,
    pub caption: String,
}

fn item(p: &Publication, now: i64) -> PbItemJson {
    PbItemJson {
        id: p.id.clone(),
        kind: p.kind.clone(),
        by_kind: if p.network_id.is_some() {
            "network"
        } else {
            "org"
        }
        .into(),
        by: p.by_slug.clone(),
        by_name: p.by_name.clone(),
        link: p.link.clone(),
        status: status(p, now).into(),
        publish_at: p.publish_at.map(rfc3339),
        publish_local: p.publish_local.clone(),
        zone: p.zone.clone(),
        variants: p
            .variants
            .iter()
            .map(|v| PbVariantJson {
                lang: v.lang.clone(),
                title: v.title.clone(),
                summary: v.summary.clone(),
                body: v.body.clone(),
                transcript: v.transcript.clone(),
            })
            .collect(),
        photos: p
            .photos
            .iter()
            .map(|ph| PbPhotoJson {
                url: format!("/media/{}", ph.file),
                alt: ph.alt.clone(),
                caption: ph.caption.clone(),
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PbListParams {
    /// A network's slug: its own publications and its member organisations'.
    #[serde(default)]
    #[param(max_length = 100, pattern = "^[a-z0-9-]*$")]
    network: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/publications", params(PbListParams),
    responses((status = 200, body = PbListJson),
        (status = 404, description = "`network` names no network", body = ErrorJson)))]
async fn list(ctx: Ctx, Query(q): Query<PbListParams>) -> Result<Response, AppError> {
    let now = spona_store::now();
    let scope = match q.network.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => uc::network_scope(&ctx.state.db, slug).await?.0,
        None => Scope::All,
    };
    let items = uc::published(&ctx.state.db, &scope, now)
        .await?
        .iter()
        .map(|p| item(p, now))
        .collect();
    Ok(Json(PbListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/publications/{id}",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = PbItemJson),
        (status = 404, description = "No such publication, or not shown to the reader yet", body = ErrorJson)))]
async fn get_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let now = spona_store::now();
    let p = uc::read(&ctx.actor(), &ctx.state.db, &id, now).await?;
    Ok(Json(item(&p, now)).into_response())
}
