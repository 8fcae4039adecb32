//! Consent: what the person allowed for an item (documentation, sharing with named
//! organisations, prosecutors, publication, or nothing once withdrawn), as the tables and the
//! custody log record it, and the checks every act on an item passes.

use spona_domain::vault::{ConsentScope, ConsentUse};
use spona_store::Db;
use spona_store::vault::{self as records, Consent, Item};

use super::CaseAccess;
use crate::{Error, Result};

/// The consent row for `scope`, recorded by `by` now.
pub fn consent_row(item_id: &str, scope: &ConsentScope, by: &str) -> Consent {
    Consent {
        item_id: item_id.into(),
        documentation: scope.documentation,
        share_with: scope.share_with.join(","),
        prosecutors: scope.prosecutors,
        publication: scope.publication,
        withdrawn: scope.withdrawn,
        updated_by: by.to_owned(),
        updated_at: spona_store::now(),
    }
}

/// Consent in the form the custody log records it (see [`spona_vault::facts`]).
pub fn consent_facts(s: &ConsentScope) -> spona_vault::ConsentFacts {
    spona_vault::ConsentFacts {
        documentation: s.documentation,
        share_with: s.share_with.clone(),
        prosecutors: s.prosecutors,
        publication: s.publication,
        withdrawn: s.withdrawn,
    }
}

/// What a consent row allows; no row allows nothing.
pub fn scope_of(c: Option<&Consent>) -> ConsentScope {
    match c {
        Some(c) => ConsentScope {
            documentation: c.documentation,
            share_with: c.shared_with().into_iter().map(str::to_owned).collect(),
            prosecutors: c.prosecutors,
            publication: c.publication,
            withdrawn: c.withdrawn,
        },
        None => ConsentScope::default(),
    }
}

/// Whether an item's consent is withdrawn (or never covered documentation): nothing of it is
/// shown, not even its name.
pub fn withheld(c: Option<&Consent>) -> bool {
    c.is_some_and(|c| c.withdrawn || !c.documentation)
}

/// The consent of one item of the case, if any was recorded.
pub async fn consent_of(
    db: &Db,
    access: &CaseAccess<'_>,
    item_id: &str,
) -> Result<Option<Consent>> {
    Ok(records::consents(db, access.id(), access.vault)
        .await?
        .into_iter()
        .find(|c| c.item_id == item_id))
}

/// Refuses an act the item's consent does not cover: logs the refusal in the custody log
/// and answers [`Error::Refused`] with the reason.
pub async fn check_consent(
    db: &Db,
    access: &CaseAccess<'_>,
    item: &Item,
    use_: ConsentUse<'_>,
    action: &str,
) -> Result<()> {
    let consent = consent_of(db, access, &item.id).await?;
    if let Err(key) = scope_of(consent.as_ref()).allows(&use_) {
        super::log(
            db,
            access.vault,
            access.entry(
                "blocked",
                &format!("{action} of item {} refused: {key}", item.id),
                item.sha256.as_deref(),
            ),
        )
        .await?;
        return Err(Error::Refused(key));
    }
    Ok(())
}

/// A change of an item's consent as the form gives it.
pub struct ConsentChange {
    /// The new consent (withdrawn: everything off).
    pub scope: ConsentScope,
    /// Why, for the custody log.
    pub reason: String,
    /// The record of the person's decision in words (who, how, when, witnessed by), when the
    /// form gave all of it; restoring withdrawn consent requires it.
    pub decision: Option<String>,
}

/// Records or withdraws an item's consent: the row, its custody entry and the audit entry in
/// one transaction. Restoring withdrawn consent is a new decision of the person and needs its
/// record ([`Error::BadRequest`] `err-vault-consent-record` without it).
///
/// When the item was handed over to partners' organisations that the new consent no longer
/// names, a withdrawal goes to each in the same transaction
/// (`crate::federation::vault_withdraw`).
pub async fn change_consent(
    db: &Db,
    ring: &crate::federation::Keyring,
    access: &CaseAccess<'_>,
    item: &Item,
    change: ConsentChange,
) -> Result<()> {
    access.require_add_items()?;
    let mut why = super::reason(&change.reason)?;
    let current = consent_of(db, access, &item.id).await?;
    let restoring = current
        .as_ref()
        .is_none_or(|c| c.withdrawn || !c.documentation)
        && !change.scope.withdrawn
        && change.scope.documentation;
    match change.decision {
        Some(decision) => why = format!("{decision}. {why}"),
        None if restoring => return Err(Error::BadRequest("err-vault-consent-record")),
        None => {}
    }
    let row = consent_row(&item.id, &change.scope, &access.actor);
    let entry = access.entry(
        "consent",
        &spona_vault::facts::consent_changed(&item.id, &consent_facts(&change.scope), &why),
        item.sha256.as_deref(),
    );
    let withdrawals =
        crate::federation::vault_withdraw::pending(db, &item.id, &change.scope).await?;
    let keys = match withdrawals.is_empty() {
        true => None,
        false => Some(ring.keys(db).await?),
    };
    let mut tx = super::begin(db).await?;
    for partner in crate::federation::vault_withdraw::partners(&withdrawals) {
        spona_store::federation::lock_partner_in(&mut tx, &partner).await?;
    }
    let mut head = records::set_consent_in(&mut tx, &row, entry, access.vault).await?;
    spona_store::tx::fault_point("vault.consent")?;
    if let Some(keys) = &keys {
        let sent = crate::federation::vault_withdraw::send_in(
            &mut tx,
            keys,
            &ring.settings,
            access,
            item,
            &withdrawals,
        )
        .await?;
        if let Some(last) = sent {
            head = last;
        }
    }
    super::audit_in(&mut tx, &access.actor, "vault.consent_changed").await?;
    super::commit(tx, access.vault, &head).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(documentation: bool, withdrawn: bool, share_with: &str) -> Consent {
        Consent {
            item_id: "i".into(),
            documentation,
            share_with: share_with.into(),
            prosecutors: false,
            publication: false,
            withdrawn,
            updated_by: "u".into(),
            updated_at: 0,
        }
    }

    #[test]
    fn a_row_and_its_scope_agree() {
        let scope = ConsentScope {
            documentation: true,
            share_with: vec!["astra".into(), "zmina".into()],
            prosecutors: true,
            publication: false,
            withdrawn: false,
        };
        let c = consent_row("i", &scope, "u");
        assert_eq!(c.share_with, "astra,zmina");
        assert_eq!(scope_of(Some(&c)), scope);
        assert_eq!(scope_of(None), ConsentScope::default());
    }

    #[test]
    fn withdrawn_or_undocumented_items_are_withheld() {
        assert!(!withheld(None));
        assert!(!withheld(Some(&row(true, false, ""))));
        assert!(withheld(Some(&row(true, true, ""))));
        assert!(withheld(Some(&row(false, false, "astra"))));
    }
}
