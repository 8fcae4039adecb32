//! Resources of the hub: their description, language variants, versions and attachments.
//!
//! Every change to what the search index holds runs `BUMP_SEQ` in its transaction and
//! stamps the resource with the new number. The bump takes the `meta` row's write lock until
//! commit, so resources become visible in sequence order and the index can catch up with
//! `seq > indexed_seq` after a crash between commit and indexing.

use spona_domain::ids::{NetworkId, OrgId, ResourceId};
use spona_domain::resource::{ContentLang, ResourceMeta, Script, VariantText, Visibility, Written};

use crate::{Db, Result, StoreError, Tx, new_id, now, on_db, on_tx, placeholders};

mod lists;

pub use lists::{ResourceLine, mark_reminded, needs_review, outdated, reviews_to_remind};

const BUMP_SEQ: &str =
    "UPDATE meta SET value = value + 1 WHERE key = 'resource_seq' RETURNING value";

/// A resource with everything about it but old versions.
#[derive(Debug, Clone)]
pub struct Resource {
    pub id: ResourceId,
    pub kind: String,
    pub owner_org_id: OrgId,
    pub owner_slug: String,
    pub owner_name: String,
    pub visibility: Visibility,
    pub themes: Vec<String>,
    pub countries: Vec<String>,
    pub review_due: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub seq: i64,
    /// Networks whose members may read it (for `Visibility::Networks`).
    pub networks: Vec<NetworkRef>,
    pub variants: Vec<Variant>,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRef {
    pub id: NetworkId,
    pub slug: String,
    pub name: String,
}

/// The current text of one language variant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Variant {
    #[sqlx(try_from = "String")]
    pub resource_id: ResourceId,
    #[sqlx(try_from = "String")]
    pub lang: ContentLang,
    pub script: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub version: i64,
    pub outdated: bool,
    pub updated_by: String,
    pub updated_at: i64,
}

impl Variant {
    pub fn lang(&self) -> ContentLang {
        self.lang
    }

    pub fn written(&self) -> Written {
        Written {
            lang: self.lang(),
            script: Script::parse(&self.script),
        }
    }
}

/// One version of a variant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Version {
    #[sqlx(try_from = "String")]
    pub lang: ContentLang,
    pub version: i64,
    pub script: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub note: String,
    pub author_id: String,
    pub author_name: String,
    pub created_at: i64,
}

/// A file attached to a variant; its bytes live in the attachment store under `sha256`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub resource_id: ResourceId,
    #[sqlx(try_from = "String")]
    pub lang: ContentLang,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub extracted: String,
    pub created_at: i64,
    /// A PDF's active content found at upload: action names, comma-separated ('' = none).
    pub active_content: String,
}

#[derive(sqlx::FromRow)]
struct ResourceRow {
    #[sqlx(try_from = "String")]
    id: ResourceId,
    kind: String,
    #[sqlx(try_from = "String")]
    owner_org_id: OrgId,
    owner_slug: String,
    owner_name: String,
    #[sqlx(try_from = "String")]
    visibility: Visibility,
    themes: String,
    countries: String,
    review_due: i64,
    created_at: i64,
    updated_at: i64,
    seq: i64,
}

#[derive(sqlx::FromRow)]
struct NetworkRow {
    #[sqlx(try_from = "String")]
    resource_id: ResourceId,
    #[sqlx(try_from = "String")]
    id: NetworkId,
    slug: String,
    name: String,
}

const RESOURCE_SELECT: &str = "SELECT r.id, r.kind, r.owner_org_id, o.slug AS owner_slug, \
     o.name AS owner_name, r.visibility, r.themes, r.countries, r.review_due, r.created_at, \
     r.updated_at, r.seq FROM resources r JOIN organisations o ON o.id = r.owner_org_id";

fn split(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn script_of(w: Written) -> &'static str {
    w.script.map(Script::as_str).unwrap_or("")
}

