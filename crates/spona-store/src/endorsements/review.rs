//! The coordinators' review of a campaign: endorsements by e-mail domain and by day (never
//! an address), how many a filter (a time window, a domain) matches, and the bulk
//! invalidation of those, with the counters moved in the same transaction.

use crate::{Db, Result, Tx, on_db, on_tx};

/// Which endorsements a review filter selects: made in `[from, to)` (Unix seconds) and at
/// `domain`; `None` leaves that side open. Invalidated ones are never selected again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub domain: Option<String>,
}

impl Filter {
    /// The filter's `AND …` conditions, numbered from `$next`, and the values to bind.
    fn sql(&self, mut next: usize) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut binds = Vec::new();
        if let Some(from) = self.from {
            sql.push_str(&format!(" AND created_at >= ${next}"));
            binds.push(Value::Int(from));
            next += 1;
        }
        if let Some(to) = self.to {
            sql.push_str(&format!(" AND created_at < ${next}"));
            binds.push(Value::Int(to));
            next += 1;
        }
        if let Some(domain) = &self.domain {
            sql.push_str(&format!(" AND domain = ${next}"));
            binds.push(Value::Text(domain.clone()));
        }
        (sql, binds)
    }
}

#[derive(Debug, Clone)]
enum Value {
    Int(i64),
    Text(String),
}

macro_rules! bind_all {
    ($q:expr, $binds:expr) => {{
        let mut q = $q;
        for b in $binds {
            q = match b {
                Value::Int(i) => q.bind(*i),
                Value::Text(t) => q.bind(t.clone()),
            };
        }
        q
    }};
}

/// Endorsements at one domain: confirmed (and counted), waiting, invalidated.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DomainRow {
    pub domain: String,
    pub confirmed: i64,
    pub waiting: i64,
    pub invalidated: i64,
}

/// A campaign's endorsements by domain, the most first, at most `limit` domains.
pub async fn by_domain(db: &Db, campaign_id: &str, limit: i64) -> Result<Vec<DomainRow>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT domain, \
           SUM(CASE WHEN confirmed_at IS NOT NULL AND invalidated_at IS NULL THEN 1 ELSE 0 END) \
             AS confirmed, \
           SUM(CASE WHEN confirmed_at IS NULL AND invalidated_at IS NULL THEN 1 ELSE 0 END) \
             AS waiting, \
           SUM(CASE WHEN invalidated_at IS NOT NULL THEN 1 ELSE 0 END) AS invalidated \
         FROM endorsements WHERE campaign_id = $1 \
         GROUP BY domain ORDER BY COUNT(*) DESC, domain LIMIT $2")
        .bind(campaign_id).bind(limit).fetch_all(p).await)?)
}

/// Endorsements made per UTC day (the day's start, Unix seconds), the newest `days` days
/// that have any: how many were made, and how many of those are invalidated.
pub async fn by_day(db: &Db, campaign_id: &str, days: i64) -> Result<Vec<(i64, i64, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT (created_at / 86400) * 86400 AS day, COUNT(*), \
           SUM(CASE WHEN invalidated_at IS NOT NULL THEN 1 ELSE 0 END) \
         FROM endorsements WHERE campaign_id = $1 \
         GROUP BY (created_at / 86400) * 86400 ORDER BY day DESC LIMIT $2")
        .bind(campaign_id).bind(days).fetch_all(p).await)?)
}

/// How many endorsements not yet invalidated the filter selects: `(confirmed, waiting)`.
pub async fn matching(db: &Db, campaign_id: &str, f: &Filter) -> Result<(i64, i64)> {
    let (cond, binds) = f.sql(2);
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT \
           COALESCE(SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END), 0), \
           COALESCE(SUM(CASE WHEN confirmed_at IS NULL THEN 1 ELSE 0 END), 0) \
         FROM endorsements WHERE campaign_id = $1 AND invalidated_at IS NULL{cond}"
    ));
    let row: (i64, i64) = on_db!(db, p => {
        let q = sqlx::query_as(sql).bind(campaign_id);
        bind_all!(q, &binds).fetch_one(p).await
    })?;
    Ok(row)
}

/// Invalidates what the filter selects (as batch `batch_id`), takes the confirmed ones off
/// the campaign's counters, all in the caller's transaction; how many were invalidated and
/// how many of those had been counted. The first statement writes (SQLite's write lock).
pub async fn invalidate_in(
    tx: &mut Tx,
    campaign_id: &str,
    f: &Filter,
    batch_id: &str,
    now: i64,
) -> Result<(u64, i64)> {
    let (cond, binds) = f.sql(4);
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE endorsements SET invalidated_at = $2, invalidation_id = $3 \
         WHERE campaign_id = $1 AND invalidated_at IS NULL{cond}"
    ));
    let n = on_tx!(tx, c => {
        let q = sqlx::query(sql).bind(campaign_id).bind(now).bind(batch_id);
        bind_all!(q, &binds).execute(&mut *c).await.map(|r| r.rows_affected())
    })?;
    let per_country: Vec<(String, i64)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT country, COUNT(*) FROM endorsements \
         WHERE invalidation_id = $1 AND confirmed_at IS NOT NULL GROUP BY country")
        .bind(batch_id).fetch_all(&mut *c).await)?;
    let mut counted = 0;
    for (country, k) in &per_country {
        super::add_to_counts_in(tx, campaign_id, country, -k).await?;
        counted += k;
    }
    Ok((n, counted))
}
