//! One's cases, and opening a case.

use spona_domain::vault::CaseRole;
use spona_store::Db;
use spona_store::idempotency::Once;
use spona_store::vault::{self as records, Case, Consent, Item, Member};

use super::{CaseAccess, VaultState, title_owner};
use crate::{Actor, Error, Result};

/// A case on one's list: the case, its title open, and one's role in it.
pub struct MyCase {
    pub case: Case,
    pub title: String,
    pub role: CaseRole,
}

/// The cases the actor is on the team of, newest first.
pub async fn my_cases(actor: &Actor, db: &Db, vault: &VaultState) -> Result<Vec<MyCase>> {
    let user_id = super::user_id(actor)?;
    let vault = vault.get()?;
    let mut cases = Vec::new();
    for (case, role) in records::cases_of(db, user_id).await? {
        cases.push(MyCase {
            title: vault
                .unseal(&title_owner(&case.id), &case.title)?
                .to_string(),
            case,
            role,
        });
    }
    Ok(cases)
}

/// A case as its team sees it: its title, its items with their consent, and its team (the
/// case page and the API's case detail).
pub struct Overview {
    pub title: String,
    pub items: Vec<(Item, Option<Consent>)>,
    pub members: Vec<Member>,
}

/// The case's items in order, each with its consent if one was recorded.
pub async fn items_with_consent(
    db: &Db,
    access: &CaseAccess<'_>,
) -> Result<Vec<(Item, Option<Consent>)>> {
    let mut consents = records::consents(db, access.id(), access.vault).await?;
    let items = records::items(db, access.id(), access.vault).await?;
    Ok(items
        .into_iter()
        .map(|i| {
            let consent = consents
                .iter()
                .position(|c| c.item_id == i.id)
                .map(|n| consents.swap_remove(n));
            (i, consent)
        })
        .collect())
}

/// The overview of a case for a member of its team.
pub async fn overview(db: &Db, access: &CaseAccess<'_>) -> Result<Overview> {
    let items = items_with_consent(db, access).await?;
    let title = access
        .vault
        .unseal(&title_owner(access.id()), &access.case.title)?
        .to_string();
    Ok(Overview {
        title,
        items,
        members: records::members(db, access.id()).await?,
    })
}

/// A case title as the form gives it: spaces folded, 3 to 200 characters.
pub fn case_title(text: &str) -> Result<String> {
    let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !(3..=200).contains(&title.chars().count()) {
        return Err(Error::BadRequest("err-title-length"));
    }
    Ok(title)
}

/// Opens a case with the actor as its lead: the case, its first custody entry, the form's
/// one-time key and the audit entry in one transaction. Returns the new case's id.
pub async fn open_case(
    actor: &Actor,
    db: &Db,
    vault: &VaultState,
    title: &str,
    once: &Once,
) -> Result<String> {
    let user_id = super::user_id(actor)?;
    let vault = vault.get()?;
    let id = uuid::Uuid::now_v7().to_string();
    let sealed = vault.seal(&title_owner(&id), title);
    let entry = super::entry(user_id, &id, "create", "case opened", None);
    let mut tx = super::begin(db).await?;
    let head =
        records::create_case_in(&mut tx, &id, &sealed, user_id, entry, vault, Some(once)).await?;
    spona_store::tx::fault_point("vault.case_opened")?;
    super::audit_in(&mut tx, user_id, "vault.case_opened").await?;
    super::commit(tx, vault, &head).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_folded_and_bounded() {
        assert_eq!(case_title("  A  case ").expect("a title"), "A case");
        assert!(case_title("ab").is_err());
        assert!(case_title(&"x".repeat(200)).is_ok());
        assert!(case_title(&"x".repeat(201)).is_err());
    }
}