/// Creates a resource with its first variant (version 1).
pub async fn create(
    db: &Db,
    owner_org_id: &str,
    meta: &ResourceMeta,
    network_ids: &[String],
    first: &VariantText,
    author_id: &str,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let new = NewResource {
        meta,
        network_ids,
        first,
        author_id,
    };
    let id = create_in(&mut tx, owner_org_id, new, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a resource with its first variant (version 1) in a use case's transaction,
/// claiming a create form's one-time key in it when given: a retry of a post that committed
/// gets [`StoreError::Replay`] with the first answer's location; a post that did not commit
/// left no key behind and may simply be sent again.
pub async fn create_in(
    tx: &mut Tx,
    owner_org_id: &str,
    new: NewResource<'_>,
    once: Option<&crate::idempotency::Once>,
) -> Result<String> {
    let NewResource {
        meta,
        network_ids,
        first,
        author_id,
    } = new;
    let id = new_id();
    let t = now();
    let lang = first.written.lang.as_str();
    let script = script_of(first.written);
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, &id);
        }
        let seq: i64 = sqlx::query_scalar(BUMP_SEQ).fetch_one(&mut *c).await?;
        sqlx::query("INSERT INTO resources (id, kind, owner_org_id, visibility, themes, countries, \
                     review_due, created_by, created_at, updated_at, seq) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)")
            .bind(&id).bind(&meta.kind).bind(owner_org_id).bind(meta.visibility.as_str())
            .bind(meta.themes.join(",")).bind(meta.countries.join(",")).bind(meta.review_due)
            .bind(author_id).bind(t).bind(seq)
            .execute(&mut *c).await?;
        for n in network_ids {
            sqlx::query("INSERT INTO resource_networks (resource_id, network_id) VALUES ($1, $2)")
                .bind(&id).bind(n).execute(&mut *c).await?;
        }
        sqlx::query("INSERT INTO resource_variants (resource_id, lang, script, title, summary, body, \
                     version, outdated, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, FALSE, $7, $8)")
            .bind(&id).bind(lang).bind(script).bind(&first.title).bind(&first.summary)
            .bind(&first.body).bind(author_id).bind(t)
            .execute(&mut *c).await?;
        sqlx::query("INSERT INTO resource_versions (resource_id, lang, version, script, title, summary, \
                     body, note, author_id, created_at) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9)")
            .bind(&id).bind(lang).bind(script).bind(&first.title).bind(&first.summary)
            .bind(&first.body).bind(&first.note).bind(author_id).bind(t)
            .execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// What a new resource starts with.
#[derive(Debug, Clone, Copy)]
pub struct NewResource<'a> {
    pub meta: &'a ResourceMeta,
    /// Ids of the networks that may read it (for [`Visibility::Networks`]).
    pub network_ids: &'a [String],
    pub first: &'a VariantText,
    pub author_id: &'a str,
}

/// Changes a resource's description (kind, terms, visibility, review date).
pub async fn update_meta_in(
    tx: &mut Tx,
    id: &str,
    meta: &ResourceMeta,
    network_ids: &[String],
) -> Result<()> {
    let t = now();
    on_tx!(tx, c => {
        let seq: i64 = sqlx::query_scalar(BUMP_SEQ).fetch_one(&mut *c).await?;
        let n = sqlx::query("UPDATE resources SET kind = $2, visibility = $3, themes = $4, countries = $5, \
                             review_due = $6, updated_at = $7, seq = $8 WHERE id = $1")
            .bind(id).bind(&meta.kind).bind(meta.visibility.as_str()).bind(meta.themes.join(","))
            .bind(meta.countries.join(",")).bind(meta.review_due).bind(t).bind(seq)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM resource_networks WHERE resource_id = $1")
            .bind(id).execute(&mut *c).await?;
        for n in network_ids {
            sqlx::query("INSERT INTO resource_networks (resource_id, network_id) VALUES ($1, $2)")
                .bind(id).bind(n).execute(&mut *c).await?;
        }
        Ok::<_, StoreError>(())
    })
}

