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
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart, path::Path as ObjectPath};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::AppError;

/// The largest attachment accepted.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

/// The size of the parts an attachment is copied into the store in (S3's smallest part).
pub const PART_BYTES: usize = 5 * 1024 * 1024;

/// The kinds of file a resource may carry: what they start with, and the names they may have.
const TYPES: &[(&str, &[u8], &[&str])] = &[
    ("application/pdf", b"%PDF-", &["pdf"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
        &["docx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
        &["xlsx"],
    ),
    (
        "application/vnd.oasis.opendocument.text",
        b"PK\x03\x04",
        &["odt"],
    ),
    (
        "application/vnd.oasis.opendocument.spreadsheet",
        b"PK\x03\x04",
        &["ods"],
    ),
    ("image/png", b"\x89PNG\r\n\x1a\n", &["png"]),
    ("image/jpeg", b"\xff\xd8\xff", &["jpg", "jpeg"]),
    ("image/webp", b"RIFF", &["webp"]),
];

/// The media type of a file by its name and first bytes, or the message key saying why not.
pub fn sniff(filename: &str, head: &[u8]) -> Result<&'static str, &'static str> {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((media_type, magic, _)) = TYPES
        .iter()
        .find(|(_, _, exts)| exts.contains(&ext.as_str()))
    else {
        return Err("err-attachment-type");
    };
    if !head.starts_with(magic) {
        return Err("err-attachment-content");
    }
    // "RIFF" starts WAV and AVI files too: WebP is "RIFF", a size, then "WEBP".
    if *media_type == "image/webp" && head.get(8..12) != Some(b"WEBP".as_slice()) {
        return Err("err-attachment-content");
    }
    Ok(media_type)
}

/// A file name as an upload gives it, checked: bidirectional controls are refused with
/// their own message (they disguise a file's type), anything else unusable is missing.
pub fn checked_filename(name: Option<&str>) -> Result<String, crate::AppError> {
    let name = name.unwrap_or_default();
    if spona_domain::org::has_bidi_control(name) {
        return Err(crate::AppError::BadRequest("err-name-bidi"));
    }
    clean_filename(name).ok_or(crate::AppError::BadRequest("err-attachment-missing"))
}

/// A `Content-Disposition: attachment` value: a plain-ASCII `filename` for old clients and
/// the exact name in `filename*` (RFC 8187: UTF-8, percent-encoded, a space is `%20`).
pub fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::with_capacity(filename.len() * 3);
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A file name safe to keep and to send back: no path, no control characters, not too long.
pub fn clean_filename(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control()
                && !spona_domain::org::has_bidi_control(&c.to_string())
                && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':')
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

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
        let (store, prefix, location): (Arc<dyn ObjectStore>, _, _) = match backend {
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
                let parsed = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
                // A person waits for the upload: a store that does not answer is reported
                // within seconds, not after the default three minutes of retries.
                let mut builder = object_store::aws::AmazonS3Builder::from_env()
                    .with_url(url.as_str())
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
                for (key, value) in options {
                    let key = key
                        .parse()
                        .map_err(|e| format!("attachment store option {key}: {e}"))?;
                    builder = builder.with_config(key, value);
                }
                let s3 = builder.build().map_err(|e| e.to_string())?;
                let prefix = ObjectPath::from(parsed.path().trim_matches('/'));
                let location = format!("s3://{}/{prefix}", parsed.host_str().unwrap_or_default());
                (Arc::new(s3), prefix, location)
            }
        };
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
        let mut file = tokio::fs::File::open(tmp).await.map_err(internal)?;
        let upload = self
            .store
            .put_multipart(object)
            .await
            .map_err(unavailable)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match file.read(&mut buf).await {
                Ok(n) => n,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(internal(e));
                }
            };
            if n == 0 {
                break;
            }
            if let Err(e) = writer.wait_for_capacity(1).await {
                let _ = writer.abort().await;
                return Err(unavailable(e));
            }
            writer.write(&buf[..n]);
        }
        writer.finish().await.map_err(unavailable)?;
        Ok(())
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

/// The most text kept from one PDF: enough for search; a 25 MiB PDF can hold far more.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// The hidden first argument that makes the `spona` binary extract one PDF's text
/// ([`pdf_text_child`]) instead of parsing its command line.
pub const PDF_TEXT_COMMAND: &str = "__pdf-text";

/// How one PDF's text extraction is bounded. A crafted PDF (pages sharing one content stream
/// that inflates to hundreds of megabytes) would otherwise hold a server thread for minutes
/// and gigabytes of memory: the extraction runs in a child process with an address-space
/// limit, a CPU-time limit and a wall-clock timeout, at most [`PdfLimits::parallel`] at a
/// time, and the attachment is stored without text when a bound is hit.
#[derive(Debug, Clone)]
pub struct PdfLimits {
    /// The program run as `PROGRAM __pdf-text FILE` (the `spona` binary itself); `None`
    /// stores PDFs without their text.
    pub helper: Option<PathBuf>,
    /// The child's address-space limit (`RLIMIT_AS`).
    pub memory_bytes: u64,
    /// The child's wall-clock limit (its CPU-time limit is the same, in whole seconds).
    pub time: Duration,
    /// Extractions running at once; more wait (up to `time`) or are stored without text.
    pub parallel: usize,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            helper: None,
            memory_bytes: 1024 * 1024 * 1024,
            time: Duration::from_secs(15),
            parallel: 2,
        }
    }
}

/// Bounded PDF text extraction (see [`PdfLimits`]).
#[derive(Debug)]
pub struct PdfExtractor {
    limits: PdfLimits,
    slots: tokio::sync::Semaphore,
}

