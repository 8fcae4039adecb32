//! Loading a case as an actor: only its team learns that it exists. Everyone else — signed
//! out, another organisation's admin, a platform admin — gets [`Error::NotFound`], the same as
//! for a case that does not exist.

use spona_domain::vault::CaseRole;
use spona_store::Db;
use spona_store::vault::{self as records, Case};
use spona_vault::NewEntry;

use super::{Vault, VaultState};
use crate::{Actor, Error, Result};

/// A case the actor is on the team of, with their role.
pub struct CaseAccess<'a> {
    pub vault: &'a Vault,
    pub case: Case,
    pub role: CaseRole,
    /// The team member acting (a user's id).
    pub actor: String,
}

/// The case `id` for `actor`: [`Error::SignInRequired`] when nobody is signed in,
/// [`Error::Unavailable`] while the vault is closed, [`Error::NotFound`] for anyone not on
/// its team.
pub async fn load_case<'a>(
    actor: &Actor,
    db: &Db,
    vault: &'a VaultState,
    id: &str,
) -> Result<CaseAccess<'a>> {
    let user_id = super::user_id(actor)?;
    let vault = vault.get()?;
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(Error::NotFound);
    }
    let role = records::role_of(db, id, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let case = records::case(db, id).await?;
    Ok(CaseAccess {
        vault,
        case,
        role,
        actor: user_id.to_owned(),
    })
}

impl CaseAccess<'_> {
    /// The case's id.
    pub fn id(&self) -> &str {
        &self.case.id
    }

    /// A custody entry of this case by the acting member, now.
    pub fn entry(&self, action: &str, reason: &str, item_sha256: Option<&str>) -> NewEntry {
        super::entry(&self.actor, &self.case.id, action, reason, item_sha256)
    }

    /// Leads and documenters add items and record consent; reviewers read.
    pub fn require_add_items(&self) -> Result<()> {
        if self.role.can_add_items() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// Leads manage the team, share and export.
    pub fn require_manage(&self) -> Result<()> {
        if self.role.can_manage() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// A reason is required for acts on evidence; it goes into the custody log (spaces folded,
/// at most 500 characters).
pub fn reason(text: &str) -> Result<String> {
    let r = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if r.chars().count() > 500 {
        return Err(Error::BadRequest("err-reason-length"));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::testing::{open_case, person, setup};
    use spona_domain::role::PlatformRole;

    /// Only the team learns that a case exists: a member gets it with their role; someone
    /// else, a platform admin and nobody get the same answer as for no case at all.
    #[tokio::test]
    async fn only_the_team_loads_a_case() {
        let (_dir, db, vault) = setup().await;
        let lead = person(&db, "lead@example.org", PlatformRole::User).await;
        let other = person(&db, "other@example.org", PlatformRole::User).await;
        let admin = person(&db, "admin@example.org", PlatformRole::Admin).await;
        let id = open_case(&db, &vault, &lead).await;
        let access = load_case(&lead, &db, &vault, &id).await.expect("the lead");
        assert_eq!(access.role, CaseRole::Lead);
        assert_eq!(access.actor, lead.id().expect("id"));
        let unknown = uuid::Uuid::now_v7().to_string();
        for (who, actor) in [("someone else", &other), ("a platform admin", &admin)] {
            for case in [id.as_str(), unknown.as_str(), "not-a-uuid"] {
                assert!(
                    matches!(
                        load_case(actor, &db, &vault, case).await,
                        Err(Error::NotFound)
                    ),
                    "{who} on {case}"
                );
            }
        }
        assert!(matches!(
            load_case(&Actor::anonymous(), &db, &vault, &id).await,
            Err(Error::SignInRequired)
        ));
        let closed = VaultState::Closed("no key".into());
        assert!(matches!(
            load_case(&lead, &db, &closed, &id).await,
            Err(Error::Unavailable("err-vault-closed"))
        ));
        assert_eq!(
            spona_store::audit::count(&db, Some("vault.case_opened"))
                .await
                .expect("audit"),
            1
        );
    }

    #[test]
    fn a_reason_is_folded_and_bounded() {
        assert_eq!(reason("  two\n words ").expect("a reason"), "two words");
        assert!(reason(&"x".repeat(500)).is_ok());
        assert!(matches!(
            reason(&"x".repeat(501)),
            Err(Error::BadRequest("err-reason-length"))
        ));
    }
}
