//! The inbox: a packet posted by a partner deployment is checked — partner known and
//! active, HTTP signature and digest, freshness, the packet's own signature, its id not
//! seen, its conversation's order, the addressee exchanging with the sender, the body
//! opening with the addressee's key — then stored with its opened body sealed, in one
//! transaction, and answered with a receipt signed by this deployment. A refusal stores
//! nothing and says why, in the log and in its answer.

use serde_json::json;
use spona_domain::federation::{HOLD_AHEAD, MAX_HELD, PacketKind, Placement, placement};
use spona_federation::refusal::permanent_status;
use spona_federation::{
    DeploymentPublicKey, Envelope, Receipt, RequestParts, SignedRefusal, httpsig,
};
use spona_store::audit::{self, Event};
use spona_store::federation::packets::{self as pstore, Incoming};
use spona_store::federation::refusals;
use spona_store::federation::{self as store, Partner};
use spona_store::{Db, StoreError, Tx};

use super::arrival::{self, Tell};
use super::outbox::{Outbound, queue_in};
use super::{FedKeys, PACKET, Settings, keys::org_identity_in};
use crate::Error;

/// Why a packet was refused: the HTTP status and the reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub status: u16,
    pub reason: String,
    /// A receipt already given for this very packet (a repeated delivery).
    pub receipt: Option<Receipt>,
    /// Sending the packet again cannot change the answer (422, or a number or id taken by
    /// another packet): the sender should give up on it at once.
    pub permanent: bool,
    /// This deployment's signed word for a permanent refusal of a packet that could be
    /// read ([`receive`] signs it), so that the sender can trust it.
    pub signed: Option<SignedRefusal>,
}

pub(crate) fn refused(status: u16, reason: impl Into<String>) -> Refused {
    Refused {
        status,
        reason: reason.into(),
        receipt: None,
        permanent: permanent_status(status),
        signed: None,
    }
}

impl Refused {
    /// Marks the refusal as one no retry can change.
    pub(crate) fn for_good(mut self) -> Self {
        self.permanent = true;
        self
    }
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        tracing::error!(error = %e, "the inbox could not store a packet");
        refused(
            503,
            "the receiver could not store the packet now; try again",
        )
    }
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Error::from(e).into()
    }
}

/// Receives one posted packet. `authority` is this deployment's own (from its public
/// address), which the sender must have signed. Mails nobody (see [`receive_and_tell`]).
pub async fn receive(
    db: &Db,
    keys: &FedKeys,
    settings: &Settings,
    req: &RequestParts<'_>,
    body: &[u8],
    now: i64,
) -> Result<Receipt, Refused> {
    receive_and_tell(db, keys, settings, None, req, body, now).await
}

/// [`receive`], and with `tell` a referral that arrives (now, or a held one whose turn
/// came) is announced by mail to the receiving organisation's admins and case workers
/// ([`arrival`]). A permanent refusal of a packet that could be read is signed.
pub async fn receive_and_tell(
    db: &Db,
    keys: &FedKeys,
    settings: &Settings,
    tell: Option<Tell<'_>>,
    req: &RequestParts<'_>,
    body: &[u8],
    now: i64,
) -> Result<Receipt, Refused> {
    let mut result = receive_inner(db, keys, settings, tell, req, body, now).await;
    if let Err(r) = &mut result {
        tracing::warn!(status = r.status, reason = %r.reason, permanent = r.permanent, "federation packet refused");
        if r.permanent
            && r.signed.is_none()
            && let Ok(env) = serde_json::from_slice::<Envelope>(body)
        {
            r.signed = Some(SignedRefusal::sign(
                &keys.signing,
                &env,
                r.status,
                &r.reason,
                true,
                now,
            ));
        }
    }
    result
}

