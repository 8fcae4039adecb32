//! Measures implementing recommendations, their indicators and the indicators' values over
//! time (migration 0130). A list reads in a fixed number of queries.

use spona_domain::ids::{IndicatorId, MeasureId};
use spona_domain::monitoring::MeasureStatus;

use crate::{Db, Result, Tx, new_id, now, on_db, on_tx};

/// A measure with the recommendations it implements.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Measure {
    #[sqlx(try_from = "String")]
    pub id: MeasureId,
    pub title: String,
    pub title_lang: String,
    pub institution: String,
    /// ISO date.
    pub deadline: Option<String>,
    pub budget_line: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: MeasureStatus,
    pub created_at: i64,
    pub updated_at: i64,
    /// (recommendation id, symbol, paragraph), ordered by paragraph.
    #[sqlx(skip)]
    pub recommendations: Vec<LinkedRecommendation>,
}

/// A recommendation a measure implements, as its lists show it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkedRecommendation {
    pub measure_id: String,
    pub recommendation_id: String,
    pub mechanism: String,
    pub cycle: String,
    pub paragraph: String,
}

/// A measure as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeasure {
    pub title: String,
    pub title_lang: String,
    pub institution: String,
    pub deadline: Option<String>,
    pub budget_line: Option<String>,
    pub status: MeasureStatus,
    pub recommendation_ids: Vec<String>,
}

const COLUMNS: &str = "m.id, m.title, m.title_lang, m.institution, m.deadline, m.budget_line, \
    m.status, m.created_at, m.updated_at";

/// Stores a measure and its links; its id.
pub async fn insert_in(
    tx: &mut Tx,
    m: &NewMeasure,
    created_by: Option<&str>,
    once: Option<&crate::idempotency::Once>,
) -> Result<MeasureId> {
    let id = new_id();
    if let Some(once) = once {
        crate::idempotency::claim_in(tx, once, &id).await?;
    }
    let at = now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO measures (id, title, title_lang, institution, deadline, budget_line, status, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
        .bind(&id).bind(&m.title).bind(&m.title_lang).bind(&m.institution).bind(&m.deadline)
        .bind(&m.budget_line).bind(m.status.as_str()).bind(created_by).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for rec in &m.recommendation_ids {
        link_in(tx, &id, rec).await?;
    }
    Ok(MeasureId::from(id))
}

/// Links a measure to a recommendation (nothing if linked already).
pub async fn link_in(tx: &mut Tx, measure_id: &str, recommendation_id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO measure_recommendations (measure_id, recommendation_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING")
        .bind(measure_id).bind(recommendation_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets a measure's status; false when there is no such measure.
pub async fn set_status_in(tx: &mut Tx, id: &str, status: MeasureStatus) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE measures SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str()).bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

async fn with_links(db: &Db, mut list: Vec<Measure>, only: Option<&str>) -> Result<Vec<Measure>> {
    let links: Vec<LinkedRecommendation> = on_db!(db, p => sqlx::query_as(
        "SELECT mr.measure_id, r.id AS recommendation_id, r.mechanism, r.cycle, r.paragraph \
         FROM measure_recommendations mr JOIN recommendations r ON r.id = mr.recommendation_id \
         WHERE ($1 IS NULL OR mr.measure_id = $1) ORDER BY r.mechanism, r.cycle, r.paragraph")
        .bind(only).fetch_all(p).await)?;
    for m in &mut list {
        m.recommendations = links
            .iter()
            .filter(|l| l.measure_id == m.id.as_str())
            .cloned()
            .collect();
    }
    Ok(list)
}

/// Every measure (by deadline, then title) with its recommendations: two queries.
pub async fn list(db: &Db) -> Result<Vec<Measure>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM measures m ORDER BY COALESCE(m.deadline, '9999'), m.title, m.id"
    ));
    let list: Vec<Measure> = on_db!(db, p => sqlx::query_as(sql).fetch_all(p).await)?;
    with_links(db, list, None).await
}

/// The measures implementing one recommendation.
pub async fn for_recommendation(db: &Db, recommendation_id: &str) -> Result<Vec<Measure>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM measures m JOIN measure_recommendations mr ON mr.measure_id = m.id \
         WHERE mr.recommendation_id = $1 ORDER BY COALESCE(m.deadline, '9999'), m.title"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(recommendation_id).fetch_all(p).await)?)
}

