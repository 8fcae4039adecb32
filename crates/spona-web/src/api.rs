//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`.
//! It serves the same data as the pages, under the same access rules.

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spona_domain::org::DirectoryFilter;
use spona_domain::role::ContactVisibility;
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, THEMES, Vocabulary};
use spona_store::networks::Network;
use spona_store::orgs::Org;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::pages::directory::DirectoryQuery;
use crate::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/openapi.json", openapi)
        .get("/api/v1/orgs", list_orgs)
        .get("/api/v1/orgs/{slug}", get_org)
        .get("/api/v1/networks", list_networks)
        .get("/api/v1/networks/{slug}", get_network)
        .get("/api/v1/vocabularies", vocabularies)
        .get("/api/v1/matching/rounds", list_rounds)
        .get("/api/v1/matching/rounds/{id}", get_round)
}

/// The session cookie, for operations that need a signed-in member.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("spona_session"))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Spona API",
        version = "1",
        description = "Directory of civil-society organisations and networks, matching rounds, and the trilingual resource hub."
    ),
    paths(list_orgs, get_org, list_networks, get_network, vocabularies, list_rounds, get_round),
    components(schemas(
        OrgJson,
        TextJson,
        ContactsJson,
        OrgPageJson,
        NetworkJson,
        VocabularyJson,
        TermJson,
        ErrorJson,
        RoundJson,
        ProposalJson,
        PersonJson
    )),
    modifiers(&SessionCookie)
)]
pub struct ApiDoc;

async fn openapi() -> Response {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::api_resources::ResourcesDoc::openapi());
    doc.merge(crate::api_vault::VaultDoc::openapi());
    let mut doc = with_vocabularies(doc);
    crate::api_resources::with_vocabularies(&mut doc);
    Json(doc).into_response()
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

/// Every error: a stable code and a message in the reader's locale.
#[derive(Serialize, ToSchema)]
pub struct ErrorJson {
    error: String,
    message: String,
    /// With a 507 for a storage quota (`quota_case`, `quota_vault_org`, `quota_hub_org`):
    /// the bytes stored already in that scope.
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    used_bytes: Option<u64>,
    /// With a 507 for a storage quota: the bytes that scope may hold.
    #[schema(nullable = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_bytes: Option<u64>,
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

fn org_json(ctx: &Ctx, o: Org, networks: Option<Vec<String>>) -> OrgJson {
    let visible = o.contact_visibility == ContactVisibility::Public || ctx.signed_in();
    OrgJson {
        contacts: visible.then(|| ContactsJson {
            website: o.website.clone(),
            email: o.email.clone(),
            phone: o.phone.clone(),
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
    client: crate::pages::ClientIp,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = q.filter_for(&ctx, client)?;
    let page = ctx.state.directory.list(&ctx.state.db, &filter).await?;
    let items = page
        .orgs
        .into_iter()
        .map(|o| org_json(&ctx, o, None))
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
    let org = spona_store::orgs::get_by_slug(&ctx.state.db, &slug).await?;
    let networks = spona_store::networks::of_org(&ctx.state.db, &org.id)
        .await?
        .into_iter()
        .map(|n| n.slug)
        .collect();
    Ok(Json(org_json(&ctx, org, Some(networks))).into_response())
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
    let list: Vec<NetworkJson> = spona_store::networks::list(&ctx.state.db)
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
    let n = spona_store::networks::get_by_slug(&ctx.state.db, &slug).await?;
    let members = spona_store::networks::members(&ctx.state.db, &n.id)
        .await?
        .into_iter()
        .map(|o| o.slug)
        .collect();
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

/// A matching round.
#[derive(Serialize, ToSchema)]
pub struct RoundJson {
    id: String,
    /// `peer_exchange`, `buddy` (organisations take part) or `mentorship` (people do).
    programme: String,
    /// The title in the language of the address (`/uk/api/…`), else English, else as the
    /// coordinator wrote it first.
    title: String,
    /// Every title the coordinator gave in another language, by language tag.
    titles: std::collections::BTreeMap<String, String>,
    /// Country codes of each side.
    side_a: Vec<String>,
    side_b: Vec<String>,
    /// Unix seconds: opting in closes then.
    deadline: i64,
    /// `open`, `proposed`, `published` or `closed`.
    status: String,
    participants: i64,
    /// Proposals the reader may see: all for a coordinator, their own once published for an
    /// organisation; absent in lists.
    proposals: Option<Vec<ProposalJson>>,
}

/// A person in a mentorship proposal.
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    /// `mentor` (side A) or `mentee` (side B).
    role: String,
    /// The country they work from.
    country: String,
    /// Their experience (mentor) or goals (mentee), in their own words.
    statement: String,
    /// Their name: for coordinators, for the person themself, and for the other side once
    /// both accepted.
    name: Option<String>,
    /// Their e-mail address: for the two sides once both accepted.
    email: Option<String>,
}

/// A proposed pair and why.
#[derive(Serialize, ToSchema)]
pub struct ProposalJson {
    id: String,
    /// The organisations' slugs (peer exchange, buddy pairs); null in mentorship rounds.
    org_a: Option<String>,
    org_b: Option<String>,
    /// The people (mentorship rounds); null otherwise.
    person_a: Option<PersonJson>,
    person_b: Option<PersonJson>,
    score: i64,
    /// What each side gives, shared themes and languages (the stored explanation).
    explanation: serde_json::Value,
    /// `pending`, `accepted` or `declined`.
    answer_a: String,
    answer_b: String,
}

fn round_json(r: spona_store::matching::Round, proposals: Option<Vec<ProposalJson>>) -> RoundJson {
    RoundJson {
        side_a: r.countries_a().into_iter().map(str::to_owned).collect(),
        side_b: r.countries_b().into_iter().map(str::to_owned).collect(),
        id: r.id,
        programme: r.programme,
        title: r.title,
        titles: r.titles.into_iter().collect(),
        deadline: r.deadline,
        status: r.status,
        participants: r.participants,
        proposals,
    }
}

/// Matching rounds, newest first. For signed-in members.
#[utoipa::path(get, path = "/api/v1/matching/rounds", security(("session" = [])),
    responses((status = 200, body = [RoundJson]), (status = 401, body = ErrorJson)))]
async fn list_rounds(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let rounds: Vec<RoundJson> = crate::names::rounds(&ctx)
        .await?
        .into_iter()
        .map(|r| round_json(r, None))
        .collect();
    Ok(Json(rounds).into_response())
}

/// One round with the proposals the reader may see. For signed-in members.
#[utoipa::path(get, path = "/api/v1/matching/rounds/{id}", security(("session" = [])), params(("id" = String, Path)),
    responses((status = 200, body = RoundJson), (status = 400, body = ErrorJson), (status = 401, body = ErrorJson), (status = 404, body = ErrorJson)))]
