//! What a shadow report needs, read straight from the monitoring tables (migration 0130) in a
//! fixed number of queries whatever the number of recommendations: the chosen
//! recommendations with their texts and recommending states, each participating
//! organisation's current assessment and the state's (`superseded_at IS NULL`), their
//! evidence, and the organisations' names.

use spona_domain::monitoring::{EvidenceKind, Mechanism, Status};

use super::recommendations::{COLUMNS, Recommendation, RecommendationRow};
use crate::{Db, Result, on_db, placeholders};

/// Which recommendations a report covers: every one matching all the criteria given
/// (mechanism, cycle, country, theme, paragraph numbers), and every one listed by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub mechanism: Option<Mechanism>,
    pub cycle: Option<String>,
    /// ISO 3166-1 alpha-2 of the state addressed.
    pub country: Option<String>,
    /// A theme code (`recommendation_terms` of kind `theme`).
    pub theme: Option<String>,
    /// Paragraph numbers (`131.4`); any of them.
    pub paragraphs: Vec<String>,
    /// Recommendations chosen one by one, whatever the criteria.
    pub ids: Vec<String>,
}

impl Selection {
    /// Whether any criterion (other than the ids) is given.
    pub fn has_criteria(&self) -> bool {
        self.mechanism.is_some()
            || self.cycle.is_some()
            || self.country.is_some()
            || self.theme.is_some()
            || !self.paragraphs.is_empty()
    }

    /// Whether nothing at all is chosen.
    pub fn is_empty(&self) -> bool {
        !self.has_criteria() && self.ids.is_empty()
    }
}

/// The ids of the recommendations `sel` chooses, at most `limit` of them (one query). Ask for
/// one more than you accept to learn that there were too many.
pub async fn select_ids(db: &Db, sel: &Selection, limit: usize) -> Result<Vec<String>> {
    if sel.is_empty() {
        return Ok(Vec::new());
    }
    let mut binds: Vec<&str> = Vec::new();
    let mut criteria: Vec<String> = Vec::new();
    let next = |binds: &Vec<&str>| binds.len() + 1;
    if let Some(m) = sel.mechanism {
        criteria.push(format!("r.mechanism = ${}", next(&binds)));
        binds.push(m.as_str());
    }
    if let Some(c) = &sel.cycle {
        criteria.push(format!("r.cycle = ${}", next(&binds)));
        binds.push(c);
    }
    if let Some(c) = &sel.country {
        criteria.push(format!("r.country = ${}", next(&binds)));
        binds.push(c);
    }
    if let Some(t) = &sel.theme {
        criteria.push(format!(
            "EXISTS (SELECT 1 FROM recommendation_terms t WHERE t.recommendation_id = r.id \
             AND t.kind = 'theme' AND t.code = ${})",
            next(&binds)
        ));
        binds.push(t);
    }
    if !sel.paragraphs.is_empty() {
        criteria.push(format!(
            "r.paragraph IN ({})",
            placeholders(next(&binds), sel.paragraphs.len())
        ));
        binds.extend(sel.paragraphs.iter().map(String::as_str));
    }
    let mut any: Vec<String> = Vec::new();
    if !criteria.is_empty() {
        any.push(format!("({})", criteria.join(" AND ")));
    }
    if !sel.ids.is_empty() {
        any.push(format!(
            "r.id IN ({})",
            placeholders(next(&binds), sel.ids.len())
        ));
        binds.extend(sel.ids.iter().map(String::as_str));
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT r.id FROM recommendations r WHERE {} ORDER BY r.id LIMIT {limit}",
        any.join(" OR ")
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, String>(sql);
        for b in &binds {
            q = q.bind(*b);
        }
        q.fetch_all(p).await
    })?)
}

/// A piece of evidence an assessment rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// A web address, a resource's id or a document's id.
    pub target: String,
    pub label: String,
}

/// A current assessment: the state's (`org_id` none) or a participating organisation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentAssessment {
    pub id: String,
    pub recommendation_id: String,
    pub org_id: Option<String>,
    /// The organisation's stored name (none for the state).
    pub org_name: Option<String>,
    pub status: Status,
    pub assessed_on: String,
    pub comment: String,
    pub comment_lang: Option<String>,
    pub signature: Option<String>,
    /// In the order given.
    pub evidence: Vec<Evidence>,
}

/// Everything a report shows of its recommendations.
#[derive(Debug, Clone, Default)]
pub struct ReportData {
    /// With texts and states (terms are not read).
    pub recommendations: Vec<Recommendation>,
    /// The state's first, then the organisations' by name.
    pub assessments: Vec<CurrentAssessment>,
}

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    id: String,
    recommendation_id: String,
    org_id: Option<String>,
    org_name: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
    assessed_on: String,
    comment: String,
    comment_lang: Option<String>,
    signature: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EvidenceRow {
    assessment_id: String,
    #[sqlx(try_from = "String")]
    kind: EvidenceKind,
    target: String,
    label: String,
}

