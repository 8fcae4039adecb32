//! Withdrawal of consent to a vault item handed over to a partner's organisation (lane fed,
//! issue 20).
//!
//! **Sending** ([`pending`], [`send_in`], called by `crate::vault::consent::change_consent`
//! in the transaction of the consent change): every earlier hand-over of the item
//! (`federation_vault_sent`, recorded by `super::vault_items::share`) to an organisation
//! the new consent no longer names — consent withdrawn, documentation dropped, or the
//! organisation left out — gets one `vault-withdrawn` packet in the item's conversation
//! (`vault:<case id>`, so it arrives after the item), queued even while the partner is held
//! for a key change; the hand-over is marked withdrawn in the same transaction (so it is
//! sent once), and the case's chain gets a `withdrawal-sent` entry naming the packet, the
//! organisation and the deployment. When the organisations no longer exchange, nothing can
//! be queued: the entry is `withdrawal-unsent` with the reason, and the hand-over is marked
//! so (nothing is retried later).
//!
//! **Arriving** ([`receive_in`], in the inbox's transaction once the packet is accepted in
//! order): the received item of that sending item, in the case for (partner, organisation
//! here, sending organisation, sending case), is marked withdrawn, with a `withdrawn` entry
//! on this side's chain (actor `partner:<id>`) and the audit entry
//! `federation.vault_item_withdrawn`. A withdrawal for an item that never arrived is refused
//! (422). Afterwards the item is listed as withdrawn and its download refused
//! ([`refuse_use`]), and `spona custody verify` checks that the marks and the entries agree
//! ([`problems`]).

use serde_json::json;
use spona_domain::federation::PacketKind;
use spona_domain::vault::{ConsentScope, ConsentUse};
use spona_store::audit::{self, Event};
use spona_store::federation as fstore;
use spona_store::federation::packets::Incoming;
use spona_store::federation::vault_withdrawals::{self as store, Sent};
use spona_store::vault::{self as records, Item};
use spona_store::{Db, Tx};
use spona_vault::custody::CustodyEntry;

use super::inbox::{Refused, refused};
use super::outbox::{Outbound, queue_even_held_in};
use super::vault_items::{custody_in, target};
use super::{FedKeys, PACKET, Settings};
use crate::vault::CaseAccess;
use crate::{Error, Result};

/// The hand-overs of `item_id` that the consent `scope` no longer covers.
pub async fn pending(db: &Db, item_id: &str, scope: &ConsentScope) -> Result<Vec<Sent>> {
    Ok(store::not_withdrawn(db, item_id)
        .await?
        .into_iter()
        .filter(|s| {
            let to = target(&s.partner_id, &s.to_org);
            scope.allows(&ConsentUse::Share(&to)).is_err()
        })
        .collect())
}

