//! C2SP `tlog-checkpoint` and C2SP `signed-note` with Ed25519 (signature type 0x01).
//!
//! A checkpoint's text is `origin\nsize\nbase64(root)\n` and optional extension lines. A
//! signed note is the text, a blank line, and lines `— <name> base64(key hash ‖ signature)`,
//! where the key hash is the first four bytes of `SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)`.
//! A verifier key is written `name+hex(key hash)+base64(0x01 ‖ public key)`, the form Go's
//! `golang.org/x/mod/sumdb/note` reads.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::merkle::Hash;

const ALG_ED25519: u8 = 0x01;
const DASH: &str = "\u{2014} ";

/// Why a checkpoint or note was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("malformed {what}: {reason}")]
    Malformed { what: &'static str, reason: String },
    /// No signature by the pinned key; `found` names the keys that did sign.
    #[error(
        "the checkpoint is not signed by the pinned key {expected}; it carries signatures by: {}",
        if found.is_empty() { "nobody".to_string() } else { found.join(", ") }
    )]
    UnknownKey {
        expected: String,
        found: Vec<String>,
    },
    #[error("the signature by {0} does not verify: the checkpoint was altered or forged")]
    BadSignature(String),
}

fn malformed(what: &'static str, reason: impl Into<String>) -> NoteError {
    NoteError::Malformed {
        what,
        reason: reason.into(),
    }
}

/// The 4-byte key hash of an Ed25519 key named `name`.
pub fn key_hash(name: &str, public: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ALG_ED25519]);
    h.update(public);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// A note verifier key (`name+hash+base64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    hash: [u8; 4],
    public: [u8; 32],
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('+') && !name.chars().any(|c| c.is_whitespace())
}

impl VerifierKey {
    pub fn new(name: &str, public: [u8; 32]) -> Result<Self, NoteError> {
        if !valid_name(name) {
            return Err(malformed("key name", format!("{name:?}")));
        }
        Ok(VerifierKey {
            name: name.to_string(),
            hash: key_hash(name, &public),
            public,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn public(&self) -> &[u8; 32] {
        &self.public
    }

    /// Parses `name+hash+base64(0x01 ‖ key)`; the hash must match the key.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let text = text.trim();
        // The name holds no `+`; the base64 key may.
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(hash), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed("verifier key", "expected name+hash+key"));
        };
        let key = B64
            .decode(key)
            .map_err(|e| malformed("verifier key", e.to_string()))?;
        if key.len() != 33 || key[0] != ALG_ED25519 {
            return Err(malformed("verifier key", "not an Ed25519 note key"));
        }
        let mut public = [0u8; 32];
        public.copy_from_slice(&key[1..]);
        VerifyingKey::from_bytes(&public).map_err(|e| malformed("verifier key", e.to_string()))?;
        let v = Self::new(name, public)?;
        if hex::encode(v.hash) != hash {
            return Err(malformed(
                "verifier key",
                "the key hash does not match the key",
            ));
        }
        Ok(v)
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key = vec![ALG_ED25519];
        key.extend_from_slice(&self.public);
        write!(
            f,
            "{}+{}+{}",
            self.name,
            hex::encode(self.hash),
            B64.encode(key)
        )
    }
}

/// Signs `text` (which must end in a newline) as `key`; `sign` makes the Ed25519 signature.
pub fn sign_note(
    text: &str,
    key: &VerifierKey,
    sign: impl FnOnce(&[u8]) -> [u8; 64],
) -> Result<String, NoteError> {
    if !text.ends_with('\n') || text.contains("\n\n") {
        return Err(malformed(
            "note text",
            "must end in one newline and hold no blank line",
        ));
    }
    let signature = sign(text.as_bytes());
    let mut blob = key.hash.to_vec();
    blob.extend_from_slice(&signature);
    Ok(format!("{text}\n{DASH}{} {}\n", key.name, B64.encode(blob)))
}

/// Verifies a signed note by `key` and returns its text.
pub fn open_note<'a>(note: &'a str, key: &VerifierKey) -> Result<&'a str, NoteError> {
    let split = note
        .rfind("\n\n")
        .ok_or_else(|| malformed("signed note", "no signature block"))?;
    let (text, sigs) = (&note[..split + 1], &note[split + 2..]);
    if !sigs.ends_with('\n') {
        return Err(malformed(
            "signed note",
            "the signature block must end in a newline",
        ));
    }
    let mut found = Vec::new();
    for line in sigs.lines() {
        let rest = line
            .strip_prefix(DASH)
            .ok_or_else(|| malformed("signed note", format!("bad signature line {line:?}")))?;
        let (name, blob) = rest
            .split_once(' ')
            .ok_or_else(|| malformed("signed note", format!("bad signature line {line:?}")))?;
        let blob = B64
            .decode(blob)
            .map_err(|e| malformed("signed note", e.to_string()))?;
        if blob.len() < 4 {
            return Err(malformed("signed note", "signature too short"));
        }
        if name == key.name && blob[..4] == key.hash {
            let sig = Signature::from_slice(&blob[4..])
                .map_err(|_| NoteError::BadSignature(key.to_string()))?;
            let vk = VerifyingKey::from_bytes(&key.public)
                .map_err(|e| malformed("verifier key", e.to_string()))?;
            return vk
                .verify(text.as_bytes(), &sig)
                .map(|()| text)
                .map_err(|_| NoteError::BadSignature(key.to_string()));
        }
        found.push(format!("{name}+{}", hex::encode(&blob[..4])));
    }
    Err(NoteError::UnknownKey {
        expected: key.to_string(),
        found,
    })
}

/// A C2SP `tlog-checkpoint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub extensions: Vec<String>,
}

impl Checkpoint {
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root)
        );
        for e in &self.extensions {
            s.push_str(e);
            s.push('\n');
        }
        s
    }

    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let bad = |r: &str| malformed("checkpoint", r);
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| bad("no final newline"))?;
        let mut lines = body.split('\n');
        let origin = lines
            .next()
            .filter(|o| !o.is_empty())
            .ok_or_else(|| bad("no origin"))?;
        let size_line = lines.next().ok_or_else(|| bad("no size"))?;
        let size: u64 = size_line.parse().map_err(|_| bad("size is not a number"))?;
        if size.to_string() != size_line {
            return Err(bad("size is not in canonical decimal"));
        }
        let root = B64
            .decode(lines.next().ok_or_else(|| bad("no root hash"))?)
            .map_err(|_| bad("root hash is not base64"))?;
        let root: Hash = root
            .try_into()
            .map_err(|_| bad("root hash is not 32 bytes"))?;
        let extensions: Vec<String> = lines.map(str::to_string).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(bad("empty extension line"));
        }
        Ok(Checkpoint {
            origin: origin.to_string(),
            size,
            root,
            extensions,
        })
    }

    /// Signs this checkpoint as a note.
    pub fn sign(
        &self,
        key: &VerifierKey,
        sign: impl FnOnce(&[u8]) -> [u8; 64],
    ) -> Result<String, NoteError> {
        sign_note(&self.to_text(), key, sign)
    }

    /// Opens a signed checkpoint: the signature by `key` must verify.
    pub fn open(note: &str, key: &VerifierKey) -> Result<Self, NoteError> {
        let text = open_note(note, key)?;
        Self::parse(text)
    }
}

#[cfg(test)]
#[path = "note_tests.rs"]
mod tests;
