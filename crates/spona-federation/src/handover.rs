//! A vault item handed over to an organisation on a partner deployment (issue 20, item 5):
//! what travels in a `vault-item` packet's body besides the item's bytes.
//!
//! - The item's facts: the sender's item and case ids, kind, SHA-256 and size of the
//!   original, media type and name.
//! - Its custody up to the hand-over, as an export bundle carries it: every link of the
//!   case's chain (`seq`, `prev_hash`, `hash`), the entries of this item disclosed in full
//!   (its creation, consent, readings, and the `share` entry that hands it over, which is the
//!   last), and the case's signed head at the hand-over, signed by the sender's vault key.
//! - The sender's vault public key, and a signature by the sending **deployment** key (the
//!   one the receiver pinned by fingerprint) over all of the above, length-framed: the vault
//!   key is believed because the pinned key vouches for it.
//!
//! [`Handover::check`] says everything wrong with one, against the pinned key and the bytes
//! that arrived; the receiver refuses the packet unless the list is empty, and
//! `spona custody verify` runs it again on what was stored.
//!
//! The item's bytes travel separately in the body, age-encrypted to the receiving
//! organisation's recipient ([`seal_for`]): they stay so when stored. An item over
//! [`crate::chunks::INLINE_MAX`] travels in `vault-chunk` packets ahead of its `vault-item`
//! instead ([`crate::chunks`]).

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use spona_vault::{CustodyEntry, CustodyLink, ServerKey, ServerPublicKey, SignedHead};

use crate::framed;
use crate::keys::OrgIdentity;

const LABEL: &[u8] = b"spona-federation-handover-v1";

/// The hand-over record (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub item_id: String,
    pub case_id: String,
    /// `file` or `testimony` (a testimony travels as its JSON text).
    pub kind: String,
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    /// The file's name, or a label for a testimony.
    pub name: String,
    /// The sender's vault public key (hex), which signed the head.
    pub vault_key: String,
    pub links: Vec<CustodyLink>,
    pub entries: Vec<CustodyEntry>,
    pub head: SignedHead,
    /// Ed25519 signature (hex) by the sending deployment's key.
    pub signature: String,
}

/// What a handover is built from.
pub struct HandoverDraft<'a> {
    pub item_id: &'a str,
    pub case_id: &'a str,
    pub kind: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub media_type: &'a str,
    pub name: &'a str,
    /// The case's whole chain, the hand-over's `share` entry last.
    pub chain: &'a [CustodyEntry],
    /// The vault's signing key (signs the head).
    pub vault: &'a ServerKey,
}

impl Handover {
    /// Builds and signs a handover: the entries that concern the item (its id in the reason,
    /// or the hand-over itself) disclosed, the others by their links only.
    pub fn build(d: HandoverDraft<'_>, deployment: &ServerKey) -> Option<Handover> {
        let last = d.chain.last()?;
        let entries = d
            .chain
            .iter()
            .filter(|e| e.seq == last.seq || e.reason.contains(d.item_id))
            .cloned()
            .collect();
        let mut h = Handover {
            item_id: d.item_id.to_owned(),
            case_id: d.case_id.to_owned(),
            kind: d.kind.to_owned(),
            sha256: d.sha256.to_ascii_lowercase(),
            size: d.size,
            media_type: d.media_type.to_owned(),
            name: d.name.to_owned(),
            vault_key: d.vault.public().to_hex(),
            links: d.chain.iter().map(CustodyLink::from).collect(),
            entries,
            head: d.vault.sign_head(&last.case_id, last.seq, &last.hash),
            signature: String::new(),
        };
        h.signature = hex::encode(deployment.sign(&h.message()));
        Some(h)
    }

