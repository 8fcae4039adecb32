//! Files of an event (migration 0082): materials before it, the report's materials after it.

use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

use super::{CHUNK, placeholders};

/// A file of an event: material before it, or the report's material after it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Material {
    pub id: String,
    pub event_id: String,
    /// `before` or `after`.
    pub phase: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub active_content: String,
    pub created_at: i64,
}

const MATERIAL_COLS: &str =
    "id, event_id, phase, filename, media_type, size, sha256, active_content, created_at";

/// Records a stored file as the event's material and counts it against `charge`'s quotas,
/// in one transaction: a quota passed leaves nothing recorded. SEQUENCE goes up (the
/// calendar files list the materials).
pub async fn add_material_in(
    tx: &mut Tx,
    m: &Material,
    author_id: &str,
    charge: &crate::quota::Charge,
) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE events SET sequence = sequence + 1, updated_at = $2 WHERE id = $1")
            .bind(&m.event_id).bind(m.created_at)
            .execute(&mut *c).await.map(|r| r.rows_affected())?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO event_materials ({MATERIAL_COLS}, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")))
            .bind(&m.id).bind(&m.event_id).bind(&m.phase).bind(&m.filename).bind(&m.media_type)
            .bind(m.size).bind(&m.sha256).bind(&m.active_content).bind(m.created_at)
            .bind(author_id)
            .execute(&mut *c).await?;
        crate::quota::charge!(c, charge);
        Ok::<_, StoreError>(())
    })
}

/// The materials of an event, oldest first.
pub async fn materials(db: &Db, event_id: &str) -> Result<Vec<Material>> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Material>(sqlx::AssertSqlSafe(format!(
        "SELECT {MATERIAL_COLS} FROM event_materials WHERE event_id = $1 ORDER BY created_at, id")))
        .bind(event_id).fetch_all(p).await)?,
    )
}

/// The materials of the events in `ids` (in chunks, as `organisers`), for feeds.
pub async fn materials_of(db: &Db, ids: &[String]) -> Result<Vec<Material>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT {MATERIAL_COLS} FROM event_materials WHERE event_id IN ({}) \
             ORDER BY created_at, id",
            placeholders(chunk.len())
        );
        let rows = on_db!(db, p => {
            let mut q = sqlx::query_as::<_, Material>(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

pub async fn material(db: &Db, event_id: &str, id: &str) -> Result<Material> {
    on_db!(db, p => sqlx::query_as::<_, Material>(sqlx::AssertSqlSafe(format!(
        "SELECT {MATERIAL_COLS} FROM event_materials WHERE event_id = $1 AND id = $2")))
        .bind(event_id).bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// Removes a material in `tx`: its row, the bytes it counted against its quotas (its
/// `storage_charges`), and raises the event's SEQUENCE (calendar files list materials).
/// Returns the material as it was.
pub async fn delete_material_in(tx: &mut Tx, event_id: &str, id: &str) -> Result<Material> {
    on_tx!(tx, c => {
        let m = sqlx::query_as::<_, Material>(sqlx::AssertSqlSafe(format!(
            "SELECT {MATERIAL_COLS} FROM event_materials WHERE event_id = $1 AND id = $2")))
            .bind(event_id).bind(id).fetch_optional(&mut *c).await?
            .ok_or(StoreError::NotFound)?;
        // The event's row first (the order every event write takes).
        sqlx::query("UPDATE events SET sequence = sequence + 1, updated_at = $2 WHERE id = $1")
            .bind(event_id).bind(crate::now()).execute(&mut *c).await?;
        sqlx::query(
            "UPDATE storage_usage SET bytes = CASE WHEN bytes > (SELECT s.bytes FROM \
             storage_charges s WHERE s.object_id = $1 AND s.scope = storage_usage.scope) \
             THEN bytes - (SELECT s.bytes FROM storage_charges s WHERE s.object_id = $1 \
             AND s.scope = storage_usage.scope) ELSE 0 END \
             WHERE scope IN (SELECT scope FROM storage_charges WHERE object_id = $1)")
            .bind(id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM storage_charges WHERE object_id = $1")
            .bind(id).execute(&mut *c).await?;
        sqlx::query("DELETE FROM event_materials WHERE id = $1")
            .bind(id).execute(&mut *c).await?;
        Ok::<_, StoreError>(m)
    })
}

/// Whether any stored file other than those already deleted still names these bytes (the
/// attachment store keeps one object per hash, shared by every table that holds files).
pub async fn bytes_in_use(db: &Db, sha256: &str) -> Result<bool> {
    let n: i64 = on_db!(db, p => sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM event_materials WHERE sha256 = $1) \
         + (SELECT COUNT(*) FROM resource_attachments WHERE sha256 = $1) \
         + (SELECT COUNT(*) FROM group_post_files WHERE sha256 = $1) \
         + (SELECT COUNT(*) FROM call_attachments WHERE sha256 = $1)")
        .bind(sha256).fetch_one(p).await)?;
    Ok(n > 0)
}
