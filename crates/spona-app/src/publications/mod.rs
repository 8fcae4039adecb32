//! Publications and stories (issue 22 item 4): articles, stories from the field, podcast and
//! video links with their transcripts, photo essays; by an organisation or a network; in
//! several languages; scheduled to be shown from an instant; the calendar of significant
//! dates they are planned around.
//!
//! **Who sees what** ([`can_see`]). A publication whose instant has come is public. Before
//! that, a draft (no instant) is seen by its author alone; a scheduled one also by the
//! members of the organisation that publishes it (for a network: of its coordinating
//! organisation), who plan around the same dates. Only the author changes a publication.
//! Anyone else gets [`Error::NotFound`], as for one that does not exist.

mod calendar;
mod edit;
mod write;

pub use calendar::{CalendarDay, add_date, calendar, date_networks};
pub use edit::{
    can_delete, change_kind, deletable, delete, move_photo, publisher_value, remove_date,
    remove_photo,
};
pub use write::{
    Publisher, add_photo, check_alt, create, photo_target, publishers, save_variant, schedule,
    unschedule,
};

use spona_domain::resource::ContentLang;
use spona_store::publications::{self as store, Publication, Scope, Variant};
use spona_store::{Db, audit};

use crate::actor::Actor;
use crate::{Error, Result};

/// The most publications a list or feed holds.
pub const LIST_LIMIT: i64 = 100;

/// Whether the actor may see the publication at `now`.
pub fn can_see(actor: &Actor, p: &Publication, now: i64) -> bool {
    if p.published(now) {
        return true;
    }
    if is_author(actor, p) {
        return true;
    }
    p.publish_at.is_some() && actor.is_signed_in() && actor.is_member_of(&p.home_org_id)
}

/// Whether the actor wrote the publication (and so may change it).
pub fn is_author(actor: &Actor, p: &Publication) -> bool {
    matches!((actor.id(), &p.created_by), (Some(me), Some(by)) if me == by)
}

/// A publication the actor may see at `now`.
pub async fn read(actor: &Actor, db: &Db, id: &str, now: i64) -> Result<Publication> {
    match store::get(db, id).await? {
        Some(p) if can_see(actor, &p, now) => Ok(p),
        _ => Err(Error::NotFound),
    }
}

/// A publication the actor may change: sign-in first, then 404 unless they wrote it.
pub async fn editable(actor: &Actor, db: &Db, id: &str) -> Result<Publication> {
    actor.require_user()?;
    match store::get(db, id).await? {
        Some(p) if is_author(actor, &p) => Ok(p),
        Some(p) if can_see(actor, &p, spona_store::now()) => Err(Error::Forbidden),
        _ => Err(Error::NotFound),
    }
}

/// What everyone sees at `now` in `scope`, newest first.
pub async fn published(db: &Db, scope: &Scope, now: i64) -> Result<Vec<Publication>> {
    Ok(store::published(db, scope, now, LIST_LIMIT).await?)
}

/// The actor's drafts and the scheduled publications of their organisations.
pub async fn unpublished(actor: &Actor, db: &Db, now: i64) -> Result<Vec<Publication>> {
    let Some(me) = actor.id() else {
        return Ok(Vec::new());
    };
    let orgs: Vec<String> = actor
        .memberships()
        .iter()
        .map(|m| m.org_id.clone())
        .collect();
    Ok(store::unpublished_for(db, me, &orgs, now).await?)
}

/// A network's feed scope from its slug (404 for an unknown network).
pub async fn network_scope(db: &Db, slug: &str) -> Result<(Scope, String)> {
    match spona_store::networks::get_by_slug(db, slug).await {
        Ok(n) => Ok((Scope::Network(n.id.to_string()), n.name)),
        Err(spona_store::StoreError::NotFound) => Err(Error::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// The variant to show a reader of `lang`: the asked language if written, else the original.
pub fn chosen(p: &Publication, lang: ContentLang) -> Option<&Variant> {
    p.variants
        .iter()
        .find(|v| v.lang == lang.as_str())
        .or_else(|| p.variants.first())
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> audit::Event<'a> {
    audit::Event {
        actor_id: actor.id(),
        action,
        target_kind: "publication",
        target_id: id,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::testing::{member, user};
    use spona_domain::role::{OrgRole, PlatformRole};

    fn publication(at: Option<i64>) -> Publication {
        Publication {
            id: "p".into(),
            kind: "article".into(),
            org_id: Some("astra".into()),
            network_id: None,
            by_slug: "astra".into(),
            by_name: "ASTRA".into(),
            home_org_id: "astra".into(),
            link: None,
            publish_at: at,
            publish_local: None,
            zone: at.map(|_| "Europe/Belgrade".into()),
            created_by: Some("author".into()),
            created_at: 0,
            updated_at: 0,
            variants: vec![],
            photos: vec![],
        }
    }

    #[test]
    fn drafts_are_their_authors_and_scheduled_ones_their_organisations() {
        let author = Actor::signed_in(
            user("author", PlatformRole::User),
            vec![member("astra", OrgRole::Member)],
        );
        let colleague = Actor::signed_in(
            user("c", PlatformRole::User),
            vec![member("astra", OrgRole::Admin)],
        );
        let admin = Actor::signed_in(user("a", PlatformRole::Admin), vec![]);
        let draft = publication(None);
        assert!(can_see(&author, &draft, 10));
        assert!(!can_see(&colleague, &draft, 10));
        assert!(!can_see(&admin, &draft, 10));
        let later = publication(Some(100));
        assert!(can_see(&colleague, &later, 10));
        assert!(!can_see(&Actor::anonymous(), &later, 99));
        assert!(can_see(&Actor::anonymous(), &later, 100));
        assert!(is_author(&author, &later) && !is_author(&colleague, &later));
    }
}
