//! Services an organisation offers (issue 19): one row per service (`services`), its texts
//! per content language (`service_texts`), its eligibility, languages and the referral
//! fields it asks as codes (`service_terms`), its area served (`service_areas`), its
//! locations (`service_locations`) and its weekly hours (`service_hours`, HSDS's schedule
//! shape).
//!
//! A list loads its services, then each child table once, for the same `WHERE` on
//! `services s` (see [`Scope`]): six queries whatever the number of services.

use std::collections::HashMap;

use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{
    Access, AgeBand, Capacity, LocationDraft, Opening, ReferralField, ServiceStatus, ServiceText,
    ServiceValues, Weekday,
};

use crate::{Db, Result, StoreError, Tx, new_id, now, on_tx};

/// A part of the area served, with its id (HSDS's `service_area.id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceArea {
    pub id: String,
    pub country: String,
    pub municipality: Option<String>,
}

/// A place the service is given at, with its id (HSDS's `location.id` and
/// `service_at_location.id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLocation {
    pub id: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub country: String,
}

/// One regular weekly opening, with its id (HSDS's `schedule.id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceHours {
    pub id: String,
    pub opening: Opening,
}

/// A service with everything its page, the HSDS API and a referral need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: ServiceId,
    pub org_id: OrgId,
    pub org_slug: String,
    pub org_name: String,
    /// The organisation's country (a `COUNTRIES` code).
    pub org_country: String,
    /// A `SERVICE_KINDS` code.
    pub kind: String,
    pub status: ServiceStatus,
    pub access: Access,
    /// At least one, sorted by language code.
    pub texts: Vec<ServiceText>,
    pub genders: Vec<String>,
    pub age_bands: Vec<AgeBand>,
    pub statuses: Vec<String>,
    pub languages: Vec<String>,
    /// The fields a referral to this service carries, and no others.
    pub referral_fields: Vec<ReferralField>,
    pub areas: Vec<ServiceArea>,
    pub locations: Vec<ServiceLocation>,
    pub hours: Vec<ServiceHours>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub free: bool,
    pub cost: Option<String>,
    pub capacity: Capacity,
    pub created_by: Option<String>,
    pub created_at: i64,
    /// Raised by every change (texts, status, free places): HSDS's `last_modified`.
    pub updated_at: i64,
}

impl Service {
    pub fn is_published(&self) -> bool {
        self.status == ServiceStatus::Published
    }

    /// Counts places and none is free.
    pub fn is_full(&self) -> bool {
        self.capacity.is_full()
    }

    /// Published and not full: a referral to it may be made.
    pub fn takes_referrals(&self) -> bool {
        self.is_published() && !self.is_full()
    }

    /// Whether a referral to it must carry `field`.
    pub fn asks(&self, field: ReferralField) -> bool {
        self.referral_fields.contains(&field)
    }

    /// The text in the first of `langs` it is written in, else its first text.
    pub fn text(&self, langs: &[&str]) -> &ServiceText {
        langs
            .iter()
            .find_map(|l| self.texts.iter().find(|t| t.lang == *l))
            .or_else(|| self.texts.first())
            .expect("a service has at least one text")
    }