    fn message(&self) -> Vec<u8> {
        let size = self.size.to_be_bytes();
        let seq = self.head.seq.to_be_bytes();
        let links: Vec<u8> = self
            .links
            .iter()
            .flat_map(|l| framed(&[&l.seq.to_be_bytes(), l.hash.as_bytes()]))
            .collect();
        let entries: Vec<u8> = self
            .entries
            .iter()
            .flat_map(|e| framed(&[&e.seq.to_be_bytes(), e.hash.as_bytes()]))
            .collect();
        framed(&[
            LABEL,
            self.item_id.as_bytes(),
            self.case_id.as_bytes(),
            self.kind.as_bytes(),
            self.sha256.as_bytes(),
            &size,
            self.media_type.as_bytes(),
            self.name.as_bytes(),
            self.vault_key.as_bytes(),
            &links,
            &entries,
            self.head.case_id.as_bytes(),
            &seq,
            self.head.hash.as_bytes(),
            self.head.signature.as_bytes(),
        ])
    }

    /// Everything wrong with this handover, checked against the deployment key the receiver
    /// pinned and the item's bytes as they arrived (`None`: the bytes are not at hand).
    /// Empty when it holds.
    pub fn check(&self, pinned: &ServerPublicKey, original: Option<&[u8]>) -> Vec<String> {
        let mut problems = Vec::new();
        if !pinned.verify(&self.message(), &self.signature) {
            problems.push(
                "the hand-over is not signed by the sending deployment's pinned key".to_owned(),
            );
        }
        match ServerPublicKey::from_hex(&self.vault_key) {
            Err(_) => problems.push("the sender's vault key is malformed".to_owned()),
            Ok(vault) => {
                let report = spona_vault::verify_extract(
                    &self.case_id,
                    &self.links,
                    &self.entries,
                    Some(&self.head),
                    &vault,
                );
                problems.extend(
                    report
                        .problems
                        .iter()
                        .map(|p| format!("sender's custody: {p}")),
                );
            }
        }
        let handover = self.entries.iter().find(|e| e.seq == self.head.seq);
        match handover {
            None => problems.push("the hand-over entry is not disclosed".to_owned()),
            Some(e) => {
                if e.action != "share" || !e.reason.contains(&self.item_id) {
                    problems.push(format!(
                        "the last entry ({}) is not the hand-over of item {}",
                        e.action, self.item_id
                    ));
                }
                if e.item_sha256.as_deref() != Some(self.sha256.as_str()) {
                    problems.push("the hand-over entry names another SHA-256".to_owned());
                }
            }
        }
        if !self.entries.iter().any(|e| {
            e.action == "create"
                && e.reason.contains(&self.item_id)
                && e.item_sha256.as_deref() == Some(self.sha256.as_str())
        }) {
            problems.push(format!(
                "no disclosed entry created item {} with this SHA-256",
                self.item_id
            ));
        }
        if let Some(bytes) = original {
            if bytes.len() as u64 != self.size {
                problems.push(format!(
                    "the item has {} bytes, the hand-over says {}",
                    bytes.len(),
                    self.size
                ));
            }
            if hex::encode(Sha256::digest(bytes)) != self.sha256 {
                problems.push("the item's SHA-256 differs from the hand-over's".to_owned());
            }
        }
        problems
    }
}

/// The item's bytes, age-encrypted to `recipient` (`age1…`), in base64 for the packet body.
pub fn seal_for(recipient: &str, bytes: &[u8]) -> Result<String, String> {
    use base64::Engine;
    let recipient =
        age::x25519::Recipient::from_str(recipient).map_err(|e| format!("recipient: {e}"))?;
    let ciphertext = age::encrypt(&recipient, bytes).map_err(|e| e.to_string())?;
    Ok(base64::engine::general_purpose::STANDARD.encode(ciphertext))
}

/// The age ciphertext (binary) from [`seal_for`]'s base64.
pub fn ciphertext(b64: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| format!("not base64: {e}"))
}

