//! Attachments of resources: stored once per content, named by SHA-256, under
//! `DATA_DIR/attachments/ab/abcdef…`.
//!
//! An upload streams into a temporary file while it is hashed and its first bytes are
//! checked against the types accepted; only a complete, accepted file is renamed into place,
//! so an interrupted or refused upload leaves nothing behind but a temporary file that the
//! next start removes.

use std::path::{Path, PathBuf};

use axum::extract::multipart::Field;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::AppError;

/// The largest attachment accepted.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

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
    Ok(media_type)
}

/// A file name safe to keep and to send back: no path, no control characters, not too long.
pub fn clean_filename(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
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
}

/// The local attachment store.
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    dir: PathBuf,
}

impl AttachmentStore {
    /// Opens the store, creating it, and removes temporary files of interrupted uploads.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir.join("tmp"))?;
        let mut cleaned = 0;
        for entry in std::fs::read_dir(dir.join("tmp"))? {
            std::fs::remove_file(entry?.path())?;
            cleaned += 1;
        }
        if cleaned > 0 {
            tracing::info!(files = cleaned, "removed unfinished attachment uploads");
        }
        Ok(AttachmentStore {
            dir: dir.to_owned(),
        })
    }

    /// Where the bytes with this hash live.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.dir.join(&sha256[..2]).join(sha256))
    }

    /// Stores bytes already in memory (demo data, imports), with the same checks as an upload.
    pub fn put(&self, filename: &str, bytes: &[u8]) -> Result<Stored, AppError> {
        if bytes.len() as u64 > MAX_BYTES {
            return Err(AppError::PayloadTooLarge);
        }
        let media_type = sniff(filename, bytes).map_err(AppError::Unsupported)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let dest = self
            .path(&sha256)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad hash")))?;
        if !dest.exists() {
            let tmp = self
                .dir
                .join("tmp")
                .join(uuid::Uuid::new_v4().simple().to_string());
            let write = || -> std::io::Result<()> {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&tmp, bytes)?;
                std::fs::rename(&tmp, &dest)
            };
            write().map_err(storage)?;
        }
        Ok(Stored {
            sha256,
            size: bytes.len() as u64,
            media_type,
        })
    }

    /// Streams one multipart field into the store.
    pub async fn save(&self, filename: &str, mut field: Field<'_>) -> Result<Stored, AppError> {
        let tmp = self
            .dir
            .join("tmp")
            .join(uuid::Uuid::new_v4().simple().to_string());
        let result = self.save_to(&tmp, filename, &mut field).await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&tmp).await;
        }
        result
    }

    async fn save_to(
        &self,
        tmp: &Path,
        filename: &str,
        field: &mut Field<'_>,
    ) -> Result<Stored, AppError> {
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
        drop(file);
        let sha256 = hex::encode(hasher.finalize());
        let dest = self
            .path(&sha256)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad hash")))?;
        if let Some(parent) = dest.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(storage)?;
        }
        if tokio::fs::try_exists(&dest).await.unwrap_or(false) {
            tokio::fs::remove_file(tmp).await.map_err(internal)?;
        } else {
            tokio::fs::rename(tmp, &dest).await.map_err(storage)?;
        }
        Ok(Stored {
            sha256,
            size,
            media_type,
        })
    }
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

/// The text of a PDF, for search; empty when the PDF has none or cannot be read.
/// lopdf (0.42 and later bound the nesting depth that made older versions overflow the
/// stack on a crafted file) runs on a blocking thread, and any panic is contained.
pub async fn pdf_text(path: PathBuf) -> String {
    let task = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(|| {
            let Ok(doc) = lopdf::Document::load(&path) else {
                return String::new();
            };
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            doc.extract_text(&pages).unwrap_or_default()
        })
        .unwrap_or_default()
    });
    let mut text = task.await.unwrap_or_default();
    // Enough for search; a 25 MiB PDF can hold far more text than is useful to index.
    if text.len() > 1_000_000 {
        let mut cut = 1_000_000;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
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
    }
}
