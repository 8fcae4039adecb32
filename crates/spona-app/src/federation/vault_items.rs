//! Vault items handed over to an organisation on a partner deployment (issue 20, item 5).
//!
//! **Sending** ([`share`]): a case lead gives an item to `fed:<partner>:<organisation>` —
//! only if the item's consent names exactly that organisation (no override; a refusal is a
//! `blocked` custody entry, as for every consent refusal), and only from an organisation the
//! lead belongs to that exchanges with it. In one transaction (the partner's row locked
//! first): the `share` custody entry (the hand-over), the packet queued — its body holds
//! the [`Handover`] (the case's chain links, the item's entries, the signed head, the vault
//! key, signed by the deployment key) and the item's bytes age-encrypted to the receiving
//! organisation — and the audit entries.
//!
//! **Arriving** ([`receive_in`], in the inbox's transaction once the packet is accepted in
//! order): the bytes open with the addressee's identity, the hand-over checks against the
//! sender's pinned key and those bytes; else 422 and nothing is stored. The item is stored
//! still encrypted to the organisation in the case for (partner, organisation here, sending
//! organisation, sending case), with a `received` entry on this side's chain of that case
//! and the audit entry; the inbox's `ack` is the receipt.
//!
//! **Verifying** (`super::vault_verify`, `spona custody verify`) and the receiving
//! organisation's page (`super::vault_received`) are beside this file.

use serde_json::json;
use sha2::{Digest, Sha256};
use spona_domain::federation::PacketKind;
use spona_domain::vault::ConsentUse;
use spona_federation::DeploymentPublicKey;
use spona_federation::chunks::Chunked;
use spona_federation::handover::{self, Handover, HandoverDraft};
use spona_store::audit::{self, Event};
use spona_store::federation as fstore;
use spona_store::federation::packets::Incoming;
use spona_store::federation::vault_items::{
    self as store, FedVaultCase, FedVaultCustody, FedVaultItem,
};
use spona_store::vault::{self as records, Item};
use spona_store::{Db, Tx};
use spona_vault::custody::{CustodyEntry, NewEntry};

use super::inbox::{Refused, refused};
use super::outbox::{Outbound, queue_in};
use super::vault_chunks::{INLINE_MAX, Route, SealedItem, assemble_in, queue_chunks_in, seal_item};
use super::{FedKeys, Keyring, PACKET, keys::org_identity_in};
use crate::vault::CaseAccess;
use crate::vault::consent::check_consent;
use crate::{Actor, Error, Result};

/// The prefix of a partner's organisation in consent and in the share form.
pub const TARGET_PREFIX: &str = "fed:";

/// `fed:<partner>:<organisation>` for a partner's organisation.
pub fn target(partner_id: &str, org_id: &str) -> String {
    format!("{TARGET_PREFIX}{partner_id}:{org_id}")
}

/// The partner and its organisation of a `fed:` target.
pub fn parse_target(text: &str) -> Option<(&str, &str)> {
    let (p, o) = text.strip_prefix(TARGET_PREFIX)?.split_once(':')?;
    (!p.is_empty() && !o.is_empty() && !o.contains(':')).then_some((p, o))
}

pub(crate) fn name_owner(id: &str) -> String {
    format!("fed-vault-item:{id}:name")
}
pub(crate) fn handover_owner(id: &str) -> String {
    format!("fed-vault-item:{id}:handover")
}

/// A partner's organisation that some local organisation exchanges with: what consent may
/// name and the share form offers.
#[derive(Debug, Clone)]
pub struct PartnerOrg {
    /// `fed:<partner>:<organisation>`.
    pub target: String,
    pub name: String,
    pub partner_name: String,
}

