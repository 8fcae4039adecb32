//! The state's status and each participating organisation's assessment of a
//! recommendation: dated, with evidence, signed, kept as a history (a new one supersedes
//! the side's current one). The state's status is entered by platform admins; an
//! organisation's by its admins while it takes part — any other organisation is refused
//! with a message naming the reason.

use spona_domain::ids::AssessmentId;
use spona_domain::monitoring::{EvidenceKind, Status};
use spona_store::audit::{self, Event};
use spona_store::monitoring::assessments::{self as store, Assessment, Evidence, NewAssessment};
use spona_store::monitoring::recommendations::{self, Recommendation};
use spona_store::{Db, StoreError};
use spona_vault::ServerKey;

use super::signing::{self, Signed};
use super::{invalid, iso_date, today};
use crate::{Actor, Error, Result};

/// The side that speaks in an assessment form: `state`, or an organisation's id.
pub const STATE: &str = "state";

/// How many pieces of evidence one assessment may list.
pub const MAX_EVIDENCE: usize = 20;

/// An assessment as its form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct AssessmentDraft {
    /// [`STATE`] or an organisation's id.
    pub side: String,
    pub status: String,
    pub assessed_on: String,
    pub comment: String,
    pub comment_lang: String,
    /// One per line: a web address (then, after a space, its label), `resource:<id>` (a
    /// resource of the hub) or `document:<id>` (a file attached to a hub resource).
    pub evidence: String,
}

/// A recommendation's page of assessments: the recommendation, every assessment (current
/// and superseded) and whether each current CSO assessment differs from the state's.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub recommendation: Recommendation,
    pub history: Vec<Assessment>,
}

impl Sheet {
    /// The state's current status, if it gave one.
    pub fn state(&self) -> Option<&Assessment> {
        self.history
            .iter()
            .find(|a| a.org_id.is_none() && a.superseded_at.is_none())
    }

    /// The organisations' current assessments.
    pub fn organisations(&self) -> Vec<&Assessment> {
        self.history
            .iter()
            .filter(|a| a.org_id.is_some() && a.superseded_at.is_none())
            .collect()
    }

    /// Whether this assessment differs from the state's current status (false when the
    /// state gave none, or for the state's own).
    pub fn disagrees(&self, a: &Assessment) -> bool {
        a.org_id.is_some() && self.state().is_some_and(|s| s.status != a.status)
    }

    /// The superseded assessments, newest first per side.
    pub fn superseded(&self) -> Vec<&Assessment> {
        self.history
            .iter()
            .filter(|a| a.superseded_at.is_some())
            .collect()
    }

    /// Whether an assessment's signature holds over its row as stored now.
    pub fn verifies(&self, a: &Assessment) -> bool {
        let r = &self.recommendation;
        let text = signing::canonical_of(a, r.mechanism.as_str(), &r.symbol, &r.paragraph);
        a.signature
            .as_deref()
            .is_some_and(|s| signing::verify(s, &text))
    }

    /// The canonical text an assessment's signature covers.
    pub fn signed_text(&self, a: &Assessment) -> String {
        let r = &self.recommendation;
        signing::canonical_of(a, r.mechanism.as_str(), &r.symbol, &r.paragraph)
    }
}

