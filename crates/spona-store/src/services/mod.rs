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
    Access, AgeBand, Capacity, Opening, ReferralField, ServiceStatus, ServiceText, Weekday,
};

use crate::{Db, Result, Tx, on_tx};

mod search;
mod version;
mod write;

pub use search::*;
pub use version::*;
pub use write::*;

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
    let texts: Vec<(String, String, String, String, String)> = fetch_all!(
        tx,
        (String, String, String, String, String),
        format!(
            "SELECT x.service_id, x.lang, x.name, x.description, x.eligibility \
             FROM service_texts x JOIN services s ON s.id = x.service_id WHERE {cond} \
             ORDER BY x.service_id, x.lang"
        ),
        bind
    );
    for (sid, lang, name, description, eligibility) in texts {
        if let Some(&i) = index.get(&sid) {
            services[i].texts.push(ServiceText {
                lang,
                name,
                description,
                eligibility,
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
