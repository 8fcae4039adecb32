//! The evidence vault's use cases: who may open a case (its team, nobody else — 404 for
//! everyone else, platform admins included), what consent allows, and every change with its
//! custody entry and, where the change is audited, its audit entry in one transaction.
//!
//! - [`keys`]: the vault at run time (its key, signing key, blob store, heads record);
//! - [`access`]: loading a case as an actor, and the reason every act on evidence carries;
//! - [`cases`]: one's cases, opening a case;
//! - [`consent`]: consent as the tables and the custody log record it, and its checks;
//! - [`items`]: adding testimonies and files, reading an item (shared by its page, its
//!   warning and its download);
//! - [`team`]: adding, removing and leaving, and a platform admin's emergency access;
//! - [`export`]: the bundle for prosecutors;
//! - [`verify`]: a case's tables and files against its chain of custody (pages and CLI);
//! - [`object_blobs`]: sealed blobs in an object store (`--vault-url`);
//! - [`migrate_blobs`]: moving a local blob store into one.
//!
//! The audit log says that the vault was used, never which case or what.

pub mod access;
pub mod cases;
pub mod consent;
pub mod export;
pub mod items;
pub mod keys;
pub mod migrate_blobs;
pub mod object_blobs;
pub mod team;
pub mod verify;

pub use access::{CaseAccess, load_case, reason};
pub use keys::*;

use spona_store::{Db, Tx};
use spona_vault::CustodyEntry;

use crate::{Actor, Error, Result};

/// Commits a vault change made in `tx`, then records its new custody head outside the
/// database (`heads.log`), as the store's own one-transaction writes do.
pub async fn commit(tx: Tx, vault: &Vault, head: &CustodyEntry) -> Result<()> {
    tx.commit().await?;
    spona_store::vault::CustodySigner::committed(vault, head);
    Ok(())
}

/// The audit entry of a vault change, by `actor`: the action only, no case, no detail.
pub async fn audit_in(tx: &mut Tx, actor: &str, action: &str) -> Result<()> {
    spona_store::audit::record_in(
        tx,
        spona_store::audit::Event {
            actor_id: Some(actor),
            action,
            target_kind: "vault",
            target_id: "",
            detail: String::new(),
        },
    )
    .await?;
    Ok(())
}

/// Opens a transaction on `db` (a shorthand for the use cases here).
async fn begin(db: &Db) -> Result<Tx> {
    Ok(db.begin().await?)
}

/// The signed-in person's id, or [`Error::SignInRequired`].
pub fn user_id(actor: &Actor) -> Result<&str> {
    actor.require_user()?;
    actor.id().ok_or(Error::SignInRequired)
}

/// A database, a vault and people for the use cases' tests.
#[cfg(test)]
pub(crate) mod testing {
    use spona_domain::role::PlatformRole;
    use spona_store::Db;

    use super::VaultState;
    use crate::Actor;

    /// A migrated database and an open vault in a temporary directory: SQLite, or a fresh
    /// schema on PostgreSQL when `SPONA_TEST_DATABASE_URL` names one.
    pub async fn setup() -> (tempfile::TempDir, Db, VaultState) {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = match std::env::var("SPONA_TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
                Db::connect_in_schema(&url, Some(&schema)).await
            }
            _ => Db::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await,
        }
        .expect("db");
        db.migrate().await.expect("migrate");
        let facts = db.vault_facts().await.expect("facts");
        let vault = VaultState::open_with(&dir.path().join("vault"), None, &facts);
        (dir, db, vault)
    }

    /// A signed-in person with an account and no organisation.
    pub async fn person(db: &Db, email: &str, role: PlatformRole) -> Actor {
        spona_store::users::create(db, email, email, "-", role)
            .await
            .expect("user");
        let user = spona_store::users::find_by_email(db, email)
            .await
            .expect("db")
            .expect("user");
        Actor::signed_in(user, Vec::new())
    }

    /// A case opened by `lead`; its id.
    pub async fn open_case(db: &Db, vault: &VaultState, lead: &Actor) -> String {
        let once = spona_store::idempotency::Once {
            key: spona_store::new_token(),
            user_id: lead.id().map(str::to_owned),
            location: "/vault/cases/{id}".into(),
        };
        super::cases::open_case(lead, db, vault, "A case", &once)
            .await
            .expect("open")
    }
}