async fn get_round(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let round = crate::names::round(&ctx, &id).await?;
    let people = crate::names::participants(&ctx, &round.id).await?;
    let coordinator = crate::pages::matching::coordinates(&ctx, &round).await?;
    let mut proposals = Vec::new();
    for p in spona_store::matching::proposals(&ctx.state.db, &round.id).await? {
        let my_side = crate::pages::proposals::my_side(&ctx, &p, &people);
        if !(coordinator || round.status == "published" && my_side.is_some()) {
            continue;
        }
        let agreed = p.agreed();
        let find = |pid: &str| people.iter().find(|x| x.id == pid);
        let (mut person_a, mut person_b) = (None, None);
        for (slot, pid) in [(&mut person_a, &p.a_id), (&mut person_b, &p.b_id)] {
            let Some(x) = find(pid).filter(|x| x.user_id.is_some()) else {
                continue;
            };
            let own = crate::pages::proposals::member_side(&ctx, x);
            let email = if agreed && my_side.is_some() {
                let id = x.user_id.as_deref().unwrap_or_default();
                Some(spona_store::users::get(&ctx.state.db, id).await?.email)
            } else {
                None
            };
            *slot = Some(PersonJson {
                role: if x.side == "a" { "mentor" } else { "mentee" }.to_owned(),
                country: x.country.clone(),
                statement: x.statement.clone(),
                name: (coordinator || own || agreed && my_side.is_some()).then(|| x.name.clone()),
                email,
            });
        }
        proposals.push(ProposalJson {
            org_a: find(&p.a_id).and_then(|x| x.org_slug.clone()),
            org_b: find(&p.b_id).and_then(|x| x.org_slug.clone()),
            person_a,
            person_b,
            explanation: serde_json::from_str(&p.explanation).unwrap_or_default(),
            id: p.id,
            score: p.score,
            answer_a: p.a_answer,
            answer_b: p.b_answer,
        });
    }
    Ok(Json(round_json(round, Some(proposals))).into_response())
}
