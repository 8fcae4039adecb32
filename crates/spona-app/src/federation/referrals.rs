//! Referrals across deployments (issue 20), this side's acts: a case worker refers a person
//! (with consent) to a service a partner's organisation publishes; the receiving side's
//! workers answer, write notes and record the outcome; the sending side's workers write
//! notes and withdraw consent. Each act is queued as a packet in the same transaction as
//! the change and its custody entry ([`super::outbox::queue_in`], whose first statement
//! locks the partner). What arrives is handled by [`super::referral_inbox`].
//!
//! **Who sees one.** Only the case workers (`referral_workers`) of the local organisation;
//! everyone else gets [`Error::NotFound`], as for local referrals. **Sealed.** The person's
//! fields, the reason, the consent and every note are sealed with the federation's sealing
//! key (owners below); nothing of the person goes into the audit log or a log line.

use serde::{Deserialize, Serialize};
use spona_domain::Invalid;
use spona_domain::federation::referral::{
    ConsentTerms, ReferralPacket, ReferralUpdate, conversation,
};
use spona_domain::federation::{PacketKind, note_text};
use spona_domain::referral::{Answer, ConsentDraft, Status, answer as answer_rule};
use spona_store::audit::{self, Event};
use spona_store::federation::referrals::{
    self as store, CustodyRow, FedNote, FedReferral, RemoteService,
};
use spona_store::{Db, Tx, new_id, now};
use spona_vault::custody::{CustodyEntry, GENESIS_HASH, NewEntry};

use super::outbox::{Outbound, queue_in};
use super::{FedKeys, Keyring};
use crate::{Actor, Error, Result};

pub(crate) fn person_owner(id: &str) -> String {
    format!("fed-referral:{id}:person")
}
pub(crate) fn reason_owner(id: &str) -> String {
    format!("fed-referral:{id}:reason")
}
pub(crate) fn consent_owner(id: &str) -> String {
    format!("fed-referral:{id}:consent")
}
pub(crate) fn note_owner(id: &str) -> String {
    format!("fed-referral-note:{id}")
}

const TARGET: &str = "federation_referral";

/// A referral to a partner's service as the referring worker fills it in.
#[derive(Debug, Clone, Default)]
pub struct RemoteDraft {
    /// The referring organisation (the worker's).
    pub from_org: String,
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub urgent: bool,
    pub consent: ConsentDraft,
}

/// The consent as kept on the sending side: the terms that travelled and the witness, who
/// stays here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeptConsent {
    pub terms: ConsentTerms,
    #[serde(default)]
    pub witness: String,
}

/// What this side's worker may do to a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// The receiving side: `accept`, `more-info` or `decline`.
    Answer(String),
    /// The receiving side, once accepted: one of `referral::OUTCOMES`.
    Outcome(String),
    /// Either side.
    Note(String),
    /// The sending side: the person withdrew consent.
    Withdraw,
}

/// The local organisations the actor is a case worker of.
async fn worker_orgs(actor: &Actor, db: &Db) -> Result<Vec<String>> {
    match actor.id() {
        None => Ok(Vec::new()),
        Some(id) => Ok(spona_store::referrals::worker_roles(db, id)
            .await?
            .into_iter()
            .map(|w| w.org_id)
            .collect()),
    }
}

/// The partners' services the actor's organisations may refer to, with the organisation.
pub async fn services(actor: &Actor, db: &Db) -> Result<Vec<(String, RemoteService)>> {
    let mut out = Vec::new();
    for org in worker_orgs(actor, db).await? {
        for s in store::services_for(db, &org).await? {
            out.push((org.clone(), s));
        }
    }
    Ok(out)
}

/// The referrals of the actor's organisations, sent and received, newest first.
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<FedReferral>> {
    let orgs = worker_orgs(actor, db).await?;
    Ok(store::for_orgs(db, &orgs).await?)
}

