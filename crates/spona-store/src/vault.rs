//! The vault's records: cases and their teams, items (sealed testimonies and encrypted
//! files), consent, and each case's chain of custody.
//!
//! Every change appends its custody entry in the same transaction, so the log and the data
//! never disagree. The append first touches the case row (`UPDATE … SET head_seq = head_seq`),
//! which takes the row's write lock on PostgreSQL and the database's on SQLite: entries of
//! one case are numbered one after another, never twice. The new head is signed by the
//! caller's `sign` (the server's Ed25519 key) and stored on the case row.

use spona_vault::{CustodyEntry, NewEntry};

use crate::{Db, Result, StoreError, on_db};

/// Signs new custody heads, and hears of each once its transaction committed (the vault
/// then records the head outside the database).
pub trait CustodySigner: Sync {
    /// Signs the head `entry`; returns the signature (hex).
    fn sign(&self, entry: &CustodyEntry) -> String;
    /// `entry` is committed: it is the case's head now.
    fn committed(&self, _entry: &CustodyEntry) {}
}

/// The signer a change is made with.
pub type Sign<'a> = &'a dyn CustodySigner;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Case {
    pub id: String,
    /// Sealed (base64).
    pub title: String,
    pub created_by: String,
    pub created_at: i64,
    pub head_seq: i64,
    pub head_hash: String,
    pub head_signature: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub case_id: String,
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub added_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Item {
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub blob_id: Option<String>,
    pub wrapped_key: Option<String>,
    pub size: Option<i64>,
    pub sha256: Option<String>,
    pub media_type: String,
    /// Sealed (base64): the file name, or the testimony as JSON.
    pub sealed: String,
    pub created_by: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Consent {
    pub item_id: String,
    pub documentation: bool,
    pub share_with: String,
    pub prosecutors: bool,
    pub publication: bool,
    pub withdrawn: bool,
    pub updated_by: String,
    pub updated_at: i64,
}

impl Consent {
    pub fn shared_with(&self) -> Vec<&str> {
        self.share_with
            .split(',')
            .filter(|s| !s.is_empty())
            .collect()
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    case_id: String,
    seq: i64,
    at_ms: i64,
    actor: String,
    action: String,
    reason: String,
    item_sha256: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<EntryRow> for CustodyEntry {
    fn from(r: EntryRow) -> Self {
        CustodyEntry {
            case_id: r.case_id,
            seq: r.seq.max(0) as u64,
            at_ms: r.at_ms,
            actor: r.actor,
            action: r.action,
            reason: r.reason,
            item_sha256: r.item_sha256,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const ENTRY_COLUMNS: &str =
    "case_id, seq, at_ms, actor, action, reason, item_sha256, prev_hash, hash";

/// Appends `$new` to its case's chain inside the open transaction `$tx`.
macro_rules! append_custody {
    ($tx:expr, $new:expr, $sign:expr) => {{
        let new: NewEntry = $new;
        let touched = sqlx::query("UPDATE vault_cases SET head_seq = head_seq WHERE id = $1")
            .bind(&new.case_id)
            .execute(&mut *$tx)
            .await
            .map(|r| r.rows_affected())?;
        if touched == 0 {
            return Err(StoreError::NotFound);
        }
        let last: Option<EntryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM vault_custody WHERE case_id = $1 ORDER BY seq DESC LIMIT 1"
        )))
        .bind(&new.case_id)
        .fetch_optional(&mut *$tx)
        .await?;
        let prev: Option<CustodyEntry> = last.map(Into::into);
        let entry = spona_vault::append(prev.as_ref(), new);
        sqlx::query(
            "INSERT INTO vault_custody (case_id, seq, at_ms, actor, action, reason, item_sha256, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&entry.case_id)
        .bind(entry.seq as i64)
        .bind(entry.at_ms)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.reason)
        .bind(&entry.item_sha256)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .execute(&mut *$tx)
        .await?;
        let signature = $sign.sign(&entry);
        sqlx::query("UPDATE vault_cases SET head_seq = $2, head_hash = $3, head_signature = $4 WHERE id = $1")
            .bind(&entry.case_id)
            .bind(entry.seq as i64)
            .bind(&entry.hash)
            .bind(&signature)
            .execute(&mut *$tx)
            .await?;
        entry
    }};
}

/// Opens a case; its creator becomes its lead. The first custody entry records it. A form's
/// one-time key `once` is claimed in the same transaction (`claim_once!`).
pub async fn create_case(
    db: &Db,
    id: &str,
    sealed_title: &str,
    creator: &str,
    entry: NewEntry,
    sign: Sign<'_>,
    once: Option<&crate::idempotency::Once>,
) -> Result<()> {
    let t = crate::now();
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        if let Some(once) = once {
            crate::claim_once!(&mut *tx, once, id);
        }
        sqlx::query("INSERT INTO vault_cases (id, title, created_by, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(sealed_title).bind(creator).bind(t)
            .execute(&mut *tx).await?;
        sqlx::query("INSERT INTO vault_members (case_id, user_id, role, added_by, added_at) VALUES ($1, $2, 'lead', $2, $3)")
            .bind(id).bind(creator).bind(t)
            .execute(&mut *tx).await?;
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(())
    })
}

/// Adds a user to a case's team (or changes their role), with its custody entry.
pub async fn set_member(
    db: &Db,
    case_id: &str,
    user_id: &str,
    role: &str,
    by: &str,
    entry: NewEntry,
    sign: Sign<'_>,
) -> Result<()> {
    let t = crate::now();
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("INSERT INTO vault_members (case_id, user_id, role, added_by, added_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (case_id, user_id) DO UPDATE SET role = $3")
            .bind(case_id).bind(user_id).bind(role).bind(by).bind(t)
            .execute(&mut *tx).await?;
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(())
    })
}

/// Removes a user from a case's team, with its custody entry.
pub async fn remove_member(
    db: &Db,
    case_id: &str,
    user_id: &str,
    entry: NewEntry,
    sign: Sign<'_>,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        let n = sqlx::query("DELETE FROM vault_members WHERE case_id = $1 AND user_id = $2")
            .bind(case_id).bind(user_id)
            .execute(&mut *tx).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(())
    })
}

