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
use spona_domain::service::{AgeBand, SERVICE_KINDS};
use spona_store::Db;
use spona_store::orgs::Org;
use spona_store::services::{self as store, Scope, Service, ServiceFilter};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

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
        .get("/api/hsds/data/{file}", table_csv)
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    root,
    services_list,
    service_one,
    organizations_list,
    organization_one,
    sal_list,
    sal_one,
    taxonomies_list,
    taxonomy_one,
    terms_list,
    term_one,
    datapackage,
    table_csv
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

/// RFC 3339 in UTC, seconds.
fn utc(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
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

fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), v.into());
    }
}

fn nonempty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

/// The organisation in HSDS's shape (one-to-one fields).
fn org_json(o: &Org) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), o.id.to_string().into());
    m.insert("name".into(), o.name.clone().into());
    let description = o
        .texts
        .iter()
        .find_map(|t| t.description.clone())
        .unwrap_or_default();
    m.insert("description".into(), description.into());
    if o.contact_visibility == spona_domain::role::ContactVisibility::Public {
        put(&mut m, "email", o.email.clone());
    }
    put(&mut m, "website", o.website.clone());
    m.insert("funding".into(), json!([]));
    m.insert("contacts".into(), json!([]));
    m.insert("phones".into(), json!([]));
    m.insert("locations".into(), json!([]));
    m.insert("programs".into(), json!([]));
    m.insert("organization_identifiers".into(), json!([]));
    m.insert("attributes".into(), json!([]));
    m.insert("metadata".into(), json!([]));
    Value::Object(m)
}

fn org_brief(s: &Service, o: Option<&Org>) -> Value {
    match o {
        Some(o) => {
            let mut v = org_json(o);
            if let Some(m) = v.as_object_mut() {
                for k in [
                    "funding",
                    "contacts",
                    "phones",
                    "locations",
                    "programs",
                    "organization_identifiers",
                    "attributes",
                    "metadata",
                ] {
                    m.remove(k);
                }
            }
            v
        }
        None => json!({ "id": s.org_id.as_str(), "name": s.org_name, "description": "" }),
    }
}

fn eligibility(s: &Service) -> String {
    let mut parts = Vec::new();
    parts.push(format!("access: {}", s.access.as_str()));
    if !s.genders.is_empty() {
        parts.push(format!("gender: {}", s.genders.join(", ")));
    }
    if !s.age_bands.is_empty() {
        let bands: Vec<&str> = s.age_bands.iter().map(|b| b.as_str()).collect();
        parts.push(format!("age: {}", bands.join(", ")));
    }
    if !s.statuses.is_empty() {
        parts.push(format!("status: {}", s.statuses.join(", ")));
    }
    parts.join("; ")
}

fn ages(s: &Service) -> (Option<u32>, Option<u32>) {
    if s.age_bands.is_empty() {
        return (None, None);
    }
    let min = s.age_bands.iter().map(|b| b.min_age()).min();
    let max = if s.age_bands.contains(&AgeBand::Older) {
        None
    } else {
        s.age_bands.iter().filter_map(|b| b.max_age()).max()
    };
    (min.filter(|m| *m > 0), max)
}

