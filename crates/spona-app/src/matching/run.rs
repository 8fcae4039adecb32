//! Running a round: candidates from what each side offers and needs, the coordinator's pins
//! and bans, pairs one side already accepted kept, the solver, and the proposals saved with
//! the audit entry in one transaction.

use std::collections::{BTreeSet, HashMap, HashSet};

use spona_domain::matching::{Answer, ConstraintKind, Programme, RoundStatus, Side};
use spona_matching::{Problem, ScoringRule, SolveError};
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::matching::{self, NewProposal, Participant, Reason, Round};

use super::access::require_coordinator;
use crate::{Actor, Error, Result};

fn as_set(field: &str) -> BTreeSet<String> {
    Participant::list(field).into_iter().collect()
}

/// Runs the round for its coordinator and saves the proposals (replacing unanswered ones);
/// answers how many pairs it proposed.
pub async fn run(actor: &Actor, db: &Db, round: &Round) -> Result<usize> {
    require_coordinator(actor, db, round).await?;
    if round.status == RoundStatus::Closed {
        return Err(Error::BadRequest("err-round-closed"));
    }
    let people = matching::participants(db, &round.id).await?;
    let side_a: Vec<&Participant> = people.iter().filter(|p| p.side == Side::A).collect();
    let side_b: Vec<&Participant> = people.iter().filter(|p| p.side == Side::B).collect();
    let buddy = round.programme == Programme::Buddy;
    let to_matching = |p: &Participant, cap: u32| spona_matching::Participant {
        offers: as_set(&p.offers),
        needs: as_set(&p.needs),
        themes: as_set(&p.themes),
        languages: as_set(&p.languages),
        accepts_interpretation: p.accepts_interpretation,
        capacity: cap,
    };
    // Buddies take one partner each; in a peer exchange side A may host several, in a
    // mentorship a mentor takes up to their capacity of mentees; side B takes one partner
    // each (the solver pairs two participants at most once).
    let cap_a = |p: &Participant| if buddy { 1 } else { p.capacity.max(1) as u32 };
    let a: Vec<_> = side_a.iter().map(|p| to_matching(p, cap_a(p))).collect();
    let b: Vec<_> = side_b.iter().map(|p| to_matching(p, 1)).collect();
    let earlier: HashSet<(String, String)> = matching::earlier_partners(db, &round.id)
        .await?
        .into_iter()
        .flat_map(|(x, y)| [(x.clone(), y.clone()), (y, x)])
        .collect();
    let rule = ScoringRule::default();
    let mut why = HashMap::new();
    let mut candidates = Vec::new();
    for (i, pa) in side_a.iter().enumerate() {
        for (j, pb) in side_b.iter().enumerate() {
            let worked = earlier.contains(&(pa.key().to_owned(), pb.key().to_owned()));
            if let Some(e) = rule.explain(&a[i], &b[j], worked) {
                candidates.push((i, j, e.score));
                why.insert((i, j), e);
            }
        }
    }
    let index_a: HashMap<&str, usize> = side_a
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let index_b: HashMap<&str, usize> = side_b
        .iter()
        .enumerate()
        .map(|(j, p)| (p.id.as_str(), j))
        .collect();
    let pair = |x: &str, y: &str| Some((*index_a.get(x)?, *index_b.get(y)?));
    let mut pinned = Vec::new();
    let mut forbidden = Vec::new();
    for c in matching::constraints(db, &round.id).await? {
        if let Some(p) = pair(&c.a_id, &c.b_id) {
            if c.kind == ConstraintKind::Pin {
                pinned.push(p)
            } else {
                forbidden.push(p)
            }
        }
    }
    // Pairs one side already accepted stay.
    for p in matching::proposals(db, &round.id).await? {
        if (p.a_answer == Answer::Accepted || p.b_answer == Answer::Accepted)
            && p.a_answer != Answer::Declined
            && p.b_answer != Answer::Declined
            && let Some(x) = pair(&p.a_id, &p.b_id)
        {
            pinned.push(x);
        }
    }
    let problem = Problem {
        left_capacity: a.iter().map(|p| p.capacity).collect(),
        right_capacity: vec![1; b.len()],
        candidates,
        pinned,
        forbidden,
    };
    let solution = spona_matching::assign::solve(&problem).map_err(|e| match e {
        SolveError::OverCapacity { .. } => Error::BadRequest("err-pins-over-capacity"),
        SolveError::PinnedAndForbidden { .. } => Error::BadRequest("err-pinned-and-forbidden"),
        _ => Error::BadRequest("err-no-pairs"),
    })?;
    if solution.pairs.is_empty() {
        return Err(Error::BadRequest("err-no-pairs"));
    }
    let new: Vec<NewProposal> = solution
        .pairs
        .iter()
        .map(|&(i, j)| {
            let e = why.get(&(i, j));
            (
                side_a[i].id.clone(),
                side_b[j].id.clone(),
                e.map_or(0, |e| e.score),
                e.map_or(Reason::Pinned, |e| Reason::Scored(e.clone())),
            )
        })
        .collect();
    let status = if round.status == RoundStatus::Published {
        RoundStatus::Published
    } else {
        RoundStatus::Proposed
    };
    let mut tx = db.begin().await?;
    matching::replace_proposals_in(&mut tx, &round.id, &new, status).await?;
    spona_store::tx::fault_point("matching.run")?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: actor.id(),
            action: "matching.run",
            target_kind: "round",
            target_id: &round.id,
            detail: format!("pairs={} total={}", new.len(), solution.total),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(new.len())
}
