//! Case workers: named and removed by their organisation's admins.

use spona_domain::Invalid;
use spona_store::Db;
use spona_store::referrals::{self as store, Worker};

use crate::actor::Actor;
use crate::{Error, Result};

/// Whether the actor administers `org_id` through their membership (platform admins do not
/// name case workers of organisations they do not belong to).
fn org_admin(actor: &Actor, org_id: &str) -> bool {
    actor
        .memberships()
        .iter()
        .any(|m| m.org_id == org_id && m.role() == spona_domain::role::OrgRole::Admin)
}

/// The organisation's case workers, for its admins.
pub async fn workers(actor: &Actor, db: &Db, org_id: &str) -> Result<Vec<Worker>> {
    actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    Ok(store::workers(db, org_id).await?)
}

/// Names (or re-names, with the override permission or without) a member of the
/// organisation a case worker; its admins only.
pub async fn set_worker(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    user_id: &str,
    may_override: bool,
) -> Result<()> {
    let me = actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    name_worker(db, org_id, user_id, may_override, Some(me.id.as_str()), "").await
}

/// The same for the operator of the server (the demo data; no account acts): the rules are
/// the same (a member of the organisation), and the audit entry has no actor and says who
/// named the worker (`by`).
pub async fn set_worker_by_operator(
    db: &Db,
    org_id: &str,
    user_id: &str,
    may_override: bool,
    by: &str,
) -> Result<()> {
    name_worker(db, org_id, user_id, may_override, None, by).await
}

async fn name_worker(
    db: &Db,
    org_id: &str,
    user_id: &str,
    may_override: bool,
    admin: Option<&str>,
    operator: &str,
) -> Result<()> {
    let member = spona_store::users::members_of(db, org_id)
        .await?
        .iter()
        .any(|m| m.user_id == user_id);
    if !member {
        return Err(Error::Invalid(vec![Invalid::new(
            "user",
            "err-referral-worker-member",
        )]));
    }
    let mut detail = format!("org={org_id} override={may_override}");
    if admin.is_none() {
        detail.push_str(&format!(" by={operator}"));
    }
    let mut tx = db.begin().await?;
    store::set_worker_in(&mut tx, org_id, user_id, may_override, admin).await?;
    spona_store::audit::record_in(
        &mut tx,
        spona_store::audit::Event {
            actor_id: admin,
            action: "referral.worker_set",
            target_kind: "user",
            target_id: user_id,
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the case-worker role away; its admins only.
pub async fn remove_worker(actor: &Actor, db: &Db, org_id: &str, user_id: &str) -> Result<()> {
    actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    if !store::remove_worker_in(&mut tx, org_id, user_id).await? {
        return Err(Error::NotFound);
    }
    spona_store::audit::record_in(
        &mut tx,
        spona_store::audit::Event {
            actor_id: actor.id(),
            action: "referral.worker_removed",
            target_kind: "user",
            target_id: user_id,
            detail: format!("org={org_id}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
