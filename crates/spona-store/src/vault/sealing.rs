//! Sealing what older versions stored in clear, and re-wrapping every sealed value under a
//! new vault key. Both run in one transaction each: all or nothing.

use spona_vault::{SEALED_BASE64_PREFIX, is_sealed, owners};

use super::{Keys, seal};
use crate::{Db, Result, StoreError, on_db};

/// `(id, size, sha256, media_type)` of an item, as stored.
type ItemMeta = (String, Option<String>, Option<String>, String);
/// `(case_id, seq, reason, item_sha256)` of a custody entry, as stored.
type EntryMeta = (String, i64, String, Option<String>);

/// How many values [`seal_clear_values`] found in clear and sealed, by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sealed {
    /// Sizes, SHA-256 and media types of files.
    pub item_values: usize,
    /// Lists of organisations a consent allows sharing with.
    pub share_lists: usize,
    /// Reasons and item hashes of custody entries.
    pub custody_values: usize,
}

impl Sealed {
    pub fn total(&self) -> usize {
        self.item_values + self.share_lists + self.custody_values
    }
}

/// Seals every value of the vault's tables that is still in clear (stored so by a version
/// before issue 14 item 6, or by a migration), in one transaction. Idempotent: a value is
/// taken for clear when it does not begin as every sealed value does
/// ([`SEALED_BASE64_PREFIX`]) and is not a sealed field; empty values stay empty. Custody
/// entries keep their hashes, which cover the values in clear.
pub async fn seal_clear_values(db: &Db, keys: Keys<'_>) -> Result<Sealed> {
    let like = format!("{SEALED_BASE64_PREFIX}%");
    const ITEMS: &str = "(size IS NOT NULL AND size <> '' AND size NOT LIKE $1) \
        OR (sha256 IS NOT NULL AND sha256 <> '' AND sha256 NOT LIKE $1) \
        OR (media_type <> '' AND media_type NOT LIKE $1)";
    const SHARES: &str = "share_with <> '' AND share_with NOT LIKE $1";
    const ENTRIES: &str = "(reason <> '' AND reason NOT LIKE $1) \
        OR (item_sha256 IS NOT NULL AND item_sha256 <> '' AND item_sha256 NOT LIKE $1)";
    let count_sql = sqlx::AssertSqlSafe(format!(
        "SELECT (SELECT count(*) FROM vault_items WHERE {ITEMS}) \
              + (SELECT count(*) FROM vault_consents WHERE {SHARES}) \
              + (SELECT count(*) FROM vault_custody WHERE {ENTRIES})"
    ));
    let clear: i64 = on_db!(db, p => sqlx::query_scalar(count_sql).bind(&like).fetch_one(p).await)?;
    if clear == 0 {
        return Ok(Sealed::default());
    }
    // Seals `value` for `owner` unless it is sealed already or empty.
    let reseal = |owner: String, value: Option<&str>, n: &mut usize| -> Option<String> {
        let v = value.filter(|v| !v.is_empty() && !is_sealed(v))?;
        *n += 1;
        Some(seal(keys, &owner, v))
    };
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        // The first write takes SQLite's write lock, and PostgreSQL's row locks, before reading.
        for table in [("vault_items", ITEMS, "size = size"), ("vault_consents", SHARES, "share_with = share_with"),
                      ("vault_custody", ENTRIES, "reason = reason")] {
            let (name, filter, noop) = table;
            sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {name} SET {noop} WHERE {filter}")))
                .bind(&like).execute(&mut *tx).await?;
        }
        let mut done = Sealed::default();
        let items: Vec<ItemMeta> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, size, sha256, media_type FROM vault_items WHERE {ITEMS}")))
            .bind(&like).fetch_all(&mut *tx).await?;
        for (id, size, sha256, media_type) in &items {
            let n = &mut done.item_values;
            let size = reseal(owners::item_file(id, "size"), size.as_deref(), n);
            let sha256 = reseal(owners::item_file(id, "sha256"), sha256.as_deref(), n);
            let media_type = reseal(owners::item_file(id, "media_type"), Some(media_type), n);
            sqlx::query("UPDATE vault_items SET size = COALESCE($2, size), sha256 = COALESCE($3, sha256), \
                         media_type = COALESCE($4, media_type) WHERE id = $1")
                .bind(id).bind(size).bind(sha256).bind(media_type)
                .execute(&mut *tx).await?;
        }
        let shares: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT item_id, share_with FROM vault_consents WHERE {SHARES}")))
            .bind(&like).fetch_all(&mut *tx).await?;
        for (id, share_with) in &shares {
            if let Some(sealed) = reseal(owners::consent_share_with(id), Some(share_with), &mut done.share_lists) {
                sqlx::query("UPDATE vault_consents SET share_with = $2 WHERE item_id = $1")
                    .bind(id).bind(sealed).execute(&mut *tx).await?;
            }
        }
        let entries: Vec<EntryMeta> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT case_id, seq, reason, item_sha256 FROM vault_custody WHERE {ENTRIES}")))
            .bind(&like).fetch_all(&mut *tx).await?;
        for (case_id, seq, reason, item_sha256) in &entries {
            let n = &mut done.custody_values;
            let reason = reseal(owners::custody(case_id, "reason"), Some(reason), n);
            let sha = reseal(owners::custody(case_id, "item_sha256"), item_sha256.as_deref(), n);
            sqlx::query("UPDATE vault_custody SET reason = COALESCE($3, reason), item_sha256 = COALESCE($4, item_sha256) \
                         WHERE case_id = $1 AND seq = $2")
                .bind(case_id).bind(seq).bind(reason).bind(sha)
                .execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(done)
    })
}

