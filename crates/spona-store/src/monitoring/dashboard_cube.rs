//! What the dashboard's summary in memory (`spona_app::monitoring::dashboard_cube`) is built
//! from, read at one `monitoring_version` (migration 0160): every recommendation reduced to
//! the attributes the dashboard filters and counts by, grouped in SQL into *cells* —
//! recommendations alike in all of them, with their number —, every measure, and each
//! measure's recommendations with those attributes. Three queries and the version, in one
//! read transaction (PostgreSQL: `REPEATABLE READ`), so the rows are those of the version.

use spona_domain::monitoring::Status;

use crate::{Db, Result, on_db, on_tx};

/// Separates the themes and institutions a cell lists in one text (a control character no
/// form lets through).
pub const SEPARATOR: &str = "\u{1f}";

/// Recommendations alike in everything the dashboard filters and counts by, and how many.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CellRow {
    pub mechanism: String,
    pub cycle: String,
    pub country: String,
    /// The state's current status, `none` when it gave none.
    pub state_status: String,
    /// Theme codes joined by [`SEPARATOR`], sorted; empty when none.
    pub themes: String,
    /// Institutions of the measures implementing them, joined by [`SEPARATOR`] (sorted,
    /// maybe repeated); empty when none.
    pub institutions: String,
    /// Current organisations' assessments of each of them, by status ([`Status::ALL`]
    /// order).
    pub c0: i64,
    pub c1: i64,
    pub c2: i64,
    pub c3: i64,
    pub n: i64,
}

/// A measure as the dashboard counts and lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MeasureRow {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub deadline: Option<String>,
    pub status: String,
}

/// A recommendation a measure implements, with what the filter looks at.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkRow {
    pub measure_id: String,
    pub recommendation_id: String,
    pub mechanism: String,
    pub cycle: String,
    pub country: String,
    pub themes: String,
    pub institutions: String,
}

/// Everything the summary is built from, at `version`.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub version: i64,
    pub cells: Vec<CellRow>,
    pub measures: Vec<MeasureRow>,
    pub links: Vec<LinkRow>,
}

/// The current `monitoring_version` (one small query).
pub async fn version(db: &Db) -> Result<i64> {
    let v: Option<i64> = on_db!(db, p => sqlx::query_scalar(
        "SELECT value FROM meta WHERE key = 'monitoring_version'")
        .fetch_optional(p).await)?;
    Ok(v.unwrap_or(0))
}

/// A recommendation `r`'s theme codes and its measures' institutions, each one text ($1 the
/// separator).
const THEMES_AND_INSTITUTIONS: &str = "COALESCE((SELECT string_agg(t.code, $1 ORDER BY t.code) \
        FROM recommendation_terms t WHERE t.recommendation_id = r.id AND t.kind = 'theme'), '') \
        AS themes, \
    COALESCE((SELECT string_agg(m.institution, $1 ORDER BY m.institution) \
        FROM measure_recommendations mr JOIN measures m ON m.id = mr.measure_id \
        WHERE mr.recommendation_id = r.id), '') AS institutions";

fn cells_sql() -> String {
    let by_status: Vec<String> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "SUM(CASE WHEN status = '{}' THEN 1 ELSE 0 END) AS n{i}",
                s.as_str()
            )
        })
        .collect();
    let columns: Vec<String> = (0..Status::ALL.len())
        .map(|i| format!("COALESCE(c.n{i}, 0) AS c{i}"))
        .collect();
    let grouped: Vec<String> = (0..Status::ALL.len()).map(|i| format!("c{i}")).collect();
    format!(
        "SELECT mechanism, cycle, country, state_status, themes, institutions, {grouped}, \
         COUNT(*) AS n FROM (SELECT r.mechanism, r.cycle, r.country, \
         COALESCE(s.status, 'none') AS state_status, {THEMES_AND_INSTITUTIONS}, {columns} \
         FROM recommendations r \
         LEFT JOIN assessments s ON s.recommendation_id = r.id AND s.org_id IS NULL \
             AND s.superseded_at IS NULL \
         LEFT JOIN (SELECT recommendation_id, {by_status} FROM assessments \
             WHERE org_id IS NOT NULL AND superseded_at IS NULL GROUP BY recommendation_id) c \
             ON c.recommendation_id = r.id) x \
         GROUP BY mechanism, cycle, country, state_status, themes, institutions, {grouped}",
        grouped = grouped.join(", "),
        columns = columns.join(", "),
        by_status = by_status.join(", "),
    )
}

const MEASURES: &str = "SELECT id, title, institution, deadline, status FROM measures";

fn links_sql() -> String {
    format!(
        "SELECT lmr.measure_id, lmr.recommendation_id, r.mechanism, r.cycle, r.country, \
         {THEMES_AND_INSTITUTIONS} FROM measure_recommendations lmr \
         JOIN recommendations r ON r.id = lmr.recommendation_id"
    )
}

/// Everything the summary is built from, with the version it stands for: read in one
/// transaction that sees one state of the database.
pub async fn load(db: &Db) -> Result<Source> {
    let mut tx = db.begin().await?;
    if tx.kind() == "postgres" {
        on_tx!(&mut tx, c => sqlx::query(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *c).await.map(|_| ()))?;
    }
    let version: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT value FROM meta WHERE key = 'monitoring_version'")
        .fetch_optional(&mut *c).await)?;
    let cells_sql = sqlx::AssertSqlSafe(cells_sql());
    let cells: Vec<CellRow> = on_tx!(&mut tx, c => sqlx::query_as(cells_sql)
        .bind(SEPARATOR).fetch_all(&mut *c).await)?;
    let measures: Vec<MeasureRow> = on_tx!(&mut tx, c => sqlx::query_as(MEASURES)
        .fetch_all(&mut *c).await)?;
    let links_sql = sqlx::AssertSqlSafe(links_sql());
    let links: Vec<LinkRow> = on_tx!(&mut tx, c => sqlx::query_as(links_sql)
        .bind(SEPARATOR).fetch_all(&mut *c).await)?;
    tx.rollback().await?;
    Ok(Source {
        version: version.unwrap_or(0),
        cells,
        measures,
        links,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cells_count_every_status_in_order() {
        let sql = super::cells_sql();
        assert!(sql.contains("status = 'not-started' THEN 1 ELSE 0 END) AS n0"));
        assert!(sql.contains("COALESCE(c.n3, 0) AS c3"));
        assert!(sql.contains("GROUP BY mechanism, cycle, country, state_status, themes"));
    }
}
