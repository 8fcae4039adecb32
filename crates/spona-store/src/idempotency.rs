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
