//! The vault's records: cases and their teams, items (sealed testimonies and encrypted
//! files), consent, and each case's chain of custody.
//!
//! Every change appends its custody entry in the same transaction, so the log and the data
//! never disagree. The append first touches the case row (`UPDATE … SET head_seq = head_seq`),
//! which takes the row's write lock on PostgreSQL and the database's on SQLite: entries of
//! one case are numbered one after another, never twice. The new head is signed by the
//! caller's `sign` (the server's Ed25519 key) and stored on the case row.
//!
//! Every value that is free text, a name, a share target or a file's identity is stored
//! sealed under the vault key (issue 14 item 6): case titles and item texts by the caller,
//! and here, through the [`CustodySigner`]'s `seal` and `open`, a file's size, SHA-256 and
//! media type, the organisations a consent allows sharing with, and each custody entry's
//! reason and item hash (bound as [`spona_vault::owners`] says). Readers get them open; a
//! value that does not open for its row reads as [`UNREADABLE`] (and is named in
//! [`Item::unreadable`]), so that verification reports it instead of failing. A custody
//! entry's hash covers its reason and item hash in clear. Values older versions stored in
//! clear are sealed by [`seal_clear_values`].

use spona_domain::ids::{CaseId, ItemId, UserId};
use spona_domain::vault::CaseRole;
use spona_vault::{CustodyEntry, NewEntry, owners};

use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

mod sealing;
pub use sealing::{RewrapError, Rewrapped, Sealed, SealedValue, rewrap_all, seal_clear_values};

/// The vault's keys as the store needs them: signs new custody heads, seals and opens the
/// values it stores sealed, and hears of each head once its transaction committed (the
/// vault then records the head outside the database).
pub trait CustodySigner: Sync {
    /// Signs the head `entry`; returns the signature (hex).
    fn sign(&self, entry: &CustodyEntry) -> String;
    /// Seals `text` for `owner` (see [`spona_vault::owners`]); base64.
    fn seal(&self, owner: &str, text: &str) -> String;
    /// Opens a value sealed for `owner`; `None` when it does not open for it.
    fn open(&self, owner: &str, sealed: &str) -> Option<String>;
    /// `entry` is committed: it is the case's head now.
    fn committed(&self, _entry: &CustodyEntry) {}
}

/// The signer a change is made with.
pub type Sign<'a> = &'a dyn CustodySigner;
/// The keys sealed values are read with (the same vault).
pub type Keys<'a> = &'a dyn CustodySigner;

/// What a sealed value reads as when it does not open for its row (moved, swapped or edited).
pub const UNREADABLE: &str = "(sealed value does not open)";

/// Seals a non-empty value; an empty one stays empty.
fn seal(keys: Keys<'_>, owner: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        keys.seal(owner, text)
    }
}

/// Opens a value sealed by [`seal`]; `None` when it does not open.
fn open(keys: Keys<'_>, owner: &str, sealed: &str) -> Option<String> {
    if sealed.is_empty() {
        Some(String::new())
    } else {
        keys.open(owner, sealed)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Case {
    #[sqlx(try_from = "String")]
    pub id: CaseId,
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
    #[sqlx(try_from = "String")]
    pub case_id: CaseId,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: CaseRole,
    pub added_at: i64,
}

/// An item. Its size, SHA-256 and media type are stored sealed and read here open.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub id: ItemId,
    pub case_id: CaseId,
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
    /// The sealed columns that did not open for this item (`size`, `sha256`, `media_type`).
    pub unreadable: Vec<&'static str>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: String,
    case_id: String,
    kind: String,
    blob_id: Option<String>,
    wrapped_key: Option<String>,
    size: Option<String>,
    sha256: Option<String>,
    media_type: String,
    sealed: String,
    created_by: String,
    created_at: i64,
}

impl ItemRow {
    fn open(self, keys: Keys<'_>) -> Item {
        let mut unreadable = Vec::new();
        let id = &self.id;
        let mut column = |name: &'static str, sealed: &str| {
            open(keys, &owners::item_file(id, name), sealed).unwrap_or_else(|| {
                unreadable.push(name);
                UNREADABLE.to_owned()
            })
        };
        let size = self.size.as_deref().map(|s| column("size", s));
        let sha256 = self.sha256.as_deref().map(|s| column("sha256", s));
        let media_type = column("media_type", &self.media_type);
        // A size that opened but is no number is as unreadable as one that did not open:
        // verification must name it, not read it as "no size".
        let size = match size {
            Some(s) if s != UNREADABLE => match s.parse() {
                Ok(n) => Some(n),
                Err(_) => {
                    unreadable.push("size");
                    None
                }
            },
            _ => None,
        };
        Item {
            size,
            sha256,
            media_type,
            unreadable,
            id: self.id.into(),
            case_id: self.case_id.into(),
            kind: self.kind,
            blob_id: self.blob_id,
            wrapped_key: self.wrapped_key,
            sealed: self.sealed,
            created_by: self.created_by,
            created_at: self.created_at,
        }
    }
}

