//! The public dashboard's counts, each a GROUP BY in SQL over the recommendations a filter
//! selects: a fixed number of queries whatever the number of rows.

use crate::{Db, Result, on_db};

/// What the dashboard is narrowed to; `None` is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub mechanism: Option<String>,
    pub cycle: Option<String>,
    /// A theme code (`recommendation_terms` of kind `theme`).
    pub theme: Option<String>,
    /// A measure's institution: recommendations with a measure of that institution.
    pub institution: Option<String>,
    /// The state addressed (ISO alpha-2).
    pub country: Option<String>,
}

/// Recommendations counted by mechanism, cycle and the state's current status (`none`
/// when the state has given none).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ByCycle {
    pub mechanism: String,
    pub cycle: String,
    pub state_status: String,
    pub n: i64,
}

/// Recommendations counted by theme and the state's current status.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ByTheme {
    pub theme: String,
    pub state_status: String,
    pub n: i64,
}

/// Current CSO assessments counted by mechanism and status.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CsoCount {
    pub mechanism: String,
    pub status: String,
    pub n: i64,
}

/// Recommendations where at least one CSO's current assessment differs from the state's
/// current status, by mechanism.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Disagreements {
    pub mechanism: String,
    pub n: i64,
}

/// Measures per institution: how many, how many overdue (deadline passed, neither done nor
/// dropped), how many recommendations they implement.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ByInstitution {
    pub institution: String,
    pub measures: i64,
    pub overdue: i64,
    pub recommendations: i64,
}

/// An overdue measure, as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Overdue {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub deadline: String,
    pub status: String,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub by_cycle: Vec<ByCycle>,
    pub by_theme: Vec<ByTheme>,
    pub cso: Vec<CsoCount>,
    pub disagreements: Vec<Disagreements>,
    pub institutions: Vec<ByInstitution>,
    /// The first [`OVERDUE_SHOWN`] overdue measures, oldest deadline first.
    pub overdue: Vec<Overdue>,
}

/// How many overdue measures the dashboard lists by name.
pub const OVERDUE_SHOWN: i64 = 20;

/// The recommendations a filter selects, as a condition on `r` ($1 mechanism, $2 cycle,
/// $3 theme, $4 institution, $5 country).
const SELECTED: &str = "($1 IS NULL OR r.mechanism = $1) AND ($2 IS NULL OR r.cycle = $2) \
    AND ($5 IS NULL OR r.country = $5) \
    AND ($3 IS NULL OR EXISTS (SELECT 1 FROM recommendation_terms ft \
        WHERE ft.recommendation_id = r.id AND ft.kind = 'theme' AND ft.code = $3)) \
    AND ($4 IS NULL OR EXISTS (SELECT 1 FROM measure_recommendations fmr \
        JOIN measures fm ON fm.id = fmr.measure_id \
        WHERE fmr.recommendation_id = r.id AND fm.institution = $4))";

/// The state's current status of `r`, joined as `s`.
const STATE: &str = "LEFT JOIN assessments s ON s.recommendation_id = r.id \
    AND s.org_id IS NULL AND s.superseded_at IS NULL";

macro_rules! filtered {
    ($db:expr, $sql:expr, $f:expr, $($extra:expr),*) => {{
        let sql = sqlx::AssertSqlSafe($sql);
        on_db!($db, p => sqlx::query_as(sql)
            .bind($f.mechanism.as_deref()).bind($f.cycle.as_deref()).bind($f.theme.as_deref())
            .bind($f.institution.as_deref()).bind($f.country.as_deref())
            $(.bind($extra))*
            .fetch_all(p).await)
    }};
}

