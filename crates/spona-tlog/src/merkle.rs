//! RFC 6962 Merkle trees over stored complete-subtree hashes.
//!
//! A store keeps, for every complete aligned subtree, its hash under a [`NodeId`]
//! (`level`, `index`): the hash of leaves `index·2^level .. (index+1)·2^level`. Appending leaf
//! `n` adds the leaf and one node per trailing one bit of `n` ([`append_needs`],
//! [`append_nodes`]). Every other hash (tree hashes of any size, proofs) is computed from those
//! in two phases: which nodes are needed (`*_nodes`, depending only on the sizes, so a store
//! reads them in one query), then the value from a map of them.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// A stored complete subtree: leaves `index << level .. (index + 1) << level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub level: u32,
    pub index: u64,
}

/// Why a proof could not be made or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("invalid sizes: {0}")]
    InvalidSizes(String),
    #[error("stored hash missing: level {}, index {}", .0.level, .0.index)]
    MissingNode(NodeId),
    #[error("the proof does not verify")]
    Mismatch,
}

/// `SHA-256(0x00 ‖ data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The hash of the empty tree, `SHA-256("")`.
pub fn empty_tree_hash() -> Hash {
    Sha256::digest([]).into()
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

type Get<'a> = &'a mut dyn FnMut(NodeId) -> Hash;

fn subtree(lo: u64, hi: u64, get: Get<'_>) -> Hash {
    let size = hi - lo;
    if size.is_power_of_two() && lo.is_multiple_of(size) {
        let level = size.trailing_zeros();
        return get(NodeId {
            level,
            index: lo >> level,
        });
    }
    let k = split(size);
    let left = subtree(lo, lo + k, get);
    let right = subtree(lo + k, hi, get);
    node_hash(&left, &right)
}

fn inclusion(lo: u64, hi: u64, m: u64, get: Get<'_>, out: &mut Vec<Hash>) {
    if hi - lo == 1 {
        return;
    }
    let k = split(hi - lo);
    if m < lo + k {
        inclusion(lo, lo + k, m, get, out);
        out.push(subtree(lo + k, hi, get));
    } else {
        inclusion(lo + k, hi, m, get, out);
        out.push(subtree(lo, lo + k, get));
    }
}

/// RFC 6962 SUBPROOF(m, D[lo:hi], b).
fn consistency(lo: u64, hi: u64, m: u64, whole: bool, get: Get<'_>, out: &mut Vec<Hash>) {
    let size = hi - lo;
    if m == size {
        if !whole {
            out.push(subtree(lo, hi, get));
        }
        return;
    }
    let k = split(size);
    if m <= k {
        consistency(lo, lo + k, m, whole, get, out);
        out.push(subtree(lo + k, hi, get));
    } else {
        consistency(lo + k, hi, m - k, false, get, out);
        out.push(subtree(lo, lo + k, get));
    }
}

/// Runs `f` once to learn which nodes it reads (sorted, unique).
fn needs(f: impl FnOnce(Get<'_>)) -> Vec<NodeId> {
    let mut seen = Vec::new();
    f(&mut |id| {
        seen.push(id);
        [0; 32]
    });
    seen.sort();
    seen.dedup();
    seen
}

/// Runs `f` over `nodes`, failing on the first missing one.
fn run<R>(nodes: &HashMap<NodeId, Hash>, f: impl FnOnce(Get<'_>) -> R) -> Result<R, ProofError> {
    let mut missing = None;
    let r = f(&mut |id| match nodes.get(&id) {
        Some(h) => *h,
        None => {
            missing.get_or_insert(id);
            [0; 32]
        }
    });
    match missing {
        Some(id) => Err(ProofError::MissingNode(id)),
        None => Ok(r),
    }
}

/// Nodes [`tree_hash`] reads for a tree of `size` leaves.
pub fn tree_hash_nodes(size: u64) -> Vec<NodeId> {
    if size == 0 {
        return Vec::new();
    }
    needs(|get| {
        subtree(0, size, get);
    })
}

/// The root hash of the first `size` leaves.
pub fn tree_hash(size: u64, nodes: &HashMap<NodeId, Hash>) -> Result<Hash, ProofError> {
    if size == 0 {
        return Ok(empty_tree_hash());
    }
    run(nodes, |get| subtree(0, size, get))
}

fn check_inclusion_sizes(index: u64, size: u64) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::InvalidSizes(format!(
            "entry {index} is not in a tree of {size}"
        )));
    }
    Ok(())
}

fn check_consistency_sizes(old: u64, new: u64) -> Result<(), ProofError> {
    if old == 0 || old > new {
        return Err(ProofError::InvalidSizes(format!(
            "no consistency proof from {old} to {new} (need 0 < old ≤ new)"
        )));
    }
    Ok(())
}

