//! The directory in the JSON API: organisations, networks and the vocabularies, under the
//! same access rules as the pages.

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_app::Actor;
use spona_app::directory::{self, DirectoryQuery};
use spona_domain::org::DirectoryFilter;
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, THEMES, Vocabulary};
use spona_store::networks::Network;
use spona_store::orgs::Org;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/orgs", list_orgs)
        .get("/api/v1/orgs/{slug}", get_org)
        .get("/api/v1/networks", list_networks)
        .get("/api/v1/networks/{slug}", get_network)
        .get("/api/v1/vocabularies", vocabularies)
}

#[derive(OpenApi)]
#[openapi(
    paths(list_orgs, get_org, list_networks, get_network, vocabularies),
    components(schemas(
        OrgJson,
        TextJson,
        ContactsJson,
        OrgPageJson,
        NetworkJson,
        VocabularyJson,
        TermJson
    ))
)]
struct DirectoryDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    with_vocabularies(DirectoryDoc::openapi())
}

/// Lists the vocabulary codes as `enum`s of the directory's filter parameters, so that the
/// document says exactly which values are accepted.
fn with_vocabularies(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    let Some(op) = doc
        .paths
        .paths
        .get_mut("/api/v1/orgs")
        .and_then(|p| p.get.as_mut())
    else {
        return doc;
    };
    for param in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = param {
            let vocab = match p.name.as_str() {
                "country" => COUNTRIES,
                "theme" => THEMES,
                "offers" | "needs" => KNOWHOW,
                "language" => LANGUAGES,
                _ => continue,
            };
            let schema = ObjectBuilder::new()
                .schema_type(Type::String)
                // The empty value means "any", as the page's "Any" option sends it.
                .enum_values(Some(std::iter::once("").chain(vocab.codes.iter().copied())))
                .build();
            p.schema = Some(RefOr::T(Schema::Object(schema)));
        }
    }
    doc
}

/// A name and description in one language (and script).
#[derive(Serialize, ToSchema)]
pub struct TextJson {
    /// `en`, `sr-Latn`, `sr-Cyrl`, `uk`, …
    lang: String,
    name: Option<String>,
    description: Option<String>,
}

/// Contact details; present only when public or when the reader is signed in.
#[derive(Serialize, ToSchema)]
pub struct ContactsJson {
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OrgJson {
    slug: String,
    name: String,
    /// ISO 3166-1 alpha-2; `XK` is Kosovo.
    country: String,
    city: String,
    /// `public` or `members`.
    contact_visibility: String,
    contacts: Option<ContactsJson>,
    /// Path of the published logo (metadata removed), if any.
    logo: Option<String>,
    themes: Vec<String>,
    offers: Vec<String>,
    needs: Vec<String>,
    languages: Vec<String>,
    texts: Vec<TextJson>,
    networks: Option<Vec<String>>,
    updated_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OrgPageJson {
    total: i64,
    page: u32,
    page_size: u32,
    items: Vec<OrgJson>,
}

#[derive(Serialize, ToSchema)]
pub struct NetworkJson {
    slug: String,
    name: String,
    coordinator: String,
    member_count: i64,
    texts: Vec<TextJson>,
    members: Option<Vec<String>>,
}

#[derive(Serialize, ToSchema)]
pub struct TermJson {
    code: String,
    label: String,
}

#[derive(Serialize, ToSchema)]
pub struct VocabularyJson {
    themes: Vec<TermJson>,
    knowhow: Vec<TermJson>,
    languages: Vec<TermJson>,
    countries: Vec<TermJson>,
}

fn texts(t: &[spona_domain::org::OrgText]) -> Vec<TextJson> {
    t.iter()
        .map(|t| TextJson {
            lang: t.lang.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
        })
        .collect()
}

fn org_json(actor: &Actor, o: Org, networks: Option<Vec<String>>) -> OrgJson {
    OrgJson {
        contacts: directory::visible_contacts(actor, &o).map(|c| ContactsJson {
            website: c.website,
            email: c.email,
            phone: c.phone,
        }),
        texts: texts(&o.texts),
        logo: o.logo.as_ref().map(|l| format!("/media/{l}")),
        slug: o.slug,
        name: o.name,
        country: o.country,
        city: o.city,
        contact_visibility: o.contact_visibility.as_str().to_owned(),
        themes: o.themes,
        offers: o.offers,
        needs: o.needs,
        languages: o.languages,
        networks,
        updated_at: o.updated_at,
    }
}

/// Query parameters of the organisation list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct OrgListParams {
    /// Free text; matches names, cities and descriptions in any script, without diacritics.
    q: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    country: Option<String>,
    theme: Option<String>,
    offers: Option<String>,
    needs: Option<String>,
    language: Option<String>,
    /// Network slug.
    network: Option<String>,
    /// One-based page number.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
}

/// Organisations matching the filters, 20 per page, sorted by name.
#[utoipa::path(get, path = "/api/v1/orgs", params(OrgListParams),
    responses((status = 200, body = OrgPageJson), (status = 400, body = ErrorJson),
        (status = 429, body = ErrorJson, description = "Too many free-text searches from this client")))]
