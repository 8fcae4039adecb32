//! Attachments of resources: stored once per content, named by SHA-256 (`ab/abcdef…`), in
//! an object store — the local directory `DATA_DIR/attachments/` by default, or an
//! S3-compatible bucket (`--attachments-url s3://bucket/prefix`). Both go through the
//! `object_store` crate's one trait, so every test of the local store exercises the same code
//! path as S3.
//!
//! An upload streams into a local temporary file while it is hashed and its first bytes are
//! checked against the types accepted; only a complete, accepted file is then copied into the
//! store, in parts of [`PART_BYTES`] (a multipart upload on S3, a staged file renamed into
//! place on disk), so memory stays bounded whatever the size and an interrupted or refused
//! upload leaves nothing in the store — only a temporary file that the next start removes.
//! Content already stored is not copied again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::multipart::Field;
use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::{ObjectStore, ObjectStoreExt, path::Path as ObjectPath};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::AppError;

pub use spona_app::attachments::{
    MAX_BYTES, MAX_TEXT_BYTES, PART_BYTES, PDF_TEXT_COMMAND, PdfExtractor, PdfLimits,
    checked_filename, clean_filename, content_disposition, pdf_text_child, sniff,
};

/// What a finished upload left in the store.
#[derive(Debug, Clone)]
pub struct Stored {
    pub sha256: String,
    pub size: u64,
    pub media_type: &'static str,
    /// The text of a PDF, for search (empty for other types).
    pub text: String,
    /// A PDF's active content ([`crate::pdf_scan`]), as recorded ('' for none).
    pub active_content: String,
}

/// Where attachments are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A directory on this machine.
    Local(PathBuf),
    /// An S3-compatible bucket: `s3://bucket[/prefix]`, with options (`endpoint`, `region`,
    /// `access_key_id`, `secret_access_key`, `allow_http`, … as the `object_store` crate names
    /// them) on top of those its standard `AWS_…` environment variables give.
    S3 {
        url: String,
        options: Vec<(String, String)>,
    },
}

impl Backend {
    /// The backend an `--attachments-url` names; only `s3://bucket[/prefix]` is accepted.
    pub fn parse_url(url: &str) -> Result<Backend, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("{url:?} is not a URL ({e})"))?;
        if parsed.scheme() != "s3" {
            return Err(format!(
                "{url:?}: only s3://bucket[/prefix] is supported (attachments are kept under \
                 the data directory when no URL is given)"
            ));
        }
        if parsed.host_str().unwrap_or_default().is_empty() {
            return Err(format!("{url:?} names no bucket (s3://bucket[/prefix])"));
        }
        Ok(Backend::S3 {
            url: url.to_owned(),
            options: Vec::new(),
        })
    }

    /// The object store this backend names, the folder inside it (from the URL's path; empty
    /// on disk) and its location for messages (never credentials). Creates a local directory.
    pub fn object_store(&self) -> Result<(Arc<dyn ObjectStore>, ObjectPath, String), String> {
        let built: (Arc<dyn ObjectStore>, _, _) = match self {
            Backend::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                let fs = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| e.to_string())?;
                (
                    Arc::new(fs),
                    ObjectPath::default(),
                    dir.display().to_string(),
                )
            }
            Backend::S3 { url, options } => {
                // The HTTP client's TLS (commands build a store without a server).
                crate::install_tls_provider();
                let parsed = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
                // A person waits for the upload: a store that does not answer is reported
                // within seconds, not after the default three minutes of retries.
                let mut builder = object_store::aws::AmazonS3Builder::new()
                    .with_retry(object_store::RetryConfig {
                        max_retries: 3,
                        retry_timeout: Duration::from_secs(20),
                        ..Default::default()
                    })
                    .with_client_options(
                        object_store::ClientOptions::new()
                            .with_connect_timeout(Duration::from_secs(5))
                            .with_timeout(Duration::from_secs(120)),
                    );
                // The standard `AWS_…` variables, after the client options they would
                // otherwise lose (`AWS_ALLOW_HTTP` is one), as `from_env` reads them.
                for (key, value) in std::env::vars_os() {
                    if let (Some(key), Some(value)) = (key.to_str(), value.to_str())
                        && key.starts_with("AWS_")
                        && let Ok(key) = key.to_ascii_lowercase().parse()
                    {
                        builder = builder.with_config(key, value);
                    }
                }
                builder = builder.with_url(url.as_str());
                for (key, value) in options {
                    let key = key
                        .parse()
                        .map_err(|e| format!("object store option {key}: {e}"))?;
                    builder = builder.with_config(key, value);
                }
                let s3 = builder.build().map_err(|e| e.to_string())?;
                let prefix = ObjectPath::from(parsed.path().trim_matches('/'));
                let location = format!("s3://{}/{prefix}", parsed.host_str().unwrap_or_default());
                (Arc::new(s3), prefix, location)
            }
        };
        Ok(built)
    }
}

