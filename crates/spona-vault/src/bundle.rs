//! Export bundles for prosecutors: one file, `spona-export-….tar.age`, encrypted with age to
//! the recipient's X25519 key, holding a tar that standard tools can check offline.
//!
//! ```text
//! files/<name>.age      each original, encrypted (again) to the recipient's key
//! SHA256SUMS            `<sha256>  files/<name>` per original (`sha256sum -c` after decrypting)
//! custody.jsonl         the custody entries of the exported items, one JSON object per line
//! custody-links.jsonl   every entry of the case's chain as `seq`, `prev_hash`, `hash` only:
//!                       links the disclosed entries to the signed head without their content
//! custody-head.json     the signed head of the case's custody log
//! server-ed25519.pub    `spona-server-ed25519 <hex>`
//! README.txt            how to verify with age and sha256sum
//! readable/*.html       human-readable renderings (informative; the files above are authoritative)
//! manifest.json         format, case, export time, server public key, recipient, items
//!                       (name, file, sha256, size, created), custody head, and the SHA-256 and
//!                       size of every other member of the tar
//! manifest.sig          Ed25519 signature (hex) over the exact bytes of manifest.json
//! ```
//!
//! Every member but the signature is covered by the signature: the manifest by it directly,
//! the rest through their SHA-256 in the manifest. [`verify_bundle`] refuses members that are
//! not listed, listed twice, or not regular files.

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::custody::{CustodyEntry, CustodyLink};
use crate::error::{IntegrityError, Result, VaultError, from_read_error};
use crate::signing::{ServerKey, ServerPublicKey, SignedHead};

const FORMAT: &str = "spona-export-v2";
/// How an age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// Largest metadata file `verify_bundle` reads into memory.
const MAX_METADATA: u64 = 256 * 1024 * 1024;
/// The members the signature does not list: the manifest itself and its signature.
const UNLISTED: [&str; 2] = ["manifest.json", "manifest.sig"];

/// One original to export. `content` yields its bytes (typically a decrypting
/// [`crate::BlobReader`]); `sha256_hex` and `size` are the recorded values, checked again here.
pub struct BundleItem<'a> {
    pub name: String,
    pub sha256_hex: String,
    pub size: u64,
    pub created_at_ms: i64,
    pub content: Box<dyn Read + 'a>,
}

/// What goes into a bundle besides the files.
pub struct BundleCase<'a> {
    pub case_id: &'a str,
    /// The case's whole custody chain, in order of `seq`.
    pub custody: &'a [CustodyEntry],
    /// Which entries go into the bundle in full (those of the exported items); the others
    /// are represented by their hashes only.
    pub disclose: &'a dyn Fn(&CustodyEntry) -> bool,
    pub head: &'a SignedHead,
    /// Human-readable renderings: (name under `readable/`, bytes).
    pub readable: Vec<(String, Vec<u8>)>,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub case_id: String,
    pub exported_at_ms: i64,
    pub server_public_key: String,
    pub recipient: String,
    pub items: Vec<ManifestItem>,
    /// Custody entries disclosed in `custody.jsonl`.
    pub custody_entries: usize,
    /// Entries in the whole chain (`custody-links.jsonl`).
    pub custody_chain_length: usize,
    pub custody_head_seq: u64,
    pub custody_head_hash: String,
    /// Every member of the tar but `manifest.json` and `manifest.sig`.
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestItem {
    pub name: String,
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub created_at_ms: i64,
}

/// A member of the tar as written: its path, and the SHA-256 and size of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// Checks that `name` can be a file name in a bundle (and in the recipient's file system).
pub fn validate_name(name: &str) -> Result<()> {
    let bad = |reason| {
        Err(VaultError::InvalidName {
            what: "file name",
            value: name.into(),
            reason,
        })
    };
    if name.is_empty() || name.len() > 200 {
        return bad("must have 1 to 200 bytes");
    }
    if name.contains(['/', '\\']) {
        return bad("must not contain a slash");
    }
    if name.starts_with('.') {
        return bad("must not start with a dot");
    }
    if name.chars().any(char::is_control) {
        return bad("must not contain control characters");
    }
    if name.chars().any(is_bidi_control) {
        return bad("must not contain bidirectional text controls");
    }
    Ok(())
}

/// Characters that change the direction text is shown in: `photo\u{202e}gpj.exe` shows as
/// `photoexe.jpg`. Refused in file names.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Counts and hashes what passes through.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    size: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
}

fn parse_recipient(recipient: &str) -> Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(recipient.trim()).map_err(|e| VaultError::Age {
        what: "recipient",
        reason: e.to_string(),
    })
}

