//! Referrals across deployments (migration 0123): the partners' published services, the
//! referrals sent and received, their notes and each side's custody chain.

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A service a partner's organisation publishes for referrals.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RemoteService {
    pub partner_id: String,
    pub org_id: String,
    pub service_id: String,
    pub name: String,
    pub kind: String,
    /// Comma-separated field codes.
    pub asks: String,
    /// The organisation's and the partner deployment's names (read, not stored).
    pub org_name: String,
    pub partner_name: String,
}

impl RemoteService {
    pub fn asks(&self) -> Vec<String> {
        self.asks
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Replaces the partner's services with those of its latest verified document.
pub async fn set_services_in(
    tx: &mut Tx,
    partner_id: &str,
    services: &[RemoteService],
) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM federation_partner_services WHERE partner_id = $1")
        .bind(partner_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for s in services {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO federation_partner_services (partner_id, org_id, service_id, name, kind, asks) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (partner_id, service_id) DO NOTHING")
            .bind(partner_id).bind(&s.org_id).bind(&s.service_id).bind(&s.name).bind(&s.kind)
            .bind(&s.asks).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

const SERVICES: &str = "SELECT s.partner_id, s.org_id, s.service_id, s.name, s.kind, s.asks, \
    COALESCE(o.name, s.org_id) AS org_name, p.name AS partner_name \
    FROM federation_partner_services s JOIN federation_partners p ON p.id = s.partner_id \
    LEFT JOIN federation_partner_orgs o ON o.partner_id = s.partner_id AND o.org_id = s.org_id";

/// The partners' services the local organisation `org` may refer to (those of the
/// partner organisations it exchanges with).
pub async fn services_for(db: &Db, org: &str) -> Result<Vec<RemoteService>> {
    let q = format!(
        "{SERVICES} JOIN federation_links l ON l.partner_id = s.partner_id \
         AND l.remote_org = s.org_id WHERE l.local_org = $1 ORDER BY s.name, s.service_id"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RemoteService>(sqlx::AssertSqlSafe(q))
        .bind(org).fetch_all(p).await)?,
    )
}

pub async fn service(db: &Db, partner_id: &str, service_id: &str) -> Result<Option<RemoteService>> {
    let q = format!("{SERVICES} WHERE s.partner_id = $1 AND s.service_id = $2");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RemoteService>(sqlx::AssertSqlSafe(q))
        .bind(partner_id).bind(service_id).fetch_optional(p).await)?,
    )
}

/// A referral sent to, or received from, a partner's organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FedReferral {
    pub id: String,
    /// `out` (sent from here) or `in` (received).
    pub direction: String,
    pub partner_id: String,
    /// The sending side's id (the conversation is `referral:<sender_ref>`).
    pub sender_ref: String,
    pub local_org: String,
    pub remote_org: String,
    pub service_id: String,
    pub service_name: String,
    pub status: String,
    pub urgent: bool,
    pub person_sealed: Option<String>,
    pub reason_sealed: Option<String>,
    pub consent_sealed: Option<String>,
    pub consent_until: i64,
    pub outcome: Option<String>,
    pub referred_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub withdrawn_at: Option<i64>,
}

const REFERRALS: &str = "SELECT id, direction, partner_id, sender_ref, local_org, remote_org, \
    service_id, service_name, status, urgent, person_sealed, reason_sealed, consent_sealed, \
    consent_until, outcome, referred_by, created_at, updated_at, withdrawn_at \
    FROM federation_referrals";

pub async fn insert_in(tx: &mut Tx, r: &FedReferral) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_referrals (id, direction, partner_id, sender_ref, local_org, remote_org, \
         service_id, service_name, status, urgent, person_sealed, reason_sealed, consent_sealed, \
         consent_until, outcome, referred_by, created_at, updated_at, withdrawn_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)")
        .bind(&r.id).bind(&r.direction).bind(&r.partner_id).bind(&r.sender_ref).bind(&r.local_org)
        .bind(&r.remote_org).bind(&r.service_id).bind(&r.service_name).bind(&r.status)
        .bind(r.urgent).bind(&r.person_sealed).bind(&r.reason_sealed).bind(&r.consent_sealed)
        .bind(r.consent_until).bind(&r.outcome).bind(&r.referred_by).bind(r.created_at)
        .bind(r.updated_at).bind(r.withdrawn_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

pub async fn get(db: &Db, id: &str) -> Result<Option<FedReferral>> {
    let q = format!("{REFERRALS} WHERE id = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, FedReferral>(sqlx::AssertSqlSafe(q))
        .bind(id).fetch_optional(p).await)?,
    )
}

