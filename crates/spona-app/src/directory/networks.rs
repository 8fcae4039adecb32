//! Networks of organisations: reading them, and the membership that the admins of the
//! coordinating organisation (or platform admins) manage. Each change and its audit entry
//! commit in one transaction.

use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::networks::{self, Network};
use spona_store::orgs::{self, Org};

use crate::{Actor, Error, Result};

/// Every network, by name.
pub async fn list(db: &Db) -> Result<Vec<Network>> {
    Ok(networks::list(db).await?)
}

/// Whether `actor` coordinates `network`: an admin of its coordinating organisation, or a
/// platform admin.
pub fn coordinates(actor: &Actor, network: &Network) -> bool {
    actor.can_manage_org(&network.coordinator_org_id)
}

/// A network as its page shows it to `actor`.
pub struct NetworkDetail {
    pub network: Network,
    /// Its member organisations, in the directory's order.
    pub members: Vec<Org>,
    pub can_coordinate: bool,
    /// Organisations that could be added, `(slug, name)`: for coordinators only.
    pub candidates: Vec<(String, String)>,
}

/// The network `slug` with its members.
pub async fn show(actor: &Actor, db: &Db, slug: &str) -> Result<NetworkDetail> {
    let network = networks::get_by_slug(db, slug).await?;
    let members = networks::members(db, &network.id).await?;
    let can_coordinate = coordinates(actor, &network);
    let candidates = if can_coordinate {
        orgs::all_names(db)
            .await?
            .into_iter()
            .filter(|(id, _, _)| !members.iter().any(|m| &m.id == id))
            .map(|(_, slug, name)| (slug, name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(NetworkDetail {
        network,
        members,
        can_coordinate,
        candidates,
    })
}

/// The network `slug` with the slugs of its member organisations (for the API).
pub async fn with_member_slugs(db: &Db, slug: &str) -> Result<(Network, Vec<String>)> {
    let network = networks::get_by_slug(db, slug).await?;
    let members = networks::members(db, &network.id)
        .await?
        .into_iter()
        .map(|o| o.slug)
        .collect();
    Ok((network, members))
}

/// The network `slug`, if `actor` coordinates it.
pub async fn coordinated(actor: &Actor, db: &Db, slug: &str) -> Result<Network> {
    actor.require_user()?;
    let network = networks::get_by_slug(db, slug).await?;
    if !coordinates(actor, &network) {
        return Err(Error::Forbidden);
    }
    Ok(network)
}

fn event<'a>(actor: &'a Actor, action: &'a str, org: &'a Org, network: &Network) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "organisation",
        target_id: &org.id,
        detail: format!("network={}", network.id),
    }
}

/// Adds the organisation `org_slug` to the network `slug`; returns the network.
pub async fn add_member(actor: &Actor, db: &Db, slug: &str, org_slug: &str) -> Result<Network> {
    let network = coordinated(actor, db, slug).await?;
    let org = orgs::get_by_slug(db, org_slug)
        .await
        .map_err(|_| Error::BadRequest("err-unknown-org"))?;
    let mut tx = db.begin().await?;
    networks::add_member_in(&mut tx, &network.id, &org.id).await?;
    spona_store::tx::fault_point("network.add_member")?;
    audit::record_in(
        &mut tx,
        event(actor, "network.member_added", &org, &network),
    )
    .await?;
    tx.commit().await?;
    Ok(network)
}

/// Removes the organisation `org_slug` from the network `slug` (never its coordinator);
/// returns the network.
pub async fn remove_member(actor: &Actor, db: &Db, slug: &str, org_slug: &str) -> Result<Network> {
    let network = coordinated(actor, db, slug).await?;
    let org = orgs::get_by_slug(db, org_slug).await?;
    if network.coordinator_org_id == org.id {
        return Err(Error::BadRequest("err-coordinator-stays"));
    }
    let mut tx = db.begin().await?;
    networks::remove_member_in(&mut tx, &network.id, &org.id).await?;
    audit::record_in(
        &mut tx,
        event(actor, "network.member_removed", &org, &network),
    )
    .await?;
    tx.commit().await?;
    Ok(network)
}
