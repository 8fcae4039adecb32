//! The durable outbox: packets are queued in the database in the transaction of the change
//! they carry, and a sender posts them — each conversation in order, one packet at a time —
//! with backoff for a bounded time, then marks them failed.

use std::future::Future;

use serde_json::json;
use spona_domain::federation::PacketKind;
use spona_federation::packet::Draft;
use spona_federation::{Envelope, Receipt, httpsig};
use spona_store::audit::{self, Event};
use spona_store::federation::packets::{self as pstore, Outgoing};
use spona_store::federation::{self as store, Partner};
use spona_store::{Db, Tx};

use super::{FedKeys, Keyring, PACKET, Settings};
use crate::{Actor, Error, Result};

/// What a packet's body holds once opened: its kind again and the kind's data.
pub fn body_json(kind: PacketKind, data: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({ "kind": kind.as_str(), "data": data })).unwrap_or_default()
}

/// What to queue.
pub struct Outbound<'a> {
    pub partner_id: &'a str,
    pub from_org: &'a str,
    pub to_org: &'a str,
    pub conversation: &'a str,
    pub kind: PacketKind,
    pub data: serde_json::Value,
}

/// Queues a packet inside the caller's transaction (which must not have read before: this
/// locks the partner's row first). Checks that the partner is active and that the two
/// organisations exchange. The packet's id.
pub async fn queue_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    out: Outbound<'_>,
    now: i64,
) -> Result<String> {
    queue_checked_in(tx, keys, settings, out, now, false).await
}

/// Like [`queue_in`], but also while the partner is held for a key change (the sender keeps
/// it until an admin confirms the new key): for a withdrawal of consent, which must not wait
/// for an admin nor be lost.
pub async fn queue_even_held_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    out: Outbound<'_>,
    now: i64,
) -> Result<String> {
    queue_checked_in(tx, keys, settings, out, now, true).await
}

async fn queue_checked_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    out: Outbound<'_>,
    now: i64,
    even_held: bool,
) -> Result<String> {
    if !store::lock_partner_in(tx, out.partner_id).await? {
        return Err(Error::NotFound);
    }
    let partner = store::partner_in(tx, out.partner_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !partner.is_active() && !even_held {
        return Err(Error::Conflict("fed-err-partner-held"));
    }
    if !store::is_linked_in(tx, out.partner_id, out.from_org, out.to_org).await? {
        return Err(Error::Refused("fed-err-not-linked"));
    }
    let remote = store::partner_org_in(tx, out.partner_id, out.to_org)
        .await?
        .ok_or(Error::Refused("fed-err-not-linked"))?;
    let seq = pstore::next_seq_in(tx, out.partner_id, out.conversation).await?;
    let id = spona_store::new_id();
    let body = body_json(out.kind, out.data);
    let env = Envelope::seal(
        &keys.signing,
        Draft {
            id: &id,
            from_org: out.from_org,
            to_org: out.to_org,
            conversation: out.conversation,
            seq,
            kind: out.kind.as_str(),
            created: now,
        },
        &remote.recipient,
        &body,
    )
    .map_err(|e| Error::Internal(anyhow::anyhow!("sealing a packet: {e}")))?;
    let envelope = serde_json::to_string(&env).map_err(|e| Error::Internal(e.into()))?;
    pstore::queue_in(
        tx,
        &Outgoing {
            id: id.clone(),
            partner_id: out.partner_id.to_owned(),
            from_org: out.from_org.to_owned(),
            to_org: out.to_org.to_owned(),
            conversation: out.conversation.to_owned(),
            seq,
            kind: out.kind.as_str().to_owned(),
            envelope,
            state: "queued".into(),
            attempts: 0,
            next_at: now,
            expires_at: now + settings.retry_for.as_secs() as i64,
            created_at: now,
            delivered_at: None,
            last_error: None,
            claimed_by: None,
        },
    )
    .await?;
    Ok(id)
}

/// Sends a note (or a ping, with no text) from `from_org` to the partner's `to_org`: the
/// organisation's admins or a platform admin. Notes between two organisations are one
/// conversation, delivered in the order they were written.
pub async fn send_note(
    actor: &Actor,
    db: &Db,
    ring: &Keyring,
    partner_id: &str,
    from_org: &str,
    to_org: &str,
    text: Option<&str>,
) -> Result<String> {
    let user = actor.require_user()?;
    if !actor.can_manage_org(from_org) {
        return Err(Error::Forbidden);
    }
    let keys = ring.keys(db).await?;
    let (keys, settings) = (&*keys, &ring.settings);
    let (kind, data) = match text {
        Some(t) => {
            let t = spona_domain::federation::note_text(t).map_err(|key| {
                Error::Invalid(vec![spona_domain::Invalid { field: "text", key }])
            })?;
            (PacketKind::Note, json!({ "text": t }))
        }
        None => (PacketKind::Ping, json!({})),
    };
    let conversation = format!("notes:{from_org}:{to_org}");
    let mut tx = db.begin().await?;
    let id = queue_in(
        &mut tx,
        keys,
        settings,
        Outbound {
            partner_id,
            from_org,
            to_org,
            conversation: &conversation,
            kind,
            data,
        },
        spona_store::now(),
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(user.id.as_str()),
            action: "federation.packet_queued",
            target_kind: PACKET,
            target_id: &id,
            detail: format!("{} {from_org} → {to_org}", kind.as_str()),
        },
    )
    .await?;
    spona_store::tx::fault_point("federation.packet_queued")?;
    tx.commit().await?;
    Ok(id)
}

