//! Working groups: members, linked resources, threads and their posts, read state, per-thread
//! choices and the digests' cursor. Lists load in a fixed number of queries.
//!
//! `mod.rs`: groups, members, linked resources; `threads`, `search`, `digest`, `files`,
//! `names` (names and descriptions in more languages), `newsletters` (a group's newsletters).

mod digest;
mod files;
mod names;
mod newsletters;
mod search;
mod threads;

pub use digest::*;
pub use files::*;
pub use names::*;
pub use newsletters::*;
pub use search::*;
pub use threads::*;

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
    /// The language of the group's own name.
    pub lang: String,
    pub role: String,
    pub mail: String,
}

pub async fn of_user(db: &Db, user_id: &str) -> Result<Vec<MyGroup>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MyGroup>(
        "SELECT g.id AS group_id, g.name, g.lang, m.role, m.mail FROM group_members m \
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
