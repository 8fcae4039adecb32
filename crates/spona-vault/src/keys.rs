//! The vault key, per-item data keys, key wrapping and sealed text fields.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Result, VaultError};

/// Length of every symmetric key in the vault.
pub const KEY_LEN: usize = 32;
/// Length of a key id (a truncated SHA-256 of the key).
pub const KEY_ID_LEN: usize = 8;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

const WRAP_MAGIC: &[u8; 4] = b"SVK1";
const FIELD_MAGIC: &[u8; 4] = b"SVF1";
/// Length of a serialised [`WrappedKey`].
pub const WRAPPED_KEY_LEN: usize = 4 + KEY_ID_LEN + NONCE_LEN + KEY_LEN + TAG_LEN;

/// A 24-byte nonce from a slice known to have 24 bytes.
pub(crate) fn xnonce(bytes: &[u8]) -> XNonce {
    let mut n = [0u8; NONCE_LEN];
    n.copy_from_slice(bytes);
    n.into()
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) {
    // The OS random source failing is not recoverable: no key may be made without it.
    #[allow(clippy::expect_used)]
    getrandom::fill(buf).expect("operating system random source failed");
}

fn key_id(domain: &[u8], key: &[u8; KEY_LEN]) -> [u8; KEY_ID_LEN] {
    let digest = Sha256::new()
        .chain_update(domain)
        .chain_update(key)
        .finalize();
    let mut id = [0u8; KEY_ID_LEN];
    id.copy_from_slice(&digest[..KEY_ID_LEN]);
    id
}

/// The vault key: 32 random bytes kept in a file outside the database, owner-only readable.
/// It wraps every data key. Zeroized on drop; `Debug` shows only its id.
#[derive(Clone)]
pub struct VaultKey {
    key: Zeroizing<[u8; KEY_LEN]>,
    id: [u8; KEY_ID_LEN],
}

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultKey")
            .field("id", &self.id_hex())
            .field("key", &"[redacted]")
            .finish()
    }
}

impl VaultKey {
    /// A fresh random key (kept in memory only; see [`VaultKey::load_or_create`]).
    pub fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(key.as_mut());
        Self::from_bytes(key)
    }

    fn from_bytes(key: Zeroizing<[u8; KEY_LEN]>) -> Self {
        let id = key_id(b"spona-vault-key-id-v1", &key);
        VaultKey { key, id }
    }

    /// Loads the key file at `path`, or creates it with mode 0600 when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Self> {
        match read_key_file(path) {
            Err(VaultError::KeyFileMissing { .. }) => {
                let key = Self::generate();
                match write_key_file(path, &key.key) {
                    Ok(()) => Ok(key),
                    // Another process created it first: use theirs.
                    Err(_) if path.exists() => Self::load(path),
                    Err(e) => Err(e),
                }
            }
            other => other.map(Self::from_bytes),
        }
    }

    /// Loads an existing key file (e.g. one supplied by the operator); never creates one.
    pub fn load(path: &Path) -> Result<Self> {
        read_key_file(path).map(Self::from_bytes)
    }

    /// The key id: the first 8 bytes of SHA-256("spona-vault-key-id-v1" ‖ key), in hex.
    /// Recorded in every wrapped key so that a wrong key is named as such.
    pub fn id_hex(&self) -> String {
        hex::encode(self.id)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.key.as_ref().into())
    }
}

/// Reads a key file: 64 hex digits, optionally followed by white space.
pub(crate) fn read_key_file(path: &Path) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(VaultError::KeyFileMissing {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(VaultError::io(path, e)),
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(VaultError::KeyFileTooOpen {
            path: path.to_path_buf(),
            mode,
        });
    }
    let text = Zeroizing::new(fs::read_to_string(path).map_err(|e| VaultError::io(path, e))?);
    let malformed = |reason: &str| VaultError::KeyFileMalformed {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let hex_text = text.trim();
    if hex_text.len() != KEY_LEN * 2 {
        return Err(malformed(
            "expected 64 hex digits (e.g. from `openssl rand -hex 32`)",
        ));
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    hex::decode_to_slice(hex_text, key.as_mut())
        .map_err(|_| malformed("expected 64 hex digits (e.g. from `openssl rand -hex 32`)"))?;
    Ok(key)
}

/// Creates a key file with mode 0600 (failing if it appeared meanwhile) and syncs it.
pub(crate) fn write_key_file(path: &Path, key: &[u8; KEY_LEN]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| VaultError::io(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| VaultError::io(path, e))?;
    let mut text = Zeroizing::new(hex::encode(key));
    text.push('\n');
    file.write_all(text.as_bytes())
        .map_err(|e| VaultError::io(path, e))?;
    file.sync_all().map_err(|e| VaultError::io(path, e))?;
    Ok(())
}

/// A data key: encrypts one blob or one text field, and is stored only wrapped.
pub(crate) struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    pub(crate) fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(key.as_mut());
        DataKey(key)
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// First 8 bytes of SHA-256("spona-vault-data-key-id-v1" ‖ key): written in a blob's
    /// header so that a wrapped key of another blob is recognised.
    pub(crate) fn id(&self) -> [u8; KEY_ID_LEN] {
        key_id(b"spona-vault-data-key-id-v1", &self.0)
    }

    pub(crate) fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }
}

