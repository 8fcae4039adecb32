//! Platform administration: the audit log and user accounts, for platform admins only.
//! Disabling an account ends its sessions and voids its links in the same transaction as the
//! change and its audit entry.

use spona_domain::role::PlatformRole;
use spona_store::audit::{self, Entry};
use spona_store::users::{self, User};
use spona_store::{Db, sessions};

use super::{audit_in, commit_at};
use crate::{Actor, Error, Result};

/// Entries per page of the audit log.
pub const AUDIT_PAGE: i64 = 50;

/// One page of the audit log (newest first), optionally of one action (`a.b_c` form), and
/// whether a next page exists.
pub async fn audit_log(
    actor: &Actor,
    db: &Db,
    action: &str,
    page: u32,
) -> Result<(Vec<Entry>, bool)> {
    actor.require_admin()?;
    if action.len() > 64
        || !action
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
    {
        return Err(Error::BadRequest("err-bad-form"));
    }
    let filter = (!action.is_empty()).then_some(action);
    let offset = i64::from(page.saturating_sub(1)) * AUDIT_PAGE;
    let mut entries = audit::list(db, filter, AUDIT_PAGE + 1, offset).await?;
    let has_next = entries.len() as i64 > AUDIT_PAGE;
    entries.truncate(AUDIT_PAGE as usize);
    Ok((entries, has_next))
}

/// Every account.
pub async fn users(actor: &Actor, db: &Db) -> Result<Vec<User>> {
    actor.require_admin()?;
    Ok(users::list(db).await?)
}

/// A platform admin acting on another account (never their own).
pub(super) fn admin_on_other<'a>(actor: &'a Actor, id: &str) -> Result<&'a User> {
    let admin = actor.require_admin()?;
    if admin.id == id {
        return Err(Error::BadRequest("err-not-yourself"));
    }
    Ok(admin)
}

/// Disables an account: its sessions end and its outstanding links are voided.
pub async fn disable(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    let admin = admin_on_other(actor, id)?;
    let user = users::get(db, id).await?;
    let mut tx = db.begin().await?;
    users::set_disabled_in(&mut tx, id, true).await?;
    sessions::revoke_all_access_in(&mut tx, id, &user.email).await?;
    audit_in(
        &mut tx,
        Some(&admin.id),
        "user.disabled",
        "user",
        id,
        String::new(),
    )
    .await?;
    commit_at(tx, "admin.disable").await
}

/// Enables a disabled account.
pub async fn enable(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    let admin = actor.require_admin()?;
    let mut tx = db.begin().await?;
    users::set_disabled_in(&mut tx, id, false).await?;
    audit_in(
        &mut tx,
        Some(&admin.id),
        "user.enabled",
        "user",
        id,
        String::new(),
    )
    .await?;
    commit_at(tx, "admin.enable").await
}

/// Gives an account another platform role; its sessions end (they carried the old role).
pub async fn set_platform_role(actor: &Actor, db: &Db, id: &str, role: &str) -> Result<()> {
    let admin = admin_on_other(actor, id)?;
    let role = PlatformRole::parse(role).ok_or(Error::BadRequest("err-unknown-choice"))?;
    let mut tx = db.begin().await?;
    users::set_platform_role_in(&mut tx, id, role).await?;
    sessions::delete_all_for_user_in(&mut tx, id).await?;
    audit_in(
        &mut tx,
        Some(&admin.id),
        "user.role_changed",
        "user",
        id,
        format!("role={}", role.as_str()),
    )
    .await?;
    commit_at(tx, "admin.role").await
}
