//! The signed-in person's home: their organisations and what waits for them — proposals
//! their side must answer, pairs that are due a check-in, resources to review or translate,
//! open invitations of the organisations they administer, vault cases, recent notices.
//!
//! The rules of who answers a proposal (the person, or an admin of their organisation) and
//! when a check-in is due live here; names and titles come in the reader's language. The
//! reads are a fixed number of queries, however many organisations, proposals or notices
//! there are.

use std::collections::HashMap;

use spona_domain::Locale;
use spona_domain::matching::Answer;
use spona_domain::role::OrgRole;
use spona_store::matching::MyProposal;
use spona_store::notifications::Notification;
use spona_store::resources::ResourceLine;
use spona_store::{Db, directory::Directory};

use crate::names::{OrgNames, title_in};
use crate::{Actor, Result};

/// A check-in is due when a pair's latest check-in (or its start) is older than this.
pub const CHECK_IN_EVERY: i64 = 30 * 86_400;

/// How many recent notices the home shows.
pub const NOTICES: i64 = 10;

/// What the signed-in reader's home shows.
#[derive(Debug, Default)]
pub struct Dashboard {
    /// `(slug, name, is admin)`.
    pub orgs: Vec<(String, String, bool)>,
    /// Proposals their side has not answered yet (and the other side has not declined).
    pub to_answer: Vec<MyProposal>,
    /// Agreed pairs still running; the flag says whether a check-in is due.
    pub pairs: Vec<(MyProposal, bool)>,
    pub to_review: Vec<ResourceLine>,
    pub outdated: Vec<ResourceLine>,
    pub vault_cases: usize,
    /// `(org slug, org name, pending invitations)` of organisations they administer.
    pub invitations: Vec<(String, String, usize)>,
    pub notices: Vec<Notification>,
}

impl Dashboard {
    /// Nothing waits for the reader.
    pub fn is_empty(&self) -> bool {
        self.to_answer.is_empty()
            && self.pairs.is_empty()
            && self.to_review.is_empty()
            && self.outdated.is_empty()
            && self.invitations.is_empty()
            && self.notices.is_empty()
    }
}

/// Whether the actor answers for their side of the proposal: a person for themselves, an
/// organisation's admin for it (the rule of `matching::access::speaks_for`).
pub fn speaks_for(actor: &Actor, p: &MyProposal) -> bool {
    match &p.my_org_id {
        Some(org) => actor.is_admin_of(org),
        None => actor.is_signed_in(),
    }
}

/// Splits the actor's proposals into those they must answer and the running pairs (with
/// whether a check-in is due at `now`); the rest (answered, declined, ended) are left out.
pub fn sort_proposals(
    actor: &Actor,
    proposals: Vec<MyProposal>,
    now: i64,
) -> (Vec<MyProposal>, Vec<(MyProposal, bool)>) {
    let mut to_answer = Vec::new();
    let mut pairs = Vec::new();
    for p in proposals {
        if p.my_answer() == Answer::Pending
            && p.their_answer() != Answer::Declined
            && speaks_for(actor, &p)
        {
            to_answer.push(p);
        } else if p.is_active_pair() {
            let latest = p.last_check_in.or(p.started_at).unwrap_or(now);
            let due = latest < now - CHECK_IN_EVERY;
            pairs.push((p, due));
        }
    }
    (to_answer, pairs)
}

/// The reader's home at `now`, names in `locale`; `None` for a visitor (or while a second
/// factor is awaited: the actor is anonymous then).
pub async fn dashboard(
    actor: &Actor,
    db: &Db,
    directory: &Directory,
    locale: Locale,
    now: i64,
) -> Result<Option<Dashboard>> {
    let Some(user) = actor.user() else {
        return Ok(None);
    };
    let user_id = user.id.to_string();
    let member_of: Vec<String> = actor
        .memberships()
        .iter()
        .map(|m| m.org_id.clone())
        .collect();
    let mut names: Option<OrgNames> = None;

    let mut proposals = spona_store::matching::proposals_of(db, &user_id, &member_of).await?;
    let mut notices = spona_store::notifications::recent(db, &user_id, NOTICES).await?;
    let needs_titles = !proposals.is_empty()
        || notices
            .iter()
            .any(|n| n.kind == "notice-proposals-published");
    let titles = if needs_titles {
        spona_store::matching::round_titles(db).await?
    } else {
        HashMap::new()
    };
    if !proposals.is_empty() {
        let names = names_in(&mut names, directory, db, locale).await?;
        for p in &mut proposals {
            names.rename(p.partner_org_id.as_deref(), &mut p.partner_name);
            if let Some(t) = titles.get(p.round_id.as_str()) {
                p.round_title = title_in(locale, &p.round_title, t);
            }
        }
    }
    let (to_answer, pairs) = sort_proposals(actor, proposals, now);

    if notices.iter().any(|n| n.subject_org.is_some()) {
        let names = names_in(&mut names, directory, db, locale).await?;
        for n in &mut notices {
            names.rename(n.subject_org.as_deref(), &mut n.subject);
        }
    }
    for n in &mut notices {
        let round = n.link.strip_prefix("/matching/").unwrap_or_default();
        if n.kind == "notice-proposals-published"
            && let Some(t) = titles.get(round)
        {
            n.subject = title_in(locale, &n.subject, t);
        }
    }

    let administered: Vec<&str> = actor
        .memberships()
        .iter()
        .filter(|m| m.role() == OrgRole::Admin)
        .map(|m| m.org_id.as_str())
        .collect();
    let pending = spona_store::tokens::pending_invite_counts(db, &administered).await?;
    let invitations = actor
        .memberships()
        .iter()
        .filter(|m| m.role() == OrgRole::Admin)
        .filter_map(|m| {
            let n = *pending.get(&m.org_id)?;
            (n > 0).then(|| (m.org_slug.clone(), m.org_name.clone(), n))
        })
        .collect();

    let (mut to_review, mut outdated) = if member_of.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            spona_store::resources::needs_review(db, Some(&member_of), now).await?,
            spona_store::resources::outdated(db, Some(&member_of)).await?,
        )
    };
    if !to_review.is_empty() || !outdated.is_empty() {
        let names = names_in(&mut names, directory, db, locale).await?;
        names.resource_lines(&mut to_review);
        names.resource_lines(&mut outdated);
    }

    let orgs = actor
        .memberships()
        .iter()
        .map(|m| {
            (
                m.org_slug.clone(),
                m.org_name.clone(),
                m.role() == OrgRole::Admin,
            )
        })
        .collect();
    Ok(Some(Dashboard {
        orgs,
        to_answer,
        pairs,
        to_review,
        outdated,
        vault_cases: spona_store::vault::cases_of(db, &user_id).await?.len(),
        invitations,
        notices,
    }))
}

