//! The resource hub in the JSON API: search with facets, one resource with all its language
//! variants, and a variant's versions — under the same visibility rules as the pages.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Serialize;
use spona_domain::resource::{ContentLang, RESOURCE_KINDS};
use spona_domain::vocab::{COUNTRIES, THEMES};
use utoipa::{IntoParams, OpenApi, ToSchema};

use spona_app::resources::{HubQuery, PAGE_SIZE};

use super::access;
use super::search::{hit_views, run};
use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/resources", search)
        .get("/api/v1/resources/{id}", get_resource)
        .get("/api/v1/resources/{id}/versions", versions)
}

#[derive(OpenApi)]
#[openapi(
    paths(search, get_resource, versions),
    components(schemas(
        ResourcePageJson,
        HitJson,
        FacetsJson,
        FacetCountJson,
        ResourceJson,
        VariantJson,
        AttachmentJson,
        VersionJson
    ))
)]
struct ResourcesDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ResourcesDoc::openapi();
    with_vocabularies(&mut doc);
    doc
}

/// Puts the vocabularies into the search parameters' schemas as `enum`s.
fn with_vocabularies(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
    if let Some(op) = doc
        .paths
        .paths
        .get_mut("/api/v1/resources/{id}/versions")
        .and_then(|p| p.get.as_mut())
    {
        for param in op.parameters.iter_mut().flatten() {
            if let RefOr::T(p) = param
                && p.name == "lang"
            {
                let schema = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(ContentLang::ALL.iter().map(|l| l.as_str())))
                    .build();
                p.schema = Some(RefOr::T(Schema::Object(schema)));
            }
        }
    }
    let Some(op) = doc
        .paths
        .paths
        .get_mut("/api/v1/resources")
        .and_then(|p| p.get.as_mut())
    else {
        return;
    };
    for param in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = param {
            let codes: Vec<&str> = match p.name.as_str() {
                "kind" => RESOURCE_KINDS.codes.to_vec(),
                "theme" => THEMES.codes.to_vec(),
                "country" => COUNTRIES.codes.to_vec(),
                "lang" => ContentLang::ALL.iter().map(|l| l.as_str()).collect(),
                _ => continue,
            };
            let item = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes))
                .build();
            let schema = ArrayBuilder::new().items(item).max_items(Some(20)).build();
            p.schema = Some(RefOr::T(Schema::Array(schema)));
        }
    }
}

/// Query parameters of the resource search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SearchParams {
    /// Free text in any language or script; "quoted words" are a phrase.
    #[param(max_length = 500)]
    q: Option<String>,
    /// Resource kinds (any of them).
    kind: Option<Vec<String>>,
    /// Thematic areas (any of them).
    theme: Option<Vec<String>>,
    /// Languages of a variant: `en`, `sr`, `uk`.
    lang: Option<Vec<String>>,
    /// ISO 3166-1 alpha-2 codes; `XK` is Kosovo.
    country: Option<Vec<String>>,
    /// Match the last word as a prefix, for searching while typing.
    prefix: Option<bool>,
    /// One-based page number.
    #[param(minimum = 1, maximum = 500)]
    page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct HitJson {
    id: String,
    /// The language of the variant shown: the reader's where it exists.
    lang: String,
    /// HTML-escaped title with `<mark>` around matched words.
    title_html: String,
    /// HTML-escaped extract with `<mark>` around matched words.
    snippet_html: String,
}

#[derive(Serialize, ToSchema)]
pub struct FacetCountJson {
    value: String,
    count: u64,
}

/// Counts of the resources matching the search, by facet; only resources the reader may see.
#[derive(Serialize, ToSchema)]
pub struct FacetsJson {
    kind: Vec<FacetCountJson>,
    theme: Vec<FacetCountJson>,
    language: Vec<FacetCountJson>,
    country: Vec<FacetCountJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ResourcePageJson {
    total: usize,
    page: u32,
    page_size: usize,
    items: Vec<HitJson>,
    facets: FacetsJson,
}

fn counts(list: &[spona_search::FacetCount]) -> Vec<FacetCountJson> {
    list.iter()
        .map(|c| FacetCountJson {
            value: c.value.clone(),
            count: c.count,
        })
        .collect()
}

/// Searches the resources the reader may see, across languages and scripts.
#[utoipa::path(get, path = "/api/v1/resources", params(SearchParams),
    responses((status = 200, body = ResourcePageJson), (status = 400, body = ErrorJson), (status = 429, body = ErrorJson)))]
