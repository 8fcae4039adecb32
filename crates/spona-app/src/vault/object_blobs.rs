//! The vault's sealed blobs in an object store (`--vault-url s3://bucket/prefix`, or
//! `file:///dir`), through the same `object_store` crate as resource attachments: the blob
//! store ([`spona_vault::BlobStore`]) seals a file on this machine, then hands the sealed
//! temporary file to [`ObjectBlobs::put_file`]; reads stream the object back into the same
//! decryption and SHA-256 check as a local file. Objects are `<prefix>/<xx>/<blob id>`.
//!
//! The blob store works on blocking threads; this adapter runs each object-store call as a
//! task on the runtime it was created in and waits for it there.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::StreamExt;
use object_store::{ObjectStore, ObjectStoreExt, path::Path as ObjectPath};

pub use crate::objects::{copy_in, io_error};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

/// Sealed blobs in an object store.
#[derive(Debug, Clone)]
pub struct ObjectBlobs {
    store: Arc<dyn ObjectStore>,
    prefix: ObjectPath,
    location: String,
    runtime: tokio::runtime::Handle,
}

impl ObjectBlobs {
    /// Blobs under `prefix` in `store`; `location` names it in messages. Must be called
    /// within the tokio runtime the calls will run on.
    pub fn new(store: Arc<dyn ObjectStore>, prefix: ObjectPath, location: String) -> Self {
        ObjectBlobs {
            store,
            prefix,
            location,
            runtime: tokio::runtime::Handle::current(),
        }
    }

    /// The object of a blob named `<xx>/<id>`.
    pub fn object(&self, name: &str) -> ObjectPath {
        name.split('/')
            .fold(self.prefix.clone(), |path, part| path.join(part))
    }

    /// Runs `work` on the runtime and waits for it (from a blocking thread).
    fn run<T: Send + 'static>(
        &self,
        work: impl std::future::Future<Output = io::Result<T>> + Send + 'static,
    ) -> io::Result<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.runtime.spawn(async move {
            let _ = tx.send(work.await);
        });
        rx.blocking_recv()
            .map_err(|_| io::Error::other("the object store task stopped"))?
    }
}

impl spona_vault::RemoteBlobs for ObjectBlobs {
    fn put_file(&self, name: &str, path: &Path) -> io::Result<()> {
        let (store, object, path) = (self.store.clone(), self.object(name), path.to_owned());
        self.run(async move { Ok(copy_in(&*store, &path, &object).await?) })
    }

    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send>> {
        let (store, object) = (self.store.clone(), self.object(name));
        let found = self.run(async move { store.get(&object).await.map_err(io_error) })?;
        let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Bytes>>(4);
        self.runtime.spawn(async move {
            let mut stream = found.into_stream();
            while let Some(chunk) = stream.next().await {
                let failed = chunk.is_err();
                if tx.send(chunk.map_err(io_error)).await.is_err() || failed {
                    return;
                }
            }
        });
        Ok(Box::new(spona_vault::store::ChannelReader::new(rx)))
    }

    fn remove(&self, name: &str) -> io::Result<()> {
        let (store, object) = (self.store.clone(), self.object(name));
        self.runtime.spawn(async move {
            match store.delete(&object).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => tracing::warn!(%object, error = %e, "could not delete a vault blob"),
            }
        });
        Ok(())
    }

    fn location(&self) -> String {
        self.location.clone()
    }
}

/// The SHA-256 (lower-case hex) and size of an object as read back from the store, or
/// `None` when there is no such object.
pub async fn object_sha256(
    store: &dyn ObjectStore,
    object: &ObjectPath,
) -> io::Result<Option<(String, u64)>> {
    let found = match store.get(object).await {
        Ok(found) => found,
        Err(object_store::Error::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    let mut stream = found.into_stream();
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(io_error)?;
        size += chunk.len() as u64;
        hasher.update(&chunk);
    }
    Ok(Some((hex::encode(hasher.finalize()), size)))
}

/// The SHA-256 (lower-case hex) and size of a local file.
pub async fn file_sha256(path: &Path) -> io::Result<(String, u64)> {
    let mut file = tokio::fs::File::open(path).await?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex::encode(hasher.finalize()), size))
}
