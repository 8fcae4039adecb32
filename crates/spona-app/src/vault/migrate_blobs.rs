//! `spona vault migrate-blobs --to s3://…`: moves a local store of sealed vault blobs
//! (`DATA_DIR/vault/blobs/blobs/<xx>/<id>`) into an object store, as they are: still sealed,
//! no key needed.
//!
//! Resumable: an object already in the store whose bytes hash to the local file's SHA-256 is
//! skipped; any other is (re)uploaded and then read back and hashed — a mismatch is a
//! failure, named. Nothing local is deleted unless asked, and then only a file whose object
//! was just verified.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use object_store::{ObjectStore, path::Path as ObjectPath};

use super::object_blobs::{file_sha256, object_sha256};
use crate::objects::copy_in;

/// What to move, and how.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The local blob directory (`DATA_DIR/vault/blobs/blobs`).
    pub local: PathBuf,
    pub store: Arc<dyn ObjectStore>,
    pub prefix: ObjectPath,
    /// Stop after uploading this many objects (skipped ones do not count).
    pub limit: Option<u64>,
    /// Delete each local file once its object is verified.
    pub delete_local: bool,
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Local blob files found.
    pub found: u64,
    /// Uploaded and verified by this run.
    pub uploaded: u64,
    pub uploaded_bytes: u64,
    /// Already in the store with the right hash.
    pub skipped: u64,
    pub skipped_bytes: u64,
    /// Local files deleted (`--delete-local`).
    pub deleted: u64,
    /// Blobs whose upload or check failed, with why.
    pub failed: Vec<String>,
    /// Stopped at the limit before every file was seen.
    pub stopped_at_limit: bool,
}

/// The local blob files, `(name "<xx>/<id>", path)`, in name order.
pub fn local_blobs(root: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let shards = match std::fs::read_dir(root) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for shard in shards {
        let shard = shard?;
        if !shard.file_type()?.is_dir() {
            continue;
        }
        let shard_name = shard.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(shard.path())? {
            let f = f?;
            let name = f.file_name().to_string_lossy().into_owned();
            if f.file_type()?.is_file() && uuid::Uuid::parse_str(&name).is_ok() {
                found.push((format!("{shard_name}/{name}"), f.path()));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Runs the migration; `progress` hears about each blob (`"uploaded"`, `"skipped"`).
pub async fn run(m: &Migration, mut progress: impl FnMut(&str, &str)) -> std::io::Result<Moved> {
    let blobs = local_blobs(&m.local)?;
    let mut moved = Moved {
        found: blobs.len() as u64,
        ..Moved::default()
    };
    for (name, path) in blobs {
        if m.limit.is_some_and(|limit| moved.uploaded >= limit) {
            moved.stopped_at_limit = true;
            break;
        }
        let object = name
            .split('/')
            .fold(m.prefix.clone(), |path, part| path.join(part));
        let (sha, size) = file_sha256(&path).await?;
        let there = object_sha256(&*m.store, &object).await?;
        if there.as_ref().is_some_and(|(s, n)| *s == sha && *n == size) {
            moved.skipped += 1;
            moved.skipped_bytes += size;
            progress("skipped", &name);
        } else {
            if let Err(e) = copy_in(&*m.store, &path, &object).await {
                moved.failed.push(format!("{name}: upload failed: {e}"));
                continue;
            }
            match object_sha256(&*m.store, &object).await {
                Ok(Some((s, n))) if s == sha && n == size => {}
                Ok(Some((s, n))) => {
                    moved.failed.push(format!(
                        "{name}: the stored object does not match (SHA-256 {s}, {n} bytes; \
                         expected {sha}, {size} bytes)"
                    ));
                    continue;
                }
                Ok(None) => {
                    moved
                        .failed
                        .push(format!("{name}: the object is missing after its upload"));
                    continue;
                }
                Err(e) => {
                    moved.failed.push(format!("{name}: read back failed: {e}"));
                    continue;
                }
            }
            moved.uploaded += 1;
            moved.uploaded_bytes += size;
            progress("uploaded", &name);
        }
        if m.delete_local {
            tokio::fs::remove_file(&path).await?;
            moved.deleted += 1;
        }
    }
    Ok(moved)
}
