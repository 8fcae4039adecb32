//! The answers and what follows: accept / more information / decline, notes, the outcome,
//! and the withdrawal of consent. One transaction each, after the row lock.

use spona_domain::Invalid;
use spona_domain::referral::{self as rules, Answer, Status};
use spona_store::referrals::{self as store, Note, Referral};
use spona_store::{Db, Tx, new_id, now};

use super::read::lock;
use super::{Side, audit, commit, custody_in, note_owner, tell_in, tell_workers_in};
use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

fn refuse_withdrawn(r: &Referral) -> Result<()> {
    if r.status == Status::Withdrawn {
        Err(Error::Conflict("err-referral-withdrawn"))
    } else {
        Ok(())
    }
}

fn check_text(field: &'static str, text: &str, required: bool) -> Result<String> {
    let t = text.trim();
    if (required && t.is_empty()) || t.chars().count() > 4000 {
        return Err(Error::Invalid(vec![Invalid::new(
            field,
            "err-referral-note",
        )]));
    }
    Ok(t.to_owned())
}

#[allow(clippy::too_many_arguments)]
async fn add_note_in(
    tx: &mut Tx,
    vault: &Vault,
    referral_id: &str,
    side: Side,
    kind: &str,
    shared: bool,
    author: &str,
    body: &str,
) -> Result<()> {
    let note_id = new_id();
    store::add_note_in(
        tx,
        &Note {
            id: note_id.clone(),
            referral_id: referral_id.to_owned(),
            side: match side {
                Side::From => "from".into(),
                Side::To => "to".into(),
            },
            kind: kind.to_owned(),
            shared,
            author: Some(author.to_owned()),
            body_sealed: vault.seal(&note_owner(&note_id), body),
            withdrawn: false,
            created_at: now(),
        },
    )
    .await?;
    Ok(())
}

/// The receiving side answers: accept, ask for more information, or decline with a reason.
/// The answer is always reported back. A second accept or decline is refused (409).
pub async fn answer(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    a: Answer,
    note: &str,
    base_url: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::To {
        return Err(Error::Forbidden);
    }
    let next = rules::answer(r.status, a).map_err(Error::Conflict)?;
    let note = check_text("note", note, a != Answer::Accept)?;
    let me = actor.id().unwrap_or_default();
    if !note.is_empty() {
        add_note_in(&mut tx, vault, id, side, a.as_str(), true, me, &note).await?;
    }
    store::set_status_in(&mut tx, id, next, None, a != Answer::MoreInfo).await?;
    let head = custody_in(&mut tx, vault, id, me, a.as_str()).await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.answered", id)).await?;
    if let Some(by) = &r.referred_by {
        let user = spona_store::users::get_in(&mut tx, by).await?;
        tell_in(
            &mut tx,
            &user.email,
            id,
            "Spona: your referral was answered",
            base_url,
        )
        .await?;
    }
    spona_store::tx::fault_point("referral.answered")?;
    commit(tx, vault, &[head]).await?;
    Ok(())
}

/// A follow-up note. The receiving side chooses whether it is reported back (`shared`); the
/// referring side's notes (e.g. the information asked for) are always seen by both.
pub async fn add_note(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    body: &str,
    shared: bool,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    refuse_withdrawn(&r)?;
    let body = check_text("body", body, true)?;
    let me = actor.id().unwrap_or_default();
    let (kind, shared) = match side {
        Side::From => ("reply", true),
        Side::To => ("note", shared),
    };
    add_note_in(&mut tx, vault, id, side, kind, shared, me, &body).await?;
    let head = custody_in(&mut tx, vault, id, me, "note").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.noted", id)).await?;
    commit(tx, vault, &[head]).await?;
    Ok(())
}

/// The receiving side records the outcome of an accepted referral (once); the outcome's
/// code is always reported back, the note only when `shared`.
pub async fn record_outcome(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    outcome: &str,
    note: &str,
    shared: bool,
) -> Result<()> {
    if !rules::OUTCOMES.contains(&outcome) {
        return Err(Error::Invalid(vec![Invalid::new(
            "outcome",
            "err-referral-outcome",
        )]));
    }
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::To {
        return Err(Error::Forbidden);
    }
    refuse_withdrawn(&r)?;
    if r.status != Status::Accepted {
        return Err(Error::Conflict("err-referral-not-accepted"));
    }
    let note = check_text("note", note, false)?;
    let me = actor.id().unwrap_or_default();
    if !note.is_empty() {
        add_note_in(&mut tx, vault, id, side, "outcome", shared, me, &note).await?;
    }
    store::set_status_in(&mut tx, id, Status::Closed, Some(outcome), true).await?;
    let head = custody_in(&mut tx, vault, id, me, "outcome").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.outcome", id)).await?;
    commit(tx, vault, &[head]).await?;
    Ok(())
}

/// The person withdrew consent (recorded by the referring side): nothing more is shared,
/// every note is marked withdrawn, the receiving side no longer sees the person's data.
pub async fn withdraw(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    base_url: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::From {
        return Err(Error::Forbidden);
    }
    refuse_withdrawn(&r)?;
    let me = actor.id().unwrap_or_default();
    store::set_status_in(&mut tx, id, Status::Withdrawn, None, false).await?;
    store::withdraw_notes_in(&mut tx, id).await?;
    let head = custody_in(&mut tx, vault, id, me, "consent-withdrawn").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.withdrawn", id)).await?;
    tell_workers_in(
        &mut tx,
        &r.to_org,
        None,
        id,
        "Spona: consent to a referral was withdrawn",
        base_url,
    )
    .await?;
    spona_store::tx::fault_point("referral.withdrawn")?;
    commit(tx, vault, &[head]).await?;
    Ok(())
}
