//! The public log in the JSON API (GET only, public): entries, an entry with its inclusion
//! proof, a consistency proof between two sizes, and the entries about the object a public
//! page shows. Hashes are hex; the leaf of an entry is SHA-256(0x00 ‖ its text, see
//! `spona_tlog::Entry`), the tree RFC 6962's; the signed checkpoint is at `/log/checkpoint`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_store::publog::Row;
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/log/entries", list)
        .get("/api/v1/log/entries/{seq}", entry)
        .get("/api/v1/log/consistency", consistency)
        .get("/api/v1/log/object", object)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, entry, consistency, object),
    components(schemas(
        TlogEntryJson,
        TlogEntryListJson,
        TlogInclusionJson,
        TlogConsistencyJson,
        TlogObjectJson
    ))
)]
struct LogDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = LogDoc::openapi();
    doc.merge(super::tiles::openapi());
    doc
}

#[derive(Serialize, ToSchema)]
pub struct TlogEntryJson {
    /// Position in the log, from 0.
    pub seq: i64,
    /// RFC 3339 UTC.
    pub time: String,
    /// `org`, `joint-text`, …
    pub kind: String,
    /// The object's public id (a slug or an id).
    pub object: String,
    /// `published`, `changed`, `final:<lang>:<n>`, `signed:<org>`, `withdrawn:<org>`, …
    pub action: String,
    /// SHA-256 (hex) of what was published.
    pub version: String,
    /// RFC 6962 leaf hash (hex) of the entry's text.
    pub leaf_hash: String,
}

fn entry_json(r: &Row) -> TlogEntryJson {
    let e = r.entry();
    TlogEntryJson {
        seq: r.seq,
        time: e.time,
        kind: e.kind,
        object: e.object,
        action: e.action,
        version: e.version,
        leaf_hash: r.leaf.clone(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct TlogEntryListJson {
    pub items: Vec<TlogEntryJson>,
}

#[derive(Serialize, ToSchema)]
pub struct TlogInclusionJson {
    pub entry: TlogEntryJson,
    pub tree_size: i64,
    /// Root hash (hex) of the tree of `tree_size` entries.
    pub root_hash: String,
    /// The audit path (hex), leaf to root (RFC 6962 §2.1.1).
    pub proof: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TlogConsistencyJson {
    pub old_size: i64,
    pub new_size: i64,
    /// The consistency proof (hex), RFC 6962 §2.1.2.
    pub proof: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TlogObjectJson {
    pub kind: String,
    pub object: String,
    /// Oldest first.
    pub items: Vec<TlogEntryJson>,
}

fn number(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, AppError> {
    match q.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or(AppError::BadRequest("tlog-err-number")),
    }
}

#[utoipa::path(get, path = "/api/v1/log/entries",
    params(("from" = Option<i64>, Query, minimum = 0, description = "First sequence number (default 0)"),
        ("limit" = Option<i64>, Query, minimum = 0, description = "At most this many, 1 to 1,000 (default 100; more is read as 1,000, 0 as 1)")),
    responses((status = 200, body = TlogEntryListJson),
        (status = 400, description = "A parameter is not a whole number", body = ErrorJson)))]
async fn list(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Result<Response, AppError> {
    let from = number(&q, "from")?.unwrap_or(0);
    let limit = number(&q, "limit")?.unwrap_or(100);
    let rows = spona_app::publog::entries(&ctx.state.db, from, limit).await?;
    let items = rows.iter().map(entry_json).collect();
    Ok(Json(TlogEntryListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/log/entries/{seq}",
    params(("seq" = i64, Path, minimum = 0),
        ("size" = Option<i64>, Query, minimum = 0, description = "Tree size to prove inclusion in (default: the latest checkpoint's)")),
    responses((status = 200, body = TlogInclusionJson),
        (status = 400, description = "The size is not a whole number", body = ErrorJson),
        (status = 404, description = "No such entry", body = ErrorJson),
        (status = 409, description = "The entry is not in a tree of that size, or the log has not reached it", body = ErrorJson)))]
async fn entry(
    ctx: Ctx,
    Path(seq): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let seq: i64 = seq.parse().map_err(|_| AppError::NotFound)?;
    let size = number(&q, "size")?;
    if size.is_none() {
        // The default tree is the latest checkpoint's: make sure there is one.
        super::pages::latest(&ctx.state).await?;
    }
    let p = spona_app::publog::inclusion(&ctx.state.db, seq, size).await?;
    Ok(Json(TlogInclusionJson {
        entry: entry_json(&p.entry),
        tree_size: p.tree_size,
        root_hash: p.root,
        proof: p.proof,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/log/consistency",
    params(("old" = i64, Query, minimum = 0, description = "The smaller tree size (at least 1)"),
        ("new" = i64, Query, minimum = 0, description = "The larger tree size (at most the log's size)")),
    responses((status = 200, body = TlogConsistencyJson),
        (status = 400, description = "A size is missing or not a whole number", body = ErrorJson),
        (status = 409, description = "The log holds no such pair of trees (a size it has not reached, or the smaller one larger)", body = ErrorJson)))]
async fn consistency(
    ctx: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (Some(old), Some(new)) = (number(&q, "old")?, number(&q, "new")?) else {
        return Err(AppError::BadRequest("tlog-err-size"));
    };
    let proof = spona_app::publog::consistency(&ctx.state.db, old, new).await?;
    Ok(Json(TlogConsistencyJson {
        old_size: old,
        new_size: new,
        proof,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/log/object",
    params(("path" = String, Query, description = "A public page's path, e.g. /orgs/{slug} or /texts/{id}")),
    responses((status = 200, body = TlogObjectJson),
        (status = 404, description = "The path is not a page of an object the log records", body = ErrorJson)))]
async fn object(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Result<Response, AppError> {
    let path = q.get("path").map(String::as_str).unwrap_or_default();
    // A locale prefix (`/en/orgs/x`) names the same object.
    let bare = spona_domain::Locale::ALL
        .iter()
        .find_map(|l| {
            path.strip_prefix('/')
                .and_then(|p| p.strip_prefix(l.tag()))
                .filter(|rest| rest.starts_with('/'))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| path.to_owned());
    let (kind, object) =
        spona_app::publog::object_of_path(&bare).ok_or(AppError::NotFoundWhy("tlog-err-path"))?;
    let rows = spona_app::publog::of_object(&ctx.state.db, kind, &object).await?;
    Ok(Json(TlogObjectJson {
        kind: kind.to_owned(),
        object,
        items: rows.iter().map(entry_json).collect(),
    })
    .into_response())
}
