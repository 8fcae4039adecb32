//! A case's team: adding a person, leaving, removing, and a platform admin's emergency
//! access ("break glass"). Each change is a custody entry in the case's log and an audit
//! entry, in one transaction.

use spona_domain::vault::CaseRole;
use spona_store::Db;
use spona_store::vault::{self as records};

use super::{CaseAccess, VaultState};
use crate::{Actor, Error, Result};

/// Gives the person with `email` the role `role` on the case, if such an active account
/// exists; nothing otherwise (the caller answers the same either way). `why` is checked
/// already ([`super::reason`]).
pub async fn grant_by_email(
    db: &Db,
    access: &CaseAccess<'_>,
    email: &str,
    role: CaseRole,
    why: &str,
) -> Result<()> {
    access.require_manage()?;
    let Some(user) = spona_store::users::find_by_email(db, email)
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(());
    };
    let entry = access.entry(
        "grant",
        &spona_vault::facts::granted(&user.id, role.as_str(), "", why),
        None,
    );
    let mut tx = super::begin(db).await?;
    let head = records::set_member_in(
        &mut tx,
        access.id(),
        &user.id,
        role,
        &access.actor,
        entry,
        access.vault,
    )
    .await?;
    super::audit_in(&mut tx, &access.actor, "vault.access_granted").await?;
    super::commit(tx, access.vault, &head).await
}

/// The acting member leaves the case (the last lead cannot).
pub async fn leave(db: &Db, access: &CaseAccess<'_>) -> Result<()> {
    let members = records::members(db, access.id()).await?;
    let leads = members.iter().filter(|m| m.role == CaseRole::Lead).count();
    if access.role == CaseRole::Lead && leads <= 1 {
        return Err(Error::BadRequest("err-vault-last-lead"));
    }
    let me = access.actor.clone();
    let entry = access.entry(
        "revoke",
        &spona_vault::facts::revoked(&me, "left the case"),
        None,
    );
    let mut tx = super::begin(db).await?;
    let head = records::remove_member_in(&mut tx, access.id(), &me, entry, access.vault).await?;
    super::audit_in(&mut tx, &me, "vault.left").await?;
    super::commit(tx, access.vault, &head).await
}

/// A lead removes someone from the team (not the last lead). `why` is the form's reason.
pub async fn remove(db: &Db, access: &CaseAccess<'_>, user_id: &str, why: &str) -> Result<()> {
    access.require_manage()?;
    let members = records::members(db, access.id()).await?;
    let target = members
        .iter()
        .find(|m| m.user_id == user_id)
        .ok_or(Error::NotFound)?;
    let leads = members.iter().filter(|m| m.role == CaseRole::Lead).count();
    if target.role == CaseRole::Lead && leads <= 1 {
        return Err(Error::Conflict("err-vault-last-lead"));
    }
    let why = super::reason(why)?;
    let entry = access.entry("revoke", &spona_vault::facts::revoked(user_id, &why), None);
    let mut tx = super::begin(db).await?;
    let head =
        records::remove_member_in(&mut tx, access.id(), user_id, entry, access.vault).await?;
    spona_store::tx::fault_point("vault.access_revoked")?;
    super::audit_in(&mut tx, &access.actor, "vault.access_revoked").await?;
    super::commit(tx, access.vault, &head).await
}

/// A platform admin joins a case as a reviewer in an emergency. It is never silent: the
/// reason (at least 10 characters) goes into the case's custody log, which the team reads,
/// and into the audit log. Anyone else gets [`Error::NotFound`], as for any case they are
/// not on.
pub async fn break_glass(
    actor: &Actor,
    db: &Db,
    vault: &VaultState,
    case_id: &str,
    why: &str,
) -> Result<()> {
    let admin_id = super::user_id(actor)?;
    if !actor.is_admin() || uuid::Uuid::parse_str(case_id).is_err() {
        return Err(Error::NotFound);
    }
    let vault = vault.get()?;
    records::case(db, case_id).await?;
    let why = super::reason(why)?;
    if why.chars().count() < 10 {
        return Err(Error::BadRequest("err-vault-reason-required"));
    }
    let entry = super::entry(
        admin_id,
        case_id,
        "grant",
        &spona_vault::facts::granted(
            admin_id,
            "reviewer",
            " (a platform admin's emergency access)",
            &why,
        ),
        None,
    );
    let mut tx = super::begin(db).await?;
    let head = records::set_member_in(
        &mut tx,
        case_id,
        admin_id,
        CaseRole::Reviewer,
        admin_id,
        entry,
        vault,
    )
    .await?;
    super::audit_in(&mut tx, admin_id, "vault.emergency_access").await?;
    super::commit(tx, vault, &head).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::load_case;
    use crate::vault::testing::{open_case, person, setup};
    use spona_domain::role::PlatformRole;

    #[tokio::test]
    async fn the_last_lead_stays_and_emergency_access_is_an_admins_and_audited() {
        let (_dir, db, vault) = setup().await;
        let lead = person(&db, "lead@example.org", PlatformRole::User).await;
        let other = person(&db, "other@example.org", PlatformRole::User).await;
        let admin = person(&db, "admin@example.org", PlatformRole::Admin).await;
        let id = open_case(&db, &vault, &lead).await;
        let access = load_case(&lead, &db, &vault, &id).await.expect("lead");
        assert!(matches!(
            leave(&db, &access).await,
            Err(Error::BadRequest("err-vault-last-lead"))
        ));
        let lead_id = lead.id().expect("id");
        assert!(matches!(
            remove(&db, &access, lead_id, "").await,
            Err(Error::Conflict("err-vault-last-lead"))
        ));
        // A grant to an unknown address changes nothing and says nothing.
        grant_by_email(&db, &access, "nobody@example.org", CaseRole::Reviewer, "")
            .await
            .expect("no one");
        assert_eq!(records::members(&db, &id).await.expect("team").len(), 1);
        // Someone who is not an admin learns nothing about the case.
        let why = "a court order about this case";
        assert!(matches!(
            break_glass(&other, &db, &vault, &id, why).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            break_glass(&admin, &db, &vault, &id, "short").await,
            Err(Error::BadRequest("err-vault-reason-required"))
        ));
        break_glass(&admin, &db, &vault, &id, why)
            .await
            .expect("admin");
        let team = records::members(&db, &id).await.expect("team");
        assert!(
            team.iter()
                .any(|m| m.user_id == admin.id().expect("id") && m.role == CaseRole::Reviewer)
        );
        let audited = spona_store::audit::count(&db, Some("vault.emergency_access"))
            .await
            .expect("audit");
        assert_eq!(audited, 1);
        // A reviewer may not manage the team.
        let reviewer = load_case(&admin, &db, &vault, &id).await.expect("admin");
        assert!(matches!(
            remove(&db, &reviewer, lead_id, "").await,
            Err(Error::Forbidden)
        ));
    }
}
