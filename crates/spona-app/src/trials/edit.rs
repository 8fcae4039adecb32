//! Correcting and deleting what was recorded (lane montrial): a case's facts and charges, a
//! hearing, and the deletion of either — by whoever may record them (the members of the
//! case's monitoring organisations; 404 for anyone else, as for reading). Each change is
//! checked against what the case already holds, commits with its audit entry (codes and
//! ids only), and the findings, computed from the stored facts on each request, follow at
//! once. Deleting a case removes its hearings, observations (their sealed notes with them)
//! and verdicts; deleting a hearing removes its observations.

use spona_domain::Invalid;
use spona_domain::trial::{CaseDraft, HearingDraft};
use spona_store::trials::{self as store, Case, Hearing};
use spona_store::trials_edit;
use spona_store::{Db, StoreError, audit};

use super::{event, hearing_note_owner, load, today};
use crate::actor::Actor;
use crate::vault::keys::{Vault, VaultState};
use crate::{Error, Result};

/// The edit form's draft of a stored case.
pub fn case_draft(case: &Case) -> CaseDraft {
    CaseDraft {
        country: case.country.clone(),
        court: case.court.clone(),
        case_number: case.case_number.clone(),
        charges: case.charges.clone(),
        defendants: case.defendants.to_string(),
        victims: case.victims.to_string(),
        indicted_on: case.indicted_on.clone(),
    }
}