fn tar_header(size: u64, mtime: u64) -> tar::Header {
    let mut header = tar::Header::new_ustar();
    header.set_size(size);
    header.set_mode(0o644);
    header.set_mtime(mtime);
    header.set_entry_type(tar::EntryType::Regular);
    header
}

/// The tar being written, with the SHA-256 and size of every member appended.
struct TarWriter<W: Write> {
    tar: tar::Builder<W>,
    members: Vec<Member>,
    mtime: u64,
}

impl<W: Write> TarWriter<W> {
    fn append<R: Read>(&mut self, path: &str, size: u64, content: R) -> Result<()> {
        let mut hashing = HashingReader {
            inner: content,
            hasher: Sha256::new(),
            size: 0,
        };
        let mut header = tar_header(size, self.mtime);
        self.tar
            .append_data(&mut header, path, &mut hashing)
            .map_err(VaultError::Stream)?;
        self.members.push(Member {
            path: path.to_owned(),
            sha256: hex::encode(hashing.hasher.finalize()),
            size: hashing.size,
        });
        Ok(())
    }

    fn append_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        self.append(path, bytes.len() as u64, bytes)
    }
}

fn age_error(what: &'static str) -> impl Fn(age::EncryptError) -> VaultError {
    move |e| VaultError::Age {
        what,
        reason: e.to_string(),
    }
}

/// Writes an export bundle to `out`: a tar encrypted with age to `recipient`. Each item is
/// streamed through an age encryptor into a temporary file in `scratch_dir` (the tar needs
/// each size up front, and age's header has a random length), then copied into the tar;
/// memory use does not depend on file sizes. An item whose bytes do not match its recorded
/// hash or size aborts the export.
pub fn write_bundle<W: Write>(
    out: W,
    case: BundleCase<'_>,
    items: Vec<BundleItem<'_>>,
    server_key: &ServerKey,
    recipient: &str,
    scratch_dir: &Path,
) -> Result<Manifest> {
    let age_recipient = parse_recipient(recipient)?;
    let mut names = BTreeSet::new();
    for item in &items {
        validate_name(&item.name)?;
        if !names.insert(item.name.clone()) {
            return Err(VaultError::InvalidName {
                what: "file name",
                value: item.name.clone(),
                reason: "appears twice in the export",
            });
        }
    }
    let mut readable_names = BTreeSet::new();
    for (name, _) in &case.readable {
        validate_name(name)?;
        if !readable_names.insert(name.clone()) {
            return Err(VaultError::InvalidName {
                what: "file name",
                value: name.clone(),
                reason: "appears twice in the export",
            });
        }
    }
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&age_recipient as &dyn age::Recipient))
            .map_err(age_error("recipient"))?;
    let sealed = encryptor
        .wrap_output(io::BufWriter::with_capacity(64 * 1024, out))
        .map_err(VaultError::Stream)?;
    let exported_at_ms = now_ms();
    let mut tar = TarWriter {
        tar: tar::Builder::new(sealed),
        members: Vec::new(),
        mtime: (exported_at_ms / 1000).max(0) as u64,
    };
    let mut manifest_items = Vec::with_capacity(items.len());
    for item in items {
        let file = format!("files/{}.age", item.name);
        let mut spool =
            tempfile::tempfile_in(scratch_dir).map_err(|e| VaultError::io(scratch_dir, e))?;
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&age_recipient as &dyn age::Recipient))
                .map_err(age_error("recipient"))?;
        let mut writer = encryptor
            .wrap_output(io::BufWriter::with_capacity(64 * 1024, &mut spool))
            .map_err(|e| VaultError::io(scratch_dir, e))?;
        let mut source = HashingReader {
            inner: item.content,
            hasher: Sha256::new(),
            size: 0,
        };
        io::copy(&mut source, &mut writer).map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => from_read_error(e),
            _ => VaultError::io(scratch_dir, e),
        })?;
        writer
            .finish()
            .and_then(|mut w| w.flush())
            .map_err(|e| VaultError::io(scratch_dir, e))?;
        let actual = hex::encode(source.hasher.finalize());
        if !actual.eq_ignore_ascii_case(&item.sha256_hex) {
            return Err(IntegrityError::HashMismatch {
                blob_id: item.name,
                expected: item.sha256_hex,
                actual,
            }
            .into());
        }
        if source.size != item.size {
            return Err(IntegrityError::SizeMismatch {
                blob_id: item.name,
                expected: item.size,
                actual: source.size,
            }
            .into());
        }
        let len = spool
            .stream_position()
            .map_err(|e| VaultError::io(scratch_dir, e))?;
        spool.rewind().map_err(|e| VaultError::io(scratch_dir, e))?;
        tar.append(&file, len, &mut spool)?;
        manifest_items.push(ManifestItem {
            name: item.name,
            file,
            sha256: actual,
            size: source.size,
            created_at_ms: item.created_at_ms,
        });
    }

    let sums: String = manifest_items
        .iter()
        .map(|i| format!("{}  files/{}\n", i.sha256, i.name))
        .collect();
    let disclosed: Vec<&CustodyEntry> =
        case.custody.iter().filter(|e| (case.disclose)(e)).collect();
    let custody: String = disclosed.iter().map(|e| e.to_json_line() + "\n").collect();
    let links: String = case
        .custody
        .iter()
        .map(|e| serde_json::to_string(&CustodyLink::from(e)).unwrap_or_default() + "\n")
        .collect();
    let head = serde_json::to_vec_pretty(case.head)
        .map_err(|e| VaultError::Stream(io::Error::other(e)))?;
    let public = server_key.public();
    tar.append_bytes("SHA256SUMS", sums.as_bytes())?;
    tar.append_bytes("custody.jsonl", custody.as_bytes())?;
    tar.append_bytes("custody-links.jsonl", links.as_bytes())?;
    tar.append_bytes("custody-head.json", &head)?;
    tar.append_bytes("server-ed25519.pub", public.to_text().as_bytes())?;
    let readme = readme(
        case.case_id,
        manifest_items.len(),
        &public,
        recipient.trim(),
    );
    tar.append_bytes("README.txt", readme.as_bytes())?;
    for (name, bytes) in &case.readable {
        tar.append_bytes(&format!("readable/{name}"), bytes)?;
    }

    let manifest = Manifest {
        format: FORMAT.into(),
        case_id: case.case_id.into(),
        exported_at_ms,
        server_public_key: public.to_hex(),
        recipient: recipient.trim().into(),
        items: manifest_items,
        custody_entries: disclosed.len(),
        custody_chain_length: case.custody.len(),
        custody_head_seq: case.head.seq,
        custody_head_hash: case.head.hash.clone(),
        members: std::mem::take(&mut tar.members),
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| VaultError::Stream(io::Error::other(e)))?;
    manifest_json.push(b'\n');
    let signature = format!("{}\n", hex::encode(server_key.sign(&manifest_json)));
    tar.append_bytes("manifest.json", &manifest_json)?;
    tar.append_bytes("manifest.sig", signature.as_bytes())?;
    tar.tar
        .into_inner()
        .and_then(|sealed| sealed.finish())
        .and_then(|mut w| w.flush())
        .map_err(VaultError::Stream)?;
    Ok(manifest)
}

