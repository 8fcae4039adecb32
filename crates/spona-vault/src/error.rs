//! The vault's one error type.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in the vault, with messages meant for an operator.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// A key file named in the configuration does not exist and may not be created.
    #[error("key file {path} is missing")]
    KeyFileMissing { path: PathBuf },
    /// The key file can be read by other users.
    #[error(
        "key file {path} is readable by group or others (mode {mode:o}); run `chmod 600 {path}`"
    )]
    KeyFileTooOpen { path: PathBuf, mode: u32 },
    /// The key file does not hold a key in the expected format.
    #[error("key file {path} is malformed: {reason}")]
    KeyFileMalformed { path: PathBuf, reason: String },
    /// A wrapped key, sealed field or blob was made under another vault key.
    #[error(
        "vault key does not match: data was sealed under key {expected}, this vault key is {actual}"
    )]
    WrongVaultKey { expected: String, actual: String },
    /// A wrapped key failed authentication: it was altered or belongs to another owner.
    #[error("wrapped key for {owner} failed authentication (altered, or belongs to another item)")]
    WrappedKeyTampered { owner: String },
    /// A sealed text field failed authentication.
    #[error("sealed field {owner} failed authentication (altered, or belongs to another item)")]
    FieldTampered { owner: String },
    /// Serialised key material or a sealed field is not in a known format.
    #[error("malformed {what}: {reason}")]
    Malformed { what: &'static str, reason: String },
    /// A stored blob, or a file in a bundle, does not match its hash or failed authentication.
    #[error(transparent)]
    Integrity(#[from] IntegrityError),
    /// The upload is larger than allowed. Nothing was stored.
    #[error("file is larger than the limit of {limit} bytes; nothing was stored")]
    TooLarge { limit: u64 },
    /// The disk is full. Nothing was stored and nothing already stored was touched.
    #[error("storage is full while writing {path}; nothing was stored")]
    StorageFull { path: PathBuf },
    /// No blob with this id exists.
    #[error("blob {blob_id} does not exist")]
    BlobNotFound { blob_id: String },
    /// A name or identifier that would be unsafe in a path.
    #[error("invalid {what} {value:?}: {reason}")]
    InvalidName {
        what: &'static str,
        value: String,
        reason: &'static str,
    },
    /// An age recipient or identity could not be parsed.
    #[error("invalid age {what}: {reason}")]
    Age { what: &'static str, reason: String },
    /// Any other storage error, with the path it concerns.
    #[error("storage error at {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    /// The remote blob store (`--vault-url`) failed or did not answer; nothing was stored.
    #[error("the vault's blob store {location} failed: {source}")]
    Remote { location: String, source: io::Error },
    /// A storage error reading the upload or writing an export.
    #[error("i/o error: {0}")]
    Stream(io::Error),
}

impl VaultError {
    /// Wraps an I/O error at `path`, recognising a full disk.
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        let path = path.into();
        if is_storage_full(&source) {
            VaultError::StorageFull { path }
        } else {
            VaultError::Io { path, source }
        }
    }
}

pub(crate) fn is_storage_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// A stored blob (or a bundled file) is not what was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntegrityError {
    /// A chunk failed AEAD authentication: a byte was flipped, or chunks were swapped.
    #[error(
        "blob {blob_id}: chunk {chunk} failed authentication (tampered, reordered or from another blob)"
    )]
    ChunkTampered { blob_id: String, chunk: u64 },
    /// The blob ends before its final chunk.
    #[error("blob {blob_id} is truncated after {chunks} chunks")]
    Truncated { blob_id: String, chunks: u64 },
    /// Bytes follow the final chunk.
    #[error("blob {blob_id} has data appended after its final chunk")]
    TrailingData { blob_id: String },
    /// The blob header is not a valid vault blob header.
    #[error("blob {blob_id} has a damaged header: {reason}")]
    BadHeader { blob_id: String, reason: String },
    /// The wrapped key belongs to another blob.
    #[error("blob {blob_id} was encrypted with another data key than the one given")]
    KeyMismatch { blob_id: String },
    /// Decryption succeeded but the plaintext hash differs from the recorded one.
    #[error("{blob_id}: SHA-256 is {actual}, expected {expected}")]
    HashMismatch {
        blob_id: String,
        expected: String,
        actual: String,
    },
    /// The size differs from the recorded one.
    #[error("{blob_id}: size is {actual} bytes, expected {expected}")]
    SizeMismatch {
        blob_id: String,
        expected: u64,
        actual: u64,
    },
}

impl From<IntegrityError> for std::io::Error {
    fn from(e: IntegrityError) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, e)
    }
}

/// Turns an `io::Error` that carries an [`IntegrityError`] (from a [`crate::BlobReader`]) back
/// into the vault's error.
pub(crate) fn from_read_error(e: io::Error) -> VaultError {
    if e.get_ref()
        .is_some_and(|inner| inner.is::<IntegrityError>())
    {
        if let Some(Ok(integrity)) = e.into_inner().map(|b| b.downcast::<IntegrityError>()) {
            return VaultError::Integrity(*integrity);
        }
        return VaultError::Stream(io::Error::other("integrity error"));
    }
    VaultError::Stream(e)
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;