pub async fn get_in(tx: &mut Tx, id: &str) -> Result<Option<FedReferral>> {
    let q = format!("{REFERRALS} WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, FedReferral>(sqlx::AssertSqlSafe(q))
        .bind(id).fetch_optional(&mut *c).await)?,
    )
}

/// The referral of the conversation `referral:<sender_ref>` with a partner, on this side.
pub async fn by_ref_in(
    tx: &mut Tx,
    partner_id: &str,
    direction: &str,
    sender_ref: &str,
) -> Result<Option<FedReferral>> {
    let q = format!("{REFERRALS} WHERE partner_id = $1 AND direction = $2 AND sender_ref = $3");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, FedReferral>(sqlx::AssertSqlSafe(q))
        .bind(partner_id).bind(direction).bind(sender_ref).fetch_optional(&mut *c).await)?,
    )
}

/// The referrals of these local organisations, newest first.
pub async fn for_orgs(db: &Db, orgs: &[String]) -> Result<Vec<FedReferral>> {
    let mut all = Vec::new();
    for org in orgs {
        let q =
            format!("{REFERRALS} WHERE local_org = $1 ORDER BY created_at DESC, id DESC LIMIT 200");
        let mut rows = on_db!(db, p => sqlx::query_as::<_, FedReferral>(sqlx::AssertSqlSafe(q))
            .bind(org).fetch_all(p).await)?;
        all.append(&mut rows);
    }
    all.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok(all)
}

/// A new status (and outcome, when given); `updated_at` raised.
pub async fn set_status_in(
    tx: &mut Tx,
    id: &str,
    status: &str,
    outcome: Option<&str>,
    at: i64,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_referrals SET status = $2, outcome = COALESCE($3, outcome), \
         updated_at = $4 WHERE id = $1")
        .bind(id).bind(status).bind(outcome).bind(at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Consent withdrawn: the referral is closed as withdrawn and, when `erase`, the person's
/// data, the reason, the consent's terms and the notes are erased.
pub async fn withdraw_in(tx: &mut Tx, id: &str, erase: bool, at: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_referrals SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2, \
         person_sealed = CASE WHEN $3 THEN NULL ELSE person_sealed END, \
         reason_sealed = CASE WHEN $3 THEN NULL ELSE reason_sealed END, \
         consent_sealed = CASE WHEN $3 THEN NULL ELSE consent_sealed END WHERE id = $1")
        .bind(id).bind(at).bind(erase)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if erase {
        on_tx!(tx, c => sqlx::query("DELETE FROM federation_referral_notes WHERE referral_id = $1")
            .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// A note on a referral.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FedNote {
    pub id: String,
    pub referral_id: String,
    pub from_here: bool,
    pub author: Option<String>,
    pub text_sealed: String,
    pub created_at: i64,
}

pub async fn add_note_in(tx: &mut Tx, n: &FedNote) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_referral_notes (id, referral_id, from_here, author, text_sealed, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&n.id).bind(&n.referral_id).bind(n.from_here).bind(&n.author).bind(&n.text_sealed)
        .bind(n.created_at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn notes(db: &Db, referral_id: &str) -> Result<Vec<FedNote>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, FedNote>(
        "SELECT id, referral_id, from_here, author, text_sealed, created_at \
         FROM federation_referral_notes WHERE referral_id = $1 ORDER BY created_at, id")
        .bind(referral_id).fetch_all(p).await)?)
}

/// A custody entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustodyRow {
    pub referral_id: String,
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub prev_hash: String,
    pub hash: String,
}

const CUSTODY: &str = "SELECT referral_id, seq, at_ms, actor, action, reason, prev_hash, hash \
    FROM federation_referral_custody";

pub async fn last_custody_in(tx: &mut Tx, referral_id: &str) -> Result<Option<CustodyRow>> {
    let q = format!("{CUSTODY} WHERE referral_id = $1 ORDER BY seq DESC LIMIT 1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, CustodyRow>(sqlx::AssertSqlSafe(q))
        .bind(referral_id).fetch_optional(&mut *c).await)?,
    )
}

pub async fn add_custody_in(tx: &mut Tx, e: &CustodyRow) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_referral_custody (referral_id, seq, at_ms, actor, action, reason, \
         prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&e.referral_id).bind(e.seq).bind(e.at_ms).bind(&e.actor).bind(&e.action)
        .bind(&e.reason).bind(&e.prev_hash).bind(&e.hash)
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

pub async fn custody(db: &Db, referral_id: &str) -> Result<Vec<CustodyRow>> {
    let q = format!("{CUSTODY} WHERE referral_id = $1 ORDER BY seq");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, CustodyRow>(sqlx::AssertSqlSafe(q))
        .bind(referral_id).fetch_all(p).await)?,
    )
}
