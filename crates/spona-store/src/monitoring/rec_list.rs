//! Recommendations listed (lane monrec): one `WHERE` on `recommendations r` for a filter, a
//! page in five queries whatever its size (count, rows, texts, states, terms), and a keyset
//! cursor the uncapped CSV export streams with, one batch at a time.

use std::collections::HashMap;

use spona_domain::monitoring::{Mechanism, Response, TermKind};

use super::rec_upsert::{Bind, bind_all};
use super::recommendations::{COLUMNS, Recommendation, RecommendationRow};
use crate::{Db, Result, on_db};

/// What a list of recommendations asks for; `None` or empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecFilter {
    pub mechanism: Option<Mechanism>,
    /// The cycle or session, exactly as stored (`2`, `3`).
    pub cycle: Option<String>,
    /// The state addressed (ISO alpha-2).
    pub country: Option<String>,
    pub theme: Option<String>,
    pub group: Option<String>,
    pub sdg: Option<String>,
    pub response: Option<Response>,
    /// A recommending state (as stored: alpha-2, or a name).
    pub state: Option<String>,
    /// Free text, matched word by word through the hub's analysis in every script; a query
    /// that is a paragraph number or a symbol also finds it.
    pub text: Option<String>,
}

/// A page of a list: the recommendations with their texts, states and terms, and how many
/// match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecPage {
    pub items: Vec<Recommendation>,
    pub total: i64,
}

fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `WHERE` clause on `recommendations r` for `f`, and its binds.
fn filter_sql(f: &RecFilter) -> (String, Vec<Bind>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut binds: Vec<Bind> = Vec::new();
    let next = |binds: &mut Vec<Bind>, v: &str| {
        binds.push(Bind::Text(v.to_owned()));
        format!("${}", binds.len())
    };
    if let Some(m) = f.mechanism {
        let ph = next(&mut binds, m.as_str());
        sql.push_str(&format!(" AND r.mechanism = {ph}"));
    }
    if let Some(c) = &f.cycle {
        let ph = next(&mut binds, c);
        sql.push_str(&format!(" AND r.cycle = {ph}"));
    }
    if let Some(c) = &f.country {
        let ph = next(&mut binds, c);
        sql.push_str(&format!(" AND r.country = {ph}"));
    }
    if let Some(x) = f.response {
        let ph = next(&mut binds, x.as_str());
        sql.push_str(&format!(" AND r.response = {ph}"));
    }
    for (kind, code) in [
        (TermKind::Theme, &f.theme),
        (TermKind::Group, &f.group),
        (TermKind::Sdg, &f.sdg),
    ] {
        if let Some(code) = code {
            let k = next(&mut binds, kind.as_str());
            let c = next(&mut binds, code);
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM recommendation_terms t WHERE t.recommendation_id = r.id \
                 AND t.kind = {k} AND t.code = {c})"
            ));
        }
    }
    if let Some(s) = &f.state {
        let ph = next(&mut binds, s);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM recommendation_states s WHERE s.recommendation_id = r.id \
             AND s.state = {ph})"
        ));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let query = spona_search::directory_query(text);
        let mut words: Vec<String> = Vec::new();
        for alternatives in &query {
            let any: Vec<String> = alternatives
                .iter()
                .map(|term| {
                    let ph = next(&mut binds, &format!("% {} %", like_escape(term)));
                    format!("r.search_text LIKE {ph} ESCAPE '\\'")
                })
                .collect();
            words.push(format!("({})", any.join(" OR ")));
        }
        let words = if words.is_empty() {
            "1 = 0".to_owned()
        } else {
            words.join(" AND ")
        };
        let ph = next(&mut binds, text);
        sql.push_str(&format!(
            " AND (({words}) OR r.paragraph = {ph} OR r.symbol = {ph})"
        ));
    }
    (sql, binds)
}

/// How many recommendations match `f`.
pub async fn count(db: &Db, f: &RecFilter) -> Result<i64> {
    let (sql, binds) = filter_sql(f);
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM recommendations r{sql}"));
    Ok(on_db!(db, p => bind_all!(sqlx::query_scalar::<_, i64>(sql), &binds).fetch_one(p).await)?)
}

/// Page `page` (1-based) of `per_page` recommendations matching `f`, in the order they were
/// added, with the total: five queries.
pub async fn list(db: &Db, f: &RecFilter, page: u32, per_page: u32) -> Result<RecPage> {
    let total = count(db, f).await?;
    let per_page = per_page.clamp(1, 1000);
    let offset = i64::from(page.max(1) - 1) * i64::from(per_page);
    let (sql, binds) = filter_sql(f);
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recommendations r{sql} ORDER BY r.id LIMIT {per_page} OFFSET {offset}"
    ));
    let rows: Vec<RecommendationRow> =
        on_db!(db, p => bind_all!(sqlx::query_as(sql), &binds).fetch_all(p).await)?;
    let items = with_children(db, rows).await?;
    Ok(RecPage { items, total })
}

