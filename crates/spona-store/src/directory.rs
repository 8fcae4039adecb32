//! The directory: organisations matching a [`DirectoryFilter`], one page at a time.
//!
//! Two paths give the same answer. [`query`] asks the database directly. [`Directory`] keeps
//! an in-memory snapshot of every organisation (derived data, like a search index), filters
//! it in memory and reloads it whenever the database's `directory_version` — bumped inside
//! every transaction that changes organisations or networks — has moved. The snapshot is
//! what pages use; `query` is its oracle in tests.

use std::collections::HashMap;
use std::sync::Arc;

use spona_domain::org::DirectoryFilter;
use tokio::sync::{Mutex, RwLock};

use crate::networks::Network;
use crate::orgs::{ORG_COLUMNS, Org, OrgRow, assemble};
use crate::{Db, Result, on_db};

/// One page of the directory and how many organisations match in all.
#[derive(Debug, Clone)]
pub struct Page {
    pub orgs: Vec<Org>,
    pub total: i64,
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
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

/// Builds the shared `WHERE` clause and its bind values (all text).
fn where_clause(f: &DirectoryFilter) -> (String, Vec<String>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    let next = |binds: &mut Vec<String>, v: &str| {
        binds.push(v.to_owned());
        format!("${}", binds.len())
    };
    if let Some(c) = &f.country {
        let ph = next(&mut binds, c);
        sql.push_str(&format!(" AND o.country = {ph}"));
    }
    for (kind, value) in [
        ("theme", &f.theme),
        ("offer", &f.offers),
        ("need", &f.needs),
        ("language", &f.language),
    ] {
        if let Some(v) = value {
            let ph = next(&mut binds, v);
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM org_terms t WHERE t.org_id = o.id \
                 AND t.kind = '{kind}' AND t.code = {ph})"
            ));
        }
    }
    if let Some(n) = &f.network {
        let ph = next(&mut binds, n);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM network_members m JOIN networks n ON n.id = m.network_id \
             WHERE m.org_id = o.id AND n.slug = {ph})"
        ));
    }
    if let Some(text) = &f.text {
        for word in text.split_whitespace().take(8) {
            let ph = next(&mut binds, &format!("%{}%", like_escape(word)));
            sql.push_str(&format!(" AND o.search_text LIKE {ph} ESCAPE '\\'"));
        }
    }
    (sql, binds)
}

/// The organisations matching `filter`, sorted by name across scripts, one page — asked of
/// the database directly.
pub async fn query(db: &Db, filter: &DirectoryFilter) -> Result<Page> {
    let (clause, binds) = where_clause(filter);
    let n = binds.len();
    let count_sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM organisations o{clause}"));
    let list_sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORG_COLUMNS} FROM organisations o{clause} ORDER BY o.sort_key, o.id LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    ));
    let limit = i64::from(DirectoryFilter::PAGE_SIZE);
    let offset = i64::from(filter.page) * limit;
    let (total, rows): (i64, Vec<OrgRow>) = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, (i64,)>(count_sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        let (total,) = q.fetch_one(p).await?;
        let mut q = sqlx::query_as::<_, OrgRow>(list_sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        (total, q.bind(limit).bind(offset).fetch_all(p).await?)
    });
    Ok(Page {
        orgs: assemble(db, rows).await?,
        total,
    })
}

/// `(organisation id, value)` rows.
type Pair = (String, String);

/// One organisation in the snapshot, with what the filters look at.
struct Entry {
    org: Org,
    search_text: String,
    networks: Vec<String>,
}

/// Every organisation and network at one `directory_version`.
pub struct Snapshot {
    version: i64,
    entries: Vec<Entry>,
    pub networks: Vec<Network>,
}