/// A data key encrypted under the vault key, bound to its owner (e.g. `blob:<id>`).
///
/// Layout (84 bytes): `"SVK1"` ‖ vault key id (8) ‖ nonce (24) ‖ XChaCha20-Poly1305(key) (48),
/// with associated data `"spona-vault/wrap/v1\0"` ‖ vault key id ‖ owner.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey([u8; WRAPPED_KEY_LEN]);

impl fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WrappedKey(vault key {})", self.vault_key_id_hex())
    }
}

fn wrap_aad(vault_key_id: &[u8], owner: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(32 + owner.len());
    aad.extend_from_slice(b"spona-vault/wrap/v1\0");
    aad.extend_from_slice(vault_key_id);
    aad.extend_from_slice(owner.as_bytes());
    aad
}

impl WrappedKey {
    pub(crate) fn wrap(vault: &VaultKey, owner: &str, key: &DataKey) -> Self {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce);
        let aad = wrap_aad(&vault.id, owner);
        // Encryption with a valid key and nonce length cannot fail.
        #[allow(clippy::expect_used)]
        let ct = vault
            .cipher()
            .encrypt(
                &xnonce(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: &aad,
                },
            )
            .expect("XChaCha20-Poly1305 encryption");
        let mut out = [0u8; WRAPPED_KEY_LEN];
        out[..4].copy_from_slice(WRAP_MAGIC);
        out[4..12].copy_from_slice(&vault.id);
        out[12..36].copy_from_slice(&nonce);
        out[36..].copy_from_slice(&ct);
        WrappedKey(out)
    }

    pub(crate) fn unwrap(&self, vault: &VaultKey, owner: &str) -> Result<DataKey> {
        let id = &self.0[4..12];
        if id != vault.id {
            return Err(VaultError::WrongVaultKey {
                expected: hex::encode(id),
                actual: vault.id_hex(),
            });
        }
        let aad = wrap_aad(id, owner);
        let mut plain = Zeroizing::new(
            vault
                .cipher()
                .decrypt(
                    &xnonce(&self.0[12..36]),
                    Payload {
                        msg: &self.0[36..],
                        aad: &aad,
                    },
                )
                .map_err(|_| VaultError::WrappedKeyTampered {
                    owner: owner.to_string(),
                })?,
        );
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&plain);
        plain.zeroize();
        Ok(DataKey(key))
    }

    /// Re-wraps this key from `old` to `new` vault key without touching what it encrypts.
    pub fn rewrap(&self, old: &VaultKey, new: &VaultKey, owner: &str) -> Result<Self> {
        let key = self.unwrap(old, owner)?;
        Ok(Self::wrap(new, owner, &key))
    }

    /// The id of the vault key this was wrapped with.
    pub fn vault_key_id_hex(&self) -> String {
        hex::encode(&self.0[4..12])
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let arr: [u8; WRAPPED_KEY_LEN] = bytes.try_into().map_err(|_| VaultError::Malformed {
            what: "wrapped key",
            reason: format!("expected {WRAPPED_KEY_LEN} bytes, got {}", bytes.len()),
        })?;
        if &arr[..4] != WRAP_MAGIC {
            return Err(VaultError::Malformed {
                what: "wrapped key",
                reason: "unknown format tag".into(),
            });
        }
        Ok(WrappedKey(arr))
    }

    pub fn to_base64(&self) -> String {
        B64.encode(self.0)
    }

    pub fn from_base64(text: &str) -> Result<Self> {
        let bytes = B64.decode(text.trim()).map_err(|e| VaultError::Malformed {
            what: "wrapped key",
            reason: e.to_string(),
        })?;
        Self::from_bytes(&bytes)
    }
}

/// Re-wraps a data key for key rotation (see [`WrappedKey::rewrap`]).
pub fn rewrap(
    old: &VaultKey,
    new: &VaultKey,
    wrapped: &WrappedKey,
    owner: &str,
) -> Result<WrappedKey> {
    wrapped.rewrap(old, new, owner)
}

/// A short sensitive text (pseudonym, narrative, …) encrypted with its own data key.
///
/// Layout: `"SVF1"` ‖ wrapped data key (84, owner `field:<owner>`) ‖ nonce (24) ‖
/// XChaCha20-Poly1305(text) with associated data `"spona-vault/field/v1\0"` ‖ owner.
/// Store it as bytes or as base64 in a database column.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedField(Vec<u8>);

impl fmt::Debug for SealedField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealedField({} bytes)", self.0.len())
    }
}

const FIELD_HEADER_LEN: usize = 4 + WRAPPED_KEY_LEN + NONCE_LEN;

