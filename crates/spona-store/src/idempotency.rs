//! One-time keys of form posts that create something (see migration 0003).

use crate::{Db, Result, now, on_db, token_hash};

/// A create form's one-time key, claimed inside the create's own transaction (see
/// [`claim_once!`](crate::claim_once)): the key and what it created commit together or not
/// at all.
#[derive(Debug, Clone)]
pub struct Once {
    pub key: String,
    pub user_id: Option<String>,
    /// Where the answer points, with `{id}` standing for the new object's id.
    pub location: String,
}

impl Once {
    pub fn location_of(&self, id: &str) -> String {
        self.location.replace("{id}", id)
    }
}

/// Claims `$once` (an [`Once`]) on the transaction `$tx` for the object `$id`; returns
/// early from the enclosing block with [`StoreError::Replay`](crate::StoreError::Replay)
/// when the key was used already (the transaction is dropped, so nothing is written). Two
/// posts with one key wait on each other: the second sees the first's location once it
/// commits.
#[macro_export]
macro_rules! claim_once {
    ($tx:expr, $once:expr, $id:expr) => {{
        let once: &$crate::idempotency::Once = $once;
        let hash = $crate::token_hash(&once.key);
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (key_hash, user_id, created_at, location) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING",
        )
        .bind(&hash)
        .bind(once.user_id.as_deref())
        .bind($crate::now())
        .bind(once.location_of($id))
        .execute($tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            let row: Option<(String, Option<String>)> = sqlx::query_as(
                "SELECT location, user_id FROM idempotency_keys WHERE key_hash = $1",
            )
            .bind(&hash)
            .fetch_optional($tx)
            .await?;
            return Err(match row {
                Some((location, owner)) if owner == once.user_id && !location.is_empty() => {
                    $crate::StoreError::Replay(location)
                }
                _ => $crate::StoreError::Conflict("once".to_owned()),
            });
        }
    }};
}

/// Keys are kept for a day; a retry comes within minutes.
pub const KEEP_SECONDS: i64 = 60 * 60 * 24;

/// Where the answer to a committed post with this key pointed, if the key is the user's
/// and its post committed (a retry is answered with it before anything else is checked).
pub async fn answered(db: &Db, key: &str, user_id: Option<&str>) -> Result<Option<String>> {
    let row: Option<(String, Option<String>)> = on_db!(db, p => sqlx::query_as(
        "SELECT location, user_id FROM idempotency_keys WHERE key_hash = $1")
        .bind(token_hash(key)).fetch_optional(p).await)?;
    Ok(row.and_then(|(location, owner)| {
        (owner.as_deref() == user_id && !location.is_empty()).then_some(location)
    }))
}

/// Drops keys older than [`KEEP_SECONDS`].
pub async fn purge(db: &Db) -> Result<u64> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now() - KEEP_SECONDS).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Claims `once` for the object `id` inside `tx` (see [`claim_once!`](crate::claim_once)):
/// [`StoreError::Replay`](crate::StoreError::Replay) when the key was used already, and
/// the caller drops its transaction.
pub async fn claim_in(tx: &mut crate::Tx, once: &Once, id: &str) -> Result<()> {
    crate::on_tx!(tx, c => {
        crate::claim_once!(&mut *c, once, id);
        Ok::<_, crate::StoreError>(())
    })
}
