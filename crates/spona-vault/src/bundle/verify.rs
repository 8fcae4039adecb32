//! Checking a bundle as a prosecutor's tool would: signature, members, custody extract and,
//! with the recipient's identity, every file against its hash.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, Read};
use std::str::FromStr;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{AGE_MAGIC, FORMAT, HashingReader, MAX_METADATA, Manifest, UNLISTED, fingerprint};
use crate::custody::{ChainReport, CustodyEntry, CustodyLink, verify_extract};
use crate::error::{Result, VaultError};
use crate::signing::{ServerPublicKey, SignedHead};

/// The outcome of [`verify_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleReport {
    pub manifest: Option<Manifest>,
    /// The key the manifest signature was checked with (hex).
    pub signer: Option<String>,
    /// The signer is the trusted key given by the caller (or its successor through key
    /// changes the custody extract records), not merely the one in the bundle.
    pub key_pinned: bool,
    /// From the trusted key to the signer (hex), when recorded key changes were followed.
    pub key_path: Vec<String>,
    pub manifest_signature_valid: bool,
    pub custody: Option<ChainReport>,
    /// Members found with the SHA-256 and size the signed manifest gives them.
    pub members_checked: usize,
    /// Files decrypted and checked against their hash (0 without an identity).
    pub files_checked: usize,
    /// Everything found wrong, in words.
    pub problems: Vec<String>,
}

impl BundleReport {
    /// Nothing found wrong: the signature verifies (with the trusted key, or else the one
    /// in the bundle), every member is the signed one, and the custody extract links to the
    /// signed head.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
            && self.manifest_signature_valid
            && self.custody.as_ref().is_some_and(ChainReport::is_intact)
    }

    /// Valid, signed by the trusted key, and every original decrypted and checked.
    pub fn is_intact(&self) -> bool {
        self.is_valid()
            && self.key_pinned
            && self
                .manifest
                .as_ref()
                .is_some_and(|m| m.items.len() == self.files_checked)
    }
}