/// Appends a custody entry to the referral's chain on this side.
pub(crate) async fn custody_in(
    tx: &mut Tx,
    id: &str,
    actor: &str,
    action: &str,
    reason: &str,
) -> Result<()> {
    let prev = store::last_custody_in(tx, id).await?.map(entry_of);
    let e = spona_vault::custody::append(
        prev.as_ref(),
        NewEntry {
            case_id: format!("fed-referral:{id}"),
            at_ms: crate::vault::keys::now_ms(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            reason: reason.to_owned(),
            item_sha256: None,
        },
    );
    store::add_custody_in(
        tx,
        &CustodyRow {
            referral_id: id.to_owned(),
            seq: e.seq as i64,
            at_ms: e.at_ms,
            actor: e.actor,
            action: e.action,
            reason: e.reason,
            prev_hash: e.prev_hash,
            hash: e.hash,
        },
    )
    .await?;
    Ok(())
}

fn entry_of(r: CustodyRow) -> CustodyEntry {
    CustodyEntry {
        case_id: format!("fed-referral:{}", r.referral_id),
        seq: r.seq.max(0) as u64,
        at_ms: r.at_ms,
        actor: r.actor,
        action: r.action,
        reason: r.reason,
        item_sha256: None,
        prev_hash: r.prev_hash,
        hash: r.hash,
    }
}

/// The referral's custody chain on this side (actions in order) and whether every link
/// and hash holds.
pub async fn custody(db: &Db, id: &str) -> Result<(Vec<String>, bool)> {
    let rows = store::custody(db, id).await?;
    let mut prev = GENESIS_HASH.to_owned();
    let mut intact = true;
    let mut actions = Vec::new();
    for (n, r) in rows.into_iter().enumerate() {
        actions.push(r.action.clone());
        let e = entry_of(r);
        intact &= e.seq == n as u64 && e.prev_hash == prev && e.compute_hash() == e.hash;
        prev = e.hash;
    }
    Ok((actions, intact))
}

fn invalid(field: &'static str, key: &'static str) -> Error {
    Error::Invalid(vec![Invalid::new(field, key)])
}

/// Refers a person to the partner's service: the worker, the service, the person's fields
/// against what it asks, the consent; then the packet, the referral, its first custody
/// entries and the audit entry in one transaction. The referral's id.
pub async fn refer(
    actor: &Actor,
    db: &Db,
    ring: &Keyring,
    partner_id: &str,
    service_id: &str,
    draft: &RemoteDraft,
) -> Result<String> {
    let me = actor.require_user()?;
    if !worker_orgs(actor, db).await?.contains(&draft.from_org) {
        return Err(Error::NotFound);
    }
    let service = store::service(db, partner_id, service_id)
        .await?
        .ok_or(Error::NotFound)?;
    let at = now();
    let consent = draft.consent.validate(at).map_err(Error::Invalid)?;
    let id = new_id();
    let packet = ReferralPacket::build(
        &id,
        service_id,
        &service.asks(),
        &draft.person,
        &draft.reason,
        draft.urgent,
        &consent,
    )
    .map_err(Error::Invalid)?;
    let keys = ring.keys(db).await?;
    let keys: &FedKeys = &keys;
    let mut tx = db.begin().await?;
    let packet_id = queue_in(
        &mut tx,
        keys,
        &ring.settings,
        Outbound {
            partner_id,
            from_org: &draft.from_org,
            to_org: &service.org_id,
            conversation: &conversation(&id),
            kind: PacketKind::Referral,
            data: serde_json::to_value(&packet).map_err(anyhow::Error::from)?,
        },
        at,
    )
    .await?;
    let kept = KeptConsent {
        terms: packet.consent.clone(),
        witness: consent.witness.clone(),
    };
    store::insert_in(
        &mut tx,
        &FedReferral {
            id: id.clone(),
            direction: "out".into(),
            partner_id: partner_id.to_owned(),
            sender_ref: id.clone(),
            local_org: draft.from_org.clone(),
            remote_org: service.org_id.clone(),
            service_id: service_id.to_owned(),
            service_name: service.name.clone(),
            status: Status::Sent.as_str().into(),
            urgent: packet.urgent,
            person_sealed: Some(seal_json(keys, &person_owner(&id), &packet.person)?),
            reason_sealed: Some(keys.seal(&reason_owner(&id), &packet.reason)),
            consent_sealed: Some(seal_json(keys, &consent_owner(&id), &kept)?),
            consent_until: consent.until,
            outcome: None,
            referred_by: Some(me.id.to_string()),
            created_at: at,
            updated_at: at,
            withdrawn_at: None,
        },
    )
    .await?;
    let who = me.id.as_str();
    custody_in(&mut tx, &id, who, "create", "").await?;
    custody_in(&mut tx, &id, who, "sent", &format!("packet {packet_id}")).await?;
    audit::record_in(&mut tx, event(Some(who), "federation.referral_sent", &id)).await?;
    spona_store::tx::fault_point("federation.referral_sent")?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) fn event<'a>(actor: Option<&'a str>, action: &'a str, id: &'a str) -> Event<'a> {
    Event {
        actor_id: actor,
        action,
        target_kind: TARGET,
        target_id: id,
        detail: String::new(),
    }
}

