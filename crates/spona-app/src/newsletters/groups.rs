//! A working group's newsletters. The group's coordinators (and platform admins) start and
//! edit them with the same pages as a network's (variants, preview, a test to oneself,
//! scheduling, the archive); the group's members get every issue without subscribing (they
//! leave it like any subscriber: the newsletter's button or a mail's unsubscribe link), and
//! people outside subscribe with the same confirmed sign-up. The send loop's recipients
//! (`spona_store::newsletters::recipients_in`) join the members to the subscribers.

use spona_domain::Invalid;
use spona_domain::newsletter::{IssueState, OwnerKind, Variant};
use spona_store::Db;
use spona_store::newsletters::{self as store, Issue, Newsletter};

use super::issues::{NewNewsletter, create_owned};
use crate::groups::Access;
use crate::{Actor, Result};

/// Whether `actor` coordinates group `group_id` (or is a platform admin).
pub async fn coordinates(actor: &Actor, db: &Db, group_id: &str) -> Result<bool> {
    let Some(user) = actor.user() else {
        return Ok(false);
    };
    if actor.is_admin() {
        return Ok(true);
    }
    Ok(spona_store::groups::role_of(db, group_id, &user.id)
        .await?
        .as_deref()
        == Some("coordinator"))
}

/// A group's newsletter with its sent issues (newest first) and, for editors, the rest.
pub struct OfGroup {
    pub newsletter: Newsletter,
    pub sent: Vec<(Issue, Vec<Variant>)>,
    pub unsent: usize,
}

/// A group's newsletters page: the group as `actor` sees it (sign-in first, then 404), its
/// newsletters with their archives, and whether `actor` may start one.
pub struct GroupNewsletters {
    pub access: Access,
    pub newsletters: Vec<OfGroup>,
    pub can_create: bool,
}

/// The newsletters of group `group_id` for `actor`.
pub async fn of_group(actor: &Actor, db: &Db, group_id: &str) -> Result<GroupNewsletters> {
    let access = crate::groups::access(actor, db, group_id).await?;
    let mut newsletters = Vec::new();
    for n in spona_store::groups::newsletters_of(db, group_id).await? {
        let editor = super::can_edit(actor, db, &n).await?;
        let all = store::issues(db, &n.id, !editor).await?;
        let (sent, unsent): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|(i, _)| i.state == IssueState::Sent);
        newsletters.push(OfGroup {
            newsletter: n,
            sent,
            unsent: unsent.len(),
        });
    }
    Ok(GroupNewsletters {
        can_create: access.coordinates(),
        access,
        newsletters,
    })
}

/// Starts a newsletter of group `group_id` (its coordinators and platform admins); `once`
/// as in [`super::issues::create`].
pub async fn create(
    actor: &Actor,
    db: &Db,
    group_id: &str,
    f: &NewNewsletter,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<Newsletter> {
    let access = crate::groups::access(actor, db, group_id).await?;
    access.require_coordinator()?;
    let problems: Vec<Invalid> = Vec::new();
    create_owned(
        actor,
        db,
        (OwnerKind::Group, &access.group.id),
        f,
        problems,
        once,
    )
    .await
}

/// Whether a signed-in `user_id` gets `n` as a member of its group (its members need no
/// subscription).
pub async fn gets_as_member(db: &Db, n: &Newsletter, user_id: &str) -> Result<bool> {
    if n.owner_kind != OwnerKind::Group {
        return Ok(false);
    }
    Ok(spona_store::groups::takes_part(db, &n.owner_id, user_id).await?)
}