/// One measure with its recommendations.
pub async fn get(db: &Db, id: &str) -> Result<Option<Measure>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM measures m WHERE m.id = $1"));
    let row: Option<Measure> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    Ok(with_links(db, vec![row], Some(id)).await?.pop())
}

/// An indicator with its values (oldest first).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Indicator {
    #[sqlx(try_from = "String")]
    pub id: IndicatorId,
    pub measure_id: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub due_on: Option<String>,
    pub created_at: i64,
    #[sqlx(skip)]
    pub values: Vec<IndicatorValue>,
}

/// One value of an indicator.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct IndicatorValue {
    pub indicator_id: String,
    pub measured_on: String,
    pub value: f64,
    pub source: String,
    pub recorded_at: i64,
}

/// An indicator as a form gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIndicator {
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub due_on: Option<String>,
}

pub async fn insert_indicator_in(
    tx: &mut Tx,
    measure_id: &str,
    i: &NewIndicator,
) -> Result<IndicatorId> {
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO indicators (id, measure_id, name, unit, baseline, target, min_value, \
         max_value, due_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&id).bind(measure_id).bind(&i.name).bind(&i.unit).bind(i.baseline).bind(i.target)
        .bind(i.min_value).bind(i.max_value).bind(&i.due_on).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(IndicatorId::from(id))
}

/// Records (or corrects) the value of a date.
pub async fn set_value_in(
    tx: &mut Tx,
    indicator_id: &str,
    measured_on: &str,
    value: f64,
    source: &str,
    recorded_by: Option<&str>,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO indicator_values (indicator_id, measured_on, value, source, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (indicator_id, measured_on) DO UPDATE SET value = excluded.value, \
         source = excluded.source, recorded_by = excluded.recorded_by, \
         recorded_at = excluded.recorded_at")
        .bind(indicator_id).bind(measured_on).bind(value).bind(source).bind(recorded_by)
        .bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

const INDICATOR_COLUMNS: &str = "i.id, i.measure_id, i.name, i.unit, i.baseline, i.target, \
    i.min_value, i.max_value, i.due_on, i.created_at";

/// A measure's indicators with their values: two queries.
pub async fn indicators(db: &Db, measure_id: &str) -> Result<Vec<Indicator>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {INDICATOR_COLUMNS} FROM indicators i WHERE i.measure_id = $1 \
         ORDER BY i.created_at, i.id"
    ));
    let mut list: Vec<Indicator> =
        on_db!(db, p => sqlx::query_as(sql).bind(measure_id).fetch_all(p).await)?;
    let values: Vec<IndicatorValue> = on_db!(db, p => sqlx::query_as(
        "SELECT v.indicator_id, v.measured_on, v.value, v.source, v.recorded_at \
         FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id \
         WHERE i.measure_id = $1 ORDER BY v.measured_on")
        .bind(measure_id).fetch_all(p).await)?;
    for i in &mut list {
        i.values = values
            .iter()
            .filter(|v| v.indicator_id == i.id.as_str())
            .cloned()
            .collect();
    }
    Ok(list)
}

/// One indicator (without its values).
pub async fn indicator(db: &Db, id: &str) -> Result<Option<Indicator>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {INDICATOR_COLUMNS} FROM indicators i WHERE i.id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?)
}

/// The recommendations a person's reference names: its id, or its paragraph number
/// (`131.4`) — at most two, so that an ambiguous paragraph can be told apart.
pub async fn resolve_recommendation(db: &Db, reference: &str) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT id FROM recommendations WHERE id = $1 OR paragraph = $1 ORDER BY id LIMIT 2")
        .bind(reference).fetch_all(p).await)?)
}

/// The recommendation with this mechanism, symbol and paragraph (the import's key).
pub async fn find_recommendation(
    db: &Db,
    mechanism: &str,
    symbol: &str,
    paragraph: &str,
) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT id FROM recommendations WHERE mechanism = $1 AND symbol = $2 AND paragraph = $3")
        .bind(mechanism).bind(symbol).bind(paragraph).fetch_optional(p).await)?)
}

/// Whether any measure exists (the demo loads once).
pub async fn any(db: &Db) -> Result<bool> {
    let n: i64 = on_db!(db, p => sqlx::query_scalar("SELECT COUNT(*) FROM measures")
        .fetch_one(p).await)?;
    Ok(n > 0)
}