/// Every partner's organisation linked with a local one (for consent and the share form).
pub async fn partner_orgs(db: &Db) -> Result<Vec<PartnerOrg>> {
    let mut out: Vec<PartnerOrg> = Vec::new();
    for p in fstore::partners(db).await? {
        let orgs = fstore::partner_orgs(db, &p.id).await?;
        for l in fstore::links(db, &p.id).await? {
            let t = target(&p.id, &l.remote_org);
            if out.iter().any(|o| o.target == t) {
                continue;
            }
            if let Some(o) = orgs.iter().find(|o| o.org_id == l.remote_org) {
                out.push(PartnerOrg {
                    target: t,
                    name: o.name.clone(),
                    partner_name: p.name.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The item's bytes as they travel: a file's original (read back through the blob store,
/// which checks its SHA-256), or a testimony's JSON text; in memory up to [`INLINE_MAX`]
/// (they go in the `vault-item` packet), else as a reader (they go in chunks).
enum Original {
    Bytes(Vec<u8>),
    Stream(Box<dyn std::io::Read + Send>),
}

async fn original(access: &CaseAccess<'_>, item: &Item) -> Result<Original> {
    let vault = access.vault;
    if item.kind == "testimony" {
        let text = vault.unseal(&crate::vault::item_owner(&item.id), &item.sealed)?;
        let bytes = text.as_bytes().to_vec();
        if bytes.len() as u64 > INLINE_MAX {
            return Ok(Original::Stream(Box::new(std::io::Cursor::new(bytes))));
        }
        return Ok(Original::Bytes(bytes));
    }
    let (Some(blob), Some(wrapped), Some(sha)) = (&item.blob_id, &item.wrapped_key, &item.sha256)
    else {
        return Err(Error::Internal(anyhow::anyhow!(
            "file item {} has no blob",
            item.id
        )));
    };
    let wrapped =
        spona_vault::WrappedKey::from_base64(wrapped).map_err(|e| Error::Internal(e.into()))?;
    let (blobs, key) = (vault.blobs.clone(), vault.key().clone());
    let (blob, sha) = (blob.clone(), sha.clone());
    let inline = item.size.unwrap_or(0).max(0) as u64 <= INLINE_MAX;
    tokio::task::spawn_blocking(move || -> Result<Original> {
        use std::io::Read;
        let reader = blobs
            .open_blob(&key, &blob, &wrapped, &sha)
            .map_err(|e| Error::Internal(anyhow::anyhow!("vault: {e}")))?;
        if !inline {
            return Ok(Original::Stream(Box::new(reader)));
        }
        let mut bytes = Vec::new();
        reader
            .take(INLINE_MAX + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Internal(anyhow::anyhow!("vault blob {blob}: {e}")))?;
        if bytes.len() as u64 > INLINE_MAX {
            return Err(Error::Internal(anyhow::anyhow!(
                "vault blob {blob} is larger than its item says"
            )));
        }
        Ok(Original::Bytes(bytes))
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?
}

/// What the `vault-item` packet carries besides the hand-over: the ciphertext (base64), or
/// the chunks sent ahead of it.
enum Payload {
    Inline(String),
    Chunked(SealedItem),
}

/// Hands `item` over to the partner's organisation `to` (`fed:<partner>:<organisation>`)
/// with `why`; the packet's id. See the module documentation.
pub async fn share(
    actor: &Actor,
    db: &Db,
    ring: &Keyring,
    access: &CaseAccess<'_>,
    item: &Item,
    to: &str,
    why: &str,
) -> Result<String> {
    access.require_manage()?;
    let (partner_id, remote_org) = parse_target(to).ok_or(Error::BadRequest("err-unknown-org"))?;
    check_consent(db, access, item, ConsentUse::Share(to), "sharing").await?;
    let why = crate::vault::reason(why)?;
    let partner = fstore::partner(db, partner_id)
        .await?
        .ok_or(Error::BadRequest("err-unknown-org"))?;
    let remote = fstore::partner_orgs(db, partner_id)
        .await?
        .into_iter()
        .find(|o| o.org_id == remote_org)
        .ok_or(Error::BadRequest("err-unknown-org"))?;
    let links = fstore::links(db, partner_id).await?;
    let from_org = actor
        .memberships()
        .iter()
        .map(|m| m.org_id.to_string())
        .find(|org| {
            links
                .iter()
                .any(|l| &l.local_org == org && l.remote_org == remote_org)
        })
        .ok_or(Error::Refused("fedvault-err-not-linked"))?;
    let (payload, sha, size) = match original(access, item).await? {
        Original::Bytes(bytes) => {
            let ciphertext = handover::seal_for(&remote.recipient, &bytes)
                .map_err(|e| Error::Internal(anyhow::anyhow!("sealing a vault item: {e}")))?;
            let sha = hex::encode(Sha256::digest(&bytes));
            (Payload::Inline(ciphertext), sha, bytes.len() as u64)
        }
        Original::Stream(reader) => {
            let sealed = seal_item(remote.recipient.clone(), reader).await?;
            let (sha, size) = (sealed.plain_sha256.clone(), sealed.plain_size);
            (Payload::Chunked(sealed), sha, size)
        }
    };
    let name = crate::vault::items::content(access.vault, item)?.label();
    let keys = ring.keys(db).await?;
    let vault = access.vault;
    // The chain before the hand-over; if another entry slips in meanwhile, read it again.
    for _ in 0..3 {
        let chain = records::custody(db, access.id(), vault).await?;
        let mut tx = db.begin().await?;
        if !fstore::lock_partner_in(&mut tx, partner_id).await? {
            return Err(Error::NotFound);
        }
        let entry = access.entry(
            "share",
            &format!(
                "item {} with {} ({to}) at {}: {why}",
                item.id, remote.name, partner.base_url
            ),
            Some(&sha),
        );
        let e = records::log_in(&mut tx, entry, vault).await?;
        if chain.last().map(|l| l.seq + 1).unwrap_or(0) != e.seq {
            drop(tx);
            continue;
        }
        let mut whole = chain;
        whole.push(e.clone());
        let h = Handover::build(
            HandoverDraft {
                item_id: &item.id,
                case_id: access.id(),
                kind: &item.kind,
                sha256: &sha,
                size,
                media_type: &item.media_type,
                name: &name,
                chain: &whole,
                vault: vault.server(),
            },
            &keys.signing,
        )
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("an empty chain")))?;
        let conversation = format!("vault:{}", access.id());
        let now = spona_store::now();
        let data = match &payload {
            Payload::Inline(ciphertext) => json!({ "handover": h, "ciphertext": ciphertext }),
            Payload::Chunked(sealed) => {
                let route = Route {
                    partner_id,
                    from_org: &from_org,
                    to_org: remote_org,
                    conversation: &conversation,
                };
                queue_chunks_in(&mut tx, &keys, &ring.settings, &route, sealed, now).await?;
                json!({ "handover": h, "chunked": sealed.chunked })
            }
        };
        let packet = queue_in(
            &mut tx,
            &keys,
            &ring.settings,
            Outbound {
                partner_id,
                from_org: &from_org,
                to_org: remote_org,
                conversation: &conversation,
                kind: PacketKind::VaultItem,
                data,
            },
            now,
        )
        .await?;
        spona_store::federation::vault_withdrawals::record_sent_in(
            &mut tx,
            &spona_store::federation::vault_withdrawals::Sent {
                packet_id: packet.clone(),
                case_id: access.id().to_owned(),
                item_id: item.id.to_string(),
                partner_id: partner_id.to_owned(),
                from_org: from_org.clone(),
                to_org: remote_org.to_owned(),
                sent_at: now,
                withdrawal_packet: None,
                withdrawal_unsent: None,
                withdrawn_at: None,
            },
        )
        .await?;
        crate::vault::audit_in(&mut tx, &access.actor, "vault.shared_with_partner").await?;
        audit::record_in(
            &mut tx,
            Event {
                actor_id: Some(&access.actor),
                action: "federation.vault_item_sent",
                target_kind: PACKET,
                target_id: &packet,
                detail: format!(
                    "vault-item {from_org} → {remote_org} ({})",
                    partner.base_url
                ),
            },
        )
        .await?;
        crate::vault::commit(tx, vault, &e).await?;
        return Ok(packet);
    }
    Err(Error::Conflict("fedvault-err-busy"))
}

/// Handles an accepted `vault-item` packet `p` whose opened body is `opened`.
pub(crate) async fn receive_in(
    tx: &mut Tx,
    keys: &FedKeys,
    p: &Incoming,
    opened: &serde_json::Value,
    now: i64,
) -> std::result::Result<(), Refused> {
    let data = opened.get("data").cloned().unwrap_or_default();
    let h: Handover = serde_json::from_value(data.get("handover").cloned().unwrap_or_default())
        .map_err(|e| refused(422, format!("not a vault item's hand-over: {e}")))?;
    let chunked: Option<Chunked> = match data.get("chunked") {
        Some(c) => Some(
            serde_json::from_value(c.clone())
                .map_err(|e| refused(422, format!("the vault item's chunks: {e}")))?,
        ),
        None => None,
    };
    let b64 = match (&chunked, data.get("ciphertext").and_then(|c| c.as_str())) {
        (None, Some(b64)) => b64,
        (Some(_), None) => "",
        _ => return Err(refused(422, "the vault item's bytes are missing")),
    };
    if !matches!(h.kind.as_str(), "file" | "testimony")
        || h.name.chars().count() > 300
        || h.media_type.len() > 200
    {
        return Err(refused(422, "the vault item's kind, name or media type"));
    }
    let partner = fstore::partner_in(tx, &p.partner_id)
        .await?
        .ok_or_else(|| refused(403, "unknown deployment"))?;
    let pinned = DeploymentPublicKey::from_hex(&partner.signing_key)
        .map_err(|_| refused(403, "the partner's pinned key"))?;
    let identity = org_identity_in(tx, keys, &p.to_org)
        .await?
        .ok_or_else(|| refused(403, "the addressee has no federation key"))?;
    let problems = match &chunked {
        None => {
            let plain = handover::ciphertext(b64)
                .and_then(|ct| handover::open_with(&identity, &ct))
                .map_err(|e| {
                    refused(
                        422,
                        format!("the vault item does not open with the addressee's key: {e}"),
                    )
                })?;
            h.check(&pinned, Some(&plain))
        }
        Some(c) => {
            let (sha, size) = assemble_in(tx, &identity, &p.partner_id, c).await?;
            let mut problems = h.check(&pinned, None);
            if size != h.size {
                problems.push(format!(
                    "the item has {size} bytes, the hand-over says {}",
                    h.size
                ));
            }
            if sha != h.sha256 {
                problems.push("the item's SHA-256 differs from the hand-over's".to_owned());
            }
            problems
        }
    };
    if !problems.is_empty() {
        return Err(refused(
            422,
            format!(
                "the vault item's custody does not verify: {}",
                problems.join("; ")
            ),
        ));
    }
    let case = store::case_for_in(
        tx,
        &FedVaultCase {
            id: spona_store::new_id(),
            partner_id: p.partner_id.clone(),
            local_org: p.to_org.clone(),
            remote_org: p.from_org.clone(),
            sender_case: h.case_id.clone(),
            created_at: now,
        },
    )
    .await?;
    if store::has_item_in(tx, &case.id, &h.item_id).await? {
        return Err(refused(409, "this vault item arrived already"));
    }
    let id = spona_store::new_id();
    let json = serde_json::to_string(&h).map_err(|e| Error::Internal(e.into()))?;
    store::insert_item_in(
        tx,
        &FedVaultItem {
            id: id.clone(),
            case_id: case.id.clone(),
            packet_id: p.id.clone(),
            sender_item: h.item_id.clone(),
            kind: h.kind.clone(),
            sha256: h.sha256.clone(),
            size: h.size as i64,
            media_type: h.media_type.clone(),
            name_sealed: keys.seal(&name_owner(&id), &h.name),
            handover_sealed: keys.seal(&handover_owner(&id), &json),
            ciphertext: b64.trim().to_owned(),
            sender_key: partner.signing_key.clone(),
            received_at: now,
        },
    )
    .await?;
    if let Some(c) = &chunked {
        let bound =
            spona_store::federation::vault_chunks::bind_in(tx, &p.partner_id, &c.transfer, &id)
                .await?;
        if bound != u64::from(c.count) {
            return Err(refused(
                422,
                format!("the vault item's chunks: {bound} of {} bound", c.count),
            ));
        }
    }
    custody_in(
        tx,
        &case.id,
        &format!("partner:{}", p.partner_id),
        "received",
        &format!(
            "item {id}: item {} of case {} handed over at its entry {}, packet {}",
            h.item_id, h.case_id, h.head.seq, p.id
        ),
        Some(&h.sha256),
    )
    .await?;
    audit::record_in(
        tx,
        Event {
            actor_id: None,
            action: "federation.vault_item_received",
            target_kind: PACKET,
            target_id: &p.id,
            detail: format!(
                "vault-item {} → {} ({})",
                p.from_org, p.to_org, partner.base_url
            ),
        },
    )
    .await?;
    Ok(())
}

pub(crate) fn chain_id(case_id: &str) -> String {
    format!("fed-vault:{case_id}")
}

pub(crate) fn entry_of(r: FedVaultCustody) -> CustodyEntry {
    CustodyEntry {
        case_id: chain_id(&r.case_id),
        seq: r.seq.max(0) as u64,
        at_ms: r.at_ms,
        actor: r.actor,
        action: r.action,
        reason: r.reason,
        item_sha256: r.item_sha256,
        prev_hash: r.prev_hash,
        hash: r.hash,
    }
}

/// Appends an entry to this side's chain of a received case.
pub(crate) async fn custody_in(
    tx: &mut Tx,
    case_id: &str,
    actor: &str,
    action: &str,
    reason: &str,
    sha256: Option<&str>,
) -> Result<()> {
    let prev = store::last_custody_in(tx, case_id).await?.map(entry_of);
    let e = spona_vault::custody::append(
        prev.as_ref(),
        NewEntry {
            case_id: chain_id(case_id),
            at_ms: crate::vault::keys::now_ms(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            reason: reason.to_owned(),
            item_sha256: sha256.map(str::to_owned),
        },
    );
    store::add_custody_in(
        tx,
        &FedVaultCustody {
            case_id: case_id.to_owned(),
            seq: e.seq as i64,
            at_ms: e.at_ms,
            actor: e.actor,
            action: e.action,
            reason: e.reason,
            item_sha256: e.item_sha256,
            prev_hash: e.prev_hash,
            hash: e.hash,
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip_and_refuse_what_is_not_one() {
        let t = target("p1", "o1");
        assert_eq!(t, "fed:p1:o1");
        assert_eq!(parse_target(&t), Some(("p1", "o1")));
        for bad in [
            "astra",
            "fed:",
            "fed:p1",
            "fed::o1",
            "fed:p1:",
            "fed:p1:o1:x",
        ] {
            assert_eq!(parse_target(bad), None, "{bad}");
        }
    }
}
