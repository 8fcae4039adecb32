//! The directory: organisations matching a [`DirectoryFilter`], one page at a time.
//!
//! Two paths give the same answer. [`query`] asks the database directly. [`Directory`] keeps
//! an in-memory snapshot of every organisation (derived data, like a search index), filters
//! it in memory and reloads it whenever the database's `directory_version` — bumped inside
//! every transaction that changes organisations or networks — has moved. The snapshot is
//! what pages use; `query` is its oracle in tests.
//!
//! Free text is matched word by word through the resource hub's analysis
//! ([`spona_search::directory_query`]): each organisation's `search_text` column holds the
//! tagged terms of its names, city and descriptions ([`search_text`]), and a query word
//! matches an organisation holding any of its terms. `query` asks that with `LIKE '% term %'`
//! on the column; the snapshot reads the same column into an inverted index.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use spona_domain::org::{DirectoryFilter, OrgText};
use tokio::sync::{Mutex, RwLock};

use crate::networks::Network;
use crate::orgs::{ORG_COLUMNS, Org, OrgRow, assemble};
use crate::{Db, Result, StoreError, on_db};

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

/// What `search_text` starts with in the current format; older rows are rewritten when the
/// snapshot is loaded ([`upgrade_search_text`]).
const FORMAT: &str = "#2 ";

/// The `search_text` of an organisation: [`FORMAT`], then every tagged term of its name,
/// city and texts, each followed by a space (so that `LIKE '% term %'` finds a whole term).
/// Ukrainian words — of a Ukrainian organisation, or of any `uk` text — also get their
/// Latin keys.
pub(crate) fn search_text(name: &str, country: &str, city: &str, texts: &[OrgText]) -> String {
    let ua = country == "UA";
    let mut terms = BTreeSet::new();
    spona_search::directory_terms(name, ua, &mut terms);
    spona_search::directory_terms(city, ua, &mut terms);
    for t in texts {
        for part in [&t.name, &t.description].into_iter().flatten() {
            spona_search::directory_terms(part, ua || t.lang == "uk", &mut terms);
        }
    }
    let mut s =
        String::with_capacity(FORMAT.len() + terms.iter().map(|t| t.len() + 1).sum::<usize>());
    s.push_str(FORMAT);
    for t in terms {
        s.push_str(&t);
        s.push(' ');
    }
    s
}

/// The terms of a `search_text` in the current format.
fn stored_terms(search_text: &str) -> impl Iterator<Item = &str> {
    search_text
        .strip_prefix(FORMAT)
        .unwrap_or_default()
        .split(' ')
        .filter(|t| !t.is_empty())
}

