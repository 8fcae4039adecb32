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

pub mod intake;
pub mod remind;
pub mod stats;

use serde::{Deserialize, Serialize};
use spona_domain::Invalid;
use spona_domain::referral::{self as rules, Answer, ConsentDraft, Status};
use spona_store::idempotency::Once;
use spona_store::referrals::{self as store, Note, Referral, Worker};
use spona_store::{Db, Tx, new_id, now};
use spona_vault::{CustodyEntry, NewEntry};
use zeroize::Zeroizing;

use crate::actor::Actor;
use crate::vault::keys::{Vault, now_ms};
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

/// Whether the actor administers `org_id` through their membership (platform admins do not
/// name case workers of organisations they do not belong to).
fn org_admin(actor: &Actor, org_id: &str) -> bool {
    actor
        .memberships()
        .iter()
        .any(|m| m.org_id == org_id && m.role() == spona_domain::role::OrgRole::Admin)
}

/// The organisation's case workers, for its admins.
pub async fn workers(actor: &Actor, db: &Db, org_id: &str) -> Result<Vec<Worker>> {
    actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    Ok(store::workers(db, org_id).await?)
}

/// Names (or re-names, with the override permission or without) a member of the
/// organisation a case worker; its admins only.
pub async fn set_worker(
    actor: &Actor,
    db: &Db,
    org_id: &str,
    user_id: &str,
    may_override: bool,
) -> Result<()> {
    let me = actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    let member = spona_store::users::members_of(db, org_id)
        .await?
        .iter()
        .any(|m| m.user_id == user_id);
    if !member {
        return Err(Error::Invalid(vec![Invalid::new(
            "user",
            "err-referral-worker-member",
        )]));
    }
    let mut tx = db.begin().await?;
    store::set_worker_in(&mut tx, org_id, user_id, may_override, me.id.as_str()).await?;
    spona_store::audit::record_in(
        &mut tx,
        spona_store::audit::Event {
            actor_id: actor.id(),
            action: "referral.worker_set",
            target_kind: "user",
            target_id: user_id,
            detail: format!("org={org_id} override={may_override}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the case-worker role away; its admins only.
pub async fn remove_worker(actor: &Actor, db: &Db, org_id: &str, user_id: &str) -> Result<()> {
    actor.require_user()?;
    if !org_admin(actor, org_id) {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    if !store::remove_worker_in(&mut tx, org_id, user_id).await? {
        return Err(Error::NotFound);
    }
    spona_store::audit::record_in(
        &mut tx,
        spona_store::audit::Event {
            actor_id: actor.id(),
            action: "referral.worker_removed",
            target_kind: "user",
            target_id: user_id,
            detail: format!("org={org_id}"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A new referral as the referring worker fills it in.
#[derive(Debug, Clone, Default)]
pub struct ReferralDraft {
    /// The referring organisation (the worker's).
    pub from_org: String,
    /// The person's fields, only those the service asks for.
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub urgent: bool,
    /// The person's consent; `None` only with an override.
    pub consent: Option<ConsentDraft>,
    /// Why the referral goes without consent (needs the override permission).
    pub override_reason: Option<String>,
    /// The intake this referral comes from, if any (of the same organisation).
    pub intake_id: Option<String>,
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

/// Appends a custody entry for `id` (call after locking the referral or in the creating
/// transaction).
pub(crate) async fn custody_in(tx: &mut Tx, id: &str, actor: &str, action: &str) -> Result<()> {
    let prev = store::custody_last_in(tx, id).await?;
    let entry = spona_vault::custody::append(
        prev.as_ref(),
        NewEntry {
            case_id: format!("referral:{id}"),
            at_ms: now_ms(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            reason: String::new(),
            item_sha256: None,
        },
    );
    store::custody_insert_in(tx, id, &entry).await?;
    Ok(())
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

/// Refers a person to `target`: checks the worker, the service, the person's fields against
/// what the service asks, and the consent (or the override), then saves the referral, its
/// first custody entry, the audit entry, the one-time key and the receiving workers' mail in
/// one transaction. Returns the referral's id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    service_id: &str,
    draft: &ReferralDraft,
    once: Option<&Once>,
    base_url: &str,
) -> Result<String> {
    let me = actor.require_user()?;
    let target = &target(db, service_id).await?;
    let roles = roles(actor, db).await?;
    let Some(role) = roles.iter().find(|w| w.org_id == draft.from_org) else {
        return Err(Error::NotFound);
    };
    if target.org_id == draft.from_org {
        return Err(Error::Conflict("err-referral-own-org"));
    }
    if !target.open {
        return Err(Error::Conflict("err-referral-service-closed"));
    }
    if target.full {
        return Err(Error::Conflict("err-referral-service-full"));
    }
    let person = rules::person_fields(&target.asks, &draft.person).map_err(Error::Invalid)?;
    let reason = draft.reason.trim();
    if reason.is_empty() || reason.chars().count() > 2000 {
        return Err(Error::Invalid(vec![Invalid::new(
            "reason",
            "err-referral-reason",
        )]));
    }
    let at = now();
    let override_reason = draft
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let consent = match (&draft.consent, override_reason) {
        (Some(c), _) => Some(c.validate(at).map_err(Error::Invalid)?),
        (None, Some(_)) => {
            if !role.may_override {
                return Err(Error::Refused("err-referral-override-permission"));
            }
            None
        }
        (None, None) => return Err(Error::Refused("err-referral-no-consent")),
    };
    if let Some(c) = &consent
        && !rules::consent_covers(&c.share, &person)
    {
        return Err(Error::Invalid(vec![Invalid::new(
            "consent_share",
            "err-consent-not-covering",
        )]));
    }
    let id = new_id();
    let orgs = spona_store::orgs::get_many(db, &[&draft.from_org, &target.org_id]).await?;
    if let Some(intake_id) = &draft.intake_id {
        let intake = store::intake(db, intake_id).await?;
        if intake.is_none_or(|i| i.org_id != draft.from_org) {
            return Err(Error::NotFound);
        }
    }
    // Writes first in the transaction (see `lock`); the role was read just before and is
    // read again at the end, so a role taken away meanwhile rolls the referral back.
    let mut tx = db.begin().await?;
    if let Some(intake_id) = &draft.intake_id
        && !store::link_intake_in(&mut tx, intake_id, &id).await?
    {
        return Err(Error::Conflict("err-intake-referred"));
    }
    if let Some(once) = once {
        store::claim_once_in(&mut tx, once, &id).await?;
    }
    let country = |org: &str| {
        orgs.iter()
            .find(|o| o.id == org)
            .map(|o| o.country.clone())
            .unwrap_or_default()
    };
    let field = |k: &str| person.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let urgent = draft.urgent || field("urgency").as_deref() == Some("urgent");
    let person_json: Vec<(String, String)> = person.clone();
    let row = Referral {
        id: id.clone(),
        from_org: draft.from_org.clone(),
        to_org: target.org_id.clone(),
        service_id: target.id.clone(),
        service_kind: target.kind.clone(),
        from_country: country(&draft.from_org),
        to_country: country(&target.org_id),
        referred_by: Some(me.id.to_string()),
        urgent,
        status: Status::Sent,
        age_band: field("age-band").unwrap_or_else(|| "unknown".into()),
        gender: field("gender").unwrap_or_else(|| "undisclosed".into()),
        person_sealed: seal_json(vault, &person_owner(&id), &person_json)?,
        reason_sealed: vault.seal(&reason_owner(&id), reason),
        consent_how: consent
            .as_ref()
            .map_or_else(|| "override".to_owned(), |c| c.how.clone()),
        consent_until: consent.as_ref().map(|c| c.until),
        consent_sealed: match &consent {
            Some(c) => Some(seal_json(
                vault,
                &consent_owner(&id),
                &ConsentWords {
                    share: c.share.clone(),
                    purpose: c.purpose.clone(),
                    witness: c.witness.clone(),
                    channel: c.channel.clone(),
                },
            )?),
            None => None,
        },
        override_sealed: override_reason.map(|r| vault.seal(&override_owner(&id), r)),
        outcome: None,
        answered_at: None,
        withdrawn_at: None,
        reminded_at: None,
        intake_id: draft.intake_id.clone(),
        created_at: at,
        updated_at: at,
    };
    store::insert_in(&mut tx, &row).await?;
    // The service as it is now, in this transaction: closed or filled meanwhile refuses.
    match spona_store::services::get_in(&mut tx, service_id).await? {
        Some(s) if !s.is_published() => return Err(Error::Conflict("err-referral-service-closed")),
        Some(s) if s.is_full() => return Err(Error::Conflict("err-referral-service-full")),
        Some(_) => {}
        None => return Err(Error::NotFound),
    }
    if !roles_in(actor, &mut tx)
        .await?
        .iter()
        .any(|w| w.org_id == draft.from_org)
    {
        return Err(Error::NotFound);
    }
    custody_in(&mut tx, &id, me.id.as_str(), "create").await?;
    if consent.is_none() {
        custody_in(&mut tx, &id, me.id.as_str(), "consent-override").await?;
    }
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.created", &id)).await?;
    tell_workers_in(
        &mut tx,
        &target.org_id,
        None,
        &id,
        if urgent {
            "Spona: an urgent referral for your organisation"
        } else {
            "Spona: a referral for your organisation"
        },
        base_url,
    )
    .await?;
    spona_store::tx::fault_point("referral.created")?;
    tx.commit().await?;
    Ok(id)
}

/// A note as its reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub id: String,
    pub side: Side,
    pub kind: String,
    /// Reported back to the referring side.
    pub shared: bool,
    /// Empty when consent was withdrawn and the reader is on the receiving side.
    pub body: String,
    pub withdrawn: bool,
    pub created_at: i64,
}

/// A referral as its reader may see it: the referring side sees everything it sent and what
/// the receiving side chose to report back; the receiving side sees what was sent, and after
/// withdrawal nothing of the person.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralView {
    pub id: String,
    pub side: Side,
    pub from_org: String,
    pub to_org: String,
    pub service_id: String,
    pub service_kind: String,
    pub status: &'static str,
    pub urgent: bool,
    /// The referral went without the person's consent (flagged wherever shown).
    pub consent_overridden: bool,
    pub override_reason: Option<String>,
    pub consent_how: String,
    pub consent_until: Option<i64>,
    pub consent: Option<ConsentWords>,
    /// The person's fields; empty on the receiving side after withdrawal.
    pub person: Vec<(String, String)>,
    pub reason: String,
    pub outcome: Option<String>,
    pub withdrawn: bool,
    pub created_at: i64,
    pub notes: Vec<NoteView>,
}

async fn lock(actor: &Actor, tx: &mut Tx, id: &str) -> Result<(Referral, Side)> {
    actor.require_user().map_err(|_| Error::NotFound)?;
    // The write first: on SQLite a transaction that read before writing cannot wait for
    // another writer (it would fail with "database is locked").
    let Some(r) = store::lock_in(tx, id).await? else {
        return Err(Error::NotFound);
    };
    let roles = roles_in(actor, tx).await?;
    let side = side_of(&roles, &r)?;
    Ok((r, side))
}

/// Opens the referral for its reader and logs the view in its custody chain.
pub async fn view(actor: &Actor, db: &Db, vault: &Vault, id: &str) -> Result<ReferralView> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    custody_in(&mut tx, id, actor.id().unwrap_or_default(), "view").await?;
    tx.commit().await?;
    let withdrawn = r.status == Status::Withdrawn;
    let hide = withdrawn && side == Side::To;
    let person: Vec<(String, String)> = if hide {
        Vec::new()
    } else {
        open_json(vault, &person_owner(id), &r.person_sealed)?
    };
    let consent = match (&r.consent_sealed, hide) {
        (Some(s), false) => Some(open_json(vault, &consent_owner(id), s)?),
        _ => None,
    };
    let notes = store::notes(db, id).await?;
    let mut shown = Vec::new();
    for n in notes {
        let note_side = if n.side == "from" {
            Side::From
        } else {
            Side::To
        };
        if side == Side::From && note_side == Side::To && !n.shared {
            continue;
        }
        let body = if hide {
            String::new()
        } else {
            vault
                .unseal(&note_owner(&n.id), &n.body_sealed)?
                .to_string()
        };
        shown.push(NoteView {
            id: n.id,
            side: note_side,
            kind: n.kind,
            shared: n.shared,
            body,
            withdrawn: n.withdrawn,
            created_at: n.created_at,
        });
    }
    Ok(ReferralView {
        id: r.id.clone(),
        side,
        from_org: r.from_org,
        to_org: r.to_org,
        service_id: r.service_id,
        service_kind: r.service_kind,
        status: r.status.as_str(),
        urgent: r.urgent,
        consent_overridden: r.consent_how == "override",
        override_reason: match (&r.override_sealed, hide) {
            (Some(s), false) => Some(vault.unseal(&override_owner(id), s)?.to_string()),
            _ => None,
        },
        consent_how: r.consent_how,
        consent_until: r.consent_until,
        consent,
        person,
        reason: if hide {
            String::new()
        } else {
            vault
                .unseal(&reason_owner(id), &r.reason_sealed)?
                .to_string()
        },
        outcome: r.outcome,
        withdrawn,
        created_at: r.created_at,
        notes: shown,
    })
}

/// One line of the referrals list: nothing of the person.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub id: String,
    pub side: Side,
    pub from_org: String,
    pub to_org: String,
    pub service_kind: String,
    pub status: &'static str,
    pub urgent: bool,
    pub consent_overridden: bool,
    pub created_at: i64,
}

/// The referrals of every organisation where the actor is a case worker, newest first.
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<ListItem>> {
    let roles = roles(actor, db).await?;
    let mut out: Vec<ListItem> = Vec::new();
    for w in &roles {
        for r in store::for_org(db, &w.org_id).await? {
            if out.iter().any(|x| x.id == r.id) {
                continue;
            }
            let side = side_of(&roles, &r)?;
            out.push(ListItem {
                id: r.id,
                side,
                from_org: r.from_org,
                to_org: r.to_org,
                service_kind: r.service_kind,
                status: r.status.as_str(),
                urgent: r.urgent,
                consent_overridden: r.consent_how == "override",
                created_at: r.created_at,
            });
        }
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok(out)
}

fn refuse_withdrawn(r: &Referral) -> Result<()> {
    if r.status == Status::Withdrawn {
        Err(Error::Conflict("err-referral-withdrawn"))
    } else {
        Ok(())
    }
}

fn check_text(field: &'static str, text: &str, required: bool) -> Result<String> {
    let t = text.trim();
    if (required && t.is_empty()) || t.chars().count() > 4000 {
        return Err(Error::Invalid(vec![Invalid::new(
            field,
            "err-referral-note",
        )]));
    }
    Ok(t.to_owned())
}

#[allow(clippy::too_many_arguments)]
async fn add_note_in(
    tx: &mut Tx,
    vault: &Vault,
    referral_id: &str,
    side: Side,
    kind: &str,
    shared: bool,
    author: &str,
    body: &str,
) -> Result<()> {
    let note_id = new_id();
    store::add_note_in(
        tx,
        &Note {
            id: note_id.clone(),
            referral_id: referral_id.to_owned(),
            side: match side {
                Side::From => "from".into(),
                Side::To => "to".into(),
            },
            kind: kind.to_owned(),
            shared,
            author: Some(author.to_owned()),
            body_sealed: vault.seal(&note_owner(&note_id), body),
            withdrawn: false,
            created_at: now(),
        },
    )
    .await?;
    Ok(())
}

/// The receiving side answers: accept, ask for more information, or decline with a reason.
/// The answer is always reported back. A second accept or decline is refused (409).
pub async fn answer(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    a: Answer,
    note: &str,
    base_url: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::To {
        return Err(Error::Forbidden);
    }
    let next = rules::answer(r.status, a).map_err(Error::Conflict)?;
    let note = check_text("note", note, a != Answer::Accept)?;
    let me = actor.id().unwrap_or_default();
    if !note.is_empty() {
        add_note_in(&mut tx, vault, id, side, a.as_str(), true, me, &note).await?;
    }
    store::set_status_in(&mut tx, id, next, None, a != Answer::MoreInfo).await?;
    custody_in(&mut tx, id, me, a.as_str()).await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.answered", id)).await?;
    if let Some(by) = &r.referred_by {
        let user = spona_store::users::get_in(&mut tx, by).await?;
        tell_in(
            &mut tx,
            &user.email,
            id,
            "Spona: your referral was answered",
            base_url,
        )
        .await?;
    }
    spona_store::tx::fault_point("referral.answered")?;
    tx.commit().await?;
    Ok(())
}

/// A follow-up note. The receiving side chooses whether it is reported back (`shared`); the
/// referring side's notes (e.g. the information asked for) are always seen by both.
pub async fn add_note(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    body: &str,
    shared: bool,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    refuse_withdrawn(&r)?;
    let body = check_text("body", body, true)?;
    let me = actor.id().unwrap_or_default();
    let (kind, shared) = match side {
        Side::From => ("reply", true),
        Side::To => ("note", shared),
    };
    add_note_in(&mut tx, vault, id, side, kind, shared, me, &body).await?;
    custody_in(&mut tx, id, me, "note").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.noted", id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The receiving side records the outcome of an accepted referral (once); the outcome's
/// code is always reported back, the note only when `shared`.
pub async fn record_outcome(
    actor: &Actor,
    db: &Db,
    vault: &Vault,
    id: &str,
    outcome: &str,
    note: &str,
    shared: bool,
) -> Result<()> {
    if !rules::OUTCOMES.contains(&outcome) {
        return Err(Error::Invalid(vec![Invalid::new(
            "outcome",
            "err-referral-outcome",
        )]));
    }
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::To {
        return Err(Error::Forbidden);
    }
    refuse_withdrawn(&r)?;
    if r.status != Status::Accepted {
        return Err(Error::Conflict("err-referral-not-accepted"));
    }
    let note = check_text("note", note, false)?;
    let me = actor.id().unwrap_or_default();
    if !note.is_empty() {
        add_note_in(&mut tx, vault, id, side, "outcome", shared, me, &note).await?;
    }
    store::set_status_in(&mut tx, id, Status::Closed, Some(outcome), true).await?;
    custody_in(&mut tx, id, me, "outcome").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.outcome", id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The person withdrew consent (recorded by the referring side): nothing more is shared,
/// every note is marked withdrawn, the receiving side no longer sees the person's data.
pub async fn withdraw(actor: &Actor, db: &Db, id: &str, base_url: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let (r, side) = lock(actor, &mut tx, id).await?;
    if side != Side::From {
        return Err(Error::Forbidden);
    }
    refuse_withdrawn(&r)?;
    let me = actor.id().unwrap_or_default();
    store::set_status_in(&mut tx, id, Status::Withdrawn, None, false).await?;
    store::withdraw_notes_in(&mut tx, id).await?;
    custody_in(&mut tx, id, me, "consent-withdrawn").await?;
    spona_store::audit::record_in(&mut tx, audit(actor, "referral.withdrawn", id)).await?;
    tell_workers_in(
        &mut tx,
        &r.to_org,
        None,
        id,
        "Spona: consent to a referral was withdrawn",
        base_url,
    )
    .await?;
    spona_store::tx::fault_point("referral.withdrawn")?;
    tx.commit().await?;
    Ok(())
}

/// The referral's custody chain and whether it is intact, for its case workers (the
/// reading is itself logged).
pub async fn custody(actor: &Actor, db: &Db, id: &str) -> Result<(Vec<CustodyEntry>, bool)> {
    let mut tx = db.begin().await?;
    lock(actor, &mut tx, id).await?;
    custody_in(&mut tx, id, actor.id().unwrap_or_default(), "custody-view").await?;
    tx.commit().await?;
    let entries = store::custody(db, id).await?;
    let intact = chain_intact(&entries);
    Ok((entries, intact))
}

/// Every entry hashes to itself and links to the one before, from the genesis.
pub fn chain_intact(entries: &[CustodyEntry]) -> bool {
    let mut prev = spona_vault::custody::GENESIS_HASH.to_owned();
    for (i, e) in entries.iter().enumerate() {
        if e.seq != i as u64 || e.prev_hash != prev || e.compute_hash() != e.hash {
            return false;
        }
        prev = e.hash.clone();
    }
    true
}