async fn list_orgs(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = super::filter_for(&ctx, client, &q).await?;
    let page = directory::orgs::search(&ctx.state.directory, &ctx.state.db, &filter).await?;
    let actor = ctx.actor();
    let items = page
        .orgs
        .into_iter()
        .map(|o| org_json(&actor, o, None))
        .collect();
    Ok(Json(OrgPageJson {
        total: page.total,
        page: filter.page + 1,
        page_size: DirectoryFilter::PAGE_SIZE,
        items,
    })
    .into_response())
}

/// One organisation, with the slugs of its networks.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}", params(("slug" = String, Path)),
    responses((status = 200, body = OrgJson), (status = 400, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn get_org(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let detail = directory::orgs::show(&actor, &ctx.state.db, &slug).await?;
    let networks = detail.networks.into_iter().map(|n| n.slug).collect();
    Ok(Json(org_json(&actor, detail.org, Some(networks))).into_response())
}

fn network_json(n: Network, members: Option<Vec<String>>) -> NetworkJson {
    NetworkJson {
        texts: texts(&n.texts),
        slug: n.slug,
        name: n.name,
        coordinator: n.coordinator_slug,
        member_count: n.member_count,
        members,
    }
}

/// All networks.
#[utoipa::path(get, path = "/api/v1/networks", responses((status = 200, body = [NetworkJson])))]
async fn list_networks(ctx: Ctx) -> Result<Response, AppError> {
    let list: Vec<NetworkJson> = directory::networks::list(&ctx.state.db)
        .await?
        .into_iter()
        .map(|n| network_json(n, None))
        .collect();
    Ok(Json(list).into_response())
}

/// One network with the slugs of its member organisations.
#[utoipa::path(get, path = "/api/v1/networks/{slug}", params(("slug" = String, Path)),
    responses((status = 200, body = NetworkJson), (status = 400, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn get_network(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (n, members) = directory::networks::with_member_slugs(&ctx.state.db, &slug).await?;
    Ok(Json(network_json(n, Some(members))).into_response())
}

fn terms(ctx: &Ctx, v: Vocabulary) -> Vec<TermJson> {
    v.codes
        .iter()
        .map(|c| TermJson {
            code: c.to_string(),
            label: ctx.t(&v.label_key(c)),
        })
        .collect()
}

/// The controlled vocabularies with labels in the reader's locale.
#[utoipa::path(get, path = "/api/v1/vocabularies", responses((status = 200, body = VocabularyJson)))]
async fn vocabularies(ctx: Ctx) -> Response {
    Json(VocabularyJson {
        themes: terms(&ctx, THEMES),
        knowhow: terms(&ctx, KNOWHOW),
        languages: terms(&ctx, LANGUAGES),
        countries: terms(&ctx, COUNTRIES),
    })
    .into_response()
}
