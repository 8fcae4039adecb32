//! People with accounts, and their roles in organisations.

use spona_domain::ids::UserId;
use spona_domain::role::{OrgRole, PlatformRole};

use crate::{Db, Result, StoreError, Tx, conflict, new_id, now, on_db, on_tx};

/// A user account as stored (the password hash never leaves the auth code paths).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    #[sqlx(try_from = "String")]
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    #[sqlx(try_from = "String")]
    pub platform_role: PlatformRole,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub disabled: bool,
    pub created_at: i64,
}

impl User {
    pub fn is_platform_admin(&self) -> bool {
        self.platform_role == PlatformRole::Admin
    }
}

/// One organisation a user belongs to, with the user's role there.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Membership {
    pub org_id: String,
    pub org_slug: String,
    pub org_name: String,
    #[sqlx(try_from = "String")]
    pub role: OrgRole,
}

impl Membership {
    pub fn role(&self) -> OrgRole {
        self.role
    }
}

/// A person in an organisation's people list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: OrgRole,
    pub disabled: bool,
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, platform_role, totp_secret, \
     totp_last_step, disabled, created_at";

/// E-mail addresses are compared case-insensitively: stored lower-cased and trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn create(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role: PlatformRole,
) -> Result<String> {
    let id = new_id();
    let t = now();
    on_db!(db, p => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)")
        .bind(&id)
        .bind(normalise_email(email))
        .bind(display_name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(t)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(id)
}

pub async fn get(db: &Db, id: &str) -> Result<User> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"));
    on_db!(db, p => sqlx::query_as::<_, User>(sql).bind(id).fetch_optional(p).await)?
        .ok_or(StoreError::NotFound)
}

/// [`get`] inside a use case's transaction.
pub async fn get_in(tx: &mut Tx, id: &str) -> Result<User> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"));
    on_tx!(tx, c => sqlx::query_as::<_, User>(sql).bind(id).fetch_optional(&mut *c).await)?
        .ok_or(StoreError::NotFound)
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<User>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, User>(sql)
        .bind(normalise_email(email))
        .fetch_optional(p)
        .await)?)
}

pub async fn list(db: &Db) -> Result<Vec<User>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users ORDER BY email"));
    Ok(on_db!(db, p => sqlx::query_as::<_, User>(sql).fetch_all(p).await)?)
}

/// Whether this person's e-mail address is proven: a link mailed to it (an invitation or a
/// password reset) was used. Nobody else ever saw such a link, so a proven address is one
/// its owner reads — what a vault team needs before adding someone by address.
pub async fn email_proven(db: &Db, id: &str) -> Result<bool> {
    let row: Option<(Option<i64>,)> = on_db!(db, p => sqlx::query_as(
        "SELECT email_proven_at FROM users WHERE id = $1")
        .bind(id).fetch_optional(p).await)?;
    Ok(row.ok_or(StoreError::NotFound)?.0.is_some())
}

/// Records that a link mailed to this person's address was used.
pub async fn mark_email_proven(db: &Db, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    mark_email_proven_in(&mut tx, id).await?;
    tx.commit().await
}

/// [`mark_email_proven`] inside a use case's transaction.
pub async fn mark_email_proven_in(tx: &mut Tx, id: &str) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET email_proven_at = COALESCE(email_proven_at, $1) WHERE id = $2")
        .bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

pub async fn set_password(db: &Db, id: &str, password_hash: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    set_password_in(&mut tx, id, password_hash).await?;
    tx.commit().await
}

/// [`set_password`] inside a use case's transaction.
pub async fn set_password_in(tx: &mut Tx, id: &str, password_hash: &str) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash).bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

pub async fn set_totp(db: &Db, id: &str, secret: Option<&str>) -> Result<()> {
    let mut tx = db.begin().await?;
    set_totp_in(&mut tx, id, secret).await?;
    tx.commit().await
}

/// [`set_totp`] inside a use case's transaction.
pub async fn set_totp_in(tx: &mut Tx, id: &str, secret: Option<&str>) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET totp_secret = $1, totp_last_step = NULL, updated_at = $2 WHERE id = $3")
        .bind(secret).bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

/// Records that the TOTP code of time step `step` was used. Returns false if that step (or
/// a later one) was used already, so every code is accepted once.
pub async fn claim_totp_step(db: &Db, id: &str, step: i64) -> Result<bool> {
    let mut tx = db.begin().await?;
    let claimed = claim_totp_step_in(&mut tx, id, step).await?;
    tx.commit().await?;
    Ok(claimed)
}

