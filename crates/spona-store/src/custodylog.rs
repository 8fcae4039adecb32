//! The vault's custody tree (issue 24 item 4): one private RFC 6962 Merkle tree whose leaves
//! are the custody entries of every vault case (case, number, hash), appended by
//! [`append_conn`] inside the transaction that appends the entry (`vault::append_custody!`).
//! Its leaves are never published; its signed checkpoints are. The arithmetic is
//! `spona_tlog`'s, the tables mirror the public log's (`publog`).

use std::collections::HashMap;

use spona_tlog::merkle::{self, Hash, NodeId, leaf_hash};

use crate::publog::{CheckpointRow, nodes_of, parse_hash};
use crate::{Db, Result, StoreError, on_db, on_tx};

/// A connection inside an open transaction, of either database (what `append_custody!`
/// holds).
pub enum Conn<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl<'a> From<&'a mut sqlx::SqliteConnection> for Conn<'a> {
    fn from(c: &'a mut sqlx::SqliteConnection) -> Self {
        Conn::Sqlite(c)
    }
}

impl<'a> From<&'a mut sqlx::PgConnection> for Conn<'a> {
    fn from(c: &'a mut sqlx::PgConnection) -> Self {
        Conn::Postgres(c)
    }
}

macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            Conn::Sqlite(inner) => {
                let $c: &mut sqlx::SqliteConnection = &mut **inner;
                $body
            }
            Conn::Postgres(inner) => {
                let $c: &mut sqlx::PgConnection = &mut **inner;
                $body
            }
        }
    };
}

/// The bytes a custody leaf hashes: `spona-custody-leaf/v1`, the case, the entry's number
/// and its hash, one per line.
pub fn leaf_bytes(case_id: &str, entry_seq: i64, entry_hash: &str) -> Vec<u8> {
    format!("spona-custody-leaf/v1\n{case_id}\n{entry_seq}\n{entry_hash}\n").into_bytes()
}

fn corrupt(what: String) -> StoreError {
    StoreError::Config(format!("custody tree damaged: {what}"))
}

/// Appends the leaf of custody entry `entry_seq` of `case_id` (hash `entry_hash`) in the
/// open transaction; returns its position in the tree. Bumping the head first serialises
/// appends, as the public log's do.
pub async fn append_conn(
    mut conn: Conn<'_>,
    case_id: &str,
    entry_seq: i64,
    entry_hash: &str,
) -> Result<i64> {
    let conn = &mut conn;
    let size: i64 = on_conn!(conn, c => sqlx::query_scalar(
        "UPDATE custody_tree_head SET size = size + 1 WHERE id = 1 RETURNING size")
        .fetch_one(&mut *c).await)?;
    let seq = size - 1;
    let leaf = leaf_hash(&leaf_bytes(case_id, entry_seq, entry_hash));
    let mut have = HashMap::new();
    for id in merkle::append_needs(seq as u64) {
        let h: Option<String> = on_conn!(conn, c => sqlx::query_scalar(
            "SELECT hash FROM custody_tree_nodes WHERE level = $1 AND idx = $2")
            .bind(i64::from(id.level)).bind(id.index as i64)
            .fetch_optional(&mut *c).await)?;
        let h = h.ok_or_else(|| corrupt(format!("node {}/{} missing", id.level, id.index)))?;
        have.insert(id, parse_hash(&h)?);
    }
    let nodes =
        merkle::append_nodes(seq as u64, leaf, &have).map_err(|e| corrupt(e.to_string()))?;
    on_conn!(conn, c => sqlx::query(
        "INSERT INTO custody_tree_leaves (seq, case_id, entry_seq, entry_hash, leaf) \
         VALUES ($1, $2, $3, $4, $5)")
        .bind(seq).bind(case_id).bind(entry_seq).bind(entry_hash).bind(hex::encode(leaf))
        .execute(&mut *c).await.map(|_| ()))?;
    for (id, h) in nodes {
        on_conn!(conn, c => sqlx::query(
            "INSERT INTO custody_tree_nodes (level, idx, hash) VALUES ($1, $2, $3)")
            .bind(i64::from(id.level)).bind(id.index as i64).bind(hex::encode(h))
            .execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(seq)
}

/// One leaf as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Leaf {
    pub seq: i64,
    pub case_id: String,
    pub entry_seq: i64,
    pub entry_hash: String,
    pub leaf: String,
}

/// Custody entries without a leaf (older than the tree), oldest first: (case, number, hash).
pub async fn missing(db: &Db) -> Result<Vec<(String, i64, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT c.case_id, c.seq, c.hash FROM vault_custody c \
         LEFT JOIN custody_tree_leaves l ON l.case_id = c.case_id AND l.entry_seq = c.seq \
         WHERE l.seq IS NULL ORDER BY c.at_ms, c.case_id, c.seq")
        .fetch_all(p).await)?)
}

/// Appends leaves for `entries` (from [`missing`]) in one transaction.
pub async fn backfill(db: &Db, entries: &[(String, i64, String)]) -> Result<()> {
    let mut tx = db.begin().await?;
    for (case_id, seq, hash) in entries {
        on_tx!(&mut tx, c => append_conn(Conn::from(&mut *c), case_id, *seq, hash).await)?;
    }
    tx.commit().await
}

/// The number of leaves committed.
pub async fn size(db: &Db) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT size FROM custody_tree_head WHERE id = 1").fetch_one(p).await)?)
}

/// The stored nodes `ids` (all must exist).
pub async fn nodes(db: &Db, ids: &[NodeId]) -> Result<HashMap<NodeId, Hash>> {
    nodes_of(db, "custody_tree_nodes", ids).await
}

/// The root of the first `size` leaves.
pub async fn root(db: &Db, size: u64) -> Result<Hash> {
    let have = nodes(db, &merkle::tree_hash_nodes(size)).await?;
    merkle::tree_hash(size, &have).map_err(|e| corrupt(e.to_string()))
}

/// Every leaf, in order.
pub async fn leaves(db: &Db) -> Result<Vec<Leaf>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Leaf>(
        "SELECT seq, case_id, entry_seq, entry_hash, leaf FROM custody_tree_leaves ORDER BY seq")
        .fetch_all(p).await)?)
}

/// Every stored node.
pub async fn all_nodes(db: &Db) -> Result<HashMap<NodeId, Hash>> {
    let rows: Vec<(i64, i64, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT level, idx, hash FROM custody_tree_nodes").fetch_all(p).await)?;
    rows.into_iter()
        .map(|(l, i, h)| {
            Ok((
                NodeId {
                    level: l as u32,
                    index: i as u64,
                },
                parse_hash(&h)?,
            ))
        })
        .collect()
}

/// The newest signed checkpoint.
pub async fn latest_checkpoint(db: &Db) -> Result<Option<CheckpointRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CheckpointRow>(
        "SELECT size, at, root, note FROM custody_tree_checkpoints ORDER BY size DESC LIMIT 1")
        .fetch_optional(p).await)?)
}

/// Every signed checkpoint, oldest first.
pub async fn checkpoints(db: &Db) -> Result<Vec<CheckpointRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CheckpointRow>(
        "SELECT size, at, root, note FROM custody_tree_checkpoints ORDER BY size")
        .fetch_all(p).await)?)
}

/// Keeps a signed checkpoint (a second one for the same size is ignored).
pub async fn save_checkpoint(db: &Db, c: &CheckpointRow) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO custody_tree_checkpoints (size, at, root, note) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (size) DO NOTHING")
        .bind(c.size).bind(c.at).bind(&c.root).bind(&c.note).execute(p).await.map(|_| ()))?;
    Ok(())
}
