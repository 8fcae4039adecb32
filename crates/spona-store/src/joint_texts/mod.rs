//! Joint texts (issue 22): a text (`joint_texts`) and its drafting organisations, its
//! versions — every save of one language's variant, numbered across the text's languages,
//! a frozen one being a final that is never changed again —, comments and amendments
//! anchored to a paragraph of a version (`talk`), and organisations' co-signatures
//! (`signatures`). The rules (who edits, what may be signed) are `spona_app::texts`'.

mod signatures;
mod talk;

pub use signatures::*;
pub use talk::*;

use crate::idempotency::Once;
use crate::{Db, Result, Tx, conflict, on_db, on_tx, placeholders};

/// A joint text; `orgs` are the drafting organisations' ids.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JointText {
    pub id: String,
    pub kind: String,
    pub group_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    #[sqlx(skip)]
    pub orgs: Vec<String>,
}

/// One saved version of one language's variant.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Version {
    pub text_id: String,
    pub number: i64,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub note: String,
    pub author_id: Option<String>,
    /// The author's display name (none once the account is gone).
    pub author_name: Option<String>,
    pub created_at: i64,
    pub frozen_by: Option<String>,
    pub frozen_at: Option<i64>,
}

impl Version {
    pub fn is_final(&self) -> bool {
        self.frozen_at.is_some()
    }
}

const VERSION_COLUMNS: &str = "v.text_id, v.number, v.lang, v.title, v.body, v.note, \
     v.author_id, u.display_name AS author_name, v.created_at, v.frozen_by, v.frozen_at";

/// Saves a new text with its drafting organisations and its first version, claiming the
/// form's one-time key in the same transaction.
pub async fn create_in(
    tx: &mut Tx,
    text: &JointText,
    first: &Version,
    once: Option<&Once>,
) -> Result<()> {
    if let Some(once) = once {
        crate::idempotency::claim_in(tx, once, &text.id).await?;
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO joint_texts (id, kind, group_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)")
        .bind(&text.id).bind(&text.kind).bind(&text.group_id).bind(&text.created_by)
        .bind(text.created_at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for org in &text.orgs {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO joint_text_orgs (text_id, org_id) VALUES ($1, $2)")
            .bind(&text.id).bind(org).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    insert_version_in(tx, first).await
}

async fn with_orgs(db: &Db, mut texts: Vec<JointText>) -> Result<Vec<JointText>> {
    if texts.is_empty() {
        return Ok(texts);
    }
    let ids: Vec<String> = texts.iter().map(|t| t.id.clone()).collect();
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT text_id, org_id FROM joint_text_orgs WHERE text_id IN ({}) ORDER BY org_id",
        placeholders(1, ids.len())
    ));
    let rows: Vec<(String, String)> = on_db!(db, p => {
        let mut q = sqlx::query_as(sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?;
    for t in &mut texts {
        t.orgs = rows
            .iter()
            .filter(|(tid, _)| *tid == t.id)
            .map(|(_, o)| o.clone())
            .collect();
    }
    Ok(texts)
}

/// A text with its drafting organisations.
pub async fn get(db: &Db, id: &str) -> Result<Option<JointText>> {
    let row: Option<JointText> = on_db!(db, p => sqlx::query_as(
        "SELECT id, kind, group_id, created_by, created_at, updated_at FROM joint_texts \
         WHERE id = $1").bind(id).fetch_optional(p).await)?;
    Ok(with_orgs(db, row.into_iter().collect())
        .await?
        .into_iter()
        .next())
}

/// Texts, newest change first (at most `limit`).
pub async fn list(db: &Db, limit: i64) -> Result<Vec<JointText>> {
    let rows: Vec<JointText> = on_db!(db, p => sqlx::query_as(
        "SELECT id, kind, group_id, created_by, created_at, updated_at FROM joint_texts \
         ORDER BY updated_at DESC, id LIMIT $1").bind(limit).fetch_all(p).await)?;
    with_orgs(db, rows).await
}

/// A version without its body, for lists.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionHead {
    pub text_id: String,
    pub number: i64,
    pub lang: String,
    pub title: String,
    pub note: String,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub frozen_at: Option<i64>,
}

/// Every version of these texts, without bodies, by text and number.
pub async fn heads(db: &Db, text_ids: &[String]) -> Result<Vec<VersionHead>> {
    if text_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT v.text_id, v.number, v.lang, v.title, v.note, u.display_name AS author_name, \
         v.created_at, v.frozen_at FROM joint_text_versions v \
         LEFT JOIN users u ON u.id = v.author_id \
         WHERE v.text_id IN ({}) ORDER BY v.text_id, v.number",
        placeholders(1, text_ids.len())
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as(sql);
        for id in text_ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?)
}

/// One version with its body.
pub async fn version(db: &Db, text_id: &str, number: i64) -> Result<Option<Version>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM joint_text_versions v \
         LEFT JOIN users u ON u.id = v.author_id WHERE v.text_id = $1 AND v.number = $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(text_id).bind(number).fetch_optional(p).await)?)
}

/// The latest version of each language, and each language's current final (its highest
/// frozen version), with bodies: what the text's pages show.
pub async fn current(db: &Db, text_id: &str) -> Result<Vec<Version>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM joint_text_versions v \
         LEFT JOIN users u ON u.id = v.author_id WHERE v.text_id = $1 AND (\
         v.number = (SELECT MAX(x.number) FROM joint_text_versions x \
                     WHERE x.text_id = v.text_id AND x.lang = v.lang) \
         OR v.number = (SELECT MAX(y.number) FROM joint_text_versions y \
                     WHERE y.text_id = v.text_id AND y.lang = v.lang AND y.frozen_at IS NOT NULL)) \
         ORDER BY v.number"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(text_id).fetch_all(p).await)?)
}

/// The text's highest version number (0 before any), read inside the writing transaction.
pub async fn last_number_in(tx: &mut Tx, text_id: &str) -> Result<i64> {
    let n: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT MAX(number) FROM joint_text_versions WHERE text_id = $1")
        .bind(text_id).fetch_one(&mut *c).await)?;
    Ok(n.unwrap_or(0))
}

/// Saves a version (never frozen when saved); a number taken meanwhile is
/// [`crate::StoreError::Conflict`]. Moves the text's `updated_at`.
pub async fn insert_version_in(tx: &mut Tx, v: &Version) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO joint_text_versions (text_id, number, lang, title, body, note, author_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&v.text_id).bind(v.number).bind(&v.lang).bind(&v.title).bind(&v.body)
        .bind(&v.note).bind(&v.author_id).bind(v.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()).map_err(conflict))?;
    on_tx!(tx, c => sqlx::query("UPDATE joint_texts SET updated_at = $1 WHERE id = $2")
        .bind(v.created_at).bind(&v.text_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Freezes a version as its language's final; false when it was frozen already (a final
/// is never changed).
pub async fn freeze_in(tx: &mut Tx, text_id: &str, number: i64, by: &str, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE joint_text_versions SET frozen_by = $1, frozen_at = $2 \
         WHERE text_id = $3 AND number = $4 AND frozen_at IS NULL")
        .bind(by).bind(at).bind(text_id).bind(number)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query("UPDATE joint_texts SET updated_at = $1 WHERE id = $2")
        .bind(at).bind(text_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
