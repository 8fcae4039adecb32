//! Co-signing needs the organisation's consent. A report that names co-signing
//! organisations is saved ([`save`]): its choices and one pending request per organisation.
//! An admin of each named organisation confirms or declines on their list ([`requests`],
//! [`decide`]); a member who is not its admin may not (403), nor may a platform admin who is
//! not its admin sign for it; a second answer is refused (409). The saved report's documents
//! ([`make_saved`]) list only the confirmed co-signers; the pending ones are shown on the
//! report's page, never in the document. Each step is audited
//! (`monitoring.report_saved`, `monitoring.cosign_confirmed`, `monitoring.cosign_declined`).
//!
//! Who sees a saved report (its page and documents): platform admins, members of the named
//! organisations, and whoever may make reports ([`super::may_make`]) — what it holds is the
//! public recommendations and assessments.

use spona_domain::{Invalid, Locale};
use spona_i18n::Translator;
use spona_store::Db;
use spona_store::audit::{self, Event};
use spona_store::monitoring::cosigners::{
    self as store, CosignState, Cosigner, Request, SavedReport,
};
use spona_store::monitoring::report_data::Participant;

use super::{Format, Made, ReportRequest, check, make_checked, may_make};
use crate::{Actor, Error, Result};

/// The most requests one admin's list shows.
pub const MAX_REQUESTS: i64 = 200;

/// Checks the choices and saves the report with a pending request to each co-signing
/// organisation named; `choices` is the download's query without the co-signers. The id.
pub async fn save(
    actor: &Actor,
    db: &Db,
    req: &ReportRequest,
    choices: &str,
    reader: Locale,
) -> Result<String> {
    let checked = check(actor, db, req, reader).await?;
    if checked.cosigners.is_empty() {
        return Err(Error::Invalid(vec![Invalid::new(
            "org",
            "mxt-err-no-cosigners",
        )]));
    }
    let user = actor.require_user()?;
    let id = spona_store::new_id();
    let org_ids: Vec<String> = checked.cosigners.iter().map(|p| p.id.clone()).collect();
    let slugs: Vec<&str> = checked.cosigners.iter().map(|p| p.slug.as_str()).collect();
    let mut tx = db.begin().await?;
    store::insert_in(
        &mut tx,
        &id,
        user.id.as_str(),
        choices,
        spona_store::now(),
        &org_ids,
    )
    .await?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(user.id.as_str()),
            action: "monitoring.report_saved",
            target_kind: "report",
            target_id: &id,
            detail: format!(
                "{} recommendations; co-signers asked: {}",
                checked.ids.len(),
                slugs.join(", ")
            ),
        },
    )
    .await?;
    spona_store::tx::fault_point("monitoring.report_saved")?;
    tx.commit().await?;
    Ok(id)
}

/// A saved report and its named co-signers, for someone who may see it.
pub async fn load(actor: &Actor, db: &Db, id: &str) -> Result<(SavedReport, Vec<Cosigner>)> {
    actor.require_user()?;
    let report = store::get(db, id).await?;
    let cosigners = store::of_report(db, id).await?;
    let named = cosigners.iter().any(|c| actor.is_member_of(&c.org_id));
    if !actor.is_admin() && !named {
        may_make(actor, db).await?;
    }
    Ok((report, cosigners))
}

/// The saved report's document, made anew from the current data and `req` (its stored
/// choices), listing only the co-signers that confirmed.
#[allow(clippy::too_many_arguments)]
pub async fn make_saved(
    actor: &Actor,
    db: &Db,
    tr: &Translator,
    base_url: &str,
    id: &str,
    req: &ReportRequest,
    reader: Locale,
    format: Format,
) -> Result<Made> {
    let (_, cosigners) = load(actor, db, id).await?;
    let mut checked = super::check_choices(db, req, reader).await?;
    checked.cosigners = confirmed(&cosigners);
    make_checked(actor, db, tr, base_url, checked, format).await
}

/// The co-signers that confirmed, as the document lists them.
pub fn confirmed(cosigners: &[Cosigner]) -> Vec<Participant> {
    cosigners
        .iter()
        .filter(|c| c.state == CosignState::Confirmed)
        .map(|c| Participant {
            id: c.org_id.clone(),
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect()
}

/// The requests to the organisations this person is an admin of (pending first).
pub async fn requests(actor: &Actor, db: &Db) -> Result<Vec<Request>> {
    actor.require_user()?;
    let orgs: Vec<String> = actor
        .memberships()
        .iter()
        .filter(|m| actor.is_admin_of(&m.org_id))
        .map(|m| m.org_id.clone())
        .collect();
    Ok(store::requests_to(db, &orgs, MAX_REQUESTS).await?)
}

/// An admin of the organisation (`org`: its slug) confirms or declines its signature on the
/// report. Unknown report or organisation, or an organisation not named: 404; not its admin:
/// 403; answered already: 409, nothing changed.
pub async fn decide(
    actor: &Actor,
    db: &Db,
    report_id: &str,
    org: &str,
    confirm: bool,
) -> Result<()> {
    let user = actor.require_user()?;
    store::get(db, report_id).await?;
    let org = spona_store::orgs::get_by_slug(db, org).await?;
    let org_id = org.id.to_string();
    if !actor.is_admin_of(&org_id) {
        return Err(Error::Forbidden);
    }
    let state = if confirm {
        CosignState::Confirmed
    } else {
        CosignState::Declined
    };
    let mut tx = db.begin().await?;
    // The guarded update answers a race too: only a pending row changes.
    let changed = store::decide_in(
        &mut tx,
        report_id,
        &org_id,
        state,
        user.id.as_str(),
        spona_store::now(),
    )
    .await?;
    if changed == 0 {
        return match store::state_in(&mut tx, report_id, &org_id).await? {
            None => Err(Error::NotFound),
            Some(_) => Err(Error::Conflict("mxt-err-already-answered")),
        };
    }
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(user.id.as_str()),
            action: if confirm {
                "monitoring.cosign_confirmed"
            } else {
                "monitoring.cosign_declined"
            },
            target_kind: "report",
            target_id: report_id,
            detail: org.slug.to_string(),
        },
    )
    .await?;
    spona_store::tx::fault_point("monitoring.cosign")?;
    tx.commit().await?;
    Ok(())
}
