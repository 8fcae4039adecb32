//! Who a campaign is for: one of the organisations the person administers, or one of the
//! networks they coordinate (an admin of the network's coordinating organisation). The
//! authoring form offers exactly these, nothing chosen when there is a choice; the value of
//! an organisation is its id, of a network `network:<slug>`.

use spona_store::{Db, StoreError, networks};

use crate::actor::Actor;
use crate::{Error, Result};

/// One choice of the form's "for" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The organisation's id, or `network:<slug>`.
    pub key: String,
    pub name: String,
    pub network: bool,
}

/// The organisations the actor administers (by membership) and the networks whose
/// coordinating organisation is one of them. Two statements (the networks with their
/// texts), whatever the number of networks.
pub async fn owners(actor: &Actor, db: &Db) -> Result<Vec<Owner>> {
    actor.require_user()?;
    let mut out: Vec<Owner> = actor
        .memberships()
        .iter()
        .filter(|m| actor.is_admin_of(&m.org_id))
        .map(|m| Owner {
            key: m.org_id.clone(),
            name: m.org_name.clone(),
            network: false,
        })
        .collect();
    for n in networks::list(db).await? {
        if actor.is_admin_of(n.coordinator_org_id.as_str()) {
            out.push(Owner {
                key: format!("network:{}", n.slug),
                name: n.name.clone(),
                network: true,
            });
        }
    }
    Ok(out)
}

/// The chosen owner as `(org_id, network_id)`: for a network, its coordinating
/// organisation and its id. `None` when the actor may not open a campaign for it (or it
/// does not exist): the form names the field.
pub async fn resolve(
    actor: &Actor,
    db: &Db,
    key: &str,
) -> Result<Option<(String, Option<String>)>> {
    let key = key.trim();
    if let Some(slug) = key.strip_prefix("network:") {
        let n = match networks::get_by_slug(db, slug).await {
            Ok(n) => n,
            Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(Error::Store(e)),
        };
        let coordinator = n.coordinator_org_id.to_string();
        if !actor.can_manage_org(&coordinator) {
            return Ok(None);
        }
        return Ok(Some((coordinator, Some(n.id.to_string()))));
    }
    if key.is_empty() || !actor.can_manage_org(key) {
        return Ok(None);
    }
    Ok(Some((key.to_owned(), None)))
}
