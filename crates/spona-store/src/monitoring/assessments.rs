//! Assessments of a recommendation: the state's status (`org_id` NULL) and each
//! participating organisation's, with their evidence. A new assessment supersedes the
//! current one of the same side in the same transaction: the rows are the history.

use spona_domain::ids::AssessmentId;
use spona_domain::monitoring::{EvidenceKind, Status};

use crate::{Db, Result, Tx, now, on_db, on_tx};

/// One assessment as stored, with its organisation's and author's names.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Assessment {
    #[sqlx(try_from = "String")]
    pub id: AssessmentId,
    pub recommendation_id: String,
    /// None: the state's own status.
    pub org_id: Option<String>,
    pub org_name: Option<String>,
    pub org_slug: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// ISO date the assessment speaks for.
    pub assessed_on: String,
    pub comment: String,
    pub comment_lang: Option<String>,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    /// `ed25519:<public key hex>:<signature hex>` over the assessment's canonical text.
    pub signature: Option<String>,
    pub created_at: i64,
    pub superseded_at: Option<i64>,
    #[sqlx(skip)]
    pub evidence: Vec<Evidence>,
}

/// What an assessment rests on.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Evidence {
    #[sqlx(default)]
    pub assessment_id: String,
    #[sqlx(try_from = "String")]
    pub kind: EvidenceKind,
    /// A URL, a hub resource's id or a hub attachment's id.
    pub target: String,
    pub label: String,
}

/// An assessment to store; `id` chosen by the caller (it is part of the signed text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment<'a> {
    pub id: &'a str,
    pub recommendation_id: &'a str,
    pub org_id: Option<&'a str>,
    pub status: Status,
    pub assessed_on: &'a str,
    pub comment: &'a str,
    pub comment_lang: Option<&'a str>,
    pub author_id: Option<&'a str>,
    pub signature: &'a str,
    pub created_at: i64,
    pub evidence: &'a [Evidence],
}

/// Marks the side's current assessment superseded and stores `a` as the current one.
pub async fn insert_in(tx: &mut Tx, a: &NewAssessment<'_>) -> Result<AssessmentId> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE assessments SET superseded_at = $1 WHERE recommendation_id = $2 \
         AND COALESCE(org_id, '') = COALESCE($3, '') AND superseded_at IS NULL")
        .bind(a.created_at).bind(a.recommendation_id).bind(a.org_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, comment, \
         comment_lang, author_id, signature, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(a.id).bind(a.recommendation_id).bind(a.org_id).bind(a.status.as_str())
        .bind(a.assessed_on).bind(a.comment).bind(a.comment_lang).bind(a.author_id)
        .bind(a.signature).bind(a.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()).map_err(crate::conflict))?;
    for (position, e) in a.evidence.iter().enumerate() {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO assessment_evidence (assessment_id, position, kind, target, label) \
             VALUES ($1, $2, $3, $4, $5)")
            .bind(a.id).bind(position as i64).bind(e.kind.as_str()).bind(&e.target).bind(&e.label)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(AssessmentId::from(a.id.to_owned()))
}

const COLUMNS: &str = "a.id, a.recommendation_id, a.org_id, o.name AS org_name, \
    o.slug AS org_slug, a.status, a.assessed_on, a.comment, a.comment_lang, a.author_id, \
    u.display_name AS author_name, a.signature, a.created_at, a.superseded_at";
const FROM: &str = "FROM assessments a LEFT JOIN organisations o ON o.id = a.org_id \
    LEFT JOIN users u ON u.id = a.author_id";

async fn with_evidence(db: &Db, mut list: Vec<Assessment>, rec: &str) -> Result<Vec<Assessment>> {
    let evidence: Vec<Evidence> = on_db!(db, p => sqlx::query_as(
        "SELECT e.assessment_id, e.kind, e.target, e.label FROM assessment_evidence e \
         JOIN assessments a ON a.id = e.assessment_id WHERE a.recommendation_id = $1 \
         ORDER BY e.assessment_id, e.position")
        .bind(rec).fetch_all(p).await)?;
    for a in &mut list {
        a.evidence = evidence
            .iter()
            .filter(|e| e.assessment_id == a.id.as_str())
            .cloned()
            .collect();
    }
    Ok(list)
}

/// Every assessment of a recommendation, current and superseded: the state's first, then
/// by organisation name, newest first within a side. Two queries.
pub async fn history(db: &Db, recommendation_id: &str) -> Result<Vec<Assessment>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} {FROM} WHERE a.recommendation_id = $1 \
         ORDER BY CASE WHEN a.org_id IS NULL THEN 0 ELSE 1 END, o.name, a.org_id, \
         a.created_at DESC, a.id DESC"
    ));
    let list: Vec<Assessment> =
        on_db!(db, p => sqlx::query_as(sql).bind(recommendation_id).fetch_all(p).await)?;
    with_evidence(db, list, recommendation_id).await
}

/// The current assessments only (one per side), in [`history`]'s order.
pub async fn current(db: &Db, recommendation_id: &str) -> Result<Vec<Assessment>> {
    Ok(history(db, recommendation_id)
        .await?
        .into_iter()
        .filter(|a| a.superseded_at.is_none())
        .collect())
}

/// One assessment with its evidence.
pub async fn get(db: &Db, id: &str) -> Result<Option<Assessment>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} {FROM} WHERE a.id = $1"));
    let row: Option<Assessment> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    let rec = row.recommendation_id.clone();
    Ok(with_evidence(db, vec![row], &rec)
        .await?
        .into_iter()
        .find(|a| a.id.as_str() == id))
}

/// Every assessment's id, oldest first (for verifying them all).
pub async fn all_ids(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT id FROM assessments ORDER BY created_at, id").fetch_all(p).await)?)
}

/// Whether a hub resource with this id exists.
pub async fn resource_exists(db: &Db, id: &str) -> Result<bool> {
    let n: i64 = on_db!(db, p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM resources WHERE id = $1").bind(id).fetch_one(p).await)?;
    Ok(n > 0)
}

/// The resource holding a hub attachment (a document), if the attachment exists.
pub async fn attachment_resource(db: &Db, attachment_id: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT resource_id FROM resource_attachments WHERE id = $1")
        .bind(attachment_id).fetch_optional(p).await)?)
}

/// The current time, for callers that sign before they store.
pub fn stamp() -> i64 {
    now()
}