/// A service's one-to-one fields (the `service_list` shape).
fn service_flat(s: &Service, langs: &[&str]) -> Map<String, Value> {
    let text = s.text(langs);
    let mut m = Map::new();
    m.insert("id".into(), s.id.as_str().into());
    m.insert("organization_id".into(), s.org_id.as_str().into());
    m.insert("name".into(), text.name.clone().into());
    let others: Vec<&str> = s
        .texts
        .iter()
        .filter(|t| t.lang != text.lang && t.name != text.name)
        .map(|t| t.name.as_str())
        .collect();
    if !others.is_empty() {
        m.insert("alternate_name".into(), others.join(" / ").into());
    }
    m.insert("description".into(), text.description.clone().into());
    put(&mut m, "url", s.url.clone());
    put(&mut m, "email", s.email.clone());
    m.insert("status".into(), s.status.hsds().into());
    m.insert(
        "application_process".into(),
        match s.access {
            spona_domain::service::Access::Referral => "By referral from another service.",
            spona_domain::service::Access::WalkIn => "Walk in or call; no referral needed.",
            spona_domain::service::Access::Both => "Walk in, call, or be referred.",
        }
        .into(),
    );
    let fees = match (&s.cost, s.free) {
        (Some(c), true) => Some(format!("Free of charge. {c}")),
        (Some(c), false) => Some(c.clone()),
        (None, true) => Some("Free of charge.".to_owned()),
        (None, false) => None,
    };
    put(&mut m, "fees_description", fees);
    m.insert("eligibility_description".into(), eligibility(s).into());
    let (min, max) = ages(s);
    put(&mut m, "minimum_age", min);
    put(&mut m, "maximum_age", max);
    if let (Some(free), Some(at)) = (s.capacity.free, s.capacity.updated_at) {
        let total = s
            .capacity
            .total
            .map(|t| format!(" of {t}"))
            .unwrap_or_default();
        m.insert(
            "alert".into(),
            format!("{free} places free{total} on {}", utc(at)).into(),
        );
    }
    m.insert("last_modified".into(), utc(s.updated_at).into());
    m
}

fn schedule_json(s: &Service, h: &store::ServiceHours) -> Value {
    json!({
        "id": h.id, "service_id": s.id.as_str(), "freq": "WEEKLY", "wkst": "MO",
        "byday": h.opening.day.as_str(), "opens_at": format!("{}:00", h.opening.opens_at()),
        "closes_at": format!("{}:00", h.opening.closes_at()), "attributes": [], "metadata": [],
    })
}

fn location_json(s: &Service, l: &store::ServiceLocation) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), l.id.clone().into());
    m.insert("location_type".into(), "physical".into());
    m.insert("organization_id".into(), s.org_id.as_str().into());
    put(&mut m, "name", nonempty(&l.name));
    // The address in words too: the tabular package has no address table, since HSDS
    // requires a postal code and a state or province there that Spona does not ask for.
    let words: Vec<&str> = [l.address.as_str(), l.city.as_str(), l.country.as_str()]
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect();
    m.insert("description".into(), words.join(", ").into());
    m.insert("addresses".into(), json!([address_json(l)]));
    for k in [
        "languages",
        "contacts",
        "accessibility",
        "phones",
        "schedules",
        "attributes",
        "metadata",
    ] {
        m.insert(k.into(), json!([]));
    }
    Value::Object(m)
}

fn address_json(l: &store::ServiceLocation) -> Value {
    json!({
        "id": derived(TAG_ADDRESS, &l.id), "location_id": l.id, "address_1": l.address,
        "city": l.city, "state_province": "", "postal_code": "", "country": l.country,
        "address_type": "physical", "attributes": [], "metadata": [],
    })
}

fn attribute_json(s: &Service) -> Option<Value> {
    let term = term_id(&s.kind)?;
    Some(json!({
        "id": derived(TAG_ATTRIBUTE, s.id.as_str()), "link_id": s.id.as_str(),
        "taxonomy_term_id": term, "link_type": "service_type", "link_entity": "service",
        "taxonomy_term": term_json(&s.kind), "metadata": [],
    }))
}

fn sal_json(s: &Service, l: &store::ServiceLocation, langs: &[&str], with_service: bool) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), l.id.clone().into());
    m.insert("service_id".into(), s.id.as_str().into());
    m.insert("location_id".into(), l.id.clone().into());
    m.insert("contacts".into(), json!([]));
    m.insert("phones".into(), json!([]));
    m.insert("schedules".into(), json!([]));
    m.insert("location".into(), location_json(s, l));
    m.insert("attributes".into(), json!([]));
    m.insert("metadata".into(), json!([]));
    if with_service {
        m.insert("service".into(), Value::Object(service_flat(s, langs)));
    }
    Value::Object(m)
}

