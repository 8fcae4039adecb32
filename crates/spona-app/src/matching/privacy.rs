//! What a reader sees of a proposal — the one copy of the rule that the round page and the
//! JSON API both apply.
//!
//! - A coordinator sees every proposal of the round, with names; a side sees the proposals it
//!   is in once the round is published; nobody else sees any.
//! - People's names are theirs to share: before both sides accept, each side sees the other
//!   person only by role, country and their own words. Coordinators always see names, and a
//!   person always sees their own. Organisations are public and always named.
//! - Contact details (an organisation's e-mail, phone and website, a person's name and
//!   e-mail) go to the two sides only, and only once both accepted.

use spona_domain::matching::{RoundStatus, Side};
use spona_store::matching::{Participant, Proposal, Round};

use super::access::{coordinates, member_side, my_side};
use crate::{Actor, Result};

/// How much of one proposal a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sight {
    /// The reader coordinates the round.
    pub coordinator: bool,
    /// The side the reader speaks for, if any.
    pub my_side: Option<Side>,
    /// Both sides accepted.
    pub agreed: bool,
}

impl Sight {
    /// The reader's sight of `p` (`coordinator`: whether they coordinate its round).
    pub fn of(actor: &Actor, coordinator: bool, p: &Proposal, people: &[Participant]) -> Self {
        Sight {
            coordinator,
            my_side: my_side(actor, p, people),
            agreed: p.agreed(),
        }
    }

    /// Whether the proposal is shown at all, in a round with this `status`.
    pub fn sees_proposal(&self, status: RoundStatus) -> bool {
        self.coordinator || self.my_side.is_some() && status == RoundStatus::Published
    }

    /// Whether a participant is shown by name: organisations always; a person to
    /// coordinators, to themself (`own`), and to the other side once both accepted.
    pub fn sees_name(&self, x: &Participant, own: bool) -> bool {
        x.user_id.is_none() || self.coordinator || own || self.sees_contacts()
    }

    /// Whether the two sides' contact details are shown: to a side, once both accepted.
    pub fn sees_contacts(&self) -> bool {
        self.agreed && self.my_side.is_some()
    }

    /// The participant the reader is paired with, if they are a side.
    pub fn partner<'a>(&self, a: &'a Participant, b: &'a Participant) -> Option<&'a Participant> {
        match self.my_side {
            Some(Side::A) => Some(b),
            Some(Side::B) => Some(a),
            None => None,
        }
    }
}

/// The round's proposals this reader may see, each with their sight of it, in the store's
/// order (best score first). `coordinator`: what [`coordinates`] answered for the reader
/// (the caller usually needs it too; `None` asks).
pub async fn visible(
    actor: &Actor,
    db: &spona_store::Db,
    round: &Round,
    people: &[Participant],
    coordinator: Option<bool>,
) -> Result<Vec<(Proposal, Sight)>> {
    let coordinator = match coordinator {
        Some(c) => c,
        None => coordinates(actor, db, round).await?,
    };
    Ok(spona_store::matching::proposals(db, &round.id)
        .await?
        .into_iter()
        .map(|p| {
            let sight = Sight::of(actor, coordinator, &p, people);
            (p, sight)
        })
        .filter(|(_, s)| s.sees_proposal(round.status))
        .collect())
}

