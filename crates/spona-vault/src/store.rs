//! The blob store: encrypted files on disk, one per stored item file, named by a random id.
//!
//! ```text
//! <root>/blobs/<last two hex digits of the id>/<id>   sealed blobs (see [`crate::blob`])
//! <root>/tmp/<random>.part                           uploads in progress
//! ```
//!
//! Blobs are addressed by a fresh UUIDv7, not by their content: a content address would reveal
//! the SHA-256 of the original to anyone who can list the directory (enough to confirm that a
//! known photo is held) and would link identical files across cases. Each blob has its own data
//! key, so identical files give unrelated ciphertexts anyway.
//!
//! An upload is written to `tmp/`, synced, and renamed into place, and then the directory is
//! synced: a crash leaves either the whole blob or only a temporary file, which
//! [`BlobStore::open`] deletes.
//!
//! With a remote store ([`BlobStore::with_remote`], `--vault-url`) the sealed temporary file
//! is copied to the object `<last two hex digits>/<id>` instead of being renamed into
//! `blobs/`, and reads stream the object back through the same checks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use bytes::{Bytes, BytesMut};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::blob::{BlobReader, CHUNK_LEN, ChunkSealer, Expect, SEALED_CHUNK_LEN, read_full};
use crate::error::{Result, VaultError, from_read_error};
use crate::keys::{DataKey, VaultKey, WrappedKey, random_bytes};
use crate::remote::RemoteBlobs;

/// A stored blob being read: from a local file or a remote object, decrypted and checked.
pub type StoredReader = BlobReader<Box<dyn Read + Send>>;

/// Chunks queued between the reader and the hashing thread.
const HASH_QUEUE: usize = 8;
/// Chunks queued to and from each of the two sealing threads.
const SEAL_QUEUE: usize = 4;
/// Upper bound of the bytes an ingest holds in its queues and threads at any moment, whatever
/// the size of the file: the queues, plus one chunk being read, hashed, sealed (×2) and written.
pub const INGEST_BUFFER_BOUND: usize = (HASH_QUEUE + 4 * SEAL_QUEUE + 5) * SEALED_CHUNK_LEN;

/// The result of storing one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    /// The new blob's id (a UUIDv7).
    pub blob_id: String,
    /// SHA-256 of the original bytes, lower-case hex.
    pub sha256_hex: String,
    /// Size of the original in bytes.
    pub size: u64,
    /// The blob's data key wrapped with the vault key, owner [`blob_owner`]`(blob_id)`.
    pub wrapped_key: WrappedKey,
}

/// The owner a blob's data key is bound to when wrapped.
pub fn blob_owner(blob_id: &str) -> String {
    format!("blob:{blob_id}")
}

/// A directory of sealed blobs.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
    cleaned: usize,
    /// Where sealed blobs are kept when not under `root/blobs` (`--vault-url`).
    remote: Option<Arc<dyn RemoteBlobs>>,
}

impl BlobStore {
    /// Opens (creating if needed) the store at `root` and deletes what interrupted uploads left in
    /// `tmp/`; [`BlobStore::cleaned_at_open`] tells how many files that was.
    pub fn open(root: &Path) -> Result<Self> {
        let blobs = root.join("blobs");
        let tmp = root.join("tmp");
        fs::create_dir_all(&blobs).map_err(|e| VaultError::io(&blobs, e))?;
        fs::create_dir_all(&tmp).map_err(|e| VaultError::io(&tmp, e))?;
        let mut cleaned = 0;
        for entry in fs::read_dir(&tmp).map_err(|e| VaultError::io(&tmp, e))? {
            let path = entry.map_err(|e| VaultError::io(&tmp, e))?.path();
            if path.is_file() {
                fs::remove_file(&path).map_err(|e| VaultError::io(&path, e))?;
                cleaned += 1;
            }
        }
        Ok(BlobStore {
            root: root.to_path_buf(),
            cleaned,
            remote: None,
        })
    }

    /// The same store keeping its blobs in `remote` (uploads in progress stay in `tmp/`).
    pub fn with_remote(mut self, remote: Arc<dyn RemoteBlobs>) -> Self {
        self.remote = Some(remote);
        self
    }

    /// The remote store blobs are kept in, if any.
    pub fn remote(&self) -> Option<&Arc<dyn RemoteBlobs>> {
        self.remote.as_ref()
    }

    /// Where blobs are, for messages: the local directory or the remote location.
    pub fn location(&self) -> String {
        match &self.remote {
            Some(r) => r.location(),
            None => self.root.join("blobs").display().to_string(),
        }
    }

