//! Federation (issue 20): organisations' age identities (sealed), partner deployments,
//! which organisations exchange with which, the outbox and the inbox. See migration 0120.

pub mod arrivals;
pub mod packets;
pub mod referrals;
pub mod refusals;
pub mod vault_chunks;
pub mod vault_items;
pub mod vault_withdrawals;

use crate::{Db, Result, Tx, conflict, now, on_db, on_tx};

/// A local organisation's identity: its public recipient and the sealed secret.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgKey {
    pub org_id: String,
    pub recipient: String,
    pub identity_sealed: String,
}

pub async fn org_keys(db: &Db) -> Result<Vec<OrgKey>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, OrgKey>(
        "SELECT org_id, recipient, identity_sealed FROM federation_org_keys ORDER BY org_id")
        .fetch_all(p).await)?)
}

pub async fn org_key_in(tx: &mut Tx, org_id: &str) -> Result<Option<OrgKey>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, OrgKey>(
        "SELECT org_id, recipient, identity_sealed FROM federation_org_keys WHERE org_id = $1")
        .bind(org_id).fetch_optional(&mut *c).await)?)
}

/// Organisations without an identity yet.
pub async fn orgs_without_key(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT id FROM organisations o WHERE NOT EXISTS \
         (SELECT 1 FROM federation_org_keys k WHERE k.org_id = o.id) ORDER BY id")
        .fetch_all(p).await)?)
}

/// Stores an identity unless the organisation has one already (another server won).
pub async fn add_org_key(db: &Db, org_id: &str, recipient: &str, sealed: &str) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO federation_org_keys (org_id, recipient, identity_sealed, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (org_id) DO NOTHING")
        .bind(org_id).bind(recipient).bind(sealed).bind(now()).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count_org_keys(db: &Db) -> Result<i64> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM federation_org_keys").fetch_one(p).await)?)
}

/// A partner deployment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub base_url: String,
    pub inbox: String,
    pub signing_key: String,
    pub fingerprint: String,
    /// `active` or `key-changed`.
    pub status: String,
    pub pending_key: Option<String>,
    pub pending_fingerprint: Option<String>,
    pub added_at: i64,
    pub checked_at: i64,
}

impl Partner {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

const PARTNER: &str = "SELECT id, name, base_url, inbox, signing_key, fingerprint, status, \
    pending_key, pending_fingerprint, added_at, checked_at FROM federation_partners";

pub async fn partners(db: &Db) -> Result<Vec<Partner>> {
    let q = format!("{PARTNER} ORDER BY name, id");
    Ok(on_db!(db, p => sqlx::query_as::<_, Partner>(sqlx::AssertSqlSafe(q)).fetch_all(p).await)?)
}

pub async fn partner(db: &Db, id: &str) -> Result<Option<Partner>> {
    let q = format!("{PARTNER} WHERE id = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Partner>(sqlx::AssertSqlSafe(q)).bind(id).fetch_optional(p).await)?,
    )
}

/// The partner pinned to this signing key (hex), whatever its status.
pub async fn partner_by_key(db: &Db, key: &str) -> Result<Option<Partner>> {
    let q = format!("{PARTNER} WHERE signing_key = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Partner>(sqlx::AssertSqlSafe(q)).bind(key).fetch_optional(p).await)?,
    )
}

/// What a verified key document says of a partner.
#[derive(Debug, Clone)]
pub struct NewPartner<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub base_url: &'a str,
    pub inbox: &'a str,
    pub signing_key: &'a str,
    pub fingerprint: &'a str,
    pub added_by: Option<&'a str>,
}

pub async fn insert_partner_in(tx: &mut Tx, p: &NewPartner<'_>) -> Result<()> {
    let at = now();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_partners (id, name, base_url, inbox, signing_key, fingerprint, \
         status, added_by, added_at, checked_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)")
        .bind(p.id).bind(p.name).bind(p.base_url).bind(p.inbox).bind(p.signing_key)
        .bind(p.fingerprint).bind(p.added_by).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected())).map_err(conflict)?;
    Ok(())
}

