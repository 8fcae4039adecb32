//! A receiving deployment's signed word that it refuses a packet for good (issue 20).
//!
//! The inbox answers a packet that can never be accepted — its body does not open, its
//! kind is not handled, its checks fail (a referral to a closed service), its number or id
//! is taken by another packet — with a [`SignedRefusal`] beside the HTTP status. The sender
//! checks it against the partner's pinned key and against the very packet it sent, then
//! marks the packet failed at once instead of retrying it for the whole delivery window. A
//! refusal that is not signed (a proxy's error page, a transient refusal) proves nothing
//! and is retried, unless its status is one that no retry can change (422).

use serde::{Deserialize, Serialize};
use spona_vault::{ServerKey, ServerPublicKey};

use crate::framed;
use crate::packet::Envelope;

/// The receiver's signed refusal of one packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRefusal {
    pub packet_id: String,
    /// SHA-256 of the packet's signature (hex), as in a receipt: which packet exactly.
    pub packet_hash: String,
    /// The refusing deployment's signing key, hex.
    pub receiver: String,
    pub refused_at: i64,
    /// The HTTP status the refusal came with.
    pub status: u16,
    /// Why, in words for the sender's packet log.
    pub reason: String,
    /// `true`: sending it again cannot change the answer.
    pub permanent: bool,
    pub signature: String,
}

impl SignedRefusal {
    fn message(&self) -> Vec<u8> {
        framed(&[
            b"spona-federation-refusal-v1",
            self.packet_id.as_bytes(),
            self.packet_hash.as_bytes(),
            self.receiver.as_bytes(),
            &self.refused_at.to_be_bytes(),
            &self.status.to_be_bytes(),
            self.reason.as_bytes(),
            &[u8::from(self.permanent)],
        ])
    }

    /// The receiver `key` refuses `env` with `status` for `reason`.
    pub fn sign(
        key: &ServerKey,
        env: &Envelope,
        status: u16,
        reason: &str,
        permanent: bool,
        at: i64,
    ) -> SignedRefusal {
        let mut r = SignedRefusal {
            packet_id: env.id.clone(),
            packet_hash: packet_hash(env),
            receiver: key.public().to_hex(),
            refused_at: at,
            status,
            reason: reason.to_owned(),
            permanent,
            signature: String::new(),
        };
        r.signature = hex::encode(key.sign(&r.message()));
        r
    }

    /// Whether `receiver` signed this refusal of exactly `env`.
    pub fn verify(&self, receiver: &ServerPublicKey, env: &Envelope) -> bool {
        self.packet_id == env.id
            && self.packet_hash == packet_hash(env)
            && self.receiver == receiver.to_hex()
            && receiver.verify(&self.message(), &self.signature)
    }
}

fn packet_hash(env: &Envelope) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(env.signature.as_bytes()))
}

/// Whether an answer with HTTP `status` (and no signed refusal) means the packet can never
/// be accepted: 422 (the receiver read it and will never take it) and 413 (it will never
/// fit). Everything else — 5xx, 429, 401 for a stale signature, 403 for a key or link not
/// confirmed yet, 409 for a packet ahead of its turn, no answer at all — is retried.
pub fn permanent_status(status: u16) -> bool {
    matches!(status, 413 | 422)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrgIdentity;
    use crate::packet::Draft;

    fn envelope(key: &ServerKey, id: &str) -> Envelope {
        let to = OrgIdentity::generate();
        Envelope::seal(
            key,
            Draft {
                id,
                from_org: "a",
                to_org: "b",
                conversation: "c",
                seq: 1,
                kind: "note",
                created: 1,
            },
            &to.recipient(),
            b"{}",
        )
        .expect("seal")
    }

    #[test]
    fn a_refusal_verifies_for_its_packet_and_key_only() {
        let sender = ServerKey::generate();
        let receiver = ServerKey::generate();
        let env = envelope(&sender, "p1");
        let r = SignedRefusal::sign(&receiver, &env, 422, "no such service", true, 10);
        assert!(r.verify(&receiver.public(), &env));
        // Another key, another packet, any field changed: no.
        assert!(!r.verify(&sender.public(), &env));
        assert!(!r.verify(&receiver.public(), &envelope(&sender, "p2")));
        let mut t = r.clone();
        t.permanent = false;
        assert!(!t.verify(&receiver.public(), &env));
        let mut t = r.clone();
        t.reason = "something else".into();
        assert!(!t.verify(&receiver.public(), &env));
        let mut t = r.clone();
        t.status = 409;
        assert!(!t.verify(&receiver.public(), &env));
        // It survives JSON.
        let back: SignedRefusal =
            serde_json::from_str(&serde_json::to_string(&r).expect("json")).expect("json");
        assert!(back.verify(&receiver.public(), &env));
    }

    #[test]
    fn only_422_and_413_are_permanent_without_a_signature() {
        for s in [422, 413] {
            assert!(permanent_status(s), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 429, 500, 502, 503] {
            assert!(!permanent_status(s), "{s}");
        }
    }
}
