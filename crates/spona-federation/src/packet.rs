//! Packets and receipts.
//!
//! An [`Envelope`] carries its routing in clear (sender, organisations, conversation and
//! sequence number, kind) and its body encrypted with age to the receiving organisation's
//! X25519 recipient; the sending deployment signs all of it. The inbox answers a packet it
//! stored with a [`Receipt`] signed by the receiving deployment.

use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use spona_vault::{ServerKey, ServerPublicKey};

use crate::framed;
use crate::keys::OrgIdentity;

/// Longest plaintext body a packet may carry (the inbox's request limit is above it).
pub const MAX_BODY: usize = 512 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub v: u32,
    /// The packet's id (a UUID), unique for ever: a repeated id is a replay.
    pub id: String,
    /// The sending deployment's signing key, hex.
    pub from: String,
    pub from_org: String,
    pub to_org: String,
    /// What the packet belongs to (a referral, a note thread); packets of one conversation
    /// are accepted in the order of `seq`, from 1 without gaps.
    pub conversation: String,
    pub seq: i64,
    pub kind: String,
    /// Unix seconds when the packet was made (queued).
    pub created: i64,
    /// The body: age (X25519) ciphertext, base64.
    pub body: String,
    /// Ed25519 over all the fields above, hex.
    pub signature: String,
}

/// Why a packet could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the packet's signature does not hold")]
    BadSignature,
    #[error("the packet's body is not valid base64")]
    Malformed,
    #[error("the packet's body does not open with the addressee's key: {0}")]
    WrongKey(String),
    #[error("the packet's body is larger than {MAX_BODY} bytes")]
    TooLarge,
}

/// What goes into a new packet.
pub struct Draft<'a> {
    pub id: &'a str,
    pub from_org: &'a str,
    pub to_org: &'a str,
    pub conversation: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub created: i64,
}

impl Envelope {
    fn message(&self) -> Vec<u8> {
        framed(&[
            b"spona-federation-packet-v1",
            &self.v.to_be_bytes(),
            self.id.as_bytes(),
            self.from.as_bytes(),
            self.from_org.as_bytes(),
            self.to_org.as_bytes(),
            self.conversation.as_bytes(),
            &self.seq.to_be_bytes(),
            self.kind.as_bytes(),
            &self.created.to_be_bytes(),
            self.body.as_bytes(),
        ])
    }

    /// Encrypts `body` to `recipient` (`age1…`) and signs the packet.
    pub fn seal(
        key: &ServerKey,
        draft: Draft<'_>,
        recipient: &str,
        body: &[u8],
    ) -> Result<Envelope, String> {
        if body.len() > MAX_BODY {
            return Err(OpenError::TooLarge.to_string());
        }
        let recipient =
            age::x25519::Recipient::from_str(recipient).map_err(|e| format!("recipient: {e}"))?;
        let ciphertext = age::encrypt(&recipient, body).map_err(|e| e.to_string())?;
        let mut env = Envelope {
            v: crate::document::VERSION,
            id: draft.id.into(),
            from: key.public().to_hex(),
            from_org: draft.from_org.into(),
            to_org: draft.to_org.into(),
            conversation: draft.conversation.into(),
            seq: draft.seq,
            kind: draft.kind.into(),
            created: draft.created,
            body: B64.encode(ciphertext),
            signature: String::new(),
        };
        env.signature = hex::encode(key.sign(&env.message()));
        Ok(env)
    }

    /// Whether the sending deployment `from` signed exactly this packet.
    pub fn verify(&self, from: &ServerPublicKey) -> Result<(), OpenError> {
        if self.from != from.to_hex() || !from.verify(&self.message(), &self.signature) {
            return Err(OpenError::BadSignature);
        }
        Ok(())
    }

