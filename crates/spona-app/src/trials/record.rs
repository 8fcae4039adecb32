//! Recording what happens in court: hearings, observers' forms and verdicts. Each write
//! checks access and input first, seals what may name people, and commits the change with
//! its audit entry (which holds codes only, never the sealed text).

use spona_domain::Invalid;
use spona_domain::trial::{HearingDraft, ObservationDraft, VerdictDraft};
use spona_store::idempotency::Once;
use spona_store::trials::{self as store, Hearing, Observation, Verdict};
use spona_store::{Db, audit};

use super::{event, hearing_note_owner, load, observation_notes_owner, today};
use crate::actor::Actor;
use crate::vault::keys::VaultState;
use crate::{Error, Result};

/// Adds a hearing to a case the actor monitors. A note needs the vault open (it is
/// sealed); without a note the vault is not asked. Returns the hearing's id.
pub async fn add_hearing(
    actor: &Actor,
    db: &Db,
    vault: &VaultState,
    case_id: &str,
    draft: &HearingDraft,
    once: Option<&Once>,
) -> Result<String> {
    let case = load(actor, db, case_id).await?;
    let now = spona_store::now();
    let v = draft
        .validate(&case.indicted_on, now)
        .map_err(Error::Invalid)?;
    let id = spona_store::new_id();
    let note_sealed = match &v.note {
        Some(note) => Some(vault.get()?.seal(&hearing_note_owner(&id), note)),
        None => None,
    };
    let h = Hearing {
        id: id.clone(),
        case_id: case.id.clone(),
        at: v.at,
        at_local: v.local,
        zone: v.zone,
        status: v.status,
        reason: v.reason,
        note_sealed,
        created_by: actor.id().map(str::to_owned),
        created_at: now,
    };
    let mut tx = db.begin().await?;
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, &id).await?;
    }
    store::add_hearing_in(&mut tx, &h).await?;
    let detail = format!(
        "hearing {} {}{}",
        h.id,
        h.status,
        h.reason
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    audit::record_in(
        &mut tx,
        event(actor, "trial.hearing_added", &case.id, detail),
    )
    .await?;
    spona_store::tx::fault_point("trial.hearing_added")?;
    tx.commit().await?;
    Ok(id)
}

/// Saves an observer's form for a held or adjourned hearing. The observer must belong to
/// one of the case's monitoring organisations (else 422 naming `observer`); the free text
/// is sealed. Returns the observation's id.
pub async fn observe(
    actor: &Actor,
    db: &Db,
    vault: &VaultState,
    case_id: &str,
    hearing_id: &str,
    draft: &ObservationDraft,
    once: Option<&Once>,
) -> Result<String> {
    let case = load(actor, db, case_id).await?;
    let hearing = store::hearing(db, &case.id, hearing_id)
        .await?
        .ok_or(Error::NotFound)?;
    if hearing.status == "scheduled" {
        return Err(Error::Conflict("err-trial-hearing-scheduled"));
    }
    let v = draft.validate().map_err(Error::Invalid)?;
    let memberships = match spona_store::users::memberships(db, &v.observer).await {
        Ok(m) => m,
        Err(spona_store::StoreError::NotFound) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let Some(org) = memberships
        .iter()
        .find(|m| case.orgs.contains(&m.org_id))
        .map(|m| m.org_id.clone())
    else {
        return Err(Error::Invalid(vec![Invalid::new(
            "observer",
            "err-trial-observer-not-monitoring",
        )]));
    };
    let id = spona_store::new_id();
    let notes_sealed = if v.notes.is_empty() {
        None
    } else {
        let json = serde_json::to_string(&v.notes).map_err(|e| Error::Internal(e.into()))?;
        Some(vault.get()?.seal(&observation_notes_owner(&id), &json))
    };
    let o = Observation {
        id: id.clone(),
        case_id: case.id.clone(),
        hearing_id: hearing.id.clone(),
        observer_id: Some(v.observer),
        observer_name: None,
        org_id: Some(org),
        compensation: v.compensation,
        prosecution: v.prosecution,
        court: v.court,
        notes_sealed,
        created_by: actor.id().map(str::to_owned),
        created_at: spona_store::now(),
        checks: v.checks,
        measures: v.measures,
    };
    let mut tx = db.begin().await?;
    if let Some(once) = once {
        spona_store::idempotency::claim_in(&mut tx, once, &id).await?;
    }
    store::add_observation_in(&mut tx, &o).await?;
    let detail = format!("observation {} of hearing {}", o.id, hearing.id);
    audit::record_in(&mut tx, event(actor, "trial.observed", &case.id, detail)).await?;
    spona_store::tx::fault_point("trial.observed")?;
    tx.commit().await?;
    Ok(id)
}

/// Records (or replaces) one defendant's verdict on a case the actor monitors.
pub async fn set_verdict(
    actor: &Actor,
    db: &Db,
    case_id: &str,
    draft: &VerdictDraft,
) -> Result<i64> {
    let case = load(actor, db, case_id).await?;
    let now = spona_store::now();
    let v = draft
        .validate(case.defendants, &case.indicted_on, &today(now))
        .map_err(Error::Invalid)?;
    let verdict = Verdict {
        case_id: case.id.clone(),
        defendant: v.defendant,
        outcome: v.outcome,
        decided_on: v.decided_on,
        sentence_months: v.sentence_months,
        is_final: v.is_final,
        recorded_by: actor.id().map(str::to_owned),
        recorded_at: now,
    };
    let mut tx = db.begin().await?;
    store::set_verdict_in(&mut tx, &verdict).await?;
    let detail = format!(
        "defendant {} {} {}",
        verdict.defendant, verdict.outcome, verdict.decided_on
    );
    audit::record_in(&mut tx, event(actor, "trial.verdict", &case.id, detail)).await?;
    spona_store::tx::fault_point("trial.verdict")?;
    tx.commit().await?;
    Ok(verdict.defendant)
}