/// Hands one non-empty [`SealedValue::Field`] to `f`; its new form when it changed.
fn rewrap_value<E>(
    f: &(dyn Fn(SealedValue<'_>) -> std::result::Result<String, E> + Sync),
    owner: &str,
    sealed: Option<&str>,
    done: &mut Rewrapped,
) -> std::result::Result<Option<String>, RewrapError<E>> {
    let Some(sealed) = sealed.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let new = f(SealedValue::Field { owner, sealed }).map_err(RewrapError::Value)?;
    if new == sealed {
        return Ok(None);
    }
    done.metadata += 1;
    Ok(Some(new))
}

/// One sealed value handed to [`rewrap_all`]'s callback, with what it is bound to.
#[derive(Debug, Clone, Copy)]
pub enum SealedValue<'a> {
    /// A case's sealed title (base64).
    CaseTitle { case_id: &'a str, sealed: &'a str },
    /// An item's sealed field (base64): a file's name or a testimony.
    ItemField { item_id: &'a str, sealed: &'a str },
    /// Any other sealed value (a file's size, SHA-256 or media type, the organisations a
    /// consent names, a custody entry's reason or item hash) and the owner it is sealed for.
    Field { owner: &'a str, sealed: &'a str },
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
    /// [`SealedValue::Field`]s.
    pub metadata: usize,
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

/// Replaces every sealed case title, sealed item field, other sealed value and wrapped blob
/// key by what `f`
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
        sqlx::query("UPDATE vault_consents SET share_with = share_with").execute(&mut *tx).await?;
        sqlx::query("UPDATE vault_custody SET reason = reason").execute(&mut *tx).await?;
        sqlx::query("UPDATE vault_item_warnings SET sealed = sealed").execute(&mut *tx).await?;
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
        let metas: Vec<ItemMeta> =
            sqlx::query_as("SELECT id, size, sha256, media_type FROM vault_items ORDER BY id")
                .fetch_all(&mut *tx).await?;
        for (id, size, sha256, media_type) in &metas {
            let [size, sha256, media_type] = [
                rewrap_value(f, &owners::item_file(id, "size"), size.as_deref(), &mut done)?,
                rewrap_value(f, &owners::item_file(id, "sha256"), sha256.as_deref(), &mut done)?,
                rewrap_value(f, &owners::item_file(id, "media_type"), Some(media_type), &mut done)?,
            ];
            if size.is_some() || sha256.is_some() || media_type.is_some() {
                sqlx::query("UPDATE vault_items SET size = COALESCE($2, size), sha256 = COALESCE($3, sha256), \
                             media_type = COALESCE($4, media_type) WHERE id = $1")
                    .bind(id).bind(size).bind(sha256).bind(media_type)
                    .execute(&mut *tx).await?;
            }
        }
        let shares: Vec<(String, String)> =
            sqlx::query_as("SELECT item_id, share_with FROM vault_consents ORDER BY item_id")
                .fetch_all(&mut *tx).await?;
        for (id, share_with) in &shares {
            let owner = owners::consent_share_with(id);
            if let Some(new) = rewrap_value(f, &owner, Some(share_with), &mut done)? {
                sqlx::query("UPDATE vault_consents SET share_with = $2 WHERE item_id = $1")
                    .bind(id).bind(new)
                    .execute(&mut *tx).await?;
            }
        }
        let entries: Vec<EntryMeta> =
            sqlx::query_as("SELECT case_id, seq, reason, item_sha256 FROM vault_custody ORDER BY case_id, seq")
                .fetch_all(&mut *tx).await?;
        for (case_id, seq, reason, item_sha256) in &entries {
            let reason = rewrap_value(f, &owners::custody(case_id, "reason"), Some(reason), &mut done)?;
            let sha = rewrap_value(f, &owners::custody(case_id, "item_sha256"), item_sha256.as_deref(), &mut done)?;
            if reason.is_some() || sha.is_some() {
                sqlx::query("UPDATE vault_custody SET reason = COALESCE($3, reason), item_sha256 = COALESCE($4, item_sha256) \
                             WHERE case_id = $1 AND seq = $2")
                    .bind(case_id).bind(seq).bind(reason).bind(sha)
                    .execute(&mut *tx).await?;
            }
        }
        let warnings: Vec<(String, String)> =
            sqlx::query_as("SELECT item_id, sealed FROM vault_item_warnings ORDER BY item_id")
                .fetch_all(&mut *tx).await?;
        for (id, sealed) in &warnings {
            if let Some(new) = rewrap_value(f, &owners::item_warning(id), Some(sealed), &mut done)? {
                sqlx::query("UPDATE vault_item_warnings SET sealed = $2 WHERE item_id = $1")
                    .bind(id).bind(new)
                    .execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(done)
    })
}
