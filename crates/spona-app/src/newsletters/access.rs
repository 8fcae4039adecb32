//! Who reads a newsletter and who edits it. A network's newsletter is edited by those who
//! coordinate the network (admins of its coordinating organisation, platform admins).
//! A group's newsletter is edited by the group's coordinators (and platform admins).

use spona_domain::Locale;
use spona_domain::newsletter::{Audience, OwnerKind};
use spona_store::Db;
use spona_store::networks::{self, Network};
use spona_store::newsletters::{self, Newsletter};

use crate::{Actor, Error, Result};

/// A newsletter as a list shows it.
pub struct Listed {
    pub newsletter: Newsletter,
    /// The name of what owns it (the network's stored name; a group's in the reader's
    /// language).
    pub owner_name: String,
    pub owner_slug: String,
    /// The owner's page (`/networks/{slug}` or `/groups/{id}`), empty when unknown.
    pub owner_href: String,
    pub can_edit: bool,
}

async fn owner_network(db: &Db, n: &Newsletter) -> Result<Option<Network>> {
    if n.owner_kind != OwnerKind::Network {
        return Ok(None);
    }
    Ok(networks::list(db)
        .await?
        .into_iter()
        .find(|net| net.id == n.owner_id))
}

/// Whether `actor` edits `n`: writes issues, sends them, sees its subscribers.
pub async fn can_edit(actor: &Actor, db: &Db, n: &Newsletter) -> Result<bool> {
    if !actor.is_signed_in() {
        return Ok(false);
    }
    if actor.is_admin() {
        return Ok(true);
    }
    Ok(match n.owner_kind {
        OwnerKind::Network => owner_network(db, n)
            .await?
            .is_some_and(|net| crate::directory::networks::coordinates(actor, &net)),
        OwnerKind::Group => super::groups::coordinates(actor, db, &n.owner_id).await?,
    })
}

/// Whether `actor` may read `n`'s archive at all.
fn may_read(actor: &Actor, n: &Newsletter) -> bool {
    n.audience == Audience::Public || actor.is_signed_in()
}

/// The newsletter `slug`, if `actor` may read it (`NotFound` otherwise: a members-only
/// newsletter does not exist for the public).
pub async fn readable(actor: &Actor, db: &Db, slug: &str) -> Result<Newsletter> {
    let n = newsletters::by_slug(db, slug).await?;
    if !may_read(actor, &n) {
        return Err(Error::NotFound);
    }
    Ok(n)
}

/// The newsletter `slug`, if `actor` edits it: `SignInRequired`, then `NotFound`, then
/// `Forbidden`.
pub async fn editable(actor: &Actor, db: &Db, slug: &str) -> Result<Newsletter> {
    actor.require_user()?;
    let n = readable(actor, db, slug).await?;
    if !can_edit(actor, db, &n).await? {
        return Err(Error::Forbidden);
    }
    Ok(n)
}

/// Every newsletter `actor` may read, with its owner's name (a group's in `locale`).
pub async fn list(actor: &Actor, db: &Db, locale: Locale) -> Result<Vec<Listed>> {
    let nets = networks::list(db).await?;
    let mut names = crate::groups::names::Names::default();
    let mut out = Vec::new();
    for n in newsletters::list(db).await? {
        if !may_read(actor, &n) {
            continue;
        }
        if n.owner_kind == OwnerKind::Group {
            let can_edit = can_edit(actor, db, &n).await?;
            let name = match spona_store::groups::get(db, &n.owner_id).await {
                Ok(g) => names.name(db, locale, &g.id, &g.lang, &g.name).await?,
                Err(_) => String::new(),
            };
            out.push(Listed {
                owner_href: format!("/groups/{}", n.owner_id),
                owner_name: name,
                owner_slug: String::new(),
                can_edit,
                newsletter: n,
            });
            continue;
        }
        let net = nets.iter().find(|net| net.id == n.owner_id);
        let can_edit = actor.is_admin()
            || net.is_some_and(|net| crate::directory::networks::coordinates(actor, net));
        out.push(Listed {
            owner_name: net.map(|x| x.name.clone()).unwrap_or_default(),
            owner_slug: net.map(|x| x.slug.clone()).unwrap_or_default(),
            owner_href: net
                .map(|x| format!("/networks/{}", x.slug))
                .unwrap_or_default(),
            can_edit: actor.is_signed_in() && can_edit,
            newsletter: n,
        });
    }
    Ok(out)
}

/// The networks `actor` may start a newsletter for (those they coordinate).
pub async fn owners_for(actor: &Actor, db: &Db) -> Result<Vec<Network>> {
    if !actor.is_signed_in() {
        return Ok(Vec::new());
    }
    Ok(networks::list(db)
        .await?
        .into_iter()
        .filter(|net| crate::directory::networks::coordinates(actor, net))
        .collect())
}