/// Checks a bundle: the manifest signature (against `trusted_key`, or else the key in the
/// bundle — then only self-consistency is shown, and [`BundleReport::key_pinned`] is false),
/// that the tar holds exactly the members the manifest lists, each once and with its signed
/// SHA-256, the custody extract and signed head, `SHA256SUMS` against the manifest, and —
/// given the recipient's age identity (`AGE-SECRET-KEY-1…`) — that each file decrypts to its
/// hash. An age-encrypted bundle needs the identity; a tar decrypted beforehand does not.
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
    let mut reader = io::BufReader::with_capacity(64 * 1024, reader);
    let encrypted = reader
        .fill_buf()
        .map_err(VaultError::Stream)?
        .starts_with(AGE_MAGIC);
    let inner: Box<dyn Read + '_> = if encrypted {
        let Some(identity) = &identity else {
            return Err(VaultError::Age {
                what: "bundle",
                reason: "the bundle is encrypted to its recipient: give the recipient's identity"
                    .into(),
            });
        };
        let decryptor = age::Decryptor::new(reader).map_err(|e| VaultError::Age {
            what: "bundle",
            reason: e.to_string(),
        })?;
        Box::new(
            decryptor
                .decrypt(std::iter::once(identity as &dyn age::Identity))
                .map_err(|e| VaultError::Age {
                    what: "bundle",
                    reason: e.to_string(),
                })?,
        )
    } else {
        Box::new(reader)
    };

    let mut problems = Vec::new();
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // path -> (sha256, size) of the member's bytes as found
    let mut found: BTreeMap<String, (String, u64)> = BTreeMap::new();
    // file path -> (sha256, size) of the decrypted content, or None when not decrypted
    let mut files: BTreeMap<String, Option<(String, u64)>> = BTreeMap::new();

    let mut archive = tar::Archive::new(inner);
    for entry in archive.entries().map_err(VaultError::Stream)? {
        let entry = entry.map_err(VaultError::Stream)?;
        let path = entry
            .path()
            .map_err(VaultError::Stream)?
            .to_string_lossy()
            .into_owned();
        if entry.header().entry_type() != tar::EntryType::Regular {
            problems.push(format!(
                "{path:?} is not a regular file ({:?})",
                entry.header().entry_type()
            ));
            continue;
        }
        if found.contains_key(&path) {
            problems.push(format!(
                "{path:?} appears more than once in the bundle (tools disagree on which copy counts)"
            ));
            continue;
        }
        let size = entry.size();
        let mut hashing = HashingReader {
            inner: entry,
            hasher: Sha256::new(),
            size: 0,
        };
        let file_name = path
            .strip_prefix("files/")
            .and_then(|p| p.strip_suffix(".age"))
            .map(str::to_owned);
        if let Some(name) = file_name {
            let checked = match &identity {
                None => None,
                Some(identity) => match decrypt_and_hash(&mut hashing, identity) {
                    Ok(found) => Some(found),
                    Err(e) => {
                        problems.push(format!("{path}: cannot be decrypted: {e}"));
                        None
                    }
                },
            };
            files.insert(format!("files/{name}"), checked);
        } else if size <= MAX_METADATA {
            let mut bytes = Vec::new();
            hashing
                .read_to_end(&mut bytes)
                .map_err(VaultError::Stream)?;
            texts.insert(path.clone(), bytes);
        }
        io::copy(&mut hashing, &mut io::sink()).map_err(VaultError::Stream)?;
        found.insert(path, (hex::encode(hashing.hasher.finalize()), hashing.size));
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
    let key_path = match (trusted_key, bundled_key) {
        (Some(t), Some(b)) if t != &b => crate::rotation::path_to(t, &b, &text("custody.jsonl")),
        _ => None,
    };
    let key = match (trusted_key, bundled_key) {
        (Some(_), Some(bundled)) if key_path.is_some() => Some(bundled),
        (Some(trusted), Some(bundled)) if trusted != &bundled => {
            problems.push(format!(
                "server-ed25519.pub holds {}, not the trusted server key",
                fingerprint(&bundled)
            ));
            Some(*trusted)
        }
        (Some(trusted), _) => Some(*trusted),
        (None, Some(bundled)) => Some(bundled),
        (None, None) => {
            problems.push("server-ed25519.pub is missing or unreadable".into());
            None
        }
    };
    // Exactly as written: 128 hex digits and a newline.
    let signature = text("manifest.sig");
    let manifest_signature_valid = signature.len() == 129
        && signature.ends_with('\n')
        && key.is_some_and(|k| k.verify(&manifest_bytes, &signature));
    if !manifest_signature_valid {
        problems.push(match trusted_key {
            Some(_) => {
                "manifest.sig is not a signature of manifest.json by the trusted server key".into()
            }
            None => "manifest.sig is not a valid signature of manifest.json".into(),
        });
    }
    let mut report = BundleReport {
        manifest: manifest.clone(),
        signer: key.map(|k| k.to_hex()),
        key_pinned: trusted_key.is_some(),
        key_path: key_path.unwrap_or_default(),
        manifest_signature_valid,
        custody: None,
        members_checked: 0,
        files_checked: 0,
        problems: Vec::new(),
    };
    let (Some(manifest), Some(key)) = (manifest, key) else {
        report.problems = problems;
        return Ok(report);
    };
    if manifest.format != FORMAT {
        problems.push(format!(
            "manifest.json has format {:?}, expected {FORMAT:?}",
            manifest.format
        ));
    }
    if manifest.server_public_key != key.to_hex() {
        problems.push("manifest.json names another server key".into());
    }

    // Exactly the signed members, each with its signed hash.
    let mut listed = BTreeSet::new();
    for member in &manifest.members {
        if UNLISTED.contains(&member.path.as_str()) || !listed.insert(member.path.as_str()) {
            problems.push(format!(
                "manifest.json lists {:?} where it cannot",
                member.path
            ));
            continue;
        }
        match found.get(&member.path) {
            None => problems.push(format!("{} is missing", member.path)),
            Some((sha, size)) if *sha != member.sha256 || *size != member.size => {
                problems.push(format!(
                    "{} was changed: its SHA-256 is {sha} ({size} bytes), the signed manifest says {} ({} bytes)",
                    member.path, member.sha256, member.size
                ))
            }
            Some(_) => report.members_checked += 1,
        }
    }
    for path in found.keys() {
        if !listed.contains(path.as_str()) && !UNLISTED.contains(&path.as_str()) {
            problems.push(format!("{path} is not in the signed manifest"));
        }
    }
    for name in UNLISTED {
        if !found.contains_key(name) {
            problems.push(format!("{name} is missing"));
        }
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
    let mut links = Vec::new();
    for (n, line) in text("custody-links.jsonl")
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str::<CustodyLink>(line) {
            Ok(e) => links.push(e),
            Err(e) => problems.push(format!("custody-links.jsonl line {}: {e}", n + 1)),
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
    if let Some(head) = &head
        && head.public_key != key.to_hex()
    {
        problems.push("custody-head.json names another signing key".into());
    }
    let custody = verify_extract(&manifest.case_id, &links, &entries, head.as_ref(), &key);
    for p in &custody.problems {
        problems.push(format!("custody: {p}"));
    }
    report.custody = Some(custody);

    // SHA256SUMS must list exactly the manifest's items.
    let expected: BTreeSet<String> = manifest
        .items
        .iter()
        .map(|i| format!("{}  files/{}", i.sha256, i.name))
        .collect();
    let sums: BTreeSet<String> = text("SHA256SUMS").lines().map(str::to_string).collect();
    if expected != sums {
        problems.push("SHA256SUMS does not match the manifest".into());
    }
    for item in &manifest.items {
        let path = format!("files/{}", item.name);
        if item.file != format!("{path}.age") {
            problems.push(format!(
                "manifest.json gives item {:?} the file {:?}",
                item.name, item.file
            ));
        }
        match files.remove(&path) {
            None => {
                if !problems
                    .iter()
                    .any(|p| p.starts_with(&format!("{path}.age")))
                {
                    problems.push(format!("{path}.age is missing"));
                }
            }
            Some(None) => {}
            Some(Some((sha, size))) => {
                report.files_checked += 1;
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
        if !problems
            .iter()
            .any(|p| p.starts_with(&format!("{extra}.age")))
        {
            problems.push(format!("{extra}.age is not in the manifest"));
        }
    }
    report.problems = problems;
    Ok(report)
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