/// Saves a new version of a variant (or its first). `base_version` is the version the
/// editor started from: if someone saved in between, nothing is written and
/// [`StoreError::Conflict`]`("version")` comes back. The other variants are marked outdated.
/// Returns the new version number.
pub async fn save_variant_in(
    tx: &mut Tx,
    id: &str,
    text: &VariantText,
    base_version: Option<i64>,
    author_id: &str,
) -> Result<i64> {
    let t = now();
    let lang = text.written.lang.as_str();
    let script = script_of(text.written);
    on_tx!(tx, c => {
        let seq: i64 = sqlx::query_scalar(BUMP_SEQ).fetch_one(&mut *c).await?;
        let n = sqlx::query("UPDATE resources SET updated_at = $2, seq = $3 WHERE id = $1")
            .bind(id).bind(t).bind(seq)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let current: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM resource_variants WHERE resource_id = $1 AND lang = $2")
            .bind(id).bind(lang).fetch_optional(&mut *c).await?;
        if current != base_version {
            return Err(StoreError::Conflict("version".into()));
        }
        let version = current.unwrap_or(0) + 1;
        sqlx::query("INSERT INTO resource_variants (resource_id, lang, script, title, summary, body, \
                     version, outdated, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8, $9) \
                     ON CONFLICT (resource_id, lang) DO UPDATE SET script = $3, title = $4, summary = $5, \
                     body = $6, version = $7, outdated = FALSE, updated_by = $8, updated_at = $9")
            .bind(id).bind(lang).bind(script).bind(&text.title).bind(&text.summary)
            .bind(&text.body).bind(version).bind(author_id).bind(t)
            .execute(&mut *c).await?;
        sqlx::query("UPDATE resource_variants SET outdated = TRUE WHERE resource_id = $1 AND lang <> $2")
            .bind(id).bind(lang).execute(&mut *c).await?;
        sqlx::query("INSERT INTO resource_versions (resource_id, lang, version, script, title, summary, \
                     body, note, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id).bind(lang).bind(version).bind(script).bind(&text.title).bind(&text.summary)
            .bind(&text.body).bind(&text.note).bind(author_id).bind(t)
            .execute(&mut *c).await?;
        Ok::<_, StoreError>(version)
    })
}

/// [`save_variant_in`] in a transaction of its own.
pub async fn save_variant(
    db: &Db,
    id: &str,
    text: &VariantText,
    base_version: Option<i64>,
    author_id: &str,
) -> Result<i64> {
    let mut tx = db.begin().await?;
    let version = save_variant_in(&mut tx, id, text, base_version, author_id).await?;
    tx.commit().await?;
    Ok(version)
}

/// Someone checked a variant against the others: it is no longer flagged outdated.
pub async fn confirm_translation_in(tx: &mut Tx, id: &str, lang: ContentLang) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE resource_variants SET outdated = FALSE WHERE resource_id = $1 AND lang = $2")
        .bind(id).bind(lang.as_str()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Records an attachment whose bytes are already in the attachment store, counting its
/// bytes against `charge` (refused with [`StoreError::OverQuota`], nothing recorded).
pub async fn add_attachment_in(
    tx: &mut Tx,
    a: &Attachment,
    author_id: &str,
    charge: &crate::quota::Charge,
) -> Result<()> {
    on_tx!(tx, c => {
        let seq: i64 = sqlx::query_scalar(BUMP_SEQ).fetch_one(&mut *c).await?;
        let n = sqlx::query("UPDATE resources SET updated_at = $2, seq = $3 WHERE id = $1")
            .bind(a.resource_id.as_str()).bind(a.created_at).bind(seq)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("INSERT INTO resource_attachments (id, resource_id, lang, filename, media_type, size, \
                     sha256, extracted, created_by, created_at, active_content) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(&a.id).bind(a.resource_id.as_str()).bind(a.lang.as_str()).bind(&a.filename).bind(&a.media_type)
            .bind(a.size).bind(&a.sha256).bind(&a.extracted).bind(author_id).bind(a.created_at)
            .bind(&a.active_content)
            .execute(&mut *c).await?;
        crate::quota::charge!(c, charge);
        Ok::<_, StoreError>(())
    })
}

/// [`add_attachment_in`] in a transaction of its own.
pub async fn add_attachment(
    db: &Db,
    a: &Attachment,
    author_id: &str,
    charge: &crate::quota::Charge,
) -> Result<()> {
    let mut tx = db.begin().await?;
    add_attachment_in(&mut tx, a, author_id, charge).await?;
    tx.commit().await
}

pub async fn attachment(db: &Db, resource_id: &str, attachment_id: &str) -> Result<Attachment> {
    on_db!(db, p => sqlx::query_as::<_, Attachment>(
        "SELECT id, resource_id, lang, filename, media_type, size, sha256, extracted, created_at, active_content \
         FROM resource_attachments WHERE id = $1 AND resource_id = $2")
        .bind(attachment_id).bind(resource_id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// Loads whole resources for the rows a `WHERE` clause over `resources r` picks, in a
/// fixed number of queries whatever their count.
async fn load_where(
    db: &Db,
    clause: &str,
    bind: &str,
    order: &str,
    limit: i64,
) -> Result<Vec<Resource>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{RESOURCE_SELECT} WHERE {clause} ORDER BY {order} LIMIT {limit}"
    ));
    let rows =
        on_db!(db, p => sqlx::query_as::<_, ResourceRow>(sql).bind(bind).fetch_all(p).await)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let list = placeholders(1, ids.len());
    let variants_sql = sqlx::AssertSqlSafe(format!(
        "SELECT resource_id, lang, script, title, summary, body, version, outdated, updated_by, updated_at \
         FROM resource_variants WHERE resource_id IN ({list}) ORDER BY lang"
    ));
    let networks_sql = sqlx::AssertSqlSafe(format!(
        "SELECT rn.resource_id, n.id, n.slug, n.name FROM resource_networks rn \
         JOIN networks n ON n.id = rn.network_id WHERE rn.resource_id IN ({list}) ORDER BY n.name"
    ));
    let attachments_sql = sqlx::AssertSqlSafe(format!(
        "SELECT id, resource_id, lang, filename, media_type, size, sha256, extracted, created_at, active_content \
         FROM resource_attachments WHERE resource_id IN ({list}) ORDER BY created_at, id"
    ));
    let (variants, networks, attachments) = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, Variant>(variants_sql);
        for id in &ids { q = q.bind(*id); }
        let variants = q.fetch_all(p).await?;
        let mut q = sqlx::query_as::<_, NetworkRow>(networks_sql);
        for id in &ids { q = q.bind(*id); }
        let networks = q.fetch_all(p).await?;
        let mut q = sqlx::query_as::<_, Attachment>(attachments_sql);
        for id in &ids { q = q.bind(*id); }
        let attachments = q.fetch_all(p).await?;
        Ok::<_, StoreError>((variants, networks, attachments))
    })?;
    Ok(rows
        .into_iter()
        .map(|r| Resource {
            variants: variants
                .iter()
                .filter(|v| v.resource_id == r.id)
                .cloned()
                .collect(),
            networks: networks
                .iter()
                .filter(|n| n.resource_id == r.id)
                .map(|n| NetworkRef {
                    id: n.id.clone(),
                    slug: n.slug.clone(),
                    name: n.name.clone(),
                })
                .collect(),
            attachments: attachments
                .iter()
                .filter(|a| a.resource_id == r.id)
                .cloned()
                .collect(),
            visibility: r.visibility,
            themes: split(&r.themes),
            countries: split(&r.countries),
            id: r.id,
            kind: r.kind,
            owner_org_id: r.owner_org_id,
            owner_slug: r.owner_slug,
            owner_name: r.owner_name,
            review_due: r.review_due,
            created_at: r.created_at,
            updated_at: r.updated_at,
            seq: r.seq,
        })
        .collect())
}

pub async fn get(db: &Db, id: &str) -> Result<Resource> {
    load_where(db, "r.id = $1", id, "r.seq", 1)
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Resources changed after `seq`, oldest change first, at most `limit` — for the search
/// index to catch up in batches.
pub async fn changed_since(db: &Db, seq: i64, limit: i64) -> Result<Vec<Resource>> {
    load_where(
        db,
        "r.seq > CAST($1 AS BIGINT)",
        &seq.to_string(),
        "r.seq",
        limit,
    )
    .await
}

/// The last change number handed out.
pub async fn current_seq(db: &Db) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT value FROM meta WHERE key = 'resource_seq'").fetch_one(p).await)?)
}

/// The newest public resources, for the Atom feed: four queries whatever their number.
pub async fn recent_public(db: &Db, limit: i64) -> Result<Vec<Resource>> {
    load_where(
        db,
        "r.visibility = $1",
        Visibility::Public.as_str(),
        "r.updated_at DESC, r.id DESC",
        limit,
    )
    .await
}

/// Every version of one variant, newest first.
pub async fn versions(db: &Db, id: &str, lang: ContentLang) -> Result<Vec<Version>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Version>(
        "SELECT v.lang, v.version, v.script, v.title, v.summary, v.body, v.note, v.author_id, \
         COALESCE(u.display_name, '') AS author_name, v.created_at FROM resource_versions v \
         LEFT JOIN users u ON u.id = v.author_id \
         WHERE v.resource_id = $1 AND v.lang = $2 ORDER BY v.version DESC")
        .bind(id).bind(lang.as_str()).fetch_all(p).await)?)
}

