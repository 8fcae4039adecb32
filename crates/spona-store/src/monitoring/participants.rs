//! Organisations taking part in monitoring: only they (and the state's status, entered by
//! platform admins) assess recommendations.

use crate::{Db, Result, Tx, now, on_db, on_tx};

/// Adds an organisation to the participants (nothing if it is one already).
pub async fn add_in(tx: &mut Tx, org_id: &str, added_by: Option<&str>) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO monitoring_participants (org_id, added_by, added_at) VALUES ($1, $2, $3) \
         ON CONFLICT (org_id) DO NOTHING")
        .bind(org_id).bind(added_by).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes an organisation from the participants; its assessments stay (they are history).
pub async fn remove_in(tx: &mut Tx, org_id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM monitoring_participants WHERE org_id = $1")
        .bind(org_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether an organisation takes part.
pub async fn is_participant(db: &Db, org_id: &str) -> Result<bool> {
    let n: i64 = on_db!(db, p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM monitoring_participants WHERE org_id = $1")
        .bind(org_id).fetch_one(p).await)?;
    Ok(n > 0)
}

/// The participating organisations' ids, ordered.
pub async fn all(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT org_id FROM monitoring_participants ORDER BY org_id").fetch_all(p).await)?)
}
