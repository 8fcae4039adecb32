//! Threads and their posts, edits, read state, per-thread choices and who is told of a post.

use crate::{Db, Result, StoreError, Tx, new_id, on_db, on_tx};

/// A thread in a group's list, with what the reader has seen of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Thread {
    pub id: String,
    pub group_id: String,
    pub author_id: String,
    pub author_name: String,
    pub title: String,
    pub post_count: i64,
    pub hidden_reason: Option<String>,
    /// Set when its author or a coordinator deleted it.
    pub deleted_at: Option<i64>,
    pub created_at: i64,
    pub last_post_at: i64,
    /// Posts the reader has read (0 when never opened).
    pub seen: i64,
    /// The reader's choice: `follow`, `mute` or none.
    pub choice: Option<String>,
}

const THREAD_SELECT: &str = "SELECT t.id, t.group_id, t.author_id, u.display_name AS author_name, t.title, \
     t.post_count, t.hidden_reason, t.deleted_at, t.created_at, t.last_post_at, COALESCE(r.seen, 0) AS seen, pr.choice \
     FROM group_threads t JOIN users u ON u.id = t.author_id \
     LEFT JOIN group_reads r ON r.thread_id = t.id AND r.user_id = $1 \
     LEFT JOIN group_thread_prefs pr ON pr.thread_id = t.id AND pr.user_id = $1";

/// A group's threads, the latest active first, with `reader`'s read state.
pub async fn threads(db: &Db, group_id: &str, reader: &str) -> Result<Vec<Thread>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{THREAD_SELECT} WHERE t.group_id = $2 AND t.deleted_at IS NULL ORDER BY t.last_post_at DESC, t.id DESC"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Thread>(sql).bind(reader).bind(group_id).fetch_all(p).await)?,
    )
}

pub async fn thread(db: &Db, id: &str, reader: &str) -> Result<Thread> {
    let sql = sqlx::AssertSqlSafe(format!("{THREAD_SELECT} WHERE t.id = $2"));
    on_db!(db, p => sqlx::query_as::<_, Thread>(sql).bind(reader).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Locks the thread and numbers the next post; refuses a hidden thread (`None`).
async fn next_number_in(tx: &mut Tx, thread_id: &str, at: i64) -> Result<Option<i64>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE group_threads SET post_count = post_count + 1, last_post_at = $2 \
         WHERE id = $1 AND hidden_reason IS NULL AND deleted_at IS NULL RETURNING post_count")
        .bind(thread_id).bind(at).fetch_optional(&mut *c).await)?)
}

/// A post to write.
pub struct NewPost<'a> {
    pub thread_id: &'a str,
    pub group_id: &'a str,
    pub author_id: &'a str,
    pub body: &'a str,
    pub search_text: &'a str,
}

/// Starts a thread with its opening post; returns the thread's id.
pub async fn create_thread_in(
    tx: &mut Tx,
    group_id: &str,
    author_id: &str,
    title: &str,
    at: i64,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_threads (id, group_id, author_id, title, created_at, last_post_at) \
                     VALUES ($1, $2, $3, $4, $5, $5)")
            .bind(&id).bind(group_id).bind(author_id).bind(title).bind(at)
            .execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// Adds a post; returns its id and number, or `None` when the thread is hidden.
/// `once` is claimed for `location_id` (the thread's id for its opening post, else the
/// post's).
pub async fn add_post_in(
    tx: &mut Tx,
    p: &NewPost<'_>,
    once: Option<(&crate::idempotency::Once, &str)>,
    at: i64,
) -> Result<Option<(String, i64)>> {
    let id = new_id();
    if let Some((once, location_id)) = once {
        let location_id = if location_id.is_empty() {
            id.as_str()
        } else {
            location_id
        };
        on_tx!(tx, c => {
            crate::claim_once!(&mut *c, once, location_id);
            Ok::<_, StoreError>(())
        })?;
    }
    let Some(n) = next_number_in(tx, p.thread_id, at).await? else {
        return Ok(None);
    };
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_posts (id, thread_id, group_id, n, author_id, body, search_text, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&id).bind(p.thread_id).bind(p.group_id).bind(n).bind(p.author_id)
            .bind(p.body).bind(p.search_text).bind(at)
            .execute(&mut *c).await?;
        // The author has read their own post.
        sqlx::query("INSERT INTO group_reads (user_id, thread_id, seen) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id, thread_id) DO UPDATE SET seen = excluded.seen")
            .bind(p.author_id).bind(p.thread_id).bind(n).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(Some((id, n)))
}

/// A post with its author.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Post {
    pub id: String,
    pub thread_id: String,
    pub group_id: String,
    pub n: i64,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
}

