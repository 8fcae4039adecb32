//! Services (issue 19): who may list, edit, publish and close an organisation's services and
//! give their free places, and who sees them.
//!
//! A published service is public: anyone reads it in the catalogue and the HSDS API. A
//! draft or closed one is seen only by its organisation's admins and platform admins, who
//! are also the only ones to change it. Every change commits with its audit entry.

use spona_domain::ids::{OrgId, ServiceId};
use spona_domain::service::{ServiceDraft, ServiceStatus, ServiceValues, validate_free_places};
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::idempotency::Once;
use spona_store::services::{self as store, Service};
use spona_store::tx::fault_point;

use crate::{Actor, Error, Result};

pub mod catalogue;
pub mod hsds_flat;

pub use spona_store::services::Scope;

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a ServiceId, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "service",
        target_id: id.as_str(),
        detail,
    }
}

/// Whether the actor sees this service: published, or theirs to manage.
pub fn can_see(actor: &Actor, s: &Service) -> bool {
    s.is_published() || actor.can_manage_org(&s.org_id)
}

/// A service the actor may see, else not found (a draft is no one else's business).
pub async fn visible(db: &Db, actor: &Actor, id: &str) -> Result<Service> {
    match store::get(db, id).await? {
        Some(s) if can_see(actor, &s) => Ok(s),
        _ => Err(Error::NotFound),
    }
}

/// A service the actor may change: an admin of its organisation or of the platform. Others
/// who may see it get 403; those who may not, 404.
pub async fn manageable(db: &Db, actor: &Actor, id: &str) -> Result<Service> {
    let s = visible(db, actor, id).await?;
    if actor.can_manage_org(&s.org_id) {
        Ok(s)
    } else {
        actor.require_user()?;
        Err(Error::Forbidden)
    }
}

/// The organisation's services the actor may see (all of them for its admins).
pub async fn of_org(db: &Db, actor: &Actor, org_id: &str) -> Result<Vec<Service>> {
    let mut all = store::list_for_org(db, org_id).await?;
    all.retain(|s| can_see(actor, s));
    Ok(all)
}

fn checked(draft: &ServiceDraft) -> Result<ServiceValues> {
    draft.validate().map_err(Error::Invalid)
}

/// Saves a new service of `org_id` as a draft (an admin of the organisation or platform).
/// The service, the one-time key and the audit entry commit together.
pub async fn create(
    db: &Db,
    actor: &Actor,
    org_id: &OrgId,
    draft: &ServiceDraft,
    once: Option<&Once>,
) -> Result<ServiceId> {
    actor.require_user()?;
    if !actor.can_manage_org(org_id) {
        return Err(Error::Forbidden);
    }
    let values = checked(draft)?;
    let id = ServiceId::from(spona_store::new_id());
    let mut tx = db.begin().await?;
    store::create_in(
        &mut tx,
        &id,
        org_id,
        actor.id(),
        ServiceStatus::Draft,
        &values,
        once,
    )
    .await?;
    audit::record_in(
        &mut tx,
        event(actor, "service.created", &id, values.kind.clone()),
    )
    .await?;
    fault_point("service.created")?;
    tx.commit().await?;
    Ok(id)
}

/// Saves new values for a service the actor manages.
pub async fn update(db: &Db, actor: &Actor, id: &str, draft: &ServiceDraft) -> Result<Service> {
    let s = manageable(db, actor, id).await?;
    let values = checked(draft)?;
    let mut tx = db.begin().await?;
    store::update_in(&mut tx, &s.id, &values).await?;
    audit::record_in(
        &mut tx,
        event(actor, "service.edited", &s.id, values.kind.clone()),
    )
    .await?;
    fault_point("service.edited")?;
    if s.is_published() {
        log_in(&mut tx, &s.id, "changed").await?;
    }
    tx.commit().await?;
    Ok(s)
}

/// Publishes, closes or returns to draft a service the actor manages.
pub async fn set_status(
    db: &Db,
    actor: &Actor,
    id: &str,
    status: ServiceStatus,
) -> Result<Service> {
    let s = manageable(db, actor, id).await?;
    if s.status == status {
        return Ok(s);
    }
    let mut tx = db.begin().await?;
    store::set_status_in(&mut tx, &s.id, status).await?;
    let action = match status {
        ServiceStatus::Published => "service.published",
        ServiceStatus::Closed => "service.closed",
        ServiceStatus::Draft => "service.drafted",
    };
    audit::record_in(&mut tx, event(actor, action, &s.id, String::new())).await?;
    if status == ServiceStatus::Published {
        log_in(&mut tx, &s.id, "published").await?;
    } else if s.is_published() {
        let id = s.id.to_string();
        crate::publog::versions::withdraw_in(&mut tx, crate::publog::kind::SERVICE, &id).await?;
    }
    tx.commit().await?;
    Ok(s)
}

/// The provider gives the places free now (0..=total).
pub async fn set_free_places(db: &Db, actor: &Actor, id: &str, free: &str) -> Result<Service> {
    let s = manageable(db, actor, id).await?;
    let n = validate_free_places(free, s.capacity.total).map_err(|e| Error::Invalid(vec![e]))?;
    let mut tx = db.begin().await?;
    store::set_free_places_in(&mut tx, &s.id, n).await?;
    audit::record_in(
        &mut tx,
        event(actor, "service.places", &s.id, n.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// Appends the public log's entry for a published service, as stored now in `tx`.
async fn log_in(tx: &mut spona_store::Tx, id: &ServiceId, action: &str) -> Result<()> {
    let Some(stored) = store::get_in(tx, id.as_str()).await? else {
        return Err(Error::NotFound);
    };
    let version = crate::publog::versions::service(&stored);
    let id = id.to_string();
    crate::publog::record_in(tx, crate::publog::kind::SERVICE, &id, action, &version).await?;
    Ok(())
}

/// Creates a service for `org_id` in `status` with no actor and no audit entry: for the demo
/// data and tests (the referral lane's too). Free places, when given, are set at once.
pub async fn seed(
    db: &Db,
    org_id: &OrgId,
    draft: &ServiceDraft,
    status: ServiceStatus,
    free_places: Option<i64>,
) -> Result<ServiceId> {
    let values = checked(draft)?;
    let id = ServiceId::from(spona_store::new_id());
    let mut tx = db.begin().await?;
    store::create_in(&mut tx, &id, org_id, None, status, &values, None).await?;
    if let Some(n) = free_places {
        store::set_free_places_in(&mut tx, &id, n).await?;
    }
    tx.commit().await?;
    Ok(id)
}
