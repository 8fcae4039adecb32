//! The public log (issue 24): every publication, change and withdrawal of a public object
//! appends an entry in the transaction of the change ([`record_in`]); the server signs a
//! checkpoint of the tree when it has grown ([`checkpoint`]); anyone reads entries,
//! inclusion proofs and consistency proofs. Everything here is public: the log holds kinds,
//! public ids, hashes and times, never names of people or contents.

pub mod backfill;
pub mod backfill_kinds;
pub mod custody;
pub mod key;
pub mod versions;

use sha2::{Digest, Sha256};
use spona_store::publog::{self as store, CheckpointRow, NewEntry, Row};
use spona_store::{Db, Tx};
use spona_tlog::Checkpoint;
use spona_tlog::merkle;

pub use backfill::backfill;
pub use key::LogKey;

use crate::{Error, Result};

/// Kinds of logged objects.
pub mod kind {
    pub const ORG: &str = "org";
    pub const RESOURCE: &str = "resource";
    pub const JOINT_TEXT: &str = "joint-text";
    pub const ASSESSMENT: &str = "assessment";
    pub const EVENT: &str = "event";
    pub const SERVICE: &str = "service";
}

/// SHA-256 (hex) of what was published.
pub fn version_of(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Appends an entry to the public log inside the change's transaction.
pub async fn record_in(
    tx: &mut Tx,
    kind: &str,
    object: &str,
    action: &str,
    version: &str,
) -> Result<i64> {
    let seq = store::append_in(
        tx,
        NewEntry {
            kind,
            object,
            action,
            version,
            at: spona_store::now(),
        },
    )
    .await?;
    spona_store::tx::fault_point("publog.appended")?;
    Ok(seq)
}

/// The checkpoint of a tree of `size` entries with root `root`, signed by `key`, as stored
/// (the public log's and the custody tree's alike).
pub(crate) fn signed_row(key: &LogKey, size: i64, root: [u8; 32]) -> Result<CheckpointRow> {
    let cp = Checkpoint {
        origin: key.origin().to_owned(),
        size: size as u64,
        root,
        extensions: Vec::new(),
    };
    let note = key.sign(&cp).map_err(|e| Error::Internal(e.into()))?;
    Ok(CheckpointRow {
        size,
        at: spona_store::now(),
        root: hex::encode(root),
        note,
    })
}

/// The latest signed checkpoint, signing a new one first when the log has grown since (or
/// none was ever signed).
pub async fn checkpoint(db: &Db, key: &LogKey) -> Result<CheckpointRow> {
    let size = store::size(db).await?;
    let latest = store::latest_checkpoint(db).await?;
    if let Some(c) = latest
        && c.size >= size
    {
        return Ok(c);
    }
    let root = store::root(db, size as u64).await?;
    store::save_checkpoint(db, &signed_row(key, size, root)?).await?;
    store::latest_checkpoint(db)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("checkpoint not kept")))
}

/// The latest signed checkpoint, if any.
pub async fn latest(db: &Db) -> Result<Option<CheckpointRow>> {
    Ok(store::latest_checkpoint(db).await?)
}

/// An entry with the audit path to a signed tree.
#[derive(Debug, Clone)]
pub struct Inclusion {
    pub entry: Row,
    pub tree_size: i64,
    /// Hex root of the tree of `tree_size` entries.
    pub root: String,
    /// Hex hashes, leaf to root.
    pub proof: Vec<String>,
}

/// The proof that entry `seq` is in the tree of `size` entries (default: the latest
/// checkpoint's). [`Error::NotFound`] for no such entry, [`Error::Conflict`] for a size
/// the entry is not in or the log has not reached (the log's state decides, not the request's form).
pub async fn inclusion(db: &Db, seq: i64, size: Option<i64>) -> Result<Inclusion> {
    let entry = store::entry(db, seq).await?.ok_or(Error::NotFound)?;
    let size = match size {
        Some(s) => s,
        None => latest(db)
            .await?
            .map(|c| c.size)
            .ok_or(Error::Conflict("tlog-err-size"))?,
    };
    if size <= seq || size > store::size(db).await? {
        return Err(Error::Conflict("tlog-err-size"));
    }
    let ids = merkle::inclusion_nodes(seq as u64, size as u64)
        .map_err(|_| Error::Conflict("tlog-err-size"))?;
    let mut ids = ids;
    ids.extend(merkle::tree_hash_nodes(size as u64));
    let have = store::nodes(db, &ids).await?;
    let proof = merkle::inclusion_proof(seq as u64, size as u64, &have)
        .map_err(|e| Error::Internal(e.into()))?;
    let root = merkle::tree_hash(size as u64, &have).map_err(|e| Error::Internal(e.into()))?;
    Ok(Inclusion {
        entry,
        tree_size: size,
        root: hex::encode(root),
        proof: proof.iter().map(hex::encode).collect(),
    })
}

