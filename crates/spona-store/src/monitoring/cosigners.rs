//! Saved shadow reports and their co-signers' consent (migration 0165). A report that names
//! co-signing organisations is saved with its choices (the download's query, without the
//! co-signers); each named organisation has a row, `pending` until one of its admins
//! confirms or declines. Reads are one query each, whatever the number of rows.

use crate::{Db, Result, StoreError, Tx, on_db, on_tx, placeholders};

/// A saved report.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SavedReport {
    pub id: String,
    pub author_id: Option<String>,
    /// The download's query string (`numbers=131.4&lang=en…`), without the co-signers.
    pub choices: String,
    pub created_at: i64,
}

/// A co-signer's answer so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CosignState {
    Pending,
    Confirmed,
    Declined,
}

impl CosignState {
    pub fn as_str(self) -> &'static str {
        match self {
            CosignState::Pending => "pending",
            CosignState::Confirmed => "confirmed",
            CosignState::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<CosignState> {
        match s {
            "pending" => Some(CosignState::Pending),
            "confirmed" => Some(CosignState::Confirmed),
            "declined" => Some(CosignState::Declined),
            _ => None,
        }
    }
}

impl TryFrom<String> for CosignState {
    type Error = String;

    fn try_from(s: String) -> std::result::Result<Self, String> {
        CosignState::parse(&s).ok_or_else(|| format!("unknown co-signer state {s:?}"))
    }
}

/// A named co-signing organisation of a report, with its answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Cosigner {
    pub report_id: String,
    pub org_id: String,
    pub slug: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: CosignState,
    pub decided_at: Option<i64>,
}

/// A report waiting for (or answered by) one of the asking organisations, for the admins'
/// list: the report's choices and when it was saved, the organisation, its answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Request {
    pub report_id: String,
    pub choices: String,
    pub created_at: i64,
    pub author_name: Option<String>,
    pub org_id: String,
    pub slug: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: CosignState,
}

/// Saves a report and a pending row for each named organisation.
pub async fn insert_in(
    tx: &mut Tx,
    id: &str,
    author_id: &str,
    choices: &str,
    created_at: i64,
    org_ids: &[String],
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO monitoring_reports (id, author_id, choices, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id).bind(author_id).bind(choices).bind(created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if org_ids.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = (0..org_ids.len())
        .map(|i| format!("($1, ${}, 'pending')", i + 2))
        .collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "INSERT INTO monitoring_report_cosigners (report_id, org_id, state) VALUES {}",
        values.join(", ")
    ));
    on_tx!(tx, c => {
        let mut q = sqlx::query(sql).bind(id);
        for o in org_ids {
            q = q.bind(o.as_str());
        }
        q.execute(&mut *c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A saved report.
pub async fn get(db: &Db, id: &str) -> Result<SavedReport> {
    on_db!(db, p => sqlx::query_as(
        "SELECT id, author_id, choices, created_at FROM monitoring_reports WHERE id = $1")
        .bind(id).fetch_optional(p).await)?
    .ok_or(StoreError::NotFound)
}

/// A report's named co-signers with their answers, by name (one query).
pub async fn of_report(db: &Db, report_id: &str) -> Result<Vec<Cosigner>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT c.report_id, c.org_id, o.slug, o.name, c.state, c.decided_at \
         FROM monitoring_report_cosigners c JOIN organisations o ON o.id = c.org_id \
         WHERE c.report_id = $1 ORDER BY o.sort_key, o.id")
        .bind(report_id).fetch_all(p).await)?)
}

/// The requests to these organisations (pending first, then the latest answered), at most
/// `limit`, in one query whatever the number of organisations.
pub async fn requests_to(db: &Db, org_ids: &[String], limit: i64) -> Result<Vec<Request>> {
    if org_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT c.report_id, r.choices, r.created_at, u.display_name AS author_name, \
         c.org_id, o.slug, o.name, c.state \
         FROM monitoring_report_cosigners c \
         JOIN monitoring_reports r ON r.id = c.report_id \
         JOIN organisations o ON o.id = c.org_id \
         LEFT JOIN users u ON u.id = r.author_id \
         WHERE c.org_id IN ({}) \
         ORDER BY CASE WHEN c.state = 'pending' THEN 0 ELSE 1 END, r.created_at DESC, \
         c.report_id, o.sort_key \
         LIMIT ${}",
        placeholders(1, org_ids.len()),
        org_ids.len() + 1
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as(sql);
        for o in org_ids {
            q = q.bind(o.as_str());
        }
        q.bind(limit).fetch_all(p).await
    })?)
}

/// Records an organisation's answer if it is still pending; the number of rows changed
/// (0: no such request, or answered already — the caller tells which).
pub async fn decide_in(
    tx: &mut Tx,
    report_id: &str,
    org_id: &str,
    state: CosignState,
    by: &str,
    at: i64,
) -> Result<u64> {
    Ok(on_tx!(tx, c => sqlx::query(
        "UPDATE monitoring_report_cosigners SET state = $1, decided_by = $2, decided_at = $3 \
         WHERE report_id = $4 AND org_id = $5 AND state = 'pending'")
        .bind(state.as_str()).bind(by).bind(at).bind(report_id).bind(org_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?)
}

/// One organisation's row of a report, if it was named.
pub async fn state_in(tx: &mut Tx, report_id: &str, org_id: &str) -> Result<Option<CosignState>> {
    let s: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT state FROM monitoring_report_cosigners WHERE report_id = $1 AND org_id = $2")
        .bind(report_id).bind(org_id).fetch_optional(&mut *c).await)?;
    s.map(|s| {
        CosignState::try_from(s).map_err(|e| StoreError::Database(sqlx::Error::Decode(e.into())))
    })
    .transpose()
}