/// Loads the recommendations `ids` with what a report shows of them, in five queries.
pub async fn load(db: &Db, ids: &[String]) -> Result<ReportData> {
    if ids.is_empty() {
        return Ok(ReportData::default());
    }
    let ph = placeholders(1, ids.len());
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recommendations r WHERE r.id IN ({ph})"
    ));
    let rows: Vec<RecommendationRow> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, RecommendationRow>(sql);
        for id in ids {
            q = q.bind(id.as_str());
        }
        q.fetch_all(p).await
    })?;
    let mut recommendations = rows
        .into_iter()
        .map(RecommendationRow::into_recommendation)
        .collect::<Result<Vec<_>>>()?;

    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT recommendation_id, lang, text FROM recommendation_texts \
         WHERE recommendation_id IN ({ph}) ORDER BY recommendation_id, lang"
    ));
    let texts: Vec<(String, String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String, String)>(sql);
        for id in ids {
            q = q.bind(id.as_str());
        }
        q.fetch_all(p).await
    })?;
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT recommendation_id, state FROM recommendation_states \
         WHERE recommendation_id IN ({ph}) ORDER BY recommendation_id, state"
    ));
    let states: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String)>(sql);
        for id in ids {
            q = q.bind(id.as_str());
        }
        q.fetch_all(p).await
    })?;
    for r in &mut recommendations {
        let id = r.id.as_str();
        r.texts = texts
            .iter()
            .filter(|(rid, _, _)| rid == id)
            .map(|(_, l, t)| (l.clone(), t.clone()))
            .collect();
        r.states = states
            .iter()
            .filter(|(rid, _)| rid == id)
            .map(|(_, s)| s.clone())
            .collect();
    }

    // The state's view (no organisation) and each participating organisation's, current only.
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT a.id, a.recommendation_id, a.org_id, o.name AS org_name, a.status, \
         a.assessed_on, a.comment, a.comment_lang, a.signature \
         FROM assessments a LEFT JOIN organisations o ON o.id = a.org_id \
         WHERE a.superseded_at IS NULL AND a.recommendation_id IN ({ph}) \
         AND (a.org_id IS NULL OR a.org_id IN (SELECT org_id FROM monitoring_participants)) \
         ORDER BY a.recommendation_id, CASE WHEN a.org_id IS NULL THEN 0 ELSE 1 END, o.name, a.id"
    ));
    let rows: Vec<AssessmentRow> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, AssessmentRow>(sql);
        for id in ids {
            q = q.bind(id.as_str());
        }
        q.fetch_all(p).await
    })?;
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT e.assessment_id, e.kind, e.target, e.label FROM assessment_evidence e \
         JOIN assessments a ON a.id = e.assessment_id \
         WHERE a.superseded_at IS NULL AND a.recommendation_id IN ({ph}) \
         ORDER BY e.assessment_id, e.position"
    ));
    let evidence: Vec<EvidenceRow> = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, EvidenceRow>(sql);
        for id in ids {
            q = q.bind(id.as_str());
        }
        q.fetch_all(p).await
    })?;
    let assessments = rows
        .into_iter()
        .map(|a| CurrentAssessment {
            evidence: evidence
                .iter()
                .filter(|e| e.assessment_id == a.id)
                .map(|e| Evidence {
                    kind: e.kind,
                    target: e.target.clone(),
                    label: e.label.clone(),
                })
                .collect(),
            id: a.id,
            recommendation_id: a.recommendation_id,
            org_id: a.org_id,
            org_name: a.org_name,
            status: a.status,
            assessed_on: a.assessed_on,
            comment: a.comment,
            comment_lang: a.comment_lang,
            signature: a.signature,
        })
        .collect();
    Ok(ReportData {
        recommendations,
        assessments,
    })
}

/// A participating organisation: id, slug and stored name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub id: String,
    pub slug: String,
    pub name: String,
}

/// Every participating organisation with its slug and name, by name (one query).
pub async fn participants(db: &Db) -> Result<Vec<Participant>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT o.id, o.slug, o.name FROM monitoring_participants m \
         JOIN organisations o ON o.id = m.org_id ORDER BY o.sort_key, o.id")
        .fetch_all(p).await)?)
}

/// What the report form offers to choose from: the cycles, countries and themes stored
/// (one query).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub cycles: Vec<String>,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
}

pub async fn choices(db: &Db) -> Result<Choices> {
    let rows: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT DISTINCT 'cycle', cycle FROM recommendations WHERE cycle <> '' \
         UNION SELECT DISTINCT 'country', country FROM recommendations \
         UNION SELECT DISTINCT 'theme', code FROM recommendation_terms WHERE kind = 'theme' \
         ORDER BY 1, 2")
        .fetch_all(p).await)?;
    let mut c = Choices::default();
    for (kind, value) in rows {
        match kind.as_str() {
            "cycle" => c.cycles.push(value),
            "country" => c.countries.push(value),
            _ => c.themes.push(value),
        }
    }
    Ok(c)
}