    /// The blob's name relative to the store: `<last two hex digits>/<id>`.
    pub fn object_name(blob_id: &str) -> Result<String> {
        let id = uuid::Uuid::parse_str(blob_id).map_err(|_| VaultError::InvalidName {
            what: "blob id",
            value: blob_id.into(),
            reason: "not a UUID",
        })?;
        let simple = id.simple().to_string();
        Ok(format!("{}/{}", &simple[30..], id.hyphenated()))
    }

    /// How many leftover temporary files [`BlobStore::open`] deleted.
    pub fn cleaned_at_open(&self) -> usize {
        self.cleaned
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the blob `blob_id` lives. Fails for an id that is not a UUID.
    pub fn blob_path(&self, blob_id: &str) -> Result<PathBuf> {
        let id = uuid::Uuid::parse_str(blob_id).map_err(|_| VaultError::InvalidName {
            what: "blob id",
            value: blob_id.into(),
            reason: "not a UUID",
        })?;
        let simple = id.simple().to_string();
        Ok(self
            .root
            .join("blobs")
            .join(&simple[30..])
            .join(id.hyphenated().to_string()))
    }

    /// Stores everything `reader` yields, encrypted, and returns its id, hash and wrapped key.
    ///
    /// Three threads overlap: this one reads 64 KiB chunks and hands each (as shared `Bytes`)
    /// to a hashing thread and, alternately, to one of two sealing threads; a writing thread
    /// takes sealed chunks back in order. Queues are bounded, so memory stays under
    /// [`INGEST_BUFFER_BOUND`] whatever the size. More than `max_size` bytes →
    /// [`VaultError::TooLarge`]; any failure removes the temporary file.
    pub fn ingest<R: Read>(
        &self,
        vault: &VaultKey,
        mut reader: R,
        max_size: u64,
    ) -> Result<Ingested> {
        let blob_id = uuid::Uuid::now_v7().hyphenated().to_string();
        let final_path = self.blob_path(&blob_id)?;
        let key = DataKey::generate();
        let sealer = ChunkSealer::new(&key);
        let temp = TempFile::create(&self.root.join("tmp"))?;

        let (hash_tx, hash_rx) = sync_channel::<Bytes>(HASH_QUEUE);
        let (seal_tx0, seal_rx0) = sync_channel::<Chunk>(SEAL_QUEUE);
        let (seal_tx1, seal_rx1) = sync_channel::<Chunk>(SEAL_QUEUE);
        let (done_tx0, done_rx0) = sync_channel::<io::Result<Vec<u8>>>(SEAL_QUEUE);
        let (done_tx1, done_rx1) = sync_channel::<io::Result<Vec<u8>>>(SEAL_QUEUE);

        let outcome = thread::scope(|scope| {
            let hasher = scope.spawn(move || {
                let mut hasher = Sha256::new();
                for chunk in hash_rx {
                    hasher.update(&chunk);
                }
                hex::encode(hasher.finalize())
            });
            let s0 = sealer.clone();
            let s1 = sealer.clone();
            scope.spawn(move || seal_worker(&s0, seal_rx0, done_tx0));
            scope.spawn(move || seal_worker(&s1, seal_rx1, done_tx1));
            let file = temp.file.try_clone();
            let header = *sealer.header();
            let writer = scope.spawn(move || -> io::Result<bool> {
                let mut file = file?;
                file.write_all(&header)?;
                write_in_order(&mut file, [done_rx0, done_rx1])
            });

            let read = read_chunks(&mut reader, max_size, &hash_tx, [&seal_tx0, &seal_tx1]);
            drop((hash_tx, seal_tx0, seal_tx1));
            let wrote = writer.join();
            let sha = hasher.join();
            (read, wrote, sha)
        });

        let (read, wrote, sha) = outcome;
        let wrote =
            wrote.map_err(|_| VaultError::Stream(io::Error::other("writer thread panicked")))?;
        let sha256_hex =
            sha.map_err(|_| VaultError::Stream(io::Error::other("hashing thread panicked")))?;
        // A storage error explains a reader that stopped because the writer went away.
        let complete = wrote.map_err(|e| VaultError::io(&temp.path, e))?;
        let size = read?;
        if !complete {
            return Err(VaultError::Stream(io::Error::other(
                "upload pipeline stopped early",
            )));
        }
        temp.file
            .sync_all()
            .map_err(|e| VaultError::io(&temp.path, e))?;
        match &self.remote {
            // The temporary file is removed when dropped, once the object holds its bytes.
            Some(remote) => remote
                .put_file(&Self::object_name(&blob_id)?, &temp.path)
                .map_err(|source| VaultError::Remote {
                    location: remote.location(),
                    source,
                })?,
            None => temp.persist(&final_path)?,
        }
        let wrapped_key = WrappedKey::wrap(vault, &blob_owner(&blob_id), &key);
        Ok(Ingested {
            blob_id,
            sha256_hex,
            size,
            wrapped_key,
        })
    }

    /// [`BlobStore::ingest`] from an async reader (an axum body or multipart field): the async
    /// side reads 64 KiB at a time into a small channel; the pipeline runs on a blocking thread.
    pub async fn ingest_async<R: AsyncRead + Unpin>(
        &self,
        vault: &VaultKey,
        mut reader: R,
        max_size: u64,
    ) -> Result<Ingested> {
        let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Bytes>>(4);
        let store = self.clone();
        let vault = vault.clone();
        let task = tokio::task::spawn_blocking(move || {
            store.ingest(&vault, ChannelReader::new(rx), max_size)
        });
        loop {
            let mut buf = BytesMut::with_capacity(CHUNK_LEN);
            let item = match reader.read_buf(&mut buf).await {
                Ok(0) => break,
                Ok(_) => Ok(buf.freeze()),
                Err(e) => Err(e),
            };
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                break; // the pipeline stopped (too large, storage error) or the upload failed
            }
        }
        drop(tx);
        task.await
            .map_err(|e| VaultError::Stream(io::Error::other(e)))?
    }

