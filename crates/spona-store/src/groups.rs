//! Working groups: members, linked resources, threads and their posts, read state, per-thread
//! choices and the digests' cursor. Lists load in a fixed number of queries.

use crate::{Db, Result, StoreError, Tx, new_id, on_db, on_tx};

/// A working group as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub description: String,
    pub lang: String,
    pub network_id: Option<String>,
    pub network_slug: Option<String>,
    pub network_name: Option<String>,
    pub join_policy: String,
    pub created_by: String,
    pub created_at: i64,
    pub member_count: i64,
    /// A code of the THEMES vocabulary, or none.
    pub theme: Option<String>,
}

const GROUP_SELECT: &str = "SELECT g.id, g.name, g.description, g.lang, g.network_id, \
     n.slug AS network_slug, n.name AS network_name, g.join_policy, g.created_by, g.created_at, \
     (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND m.role <> 'requested') AS member_count, g.theme \
     FROM working_groups g LEFT JOIN networks n ON n.id = g.network_id";

/// What a new group holds.
pub struct NewGroup<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub lang: &'a str,
    pub network_id: Option<&'a str>,
    pub join_policy: &'a str,
    pub created_by: &'a str,
    /// The locale the creator's mail is written in.
    pub locale: &'a str,
    /// A code of the THEMES vocabulary, or none.
    pub theme: Option<&'a str>,
}

/// Creates a group with its creator as coordinator; returns its id.
pub async fn create_in(
    tx: &mut Tx,
    g: &NewGroup<'_>,
    once: Option<&crate::idempotency::Once>,
    at: i64,
) -> Result<String> {
    let id = new_id();
    on_tx!(tx, c => {
        if let Some(once) = once {
            crate::claim_once!(&mut *c, once, &id);
        }
        sqlx::query("INSERT INTO working_groups (id, name, description, lang, network_id, join_policy, created_by, created_at, theme) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(&id).bind(g.name).bind(g.description).bind(g.lang).bind(g.network_id)
            .bind(g.join_policy).bind(g.created_by).bind(at).bind(g.theme)
            .execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })?;
    set_member_in(tx, &id, g.created_by, "coordinator", g.locale, at).await?;
    Ok(id)
}

/// Every group (optionally of one network), by name.
pub async fn list(db: &Db, network_id: Option<&str>) -> Result<Vec<Group>> {
    list_filtered(db, network_id, None).await
}

/// Every group, optionally of one network and of one theme, by name.
pub async fn list_filtered(
    db: &Db,
    network_id: Option<&str>,
    theme: Option<&str>,
) -> Result<Vec<Group>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{GROUP_SELECT} WHERE ($1 IS NULL OR g.network_id = $1) AND ($2 IS NULL OR g.theme = $2) \
         ORDER BY g.name, g.id"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Group>(sql).bind(network_id).bind(theme).fetch_all(p).await)?,
    )
}

pub async fn get(db: &Db, id: &str) -> Result<Group> {
    let sql = sqlx::AssertSqlSafe(format!("{GROUP_SELECT} WHERE g.id = $1"));
    on_db!(db, p => sqlx::query_as::<_, Group>(sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// A person's role in a group (`coordinator`, `member`, `requested`), if any.
pub async fn role_of(db: &Db, group_id: &str, user_id: &str) -> Result<Option<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group_id).bind(user_id).fetch_optional(p).await)?)
}

/// Adds a person or changes their role; their mail choice and cursor stay.
pub async fn set_member_in(
    tx: &mut Tx,
    group_id: &str,
    user_id: &str,
    role: &str,
    locale: &str,
    at: i64,
) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_members (group_id, user_id, role, since, locale, digest_until) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role")
            // Digests start with what is written from the second they joined on.
            .bind(group_id).bind(user_id).bind(role).bind(at).bind(locale).bind(at - 1)
            .execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

pub async fn remove_member_in(tx: &mut Tx, group_id: &str, user_id: &str) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
            .bind(group_id).bind(user_id).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

/// How many coordinators a group has.
pub async fn coordinator_count_in(tx: &mut Tx, group_id: &str) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = 'coordinator'")
        .bind(group_id).fetch_one(&mut *c).await)?)
}

/// A member as the group page shows them: one row per organisation they belong to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: String,
    pub display_name: String,
    pub role: String,
    pub org_slug: Option<String>,
    pub org_name: Option<String>,
    pub country: Option<String>,
}