/// A service with everything it holds (the `service` shape).
fn service_full(s: &Service, org: Option<&Org>, langs: &[&str]) -> Value {
    let mut m = service_flat(s, langs);
    let phones: Vec<Value> = s
        .phone
        .iter()
        .map(|p| {
            json!({ "id": derived(TAG_PHONE, s.id.as_str()), "service_id": s.id.as_str(),
                "number": p, "languages": [], "attributes": [], "metadata": [] })
        })
        .collect();
    m.insert("phones".into(), phones.into());
    let schedules: Vec<Value> = s.hours.iter().map(|h| schedule_json(s, h)).collect();
    m.insert("schedules".into(), schedules.into());
    let areas: Vec<Value> = s
        .areas
        .iter()
        .map(|a| {
            let name = match &a.municipality {
                Some(mu) => format!("{mu}, {}", a.country),
                None => a.country.clone(),
            };
            json!({ "id": a.id, "service_id": s.id.as_str(), "name": name,
                "extent_type": "country_municipality", "attributes": [], "metadata": [] })
        })
        .collect();
    m.insert("service_areas".into(), areas.into());
    let sals: Vec<Value> = s
        .locations
        .iter()
        .map(|l| sal_json(s, l, langs, false))
        .collect();
    m.insert("service_at_locations".into(), sals.into());
    let languages: Vec<Value> = s
        .languages
        .iter()
        .enumerate()
        .map(|(i, code)| {
            json!({ "id": derived(TAG_LANGUAGE + i as u32, s.id.as_str()),
                "service_id": s.id.as_str(), "code": code, "attributes": [], "metadata": [] })
        })
        .collect();
    m.insert("languages".into(), languages.into());
    m.insert("organization".into(), org_brief(s, org));
    m.insert("funding".into(), json!([]));
    m.insert("cost_options".into(), json!([]));
    m.insert("required_documents".into(), json!([]));
    m.insert("contacts".into(), json!([]));
    m.insert(
        "attributes".into(),
        attribute_json(s).into_iter().collect::<Vec<_>>().into(),
    );
    m.insert("metadata".into(), json!([]));
    Value::Object(m)
}

fn term_json(kind: &str) -> Value {
    json!({
        "id": term_id(kind).unwrap_or_default(), "code": kind, "name": kind,
        "description": format!("Spona service kind '{kind}'"), "taxonomy": "spona-service-kinds",
        "taxonomy_id": TAXONOMY_ID, "language": "en", "metadata": [],
    })
}

fn taxonomy_json() -> Value {
    json!({
        "id": TAXONOMY_ID, "name": "spona-service-kinds",
        "description": "The kinds of service in Spona's catalogue (victim support across the Kosovo–Serbia line and beyond).",
        "version": "1", "metadata": [],
    })
}

async fn orgs_by_id(db: &Db, services: &[Service]) -> Result<HashMap<String, Org>, AppError> {
    let mut ids: Vec<&str> = services.iter().map(|s| s.org_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(spona_store::orgs::get_many(db, &ids)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o))
        .collect())
}

#[utoipa::path(get, path = "/api/hsds/", tag = "hsds", responses((status = 200, description = "HSDS version and profile", body = serde_json::Value)))]
async fn root(ctx: Ctx) -> Response {
    let base = &ctx.state.config.public_url;
    Json(json!({
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": format!("{base}/api/v1/openapi.json"),
    }))
    .into_response()
}

#[utoipa::path(get, path = "/api/hsds/services", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
async fn services_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    let c = match check(&q) {
        Ok(c) => c,
        Err(key) => return Ok(error(&ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    if c.nothing {
        return Ok(Json(page_json(0, f.page, f.per_page, Vec::new())).into_response());
    }
    let db = &ctx.state.db;
    let page = store::search(db, f).await?;
    let services = store::load(db, Scope::Ids(&page.ids)).await?;
    let orgs = orgs_by_id(db, &services).await?;
    let by_id: HashMap<&str, &Service> = services.iter().map(|s| (s.id.as_str(), s)).collect();
    let langs = langs(&ctx);
    let contents: Vec<Value> = page
        .ids
        .iter()
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|s| {
            let mut m = service_flat(s, &langs);
            m.insert(
                "organization".into(),
                org_brief(s, orgs.get(s.org_id.as_str())),
            );
            Value::Object(m)
        })
        .collect();
    Ok(Json(page_json(page.total, f.page, f.per_page, contents)).into_response())
}

async fn published(db: &Db, id: &str) -> Result<Option<Service>, AppError> {
    Ok(store::get(db, id).await?.filter(Service::is_published))
}

#[utoipa::path(get, path = "/api/hsds/services/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
async fn service_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let Some(s) = published(db, &id).await? else {
        return Ok(not_found(&ctx));
    };
    let orgs = orgs_by_id(db, std::slice::from_ref(&s)).await?;
    Ok(Json(service_full(&s, orgs.get(s.org_id.as_str()), &langs(&ctx))).into_response())
}

