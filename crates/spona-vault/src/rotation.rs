//! Rotation of the server's signing key: the record of a key change, and which keys a
//! trusted key vouches for through such records.
//!
//! `spona vault rotate-signing-key` appends to every case's custody chain an entry with the
//! action [`ROTATION_ACTION`] whose reason is a [`KeyChange`] in a fixed form, and writes the
//! same change as a line of `heads.log`. A key change is signed by both keys over
//!
//! ```text
//! field("spona-signing-key-change-v1") ‖ field(old hex) ‖ field(new hex) ‖ BE64(at_ms)
//! ```
//!
//! The old key's signature says "my successor is the new key" (whoever trusts the old key
//! may follow it forward); the new key's says "I continue the old key's record" (whoever
//! trusts the new key accepts what the old one signed before the change). A key replaced
//! without such a record — a lost key silently recreated — stays an invalid signature.

use serde::{Deserialize, Serialize};

use crate::custody::{ChainProblem, ChainReport, CustodyEntry, verify_chain};
use crate::signing::{ServerKey, ServerPublicKey, SignedHead};

/// The custody action of a key change.
pub const ROTATION_ACTION: &str = "rotate-signing-key";

/// One change of the signing key, signed by the old and the new key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyChange {
    /// The replaced key (hex).
    pub old: String,
    /// Its successor (hex).
    pub new: String,
    /// Unix time in milliseconds.
    pub at_ms: i64,
    /// Ed25519 (hex) by the old key over the statement.
    pub old_signature: String,
    /// Ed25519 (hex) by the new key over the statement.
    pub new_signature: String,
}

fn statement(old: &str, new: &str, at_ms: i64) -> Vec<u8> {
    let mut m = Vec::new();
    for s in ["spona-signing-key-change-v1", old, new] {
        m.extend_from_slice(&(s.len() as u64).to_be_bytes());
        m.extend_from_slice(s.as_bytes());
    }
    m.extend_from_slice(&at_ms.to_be_bytes());
    m
}

impl KeyChange {
    /// The change from `old` to `new`, signed by both.
    pub fn sign(old: &ServerKey, new: &ServerKey, at_ms: i64) -> Self {
        let (o, n) = (old.public().to_hex(), new.public().to_hex());
        let message = statement(&o, &n, at_ms);
        KeyChange {
            old_signature: hex::encode(old.sign(&message)),
            new_signature: hex::encode(new.sign(&message)),
            old: o,
            new: n,
            at_ms,
        }
    }

    pub fn old_key(&self) -> Option<ServerPublicKey> {
        ServerPublicKey::from_hex(&self.old).ok()
    }

    pub fn new_key(&self) -> Option<ServerPublicKey> {
        ServerPublicKey::from_hex(&self.new).ok()
    }

    /// Both signatures verify, and the keys differ.
    pub fn is_valid(&self) -> bool {
        let message = statement(&self.old, &self.new, self.at_ms);
        match (self.old_key(), self.new_key()) {
            (Some(o), Some(n)) => {
                o != n
                    && o.verify(&message, &self.old_signature)
                    && n.verify(&message, &self.new_signature)
            }
            _ => false,
        }
    }

    /// The reason of the custody entry that records the change (fixed form).
    pub fn to_reason(&self) -> String {
        format!(
            "signing key {} replaced by {} at {}; signatures {} {}",
            self.old, self.new, self.at_ms, self.old_signature, self.new_signature
        )
    }

    /// Reads [`KeyChange::to_reason`]; `None` for anything else.
    pub fn from_reason(reason: &str) -> Option<Self> {
        let words: Vec<&str> = reason.split(' ').collect();
        match words.as_slice() {
            [
                "signing",
                "key",
                old,
                "replaced",
                "by",
                new,
                "at",
                at,
                "signatures",
                o,
                n,
            ] => Some(KeyChange {
                old: (*old).to_owned(),
                new: (*new).to_owned(),
                at_ms: at.strip_suffix(';')?.parse().ok()?,
                old_signature: (*o).to_owned(),
                new_signature: (*n).to_owned(),
            }),
            _ => None,
        }
    }

