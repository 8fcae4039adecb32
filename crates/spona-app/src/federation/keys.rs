//! The deployment's keys (files in `DATA_DIR/federation/`) and each organisation's age
//! identity (in the database, sealed with the federation's sealing key).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use spona_federation::{
    DeploymentKey, Document, OrgEntry, OrgIdentity, ServiceEntry, SignedDocument,
};
use spona_store::Db;
use spona_store::federation as store;
use spona_vault::{SealedField, VaultKey};
use zeroize::Zeroizing;

use crate::{Error, Result};

/// How federation runs; decided by the binary.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the deployment's signing key and the sealing key live.
    pub dir: PathBuf,
    /// How long the outbox keeps trying a packet before it is marked failed.
    pub retry_for: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
    /// How often the sender looks for packets due.
    pub interval: Duration,
    /// Partners may be reached over plain `http` (a deployment that is itself not on
    /// HTTPS: tests and one-machine demos).
    pub allow_http: bool,
}

impl Settings {
    pub fn for_data_dir(data_dir: &Path, public_url: &str) -> Self {
        Settings {
            dir: data_dir.join("federation"),
            retry_for: Duration::from_secs(3 * 24 * 3600),
            max_backoff: Duration::from_secs(600),
            interval: Duration::from_millis(500),
            allow_http: public_url.starts_with("http://"),
        }
    }
}

/// The deployment's keys: the Ed25519 signing key and the key that seals organisations'
/// identities and received bodies.
pub struct FedKeys {
    pub signing: DeploymentKey,
    seal: VaultKey,
}

impl std::fmt::Debug for FedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FedKeys")
            .field("signing", &self.signing)
            .finish_non_exhaustive()
    }
}

pub const SIGNING_FILE: &str = "deployment-ed25519.key";
pub const SEAL_FILE: &str = "seal.key";

impl FedKeys {
    /// Opens the key files in `dir`, creating them when missing — unless `sealed_exist`
    /// (identities sealed under a key that is gone: a new key would not open them).
    pub fn open(dir: &Path, sealed_exist: bool) -> std::result::Result<FedKeys, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        let seal_path = dir.join(SEAL_FILE);
        let seal = if sealed_exist {
            VaultKey::load(&seal_path).map_err(|e| {
                format!("{e}; the organisations' federation identities are sealed under it: restore it from a backup")
            })?
        } else {
            VaultKey::load_or_create(&seal_path).map_err(|e| e.to_string())?
        };
        let signing =
            DeploymentKey::load_or_create(&dir.join(SIGNING_FILE)).map_err(|e| e.to_string())?;
        Ok(FedKeys { signing, seal })
    }

    pub fn public_hex(&self) -> String {
        self.signing.public().to_hex()
    }

    pub fn fingerprint(&self) -> String {
        spona_federation::fingerprint(&self.signing.public())
    }

    pub fn seal(&self, owner: &str, text: &str) -> String {
        spona_vault::seal_field(&self.seal, owner, text).to_base64()
    }

    pub fn open_sealed(&self, owner: &str, sealed: &str) -> Result<Zeroizing<String>> {
        SealedField::from_base64(sealed)
            .and_then(|f| f.open(&self.seal, owner))
            .map_err(|e| Error::Internal(anyhow::anyhow!("federation sealed value: {e}")))
    }
}

/// The federation settings and, once first needed, the open keys.
#[derive(Debug)]
pub struct Keyring {
    pub settings: Settings,
    keys: OnceLock<Arc<FedKeys>>,
}

impl Keyring {
    pub fn new(settings: Settings) -> Self {
        Keyring {
            settings,
            keys: OnceLock::new(),
        }
    }

    /// The keys (opened on first use); 503 with the reason when they cannot be.
    pub async fn keys(&self, db: &Db) -> Result<Arc<FedKeys>> {
        if let Some(k) = self.keys.get() {
            return Ok(k.clone());
        }
        let sealed_exist = store::count_org_keys(db).await? > 0;
        let opened = FedKeys::open(&self.settings.dir, sealed_exist).map_err(|reason| {
            tracing::error!(%reason, "federation keys unavailable");
            Error::Unavailable("fed-err-keys")
        })?;
        Ok(self.keys.get_or_init(|| Arc::new(opened)).clone())
    }
}

fn org_owner(org_id: &str) -> String {
    format!("federation-org:{org_id}")
}

/// Gives every organisation without one its age identity; how many were made.
pub async fn ensure_org_keys(db: &Db, keys: &FedKeys) -> Result<usize> {
    let missing = store::orgs_without_key(db).await?;
    for org in &missing {
        let id = OrgIdentity::generate();
        let sealed = keys.seal(&org_owner(org), &id.secret());
        store::add_org_key(db, org, &id.recipient(), &sealed).await?;
    }
    Ok(missing.len())
}

/// An organisation's identity, opened.
pub async fn org_identity_in(
    tx: &mut spona_store::Tx,
    keys: &FedKeys,
    org_id: &str,
) -> Result<Option<OrgIdentity>> {
    let Some(row) = store::org_key_in(tx, org_id).await? else {
        return Ok(None);
    };
    let secret = keys.open_sealed(&org_owner(org_id), &row.identity_sealed)?;
    OrgIdentity::parse(&secret)
        .map(Some)
        .map_err(|e| Error::Internal(anyhow::anyhow!("federation identity of {org_id}: {e}")))
}

/// This deployment's key document, signed.
pub async fn own_document(
    db: &Db,
    keys: &FedKeys,
    base_url: &str,
    name: &str,
) -> Result<SignedDocument> {
    ensure_org_keys(db, keys).await?;
    let rows = store::org_keys(db).await?;
    let ids: Vec<&str> = rows.iter().map(|r| r.org_id.as_str()).collect();
    let orgs = spona_store::orgs::get_many(db, &ids).await?;
    let published =
        spona_store::services::load(db, spona_store::services::Scope::Published).await?;
    let services_of = |org: &str| -> Vec<ServiceEntry> {
        published
            .iter()
            .filter(|s| {
                s.org_id.as_str() == org && s.takes_referrals() && !s.referral_fields.is_empty()
            })
            .map(|s| ServiceEntry {
                id: s.id.to_string(),
                name: s.name(&["en"]).to_owned(),
                kind: s.kind.clone(),
                asks: s
                    .referral_fields
                    .iter()
                    .map(|f| f.as_str().to_owned())
                    .collect(),
            })
            .collect()
    };
    let mut organisations: Vec<OrgEntry> = rows
        .into_iter()
        .filter_map(|r| {
            let o = orgs.iter().find(|o| o.id.as_str() == r.org_id)?;
            Some(OrgEntry {
                services: services_of(&r.org_id),
                id: r.org_id,
                slug: o.slug.clone(),
                name: o.name.clone(),
                recipient: r.recipient,
            })
        })
        .collect();
    organisations.sort_by(|a, b| a.slug.cmp(&b.slug));
    let base = base_url.trim_end_matches('/');
    Ok(Document {
        spona_federation: spona_federation::document::VERSION,
        name: name.to_owned(),
        base_url: base.to_owned(),
        inbox: format!("{base}{}", INBOX_PATH),
        signing_key: keys.public_hex(),
        organisations,
    }
    .sign(&keys.signing))
}

/// Where packets are posted.
pub const INBOX_PATH: &str = "/federation/inbox";
/// Where the key document is served.
pub const DOCUMENT_PATH: &str = "/.well-known/spona-federation";
