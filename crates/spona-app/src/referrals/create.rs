//! Referring a person to a service: worker, service, fields, consent or override, and
//! everything the referral starts with, in one transaction.

use spona_domain::Invalid;
use spona_domain::referral::{self as rules, ConsentDraft, Status};
use spona_store::idempotency::Once;
use spona_store::referrals::{self as store, Referral};
use spona_store::{Db, new_id, now};

use super::{
    ConsentWords, audit, commit, consent_owner, custody_in, override_owner, person_owner,
    reason_owner, roles, roles_in, seal_json, target, tell_workers_in,
};
use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

/// A new referral as the referring worker fills it in.
#[derive(Debug, Clone, Default)]
pub struct ReferralDraft {
    /// The referring organisation (the worker's).
    pub from_org: String,
    /// The person's fields, only those the service asks for.
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub urgent: bool,
    /// The person's consent; `None` only with an override.
    pub consent: Option<ConsentDraft>,
    /// Why the referral goes without consent (needs the override permission).
    pub override_reason: Option<String>,
    /// The intake this referral comes from, if any (of the same organisation).
    pub intake_id: Option<String>,
}

/// Refers a person to `target`: checks the worker, the service, the person's fields against
/// what the service asks, and the consent (or the override), then saves the referral, its
/// first custody entry, the audit entry, the one-time key and the receiving workers' mail in
/// one transaction. Returns the referral's id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    service_id: &str,
    draft: &ReferralDraft,
    once: Option<&Once>,
    base_url: &str,
) -> Result<String> {
    let me = actor.require_user()?;
    let target = &target(db, service_id).await?;
    let roles = roles(actor, db).await?;
    let Some(role) = roles.iter().find(|w| w.org_id == draft.from_org) else {
        return Err(Error::NotFound);
    };
    if target.org_id == draft.from_org {
        return Err(Error::Conflict("err-referral-own-org"));
    }
    if !target.open {
        return Err(Error::Conflict("err-referral-service-closed"));
    }
    if target.full {
        return Err(Error::Conflict("err-referral-service-full"));
    }
    let person = rules::person_fields(&target.asks, &draft.person).map_err(Error::Invalid)?;
    let reason = draft.reason.trim();
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(Error::Invalid(vec![Invalid::new(
            "reason",
            "err-referral-reason",
        )]));
    }
    let at = now();
    let override_reason = draft
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let consent = match (&draft.consent, override_reason) {
        (Some(c), _) => Some(c.validate(at).map_err(Error::Invalid)?),
        (None, Some(_)) => {
            if !role.may_override {
                return Err(Error::Refused("err-referral-override-permission"));
            }
            None
        }
        (None, None) => return Err(Error::Refused("err-referral-no-consent")),
    };
    if let Some(c) = &consent
        && !rules::consent_covers(&c.share, &person)
    {
        return Err(Error::Invalid(vec![Invalid::new(
            "consent_share",
            "err-consent-not-covering",
        )]));
    }
    let id = new_id();
    let orgs = spona_store::orgs::get_many(db, &[&draft.from_org, &target.org_id]).await?;
    if let Some(intake_id) = &draft.intake_id {
        let intake = store::intake(db, intake_id).await?;
        if intake.is_none_or(|i| i.org_id != draft.from_org) {
            return Err(Error::NotFound);
        }
    }
    // Writes first in the transaction (see `lock`); the role was read just before and is
    // read again at the end, so a role taken away meanwhile rolls the referral back.
    let mut tx = db.begin().await?;
    if let Some(intake_id) = &draft.intake_id
        && !store::link_intake_in(&mut tx, intake_id, &id).await?
    {
        return Err(Error::Conflict("err-intake-referred"));
    }
    if let Some(once) = once {
        store::claim_once_in(&mut tx, once, &id).await?;
    }
    let country = |org: &str| {
        orgs.iter()
            .find(|o| o.id == org)
            .map(|o| o.country.clone())
            .unwrap_or_default()
    };
    let field = |k: &str| person.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let urgent = draft.urgent || field("urgency").as_deref() == Some("urgent");
    let person_json: Vec<(String, String)> = person.clone();
    let row = Referral {
        id: id.clone(),
        from_org: draft.from_org.clone(),
        to_org: target.org_id.clone(),
        service_id: target.id.clone(),
        service_kind: target.kind.clone(),
        from_country: country(&draft.from_org),
        to_country: country(&target.org_id),
        referred_by: Some(me.id.to_string()),
        urgent,
        status: Status::Sent,
        age_band: field("age-band").unwrap_or_else(|| "unknown".into()),
        gender: field("gender").unwrap_or_else(|| "undisclosed".into()),
        person_sealed: seal_json(vault, &person_owner(&id), &person_json)?,
        reason_sealed: vault.seal(&reason_owner(&id), reason),
        consent_how: consent
            .as_ref()
            .map_or_else(|| "override".to_owned(), |c| c.how.clone()),
        consent_until: consent.as_ref().map(|c| c.until),
        consent_sealed: match &consent {
            Some(c) => Some(seal_json(
                vault,
                &consent_owner(&id),
                &ConsentWords {
                    share: c.share.clone(),
                    purpose: c.purpose.clone(),
                    witness: c.witness.clone(),
                    channel: c.channel.clone(),
                },
            )?),
            None => None,
        },
        override_sealed: override_reason.map(|r| vault.seal(&override_owner(&id), r)),
        outcome: None,
        answered_at: None,
        withdrawn_at: None,
        reminded_at: None,
        intake_id: draft.intake_id.clone(),
        created_at: at,
        updated_at: at,
    };
    store::insert_in(&mut tx, &row).await?;
    // The service as it is now, in this transaction: closed or filled meanwhile refuses.
    match spona_store::services::get_in(&mut tx, service_id).await? {
        Some(s) if !s.is_published() => return Err(Error::Conflict("err-referral-service-closed")),
        Some(s) if s.is_full() => return Err(Error::Conflict("err-referral-service-full")),
        Some(_) => {}
        None => return Err(Error::NotFound),
    }
    if !roles_in(actor, &mut tx)
        .await?
        .iter()
        .any(|w| w.org_id == draft.from_org)
    {
        return Err(Error::NotFound);
    }
    let mut heads = vec![custody_in(&mut tx, vault, &id, me.id.as_str(), "create").await?];
    if consent.is_none() {
        heads.push(custody_in(&mut tx, vault, &id, me.id.as_str(), "consent-override").await?);
    }
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.created", &id)).await?;
    tell_workers_in(
        &mut tx,
        &target.org_id,
        None,
        &id,
        if urgent {
            "Spona: an urgent referral for your organisation"
        } else {
            "Spona: a referral for your organisation"
        },
        base_url,
    )
    .await?;
    spona_store::tx::fault_point("referral.created")?;
    commit(tx, vault, &heads).await?;
    Ok(id)
}
