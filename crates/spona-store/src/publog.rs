//! The public log's tables (issue 24): entries, the stored subtree hashes and the signed
//! checkpoints. [`append_in`] adds an entry inside the transaction of the change it records;
//! the rest reads. The Merkle arithmetic is `spona_tlog`'s.

use std::collections::HashMap;

use spona_tlog::merkle::{self, Hash, NodeId};

use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

/// One entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub seq: i64,
    pub at: i64,
    pub kind: String,
    pub object: String,
    pub action: String,
    pub version: String,
    pub leaf: String,
}

impl Row {
    /// The entry whose bytes the leaf hashes.
    pub fn entry(&self) -> spona_tlog::Entry {
        spona_tlog::Entry {
            seq: self.seq as u64,
            time: rfc3339(self.at),
            kind: self.kind.clone(),
            object: self.object.clone(),
            action: self.action.clone(),
            version: self.version.clone(),
        }
    }
}

/// A signed checkpoint as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CheckpointRow {
    pub size: i64,
    pub at: i64,
    pub root: String,
    pub note: String,
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(&time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
            ))
            .ok()
        })
        .unwrap_or_else(|| at.to_string())
}

fn corrupt(what: String) -> StoreError {
    StoreError::Config(format!("public log damaged: {what}"))
}

pub(crate) fn parse_hash(hex_text: &str) -> Result<Hash> {
    let mut h = [0u8; 32];
    hex::decode_to_slice(hex_text, &mut h).map_err(|e| corrupt(format!("hash {hex_text}: {e}")))?;
    Ok(h)
}

/// What to append: `version` is the hex SHA-256 of what was published.
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a> {
    pub kind: &'a str,
    pub object: &'a str,
    pub action: &'a str,
    pub version: &'a str,
    pub at: i64,
}

/// Appends an entry in `tx` and returns its sequence number. Bumping the head first takes
/// its row lock (PostgreSQL) or the write lock (SQLite), so appends are serialised and the
/// entry, its nodes and the new size commit or roll back with the change.
pub async fn append_in(tx: &mut Tx, e: NewEntry<'_>) -> Result<i64> {
    let (size,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "UPDATE publog_head SET size = size + 1 WHERE id = 1 RETURNING size")
        .fetch_one(&mut *c).await)?;
    let seq = size - 1;
    let row = Row {
        seq,
        at: e.at,
        kind: e.kind.to_owned(),
        object: e.object.to_owned(),
        action: e.action.to_owned(),
        version: e.version.to_owned(),
        leaf: String::new(),
    };
    let leaf = row.entry().leaf_hash();
    let mut have = HashMap::new();
    for id in merkle::append_needs(seq as u64) {
        let (h,): (String,) = on_tx!(tx, c => sqlx::query_as(
            "SELECT hash FROM publog_nodes WHERE level = $1 AND idx = $2")
            .bind(i64::from(id.level)).bind(id.index as i64)
            .fetch_optional(&mut *c).await)?
        .ok_or_else(|| corrupt(format!("node {}/{} missing", id.level, id.index)))?;
        have.insert(id, parse_hash(&h)?);
    }
    let nodes =
        merkle::append_nodes(seq as u64, leaf, &have).map_err(|err| corrupt(err.to_string()))?;
    let leaf_hex = hex::encode(leaf);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO publog_entries (seq, at, kind, object, action, version, leaf) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(seq).bind(e.at).bind(e.kind).bind(e.object).bind(e.action).bind(e.version)
        .bind(&leaf_hex).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for (id, h) in nodes {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO publog_nodes (level, idx, hash) VALUES ($1, $2, $3)")
            .bind(i64::from(id.level)).bind(id.index as i64).bind(hex::encode(h))
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(seq)
}

/// The number of entries committed.
pub async fn size(db: &Db) -> Result<i64> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT size FROM publog_head WHERE id = 1").fetch_one(p).await)?;
    Ok(n)
}

/// The stored nodes `ids` (all must exist).
pub async fn nodes(db: &Db, ids: &[NodeId]) -> Result<HashMap<NodeId, Hash>> {
    nodes_of(db, "publog_nodes", ids).await
}

/// The stored nodes `ids` of the tree whose nodes are in `table` (a constant name).
pub(crate) async fn nodes_of(
    db: &Db,
    table: &'static str,
    ids: &[NodeId],
) -> Result<HashMap<NodeId, Hash>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(200) {
        let mut sql = format!("SELECT level, idx, hash FROM {table} WHERE ");
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            sql.push_str(&format!(
                "(level = ${} AND idx = ${})",
                2 * i + 1,
                2 * i + 2
            ));
        }
        let rows: Vec<(i64, i64, String)> = on_db!(db, p => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(i64::from(id.level)).bind(id.index as i64);
            }
            q.fetch_all(p).await
        })?;
        for (level, idx, h) in rows {
            out.insert(
                NodeId {
                    level: level as u32,
                    index: idx as u64,
                },
                parse_hash(&h)?,
            );
        }
    }
    if let Some(id) = ids.iter().find(|id| !out.contains_key(id)) {
        return Err(corrupt(format!("node {}/{} missing", id.level, id.index)));
    }
    Ok(out)
}

/// The root hash of the first `size` entries.
pub async fn root(db: &Db, size: u64) -> Result<Hash> {
    let have = nodes(db, &merkle::tree_hash_nodes(size)).await?;
    merkle::tree_hash(size, &have).map_err(|e| corrupt(e.to_string()))
}

const COLUMNS: &str = "seq, at, kind, object, action, version, leaf";

pub async fn entry(db: &Db, seq: i64) -> Result<Option<Row>> {
    let sql = format!("SELECT {COLUMNS} FROM publog_entries WHERE seq = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(seq).fetch_optional(p).await)?,
    )
}

