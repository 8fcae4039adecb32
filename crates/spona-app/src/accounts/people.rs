//! An organisation's people: who may manage them, changing a role, removing someone. An
//! organisation always keeps at least one admin; the check and the change happen in one
//! transaction with the audit entry.

use spona_domain::role::OrgRole;
use spona_store::orgs::{self, Org};
use spona_store::users::{self, Member, User};
use spona_store::{Db, Tx, tokens};

use super::{audit_in, commit_at};
use crate::{Actor, Error, Result};

/// Fault points of this module, for tests.
pub const FAULT_ROLE: &str = "people.role";
pub const FAULT_REMOVE: &str = "people.remove";

/// The actor, if they administer the organisation (or the platform).
pub fn require_manager<'a>(actor: &'a Actor, org_id: &str) -> Result<&'a User> {
    let user = actor.require_user()?;
    if actor.can_manage_org(org_id) {
        Ok(user)
    } else {
        Err(Error::Forbidden)
    }
}

/// The organisation, if the actor administers it. Others get [`Error::Forbidden`] (the
/// organisation itself is public, so its existence is no secret).
pub async fn managed_org(actor: &Actor, db: &Db, slug: &str) -> Result<Org> {
    actor.require_user()?;
    let org = orgs::get_by_slug(db, slug).await?;
    require_manager(actor, &org.id)?;
    Ok(org)
}

/// What an organisation's people page shows: its members and open invitations.
pub async fn list(
    actor: &Actor,
    db: &Db,
    org_id: &str,
) -> Result<(Vec<Member>, Vec<tokens::PendingInvite>)> {
    require_manager(actor, org_id)?;
    let members = users::members_of(db, org_id).await?;
    let invites = tokens::pending_invites(db, org_id).await?;
    Ok((members, invites))
}

/// The person's role now; [`Error::NotFound`] when they are not a member. With `leaving`
/// (they stop being an admin), refuses to leave the organisation without an admin.
/// The organisation's admins are locked first, so two admins demoting each other at the same
/// moment cannot both pass (the second counts after the first commits).
async fn current_role(tx: &mut Tx, org_id: &str, user_id: &str, leaving: bool) -> Result<OrgRole> {
    users::lock_admins_in(tx, org_id).await?;
    let role = users::role_in(tx, user_id, org_id)
        .await?
        .ok_or(Error::NotFound)?;
    if leaving && role == OrgRole::Admin && users::admin_count_in(tx, org_id).await? <= 1 {
        return Err(Error::BadRequest("err-last-admin"));
    }
    Ok(role)
}

/// Gives a member another role in the organisation, audited in the same transaction.
pub async fn change_role(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    user_id: &str,
    role: &str,
) -> Result<()> {
    let manager = require_manager(actor, org_id)?;
    let role = OrgRole::parse(role).ok_or(Error::BadRequest("err-unknown-choice"))?;
    let mut tx = db.begin().await?;
    current_role(&mut tx, org_id, user_id, role == OrgRole::Member).await?;
    users::set_membership_in(&mut tx, user_id, org_id, role).await?;
    audit_in(
        &mut tx,
        Some(&manager.id),
        "org.role_changed",
        "user",
        user_id,
        format!("org={org_id} role={}", role.as_str()),
    )
    .await?;
    commit_at(tx, FAULT_ROLE).await
}

/// Removes a member from the organisation, audited in the same transaction.
pub async fn remove(actor: &Actor, db: &Db, org_id: &str, user_id: &str) -> Result<()> {
    let manager = require_manager(actor, org_id)?;
    let mut tx = db.begin().await?;
    current_role(&mut tx, org_id, user_id, true).await?;
    users::remove_membership_in(&mut tx, user_id, org_id).await?;
    audit_in(
        &mut tx,
        Some(&manager.id),
        "org.member_removed",
        "user",
        user_id,
        format!("org={org_id}"),
    )
    .await?;
    commit_at(tx, FAULT_REMOVE).await
}

#[cfg(test)]
mod tests {
    use spona_domain::role::PlatformRole;

    use super::*;
    use crate::actor::testing::{member as member_of, user};

    #[test]
    fn only_an_organisations_admins_and_platform_admins_manage_its_people() {
        let anonymous = Actor::anonymous();
        assert!(matches!(
            require_manager(&anonymous, "astra"),
            Err(Error::SignInRequired)
        ));
        let outsider = Actor::signed_in(user("o", PlatformRole::User), vec![]);
        assert!(matches!(
            require_manager(&outsider, "astra"),
            Err(Error::Forbidden)
        ));
        let member = Actor::signed_in(
            user("m", PlatformRole::User),
            vec![member_of("astra", OrgRole::Member)],
        );
        assert!(matches!(
            require_manager(&member, "astra"),
            Err(Error::Forbidden)
        ));
        let admin_elsewhere = Actor::signed_in(
            user("z", PlatformRole::User),
            vec![member_of("zmina", OrgRole::Admin)],
        );
        assert!(matches!(
            require_manager(&admin_elsewhere, "astra"),
            Err(Error::Forbidden)
        ));
        let admin = Actor::signed_in(
            user("a", PlatformRole::User),
            vec![member_of("astra", OrgRole::Admin)],
        );
        assert_eq!(
            require_manager(&admin, "astra").map(|u| u.id.as_str()).ok(),
            Some("a")
        );
        let platform = Actor::signed_in(user("p", PlatformRole::Admin), vec![]);
        assert!(require_manager(&platform, "astra").is_ok());
    }

    #[test]
    fn platform_administration_is_for_platform_admins_and_never_on_oneself() {
        let org_admin = Actor::signed_in(
            user("a", PlatformRole::User),
            vec![member_of("astra", OrgRole::Admin)],
        );
        assert!(matches!(
            super::super::admin::admin_on_other(&org_admin, "b"),
            Err(Error::Forbidden)
        ));
        let platform = Actor::signed_in(user("p", PlatformRole::Admin), vec![]);
        assert!(super::super::admin::admin_on_other(&platform, "b").is_ok());
        assert!(matches!(
            super::super::admin::admin_on_other(&platform, "p"),
            Err(Error::BadRequest("err-not-yourself"))
        ));
        assert!(matches!(
            super::super::admin::admin_on_other(&Actor::anonymous(), "b"),
            Err(Error::SignInRequired)
        ));
    }
}
