//! Storage quotas as uploads apply them: the limits ([`Quotas`], from `spona serve`'s
//! flags), the scopes an upload counts against, and the room left before a file is received.
//! The store does the counting ([`spona_store::quota`]).

use spona_store::Db;
use spona_store::quota::{self, Charge, QuotaKind, Scope};

use spona_store::StoreError;

use crate::Result;

/// Bytes allowed per scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// All files of one vault case.
    pub case_bytes: u64,
    /// All vault files of the cases an organisation's people lead.
    pub vault_org_bytes: u64,
    /// All attachments of one organisation's resources in the hub.
    pub hub_org_bytes: u64,
}

const GIB: u64 = 1024 * 1024 * 1024;

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            case_bytes: 20 * GIB,
            vault_org_bytes: 100 * GIB,
            hub_org_bytes: 5 * GIB,
        }
    }
}

/// A quota an upload would pass: which, and how much of it is used and allowed (507).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaFull {
    pub kind: QuotaKind,
    pub used: u64,
    pub allowed: u64,
}

impl QuotaFull {
    /// The message explaining it (with `$used` and `$allowed`).
    pub fn key(&self) -> &'static str {
        match self.kind {
            QuotaKind::Case => "err-quota-case",
            QuotaKind::VaultOrg => "err-quota-vault-org",
            QuotaKind::HubOrg => "err-quota-hub-org",
        }
    }
}

/// What an upload may still store, and the quota that would be passed beyond that.
#[derive(Debug, Clone)]
pub struct Room {
    pub scopes: Vec<Scope>,
    /// Bytes that fit in every scope.
    pub bytes: u64,
    /// The tightest scope, as it stands: told when the upload does not fit.
    pub tightest: QuotaFull,
}

impl QuotaFull {
    /// The store's error for it (the pages answer 507 with the message of [`QuotaFull::key`]).
    pub fn error(&self) -> StoreError {
        StoreError::OverQuota {
            kind: self.kind,
            used: i64::try_from(self.used).unwrap_or(i64::MAX),
            allowed: i64::try_from(self.allowed).unwrap_or(i64::MAX),
        }
    }
}

impl Room {
    /// The error for an upload larger than the room (507), in the caller's error type.
    pub fn exceeded<E: From<StoreError>>(&self) -> E {
        self.tightest.error().into()
    }

    /// The charge of a stored upload of `bytes`, for the store to count.
    pub fn charge(&self, bytes: u64, object_id: Option<String>) -> Charge {
        Charge {
            bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
            scopes: self.scopes.clone(),
            object_id,
        }
    }
}

/// The room left in `scopes`; a scope full already is answered 507 before anything is read.
pub async fn room(db: &Db, scopes: Vec<Scope>) -> Result<Room> {
    let used = quota::used(db, &scopes).await?;
    let mut tightest = None;
    let mut bytes = u64::MAX;
    for (scope, used) in scopes.iter().zip(used) {
        let left = (scope.allowed - used).max(0) as u64;
        let full = QuotaFull {
            kind: scope.kind,
            used: used.max(0) as u64,
            allowed: scope.allowed.max(0) as u64,
        };
        if left == 0 {
            return Err(full.error().into());
        }
        if left < bytes || tightest.is_none() {
            bytes = left;
            tightest = Some(full);
        }
    }
    Ok(Room {
        bytes,
        tightest: tightest.unwrap_or(QuotaFull {
            kind: QuotaKind::Case,
            used: 0,
            allowed: u64::MAX,
        }),
        scopes,
    })
}

/// The scopes of a file added to a vault case: the case, and each organisation of its leads.
pub async fn vault_scopes(db: &Db, q: &Quotas, case_id: &str) -> Result<Vec<Scope>> {
    let mut scopes = vec![Scope::case(case_id, q.case_bytes)];
    for org in quota::case_lead_orgs(db, case_id).await? {
        scopes.push(Scope::vault_org(&org, q.vault_org_bytes));
    }
    Ok(scopes)
}

/// The scope of an attachment of a resource owned by `org_id`.
pub fn hub_scopes(q: &Quotas, org_id: &str) -> Vec<Scope> {
    vec![Scope::hub_org(org_id, q.hub_org_bytes)]
}