    /// Decrypts the body with the addressee's identity.
    pub fn open(&self, identity: &OrgIdentity) -> Result<Vec<u8>, OpenError> {
        let ciphertext = B64.decode(&self.body).map_err(|_| OpenError::Malformed)?;
        let plain = age::decrypt(identity.inner(), &ciphertext)
            .map_err(|e| OpenError::WrongKey(e.to_string()))?;
        if plain.len() > MAX_BODY {
            return Err(OpenError::TooLarge);
        }
        Ok(plain)
    }
}

/// The receiving deployment's word that it stored a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub packet_id: String,
    /// SHA-256 of the packet's signature (hex): which packet exactly was stored.
    pub packet_hash: String,
    /// The receiving deployment's signing key, hex.
    pub receiver: String,
    pub received_at: i64,
    /// `stored`.
    pub status: String,
    pub signature: String,
}

impl Receipt {
    fn message(&self) -> Vec<u8> {
        framed(&[
            b"spona-federation-receipt-v1",
            self.packet_id.as_bytes(),
            self.packet_hash.as_bytes(),
            self.receiver.as_bytes(),
            &self.received_at.to_be_bytes(),
            self.status.as_bytes(),
        ])
    }

    pub fn sign(key: &ServerKey, env: &Envelope, received_at: i64) -> Receipt {
        let mut r = Receipt {
            packet_id: env.id.clone(),
            packet_hash: packet_hash(env),
            receiver: key.public().to_hex(),
            received_at,
            status: "stored".into(),
            signature: String::new(),
        };
        r.signature = hex::encode(key.sign(&r.message()));
        r
    }

    /// Whether `receiver` signed this receipt for exactly `env`.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str) -> Draft<'_> {
        Draft {
            id,
            from_org: "a",
            to_org: "b",
            conversation: "note:1",
            seq: 1,
            kind: "note",
            created: 1_700_000_000,
        }
    }

    #[test]
    fn a_packet_opens_only_for_its_addressee_and_only_unchanged() {
        let key = ServerKey::generate();
        let to = OrgIdentity::generate();
        let env = Envelope::seal(&key, draft("p1"), &to.recipient(), b"hello").expect("seal");
        env.verify(&key.public()).expect("verify");
        assert_eq!(env.open(&to).expect("open"), b"hello");
        // Another organisation's key does not open it.
        let other = OrgIdentity::generate();
        assert!(matches!(env.open(&other), Err(OpenError::WrongKey(_))));
        // Any changed field breaks the signature.
        let changes: [fn(&mut Envelope); 5] = [
            |e: &mut Envelope| e.seq = 2,
            |e: &mut Envelope| e.to_org = "c".into(),
            |e: &mut Envelope| e.conversation = "x".into(),
            |e: &mut Envelope| e.body.insert(0, 'A'),
            |e: &mut Envelope| e.id = "p2".into(),
        ];
        for change in changes {
            let mut bad = env.clone();
            change(&mut bad);
            assert_eq!(bad.verify(&key.public()), Err(OpenError::BadSignature));
        }
        // Another deployment's key is not the sender's.
        assert!(env.verify(&ServerKey::generate().public()).is_err());
        // A truncated body does not open.
        let mut cut = env.clone();
        let raw = B64.decode(&cut.body).expect("b64");
        cut.body = B64.encode(&raw[..raw.len() - 10]);
        assert!(cut.open(&to).is_err());
    }

    #[test]
    fn receipts_bind_the_packet_and_the_receiver() {
        let sender = ServerKey::generate();
        let receiver = ServerKey::generate();
        let to = OrgIdentity::generate();
        let env = Envelope::seal(&sender, draft("p1"), &to.recipient(), b"x").expect("seal");
        let other = Envelope::seal(&sender, draft("p2"), &to.recipient(), b"x").expect("seal");
        let r = Receipt::sign(&receiver, &env, 5);
        assert!(r.verify(&receiver.public(), &env));
        assert!(!r.verify(&receiver.public(), &other));
        assert!(!r.verify(&sender.public(), &env));
        let mut changed = r.clone();
        changed.received_at = 6;
        assert!(!changed.verify(&receiver.public(), &env));
    }
}
