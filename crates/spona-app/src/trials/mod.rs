//! Trial monitoring (issue 21 item 6): the use cases behind the case pages, the forms and
//! the public findings.
//!
//! **Who sees what.** A case is read and written by the signed-in members (any role) of its
//! monitoring organisations, and by no one else: a member of another organisation and a
//! platform admin alike get [`Error::NotFound`], as for a case that does not exist (the
//! sealed notes are the monitoring organisations' alone, as a vault case is its team's).
//! Anyone who belongs to an organisation may open a case for it. The aggregate findings are
//! public and hold no sealed data; figures drawn from fewer than three cases are withheld
//! (`spona_domain::trial::findings`).
//!
//! **Sealed.** A hearing's note and an observation's free text may name people, so they
//! are sealed with the vault's per-field keys ([`Vault::seal`], owners below) and opened
//! only for the monitoring organisations' members. They never reach the audit log, a log
//! line, the JSON API, the CSV exports or a search index.

mod cases;
pub mod edit;
pub mod export;
mod findings;
mod record;

pub use cases::{
    CaseView, HearingView, ObservationView, TimelineEntry, create_case, list, observers, read,
};
pub use findings::{CaseRow, case_rows, findings};
pub use record::{add_hearing, observe, set_verdict};

use spona_store::trials::{self as store, Case};
use spona_store::{Db, audit};

use crate::actor::Actor;
use crate::{Error, Result};

/// Sealing owner of a hearing's note.
pub fn hearing_note_owner(hearing_id: &str) -> String {
    format!("trial-hearing:{hearing_id}:note")
}

/// Sealing owner of an observation's notes (JSON of `ObservationNotes`).
pub fn observation_notes_owner(observation_id: &str) -> String {
    format!("trial-observation:{observation_id}:notes")
}

/// Whether the actor belongs to one of the case's monitoring organisations.
pub fn can_see(actor: &Actor, case: &Case) -> bool {
    actor.is_signed_in() && case.orgs.iter().any(|o| actor.is_member_of(o))
}

/// A case the actor may read and write: sign-in first, then 404 for everyone outside its
/// monitoring organisations.
pub async fn load(actor: &Actor, db: &Db, id: &str) -> Result<Case> {
    actor.require_user()?;
    match store::case(db, id).await? {
        Some(c) if can_see(actor, &c) => Ok(c),
        _ => Err(Error::NotFound),
    }
}

pub use spona_domain::trial::today;

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> audit::Event<'a> {
    audit::Event {
        actor_id: actor.id(),
        action,
        target_kind: "trial",
        target_id: id,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::testing::{member, user};
    use spona_domain::role::{OrgRole, PlatformRole};

    fn case(orgs: &[&str]) -> Case {
        Case {
            id: "c".into(),
            country: "RS".into(),
            court: "Court".into(),
            case_number: "K 1/24".into(),
            defendants: 1,
            victims: 1,
            indicted_on: "2024-01-01".into(),
            created_by: None,
            created_at: 0,
            updated_at: 0,
            charges: vec![],
            orgs: orgs.iter().map(|o| (*o).to_owned()).collect(),
        }
    }

    #[test]
    fn only_members_of_a_monitoring_organisation_see_a_case() {
        let c = case(&["astra", "atina"]);
        let astra = Actor::signed_in(
            user("m", PlatformRole::User),
            vec![member("astra", OrgRole::Member)],
        );
        let zmina = Actor::signed_in(
            user("z", PlatformRole::User),
            vec![member("zmina", OrgRole::Admin)],
        );
        let admin = Actor::signed_in(user("a", PlatformRole::Admin), vec![]);
        assert!(can_see(&astra, &c));
        assert!(!can_see(&zmina, &c));
        assert!(!can_see(&admin, &c), "a platform admin is not a monitor");
        assert!(!can_see(&Actor::anonymous(), &c));
    }
}