impl Snapshot {
    async fn load(db: &Db, version: i64) -> Result<Snapshot> {
        let orgs = crate::orgs::load_all(db).await?;
        let (texts, memberships): (Vec<Pair>, Vec<Pair>) = on_db!(db, p => {
            let texts = sqlx::query_as("SELECT id, search_text FROM organisations").fetch_all(p).await?;
            let members = sqlx::query_as(
                "SELECT m.org_id, n.slug FROM network_members m JOIN networks n ON n.id = m.network_id")
                .fetch_all(p).await?;
            (texts, members)
        });
        let mut search: HashMap<String, String> = texts.into_iter().collect();
        let mut nets: HashMap<String, Vec<String>> = HashMap::new();
        for (org, slug) in memberships {
            nets.entry(org).or_default().push(slug);
        }
        let entries = orgs
            .into_iter()
            .map(|org| Entry {
                search_text: search.remove(&org.id).unwrap_or_default(),
                networks: nets.remove(&org.id).unwrap_or_default(),
                org,
            })
            .collect();
        Ok(Snapshot {
            version,
            entries,
            networks: crate::networks::list(db).await?,
        })
    }

    fn matches(e: &Entry, f: &DirectoryFilter, words: &[String]) -> bool {
        let has = |list: &[String], v: &Option<String>| v.as_ref().is_none_or(|v| list.contains(v));
        f.country.as_ref().is_none_or(|c| &e.org.country == c)
            && has(&e.org.themes, &f.theme)
            && has(&e.org.offers, &f.offers)
            && has(&e.org.needs, &f.needs)
            && has(&e.org.languages, &f.language)
            && has(&e.networks, &f.network)
            && words.iter().all(|w| e.search_text.contains(w.as_str()))
    }

    /// One page of the organisations matching `filter`.
    pub fn list(&self, filter: &DirectoryFilter) -> Page {
        let words: Vec<String> = filter
            .text
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .take(8)
            .map(str::to_owned)
            .collect();
        let size = DirectoryFilter::PAGE_SIZE as usize;
        let skip = filter.page as usize * size;
        let mut total = 0i64;
        let mut orgs = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| Self::matches(e, filter, &words))
        {
            if total as usize >= skip && orgs.len() < size {
                orgs.push(e.org.clone());
            }
            total += 1;
        }
        Page { orgs, total }
    }
}

/// The in-memory directory, shared by all requests of one server.
#[derive(Default)]
pub struct Directory {
    current: RwLock<Option<Arc<Snapshot>>>,
    reloading: Mutex<()>,
}

impl Directory {
    pub fn new() -> Self {
        Self::default()
    }

    /// The snapshot at the database's current version, reloading it if anything changed.
    /// While one request reloads, others keep getting the previous snapshot rather than wait.
    pub async fn snapshot(&self, db: &Db) -> Result<Arc<Snapshot>> {
        let (version,): (i64,) = on_db!(db, p => sqlx::query_as(
            "SELECT value FROM meta WHERE key = 'directory_version'").fetch_one(p).await)?;
        let current = self.current.read().await.clone();
        if let Some(s) = &current
            && s.version >= version
        {
            return Ok(s.clone());
        }
        let _guard = match (self.reloading.try_lock(), &current) {
            (Ok(guard), _) => guard,
            (Err(_), Some(stale)) => return Ok(stale.clone()),
            (Err(_), None) => self.reloading.lock().await,
        };
        if let Some(s) = self.current.read().await.as_ref()
            && s.version >= version
        {
            return Ok(s.clone());
        }
        let fresh = Arc::new(Snapshot::load(db, version).await?);
        *self.current.write().await = Some(fresh.clone());
        Ok(fresh)
    }

    /// One page of the organisations matching `filter` (see [`query`] for the same answer
    /// from the database).
    pub async fn list(&self, db: &Db, filter: &DirectoryFilter) -> Result<Page> {
        Ok(self.snapshot(db).await?.list(filter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn each_filter_adds_one_bound_condition() {
        let f = DirectoryFilter {
            country: Some("RS".into()),
            theme: Some("youth".into()),
            network: Some("wps-1325".into()),
            text: Some("beograd zastita".into()),
            ..Default::default()
        };
        let (sql, binds) = where_clause(&f);
        assert_eq!(
            binds,
            vec!["RS", "youth", "wps-1325", "%beograd%", "%zastita%"]
        );
        assert!(sql.contains("$5"));
        assert!(!sql.contains("$6"));
    }
}
