//! Who reads an export, with what the access rules need to know of them, read once per
//! export rather than once per row: the actor (contact details: `directory::contacts`) and
//! the networks of their organisations (the resource hub's rule: `hub::readable`).

use spona_domain::resource::Visibility;
use spona_store::Db;
use spona_store::exports_more::HubReader;

use crate::{Actor, Result, hub};

/// A reader of exports.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub actor: Actor,
    /// Slugs of the networks the reader's organisations belong to.
    pub networks: Vec<String>,
}

impl Viewer {
    pub async fn of(db: &Db, actor: &Actor) -> Result<Viewer> {
        Ok(Viewer {
            actor: actor.clone(),
            networks: hub::actor_networks(db, actor).await?,
        })
    }

    /// Someone not signed in.
    pub fn anonymous() -> Viewer {
        Viewer {
            actor: Actor::anonymous(),
            networks: Vec::new(),
        }
    }

    /// Whether the hub's rule lets this reader read a resource kept with `visibility`
    /// (as stored) by `owner` for `networks` (`;`-separated slugs).
    pub fn reads_resource(&self, visibility: &str, owner: &str, networks: &str) -> bool {
        let Some(visibility) = Visibility::parse(visibility) else {
            return false;
        };
        let named: Vec<&str> = networks.split(';').filter(|n| !n.is_empty()).collect();
        hub::readable(&self.actor, &self.networks, visibility, owner, &named)
    }

    /// The reader as the store counts the hub's rows for them.
    pub fn hub_reader(&self) -> HubReader {
        HubReader {
            signed_in: self.actor.is_signed_in(),
            admin: self.actor.is_admin(),
            orgs: self
                .actor
                .memberships()
                .iter()
                .map(|m| m.org_id.to_string())
                .collect(),
            networks: self.networks.clone(),
        }
    }
}
