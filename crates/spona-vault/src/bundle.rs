//! Export bundles for prosecutors: a tar that standard tools can check offline.
//!
//! ```text
//! README.txt            how to verify with age and sha256sum
//! files/<name>.age      each original, encrypted to the recipient's age X25519 key
//! SHA256SUMS            `<sha256>  files/<name>` per original (`sha256sum -c` after decrypting)
//! manifest.json         format, case, export time, server public key, recipient, items
//!                       (name, file, sha256, size, created), custody head
//! manifest.sig          Ed25519 signature (hex) over the exact bytes of manifest.json
//! custody.jsonl         the case's custody entries, one JSON object per line
//! custody-head.json     the signed head of the custody log
//! server-ed25519.pub    `spona-server-ed25519 <hex>`
//! ```
//!
//! Files come first in the tar so that a reader can check them in one pass.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::custody::{ChainReport, CustodyEntry, verify_chain};
use crate::error::{IntegrityError, Result, VaultError, from_read_error};
use crate::signing::{ServerKey, ServerPublicKey, SignedHead};

const FORMAT: &str = "spona-export-v1";
/// Largest metadata file `verify_bundle` reads into memory.
const MAX_METADATA: u64 = 256 * 1024 * 1024;

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
    pub custody: &'a [CustodyEntry],
    pub head: &'a SignedHead,
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
    pub custody_entries: usize,
    pub custody_head_seq: u64,
    pub custody_head_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestItem {
    pub name: String,
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub created_at_ms: i64,
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
    Ok(())
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

fn append_bytes<W: Write>(
    tar: &mut tar::Builder<W>,
    path: &str,
    bytes: &[u8],
    mtime: u64,
) -> Result<()> {
    let mut header = tar_header(bytes.len() as u64, mtime);
    tar.append_data(&mut header, path, bytes)
        .map_err(VaultError::Stream)
}

/// Writes an export bundle to `out`. Each item is streamed through an age encryptor into a
/// temporary file in `scratch_dir` (the tar needs each size up front, and age's header has a
/// random length), then copied into the tar; memory use does not depend on file sizes.
/// An item whose bytes do not match its recorded hash or size aborts the export.
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
    let exported_at_ms = now_ms();
    let mtime = (exported_at_ms / 1000).max(0) as u64;
    let mut tar = tar::Builder::new(out);
    let mut manifest_items = Vec::with_capacity(items.len());
    for item in items {
        let file = format!("files/{}.age", item.name);
        let mut spool =
            tempfile::tempfile_in(scratch_dir).map_err(|e| VaultError::io(scratch_dir, e))?;
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&age_recipient as &dyn age::Recipient))
                .map_err(|e| VaultError::Age {
                    what: "recipient",
                    reason: e.to_string(),
                })?;
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
        let mut header = tar_header(len, mtime);
        tar.append_data(&mut header, &file, &mut spool)
            .map_err(VaultError::Stream)?;
        manifest_items.push(ManifestItem {
            name: item.name,
            file,
            sha256: actual,
            size: source.size,
            created_at_ms: item.created_at_ms,
        });
    }

    let manifest = Manifest {
        format: FORMAT.into(),
        case_id: case.case_id.into(),
        exported_at_ms,
        server_public_key: server_key.public().to_hex(),
        recipient: recipient.trim().into(),
        items: manifest_items,
        custody_entries: case.custody.len(),
        custody_head_seq: case.head.seq,
        custody_head_hash: case.head.hash.clone(),
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| VaultError::Stream(io::Error::other(e)))?;
    manifest_json.push(b'\n');
    let signature = format!("{}\n", hex::encode(server_key.sign(&manifest_json)));
    let sums: String = manifest
        .items
        .iter()
        .map(|i| format!("{}  files/{}\n", i.sha256, i.name))
        .collect();
    let custody: String = case
        .custody
        .iter()
        .map(|e| e.to_json_line() + "\n")
        .collect();
    let head = serde_json::to_vec_pretty(case.head)
        .map_err(|e| VaultError::Stream(io::Error::other(e)))?;

    append_bytes(&mut tar, "SHA256SUMS", sums.as_bytes(), mtime)?;
    append_bytes(&mut tar, "manifest.json", &manifest_json, mtime)?;
    append_bytes(&mut tar, "manifest.sig", signature.as_bytes(), mtime)?;
    append_bytes(&mut tar, "custody.jsonl", custody.as_bytes(), mtime)?;
    append_bytes(&mut tar, "custody-head.json", &head, mtime)?;
    append_bytes(
        &mut tar,
        "server-ed25519.pub",
        server_key.public().to_text().as_bytes(),
        mtime,
    )?;
    append_bytes(&mut tar, "README.txt", readme(&manifest).as_bytes(), mtime)?;
    tar.into_inner()
        .and_then(|mut w| w.flush())
        .map_err(VaultError::Stream)?;
    Ok(manifest)
}

