//! The vault at run time: its key, the server's signing key and the blob store, opened at
//! start. A missing or wrong vault key closes the vault — its pages answer 503 with the
//! reason — while the rest of the platform runs.
//!
//! Keys live in `DATA_DIR/vault/` (or the operator's `--vault-key-file`), never in the
//! database: `vault.key` (created on first start, mode 0600), `server-ed25519.key`, and
//! `key-check`, a value sealed with the vault key that tells a wrong key from a right one.

use std::path::{Path, PathBuf};

use spona_store::vault::{self as records, Case};
use spona_vault::{
    BlobStore, ChainReport, CustodyEntry, KeyTrust, NewEntry, SealedField, ServerKey, SignedHead,
    VaultKey, verify_chain_across,
};
use zeroize::Zeroizing;

use crate::{Error, Result};

const KEY_CHECK_OWNER: &str = "key-check";
const KEY_CHECK_TEXT: &str = "spona vault key check";
/// The record of every custody head, in the vault directory.
pub const HEADS_FILE: &str = "heads.log";
/// The signing key file, in the vault directory.
pub const SIGNING_KEY_FILE: &str = "server-ed25519.key";
/// The new signing key while `spona vault rotate-signing-key` runs; left behind only by an
/// interrupted rotation, which the same command finishes.
pub const ROTATING_SIGNING_KEY_FILE: &str = "server-ed25519.key.rotating";

/// The open vault.
pub struct Vault {
    key: VaultKey,
    server: std::sync::Arc<ServerKey>,
    pub blobs: BlobStore,
    dir: PathBuf,
    /// Every custody head, signed, outside the database (`heads.log`).
    heads: spona_vault::HeadsLog,
}

/// Whether the vault could be opened, and if not, why (shown to its users and operators).
pub enum VaultState {
    Open(Box<Vault>),
    Closed(String),
}

impl VaultState {
    /// Opens the vault for a command that only uses it: a missing key is an error, never
    /// created.
    pub fn open(dir: &Path, key_file: Option<&Path>) -> VaultState {
        Self::opened(Vault::open(dir, key_file, None))
    }

    /// Opens the vault knowing what the database holds: no key is created while vault data
    /// sealed or signed with the old one exists.
    pub fn open_with(
        dir: &Path,
        key_file: Option<&Path>,
        facts: &spona_store::VaultFacts,
    ) -> VaultState {
        Self::opened(Vault::open(dir, key_file, Some(facts)))
    }

    fn opened(result: std::result::Result<Vault, String>) -> VaultState {
        match result {
            Ok(v) => VaultState::Open(Box::new(v)),
            Err(reason) => {
                tracing::error!(reason = %reason, "the vault is closed");
                VaultState::Closed(reason)
            }
        }
    }

    /// The open vault, or [`Error::Unavailable`] (the pages answer 503; the reason is
    /// logged at start).
    pub fn get(&self) -> Result<&Vault> {
        match self {
            VaultState::Open(v) => Ok(v),
            VaultState::Closed(_) => Err(Error::Unavailable("err-vault-closed")),
        }
    }
}

