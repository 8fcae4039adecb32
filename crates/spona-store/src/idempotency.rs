//! One-time keys of form posts that create something (see migration 0003).

use crate::{Db, Result, now, on_db, token_hash};

/// What a key says about a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: go ahead, then [`complete`] with where the answer points.
    New,
    /// Seen before and finished: answer with a redirect to this location again.
    Done(String),
    /// Seen before and still running (two posts at once): do nothing.
    Running,
}

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

/// Claims a key for a user. Only one post per key gets [`Claim::New`].
pub async fn claim(db: &Db, key: &str, user_id: Option<&str>) -> Result<Claim> {
    let inserted = on_db!(db, p => sqlx::query(
        "INSERT INTO idempotency_keys (key_hash, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key_hash) DO NOTHING")
        .bind(token_hash(key)).bind(user_id).bind(now()).execute(p).await.map(|r| r.rows_affected()))?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let row: Option<(String, Option<String>)> = on_db!(db, p => sqlx::query_as(
        "SELECT location, user_id FROM idempotency_keys WHERE key_hash = $1")
        .bind(token_hash(key)).fetch_optional(p).await)?;
    Ok(match row {
        // Another user's key is not theirs to replay.
        Some((_, owner)) if owner.as_deref() != user_id => Claim::Running,
        Some((location, _)) if !location.is_empty() => Claim::Done(location),
        _ => Claim::Running,
    })
}

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

/// Records where the first answer pointed.
pub async fn complete(db: &Db, key: &str, location: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE idempotency_keys SET location = $1 WHERE key_hash = $2")
        .bind(location).bind(token_hash(key)).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets a key whose post failed, so the form can be sent again with it.
pub async fn release(db: &Db, key: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = $1 AND location = ''")
        .bind(token_hash(key)).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Drops keys older than [`KEEP_SECONDS`].
pub async fn purge(db: &Db) -> Result<u64> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now() - KEEP_SECONDS).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}