fn readme(manifest: &Manifest) -> String {
    format!(
        "Spona evidence export\n\
         =====================\n\n\
         Case: {case}\n\
         Items: {n}\n\
         Server signing key (Ed25519, hex): {key}\n\
         Encrypted to age recipient: {recipient}\n\n\
         To check the files offline (tools: age or rage, sha256sum):\n\n\
         \x20 tar -xf bundle.tar\n\
         \x20 for f in files/*.age; do age -d -i key.txt \"$f\" > \"${{f%.age}}\"; done\n\
         \x20 sha256sum -c SHA256SUMS\n\n\
         (One file: age -d -i key.txt files/NAME.age > files/NAME . Prefer the redirection to\n\
         `-o`: age does not create an output file for an empty original.)\n\n\
         key.txt is the age identity (AGE-SECRET-KEY-1...) of the recipient above.\n\n\
         manifest.json lists every file with its SHA-256 and size; manifest.sig is the\n\
         Ed25519 signature (hex) of manifest.json by the server key in server-ed25519.pub.\n\
         custody.jsonl is the chain of custody of the case: each entry carries the hash of\n\
         the previous one; custody-head.json is the last entry's hash signed by the server.\n\
         `spona verify-bundle` checks all of this, including the custody chain.\n",
        case = manifest.case_id,
        n = manifest.items.len(),
        key = manifest.server_public_key,
        recipient = manifest.recipient,
    )
}

/// The outcome of [`verify_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleReport {
    pub manifest: Option<Manifest>,
    pub manifest_signature_valid: bool,
    pub custody: Option<ChainReport>,
    /// Files decrypted and checked against their hash (0 without an identity).
    pub files_checked: usize,
    /// Everything found wrong, in words.
    pub problems: Vec<String>,
}

impl BundleReport {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
            && self.manifest_signature_valid
            && self.custody.as_ref().is_some_and(ChainReport::is_intact)
    }
}