/// The key in groups of four hex digits, as a person compares it over the phone.
pub fn fingerprint(key: &ServerPublicKey) -> String {
    key.to_hex()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn readme(case_id: &str, items: usize, key: &ServerPublicKey, recipient: &str) -> String {
    format!(
        "Spona evidence export\n\
         =====================\n\n\
         Case: {case_id}\n\
         Items: {items}\n\
         Server signing key (Ed25519): {fingerprint}\n\
         Encrypted to age recipient: {recipient}\n\n\
         Compare the server signing key with the one the sending organisation gave you by\n\
         another way (in person, by phone): only then does the signature prove who made this.\n\n\
         To check the files offline (tools: age or rage, sha256sum), with key.txt the age\n\
         identity (AGE-SECRET-KEY-1...) of the recipient above:\n\n\
         \x20 age -d -i key.txt spona-export-NNNN.tar.age > bundle.tar\n\
         \x20 tar -xf bundle.tar\n\
         \x20 for f in files/*.age; do age -d -i key.txt \"$f\" > \"${{f%.age}}\"; done\n\
         \x20 sha256sum -c SHA256SUMS\n\n\
         (One file: age -d -i key.txt files/NAME.age > files/NAME . Prefer the redirection to\n\
         `-o`: age does not create an output file for an empty original.)\n\n\
         manifest.json lists every file with its SHA-256 and size, and the SHA-256 of every\n\
         other file in the bundle (this README too); manifest.sig is the Ed25519 signature (hex)\n\
         of manifest.json by the server key. custody.jsonl holds the chain-of-custody entries\n\
         of the exported items; custody-links.jsonl the hash of every entry of the case, which\n\
         links them to custody-head.json, the head of the chain signed by the server.\n\
         The files under readable/ are for reading only; the signed files above are\n\
         authoritative.\n\n\
         Everything at once: spona verify-bundle spona-export-NNNN.tar.age --identity key.txt \\\n\
         \x20   --server-key \"spona-server-ed25519 <the key you were given>\"\n",
        fingerprint = fingerprint(key),
    )
}

mod verify;
pub use verify::{BundleReport, verify_bundle};