/// The names in the reader's language, loaded once (the snapshot's version check) when the
/// first list needs them.
async fn names_in<'a>(
    names: &'a mut Option<OrgNames>,
    directory: &Directory,
    db: &Db,
    locale: Locale,
) -> Result<&'a OrgNames> {
    if names.is_none() {
        *names = Some(OrgNames::load(directory, db, locale).await?);
    }
    Ok(names.as_ref().expect("just loaded"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::matching::{Programme, Side};

    fn person(memberships: Vec<(&str, OrgRole)>) -> Actor {
        crate::actor::testing::in_orgs("u", &memberships)
    }

    fn proposal(my_org: Option<&str>, mine: Answer, other: Answer) -> MyProposal {
        MyProposal {
            id: "p".into(),
            round_id: "r".into(),
            round_title: "Round".into(),
            programme: Programme::PeerExchange,
            side: Side::A,
            partner_name: "Partner".into(),
            partner_org_id: None,
            my_org_id: my_org.map(Into::into),
            a_answer: mine,
            b_answer: other,
            started_at: None,
            ended_at: None,
            last_check_in: None,
        }
    }

    #[test]
    fn only_an_admin_answers_for_an_organisation_and_a_person_for_themselves() {
        let admin = person(vec![("astra", OrgRole::Admin)]);
        let member = person(vec![("astra", OrgRole::Member)]);
        let stranger = person(vec![("zmina", OrgRole::Admin)]);
        let org = proposal(Some("astra"), Answer::Pending, Answer::Pending);
        assert!(speaks_for(&admin, &org));
        assert!(!speaks_for(&member, &org));
        assert!(!speaks_for(&stranger, &org));
        let own = proposal(None, Answer::Pending, Answer::Pending);
        assert!(speaks_for(&member, &own));
        assert!(!speaks_for(&Actor::anonymous(), &own));
    }

    #[test]
    fn proposals_sort_into_answers_and_running_pairs() {
        let admin = person(vec![("astra", OrgRole::Admin)]);
        let member = person(vec![("astra", OrgRole::Member)]);
        let now = 100 * 86_400;
        let declined = proposal(Some("astra"), Answer::Pending, Answer::Declined);
        let open = proposal(Some("astra"), Answer::Pending, Answer::Accepted);
        let mut fresh = proposal(Some("astra"), Answer::Accepted, Answer::Accepted);
        fresh.started_at = Some(now - CHECK_IN_EVERY + 1);
        let mut due = proposal(Some("astra"), Answer::Accepted, Answer::Accepted);
        due.started_at = Some(now - 90 * 86_400);
        due.last_check_in = Some(now - CHECK_IN_EVERY - 1);
        let mut ended = proposal(Some("astra"), Answer::Accepted, Answer::Accepted);
        ended.started_at = Some(now - 90 * 86_400);
        ended.ended_at = Some(now - 86_400);
        let all = vec![declined, open, fresh, due, ended];

        let (to_answer, pairs) = sort_proposals(&admin, all.clone(), now);
        assert_eq!(
            to_answer.len(),
            1,
            "only the one the other side did not decline"
        );
        assert_eq!(to_answer[0].b_answer, Answer::Accepted);
        let flags: Vec<bool> = pairs.iter().map(|(_, due)| *due).collect();
        assert_eq!(
            flags,
            [false, true],
            "running pairs; the ended one is left out"
        );

        let (to_answer, _) = sort_proposals(&member, all, now);
        assert!(
            to_answer.is_empty(),
            "a member does not answer for the organisation"
        );
    }

    #[test]
    fn an_empty_dashboard_says_so() {
        assert!(Dashboard::default().is_empty());
        let d = Dashboard {
            vault_cases: 2,
            orgs: vec![("a".into(), "A".into(), true)],
            ..Default::default()
        };
        assert!(
            d.is_empty(),
            "organisations and case counts are not things waiting"
        );
    }
}