/// An item's consent; `share_with` is stored sealed and read here open (or [`UNREADABLE`]).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Consent {
    #[sqlx(try_from = "String")]
    pub item_id: ItemId,
    pub documentation: bool,
    /// Organisation slugs, comma-separated.
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

impl EntryRow {
    /// The entry with its reason and item hash open; one that does not open reads as
    /// [`UNREADABLE`], and the chain's check then names the entry as altered.
    fn open(self, keys: Keys<'_>) -> CustodyEntry {
        let owner = |column| owners::custody(&self.case_id, column);
        let reason =
            open(keys, &owner("reason"), &self.reason).unwrap_or_else(|| UNREADABLE.to_owned());
        let item_sha256 = self
            .item_sha256
            .as_deref()
            .map(|s| open(keys, &owner("item_sha256"), s).unwrap_or_else(|| UNREADABLE.to_owned()));
        CustodyEntry {
            reason,
            item_sha256,
            case_id: self.case_id,
            seq: self.seq.max(0) as u64,
            at_ms: self.at_ms,
            actor: self.actor,
            action: self.action,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }

    /// The entry as far as appending after it needs (its seq and hash), without opening.
    fn link(self) -> CustodyEntry {
        CustodyEntry {
            case_id: self.case_id,
            seq: self.seq.max(0) as u64,
            at_ms: self.at_ms,
            actor: self.actor,
            action: self.action,
            reason: String::new(),
            item_sha256: None,
            prev_hash: self.prev_hash,
            hash: self.hash,
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
        let prev: Option<CustodyEntry> = last.map(EntryRow::link);
        let entry = spona_vault::append(prev.as_ref(), new);
        let sealed_reason = seal($sign, &owners::custody(&entry.case_id, "reason"), &entry.reason);
        let sealed_sha = entry
            .item_sha256
            .as_deref()
            .map(|s| seal($sign, &owners::custody(&entry.case_id, "item_sha256"), s));
        sqlx::query(
            "INSERT INTO vault_custody (case_id, seq, at_ms, actor, action, reason, item_sha256, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&entry.case_id)
        .bind(entry.seq as i64)
        .bind(entry.at_ms)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&sealed_reason)
        .bind(&sealed_sha)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .execute(&mut *$tx)
        .await?;
        // Its leaf in the custody tree (issue 24), in the same transaction.
        crate::custodylog::append_conn(
            crate::custodylog::Conn::from(&mut *$tx),
            &entry.case_id,
            entry.seq as i64,
            &entry.hash,
        )
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
/// one-time key `once` is claimed in the same transaction (`claim_once!`). Returns the new
/// head: once `tx` commits, tell the vault ([`CustodySigner::committed`]).
pub async fn create_case_in(
    tx: &mut Tx,
    id: &str,
    sealed_title: &str,
    creator: &str,
    entry: NewEntry,
    sign: Sign<'_>,
    once: Option<&crate::idempotency::Once>,
) -> Result<CustodyEntry> {
    let t = crate::now();
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, id);
        }
        sqlx::query("INSERT INTO vault_cases (id, title, created_by, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(sealed_title).bind(creator).bind(t)
            .execute(&mut *c).await?;
        sqlx::query("INSERT INTO vault_members (case_id, user_id, role, added_by, added_at) VALUES ($1, $2, 'lead', $2, $3)")
            .bind(id).bind(creator).bind(t)
            .execute(&mut *c).await?;
        Ok(append_custody!(c, entry, sign))
    })
}

/// Adds a user to a case's team (or changes their role), with its custody entry, in `tx`.
pub async fn set_member_in(
    tx: &mut Tx,
    case_id: &str,
    user_id: &str,
    role: CaseRole,
    by: &str,
    entry: NewEntry,
    sign: Sign<'_>,
) -> Result<CustodyEntry> {
    let t = crate::now();
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO vault_members (case_id, user_id, role, added_by, added_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (case_id, user_id) DO UPDATE SET role = $3")
            .bind(case_id).bind(user_id).bind(role.as_str()).bind(by).bind(t)
            .execute(&mut *c).await?;
        Ok(append_custody!(c, entry, sign))
    })
}

