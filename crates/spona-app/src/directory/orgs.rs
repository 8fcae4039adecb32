//! Organisations: finding them, reading one, creating one (platform admins), editing a
//! profile or logo (the organisation's admins). Every change and its audit entry commit in
//! one transaction.

use spona_domain::ids::OrgId;
use spona_domain::org::{DirectoryFilter, OrgDraft, OrgProfile, Slug};
use spona_store::audit::{self, Event};
use spona_store::directory::{Directory, Page};
use spona_store::idempotency::Once;
use spona_store::networks::Network;
use spona_store::orgs::{self, Org};
use spona_store::{Db, Tx};

use crate::{Actor, Error, Result};

/// One page of the organisations matching `filter`, from the in-memory directory.
pub async fn search(directory: &Directory, db: &Db, filter: &DirectoryFilter) -> Result<Page> {
    Ok(directory.list(db, filter).await?)
}

/// An organisation as its page and the API show it to `actor`.
pub struct OrgDetail {
    pub org: Org,
    /// The networks it belongs to, by name.
    pub networks: Vec<Network>,
    /// Whether the actor may see the contact details ([`super::sees_contacts`]).
    pub sees_contacts: bool,
    /// Whether the actor may edit the profile and logo.
    pub can_manage: bool,
    /// Whether the actor belongs to the organisation (then its buddies are shown).
    pub is_member: bool,
}

/// The organisation `slug` as `actor` may see it.
pub async fn show(actor: &Actor, db: &Db, slug: &str) -> Result<OrgDetail> {
    let org = orgs::get_by_slug(db, slug).await?;
    let networks = spona_store::networks::of_org(db, &org.id).await?;
    Ok(OrgDetail {
        sees_contacts: super::sees_contacts(actor, &org),
        can_manage: actor.can_manage_org(&org.id),
        is_member: actor.is_member_of(&org.id),
        networks,
        org,
    })
}

/// The organisation's buddy organisations (agreed pairs of the buddy programme):
/// `(id, slug, stored name)`, for its own members only; empty for anyone else.
pub async fn buddies(actor: &Actor, db: &Db, org: &Org) -> Result<Vec<(String, String, String)>> {
    if !actor.is_member_of(&org.id) {
        return Ok(Vec::new());
    }
    Ok(spona_store::matching::agreed_partners(db, &org.id, "buddy").await?)
}

/// The organisation `slug`, if `actor` may manage it: [`Error::SignInRequired`] for nobody,
/// [`Error::NotFound`] for no such organisation, [`Error::Forbidden`] for anyone else.
pub async fn managed(actor: &Actor, db: &Db, slug: &str) -> Result<Org> {
    actor.require_user()?;
    let org = orgs::get_by_slug(db, slug).await?;
    if !actor.can_manage_org(&org.id) {
        return Err(Error::Forbidden);
    }
    Ok(org)
}

/// Names of the fields that differ between two profiles (for the audit log).
fn changed_fields(old: &OrgProfile, new: &OrgProfile) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut diff = |name: &'static str, changed: bool| {
        if changed {
            v.push(name);
        }
    };
    diff("name", old.name != new.name);
    diff("country", old.country != new.country);
    diff("city", old.city != new.city);
    diff("website", old.website != new.website);
    diff("email", old.email != new.email);
    diff("phone", old.phone != new.phone);
    diff(
        "contact_visibility",
        old.contact_visibility != new.contact_visibility,
    );
    diff("themes", old.themes != new.themes);
    diff("offers", old.offers != new.offers);
    diff("needs", old.needs != new.needs);
    diff("languages", old.languages != new.languages);
    diff("texts", old.texts != new.texts);
    v
}

/// An audit entry for `org` by `actor`.
fn event<'a>(actor: &'a Actor, action: &'a str, org_id: &'a str, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "organisation",
        target_id: org_id,
        detail,
    }
}

/// Replaces `org`'s profile with `draft` ([`Error::Invalid`] names the fields that do not
/// pass); the audit entry lists the changed fields.
pub async fn update(actor: &Actor, db: &Db, org: &Org, draft: &OrgDraft) -> Result<()> {
    if !actor.can_manage_org(&org.id) {
        return Err(Error::Forbidden);
    }
    let profile = draft.validate().map_err(Error::Invalid)?;
    let changed = changed_fields(&org.profile(), &profile);
    let mut tx = db.begin().await?;
    orgs::update_in(&mut tx, &org.id, &profile).await?;
    spona_store::tx::fault_point("org.update")?;
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::ORG,
        &org.slug,
        "changed",
        &crate::publog::version_of(format!("{profile:?}").as_bytes()),
    )
    .await?;
    audit::record_in(
        &mut tx,
        event(actor, "org.updated", &org.id, changed.join(",")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Creates an organisation from `draft` (platform admins only) under a free slug made from
/// its name; returns the slug. `once` is the form's one-time key, claimed in the same
/// transaction (a malformed key is refused after the fields are checked). A retry of a
/// create that committed answers [`spona_store::StoreError::Replay`].
pub async fn create(
    actor: &Actor,
    db: &Db,
    draft: &OrgDraft,
    once: Result<Once>,
) -> Result<(OrgId, Slug)> {
    actor.require_admin()?;
    let profile = draft.validate().map_err(Error::Invalid)?;
    let once = once?;
    let mut tx = db.begin().await?;
    let slug = orgs::free_slug_in(&mut tx, &profile.name).await?;
    let id = orgs::create_in(&mut tx, &slug, &profile, Some(&once)).await?;
    spona_store::tx::fault_point("org.create")?;
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::ORG,
        &slug.to_string(),
        "published",
        &crate::publog::version_of(format!("{profile:?}").as_bytes()),
    )
    .await?;
    audit::record_in(&mut tx, event(actor, "org.created", &id, slug.to_string())).await?;
    tx.commit().await?;
    Ok((id, slug))
}

/// Sets (`Some(file name)`) or removes `org`'s published logo.
pub async fn set_logo(actor: &Actor, db: &Db, org: &Org, logo: Option<&str>) -> Result<()> {
    if !actor.can_manage_org(&org.id) {
        return Err(Error::Forbidden);
    }
    let mut tx: Tx = db.begin().await?;
    orgs::set_logo_in(&mut tx, &org.id, logo).await?;
    let (action, detail) = match logo {
        Some(name) => ("org.logo_changed", name.to_owned()),
        None => ("org.logo_removed", String::new()),
    };
    audit::record_in(&mut tx, event(actor, action, &org.id, detail)).await?;
    tx.commit().await?;
    Ok(())
}