/// Up to `limit` entries from `from` on, in order.
pub async fn entries(db: &Db, from: i64, limit: i64) -> Result<Vec<Row>> {
    let sql = format!("SELECT {COLUMNS} FROM publog_entries WHERE seq >= $1 ORDER BY seq LIMIT $2");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(from).bind(limit).fetch_all(p).await)?,
    )
}

/// The newest `limit` entries, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Row>> {
    let sql = format!("SELECT {COLUMNS} FROM publog_entries ORDER BY seq DESC LIMIT $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(limit).fetch_all(p).await)?,
    )
}

/// Every entry about one object, oldest first.
pub async fn of_object(db: &Db, kind: &str, object: &str) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM publog_entries WHERE kind = $1 AND object = $2 ORDER BY seq"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(kind).bind(object).fetch_all(p).await)?,
    )
}

/// The distinct objects of `kind` the log has entries for.
pub async fn objects_of_kind(db: &Db, kind: &str) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT object FROM publog_entries WHERE kind = $1")
        .bind(kind).fetch_all(p).await)?)
}

/// The newest signed checkpoint.
pub async fn latest_checkpoint(db: &Db) -> Result<Option<CheckpointRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CheckpointRow>(
        "SELECT size, at, root, note FROM publog_checkpoints ORDER BY size DESC LIMIT 1")
        .fetch_optional(p).await)?)
}

/// The checkpoint signed at `size`, if one was.
pub async fn checkpoint_at(db: &Db, size: i64) -> Result<Option<CheckpointRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CheckpointRow>(
        "SELECT size, at, root, note FROM publog_checkpoints WHERE size = $1")
        .bind(size).fetch_optional(p).await)?)
}

/// Keeps a signed checkpoint (a second one for the same size is ignored).
pub async fn save_checkpoint(db: &Db, c: &CheckpointRow) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO publog_checkpoints (size, at, root, note) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (size) DO NOTHING")
        .bind(c.size).bind(c.at).bind(&c.root).bind(&c.note).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every entry's leaf and every stored node recomputed from the entries: the first
/// discrepancy, or `None` when the tables agree (`spona log check`, the crash test). Reads
/// one snapshot (REPEATABLE READ on PostgreSQL), so that a commit landing meanwhile cannot
/// look like a discrepancy.
pub async fn check(db: &Db) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    if let Tx::Postgres(t) = &mut tx {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut **t)
            .await?;
    }
    let (n,): (i64,) = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT size FROM publog_head WHERE id = 1").fetch_one(&mut *c).await)?;
    let sql = format!("SELECT {COLUMNS} FROM publog_entries ORDER BY seq");
    let rows: Vec<Row> = on_tx!(&mut tx, c => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .fetch_all(&mut *c).await)?;
    let stored: Vec<(i64, i64, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT level, idx, hash FROM publog_nodes").fetch_all(&mut *c).await)?;
    let checkpoints: Vec<CheckpointRow> = on_tx!(&mut tx, c => sqlx::query_as::<_, CheckpointRow>(
        "SELECT size, at, root, note FROM publog_checkpoints ORDER BY size")
        .fetch_all(&mut *c).await)?;
    tx.rollback().await?;
    let mut tree = merkle::MemoryTree::new();
    for r in &rows {
        if r.seq != tree.size() as i64 {
            return Ok(Some(format!("entry {} missing", tree.size())));
        }
        let leaf = r.entry().leaf_hash();
        if hex::encode(leaf) != r.leaf {
            return Ok(Some(format!(
                "entry {} does not match its leaf hash",
                r.seq
            )));
        }
        tree.push(leaf);
    }
    if tree.size() as i64 != n {
        return Ok(Some(format!(
            "the head says {n} entries, the table holds {}",
            tree.size()
        )));
    }
    if stored.len() != tree.nodes().len() {
        return Ok(Some(format!(
            "{} stored nodes, {} expected",
            stored.len(),
            tree.nodes().len()
        )));
    }
    for (level, idx, h) in stored {
        let id = NodeId {
            level: level as u32,
            index: idx as u64,
        };
        if tree.nodes().get(&id).map(hex::encode) != Some(h) {
            return Ok(Some(format!("stored node {level}/{idx} is wrong")));
        }
    }
    for c in checkpoints {
        if c.size > n || hex::encode(tree.root(c.size as u64)) != c.root {
            return Ok(Some(format!(
                "checkpoint {} does not match the entries",
                c.size
            )));
        }
    }
    Ok(None)
}

/// The version of the newest entry about an object, read in `tx` (for a withdrawal).
pub async fn last_version_in(tx: &mut Tx, kind: &str, object: &str) -> Result<Option<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT version FROM publog_entries WHERE kind = $1 AND object = $2 ORDER BY seq DESC LIMIT 1")
        .bind(kind).bind(object).fetch_optional(&mut *c).await)?)
}

/// Every assessment as (id, recommendation id), oldest first (the backfill's list).
pub async fn assessment_ids(db: &Db) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, recommendation_id FROM assessments ORDER BY created_at, id").fetch_all(p).await)?)
}

/// The stored hashes of level `level`, indices `from .. from + count`, in order (fewer when
/// the log has not reached them): one tile of C2SP `tlog-tiles`.
pub async fn level_hashes(db: &Db, level: u32, from: i64, count: i64) -> Result<Vec<Hash>> {
    let rows: Vec<String> = on_db!(db, p => sqlx::query_scalar(
        "SELECT hash FROM publog_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx")
        .bind(i64::from(level)).bind(from).bind(from + count).fetch_all(p).await)?;
    rows.iter().map(|h| parse_hash(h)).collect()
}
