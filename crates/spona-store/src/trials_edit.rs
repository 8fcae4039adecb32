//! Changing and deleting what trial monitoring recorded (lane montrial): a case's facts and
//! charges, a hearing, and the deletion of either. Every child row refers to its case or
//! hearing `ON DELETE CASCADE` (migration 0140), so deleting a case removes its charges,
//! organisations, hearings with their sealed notes, observations with their sealed notes
//! and items, and verdicts; deleting a hearing removes its observations.

use crate::trials::{Case, Hearing};
use crate::{Result, Tx, conflict, on_tx};

/// What a case's facts were changed to (its id, organisations and creation stay).
pub async fn update_case_in(tx: &mut Tx, case: &Case, now: i64) -> Result<u64> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE trial_cases SET country = $1, court = $2, case_number = $3, defendants = $4, \
         victims = $5, indicted_on = $6, updated_at = $7 WHERE id = $8")
        .bind(&case.country).bind(&case.court).bind(&case.case_number)
        .bind(case.defendants).bind(case.victims).bind(&case.indicted_on).bind(now)
        .bind(&case.id)
        .execute(&mut *c).await.map(|r| r.rows_affected()).map_err(conflict))?;
    on_tx!(tx, c => sqlx::query("DELETE FROM trial_case_charges WHERE case_id = $1")
        .bind(&case.id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for charge in &case.charges {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO trial_case_charges (case_id, charge) VALUES ($1, $2)")
            .bind(&case.id).bind(charge).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

/// Deletes a case and everything recorded about it; the number of cases deleted (0 or 1).
pub async fn delete_case_in(tx: &mut Tx, case_id: &str) -> Result<u64> {
    Ok(
        on_tx!(tx, c => sqlx::query("DELETE FROM trial_cases WHERE id = $1")
        .bind(case_id).execute(&mut *c).await.map(|r| r.rows_affected()))?,
    )
}

/// What a hearing was changed to (its id, case and creation stay).
pub async fn update_hearing_in(tx: &mut Tx, h: &Hearing) -> Result<u64> {
    Ok(on_tx!(tx, c => sqlx::query(
        "UPDATE trial_hearings SET at = $1, at_local = $2, zone = $3, status = $4, reason = $5, \
         note_sealed = $6 WHERE id = $7 AND case_id = $8")
        .bind(h.at).bind(&h.at_local).bind(&h.zone).bind(&h.status).bind(&h.reason)
        .bind(&h.note_sealed).bind(&h.id).bind(&h.case_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?)
}

/// Deletes a hearing of a case and its observations; the number of hearings deleted.
pub async fn delete_hearing_in(tx: &mut Tx, case_id: &str, hearing_id: &str) -> Result<u64> {
    Ok(on_tx!(tx, c => sqlx::query(
        "DELETE FROM trial_hearings WHERE id = $1 AND case_id = $2")
        .bind(hearing_id).bind(case_id).execute(&mut *c).await.map(|r| r.rows_affected()))?)
}

/// Marks the case changed (a hearing edited or deleted).
pub async fn touch_case_in(tx: &mut Tx, case_id: &str, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE trial_cases SET updated_at = $1 WHERE id = $2")
        .bind(now).bind(case_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
