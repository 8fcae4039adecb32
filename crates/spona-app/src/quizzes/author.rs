//! Writing a campaign's quiz: a new campaign with its first version, a revision (the same
//! version while nobody has started it, else a new version), channels, public results and
//! the exclusion of suspected floods. Each write runs with its audit entry in one
//! transaction.

use spona_domain::Invalid;
use spona_domain::quiz::{CHANNEL_KINDS, QuizDoc, channel_code_ok, slug_ok};
use spona_store::idempotency::Once;
use spona_store::quizzes::{self as store, Campaign, Channel, Quiz};
use spona_store::{Db, StoreError, audit, new_id, now};

use super::{event, load};
use crate::actor::Actor;
use crate::{Error, Result};

/// What the new campaign form and the revision form send.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub org_id: String,
    pub slug: String,
    pub public_results: bool,
    /// The quiz as JSON (`QuizDoc`).
    pub doc: String,
    /// First and last day the quiz is open (`YYYY-MM-DD`, UTC, both included).
    pub starts_on: String,
    pub ends_on: String,
}

/// Parses the quiz's JSON and checks it.
pub fn parse_doc(json: &str) -> Result<QuizDoc, Vec<Invalid>> {
    let doc: QuizDoc =
        serde_json::from_str(json).map_err(|_| vec![Invalid::new("doc", "qz-err-json")])?;
    let errors = doc.check();
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

fn day_start(day: &str) -> Option<i64> {
    chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

/// The open period as `[starts_at, ends_at)`.
fn period(d: &Draft, errors: &mut Vec<Invalid>) -> (i64, i64) {
    let start = day_start(&d.starts_on);
    let end = day_start(&d.ends_on).map(|e| e + 86_400);
    if start.is_none() {
        errors.push(Invalid::new("starts_on", "qz-err-date"));
    }
    match (start, end) {
        (_, None) => errors.push(Invalid::new("ends_on", "qz-err-date")),
        (Some(s), Some(e)) if e <= s => errors.push(Invalid::new("ends_on", "qz-err-period")),
        _ => {}
    }
    (start.unwrap_or(0), end.unwrap_or(0))
}

/// Opens a campaign for one of the actor's organisations or one of the networks they
/// coordinate (`Draft::org_id`: an organisation's id or `network:<slug>`), with version 1
/// of its quiz.
pub async fn create(actor: &Actor, db: &Db, d: &Draft, once: Option<&Once>) -> Result<String> {
    actor.require_user()?;
    let mut errors = Vec::new();
    let owner = super::owners::resolve(actor, db, &d.org_id).await?;
    if owner.is_none() {
        errors.push(Invalid::new("org", "qz-n-err-owner"));
    }
    if !slug_ok(&d.slug) {
        errors.push(Invalid::new("slug", "qz-err-slug"));
    }
    let (starts_at, ends_at) = period(d, &mut errors);
    let doc = parse_doc(&d.doc).map_err(|e| errors.extend(e)).ok();
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let doc = doc.ok_or(Error::BadRequest("err-bad-form"))?;
    let (org_id, network_id) = owner.ok_or(Error::BadRequest("err-bad-form"))?;
    let t = now();
    let key: [u8; 32] = rand::random();
    let campaign = Campaign {
        id: new_id(),
        slug: d.slug.clone(),
        org_id,
        public_results: i64::from(d.public_results),
        token_key: hex::encode(key),
        created_by: actor.id().map(str::to_owned),
        created_at: t,
        network_id,
        network_coordinator: None,
    };
    let quiz = Quiz {
        id: new_id(),
        campaign_id: campaign.id.clone(),
        version: 1,
        doc: serde_json::to_string(&doc).map_err(anyhow::Error::from)?,
        starts_at,
        ends_at,
        created_at: t,
    };
    let mut tx = db.begin().await?;
    match store::create_campaign_in(&mut tx, &campaign, &quiz, once).await {
        Err(StoreError::Conflict(c)) if c == "slug" => {
            return Err(Error::Invalid(vec![Invalid::new(
                "slug",
                "qz-err-slug-taken",
            )]));
        }
        other => other?,
    }
    let detail = format!(
        "slug={} questions={} network={}",
        campaign.slug,
        doc.questions.len(),
        campaign.network_id.as_deref().unwrap_or("-")
    );
    audit::record_in(&mut tx, event(actor, "quiz.created", &campaign.id, detail)).await?;
    spona_store::tx::fault_point("quiz.create")?;
    tx.commit().await?;
    Ok(campaign.id)
}

/// Revises the quiz: the current version changes while nobody has started it; once
/// someone has, a new version is made and the answered one stays as it was. The version
/// number written.
pub async fn revise(actor: &Actor, db: &Db, campaign_id: &str, d: &Draft) -> Result<i64> {
    let c = load(actor, db, campaign_id).await?;
    let mut errors = Vec::new();
    let (starts_at, ends_at) = period(d, &mut errors);
    let doc = parse_doc(&d.doc).map_err(|e| errors.extend(e)).ok();
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let doc = doc.ok_or(Error::BadRequest("err-bad-form"))?;
    let current = store::current_quiz(db, &c.id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut quiz = Quiz {
        doc: serde_json::to_string(&doc).map_err(anyhow::Error::from)?,
        starts_at,
        ends_at,
        ..current
    };
    let mut tx = db.begin().await?;
    if !store::replace_unanswered_in(&mut tx, &quiz).await? {
        quiz.id = new_id();
        quiz.version += 1;
        quiz.created_at = now();
        store::insert_quiz_in(&mut tx, &quiz).await?;
    }
    let detail = format!("version={}", quiz.version);
    audit::record_in(&mut tx, event(actor, "quiz.revised", &c.id, detail)).await?;
    tx.commit().await?;
    Ok(quiz.version)
}

/// Makes the results public or not.
pub async fn set_public(actor: &Actor, db: &Db, campaign_id: &str, public: bool) -> Result<()> {
    let c = load(actor, db, campaign_id).await?;
    let mut tx = db.begin().await?;
    store::set_public_in(&mut tx, &c.id, public).await?;
    let detail = format!("public={public}");
    audit::record_in(&mut tx, event(actor, "quiz.results_public", &c.id, detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a channel (a code for links and QR codes, its kind and a label for the results).
pub async fn add_channel(
    actor: &Actor,
    db: &Db,
    campaign_id: &str,
    code: &str,
    kind: &str,
    label: &str,
) -> Result<()> {
    let c = load(actor, db, campaign_id).await?;
    let mut errors = Vec::new();
    if !channel_code_ok(code) {
        errors.push(Invalid::new("code", "qz-err-code"));
    }
    if !CHANNEL_KINDS.contains(&kind) {
        errors.push(Invalid::new("kind", "err-unknown-term"));
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 80 {
        errors.push(Invalid::new("label", "qz-err-label"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let ch = Channel {
        campaign_id: c.id.clone(),
        code: code.to_owned(),
        kind: kind.to_owned(),
        label: label.to_owned(),
        created_at: now(),
    };
    let mut tx = db.begin().await?;
    match store::add_channel_in(&mut tx, &ch).await {
        Err(StoreError::Conflict(c)) if c != "once" => {
            return Err(Error::Invalid(vec![Invalid::new(
                "code",
                "qz-err-code-taken",
            )]));
        }
        other => other?,
    }
    let detail = format!("channel={code} kind={kind}");
    audit::record_in(&mut tx, event(actor, "quiz.channel_added", &c.id, detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Excludes from the results (or counts again) the sessions of one hash on one day of one
/// version of the campaign's quiz; how many sessions changed.
pub async fn exclude(
    actor: &Actor,
    db: &Db,
    campaign_id: &str,
    quiz_id: &str,
    day: &str,
    dedup: &str,
    excluded: bool,
) -> Result<u64> {
    let c = load(actor, db, campaign_id).await?;
    let quiz = store::quiz(db, quiz_id).await?;
    if quiz.is_none_or(|q| q.campaign_id != c.id) {
        return Err(Error::NotFound);
    }
    let mut tx = db.begin().await?;
    let n = store::exclude_in(&mut tx, quiz_id, day, dedup, excluded).await?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    let short = dedup.get(..12).unwrap_or(dedup);
    let detail = format!("day={day} hash={short} sessions={n} excluded={excluded}");
    audit::record_in(&mut tx, event(actor, "quiz.flood_excluded", &c.id, detail)).await?;
    tx.commit().await?;
    Ok(n)
}

/// What a coordinator's campaign page shows.
#[derive(Debug, Clone)]
pub struct CampaignView {
    pub campaign: Campaign,
    pub quiz: Quiz,
    pub doc: QuizDoc,
    /// `(version, quiz id, sessions)`, newest first.
    pub versions: Vec<(i64, String, i64)>,
    pub channels: Vec<Channel>,
}

pub async fn view(actor: &Actor, db: &Db, campaign_id: &str) -> Result<CampaignView> {
    let campaign = load(actor, db, campaign_id).await?;
    let quiz = store::current_quiz(db, &campaign.id)
        .await?
        .ok_or(Error::NotFound)?;
    let doc = super::take::doc_of(&quiz)?;
    let versions = store::versions(db, &campaign.id).await?;
    let channels = store::channels(db, &campaign.id).await?;
    Ok(CampaignView {
        campaign,
        quiz,
        doc,
        versions,
        channels,
    })
}

/// The campaigns the actor coordinates, newest first, with their current quiz: one
/// statement however many campaigns there are (the organisations they administer and the
/// networks those coordinate are filtered in SQL; a platform admin sees every campaign).
pub async fn list(actor: &Actor, db: &Db) -> Result<Vec<(Campaign, QuizDoc)>> {
    actor.require_user()?;
    let mine: Vec<String> = actor
        .memberships()
        .iter()
        .filter(|m| actor.is_admin_of(&m.org_id))
        .map(|m| m.org_id.clone())
        .collect();
    let orgs = if actor.is_admin() {
        None
    } else {
        Some(mine.as_slice())
    };
    let mut out = Vec::new();
    for l in store::listed(db, orgs).await? {
        if !super::coordinates(actor, &l.campaign) {
            continue;
        }
        let doc = serde_json::from_str(&l.doc).map_err(anyhow::Error::from)?;
        out.push((l.campaign, doc));
    }
    Ok(out)
}