async fn receive_inner(
    db: &Db,
    keys: &FedKeys,
    settings: &Settings,
    tell: Option<Tell<'_>>,
    req: &RequestParts<'_>,
    body: &[u8],
    now: i64,
) -> Result<Receipt, Refused> {
    let partners = store::partners(db).await?;
    let held = |key: &str| {
        partners
            .iter()
            .find(|p| p.pending_key.as_deref() == Some(key))
    };
    let signer = httpsig::verify(req, body, now, |key_id| {
        partners
            .iter()
            .find(|p| p.signing_key == key_id)
            .and_then(|p| DeploymentPublicKey::from_hex(&p.signing_key).ok())
    })
    .map_err(|e| match e {
        httpsig::Refusal::UnknownKey(k) if held(&k).is_some() => refused(
            403,
            "the sender's new signing key is not confirmed yet by an admin here",
        ),
        httpsig::Refusal::UnknownKey(_) => refused(403, format!("unknown deployment: {e}")),
        httpsig::Refusal::BadSignature => refused(401, e.to_string()),
        httpsig::Refusal::DigestMismatch => refused(400, e.to_string()),
        httpsig::Refusal::Stale { .. } => refused(401, e.to_string()),
        // No signature at all: the request is not authenticated (RFC 9421 § 5 answers 401).
        httpsig::Refusal::Missing(_) => refused(401, e.to_string()),
        other => refused(400, other.to_string()),
    })?;
    let partner: &Partner = partners
        .iter()
        .find(|p| p.signing_key == signer)
        .ok_or_else(|| refused(403, "unknown deployment"))?;
    if !partner.is_active() {
        return Err(refused(
            403,
            "this partner's signing key changed; an admin here must confirm it first",
        ));
    }
    let env: Envelope = serde_json::from_slice(body)
        .map_err(|e| refused(400, format!("malformed or truncated packet: {e}")))?;
    if env.from != signer {
        return Err(refused(
            401,
            "the packet names another sender than the request's signer",
        ));
    }
    let key = DeploymentPublicKey::from_hex(&signer).map_err(|_| refused(401, "signer key"))?;
    env.verify(&key).map_err(|e| refused(401, e.to_string()))?;
    let kind = PacketKind::parse(&env.kind)
        .filter(|k| k.handled())
        .ok_or_else(|| {
            refused(
                422,
                format!("packets of kind {:?} are not handled here", env.kind),
            )
        })?;
    if env.seq < 1 {
        return Err(refused(400, "a packet's sequence number starts at 1"));
    }

    let mut tx = db.begin().await?;
    store::lock_partner_in(&mut tx, &partner.id).await?;
    if let Some(seen) = pstore::incoming_in(&mut tx, &env.id).await? {
        let same = seen.partner_id == partner.id
            && serde_json::from_str::<Envelope>(&seen.envelope).is_ok_and(|e| e == env);
        let receipt = same
            .then(|| serde_json::from_str::<Receipt>(&seen.receipt).ok())
            .flatten();
        return Err(Refused {
            status: 409,
            reason: if same {
                format!(
                    "packet {} was received already (replay or repeated delivery)",
                    env.id
                )
            } else {
                format!("packet id {} was used already", env.id)
            },
            receipt,
            // Another packet under a used id can never be taken.
            permanent: !same,
            signed: None,
        });
    }
    if !store::is_linked_in(&mut tx, &partner.id, &env.to_org, &env.from_org).await? {
        return Err(refused(
            403,
            format!(
                "misaddressed: organisation {} here does not exchange with {} of the sender",
                env.to_org, env.from_org
            ),
        ));
    }
    let last = pstore::last_seq_in(&mut tx, &partner.id, &env.conversation).await?;
    let place = placement(last, env.seq);
    match place {
        Placement::Next | Placement::Hold => {}
        Placement::Taken => {
            return Err(refused(
                409,
                format!(
                    "conversation {} has its packet {} already",
                    env.conversation, env.seq
                ),
            )
            .for_good());
        }
        Placement::TooFar => {
            return Err(refused(
                409,
                format!(
                    "out of order: conversation {} expects packet {} next, this is {} \
                     (more than {HOLD_AHEAD} ahead)",
                    env.conversation,
                    last + 1,
                    env.seq
                ),
            ));
        }
    }
    if place == Placement::Hold {
        if pstore::at_seq_in(&mut tx, &partner.id, &env.conversation, env.seq)
            .await?
            .is_some()
        {
            return Err(refused(
                409,
                format!(
                    "conversation {} has its packet {} already (held)",
                    env.conversation, env.seq
                ),
            )
            .for_good());
        }
        if pstore::held_count_in(&mut tx, &partner.id).await? >= MAX_HELD {
            return Err(refused(
                409,
                format!(
                    "out of order: conversation {} expects packet {} next, and {MAX_HELD} \
                     packets of this sender are held already",
                    env.conversation,
                    last + 1
                ),
            ));
        }
    }
    let identity = org_identity_in(&mut tx, keys, &env.to_org)
        .await?
        .ok_or_else(|| refused(403, "the addressee has no federation key"))?;
    let plain = env
        .open(&identity)
        .map_err(|e| refused(422, e.to_string()))?;
    let opened: serde_json::Value = serde_json::from_slice(&plain)
        .map_err(|_| refused(422, "the packet's body is not JSON"))?;
    if opened.get("kind").and_then(|k| k.as_str()) != Some(kind.as_str()) {
        return Err(refused(422, "the body's kind differs from the envelope's"));
    }
    let text = String::from_utf8(plain).map_err(|_| refused(422, "the body is not UTF-8"))?;
    let receipt = Receipt::sign(&keys.signing, &env, now);
    let receipt_json = serde_json::to_string(&receipt).map_err(|e| Error::Internal(e.into()))?;
    let incoming = Incoming {
        id: env.id.clone(),
        partner_id: partner.id.clone(),
        from_org: env.from_org.clone(),
        to_org: env.to_org.clone(),
        conversation: env.conversation.clone(),
        seq: env.seq,
        kind: env.kind.clone(),
        envelope: String::from_utf8_lossy(body).into_owned(),
        body_sealed: keys.seal(&format!("federation-packet:{}", env.id), &text),
        receipt: receipt_json,
        received_at: now,
        state: if place == Placement::Next {
            "accepted"
        } else {
            "held"
        }
        .into(),
    };
    pstore::store_in(&mut tx, &incoming).await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: None,
            action: if place == Placement::Next {
                "federation.packet_received"
            } else {
                "federation.packet_held"
            },
            target_kind: PACKET,
            target_id: &env.id,
            detail: format!(
                "{} {} → {} ({})",
                env.kind, env.from_org, env.to_org, partner.base_url
            ),
        },
    )
    .await?;
    if place == Placement::Next {
        if let Err(r) = take_effect_in(&mut tx, keys, settings, &incoming, &opened, now).await {
            if r.permanent {
                drop(tx);
                super::vault_chunks::discard_refused(db, &incoming, &opened).await;
            }
            return Err(r);
        }
        let mut taken = vec![(incoming.kind.clone(), incoming.to_org.clone())];
        taken.extend(accept_held_after_in(&mut tx, keys, settings, &incoming, now).await?);
        if let Some(tell) = tell {
            for (kind, to_org) in &taken {
                if kind == PacketKind::Referral.as_str() {
                    arrival::referral_arrived_in(&mut tx, tell, to_org).await?;
                }
            }
        }
    }
    tx.commit().await?;
    tracing::info!(packet = %env.id, kind = %env.kind, partner = %partner.base_url, held = place == Placement::Hold, "federation packet received");
    Ok(receipt)
}

