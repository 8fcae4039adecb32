//! Files attached to posts.

use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

/// A file attached to a post (its bytes are in the attachment store, by `sha256`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostFile {
    pub id: String,
    pub post_id: String,
    pub thread_id: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub active_content: String,
    pub created_at: i64,
}

/// Records a file of a post, counting its bytes against `charge` (over quota: the store's
/// `OverQuota`, and the caller's transaction is dropped).
pub async fn add_file_in(tx: &mut Tx, f: &PostFile, charge: &crate::quota::Charge) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_post_files (id, post_id, thread_id, filename, media_type, size, \
                     sha256, active_content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(&f.id).bind(&f.post_id).bind(&f.thread_id).bind(&f.filename).bind(&f.media_type)
            .bind(f.size).bind(&f.sha256).bind(&f.active_content).bind(f.created_at)
            .execute(&mut *c).await?;
        crate::quota::charge!(c, charge);
        Ok::<_, StoreError>(())
    })
}

const FILE_SELECT: &str = "SELECT f.id, f.post_id, f.thread_id, f.filename, f.media_type, f.size, \
     f.sha256, f.active_content, f.created_at FROM group_post_files f";

/// The files of posts `from..=to` (by number) of a thread, in one query.
pub async fn files_of_posts(db: &Db, thread_id: &str, from: i64, to: i64) -> Result<Vec<PostFile>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{FILE_SELECT} JOIN group_posts p ON p.id = f.post_id \
         WHERE f.thread_id = $1 AND p.n BETWEEN $2 AND $3 ORDER BY p.n, f.created_at, f.filename"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, PostFile>(sql).bind(thread_id).bind(from).bind(to).fetch_all(p).await)?,
    )
}

/// One file of one post.
pub async fn file(db: &Db, post_id: &str, file_id: &str) -> Result<PostFile> {
    let sql = sqlx::AssertSqlSafe(format!("{FILE_SELECT} WHERE f.id = $1 AND f.post_id = $2"));
    on_db!(db, p => sqlx::query_as::<_, PostFile>(sql).bind(file_id).bind(post_id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}
