//! The per-case chain of custody: an append-only list of entries, each carrying the hash of
//! the one before, whose head is signed by the server key.
//!
//! Canonical encoding (what is hashed): the byte string
//!
//! ```text
//! field("spona-custody-v1") ‖ field(case_id) ‖ BE64(seq) ‖ BE64(at_ms as i64)
//! ‖ field(actor) ‖ field(action) ‖ field(reason) ‖ opt(item_sha256) ‖ field(prev_hash)
//! field(x) = BE64(len(x)) ‖ x (UTF-8)      opt(None) = 0x00      opt(Some(x)) = 0x01 ‖ field(x)
//! ```
//!
//! and `hash = hex(SHA-256(prev_hash_raw ‖ canonical))`, where `prev_hash_raw` is the 32 bytes
//! of the previous entry's hash (all zero for the first entry, `seq` 0, whose `prev_hash` is
//! 64 zeros). Length prefixes make the encoding injective: no two different entries encode to
//! the same bytes.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::signing::{ServerPublicKey, SignedHead};

/// `prev_hash` of the first entry of a case.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One action on a case or item: who did what, when, why, and on which item hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyEntry {
    pub case_id: String,
    /// 0 for the first entry of a case, then +1 per entry.
    pub seq: u64,
    /// Unix time in milliseconds.
    pub at_ms: i64,
    /// The user (id) who acted.
    pub actor: String,
    /// What was done: `create`, `view`, `download`, `edit`, `share`, `export`, `grant`, …
    pub action: String,
    /// Why (may be empty).
    pub reason: String,
    /// SHA-256 (hex) of the item's original, when the action concerns an item file.
    pub item_sha256: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The fields of a new entry; the chain supplies `seq`, `prev_hash` and `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub case_id: String,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub item_sha256: Option<String>,
}

fn field(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

impl CustodyEntry {
    /// The canonical bytes of every field but `hash` (see the module documentation).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        field(&mut out, "spona-custody-v1");
        field(&mut out, &self.case_id);
        out.extend_from_slice(&self.seq.to_be_bytes());
        out.extend_from_slice(&self.at_ms.to_be_bytes());
        field(&mut out, &self.actor);
        field(&mut out, &self.action);
        field(&mut out, &self.reason);
        match &self.item_sha256 {
            None => out.push(0),
            Some(h) => {
                out.push(1);
                field(&mut out, h);
            }
        }
        field(&mut out, &self.prev_hash);
        out
    }

    /// The hash this entry should carry.
    pub fn compute_hash(&self) -> String {
        let mut prev = [0u8; 32];
        // A malformed prev_hash hashes as zeros; the link check then reports it.
        let _ = hex::decode_to_slice(&self.prev_hash, &mut prev);
        hex::encode(
            Sha256::new()
                .chain_update(prev)
                .chain_update(self.canonical_bytes())
                .finalize(),
        )
    }

    /// One JSON line (for `custody.jsonl`).
    pub fn to_json_line(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Appends an entry after `prev` (None for the first entry of a case).
pub fn append(prev: Option<&CustodyEntry>, new: NewEntry) -> CustodyEntry {
    let (seq, prev_hash) = match prev {
        Some(p) => (p.seq + 1, p.hash.clone()),
        None => (0, GENESIS_HASH.to_string()),
    };
    let mut entry = CustodyEntry {
        case_id: new.case_id,
        seq,
        at_ms: new.at_ms,
        actor: new.actor,
        action: new.action,
        reason: new.reason,
        item_sha256: new.item_sha256,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    entry
}

/// One thing wrong with a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ChainProblem {
    /// The entry's content no longer matches its own hash.
    Altered { seq: u64 },
    /// The entry's hash is consistent but the next entry does not link to it: the entry was
    /// rewritten (with a recomputed hash) after the next one was appended.
    Rewritten { seq: u64 },
    /// Entries `from..=to` are missing.
    Missing { from: u64, to: u64 },
    /// Entries are not in order of `seq`: entry `seq` stands at position `position`.
    Reordered { position: usize, seq: u64 },
    /// Two entries carry the same `seq`.
    Duplicate { seq: u64 },
    /// An entry belongs to another case.
    WrongCase { seq: u64, case_id: String },
    /// The signature of the head does not verify with the server key.
    HeadSignatureInvalid,
    /// The signed head names another case.
    HeadWrongCase { case_id: String },
    /// The signed head's seq is past the last entry: entries after `last_seq` were removed.
    TailTruncated {
        last_seq: Option<u64>,
        head_seq: u64,
    },
    /// The last entry (at the signed seq) has another hash than the signed one.
    HeadMismatch { seq: u64 },
    /// Entries after the signed head have no signature yet.
    UnsignedTail { head_seq: u64, last_seq: u64 },
    /// No signed head was given.
    NoSignedHead,
    /// In a chain's list of links, the link at `position` carries `seq`.
    LinkOutOfPlace { position: usize, seq: u64 },
    /// In a chain's list of links, link `seq` does not point to the hash of the one before.
    LinkBroken { seq: u64 },
    /// A disclosed entry matches its own hash but is not the entry the chain holds at its seq.
    NotInChain { seq: u64 },
    /// A signing-key rotation entry that is not a change signed by both keys, or does not
    /// start from the key the rotation before it named.
    RotationInvalid { seq: u64 },
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainProblem::Altered { seq } => write!(
                f,
                "entry {seq} was altered (its hash does not match its content)"
            ),
            ChainProblem::Rewritten { seq } => write!(
                f,
                "entry {seq} was rewritten (entry {} links to another hash)",
                seq + 1
            ),
            ChainProblem::Missing { from, to } if from == to => {
                write!(f, "entry {from} is missing")
            }
            ChainProblem::Missing { from, to } => write!(f, "entries {from} to {to} are missing"),
            ChainProblem::Reordered { position, seq } => write!(
                f,
                "entries reordered: entry {seq} stands at position {position}"
            ),
            ChainProblem::Duplicate { seq } => write!(f, "entry {seq} appears more than once"),
            ChainProblem::WrongCase { seq, case_id } => {
                write!(f, "entry {seq} belongs to case {case_id}")
            }
            ChainProblem::HeadSignatureInvalid => {
                write!(f, "the signature of the log head is invalid")
            }
            ChainProblem::HeadWrongCase { case_id } => {
                write!(f, "the signed head belongs to case {case_id}")
            }
            ChainProblem::TailTruncated {
                last_seq: Some(last),
                head_seq,
            } => write!(
                f,
                "entries {} to {head_seq} were removed from the end (the signed head is entry {head_seq})",
                last + 1
            ),
            ChainProblem::TailTruncated {
                last_seq: None,
                head_seq,
            } => write!(
                f,
                "all entries were removed (the signed head is entry {head_seq})"
            ),
            ChainProblem::HeadMismatch { seq } => {
                write!(f, "the last entry ({seq}) does not match the signed head")
            }
            ChainProblem::UnsignedTail { head_seq, last_seq } => write!(
                f,
                "entries {} to {last_seq} come after the signed head",
                head_seq + 1
            ),
            ChainProblem::NoSignedHead => write!(f, "no signed head"),
            ChainProblem::LinkOutOfPlace { position, seq } => write!(
                f,
                "the list of links holds entry {seq} at position {position}"
            ),
            ChainProblem::LinkBroken { seq } => write!(
                f,
                "link {seq} does not point to the hash of entry {}",
                seq.saturating_sub(1)
            ),
            ChainProblem::NotInChain { seq } => write!(
                f,
                "entry {seq} is not the entry the signed chain holds at {seq}"
            ),
            ChainProblem::RotationInvalid { seq } => write!(
                f,
                "entry {seq} records a change of the signing key that is not signed by both keys \
                 or does not follow the key named before it"
            ),
        }
    }
}

/// The outcome of [`verify_chain`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub case_id: String,
    pub entries: usize,
    pub problems: Vec<ChainProblem>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a case's entries (in stored order) and its signed head, and says exactly what is wrong.
pub fn verify_chain(
    case_id: &str,
    entries: &[CustodyEntry],
    signed_head: Option<&SignedHead>,
    server_key: &ServerPublicKey,
) -> ChainReport {
    let mut problems = Vec::new();
    for (position, pair) in entries.windows(2).enumerate() {
        if pair[1].seq < pair[0].seq {
            problems.push(ChainProblem::Reordered {
                position: position + 1,
                seq: pair[1].seq,
            });
        }
    }
    let mut sorted: Vec<&CustodyEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.seq);

    for e in &sorted {
        if e.case_id != case_id {
            problems.push(ChainProblem::WrongCase {
                seq: e.seq,
                case_id: e.case_id.clone(),
            });
        }
        if e.compute_hash() != e.hash {
            problems.push(ChainProblem::Altered { seq: e.seq });
        }
    }
    let mut expected_seq = 0u64;
    let mut prev: Option<&CustodyEntry> = None;
    for e in &sorted {
        if let Some(p) = prev
            && p.seq == e.seq
        {
            problems.push(ChainProblem::Duplicate { seq: e.seq });
            continue;
        }
        if e.seq > expected_seq {
            problems.push(ChainProblem::Missing {
                from: expected_seq,
                to: e.seq - 1,
            });
        } else if let Some(p) = prev {
            // Consecutive entries: the link must hold. When it breaks, the entry before was
            // rewritten only if both are consistent in themselves; an altered entry (its own
            // `prev_hash` included) is reported as altered and explains the broken link alone,
            // so its untouched neighbour is not accused.
            let consistent = |x: &CustodyEntry| x.compute_hash() == x.hash;
            if e.prev_hash != p.hash && consistent(p) && consistent(e) {
                problems.push(ChainProblem::Rewritten { seq: p.seq });
            }
        } else if e.prev_hash != GENESIS_HASH {
            problems.push(ChainProblem::Altered { seq: e.seq });
        }
        expected_seq = e.seq + 1;
        prev = Some(e);
    }

    let last = sorted.last().copied();
    match signed_head {
        None => problems.push(ChainProblem::NoSignedHead),
        Some(head) => {
            if !server_key.verify_head(head) {
                problems.push(ChainProblem::HeadSignatureInvalid);
            }
            if head.case_id != case_id {
                problems.push(ChainProblem::HeadWrongCase {
                    case_id: head.case_id.clone(),
                });
            }
            match last {
                None => problems.push(ChainProblem::TailTruncated {
                    last_seq: None,
                    head_seq: head.seq,
                }),
                Some(last) if last.seq < head.seq => problems.push(ChainProblem::TailTruncated {
                    last_seq: Some(last.seq),
                    head_seq: head.seq,
                }),
                Some(last) if last.seq > head.seq => {
                    if let Some(at) = sorted.iter().find(|e| e.seq == head.seq)
                        && at.hash != head.hash
                    {
                        problems.push(ChainProblem::HeadMismatch { seq: head.seq });
                    }
                    problems.push(ChainProblem::UnsignedTail {
                        head_seq: head.seq,
                        last_seq: last.seq,
                    });
                }
                Some(last) => {
                    if last.hash != head.hash {
                        problems.push(ChainProblem::HeadMismatch { seq: last.seq });
                    }
                }
            }
        }
    }
    problems.dedup();
    ChainReport {
        case_id: case_id.to_string(),
        entries: entries.len(),
        problems,
    }
}

/// An entry of a chain without its content: enough to link the disclosed entries of an
/// extract to the signed head (`custody-links.jsonl` in a bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyLink {
    pub seq: u64,
    pub prev_hash: String,
    pub hash: String,
}

impl From<&CustodyEntry> for CustodyLink {
    fn from(e: &CustodyEntry) -> Self {
        CustodyLink {
            seq: e.seq,
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        }
    }
}

/// Checks an extract of a chain: `links` must be the whole chain (seq 0 to the signed head,
/// each linking to the one before), the head must verify with `server_key`, and each
/// disclosed entry must match its own hash and stand in the chain at its seq. What was not
/// disclosed is known only by its hash.
pub fn verify_extract(
    case_id: &str,
    links: &[CustodyLink],
    disclosed: &[CustodyEntry],
    signed_head: Option<&SignedHead>,
    server_key: &ServerPublicKey,
) -> ChainReport {
    let mut problems = Vec::new();
    for (position, link) in links.iter().enumerate() {
        let expected = position as u64;
        if link.seq != expected {
            problems.push(ChainProblem::LinkOutOfPlace {
                position,
                seq: link.seq,
            });
            continue;
        }
        let prev = match position {
            0 => GENESIS_HASH,
            _ => links[position - 1].hash.as_str(),
        };
        if link.prev_hash != prev {
            problems.push(ChainProblem::LinkBroken { seq: link.seq });
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for e in disclosed {
        if !seen.insert(e.seq) {
            problems.push(ChainProblem::Duplicate { seq: e.seq });
            continue;
        }
        if e.case_id != case_id {
            problems.push(ChainProblem::WrongCase {
                seq: e.seq,
                case_id: e.case_id.clone(),
            });
        }
        if e.compute_hash() != e.hash {
            problems.push(ChainProblem::Altered { seq: e.seq });
        } else if !links
            .get(e.seq as usize)
            .is_some_and(|l| l.seq == e.seq && l.hash == e.hash && l.prev_hash == e.prev_hash)
        {
            problems.push(ChainProblem::NotInChain { seq: e.seq });
        }
    }
    match signed_head {
        None => problems.push(ChainProblem::NoSignedHead),
        Some(head) => {
            if !server_key.verify_head(head) {
                problems.push(ChainProblem::HeadSignatureInvalid);
            }
            if head.case_id != case_id {
                problems.push(ChainProblem::HeadWrongCase {
                    case_id: head.case_id.clone(),
                });
            }
            match links.last() {
                None => problems.push(ChainProblem::TailTruncated {
                    last_seq: None,
                    head_seq: head.seq,
                }),
                Some(last) if last.seq < head.seq => problems.push(ChainProblem::TailTruncated {
                    last_seq: Some(last.seq),
                    head_seq: head.seq,
                }),
                Some(last) if last.seq > head.seq => problems.push(ChainProblem::UnsignedTail {
                    head_seq: head.seq,
                    last_seq: last.seq,
                }),
                Some(last) if last.hash != head.hash => {
                    problems.push(ChainProblem::HeadMismatch { seq: last.seq })
                }
                Some(_) => {}
            }
        }
    }
    problems.dedup();
    ChainReport {
        case_id: case_id.to_string(),
        entries: disclosed.len(),
        problems,
    }
}
