//! Copying a local file into an object store, shared by resource attachments (the web
//! layer's attachment store) and the vault's sealed blobs (`vault::object_blobs`,
//! `vault::migrate_blobs`).

use std::io;
use std::path::Path;

use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart, path::Path as ObjectPath};
use tokio::io::AsyncReadExt;

/// Why a copy into the store failed: this machine could not read the file, or the store
/// did not take it (the callers answer these differently: 500 and 503).
#[derive(Debug)]
pub enum CopyError {
    Read(io::Error),
    Store(object_store::Error),
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::Read(e) => write!(f, "reading the local file: {e}"),
            CopyError::Store(e) => write!(f, "the object store: {e}"),
        }
    }
}

impl std::error::Error for CopyError {}

impl From<CopyError> for io::Error {
    fn from(e: CopyError) -> io::Error {
        match e {
            CopyError::Read(e) => e,
            CopyError::Store(e) => io_error(e),
        }
    }
}

/// An object-store error as I/O, keeping "not found" recognisable.
pub fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        other => io::Error::other(other),
    }
}

/// Copies a local file into the store part by part (a multipart upload on S3, parts of
/// [`crate::attachments::PART_BYTES`]); at most two parts are in memory. A failed copy
/// aborts the upload, leaving no object.
pub async fn copy_in(
    store: &dyn ObjectStore,
    path: &Path,
    object: &ObjectPath,
) -> Result<(), CopyError> {
    let mut file = tokio::fs::File::open(path).await.map_err(CopyError::Read)?;
    let upload = store
        .put_multipart(object)
        .await
        .map_err(CopyError::Store)?;
    let mut writer = WriteMultipart::new_with_chunk_size(upload, crate::attachments::PART_BYTES);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match file.read(&mut buf).await {
            Ok(n) => n,
            Err(e) => {
                let _ = writer.abort().await;
                return Err(CopyError::Read(e));
            }
        };
        if n == 0 {
            break;
        }
        if let Err(e) = writer.wait_for_capacity(1).await {
            let _ = writer.abort().await;
            return Err(CopyError::Store(e));
        }
        writer.write(&buf[..n]);
    }
    writer.finish().await.map_err(CopyError::Store)?;
    Ok(())
}
