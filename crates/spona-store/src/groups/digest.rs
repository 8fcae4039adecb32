//! What digests read: members due, new posts, newly linked resources and the group's
//! events, and the digests' cursor.

use super::LinkedTitle;
use crate::{Db, Result, StoreError, Tx, on_db, on_tx};

/// A member due for a digest.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub group_id: String,
    pub group_name: String,
    /// The language the group's own name is written in.
    pub group_lang: String,
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
        "SELECT m.group_id, g.name AS group_name, g.lang AS group_lang, m.user_id, u.email, m.mail, m.locale, m.digest_until \
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