/// The dashboard's counts for a filter, `today` an ISO date (for overdue measures): six
/// queries.
pub async fn counts(db: &Db, f: &Filter, today: &str) -> Result<Counts> {
    let by_cycle: Vec<ByCycle> = filtered!(
        db,
        format!(
            "SELECT r.mechanism, r.cycle, COALESCE(s.status, 'none') AS state_status, \
         COUNT(*) AS n FROM recommendations r {STATE} WHERE {SELECTED} \
         GROUP BY r.mechanism, r.cycle, COALESCE(s.status, 'none') \
         ORDER BY r.mechanism, r.cycle, state_status"
        ),
        f,
    )?;
    let by_theme: Vec<ByTheme> = filtered!(
        db,
        format!(
            "SELECT t.code AS theme, COALESCE(s.status, 'none') AS state_status, COUNT(*) AS n \
         FROM recommendation_terms t JOIN recommendations r ON r.id = t.recommendation_id \
         {STATE} WHERE t.kind = 'theme' AND {SELECTED} \
         GROUP BY t.code, COALESCE(s.status, 'none') ORDER BY theme, state_status"
        ),
        f,
    )?;
    let cso: Vec<CsoCount> = filtered!(
        db,
        format!(
            "SELECT r.mechanism, c.status, COUNT(*) AS n FROM assessments c \
         JOIN recommendations r ON r.id = c.recommendation_id \
         WHERE c.org_id IS NOT NULL AND c.superseded_at IS NULL AND {SELECTED} \
         GROUP BY r.mechanism, c.status ORDER BY r.mechanism, c.status"
        ),
        f,
    )?;
    let disagreements: Vec<Disagreements> = filtered!(
        db,
        format!(
            "SELECT r.mechanism, COUNT(DISTINCT r.id) AS n FROM recommendations r \
         JOIN assessments s ON s.recommendation_id = r.id AND s.org_id IS NULL \
             AND s.superseded_at IS NULL \
         JOIN assessments c ON c.recommendation_id = r.id AND c.org_id IS NOT NULL \
             AND c.superseded_at IS NULL AND c.status <> s.status \
         WHERE {SELECTED} GROUP BY r.mechanism ORDER BY r.mechanism"
        ),
        f,
    )?;
    // Measures: those of the chosen institution, implementing at least one selected
    // recommendation when the filter names anything about recommendations.
    let measure_scope = format!(
        "($4 IS NULL OR m.institution = $4) AND (($1 IS NULL AND $2 IS NULL AND $3 IS NULL \
         AND $5 IS NULL) OR EXISTS (SELECT 1 FROM measure_recommendations smr \
         JOIN recommendations r ON r.id = smr.recommendation_id \
         WHERE smr.measure_id = m.id AND {SELECTED}))"
    );
    let institutions: Vec<ByInstitution> = filtered!(
        db,
        format!(
            "SELECT m.institution, COUNT(DISTINCT m.id) AS measures, \
         COUNT(DISTINCT CASE WHEN m.deadline < $6 AND m.status NOT IN ('done', 'dropped') \
             THEN m.id END) AS overdue, \
         COUNT(DISTINCT mr.recommendation_id) AS recommendations \
         FROM measures m LEFT JOIN measure_recommendations mr ON mr.measure_id = m.id \
         WHERE {measure_scope} GROUP BY m.institution ORDER BY m.institution"
        ),
        f,
        today
    )?;
    let overdue: Vec<Overdue> = filtered!(
        db,
        format!(
            "SELECT m.id, m.title, m.institution, m.deadline, m.status FROM measures m \
         WHERE m.deadline < $6 AND m.status NOT IN ('done', 'dropped') AND {measure_scope} \
         ORDER BY m.deadline, m.title LIMIT $7"
        ),
        f,
        today,
        OVERDUE_SHOWN
    )?;
    Ok(Counts {
        by_cycle,
        by_theme,
        cso,
        disagreements,
        institutions,
        overdue,
    })
}

/// The choices of the dashboard's filter form: mechanisms and cycles present, themes
/// present, institutions of measures. Three queries.
pub async fn choices(db: &Db) -> Result<(Vec<(String, String)>, Vec<String>, Vec<String>)> {
    let cycles: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT DISTINCT mechanism, cycle FROM recommendations ORDER BY mechanism, cycle")
        .fetch_all(p).await)?;
    let themes: Vec<String> = on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT code FROM recommendation_terms WHERE kind = 'theme' ORDER BY code")
        .fetch_all(p).await)?;
    let institutions: Vec<String> = on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT institution FROM measures ORDER BY institution")
        .fetch_all(p).await)?;
    Ok((cycles, themes, institutions))
}