pub(crate) fn seal_json<T: Serialize>(keys: &FedKeys, owner: &str, v: &T) -> Result<String> {
    let text = zeroize::Zeroizing::new(serde_json::to_string(v).map_err(anyhow::Error::from)?);
    Ok(keys.seal(owner, &text))
}

fn open_json<T: for<'de> Deserialize<'de>>(keys: &FedKeys, owner: &str, sealed: &str) -> Result<T> {
    let text = keys.open_sealed(owner, sealed)?;
    Ok(serde_json::from_str(&text).map_err(anyhow::Error::from)?)
}

/// The referral if the actor is a case worker of its local organisation, else 404.
async fn visible(actor: &Actor, db: &Db, id: &str) -> Result<FedReferral> {
    let r = store::get(db, id).await?.ok_or(Error::NotFound)?;
    if !worker_orgs(actor, db).await?.contains(&r.local_org) {
        return Err(Error::NotFound);
    }
    Ok(r)
}

/// Does `act` on referral `id`: checks the side and the state, queues the packet that
/// tells the other side, changes the referral, appends the custody entry.
pub async fn act(actor: &Actor, db: &Db, ring: &Keyring, id: &str, act: Act) -> Result<()> {
    let me = actor.require_user()?;
    let r = visible(actor, db, id).await?;
    let status = Status::parse(&r.status).ok_or(Error::Conflict("err-referral-answered"))?;
    if status == Status::Withdrawn {
        return Err(Error::Conflict("err-referral-withdrawn"));
    }
    let incoming = r.direction == "in";
    let (update, new_status, outcome, action) = match &act {
        Act::Answer(a) => {
            let a = Answer::parse(a).ok_or_else(|| invalid("answer", "err-referral-answer"))?;
            if !incoming {
                return Err(Error::Forbidden);
            }
            let to = answer_rule(status, a).map_err(Error::Conflict)?;
            let u = ReferralUpdate::Answer {
                referral: r.sender_ref.clone(),
                answer: a.as_str().into(),
            };
            (u, Some(to), None, format!("answer:{}", a.as_str()))
        }
        Act::Outcome(o) => {
            if !incoming {
                return Err(Error::Forbidden);
            }
            if status != Status::Accepted {
                return Err(Error::Conflict("err-referral-not-accepted"));
            }
            let u = ReferralUpdate::Outcome {
                referral: r.sender_ref.clone(),
                outcome: o.clone(),
            };
            u.check()
                .map_err(|_| invalid("outcome", "err-referral-outcome"))?;
            (u, Some(Status::Closed), Some(o.clone()), "outcome".into())
        }
        Act::Note(text) => {
            let t = note_text(text).map_err(|key| invalid("text", key))?;
            let u = ReferralUpdate::Note {
                referral: r.sender_ref.clone(),
                text: t.to_owned(),
            };
            (u, None, None, "note".into())
        }
        Act::Withdraw => {
            if incoming {
                return Err(Error::Forbidden);
            }
            let u = ReferralUpdate::ConsentWithdrawn {
                referral: r.sender_ref.clone(),
            };
            (u, Some(Status::Withdrawn), None, "consent-withdrawn".into())
        }
    };
    let keys = ring.keys(db).await?;
    let at = now();
    let mut tx = db.begin().await?;
    let packet_id = queue_in(
        &mut tx,
        &keys,
        &ring.settings,
        Outbound {
            partner_id: &r.partner_id,
            from_org: &r.local_org,
            to_org: &r.remote_org,
            conversation: &conversation(&r.sender_ref),
            kind: update.kind(),
            data: serde_json::to_value(&update).map_err(anyhow::Error::from)?,
        },
        at,
    )
    .await?;
    // The state as it is now, in this transaction (another worker may have acted).
    let now_status = store::get_in(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?
        .status;
    if now_status != r.status {
        return Err(Error::Conflict("err-referral-answered"));
    }
    match (&act, new_status) {
        (Act::Withdraw, _) => store::withdraw_in(&mut tx, id, false, at).await?,
        (_, Some(s)) => {
            store::set_status_in(&mut tx, id, s.as_str(), outcome.as_deref(), at).await?
        }
        (Act::Note(_), None) => {
            let ReferralUpdate::Note { text, .. } = &update else {
                unreachable!("a note's update is a note")
            };
            let note_id = new_id();
            store::add_note_in(
                &mut tx,
                &FedNote {
                    text_sealed: keys.seal(&note_owner(&note_id), text),
                    id: note_id,
                    referral_id: id.to_owned(),
                    from_here: true,
                    author: Some(me.id.to_string()),
                    created_at: at,
                },
            )
            .await?
        }
        _ => {}
    }
    let who = me.id.as_str();
    custody_in(&mut tx, id, who, &action, &format!("packet {packet_id}")).await?;
    audit::record_in(&mut tx, event(Some(who), "federation.referral_changed", id)).await?;
    tx.commit().await?;
    Ok(())
}

/// A note as a worker reads it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub from_here: bool,
    pub text: String,
    pub at: i64,
}

