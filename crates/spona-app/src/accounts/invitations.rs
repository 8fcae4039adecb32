//! Accepting an invitation and inviting people to an organisation.
//!
//! Accepting is one transaction, for a new account as for a signed-in person: the link is
//! used, the account created (for a new person), the membership given, a mailed link marks
//! the address proven, and the audit entry is written — all of it or none.

use spona_domain::Invalid;
use spona_domain::ids::{OrgId, UserId};
use spona_domain::org::is_email;
use spona_domain::role::OrgRole;
use spona_store::idempotency::Once;
use spona_store::tokens::{self, Invite};
use spona_store::{Db, StoreError, users};

use super::{audit_in, commit_at};
use crate::{Actor, Error, Result};

/// Fault points of this module, for tests.
pub const FAULT_ACCEPT_NEW: &str = "invite.accept_new";
pub const FAULT_JOIN: &str = "invite.join";

/// What an accepted invitation led to.
#[derive(Debug, Clone)]
pub struct Joined {
    pub user_id: UserId,
    pub org_id: OrgId,
    /// The organisation's slug, for the redirect to its page.
    pub slug: String,
}

/// The invitation a link stands for, while it is usable; otherwise the "link expired" answer.
pub async fn find(db: &Db, token: &str) -> Result<Invite> {
    tokens::find_invite(db, token)
        .await?
        .ok_or(Error::BadRequest("err-link-expired"))
}

/// Whether the actor is signed in with the invited address.
pub fn is_invited(actor: &Actor, invite: &Invite) -> bool {
    actor
        .user()
        .is_some_and(|u| users::normalise_email(&u.email) == invite.email)
}

/// The form problems of a new account for an invitation: the name's length, the password's
/// repetition and policy. When the address has an account already, the only problem is
/// "sign in instead" (no password is looked at).
pub async fn new_account_problems(
    db: &Db,
    invite: &Invite,
    display_name: &str,
    password: &str,
    password2: &str,
) -> Result<Vec<Invalid>> {
    let mut problems = Vec::new();
    if users::find_by_email(db, &invite.email).await?.is_some() {
        problems.push(Invalid::new("password", "err-invite-signin"));
        return Ok(problems);
    }
    let len = display_name.chars().count();
    if !(2..=100).contains(&len) {
        problems.push(Invalid::new("display_name", "err-name-length"));
    }
    if password != password2 {
        problems.push(Invalid::new("password2", "err-password-mismatch"));
    } else if let Some(p) = crate::auth::password_problem(password, &invite.email) {
        problems.push(Invalid::new("password", p));
    }
    Ok(problems)
}

/// Accepts an invitation as a new account (the form was checked with
/// [`new_account_problems`] and the password hashed): the one-time key claimed, the link
/// used, the account and its membership created and the acceptance audited, in one
/// transaction. A retry of an acceptance that committed gets
/// `Error::Store(StoreError::Replay(location))`; a used or expired link "link expired".
pub async fn accept_as_new_account(
    db: &Db,
    token: &str,
    display_name: &str,
    password_hash: &str,
    once: &Once,
) -> Result<Joined> {
    let mut tx = db.begin().await?;
    let (user_id, invite, slug) = match tokens::accept_invite_as_new_user_in(
        &mut tx,
        token,
        display_name,
        password_hash,
        once,
    )
    .await
    {
        Err(StoreError::NotFound) => return Err(Error::BadRequest("err-link-expired")),
        other => other?,
    };
    audit_in(
        &mut tx,
        Some(&user_id),
        "org.invite_accepted",
        "organisation",
        &invite.org_id,
        String::new(),
    )
    .await?;
    commit_at(tx, FAULT_ACCEPT_NEW).await?;
    Ok(Joined {
        user_id: UserId::from(user_id),
        org_id: invite.org_id,
        slug,
    })
}

/// The signed-in person whose address was invited joins (no password: they signed in): the
/// link used, the membership given in the invited role, a mailed link marks the address
/// proven, and the acceptance audited, in one transaction.
pub async fn join_signed_in(actor: &Actor, db: &Db, token: &str) -> Result<Joined> {
    let user = actor.require_user()?;
    let invite = find(db, token).await?;
    if !is_invited(actor, &invite) {
        return Err(Error::BadRequest("err-invite-other-account"));
    }
    let mut tx = db.begin().await?;
    let invite = tokens::take_invite_in(&mut tx, token)
        .await?
        .ok_or(Error::BadRequest("err-link-expired"))?;
    users::set_membership_in(&mut tx, &user.id, &invite.org_id, invite.role()).await?;
    if invite.was_mailed() {
        users::mark_email_proven_in(&mut tx, &user.id).await?;
    }
    audit_in(
        &mut tx,
        Some(&user.id),
        "org.invite_accepted",
        "organisation",
        &invite.org_id,
        String::new(),
    )
    .await?;
    commit_at(tx, FAULT_JOIN).await?;
    let slug = spona_store::orgs::get(db, &invite.org_id).await?.slug;
    Ok(Joined {
        user_id: user.id.clone(),
        org_id: invite.org_id,
        slug,
    })
}

