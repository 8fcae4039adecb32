//! The zone a signed-in person reads times in: saved once, used on every event and call
//! page and in event mails; a `?tz=` in the address still overrides it for that page.

use spona_domain::event::parse_zone;
use spona_store::events as store;
use spona_store::{Db, audit};

use crate::{Actor, Error, Result};

/// The zone the person saved, if any (and still a known zone).
pub async fn saved(db: &Db, user_id: &str) -> Result<Option<String>> {
    Ok(store::saved_zone(db, user_id)
        .await?
        .filter(|z| parse_zone(z).is_some()))
}

/// The zone shown to the actor: `asked` (a `?tz=`) when it names a zone, else the one
/// they saved, else none (the page's own default).
pub async fn chosen(actor: &Actor, db: &Db, asked: &str) -> Result<Option<String>> {
    let asked = asked.trim();
    if let Some(tz) = parse_zone(asked) {
        return Ok(Some(tz.name().to_owned()));
    }
    match actor.id() {
        Some(u) => saved(db, u).await,
        None => Ok(None),
    }
}

/// Saves the actor's zone (an empty one forgets it); an unknown zone is refused.
pub async fn save(actor: &Actor, db: &Db, zone: &str) -> Result<()> {
    let user = actor.require_user()?;
    let zone = zone.trim();
    let chosen = if zone.is_empty() {
        None
    } else {
        Some(
            parse_zone(zone)
                .ok_or(Error::Invalid(vec![spona_domain::Invalid::new(
                    "zone",
                    "err-event-zone",
                )]))?
                .name(),
        )
    };
    let mut tx = db.begin().await?;
    store::set_zone_in(&mut tx, &user.id, chosen).await?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user.id),
            action: "account.zone",
            target_kind: "user",
            target_id: &user.id,
            detail: chosen.unwrap_or_default().to_owned(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