/// Members and requests with their organisations, coordinators first.
pub async fn members(db: &Db, group_id: &str) -> Result<Vec<MemberRow>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MemberRow>(
        "SELECT m.user_id, u.display_name, m.role, o.slug AS org_slug, o.name AS org_name, o.country \
         FROM group_members m JOIN users u ON u.id = m.user_id \
         LEFT JOIN memberships ms ON ms.user_id = m.user_id \
         LEFT JOIN organisations o ON o.id = ms.org_id \
         WHERE m.group_id = $1 \
         ORDER BY CASE m.role WHEN 'coordinator' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, u.display_name, m.user_id, o.name")
        .bind(group_id).fetch_all(p).await)?)
}

/// A person's groups with their role and mail choice, and whether they left the group's
/// list by unsubscribing is decided by the caller (`mail_optouts`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyGroup {
    pub group_id: String,
    pub name: String,
    pub role: String,
    pub mail: String,
}

pub async fn of_user(db: &Db, user_id: &str) -> Result<Vec<MyGroup>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MyGroup>(
        "SELECT g.id AS group_id, g.name, m.role, m.mail FROM group_members m \
         JOIN working_groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY g.name, g.id")
        .bind(user_id).fetch_all(p).await)?)
}

/// Sets a member's mail choice and the locale it is written in.
pub async fn set_mail_in(
    tx: &mut Tx,
    group_id: &str,
    user_id: &str,
    mail: &str,
    locale: &str,
) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("UPDATE group_members SET mail = $3, locale = $4 WHERE group_id = $1 AND user_id = $2 AND role <> 'requested'")
            .bind(group_id).bind(user_id).bind(mail).bind(locale).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

// ---- resources ----

/// A linked resource with its titles (`lang`, `script`, `title` per variant).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedTitle {
    pub resource_id: String,
    pub lang: String,
    pub script: String,
    pub title: String,
}

pub async fn resources(db: &Db, group_id: &str) -> Result<Vec<LinkedTitle>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, LinkedTitle>(
        "SELECT l.resource_id, v.lang, v.script, v.title FROM group_resources l \
         JOIN resource_variants v ON v.resource_id = l.resource_id \
         WHERE l.group_id = $1 ORDER BY l.linked_at, l.resource_id, v.lang")
        .bind(group_id).fetch_all(p).await)?)
}

pub async fn link_resource_in(
    tx: &mut Tx,
    group_id: &str,
    resource_id: &str,
    by: &str,
    at: i64,
) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO group_resources (group_id, resource_id, linked_by, linked_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (group_id, resource_id) DO NOTHING")
            .bind(group_id).bind(resource_id).bind(by).bind(at).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

pub async fn unlink_resource_in(tx: &mut Tx, group_id: &str, resource_id: &str) -> Result<()> {
    on_tx!(tx, c => {
        let n = sqlx::query("DELETE FROM group_resources WHERE group_id = $1 AND resource_id = $2")
            .bind(group_id).bind(resource_id).execute(&mut *c).await?;
        crate::users::found(n.rows_affected())
    })
}

// ---- threads and posts ----

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

// ---- search ----

/// A post found by a search, with its thread's title.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    pub post_id: String,
    pub thread_id: String,
    pub title: String,
    pub n: i64,
    pub body: String,
    pub author_name: String,
}

/// Posts of the groups `user_id` is a member of, in threads not hidden, holding for every
/// word one of its terms. `words`: per query word, its analysed terms.
pub async fn search(db: &Db, user_id: &str, words: &[Vec<String>], limit: i64) -> Result<Vec<Hit>> {
    let mut sql = String::from(
        "SELECT p.id AS post_id, p.thread_id, t.title, p.n, p.body, u.display_name AS author_name \
         FROM group_posts p JOIN group_threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
         WHERE t.hidden_reason IS NULL AND t.deleted_at IS NULL AND p.group_id IN \
         (SELECT group_id FROM group_members WHERE user_id = $1 AND role <> 'requested')",
    );
    let mut args: Vec<String> = Vec::new();
    for terms in words {
        sql.push_str(" AND (");
        for (i, term) in terms.iter().enumerate() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            args.push(format!("% {term} %"));
            sql.push_str(&format!("p.search_text LIKE ${}", args.len() + 1));
        }
        sql.push(')');
    }
    sql.push_str(&format!(
        " ORDER BY p.created_at DESC, p.id LIMIT ${}",
        args.len() + 2
    ));
    let sql = sqlx::AssertSqlSafe(sql);
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, Hit>(sql).bind(user_id);
        for a in &args {
            q = q.bind(a);
        }
        q.bind(limit).fetch_all(p).await
    })?)
}

// ---- digests ----

/// A member due for a digest.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub group_id: String,
    pub group_name: String,
    pub user_id: String,
    pub email: String,
    pub mail: String,
    pub locale: String,
    pub digest_until: i64,
}