/// How packets reach a partner: an HTTP POST (the web layer's client; tests' fakes).
pub trait Transport: Send + Sync {
    /// Posts `body` with `headers` to `url`: the status and body of the answer, or why
    /// there was none.
    fn post(
        &self,
        url: &str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    ) -> impl Future<Output = std::result::Result<(u16, Vec<u8>), String>> + Send;
}

/// The headers of a packet's request, signed now.
pub fn signed_request(
    keys: &FedKeys,
    inbox: &str,
    body: &[u8],
    now: i64,
) -> std::result::Result<Vec<(&'static str, String)>, String> {
    let url = url::Url::parse(inbox).map_err(|e| format!("inbox address: {e}"))?;
    let host = url.host_str().ok_or("inbox address has no host")?;
    let authority = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    };
    let h = httpsig::sign(
        &keys.signing,
        "POST",
        &authority,
        url.path(),
        "application/json",
        body,
        now,
    );
    Ok(vec![
        ("content-type", "application/json".into()),
        ("content-digest", h.content_digest),
        ("signature-input", h.signature_input),
        ("signature", h.signature),
    ])
}

/// The inbox's answer.
#[derive(Debug, serde::Deserialize)]
struct Answer {
    receipt: Option<Receipt>,
    #[serde(default)]
    reason: String,
    /// The partner's signed word that it refuses this packet for good.
    #[serde(default)]
    refusal: Option<spona_federation::SignedRefusal>,
}

/// How long a sender holds the packets it claimed (see `pstore::claim_due`).
pub const LEASE_SECS: i64 = 120;

/// The least time left on a claim for one more attempt: longer than the HTTP client's
/// whole timeout (30 s), so an attempt always ends before another sender may take the packet.
const ATTEMPT_SECS: i64 = 45;