/// What an accepted packet does here: an `ack` marks the packet it answers accepted; any
/// other kind is answered with an `ack`.
async fn take_effect_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    p: &Incoming,
    opened: &serde_json::Value,
    now: i64,
) -> Result<(), Refused> {
    let Some(kind) = PacketKind::parse(&p.kind) else {
        return Ok(());
    };
    if kind.is_referral() {
        super::referral_inbox::receive_in(tx, keys, p, kind, opened, now).await?;
    }
    if kind == PacketKind::VaultItem {
        super::vault_items::receive_in(tx, keys, p, opened, now).await?;
    }
    if kind == PacketKind::VaultWithdrawn {
        super::vault_withdraw::receive_in(tx, p, opened, now).await?;
    }
    if kind == PacketKind::VaultChunk {
        super::vault_chunks::receive_chunk_in(tx, p, opened, now).await?;
    }
    if kind == PacketKind::Ack {
        if let Some(id) = opened.pointer("/data/packet_id").and_then(|v| v.as_str()) {
            match opened.pointer("/data/refused").and_then(|v| v.as_str()) {
                // The partner refused it when its held turn came.
                Some(reason) => {
                    let why = format!("refused by the partner when its turn came: {reason}");
                    if refusals::failed_by_partner_in(tx, &p.partner_id, id, &why).await? > 0 {
                        tracing::warn!(packet = %id, %reason, "a partner refused a held packet");
                    }
                }
                None => {
                    pstore::accepted_in(tx, &p.partner_id, id).await?;
                }
            }
        }
    } else if kind.acknowledged() {
        acknowledge_in(tx, keys, settings, p, json!({ "packet_id": p.id }), now).await?;
    }
    Ok(())
}