impl PdfExtractor {
    pub fn new(limits: PdfLimits) -> Self {
        let slots = tokio::sync::Semaphore::new(limits.parallel.max(1));
        PdfExtractor { limits, slots }
    }

    /// The text of the PDF at `path`, or empty when it has none, cannot be read, or its
    /// extraction hit a bound (logged).
    pub async fn text(&self, path: &Path) -> String {
        let Some(helper) = self.limits.helper.clone() else {
            return String::new();
        };
        let Ok(Ok(_slot)) = tokio::time::timeout(self.limits.time, self.slots.acquire()).await
        else {
            tracing::warn!("PDF text extraction: all slots busy; stored without text");
            return String::new();
        };
        let limits = self.limits.clone();
        let path = path.to_owned();
        let started = std::time::Instant::now();
        let outcome =
            tokio::task::spawn_blocking(move || run_extraction(&helper, &path, &limits)).await;
        match outcome {
            Ok(Ok(text)) => text,
            Ok(Err(why)) => {
                tracing::warn!(
                    why,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "PDF text extraction stopped; stored without text"
                );
                String::new()
            }
            Err(e) => {
                tracing::error!(error = %e, "PDF text extraction failed");
                String::new()
            }
        }
    }
}

/// Runs `sh -c 'ulimit -v KIB; ulimit -t SECONDS; exec HELPER __pdf-text FILE'` (the shell's
/// `ulimit` sets `RLIMIT_AS` and `RLIMIT_CPU` for the child alone, without unsafe code here),
/// reads at most [`MAX_TEXT_BYTES`] of its output, and kills it at the wall-clock limit.
fn run_extraction(helper: &Path, path: &Path, limits: &PdfLimits) -> Result<String, &'static str> {
    use std::io::Read as _;
    let mut child = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(r#"ulimit -v "$1" && ulimit -t "$2" && shift 2 && exec "$@""#)
        .arg("sh")
        .arg((limits.memory_bytes / 1024).to_string())
        .arg(limits.time.as_secs().max(1).to_string())
        .arg(helper)
        .arg(PDF_TEXT_COMMAND)
        .arg(path)
        .env_clear()
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| "the helper could not start")?;
    let stdout = child.stdout.take().ok_or("no output")?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.take(MAX_TEXT_BYTES as u64 + 1).read_to_end(&mut out);
        out
    });
    let deadline = std::time::Instant::now() + limits.time;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let out = reader.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => {
            let mut text = String::from_utf8_lossy(&out).into_owned();
            truncate_text(&mut text);
            Ok(text)
        }
        Some(_) => Err("the memory or CPU limit was hit, or the file is unreadable"),
        None => Err("the time limit was hit"),
    }
}

fn truncate_text(text: &mut String) {
    if text.len() > MAX_TEXT_BYTES {
        let mut cut = MAX_TEXT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
}

/// The child's side of [`PdfExtractor`] (started under its limits): writes the text of the
/// PDF at `path` to stdout, page by page, stopping at [`MAX_TEXT_BYTES`]. Exits non-zero when the file cannot be read; an
/// allocation beyond the limit aborts the process, which the parent reads as "no text".
pub fn pdf_text_child(path: &Path) -> std::process::ExitCode {
    use std::io::Write as _;
    let Ok(doc) = lopdf::Document::load(path) else {
        return std::process::ExitCode::FAILURE;
    };
    let mut text = String::new();
    for page in doc.get_pages().keys() {
        if let Ok(t) = doc.extract_text(&[*page]) {
            text.push_str(&t);
        }
        if text.len() >= MAX_TEXT_BYTES {
            break;
        }
    }
    truncate_text(&mut text);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_checked_by_name_and_content() {
        assert_eq!(sniff("a.pdf", b"%PDF-1.7\n"), Ok("application/pdf"));
        assert_eq!(sniff("A.PDF", b"%PDF-1.4"), Ok("application/pdf"));
        assert_eq!(sniff("a.pdf", b"MZ\x90\x00"), Err("err-attachment-content"));
        assert_eq!(sniff("a.exe", b"MZ\x90\x00"), Err("err-attachment-type"));
        assert_eq!(sniff("noext", b"%PDF-"), Err("err-attachment-type"));
        assert!(sniff("budget.xlsx", b"PK\x03\x04rest").is_ok());
        assert_eq!(sniff("x.png", b"GIF89a"), Err("err-attachment-content"));
        assert_eq!(sniff("x.webp", b"RIFF\x10\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(
            sniff("x.webp", b"RIFF\x10\0\0\0WAVEfmt "),
            Err("err-attachment-content")
        );
        assert_eq!(sniff("x.webp", b"RIFF"), Err("err-attachment-content"));
    }

    #[test]
    fn file_names_lose_paths_and_controls() {
        assert_eq!(
            clean_filename("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_filename("C:\\x\\form.pdf").as_deref(),
            Some("form.pdf")
        );
        assert_eq!(clean_filename("a\u{0}b\"<>.pdf").as_deref(), Some("ab.pdf"));
        assert_eq!(clean_filename("..."), None);
        assert_eq!(clean_filename(".hidden.pdf").as_deref(), Some("hidden.pdf"));
        assert_eq!(
            clean_filename("photo\u{202e}gpj.exe").as_deref(),
            Some("photogpj.exe")
        );
        assert!(checked_filename(Some("witness-photo\u{202e}gpj.exe")).is_err());
        assert_eq!(
            content_disposition("intake form č.pdf"),
            "attachment; filename=\"intake form _.pdf\"; filename*=UTF-8''intake%20form%20%C4%8D.pdf"
        );
    }
}
