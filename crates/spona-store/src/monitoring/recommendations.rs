//! Recommendations with their texts, recommending states and terms.

use spona_domain::ids::RecommendationId;
use spona_domain::monitoring::{Mechanism, NewRecommendation, Response, TermKind};

use crate::{Db, Result, Tx, new_id, now, on_db, on_tx};

/// A stored recommendation with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub mechanism: Mechanism,
    pub body: Option<String>,
    pub cycle: String,
    pub symbol: String,
    pub paragraph: String,
    pub country: String,
    pub published_on: Option<String>,
    pub response: Option<Response>,
    pub text_lang: String,
    /// (language, text), ordered by language.
    pub texts: Vec<(String, String)>,
    /// Ordered.
    pub states: Vec<String>,
    /// Ordered by kind, then code.
    pub terms: Vec<(TermKind, String)>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct RecommendationRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub mechanism: Mechanism,
    pub body: Option<String>,
    pub cycle: String,
    pub symbol: String,
    pub paragraph: String,
    pub country: String,
    pub published_on: Option<String>,
    pub response: Option<String>,
    pub text_lang: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The columns of [`RecommendationRow`], for `SELECT {COLUMNS} FROM recommendations r`.
pub(crate) const COLUMNS: &str = "r.id, r.mechanism, r.body, r.cycle, r.symbol, r.paragraph, \
    r.country, r.published_on, r.response, r.text_lang, r.created_at, r.updated_at";

impl RecommendationRow {
    pub(crate) fn into_recommendation(self) -> Result<Recommendation> {
        let response = match self.response {
            None => None,
            Some(r) => Some(Response::try_from(r).map_err(decode)?),
        };
        Ok(Recommendation {
            id: RecommendationId::from(self.id),
            mechanism: self.mechanism,
            body: self.body,
            cycle: self.cycle,
            symbol: self.symbol,
            paragraph: self.paragraph,
            country: self.country,
            published_on: self.published_on,
            response,
            text_lang: self.text_lang,
            texts: Vec::new(),
            states: Vec::new(),
            terms: Vec::new(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Stores a new recommendation with its texts, states and terms; returns its id. A second
/// one with the same mechanism, symbol and paragraph is a conflict (`StoreError::Conflict`).
pub async fn insert_in(tx: &mut Tx, r: &NewRecommendation) -> Result<RecommendationId> {
    let id = new_id();
    let at = now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO recommendations (id, mechanism, body, cycle, symbol, paragraph, country, \
         published_on, response, text_lang, created_at, updated_at, search_text, row_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)")
        .bind(&id).bind(r.mechanism.as_str()).bind(&r.body).bind(&r.cycle).bind(&r.symbol)
        .bind(&r.paragraph).bind(&r.country).bind(&r.published_on)
        .bind(r.response.map(Response::as_str)).bind(&r.text_lang).bind(at)
        .bind(search_text(r)).bind(row_hash(r))
        .execute(&mut *c).await.map(|_| ()).map_err(crate::conflict))?;
    write_children_in(tx, &id, r).await?;
    Ok(RecommendationId::from(id))
}

/// The `search_text` of a recommendation (migration 0131): every tagged term of its texts
/// and its body through the hub's analysis ([`spona_search::directory_terms`]; Ukrainian
/// texts also get their Latin keys), each followed by a space so that `LIKE '% term %'`
/// finds a whole term, as the services catalogue does.
pub fn search_text(r: &NewRecommendation) -> String {
    let mut terms = std::collections::BTreeSet::new();
    for (lang, text) in &r.texts {
        spona_search::directory_terms(text, lang == "uk", &mut terms);
    }
    if let Some(body) = &r.body {
        spona_search::directory_terms(body, false, &mut terms);
    }
    let mut out = String::with_capacity(terms.iter().map(|t| t.len() + 1).sum::<usize>() + 1);
    out.push(' ');
    for t in terms {
        out.push_str(&t);
        out.push(' ');
    }
    out
}

/// The SHA-256 (hex) of everything a recommendation holds, its texts, states and terms in
/// a fixed order: a re-import that gives the same hash changes nothing.
pub fn row_hash(r: &NewRecommendation) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(r.mechanism.as_str());
    field(r.body.as_deref().unwrap_or("\u{0}"));
    field(&r.cycle);
    field(&r.symbol);
    field(&r.paragraph);
    field(&r.country);
    field(r.published_on.as_deref().unwrap_or("\u{0}"));
    field(r.response.map_or("\u{0}", Response::as_str));
    field(&r.text_lang);
    let mut texts: Vec<&(String, String)> = r.texts.iter().collect();
    texts.sort();
    texts.dedup_by(|a, b| a.0 == b.0);
    field(&texts.len().to_string());
    for (lang, text) in texts {
        field(lang);
        field(text);
    }
    let mut states: Vec<&String> = r.states.iter().collect();
    states.sort();
    states.dedup();
    field(&states.len().to_string());
    for s in states {
        field(s);
    }
    let mut terms: Vec<(&str, &str)> = r
        .terms
        .iter()
        .map(|(k, c)| (k.as_str(), c.as_str()))
        .collect();
    terms.sort();
    terms.dedup();
    field(&terms.len().to_string());
    for (k, c) in terms {
        field(k);
        field(c);
    }
    hex::encode(h.finalize())
}

/// Replaces a recommendation's texts, states and terms with `r`'s.
pub async fn write_children_in(tx: &mut Tx, id: &str, r: &NewRecommendation) -> Result<()> {
    for table in [
        "recommendation_texts",
        "recommendation_states",
        "recommendation_terms",
    ] {
        let sql = sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE recommendation_id = $1"));
        on_tx!(tx, c => sqlx::query(sql).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for (lang, text) in &r.texts {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO recommendation_texts (recommendation_id, lang, text) VALUES ($1, $2, $3)")
            .bind(id).bind(lang).bind(text).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for state in &r.states {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO recommendation_states (recommendation_id, state) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING")
            .bind(id).bind(state).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for (kind, code) in &r.terms {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO recommendation_terms (recommendation_id, kind, code) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING")
            .bind(id).bind(kind.as_str()).bind(code).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// One recommendation with its texts, states and terms (four queries).
pub async fn get(db: &Db, id: &str) -> Result<Option<Recommendation>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recommendations r WHERE r.id = $1"
    ));
    let row: Option<RecommendationRow> =
        on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    let mut r = row.into_recommendation()?;
    r.texts = on_db!(db, p => sqlx::query_as(
        "SELECT lang, text FROM recommendation_texts WHERE recommendation_id = $1 ORDER BY lang")
        .bind(id).fetch_all(p).await)?;
    r.states = on_db!(db, p => sqlx::query_scalar(
        "SELECT state FROM recommendation_states WHERE recommendation_id = $1 ORDER BY state")
        .bind(id).fetch_all(p).await)?;
    let terms: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT kind, code FROM recommendation_terms WHERE recommendation_id = $1 \
         ORDER BY kind, code")
        .bind(id).fetch_all(p).await)?;
    r.terms = terms
        .into_iter()
        .map(|(k, c)| Ok((TermKind::try_from(k).map_err(decode)?, c)))
        .collect::<Result<_>>()?;
    Ok(Some(r))
}

fn decode(e: spona_domain::stored::UnknownValue) -> crate::StoreError {
    crate::StoreError::Database(sqlx::Error::Decode(Box::new(e)))
}
