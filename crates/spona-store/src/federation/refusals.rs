//! Packets refused after they were stored or sent (issue 20): a held packet whose checks
//! fail when its turn comes (migration 0158), a packet the partner refused for good, and
//! the savepoints that let one held packet fail without undoing the packet that let it
//! follow.

use std::collections::HashMap;

use crate::{Db, Result, Tx, on_db, on_tx};

/// Opens a savepoint named `name` inside the transaction (SQLite and PostgreSQL alike).
/// `name` must be a fixed identifier of the caller's.
pub async fn savepoint_in(tx: &mut Tx, name: &'static str) -> Result<()> {
    let q = format!("SAVEPOINT {name}");
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(q)).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Undoes everything since the savepoint `name` and drops it; the transaction goes on
/// (on PostgreSQL also after a failed statement).
pub async fn rollback_to_in(tx: &mut Tx, name: &'static str) -> Result<()> {
    let q = format!("ROLLBACK TO SAVEPOINT {name}");
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(q)).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    release_in(tx, name).await
}

/// Keeps what was done since the savepoint `name` and drops it.
pub async fn release_in(tx: &mut Tx, name: &'static str) -> Result<()> {
    let q = format!("RELEASE SAVEPOINT {name}");
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(q)).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A held packet's turn came and its checks failed: it takes its place in the conversation
/// (`accepted`, so that the packets after it proceed) with the reason; nothing of it took
/// effect. False if it was not held.
pub async fn refuse_held_in(tx: &mut Tx, id: &str, reason: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE federation_inbox SET state = 'accepted', refused = $2 \
         WHERE id = $1 AND state = 'held'")
        .bind(id).bind(reason).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Why received packets were refused when their turn came, by id (those of `ids` that were).
pub async fn refused_reasons(db: &Db, ids: &[String]) -> Result<HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let q = format!(
        "SELECT id, refused FROM federation_inbox WHERE refused IS NOT NULL AND id IN ({})",
        marks.join(", ")
    );
    let rows: Vec<(String, String)> = on_db!(db, p => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(q.clone()));
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(p).await
    })?;
    Ok(rows.into_iter().collect())
}

/// The partner refused packet `id` for good when its held turn came: it is `failed` with
/// `reason`. The packets after it stay as they are: the partner went on with them. How
/// many were marked (0 or 1).
pub async fn failed_by_partner_in(
    tx: &mut Tx,
    partner_id: &str,
    id: &str,
    reason: &str,
) -> Result<u64> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE federation_outbox SET state = 'failed', last_error = $3, claimed_until = NULL \
         WHERE id = $1 AND partner_id = $2 AND state IN ('queued', 'delivered')")
        .bind(id).bind(partner_id).bind(reason).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// The packets of conversation `conversation` to a partner that failed, oldest first:
/// `(id, kind, reason)` — what a referral's page tells its worker.
pub async fn failed_in_conversation(
    db: &Db,
    partner_id: &str,
    conversation: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, (String, String, String)>(
        "SELECT id, kind, COALESCE(last_error, '') FROM federation_outbox \
         WHERE partner_id = $1 AND conversation = $2 AND state = 'failed' ORDER BY seq")
        .bind(partner_id).bind(conversation).fetch_all(p).await)?,
    )
}
