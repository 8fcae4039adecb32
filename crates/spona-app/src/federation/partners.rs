//! Partner deployments: adding one by its address and fingerprint, reading its key
//! document again (a changed key holds the partner until an admin confirms the new
//! fingerprint), and naming which local organisation exchanges with which of its own.
//! Platform admins only.

use spona_domain::Invalid;
use spona_federation::{SignedDocument, fingerprint, fingerprint_matches};
use spona_store::audit::{self, Event};
use spona_store::federation::referrals::RemoteService;
use spona_store::federation::{self as store, NewPartner, Partner, RemoteOrg};
use spona_store::{Db, StoreError};

use super::PARTNER;
use crate::{Actor, Error, Result};

fn invalid(field: &'static str, key: &'static str) -> Error {
    Error::Invalid(vec![Invalid { field, key }])
}

fn remote_orgs(partner_id: &str, doc: &SignedDocument) -> Vec<RemoteOrg> {
    doc.document
        .organisations
        .iter()
        .map(|o| RemoteOrg {
            partner_id: partner_id.to_owned(),
            org_id: o.id.clone(),
            slug: o.slug.clone(),
            name: o.name.clone(),
            recipient: o.recipient.clone(),
        })
        .collect()
}

/// The services the partner's organisations publish for referrals.
fn remote_services(partner_id: &str, doc: &SignedDocument) -> Vec<RemoteService> {
    doc.document
        .organisations
        .iter()
        .flat_map(|o| {
            o.services.iter().map(|s| RemoteService {
                partner_id: partner_id.to_owned(),
                org_id: o.id.clone(),
                service_id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind.clone(),
                asks: s.asks.join(","),
                org_name: o.name.clone(),
                partner_name: String::new(),
            })
        })
        .collect()
}

/// Checks a fetched document against the address it was fetched from.
fn check_document(doc: &SignedDocument, base_url: &str, own_key: &str) -> Result<String> {
    let key = doc.verify().map_err(|reason| {
        tracing::warn!(%reason, url = base_url, "partner key document refused");
        invalid("url", "fed-err-document")
    })?;
    if doc.document.base_url.trim_end_matches('/') != base_url {
        tracing::warn!(
            said = %doc.document.base_url,
            url = base_url,
            "partner key document names another address"
        );
        return Err(invalid("url", "fed-err-document-url"));
    }
    if key.to_hex() == own_key {
        return Err(invalid("url", "fed-err-self"));
    }
    Ok(key.to_hex())
}

/// Adds the partner whose document was fetched from `base_url`, if `typed` is its
/// fingerprint. The partner's id.
pub async fn add(
    actor: &Actor,
    db: &Db,
    own_key: &str,
    base_url: &str,
    doc: &SignedDocument,
    typed: &str,
) -> Result<String> {
    let admin = actor.require_admin()?;
    let key = check_document(doc, base_url, own_key)?;
    let fp = fingerprint(
        &doc.verify()
            .map_err(|_| invalid("url", "fed-err-document"))?,
    );
    if !fingerprint_matches(typed, &fp) {
        tracing::warn!(
            url = base_url,
            "partner refused: the fingerprint does not match"
        );
        return Err(invalid("fingerprint", "fed-err-fingerprint"));
    }
    if store::partner_by_key(db, &key).await?.is_some() {
        return Err(Error::Conflict("fed-err-partner-exists"));
    }
    let id = spona_store::new_id();
    let mut tx = db.begin().await?;
    store::insert_partner_in(
        &mut tx,
        &NewPartner {
            id: &id,
            name: &doc.document.name,
            base_url,
            inbox: &doc.document.inbox,
            signing_key: &key,
            fingerprint: &fp,
            added_by: Some(admin.id.as_str()),
        },
    )
    .await
    .map_err(|e| match e {
        StoreError::Conflict(_) => Error::Conflict("fed-err-partner-exists"),
        e => e.into(),
    })?;
    store::set_partner_orgs_in(&mut tx, &id, &remote_orgs(&id, doc)).await?;
    spona_store::federation::referrals::set_services_in(&mut tx, &id, &remote_services(&id, doc))
        .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "federation.partner_added",
            target_kind: PARTNER,
            target_id: &id,
            detail: format!("{base_url} {fp}"),
        },
    )
    .await?;
    spona_store::tx::fault_point("federation.partner_added")?;
    tx.commit().await?;
    Ok(id)
}

/// What reading a partner's document again found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// The pinned key: name, inbox and organisations updated.
    Same,
    /// Another key: the partner is held until an admin confirms its fingerprint.
    KeyChanged { fingerprint: String },
}

