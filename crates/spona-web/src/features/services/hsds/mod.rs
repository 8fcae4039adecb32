//! The Open Referral HSDS 3.0 API under `/api/hsds/` (issue 19 part 2): the published
//! services, their organisations, locations and the service-kind taxonomy, in the shapes of
//! the official schemas (`tests/hsds/schema/compiled/*.json`), and the tabular data package
//! (`datapackage.json` and one CSV per table, each streamed batch by batch).
//!
//! Only published services appear; an organisation appears when it publishes one. Nothing
//! here names a person: contacts are never listed, an organisation's e-mail only when its
//! contact details are public.
//!
//! Ids: services, organisations, locations, areas and schedules have their own UUIDs. Rows
//! HSDS wants an id for but Spona does not store (a service's languages, phone, attribute,
//! a location's address) get a UUID derived from their parent's: a tag in the first eight
//! hex digits, the parent's other digits kept, so the same row has the same id every time.

use std::collections::HashMap;

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::extract::Query;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use spona_domain::service::SERVICE_KINDS;
use spona_store::Db;
use spona_store::orgs::Org;
use spona_store::services::{self as store, Scope, Service, ServiceFilter};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

mod archive;
mod handlers;
mod package;
mod shapes;

use archive::*;
use handlers::*;
use package::*;
use shapes::*;

/// The most items a page may hold.
pub const MAX_PER_PAGE: u32 = 100;
/// Items per page when not asked.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The highest page number accepted.
pub const MAX_PAGE: u32 = 1_000_000;
/// Services per batch of a CSV export.
const BATCH: u32 = 500;

/// The taxonomy of Spona's service kinds (a fixed UUID).
pub const TAXONOMY_ID: &str = "5b0a0000-0000-4000-8000-000000000000";

/// The taxonomy term of a kind: the taxonomy's id with the kind's position at the end.
pub fn term_id(kind: &str) -> Option<String> {
    let i = SERVICE_KINDS.codes.iter().position(|k| *k == kind)?;
    Some(format!("5b0a0000-0000-4000-8000-{:012}", i + 1))
}

fn kind_of_term(id: &str) -> Option<&'static str> {
    SERVICE_KINDS
        .codes
        .iter()
        .find(|k| term_id(k).as_deref() == Some(id))
        .copied()
}

/// A UUID derived from `parent` (a UUID): `tag` replaces its first eight hex digits.
fn derived(tag: u32, parent: &str) -> String {
    format!("{tag:08x}{}", parent.get(8..).unwrap_or_default())
}

const TAG_LANGUAGE: u32 = 0x1a00_0000;
const TAG_PHONE: u32 = 0x1b00_0000;
const TAG_ATTRIBUTE: u32 = 0x1c00_0000;
const TAG_ADDRESS: u32 = 0x1d00_0000;

pub fn routes(r: Routes) -> Routes {
    r.get("/api/hsds/", root)
        .get("/api/hsds/services", services_list)
        .get("/api/hsds/services/{id}", service_one)
        .get("/api/hsds/organizations", organizations_list)
        .get("/api/hsds/organizations/{id}", organization_one)
        .get("/api/hsds/service_at_locations", sal_list)
        .get("/api/hsds/service_at_locations/{id}", sal_one)
        .get("/api/hsds/taxonomies", taxonomies_list)
        .get("/api/hsds/taxonomies/{id}", taxonomy_one)
        .get("/api/hsds/taxonomy_terms", terms_list)
        .get("/api/hsds/taxonomy_terms/{id}", term_one)
        .get("/api/hsds/datapackage.json", datapackage)
        .get("/api/hsds/datapackage.zip", datapackage_zip)
        .get("/api/hsds/data/{file}", table_csv)
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    handlers::root,
    handlers::services_list,
    handlers::service_one,
    handlers::organizations_list,
    handlers::organization_one,
    handlers::sal_list,
    handlers::sal_one,
    handlers::taxonomies_list,
    handlers::taxonomy_one,
    handlers::terms_list,
    handlers::term_one,
    package::datapackage,
    archive::datapackage_zip,
    package::table_csv
))]
struct HsdsDoc;

/// The HSDS API's part of Spona's OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <HsdsDoc as utoipa::OpenApi>::openapi()
}

