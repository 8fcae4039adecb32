//! Vault items received from partners, for the receiving organisation: its admins (by
//! membership — a platform admin is not, unless also the organisation's admin) see the items
//! partners handed over to it ([`list`]) and download one ([`download`]): decrypted with the
//! organisation's identity, checked against its SHA-256, and the download appended to this
//! side's custody chain of its case, with the audit entry, before anything is sent. Everyone
//! else gets [`Error::NotFound`].

use sha2::{Digest, Sha256};
use spona_federation::handover;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::federation::vault_items::{self as store, FedVaultCase, FedVaultItem};
use spona_store::federation::{self as fstore};

use super::vault_items::{custody_in, name_owner};
use super::vault_verify::identity;
use super::{Keyring, PACKET};
use crate::{Actor, Error, Result};

/// One received item as its organisation's admins see it.
#[derive(Debug, Clone)]
pub struct Received {
    pub case: FedVaultCase,
    pub item: FedVaultItem,
    /// The file's name (or the testimony's label), opened.
    pub name: String,
    /// The sending organisation's name and its deployment's, as the partner's key document
    /// gives them.
    pub from: String,
    pub partner: String,
    /// When the sender's consent to it was withdrawn (then it is no longer opened).
    pub withdrawn_at: Option<i64>,
}

/// The organisations the actor administers.
fn admin_orgs(actor: &Actor) -> Vec<String> {
    actor
        .memberships()
        .iter()
        .filter(|m| actor.is_admin_of(&m.org_id))
        .map(|m| m.org_id.clone())
        .collect()
}

/// Whether the actor administers an organisation that received items from partners.
pub async fn has_any(actor: &Actor, db: &Db) -> Result<bool> {
    let orgs = admin_orgs(actor);
    Ok(!orgs.is_empty() && !store::cases_of_orgs(db, &orgs).await?.is_empty())
}

/// The items partners handed over to the organisations the actor administers, newest case
/// first; 404 for anyone who administers none.
pub async fn list(actor: &Actor, db: &Db, ring: &Keyring) -> Result<Vec<Received>> {
    actor.require_user()?;
    let orgs = admin_orgs(actor);
    if orgs.is_empty() {
        return Err(Error::NotFound);
    }
    let cases = store::cases_of_orgs(db, &orgs).await?;
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let keys = ring.keys(db).await?;
    let partners = fstore::partners(db).await?;
    let mut out = Vec::new();
    for case in cases {
        let remote = fstore::partner_orgs(db, &case.partner_id).await?;
        let from = remote
            .iter()
            .find(|o| o.org_id == case.remote_org)
            .map_or_else(|| case.remote_org.clone(), |o| o.name.clone());
        let partner = partners
            .iter()
            .find(|p| p.id == case.partner_id)
            .map_or_else(String::new, |p| p.name.clone());
        let withdrawn =
            spona_store::federation::vault_withdrawals::withdrawn_in_case(db, &case.id).await?;
        for item in store::items(db, &case.id).await? {
            out.push(Received {
                withdrawn_at: withdrawn
                    .iter()
                    .find(|(id, _)| *id == item.id)
                    .map(|(_, at)| *at),
                name: keys
                    .open_sealed(&name_owner(&item.id), &item.name_sealed)?
                    .to_string(),
                from: from.clone(),
                partner: partner.clone(),
                case: case.clone(),
                item,
            });
        }
    }
    Ok(out)
}

/// A received item's bytes, opened for download.
pub struct Download {
    pub name: String,
    pub sha256: String,
    pub body: Body,
}

/// The bytes of a download: in memory (an item that travelled in one packet), or in an
/// unnamed scratch file read from its start (one that travelled in chunks: decrypted into
/// it one chunk at a time and checked before anything is sent).
pub enum Body {
    Bytes(Vec<u8>),
    File { file: std::fs::File, len: u64 },
}

/// Opens a received item for one of its organisation's admins, after its custody entry
/// (`downloaded`, by the actor) and the audit entry are committed. 404 for anyone else.
pub async fn download(actor: &Actor, db: &Db, ring: &Keyring, id: &str) -> Result<Download> {
    let me = actor.require_user()?.id.to_string();
    let item = store::item(db, id).await?.ok_or(Error::NotFound)?;
    let orgs = admin_orgs(actor);
    let case = store::cases_of_orgs(db, &orgs)
        .await?
        .into_iter()
        .find(|c| c.id == item.case_id)
        .ok_or(Error::NotFound)?;
    super::vault_withdraw::refuse_use(db, &case.id, &item.id, &item.sha256, &me).await?;
    let keys = ring.keys(db).await?;
    let org = identity(db, &keys, &case.local_org)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("{} has no identity", case.local_org)))?;
    let body = match chunked_body(db, &org, &item).await? {
        Some(body) => body,
        None => {
            let bytes = handover::ciphertext(&item.ciphertext)
                .and_then(|ct| handover::open_with(&org, &ct))
                .map_err(|e| Error::Internal(anyhow::anyhow!("received item {id}: {e}")))?;
            if hex::encode(Sha256::digest(&bytes)) != item.sha256 {
                return Err(Error::Internal(anyhow::anyhow!(
                    "received item {id} does not match its SHA-256: run `spona custody verify`"
                )));
            }
            Body::Bytes(bytes)
        }
    };
    let mut tx = db.begin().await?;
    custody_in(
        &mut tx,
        &case.id,
        &me,
        "downloaded",
        &format!("item {id}"),
        Some(&item.sha256),
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(&me),
            action: "federation.vault_item_downloaded",
            target_kind: PACKET,
            target_id: &item.packet_id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Download {
        name: keys
            .open_sealed(&name_owner(&item.id), &item.name_sealed)?
            .to_string(),
        sha256: item.sha256,
        body,
    })
}

/// A chunked item decrypted into a scratch file, its SHA-256 and size checked; `None` when
/// the item is not chunked.
async fn chunked_body(
    db: &Db,
    org: &spona_federation::OrgIdentity,
    item: &FedVaultItem,
) -> Result<Option<Body>> {
    use std::io::{Seek, SeekFrom};
    let internal = |e: &dyn std::fmt::Display| {
        Error::Internal(anyhow::anyhow!("received item {}: {e}", item.id))
    };
    let mut file = tempfile::tempfile().map_err(|e| internal(&e))?;
    let writer = file.try_clone().map_err(|e| internal(&e))?;
    let Some(found) =
        super::vault_chunks::open_item(db, org, item, std::io::BufWriter::new(writer)).await?
    else {
        return Ok(None);
    };
    let problems =
        super::vault_chunks::stored_problems(&found, &item.sha256, item.size.max(0) as u64);
    if !problems.is_empty() {
        return Err(internal(&format!(
            "{}: run `spona custody verify`",
            problems.join("; ")
        )));
    }
    file.seek(SeekFrom::Start(0)).map_err(|e| internal(&e))?;
    Ok(Some(Body::File {
        file,
        len: item.size.max(0) as u64,
    }))
}