/// Nodes [`inclusion_proof`] reads.
pub fn inclusion_nodes(index: u64, size: u64) -> Result<Vec<NodeId>, ProofError> {
    check_inclusion_sizes(index, size)?;
    Ok(needs(|get| inclusion(0, size, index, get, &mut Vec::new())))
}

/// The audit path of leaf `index` in the tree of `size` leaves, leaf to root.
pub fn inclusion_proof(
    index: u64,
    size: u64,
    nodes: &HashMap<NodeId, Hash>,
) -> Result<Vec<Hash>, ProofError> {
    check_inclusion_sizes(index, size)?;
    run(nodes, |get| {
        let mut out = Vec::new();
        inclusion(0, size, index, get, &mut out);
        out
    })
}

/// Nodes [`consistency_proof`] reads.
pub fn consistency_nodes(old: u64, new: u64) -> Result<Vec<NodeId>, ProofError> {
    check_consistency_sizes(old, new)?;
    if old == new {
        return Ok(Vec::new());
    }
    Ok(needs(|get| {
        consistency(0, new, old, true, get, &mut Vec::new())
    }))
}

/// The consistency proof from the tree of `old` leaves to the tree of `new` leaves.
pub fn consistency_proof(
    old: u64,
    new: u64,
    nodes: &HashMap<NodeId, Hash>,
) -> Result<Vec<Hash>, ProofError> {
    check_consistency_sizes(old, new)?;
    if old == new {
        return Ok(Vec::new());
    }
    run(nodes, |get| {
        let mut out = Vec::new();
        consistency(0, new, old, true, get, &mut out);
        out
    })
}

/// The left siblings appending leaf `n` (0-based) combines with.
pub fn append_needs(n: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let (mut i, mut level) = (n, 0);
    while i & 1 == 1 {
        out.push(NodeId {
            level,
            index: i - 1,
        });
        i >>= 1;
        level += 1;
    }
    out
}

/// The nodes to store when leaf `n` with hash `leaf` is appended, given the nodes of
/// [`append_needs`].
pub fn append_nodes(
    n: u64,
    leaf: Hash,
    nodes: &HashMap<NodeId, Hash>,
) -> Result<Vec<(NodeId, Hash)>, ProofError> {
    let mut out = vec![(NodeId { level: 0, index: n }, leaf)];
    let (mut i, mut level, mut h) = (n, 0, leaf);
    while i & 1 == 1 {
        let id = NodeId {
            level,
            index: i - 1,
        };
        let left = nodes.get(&id).ok_or(ProofError::MissingNode(id))?;
        h = node_hash(left, &h);
        i >>= 1;
        level += 1;
        out.push((NodeId { level, index: i }, h));
    }
    Ok(out)
}

/// RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` with `root`?
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    check_inclusion_sizes(index, size)?;
    let (mut f, mut s, mut r) = (index, size - 1, *leaf);
    for p in proof {
        if s == 0 {
            return Err(ProofError::Mismatch);
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s == 0 && r == *root {
        Ok(())
    } else {
        Err(ProofError::Mismatch)
    }
}

/// RFC 9162 §2.1.4.2: does `proof` show the tree of `old` leaves (`old_root`) is a prefix of
/// the tree of `new` leaves (`new_root`)?
pub fn verify_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    check_consistency_sizes(old, new)?;
    if old == new {
        return if proof.is_empty() && old_root == new_root {
            Ok(())
        } else {
            Err(ProofError::Mismatch)
        };
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return Err(ProofError::Mismatch);
    };
    let (mut f, mut s) = (old - 1, new - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s == 0 {
            return Err(ProofError::Mismatch);
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if fr == *old_root && sr == *new_root && s == 0 {
        Ok(())
    } else {
        Err(ProofError::Mismatch)
    }
}

/// A whole tree in memory (tests, benches and the vault's custody proofs).
#[derive(Debug, Default, Clone)]
pub struct MemoryTree {
    size: u64,
    nodes: HashMap<NodeId, Hash>,
}

impl MemoryTree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn nodes(&self) -> &HashMap<NodeId, Hash> {
        &self.nodes
    }

    /// Appends a leaf hash; returns its index.
    pub fn push(&mut self, leaf: Hash) -> u64 {
        let n = self.size;
        let added = append_nodes(n, leaf, &self.nodes).expect("a memory tree keeps every node");
        self.nodes.extend(added);
        self.size += 1;
        n
    }

    pub fn root(&self, size: u64) -> Hash {
        tree_hash(size, &self.nodes).expect("a memory tree keeps every node")
    }
}

/// RFC 6962 MTH computed straight from the leaves (the definition; for tests).
pub fn reference_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_tree_hash(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
        }
    }
}

#[cfg(test)]
#[path = "merkle_tests.rs"]
mod tests;
