//! A log entry and the canonical bytes its leaf hashes.

use crate::merkle::{Hash, leaf_hash};

/// One published change: `kind` and `object` name the object (e.g. `org`, its slug),
/// `version` is the hex SHA-256 of what was published, `action` what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub seq: u64,
    /// RFC 3339 UTC.
    pub time: String,
    pub kind: String,
    pub object: String,
    pub action: String,
    pub version: String,
}

impl Entry {
    /// `spona-log-entry/v1` and the fields, one per line (a newline inside a field is
    /// written as a space: the fields are ids, kinds and hashes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let clean = |s: &str| s.replace(['\n', '\r'], " ");
        format!(
            "spona-log-entry/v1\n{}\n{}\n{}\n{}\n{}\n{}\n",
            self.seq,
            clean(&self.time),
            clean(&self.kind),
            clean(&self.object),
            clean(&self.action),
            clean(&self.version)
        )
        .into_bytes()
    }

    pub fn leaf_hash(&self) -> Hash {
        leaf_hash(&self.to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_changes_the_leaf() {
        let e = Entry {
            seq: 7,
            time: "2026-01-01T00:00:00Z".into(),
            kind: "org".into(),
            object: "mreza".into(),
            action: "published".into(),
            version: "ab".into(),
        };
        let base = e.leaf_hash();
        for f in 0..6 {
            let mut o = e.clone();
            match f {
                0 => o.seq = 8,
                1 => o.time.push('x'),
                2 => o.kind.push('x'),
                3 => o.object.push('x'),
                4 => o.action.push('x'),
                _ => o.version.push('x'),
            }
            assert_ne!(o.leaf_hash(), base, "field {f}");
        }
    }
}
