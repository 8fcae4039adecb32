//! The HSDS 3.0 JSON endpoints.

use spona_app::services::catalogue::Catalogue;

use super::*;

#[utoipa::path(get, path = "/api/hsds/", tag = "hsds", responses((status = 200, description = "HSDS version and profile", body = serde_json::Value)))]
pub(super) async fn root(ctx: Ctx) -> Response {
    let base = &ctx.state.config.public_url;
    Json(json!({
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": format!("{base}/api/v1/openapi.json"),
    }))
    .into_response()
}

#[utoipa::path(get, path = "/api/hsds/services", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
pub(super) async fn services_list(
    ctx: Ctx,
    Query(q): Query<HsdsQuery>,
) -> Result<Response, AppError> {
    catalogue_page(&ctx, &q, |catalogue, f, langs| {
        let found = catalogue.search(f);
        let contents = found
            .items
            .iter()
            .map(|s| {
                let mut m = service_flat(s, langs);
                m.insert(
                    "organization".into(),
                    org_brief(s, catalogue.org(s.org_id.as_str())),
                );
                Value::Object(m)
            })
            .collect();
        (found.total, contents)
    })
    .await
}

/// A page of the published catalogue (services, or services at locations): the parameters
/// checked (400 when one is out of range), an empty page when they can match nothing, else
/// `page` over the catalogue in memory (see `spona_app::services::catalogue`), which gives
/// the total and the page's HSDS objects in the reader's languages `langs`.
async fn catalogue_page(
    ctx: &Ctx,
    q: &HsdsQuery,
    page: impl FnOnce(&Catalogue, &ServiceFilter, &[&'static str]) -> (i64, Vec<Value>),
) -> Result<Response, AppError> {
    let c = match check(q) {
        Ok(c) => c,
        Err(key) => return Ok(error(ctx, StatusCode::BAD_REQUEST, key)),
    };
    let f = &c.filter;
    if c.nothing {
        return Ok(Json(page_json(0, f.page, f.per_page, Vec::new())).into_response());
    }
    let catalogue = ctx.state.services_catalogue.snapshot(&ctx.state.db).await?;
    let (total, contents) = page(&catalogue, f, &langs(ctx));
    Ok(Json(page_json(total, f.page, f.per_page, contents)).into_response())
}

pub(super) async fn published(db: &Db, id: &str) -> Result<Option<Service>, AppError> {
    Ok(store::get(db, id).await?.filter(Service::is_published))
}

#[utoipa::path(get, path = "/api/hsds/services/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
pub(super) async fn service_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let Some(s) = published(db, &id).await? else {
        return Ok(not_found(&ctx));
    };
    let orgs = orgs_by_id(db, std::slice::from_ref(&s)).await?;
    Ok(Json(service_full(&s, orgs.get(s.org_id.as_str()), &langs(&ctx))).into_response())
}

#[utoipa::path(get, path = "/api/hsds/organizations", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
pub(super) async fn organizations_list(
    ctx: Ctx,
    Query(q): Query<HsdsQuery>,
) -> Result<Response, AppError> {
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
pub(super) async fn organization_one(
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
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
pub(super) async fn sal_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
    catalogue_page(&ctx, &q, |catalogue, f, langs| {
        let found = catalogue.locations(f);
        let contents = found
            .items
            .iter()
            .map(|(l, s)| sal_json(s, l, langs, true))
            .collect();
        (found.total, contents)
    })
    .await
}

#[utoipa::path(get, path = "/api/hsds/service_at_locations/{id}", tag = "hsds", params(("id" = String, Path)), responses((status = 200, description = "HSDS 3.0 object", body = serde_json::Value), (status = 404, body = ErrorJson)))]
pub(super) async fn sal_one(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
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
pub(super) async fn taxonomies_list(
    ctx: Ctx,
    Query(q): Query<HsdsQuery>,
) -> Result<Response, AppError> {
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
pub(super) async fn taxonomy_one(ctx: Ctx, Path(id): Path<String>) -> Response {
    if id == TAXONOMY_ID {
        Json(taxonomy_json()).into_response()
    } else {
        not_found(&ctx)
    }
}

#[utoipa::path(get, path = "/api/hsds/taxonomy_terms", tag = "hsds", params(HsdsParams), responses((status = 200, description = "A page (HSDS 3.0 `Page` with `contents`)", body = serde_json::Value), (status = 400, description = "A parameter out of range", body = ErrorJson)))]
pub(super) async fn terms_list(ctx: Ctx, Query(q): Query<HsdsQuery>) -> Result<Response, AppError> {
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
pub(super) async fn term_one(ctx: Ctx, Path(id): Path<String>) -> Response {
    match kind_of_term(&id) {
        Some(k) => Json(term_json(k)).into_response(),
        None => not_found(&ctx),
    }
}
