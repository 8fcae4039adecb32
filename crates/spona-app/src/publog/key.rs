//! The log's signing key: an Ed25519 seed file kept like the vault's server key
//! (`log-ed25519.key` beside it, 64 hex digits, mode 0600), and the note name (the origin,
//! e.g. `spona.example/log`) it signs checkpoints under. A key of its own: a checkpoint
//! signature can never be mistaken for a custody head or a manifest.

use std::path::Path;

use spona_tlog::note::NoteError;
use spona_tlog::{Checkpoint, VerifierKey};
use spona_vault::ServerKey;

/// File name of the log key in the vault directory.
pub const FILE: &str = "log-ed25519.key";

pub struct LogKey {
    key: std::sync::Arc<ServerKey>,
    verifier: VerifierKey,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogKey")
            .field("verifier", &self.verifier.to_string())
            .finish_non_exhaustive()
    }
}

/// The checkpoint origin of a deployment at `public_url`: host, port and path, `/log`.
pub fn origin_of(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let rest = rest.trim_end_matches('/');
    let rest: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '+')
        .collect();
    format!("{}/log", if rest.is_empty() { "spona" } else { &rest })
}

impl LogKey {
    /// Loads `dir/log-ed25519.key`, creating it (mode 0600) when missing.
    pub fn load_or_create(dir: &Path, origin: &str) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let key = ServerKey::load_or_create(&dir.join(FILE))
            .map_err(|e| anyhow::anyhow!("log key {}: {e}", dir.join(FILE).display()))?;
        Self::from_key(key, origin)
    }

    pub fn from_key(key: ServerKey, origin: &str) -> anyhow::Result<Self> {
        let mut public = [0u8; 32];
        hex::decode_to_slice(key.public().to_hex(), &mut public)?;
        let verifier = VerifierKey::new(origin, public)?;
        Ok(LogKey {
            key: std::sync::Arc::new(key),
            verifier,
        })
    }

    /// The same key under another note name (the custody tree's checkpoints sign as
    /// `<host>/custody`).
    pub fn named(&self, origin: &str) -> anyhow::Result<Self> {
        let verifier = VerifierKey::new(origin, *self.verifier.public())?;
        Ok(LogKey {
            key: self.key.clone(),
            verifier,
        })
    }

    /// The note verifier key witnesses pin (`origin+hash+base64`).
    pub fn verifier(&self) -> &VerifierKey {
        &self.verifier
    }

    pub fn origin(&self) -> &str {
        self.verifier.name()
    }

    pub fn sign(&self, checkpoint: &Checkpoint) -> Result<String, NoteError> {
        checkpoint.sign(&self.verifier, |m| self.key.sign(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_note_names() {
        assert_eq!(origin_of("https://spona.example/"), "spona.example/log");
        assert_eq!(origin_of("http://127.0.0.1:8080"), "127.0.0.1:8080/log");
        let key = LogKey::from_key(ServerKey::generate(), "spona.example/log").expect("key");
        let cp = Checkpoint {
            origin: "spona.example/log".into(),
            size: 3,
            root: [1; 32],
            extensions: vec![],
        };
        let note = key.sign(&cp).expect("signs");
        assert_eq!(Checkpoint::open(&note, key.verifier()).expect("opens"), cp);
    }
}