impl Vault {
    fn open(
        dir: &Path,
        key_file: Option<&Path>,
        facts: Option<&spona_store::VaultFacts>,
    ) -> std::result::Result<Vault, String> {
        // Without knowing the database, nothing is created.
        let create = facts.is_some();
        let facts = facts.cloned().unwrap_or_default();
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        restrict(dir);
        let check_path = dir.join("key-check");
        let key = match key_file {
            Some(path) => VaultKey::load(path).map_err(|e| format!("vault key: {e}"))?,
            None => {
                let path = dir.join("vault.key");
                if !path.exists() && check_path.exists() {
                    return Err(format!(
                        "the vault key file {} is missing, but the vault holds data sealed with it: \
                         restore the file, or start with --vault-key-file",
                        path.display()
                    ));
                }
                if !path.exists() && facts.cases > 0 {
                    return Err(format!(
                        "the vault key file {} is missing, and the database holds {} vault \
                         case(s) sealed with it; no new key was created, as it could not open \
                         them. Restore vault.key and key-check from your backup of {} \
                         (or start with --vault-key-file PATH)",
                        path.display(),
                        facts.cases,
                        dir.display()
                    ));
                }
                if create {
                    VaultKey::load_or_create(&path)
                } else {
                    VaultKey::load(&path)
                }
                .map_err(|e| format!("vault key: {e}"))?
            }
        };
        match std::fs::read_to_string(&check_path) {
            Ok(text) => {
                let sealed = SealedField::from_base64(text.trim())
                    .map_err(|e| format!("{}: {e}", check_path.display()))?;
                match sealed.open(&key, KEY_CHECK_OWNER) {
                    Ok(t) if t.as_str() == KEY_CHECK_TEXT => {}
                    Ok(_) | Err(_) => {
                        return Err(format!(
                            "the vault key (id {}) does not match this vault's data; \
                             start with the key the vault was created with",
                            key.id_hex()
                        ));
                    }
                }
            }
            // A command (no facts): nothing to compare with, nothing written.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !create => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Without key-check, a vault with data tells the right key by opening a
                // case's sealed title; a key that cannot is refused, never adopted.
                if facts.cases > 0 {
                    let opens = facts.sample.as_ref().is_some_and(|(id, title)| {
                        SealedField::from_base64(title)
                            .and_then(|s| s.open(&key, &title_owner(id)))
                            .is_ok()
                    });
                    if !opens {
                        return Err(format!(
                            "{} is missing and the vault key (id {}) does not open this \
                             vault's data; restore vault.key and key-check from your backup \
                             of {} (or start with --vault-key-file PATH)",
                            check_path.display(),
                            key.id_hex(),
                            dir.display()
                        ));
                    }
                    tracing::warn!(path = %check_path.display(), "key-check was missing; the vault key opens the vault's data, key-check written again");
                }
                let sealed = spona_vault::seal_field(&key, KEY_CHECK_OWNER, KEY_CHECK_TEXT);
                std::fs::write(&check_path, sealed.to_base64())
                    .map_err(|e| format!("cannot write {}: {e}", check_path.display()))?;
            }
            Err(e) => return Err(format!("cannot read {}: {e}", check_path.display())),
        }
        let server_path = dir.join(SIGNING_KEY_FILE);
        let rotating = dir.join(ROTATING_SIGNING_KEY_FILE);
        if create && rotating.exists() {
            // The database may already name the new key: signing with the old one now would
            // break every chain's link to it.
            return Err(format!(
                "a rotation of the server's signing key was interrupted ({} exists); run \
                 `spona vault rotate-signing-key` again to finish it, then start the server",
                rotating.display()
            ));
        }
        if !server_path.exists() && !create {
            return Err(format!(
                "the server's signing key {} is missing; start the server once to create it, \
                 or restore it from your backup of {}",
                server_path.display(),
                dir.display()
            ));
        }
        if !server_path.exists() && facts.signed_heads > 0 {
            return Err(format!(
                "the server's signing key {} is missing, and {} case(s) have custody heads \
                 signed with it; no new key was created, as their chains would then look \
                 tampered with. Restore server-ed25519.key from your backup of {}",
                server_path.display(),
                facts.signed_heads,
                dir.display()
            ));
        }
        let server = ServerKey::load_or_create(&server_path)
            .map(std::sync::Arc::new)
            .map_err(|e| format!("server signing key: {e}"))?;
        let blobs =
            BlobStore::open(&dir.join("blobs")).map_err(|e| format!("vault blob store: {e}"))?;
        if blobs.cleaned_at_open() > 0 {
            tracing::info!(
                files = blobs.cleaned_at_open(),
                "removed unfinished vault uploads"
            );
        }
        let heads = spona_vault::HeadsLog::open(&dir.join(HEADS_FILE))
            .map_err(|e| format!("vault heads record: {e}"))?;
        Ok(Vault {
            key,
            server,
            blobs,
            dir: dir.to_owned(),
            heads,
        })
    }

    pub fn key(&self) -> &VaultKey {
        &self.key
    }

    pub fn server(&self) -> &std::sync::Arc<ServerKey> {
        &self.server
    }

    /// A directory for temporary files of exports.
    pub fn scratch_dir(&self) -> PathBuf {
        self.dir.join("scratch")
    }

    /// Signs a custody head; the store keeps the signature on the case.
    pub fn sign(&self, e: &CustodyEntry) -> String {
        self.server.sign_head(&e.case_id, e.seq, &e.hash).signature
    }

    /// The record of every custody head (`heads.log`).
    pub fn heads_path(&self) -> PathBuf {
        self.dir.join(HEADS_FILE)
    }

    /// The open record of custody heads.
    pub fn heads(&self) -> &spona_vault::HeadsLog {
        &self.heads
    }

    /// The vault's directory (`DATA_DIR/vault`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Seals a sensitive text for a database column (base64).
    pub fn seal(&self, owner: &str, text: &str) -> String {
        spona_vault::seal_field(&self.key, owner, text).to_base64()
    }

    /// Opens a sealed column; a failure is an integrity problem, reported loudly.
    pub fn unseal(&self, owner: &str, sealed: &str) -> Result<Zeroizing<String>> {
        SealedField::from_base64(sealed)
            .and_then(|s| s.open(&self.key, owner))
            .map_err(|e| Error::Internal(anyhow::anyhow!("vault field {owner}: {e}")))
    }

    /// The signed head as stored on the case row.
    pub fn head_of(&self, case: &Case) -> Option<SignedHead> {
        (case.head_seq >= 0).then(|| SignedHead {
            case_id: case.id.to_string(),
            seq: case.head_seq as u64,
            hash: case.head_hash.clone(),
            public_key: self.server.public().to_hex(),
            signature: case.head_signature.clone(),
        })
    }

    /// Compares the cases in the database with the record of custody heads kept outside it
    /// (`heads.log`): a case deleted, or a log rolled back to an older (signed) head, or
    /// rewritten, shows here. `chains` holds each case's id and entries; the record's lines
    /// are checked from `trusted` (the current key, or one connected to it by recorded key
    /// changes).
    pub fn verify_heads(
        &self,
        chains: &[(String, Vec<CustodyEntry>)],
        trusted: &spona_vault::ServerPublicKey,
    ) -> Result<Vec<String>> {
        let path = self.heads_path();
        let recorded = spona_vault::read_heads(&path, trusted)
            .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
        let Some(recorded) = recorded else {
            if chains.is_empty() {
                return Ok(Vec::new());
            }
            return Ok(vec![format!(
                "the record of custody heads {} is missing: deleted cases and rollbacks cannot be checked",
                path.display()
            )]);
        };
        let mut problems = recorded.problems.clone();
        for (case_id, heads) in &recorded.heads {
            let Some((_, entries)) = chains.iter().find(|(id, _)| id == case_id) else {
                let last = heads.last().map(|h| h.0).unwrap_or_default();
                problems.push(format!(
                    "case {case_id} was deleted: the heads record shows its log up to entry {last}"
                ));
                continue;
            };
            let last_in_db = entries.iter().map(|e| e.seq).max();
            let last_recorded = heads.iter().map(|h| h.0).max().unwrap_or_default();
            if last_in_db.is_none_or(|l| l < last_recorded) {
                problems.push(format!(
                    "case {case_id} was rolled back: its log ends at entry {}, the heads record shows entry {last_recorded}",
                    last_in_db.map_or("none".to_owned(), |l| l.to_string())
                ));
            }
            if let Some((seq, _)) = heads.iter().find(|(seq, hash)| {
                entries
                    .iter()
                    .find(|e| e.seq == *seq)
                    .is_some_and(|e| e.hash != *hash)
            }) {
                problems.push(format!(
                    "case {case_id}: entry {seq} is not the one the heads record holds (the log was rewritten from there)"
                ));
            }
        }
        for (case_id, entries) in chains {
            if !entries.is_empty() && !recorded.heads.contains_key(case_id) {
                problems.push(format!(
                    "case {case_id} is not in the heads record (made while the record was missing, or inserted)"
                ));
            }
        }
        Ok(problems)
    }

    /// Checks a case's chain against its signed head and the server key, following the key
    /// changes the chain records.
    pub fn verify_case(&self, case: &Case, entries: &[CustodyEntry]) -> ChainReport {
        let trust = KeyTrust::new(self.server.public(), spona_vault::changes_in(entries));
        self.verify_case_trusting(case, entries, &trust)
    }

    /// Checks a case's chain from `trust`'s key, across recorded key changes.
    pub fn verify_case_trusting(
        &self,
        case: &Case,
        entries: &[CustodyEntry],
        trust: &KeyTrust,
    ) -> ChainReport {
        verify_chain_across(&case.id, entries, self.head_of(case).as_ref(), trust)
    }
}