/// Up to `limit` recommendations matching `f` whose id is above `after`, by id, with their
/// children (four queries): the export's cursor. Start with `after = ""`.
pub async fn after(db: &Db, f: &RecFilter, after: &str, limit: u32) -> Result<Vec<Recommendation>> {
    let (sql, mut binds) = filter_sql(f);
    binds.push(Bind::Text(after.to_owned()));
    let ph = binds.len();
    let limit = limit.clamp(1, 5000);
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recommendations r{sql} AND r.id > ${ph} ORDER BY r.id LIMIT {limit}"
    ));
    let rows: Vec<RecommendationRow> =
        on_db!(db, p => bind_all!(sqlx::query_as(sql), &binds).fetch_all(p).await)?;
    with_children(db, rows).await
}

/// The rows as recommendations with their texts, states and terms: three queries.
async fn with_children(db: &Db, rows: Vec<RecommendationRow>) -> Result<Vec<Recommendation>> {
    let mut items: Vec<Recommendation> = rows
        .into_iter()
        .map(RecommendationRow::into_recommendation)
        .collect::<Result<_>>()?;
    if items.is_empty() {
        return Ok(items);
    }
    let ids: Vec<String> = items.iter().map(|r| r.id.to_string()).collect();
    let phs = crate::placeholders(1, ids.len());
    let texts_sql = sqlx::AssertSqlSafe(format!(
        "SELECT recommendation_id, lang, text FROM recommendation_texts \
         WHERE recommendation_id IN ({phs}) ORDER BY recommendation_id, lang"
    ));
    let texts: Vec<(String, String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(texts_sql);
        for id in &ids { q = q.bind(id.clone()); }
        q.fetch_all(p).await
    })?;
    let states_sql = sqlx::AssertSqlSafe(format!(
        "SELECT recommendation_id, state FROM recommendation_states \
         WHERE recommendation_id IN ({phs}) ORDER BY recommendation_id, state"
    ));
    let states: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(states_sql);
        for id in &ids { q = q.bind(id.clone()); }
        q.fetch_all(p).await
    })?;
    let terms_sql = sqlx::AssertSqlSafe(format!(
        "SELECT recommendation_id, kind, code FROM recommendation_terms \
         WHERE recommendation_id IN ({phs}) ORDER BY recommendation_id, kind, code"
    ));
    let terms: Vec<(String, String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(terms_sql);
        for id in &ids { q = q.bind(id.clone()); }
        q.fetch_all(p).await
    })?;
    let at: HashMap<String, usize> = ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
    for (id, lang, text) in texts {
        if let Some(&i) = at.get(&id) {
            items[i].texts.push((lang, text));
        }
    }
    for (id, state) in states {
        if let Some(&i) = at.get(&id) {
            items[i].states.push(state);
        }
    }
    for (id, kind, code) in terms {
        if let Some(&i) = at.get(&id) {
            let kind = TermKind::try_from(kind)
                .map_err(|e| crate::StoreError::Database(sqlx::Error::Decode(Box::new(e))))?;
            items[i].terms.push((kind, code));
        }
    }
    Ok(items)
}

/// The cycles stored, ordered (for the list's filter).
pub async fn cycles(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT cycle FROM recommendations WHERE cycle <> '' ORDER BY cycle")
        .fetch_all(p).await)?)
}

/// The recommending states stored, ordered (for the list's filter).
pub async fn states(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT state FROM recommendation_states ORDER BY state")
        .fetch_all(p).await)?)
}

/// The codes of one kind of term stored, ordered (for the list's filter).
pub async fn term_codes(db: &Db, kind: TermKind) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar(
        "SELECT DISTINCT code FROM recommendation_terms WHERE kind = $1 ORDER BY code")
        .bind(kind.as_str()).fetch_all(p).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_matches_everything_and_text_is_bound() {
        let (sql, binds) = filter_sql(&RecFilter::default());
        assert_eq!(sql, " WHERE 1 = 1");
        assert!(binds.is_empty());
        let (sql, binds) = filter_sql(&RecFilter {
            text: Some("131.4".into()),
            ..RecFilter::default()
        });
        assert!(sql.contains("r.paragraph = $"), "{sql}");
        assert!(!binds.is_empty());
    }
}
