//! Opening a case, the list of the cases one monitors, and a case as its page shows it:
//! hearings, observations (notes opened), verdicts and the timeline.

use spona_domain::Invalid;
use spona_domain::trial::{CaseDraft, ObservationNotes};
use spona_store::idempotency::Once;
use spona_store::trials::{self as store, Case, Hearing, Observation, Verdict};
use spona_store::{Db, StoreError, audit};

use super::{event, hearing_note_owner, load, observation_notes_owner, today};
use crate::actor::Actor;
use crate::vault::keys::Vault;
use crate::{Error, Result};

/// The most cases the list shows (the CSV export has them all).
pub const LIST_LIMIT: i64 = 500;

/// Opens a case monitored by the organisations `org_slugs` (at least one of them the
/// actor's). The case, its charges and organisations, the one-time key and the audit entry
/// commit together. Returns the case's id.
pub async fn create_case(
    actor: &Actor,
    db: &Db,
    draft: &CaseDraft,
    org_slugs: &[String],
    once: Option<&Once>,
) -> Result<String> {
    let me = actor.require_user()?;
    if actor.memberships().is_empty() {
        return Err(Error::Forbidden);
    }
    let mut errors = Vec::new();
    let mut orgs: Vec<String> = Vec::new();
    for slug in org_slugs.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) if !orgs.contains(&o.id.to_string()) => orgs.push(o.id.to_string()),
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                errors.push(Invalid::new("orgs", "err-trial-orgs"));
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if errors.is_empty() && !orgs.iter().any(|o| actor.is_member_of(o)) {
        errors.push(Invalid::new("orgs", "err-trial-orgs-own"));
    }
    let now = spona_store::now();
    let values = match draft.validate(&today(now)) {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(mut more) => {
            errors.append(&mut more);
            return Err(Error::Invalid(errors));
        }
    };
    if store::number_taken(db, &values.country, &values.court, &values.case_number).await? {
        return Err(Error::Invalid(vec![Invalid::new(
            "case_number",
            "err-trial-duplicate",
        )]));
    }
    let case = Case {
        id: spona_store::new_id(),
        country: values.country,
        court: values.court,
        case_number: values.case_number,
        defendants: values.defendants,
        victims: values.victims,
        indicted_on: values.indicted_on,
        created_by: Some(me.id.to_string()),
        created_at: now,
        updated_at: now,
        charges: values.charges,
        orgs,
    };
    let mut tx = db.begin().await?;
    match store::create_case_in(&mut tx, &case, once).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(Error::Invalid(vec![Invalid::new(
                "case_number",
                "err-trial-duplicate",
            )]));
        }
        Err(e) => return Err(e.into()),
    }
    let detail = format!("{} {}", case.country, case.charges.join(","));
    audit::record_in(&mut tx, event(actor, "trial.case_opened", &case.id, detail)).await?;
    spona_store::tx::fault_point("trial.case_opened")?;
    tx.commit().await?;
    Ok(case.id)
}

/// The cases the actor's organisations monitor, oldest first (at most [`LIST_LIMIT`]).
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<Case>> {
    actor.require_user()?;
    let orgs: Vec<String> = actor
        .memberships()
        .iter()
        .map(|m| m.org_id.clone())
        .collect();
    Ok(store::cases_of(db, &orgs, "", LIST_LIMIT).await?)
}

/// A hearing with its note opened (none when there is none or the vault is closed).
#[derive(Debug, Clone)]
pub struct HearingView {
    pub hearing: Hearing,
    pub note: Option<String>,
}

/// An observation with its notes opened (none when the vault is closed).
#[derive(Debug, Clone)]
pub struct ObservationView {
    pub observation: Observation,
    pub notes: Option<ObservationNotes>,
}

/// One line of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD` (a hearing's in its court's zone).
    pub date: String,
    /// `HH:MM` for hearings.
    pub time: String,
    /// `indicted`, `hearing-held`, `hearing-adjourned`, `hearing-scheduled`, `observed`,
    /// `verdict`.
    pub kind: &'static str,
    /// A code to label: the adjournment's reason or the verdict's outcome.
    pub code: String,
    /// The defendant a verdict is for.
    pub defendant: Option<i64>,
}

