//! The storage and cryptography core of the evidence and testimony vault (issue 4).
//! No HTTP and no SQL: the web layer and the store keep ids, hashes and wrapped keys in the
//! database and call this crate for everything that touches secret bytes.
//!
//! # Keys
//!
//! - **Vault key** ([`VaultKey`]): 32 random bytes in a file outside the database, written as
//!   64 hex digits, mode 0600 (a file readable by group or others is refused). Its id is the
//!   first 8 bytes of SHA-256(`"spona-vault-key-id-v1"` ‖ key), recorded in every wrapped key,
//!   so a wrong key gives [`VaultError::WrongVaultKey`], never garbage.
//! - **Data keys**: one random 32-byte key per file and per sensitive text field, stored only
//!   wrapped ([`WrappedKey`], 84 bytes: `"SVK1"` ‖ vault key id ‖ 24-byte nonce ‖
//!   XChaCha20-Poly1305 ciphertext and tag) with associated data
//!   `"spona-vault/wrap/v1\0"` ‖ vault key id ‖ owner, where the owner is `blob:<blob id>` or
//!   `field:<owner>`: a wrapped key moved to another item does not open.
//!   Rotation ([`rewrap`], [`SealedField::rewrap`]) re-wraps data keys and leaves blobs alone.
//! - **Sealed fields** ([`SealedField`], [`seal_field`], [`open_field`]): `"SVF1"` ‖ wrapped
//!   key ‖ nonce ‖ XChaCha20-Poly1305(text), associated data `"spona-vault/field/v1\0"` ‖
//!   owner; bytes or base64 for a database column. Every sealed field's base64 begins with
//!   [`SEALED_BASE64_PREFIX`], so that SQL can find values still in clear; [`owners`] names
//!   what each sealed column of the vault's tables is bound to.
//! - **Server key** ([`ServerKey`]): an Ed25519 seed file (64 hex digits, 0600) that signs
//!   custody heads and export manifests; the public key is shown as
//!   `spona-server-ed25519 <hex>` (or OpenSSH form).
//!
//! # Blobs
//!
//! See [`blob`] for the format (35-byte header with version and data key id, 64 KiB chunks in
//! the STREAM construction with XChaCha20-Poly1305 and a last-chunk flag) and [`store`] for the
//! directory layout, atomic writes and the three-thread ingest pipeline. Reading a blob
//! ([`BlobStore::open_blob`]) authenticates every chunk and checks the SHA-256 of the whole
//! original at the end; any mismatch is an [`IntegrityError`].
//!
//! # Custody
//!
//! See [`custody`] for the canonical, length-prefixed encoding of an entry and
//! [`verify_chain`], which names each altered, rewritten, missing, duplicated or reordered
//! entry, a removed tail and an invalid head signature.
//!
//! # Export bundles
//!
//! See [`bundle`]: a tar encrypted with age to the recipient, holding `files/<name>.age`
//! (age, X25519 recipient), `SHA256SUMS`, the custody entries of the exported items with the
//! hashes linking them to the signed head, the server public key, a README and a signed
//! `manifest.json` that gives the SHA-256 of every other member; checkable offline with
//! `age -d` and `sha256sum -c`, or with [`verify_bundle`], which refuses unlisted, duplicate
//! and changed members and says "intact" only with a pinned server key.
//!
//! # Limits
//!
//! - A blob's SHA-256 is known only after its last byte: a reader that forwards bytes as they
//!   come (a download) must treat a failing final read as a failed transfer. Every byte it
//!   received has passed its chunk's authentication, so only a wrong (but authentic) blob
//!   — e.g. a wrapped key and hash of another item swapped in the database — gets that far.
//! - Ingest is not resumable by itself: an interrupted upload is discarded (and its temporary
//!   file removed at the next start); retries are safe because nothing is visible until the
//!   caller records the returned [`Ingested`].
//! - Export bundles need scratch space in `scratch_dir` for one age-encrypted file at a time.

pub mod blob;
pub mod bundle;
pub mod custody;
mod error;
pub mod facts;
pub mod heads;
mod keys;
pub mod owners;
pub mod remote;
pub mod rotation;
mod signing;
pub mod store;

pub use blob::BlobReader;
pub use bundle::{
    BundleCase, BundleItem, BundleReport, Manifest, ManifestItem, Member, fingerprint,
    is_bidi_control, verify_bundle, write_bundle,
};
pub use custody::{
    ChainProblem, ChainReport, CustodyEntry, CustodyLink, NewEntry, append, verify_chain,
    verify_extract,
};
pub use error::{IntegrityError, Result, VaultError};
pub use facts::{CaseFacts, ConsentFacts, ItemFacts, replay};
pub use heads::{HeadRecord, HeadsLog, RecordedHeads, read_heads};
pub use keys::{
    SEALED_BASE64_PREFIX, SealedField, VaultKey, WrappedKey, is_sealed, open_field, rewrap,
    seal_field,
};
pub use remote::RemoteBlobs;
pub use rotation::{KeyChange, KeyTrust, ROTATION_ACTION, changes_in, verify_chain_across};
pub use signing::{ServerKey, ServerPublicKey, SignedHead};
pub use store::{BlobStore, BlobStream, Ingested, StoredReader, blob_owner};