/// Lists SHA-256 names of every attachment, for checking the attachment store.
pub async fn attachment_hashes(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT DISTINCT sha256 FROM resource_attachments").fetch_all(p).await)?)
}

/// Whether any resource exists (demo data loads once).
pub async fn any(db: &Db) -> Result<bool> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM resources")
        .fetch_one(p).await)?
            > 0,
    )
}

/// The ids of networks with these slugs, in the same order; unknown slugs are reported.
pub async fn network_ids(db: &Db, slugs: &[String]) -> Result<Vec<String>, String> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT slug, id FROM networks WHERE slug IN ({})",
        placeholders(1, slugs.len())
    ));
    let found: std::collections::HashMap<String, String> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String)>(sql);
        for s in slugs { q = q.bind(s); }
        q.fetch_all(p).await
    })
    .map_err(|e| e.to_string())?
    .into_iter()
    .collect();
    slugs
        .iter()
        .map(|s| found.get(s).cloned().ok_or_else(|| s.clone()))
        .collect()
}

/// The slugs of the networks these organisations belong to (what a member may read).
pub async fn networks_of(db: &Db, org_ids: &[String]) -> Result<Vec<String>> {
    if org_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT n.slug FROM networks n JOIN network_members m ON m.network_id = n.id \
         WHERE m.org_id IN ({}) ORDER BY n.slug",
        placeholders(1, org_ids.len())
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, String>(sql);
        for o in org_ids { q = q.bind(o); }
        q.fetch_all(p).await
    })?)
}
