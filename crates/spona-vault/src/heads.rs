//! A record of every custody head, kept outside the database (`vault/heads.log` in the data
//! directory): one JSON line per appended entry, each signed by the server key and carrying
//! the SHA-256 of the line before. Whoever rewrites the database — rolls a case back to an
//! older signed head, or deletes a whole case — cannot make this file agree without the
//! server key; `spona custody verify` compares the two.
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
}

impl HeadsLog {
    /// Opens (or starts) the record at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let mut last = (0u64, GENESIS_HASH.to_owned());
        match std::fs::File::open(path) {
            Ok(f) => {
                for line in std::io::BufReader::new(f).lines() {
                    let line = line.map_err(|e| VaultError::io(path, e))?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let n = serde_json::from_str::<HeadRecord>(&line)
                        .map(|r| r.n + 1)
                        .unwrap_or(last.0 + 1);
                    last = (n, line_hash(&line));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(VaultError::io(path, e)),
        }
        Ok(HeadsLog {
            path: path.to_owned(),
            last: Mutex::new(last),
        })
    }

    /// Appends the new head of a case, signed, and syncs the file.
    pub fn record(&self, key: &ServerKey, case_id: &str, seq: u64, hash: &str) -> Result<()> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let (n, prev) = (last.0, last.1.clone());
        let record = HeadRecord {
            n,
            case_id: case_id.to_owned(),
            seq,
            hash: hash.to_owned(),
            signature: hex::encode(key.sign(&message(n, case_id, seq, hash, &prev))),
            prev,
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

/// Reads the record at `path`, checking each line's signature and link. A missing file
/// gives `Ok(None)`.
pub fn read_heads(path: &Path, key: &ServerPublicKey) -> Result<Option<RecordedHeads>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(VaultError::io(path, e)),
    };
    let mut out = RecordedHeads::default();
    let mut prev = GENESIS_HASH.to_owned();
    let mut expected_n = 0u64;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| VaultError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let number = i + 1;
        out.lines += 1;
        match serde_json::from_str::<HeadRecord>(&line) {
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
                    out.heads
                        .entry(r.case_id.clone())
                        .or_default()
                        .push((r.seq, r.hash.clone()));
                }
                expected_n = r.n + 1;
            }
        }
        prev = line_hash(&line);
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
}
