//! An agreed pair's history: check-ins, ending the pair, feedback. Each is written with its
//! audit entry in one transaction. Who may write (a member of one side) is decided by the
//! caller from [`super::access::member_side`].

use spona_domain::matching::CheckIn;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::idempotency::Once;
use spona_store::pairs;

use crate::{Actor, Error, Result};

async fn audited(
    tx: &mut spona_store::Tx,
    actor: &Actor,
    action: &str,
    proposal_id: &str,
    side: &str,
) -> Result<()> {
    audit::record_in(
        tx,
        Event {
            actor_id: actor.id(),
            action,
            target_kind: "proposal",
            target_id: proposal_id,
            detail: format!("side={side}"),
        },
    )
    .await?;
    Ok(())
}

/// Adds `side`'s check-in to an active pair. A replayed form answers the store's
/// [`spona_store::StoreError::Replay`].
pub async fn check_in(
    actor: &Actor,
    db: &Db,
    proposal_id: &str,
    side: &str,
    c: &CheckIn,
    once: Option<&Once>,
) -> Result<String> {
    let user = actor.require_user()?.id.clone();
    let mut tx = db.begin().await?;
    let id = pairs::add_check_in_in(&mut tx, proposal_id, side, c, &user, once).await?;
    audited(&mut tx, actor, "matching.pair_check_in", proposal_id, side).await?;
    tx.commit().await?;
    Ok(id)
}

/// Ends an active pair with `side`'s words.
pub async fn end(actor: &Actor, db: &Db, proposal_id: &str, side: &str, note: &str) -> Result<()> {
    actor.require_user()?;
    let mut tx = db.begin().await?;
    if !pairs::end_in(&mut tx, proposal_id, side, note).await? {
        return Err(Error::BadRequest("err-pair-ended"));
    }
    audited(&mut tx, actor, "matching.pair_ended", proposal_id, side).await?;
    tx.commit().await?;
    Ok(())
}

/// `side`'s feedback on an ended pair (once).
pub async fn feedback(
    actor: &Actor,
    db: &Db,
    proposal_id: &str,
    side: &str,
    note: &str,
) -> Result<()> {
    actor.require_user()?;
    let mut tx = db.begin().await?;
    if !pairs::feedback_in(&mut tx, proposal_id, side, note).await? {
        return Err(Error::BadRequest("err-feedback-not-now"));
    }
    audited(&mut tx, actor, "matching.pair_feedback", proposal_id, side).await?;
    tx.commit().await?;
    Ok(())
}
