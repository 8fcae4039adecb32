//! Reads for the open-data exports: whole data sets in key order, one page at a time.
//!
//! Each function takes the last key of the page before (`after`, empty for the first) and
//! answers at most `limit` rows whose key follows it (keyset paging). A streamed export of
//! any size so holds one page in memory, takes a pooled connection only while a page is
//! read, and picks up where it stopped whatever is written meanwhile. Row counts for the
//! export page's progress note come from [`count`].

use spona_domain::org::DirectoryFilter;

use crate::orgs::{ORG_COLUMNS, Org, OrgRow, assemble};
use crate::{Db, Result, on_db, placeholders};

/// One organisation of the directory export with the slugs of its networks.
#[derive(Debug, Clone)]
pub struct OrgRecord {
    pub org: Org,
    pub networks: Vec<String>,
}

/// The directory's organisations matching `filter` (its page is ignored) whose id follows
/// `after`, in id order (ids are UUIDv7: creation order).
pub async fn orgs(
    db: &Db,
    filter: &DirectoryFilter,
    after: &str,
    limit: i64,
) -> Result<Vec<OrgRecord>> {
    let (clause, binds) = crate::directory::where_clause(filter);
    let n = binds.len();
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o{clause} AND o.id > ${} ORDER BY o.id LIMIT ${}",
        n + 1,
        n + 2
    ));
    let rows: Vec<OrgRow> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, OrgRow>(sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        q.bind(after).bind(limit).fetch_all(p).await?
    });
    let orgs = assemble(db, rows).await?;
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = orgs.iter().map(|o| o.id.as_str()).collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT m.org_id, n.slug FROM network_members m JOIN networks n ON n.id = m.network_id \
         WHERE m.org_id IN ({}) ORDER BY m.org_id, n.slug",
        placeholders(1, ids.len())
    ));
    let pairs: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String)>(sql);
        for id in &ids {
            q = q.bind(*id);
        }
        q.fetch_all(p).await?
    });
    let mut by_org: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for (org, slug) in pairs {
        by_org.entry(org).or_default().push(slug);
    }
    Ok(orgs
        .into_iter()
        .map(|org| {
            let networks = by_org.remove(org.id.as_str()).unwrap_or_default();
            OrgRecord { org, networks }
        })
        .collect())
}

/// How many organisations match `filter`.
pub async fn count_orgs(db: &Db, filter: &DirectoryFilter) -> Result<i64> {
    let (clause, binds) = crate::directory::where_clause(filter);
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM organisations o{clause}"));
    let total: i64 = on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        q.fetch_one(p).await?
    });
    Ok(total)
}

/// One network of the networks export.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NetworkRecord {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub coordinator_slug: String,
    /// The member organisations' slugs, `;`-separated, in slug order.
    pub members: String,
    pub member_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Networks whose id follows `after`, in id order.
pub async fn networks(db: &Db, after: &str, limit: i64) -> Result<Vec<NetworkRecord>> {
    let sql = "SELECT n.id, n.slug, n.name, c.slug AS coordinator_slug, \
         COALESCE((SELECT string_agg(o.slug, ';' ORDER BY o.slug) FROM network_members m \
           JOIN organisations o ON o.id = m.org_id WHERE m.network_id = n.id), '') AS members, \
         (SELECT COUNT(*) FROM network_members m WHERE m.network_id = n.id) AS member_count, \
         n.created_at, n.updated_at \
         FROM networks n JOIN organisations c ON c.id = n.coordinator_org_id \
         WHERE n.id > $1 ORDER BY n.id LIMIT $2";
    Ok(on_db!(db, p => sqlx::query_as::<_, NetworkRecord>(sql)
        .bind(after).bind(limit).fetch_all(p).await)?)
}

/// One offer or need of an organisation (the know-how export, one row per term).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KnowHowRecord {
    pub org_id: String,
    pub org_slug: String,
    /// `offer` or `need`.
    pub kind: String,
    pub code: String,
}

