//! The hub's work lists: resources past their review date (and which owners were reminded
//! of them), and translations flagged outdated.

use spona_domain::ids::{OrgId, ResourceId};

use crate::{Db, Result, on_db, placeholders};

/// A line in the "needs review" and "outdated translations" lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResourceLine {
    #[sqlx(try_from = "String")]
    pub id: ResourceId,
    pub kind: String,
    #[sqlx(try_from = "String")]
    pub owner_org_id: OrgId,
    pub owner_name: String,
    pub review_due: i64,
    pub lang: String,
    pub script: String,
    pub title: String,
    pub updated_at: i64,
}

/// Resources past their review date owned by `org_ids` (every resource when `None`).
pub async fn needs_review(
    db: &Db,
    org_ids: Option<&[String]>,
    at: i64,
) -> Result<Vec<ResourceLine>> {
    lines(db, "r.review_due < $1", org_ids, at).await
}

/// Resources past their review date whose owners have not been reminded of that date yet.
pub async fn reviews_to_remind(db: &Db, at: i64) -> Result<Vec<ResourceLine>> {
    lines(
        db,
        "r.review_due < $1 AND NOT EXISTS (SELECT 1 FROM resource_review_reminders x \
         WHERE x.resource_id = r.id AND x.review_due = r.review_due)",
        None,
        at,
    )
    .await
}

/// Records that the owners were reminded of these resources' review dates.
pub async fn mark_reminded(db: &Db, reminded: &[(ResourceId, i64)], at: i64) -> Result<()> {
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        for (id, due) in reminded {
            sqlx::query("INSERT INTO resource_review_reminders (resource_id, review_due, sent_at) \
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(id.as_str()).bind(due).bind(at).execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(())
}

/// Variants flagged outdated, of resources owned by `org_ids` (all when `None`).
pub async fn outdated(db: &Db, org_ids: Option<&[String]>) -> Result<Vec<ResourceLine>> {
    lines(db, "v.outdated = TRUE AND $1 = $1", org_ids, 0).await
}

async fn lines(
    db: &Db,
    clause: &str,
    org_ids: Option<&[String]>,
    at: i64,
) -> Result<Vec<ResourceLine>> {
    if org_ids.is_some_and(|o| o.is_empty()) {
        return Ok(Vec::new());
    }
    let owners = match org_ids {
        Some(o) => format!("AND r.owner_org_id IN ({})", placeholders(2, o.len())),
        None => String::new(),
    };
    // One line per resource for reviews (the variant sorting first), one per variant for
    // outdated translations.
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT r.id, r.kind, r.owner_org_id, o.name AS owner_name, r.review_due, v.lang, v.script, \
         v.title, r.updated_at FROM resources r JOIN organisations o ON o.id = r.owner_org_id \
         JOIN resource_variants v ON v.resource_id = r.id \
         WHERE {clause} {owners} ORDER BY r.review_due, r.id, v.lang LIMIT 500"
    ));
    let mut rows = on_db!(db, p => {
        let mut q = sqlx::query_as::<_, ResourceLine>(sql).bind(at);
        for o in org_ids.unwrap_or_default() { q = q.bind(o); }
        q.fetch_all(p).await
    })?;
    if clause.starts_with("r.review_due") {
        rows.dedup_by(|a, b| a.id == b.id);
    }
    Ok(rows)
}
