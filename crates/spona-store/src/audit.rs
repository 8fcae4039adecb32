//! The audit log: who did what to which object, and when. Append-only.

use crate::{Db, Result, Tx, new_id, now, on_db, on_tx};

/// One entry of the audit log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub id: String,
    pub at: i64,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub detail: String,
}

/// An entry to append. `detail` never holds secrets, e-mail addresses typed at sign-in or
/// free text from a vault or referral.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub detail: String,
}

pub async fn record(db: &Db, event: Event<'_>) -> Result<()> {
    let mut tx = db.begin().await?;
    record_in(&mut tx, event).await?;
    tx.commit().await
}

/// Appends the entry inside a use case's transaction: it commits with the change it records.
pub async fn record_in(tx: &mut Tx, event: Event<'_>) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, target_kind, target_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_id()).bind(now()).bind(event.actor_id).bind(event.action)
        .bind(event.target_kind).bind(event.target_id).bind(event.detail)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Newest first, `limit` entries from `offset`, optionally only one action.
pub async fn list(db: &Db, action: Option<&str>, limit: i64, offset: i64) -> Result<Vec<Entry>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Entry>(
        "SELECT a.id, a.at, a.actor_id, u.display_name AS actor_name, a.action, a.target_kind, \
         a.target_id, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE ($1 IS NULL OR a.action = $1) ORDER BY a.id DESC LIMIT $2 OFFSET $3")
        .bind(action).bind(limit).bind(offset).fetch_all(p).await)?)
}

pub async fn count(db: &Db, action: Option<&str>) -> Result<i64> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE ($1 IS NULL OR action = $1)")
        .bind(action).fetch_one(p).await)?;
    Ok(n)
}