/// Checks a bundle: the manifest signature (against `trusted_key`, or else the key in the
/// bundle — then only self-consistency is shown), the custody chain and signed head,
/// `SHA256SUMS` against the manifest, that exactly the listed files are present, and — given
/// the recipient's age identity (`AGE-SECRET-KEY-1…`) — that each file decrypts to its hash.
pub fn verify_bundle<R: Read>(
    reader: R,
    identity: Option<&str>,
    trusted_key: Option<&ServerPublicKey>,
) -> Result<BundleReport> {
    let identity = identity
        .map(|text| {
            age::x25519::Identity::from_str(text.trim()).map_err(|e| VaultError::Age {
                what: "identity",
                reason: e.to_string(),
            })
        })
        .transpose()?;
    let mut problems = Vec::new();
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // file path -> (sha256, size) of the decrypted content, or None when not decrypted
    let mut files: BTreeMap<String, Option<(String, u64)>> = BTreeMap::new();

    let mut archive = tar::Archive::new(reader);
    for entry in archive.entries().map_err(VaultError::Stream)? {
        let mut entry = entry.map_err(VaultError::Stream)?;
        let path = entry
            .path()
            .map_err(VaultError::Stream)?
            .to_string_lossy()
            .into_owned();
        if let Some(name) = path
            .strip_prefix("files/")
            .and_then(|p| p.strip_suffix(".age"))
        {
            if validate_name(name).is_err() {
                problems.push(format!("unsafe file name in bundle: {path:?}"));
                continue;
            }
            let checked = match &identity {
                None => None,
                Some(identity) => match decrypt_and_hash(&mut entry, identity) {
                    Ok(found) => Some(found),
                    Err(e) => {
                        problems.push(format!("{path}: cannot be decrypted: {e}"));
                        None
                    }
                },
            };
            files.insert(format!("files/{name}"), checked);
        } else if entry.size() <= MAX_METADATA {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(VaultError::Stream)?;
            texts.insert(path, bytes);
        } else {
            problems.push(format!("unexpected large entry {path:?}"));
        }
    }

    let manifest_bytes = texts.get("manifest.json").cloned().unwrap_or_default();
    let manifest: Option<Manifest> = match serde_json::from_slice(&manifest_bytes) {
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(format!("manifest.json is missing or unreadable: {e}"));
            None
        }
    };
    let text = |name: &str| {
        String::from_utf8_lossy(texts.get(name).map(Vec::as_slice).unwrap_or_default()).into_owned()
    };

    let bundled_key = ServerPublicKey::from_text(&text("server-ed25519.pub")).ok();
    let key = match (trusted_key, bundled_key) {
        (Some(trusted), Some(bundled)) if trusted != &bundled => {
            problems.push("server-ed25519.pub is not the trusted server key".into());
            Some(*trusted)
        }
        (Some(trusted), _) => Some(*trusted),
        (None, Some(bundled)) => Some(bundled),
        (None, None) => {
            problems.push("server-ed25519.pub is missing or unreadable".into());
            None
        }
    };
    let manifest_signature_valid =
        key.is_some_and(|k| k.verify(&manifest_bytes, &text("manifest.sig")));
    if !manifest_signature_valid {
        problems.push("manifest.sig is not a valid signature of manifest.json".into());
    }

    let mut custody_report = None;
    if let (Some(manifest), Some(key)) = (&manifest, &key) {
        if manifest.server_public_key != key.to_hex() {
            problems.push("manifest names another server key".into());
        }
        let mut entries = Vec::new();
        for (n, line) in text("custody.jsonl")
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            match serde_json::from_str::<CustodyEntry>(line) {
                Ok(e) => entries.push(e),
                Err(e) => problems.push(format!("custody.jsonl line {}: {e}", n + 1)),
            }
        }
        let head: Option<SignedHead> = serde_json::from_str(&text("custody-head.json")).ok();
        if head.is_none() {
            problems.push("custody-head.json is missing or unreadable".into());
        }
        if let Some(head) = &head
            && (head.seq != manifest.custody_head_seq || head.hash != manifest.custody_head_hash)
        {
            problems.push("custody-head.json differs from the head named in the manifest".into());
        }
        custody_report = Some(verify_chain(
            &manifest.case_id,
            &entries,
            head.as_ref(),
            key,
        ));

        // SHA256SUMS must list exactly the manifest's items.
        let expected: BTreeSet<String> = manifest
            .items
            .iter()
            .map(|i| format!("{}  files/{}", i.sha256, i.name))
            .collect();
        let listed: BTreeSet<String> = text("SHA256SUMS").lines().map(str::to_string).collect();
        if expected != listed {
            problems.push("SHA256SUMS does not match the manifest".into());
        }
        let mut files_checked = 0;
        for item in &manifest.items {
            let path = format!("files/{}", item.name);
            match files.remove(&path) {
                None => problems.push(format!("{path}.age is missing")),
                Some(None) => {}
                Some(Some((sha, size))) => {
                    files_checked += 1;
                    if sha != item.sha256 {
                        problems.push(format!(
                            "{path}: SHA-256 is {sha}, the manifest says {}",
                            item.sha256
                        ));
                    }
                    if size != item.size {
                        problems.push(format!(
                            "{path}: {size} bytes, the manifest says {}",
                            item.size
                        ));
                    }
                }
            }
        }
        for extra in files.keys() {
            problems.push(format!("{extra}.age is not in the manifest"));
        }
        return Ok(BundleReport {
            manifest: Some(manifest.clone()),
            manifest_signature_valid,
            custody: custody_report,
            files_checked,
            problems,
        });
    }
    Ok(BundleReport {
        manifest,
        manifest_signature_valid,
        custody: custody_report,
        files_checked: 0,
        problems,
    })
}

fn decrypt_and_hash<R: Read>(
    input: R,
    identity: &age::x25519::Identity,
) -> io::Result<(String, u64)> {
    let decryptor = age::Decryptor::new(input).map_err(io::Error::other)?;
    let reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(io::Error::other)?;
    let mut hashing = HashingReader {
        inner: reader,
        hasher: Sha256::new(),
        size: 0,
    };
    io::copy(&mut hashing, &mut io::sink())?;
    Ok((hex::encode(hashing.hasher.finalize()), hashing.size))
}
