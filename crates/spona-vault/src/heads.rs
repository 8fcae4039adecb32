//! A record of every custody head, kept outside the database (`vault/heads.log` in the data
//! directory): one JSON line per appended entry, each signed by the server key and carrying
//! the SHA-256 of the line before. Whoever rewrites the database — rolls a case back to an
//! older signed head, or deletes a whole case — cannot make this file agree without the
//! server key; `spona custody verify` compares the two.
//!
//! A change of the signing key is a line of its own (`key_change`, its `hash` the new key),
//! signed by the old key; the lines after it are signed by the new one. [`read_heads`]
//! follows such lines from a trusted key either way (see [`crate::rotation`]).
//!
//! Limit: removing lines from the end of the file is not detectable from the file alone
//! (the checkpoints of a public log will close that); removing or editing any other line is.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::custody::GENESIS_HASH;
use crate::error::{Result, VaultError};
use crate::rotation::{KeyChange, KeyTrust};
use crate::signing::{ServerKey, ServerPublicKey};

/// One line of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadRecord {
    /// 0 for the first line, then +1.
    pub n: u64,
    pub case_id: String,
    pub seq: u64,
    pub hash: String,
    /// SHA-256 (hex) of the previous line's bytes; zeros for the first.
    pub prev: String,
    /// Ed25519 (hex) over [`message`].
    pub signature: String,
    /// On a key-change line: the change, signed by both keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_change: Option<KeyChange>,
}

fn message(n: u64, case_id: &str, seq: u64, hash: &str, prev: &str) -> Vec<u8> {
    let mut m = Vec::new();
    for s in ["spona-heads-v1", case_id, hash, prev] {
        m.extend_from_slice(&(s.len() as u64).to_be_bytes());
        m.extend_from_slice(s.as_bytes());
    }
    m.extend_from_slice(&n.to_be_bytes());
    m.extend_from_slice(&seq.to_be_bytes());
    m
}

fn line_hash(line: &str) -> String {
    hex::encode(Sha256::digest(line.as_bytes()))
}

/// The open record: appends one signed line per head.
#[derive(Debug)]
pub struct HeadsLog {
    path: PathBuf,
    /// (next n, hash of the last line)
    last: Mutex<(u64, String)>,
    /// The new key (hex) of the last key-change line, if any.
    last_change: Option<String>,
}

impl HeadsLog {
    /// Opens (or starts) the record at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let mut last = (0u64, GENESIS_HASH.to_owned());
        let mut last_change = None;
        match std::fs::File::open(path) {
            Ok(f) => {
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| VaultError::io(path, e))?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let record = serde_json::from_str::<HeadRecord>(&line).ok();
                    let n = record.as_ref().map_or(last.0 + 1, |r| r.n + 1);
                    if let Some(c) = record.and_then(|r| r.key_change) {
                        last_change = Some(c.new);
                    }
                    last = (n, line_hash(&line));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(VaultError::io(path, e)),
        }
        Ok(HeadsLog {
            path: path.to_owned(),
            last: Mutex::new(last),
            last_change,
        })
    }

    /// The new key (hex) named by the last key-change line when the record was opened.
    pub fn last_key_change(&self) -> Option<&str> {
        self.last_change.as_deref()
    }

    /// Appends the new head of a case, signed, and syncs the file.
    pub fn record(&self, key: &ServerKey, case_id: &str, seq: u64, hash: &str) -> Result<()> {
        self.append(key, case_id, seq, hash, None)
    }

    /// Appends a key-change line signed by the old key; later lines are signed by the new.
    pub fn record_key_change(&self, old: &ServerKey, change: &KeyChange) -> Result<()> {
        self.append(old, "", 0, &change.new, Some(change.clone()))
    }

    fn append(
        &self,
        key: &ServerKey,
        case_id: &str,
        seq: u64,
        hash: &str,
        key_change: Option<KeyChange>,
    ) -> Result<()> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let (n, prev) = (last.0, last.1.clone());
        let record = HeadRecord {
            n,
            case_id: case_id.to_owned(),
            seq,
            hash: hash.to_owned(),
            signature: hex::encode(key.sign(&message(n, case_id, seq, hash, &prev))),
            prev,
            key_change,
        };
        let line = serde_json::to_string(&record).map_err(|e| VaultError::Malformed {
            what: "heads record",
            reason: e.to_string(),
        })?;
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&self.path)
            .map_err(|e| VaultError::io(&self.path, e))?;
        file.write_all(format!("{line}\n").as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(|e| VaultError::io(&self.path, e))?;
        *last = (n + 1, line_hash(&line));
        Ok(())
    }
}