/// Offers and needs whose key `(org_id, kind, code)` follows `after` (the key's three
/// parts joined by `|`; empty for the first page), in key order.
pub async fn know_how(db: &Db, after: &str, limit: i64) -> Result<Vec<KnowHowRecord>> {
    let mut parts = after.splitn(3, '|');
    let (a, b, c) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let sql = "SELECT t.org_id, o.slug AS org_slug, t.kind, t.code FROM org_terms t \
         JOIN organisations o ON o.id = t.org_id \
         WHERE t.kind IN ('offer', 'need') AND (t.org_id, t.kind, t.code) > ($1, $2, $3) \
         ORDER BY t.org_id, t.kind, t.code LIMIT $4";
    Ok(on_db!(db, p => sqlx::query_as::<_, KnowHowRecord>(sql)
        .bind(a).bind(b).bind(c).bind(limit).fetch_all(p).await)?)
}

/// One event of the events export: what its public page shows (never the join link,
/// dial-in or low-bandwidth note, which go to confirmed registrants only).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRecord {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub languages: String,
    pub interpretation: String,
    pub attendance: String,
    pub place: Option<String>,
    pub address: Option<String>,
    pub zone: String,
    pub starts_local: String,
    pub ends_local: String,
    pub rrule: Option<String>,
    pub capacity: Option<i64>,
    pub cancelled: i64,
    /// Organiser slugs, `;`-separated.
    pub organisers: String,
    /// The network's slug, or empty.
    pub network: String,
    pub group_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Events whose id follows `after`, in id order.
pub async fn events(db: &Db, after: &str, limit: i64) -> Result<Vec<EventRecord>> {
    let sql = "SELECT e.id, e.kind, e.title, e.summary, e.languages, e.interpretation, \
         e.attendance, e.place, e.address, e.zone, e.starts_local, e.ends_local, e.rrule, \
         e.capacity, e.cancelled, \
         COALESCE((SELECT string_agg(o.slug, ';' ORDER BY o.slug) FROM event_organisers eo \
           JOIN organisations o ON o.id = eo.org_id WHERE eo.event_id = e.id), '') AS organisers, \
         COALESCE((SELECT n.slug FROM networks n WHERE n.id = e.network_id), '') AS network, \
         e.group_id, e.created_at, e.updated_at \
         FROM events e WHERE e.id > $1 ORDER BY e.id LIMIT $2";
    Ok(on_db!(db, p => sqlx::query_as::<_, EventRecord>(sql)
        .bind(after).bind(limit).fetch_all(p).await)?)
}

/// One public resource of the resource hub's metadata export: one row per language variant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResourceRecord {
    pub id: String,
    pub kind: String,
    pub owner: String,
    pub themes: String,
    pub countries: String,
    /// `en`, `sr` or `uk`.
    pub lang: String,
    /// `Latn` or `Cyrl` for Serbian; empty for the others.
    pub script: String,
    pub title: String,
    pub summary: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The variants of public resources whose key `(resource id, lang)` follows `after`
/// (`id|lang`; empty for the first page), in key order.
pub async fn public_resources(db: &Db, after: &str, limit: i64) -> Result<Vec<ResourceRecord>> {
    let (a, b) = after.split_once('|').unwrap_or_default();
    let sql = "SELECT r.id, r.kind, o.slug AS owner, r.themes, r.countries, v.lang, v.script, \
         v.title, v.summary, v.version, r.created_at, r.updated_at \
         FROM resources r JOIN organisations o ON o.id = r.owner_org_id \
         JOIN resource_variants v ON v.resource_id = r.id \
         WHERE r.visibility = 'public' AND (v.resource_id, v.lang) > ($1, $2) \
         ORDER BY v.resource_id, v.lang LIMIT $3";
    Ok(on_db!(db, p => sqlx::query_as::<_, ResourceRecord>(sql)
        .bind(a).bind(b).bind(limit).fetch_all(p).await)?)
}

/// What a data set holds, for the export page's progress note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Networks,
    KnowHow,
    Events,
    PublicResources,
}

/// How many rows a whole data set has.
pub async fn count(db: &Db, what: Counted) -> Result<i64> {
    let sql = match what {
        Counted::Networks => "SELECT COUNT(*) FROM networks",
        Counted::KnowHow => "SELECT COUNT(*) FROM org_terms WHERE kind IN ('offer', 'need')",
        Counted::Events => "SELECT COUNT(*) FROM events",
        Counted::PublicResources => {
            "SELECT COUNT(*) FROM resource_variants v JOIN resources r ON r.id = v.resource_id \
             WHERE r.visibility = 'public'"
        }
    };
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)?)
}