/// The attachment store.
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    store: Arc<dyn ObjectStore>,
    /// The folder of objects inside the store (from the URL's path; empty on disk).
    prefix: ObjectPath,
    /// Uploads in progress, always on this machine.
    tmp: PathBuf,
    /// Shown to operators: the directory or the bucket URL (never credentials).
    location: String,
    /// Extracts the text of PDFs, bounded.
    pdf: Arc<PdfExtractor>,
}

impl AttachmentStore {
    /// Opens the store (creating the local directory) and removes temporary files of
    /// interrupted uploads from `tmp`.
    pub fn open(backend: &Backend, tmp: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        let mut cleaned = 0;
        for entry in std::fs::read_dir(tmp).map_err(|e| format!("{}: {e}", tmp.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            cleaned += 1;
        }
        if cleaned > 0 {
            tracing::info!(files = cleaned, "removed unfinished attachment uploads");
        }
        let (store, prefix, location) = backend.object_store()?;
        Ok(AttachmentStore {
            store,
            prefix,
            tmp: tmp.to_owned(),
            location,
            pdf: Arc::new(PdfExtractor::new(PdfLimits::default())),
        })
    }

    /// The same store, extracting PDF text within these limits.
    pub fn with_pdf_limits(mut self, limits: PdfLimits) -> Self {
        self.pdf = Arc::new(PdfExtractor::new(limits));
        self
    }

    /// Where the store is, for operators' messages.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Checks that the store answers (the bucket exists and the credentials are accepted), so
    /// that a misconfigured store stops the server at start rather than at the first upload.
    pub async fn check(&self) -> Result<(), String> {
        self.store
            .list_with_delimiter(Some(&self.prefix))
            .await
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "the attachment store {} does not answer: {e}",
                    self.location
                )
            })
    }

    /// The object of this hash, if the hash is well formed.
    fn object(&self, sha256: &str) -> Option<ObjectPath> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.prefix.clone().join(&sha256[..2]).join(sha256))
    }

    /// Stores bytes already in memory (demo data, imports), with the same checks as an upload.
    pub async fn put(&self, filename: &str, bytes: &[u8]) -> Result<Stored, AppError> {
        if bytes.len() as u64 > MAX_BYTES {
            return Err(AppError::PayloadTooLarge);
        }
        let media_type = sniff(filename, bytes).map_err(AppError::Unsupported)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let tmp = self.tmp_path();
        tokio::fs::write(&tmp, bytes).await.map_err(storage)?;
        let result = self
            .commit(&tmp, sha256, bytes.len() as u64, media_type)
            .await;
        let _ = tokio::fs::remove_file(&tmp).await;
        result
    }

    /// Streams one multipart field into the store. A file larger than the `room` its
    /// quotas leave is refused (507) before anything reaches the store.
    pub async fn save(
        &self,
        filename: &str,
        mut field: Field<'_>,
        room: &crate::quota::Room,
    ) -> Result<Stored, AppError> {
        let tmp = self.tmp_path();
        let result = match self.receive(&tmp, filename, &mut field, room).await {
            Ok((sha256, size, media_type)) => self.commit(&tmp, sha256, size, media_type).await,
            Err(e) => Err(e),
        };
        let _ = tokio::fs::remove_file(&tmp).await;
        result
    }

    /// The stored bytes of this hash, as a stream.
    pub async fn open_read(
        &self,
        sha256: &str,
    ) -> Result<impl futures_util::Stream<Item = std::io::Result<Bytes>> + use<>, AppError> {
        let object = self.object(sha256).ok_or(AppError::NotFound)?;
        let found = self.store.get(&object).await.map_err(|e| match e {
            object_store::Error::NotFound { .. } => AppError::Internal(anyhow::anyhow!(
                "attachment {sha256} is missing from the store"
            )),
            other => unavailable(other),
        })?;
        Ok(found.into_stream().map_err(std::io::Error::other))
    }

    /// Removes the stored bytes of this hash (a file no row names any more); an object
    /// already gone is not an error.
    pub async fn remove(&self, sha256: &str) -> Result<(), AppError> {
        let object = self.object(sha256).ok_or(AppError::NotFound)?;
        match self.store.delete(&object).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Reads the object of this hash back and hashes it: `None` when it is there and whole,
    /// otherwise what is wrong with it ("missing", or the hash it has instead). An error: the
    /// store did not answer.
    pub async fn check_object(&self, sha256: &str) -> Result<Option<String>, String> {
        let Some(object) = self.object(sha256) else {
            return Ok(Some(format!("{sha256:?} is not a SHA-256")));
        };
        match spona_app::vault::object_blobs::object_sha256(&*self.store, &object).await {
            Ok(None) => Ok(Some("missing from the store".into())),
            Ok(Some((actual, _))) if actual == sha256.to_ascii_lowercase() => Ok(None),
            Ok(Some((actual, size))) => Ok(Some(format!(
                "its bytes do not match their name (SHA-256 {actual}, {size} bytes)"
            ))),
            Err(e) => Err(format!("{object} in {}: {e}", self.location)),
        }
    }

    /// Whether the bytes of this hash are in the store (tests, checks).
    pub async fn holds(&self, sha256: &str) -> bool {
        match self.object(sha256) {
            Some(object) => self.store.head(&object).await.is_ok(),
            None => false,
        }
    }

    fn tmp_path(&self) -> PathBuf {
        self.tmp.join(uuid::Uuid::new_v4().simple().to_string())
    }

    /// Receives a field into `tmp`, hashing it and checking its type as it arrives.
    async fn receive(
        &self,
        tmp: &Path,
        filename: &str,
        field: &mut Field<'_>,
        room: &crate::quota::Room,
    ) -> Result<(String, u64, &'static str), AppError> {
        let mut file = tokio::fs::File::create(tmp).await.map_err(internal)?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut head: Vec<u8> = Vec::with_capacity(16);
        let mut media_type = None;
        while let Some(chunk) = field.chunk().await.map_err(|_| AppError::PayloadTooLarge)? {
            size += chunk.len() as u64;
            if size > MAX_BYTES {
                return Err(AppError::PayloadTooLarge);
            }
            if size > room.bytes {
                return Err(room.exceeded());
            }
            if media_type.is_none() {
                head.extend_from_slice(&chunk[..chunk.len().min(16 - head.len().min(16))]);
                if head.len() >= 16 {
                    media_type = Some(sniff(filename, &head).map_err(AppError::Unsupported)?);
                }
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await.map_err(storage)?;
        }
        let media_type = match media_type {
            Some(m) => m,
            None if size == 0 => return Err(AppError::BadRequest("err-attachment-missing")),
            None => sniff(filename, &head).map_err(AppError::Unsupported)?,
        };
        file.sync_all().await.map_err(storage)?;
        Ok((hex::encode(hasher.finalize()), size, media_type))
    }

    /// Extracts the text of a PDF and copies the complete file at `tmp` into the store, unless
    /// that content is there already.
    async fn commit(
        &self,
        tmp: &Path,
        sha256: String,
        size: u64,
        media_type: &'static str,
    ) -> Result<Stored, AppError> {
        let object = self
            .object(&sha256)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad hash")))?;
        let (text, active_content) = if media_type == "application/pdf" {
            (
                self.pdf.text(tmp).await,
                crate::pdf_scan::scan_file(tmp).await.map_err(internal)?,
            )
        } else {
            (String::new(), String::new())
        };
        match self.store.head(&object).await {
            Ok(meta) if meta.size == size => {}
            Ok(_) | Err(object_store::Error::NotFound { .. }) => self.copy_in(tmp, &object).await?,
            Err(e) => return Err(unavailable(e)),
        }
        Ok(Stored {
            sha256,
            size,
            media_type,
            text,
            active_content,
        })
    }

    /// Copies a local file into the store part by part; at most two parts are in memory.
    async fn copy_in(&self, tmp: &Path, object: &ObjectPath) -> Result<(), AppError> {
        use spona_app::objects::{CopyError, copy_in};
        copy_in(&*self.store, tmp, object)
            .await
            .map_err(|e| match e {
                CopyError::Read(e) => internal(e),
                CopyError::Store(e) => unavailable(e),
            })
    }
}

/// The store did not answer, or refused: 503, nothing saved (logged for the operators);
/// a full local disk is 507, as for the upload's temporary file.
fn unavailable(e: object_store::Error) -> AppError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::StorageFull
        {
            return AppError::StorageFull;
        }
        source = err.source();
    }
    tracing::error!(error = %e, "the attachment store failed");
    AppError::Unavailable("err-files-unavailable")
}

fn internal(e: std::io::Error) -> AppError {
    AppError::Internal(e.into())
}

/// A full disk is the writer's problem to hear about, clearly; other errors are internal.
fn storage(e: std::io::Error) -> AppError {
    if e.kind() == std::io::ErrorKind::StorageFull {
        AppError::StorageFull
    } else {
        AppError::Internal(e.into())
    }
}