/// The consistency proof from the tree of `old` entries to the tree of `new` (hex hashes).
/// [`Error::Conflict`] when the log holds no such pair of trees.
pub async fn consistency(db: &Db, old: i64, new: i64) -> Result<Vec<String>> {
    if old < 1 || old > new || new > store::size(db).await? {
        return Err(Error::Conflict("tlog-err-size"));
    }
    let ids = merkle::consistency_nodes(old as u64, new as u64)
        .map_err(|_| Error::Conflict("tlog-err-size"))?;
    let have = store::nodes(db, &ids).await?;
    let proof = merkle::consistency_proof(old as u64, new as u64, &have)
        .map_err(|e| Error::Internal(e.into()))?;
    Ok(proof.iter().map(hex::encode).collect())
}

/// Up to `limit` (at most 1,000) entries from `from` on.
pub async fn entries(db: &Db, from: i64, limit: i64) -> Result<Vec<Row>> {
    Ok(store::entries(db, from.max(0), limit.clamp(1, 1000)).await?)
}

/// The newest `limit` entries, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Row>> {
    Ok(store::recent(db, limit.clamp(1, 1000)).await?)
}

/// Every entry about one object, oldest first.
pub async fn of_object(db: &Db, kind: &str, object: &str) -> Result<Vec<Row>> {
    Ok(store::of_object(db, kind, object).await?)
}

/// The logged object a public page shows: `/orgs/{slug}`, `/texts/{id}`, `/resources/{id}`,
/// `/events/{id}`, `/services/{id}` and `/monitoring/recommendations/{id}[/assessments]`.
pub fn object_of_path(path: &str) -> Option<(&'static str, String)> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/');
    let one = |prefix: &str| {
        path.strip_prefix(prefix)
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_owned)
    };
    if let Some(slug) = one("/orgs/") {
        return Some((kind::ORG, slug));
    }
    if let Some(id) = one("/texts/") {
        return Some((kind::JOINT_TEXT, id));
    }
    for (prefix, k) in [
        ("/resources/", kind::RESOURCE),
        ("/events/", kind::EVENT),
        ("/services/", kind::SERVICE),
        ("/monitoring/recommendations/", kind::ASSESSMENT),
    ] {
        if let Some(id) = one(prefix).filter(|id| id != "new" && id != "import") {
            return Some((k, id));
        }
    }
    let assessments = path
        .strip_prefix("/monitoring/recommendations/")
        .and_then(|rest| rest.strip_suffix("/assessments"))
        .filter(|id| !id.is_empty() && !id.contains('/'));
    if let Some(id) = assessments {
        return Some((kind::ASSESSMENT, id.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_pages_name_their_objects() {
        assert_eq!(
            object_of_path("/orgs/mreza/"),
            Some((kind::ORG, "mreza".into()))
        );
        assert_eq!(
            object_of_path("/texts/0192-ab?lang=uk"),
            Some((kind::JOINT_TEXT, "0192-ab".into()))
        );
        assert_eq!(object_of_path("/orgs/mreza/edit"), None);
        assert_eq!(object_of_path("/orgs/"), None);
        assert_eq!(
            object_of_path("/monitoring/recommendations/r1/assessments"),
            Some((kind::ASSESSMENT, "r1".into()))
        );
        assert_eq!(
            object_of_path("/services/s1"),
            Some((kind::SERVICE, "s1".into()))
        );
        assert_eq!(object_of_path("/events/new"), None);
    }
}
