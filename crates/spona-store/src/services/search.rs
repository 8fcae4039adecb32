//! Searching the published services with SQL: one `WHERE` on `services s` for a filter,
//! paged by id; the keyset the exports page with. The catalogue and the HSDS lists search
//! in memory (`spona_app::services::catalogue`, issue 19's p99); [`search`] and
//! [`location_page`] stay as the reference it is tested against on both databases.

use crate::{Db, Result};

/// What a catalogue search or an HSDS list asks for. Every list is of published services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    /// Free text, matched word by word through the hub's analysis.
    pub text: Option<String>,
    /// Any of these kinds (empty: any kind).
    pub kinds: Vec<String>,
    pub org_id: Option<String>,
    /// Served in this country (an area), given there (a location), or by an organisation
    /// of it when it names neither.
    pub country: Option<String>,
    /// A language the service is given in.
    pub language: Option<String>,
    /// Only services not full.
    pub available: bool,
    /// Changed at or after this instant (Unix seconds).
    pub modified_after: Option<i64>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// A page of a search: the services' ids in order, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub ids: Vec<String>,
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

/// The `WHERE` clause on `services s` for `f`, its text binds, then its number binds.
fn filter_sql(f: &ServiceFilter) -> (String, Vec<String>, Vec<i64>) {
    let mut sql = String::from(" WHERE s.status = 'published'");
    let mut binds: Vec<String> = Vec::new();
    let next = |binds: &mut Vec<String>, v: &str| {
        binds.push(v.to_owned());
        format!("${}", binds.len())
    };
    if !f.kinds.is_empty() {
        let phs: Vec<String> = f.kinds.iter().map(|k| next(&mut binds, k)).collect();
        sql.push_str(&format!(" AND s.kind IN ({})", phs.join(", ")));
    }
    if let Some(o) = &f.org_id {
        let ph = next(&mut binds, o);
        sql.push_str(&format!(" AND s.org_id = {ph}"));
    }
    if let Some(c) = &f.country {
        let ph = next(&mut binds, c);
        sql.push_str(&format!(
            " AND (EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = s.id AND a.country = {ph}) \
             OR EXISTS (SELECT 1 FROM service_locations l WHERE l.service_id = s.id AND l.country = {ph}) \
             OR (NOT EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = s.id) \
                 AND NOT EXISTS (SELECT 1 FROM service_locations l WHERE l.service_id = s.id) \
                 AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = s.org_id AND o.country = {ph})))"
        ));
    }
    if let Some(l) = &f.language {
        let ph = next(&mut binds, l);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM service_terms t WHERE t.service_id = s.id \
             AND t.kind = 'language' AND t.code = {ph})"
        ));
    }
    if f.available {
        sql.push_str(" AND (s.capacity_free IS NULL OR s.capacity_free > 0)");
    }
    let mut int_binds: Vec<i64> = Vec::new();
    if let Some(t) = f.modified_after {
        int_binds.push(t);
    }
    if let Some(text) = &f.text {
        let query = spona_search::directory_query(text);
        if query.is_empty() {
            sql.push_str(" AND 1 = 0");
        }
        for alternatives in query {
            let any: Vec<String> = alternatives
                .iter()
                .map(|term| {
                    let ph = next(&mut binds, &format!("% {} %", like_escape(term)));
                    format!("s.search_text LIKE {ph} ESCAPE '\\'")
                })
                .collect();
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
    }
    if f.modified_after.is_some() {
        sql.push_str(&format!(" AND s.updated_at >= ${}", binds.len() + 1));
    }
    (sql, binds, int_binds)
}

/// The published services matching `f`, oldest first (HSDS pages are stable), one page of
/// ids and the total. Load them with [`load`] and [`Scope::Ids`].
pub async fn search(db: &Db, f: &ServiceFilter) -> Result<SearchPage> {
    let (sql, binds, int_binds) = filter_sql(f);
    let per_page = f.per_page.max(1);
    let offset = i64::from(f.page.max(1) - 1) * i64::from(per_page);
    let count_sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM services s{sql}"));
    let list_sql = sqlx::AssertSqlSafe(format!(
        "SELECT s.id FROM services s{sql} ORDER BY s.id LIMIT {per_page} OFFSET {offset}"
    ));
    let total: i64 = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(count_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_one(p).await
    })?;
    let ids: Vec<String> = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, String>(list_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_all(p).await
    })?;
    Ok(SearchPage { ids, total })
}

/// A page of the locations of the published services matching `f` (HSDS's
/// `service_at_locations`): `(location id, service id)` by location id, and the total.
pub async fn location_page(db: &Db, f: &ServiceFilter) -> Result<(Vec<(String, String)>, i64)> {
    let (sql, binds, int_binds) = filter_sql(f);
    let per_page = f.per_page.max(1);
    let offset = i64::from(f.page.max(1) - 1) * i64::from(per_page);
    let from = "FROM service_locations l JOIN services s ON s.id = l.service_id";
    let count_sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {from}{sql}"));
    let list_sql = sqlx::AssertSqlSafe(format!(
        "SELECT l.id, l.service_id {from}{sql} ORDER BY l.id LIMIT {per_page} OFFSET {offset}"
    ));
    let total: i64 = crate::on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(count_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_one(p).await
    })?;
    let rows: Vec<(String, String)> = crate::on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (String, String)>(list_sql);
        for b in &binds { q = q.bind(b.clone()); }
        for b in &int_binds { q = q.bind(*b); }
        q.fetch_all(p).await
    })?;
    Ok((rows, total))
}

/// The published service a location belongs to, if any.
pub async fn service_of_location(db: &Db, location_id: &str) -> Result<Option<String>> {
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT s.id FROM service_locations l JOIN services s ON s.id = l.service_id \
         WHERE l.id = $1 AND s.status = 'published'")
        .bind(location_id).fetch_optional(p).await)?)
}

/// Up to `limit` ids of published services after `after` (keyset order by id): the
/// exports page through the catalogue with it, holding one batch at a time.
pub async fn published_ids_after(db: &Db, after: &str, limit: u32) -> Result<Vec<String>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT id FROM services WHERE status = 'published' AND id > $1 ORDER BY id LIMIT {limit}"
    ));
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(sql).bind(after).fetch_all(p).await)?)
}

/// The ids of the organisations with at least one published service, by id.
pub async fn publishing_orgs(db: &Db) -> Result<Vec<String>> {
    Ok(crate::on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT DISTINCT org_id FROM services WHERE status = 'published' ORDER BY org_id")
        .fetch_all(p).await)?)
}
