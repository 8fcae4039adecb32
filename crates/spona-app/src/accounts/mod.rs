//! Accounts: accepting invitations, an organisation's people and their roles, the platform
//! administration of accounts and the audit log.
//!
//! Every change here runs in one [`spona_store::Tx`] with its audit entry, so that a failure
//! half-way leaves nothing half-done: an invitation that could not be accepted is still
//! usable, a role change that failed is not recorded and vice versa. Each use case has a
//! named fault point (`SPONA_TEST_FAULT=tx:<point>`) just before its commit, where the tests
//! interrupt it.

pub mod admin;
pub mod credentials;
pub mod invitations;
pub mod people;

use spona_store::Tx;
use spona_store::audit::{self, Event};

use crate::Result;

/// Appends an audit entry inside the change's transaction.
pub(crate) async fn audit_in(
    tx: &mut Tx,
    actor_id: Option<&str>,
    action: &str,
    target_kind: &str,
    target_id: &str,
    detail: String,
) -> Result<()> {
    audit::record_in(
        tx,
        Event {
            actor_id,
            action,
            target_kind,
            target_id,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Fails the use case at `point` when a test asks for it, then commits.
pub(crate) async fn commit_at(tx: Tx, point: &str) -> Result<()> {
    spona_store::tx::fault_point(point)?;
    tx.commit().await?;
    Ok(())
}
