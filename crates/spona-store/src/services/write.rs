//! Writing services: a new one, new values, its status and its free places; each write
//! refreshes the service's `search_text` in the same transaction.

use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{LocationDraft, ServiceStatus, ServiceText, ServiceValues};

use crate::{Result, StoreError, Tx, new_id, now, on_tx};

async fn write_children(tx: &mut Tx, id: &str, v: &ServiceValues) -> Result<()> {
    for table in [
        "service_texts",
        "service_terms",
        "service_areas",
        "service_locations",
        "service_hours",
    ] {
        let sql = sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE service_id = $1"));
        on_tx!(tx, c => sqlx::query(sql).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for t in &v.texts {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO service_texts (service_id, lang, name, description, eligibility) \
             VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(&t.lang).bind(&t.name).bind(&t.description).bind(&t.eligibility)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    let mut terms: Vec<(&str, &str)> = Vec::new();
    terms.extend(v.genders.iter().map(|c| ("gender", c.as_str())));
    terms.extend(v.age_bands.iter().map(|c| ("ageband", c.as_str())));
    terms.extend(v.statuses.iter().map(|c| ("nstatus", c.as_str())));
    terms.extend(v.languages.iter().map(|c| ("language", c.as_str())));
    terms.extend(v.referral_fields.iter().map(|c| ("field", c.as_str())));
    for (kind, code) in terms {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO service_terms (service_id, kind, code) VALUES ($1, $2, $3)")
            .bind(id).bind(kind).bind(code).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for (pos, a) in v.areas.iter().enumerate() {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO service_areas (id, service_id, position, country, municipality) \
             VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id()).bind(id).bind(pos as i64).bind(&a.country).bind(&a.municipality)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for (pos, l) in v.locations.iter().enumerate() {
        let LocationDraft {
            name,
            address,
            city,
            country,
        } = l;
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO service_locations (id, service_id, position, name, address, city, country) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(new_id()).bind(id).bind(pos as i64).bind(name).bind(address).bind(city)
            .bind(country).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for h in &v.hours {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO service_hours (id, service_id, byday, opens, closes) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id()).bind(id).bind(h.day.as_str()).bind(i64::from(h.opens))
            .bind(i64::from(h.closes)).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    refresh_search_in(tx, id).await
}

/// The `search_text` of a service: every tagged term of its names and descriptions, its
/// organisation's name and its locations' cities, each followed by a space (so that
/// `LIKE '% term %'` finds a whole term), through the hub's analysis
/// ([`spona_search::directory_terms`]); Ukrainian texts also get their Latin keys.
pub fn search_text(org_name: &str, texts: &[ServiceText], cities: &[String]) -> String {
    let mut terms = std::collections::BTreeSet::new();
    spona_search::directory_terms(org_name, false, &mut terms);
    for t in texts {
        let ua = t.lang == "uk";
        spona_search::directory_terms(&t.name, ua, &mut terms);
        spona_search::directory_terms(
            &spona_search::markdown_to_text(&t.description),
            ua,
            &mut terms,
        );
    }
    for c in cities {
        spona_search::directory_terms(c, false, &mut terms);
    }
    let mut out = String::from(" ");
    for t in terms {
        out.push_str(&t);
        out.push(' ');
    }
    out
}

pub(crate) async fn refresh_search_in(tx: &mut Tx, id: &str) -> Result<()> {
    let org_name: String = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT o.name FROM services s JOIN organisations o ON o.id = s.org_id WHERE s.id = $1")
        .bind(id).fetch_one(&mut *c).await)?;
    let texts: Vec<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT lang, name, description FROM service_texts WHERE service_id = $1")
        .bind(id).fetch_all(&mut *c).await)?;
    let cities: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT city FROM service_locations WHERE service_id = $1 \
         UNION SELECT municipality FROM service_areas WHERE service_id = $1 AND municipality IS NOT NULL")
        .bind(id).fetch_all(&mut *c).await)?;
    let texts: Vec<ServiceText> = texts
        .into_iter()
        .map(|(lang, name, description)| ServiceText {
            lang,
            name,
            description,
            eligibility: String::new(),
        })
        .collect();
    let text = search_text(&org_name, &texts, &cities);
    on_tx!(tx, c => sqlx::query("UPDATE services SET search_text = $2 WHERE id = $1")
        .bind(id).bind(text).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Saves a new service of `org_id` in `status`, claiming the create form's one-time key in
/// the same transaction. Its free places start unknown.
pub async fn create_in(
    tx: &mut Tx,
    id: &ServiceId,
    org_id: &OrgId,
    created_by: Option<&str>,
    status: ServiceStatus,
    v: &ServiceValues,
    once: Option<&crate::idempotency::Once>,
) -> Result<()> {
    let at = now();
    if let Some(once) = once {
        on_tx!(tx, c => {
            crate::claim_once!(&mut *c, once, id.as_str());
            Ok::<_, StoreError>(())
        })?;
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO services (id, org_id, kind, status, access, email, phone, url, free, cost, \
         capacity_total, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)")
        .bind(id.as_str()).bind(org_id.as_str()).bind(&v.kind).bind(status.as_str())
        .bind(v.access().as_str()).bind(&v.email).bind(&v.phone).bind(&v.url).bind(v.free)
        .bind(&v.cost).bind(v.capacity_total).bind(created_by).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    write_children(tx, id, v).await
}

/// Replaces a service's values (not its organisation, status or free places; free places
/// above a new, lower total are brought down to it).
pub async fn update_in(tx: &mut Tx, id: &ServiceId, v: &ServiceValues) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE services SET kind = $2, access = $3, email = $4, phone = $5, url = $6, free = $7, \
         cost = $8, capacity_total = $9, \
         capacity_free = CASE WHEN $9 IS NOT NULL AND capacity_free > $9 THEN $9 ELSE capacity_free END, \
         updated_at = $10 WHERE id = $1")
        .bind(id.as_str()).bind(&v.kind).bind(v.access().as_str()).bind(&v.email).bind(&v.phone)
        .bind(&v.url).bind(v.free).bind(&v.cost).bind(v.capacity_total).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    write_children(tx, id, v).await
}

/// Publishes, closes or returns a service to draft.
pub async fn set_status_in(tx: &mut Tx, id: &ServiceId, status: ServiceStatus) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE services SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id.as_str()).bind(status.as_str()).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The provider gives its free places now (validated against the total by the caller;
/// the database refuses more than the total too).
pub async fn set_free_places_in(tx: &mut Tx, id: &ServiceId, free: i64) -> Result<()> {
    let at = now();
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE services SET capacity_free = $2, capacity_at = $3, updated_at = $3 WHERE id = $1")
        .bind(id.as_str()).bind(free).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