/// Removes a user from a case's team, with its custody entry, in `tx`.
pub async fn remove_member_in(
    tx: &mut Tx,
    case_id: &str,
    user_id: &str,
    entry: NewEntry,
    sign: Sign<'_>,
) -> Result<CustodyEntry> {
    on_tx!(tx, c => {
        let n = sqlx::query("DELETE FROM vault_members WHERE case_id = $1 AND user_id = $2")
            .bind(case_id).bind(user_id)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(append_custody!(c, entry, sign))
    })
}

/// What an upload records beside its item, in the item's transaction: the bytes counted
/// against storage quotas, and the sealed warning about a PDF's active content.
#[derive(Debug, Default, Clone, Copy)]
pub struct Upload<'a> {
    pub charge: Option<&'a crate::quota::Charge>,
    /// Sealed (base64), owner `item:<id>:warning`.
    pub warning: Option<&'a str>,
}

/// Records a new item (its blob, if any, is already stored) and its consent, with its
/// custody entry, in `tx`; until it commits, the item does not exist for anyone. `item.sealed`
/// is sealed already; its size, SHA-256, media type and the consent's organisations are
/// sealed here. A form's one-time key `once` is claimed in the same transaction. Returns the
/// new head.
pub async fn add_item_in(
    tx: &mut Tx,
    item: &Item,
    consent: Option<&Consent>,
    upload: Upload<'_>,
    entry: NewEntry,
    sign: Sign<'_>,
    once: Option<&crate::idempotency::Once>,
) -> Result<CustodyEntry> {
    let file = |column: &str, text: &str| seal(sign, &owners::item_file(&item.id, column), text);
    let size = item.size.map(|s| file("size", &s.to_string()));
    let sha256 = item.sha256.as_deref().map(|s| file("sha256", s));
    let media_type = file("media_type", &item.media_type);
    let share_with =
        consent.map(|c| seal(sign, &owners::consent_share_with(&item.id), &c.share_with));
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, &item.id);
        }
        sqlx::query("INSERT INTO vault_items (id, case_id, kind, blob_id, wrapped_key, size, sha256, media_type, sealed, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(item.id.as_str()).bind(item.case_id.as_str()).bind(&item.kind).bind(&item.blob_id)
            .bind(&item.wrapped_key).bind(&size).bind(&sha256).bind(&media_type)
            .bind(&item.sealed).bind(&item.created_by).bind(item.created_at)
            .execute(&mut *c).await?;
        if let Some(consent) = consent {
            sqlx::query("INSERT INTO vault_consents (item_id, documentation, share_with, prosecutors, publication, withdrawn, updated_by, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(item.id.as_str()).bind(consent.documentation).bind(&share_with).bind(consent.prosecutors)
                .bind(consent.publication).bind(consent.withdrawn).bind(&consent.updated_by).bind(consent.updated_at)
                .execute(&mut *c).await?;
        }
        if let Some(charge) = upload.charge {
            crate::quota::charge!(c, charge);
        }
        if let Some(sealed) = upload.warning {
            crate::vault_warnings::insert!(c, item.id.as_str(), sealed);
        }
        Ok(append_custody!(c, entry, sign))
    })
}

