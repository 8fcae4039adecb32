//! Referrals (issue 19): case workers, consented referrals between organisations, answers,
//! notes and outcomes, withdrawal, hotline intake.
//!
//! **Who sees a referral.** Only the named case workers (`referral_workers`) of the referring
//! and the receiving organisation. Everyone else — a worker of a third organisation, an
//! organisation admin who is not a case worker, a platform admin — gets
//! [`Error::NotFound`], the same answer as for a referral that does not exist.
//!
//! **Sealed.** The person's fields, the reason, the consent's words, an override's reason,
//! every note and an intake's words are sealed with the vault's per-item keys
//! ([`Vault::seal`], owners below); every view and change appends an entry to the referral's
//! hash-chained custody log (`spona_vault::custody`) in the same transaction as the change.
//! Nothing of the person goes into the audit log, a search index, a feed, a mail or a log
//! line: mails say only that a referral needs attention, with its address.

mod answers;
mod create;
pub mod custody;
pub mod intake;
mod read;
pub mod remind;
pub mod stats;
mod workers;

pub use answers::{add_note, answer, record_outcome, withdraw};
pub use create::{ReferralDraft, create};
pub use custody::{chain_intact, custody};
pub(crate) use custody::{commit, custody_in};
pub use read::{ListItem, NoteView, ReferralView, list, view};
pub use workers::{remove_worker, set_worker, set_worker_by_operator, workers};

use serde::{Deserialize, Serialize};
use spona_store::referrals::{self as store, Referral, Worker};
use spona_store::{Db, Tx};
use zeroize::Zeroizing;

use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

/// Sealing owners: a sealed value opens only in its own row and column.
pub fn person_owner(id: &str) -> String {
    format!("referral:{id}:person")
}
pub fn reason_owner(id: &str) -> String {
    format!("referral:{id}:reason")
}
pub fn consent_owner(id: &str) -> String {
    format!("referral:{id}:consent")
}
pub fn override_owner(id: &str) -> String {
    format!("referral:{id}:override")
}
pub fn note_owner(note_id: &str) -> String {
    format!("referral-note:{note_id}")
}

/// The service a referral goes to, as the services catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceTarget {
    pub id: String,
    pub org_id: String,
    /// The service's kind (statistics by service type).
    pub kind: String,
    /// Closed services take no referrals.
    pub open: bool,
    /// Full services (no capacity left) take no referrals.
    pub full: bool,
    /// The person's fields the service asks for (a subset of `referral::FIELDS`).
    pub asks: Vec<String>,
}

impl ServiceTarget {
    /// The catalogue's service as a referral sees it: open when published, full when no
    /// place is free.
    pub fn of(s: &spona_store::services::Service) -> ServiceTarget {
        ServiceTarget {
            id: s.id.to_string(),
            org_id: s.org_id.to_string(),
            kind: s.kind.clone(),
            open: s.is_published(),
            full: s.is_full(),
            asks: s
                .referral_fields
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
        }
    }
}

/// The service a referral may go to, or 404 (unknown, or a draft the actor may not see).
pub async fn target(db: &Db, service_id: &str) -> Result<ServiceTarget> {
    match spona_store::services::get(db, service_id).await? {
        Some(s) if s.status != spona_domain::service::ServiceStatus::Draft => {
            Ok(ServiceTarget::of(&s))
        }
        _ => Err(Error::NotFound),
    }
}

/// Which side of a referral the reader is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The referring organisation's case worker.
    From,
    /// The receiving organisation's case worker.
    To,
}

/// The actor's case-worker roles (none when signed out).
pub async fn roles(actor: &Actor, db: &Db) -> Result<Vec<Worker>> {
    match actor.id() {
        None => Ok(Vec::new()),
        Some(id) => Ok(store::worker_roles(db, id).await?),
    }
}

async fn roles_in(actor: &Actor, tx: &mut Tx) -> Result<Vec<Worker>> {
    match actor.id() {
        None => Ok(Vec::new()),
        Some(id) => Ok(store::worker_roles_in(tx, id).await?),
    }
}

/// Which side the actor is on, or [`Error::NotFound`] (no role on either side).
fn side_of(roles: &[Worker], r: &Referral) -> Result<Side> {
    if roles.iter().any(|w| w.org_id == r.from_org) {
        Ok(Side::From)
    } else if roles.iter().any(|w| w.org_id == r.to_org) {
        Ok(Side::To)
    } else {
        Err(Error::NotFound)
    }
}

/// What a consent holds, sealed as one JSON value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ConsentWords {
    pub share: Vec<String>,
    pub purpose: String,
    pub witness: String,
    pub channel: String,
}

fn seal_json<T: Serialize>(vault: &Vault, owner: &str, v: &T) -> Result<String> {
    let text = Zeroizing::new(serde_json::to_string(v).map_err(anyhow::Error::from)?);
    Ok(vault.seal(owner, &text))
}

fn open_json<T: for<'de> Deserialize<'de>>(vault: &Vault, owner: &str, sealed: &str) -> Result<T> {
    let text = vault.unseal(owner, sealed)?;
    Ok(serde_json::from_str(&text).map_err(anyhow::Error::from)?)
}

fn audit<'a>(actor: &'a Actor, action: &'a str, id: &'a str) -> spona_store::audit::Event<'a> {
    spona_store::audit::Event {
        actor_id: actor.id(),
        action,
        target_kind: "referral",
        target_id: id,
        detail: String::new(),
    }
}

/// A mail telling the case workers of `org_id` (but `except`) that a referral needs them;
/// it carries the referral's address only, nothing of the person.
async fn tell_workers_in(
    tx: &mut Tx,
    org_id: &str,
    except: Option<&str>,
    referral_id: &str,
    subject: &str,
    base_url: &str,
) -> Result<()> {
    let workers = store::worker_addresses_in(tx, org_id).await?;
    for (user_id, email) in workers {
        if Some(user_id.as_str()) == except {
            continue;
        }
        tell_in(tx, &email, referral_id, subject, base_url).await?;
    }
    Ok(())
}

pub(crate) async fn tell_in(
    tx: &mut Tx,
    email: &str,
    referral_id: &str,
    subject: &str,
    base_url: &str,
) -> Result<()> {
    let text = format!(
        "{subject}\n\n{}/referrals/{referral_id}\n\n\
         Spona sends no details of the person by mail: sign in to read the referral.\n",
        base_url.trim_end_matches('/')
    );
    crate::mail::enqueue_in(
        tx,
        &crate::mail::Mail {
            to: email.to_owned(),
            subject: subject.to_owned(),
            text,
            list: None,
            thread: Some(format!("referral/{referral_id}")),
        },
    )
    .await?;
    Ok(())
}