/// Records a new item (its blob, if any, is already stored) and its consent, with its
/// custody entry. Until this commits, the item does not exist for anyone. A form's one-time
/// key `once` is claimed in the same transaction (`claim_once!`).
pub async fn add_item(
    db: &Db,
    item: &Item,
    consent: Option<&Consent>,
    entry: NewEntry,
    sign: Sign<'_>,
    once: Option<&crate::idempotency::Once>,
) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        if let Some(once) = once {
            crate::claim_once!(&mut *tx, once, &item.id);
        }
        sqlx::query("INSERT INTO vault_items (id, case_id, kind, blob_id, wrapped_key, size, sha256, media_type, sealed, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(&item.id).bind(&item.case_id).bind(&item.kind).bind(&item.blob_id)
            .bind(&item.wrapped_key).bind(item.size).bind(&item.sha256).bind(&item.media_type)
            .bind(&item.sealed).bind(&item.created_by).bind(item.created_at)
            .execute(&mut *tx).await?;
        if let Some(c) = consent {
            sqlx::query("INSERT INTO vault_consents (item_id, documentation, share_with, prosecutors, publication, withdrawn, updated_by, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(&item.id).bind(c.documentation).bind(&c.share_with).bind(c.prosecutors)
                .bind(c.publication).bind(c.withdrawn).bind(&c.updated_by).bind(c.updated_at)
                .execute(&mut *tx).await?;
        }
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(())
    })
}

/// Replaces an item's consent (recording or withdrawing it), with its custody entry.
pub async fn set_consent(db: &Db, c: &Consent, entry: NewEntry, sign: Sign<'_>) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("INSERT INTO vault_consents (item_id, documentation, share_with, prosecutors, publication, withdrawn, updated_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (item_id) DO UPDATE SET \
                     documentation = $2, share_with = $3, prosecutors = $4, publication = $5, withdrawn = $6, updated_by = $7, updated_at = $8")
            .bind(&c.item_id).bind(c.documentation).bind(&c.share_with).bind(c.prosecutors)
            .bind(c.publication).bind(c.withdrawn).bind(&c.updated_by).bind(c.updated_at)
            .execute(&mut *tx).await?;
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(())
    })
}

/// Appends one custody entry (a view, a download, an export, a refusal).
pub async fn log(db: &Db, entry: NewEntry, sign: Sign<'_>) -> Result<CustodyEntry> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        let e = append_custody!(tx, entry, sign);
        tx.commit().await?;
        sign.committed(&e);
        Ok::<_, StoreError>(e)
    })
}

