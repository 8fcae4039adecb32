//! What the hub checks of an attachment, whatever carries its bytes: the kinds of file
//! accepted (by name and first bytes), safe file names, the `Content-Disposition` a
//! download is sent with, and the bounded extraction of a PDF's text for search. The
//! attachment store itself and the streaming of an upload's body are the web layer's.

use std::path::{Path, PathBuf};
use std::time::Duration;

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
pub fn checked_filename(name: Option<&str>) -> Result<String, crate::Error> {
    let name = name.unwrap_or_default();
    if spona_domain::org::has_bidi_control(name) {
        return Err(crate::Error::BadRequest("err-name-bidi"));
    }
    clean_filename(name).ok_or(crate::Error::BadRequest("err-attachment-missing"))
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
