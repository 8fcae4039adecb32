//! Who may do what in a round: coordinators (a platform admin, or an admin of the network's
//! coordinating organisation), those who speak for a participant (answer its proposals) and
//! those who belong to it (see its pairs and write their history).

use spona_domain::matching::Side;
use spona_domain::role::OrgRole;
use spona_store::Db;
use spona_store::matching::{Participant, Proposal, Round};
use spona_store::networks::{self, Network};
use spona_store::orgs::Org;

use crate::{Actor, Result};

/// The networks the actor coordinates (all of them for a platform admin).
pub async fn coordinated_networks(actor: &Actor, db: &Db) -> Result<Vec<Network>> {
    actor.require_user()?;
    Ok(networks::list(db)
        .await?
        .into_iter()
        .filter(|n| actor.can_manage_org(&n.coordinator_org_id))
        .collect())
}

/// Whether the actor may open rounds: a platform admin or a network coordinator.
pub async fn may_coordinate(actor: &Actor, db: &Db) -> Result<bool> {
    Ok(actor.is_admin() || !coordinated_networks(actor, db).await?.is_empty())
}

/// Whether the actor coordinates this round.
pub async fn coordinates(actor: &Actor, db: &Db, round: &Round) -> Result<bool> {
    if actor.is_admin() {
        return Ok(true);
    }
    let Some(network) = &round.network_id else {
        return Ok(false);
    };
    if !actor.is_signed_in() {
        return Ok(false);
    }
    Ok(coordinated_networks(actor, db)
        .await?
        .iter()
        .any(|n| &n.id == network))
}

/// Whether the actor speaks for this participant: an admin of its organisation, or the
/// person themself. Only they answer proposals.
pub fn speaks_for(actor: &Actor, p: &Participant) -> bool {
    let Some(id) = actor.id() else {
        return false;
    };
    match (&p.org_id, &p.user_id) {
        (Some(org), _) => actor.is_admin_of(org),
        (None, Some(person)) => person == id,
        (None, None) => false,
    }
}

/// The side of a proposal the actor speaks for, if any.
pub fn my_side(actor: &Actor, p: &Proposal, people: &[Participant]) -> Option<Side> {
    let speaks = |pid: &str| people.iter().any(|x| x.id == pid && speaks_for(actor, x));
    if speaks(&p.a_id) {
        Some(Side::A)
    } else if speaks(&p.b_id) {
        Some(Side::B)
    } else {
        None
    }
}

/// Whether the actor belongs to this participant: a member (in any role) of its
/// organisation, or the person themself. Members see and write their pairs' history; only
/// those who speak for a participant answer proposals.
pub fn member_side(actor: &Actor, p: &Participant) -> bool {
    let Some(id) = actor.id() else {
        return false;
    };
    match (&p.org_id, &p.user_id) {
        (Some(org), _) => actor.is_member_of(org),
        (None, Some(person)) => person == id,
        (None, None) => false,
    }
}

/// Whether the actor belongs to the round's network (one of its member organisations);
/// rounds for everyone are open to every signed-in person.
pub async fn in_network(actor: &Actor, db: &Db, round: &Round) -> Result<bool> {
    let Some(network) = &round.network_id else {
        return Ok(true);
    };
    if !actor.is_signed_in() {
        return Ok(false);
    }
    Ok(networks::members(db, network)
        .await?
        .iter()
        .any(|o| actor.is_member_of(&o.id)))
}

/// The organisations the actor may still opt in to this round, each with its side: those
/// they administer, not yet in it, in the round's network (when it has one) and in a
/// country of one of its sides; in the order of the actor's memberships. A fixed number of
/// queries, however many organisations the actor administers.
pub async fn eligible_orgs(
    actor: &Actor,
    db: &Db,
    round: &Round,
    participants: &[Participant],
) -> Result<Vec<(Org, Side)>> {
    let candidates = candidates(actor, participants);
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let mut orgs = match &round.network_id {
        Some(network) => networks::members(db, network).await?,
        None => spona_store::orgs::get_many(db, &candidates).await?,
    };
    orgs.retain(|o| candidates.contains(&o.id.as_str()));
    orgs.sort_by_key(|o| candidates.iter().position(|id| *id == o.id.as_str()));
    Ok(orgs
        .into_iter()
        .filter_map(|o| round.side_of(&o.country).map(|side| (o, side)))
        .collect())
}

/// The ids of the organisations the actor administers that are not yet in the round.
fn candidates<'a>(actor: &'a Actor, participants: &[Participant]) -> Vec<&'a str> {
    actor
        .memberships()
        .iter()
        .filter(|m| m.role() == OrgRole::Admin)
        .map(|m| m.org_id.as_str())
        .filter(|id| {
            !participants
                .iter()
                .any(|p| p.org_id.as_deref() == Some(*id))
        })
        .collect()
}

/// Whether the actor may still opt in personally to this mentorship round.
pub async fn may_opt_in_person(
    actor: &Actor,
    db: &Db,
    round: &Round,
    participants: &[Participant],
) -> Result<bool> {
    let Some(id) = actor.id() else {
        return Ok(false);
    };
    if !round.is_open(spona_store::now())
        || participants
            .iter()
            .any(|p| p.user_id.as_deref() == Some(id))
    {
        return Ok(false);
    }
    in_network(actor, db, round).await
}

/// The round, if the actor coordinates it (else [`crate::Error::Forbidden`]).
pub async fn require_coordinator(actor: &Actor, db: &Db, round: &Round) -> Result<()> {
    actor.require_user()?;
    if coordinates(actor, db, round).await? {
        Ok(())
    } else {
        Err(crate::Error::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin_of(orgs: &[(&str, OrgRole)]) -> Actor {
        crate::actor::testing::in_orgs("u", orgs)
    }

    fn taking_part(org: &str) -> Participant {
        Participant {
            id: "p".into(),
            round_id: "r".into(),
            org_id: Some(org.into()),
            org_slug: Some(org.into()),
            user_id: None,
            name: org.into(),
            country: "RS".into(),
            side: Side::B,
            offers: String::new(),
            needs: String::new(),
            themes: String::new(),
            languages: String::new(),
            statement: String::new(),
            accepts_interpretation: false,
            capacity: 1,
            availability: String::new(),
            created_at: 0,
        }
    }

    #[test]
    fn only_administered_organisations_not_yet_in_the_round_may_opt_in() {
        let actor = admin_of(&[
            ("astra", OrgRole::Admin),
            ("atina", OrgRole::Member),
            ("zmina", OrgRole::Admin),
            ("bridge", OrgRole::Admin),
        ]);
        assert_eq!(
            candidates(&actor, &[taking_part("zmina")]),
            ["astra", "bridge"],
            "a member does not opt in for the organisation; one already in is left out"
        );
        assert!(candidates(&Actor::anonymous(), &[]).is_empty());
    }
}
