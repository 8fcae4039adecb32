//! Hotline intake: a call or a walk-in, safety first (in danger now? safe to talk? a safe
//! way to call back?), kept sealed, which can become a referral. Case workers of the
//! organisation only; everyone else gets 404.

use serde::{Deserialize, Serialize};
use spona_domain::Invalid;
use spona_domain::referral::{INTAKE_CHANNELS, SAFETY};
use spona_store::idempotency::Once;
use spona_store::referrals::{self as store, Intake};
use spona_store::{Db, new_id, now};

use super::{open_json, roles, seal_json};
use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

pub fn intake_owner(id: &str) -> String {
    format!("referral-intake:{id}")
}

/// The form as filled in.
#[derive(Debug, Clone, Default)]
pub struct IntakeDraft {
    pub org_id: String,
    /// `call` or `walk-in`.
    pub channel: String,
    pub in_danger: String,
    pub safe_to_talk: String,
    /// A safe way (and time) to call back, in the person's words.
    pub callback: String,
    /// A name or pseudonym, if the person gives one.
    pub name: String,
    pub notes: String,
}

/// What is sealed.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IntakeWords {
    pub callback: String,
    pub name: String,
    pub notes: String,
}

/// An intake as its organisation's case workers see it.
#[derive(Debug, Clone, Serialize)]
pub struct IntakeView {
    pub id: String,
    pub org_id: String,
    pub channel: String,
    pub in_danger: String,
    pub safe_to_talk: String,
    pub words: IntakeWords,
    pub referral_id: Option<String>,
    pub created_at: i64,
}

fn bounded(field: &'static str, v: &str, max: usize, errs: &mut Vec<Invalid>) -> String {
    let t = v.trim();
    if t.chars().count() > max {
        errs.push(Invalid::new(field, "err-intake-too-long"));
    }
    t.to_owned()
}

/// Saves an intake; returns its id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    d: &IntakeDraft,
    once: Option<&Once>,
) -> Result<String> {
    let me = actor.require_user()?;
    if !roles(actor, db).await?.iter().any(|w| w.org_id == d.org_id) {
        return Err(Error::NotFound);
    }
    let mut errs = Vec::new();
    if !INTAKE_CHANNELS.contains(&d.channel.as_str()) {
        errs.push(Invalid::new("channel", "err-intake-channel"));
    }
    if !SAFETY.contains(&d.in_danger.as_str()) {
        errs.push(Invalid::new("in_danger", "err-intake-safety"));
    }
    if !SAFETY.contains(&d.safe_to_talk.as_str()) {
        errs.push(Invalid::new("safe_to_talk", "err-intake-safety"));
    }
    let words = IntakeWords {
        callback: bounded("callback", &d.callback, 500, &mut errs),
        name: bounded("name", &d.name, 200, &mut errs),
        notes: bounded("notes", &d.notes, 4000, &mut errs),
    };
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let id = new_id();
    let mut tx = db.begin().await?;
    if let Some(once) = once {
        store::claim_once_in(&mut tx, once, &id).await?;
    }
    store::insert_intake_in(
        &mut tx,
        &Intake {
            id: id.clone(),
            org_id: d.org_id.clone(),
            taken_by: Some(me.id.to_string()),
            channel: d.channel.clone(),
            in_danger: d.in_danger.clone(),
            safe_to_talk: d.safe_to_talk.clone(),
            sealed: seal_json(vault, &intake_owner(&id), &words)?,
            referral_id: None,
            created_at: now(),
        },
    )
    .await?;
    spona_store::audit::record_in(
        &mut tx,
        spona_store::audit::Event {
            actor_id: actor.id(),
            action: "referral.intake",
            target_kind: "intake",
            target_id: &id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One intake, for its organisation's case workers.
pub async fn view(actor: &Actor, db: &Db, vault: &Vault, id: &str) -> Result<IntakeView> {
    let Some(i) = store::intake(db, id).await? else {
        return Err(Error::NotFound);
    };
    if !roles(actor, db).await?.iter().any(|w| w.org_id == i.org_id) {
        return Err(Error::NotFound);
    }
    let words: IntakeWords = open_json(vault, &intake_owner(id), &i.sealed)?;
    Ok(IntakeView {
        id: i.id,
        org_id: i.org_id,
        channel: i.channel,
        in_danger: i.in_danger,
        safe_to_talk: i.safe_to_talk,
        words,
        referral_id: i.referral_id,
        created_at: i.created_at,
    })
}

/// The organisation's intakes, newest first, without the person's words.
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<Intake>> {
    let mut out = Vec::new();
    for w in roles(actor, db).await? {
        out.extend(store::intakes(db, &w.org_id).await?);
    }
    for i in &mut out {
        i.sealed.clear();
    }
    Ok(out)
}