/// A recommendation with its assessments (public).
pub async fn sheet(db: &Db, recommendation_id: &str) -> Result<Sheet> {
    let recommendation = recommendations::get(db, recommendation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let history = store::history(db, recommendation_id).await?;
    Ok(Sheet {
        recommendation,
        history,
    })
}

/// The sides this person may speak for on a recommendation: the state (platform admins)
/// and the participating organisations they administer, as (side, name); and the
/// organisations they administer that do not take part.
pub async fn sides(actor: &Actor, db: &Db) -> Result<(Vec<(String, String)>, Vec<String>)> {
    let mut sides = Vec::new();
    if actor.is_admin() {
        sides.push((STATE.to_owned(), String::new()));
    }
    let participants = spona_store::monitoring::participants::all(db).await?;
    let mut outside = Vec::new();
    for m in actor.memberships() {
        if !actor.is_admin_of(&m.org_id) {
            continue;
        }
        if participants.contains(&m.org_id) {
            sides.push((m.org_id.clone(), m.org_name.clone()));
        } else {
            outside.push(m.org_name.clone());
        }
    }
    Ok((sides, outside))
}

async fn evidence(db: &Db, text: &str) -> Result<Vec<Evidence>> {
    let mut list = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (head, label) = match line.split_once(char::is_whitespace) {
            Some((h, l)) => (h, l.trim()),
            None => (line, ""),
        };
        let label: String = label.chars().take(200).collect();
        let item = if let Some(id) = head.strip_prefix("resource:") {
            if !store::resource_exists(db, id).await? {
                return Err(invalid("evidence", "mon-imp-err-evidence-resource"));
            }
            Evidence {
                assessment_id: String::new(),
                kind: EvidenceKind::Resource,
                target: id.to_owned(),
                label,
            }
        } else if let Some(id) = head.strip_prefix("document:") {
            let Some(resource) = store::attachment_resource(db, id).await? else {
                return Err(invalid("evidence", "mon-imp-err-evidence-document"));
            };
            Evidence {
                assessment_id: String::new(),
                kind: EvidenceKind::Document,
                target: format!("{resource}/{id}"),
                label,
            }
        } else {
            let ok = url::Url::parse(head)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok || head.len() > 2000 {
                return Err(invalid("evidence", "mon-imp-err-evidence-line"));
            }
            Evidence {
                assessment_id: String::new(),
                kind: EvidenceKind::Link,
                target: head.to_owned(),
                label,
            }
        };
        list.push(item);
    }
    if list.len() > MAX_EVIDENCE {
        return Err(invalid("evidence", "mon-imp-err-evidence-many"));
    }
    Ok(list)
}

