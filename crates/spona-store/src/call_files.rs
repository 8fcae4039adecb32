//! Files attached to calls (migration 0091): guidelines and forms an applicant needs. The
//! bytes are in the attachment store; rows name them by SHA-256.

use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

/// A file attached to a call.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CallFile {
    pub id: String,
    pub call_id: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub active_content: String,
    pub created_at: i64,
}

const COLS: &str = "id, call_id, filename, media_type, size, sha256, active_content, created_at";

/// Records a stored file as the call's and counts it against `charge`'s quotas in one
/// transaction; the call's SEQUENCE goes up (its calendar entry changed).
pub async fn add_in(
    tx: &mut Tx,
    f: &CallFile,
    author_id: &str,
    charge: &crate::quota::Charge,
) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE calls SET sequence = sequence + 1, updated_at = $2 WHERE id = $1")
            .bind(&f.call_id).bind(f.created_at)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO call_attachments ({COLS}, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")))
            .bind(&f.id).bind(&f.call_id).bind(&f.filename).bind(&f.media_type)
            .bind(f.size).bind(&f.sha256).bind(&f.active_content).bind(f.created_at)
            .bind(author_id)
            .execute(&mut *c).await?;
        crate::quota::charge!(c, charge);
        Ok::<_, StoreError>(())
    })
}

/// The files of a call, oldest first.
pub async fn of_call(db: &Db, call_id: &str) -> Result<Vec<CallFile>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, CallFile>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM call_attachments WHERE call_id = $1 ORDER BY created_at, id")))
        .bind(call_id).fetch_all(p).await)?,
    )
}

pub async fn get(db: &Db, call_id: &str, id: &str) -> Result<CallFile> {
    on_db!(db, p => sqlx::query_as::<_, CallFile>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM call_attachments WHERE call_id = $1 AND id = $2")))
        .bind(call_id).bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}
