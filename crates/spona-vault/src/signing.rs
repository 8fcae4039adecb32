//! The server's Ed25519 key, which signs custody heads and export manifests.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Result, VaultError};
use crate::keys::{KEY_LEN, random_bytes, read_key_file, write_key_file};

/// Label of the text form of the public key.
pub const PUBLIC_KEY_LABEL: &str = "spona-server-ed25519";

/// The server signing key (seed file: 64 hex digits, mode 0600). `Debug` shows the public key.
pub struct ServerKey {
    key: SigningKey,
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerKey")
            .field("public", &self.public().to_hex())
            .finish_non_exhaustive()
    }
}

impl ServerKey {
    pub fn generate() -> Self {
        let mut seed = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(seed.as_mut());
        ServerKey {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// Loads the seed file at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        read_key_file(path).map(|seed| ServerKey {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// Writes this key as a new seed file (mode 0600, synced); fails if `path` exists.
    pub fn write_new(&self, path: &Path) -> Result<()> {
        write_key_file(path, &self.key.to_bytes())
    }

    /// Loads the seed file at `path`, or creates one (mode 0600) when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Self> {
        match read_key_file(path) {
            Err(VaultError::KeyFileMissing { .. }) => {
                let key = Self::generate();
                match write_key_file(path, &key.key.to_bytes()) {
                    Ok(()) => Ok(key),
                    // Another process created it first: use theirs.
                    Err(_) if path.exists() => Self::load_or_create(path),
                    Err(e) => Err(e),
                }
            }
            other => other.map(|seed| ServerKey {
                key: SigningKey::from_bytes(&seed),
            }),
        }
    }

    pub fn public(&self) -> ServerPublicKey {
        ServerPublicKey(self.key.verifying_key())
    }

    /// Signs arbitrary bytes (e.g. a manifest).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }

    /// Signs the head of a case's custody log.
    pub fn sign_head(&self, case_id: &str, seq: u64, hash: &str) -> SignedHead {
        let message = head_message(case_id, seq, hash);
        SignedHead {
            case_id: case_id.to_string(),
            seq,
            hash: hash.to_string(),
            public_key: self.public().to_hex(),
            signature: hex::encode(self.sign(&message)),
        }
    }
}

/// The signed bytes of a head: length-prefixed "spona-custody-head-v1", case id, then
/// BE64(seq) and the length-prefixed hash.
fn head_message(case_id: &str, seq: u64, hash: &str) -> Vec<u8> {
    let mut m = Vec::new();
    for s in ["spona-custody-head-v1", case_id] {
        m.extend_from_slice(&(s.len() as u64).to_be_bytes());
        m.extend_from_slice(s.as_bytes());
    }
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(&(hash.len() as u64).to_be_bytes());
    m.extend_from_slice(hash.as_bytes());
    m
}

/// The signed head of a case's custody log (`custody-head.json` in a bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedHead {
    pub case_id: String,
    pub seq: u64,
    pub hash: String,
    /// The signer's public key, hex (informative; verification uses the trusted key).
    pub public_key: String,
    /// Ed25519 signature, hex.
    pub signature: String,
}

/// The server's public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerPublicKey(VerifyingKey);

impl ServerPublicKey {
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    pub fn from_hex(text: &str) -> Result<Self> {
        let malformed = |reason: String| VaultError::Malformed {
            what: "server public key",
            reason,
        };
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|e| malformed(e.to_string()))?;
        VerifyingKey::from_bytes(&bytes)
            .map(ServerPublicKey)
            .map_err(|e| malformed(e.to_string()))
    }

    /// `spona-server-ed25519 <hex>` — the text form written to `server-ed25519.pub`.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC_KEY_LABEL} {}\n", self.to_hex())
    }

    /// Parses [`ServerPublicKey::to_text`] (or a bare hex key).
    pub fn from_text(text: &str) -> Result<Self> {
        let text = text.trim();
        Self::from_hex(text.strip_prefix(PUBLIC_KEY_LABEL).unwrap_or(text))
    }

    /// The key in OpenSSH `authorized_keys` form (`ssh-ed25519 AAAA… comment`).
    pub fn to_openssh(&self, comment: &str) -> String {
        let mut blob = Vec::with_capacity(51);
        for part in [b"ssh-ed25519".as_slice(), self.0.as_bytes().as_slice()] {
            blob.extend_from_slice(&(part.len() as u32).to_be_bytes());
            blob.extend_from_slice(part);
        }
        format!("ssh-ed25519 {} {comment}", B64.encode(blob))
    }

    pub fn verify(&self, message: &[u8], signature_hex: &str) -> bool {
        let mut sig = [0u8; 64];
        if hex::decode_to_slice(signature_hex.trim(), &mut sig).is_err() {
            return false;
        }
        self.0.verify(message, &Signature::from_bytes(&sig)).is_ok()
    }

    pub fn verify_head(&self, head: &SignedHead) -> bool {
        self.verify(
            &head_message(&head.case_id, head.seq, &head.hash),
            &head.signature,
        )
    }
}