/// Takes in a freshly fetched document of `partner`.
pub async fn refresh(
    actor: &Actor,
    db: &Db,
    own_key: &str,
    partner: &Partner,
    doc: &SignedDocument,
) -> Result<Refreshed> {
    actor.require_admin()?;
    let key = check_document(doc, &partner.base_url, own_key)?;
    let mut tx = db.begin().await?;
    store::lock_partner_in(&mut tx, &partner.id).await?;
    let result = if key == partner.signing_key {
        store::touch_partner_in(
            &mut tx,
            &partner.id,
            &doc.document.name,
            &doc.document.inbox,
        )
        .await?;
        store::set_partner_orgs_in(&mut tx, &partner.id, &remote_orgs(&partner.id, doc)).await?;
        spona_store::federation::referrals::set_services_in(
            &mut tx,
            &partner.id,
            &remote_services(&partner.id, doc),
        )
        .await?;
        Refreshed::Same
    } else {
        let fp = fingerprint(
            &doc.verify()
                .map_err(|_| invalid("url", "fed-err-document"))?,
        );
        tracing::warn!(
            partner = %partner.base_url,
            pinned = %partner.fingerprint,
            new = %fp,
            "partner's signing key changed: its packets are refused until an admin confirms the new fingerprint"
        );
        store::key_changed_in(&mut tx, &partner.id, &key, &fp).await?;
        audit::record_in(
            &mut tx,
            Event {
                actor_id: actor.id(),
                action: "federation.key_changed",
                target_kind: PARTNER,
                target_id: &partner.id,
                detail: format!("{} → {fp}", partner.fingerprint),
            },
        )
        .await?;
        Refreshed::KeyChanged { fingerprint: fp }
    };
    tx.commit().await?;
    Ok(result)
}

/// An admin read the new fingerprint aloud with the partner's admins: the pending key
/// becomes the pinned one. `doc` is the document fetched again now.
pub async fn confirm_key(
    actor: &Actor,
    db: &Db,
    own_key: &str,
    partner: &Partner,
    doc: &SignedDocument,
    typed: &str,
) -> Result<()> {
    let admin = actor.require_admin()?;
    let Some(pending) = partner.pending_key.as_deref() else {
        return Err(Error::Conflict("fed-err-no-pending-key"));
    };
    let key = check_document(doc, &partner.base_url, own_key)?;
    if key != pending {
        return Err(invalid("fingerprint", "fed-err-key-moved"));
    }
    let fp = partner.pending_fingerprint.clone().unwrap_or_default();
    if !fingerprint_matches(typed, &fp) {
        return Err(invalid("fingerprint", "fed-err-fingerprint"));
    }
    let mut tx = db.begin().await?;
    store::lock_partner_in(&mut tx, &partner.id).await?;
    store::confirm_key_in(
        &mut tx,
        &partner.id,
        &doc.document.name,
        &doc.document.inbox,
    )
    .await?;
    store::set_partner_orgs_in(&mut tx, &partner.id, &remote_orgs(&partner.id, doc)).await?;
    spona_store::federation::referrals::set_services_in(
        &mut tx,
        &partner.id,
        &remote_services(&partner.id, doc),
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(admin.id.as_str()),
            action: "federation.key_confirmed",
            target_kind: PARTNER,
            target_id: &partner.id,
            detail: fp,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Lets `local_org` exchange packets with the partner's `remote_org` (`on`), or stops it.
pub async fn set_link(
    actor: &Actor,
    db: &Db,
    partner_id: &str,
    local_org: &str,
    remote_org: &str,
    on: bool,
) -> Result<()> {
    let admin = actor.require_admin()?;
    if on {
        match spona_store::orgs::get(db, local_org).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => return Err(invalid("local", "fed-err-unknown-org")),
            Err(e) => return Err(e.into()),
        }
    }
    let mut tx = db.begin().await?;
    if !store::lock_partner_in(&mut tx, partner_id).await? {
        return Err(Error::NotFound);
    }
    if store::partner_org_in(&mut tx, partner_id, remote_org)
        .await?
        .is_none()
    {
        return Err(invalid("remote", "fed-err-unknown-org"));
    }
    let changed = if on {
        store::add_link_in(
            &mut tx,
            partner_id,
            local_org,
            remote_org,
            Some(admin.id.as_str()),
        )
        .await?
    } else {
        store::remove_link_in(&mut tx, partner_id, local_org, remote_org).await?
    };
    if changed {
        audit::record_in(
            &mut tx,
            Event {
                actor_id: Some(admin.id.as_str()),
                action: if on {
                    "federation.link_added"
                } else {
                    "federation.link_removed"
                },
                target_kind: PARTNER,
                target_id: partner_id,
                detail: format!("{local_org} ↔ {remote_org}"),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