/// The list endpoints' query parameters as documented (others are ignored).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct HsdsParams {
    /// Full text, matched word by word across scripts and languages.
    search: Option<String>,
    /// 1-based page number (1–1000000).
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
    /// Items per page (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
    /// A service-kind term's id (`/api/hsds/taxonomy_terms`).
    taxonomy_term_id: Option<String>,
    /// A taxonomy's id (`/api/hsds/taxonomies`).
    taxonomy_id: Option<String>,
    /// An organisation's id.
    organization_id: Option<String>,
    /// Changed at or after this date (RFC 3339; a date-time such as 2026-01-31T10:00:00Z is
    /// accepted too).
    #[param(format = Date)]
    modified_after: Option<String>,
}

/// An HSDS error: 400 or 404 with a stable code and a message in the reader's language.
fn error(ctx: &Ctx, status: StatusCode, key: &'static str) -> Response {
    (
        status,
        Json(json!({ "error": key.trim_start_matches("err-"), "message": ctx.t(key) })),
    )
        .into_response()
}

fn not_found(ctx: &Ctx) -> Response {
    error(ctx, StatusCode::NOT_FOUND, "err-hsds-not-found")
}

/// The query parameters of the list endpoints (others are ignored, as HSDS allows). Read
/// with axum's `Query` (serde_urlencoded), which keeps an empty value as `Some("")` so that
/// `page=` is refused, where `axum_extra`'s would make it `None`.
#[derive(Debug, Deserialize, Default)]
pub struct HsdsQuery {
    #[serde(default)]
    search: Option<String>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    per_page: Option<String>,
    #[serde(default)]
    taxonomy_term_id: Option<String>,
    #[serde(default)]
    taxonomy_id: Option<String>,
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    modified_after: Option<String>,
}

/// A checked query: page numbers in range, the date read. Unknown ids simply match nothing.
struct Checked {
    filter: ServiceFilter,
    /// A term or taxonomy that is not Spona's: nothing matches.
    nothing: bool,
}

fn check(q: &HsdsQuery) -> Result<Checked, &'static str> {
    // A parameter given empty is refused like any other value that is not one (`page=` is not
    // a page number); only a parameter left out takes its default.
    let number = |v: &Option<String>, default: u32, max: u32, key| match v.as_deref().map(str::trim)
    {
        None => Ok(default),
        Some(t) => t
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or(key),
    };
    let page = number(&q.page, 1, MAX_PAGE, "err-hsds-page")?;
    let per_page = number(
        &q.per_page,
        DEFAULT_PER_PAGE,
        MAX_PER_PAGE,
        "err-hsds-per-page",
    )?;
    let modified_after = match q.modified_after.as_deref().map(str::trim) {
        None => None,
        Some(t) => Some(parse_instant(t).ok_or("err-hsds-modified-after")?),
    };
    let mut nothing = false;
    let mut kinds = Vec::new();
    if let Some(t) = q
        .taxonomy_term_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match kind_of_term(t) {
            Some(k) => kinds.push(k.to_owned()),
            None => nothing = true,
        }
    }
    if let Some(t) = q
        .taxonomy_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        && t != TAXONOMY_ID
    {
        nothing = true;
    }
    let text = q
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(200).collect::<String>());
    Ok(Checked {
        filter: ServiceFilter {
            text,
            kinds,
            org_id: q
                .organization_id
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            modified_after,
            page,
            per_page,
            ..ServiceFilter::default()
        },
        nothing,
    })
}

/// An RFC 3339 instant (`2026-01-31T10:00:00Z`, an offset, or a date alone: its start in UTC).
fn parse_instant(t: &str) -> Option<i64> {
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp().as_second());
    }
    None
}

fn page_json(total: i64, page: u32, per_page: u32, contents: Vec<Value>) -> Value {
    let total_pages = if total == 0 {
        0
    } else {
        (total + i64::from(per_page) - 1) / i64::from(per_page)
    };
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": contents.len(),
        "first_page": page == 1,
        "last_page": i64::from(page) >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// The content languages to show, best first, for the reader's locale.
fn langs(ctx: &Ctx) -> Vec<&'static str> {
    match ctx.locale.tag() {
        "sr-Cyrl" => vec!["sr-Cyrl", "sr-Latn", "bs", "hr", "en"],
        "sr-Latn" => vec!["sr-Latn", "sr-Cyrl", "bs", "hr", "en"],
        "uk" => vec!["uk", "en"],
        _ => vec!["en", "sr-Latn", "sr-Cyrl"],
    }
}

#[cfg(test)]
mod tests;