/// Opens an item's age ciphertext (binary) with the organisation's identity.
pub fn open_with(identity: &OrgIdentity, ciphertext: &[u8]) -> Result<Vec<u8>, String> {
    age::decrypt(identity.inner(), ciphertext).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use spona_vault::custody::{NewEntry, append};

    use super::*;

    const ITEM: &str = "item-1";

    fn chain(bytes: &[u8]) -> Vec<CustodyEntry> {
        let sha = hex::encode(Sha256::digest(bytes));
        let mut out: Vec<CustodyEntry> = Vec::new();
        for (action, reason, hash) in [
            ("create", "case opened".to_owned(), None),
            ("create", format!("item {ITEM} created"), Some(sha.clone())),
            (
                "create",
                "item other created".to_owned(),
                Some("00".repeat(32)),
            ),
            ("view", format!("item {ITEM}"), Some(sha.clone())),
            ("share", format!("item {ITEM} with zmina: court"), Some(sha)),
        ] {
            let e = append(
                out.last(),
                NewEntry {
                    case_id: "case-1".into(),
                    at_ms: 1,
                    actor: "u".into(),
                    action: action.into(),
                    reason,
                    item_sha256: hash,
                },
            );
            out.push(e);
        }
        out
    }

    fn handover(bytes: &[u8], vault: &ServerKey, deployment: &ServerKey) -> Handover {
        let c = chain(bytes);
        Handover::build(
            HandoverDraft {
                item_id: ITEM,
                case_id: "case-1",
                kind: "file",
                sha256: &hex::encode(Sha256::digest(bytes)),
                size: bytes.len() as u64,
                media_type: "text/plain",
                name: "a.txt",
                chain: &c,
                vault,
            },
            deployment,
        )
        .expect("handover")
    }

    #[test]
    fn a_handover_discloses_only_its_items_entries_and_verifies() {
        let (vault, dep) = (ServerKey::generate(), ServerKey::generate());
        let bytes = b"evidence";
        let h = handover(bytes, &vault, &dep);
        assert_eq!(h.links.len(), 5);
        assert_eq!(
            h.entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![1, 3, 4]
        );
        assert!(h.check(&dep.public(), Some(bytes)).is_empty());
        // Through JSON as it travels.
        let back: Handover =
            serde_json::from_str(&serde_json::to_string(&h).expect("json")).expect("parse");
        assert!(back.check(&dep.public(), Some(bytes)).is_empty());
    }

    #[test]
    fn each_tampering_is_reported() {
        let (vault, dep) = (ServerKey::generate(), ServerKey::generate());
        let bytes = b"evidence";
        let h = handover(bytes, &vault, &dep);
        // Another deployment's key.
        assert!(
            !h.check(&ServerKey::generate().public(), Some(bytes))
                .is_empty()
        );
        // Other bytes.
        let p = h.check(&dep.public(), Some(b"evidencf"));
        assert!(p.iter().any(|p| p.contains("SHA-256")), "{p:?}");
        // An entry's reason changed (signature over hashes still holds: the chain does not).
        let mut t = h.clone();
        t.entries[0].reason = "item item-1 created (edited)".into();
        assert!(!t.check(&dep.public(), Some(bytes)).is_empty());
        // An entry's hash recomputed after editing: the signed links no longer match.
        let mut t = h.clone();
        t.entries[1].actor = "someone else".into();
        t.entries[1].hash = t.entries[1].compute_hash();
        assert!(!t.check(&dep.public(), Some(bytes)).is_empty());
        // The head re-signed by another vault key, and the key swapped: the deployment's
        // signature no longer covers it.
        let mut t = h.clone();
        let other = ServerKey::generate();
        t.head = other.sign_head(&t.head.case_id, t.head.seq, &t.head.hash);
        t.vault_key = other.public().to_hex();
        assert!(!t.check(&dep.public(), Some(bytes)).is_empty());
        // A link dropped.
        let mut t = h.clone();
        t.links.remove(2);
        assert!(!t.check(&dep.public(), Some(bytes)).is_empty());
        // The size.
        let mut t = h;
        t.size += 1;
        assert!(!t.check(&dep.public(), Some(bytes)).is_empty());
    }

    #[test]
    fn the_bytes_open_only_with_the_addressees_identity() {
        let id = OrgIdentity::generate();
        let sealed = seal_for(&id.recipient(), b"evidence").expect("seal");
        let ct = ciphertext(&sealed).expect("b64");
        assert_eq!(open_with(&id, &ct).expect("open"), b"evidence");
        assert!(open_with(&OrgIdentity::generate(), &ct).is_err());
    }
}