    /// Opens a blob for reading: decrypts as it streams, fails on any altered byte, and checks
    /// the SHA-256 of the whole plaintext against `expected_sha256` at the end.
    pub fn open_blob(
        &self,
        vault: &VaultKey,
        blob_id: &str,
        wrapped_key: &WrappedKey,
        expected_sha256: &str,
    ) -> Result<StoredReader> {
        let key = wrapped_key.unwrap(vault, &blob_owner(blob_id))?;
        let not_found = || VaultError::BlobNotFound {
            blob_id: blob_id.into(),
        };
        let source: Box<dyn Read + Send> = match &self.remote {
            Some(remote) => {
                let name = Self::object_name(blob_id)?;
                let object = remote.open(&name).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => not_found(),
                    _ => VaultError::Remote {
                        location: format!("{}/{name}", remote.location()),
                        source: e,
                    },
                })?;
                Box::new(io::BufReader::with_capacity(SEALED_CHUNK_LEN, object))
            }
            None => {
                let path = self.blob_path(blob_id)?;
                let file = File::open(&path).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => not_found(),
                    _ => VaultError::io(&path, e),
                })?;
                Box::new(io::BufReader::with_capacity(SEALED_CHUNK_LEN, file))
            }
        };
        let expect = Expect {
            sha256_hex: Some(expected_sha256.to_ascii_lowercase()),
            size: None,
        };
        BlobReader::new(source, &key, blob_id, expect).map_err(from_read_error)
    }

    /// [`BlobStore::open_blob`] for async code: the key and header are checked now; the blob is
    /// decrypted on a blocking thread and handed over in 64 KiB pieces through a small queue.
    /// Must be called within a tokio runtime.
    pub fn open_blob_async(
        &self,
        vault: &VaultKey,
        blob_id: &str,
        wrapped_key: &WrappedKey,
        expected_sha256: &str,
    ) -> Result<BlobStream> {
        let mut reader = self.open_blob(vault, blob_id, wrapped_key, expected_sha256)?;
        let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Bytes>>(4);
        tokio::task::spawn_blocking(move || {
            loop {
                let mut buf = BytesMut::zeroed(CHUNK_LEN);
                let item = match reader.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        buf.truncate(n);
                        Ok(buf.freeze())
                    }
                    Err(e) => Err(e),
                };
                let failed = item.is_err();
                if tx.blocking_send(item).is_err() || failed {
                    return;
                }
            }
        });
        Ok(BlobStream {
            rx,
            current: Bytes::new(),
        })
    }

    /// Reads a whole blob and checks it against its hash (for `spona custody verify`).
    pub fn verify(
        &self,
        vault: &VaultKey,
        blob_id: &str,
        wrapped_key: &WrappedKey,
        expected_sha256: &str,
    ) -> Result<()> {
        let mut reader = self.open_blob(vault, blob_id, wrapped_key, expected_sha256)?;
        io::copy(&mut reader, &mut io::sink()).map_err(from_read_error)?;
        Ok(())
    }

    /// Deletes a blob (its wrapped key becomes useless).
    pub fn remove(&self, blob_id: &str) -> Result<()> {
        if let Some(remote) = &self.remote {
            return remote
                .remove(&Self::object_name(blob_id)?)
                .map_err(|source| VaultError::Remote {
                    location: remote.location(),
                    source,
                });
        }
        let path = self.blob_path(blob_id)?;
        fs::remove_file(&path).map_err(|e| VaultError::io(&path, e))
    }
}

