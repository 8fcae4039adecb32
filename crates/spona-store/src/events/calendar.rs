//! A person's private calendar feed token and the zone they read times in (migrations
//! 0080 and 0081).

use crate::{Db, Result, Tx, now, on_db, on_tx};

/// Sets a person's private feed token (replacing any before it).
pub async fn set_calendar_token_in(tx: &mut Tx, user_id: &str, hash: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
         created_at = excluded.created_at")
        .bind(user_id).bind(hash).bind(now()).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub async fn revoke_calendar_token_in(tx: &mut Tx, user_id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM calendar_tokens WHERE user_id = $1")
        .bind(user_id).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// When the person's feed token was made, if they have one.
pub async fn calendar_token_made(db: &Db, user_id: &str) -> Result<Option<i64>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT created_at FROM calendar_tokens WHERE user_id = $1")
        .bind(user_id).fetch_optional(p).await)?)
}

/// The person whose feed token hashes to `hash`.
pub async fn user_by_calendar_token(db: &Db, hash: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT user_id FROM calendar_tokens WHERE token_hash = $1")
        .bind(hash).fetch_optional(p).await)?)
}

/// The zone a person chose to read times in, if any.
pub async fn saved_zone(db: &Db, user_id: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT zone FROM reader_zones WHERE user_id = $1")
        .bind(user_id).fetch_optional(p).await)?)
}

/// [`saved_zone`] inside a transaction (mail written in it).
pub async fn saved_zone_in(tx: &mut Tx, user_id: &str) -> Result<Option<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, String>(
        "SELECT zone FROM reader_zones WHERE user_id = $1")
        .bind(user_id).fetch_optional(&mut *c).await)?)
}

/// Saves (`Some`) or forgets (`None`) the zone a person reads times in.
pub async fn set_zone_in(tx: &mut Tx, user_id: &str, zone: Option<&str>) -> Result<()> {
    match zone {
        Some(z) => on_tx!(tx, c => sqlx::query(
            "INSERT INTO reader_zones (user_id, zone, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET zone = excluded.zone, \
             updated_at = excluded.updated_at")
            .bind(user_id).bind(z).bind(now()).execute(&mut *c).await.map(|_| ()))?,
        None => on_tx!(tx, c => sqlx::query("DELETE FROM reader_zones WHERE user_id = $1")
            .bind(user_id).execute(&mut *c).await.map(|_| ()))?,
    }
    Ok(())
}