/// An invitation to make, once checked.
#[derive(Debug, Clone)]
pub struct NewInvite {
    /// Lower-cased and trimmed.
    pub email: String,
    pub role: OrgRole,
}

/// Checks an invitation form for an organisation the actor manages: a valid address, a
/// known role, someone not yet a member.
pub async fn check_invite(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    email: &str,
    role: &str,
) -> Result<NewInvite> {
    super::people::require_manager(actor, org_id)?;
    let email = email.trim().to_lowercase();
    let mut problems = Vec::new();
    if !is_email(&email) {
        problems.push(Invalid::new("email", "err-email"));
    }
    let role = OrgRole::parse(role);
    if role.is_none() {
        problems.push(Invalid::new("role", "err-unknown-choice"));
    }
    if let Some(existing) = users::find_by_email(db, &email).await?
        && users::members_of(db, org_id)
            .await?
            .iter()
            .any(|m| m.user_id == existing.id)
    {
        problems.push(Invalid::new("email", "err-already-member"));
    }
    match role {
        Some(role) if problems.is_empty() => Ok(NewInvite { email, role }),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Creates a mailed invitation (checked with [`check_invite`]) and audits it, in one
/// transaction with the form's one-time key. Returns the link's token, to be mailed to the
/// invited address only.
pub async fn invite(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    new: &NewInvite,
    once: &Once,
    mail: impl FnOnce(&str) -> crate::mail::Mail,
) -> Result<String> {
    let user = super::people::require_manager(actor, org_id)?;
    let mut tx = db.begin().await?;
    let token =
        tokens::create_invite_in(&mut tx, &new.email, org_id, new.role, &user.id, Some(once))
            .await?;
    // The mail with the link leaves if and only if the invitation is made.
    crate::mail::enqueue_in(&mut tx, &mail(&token)).await?;
    audit_in(
        &mut tx,
        Some(&user.id),
        "org.invited",
        "organisation",
        org_id,
        format!("role={}", new.role.as_str()),
    )
    .await?;
    commit_at(tx, "invite.create").await?;
    Ok(token)
}

/// A platform admin makes a one-time invitation link to hand over by other means (no mail
/// server, or mail that does not arrive), audited in the same transaction. Using it does not
/// prove the address.
pub async fn issue_link(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    email: &str,
    role: &str,
) -> Result<(String, String)> {
    let admin = actor.require_admin()?;
    let email = email.trim().to_lowercase();
    if !is_email(&email) {
        return Err(Error::BadRequest("err-email"));
    }
    let role = OrgRole::parse(role).ok_or(Error::BadRequest("err-unknown-choice"))?;
    let mut tx = db.begin().await?;
    let token =
        tokens::create_handed_out_invite_in(&mut tx, &email, org_id, role, &admin.id).await?;
    audit_in(
        &mut tx,
        Some(&admin.id),
        "org.invite_link_issued",
        "organisation",
        org_id,
        format!("role={} by=platform-admin", role.as_str()),
    )
    .await?;
    commit_at(tx, "invite.link").await?;
    Ok((token, email))
}

#[cfg(test)]
mod tests {
    use spona_domain::role::PlatformRole;
    use spona_store::users::User;

    use super::*;

    fn invite_for(email: &str) -> Invite {
        Invite {
            email: email.to_owned(),
            org_id: "astra".into(),
            org_role: OrgRole::Member,
            expires_at: 0,
            handed_out_at: None,
        }
    }

    fn signed_in_as(email: &str) -> Actor {
        Actor::signed_in(
            User {
                id: "u".into(),
                email: email.to_owned(),
                display_name: "U".to_owned(),
                password_hash: String::new(),
                platform_role: PlatformRole::User,
                totp_secret: None,
                totp_last_step: None,
                disabled: false,
                created_at: 0,
            },
            vec![],
        )
    }

    #[test]
    fn only_the_invited_address_may_join() {
        let invite = invite_for("vesna@example.org");
        assert!(is_invited(&signed_in_as("Vesna@Example.org "), &invite));
        assert!(!is_invited(&signed_in_as("milan@example.org"), &invite));
        assert!(!is_invited(&Actor::anonymous(), &invite));
    }
}