/// One plaintext chunk on its way to a sealing thread.
struct Chunk {
    index: u64,
    last: bool,
    data: Bytes,
}

/// Reads `reader` in full chunks and dispatches them; returns the total size.
fn read_chunks<R: Read>(
    reader: &mut R,
    max_size: u64,
    hash_tx: &SyncSender<Bytes>,
    seal_tx: [&SyncSender<Chunk>; 2],
) -> Result<u64> {
    let mut size: u64 = 0;
    let mut index: u64 = 0;
    loop {
        let mut buf = BytesMut::zeroed(CHUNK_LEN);
        let got = read_full(reader, &mut buf).map_err(VaultError::Stream)?;
        buf.truncate(got);
        size += got as u64;
        if size > max_size {
            return Err(VaultError::TooLarge { limit: max_size });
        }
        // A full chunk is never the last: a file of whole chunks ends with an empty last chunk.
        let last = got < CHUNK_LEN;
        let data = buf.freeze();
        let lanes_gone = hash_tx.send(data.clone()).is_err()
            | seal_tx[(index % 2) as usize]
                .send(Chunk { index, last, data })
                .is_err();
        if lanes_gone {
            // The writer stopped (its error is reported by the caller).
            return Ok(size);
        }
        if last {
            return Ok(size);
        }
        index += 1;
    }
}

fn seal_worker(sealer: &ChunkSealer, rx: Receiver<Chunk>, tx: SyncSender<io::Result<Vec<u8>>>) {
    for chunk in rx {
        let mut buf = Vec::with_capacity(chunk.data.len() + crate::blob::TAG_LEN);
        buf.extend_from_slice(&chunk.data);
        let sealed = sealer.seal(chunk.index, chunk.last, &mut buf).map(|()| buf);
        if tx.send(sealed).is_err() {
            return;
        }
    }
}

/// Writes sealed chunks in index order (alternating lanes); true once the last chunk is written.
fn write_in_order(file: &mut File, lanes: [Receiver<io::Result<Vec<u8>>>; 2]) -> io::Result<bool> {
    let mut index = 0usize;
    loop {
        let Ok(sealed) = lanes[index % 2].recv() else {
            return Ok(false); // the reader stopped early (too large, or failed)
        };
        let sealed = sealed?;
        file.write_all(&sealed)?;
        if sealed.len() < SEALED_CHUNK_LEN {
            return Ok(true);
        }
        index += 1;
    }
}

/// A temporary upload file, deleted on drop unless persisted.
struct TempFile {
    path: PathBuf,
    file: File,
    persisted: bool,
}

impl TempFile {
    fn create(dir: &Path) -> Result<Self> {
        let mut name = [0u8; 16];
        random_bytes(&mut name);
        let path = dir.join(format!("{}.part", hex::encode(name)));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| VaultError::io(&path, e))?;
        Ok(TempFile {
            path,
            file,
            persisted: false,
        })
    }

    fn persist(mut self, to: &Path) -> Result<()> {
        let dir = to.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| VaultError::io(dir, e))?;
        fs::rename(&self.path, to).map_err(|e| VaultError::io(to, e))?;
        self.persisted = true;
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| VaultError::io(dir, e))?;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A blocking `Read` over chunks sent from an async task (a local blob's, or an object
/// store's, bytes read on a blocking thread).
pub struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl ChannelReader {
    pub fn new(rx: tokio::sync::mpsc::Receiver<io::Result<Bytes>>) -> ChannelReader {
        ChannelReader {
            rx,
            current: Bytes::new(),
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(chunk) => self.current = chunk?,
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.current.len());
        out[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// A blob being read on a blocking thread, as an `AsyncRead` for the web layer (see
/// [`BlobStore::open_blob_async`]). A failed chunk or hash check arrives as an error of kind
/// `InvalidData` (wrapping an [`crate::IntegrityError`]), never as a silent end of stream.
#[derive(Debug)]
pub struct BlobStream {
    rx: tokio::sync::mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl tokio::io::AsyncRead for BlobStream {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        out: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        use std::task::Poll;
        while self.current.is_empty() {
            match self.rx.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Err(e)),
                Poll::Ready(Some(Ok(chunk))) => self.current = chunk,
            }
        }
        let n = out.remaining().min(self.current.len());
        let chunk = self.current.split_to(n);
        out.put_slice(&chunk);
        Poll::Ready(Ok(()))
    }
}
