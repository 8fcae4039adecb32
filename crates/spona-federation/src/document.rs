//! The public key document a deployment serves at `/.well-known/spona-federation`.
//!
//! It names the deployment, its inbox and its Ed25519 signing key, and lists each local
//! organisation with its age recipient; it is signed by the signing key. A partner pins the
//! signing key through its fingerprint (checked out of band); the organisations' keys are
//! then believed because the pinned key signed them.

use serde::{Deserialize, Serialize};
use spona_vault::{ServerKey, ServerPublicKey};

use crate::framed;

/// The version of the document and packet formats.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub spona_federation: u32,
    /// The deployment's name as its admins gave it (informative).
    pub name: String,
    /// The address people and partners reach the deployment at.
    pub base_url: String,
    /// Where packets are posted.
    pub inbox: String,
    /// The deployment's Ed25519 public key, hex.
    pub signing_key: String,
    pub organisations: Vec<OrgEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEntry {
    pub id: String,
    pub slug: String,
    pub name: String,
    /// The organisation's age X25519 recipient (`age1…`).
    pub recipient: String,
    /// The services it publishes that take referrals from partners (absent when none, so
    /// documents without services read and verify as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceEntry>,
}

/// A published service a partner's case workers may refer a person to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEntry {
    pub id: String,
    pub name: String,
    /// A `SERVICE_KINDS` code.
    pub kind: String,
    /// The person's fields a referral to it carries, and no others (`referral::FIELDS`).
    pub asks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedDocument {
    pub document: Document,
    /// Ed25519 over the framed label and the document's JSON, hex.
    pub signature: String,
}

fn message(doc: &Document) -> Vec<u8> {
    let json = serde_json::to_vec(doc).unwrap_or_default();
    framed(&[b"spona-federation-document-v1", &json])
}

impl Document {
    pub fn sign(self, key: &ServerKey) -> SignedDocument {
        let signature = hex::encode(key.sign(&message(&self)));
        SignedDocument {
            document: self,
            signature,
        }
    }
}

impl SignedDocument {
    /// The signing key the document names, once its signature holds.
    pub fn verify(&self) -> Result<ServerPublicKey, String> {
        if self.document.spona_federation != VERSION {
            return Err(format!(
                "unsupported document version {}",
                self.document.spona_federation
            ));
        }
        let key = ServerPublicKey::from_hex(&self.document.signing_key)
            .map_err(|e| format!("signing key: {e}"))?;
        if !key.verify(&message(&self.document), &self.signature) {
            return Err("the document's signature does not hold".into());
        }
        for org in &self.document.organisations {
            if !crate::keys::is_recipient(&org.recipient) {
                return Err(format!("organisation {}: not an age recipient", org.id));
            }
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(key: &ServerKey) -> Document {
        Document {
            spona_federation: VERSION,
            name: "Belgrade".into(),
            base_url: "https://b.example".into(),
            inbox: "https://b.example/federation/inbox".into(),
            signing_key: key.public().to_hex(),
            organisations: vec![OrgEntry {
                id: "o1".into(),
                slug: "astra".into(),
                name: "ASTRA".into(),
                recipient: crate::OrgIdentity::generate().recipient(),
                services: vec![],
            }],
        }
    }

    #[test]
    fn a_signed_document_verifies_and_a_changed_one_does_not() {
        let key = ServerKey::generate();
        let signed = doc(&key).sign(&key);
        let json = serde_json::to_string(&signed).expect("json");
        let back: SignedDocument = serde_json::from_str(&json).expect("parse");
        assert_eq!(back.verify().expect("verify"), key.public());
        let mut changed = back.clone();
        changed.document.organisations[0].recipient = crate::OrgIdentity::generate().recipient();
        assert!(changed.verify().is_err());
        // Signed by another key than the one it names.
        let other = ServerKey::generate();
        let forged = doc(&key).sign(&other);
        assert!(forged.verify().is_err());
    }
}
