//! What a partner's referral packets do here, in the inbox's transaction once the packet is
//! accepted in order (`inbox::take_effect_in`): a referral arrives in the receiving
//! organisation's list after the same checks as a local referral (the service is its own,
//! published, not full, and asks for exactly the fields sent; the consent covers them and
//! has not run out); answers, notes and the outcome reach the sending side's referral; a
//! withdrawal of consent closes the receiving side's referral and erases the person's data
//! there. Each appends to the custody chain on this side, with the partner as actor. A
//! packet that does not fit is refused (422/409) and nothing of it is stored.

use spona_domain::federation::PacketKind;
use spona_domain::federation::referral::{ReferralPacket, ReferralUpdate};
use spona_domain::referral::{Answer, Status, answer as answer_rule};
use spona_store::Tx;
use spona_store::audit;
use spona_store::federation::packets::Incoming;
use spona_store::federation::referrals::{self as store, FedNote, FedReferral};

use super::FedKeys;
use super::inbox::{Refused, refused};
use super::referrals::{
    consent_owner, custody_in, event, note_owner, person_owner, reason_owner, seal_json,
};

/// Handles a referral packet `p` of `kind`, whose opened body is `opened`.
pub(crate) async fn receive_in(
    tx: &mut Tx,
    keys: &FedKeys,
    p: &Incoming,
    kind: PacketKind,
    opened: &serde_json::Value,
    now: i64,
) -> Result<(), Refused> {
    let data = opened.get("data").cloned().unwrap_or_default();
    let partner_actor = format!("partner:{}", p.partner_id);
    if kind == PacketKind::Referral {
        let packet: ReferralPacket = serde_json::from_value(data)
            .map_err(|e| refused(422, format!("not a referral: {e}")))?;
        return arrive_in(tx, keys, p, &packet, &partner_actor, now).await;
    }
    let update: ReferralUpdate = serde_json::from_value(data)
        .map_err(|e| refused(422, format!("not a referral's update: {e}")))?;
    if update.kind() != kind {
        return Err(refused(
            422,
            "the update's type differs from the packet's kind",
        ));
    }
    update.check().map_err(|r| refused(422, r))?;
    // Answers and outcomes come from the receiving side to a referral sent from here; a
    // withdrawal from the sending side to one received here; notes either way.
    let out = store::by_ref_in(tx, &p.partner_id, "out", update.referral()).await?;
    let r = match (&update, out) {
        (ReferralUpdate::ConsentWithdrawn { .. }, _) | (ReferralUpdate::Note { .. }, None) => {
            store::by_ref_in(tx, &p.partner_id, "in", update.referral()).await?
        }
        (_, out) => out,
    }
    .ok_or_else(|| refused(422, "no such referral between these organisations"))?;
    if r.local_org != p.to_org || r.remote_org != p.from_org {
        return Err(refused(
            403,
            "misaddressed: the referral is another organisation's",
        ));
    }
    let status = Status::parse(&r.status).unwrap_or(Status::Closed);
    if status == Status::Withdrawn {
        return Err(refused(409, "consent to this referral was withdrawn"));
    }
    let via = format!("packet {}", p.id);
    match &update {
        ReferralUpdate::Answer { answer, .. } => {
            let a = Answer::parse(answer).ok_or_else(|| refused(422, "an unknown answer"))?;
            let to = answer_rule(status, a)
                .map_err(|_| refused(409, "the referral was answered already"))?;
            store::set_status_in(tx, &r.id, to.as_str(), None, now).await?;
            custody_in(
                tx,
                &r.id,
                &partner_actor,
                &format!("answer:{}", a.as_str()),
                &via,
            )
            .await?;
        }
        ReferralUpdate::Outcome { outcome, .. } => {
            if status != Status::Accepted {
                return Err(refused(409, "an outcome for a referral not accepted"));
            }
            store::set_status_in(
                tx,
                &r.id,
                Status::Closed.as_str(),
                Some(outcome.as_str()),
                now,
            )
            .await?;
            custody_in(tx, &r.id, &partner_actor, "outcome", &via).await?;
        }
        ReferralUpdate::Note { text, .. } => {
            let note_id = spona_store::new_id();
            store::add_note_in(
                tx,
                &FedNote {
                    text_sealed: keys.seal(&note_owner(&note_id), text),
                    id: note_id,
                    referral_id: r.id.clone(),
                    from_here: false,
                    author: None,
                    created_at: now,
                },
            )
            .await?;
            custody_in(tx, &r.id, &partner_actor, "note", &via).await?;
        }
        ReferralUpdate::ConsentWithdrawn { .. } => {
            store::withdraw_in(tx, &r.id, true, now).await?;
            custody_in(tx, &r.id, &partner_actor, "consent-withdrawn", &via).await?;
            custody_in(tx, &r.id, &partner_actor, "erased", "").await?;
        }
    }
    audit::record_in(tx, event(None, "federation.referral_changed", &r.id)).await?;
    Ok(())
}

async fn arrive_in(
    tx: &mut Tx,
    keys: &FedKeys,
    p: &Incoming,
    packet: &ReferralPacket,
    partner_actor: &str,
    now: i64,
) -> Result<(), Refused> {
    let service = spona_store::services::get_in(tx, &packet.service)
        .await?
        .filter(|s| s.org_id.as_str() == p.to_org)
        .ok_or_else(|| refused(422, "the addressee has no such service"))?;
    if !service.takes_referrals() {
        return Err(refused(
            422,
            "the service takes no referrals now (closed or full)",
        ));
    }
    let asks: Vec<String> = service
        .referral_fields
        .iter()
        .map(|f| f.as_str().to_owned())
        .collect();
    packet.check(&asks, now).map_err(|r| refused(422, r))?;
    if store::by_ref_in(tx, &p.partner_id, "in", &packet.referral)
        .await?
        .is_some()
    {
        return Err(refused(409, "this referral arrived already"));
    }
    let id = spona_store::new_id();
    store::insert_in(
        tx,
        &FedReferral {
            id: id.clone(),
            direction: "in".into(),
            partner_id: p.partner_id.clone(),
            sender_ref: packet.referral.clone(),
            local_org: p.to_org.clone(),
            remote_org: p.from_org.clone(),
            service_id: packet.service.clone(),
            service_name: service.name(&["en"]).to_owned(),
            status: Status::Sent.as_str().into(),
            urgent: packet.urgent,
            person_sealed: Some(seal_json(keys, &person_owner(&id), &packet.person)?),
            reason_sealed: Some(keys.seal(&reason_owner(&id), &packet.reason)),
            consent_sealed: Some(seal_json(keys, &consent_owner(&id), &packet.consent)?),
            consent_until: packet.consent.until,
            outcome: None,
            referred_by: None,
            created_at: now,
            updated_at: now,
            withdrawn_at: None,
        },
    )
    .await?;
    custody_in(
        tx,
        &id,
        partner_actor,
        "received",
        &format!("packet {}", p.id),
    )
    .await?;
    audit::record_in(tx, event(None, "federation.referral_received", &id)).await?;
    Ok(())
}
