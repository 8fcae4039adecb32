//! Signed-in sessions. The cookie holds a random token; the database holds its hash.

use spona_domain::ids::UserId;

use crate::{Db, Result, Tx, new_token, now, on_db, on_tx, token_hash};

/// How long a session lives without use.
pub const IDLE_SECONDS: i64 = 60 * 60 * 12;
/// How long a session lives at most.
pub const ABSOLUTE_SECONDS: i64 = 60 * 60 * 24 * 14;

/// A live session and whose it is.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub mfa_pending: bool,
    pub last_seen_at: i64,
}

/// Starts a session and returns the token for the cookie (never stored in clear).
pub async fn create(db: &Db, user_id: &str, mfa_pending: bool) -> Result<String> {
    let mut tx = db.begin().await?;
    let token = create_in(&mut tx, user_id, mfa_pending).await?;
    tx.commit().await?;
    Ok(token)
}

/// [`create`] inside a use case's transaction.
pub async fn create_in(tx: &mut Tx, user_id: &str, mfa_pending: bool) -> Result<String> {
    let token = new_token();
    let t = now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, mfa_pending, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)")
        .bind(token_hash(&token)).bind(user_id).bind(mfa_pending).bind(t)
        .bind(t + ABSOLUTE_SECONDS).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// The live session for a token, if any. Expired and idle sessions count as absent.
pub async fn find(db: &Db, token: &str) -> Result<Option<Session>> {
    let t = now();
    Ok(on_db!(db, p => sqlx::query_as::<_, Session>(
        "SELECT s.user_id, s.mfa_pending, s.last_seen_at FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT u.disabled")
        .bind(token_hash(token)).bind(t).bind(t - IDLE_SECONDS).fetch_optional(p).await)?)
}

/// Marks a session as used now (called at most once a minute per session).
pub async fn touch(db: &Db, token: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now()).bind(token_hash(token)).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends one session.
pub async fn delete(db: &Db, token: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    delete_in(&mut tx, token).await?;
    tx.commit().await
}

/// [`delete`] inside a use case's transaction.
pub async fn delete_in(tx: &mut Tx, token: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(token_hash(token)).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user ("sign out everywhere", password change, disabling).
pub async fn delete_all_for_user(db: &Db, user_id: &str) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = delete_all_for_user_in(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(n)
}

/// [`delete_all_for_user`] inside a use case's transaction.
pub async fn delete_all_for_user_in(tx: &mut Tx, user_id: &str) -> Result<u64> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Ends every session of a user and voids every outstanding reset or invitation token of
/// theirs: after a password or second-factor change, a reset, or disabling the account.
pub async fn revoke_all_access(db: &Db, user_id: &str, email: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    revoke_all_access_in(&mut tx, user_id, email).await?;
    tx.commit().await
}

/// [`revoke_all_access`] inside a use case's transaction.
pub async fn revoke_all_access_in(tx: &mut Tx, user_id: &str, email: &str) -> Result<()> {
    delete_all_for_user_in(tx, user_id).await?;
    crate::tokens::revoke_for_user_in(tx, user_id, email).await?;
    Ok(())
}

/// How many live sessions a user has (shown on their settings page): neither expired nor
/// idle, the sessions [`find`] would still accept, whether or not purged yet.
pub async fn count_for_user(db: &Db, user_id: &str) -> Result<i64> {
    let t = now();
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2 \
         AND last_seen_at > $3")
        .bind(user_id).bind(t).bind(t - IDLE_SECONDS).fetch_one(p).await)?;
    Ok(n)
}

/// Removes expired sessions; run at start-up and now and then.
pub async fn purge_expired(db: &Db) -> Result<u64> {
    let t = now();
    let n = on_db!(db, p => sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(t).bind(t - IDLE_SECONDS).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}