#[utoipa::path(get, path = "/api/hsds/organizations", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
async fn organizations_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    let c = match check(&q) {
        Ok(c) => c,
        Err(key) => return Ok(error(&ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    let db = &ctx.state.db;
    let ids = store::publishing_orgs(db).await?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut orgs = spona_store::orgs::get_many(db, &refs).await?;
    orgs.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(text) = &f.text {
        let query = spona_search::directory_query(text);
        orgs.retain(|o| {
            let mut terms = std::collections::BTreeSet::new();
            spona_search::directory_terms(&o.name, o.country == "UA", &mut terms);
            spona_search::directory_terms(&o.city, o.country == "UA", &mut terms);
            !query.is_empty()
                && query
                    .iter()
                    .all(|alts| alts.iter().any(|t| terms.contains(t)))
        });
    }
    if let Some(oid) = &f.org_id {
        orgs.retain(|o| &o.id == oid);
    }
    if let Some(after) = f.modified_after {
        orgs.retain(|o| o.updated_at >= after);
    }
    if c.nothing {
        orgs.clear();
    }
    let total = orgs.len() as i64;
    let start = (f.page as usize - 1).saturating_mul(f.per_page as usize);
    let contents: Vec<Value> = orgs
        .iter()
        .skip(start)
        .take(f.per_page as usize)
        .map(|o| {
            let mut v = org_json(o);
            if let Some(m) = v.as_object_mut() {
                for k in [
                    "funding",
                    "contacts",
                    "phones",
                    "locations",
                    "programs",
                    "organization_identifiers",
                    "attributes",
                    "metadata",
                ] {
                    m.remove(k);
                }
            }
            v
        })
        .collect();
    Ok(Json(page_json(total, f.page, f.per_page, contents)).into_response())
}

#[utoipa::path(get, path = "/api/hsds/organizations/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
async fn organization_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let services = store::list_for_org(db, &id).await?;
    let services: Vec<Service> = services.into_iter().filter(Service::is_published).collect();
    if services.is_empty() {
        return Ok(not_found(&ctx));
    }
    let org = match spona_store::orgs::get(db, &id).await {
        Ok(o) => o,
        Err(spona_store::StoreError::NotFound) => return Ok(not_found(&ctx)),
        Err(e) => return Err(e.into()),
    };
    let langs = langs(&ctx);
    let mut v = org_json(&org);
    if let Some(m) = v.as_object_mut() {
        let list: Vec<Value> = services
            .iter()
            .map(|s| Value::Object(service_flat(s, &langs)))
            .collect();
        m.insert("services".into(), list.into());
    }
    Ok(Json(v).into_response())
}

#[utoipa::path(get, path = "/api/hsds/service_at_locations", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
async fn sal_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    let c = match check(&q) {
        Ok(c) => c,
        Err(key) => return Ok(error(&ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    if c.nothing {
        return Ok(Json(page_json(0, f.page, f.per_page, Vec::new())).into_response());
    }
    let db = &ctx.state.db;
    let (rows, total) = store::location_page(db, f).await?;
    let mut sids: Vec<String> = rows.iter().map(|(_, s)| s.clone()).collect();
    sids.sort();
    sids.dedup();
    let services = store::load(db, Scope::Ids(&sids)).await?;
    let by_id: HashMap<&str, &Service> = services.iter().map(|s| (s.id.as_str(), s)).collect();
    let langs = langs(&ctx);
    let contents: Vec<Value> = rows
        .iter()
        .filter_map(|(lid, sid)| {
            let s = by_id.get(sid.as_str())?;
            let l = s.locations.iter().find(|l| &l.id == lid)?;
            Some(sal_json(s, l, &langs, true))
        })
        .collect();
    Ok(Json(page_json(total, f.page, f.per_page, contents)).into_response())
}

#[utoipa::path(get, path = "/api/hsds/service_at_locations/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
async fn sal_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let Some(sid) = store::service_of_location(db, &id).await? else {
        return Ok(not_found(&ctx));
    };
    let Some(s) = published(db, &sid).await? else {
        return Ok(not_found(&ctx));
    };
    let Some(l) = s.locations.iter().find(|l| l.id == id) else {
        return Ok(not_found(&ctx));
    };
    let mut v = sal_json(&s, l, &langs(&ctx), true);
    if let Some(m) = v.as_object_mut() {
        let schedules: Vec<Value> = s.hours.iter().map(|h| schedule_json(&s, h)).collect();
        m.insert("schedules".into(), schedules.into());
    }
    Ok(Json(v).into_response())
}

#[utoipa::path(get, path = "/api/hsds/taxonomies", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
async fn taxonomies_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    let c = match check(&q) {
        Ok(c) => c,
        Err(key) => return Ok(error(&ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    let matches = f.text.as_deref().is_none_or(|t| {
        "spona-service-kinds service kinds"
            .to_lowercase()
            .contains(&t.to_lowercase())
    });
    let all: Vec<Value> = if matches && !c.nothing && f.page == 1 {
        vec![taxonomy_json()]
    } else {
        Vec::new()
    };
    let total = i64::from(matches && !c.nothing);
    Ok(Json(page_json(total, f.page, f.per_page, all)).into_response())
}

#[utoipa::path(get, path = "/api/hsds/taxonomies/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
async fn taxonomy_one(ctx: Ctx, Path(id): Path<String>) -> Response {
    if id == TAXONOMY_ID {
        Json(taxonomy_json()).into_response()
    } else {
        not_found(&ctx)
    }
}

#[utoipa::path(get, path = "/api/hsds/taxonomy_terms", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
async fn terms_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    let c = match check(&q) {
        Ok(c) => c,
        Err(key) => return Ok(error(&ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    let mut kinds: Vec<&str> = SERVICE_KINDS.codes.to_vec();
    if let Some(t) = &f.text {
        let t = t.to_lowercase();
        kinds.retain(|k| k.contains(&t));
    }
    if let Some(k) = f.kinds.first() {
        kinds.retain(|x| x == k);
    }
    if c.nothing {
        kinds.clear();
    }
    let total = kinds.len() as i64;
    let start = (f.page as usize - 1).saturating_mul(f.per_page as usize);
    let contents: Vec<Value> = kinds
        .iter()
        .skip(start)
        .take(f.per_page as usize)
        .map(|k| term_json(k))
        .collect();
    Ok(Json(page_json(total, f.page, f.per_page, contents)).into_response())
}

#[utoipa::path(get, path = "/api/hsds/taxonomy_terms/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
async fn term_one(ctx: Ctx, Path(id): Path<String>) -> Response {
    match kind_of_term(&id) {
        Some(k) => Json(term_json(k)).into_response(),
        None => not_found(&ctx),
    }
}

// ---------------------------------------------------------------------------------------
// The tabular data package.

/// The official HSDS 3.0 `datapackage.json` (CC BY-SA 4.0, Open Referral), vendored.
const OFFICIAL_PACKAGE: &str = include_str!("../../../../../tests/hsds/datapackage.json");

/// The tables Spona exports: resource name and file.
const TABLES: [(&str, &str); 11] = [
    ("organization", "organizations.csv"),
    ("service", "services.csv"),
    ("attribute", "attributes.csv"),
    ("service_at_location", "service_at_location.csv"),
    ("location", "locations.csv"),
    ("phone", "phones.csv"),
    ("schedule", "schedules.csv"),
    ("service_area", "service_areas.csv"),
    ("language", "languages.csv"),
    ("taxonomy_term", "taxonomy_terms.csv"),
    ("taxonomy", "taxonomies.csv"),
];

/// The official package with only Spona's tables, each at `data/<file>`, and no foreign key
/// to a table Spona does not export.
fn package() -> Value {
    let mut p: Value = serde_json::from_str(OFFICIAL_PACKAGE).unwrap_or_else(|_| json!({}));
    let names: Vec<&str> = TABLES.iter().map(|(n, _)| *n).collect();
    if let Some(resources) = p.get_mut("resources").and_then(Value::as_array_mut) {
        resources.retain(|r| {
            r.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| names.contains(&n))
        });
        for r in resources.iter_mut() {
            let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
            let file = TABLES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, f)| *f)
                .unwrap_or_default();
            r["path"] = format!("data/{file}").into();
            if let Some(fks) = r
                .get_mut("schema")
                .and_then(|s| s.get_mut("foreignKeys"))
                .and_then(Value::as_array_mut)
            {
                fks.retain(|fk| {
                    fk.pointer("/reference/resource")
                        .and_then(Value::as_str)
                        .is_some_and(|n| names.contains(&n))
                });
            }
        }
    }
    p
}

/// The columns of a table, in the official order.
fn columns(table: &str) -> Vec<String> {
    let p = package();
    p.get("resources")
        .and_then(Value::as_array)
        .and_then(|rs| rs.iter().find(|r| r["name"] == table))
        .and_then(|r| r.pointer("/schema/fields"))
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[utoipa::path(get, path = "/api/hsds/datapackage.json", tag = "hsds", responses((status = 200, description = "The tabular data package descriptor (Frictionless)", body = serde_json::Value)))]
async fn datapackage() -> Response {
    Json(package()).into_response()
}

fn csv_field(out: &mut String, v: &Value) {
    let text = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

fn csv_row(out: &mut String, cols: &[String], row: &Value) {
    for (i, c) in cols.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, row.get(c).unwrap_or(&Value::Null));
    }
    out.push_str("\r\n");
}

/// The rows of `table` a batch of services gives.
fn rows_of(table: &str, services: &[Service], orgs: &HashMap<String, Org>) -> Vec<Value> {
    let langs = ["en", "sr-Latn", "sr-Cyrl"];
    let mut out = Vec::new();
    for s in services {
        match table {
            "service" => out.push(Value::Object(service_flat(s, &langs))),
            "attribute" => out.extend(attribute_json(s)),
            "service_at_location" => out.extend(s.locations.iter().map(|l| {
                json!({ "id": l.id, "service_id": s.id.as_str(), "location_id": l.id })
            })),
            "location" => out.extend(s.locations.iter().map(|l| location_json(s, l))),
            "phone" => out.extend(s.phone.iter().map(|p| {
                json!({ "id": derived(TAG_PHONE, s.id.as_str()), "service_id": s.id.as_str(), "number": p })
            })),
            "schedule" => out.extend(s.hours.iter().map(|h| schedule_json(s, h))),
            "service_area" => {
                if let Some(Value::Array(a)) = service_full(s, None, &langs).get("service_areas") {
                    out.extend(a.iter().cloned());
                }
            }
            "language" => out.extend(s.languages.iter().enumerate().map(|(i, code)| {
                json!({ "id": derived(TAG_LANGUAGE + i as u32, s.id.as_str()),
                    "service_id": s.id.as_str(), "code": code })
            })),
            "organization" => {
                if let Some(o) = orgs.get(s.org_id.as_str()) {
                    out.push(org_json(o));
                }
            }
            _ => {}
        }
    }
    out
}

struct Export {
    db: Db,
    table: &'static str,
    cols: Vec<String>,
    after: String,
    header: bool,
    done: bool,
}

/// The next chunk of a CSV export: the header first, then one batch of services' rows.
async fn next_chunk(mut e: Export) -> Option<(Result<Bytes, std::io::Error>, Export)> {
    if e.done {
        return None;
    }
    let mut out = String::new();
    if !e.header {
        e.header = true;
        out.push_str(&e.cols.join(","));
        out.push_str("\r\n");
        match e.table {
            "taxonomy" => {
                csv_row(&mut out, &e.cols, &taxonomy_json());
                e.done = true;
            }
            "taxonomy_term" => {
                for k in SERVICE_KINDS.codes {
                    csv_row(&mut out, &e.cols, &term_json(k));
                }
                e.done = true;
            }
            "organization" => {
                let r = async {
                    let ids = store::publishing_orgs(&e.db).await?;
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    spona_store::orgs::get_many(&e.db, &refs).await
                }
                .await;
                match r {
                    Ok(mut orgs) => {
                        orgs.sort_by(|a, b| a.id.cmp(&b.id));
                        for o in &orgs {
                            csv_row(&mut out, &e.cols, &org_json(o));
                        }
                    }
                    Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
                }
                e.done = true;
            }
            _ => {}
        }
        return Some((Ok(Bytes::from(out)), e));
    }
    let ids = match store::published_ids_after(&e.db, &e.after, BATCH).await {
        Ok(ids) => ids,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    let last = ids.last().cloned()?;
    let services = match store::load(&e.db, Scope::Ids(&ids)).await {
        Ok(s) => s,
        Err(err) => return Some((Err(std::io::Error::other(err.to_string())), e)),
    };
    e.after = last;
    for row in rows_of(e.table, &services, &HashMap::new()) {
        csv_row(&mut out, &e.cols, &row);
    }
    Some((Ok(Bytes::from(out)), e))
}

#[utoipa::path(get, path = "/api/hsds/data/{file}", tag = "hsds", params(("file" = String, Path, description = "A table file named in datapackage.json, e.g. services.csv")), responses((status = 200, description = "The table as CSV, streamed", content_type = "text/csv", body = String), (status = 404, body = ErrorJson)))]
async fn table_csv(ctx: Ctx, Path(file): Path<String>) -> Result<Response, AppError> {
    let Some((table, _)) = TABLES.iter().find(|(_, f)| *f == file) else {
        return Ok(not_found(&ctx));
    };
    let export = Export {
        db: ctx.state.db.clone(),
        table,
        cols: columns(table),
        after: String::new(),
        header: false,
        done: false,
    };
    let stream = futures_util::stream::unfold(export, next_chunk);
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_ids_are_uuids_and_read_back() {
        for k in SERVICE_KINDS.codes {
            let id = term_id(k).expect("a term");
            assert_eq!(id.len(), 36);
            assert_eq!(kind_of_term(&id), Some(*k));
        }
        assert_eq!(kind_of_term("nope"), None);
    }

    #[test]
    fn out_of_range_parameters_are_refused() {
        let q = |page: &str, per: &str, after: &str| HsdsQuery {
            page: Some(page.into()),
            per_page: Some(per.into()),
            // "" here stands for a parameter left out; given empty it is refused (below).
            modified_after: (!after.is_empty()).then(|| after.into()),
            ..HsdsQuery::default()
        };
        assert!(check(&q("1", "20", "")).is_ok());
        assert_eq!(check(&q("", "20", "")).err(), Some("err-hsds-page"));
        assert_eq!(check(&q("1", "", "")).err(), Some("err-hsds-per-page"));
        let empty_date = HsdsQuery {
            modified_after: Some(String::new()),
            ..HsdsQuery::default()
        };
        assert_eq!(check(&empty_date).err(), Some("err-hsds-modified-after"));
        assert_eq!(check(&q("0", "20", "")).err(), Some("err-hsds-page"));
        assert_eq!(check(&q("-1", "20", "")).err(), Some("err-hsds-page"));
        assert_eq!(check(&q("1", "101", "")).err(), Some("err-hsds-per-page"));
        assert_eq!(check(&q("1", "x", "")).err(), Some("err-hsds-per-page"));
        assert_eq!(
            check(&q("1", "5", "yesterday")).err(),
            Some("err-hsds-modified-after")
        );
        assert!(check(&q("1", "5", "2026-01-01")).is_ok());
        assert!(check(&q("1", "5", "2026-01-01T10:00:00Z")).is_ok());
    }

    #[test]
    fn the_package_keeps_only_spona_tables() {
        let p = package();
        let rs = p["resources"].as_array().expect("resources");
        assert_eq!(rs.len(), TABLES.len());
        assert!(columns("service").contains(&"organization_id".to_owned()));
    }
}