/// [`claim_totp_step`] inside a use case's transaction.
pub async fn claim_totp_step_in(tx: &mut Tx, id: &str, step: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
         AND (totp_last_step IS NULL OR totp_last_step < $1)")
        .bind(step).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn set_disabled(db: &Db, id: &str, disabled: bool) -> Result<()> {
    let mut tx = db.begin().await?;
    set_disabled_in(&mut tx, id, disabled).await?;
    tx.commit().await
}

/// [`set_disabled`] inside a use case's transaction.
pub async fn set_disabled_in(tx: &mut Tx, id: &str, disabled: bool) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
        .bind(disabled).bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

pub async fn set_platform_role(db: &Db, id: &str, role: PlatformRole) -> Result<()> {
    let mut tx = db.begin().await?;
    set_platform_role_in(&mut tx, id, role).await?;
    tx.commit().await
}

/// [`set_platform_role`] inside a use case's transaction.
pub async fn set_platform_role_in(tx: &mut Tx, id: &str, role: PlatformRole) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET platform_role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str()).bind(now()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

/// The organisations a user belongs to.
pub async fn memberships(db: &Db, user_id: &str) -> Result<Vec<Membership>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Membership>(
        "SELECT m.org_id, o.slug AS org_slug, o.name AS org_name, m.role \
         FROM memberships m JOIN organisations o ON o.id = m.org_id \
         WHERE m.user_id = $1 ORDER BY o.sort_key")
        .bind(user_id).fetch_all(p).await)?)
}

/// The people of an organisation.
pub async fn members_of(db: &Db, org_id: &str) -> Result<Vec<Member>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Member>(
        "SELECT u.id AS user_id, u.display_name, u.email, m.role, u.disabled \
         FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 ORDER BY u.display_name")
        .bind(org_id).fetch_all(p).await)?)
}

/// Adds a user to an organisation, or changes their role there.
pub async fn set_membership(db: &Db, user_id: &str, org_id: &str, role: OrgRole) -> Result<()> {
    let mut tx = db.begin().await?;
    set_membership_in(&mut tx, user_id, org_id, role).await?;
    tx.commit().await
}

/// [`set_membership`] inside a use case's transaction.
pub async fn set_membership_in(
    tx: &mut Tx,
    user_id: &str,
    org_id: &str,
    role: OrgRole,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role")
        .bind(user_id).bind(org_id).bind(role.as_str()).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn remove_membership(db: &Db, user_id: &str, org_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    remove_membership_in(&mut tx, user_id, org_id).await?;
    tx.commit().await
}

/// [`remove_membership`] inside a use case's transaction.
pub async fn remove_membership_in(tx: &mut Tx, user_id: &str, org_id: &str) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM memberships WHERE user_id = $1 AND org_id = $2")
        .bind(user_id).bind(org_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    found(n)
}

/// The person's role in the organisation, read inside a use case's transaction (`None`
/// when they are not a member).
pub async fn role_in(tx: &mut Tx, user_id: &str, org_id: &str) -> Result<Option<OrgRole>> {
    let row: Option<(String,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT role FROM memberships WHERE user_id = $1 AND org_id = $2")
        .bind(user_id).bind(org_id).fetch_optional(&mut *c).await)?;
    row.map(|(r,)| {
        OrgRole::try_from(r).map_err(|e| StoreError::Database(sqlx::Error::Decode(Box::new(e))))
    })
    .transpose()
}

/// Locks the organisation's admins for the rest of the transaction, so that a use case that
/// checks "is someone else still an admin?" and then demotes or removes one cannot race
/// another doing the same: the second waits for the first's commit and then counts what it
/// left. Call it first in the transaction. PostgreSQL: a row lock on the organisation
/// (`FOR NO KEY UPDATE`, which does not hold up rows that only refer to it). SQLite: takes
/// the database's write lock now (a write that changes nothing), waiting up to the busy
/// timeout, instead of upgrading a read later, which fails at once when another writer
/// committed in between.
pub async fn lock_admins_in(tx: &mut Tx, org_id: &str) -> Result<()> {
    match tx {
        Tx::Sqlite(c) => {
            sqlx::query("UPDATE organisations SET updated_at = updated_at WHERE id = $1")
                .bind(org_id)
                .execute(&mut **c)
                .await?;
        }
        Tx::Postgres(c) => {
            sqlx::query("SELECT id FROM organisations WHERE id = $1 FOR NO KEY UPDATE")
                .bind(org_id)
                .fetch_optional(&mut **c)
                .await?;
        }
    }
    Ok(())
}

/// How many admins an organisation has (an organisation must keep at least one).
pub async fn admin_count(db: &Db, org_id: &str) -> Result<i64> {
    let mut tx = db.begin().await?;
    let n = admin_count_in(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(n)
}

/// [`admin_count`] inside a use case's transaction (after [`lock_admins_in`] when the
/// answer decides a change).
pub async fn admin_count_in(tx: &mut Tx, org_id: &str) -> Result<i64> {
    let (n,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'admin'")
        .bind(org_id).fetch_one(&mut *c).await)?;
    Ok(n)
}

pub(crate) fn found(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