fn field_aad(owner: &str) -> Vec<u8> {
    let mut aad = b"spona-vault/field/v1\0".to_vec();
    aad.extend_from_slice(owner.as_bytes());
    aad
}

/// Encrypts `plaintext` for the field `owner` (e.g. `testimony:<id>:narrative`).
pub fn seal_field(vault: &VaultKey, owner: &str, plaintext: &str) -> SealedField {
    let key = DataKey::generate();
    let wrapped = WrappedKey::wrap(vault, &format!("field:{owner}"), &key);
    let mut nonce = [0u8; NONCE_LEN];
    random_bytes(&mut nonce);
    let aad = field_aad(owner);
    #[allow(clippy::expect_used)]
    let ct = key
        .cipher()
        .encrypt(
            &xnonce(&nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: &aad,
            },
        )
        .expect("XChaCha20-Poly1305 encryption");
    let mut out = Vec::with_capacity(FIELD_HEADER_LEN + ct.len());
    out.extend_from_slice(FIELD_MAGIC);
    out.extend_from_slice(wrapped.as_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    SealedField(out)
}

/// How the base64 of every sealed field begins (`"SVF1"` and the wrapped key's `"SV"`): SQL
/// finds values still in clear with `NOT LIKE 'U1ZGMVNW%'`.
pub const SEALED_BASE64_PREFIX: &str = "U1ZGMVNW";

/// Whether `text` is a sealed field in base64 (not whether it opens).
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_BASE64_PREFIX) && SealedField::from_base64(text).is_ok()
}

/// Decrypts a field sealed by [`seal_field`] for the same `owner`.
pub fn open_field(
    vault: &VaultKey,
    owner: &str,
    sealed: &SealedField,
) -> Result<Zeroizing<String>> {
    sealed.open(vault, owner)
}

impl SealedField {
    fn wrapped(&self) -> Result<WrappedKey> {
        WrappedKey::from_bytes(&self.0[4..4 + WRAPPED_KEY_LEN])
    }

    /// Decrypts the text; see [`open_field`].
    pub fn open(&self, vault: &VaultKey, owner: &str) -> Result<Zeroizing<String>> {
        let key = self
            .wrapped()?
            .unwrap(vault, &format!("field:{owner}"))
            .map_err(|e| match e {
                VaultError::WrappedKeyTampered { .. } => VaultError::FieldTampered {
                    owner: owner.into(),
                },
                other => other,
            })?;
        let nonce = &self.0[4 + WRAPPED_KEY_LEN..FIELD_HEADER_LEN];
        let aad = field_aad(owner);
        let plain = key
            .cipher()
            .decrypt(
                &xnonce(nonce),
                Payload {
                    msg: &self.0[FIELD_HEADER_LEN..],
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::FieldTampered {
                owner: owner.into(),
            })?;
        String::from_utf8(plain)
            .map(Zeroizing::new)
            .map_err(|_| VaultError::Malformed {
                what: "sealed field",
                reason: "not UTF-8".into(),
            })
    }

    /// Re-wraps the field's data key from `old` to `new` vault key; the text stays as it is.
    pub fn rewrap(&self, old: &VaultKey, new: &VaultKey, owner: &str) -> Result<Self> {
        let wrapped = self
            .wrapped()?
            .rewrap(old, new, &format!("field:{owner}"))?;
        let mut out = self.0.clone();
        out[4..4 + WRAPPED_KEY_LEN].copy_from_slice(wrapped.as_bytes());
        Ok(SealedField(out))
    }

    /// The id of the vault key the field's data key is wrapped with.
    pub fn vault_key_id_hex(&self) -> String {
        hex::encode(&self.0[8..8 + KEY_ID_LEN])
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < FIELD_HEADER_LEN + TAG_LEN || &bytes[..4] != FIELD_MAGIC {
            return Err(VaultError::Malformed {
                what: "sealed field",
                reason: "too short or unknown format tag".into(),
            });
        }
        WrappedKey::from_bytes(&bytes[4..4 + WRAPPED_KEY_LEN])?;
        Ok(SealedField(bytes.to_vec()))
    }

    pub fn to_base64(&self) -> String {
        B64.encode(&self.0)
    }

    pub fn from_base64(text: &str) -> Result<Self> {
        let bytes = B64.decode(text.trim()).map_err(|e| VaultError::Malformed {
            what: "sealed field",
            reason: e.to_string(),
        })?;
        Self::from_bytes(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sealed_field_begins_with_the_prefix_and_clear_text_does_not() {
        let key = VaultKey::generate();
        for text in ["", "x", "a longer reason, with words", "0123456789abcdef"] {
            let sealed = seal_field(&key, "owner", text).to_base64();
            assert!(sealed.starts_with(SEALED_BASE64_PREFIX), "{sealed}");
            assert!(is_sealed(&sealed));
        }
        for clear in [
            "",
            "case opened",
            "image/png",
            "3000017",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "U1ZGMVNW",
        ] {
            assert!(!is_sealed(clear), "{clear}");
        }
    }
}