/// A case as its page shows it.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    /// The monitoring organisations: `(slug, name)`.
    pub orgs: Vec<(String, String)>,
    pub hearings: Vec<HearingView>,
    pub observations: Vec<ObservationView>,
    pub verdicts: Vec<Verdict>,
    pub timeline: Vec<TimelineEntry>,
    /// The vault is closed: sealed notes could not be opened.
    pub sealed_closed: bool,
}

/// A case with everything its page shows, for the members of its monitoring organisations
/// (404 for anyone else). Notes are opened with `vault` when it is open.
pub async fn read(actor: &Actor, db: &Db, vault: Option<&Vault>, id: &str) -> Result<CaseView> {
    let case = load(actor, db, id).await?;
    let org_ids: Vec<&str> = case.orgs.iter().map(String::as_str).collect();
    let orgs = spona_store::orgs::get_many(db, &org_ids)
        .await?
        .into_iter()
        .map(|o| (o.slug, o.name))
        .collect();
    let mut hearings = Vec::new();
    for h in store::hearings(db, id).await? {
        let note = match (&h.note_sealed, vault) {
            (Some(s), Some(v)) => Some(v.unseal(&hearing_note_owner(&h.id), s)?.to_string()),
            _ => None,
        };
        hearings.push(HearingView { hearing: h, note });
    }
    let mut observations = Vec::new();
    for o in store::observations(db, id).await? {
        let notes = match (&o.notes_sealed, vault) {
            (Some(s), Some(v)) => {
                let text = v.unseal(&observation_notes_owner(&o.id), s)?;
                Some(serde_json::from_str(&text).map_err(|e| Error::Internal(e.into()))?)
            }
            (None, _) => Some(ObservationNotes::default()),
            (Some(_), None) => None,
        };
        observations.push(ObservationView {
            observation: o,
            notes,
        });
    }
    let verdicts = store::verdicts(db, id).await?;
    let timeline = timeline(&case, &hearings, &observations, &verdicts);
    Ok(CaseView {
        sealed_closed: vault.is_none(),
        case,
        orgs,
        hearings,
        observations,
        verdicts,
        timeline,
    })
}

/// The case's events in date order: the indictment, each hearing (in its court's zone),
/// each observation (on its hearing's date) and each verdict.
pub fn timeline(
    case: &Case,
    hearings: &[HearingView],
    observations: &[ObservationView],
    verdicts: &[Verdict],
) -> Vec<TimelineEntry> {
    let mut out = vec![TimelineEntry {
        date: case.indicted_on.clone(),
        time: String::new(),
        kind: "indicted",
        code: String::new(),
        defendant: None,
    }];
    for h in hearings.iter().map(|h| &h.hearing) {
        let (date, time) = h.at_local.split_once('T').unwrap_or((&h.at_local, ""));
        out.push(TimelineEntry {
            date: date.to_owned(),
            time: time.to_owned(),
            kind: match h.status.as_str() {
                "held" => "hearing-held",
                "adjourned" => "hearing-adjourned",
                _ => "hearing-scheduled",
            },
            code: h.reason.clone().unwrap_or_default(),
            defendant: None,
        });
        for _ in observations
            .iter()
            .filter(|o| o.observation.hearing_id == h.id)
        {
            out.push(TimelineEntry {
                date: date.to_owned(),
                time: time.to_owned(),
                kind: "observed",
                code: String::new(),
                defendant: None,
            });
        }
    }
    for v in verdicts {
        out.push(TimelineEntry {
            date: v.decided_on.clone(),
            time: String::new(),
            kind: "verdict",
            code: v.outcome.clone(),
            defendant: Some(v.defendant),
        });
    }
    // Stable: on one day the indictment, hearings and their observations keep their order.
    out.sort_by(|a, b| (&a.date, &a.time).cmp(&(&b.date, &b.time)));
    out
}

/// The people who may be named as a hearing's observer: the members of the case's
/// monitoring organisations, `(user id, name)`, each once.
pub async fn observers(db: &Db, case: &Case) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for org in &case.orgs {
        for m in spona_store::users::members_of(db, org).await? {
            if !m.disabled && !out.iter().any(|(id, _)| id == m.user_id.as_str()) {
                out.push((m.user_id.to_string(), m.display_name));
            }
        }
    }
    Ok(out)
}