/// The record read back and checked: the latest head recorded per case, and what is wrong
/// with the file itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedHeads {
    /// Every (seq, hash) recorded per case, in order.
    pub heads: std::collections::BTreeMap<String, Vec<(u64, String)>>,
    pub lines: usize,
    pub problems: Vec<String>,
}

/// Reads the record at `path`, checking each line's signature and link. Lines are checked
/// with the key of their segment: the first key-change line's old key before it (when the
/// trusted key is connected to it by the record's changes), each change's new key after it;
/// otherwise with `trusted`. A missing file gives `Ok(None)`.
pub fn read_heads(path: &Path, trusted: &ServerPublicKey) -> Result<Option<RecordedHeads>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(VaultError::io(path, e)),
    };
    let changes: Vec<KeyChange> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<HeadRecord>(l).ok()?.key_change)
        .collect();
    let line_of_keys = KeyTrust::new(*trusted, changes.clone()).line();
    let mut key = changes
        .first()
        .and_then(KeyChange::old_key)
        .filter(|k| line_of_keys.contains(k))
        .unwrap_or(*trusted);
    let mut out = RecordedHeads::default();
    let mut prev = GENESIS_HASH.to_owned();
    let mut expected_n = 0u64;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = i + 1;
        out.lines += 1;
        match serde_json::from_str::<HeadRecord>(line) {
            Err(e) => out
                .problems
                .push(format!("heads record line {number} is unreadable: {e}")),
            Ok(r) => {
                if !key.verify(
                    &message(r.n, &r.case_id, r.seq, &r.hash, &r.prev),
                    &r.signature,
                ) {
                    out.problems.push(format!(
                        "heads record line {number}: the signature is not the server's"
                    ));
                } else {
                    if r.n != expected_n || r.prev != prev {
                        out.problems.push(format!(
                            "heads record line {number}: lines before it were removed or changed"
                        ));
                    }
                    if let Some(c) = &r.key_change {
                        match c.new_key().filter(|k| c.is_valid() && line_of_keys.contains(k)) {
                            Some(new) => key = new,
                            None => out.problems.push(format!(
                                "heads record line {number}: a change of the signing key not signed by both keys"
                            )),
                        }
                        expected_n = r.n + 1;
                        prev = line_hash(line);
                        continue;
                    }
                    out.heads
                        .entry(r.case_id.clone())
                        .or_default()
                        .push((r.seq, r.hash.clone()));
                }
                expected_n = r.n + 1;
            }
        }
        prev = line_hash(line);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_edits_show() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("heads.log");
        let key = ServerKey::generate();
        let log = HeadsLog::open(&path).expect("open");
        log.record(&key, "a", 0, "h0").expect("record");
        log.record(&key, "b", 0, "g0").expect("record");
        // Reopened: numbering and links continue.
        let log = HeadsLog::open(&path).expect("open");
        log.record(&key, "a", 1, "h1").expect("record");
        let read = read_heads(&path, &key.public())
            .expect("read")
            .expect("some");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(
            read.heads["a"],
            vec![(0, "h0".to_owned()), (1, "h1".to_owned())]
        );
        // A middle line removed.
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        std::fs::write(&path, format!("{}\n{}\n", lines[0], lines[2])).expect("write");
        let read = read_heads(&path, &key.public())
            .expect("read")
            .expect("some");
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        // A line forged with another key.
        let other = ServerKey::generate();
        let forged = HeadsLog::open(&path).expect("open");
        forged.record(&other, "a", 0, "x").expect("record");
        let read = read_heads(&path, &key.public())
            .expect("read")
            .expect("some");
        assert!(
            read.problems.iter().any(|p| p.contains("not the server's")),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn a_key_change_line_is_followed_from_either_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("heads.log");
        let (old, new) = (ServerKey::generate(), ServerKey::generate());
        let log = HeadsLog::open(&path).expect("open");
        log.record(&old, "a", 0, "h0").expect("record");
        let change = KeyChange::sign(&old, &new, 5);
        log.record_key_change(&old, &change).expect("change");
        log.record(&new, "a", 1, "h1").expect("record");
        assert_eq!(
            HeadsLog::open(&path).expect("open").last_key_change(),
            Some(change.new.as_str())
        );
        for trusted in [old.public(), new.public()] {
            let read = read_heads(&path, &trusted).expect("read").expect("some");
            assert!(read.problems.is_empty(), "{:?}", read.problems);
            assert_eq!(read.heads["a"].len(), 2);
        }
        // A key no change names sees every line as foreign.
        let read = read_heads(&path, &ServerKey::generate().public())
            .expect("read")
            .expect("some");
        assert_eq!(read.problems.len(), 3, "{:?}", read.problems);
    }
}
