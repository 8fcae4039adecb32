//! The organisations taking part in monitoring: platform admins add and remove them; only
//! they assess recommendations. Every change is audited.

use spona_store::audit::{self, Event};
use spona_store::monitoring::participants as store;
use spona_store::{Db, StoreError};

use super::invalid;
use crate::{Actor, Result};

/// A participating organisation as the pages list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub org_id: String,
    pub slug: String,
    pub name: String,
}

/// Every participant, by name (public: who may assess is no secret).
pub async fn list(db: &Db) -> Result<Vec<Participant>> {
    let ids = store::all(db).await?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut list: Vec<Participant> = spona_store::orgs::get_many(db, &refs)
        .await?
        .into_iter()
        .map(|o| Participant {
            org_id: o.id.to_string(),
            slug: o.slug,
            name: o.name,
        })
        .collect();
    list.sort_by_key(|a| a.name.to_lowercase());
    Ok(list)
}

/// Adds the organisation with this slug. Platform admins only.
pub async fn add(actor: &Actor, db: &Db, slug: &str) -> Result<String> {
    let admin = actor.require_admin()?;
    let org = match spona_store::orgs::get_by_slug(db, slug.trim()).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => return Err(invalid("org", "mon-imp-err-org-unknown")),
        Err(e) => return Err(e.into()),
    };
    let mut tx = db.begin().await?;
    store::add_in(&mut tx, org.id.as_str(), Some(admin.id.as_str())).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.participant_added",
            target_kind: "organisation",
            target_id: org.id.as_str(),
            detail: org.slug.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(org.id.to_string())
}

/// Removes an organisation from the participants; its assessments stay as history.
/// Platform admins only.
pub async fn remove(actor: &Actor, db: &Db, org_id: &str) -> Result<()> {
    let admin = actor.require_admin()?;
    if !store::is_participant(db, org_id).await? {
        return Err(crate::Error::NotFound);
    }
    let mut tx = db.begin().await?;
    store::remove_in(&mut tx, org_id).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "monitoring.participant_removed",
            target_kind: "organisation",
            target_id: org_id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
