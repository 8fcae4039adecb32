//! Publications and stories (issue 22 item 4): `publications` with their language variants
//! and photos, and the significant dates networks add to the calendar. Reads load a list's
//! variants and photos in one query each, whatever the number of publications.

pub mod edit;

use std::collections::HashMap;

use crate::idempotency::Once;
use crate::{Db, Result, Tx, on_db, on_tx, placeholders};

/// A publication with the names of who publishes it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Publication {
    pub id: String,
    pub kind: String,
    pub org_id: Option<String>,
    pub network_id: Option<String>,
    /// The publishing organisation's or network's slug and name.
    pub by_slug: String,
    pub by_name: String,
    /// For a network, its coordinating organisation; for an organisation, itself.
    pub home_org_id: String,
    pub link: Option<String>,
    pub publish_at: Option<i64>,
    pub publish_local: Option<String>,
    pub zone: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Original first.
    #[sqlx(skip)]
    pub variants: Vec<Variant>,
    #[sqlx(skip)]
    pub photos: Vec<Photo>,
}

impl Publication {
    /// Whether it is shown to everyone at `now`.
    pub fn published(&self, now: i64) -> bool {
        self.publish_at.is_some_and(|at| at <= now)
    }
}

/// One language's text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Variant {
    pub publication_id: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub transcript: String,
    pub position: i64,
    pub updated_at: i64,
}

/// A photo of an essay: the media store's file name and its alternative text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Photo {
    pub publication_id: String,
    pub position: i64,
    pub file: String,
    pub alt: String,
    pub caption: String,
}

/// A significant date a network added.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NetworkDate {
    pub id: String,
    pub network_id: String,
    pub network_slug: String,
    pub network_name: String,
    pub month: i64,
    pub day: i64,
    pub title: String,
}

/// Which publications a list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every publisher.
    All,
    /// A network's own and its member organisations'.
    Network(String),
}

const COLUMNS: &str = "p.id, p.kind, p.org_id, p.network_id, \
     COALESCE(o.slug, n.slug) AS by_slug, COALESCE(o.name, n.name) AS by_name, \
     COALESCE(p.org_id, n.coordinator_org_id) AS home_org_id, p.link, p.publish_at, \
     p.publish_local, p.zone, p.created_by, p.created_at, p.updated_at";
const FROM: &str = "FROM publications p LEFT JOIN organisations o ON o.id = p.org_id \
     LEFT JOIN networks n ON n.id = p.network_id";

/// Saves a new publication with its first variant, claiming the form's one-time key.
pub async fn create_in(
    tx: &mut Tx,
    p: &Publication,
    first: &Variant,
    once: Option<&Once>,
) -> Result<()> {
    if let Some(once) = once {
        crate::idempotency::claim_in(tx, once, &p.id).await?;
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO publications (id, kind, org_id, network_id, link, publish_at, publish_local, \
         zone, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, $6, $7, $7)")
        .bind(&p.id).bind(&p.kind).bind(&p.org_id).bind(&p.network_id).bind(&p.link)
        .bind(&p.created_by).bind(p.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    save_variant_in(tx, first).await
}

/// Writes one language's text: a new language is added after the others, an existing one
/// replaced in place.
pub async fn save_variant_in(tx: &mut Tx, v: &Variant) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO publication_variants (publication_id, lang, title, summary, body, transcript, \
         position, updated_at) VALUES ($1, $2, $3, $4, $5, $6, \
         (SELECT COUNT(*) FROM publication_variants WHERE publication_id = $1), $7) \
         ON CONFLICT (publication_id, lang) DO UPDATE SET title = excluded.title, \
         summary = excluded.summary, body = excluded.body, transcript = excluded.transcript, \
         updated_at = excluded.updated_at")
        .bind(&v.publication_id).bind(&v.lang).bind(&v.title).bind(&v.summary).bind(&v.body)
        .bind(&v.transcript).bind(v.updated_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    touch_in(tx, &v.publication_id, v.updated_at).await
}

async fn touch_in(tx: &mut Tx, id: &str, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE publications SET updated_at = $2 WHERE id = $1")
        .bind(id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets (or, with `None`, clears) the instant a publication is shown from.
pub async fn schedule_in(
    tx: &mut Tx,
    id: &str,
    when: Option<(i64, &str, &str)>,
    now: i64,
) -> Result<()> {
    let (at, local, zone) = match when {
        Some((at, local, zone)) => (Some(at), Some(local), Some(zone)),
        None => (None, None, None),
    };
    on_tx!(tx, c => sqlx::query(
        "UPDATE publications SET publish_at = $2, publish_local = $3, zone = $4, updated_at = $5 \
         WHERE id = $1")
        .bind(id).bind(at).bind(local).bind(zone).bind(now)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Adds a photo after the others; its position.
pub async fn add_photo_in(tx: &mut Tx, photo: &Photo, now: i64) -> Result<i64> {
    let position: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO publication_photos (publication_id, position, file, alt, caption) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM publication_photos \
         WHERE publication_id = $1), $2, $3, $4) RETURNING position")
        .bind(&photo.publication_id).bind(&photo.file).bind(&photo.alt).bind(&photo.caption)
        .fetch_one(&mut *c).await)?;
    touch_in(tx, &photo.publication_id, now).await?;
    Ok(position)
}

/// Adds a network's significant date.
pub async fn add_date_in(tx: &mut Tx, d: &NetworkDate, by: &str, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO publication_dates (id, network_id, month, day, title, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&d.id).bind(&d.network_id).bind(d.month).bind(d.day).bind(&d.title).bind(by)
        .bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every network's significant dates, by month and day.
pub async fn network_dates(db: &Db) -> Result<Vec<NetworkDate>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT d.id, d.network_id, n.slug AS network_slug, n.name AS network_name, d.month, \
         d.day, d.title FROM publication_dates d JOIN networks n ON n.id = d.network_id \
         ORDER BY d.month, d.day, d.title")
        .fetch_all(p).await)?)
}

async fn with_children(db: &Db, mut list: Vec<Publication>) -> Result<Vec<Publication>> {
    if list.is_empty() {
        return Ok(list);
    }
    let ids: Vec<String> = list.iter().map(|p| p.id.clone()).collect();
    let index: HashMap<String, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();
    for chunk in ids.chunks(500) {
        let ph = placeholders(1, chunk.len());
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT publication_id, lang, title, summary, body, transcript, position, updated_at \
             FROM publication_variants WHERE publication_id IN ({ph}) \
             ORDER BY publication_id, position"
        ));
        let variants: Vec<Variant> = on_db!(db, p => {
            let mut q = sqlx::query_as(sql);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        for v in variants {
            if let Some(i) = index.get(&v.publication_id) {
                list[*i].variants.push(v);
            }
        }
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT publication_id, position, file, alt, caption FROM publication_photos \
             WHERE publication_id IN ({ph}) ORDER BY publication_id, position"
        ));
        let photos: Vec<Photo> = on_db!(db, p => {
            let mut q = sqlx::query_as(sql);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        for ph in photos {
            if let Some(i) = index.get(&ph.publication_id) {
                list[*i].photos.push(ph);
            }
        }
    }
    Ok(list)
}

/// One publication with its variants and photos.
pub async fn get(db: &Db, id: &str) -> Result<Option<Publication>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} {FROM} WHERE p.id = $1"));
    let row: Option<Publication> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    Ok(with_children(db, row.into_iter().collect()).await?.pop())
}

