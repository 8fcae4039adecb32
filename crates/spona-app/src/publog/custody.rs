//! The vault's custody tree (issue 24 item 4): every custody entry of every vault case is a
//! leaf of one private Merkle tree (`spona_store::custodylog`), appended in the entry's own
//! transaction. Only the tree's signed checkpoint is published (`/log/custody/checkpoint`,
//! note name `<host>/custody`, signed by the log's key); `spona custody verify` checks every
//! chain entry's inclusion against it ([`verify`]) and the tree's consistency with the last
//! checkpoint the verifier saw, so a rewritten entry shows even to someone who could change
//! the database.

use std::collections::HashMap;

use spona_store::Db;
use spona_store::custodylog as store;
use spona_store::publog::CheckpointRow;
use spona_tlog::merkle::{self, Hash, leaf_hash};
use spona_tlog::{Checkpoint, VerifierKey};

use super::LogKey;
use crate::{Error, Result};

/// The custody tree's note name beside the public log's (`host/log` → `host/custody`).
pub fn origin_of(log_origin: &str) -> String {
    let base = log_origin.strip_suffix("/log").unwrap_or(log_origin);
    format!("{base}/custody")
}

/// The log's key under the custody tree's name.
pub fn key_of(log_key: &LogKey) -> Result<LogKey> {
    log_key
        .named(&origin_of(log_key.origin()))
        .map_err(Error::Internal)
}

/// Leaves for custody entries older than the tree (at start); how many.
pub async fn backfill(db: &Db) -> Result<usize> {
    let missing = store::missing(db).await?;
    if !missing.is_empty() {
        store::backfill(db, &missing).await?;
    }
    Ok(missing.len())
}

/// The latest signed checkpoint of the custody tree, signing a new one first when the tree
/// has grown (or none was signed).
pub async fn checkpoint(db: &Db, key: &LogKey) -> Result<CheckpointRow> {
    let size = store::size(db).await?;
    if let Some(c) = store::latest_checkpoint(db).await?
        && c.size >= size
    {
        return Ok(c);
    }
    let root = store::root(db, size as u64).await?;
    store::save_checkpoint(db, &super::signed_row(key, size, root)?).await?;
    store::latest_checkpoint(db)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("checkpoint not kept")))
}

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct Report {
    /// The checkpoint checked against (size, root).
    pub checkpoint: Option<Checkpoint>,
    /// Entries proven included.
    pub proven: usize,
    /// Each problem in words, naming the case and entry.
    pub problems: Vec<String>,
}

/// Checks the custody tree: the signed checkpoint `note` opens with `key`; every stored leaf
/// and node recomputes from the leaves; every stored checkpoint matches the tree; each
/// chain entry `(case, number, hash)` of `chains` has its leaf, with an inclusion proof that
/// verifies against the checkpoint's root; and, given the `seen` checkpoint (the last one
/// the verifier kept), the checkpoint extends it (a consistency proof that verifies).
pub async fn verify(
    db: &Db,
    key: &VerifierKey,
    note: &str,
    chains: &[(String, Vec<(u64, String)>)],
    seen: Option<&Checkpoint>,
) -> Result<Report> {
    let mut report = Report::default();
    let cp = match Checkpoint::open(note, key) {
        Ok(cp) => cp,
        Err(e) => {
            report
                .problems
                .push(format!("custody tree: the checkpoint does not open: {e}"));
            return Ok(report);
        }
    };
    let leaves = store::leaves(db).await?;
    let stored = store::all_nodes(db).await?;
    let mut tree = merkle::MemoryTree::new();
    let mut by_entry: HashMap<(String, i64), (i64, String)> = HashMap::new();
    for l in &leaves {
        if l.seq != tree.size() as i64 {
            report
                .problems
                .push(format!("custody tree: leaf {} missing", tree.size()));
            return Ok(report);
        }
        let h = leaf_hash(&store::leaf_bytes(&l.case_id, l.entry_seq, &l.entry_hash));
        if hex::encode(h) != l.leaf {
            report.problems.push(format!(
                "custody tree: leaf {} does not hash its entry (case {}, entry {})",
                l.seq, l.case_id, l.entry_seq
            ));
        }
        tree.push(h);
        by_entry.insert(
            (l.case_id.clone(), l.entry_seq),
            (l.seq, l.entry_hash.clone()),
        );
    }
    for (id, h) in tree.nodes() {
        if stored.get(id) != Some(h) {
            report.problems.push(format!(
                "custody tree: stored node {}/{} does not match the leaves",
                id.level, id.index
            ));
            break;
        }
    }
    for c in store::checkpoints(db).await? {
        if c.size as u64 > tree.size() || hex::encode(tree.root(c.size as u64)) != c.root {
            report.problems.push(format!(
                "custody tree: the checkpoint of size {} does not match the leaves",
                c.size
            ));
        }
    }
    if cp.size > tree.size() {
        report.problems.push(format!(
            "custody tree: the checkpoint has {} leaves, the tree {}",
            cp.size,
            tree.size()
        ));
        return Ok(report);
    }
    if tree.root(cp.size) != cp.root {
        report.problems.push(
            "custody tree: the signed checkpoint's root does not match the leaves (rewritten)"
                .into(),
        );
    }
    let nodes = tree.nodes();
    for (case, entries) in chains {
        for (seq, hash) in entries {
            let Some((pos, leaf_entry_hash)) = by_entry.get(&(case.clone(), *seq as i64)) else {
                report.problems.push(format!(
                    "case {case}: custody entry {seq} is not in the custody tree"
                ));
                continue;
            };
            if leaf_entry_hash != hash {
                report.problems.push(format!(
                    "case {case}: custody entry {seq} differs from the one the custody tree \
                     holds (rewritten)"
                ));
                continue;
            }
            if *pos as u64 >= cp.size {
                // Appended after the checkpoint: proven at the next one.
                continue;
            }
            let leaf = leaf_hash(&store::leaf_bytes(case, *seq as i64, hash));
            let ok = merkle::inclusion_proof(*pos as u64, cp.size, nodes)
                .ok()
                .is_some_and(|p| {
                    merkle::verify_inclusion(*pos as u64, cp.size, &leaf, &p, &cp.root).is_ok()
                });
            if ok {
                report.proven += 1;
            } else {
                report.problems.push(format!(
                    "case {case}: custody entry {seq} is not included in the signed checkpoint"
                ));
            }
        }
    }
    if let Some(old) = seen {
        report.problems.extend(consistent(old, &cp, nodes));
    }
    report.checkpoint = Some(cp);
    Ok(report)
}

/// Whether `new` extends `old` (a consistency proof from the stored tree that verifies).
fn consistent(
    old: &Checkpoint,
    new: &Checkpoint,
    nodes: &HashMap<merkle::NodeId, Hash>,
) -> Option<String> {
    let forked = |why: &str| {
        Some(format!(
            "custody tree FORKED: the checkpoint of size {} does not extend the one of size {} \
             seen before ({why})",
            new.size, old.size
        ))
    };
    if new.size < old.size {
        return forked("it shrank");
    }
    if new.size == old.size {
        return (new.root != old.root)
            .then(|| forked("same size, other root"))
            .flatten();
    }
    if old.size == 0 {
        return None;
    }
    let proof = match merkle::consistency_proof(old.size, new.size, nodes) {
        Ok(p) => p,
        Err(e) => return forked(&e.to_string()),
    };
    match merkle::verify_consistency(old.size, new.size, &old.root, &new.root, &proof) {
        Ok(()) => None,
        Err(_) => forked("the consistency proof does not verify"),
    }
}
