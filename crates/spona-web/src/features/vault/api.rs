//! The vault in the JSON API: one's cases, a case's items (metadata, hashes and consent, never
//! content) and its chain of custody with the verification result — under the same rule as
//! the pages: only the case team learns that a case exists.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_store::vault as records;
use utoipa::{OpenApi, ToSchema};

use super::consent::{org_choices, org_names};
use super::load_case;
use crate::http::active_content::split_record;
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/vault/cases", cases)
        .get("/api/v1/vault/cases/{id}", case)
        .get("/api/v1/vault/cases/{id}/custody", custody)
}

#[derive(OpenApi)]
#[openapi(
    paths(cases, case, custody),
    components(schemas(
        CaseJson,
        CaseDetailJson,
        MemberJson,
        ItemJson,
        ConsentJson,
        SharedWithJson,
        CustodyJson,
        EntryJson
    ))
)]
struct VaultDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    VaultDoc::openapi()
}

#[derive(Serialize, ToSchema)]
pub struct CaseJson {
    id: String,
    title: String,
    /// `lead`, `documenter` or `reviewer`.
    role: String,
    created_at: i64,
    custody_entries: i64,
}

/// The cases the signed-in user is on the team of.
#[utoipa::path(get, path = "/api/v1/vault/cases", security(("session" = [])),
    responses((status = 200, body = [CaseJson]), (status = 401, body = ErrorJson), (status = 503, body = ErrorJson)))]
async fn cases(ctx: Ctx) -> Result<Response, AppError> {
    let mine =
        spona_app::vault::cases::my_cases(&super::actor(&ctx)?, &ctx.state.db, &ctx.state.vault)
            .await?;
    let list: Vec<CaseJson> = mine
        .into_iter()
        .map(|c| CaseJson {
            title: c.title,
            custody_entries: c.case.head_seq + 1,
            id: c.case.id.into(),
            role: c.role.as_str().to_owned(),
            created_at: c.case.created_at,
        })
        .collect();
    Ok(Json(list).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct MemberJson {
    name: String,
    role: String,
}

/// An organisation a consent allows sharing with.
#[derive(Serialize, ToSchema)]
pub struct SharedWithJson {
    /// What identifies it: its short name in the directory's addresses.
    slug: String,
    /// Its name in the reader's language where the directory has one.
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct ConsentJson {
    documentation: bool,
    share_with: Vec<SharedWithJson>,
    prosecutors: bool,
    publication: bool,
    withdrawn: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ItemJson {
    id: String,
    /// `testimony` or `file`.
    kind: String,
    /// SHA-256 of the original file (files only).
    sha256: Option<String>,
    size: Option<i64>,
    created_at: i64,
    consent: Option<ConsentJson>,
    /// Active content found in the file at upload (a PDF's `JavaScript`, `OpenAction`,
    /// `Launch`, `URI`, …; `unchecked` when the scan stopped at a bound). Empty for none.
    /// Its download address leads to a warning page unless `?confirmed=1` is given.
    active_content: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CaseDetailJson {
    id: String,
    title: String,
    role: String,
    members: Vec<MemberJson>,
    items: Vec<ItemJson>,
}

/// A case's team and items (metadata only). For its team; everyone else gets 404.
#[utoipa::path(get, path = "/api/v1/vault/cases/{id}", security(("session" = [])), params(("id" = String, Path)),
    responses((status = 200, body = CaseDetailJson), (status = 401, body = ErrorJson), (status = 404, body = ErrorJson), (status = 503, body = ErrorJson)))]
async fn case(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let db = &ctx.state.db;
    let overview = spona_app::vault::cases::overview(db, &access).await?;
    let orgs = org_choices(&ctx).await?;
    let mut warnings: std::collections::HashMap<String, Vec<String>> =
        spona_app::vault::items::warnings_of_case(db, &access)
            .await?
            .into_iter()
            .map(|(item_id, open)| (item_id, split_record(&open)))
            .collect();
    let items = overview
        .items
        .into_iter()
        .map(|(i, consent)| ItemJson {
            active_content: warnings.remove(i.id.as_str()).unwrap_or_default(),
            consent: consent.map(|c| ConsentJson {
                documentation: c.documentation,
                share_with: c
                    .shared_with()
                    .into_iter()
                    .map(|slug| SharedWithJson {
                        name: org_names(&orgs, &[slug.to_owned()]).concat(),
                        slug: slug.to_owned(),
                    })
                    .collect(),
                prosecutors: c.prosecutors,
                publication: c.publication,
                withdrawn: c.withdrawn,
            }),
            id: i.id.into(),
            kind: i.kind,
            sha256: i.sha256,
            size: i.size,
            created_at: i.created_at,
        })
        .collect();
    let members = overview
        .members
        .into_iter()
        .map(|m| MemberJson {
            name: m.display_name,
            role: m.role.as_str().to_owned(),
        })
        .collect();
    Ok(Json(CaseDetailJson {
        title: overview.title,
        role: access.role.as_str().to_owned(),
        id,
        members,
        items,
    })
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct EntryJson {
    seq: u64,
    at_ms: i64,
    actor: String,
    action: String,
    reason: String,
    item_sha256: Option<String>,
    prev_hash: String,
    hash: String,
}

#[derive(Serialize, ToSchema)]
pub struct CustodyJson {
    entries: Vec<EntryJson>,
    /// The signed head: last entry's number and hash, Ed25519 signature (hex).
    head_seq: i64,
    head_hash: String,
    head_signature: String,
    /// `spona-server-ed25519 <hex>`.
    server_key: String,
    intact: bool,
    /// Each problem found, in words (altered, missing, reordered entries, bad signature).
    problems: Vec<String>,
}

/// A case's chain of custody, checked against its signed head. For its team.
#[utoipa::path(get, path = "/api/v1/vault/cases/{id}/custody", security(("session" = [])), params(("id" = String, Path)),
    responses((status = 200, body = CustodyJson), (status = 401, body = ErrorJson), (status = 404, body = ErrorJson), (status = 503, body = ErrorJson)))]
async fn custody(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let entries = records::custody(&ctx.state.db, &id, access.vault).await?;
    let report = access.vault.verify_case(&access.case, &entries);
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    Ok(Json(CustodyJson {
        intact: problems.is_empty(),
        problems,
        head_seq: access.case.head_seq,
        head_hash: access.case.head_hash.clone(),
        head_signature: access.case.head_signature.clone(),
        server_key: access.vault.server().public().to_text(),
        entries: entries
            .into_iter()
            .map(|e| EntryJson {
                seq: e.seq,
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                reason: e.reason,
                item_sha256: e.item_sha256,
                prev_hash: e.prev_hash,
                hash: e.hash,
            })
            .collect(),
    })
    .into_response())
}