/// Replaces an item's consent (recording or withdrawing it), with its custody entry, in `tx`.
pub async fn set_consent_in(
    tx: &mut Tx,
    consent: &Consent,
    entry: NewEntry,
    sign: Sign<'_>,
) -> Result<CustodyEntry> {
    let share_with = seal(
        sign,
        &owners::consent_share_with(&consent.item_id),
        &consent.share_with,
    );
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO vault_consents (item_id, documentation, share_with, prosecutors, publication, withdrawn, updated_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (item_id) DO UPDATE SET \
                     documentation = $2, share_with = $3, prosecutors = $4, publication = $5, withdrawn = $6, updated_by = $7, updated_at = $8")
            .bind(consent.item_id.as_str()).bind(consent.documentation).bind(&share_with).bind(consent.prosecutors)
            .bind(consent.publication).bind(consent.withdrawn).bind(&consent.updated_by).bind(consent.updated_at)
            .execute(&mut *c).await?;
        Ok(append_custody!(c, entry, sign))
    })
}

/// Appends one custody entry (a view, a download, a refusal) and commits it.
pub async fn log(db: &Db, entry: NewEntry, sign: Sign<'_>) -> Result<CustodyEntry> {
    let mut tx = db.begin().await?;
    let e = log_in(&mut tx, entry, sign).await?;
    tx.commit().await?;
    sign.committed(&e);
    Ok(e)
}

/// Appends one custody entry in `tx` (e.g. each item of an export, with its audit entry).
pub async fn log_in(tx: &mut Tx, entry: NewEntry, sign: Sign<'_>) -> Result<CustodyEntry> {
    on_tx!(tx, c => Ok(append_custody!(c, entry, sign)))
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
pub async fn cases_of(db: &Db, user_id: &str) -> Result<Vec<(Case, CaseRole)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        case: Case,
        #[sqlx(try_from = "String")]
        role: CaseRole,
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
/// A role this version does not know reads as no role (the case stays hidden).
pub async fn role_of(db: &Db, case_id: &str, user_id: &str) -> Result<Option<CaseRole>> {
    let role = on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT role FROM vault_members WHERE case_id = $1 AND user_id = $2")
        .bind(case_id).bind(user_id).fetch_optional(p).await)?;
    Ok(role.and_then(|r| CaseRole::parse(&r)))
}

const ITEM_COLUMNS: &str = "id, case_id, kind, blob_id, wrapped_key, size, sha256, media_type, sealed, created_by, created_at";

pub async fn items(db: &Db, case_id: &str, keys: Keys<'_>) -> Result<Vec<Item>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE case_id = $1 ORDER BY created_at, id"
    ));
    let rows = on_db!(db, p => sqlx::query_as::<_, ItemRow>(sql).bind(case_id).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| r.open(keys)).collect())
}

/// Every file item (for verifying the blob store).
pub async fn all_file_items(db: &Db, keys: Keys<'_>) -> Result<Vec<Item>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE kind = 'file' ORDER BY case_id, created_at, id"
    ));
    let rows = on_db!(db, p => sqlx::query_as::<_, ItemRow>(sql).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| r.open(keys)).collect())
}

pub async fn item(db: &Db, case_id: &str, item_id: &str, keys: Keys<'_>) -> Result<Item> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM vault_items WHERE id = $1 AND case_id = $2"
    ));
    on_db!(db, p => sqlx::query_as::<_, ItemRow>(sql).bind(item_id).bind(case_id).fetch_optional(p).await)?
        .map(|r| r.open(keys))
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

pub async fn consents(db: &Db, case_id: &str, keys: Keys<'_>) -> Result<Vec<Consent>> {
    let rows = on_db!(db, p => sqlx::query_as::<_, Consent>(
        "SELECT c.item_id, c.documentation, c.share_with, c.prosecutors, c.publication, c.withdrawn, c.updated_by, c.updated_at \
         FROM vault_consents c JOIN vault_items i ON i.id = c.item_id WHERE i.case_id = $1")
        .bind(case_id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|mut c| {
            c.share_with = open(keys, &owners::consent_share_with(&c.item_id), &c.share_with)
                .unwrap_or_else(|| UNREADABLE.to_owned());
            c
        })
        .collect())
}

/// A case's custody log, in order, with reasons and item hashes open.
pub async fn custody(db: &Db, case_id: &str, keys: Keys<'_>) -> Result<Vec<CustodyEntry>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ENTRY_COLUMNS} FROM vault_custody WHERE case_id = $1 ORDER BY seq"
    ));
    let rows =
        on_db!(db, p => sqlx::query_as::<_, EntryRow>(sql).bind(case_id).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| r.open(keys)).collect())
}