/// The next `limit` members after `(group_id, user_id)` whose digest choice is due at `at`:
/// daily digests a day after the last one, weekly a week after. Keyset paging, so a run
/// holds one batch at a time whatever the number of members.
pub async fn due_subscribers(
    db: &Db,
    after: (&str, &str),
    at: i64,
    limit: i64,
) -> Result<Vec<Subscriber>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Subscriber>(
        "SELECT m.group_id, g.name AS group_name, m.user_id, u.email, m.mail, m.locale, m.digest_until \
         FROM group_members m JOIN users u ON u.id = m.user_id JOIN working_groups g ON g.id = m.group_id \
         WHERE (m.group_id > $1 OR (m.group_id = $1 AND m.user_id > $2)) \
           AND m.role <> 'requested' AND NOT u.disabled \
           AND ((m.mail = 'daily' AND m.digest_until <= $3 - 86400 + 600) \
             OR (m.mail = 'weekly' AND m.digest_until <= $3 - 604800 + 600)) \
         ORDER BY m.group_id, m.user_id LIMIT $4")
        .bind(after.0).bind(after.1).bind(at).bind(limit).fetch_all(p).await)?)
}

/// A post a digest tells of.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DigestPost {
    pub thread_id: String,
    pub title: String,
    pub n: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

/// Posts of the group written in `(after, until]` by others, in threads not hidden, that
/// `user_id` has not read on the site.
pub async fn digest_posts(
    db: &Db,
    group_id: &str,
    user_id: &str,
    after: i64,
    until: i64,
) -> Result<Vec<DigestPost>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, DigestPost>(
        "SELECT p.thread_id, t.title, p.n, u.display_name AS author_name, p.body, p.created_at \
         FROM group_posts p JOIN group_threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
         LEFT JOIN group_reads r ON r.thread_id = p.thread_id AND r.user_id = $2 \
         LEFT JOIN group_thread_prefs pr ON pr.thread_id = p.thread_id AND pr.user_id = $2 \
         WHERE p.group_id = $1 AND p.created_at > $3 AND p.created_at <= $4 \
           AND p.author_id <> $2 AND t.hidden_reason IS NULL AND t.deleted_at IS NULL \
           AND p.n > COALESCE(r.seen, 0) AND (pr.choice IS NULL OR pr.choice <> 'mute') \
         ORDER BY t.created_at, p.thread_id, p.n")
        .bind(group_id).bind(user_id).bind(after).bind(until).fetch_all(p).await)?)
}

/// Resources linked to the group in `(after, until]`.
pub async fn digest_resources(
    db: &Db,
    group_id: &str,
    after: i64,
    until: i64,
) -> Result<Vec<LinkedTitle>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, LinkedTitle>(
        "SELECT l.resource_id, v.lang, v.script, v.title FROM group_resources l \
         JOIN resource_variants v ON v.resource_id = l.resource_id \
         WHERE l.group_id = $1 AND l.linked_at > $2 AND l.linked_at <= $3 ORDER BY l.linked_at, l.resource_id, v.lang")
        .bind(group_id).bind(after).bind(until).fetch_all(p).await)?)
}

/// Moves a member's digest cursor to `until`.
pub async fn set_digest_until_in(
    tx: &mut Tx,
    group_id: &str,
    user_id: &str,
    until: i64,
) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE group_members SET digest_until = $3 WHERE group_id = $1 AND user_id = $2")
            .bind(group_id).bind(user_id).bind(until).execute(&mut *c).await?;
        Ok::<_, StoreError>(())
    })
}

// ---- files attached to posts ----

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

// ---- the group's events, for digests ----

/// An event of a group as a digest tells of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DigestEvent {
    pub id: String,
    pub title: String,
    pub starts_local: String,
    pub zone: String,
    pub starts_at: i64,
}

/// Events of the group created in `(from, until]` and not cancelled, soonest first (read
/// from the events' own table; events keep their `group_id`).
pub async fn digest_events(
    db: &Db,
    group_id: &str,
    from: i64,
    until: i64,
) -> Result<Vec<DigestEvent>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, DigestEvent>(
        "SELECT id, title, starts_local, zone, starts_at FROM events \
         WHERE group_id = $1 AND created_at > $2 AND created_at <= $3 AND cancelled = 0 \
         ORDER BY starts_at, id")
        .bind(group_id).bind(from).bind(until).fetch_all(p).await)?)
}

/// Gives the events titled `title` that belong to no group to group `group_id` (demo data:
/// the events form does not set a group yet).
pub async fn give_events_titled(db: &Db, title: &str, group_id: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE events SET group_id = $1 WHERE group_id IS NULL AND title = $2")
        .bind(group_id).bind(title).execute(p).await.map(|_| ()))?;
    Ok(())
}
