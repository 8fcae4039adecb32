//! A round's proposals after a run: the coordinator's pins and bans, publishing, each side's
//! answer, and the contact details the two sides share once both accepted. Each change is
//! saved with its audit entry in one transaction.

use std::collections::HashMap;

use spona_domain::ids::ParticipantId;
use spona_domain::matching::{Answer, ConstraintKind, Programme, RoundStatus, Side};
use spona_store::audit::{self, Event};
use spona_store::matching::{self, Participant, ParticipantContacts, Proposal, Round};
use spona_store::{Db, StoreError};

use super::access::{my_side, require_coordinator};
use super::privacy::Sight;
use crate::{Actor, Error, Result};

/// Pins (`pin`) or forbids (`forbid`) a pair for the next run, or clears (`clear`) an earlier
/// decision. For the round's coordinator.
pub async fn constrain(
    actor: &Actor,
    db: &Db,
    round: &Round,
    a: &str,
    b: &str,
    kind: &str,
) -> Result<()> {
    require_coordinator(actor, db, round).await?;
    let people = matching::participants(db, &round.id).await?;
    let on = |pid: &str, side: Side| people.iter().any(|p| p.id == pid && p.side == side);
    if !on(a, Side::A) || !on(b, Side::B) {
        let personal = round
            .programme()
            .is_some_and(spona_domain::matching::Programme::is_personal);
        return Err(Error::BadRequest(if personal {
            "err-unknown-participant-person"
        } else {
            "err-unknown-participant"
        }));
    }
    let constraint = match kind {
        "pin" => Some(ConstraintKind::Pin),
        "forbid" => Some(ConstraintKind::Forbid),
        "clear" => None,
        _ => return Err(Error::BadRequest("err-unknown-choice")),
    };
    let user = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    matching::set_constraint_in(&mut tx, &round.id, a, b, constraint, &user).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&user),
            action: "matching.constraint",
            target_kind: "round",
            target_id: &round.id,
            detail: format!("{kind}:{a}-{b}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes the proposals of a run to their sides; answers them (for the notices).
pub async fn publish(actor: &Actor, db: &Db, round: &Round) -> Result<Vec<Proposal>> {
    require_coordinator(actor, db, round).await?;
    let proposals = matching::proposals(db, &round.id).await?;
    if round.status != RoundStatus::Proposed || proposals.is_empty() {
        return Err(Error::BadRequest("err-nothing-to-publish"));
    }
    let mut tx = db.begin().await?;
    matching::set_status_in(&mut tx, &round.id, RoundStatus::Published).await?;
    spona_store::tx::fault_point("matching.publish")?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "matching.published",
            target_kind: "round",
            target_id: &round.id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(proposals)
}

/// An answer that was saved.
#[derive(Debug)]
pub struct Answered {
    pub proposal: Proposal,
    /// The side the actor answered for.
    pub side: Side,
    pub accepted: bool,
}

/// One side's answer (`accept` or `decline`) to a published proposal. Anyone who does not
/// speak for a side of it gets [`Error::NotFound`], as before publishing.
pub async fn answer(
    actor: &Actor,
    db: &Db,
    round: &Round,
    people: &[Participant],
    proposal_id: &str,
    answer: &str,
) -> Result<Answered> {
    let user = actor.require_user()?.id.clone();
    let proposal = matching::proposals(db, &round.id)
        .await?
        .into_iter()
        .find(|p| p.id == proposal_id)
        .ok_or(Error::NotFound)?;
    let side = my_side(actor, &proposal, people).ok_or(Error::NotFound)?;
    if round.status != RoundStatus::Published {
        return Err(Error::NotFound);
    }
    let accepted = match answer {
        "accept" => true,
        "decline" => false,
        _ => return Err(Error::BadRequest("err-unknown-choice")),
    };
    if proposal.answer_of(side) != Answer::Pending {
        return Err(Error::BadRequest(
            if round.programme == Programme::Mentorship {
                "err-already-answered-person"
            } else {
                "err-already-answered"
            },
        ));
    }
    let mut tx = db.begin().await?;
    matching::answer_in(&mut tx, &proposal, side, accepted, &user).await?;
    spona_store::tx::fault_point("matching.answer")?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&user),
            action: if accepted {
                "matching.accepted"
            } else {
                "matching.declined"
            },
            target_kind: "proposal",
            target_id: &proposal.id,
            detail: format!("side={side}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Answered {
        proposal,
        side,
        accepted,
    })
}

/// What a participant shares with their partner once both accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    /// A person's name (an organisation is named anyway).
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

/// The contact details of every participant of the round, by participant id — read (in one
/// query) only if some proposal the reader sees lets them see contacts, else empty.
pub async fn contacts_for(
    db: &Db,
    round: &Round,
    seen: &[(Proposal, Sight)],
    people: &[Participant],
) -> Result<HashMap<ParticipantId, Contacts>> {
    if !seen.iter().any(|(_, s)| s.sees_contacts()) {
        return Ok(HashMap::new());
    }
    let all = matching::contacts(db, &round.id).await?;
    Ok(people
        .iter()
        .filter_map(|p| {
            let c = all.iter().find(|c| p.id == c.participant_id.as_str())?;
            Some((p.id.clone(), shared(p, c.clone())))
        })
        .collect())
}

/// What `partner` shares once a pair agreed (for the pair's page, whose readers are its sides
/// and the coordinators).
pub async fn contacts_of(db: &Db, partner: &Participant) -> Result<Contacts> {
    Ok(matching::contacts(db, &partner.round_id)
        .await?
        .into_iter()
        .find(|c| partner.id == c.participant_id.as_str())
        .map(|c| shared(partner, c))
        .unwrap_or_default())
}

/// An organisation shares its public e-mail, phone and website; a person their name and
/// e-mail.
fn shared(p: &Participant, c: ParticipantContacts) -> Contacts {
    if p.org_id.is_some() {
        Contacts {
            name: None,
            email: c.org_email,
            phone: c.org_phone,
            website: c.org_website,
        }
    } else if p.user_id.is_some() {
        Contacts {
            name: c.person_name,
            email: c.person_email,
            ..Default::default()
        }
    } else {
        Contacts::default()
    }
}

/// Maps the store's conflict on a second opt-in to the message the form shows.
pub(super) fn already(e: StoreError, key: &'static str) -> Error {
    match e {
        StoreError::Conflict(_) => Error::Conflict(key),
        other => other.into(),
    }
}
