//! Sessions and credentials: signing in and out, password resets, changing a password or
//! the second factor. Each change commits with its audit entry; a change of credentials ends
//! every other session and voids every outstanding link of the account in the same
//! transaction, and starts the browser's fresh session there too.
//!
//! The checks that need the request (rate limits, the password itself, which is verified
//! with [`crate::auth::check_password`] before these run) stay with the caller.

use spona_store::users::{self, User};
use spona_store::{Db, sessions, tokens};

use super::{audit_in, commit_at};
use crate::{Actor, Error, Result};

/// Records an attempt that changed nothing (a failed sign-in or second factor).
pub async fn record_failure(
    db: &Db,
    actor_id: Option<&str>,
    action: &str,
    target_id: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    audit_in(&mut tx, actor_id, action, "user", target_id, String::new()).await?;
    commit_at(tx, "auth.failure").await
}

/// Starts a fresh session for `user_id` (never reusing `old`, which ends) and returns the
/// cookie's token. `signed_in` (not while a second factor is awaited) audits the sign-in in
/// the same transaction.
pub async fn start_session(
    db: &Db,
    user_id: &str,
    old: Option<&str>,
    mfa_pending: bool,
    signed_in: bool,
) -> Result<String> {
    let mut tx = db.begin().await?;
    if let Some(old) = old {
        sessions::delete_in(&mut tx, old).await?;
    }
    let token = sessions::create_in(&mut tx, user_id, mfa_pending).await?;
    if signed_in {
        audit_in(
            &mut tx,
            Some(user_id),
            "auth.signin",
            "user",
            user_id,
            String::new(),
        )
        .await?;
    }
    commit_at(tx, "auth.session").await?;
    Ok(token)
}

/// Accepts a second-factor code's time step once: false when that step (or a later one) was
/// used already.
pub async fn claim_totp_step(db: &Db, user_id: &str, step: i64) -> Result<bool> {
    Ok(users::claim_totp_step(db, user_id, step).await?)
}

/// Ends this browser's session; a signed-in person's sign-out is audited with it.
pub async fn sign_out(db: &Db, session: Option<&str>, user_id: Option<&str>) -> Result<()> {
    let mut tx = db.begin().await?;
    if let Some(token) = session {
        sessions::delete_in(&mut tx, token).await?;
    }
    if let Some(id) = user_id {
        audit_in(&mut tx, Some(id), "auth.signout", "user", id, String::new()).await?;
    }
    commit_at(tx, "auth.signout").await
}

/// Ends every session of the actor and voids their outstanding links.
pub async fn sign_out_everywhere(actor: &Actor, db: &Db) -> Result<()> {
    let user = actor.require_user()?;
    let mut tx = db.begin().await?;
    sessions::revoke_all_access_in(&mut tx, &user.id, &user.email).await?;
    audit_in(
        &mut tx,
        Some(&user.id),
        "auth.signout_everywhere",
        "user",
        &user.id,
        String::new(),
    )
    .await?;
    commit_at(tx, "auth.signout_everywhere").await
}

/// A password-reset link for the account, recorded (by nobody: the request is anonymous).
/// Returns the link's token, to be mailed to the account's address only.
pub async fn reset_link(
    db: &Db,
    user_id: &str,
    mail: impl FnOnce(&str) -> crate::mail::Mail,
) -> Result<String> {
    let mut tx = db.begin().await?;
    let token = tokens::create_reset_in(&mut tx, user_id).await?;
    // The mail with the link is queued with the link itself.
    crate::mail::enqueue_in(&mut tx, &mail(&token)).await?;
    audit_in(
        &mut tx,
        None,
        "auth.reset_requested",
        "user",
        user_id,
        String::new(),
    )
    .await?;
    commit_at(tx, "auth.reset_link").await?;
    Ok(token)
}

/// Sets a new password (already checked and hashed) with a reset link: the link used, the
/// address proven (the link came by mail to it), every session and link of the account
/// ended, and the reset audited, in one transaction.
pub async fn reset_password(db: &Db, token: &str, password_hash: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let user_id = tokens::take_reset_in(&mut tx, token)
        .await?
        .ok_or(Error::BadRequest("err-link-expired"))?;
    let user = users::get_in(&mut tx, &user_id).await?;
    users::set_password_in(&mut tx, &user.id, password_hash).await?;
    users::mark_email_proven_in(&mut tx, &user.id).await?;
    sessions::revoke_all_access_in(&mut tx, &user.id, &user.email).await?;
    audit_in(
        &mut tx,
        Some(&user.id),
        "auth.password_reset",
        "user",
        &user.id,
        String::new(),
    )
    .await?;
    commit_at(tx, "auth.password_reset").await
}

/// A change of the actor's credentials (the current password was checked by the caller).
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// A new password hash.
    Password(&'a str),
    /// A second factor with its secret, and the time step of the code that confirmed it.
    TotpOn {
        secret: &'a str,
        step: Option<i64>,
    },
    TotpOff,
}

impl Change<'_> {
    fn action(&self) -> &'static str {
        match self {
            Change::Password(_) => "auth.password_changed",
            Change::TotpOn { .. } => "auth.totp_enabled",
            Change::TotpOff => "auth.totp_disabled",
        }
    }
}

/// Changes the actor's credentials: the change, the end of every session and link of the
/// account, the audit entry and a fresh session for this browser, in one transaction.
/// Returns the fresh session's token.
pub async fn change(actor: &Actor, db: &Db, change: Change<'_>) -> Result<String> {
    let user: &User = actor.require_user()?;
    let mut tx = db.begin().await?;
    match change {
        Change::Password(hash) => users::set_password_in(&mut tx, &user.id, hash).await?,
        Change::TotpOn { secret, step } => {
            users::set_totp_in(&mut tx, &user.id, Some(secret)).await?;
            if let Some(step) = step {
                users::claim_totp_step_in(&mut tx, &user.id, step).await?;
            }
        }
        Change::TotpOff => users::set_totp_in(&mut tx, &user.id, None).await?,
    }
    sessions::revoke_all_access_in(&mut tx, &user.id, &user.email).await?;
    audit_in(
        &mut tx,
        Some(&user.id),
        change.action(),
        "user",
        &user.id,
        String::new(),
    )
    .await?;
    let token = sessions::create_in(&mut tx, &user.id, false).await?;
    commit_at(tx, "auth.credentials").await?;
    Ok(token)
}
