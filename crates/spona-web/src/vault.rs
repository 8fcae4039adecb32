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
    BlobStore, ChainReport, CustodyEntry, NewEntry, SealedField, ServerKey, SignedHead, VaultKey,
    verify_chain,
};
use zeroize::Zeroizing;

use crate::{AppError, Ctx};

const KEY_CHECK_OWNER: &str = "key-check";
const KEY_CHECK_TEXT: &str = "spona vault key check";
/// The record of every custody head, in the vault directory.
pub const HEADS_FILE: &str = "heads.log";

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
    pub fn open(dir: &Path, key_file: Option<&Path>) -> VaultState {
        match Vault::open(dir, key_file) {
            Ok(v) => VaultState::Open(Box::new(v)),
            Err(reason) => {
                tracing::error!(reason = %reason, "the vault is closed");
                VaultState::Closed(reason)
            }
        }
    }

    /// The open vault, or 503 with the reason.
    pub fn get(&self) -> Result<&Vault, AppError> {
        match self {
            VaultState::Open(v) => Ok(v),
            VaultState::Closed(_) => Err(AppError::VaultClosed),
        }
    }
}

impl Vault {
    fn open(dir: &Path, key_file: Option<&Path>) -> Result<Vault, String> {
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
                VaultKey::load_or_create(&path).map_err(|e| format!("vault key: {e}"))?
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
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let sealed = spona_vault::seal_field(&key, KEY_CHECK_OWNER, KEY_CHECK_TEXT);
                std::fs::write(&check_path, sealed.to_base64())
                    .map_err(|e| format!("cannot write {}: {e}", check_path.display()))?;
            }
            Err(e) => return Err(format!("cannot read {}: {e}", check_path.display())),
        }
        let server = ServerKey::load_or_create(&dir.join("server-ed25519.key"))
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

    /// Seals a sensitive text for a database column (base64).
    pub fn seal(&self, owner: &str, text: &str) -> String {
        spona_vault::seal_field(&self.key, owner, text).to_base64()
    }

    /// Opens a sealed column; a failure is an integrity problem, reported loudly.
    pub fn unseal(&self, owner: &str, sealed: &str) -> Result<Zeroizing<String>, AppError> {
        SealedField::from_base64(sealed)
            .and_then(|s| s.open(&self.key, owner))
            .map_err(|e| AppError::Internal(anyhow::anyhow!("vault field {owner}: {e}")))
    }

    /// The signed head as stored on the case row.
    pub fn head_of(&self, case: &Case) -> Option<SignedHead> {
        (case.head_seq >= 0).then(|| SignedHead {
            case_id: case.id.clone(),
            seq: case.head_seq as u64,
            hash: case.head_hash.clone(),
            public_key: self.server.public().to_hex(),
            signature: case.head_signature.clone(),
        })
    }

    /// Checks a case's chain against its signed head and the server key.
    pub fn verify_case(&self, case: &Case, entries: &[CustodyEntry]) -> ChainReport {
        verify_chain(
            &case.id,
            entries,
            self.head_of(case).as_ref(),
            &self.server.public(),
        )
    }
}

pub fn title_owner(case_id: &str) -> String {
    format!("case:{case_id}:title")
}

pub fn item_owner(item_id: &str) -> String {
    format!("item:{item_id}")
}

/// A custody entry by the signed-in user, now.
pub fn entry(
    ctx: &Ctx,
    case_id: &str,
    action: &str,
    reason: &str,
    item_sha256: Option<&str>,
) -> NewEntry {
    NewEntry {
        case_id: case_id.to_owned(),
        at_ms: now_ms(),
        actor: ctx
            .user
            .as_ref()
            .map(|u| u.user.id.clone())
            .unwrap_or_default(),
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
pub async fn log(ctx: &Ctx, vault: &Vault, e: NewEntry) -> Result<CustodyEntry, AppError> {
    Ok(records::log(&ctx.state.db, e, vault).await?)
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