/// The partners of `pending`, each once and in order: the consent change locks their rows
/// first, as a share does, so that the two never wait for each other.
pub fn partners(pending: &[Sent]) -> Vec<String> {
    let mut ids: Vec<String> = pending.iter().map(|s| s.partner_id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Queues the withdrawals of `pending` and appends their custody entries to the case's
/// chain, in the consent change's transaction; the last entry appended (the new head).
pub async fn send_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    access: &CaseAccess<'_>,
    item: &Item,
    pending: &[Sent],
) -> Result<Option<CustodyEntry>> {
    let now = spona_store::now();
    let mut head = None;
    for s in pending {
        let partner = fstore::partner_in(tx, &s.partner_id).await?;
        let address = partner.as_ref().map_or("", |p| p.base_url.as_str());
        let to = target(&s.partner_id, &s.to_org);
        let conversation = format!("vault:{}", access.id());
        let queued = queue_even_held_in(
            tx,
            keys,
            settings,
            Outbound {
                partner_id: &s.partner_id,
                from_org: &s.from_org,
                to_org: &s.to_org,
                conversation: &conversation,
                kind: PacketKind::VaultWithdrawn,
                data: json!({
                    "item_id": item.id,
                    "case_id": access.id(),
                    "handover_packet": s.packet_id,
                    "withdrawn_at": now,
                }),
            },
            now,
        )
        .await;
        let (packet, unsent, entry) = match queued {
            Ok(packet) => {
                let reason = format!(
                    "item {}: consent no longer names {to} at {address}; withdrawal packet {packet} \
                     (hand-over packet {})",
                    item.id, s.packet_id
                );
                (
                    Some(packet),
                    None,
                    access.entry("withdrawal-sent", &reason, item.sha256.as_deref()),
                )
            }
            Err(Error::Refused(key) | Error::Conflict(key) | Error::BadRequest(key)) => {
                let reason = format!(
                    "item {}: consent no longer names {to} at {address}; the withdrawal could not \
                     be sent ({key}; hand-over packet {})",
                    item.id, s.packet_id
                );
                (
                    None,
                    Some(key),
                    access.entry("withdrawal-unsent", &reason, item.sha256.as_deref()),
                )
            }
            Err(Error::NotFound) => {
                let reason = format!(
                    "item {}: consent no longer names {to}; the partner is gone, the withdrawal \
                     could not be sent (hand-over packet {})",
                    item.id, s.packet_id
                );
                (
                    None,
                    Some("unknown partner"),
                    access.entry("withdrawal-unsent", &reason, item.sha256.as_deref()),
                )
            }
            Err(e) => return Err(e),
        };
        if store::mark_withdrawn_in(tx, &s.packet_id, packet.as_deref(), unsent, now).await? == 0 {
            // Another consent change sent it meanwhile: once only.
            return Err(Error::Conflict("fedvault-err-busy"));
        }
        head = Some(records::log_in(tx, entry, access.vault).await?);
        if let Some(packet) = &packet {
            audit::record_in(
                tx,
                Event {
                    actor_id: Some(&access.actor),
                    action: "federation.vault_withdrawal_sent",
                    target_kind: PACKET,
                    target_id: packet,
                    detail: format!("vault-withdrawn {} → {} ({address})", s.from_org, s.to_org),
                },
            )
            .await?;
        }
    }
    Ok(head)
}

/// Handles an accepted `vault-withdrawn` packet `p` whose opened body is `opened`.
pub(crate) async fn receive_in(
    tx: &mut Tx,
    p: &Incoming,
    opened: &serde_json::Value,
    now: i64,
) -> std::result::Result<(), Refused> {
    let field = |name: &str| {
        opened
            .pointer(&format!("/data/{name}"))
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty() && v.len() <= 100)
            .map(str::to_owned)
    };
    let (Some(sender_item), Some(sender_case)) = (field("item_id"), field("case_id")) else {
        return Err(refused(422, "a vault withdrawal without its item or case"));
    };
    let found = store::received_item_in(
        tx,
        &p.partner_id,
        &p.to_org,
        &p.from_org,
        &sender_case,
        &sender_item,
    )
    .await?;
    let Some((id, case_id, sha)) = found else {
        return Err(refused(
            422,
            "a vault withdrawal for an item that never arrived here",
        ));
    };
    if !store::withdraw_received_in(tx, &id, &p.id, now).await? {
        return Ok(());
    }
    custody_in(
        tx,
        &case_id,
        &format!("partner:{}", p.partner_id),
        "withdrawn",
        &format!(
            "item {id}: consent to item {sender_item} of case {sender_case} withdrawn at the \
             sender, packet {}",
            p.id
        ),
        Some(&sha),
    )
    .await?;
    audit::record_in(
        tx,
        Event {
            actor_id: None,
            action: "federation.vault_item_withdrawn",
            target_kind: PACKET,
            target_id: &p.id,
            detail: format!("vault-withdrawn {} → {}", p.from_org, p.to_org),
        },
    )
    .await?;
    Ok(())
}

/// Refuses any use of a received item whose consent was withdrawn: the refusal is appended
/// to this side's chain (`blocked`, by the actor) and answered `fdx-err-withdrawn`.
pub(crate) async fn refuse_use(
    db: &Db,
    case_id: &str,
    item_id: &str,
    sha256: &str,
    actor: &str,
) -> Result<()> {
    if store::withdrawn_at(db, item_id).await?.is_none() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    custody_in(
        &mut tx,
        case_id,
        actor,
        "blocked",
        &format!("download of item {item_id} refused: consent withdrawn at the sender"),
        Some(sha256),
    )
    .await?;
    tx.commit().await?;
    Err(Error::Refused("fdx-err-withdrawn"))
}

/// What `spona custody verify` finds wrong with the withdrawals of a received case: an item
/// marked withdrawn without a `withdrawn` entry, or an entry without the mark (someone
/// removed it to use the item again).
pub(crate) async fn problems(
    db: &Db,
    case_id: &str,
    entries: &[CustodyEntry],
) -> Result<Vec<String>> {
    let marked = store::withdrawn_in_case(db, case_id).await?;
    let mut out = Vec::new();
    for (item, _) in &marked {
        let named = entries
            .iter()
            .any(|e| e.action == "withdrawn" && e.reason.starts_with(&format!("item {item}:")));
        if !named {
            out.push(format!(
                "item {item}: marked withdrawn, but no custody entry here records it"
            ));
        }
    }
    for e in entries.iter().filter(|e| e.action == "withdrawn") {
        let item = e
            .reason
            .strip_prefix("item ")
            .and_then(|r| r.split_once(':'))
            .map(|(id, _)| id);
        if !item.is_some_and(|id| marked.iter().any(|(m, _)| m == id)) {
            out.push(format!(
                "entry {} records a withdrawal, but the item is not marked withdrawn",
                e.seq
            ));
        }
    }
    Ok(out)
}