/// Seals the vault values an older version kept in clear (file sizes, hashes and media
/// types, share targets, custody reasons and item hashes; see
/// [`records::seal_clear_values`]); run at start and by the vault's commands. Returns how
/// many values it sealed.
pub async fn seal_clear_values(
    db: &spona_store::Db,
    vault: &Vault,
) -> std::result::Result<usize, spona_store::StoreError> {
    let done = records::seal_clear_values(db, vault).await?;
    if done.total() > 0 {
        tracing::info!(
            item_values = done.item_values,
            share_lists = done.share_lists,
            custody_values = done.custody_values,
            "sealed vault values that an older version kept in clear"
        );
    }
    Ok(done.total())
}

/// Blob files no vault item refers to: left by a crash between storing a file and
/// committing its item. Only files older than `min_age` count, so that an upload that is
/// committing its item right now (on this or another server) is never taken for one.
pub async fn orphan_blobs(
    db: &spona_store::Db,
    vault: &Vault,
    min_age: std::time::Duration,
) -> Result<Vec<PathBuf>> {
    let referenced = db.vault_blob_ids().await?;
    let root = vault.blobs.root().join("blobs");
    let now = std::time::SystemTime::now();
    tokio::task::spawn_blocking(move || {
        let mut found = Vec::new();
        let Ok(shards) = std::fs::read_dir(&root) else {
            return found;
        };
        for shard in shards.filter_map(|e| e.ok()) {
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for f in files.filter_map(|e| e.ok()) {
                let name = f.file_name().to_string_lossy().into_owned();
                let old_enough = f
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= min_age);
                if uuid::Uuid::parse_str(&name).is_ok() && !referenced.contains(&name) && old_enough
                {
                    found.push(f.path());
                }
            }
        }
        found
    })
    .await
    .map_err(|e| Error::Internal(e.into()))
}

