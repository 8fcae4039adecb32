//! Storage quotas: the bytes of stored files counted per scope, and uploads refused when a
//! scope would pass its limit (issue 14 item 10).
//!
//! A scope is a case (`case:<id>`), an organisation's vault files (`vault-org:<id>`) or an
//! organisation's hub attachments (`hub-org:<id>`). An upload's [`Charge`] is added inside
//! the transaction that records its item or attachment ([`charge!`]): each scope's row is
//! raised only `WHERE bytes + n <= allowed`, which takes the row's lock, so two uploads
//! racing for the last bytes cannot both pass. When one scope refuses, the transaction is
//! dropped and nothing of the upload is recorded.

use crate::{Db, Result, StoreError, on_db};

/// Which limit an upload met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaKind {
    /// All files of one vault case.
    Case,
    /// All vault files of the cases an organisation's people lead.
    VaultOrg,
    /// All attachments of an organisation's resources.
    HubOrg,
}

/// One limit an upload is counted against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub kind: QuotaKind,
    /// `case:<id>`, `vault-org:<id>` or `hub-org:<id>`.
    pub key: String,
    /// Bytes allowed in all.
    pub allowed: i64,
}

impl Scope {
    pub fn case(case_id: &str, allowed: u64) -> Scope {
        Scope::new(QuotaKind::Case, format!("case:{case_id}"), allowed)
    }

    pub fn vault_org(org_id: &str, allowed: u64) -> Scope {
        Scope::new(QuotaKind::VaultOrg, format!("vault-org:{org_id}"), allowed)
    }

    pub fn hub_org(org_id: &str, allowed: u64) -> Scope {
        Scope::new(QuotaKind::HubOrg, format!("hub-org:{org_id}"), allowed)
    }

    fn new(kind: QuotaKind, key: String, allowed: u64) -> Scope {
        Scope {
            kind,
            key,
            allowed: i64::try_from(allowed).unwrap_or(i64::MAX),
        }
    }
}

/// The bytes one upload adds to its scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub bytes: i64,
    pub scopes: Vec<Scope>,
    /// The stored object the charge is recorded for (`storage_charges`), so that deleting
    /// it gives the bytes back; `None` for vault items, whose size is sealed metadata.
    pub object_id: Option<String>,
}

/// Adds `$charge` to its scopes inside the open transaction `$tx`, or returns
/// [`StoreError::OverQuota`] from the enclosing function (dropping the transaction).
macro_rules! charge {
    ($tx:expr, $charge:expr) => {{
        let charge: &$crate::quota::Charge = $charge;
        for scope in &charge.scopes {
            sqlx::query(
                "INSERT INTO storage_usage (scope, bytes) VALUES ($1, 0) ON CONFLICT (scope) DO NOTHING",
            )
            .bind(&scope.key)
            .execute(&mut *$tx)
            .await?;
            let raised = sqlx::query(
                "UPDATE storage_usage SET bytes = bytes + $2 WHERE scope = $1 AND bytes + $2 <= $3",
            )
            .bind(&scope.key)
            .bind(charge.bytes)
            .bind(scope.allowed)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            if raised == 0 {
                let used: i64 =
                    sqlx::query_scalar("SELECT bytes FROM storage_usage WHERE scope = $1")
                        .bind(&scope.key)
                        .fetch_one(&mut *$tx)
                        .await?;
                return Err($crate::StoreError::OverQuota {
                    kind: scope.kind,
                    used,
                    allowed: scope.allowed,
                });
            }
            if let Some(object_id) = &charge.object_id {
                sqlx::query("INSERT INTO storage_charges (object_id, scope, bytes) VALUES ($1, $2, $3)")
                    .bind(object_id)
                    .bind(&scope.key)
                    .bind(charge.bytes)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    }};
}
pub(crate) use charge;

/// The bytes counted in each scope (0 for a scope nothing was stored in), in order.
pub async fn used(db: &Db, scopes: &[Scope]) -> Result<Vec<i64>> {
    let mut out = Vec::with_capacity(scopes.len());
    for scope in scopes {
        let bytes: Option<i64> = on_db!(db, p => sqlx::query_scalar(
            "SELECT bytes FROM storage_usage WHERE scope = $1")
            .bind(&scope.key).fetch_optional(p).await)?;
        out.push(bytes.unwrap_or(0));
    }
    Ok(out)
}

/// The most an upload may still add to every one of `scopes`, or the first scope that is
/// full already (as [`StoreError::OverQuota`]) — checked before a file is received, so a
/// full case or organisation is told at once and stores nothing. The charge at the end
/// decides.
pub async fn room(db: &Db, scopes: &[Scope]) -> Result<u64> {
    let mut room = u64::MAX;
    for (scope, used) in scopes.iter().zip(used(db, scopes).await?) {
        if used >= scope.allowed {
            return Err(StoreError::OverQuota {
                kind: scope.kind,
                used,
                allowed: scope.allowed,
            });
        }
        room = room.min((scope.allowed - used) as u64);
    }
    Ok(room)
}

/// The organisations of a case's leads: the vault's storage of a case is counted against
/// them (a case has no organisation of its own; see SECURITY.md, "Storage quotas").
pub async fn case_lead_orgs(db: &Db, case_id: &str) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT DISTINCT ms.org_id FROM vault_members m JOIN memberships ms ON ms.user_id = m.user_id \
         WHERE m.case_id = $1 AND m.role = 'lead' ORDER BY ms.org_id")
        .bind(case_id).fetch_all(p).await)?)
}