/// Builds the shared `WHERE` clause and its bind values (all text).
pub(crate) fn where_clause(f: &DirectoryFilter) -> (String, Vec<String>) {
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
        let query = spona_search::directory_query(text);
        if query.is_empty() {
            // Text without a word (`%`, `--`) finds nothing.
            sql.push_str(" AND 1 = 0");
        }
        for alternatives in query {
            let any: Vec<String> = alternatives
                .iter()
                .map(|term| {
                    let ph = next(&mut binds, &format!("% {} %", like_escape(term)));
                    format!("o.search_text LIKE {ph} ESCAPE '\\'")
                })
                .collect();
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
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
    networks: Vec<String>,
}

/// Every organisation and network at one `directory_version`.
pub struct Snapshot {
    version: i64,
    entries: Vec<Entry>,
    /// Each stored term and the entries (indices, ascending) that hold it.
    terms: HashMap<Box<str>, Vec<u32>>,
    /// Each organisation's id and the index of its entry.
    by_id: HashMap<spona_domain::ids::OrgId, u32>,
    pub networks: Vec<Network>,
}

/// Rewrites the `search_text` of organisations stored in an older format (or bulk-loaded
/// without one) from their current profile. It does not bump `directory_version`: what
/// the directory shows does not change, and the caller is loading a snapshot already.
async fn upgrade_search_text(
    db: &Db,
    orgs: &[Org],
    texts: &mut HashMap<String, String>,
) -> Result<()> {
    let mut stale: Vec<(&str, String, String)> = Vec::new();
    for org in orgs {
        if let Some(old) = texts.get(org.id.as_str())
            && !old.starts_with(FORMAT)
        {
            let fresh = search_text(&org.name, &org.country, &org.city, &org.texts);
            stale.push((&org.id, fresh, old.clone()));
        }
    }
    if stale.is_empty() {
        return Ok(());
    }
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        for (id, fresh, old) in &stale {
            sqlx::query("UPDATE organisations SET search_text = $1 WHERE id = $2 AND search_text = $3")
                .bind(fresh).bind(*id).bind(old).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    tracing::info!(
        rows = stale.len(),
        "directory search terms rewritten in the current format"
    );
    for (id, fresh, _) in stale {
        texts.insert(id.to_owned(), fresh);
    }
    Ok(())
}

impl Snapshot {
    /// Every organisation, in the directory's order.
    pub fn orgs(&self) -> impl Iterator<Item = &Org> {
        self.entries.iter().map(|e| &e.org)
    }

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
        upgrade_search_text(db, &orgs, &mut search).await?;
        let mut nets: HashMap<String, Vec<String>> = HashMap::new();
        for (org, slug) in memberships {
            nets.entry(org).or_default().push(slug);
        }
        let mut terms: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (i, org) in orgs.iter().enumerate() {
            if let Some(text) = search.get(org.id.as_str()) {
                for term in stored_terms(text) {
                    terms.entry(term.into()).or_default().push(i as u32);
                }
            }
        }
        let by_id = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i as u32))
            .collect();
        let entries = orgs
            .into_iter()
            .map(|org| Entry {
                networks: nets.remove(org.id.as_str()).unwrap_or_default(),
                org,
            })
            .collect();
        Ok(Snapshot {
            version,
            entries,
            terms,
            by_id,
            networks: crate::networks::list(db).await?,
        })
    }

    /// Which entries hold, for every query word, one of its terms (`None`: no text filter).
    fn text_matches(&self, text: Option<&str>) -> Option<Vec<bool>> {
        let query = spona_search::directory_query(text?);
        let mut all = vec![!query.is_empty(); self.entries.len()];
        for alternatives in query {
            let mut any = vec![false; self.entries.len()];
            for term in &alternatives {
                for &i in self
                    .terms
                    .get(term.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                {
                    any[i as usize] = true;
                }
            }
            for (a, b) in all.iter_mut().zip(any) {
                *a &= b;
            }
        }
        Some(all)
    }

    fn matches(e: &Entry, f: &DirectoryFilter) -> bool {
        let has = |list: &[String], v: &Option<String>| v.as_ref().is_none_or(|v| list.contains(v));
        f.country.as_ref().is_none_or(|c| &e.org.country == c)
            && has(&e.org.themes, &f.theme)
            && has(&e.org.offers, &f.offers)
            && has(&e.org.needs, &f.needs)
            && has(&e.org.languages, &f.language)
            && has(&e.networks, &f.network)
    }

    /// The organisation with this id, as the directory holds it (names in every language).
    pub fn org(&self, id: &str) -> Option<&Org> {
        self.by_id.get(id).map(|&i| &self.entries[i as usize].org)
    }

    /// One page of the organisations matching `filter`.
    pub fn list(&self, filter: &DirectoryFilter) -> Page {
        let text = self.text_matches(filter.text.as_deref());
        let size = DirectoryFilter::PAGE_SIZE as usize;
        let skip = filter.page as usize * size;
        let mut total = 0i64;
        let mut orgs = Vec::new();
        for (_, e) in self
            .entries
            .iter()
            .enumerate()
            .filter(|&(i, e)| text.as_ref().is_none_or(|t| t[i]) && Self::matches(e, filter))
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
            text: Some("beograd".into()),
            ..Default::default()
        };
        let (sql, binds) = where_clause(&f);
        assert_eq!(
            binds,
            vec![
                "RS",
                "youth",
                "wps-1325",
                "% e:beograd %",
                "% s:beogrd %",
                "% u:beograd %",
                "% l:beohrad %"
            ]
        );
        assert!(sql.contains("$7 ESCAPE '\\')"));
        assert!(!sql.contains("$8"));
    }

    #[test]
    fn search_text_holds_each_term_once_between_spaces() {
        let texts = [OrgText {
            lang: "uk".into(),
            name: Some("Харківська правозахисна група".into()),
            description: None,
        }];
        let s = search_text(
            "Kharkiv Human Rights Protection Group",
            "UA",
            "Харків",
            &texts,
        );
        assert!(s.starts_with(FORMAT));
        assert!(s.ends_with(' '));
        let terms: Vec<&str> = stored_terms(&s).collect();
        assert!(terms.contains(&"e:kharkiv"), "{s}");
        assert!(terms.contains(&"l:harkivsk"), "{s}");
        let mut sorted = terms.clone();
        sorted.dedup();
        assert_eq!(sorted, terms, "sorted, each once");
        assert_eq!(
            stored_terms("beograd zastita").count(),
            0,
            "old format: no terms"
        );
    }
}