/// Rotation of the signing key: appends `entry(case_id)` to every case's chain, signed by
/// `old`, then re-signs each new head with `new`, in one transaction (all cases or none).
/// Returns the appended entries with their heads' signatures by the old key. `committed` is
/// not called: the caller records the heads (old key, key change, new key).
pub async fn rotate_signing_key(
    db: &Db,
    entry: &(dyn Fn(&str) -> NewEntry + Sync),
    old: Sign<'_>,
    new: Sign<'_>,
) -> Result<Vec<(CustodyEntry, String)>> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("UPDATE vault_cases SET head_seq = head_seq").execute(&mut *tx).await?;
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM vault_cases ORDER BY id")
            .fetch_all(&mut *tx).await?;
        let mut done = Vec::with_capacity(ids.len());
        for id in &ids {
            let e = append_custody!(tx, entry(id), old);
            sqlx::query("UPDATE vault_cases SET head_signature = $2 WHERE id = $1")
                .bind(id).bind(new.sign(&e))
                .execute(&mut *tx).await?;
            let old_signature = old.sign(&e);
            done.push((e, old_signature));
        }
        tx.commit().await?;
        Ok::<_, StoreError>(done)
    })
}

pub async fn case(db: &Db, id: &str) -> Result<Case> {
    on_db!(db, p => sqlx::query_as::<_, Case>(
        "SELECT id, title, created_by, created_at, head_seq, head_hash, head_signature FROM vault_cases WHERE id = $1")
        .bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// The cases a user is on the team of, newest first.
pub async fn cases_of(db: &Db, user_id: &str) -> Result<Vec<(Case, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        case: Case,
        role: String,
    }
    let rows = on_db!(db, p => sqlx::query_as::<_, Row>(
        "SELECT c.id, c.title, c.created_by, c.created_at, c.head_seq, c.head_hash, c.head_signature, m.role \
         FROM vault_cases c JOIN vault_members m ON m.case_id = c.id WHERE m.user_id = $1 ORDER BY c.created_at DESC, c.id")
        .bind(user_id).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| (r.case, r.role)).collect())
}

/// Every case (for `spona custody verify`).
pub async fn all_cases(db: &Db) -> Result<Vec<Case>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Case>(
        "SELECT id, title, created_by, created_at, head_seq, head_hash, head_signature FROM vault_cases ORDER BY id")
        .fetch_all(p).await)?)
}

pub async fn members(db: &Db, case_id: &str) -> Result<Vec<Member>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Member>(
        "SELECT m.case_id, m.user_id, u.display_name, u.email, m.role, m.added_at FROM vault_members m \
         JOIN users u ON u.id = m.user_id WHERE m.case_id = $1 ORDER BY m.added_at, u.display_name")
        .bind(case_id).fetch_all(p).await)?)
}

/// The role of a user in a case, if they are on its team.
pub async fn role_of(db: &Db, case_id: &str, user_id: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT role FROM vault_members WHERE case_id = $1 AND user_id = $2")
        .bind(case_id).bind(user_id).fetch_optional(p).await)?)
}

const ITEM_COLUMNS: &str = "id, case_id, kind, blob_id, wrapped_key, size, sha256, media_type, sealed, created_by, created_at";

pub async fn items(db: &Db, case_id: &str) -> Result<Vec<Item>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE case_id = $1 ORDER BY created_at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Item>(sql).bind(case_id).fetch_all(p).await)?)
}

/// Every file item (for verifying the blob store).
pub async fn all_file_items(db: &Db) -> Result<Vec<Item>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE kind = 'file' ORDER BY case_id, created_at, id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, Item>(sql).fetch_all(p).await)?)
}

pub async fn item(db: &Db, case_id: &str, item_id: &str) -> Result<Item> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE id = $1 AND case_id = $2"
    ));
    on_db!(db, p => sqlx::query_as::<_, Item>(sql).bind(item_id).bind(case_id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Whether an item with this id exists in any case (an upload form's id is fresh; one that
/// names another case's item is refused, not stored).
pub async fn item_id_taken(db: &Db, item_id: &str) -> Result<bool> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM vault_items WHERE id = $1")
        .bind(item_id).fetch_one(p).await)?
        > 0)
}

pub async fn consents(db: &Db, case_id: &str) -> Result<Vec<Consent>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Consent>(
        "SELECT c.item_id, c.documentation, c.share_with, c.prosecutors, c.publication, c.withdrawn, c.updated_by, c.updated_at \
         FROM vault_consents c JOIN vault_items i ON i.id = c.item_id WHERE i.case_id = $1")
        .bind(case_id).fetch_all(p).await)?)
}

