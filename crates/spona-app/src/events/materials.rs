//! An event's files: materials before it, and the report's materials after it. Only the
//! event's organisers (and platform administrators) add them; everyone reads them, as the
//! event itself is public. The bytes count against the first organiser's hub quota.

use spona_store::events::{self as store, Material};
use spona_store::quota::{Charge, Scope};
use spona_store::{Db, audit, now};

use super::{can_manage, not_found};
use crate::quota::{Quotas, hub_scopes};
use crate::{Actor, Error, Result};

/// Whether a material comes before the event or after it.
pub fn phase(s: &str) -> Option<&'static str> {
    match s {
        "before" => Some("before"),
        "after" => Some("after"),
        _ => None,
    }
}

/// The quota scopes a file for event `id` counts against, once the actor is known to
/// organise it (checked before a byte of the upload is read). Materials `after` wait for
/// the event's start.
pub async fn upload_scopes(
    actor: &Actor,
    db: &Db,
    q: &Quotas,
    id: &str,
    phase: &str,
) -> Result<Vec<Scope>> {
    actor.require_user()?;
    let event = store::get(db, id).await.map_err(not_found)?;
    let organisers = store::organisers(db, Some(&[id.to_owned()])).await?;
    if !can_manage(actor, &organisers) {
        return Err(Error::Forbidden);
    }
    if phase == "after" && now() < event.starts_at {
        return Err(Error::Conflict("err-event-material-after"));
    }
    Ok(organisers
        .first()
        .map(|o| hub_scopes(q, &o.org_id))
        .unwrap_or_default())
}

/// Records a stored file as the event's material, with its quota charge, in one
/// transaction (audited).
pub async fn add(actor: &Actor, db: &Db, m: &Material, charge: &Charge) -> Result<()> {
    let user = actor.require_user()?;
    let organisers = store::organisers(db, Some(std::slice::from_ref(&m.event_id))).await?;
    if !can_manage(actor, &organisers) {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    store::add_material_in(&mut tx, m, &user.id, charge)
        .await
        .map_err(not_found)?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user.id),
            action: "event.material",
            target_kind: "event",
            target_id: &m.event_id,
            detail: m.sha256.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a material (organisers and platform administrators only): its row and the bytes
/// it counted against its quota, the event's SEQUENCE raised, audited, in one transaction.
/// Returns it as it was, with whether its bytes are still named by another stored file (the
/// attachment store keeps one object per content): when not, the caller removes them.
pub async fn delete(actor: &Actor, db: &Db, event_id: &str, id: &str) -> Result<(Material, bool)> {
    let user = actor.require_user()?;
    store::get(db, event_id).await.map_err(not_found)?;
    let organisers = store::organisers(db, Some(&[event_id.to_owned()])).await?;
    if !can_manage(actor, &organisers) {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    let m = store::delete_material_in(&mut tx, event_id, id)
        .await
        .map_err(not_found)?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user.id),
            action: "event.material-delete",
            target_kind: "event",
            target_id: event_id,
            detail: format!("{} {}", m.sha256, m.filename),
        },
    )
    .await?;
    spona_store::tx::fault_point("event-material-delete")?;
    tx.commit().await?;
    let in_use = store::bytes_in_use(db, &m.sha256).await?;
    Ok((m, in_use))
}

/// A material for its delete page: organisers (and platform administrators) only.
pub async fn for_delete(actor: &Actor, db: &Db, event_id: &str, id: &str) -> Result<Material> {
    actor.require_user()?;
    let organisers = store::organisers(db, Some(&[event_id.to_owned()])).await?;
    let m = store::material(db, event_id, id).await.map_err(not_found)?;
    if !can_manage(actor, &organisers) {
        return Err(Error::Forbidden);
    }
    Ok(m)
}