/// Whether the reader belongs to this participant (see [`member_side`]): used for "own".
pub fn own(actor: &Actor, x: &Participant) -> bool {
    member_side(actor, x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::matching::Answer;
    use spona_store::users::{Membership, User};

    fn user(id: &str) -> User {
        crate::actor::testing::user(id, spona_domain::role::PlatformRole::User)
    }

    fn person(id: &str, user: &str, side: &str) -> Participant {
        Participant {
            id: id.into(),
            round_id: "r".into(),
            org_id: None,
            org_slug: None,
            user_id: Some(user.into()),
            name: user.into(),
            country: "UA".into(),
            side: Side::parse(side).expect("side"),
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

    fn org(id: &str, org: &str, side: &str) -> Participant {
        Participant {
            org_id: Some(org.into()),
            org_slug: Some(org.into()),
            user_id: None,
            ..person(id, "", side)
        }
    }

    fn proposal(a: &str, b: &str, answers: (Answer, Answer)) -> Proposal {
        Proposal {
            id: "x".into(),
            round_id: "r".into(),
            a_id: a.into(),
            b_id: b.into(),
            score: 1,
            explanation: spona_store::matching::Reason::Pinned,
            a_answer: answers.0,
            b_answer: answers.1,
        }
    }

    fn member(org: &str, role: &str) -> Membership {
        let role = spona_domain::role::OrgRole::parse(role).expect("a role");
        crate::actor::testing::member(org, role)
    }

    const PENDING: (Answer, Answer) = (Answer::Accepted, Answer::Pending);
    const AGREED: (Answer, Answer) = (Answer::Accepted, Answer::Accepted);

    #[test]
    fn before_both_accept_a_person_sees_the_other_only_by_role() {
        let people = [person("pa", "mentor", "a"), person("pb", "mentee", "b")];
        let mentee = Actor::signed_in(user("mentee"), vec![]);
        let p = proposal("pa", "pb", PENDING);
        let s = Sight::of(&mentee, false, &p, &people);
        assert_eq!(s.my_side, Some(Side::B));
        assert!(
            !s.sees_proposal(RoundStatus::Proposed),
            "not before publishing"
        );
        assert!(s.sees_proposal(RoundStatus::Published));
        assert!(!s.sees_name(&people[0], own(&mentee, &people[0])));
        assert!(s.sees_name(&people[1], own(&mentee, &people[1])));
        assert!(!s.sees_contacts());
        assert_eq!(s.partner(&people[0], &people[1]).expect("partner").id, "pa");
    }

    #[test]
    fn once_both_accept_the_sides_see_names_and_contacts() {
        let people = [person("pa", "mentor", "a"), person("pb", "mentee", "b")];
        let mentor = Actor::signed_in(user("mentor"), vec![]);
        let s = Sight::of(&mentor, false, &proposal("pa", "pb", AGREED), &people);
        assert_eq!(s.my_side, Some(Side::A));
        assert!(s.sees_name(&people[1], false));
        assert!(s.sees_contacts());
    }

    #[test]
    fn a_coordinator_sees_names_but_not_contacts() {
        let people = [person("pa", "mentor", "a"), person("pb", "mentee", "b")];
        let admin = Actor::signed_in(user("coordinator"), vec![]);
        for answers in [PENDING, AGREED] {
            let s = Sight::of(&admin, true, &proposal("pa", "pb", answers), &people);
            assert!(s.sees_proposal(RoundStatus::Proposed));
            assert!(s.sees_name(&people[0], false) && s.sees_name(&people[1], false));
            assert!(!s.sees_contacts(), "a coordinator is no side");
        }
    }

    #[test]
    fn others_see_nothing() {
        let people = [person("pa", "mentor", "a"), person("pb", "mentee", "b")];
        let stranger = Actor::signed_in(user("stranger"), vec![member("o1", "admin")]);
        let s = Sight::of(&stranger, false, &proposal("pa", "pb", AGREED), &people);
        assert_eq!(s.my_side, None);
        assert!(!s.sees_proposal(RoundStatus::Published));
        assert!(!s.sees_name(&people[0], false));
        assert!(!s.sees_contacts());
        let nobody = Actor::anonymous();
        let s = Sight::of(&nobody, false, &proposal("pa", "pb", AGREED), &people);
        assert!(!s.sees_proposal(RoundStatus::Published) && !s.sees_contacts());
    }

    #[test]
    fn organisations_are_named_but_their_contacts_wait_for_both() {
        let people = [org("pa", "o1", "a"), org("pb", "o2", "b")];
        let admin_o1 = Actor::signed_in(user("u"), vec![member("o1", "admin")]);
        let s = Sight::of(&admin_o1, false, &proposal("pa", "pb", PENDING), &people);
        assert_eq!(s.my_side, Some(Side::A));
        assert!(s.sees_name(&people[1], false));
        assert!(!s.sees_contacts());
        // A mere member belongs to the side but does not speak for it.
        let member_o1 = Actor::signed_in(user("m"), vec![member("o1", "member")]);
        let s = Sight::of(&member_o1, false, &proposal("pa", "pb", AGREED), &people);
        assert_eq!(s.my_side, None);
        assert!(!s.sees_proposal(RoundStatus::Published) && !s.sees_contacts());
        assert!(own(&member_o1, &people[0]));
    }
}