/// The partner's document named another signing key: held until an admin confirms it.
pub async fn key_changed_in(tx: &mut Tx, id: &str, key: &str, fingerprint: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_partners SET status = 'key-changed', pending_key = $2, \
         pending_fingerprint = $3, checked_at = $4 WHERE id = $1")
        .bind(id).bind(key).bind(fingerprint).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An admin confirmed the pending key: it becomes the pinned one.
pub async fn confirm_key_in(tx: &mut Tx, id: &str, name: &str, inbox: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_partners SET status = 'active', signing_key = pending_key, \
         fingerprint = pending_fingerprint, pending_key = NULL, pending_fingerprint = NULL, \
         name = $2, inbox = $3, checked_at = $4 WHERE id = $1 AND pending_key IS NOT NULL")
        .bind(id).bind(name).bind(inbox).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

/// A document with the pinned key was read again: its name and inbox as it says.
pub async fn touch_partner_in(tx: &mut Tx, id: &str, name: &str, inbox: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_partners SET name = $2, inbox = $3, checked_at = $4 WHERE id = $1")
        .bind(id).bind(name).bind(inbox).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One of the partner's organisations.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RemoteOrg {
    pub partner_id: String,
    pub org_id: String,
    pub slug: String,
    pub name: String,
    pub recipient: String,
}

/// Replaces the partner's organisations with those of its latest verified document.
pub async fn set_partner_orgs_in(tx: &mut Tx, partner_id: &str, orgs: &[RemoteOrg]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM federation_partner_orgs WHERE partner_id = $1")
        .bind(partner_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for o in orgs {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO federation_partner_orgs (partner_id, org_id, slug, name, recipient) \
             VALUES ($1, $2, $3, $4, $5)")
            .bind(partner_id).bind(&o.org_id).bind(&o.slug).bind(&o.name).bind(&o.recipient)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

pub async fn partner_orgs(db: &Db, partner_id: &str) -> Result<Vec<RemoteOrg>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, RemoteOrg>(
        "SELECT partner_id, org_id, slug, name, recipient FROM federation_partner_orgs \
         WHERE partner_id = $1 ORDER BY name, org_id")
        .bind(partner_id).fetch_all(p).await)?)
}

pub async fn partner_org_in(
    tx: &mut Tx,
    partner_id: &str,
    org_id: &str,
) -> Result<Option<RemoteOrg>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, RemoteOrg>(
        "SELECT partner_id, org_id, slug, name, recipient FROM federation_partner_orgs \
         WHERE partner_id = $1 AND org_id = $2")
        .bind(partner_id).bind(org_id).fetch_optional(&mut *c).await)?)
}

/// Which local organisation exchanges with which of a partner's.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Link {
    pub partner_id: String,
    pub local_org: String,
    pub remote_org: String,
    pub created_at: i64,
}

pub async fn links(db: &Db, partner_id: &str) -> Result<Vec<Link>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Link>(
        "SELECT partner_id, local_org, remote_org, created_at FROM federation_links \
         WHERE partner_id = $1 ORDER BY local_org, remote_org")
        .bind(partner_id).fetch_all(p).await)?)
}

pub async fn all_links(db: &Db) -> Result<Vec<Link>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Link>(
        "SELECT partner_id, local_org, remote_org, created_at FROM federation_links \
         ORDER BY partner_id, local_org, remote_org")
        .fetch_all(p).await)?)
}

pub async fn add_link_in(
    tx: &mut Tx,
    partner_id: &str,
    local_org: &str,
    remote_org: &str,
    by: Option<&str>,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_links (partner_id, local_org, remote_org, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
        .bind(partner_id).bind(local_org).bind(remote_org).bind(by).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn remove_link_in(
    tx: &mut Tx,
    partner_id: &str,
    local_org: &str,
    remote_org: &str,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM federation_links WHERE partner_id = $1 AND local_org = $2 AND remote_org = $3")
        .bind(partner_id).bind(local_org).bind(remote_org)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn is_linked_in(
    tx: &mut Tx,
    partner_id: &str,
    local_org: &str,
    remote_org: &str,
) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM federation_links WHERE partner_id = $1 AND local_org = $2 \
         AND remote_org = $3")
        .bind(partner_id).bind(local_org).bind(remote_org).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

/// Takes the partner's row for the transaction (its first statement, a write): packets
/// of one partner are numbered and received one transaction at a time.
pub async fn lock_partner_in(tx: &mut Tx, id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE federation_partners SET checked_at = checked_at WHERE id = $1")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The partner of a transaction, after [`lock_partner_in`].
pub async fn partner_in(tx: &mut Tx, id: &str) -> Result<Option<Partner>> {
    let q = format!("{PARTNER} WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Partner>(sqlx::AssertSqlSafe(q)).bind(id)
        .fetch_optional(&mut *c).await)?,
    )
}