    /// The change an entry records, if it is a rotation entry (`Some(None)`: one that does
    /// not read).
    pub fn from_entry(e: &CustodyEntry) -> Option<Option<Self>> {
        (e.action == ROTATION_ACTION).then(|| Self::from_reason(&e.reason))
    }
}

/// A trusted key and the valid key changes known, to tell which keys it vouches for.
#[derive(Debug, Clone)]
pub struct KeyTrust {
    trusted: ServerPublicKey,
    changes: Vec<KeyChange>,
}

impl KeyTrust {
    /// Keeps only the valid changes, once each.
    pub fn new(trusted: ServerPublicKey, changes: impl IntoIterator<Item = KeyChange>) -> Self {
        let mut kept: Vec<KeyChange> = Vec::new();
        for c in changes {
            if c.is_valid() && !kept.contains(&c) {
                kept.push(c);
            }
        }
        KeyTrust {
            trusted,
            changes: kept,
        }
    }

    pub fn trusted(&self) -> ServerPublicKey {
        self.trusted
    }

    fn step(&self, from: &ServerPublicKey, forward: bool) -> Option<ServerPublicKey> {
        let from = from.to_hex();
        self.changes
            .iter()
            .find(|c| {
                if forward {
                    c.old == from
                } else {
                    c.new == from
                }
            })
            .and_then(|c| if forward { c.new_key() } else { c.old_key() })
    }

    /// The trusted key and its successors, in order.
    pub fn forward(&self) -> Vec<ServerPublicKey> {
        let mut keys = vec![self.trusted];
        while let Some(next) = keys.last().and_then(|k| self.step(k, true)) {
            if keys.contains(&next) {
                break;
            }
            keys.push(next);
        }
        keys
    }

    /// Every key connected to the trusted one by key changes, oldest first.
    pub fn line(&self) -> Vec<ServerPublicKey> {
        let mut before = Vec::new();
        let mut at = self.trusted;
        while let Some(prev) = self.step(&at, false) {
            if prev == self.trusted || before.contains(&prev) {
                break;
            }
            before.push(prev);
            at = prev;
        }
        before.reverse();
        before.extend(self.forward());
        before
    }

    /// The latest successor of the trusted key.
    pub fn current(&self) -> ServerPublicKey {
        self.forward().last().copied().unwrap_or(self.trusted)
    }

    /// The changes as recorded.
    pub fn changes(&self) -> &[KeyChange] {
        &self.changes
    }
}

/// Every key change recorded in a chain, valid or not.
pub fn changes_in(entries: &[CustodyEntry]) -> Vec<KeyChange> {
    entries
        .iter()
        .filter_map(KeyChange::from_entry)
        .flatten()
        .collect()
}

/// Every key change recorded in custody entries given as JSON lines (`custody.jsonl`).
pub fn changes_in_jsonl(text: &str) -> Vec<KeyChange> {
    let entries: Vec<CustodyEntry> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    changes_in(&entries)
}

/// The keys (hex) from `trusted` forward to `signer` through the key changes recorded in
/// custody entries given as JSON lines (a bundle's `custody.jsonl`); `None` when no recorded
/// change leads there.
pub fn path_to(
    trusted: &ServerPublicKey,
    signer: &ServerPublicKey,
    custody_jsonl: &str,
) -> Option<Vec<String>> {
    let forward = KeyTrust::new(*trusted, changes_in_jsonl(custody_jsonl)).forward();
    let at = forward.iter().position(|k| k == signer)?;
    Some(forward[..=at].iter().map(|k| k.to_hex()).collect())
}