async fn search(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(query): Query<HubQuery>,
) -> Result<Response, AppError> {
    let results = run(&ctx, client, &query).await?;
    let hits = hit_views(&ctx, &results);
    Ok(Json(ResourcePageJson {
        total: results.total,
        page: query.page_number()?,
        page_size: PAGE_SIZE,
        items: hits
            .into_iter()
            .map(|h| HitJson {
                id: h.id,
                lang: h.lang,
                title_html: h.title_html,
                snippet_html: h.snippet_html,
            })
            .collect(),
        facets: FacetsJson {
            kind: counts(&results.facets.kind),
            theme: counts(&results.facets.theme),
            language: counts(&results.facets.language),
            country: counts(&results.facets.country),
        },
    })
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct VariantJson {
    /// `en`, `sr` or `uk`.
    lang: String,
    /// `Latn` or `Cyrl` for Serbian, empty otherwise.
    script: String,
    title: String,
    summary: String,
    /// Markdown, as written.
    body: String,
    /// The body rendered to safe HTML.
    body_html: String,
    version: i64,
    /// Another variant changed after this one was written or confirmed.
    outdated: bool,
    updated_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentJson {
    id: String,
    lang: String,
    filename: String,
    media_type: String,
    size: i64,
    sha256: String,
    /// Where to download it (a file with active content: to its warning page, unless
    /// `?confirmed=1` is given).
    href: String,
    /// Active content found in the file at upload (a PDF's `JavaScript`, `OpenAction`,
    /// `Launch`, `URI`, …; `unchecked` when the scan stopped at a bound). Empty for none.
    active_content: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ResourceJson {
    id: String,
    kind: String,
    themes: Vec<String>,
    countries: Vec<String>,
    /// The owning organisation's slug.
    owner: String,
    /// `public`, `members` or `networks`.
    visibility: String,
    /// Network slugs, when `visibility` is `networks`.
    networks: Vec<String>,
    review_due: i64,
    created_at: i64,
    updated_at: i64,
    variants: Vec<VariantJson>,
    attachments: Vec<AttachmentJson>,
}

/// One resource with all its language variants and attachments.
#[utoipa::path(get, path = "/api/v1/resources/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ResourceJson), (status = 404, body = ErrorJson)))]
async fn get_resource(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = access::readable(&ctx, &id).await?;
    Ok(Json(ResourceJson {
        variants: r
            .variants
            .iter()
            .map(|v| VariantJson {
                lang: v.lang.to_string(),
                script: v.script.clone(),
                title: v.title.clone(),
                summary: v.summary.clone(),
                body_html: markdown::to_html(&v.body),
                body: v.body.clone(),
                version: v.version,
                outdated: v.outdated,
                updated_at: v.updated_at,
            })
            .collect(),
        attachments: r
            .attachments
            .iter()
            .map(|a| AttachmentJson {
                href: format!("/resources/{}/attachments/{}", r.id, a.id),
                id: a.id.clone(),
                lang: a.lang.to_string(),
                filename: a.filename.clone(),
                media_type: a.media_type.clone(),
                size: a.size,
                sha256: a.sha256.clone(),
                active_content: crate::http::active_content::split_record(&a.active_content),
            })
            .collect(),
        networks: r.networks.iter().map(|n| n.slug.clone()).collect(),
        visibility: r.visibility.as_str().to_owned(),
        id: r.id.into(),
        kind: r.kind,
        themes: r.themes,
        countries: r.countries,
        owner: r.owner_slug,
        review_due: r.review_due,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct VersionJson {
    version: i64,
    title: String,
    note: String,
    author: String,
    created_at: i64,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct VersionsParams {
    /// `en`, `sr` or `uk`; without it, the variant in the reader's language (or English).
    lang: Option<String>,
}

/// The versions of one language variant, newest first.
#[utoipa::path(get, path = "/api/v1/resources/{id}/versions", params(("id" = String, Path), VersionsParams),
    responses((status = 200, body = [VersionJson]), (status = 400, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn versions(
    ctx: Ctx,
    Path(id): Path<String>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Response, AppError> {
    let r = access::readable(&ctx, &id).await?;
    // Read from the raw query: `lang=` (empty) is a bad value, not a missing one.
    let asked = raw.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.into_owned())
    });
    let lang = match asked.as_deref() {
        None => spona_app::resources::chosen_variant(ctx.locale, &r, "")
            .map(|v| v.lang())
            .ok_or(AppError::NotFound)?,
        Some(l) => ContentLang::parse(l).ok_or(AppError::BadRequest("err-unknown-choice"))?,
    };
    let list: Vec<VersionJson> = spona_store::resources::versions(&ctx.state.db, &r.id, lang)
        .await?
        .into_iter()
        .map(|v| VersionJson {
            version: v.version,
            title: v.title,
            note: v.note,
            author: v.author_name,
            created_at: v.created_at,
        })
        .collect();
    if list.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(Json(list).into_response())
}