/// A referral as this side's case worker reads it.
#[derive(Debug, Clone)]
pub struct View {
    pub referral: FedReferral,
    /// Empty once erased (consent withdrawn, on the receiving side).
    pub person: Vec<(String, String)>,
    pub reason: Option<String>,
    pub consent: Option<ConsentTerms>,
    pub notes: Vec<NoteView>,
    pub custody: Vec<String>,
    pub custody_intact: bool,
}

/// Opens the referral for the actor (a case worker of its local organisation) and records
/// the view in its custody chain.
pub async fn view(actor: &Actor, db: &Db, ring: &Keyring, id: &str) -> Result<View> {
    let me = actor.require_user()?;
    let r = visible(actor, db, id).await?;
    let keys = ring.keys(db).await?;
    let mut tx = db.begin().await?;
    // Every change of this referral's chain holds the partner's row first (as the inbox and
    // `act` do, through `queue_in`), so two appends never take the same number.
    spona_store::federation::lock_partner_in(&mut tx, &r.partner_id).await?;
    custody_in(&mut tx, id, me.id.as_str(), "view", "").await?;
    tx.commit().await?;
    let person = match &r.person_sealed {
        Some(s) => open_json(&keys, &person_owner(id), s)?,
        None => Vec::new(),
    };
    let reason = match &r.reason_sealed {
        Some(s) => Some(keys.open_sealed(&reason_owner(id), s)?.to_string()),
        None => None,
    };
    let consent = match &r.consent_sealed {
        Some(s) if r.direction == "out" => {
            Some(open_json::<KeptConsent>(&keys, &consent_owner(id), s)?.terms)
        }
        Some(s) => Some(open_json::<ConsentTerms>(&keys, &consent_owner(id), s)?),
        None => None,
    };
    let mut notes = Vec::new();
    for n in store::notes(db, id).await? {
        notes.push(NoteView {
            from_here: n.from_here,
            text: keys
                .open_sealed(&note_owner(&n.id), &n.text_sealed)?
                .to_string(),
            at: n.created_at,
        });
    }
    let (custody, custody_intact) = custody(db, id).await?;
    Ok(View {
        referral: r,
        person,
        reason,
        consent,
        notes,
        custody,
        custody_intact,
    })
}