/// [`verify_chain`] across key changes: each rotation entry must be a valid change from the
/// key the rotation before it named, and the head must be signed by the key the last one
/// names — or, in a chain without one, by the trusted key or one of its successors. Any
/// other key (a key replaced without a record) gives an invalid head signature.
pub fn verify_chain_across(
    case_id: &str,
    entries: &[CustodyEntry],
    signed_head: Option<&SignedHead>,
    trust: &KeyTrust,
) -> ChainReport {
    let mut problems = Vec::new();
    let mut named: Option<ServerPublicKey> = None;
    for e in entries {
        let Some(change) = KeyChange::from_entry(e) else {
            continue;
        };
        let change = change.filter(|c| c.is_valid());
        let follows = |c: &KeyChange| named.is_none_or(|k| k.to_hex() == c.old);
        match change {
            Some(c) if follows(&c) => named = c.new_key(),
            _ => problems.push(ChainProblem::RotationInvalid { seq: e.seq }),
        }
    }
    let forward = trust.forward();
    let key = match named {
        Some(k) if forward.contains(&k) => k,
        Some(_) => trust.trusted(),
        None => forward
            .iter()
            .copied()
            .find(|k| signed_head.is_some_and(|h| k.verify_head(h)))
            .unwrap_or(trust.trusted()),
    };
    let mut report = verify_chain(case_id, entries, signed_head, &key);
    report.problems.extend(problems);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custody::{NewEntry, append};

    fn entry(prev: Option<&CustodyEntry>, action: &str, reason: &str) -> CustodyEntry {
        append(
            prev,
            NewEntry {
                case_id: "c".into(),
                at_ms: 1,
                actor: "u".into(),
                action: action.into(),
                reason: reason.into(),
                item_sha256: None,
            },
        )
    }

    #[test]
    fn a_chain_is_followed_across_a_recorded_change_and_not_across_a_silent_one() {
        let (old, new) = (ServerKey::generate(), ServerKey::generate());
        let change = KeyChange::sign(&old, &new, 7);
        assert_eq!(
            KeyChange::from_reason(&change.to_reason()),
            Some(change.clone())
        );
        let a = entry(None, "create", "case opened");
        let b = entry(Some(&a), ROTATION_ACTION, &change.to_reason());
        let chain = [a, b];
        let head = new.sign_head("c", 1, &chain[1].hash);
        for trusted in [old.public(), new.public()] {
            let trust = KeyTrust::new(trusted, changes_in(&chain));
            let report = verify_chain_across("c", &chain, Some(&head), &trust);
            assert!(report.is_intact(), "{:?}", report.problems);
        }
        // A key that no change names: the head's signature is invalid, as before.
        let stranger = ServerKey::generate();
        let trust = KeyTrust::new(stranger.public(), changes_in(&chain));
        let report = verify_chain_across("c", &chain, Some(&head), &trust);
        assert!(
            report
                .problems
                .contains(&ChainProblem::HeadSignatureInvalid)
        );
        // A head signed by the old key after the change does not verify.
        let stale = old.sign_head("c", 1, &chain[1].hash);
        let trust = KeyTrust::new(old.public(), changes_in(&chain));
        let report = verify_chain_across("c", &chain, Some(&stale), &trust);
        assert!(
            report
                .problems
                .contains(&ChainProblem::HeadSignatureInvalid)
        );
        // A change signed by the new key alone is refused.
        let mut forged = change.clone();
        forged.old_signature = forged.new_signature.clone();
        assert!(!forged.is_valid());
        let b = entry(Some(&chain[0]), ROTATION_ACTION, &forged.to_reason());
        let chain = [chain[0].clone(), b];
        let head = new.sign_head("c", 1, &chain[1].hash);
        let trust = KeyTrust::new(old.public(), changes_in(&chain));
        let report = verify_chain_across("c", &chain, Some(&head), &trust);
        assert!(
            report
                .problems
                .contains(&ChainProblem::RotationInvalid { seq: 1 })
        );
    }

    #[test]
    fn trust_follows_changes_forward_and_the_line_both_ways() {
        let (a, b, c) = (
            ServerKey::generate(),
            ServerKey::generate(),
            ServerKey::generate(),
        );
        let changes = [KeyChange::sign(&a, &b, 1), KeyChange::sign(&b, &c, 2)];
        let trust = KeyTrust::new(b.public(), changes.clone());
        assert_eq!(trust.forward(), vec![b.public(), c.public()]);
        assert_eq!(trust.line(), vec![a.public(), b.public(), c.public()]);
        assert_eq!(trust.current(), c.public());
    }
}