/// A case's custody log, in order.
pub async fn custody(db: &Db, case_id: &str) -> Result<Vec<CustodyEntry>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ENTRY_COLUMNS} FROM vault_custody WHERE case_id = $1 ORDER BY seq"
    ));
    let rows =
        on_db!(db, p => sqlx::query_as::<_, EntryRow>(sql).bind(case_id).fetch_all(p).await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One sealed value handed to [`rewrap_all`]'s callback, with what it is bound to.
#[derive(Debug, Clone, Copy)]
pub enum SealedValue<'a> {
    /// A case's sealed title (base64).
    CaseTitle { case_id: &'a str, sealed: &'a str },
    /// An item's sealed field (base64): a file's name or a testimony.
    ItemField { item_id: &'a str, sealed: &'a str },
    /// A file item's wrapped blob key (base64).
    BlobKey {
        item_id: &'a str,
        blob_id: &'a str,
        wrapped: &'a str,
    },
}

/// How many values [`rewrap_all`] changed, by kind (values its callback returned unchanged
/// are not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rewrapped {
    pub case_titles: usize,
    pub item_fields: usize,
    pub blob_keys: usize,
}

/// Why [`rewrap_all`] changed nothing: the callback refused a value, or the database failed.
#[derive(Debug, thiserror::Error)]
pub enum RewrapError<E> {
    #[error("{0}")]
    Value(E),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl<E> From<sqlx::Error> for RewrapError<E> {
    fn from(e: sqlx::Error) -> Self {
        RewrapError::Store(StoreError::Database(e))
    }
}

/// Replaces every sealed case title, sealed item field and wrapped blob key by what `f`
/// returns for it (key rotation: the same secrets re-wrapped under another vault key), in
/// one transaction: either every value is replaced or, if `f` fails for any of them or the
/// database does, none is. Blob files are not touched.
///
/// The transaction first touches every case and item row, which takes the write lock on
/// SQLite and the rows' locks on PostgreSQL before anything is read.
pub async fn rewrap_all<E>(
    db: &Db,
    f: &(dyn Fn(SealedValue<'_>) -> std::result::Result<String, E> + Sync),
) -> std::result::Result<Rewrapped, RewrapError<E>> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("UPDATE vault_cases SET title = title").execute(&mut *tx).await?;
        sqlx::query("UPDATE vault_items SET sealed = sealed").execute(&mut *tx).await?;
        let cases: Vec<(String, String)> =
            sqlx::query_as("SELECT id, title FROM vault_cases ORDER BY id")
                .fetch_all(&mut *tx).await?;
        let items: Vec<(String, String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT id, sealed, blob_id, wrapped_key FROM vault_items ORDER BY id")
                .fetch_all(&mut *tx).await?;
        let mut done = Rewrapped::default();
        for (id, title) in &cases {
            let new = f(SealedValue::CaseTitle { case_id: id, sealed: title })
                .map_err(RewrapError::Value)?;
            if new != *title {
                sqlx::query("UPDATE vault_cases SET title = $2 WHERE id = $1")
                    .bind(id).bind(&new)
                    .execute(&mut *tx).await?;
                done.case_titles += 1;
            }
        }
        for (id, sealed, blob_id, wrapped_key) in &items {
            let new_sealed = f(SealedValue::ItemField { item_id: id, sealed })
                .map_err(RewrapError::Value)?;
            let new_key = match (blob_id, wrapped_key) {
                (Some(blob_id), Some(wrapped)) => Some(
                    f(SealedValue::BlobKey { item_id: id, blob_id, wrapped })
                        .map_err(RewrapError::Value)?,
                ),
                _ => None,
            };
            let field_changed = new_sealed != *sealed;
            let key_changed = new_key.is_some() && new_key != *wrapped_key;
            if field_changed || key_changed {
                sqlx::query("UPDATE vault_items SET sealed = $2, wrapped_key = $3 WHERE id = $1")
                    .bind(id)
                    .bind(&new_sealed)
                    .bind(if key_changed { &new_key } else { wrapped_key })
                    .execute(&mut *tx).await?;
            }
            done.item_fields += usize::from(field_changed);
            done.blob_keys += usize::from(key_changed);
        }
        tx.commit().await?;
        Ok(done)
    })
}
