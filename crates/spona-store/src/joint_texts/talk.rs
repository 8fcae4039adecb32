//! Comments on a paragraph of a version, and proposed amendments (a replacement for one
//! paragraph) with the editor's decision.

use crate::{Db, Result, Tx, on_db, on_tx};

/// A comment anchored to paragraph `paragraph` (from 1) of version `version`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Comment {
    pub id: String,
    pub text_id: String,
    pub version: i64,
    pub paragraph: i64,
    pub body: String,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<i64>,
}

/// A proposed replacement of one paragraph; `state` is `open`, `accepted` or `rejected`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Amendment {
    pub id: String,
    pub text_id: String,
    pub version: i64,
    pub paragraph: i64,
    pub replacement: String,
    pub reason: String,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub result_version: Option<i64>,
}

/// A text's comments, oldest first.
pub async fn comments(db: &Db, text_id: &str) -> Result<Vec<Comment>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.text_id, c.version, c.paragraph, c.body, c.author_id, \
         u.display_name AS author_name, c.created_at, c.resolved_by, c.resolved_at \
         FROM joint_text_comments c LEFT JOIN users u ON u.id = c.author_id \
         WHERE c.text_id = $1 ORDER BY c.created_at, c.id").bind(text_id).fetch_all(p).await)?)
}

pub async fn insert_comment_in(tx: &mut Tx, c: &Comment) -> Result<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO joint_text_comments (id, text_id, version, paragraph, body, author_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&c.id).bind(&c.text_id).bind(c.version).bind(c.paragraph).bind(&c.body)
        .bind(&c.author_id).bind(c.created_at)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks an open comment of this text resolved; false when there is none.
pub async fn resolve_comment_in(
    tx: &mut Tx,
    text_id: &str,
    id: &str,
    by: &str,
    at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE joint_text_comments SET resolved_by = $1, resolved_at = $2 \
         WHERE id = $3 AND text_id = $4 AND resolved_at IS NULL")
        .bind(by).bind(at).bind(id).bind(text_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

const AMENDMENT_COLUMNS: &str = "a.id, a.text_id, a.version, a.paragraph, a.replacement, \
     a.reason, a.author_id, u.display_name AS author_name, a.created_at, a.state, \
     a.decided_by, a.decided_at, a.result_version";

/// A text's amendments, oldest first.
pub async fn amendments(db: &Db, text_id: &str) -> Result<Vec<Amendment>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {AMENDMENT_COLUMNS} FROM joint_text_amendments a \
         LEFT JOIN users u ON u.id = a.author_id WHERE a.text_id = $1 \
         ORDER BY a.created_at, a.id"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(text_id).fetch_all(p).await)?)
}

/// One amendment of this text.
pub async fn amendment(db: &Db, text_id: &str, id: &str) -> Result<Option<Amendment>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {AMENDMENT_COLUMNS} FROM joint_text_amendments a \
         LEFT JOIN users u ON u.id = a.author_id WHERE a.text_id = $1 AND a.id = $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(text_id).bind(id).fetch_optional(p).await)?)
}

pub async fn insert_amendment_in(tx: &mut Tx, a: &Amendment) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO joint_text_amendments (id, text_id, version, paragraph, replacement, \
         reason, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&a.id).bind(&a.text_id).bind(a.version).bind(a.paragraph).bind(&a.replacement)
        .bind(&a.reason).bind(&a.author_id).bind(a.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records the decision on an open amendment (`accepted` with the version it made, or
/// `rejected`); false when it was decided already. Written first in its transaction, so
/// that two editors deciding at once cannot both apply it.
pub async fn decide_amendment_in(
    tx: &mut Tx,
    text_id: &str,
    id: &str,
    state: &str,
    by: &str,
    at: i64,
    result_version: Option<i64>,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE joint_text_amendments SET state = $1, decided_by = $2, decided_at = $3, \
         result_version = $4 WHERE id = $5 AND text_id = $6 AND state = 'open'")
        .bind(state).bind(by).bind(at).bind(result_version).bind(id).bind(text_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
