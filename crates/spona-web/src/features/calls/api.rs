//! Calls in the JSON API: the list (filtered by the same query as the page) and one call.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Serialize;
use spona_app::calls::{self as uc, CallQuery};
use spona_store::calls::Call;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::view;
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/calls", list)
        .get("/api/v1/calls/{id}", get_call)
}

#[derive(OpenApi)]
#[openapi(paths(list, get_call), components(schemas(CallListJson, CallJson)))]
struct CallsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = CallsDoc::openapi();
    with_vocabularies(&mut doc);
    doc
}

/// Puts the list's vocabularies into its parameters' schemas as `enum`s, so that a client
/// (and Schemathesis) knows which codes are accepted: any other is refused with 400.
fn with_vocabularies(doc: &mut utoipa::openapi::OpenApi) {
    use spona_domain::call::CALL_KINDS;
    use spona_domain::vocab::{COUNTRIES, THEMES};
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
    let Some(op) = doc
        .paths
        .paths
        .get_mut("/api/v1/calls")
        .and_then(|p| p.get.as_mut())
    else {
        return;
    };
    for param in op.parameters.iter_mut().flatten() {
        let RefOr::T(p) = param else { continue };
        let codes: Vec<&str> = match p.name.as_str() {
            "kind" => CALL_KINDS.codes.to_vec(),
            "theme" => THEMES.codes.to_vec(),
            "country" => COUNTRIES.codes.to_vec(),
            "when" => {
                let schema = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(["", "open", "soon", "past", "all"]))
                    .build();
                p.schema = Some(RefOr::T(Schema::Object(schema)));
                continue;
            }
            _ => continue,
        };
        let item = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(codes))
            .build();
        p.schema = Some(RefOr::T(Schema::Array(
            ArrayBuilder::new().items(item).build(),
        )));
    }
}

/// Query parameters of the list (the page, the Atom feed and the calendar take the same).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ListParams {
    /// ISO 3166-1 alpha-2 codes (`XK` is Kosovo); calls open to any country always match.
    country: Option<Vec<String>>,
    /// Thematic areas (any of them).
    theme: Option<Vec<String>>,
    /// Kinds: grant, residency, fellowship, exchange, partners, other.
    kind: Option<Vec<String>>,
    /// `open` (default; also when empty), `soon` (closing within `days`), `past` or `all`.
    when: Option<String>,
    /// For `when=soon`: within this many days (1–366, default 14).
    #[param(minimum = 1, maximum = 366)]
    days: Option<u32>,
    /// An organisation's slug: only calls that fit it (its country, themes and know-how needs).
    fits: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CallListJson {
    pub items: Vec<CallJson>,
}

#[derive(Serialize, ToSchema)]
pub struct CallJson {
    pub id: String,
    pub kind: String,
    pub title: String,
    /// The language (and script) the title and description are written in.
    pub written: String,
    /// Markdown.
    pub description: String,
    /// The outside funder, when not the posting organisation.
    pub funder: Option<String>,
    /// The posting organisation's slug.
    pub org: Option<String>,
    /// The deadline instant, RFC 3339 in UTC.
    pub deadline: String,
    /// The deadline as the funder stated it, `YYYY-MM-DDTHH:MM` in `zone`.
    pub deadline_local: String,
    /// An IANA time zone.
    pub zone: String,
    /// A decimal amount in `currency` (exact; no floating point).
    pub amount: Option<String>,
    /// ISO 4217.
    pub currency: Option<String>,
    pub link: Option<String>,
    /// `open`, `closed` or `withdrawn`.
    pub status: String,
    /// Whether it takes applications now (open and before the deadline).
    pub accepting: bool,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub knowhow: Vec<String>,
    pub org_kinds: Vec<String>,
    pub languages: Vec<String>,
    /// The call's page.
    pub url: String,
}

fn json(ctx: &Ctx, c: &Call, now: i64) -> CallJson {
    CallJson {
        id: c.id.to_string(),
        kind: c.kind.clone(),
        title: c.title.clone(),
        written: c.written.clone(),
        description: c.description.clone(),
        funder: c.funder.clone(),
        org: c.org_slug.clone(),
        deadline: view::utc(c.deadline_at),
        deadline_local: c.deadline_local.clone(),
        zone: c.zone.clone(),
        amount: c.amount.as_ref().map(|a| a.decimal()),
        currency: c.amount.as_ref().map(|a| a.currency.clone()),
        link: c.link.clone(),
        status: c.status.as_str().to_owned(),
        accepting: uc::is_open(c, now),
        countries: c.terms.countries.clone(),
        themes: c.terms.themes.clone(),
        knowhow: c.terms.knowhow.clone(),
        org_kinds: c.terms.org_kinds.clone(),
        languages: c.terms.languages.clone(),
        url: format!(
            "{}{}",
            ctx.state.config.public_url,
            ctx.href(&format!("/calls/{}", c.id))
        ),
    }
}

#[utoipa::path(get, path = "/api/v1/calls", params(ListParams),
    responses((status = 200, body = CallListJson), (status = 400, body = ErrorJson),
        (status = 404, description = "`fits` names no organisation", body = ErrorJson)))]
async fn list(ctx: Ctx, Query(query): Query<CallQuery>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let filter = query.filter(db).await?;
    let now = spona_store::now();
    let calls = uc::list(db, &filter, now).await?;
    let items = calls.iter().map(|c| json(&ctx, c, now)).collect();
    Ok(Json(CallListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/calls/{id}", params(("id" = String, Path)),
    responses((status = 200, body = CallJson), (status = 404, body = ErrorJson)))]
async fn get_call(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let call = uc::read(&ctx.state.db, &id).await?;
    Ok(Json(json(&ctx, &call, spona_store::now())).into_response())
}
