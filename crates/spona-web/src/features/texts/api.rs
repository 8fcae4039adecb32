//! Joint texts in the JSON API (GET only): the published texts, one text with its current
//! finals and edition, its versions, and its signatories — the standing signatures of the
//! current edition and every other one (earlier versions, withdrawn), each with the signed
//! statement, the deployment key's signature and whether it verifies.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::texts::{self as uc, SignView, TextView};
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/texts", list)
        .get("/api/v1/texts/{id}", get_text)
        .get("/api/v1/texts/{id}/versions", versions)
        .get("/api/v1/texts/{id}/signatories", signatories)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_text, versions, signatories),
    components(schemas(
        JtTextListJson,
        JtTextSummaryJson,
        JtTextJson,
        JtFinalJson,
        JtVersionListJson,
        JtVersionJson,
        JtSignatoryListJson,
        JtSignatoryJson
    ))
)]
struct TextsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    TextsDoc::openapi()
}

#[derive(Serialize, ToSchema)]
pub struct JtTextListJson {
    pub items: Vec<JtTextSummaryJson>,
}

#[derive(Serialize, ToSchema)]
pub struct JtTextSummaryJson {
    pub id: String,
    /// `policy-brief`, `declaration`, `recommendations`, `statement`,
    /// `shadow-report-chapter` or `agenda`.
    pub kind: String,
    pub title: String,
    /// Whether it has a final (drafts are listed only to their drafters).
    pub published: bool,
}

#[derive(Serialize, ToSchema)]
pub struct JtTextJson {
    pub id: String,
    pub kind: String,
    /// The drafting organisations' slugs.
    pub drafted_by: Vec<String>,
    /// The current edition's number ("version N"): the highest of the finals' numbers.
    pub version: Option<i64>,
    /// SHA-256 (hex) of the finals' canonical serialisation, which signatures cover.
    pub sha256: Option<String>,
    pub finals: Vec<JtFinalJson>,
}

#[derive(Serialize, ToSchema)]
pub struct JtFinalJson {
    /// `en`, `sr` or `uk`.
    pub lang: String,
    pub version: i64,
    pub title: String,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct JtVersionListJson {
    pub items: Vec<JtVersionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct JtVersionJson {
    pub number: i64,
    pub lang: String,
    pub title: String,
    pub is_final: bool,
    /// Unix seconds.
    pub created_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct JtSignatoryListJson {
    pub items: Vec<JtSignatoryJson>,
}

#[derive(Serialize, ToSchema)]
pub struct JtSignatoryJson {
    pub org: String,
    pub org_name: String,
    /// The edition signed ("signed version N").
    pub version: i64,
    /// Whether it signed the current edition (false: an earlier version).
    pub current: bool,
    /// `lang:number` of the finals signed.
    pub covers: String,
    pub sha256: String,
    /// `YYYY-MM-DD`.
    pub signed_on: String,
    pub withdrawn: bool,
    /// The statement the deployment key signed.
    pub signed_text: String,
    /// `ed25519:<public key hex>:<signature hex>`.
    pub signature: String,
    pub verified: bool,
}

#[utoipa::path(get, path = "/api/v1/texts",
    responses((status = 200, body = JtTextListJson)))]
async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let lang = spona_domain::resource::ContentLang::of_locale(ctx.locale).as_str();
    let items = uc::list(&ctx.actor(), &ctx.state.db, lang)
        .await?
        .into_iter()
        .map(|l| JtTextSummaryJson {
            id: l.text.id,
            kind: l.text.kind,
            title: l.title,
            published: l.published,
        })
        .collect();
    Ok(Json(JtTextListJson { items }).into_response())
}

async fn view(ctx: &Ctx, id: &str) -> Result<TextView, AppError> {
    Ok(uc::load_public(&ctx.actor(), &ctx.state.db, id).await?)
}

#[utoipa::path(get, path = "/api/v1/texts/{id}", params(("id" = String, Path)),
    responses((status = 200, body = JtTextJson),
        (status = 404, description = "No such text, or not published yet", body = ErrorJson)))]
async fn get_text(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = view(&ctx, &id).await?;
    let finals = v
        .finals()
        .into_iter()
        .map(|f| JtFinalJson {
            lang: f.lang.clone(),
            version: f.number,
            title: f.title.clone(),
            body: f.body.clone(),
        })
        .collect();
    Ok(Json(JtTextJson {
        id: v.text.id.clone(),
        kind: v.text.kind.clone(),
        drafted_by: v.orgs.iter().map(|(s, _)| s.clone()).collect(),
        version: v.edition.as_ref().map(|e| e.version),
        sha256: v.edition.as_ref().map(|e| e.sha256.clone()),
        finals,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/texts/{id}/versions", params(("id" = String, Path)),
    responses((status = 200, description = "Finals for everyone; every version for the drafters", body = JtVersionListJson),
        (status = 404, body = ErrorJson)))]
async fn versions(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = view(&ctx, &id).await?;
    let items = v
        .heads
        .iter()
        .filter(|h| v.can_edit || h.frozen_at.is_some())
        .map(|h| JtVersionJson {
            number: h.number,
            lang: h.lang.clone(),
            title: h.title.clone(),
            is_final: h.frozen_at.is_some(),
            created_at: h.created_at,
        })
        .collect();
    Ok(Json(JtVersionListJson { items }).into_response())
}

fn signatory(s: &SignView) -> JtSignatoryJson {
    JtSignatoryJson {
        org: s.sig.org_slug.clone(),
        org_name: s.sig.org_name.clone(),
        version: s.sig.version,
        current: s.current,
        covers: s.sig.covers.clone(),
        sha256: s.sig.sha256.clone(),
        signed_on: s.sig.signed_on.clone(),
        withdrawn: s.sig.withdrawn_at.is_some(),
        signed_text: uc::signed_text(&s.sig),
        signature: s.sig.signature.clone(),
        verified: s.verified,
    }
}

#[utoipa::path(get, path = "/api/v1/texts/{id}/signatories", params(("id" = String, Path)),
    responses((status = 200, body = JtSignatoryListJson), (status = 404, body = ErrorJson)))]
async fn signatories(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = view(&ctx, &id).await?;
    let items = v.signatures.iter().map(signatory).collect();
    Ok(Json(JtSignatoryListJson { items }).into_response())
}