/// Records the state's status (platform admins) or an organisation's assessment (its
/// admins, while it takes part), signed by `key` over its canonical text; the side's
/// previous one is superseded in the same transaction. The new assessment's id.
pub async fn assess(
    actor: &Actor,
    db: &Db,
    key: &ServerKey,
    recommendation_id: &str,
    draft: &AssessmentDraft,
) -> Result<AssessmentId> {
    let user = actor.require_user()?;
    let rec = recommendations::get(db, recommendation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let org_id = if draft.side == STATE {
        actor.require_admin()?;
        None
    } else {
        if draft.side.is_empty() {
            return Err(invalid("side", "mon-imp-err-side"));
        }
        if !actor.is_admin_of(&draft.side) {
            return Err(Error::Forbidden);
        }
        if !spona_store::monitoring::participants::is_participant(db, &draft.side).await? {
            return Err(invalid("side", "mon-imp-err-not-participant"));
        }
        Some(draft.side.as_str())
    };
    let mut errors = Vec::new();
    let status = Status::parse(&draft.status);
    if status.is_none() {
        errors.push(spona_domain::Invalid {
            field: "status",
            key: "mon-imp-err-status",
        });
    }
    let assessed_on = iso_date(&draft.assessed_on);
    match &assessed_on {
        None => errors.push(spona_domain::Invalid {
            field: "assessed_on",
            key: "mon-imp-err-date",
        }),
        Some(d) if *d > today() => errors.push(spona_domain::Invalid {
            field: "assessed_on",
            key: "mon-imp-err-future",
        }),
        _ => {}
    }
    let comment = draft.comment.trim();
    if comment.chars().count() > 4000 {
        errors.push(spona_domain::Invalid {
            field: "comment",
            key: "mon-imp-err-too-long",
        });
    }
    let comment_lang = ["en", "sr", "uk"]
        .contains(&draft.comment_lang.as_str())
        .then_some(draft.comment_lang.as_str());
    let evidence = match evidence(db, &draft.evidence).await {
        Ok(e) => e,
        Err(Error::Invalid(mut list)) => {
            errors.append(&mut list);
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    let (Some(status), Some(assessed_on), true) = (status, assessed_on, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let id = spona_store::new_id();
    let created_at = store::stamp();
    let text = signing::canonical(&Signed {
        id: &id,
        recommendation_id,
        mechanism: rec.mechanism.as_str(),
        symbol: &rec.symbol,
        paragraph: &rec.paragraph,
        org_id,
        author_id: Some(user.id.as_str()),
        status: status.as_str(),
        assessed_on: &assessed_on,
        comment,
        created_at,
        evidence: &evidence,
    });
    let signature = signing::sign(key, &text);
    let mut tx = db.begin().await?;
    let stored = store::insert_in(
        &mut tx,
        &NewAssessment {
            id: &id,
            recommendation_id,
            org_id,
            status,
            assessed_on: &assessed_on,
            comment,
            comment_lang: comment_lang.filter(|_| !comment.is_empty()),
            author_id: Some(user.id.as_str()),
            signature: &signature,
            created_at,
            evidence: &evidence,
        },
    )
    .await
    .map_err(|e| match e {
        StoreError::Conflict(_) => Error::Conflict("mon-imp-err-concurrent"),
        e => e.into(),
    })?;
    audit::record_in(
        &mut tx,
        Event {
            actor_id: Some(user.id.as_str()),
            action: "monitoring.assessed",
            target_kind: "recommendation",
            target_id: recommendation_id,
            detail: format!("{} {}", org_id.unwrap_or(STATE), status.as_str()),
        },
    )
    .await?;
    let action = format!("assessed:{}", crate::publog::versions::side(org_id));
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::ASSESSMENT,
        recommendation_id,
        &action,
        &crate::publog::versions::assessment(&text),
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}

/// One assessment's check: whether its signature holds over the row as stored now, and by
/// which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub id: String,
    pub recommendation_id: String,
    pub valid: bool,
    /// The signing key the row names, hex (empty when it has no signature).
    pub public_key: String,
}

/// Checks every assessment's signature (the command line's `monitoring verify`).
pub async fn verify_all(db: &Db) -> Result<Vec<Verification>> {
    let mut out = Vec::new();
    let mut sheets: std::collections::HashMap<String, Sheet> = Default::default();
    for id in store::all_ids(db).await? {
        let Some(a) = store::get(db, &id).await? else {
            continue;
        };
        if !sheets.contains_key(&a.recommendation_id) {
            let s = sheet(db, &a.recommendation_id).await?;
            sheets.insert(a.recommendation_id.clone(), s);
        }
        let s = &sheets[&a.recommendation_id];
        out.push(Verification {
            valid: s.verifies(&a),
            public_key: a
                .signature
                .as_deref()
                .and_then(signing::parse)
                .map(|(k, _)| k.to_owned())
                .unwrap_or_default(),
            recommendation_id: a.recommendation_id.clone(),
            id,
        });
    }
    Ok(out)
}

/// What [`seed`] stores: an assessment as demo data gives it.
#[derive(Debug, Clone)]
pub struct Seed<'a> {
    pub recommendation_id: &'a str,
    pub org_id: Option<&'a str>,
    pub author_id: Option<&'a str>,
    pub status: Status,
    pub assessed_on: &'a str,
    pub comment: &'a str,
    pub comment_lang: &'a str,
    pub evidence: Vec<Evidence>,
}

/// Stores a signed assessment without an actor's checks (demo data, benchmarks), exactly
/// as [`assess`] would sign it.
pub async fn seed(db: &Db, key: &ServerKey, s: &Seed<'_>) -> Result<AssessmentId> {
    let rec = recommendations::get(db, s.recommendation_id)
        .await?
        .ok_or(Error::NotFound)?;
    let id = spona_store::new_id();
    let created_at = store::stamp();
    let text = signing::canonical(&Signed {
        id: &id,
        recommendation_id: s.recommendation_id,
        mechanism: rec.mechanism.as_str(),
        symbol: &rec.symbol,
        paragraph: &rec.paragraph,
        org_id: s.org_id,
        author_id: s.author_id,
        status: s.status.as_str(),
        assessed_on: s.assessed_on,
        comment: s.comment,
        created_at,
        evidence: &s.evidence,
    });
    let signature = signing::sign(key, &text);
    let mut tx = db.begin().await?;
    let stored = store::insert_in(
        &mut tx,
        &NewAssessment {
            id: &id,
            recommendation_id: s.recommendation_id,
            org_id: s.org_id,
            status: s.status,
            assessed_on: s.assessed_on,
            comment: s.comment,
            comment_lang: Some(s.comment_lang),
            author_id: s.author_id,
            signature: &signature,
            created_at,
            evidence: &s.evidence,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}
