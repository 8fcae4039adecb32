//! Sealed blobs kept elsewhere than the local disk: an object store (an S3-compatible bucket,
//! `--vault-url`), reached through this trait so that this crate stays free of HTTP.
//!
//! Blobs are sealed ([`crate::blob`]) on this machine before they are handed over and opened
//! here after they come back: the store only ever holds ciphertext, and every read is
//! authenticated chunk by chunk and checked against the original's SHA-256 at the end.
//! Objects are named like the local files, `<last two hex digits of the id>/<id>`.

use std::io::Read;
use std::path::Path;

/// A store of sealed blobs by name. Every method blocks: call it from a blocking thread
/// (the blob store's pipelines and checks all run on one), never from an async worker.
pub trait RemoteBlobs: Send + Sync + std::fmt::Debug {
    /// Copies the complete sealed file at `path` to the object `name`.
    fn put_file(&self, name: &str, path: &Path) -> std::io::Result<()>;
    /// The object's bytes as they arrive; an error of kind `NotFound` when it is absent.
    fn open(&self, name: &str) -> std::io::Result<Box<dyn Read + Send>>;
    /// Deletes the object (an object already gone is not an error). Need not wait for the
    /// store: a blob no item refers to is harmless, its data key being lost with the item.
    fn remove(&self, name: &str) -> std::io::Result<()>;
    /// Where the objects are, for messages (never credentials).
    fn location(&self) -> String;
}