/// Queues the `ack` packet (`data`) that answers `p` back to its sender.
async fn acknowledge_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    p: &Incoming,
    data: serde_json::Value,
    now: i64,
) -> Result<(), Refused> {
    let conversation = format!("ack:{}", p.conversation);
    queue_in(
        tx,
        keys,
        settings,
        Outbound {
            partner_id: &p.partner_id,
            from_org: &p.to_org,
            to_org: &p.from_org,
            conversation: &conversation,
            kind: PacketKind::Ack,
            data,
        },
        now,
    )
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "could not queue the acknowledgement");
        refused(
            503,
            "the receiver could not queue its acknowledgement; try again",
        )
    })?;
    Ok(())
}

/// Accepts, in order, the held packets that `p` (just accepted) lets follow: its successor
/// if held, then the successor's, until a gap. A held packet whose checks fail now (a
/// referral's update for a referral that never arrived, a service closed meanwhile) is
/// refused on its own — its effects undone to a savepoint, the reason kept in the packet
/// log, the sender told by an `ack` carrying `refused` — and keeps its place, so that the
/// packets after it proceed. The kind and addressee of each packet that took effect.
async fn accept_held_after_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    p: &Incoming,
    now: i64,
) -> Result<Vec<(String, String)>, Refused> {
    const SAVEPOINT: &str = "federation_held";
    let mut taken = Vec::new();
    let mut seq = p.seq + 1;
    while let Some(next) = pstore::at_seq_in(tx, &p.partner_id, &p.conversation, seq).await? {
        if next.state != "held" {
            break;
        }
        let text = opened_body(keys, &next)?;
        let opened: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a held packet's body: {e}")))?;
        refusals::savepoint_in(tx, SAVEPOINT).await?;
        pstore::accept_held_in(tx, &next.id).await?;
        match take_effect_in(tx, keys, settings, &next, &opened, now).await {
            Ok(()) => {
                refusals::release_in(tx, SAVEPOINT).await?;
                audit::record_in(
                    tx,
                    Event {
                        actor_id: None,
                        action: "federation.packet_received",
                        target_kind: PACKET,
                        target_id: &next.id,
                        detail: format!(
                            "{} {} → {} (held until packet {} arrived)",
                            next.kind, next.from_org, next.to_org, p.seq
                        ),
                    },
                )
                .await?;
                tracing::info!(packet = %next.id, "a held federation packet accepted");
                taken.push((next.kind.clone(), next.to_org.clone()));
            }
            // This deployment could not take it now (its database): the whole delivery
            // is refused and tried again.
            Err(r) if r.status >= 500 => return Err(r),
            Err(r) => {
                refusals::rollback_to_in(tx, SAVEPOINT).await?;
                super::vault_chunks::discard_refused_in(tx, &next, &opened).await?;
                refusals::refuse_held_in(tx, &next.id, &r.reason).await?;
                audit::record_in(
                    tx,
                    Event {
                        actor_id: None,
                        action: "federation.packet_refused",
                        target_kind: PACKET,
                        target_id: &next.id,
                        detail: format!(
                            "{} {} → {} (held; refused when its turn came: {})",
                            next.kind, next.from_org, next.to_org, r.reason
                        ),
                    },
                )
                .await?;
                if PacketKind::parse(&next.kind).is_some_and(|k| k.acknowledged()) {
                    acknowledge_in(
                        tx,
                        keys,
                        settings,
                        &next,
                        json!({ "packet_id": next.id, "refused": r.reason }),
                        now,
                    )
                    .await?;
                }
                tracing::warn!(packet = %next.id, reason = %r.reason, "a held federation packet refused when its turn came");
            }
        }
        seq += 1;
    }
    Ok(taken)
}

/// A received packet's opened body (for the packet log).
pub fn opened_body(keys: &FedKeys, p: &Incoming) -> crate::Result<String> {
    keys.open_sealed(&format!("federation-packet:{}", p.id), &p.body_sealed)
        .map(|s| s.to_string())
}
