//! The HSDS 3.0 shapes of Spona's rows: organisations, services, locations, schedules,
//! attributes and the service-kind taxonomy.

use super::*;

pub(super) fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), v.into());
    }
}

pub(super) fn nonempty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

/// The organisation in HSDS's shape (one-to-one fields).
pub(super) fn org_json(o: &Org) -> Value {
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

pub(super) fn org_brief(s: &Service, o: Option<&Org>) -> Value {
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

// A service's one-to-one fields (the `service_list` shape) are written in `spona-app`, where
// the open-data exports write the same `service` table as XLSX and ODS too.
pub(super) use spona_app::services::hsds_flat::service_flat;

pub(super) fn schedule_json(s: &Service, h: &store::ServiceHours) -> Value {
    json!({
        "id": h.id, "service_id": s.id.as_str(), "freq": "WEEKLY", "wkst": "MO",
        "byday": h.opening.day.as_str(), "opens_at": format!("{}:00", h.opening.opens_at()),
        "closes_at": format!("{}:00", h.opening.closes_at()), "attributes": [], "metadata": [],
    })
}

pub(super) fn location_json(s: &Service, l: &store::ServiceLocation) -> Value {
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

pub(super) fn address_json(l: &store::ServiceLocation) -> Value {
    json!({
        "id": derived(TAG_ADDRESS, &l.id), "location_id": l.id, "address_1": l.address,
        "city": l.city, "state_province": "", "postal_code": "", "country": l.country,
        "address_type": "physical", "attributes": [], "metadata": [],
    })
}

pub(super) fn attribute_json(s: &Service) -> Option<Value> {
    let term = term_id(&s.kind)?;
    Some(json!({
        "id": derived(TAG_ATTRIBUTE, s.id.as_str()), "link_id": s.id.as_str(),
        "taxonomy_term_id": term, "link_type": "service_type", "link_entity": "service",
        "taxonomy_term": term_json(&s.kind), "metadata": [],
    }))
}

pub(super) fn sal_json(
    s: &Service,
    l: &store::ServiceLocation,
    langs: &[&str],
    with_service: bool,
) -> Value {
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
pub(super) fn service_full(s: &Service, org: Option<&Org>, langs: &[&str]) -> Value {
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

pub(super) fn term_json(kind: &str) -> Value {
    json!({
        "id": term_id(kind).unwrap_or_default(), "code": kind, "name": kind,
        "description": format!("Spona service kind '{kind}'"), "taxonomy": "spona-service-kinds",
        "taxonomy_id": TAXONOMY_ID, "language": "en", "metadata": [],
    })
}

pub(super) fn taxonomy_json() -> Value {
    json!({
        "id": TAXONOMY_ID, "name": "spona-service-kinds",
        "description": "The kinds of service in Spona's catalogue (victim support across the Kosovo–Serbia line and beyond).",
        "version": "1", "metadata": [],
    })
}

pub(super) async fn orgs_by_id(
    db: &Db,
    services: &[Service],
) -> Result<HashMap<String, Org>, AppError> {
    let mut ids: Vec<&str> = services.iter().map(|s| s.org_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(spona_store::orgs::get_many(db, &ids)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o))
        .collect())
}