/// Changes a case's facts and charges. Besides the draft's own rules: fewer defendants than
/// one with a verdict is refused (`defendants`), an indictment after a hearing or a verdict
/// (`indicted_on`), a case number the court has for another case (`case_number`).
pub async fn edit_case(actor: &Actor, db: &Db, case_id: &str, draft: &CaseDraft) -> Result<()> {
    let case = load(actor, db, case_id).await?;
    let now = spona_store::now();
    let v = draft.validate(&today(now)).map_err(Error::Invalid)?;
    let mut errors = Vec::new();
    let verdicts = store::verdicts(db, &case.id).await?;
    if verdicts.iter().any(|x| x.defendant > v.defendants) {
        errors.push(Invalid::new("defendants", "mxt-err-defendant-has-verdict"));
    }
    let hearings = store::hearings(db, &case.id).await?;
    let first_hearing = hearings
        .iter()
        .map(|h| h.at_local.get(..10).unwrap_or(&h.at_local))
        .min();
    let first_verdict = verdicts.iter().map(|x| x.decided_on.as_str()).min();
    if first_hearing.is_some_and(|d| d < v.indicted_on.as_str())
        || first_verdict.is_some_and(|d| d < v.indicted_on.as_str())
    {
        errors.push(Invalid::new("indicted_on", "mxt-err-indicted-after"));
    }
    let renumbered = (v.country.as_str(), v.court.as_str(), v.case_number.as_str())
        != (
            case.country.as_str(),
            case.court.as_str(),
            case.case_number.as_str(),
        );
    if renumbered && store::number_taken(db, &v.country, &v.court, &v.case_number).await? {
        errors.push(Invalid::new("case_number", "err-trial-duplicate"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let changed = Case {
        country: v.country,
        court: v.court,
        case_number: v.case_number,
        defendants: v.defendants,
        victims: v.victims,
        indicted_on: v.indicted_on,
        charges: v.charges,
        ..case
    };
    let mut tx = db.begin().await?;
    match trials_edit::update_case_in(&mut tx, &changed, now).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(Error::Invalid(vec![Invalid::new(
                "case_number",
                "err-trial-duplicate",
            )]));
        }
        Err(e) => return Err(e.into()),
    }
    let detail = format!("{} {}", changed.country, changed.charges.join(","));
    audit::record_in(
        &mut tx,
        event(actor, "trial.case_edited", &changed.id, detail),
    )
    .await?;
    spona_store::tx::fault_point("trial.case_edited")?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a case with everything recorded about it.
pub async fn delete_case(actor: &Actor, db: &Db, case_id: &str) -> Result<()> {
    let case = load(actor, db, case_id).await?;
    let mut tx = db.begin().await?;
    if trials_edit::delete_case_in(&mut tx, &case.id).await? == 0 {
        return Err(Error::NotFound);
    }
    let detail = format!("{} {}", case.country, case.charges.join(","));
    audit::record_in(
        &mut tx,
        event(actor, "trial.case_deleted", &case.id, detail),
    )
    .await?;
    spona_store::tx::fault_point("trial.case_deleted")?;
    tx.commit().await?;
    Ok(())
}

/// A hearing of a case the actor monitors (404 otherwise), with its case.
pub async fn hearing(
    actor: &Actor,
    db: &Db,
    case_id: &str,
    hearing_id: &str,
) -> Result<(Case, Hearing)> {
    let case = load(actor, db, case_id).await?;
    let h = store::hearing(db, &case.id, hearing_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((case, h))
}

/// The edit form's draft of a stored hearing, its note opened (the vault must be open when
/// the hearing has a note: 503 otherwise).
pub fn hearing_draft(vault: &VaultState, h: &Hearing) -> Result<HearingDraft> {
    let note = match &h.note_sealed {
        Some(s) => open(vault.get()?, h, s)?,
        None => String::new(),
    };
    Ok(HearingDraft {
        at: h.at_local.clone(),
        zone: h.zone.clone(),
        status: h.status.clone(),
        reason: h.reason.clone().unwrap_or_default(),
        note,
    })
}

fn open(vault: &Vault, h: &Hearing, sealed: &str) -> Result<String> {
    Ok(vault
        .unseal(&hearing_note_owner(&h.id), sealed)?
        .to_string())
}

/// Changes a hearing: the draft's own rules, and a hearing that was observed cannot become
/// scheduled (`status`). The note is sealed again (the vault must be open when there is
/// one); an empty note removes it.
pub async fn edit_hearing(
    actor: &Actor,
    db: &Db,
    vault: &VaultState,
    case_id: &str,
    hearing_id: &str,
    draft: &HearingDraft,
) -> Result<()> {
    let (case, h) = hearing(actor, db, case_id, hearing_id).await?;
    let now = spona_store::now();
    let v = draft
        .validate(&case.indicted_on, now)
        .map_err(Error::Invalid)?;
    if v.status == "scheduled"
        && store::observations(db, &case.id)
            .await?
            .iter()
            .any(|o| o.hearing_id == h.id)
    {
        return Err(Error::Invalid(vec![Invalid::new(
            "status",
            "mxt-err-hearing-observed",
        )]));
    }
    let note_sealed = match &v.note {
        Some(note) => Some(vault.get()?.seal(&hearing_note_owner(&h.id), note)),
        None => None,
    };
    let changed = Hearing {
        at: v.at,
        at_local: v.local,
        zone: v.zone,
        status: v.status,
        reason: v.reason,
        note_sealed,
        ..h
    };
    let mut tx = db.begin().await?;
    if trials_edit::update_hearing_in(&mut tx, &changed).await? == 0 {
        return Err(Error::NotFound);
    }
    trials_edit::touch_case_in(&mut tx, &case.id, now).await?;
    let detail = format!(
        "hearing {} {}{}",
        changed.id,
        changed.status,
        changed
            .reason
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    audit::record_in(
        &mut tx,
        event(actor, "trial.hearing_edited", &case.id, detail),
    )
    .await?;
    spona_store::tx::fault_point("trial.hearing_edited")?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a hearing and the observations of it.
pub async fn delete_hearing(actor: &Actor, db: &Db, case_id: &str, hearing_id: &str) -> Result<()> {
    let (case, h) = hearing(actor, db, case_id, hearing_id).await?;
    let mut tx = db.begin().await?;
    if trials_edit::delete_hearing_in(&mut tx, &case.id, &h.id).await? == 0 {
        return Err(Error::NotFound);
    }
    trials_edit::touch_case_in(&mut tx, &case.id, spona_store::now()).await?;
    audit::record_in(
        &mut tx,
        event(
            actor,
            "trial.hearing_deleted",
            &case.id,
            format!("hearing {}", h.id),
        ),
    )
    .await?;
    spona_store::tx::fault_point("trial.hearing_deleted")?;
    tx.commit().await?;
    Ok(())
}
