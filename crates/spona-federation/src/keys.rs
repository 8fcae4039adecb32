//! Fingerprints and organisation identities.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use spona_vault::ServerPublicKey;

/// The deployment's fingerprint: SHA-256 over a label and its Ed25519 public key, the first
/// 15 bytes (120 bits) in base32, six groups of four (`ABCD-EFGH-…`): short enough to read
/// aloud over the phone, long enough that nobody can make a key with the same code.
pub fn fingerprint(key: &ServerPublicKey) -> String {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"spona-federation-fingerprint-v1\0");
    bytes.extend_from_slice(key.to_hex().as_bytes());
    let digest = Sha256::digest(&bytes);
    let text = data_encoding::BASE32_NOPAD.encode(&digest[..15]);
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// What an admin typed, compared with a fingerprint: case, spaces and dashes do not matter.
pub fn fingerprint_matches(typed: &str, fingerprint: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect::<String>()
    };
    let t = norm(typed);
    !t.is_empty() && t == norm(fingerprint)
}

/// An organisation's age (X25519) identity: packets addressed to it are encrypted to its
/// recipient (`age1…`); the identity (`AGE-SECRET-KEY-1…`) is stored sealed.
#[derive(Clone)]
pub struct OrgIdentity(age::x25519::Identity);

impl std::fmt::Debug for OrgIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrgIdentity")
            .field("recipient", &self.recipient())
            .finish_non_exhaustive()
    }
}

impl OrgIdentity {
    pub fn generate() -> Self {
        OrgIdentity(age::x25519::Identity::generate())
    }

    /// The secret text form, to be sealed before it is stored.
    pub fn secret(&self) -> String {
        self.0.to_string().expose_secret().to_owned()
    }

    pub fn parse(secret: &str) -> Result<Self, String> {
        age::x25519::Identity::from_str(secret.trim())
            .map(OrgIdentity)
            .map_err(|e| e.to_string())
    }

    /// The public recipient, `age1…`.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    pub(crate) fn inner(&self) -> &age::x25519::Identity {
        &self.0
    }
}

/// Whether `text` is an age X25519 recipient.
pub fn is_recipient(text: &str) -> bool {
    age::x25519::Recipient::from_str(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_vault::ServerKey;

    #[test]
    fn fingerprints_are_short_stable_and_differ_per_key() {
        let a = ServerKey::generate();
        let b = ServerKey::generate();
        let fa = fingerprint(&a.public());
        assert_eq!(fa.len(), 24 + 5);
        assert_eq!(fa, fingerprint(&a.public()));
        assert_ne!(fa, fingerprint(&b.public()));
        assert!(fingerprint_matches(
            &fa.to_lowercase().replace('-', " "),
            &fa
        ));
        assert!(!fingerprint_matches(&fingerprint(&b.public()), &fa));
        assert!(!fingerprint_matches("", &fa));
    }

    #[test]
    fn identities_round_trip() {
        let id = OrgIdentity::generate();
        let again = OrgIdentity::parse(&id.secret()).expect("parse");
        assert_eq!(id.recipient(), again.recipient());
        assert!(is_recipient(&id.recipient()));
        assert!(!is_recipient("age1nope"));
    }
}