/// How old an unreferenced blob must be before it is taken for an orphan.
pub const ORPHAN_MIN_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes orphan blobs (see [`orphan_blobs`]); run at start. Returns how many.
pub async fn clean_orphan_blobs(db: &spona_store::Db, vault: &Vault) -> Result<usize> {
    let orphans = orphan_blobs(db, vault, ORPHAN_MIN_AGE).await?;
    let mut removed = 0;
    for path in &orphans {
        match std::fs::remove_file(path) {
            Ok(()) => removed += 1,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "could not remove an orphan blob")
            }
        }
    }
    Ok(removed)
}

pub fn title_owner(case_id: &str) -> String {
    spona_vault::owners::case_title(case_id)
}

pub fn item_owner(item_id: &str) -> String {
    spona_vault::owners::item(item_id)
}

/// The owner of an item's sealed active-content warning (`vault_item_warnings`).
pub fn warning_owner(item_id: &str) -> String {
    spona_vault::owners::item_warning(item_id)
}

/// A custody entry by `actor` (a user's id), now.
pub fn entry(
    actor: &str,
    case_id: &str,
    action: &str,
    reason: &str,
    item_sha256: Option<&str>,
) -> NewEntry {
    NewEntry {
        case_id: case_id.to_owned(),
        at_ms: now_ms(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        reason: reason.to_owned(),
        item_sha256: item_sha256.map(str::to_owned),
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Appends a custody entry on its own (views, downloads, refusals).
pub async fn log(db: &spona_store::Db, vault: &Vault, e: NewEntry) -> Result<CustodyEntry> {
    Ok(records::log(db, e, vault).await?)
}

fn restrict(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
}

impl records::CustodySigner for Vault {
    fn sign(&self, entry: &CustodyEntry) -> String {
        Vault::sign(self, entry)
    }

    fn seal(&self, owner: &str, text: &str) -> String {
        Vault::seal(self, owner, text)
    }

    fn open(&self, owner: &str, sealed: &str) -> Option<String> {
        SealedField::from_base64(sealed)
            .and_then(|s| s.open(&self.key, owner))
            .ok()
            .map(|text| text.to_string())
    }

    /// Records the committed head in `heads.log`. A failure is logged, not returned: the
    /// change is committed; `spona custody verify` then reports the head as unrecorded.
    fn committed(&self, entry: &CustodyEntry) {
        if let Err(e) = self
            .heads
            .record(&self.server, &entry.case_id, entry.seq, &entry.hash)
        {
            tracing::error!(error = %e, "cannot record the custody head outside the database");
        }
    }
}