    /// Its name in the first of `langs` it is written in.
    pub fn name(&self, langs: &[&str]) -> &str {
        &self.text(langs).name
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    org_id: String,
    org_slug: String,
    org_name: String,
    org_country: String,
    kind: String,
    #[sqlx(try_from = "String")]
    status: ServiceStatus,
    #[sqlx(try_from = "String")]
    access: Access,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    free: bool,
    cost: Option<String>,
    capacity_total: Option<i64>,
    capacity_free: Option<i64>,
    capacity_at: Option<i64>,
    created_by: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl Row {
    fn into_service(self) -> Service {
        Service {
            id: ServiceId::from(self.id),
            org_id: OrgId::from(self.org_id),
            org_slug: self.org_slug,
            org_name: self.org_name,
            org_country: self.org_country,
            kind: self.kind,
            status: self.status,
            access: self.access,
            texts: Vec::new(),
            genders: Vec::new(),
            age_bands: Vec::new(),
            statuses: Vec::new(),
            languages: Vec::new(),
            referral_fields: Vec::new(),
            areas: Vec::new(),
            locations: Vec::new(),
            hours: Vec::new(),
            email: self.email,
            phone: self.phone,
            url: self.url,
            free: self.free,
            cost: self.cost,
            capacity: Capacity {
                total: self.capacity_total,
                free: self.capacity_free,
                updated_at: self.capacity_at,
            },
            created_by: self.created_by,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const SELECT: &str = "SELECT s.id, s.org_id, o.slug AS org_slug, o.name AS org_name, \
     o.country AS org_country, s.kind, s.status, s.access, s.email, s.phone, s.url, s.free, \
     s.cost, s.capacity_total, s.capacity_free, s.capacity_at, s.created_by, s.created_at, \
     s.updated_at FROM services s JOIN organisations o ON o.id = s.org_id";

/// Which services a load reads: a condition on `services s` with its bound texts.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One service, whatever its status.
    One(&'a str),
    /// Every service of an organisation, whatever its status.
    Org(&'a str),
    /// Every published service.
    Published,
    /// These services (a page of a search), whatever their status.
    Ids(&'a [String]),
    /// Every service (platform statistics, exports of one's own).
    All,
}

impl<'a> Scope<'a> {
    fn sql(&self) -> String {
        match self {
            Scope::One(_) => "s.id = $1".into(),
            Scope::Org(_) => "s.org_id = $1".into(),
            Scope::Published => "s.status = 'published'".into(),
            Scope::Ids([]) => "1 = 0".into(),
            Scope::Ids(ids) => format!(
                "s.id IN ({})",
                (1..=ids.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Scope::All => "1 = 1".into(),
        }
    }

    fn binds(&self) -> Vec<&'a str> {
        match *self {
            Scope::One(v) | Scope::Org(v) => vec![v],
            Scope::Ids(ids) => ids.iter().map(String::as_str).collect(),
            Scope::Published | Scope::All => Vec::new(),
        }
    }
}

macro_rules! fetch_all {
    ($tx:expr, $ty:ty, $sql:expr, $binds:expr) => {{
        let sql = sqlx::AssertSqlSafe($sql);
        let binds: &[&str] = $binds;
        on_tx!($tx, c => {
            let mut q = sqlx::query_as::<_, $ty>(sql);
            for b in binds {
                q = q.bind(b.to_string());
            }
            q.fetch_all(&mut *c).await
        })?
    }};
}

/// Loads the services of `scope` with all they hold, by creation (oldest first), inside a
/// transaction.
pub async fn load_in(tx: &mut Tx, scope: Scope<'_>) -> Result<Vec<Service>> {
    let cond = scope.sql();
    let binds = scope.binds();
    let bind = &binds[..];
    let rows: Vec<Row> = fetch_all!(
        tx,
        Row,
        format!("{SELECT} WHERE {cond} ORDER BY s.created_at, s.id"),
        bind
    );
    let mut services: Vec<Service> = rows.into_iter().map(Row::into_service).collect();
    if services.is_empty() {
        return Ok(services);
    }
    let index: HashMap<String, usize> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str().to_owned(), i))
        .collect();
    let texts: Vec<(String, String, String, String)> = fetch_all!(
        tx,
        (String, String, String, String),
        format!(
            "SELECT x.service_id, x.lang, x.name, x.description FROM service_texts x \
             JOIN services s ON s.id = x.service_id WHERE {cond} ORDER BY x.service_id, x.lang"
        ),
        bind
    );
    for (sid, lang, name, description) in texts {
        if let Some(&i) = index.get(&sid) {
            services[i].texts.push(ServiceText {
                lang,
                name,
                description,
            });
        }
    }
    let terms: Vec<(String, String, String)> = fetch_all!(
        tx,
        (String, String, String),
        format!(
            "SELECT x.service_id, x.kind, x.code FROM service_terms x \
             JOIN services s ON s.id = x.service_id WHERE {cond} \
             ORDER BY x.service_id, x.kind, x.code"
        ),
        bind
    );
    for (sid, kind, code) in terms {
        let Some(&i) = index.get(&sid) else { continue };
        let s = &mut services[i];
        match kind.as_str() {
            "gender" => s.genders.push(code),
            "nstatus" => s.statuses.push(code),
            "language" => s.languages.push(code),
            "ageband" => s.age_bands.extend(AgeBand::parse(&code)),
            _ => s.referral_fields.extend(ReferralField::parse(&code)),
        }
    }
    let areas: Vec<(String, String, String, Option<String>)> = fetch_all!(
        tx,
        (String, String, String, Option<String>),
        format!(
            "SELECT x.service_id, x.id, x.country, x.municipality FROM service_areas x \
             JOIN services s ON s.id = x.service_id WHERE {cond} \
             ORDER BY x.service_id, x.position"
        ),
        bind
    );
    for (sid, id, country, municipality) in areas {
        if let Some(&i) = index.get(&sid) {
            services[i].areas.push(ServiceArea {
                id,
                country,
                municipality,
            });
        }
    }
    let locations: Vec<(String, String, String, String, String, String)> = fetch_all!(
        tx,
        (String, String, String, String, String, String),
        format!(
            "SELECT x.service_id, x.id, x.name, x.address, x.city, x.country \
             FROM service_locations x JOIN services s ON s.id = x.service_id WHERE {cond} \
             ORDER BY x.service_id, x.position"
        ),
        bind
    );
    for (sid, id, name, address, city, country) in locations {
        if let Some(&i) = index.get(&sid) {
            services[i].locations.push(ServiceLocation {
                id,
                name,
                address,
                city,
                country,
            });
        }
    }
    let hours: Vec<(String, String, String, i64, i64)> = fetch_all!(
        tx,
        (String, String, String, i64, i64),
        format!(
            "SELECT x.service_id, x.id, x.byday, x.opens, x.closes FROM service_hours x \
             JOIN services s ON s.id = x.service_id WHERE {cond} ORDER BY x.service_id"
        ),
        bind
    );
    for (sid, id, byday, opens, closes) in hours {
        let (Some(&i), Some(day)) = (index.get(&sid), Weekday::parse(&byday)) else {
            continue;
        };
        services[i].hours.push(ServiceHours {
            id,
            opening: Opening {
                day,
                opens: opens as u16,
                closes: closes as u16,
            },
        });
    }
    for s in &mut services {
        s.hours.sort_by_key(|h| h.opening);
        s.age_bands.sort();
        s.referral_fields.sort();
    }
    Ok(services)
}

/// [`load_in`] in a transaction of its own.
pub async fn load(db: &Db, scope: Scope<'_>) -> Result<Vec<Service>> {
    let mut tx = db.begin().await?;
    let out = load_in(&mut tx, scope).await?;
    tx.commit().await?;
    Ok(out)
}

/// One service with all it holds, whatever its status, inside a transaction (a referral
/// checks the service it goes to in the transaction that saves it).
pub async fn get_in(tx: &mut Tx, id: &str) -> Result<Option<Service>> {
    Ok(load_in(tx, Scope::One(id)).await?.into_iter().next())
}

/// One service with all it holds, whatever its status.
pub async fn get(db: &Db, id: &str) -> Result<Option<Service>> {
    Ok(load(db, Scope::One(id)).await?.into_iter().next())
}

/// Every service of an organisation, whatever its status, oldest first.
pub async fn list_for_org(db: &Db, org_id: &str) -> Result<Vec<Service>> {
    load(db, Scope::Org(org_id)).await
}

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
            "INSERT INTO service_texts (service_id, lang, name, description) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(&t.lang).bind(&t.name).bind(&t.description).execute(&mut *c).await.map(|r| r.rows_affected()))?;
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

async fn refresh_search_in(tx: &mut Tx, id: &str) -> Result<()> {
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
        })
        .collect();
    let text = search_text(&org_name, &texts, &cities);
    on_tx!(tx, c => sqlx::query("UPDATE services SET search_text = $2 WHERE id = $1")
        .bind(id).bind(text).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// What a catalogue search or an HSDS list asks for. Every list is of published services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    /// Free text, matched word by word through the hub's analysis.
    pub text: Option<String>,
    /// Any of these kinds (empty: any kind).
    pub kinds: Vec<String>,
    pub org_id: Option<String>,
    /// Served in this country (an area), given there (a location), or by an organisation
    /// of it when it names neither.
    pub country: Option<String>,
    /// A language the service is given in.
    pub language: Option<String>,
    /// Only services not full.
    pub available: bool,
    /// Changed at or after this instant (Unix seconds).
    pub modified_after: Option<i64>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// A page of a search: the services' ids in order, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub ids: Vec<String>,
    pub total: i64,
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `WHERE` clause on `services s` for `f`, its text binds, then its number binds.
fn filter_sql(f: &ServiceFilter) -> (String, Vec<String>, Vec<i64>) {
    let mut sql = String::from(" WHERE s.status = 'published'");
    let mut binds: Vec<String> = Vec::new();
    let next = |binds: &mut Vec<String>, v: &str| {
        binds.push(v.to_owned());
        format!("${}", binds.len())
    };
    if !f.kinds.is_empty() {
        let phs: Vec<String> = f.kinds.iter().map(|k| next(&mut binds, k)).collect();
        sql.push_str(&format!(" AND s.kind IN ({})", phs.join(", ")));
    }
    if let Some(o) = &f.org_id {
        let ph = next(&mut binds, o);
        sql.push_str(&format!(" AND s.org_id = {ph}"));
    }
    if let Some(c) = &f.country {
        let ph = next(&mut binds, c);
        sql.push_str(&format!(
            " AND (EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = s.id AND a.country = {ph}) \
             OR EXISTS (SELECT 1 FROM service_locations l WHERE l.service_id = s.id AND l.country = {ph}) \
             OR (NOT EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = s.id) \
                 AND NOT EXISTS (SELECT 1 FROM service_locations l WHERE l.service_id = s.id) \
                 AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = s.org_id AND o.country = {ph})))"
        ));
    }
    if let Some(l) = &f.language {
        let ph = next(&mut binds, l);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM service_terms t WHERE t.service_id = s.id \
             AND t.kind = 'language' AND t.code = {ph})"
        ));
    }
    if f.available {
        sql.push_str(" AND (s.capacity_free IS NULL OR s.capacity_free > 0)");
    }
    let mut int_binds: Vec<i64> = Vec::new();
    if let Some(t) = f.modified_after {
        int_binds.push(t);
    }
    if let Some(text) = &f.text {
        let query = spona_search::directory_query(text);
        if query.is_empty() {
            sql.push_str(" AND 1 = 0");
        }
        for alternatives in query {
            let any: Vec<String> = alternatives
                .iter()
                .map(|term| {
                    let ph = next(&mut binds, &format!("% {} %", like_escape(term)));
                    format!("s.search_text LIKE {ph} ESCAPE '\\'")
                })
                .collect();
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
    }
    if f.modified_after.is_some() {
        sql.push_str(&format!(" AND s.updated_at >= ${}", binds.len() + 1));
    }
    (sql, binds, int_binds)
}

/// The published services matching `f`, oldest first (HSDS pages are stable), one page of
/// ids and the total. Load them with [`load`] and [`Scope::Ids`].
pub async fn search(db: &Db, f: &ServiceFilter) -> Result<SearchPage> {
    let (sql, binds, int_binds) = filter_sql(f);
    let per_page = f.per_page.max(1);
    let offset = i64::from(f.page.max(1) - 1) * i64::from(per_page);
    let count_sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM services s{sql}"));
    let list_sql = sqlx::AssertSqlSafe(format!(
        "SELECT s.id FROM services s{sql} ORDER BY s.id LIMIT {per_page} OFFSET {offset}"
    ));
    let total: i64 = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(count_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_one(p).await
    })?;
    let ids: Vec<String> = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, String>(list_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_all(p).await
    })?;
    Ok(SearchPage { ids, total })
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

/// A page of the locations of the published services matching `f` (HSDS's
/// `service_at_locations`): `(location id, service id)` by location id, and the total.
pub async fn location_page(db: &Db, f: &ServiceFilter) -> Result<(Vec<(String, String)>, i64)> {
    let (sql, binds, int_binds) = filter_sql(f);
    let per_page = f.per_page.max(1);
    let offset = i64::from(f.page.max(1) - 1) * i64::from(per_page);
    let from = "FROM service_locations l JOIN services s ON s.id = l.service_id";
    let count_sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {from}{sql}"));
    let list_sql = sqlx::AssertSqlSafe(format!(
        "SELECT l.id, l.service_id {from}{sql} ORDER BY l.id LIMIT {per_page} OFFSET {offset}"
    ));
    let total: i64 = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(count_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_one(p).await
    })?;
    let rows: Vec<(String, String)> = crate::on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String)>(list_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_all(p).await
    })?;
    Ok((rows, total))
}

/// The published service a location belongs to, if any.
pub async fn service_of_location(db: &Db, location_id: &str) -> Result<Option<String>> {
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT s.id FROM service_locations l JOIN services s ON s.id = l.service_id \
         WHERE l.id = $1 AND s.status = 'published'")
        .bind(location_id).fetch_optional(p).await)?)
}

/// Up to `limit` ids of published services after `after` (keyset order by id): the
/// exports page through the catalogue with it, holding one batch at a time.
pub async fn published_ids_after(db: &Db, after: &str, limit: u32) -> Result<Vec<String>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT id FROM services WHERE status = 'published' AND id > $1 ORDER BY id LIMIT {limit}"
    ));
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(sql).bind(after).fetch_all(p).await)?)
}

/// The ids of the organisations with at least one published service, by id.
pub async fn publishing_orgs(db: &Db) -> Result<Vec<String>> {
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT DISTINCT org_id FROM services WHERE status = 'published' ORDER BY org_id")
        .fetch_all(p).await)?)
}