const POST_SELECT: &str = "SELECT p.id, p.thread_id, p.group_id, p.n, p.author_id, \
     u.display_name AS author_name, p.body, p.created_at, p.edited_at \
     FROM group_posts p JOIN users u ON u.id = p.author_id";

/// Posts `from..=to` (by number) of a thread.
pub async fn posts(db: &Db, thread_id: &str, from: i64, to: i64) -> Result<Vec<Post>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{POST_SELECT} WHERE p.thread_id = $1 AND p.n BETWEEN $2 AND $3 ORDER BY p.n"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Post>(sql).bind(thread_id).bind(from).bind(to).fetch_all(p).await)?,
    )
}

pub async fn post(db: &Db, id: &str) -> Result<Post> {
    let sql = sqlx::AssertSqlSafe(format!("{POST_SELECT} WHERE p.id = $1"));
    on_db!(db, p => sqlx::query_as::<_, Post>(sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// Replaces a post's text, keeping the old one as a version.
pub async fn edit_post_in(
    tx: &mut Tx,
    post_id: &str,
    body: &str,
    search_text: &str,
    at: i64,
) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_post_versions (post_id, version, body, saved_at) \
                     SELECT p.id, (SELECT COUNT(*) FROM group_post_versions v WHERE v.post_id = p.id) + 1, \
                            p.body, COALESCE(p.edited_at, p.created_at) \
                     FROM group_posts p WHERE p.id = $1")
            .bind(post_id).execute(&mut *c).await?;
        let n = sqlx::query("UPDATE group_posts SET body = $2, search_text = $3, edited_at = $4 WHERE id = $1")
            .bind(post_id).bind(body).bind(search_text).bind(at).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

/// An earlier text of a post.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Version {
    pub version: i64,
    pub body: String,
    pub saved_at: i64,
}

pub async fn versions(db: &Db, post_id: &str) -> Result<Vec<Version>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Version>(
        "SELECT version, body, saved_at FROM group_post_versions WHERE post_id = $1 ORDER BY version DESC")
        .bind(post_id).fetch_all(p).await)?)
}

/// Records that `user_id` read a thread up to post `seen` (never moves back).
pub async fn mark_read(db: &Db, user_id: &str, thread_id: &str, seen: i64) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO group_reads (user_id, thread_id, seen) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, thread_id) DO UPDATE SET seen = CASE WHEN group_reads.seen > excluded.seen THEN group_reads.seen ELSE excluded.seen END")
        .bind(user_id).bind(thread_id).bind(seen).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Marks a thread deleted (at `at`); not found when it is deleted already.
pub async fn delete_in(tx: &mut Tx, thread_id: &str, at: i64) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE group_threads SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL")
            .bind(thread_id).bind(at).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

/// Sets or clears a person's choice for a thread.
pub async fn set_choice(
    db: &Db,
    user_id: &str,
    thread_id: &str,
    choice: Option<&str>,
) -> Result<()> {
    match choice {
        Some(choice) => on_db!(db, p => sqlx::query(
            "INSERT INTO group_thread_prefs (user_id, thread_id, choice) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, thread_id) DO UPDATE SET choice = excluded.choice")
            .bind(user_id).bind(thread_id).bind(choice).execute(p).await.map(|_| ()))?,
        None => on_db!(db, p => sqlx::query(
            "DELETE FROM group_thread_prefs WHERE user_id = $1 AND thread_id = $2")
            .bind(user_id).bind(thread_id).execute(p).await.map(|_| ()))?,
    };
    Ok(())
}

/// Hides a thread with a reason.
pub async fn hide_in(tx: &mut Tx, thread_id: &str, reason: &str) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE group_threads SET hidden_reason = $2 WHERE id = $1")
            .bind(thread_id).bind(reason).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

// ---- who is told ----

/// A person who may get mail about a post.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub mail: String,
    pub locale: String,
    /// `follow`, `mute` or none for the thread in question.
    pub choice: Option<String>,
}

/// Every member of the group (not those waiting), with their choice for `thread_id`.
pub async fn recipients_in(tx: &mut Tx, group_id: &str, thread_id: &str) -> Result<Vec<Recipient>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Recipient>(
        "SELECT m.user_id, u.display_name, u.email, m.mail, m.locale, pr.choice \
         FROM group_members m JOIN users u ON u.id = m.user_id \
         LEFT JOIN group_thread_prefs pr ON pr.user_id = m.user_id AND pr.thread_id = $2 \
         WHERE m.group_id = $1 AND m.role <> 'requested' AND NOT u.disabled")
        .bind(group_id).bind(thread_id).fetch_all(&mut *c).await)?)
}