/// Claims what is due for the sender `worker` (one per `spona serve` process) and sends it;
/// how many packets were delivered. Packets whose claim is too near its end for another
/// attempt are left to run out and be claimed again.
pub async fn deliver_due(
    db: &Db,
    worker: &str,
    keys: &FedKeys,
    settings: &Settings,
    transport: &impl Transport,
    now: i64,
) -> Result<usize> {
    let until = now + LEASE_SECS;
    let due = pstore::claim_due(db, worker, now, until, 50).await?;
    let mut delivered = 0;
    let mut partners: Vec<Partner> = Vec::new();
    for o in due {
        if spona_store::now() > until - ATTEMPT_SECS {
            break;
        }
        if !partners.iter().any(|p| p.id == o.partner_id) {
            match store::partner(db, &o.partner_id).await? {
                Some(p) => partners.push(p),
                None => continue,
            }
        }
        let Some(partner) = partners.iter().find(|p| p.id == o.partner_id) else {
            continue;
        };
        match deliver_one(keys, partner, &o, transport, now).await {
            Ok(receipt) => {
                pstore::delivered(db, &o.id, now, &receipt).await?;
                delivered += 1;
            }
            Err(Failure { error, permanent }) if permanent => {
                // The partner read it and will never take it: no use trying for days.
                let n = pstore::failed(db, &o, &error).await?;
                tracing::error!(packet = %o.id, packets = n, partner = %partner.base_url, %error, "the partner refused a packet for good");
            }
            Err(Failure { error, .. }) => {
                tracing::warn!(packet = %o.id, partner = %partner.base_url, %error, "packet not delivered");
                if now >= o.expires_at {
                    let n = pstore::failed(db, &o, &error).await?;
                    tracing::error!(packet = %o.id, packets = n, "gave up on packets: the delivery window passed");
                } else {
                    let wait = (1i64 << o.attempts.clamp(0, 20))
                        .min(settings.max_backoff.as_secs().max(1) as i64);
                    pstore::retry(db, &o.id, (now + wait).min(o.expires_at), &error).await?;
                }
            }
        }
    }
    Ok(delivered)
}

/// Why an attempt did not deliver a packet, and whether trying again could change it.
struct Failure {
    error: String,
    /// The partner refused it for good: a 422 (or 413), or a refusal it signed as
    /// permanent for exactly this packet. Connection errors, 5xx, 429 and the other
    /// refusals are transient.
    permanent: bool,
}

impl From<String> for Failure {
    fn from(error: String) -> Self {
        Failure {
            error,
            permanent: false,
        }
    }
}

impl From<&str> for Failure {
    fn from(error: &str) -> Self {
        Failure::from(error.to_owned())
    }
}

async fn deliver_one(
    keys: &FedKeys,
    partner: &Partner,
    o: &Outgoing,
    transport: &impl Transport,
    now: i64,
) -> std::result::Result<String, Failure> {
    if !partner.is_active() {
        return Err("the partner's key changed; waiting for an admin to confirm it".into());
    }
    let env: Envelope =
        serde_json::from_str(&o.envelope).map_err(|e| format!("stored envelope: {e}"))?;
    let body = o.envelope.as_bytes().to_vec();
    let headers = signed_request(keys, &partner.inbox, &body, now)?;
    let (status, answer) = transport.post(&partner.inbox, headers, body).await?;
    let parsed: Option<Answer> = serde_json::from_slice(&answer).ok();
    let receipt = parsed.as_ref().and_then(|a| a.receipt.clone());
    let key = spona_federation::DeploymentPublicKey::from_hex(&partner.signing_key)
        .map_err(|e| e.to_string())?;
    match receipt {
        // 200: stored now; 409 with a receipt: stored before (our earlier answer was lost).
        Some(r) if (status == 200 || status == 409) && r.verify(&key, &env) => {
            Ok(serde_json::to_string(&r).map_err(|e| e.to_string())?)
        }
        Some(_) => Err(format!("HTTP {status}: the receipt does not verify").into()),
        None => {
            let signed = parsed
                .as_ref()
                .and_then(|a| a.refusal.as_ref())
                .filter(|r| r.permanent && r.status == status && r.verify(&key, &env))
                .cloned();
            let reason = match &signed {
                Some(r) => r.reason.clone(),
                None => parsed.map(|a| a.reason).unwrap_or_default(),
            };
            Err(Failure {
                error: format!("HTTP {status}: {reason}"),
                permanent: signed.is_some() || spona_federation::refusal::permanent_status(status),
            })
        }
    }
}
