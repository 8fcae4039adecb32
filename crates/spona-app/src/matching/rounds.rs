//! Opening a round and opting in to one: organisations (by one of their admins) in peer
//! exchanges and buddy pairs, people in mentorship rounds. Each save carries its audit entry
//! in the same transaction.

use spona_domain::matching::{OptIn, RoundSpec, Side};
use spona_domain::role::OrgRole;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::idempotency::Once;
use spona_store::matching::{self, Round};
use spona_store::networks;
use spona_store::orgs::Org;

use super::access::{coordinated_networks, in_network};
use super::proposals::already;
use crate::{Actor, Error, Result};

/// The network a new round is for, by its slug: one the actor coordinates; an empty slug (a
/// round for everyone) only for a platform admin.
pub async fn network_for(actor: &Actor, db: &Db, slug: &str) -> Result<Option<String>> {
    let networks = coordinated_networks(actor, db).await?;
    match slug {
        "" if actor.is_admin() => Ok(None),
        "" => Err(Error::Forbidden),
        slug => Ok(Some(
            networks
                .into_iter()
                .find(|n| n.slug == slug)
                .ok_or(Error::Forbidden)?
                .id
                .into_string(),
        )),
    }
}

/// Opens a round (see [`network_for`] for who may). A replayed form answers the store's
/// [`spona_store::StoreError::Replay`].
pub async fn open(
    actor: &Actor,
    db: &Db,
    spec: &RoundSpec,
    network: Option<&str>,
    once: Option<&Once>,
) -> Result<String> {
    let user = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let id = matching::create_round_in(&mut tx, spec, network, &user, once).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&user),
            action: "matching.round_opened",
            target_kind: "round",
            target_id: &id,
            detail: spec.programme.as_str().to_owned(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The organisation (by slug) an actor opts in and the side it would take, once the checks
/// that no form field explains pass: the actor administers it (not even a platform admin
/// speaks for another), the round is open, the organisation's country is on a side and, in a
/// network's round, it belongs to the network.
pub async fn org_may_opt_in(
    actor: &Actor,
    db: &Db,
    round: &Round,
    slug: &str,
) -> Result<(Org, Side)> {
    actor.require_user()?;
    let org = spona_store::orgs::get_by_slug(db, slug)
        .await
        .map_err(|_| Error::BadRequest("err-unknown-org"))?;
    let own_admin = actor
        .memberships()
        .iter()
        .any(|m| m.org_id == org.id && m.role() == OrgRole::Admin);
    if !own_admin {
        return Err(Error::Forbidden);
    }
    if !round.is_open(spona_store::now()) {
        return Err(Error::BadRequest("err-round-closed"));
    }
    let side = round
        .side_of(&org.country)
        .ok_or(Error::BadRequest("err-not-on-a-side"))?;
    if let Some(network) = &round.network_id
        && !networks::members(db, network)
            .await?
            .iter()
            .any(|o| o.id == org.id)
    {
        return Err(Error::BadRequest("err-not-in-network"));
    }
    Ok((org, side))
}

/// Saves an organisation's opt-in (after [`org_may_opt_in`] and the form's checks).
pub async fn opt_in_org(
    actor: &Actor,
    db: &Db,
    round: &Round,
    org_id: &str,
    side: Side,
    o: &OptIn,
) -> Result<String> {
    let user = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let id = matching::opt_in_in(&mut tx, &round.id, org_id, side, o, &user)
        .await
        .map_err(|e| already(e, "err-already-opted-in"))?;
    spona_store::tx::fault_point("matching.opt_in")?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&user),
            action: "matching.opted_in",
            target_kind: "round",
            target_id: &round.id,
            detail: format!("org={org_id} side={side}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The checks before a person's form is read: the round is open, the person belongs to its
/// network (if it has one) and is not in the round yet (one person, one side).
pub async fn person_may_opt_in(actor: &Actor, db: &Db, round: &Round) -> Result<()> {
    let user = actor.require_user()?.id.clone();
    if !round.is_open(spona_store::now()) {
        return Err(Error::BadRequest("err-round-closed"));
    }
    if !in_network(actor, db, round).await? {
        return Err(Error::BadRequest("err-not-in-network"));
    }
    if matching::participants(db, &round.id)
        .await?
        .iter()
        .any(|p| p.user_id.as_deref() == Some(user.as_str()))
    {
        return Err(Error::Conflict("err-person-already-in"));
    }
    Ok(())
}

/// Saves a person's opt-in (after [`person_may_opt_in`] and the form's checks).
pub async fn opt_in_person(
    actor: &Actor,
    db: &Db,
    round: &Round,
    country: &str,
    side: Side,
    o: &OptIn,
) -> Result<String> {
    let user = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let id = matching::opt_in_person_in(&mut tx, &round.id, &user, country, side, o)
        .await
        .map_err(|e| already(e, "err-person-already-in"))?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&user),
            action: "matching.opted_in",
            target_kind: "round",
            target_id: &round.id,
            detail: format!("person side={side} capacity={}", o.capacity),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
