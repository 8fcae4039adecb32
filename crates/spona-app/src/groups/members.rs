//! Membership: joining and leaving a group, and what its coordinators do with its members
//! (add, approve, name coordinators, remove). The last coordinator always stays.

use spona_domain::Invalid;
use spona_domain::groups::{GroupRole, JoinPolicy};
use spona_store::Db;
use spona_store::groups as store;

use super::{Access, access, audit_in};
use crate::{Actor, Error, Result};

/// Joins an open group, or asks to join one by request. Returns the role now held.
pub async fn join(actor: &Actor, db: &Db, id: &str, locale: &str) -> Result<GroupRole> {
    let a = access(actor, db, id).await?;
    if let Some(role) = a.role {
        return Ok(role);
    }
    let role = match a.policy() {
        JoinPolicy::Open => GroupRole::Member,
        JoinPolicy::Request => GroupRole::Requested,
        JoinPolicy::Invitation => return Err(Error::Refused("err-group-invitation-only")),
    };
    let user = actor.require_user()?;
    let mut tx = db.begin().await?;
    store::set_member_in(
        &mut tx,
        id,
        &user.id,
        role.as_str(),
        locale,
        spona_store::now(),
    )
    .await?;
    let action = if role == GroupRole::Member {
        "group.joined"
    } else {
        "group.requested"
    };
    audit_in(&mut tx, actor, action, id, format!("user={}", user.id)).await?;
    tx.commit().await?;
    Ok(role)
}

/// Leaves a group (or withdraws a request). The last coordinator stays.
pub async fn leave(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    let a = access(actor, db, id).await?;
    let user = actor.require_user()?;
    if a.role.is_none() {
        return Err(Error::NotFound);
    }
    remove_person(actor, db, &a, &user.id).await
}

async fn remove_person(actor: &Actor, db: &Db, a: &Access, user_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    store::remove_member_in(&mut tx, &a.group.id, user_id).await?;
    if store::coordinator_count_in(&mut tx, &a.group.id).await? == 0 {
        return Err(Error::Conflict("err-group-last-coordinator"));
    }
    audit_in(
        &mut tx,
        actor,
        "group.member_removed",
        &a.group.id,
        format!("user={user_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator adds a person (by e-mail address) as a member.
pub async fn add_member(actor: &Actor, db: &Db, id: &str, email: &str) -> Result<()> {
    let a = access(actor, db, id).await?;
    a.require_coordinator()?;
    let person = spona_store::users::find_by_email(db, email.trim())
        .await?
        .filter(|u| !u.disabled)
        .ok_or(Error::Invalid(vec![Invalid {
            field: "email",
            key: "err-group-no-such-person",
        }]))?;
    set_role(
        actor,
        db,
        &a,
        &person.id,
        GroupRole::Member,
        "group.member_added",
    )
    .await
}

/// A coordinator approves a request, names a coordinator, or removes someone.
pub async fn manage(actor: &Actor, db: &Db, id: &str, user_id: &str, act: &str) -> Result<()> {
    let a = access(actor, db, id).await?;
    a.require_coordinator()?;
    let current = store::role_of(db, id, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    match act {
        "approve" if current == GroupRole::Requested.as_str() => {
            set_role(actor, db, &a, user_id, GroupRole::Member, "group.approved").await
        }
        "coordinator" if current != GroupRole::Requested.as_str() => {
            set_role(
                actor,
                db,
                &a,
                user_id,
                GroupRole::Coordinator,
                "group.coordinator_added",
            )
            .await
        }
        "member" if current == GroupRole::Coordinator.as_str() => {
            let mut tx = db.begin().await?;
            store::set_member_in(&mut tx, id, user_id, "member", "en", spona_store::now()).await?;
            if store::coordinator_count_in(&mut tx, id).await? == 0 {
                return Err(Error::Conflict("err-group-last-coordinator"));
            }
            audit_in(
                &mut tx,
                actor,
                "group.coordinator_removed",
                id,
                format!("user={user_id}"),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
        "remove" => remove_person(actor, db, &a, user_id).await,
        _ => Err(Error::BadRequest("err-group-action")),
    }
}

async fn set_role(
    actor: &Actor,
    db: &Db,
    a: &Access,
    user_id: &str,
    role: GroupRole,
    action: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    store::set_member_in(
        &mut tx,
        &a.group.id,
        user_id,
        role.as_str(),
        "en",
        spona_store::now(),
    )
    .await?;
    audit_in(
        &mut tx,
        actor,
        action,
        &a.group.id,
        format!("user={user_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
