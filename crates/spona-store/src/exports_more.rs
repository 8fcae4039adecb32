//! More reads for the open-data exports (keyset pages, as in [`crate::exports`]): the
//! resource hub's metadata with every visibility (a signed-in reader's export keeps what
//! the hub's rule lets them read), the CSO assessments of monitoring, and the counts of
//! these and of recommendations and published services.

use crate::{Db, Result, on_db, placeholders};

/// One language variant of a resource, with what the hub's reading rule needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HubRecord {
    pub id: String,
    pub kind: String,
    /// `public`, `members` or `networks`.
    pub visibility: String,
    pub owner_id: String,
    pub owner: String,
    /// The slugs of the networks a `networks` resource is kept for, `;`-separated.
    pub networks: String,
    pub themes: String,
    pub countries: String,
    pub lang: String,
    pub script: String,
    pub title: String,
    pub summary: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Variants whose key `(resource id, lang)` follows `after` (`id|lang`, empty for the
/// first page), in key order: of public resources only when `public_only`, else of every
/// resource (the caller keeps those the reader may read).
pub async fn hub(db: &Db, public_only: bool, after: &str, limit: i64) -> Result<Vec<HubRecord>> {
    let (a, b) = after.split_once('|').unwrap_or_default();
    let only = if public_only {
        "r.visibility = 'public' AND "
    } else {
        ""
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT r.id, r.kind, r.visibility, r.owner_org_id AS owner_id, o.slug AS owner, \
         COALESCE((SELECT string_agg(n.slug, ';' ORDER BY n.slug) FROM resource_networks rn \
           JOIN networks n ON n.id = rn.network_id WHERE rn.resource_id = r.id), '') AS networks, \
         r.themes, r.countries, v.lang, v.script, v.title, v.summary, v.version, \
         r.created_at, r.updated_at \
         FROM resources r JOIN organisations o ON o.id = r.owner_org_id \
         JOIN resource_variants v ON v.resource_id = r.id \
         WHERE {only}(v.resource_id, v.lang) > ($1, $2) \
         ORDER BY v.resource_id, v.lang LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, HubRecord>(sql)
        .bind(a).bind(b).bind(limit).fetch_all(p).await)?)
}

/// Who reads the hub's export, as [`count_hub`] counts for them (the hub's rule,
/// `spona_app::hub::readable`, in SQL).
#[derive(Debug, Clone, Default)]
pub struct HubReader {
    pub signed_in: bool,
    pub admin: bool,
    /// Ids of the reader's organisations.
    pub orgs: Vec<String>,
    /// Slugs of the networks those organisations belong to.
    pub networks: Vec<String>,
}

/// How many variants `reader` may read.
pub async fn count_hub(db: &Db, reader: &HubReader) -> Result<i64> {
    let base = "SELECT COUNT(*) FROM resource_variants v JOIN resources r ON r.id = v.resource_id";
    let mut binds: Vec<String> = Vec::new();
    let clause = if !reader.signed_in {
        " WHERE r.visibility = 'public'".to_owned()
    } else if reader.admin {
        String::new()
    } else {
        let mut c = " WHERE r.visibility IN ('public', 'members')".to_owned();
        if !reader.orgs.is_empty() {
            c.push_str(&format!(
                " OR r.owner_org_id IN ({})",
                placeholders(1, reader.orgs.len())
            ));
            binds.extend(reader.orgs.iter().cloned());
        }
        if !reader.networks.is_empty() {
            c.push_str(&format!(
                " OR (r.visibility = 'networks' AND EXISTS (SELECT 1 FROM resource_networks rn \
                 JOIN networks n ON n.id = rn.network_id WHERE rn.resource_id = r.id \
                 AND n.slug IN ({})))",
                placeholders(binds.len() + 1, reader.networks.len())
            ));
            binds.extend(reader.networks.iter().cloned());
        }
        c
    };
    let sql = sqlx::AssertSqlSafe(format!("{base}{clause}"));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_scalar::<_, i64>(sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        q.fetch_one(p).await
    })?)
}

/// One CSO's assessment of a recommendation (current or superseded), as the public
/// assessments page shows it: no author.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRecord {
    pub id: String,
    pub recommendation_id: String,
    pub mechanism: String,
    pub symbol: String,
    pub paragraph: String,
    pub org_id: String,
    pub org_slug: String,
    pub org_name: String,
    pub status: String,
    pub assessed_on: String,
    pub comment: String,
    pub comment_lang: Option<String>,
    /// `kind:target` of each piece of evidence, in its order, `;`-separated.
    pub evidence: String,
    pub signature: Option<String>,
    pub created_at: i64,
    pub superseded_at: Option<i64>,
}

/// CSO assessments whose id follows `after`, in id order.
pub async fn assessments(db: &Db, after: &str, limit: i64) -> Result<Vec<AssessmentRecord>> {
    let sql = "SELECT a.id, a.recommendation_id, r.mechanism, r.symbol, r.paragraph, \
         a.org_id, o.slug AS org_slug, o.name AS org_name, a.status, a.assessed_on, a.comment, \
         a.comment_lang, \
         COALESCE((SELECT string_agg(e.kind || ':' || e.target, ';' ORDER BY e.position) \
           FROM assessment_evidence e WHERE e.assessment_id = a.id), '') AS evidence, \
         a.signature, a.created_at, a.superseded_at \
         FROM assessments a JOIN recommendations r ON r.id = a.recommendation_id \
         JOIN organisations o ON o.id = a.org_id \
         WHERE a.org_id IS NOT NULL AND a.id > $1 ORDER BY a.id LIMIT $2";
    Ok(on_db!(db, p => sqlx::query_as::<_, AssessmentRecord>(sql)
        .bind(after).bind(limit).fetch_all(p).await)?)
}

/// What [`count`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// CSO assessments, current and superseded.
    Assessments,
    /// Published services.
    Services,
}

/// How many rows a whole data set has.
pub async fn count(db: &Db, what: Counted) -> Result<i64> {
    let sql = match what {
        Counted::Assessments => "SELECT COUNT(*) FROM assessments WHERE org_id IS NOT NULL",
        Counted::Services => "SELECT COUNT(*) FROM services WHERE status = 'published'",
    };
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)?)
}