/// Publications shown at `now` in `scope`, newest first, at most `limit`.
pub async fn published(db: &Db, scope: &Scope, now: i64, limit: i64) -> Result<Vec<Publication>> {
    let rows: Vec<Publication> = match scope {
        Scope::All => {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} {FROM} WHERE p.publish_at <= $1 \
                 ORDER BY p.publish_at DESC, p.id DESC LIMIT $2"
            ));
            on_db!(db, p => sqlx::query_as(sql).bind(now).bind(limit).fetch_all(p).await)?
        }
        Scope::Network(network) => {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} {FROM} WHERE p.publish_at <= $1 AND (p.network_id = $3 OR \
                 p.org_id IN (SELECT org_id FROM network_members WHERE network_id = $3)) \
                 ORDER BY p.publish_at DESC, p.id DESC LIMIT $2"
            ));
            on_db!(db, p => sqlx::query_as(sql).bind(now).bind(limit).bind(network)
                .fetch_all(p).await)?
        }
    };
    with_children(db, rows).await
}

/// Publications not yet shown at `now` (drafts and scheduled) written by `user_id` or, when
/// scheduled, published by one of `orgs` (for a network: its coordinating organisation).
pub async fn unpublished_for(
    db: &Db,
    user_id: &str,
    orgs: &[String],
    now: i64,
) -> Result<Vec<Publication>> {
    let ph = placeholders(3, orgs.len().max(1));
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE (p.publish_at IS NULL OR p.publish_at > $1) AND \
         (p.created_by = $2 OR (p.publish_at IS NOT NULL AND \
         COALESCE(p.org_id, n.coordinator_org_id) IN ({ph}))) \
         ORDER BY p.publish_at IS NULL, p.publish_at, p.id LIMIT 500"
    ));
    let rows: Vec<Publication> = on_db!(db, p => {
        let mut q = sqlx::query_as(sql).bind(now).bind(user_id);
        if orgs.is_empty() {
            q = q.bind("");
        }
        for o in orgs {
            q = q.bind(o);
        }
        q.fetch_all(p).await
    })?;
    with_children(db, rows).await
}

/// Publications with a publication instant in `[from, to)`, scheduled or shown, by time.
pub async fn timed_between(db: &Db, from: i64, to: i64) -> Result<Vec<Publication>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE p.publish_at >= $1 AND p.publish_at < $2 \
         ORDER BY p.publish_at, p.id LIMIT 2000"
    ));
    let rows: Vec<Publication> =
        on_db!(db, p => sqlx::query_as(sql).bind(from).bind(to).fetch_all(p).await)?;
    with_children(db, rows).await
}

/// How many publications there are (the demo loads its own once).
pub async fn count(db: &Db) -> Result<i64> {
    Ok(
        on_db!(db, p => sqlx::query_scalar("SELECT COUNT(*) FROM publications")
        .fetch_one(p).await)?,
    )
}
