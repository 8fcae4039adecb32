//! Pieces of a large vault item's ciphertext (migration 0240): staged per partner and
//! transfer as they arrive, bound to the item once its `vault-item` packet holds, read back
//! one at a time (download, `custody verify`).

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A chunk as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StagedChunk {
    pub partner_id: String,
    pub transfer: String,
    pub idx: i64,
    pub chunk_count: i64,
    pub sha256: String,
    /// Base64.
    pub bytes: String,
    pub packet_id: String,
    pub received_at: i64,
    pub item_id: Option<String>,
}

const CHUNK: &str = "SELECT partner_id, transfer, idx, chunk_count, sha256, bytes, packet_id, \
    received_at, item_id FROM federation_vault_chunks";

/// Stages a chunk; false when the transfer has this index already.
pub async fn stage_in(tx: &mut Tx, c: &StagedChunk) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_chunks (partner_id, transfer, idx, chunk_count, sha256, \
         bytes, packet_id, received_at, item_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL) \
         ON CONFLICT (partner_id, transfer, idx) DO NOTHING")
        .bind(&c.partner_id).bind(&c.transfer).bind(c.idx).bind(c.chunk_count)
        .bind(&c.sha256).bind(&c.bytes).bind(&c.packet_id).bind(c.received_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(n > 0)
}

/// How many chunks of the transfer are staged (not bound to an item), and how many of them
/// name `count` as their count.
pub async fn staged_count_in(
    tx: &mut Tx,
    partner_id: &str,
    transfer: &str,
    count: i64,
) -> Result<(i64, i64)> {
    let (all, agreeing): (i64, Option<i64>) = on_tx!(tx, x => sqlx::query_as(
        "SELECT COUNT(*), SUM(CASE WHEN chunk_count = $3 THEN 1 ELSE 0 END) \
         FROM federation_vault_chunks \
         WHERE partner_id = $1 AND transfer = $2 AND item_id IS NULL")
        .bind(partner_id).bind(transfer).bind(count)
        .fetch_one(&mut *x).await)?;
    Ok((all, agreeing.unwrap_or(0)))
}

/// One staged chunk of the transfer.
pub async fn staged_in(
    tx: &mut Tx,
    partner_id: &str,
    transfer: &str,
    idx: i64,
) -> Result<Option<StagedChunk>> {
    let q =
        format!("{CHUNK} WHERE partner_id = $1 AND transfer = $2 AND idx = $3 AND item_id IS NULL");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, StagedChunk>(sqlx::AssertSqlSafe(q))
        .bind(partner_id).bind(transfer).bind(idx).fetch_optional(&mut *x).await)?,
    )
}

/// Binds the transfer's staged chunks to the item stored from them; how many.
pub async fn bind_in(tx: &mut Tx, partner_id: &str, transfer: &str, item_id: &str) -> Result<u64> {
    Ok(on_tx!(tx, x => sqlx::query(
        "UPDATE federation_vault_chunks SET item_id = $3 \
         WHERE partner_id = $1 AND transfer = $2 AND item_id IS NULL")
        .bind(partner_id).bind(transfer).bind(item_id)
        .execute(&mut *x).await.map(|r| r.rows_affected()))?)
}

/// Deletes the transfer's staged chunks (its item was refused); how many.
pub async fn discard_in(tx: &mut Tx, partner_id: &str, transfer: &str) -> Result<u64> {
    Ok(on_tx!(tx, x => sqlx::query(
        "DELETE FROM federation_vault_chunks \
         WHERE partner_id = $1 AND transfer = $2 AND item_id IS NULL")
        .bind(partner_id).bind(transfer)
        .execute(&mut *x).await.map(|r| r.rows_affected()))?)
}

/// How many chunks hold a stored item's bytes (0: they are in its `ciphertext`).
pub async fn item_count(db: &Db, item_id: &str) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM federation_vault_chunks WHERE item_id = $1")
        .bind(item_id).fetch_one(p).await)?)
}

/// One chunk of a stored item.
pub async fn item_chunk(db: &Db, item_id: &str, idx: i64) -> Result<Option<StagedChunk>> {
    let q = format!("{CHUNK} WHERE item_id = $1 AND idx = $2");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, StagedChunk>(sqlx::AssertSqlSafe(q))
        .bind(item_id).bind(idx).fetch_optional(p).await)?,
    )
}

/// Every chunk staged or bound (tests and the packet log's figures).
pub async fn count_all(db: &Db) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM federation_vault_chunks")
        .fetch_one(p).await)?)
}
