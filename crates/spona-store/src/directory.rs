//! The directory query: organisations matching a [`DirectoryFilter`], one page at a time.

use spona_domain::org::DirectoryFilter;

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

/// The organisations matching `filter`, sorted by name across scripts, one page.
pub async fn list(db: &Db, filter: &DirectoryFilter) -> Result<Page> {
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
