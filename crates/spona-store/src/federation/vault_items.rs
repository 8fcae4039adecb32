//! Vault items that arrived from partner deployments (migration 0155): the cases they are
//! grouped in (one per partner, receiving organisation, sending organisation and sending
//! case), the items as they arrived, and this side's custody chain of each case. Also the
//! ids of every federated referral, for `spona custody verify`.

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A case of items from one sending case of a partner's organisation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FedVaultCase {
    pub id: String,
    pub partner_id: String,
    pub local_org: String,
    pub remote_org: String,
    pub sender_case: String,
    pub created_at: i64,
}

const CASE: &str = "SELECT id, partner_id, local_org, remote_org, sender_case, created_at \
    FROM federation_vault_cases";

/// The case for these four, made if it does not exist yet (in the inbox's transaction,
/// which holds the partner's row).
pub async fn case_for_in(tx: &mut Tx, c: &FedVaultCase) -> Result<FedVaultCase> {
    let q = format!(
        "{CASE} WHERE partner_id = $1 AND local_org = $2 AND remote_org = $3 AND sender_case = $4"
    );
    let found = on_tx!(tx, x => sqlx::query_as::<_, FedVaultCase>(sqlx::AssertSqlSafe(q))
        .bind(&c.partner_id).bind(&c.local_org).bind(&c.remote_org).bind(&c.sender_case)
        .fetch_optional(&mut *x).await)?;
    if let Some(found) = found {
        return Ok(found);
    }
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_cases (id, partner_id, local_org, remote_org, sender_case, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&c.id).bind(&c.partner_id).bind(&c.local_org).bind(&c.remote_org)
        .bind(&c.sender_case).bind(c.created_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(c.clone())
}

pub async fn cases(db: &Db) -> Result<Vec<FedVaultCase>> {
    let q = format!("{CASE} ORDER BY created_at, id");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, FedVaultCase>(sqlx::AssertSqlSafe(q))
        .fetch_all(p).await)?,
    )
}

pub async fn cases_of_orgs(db: &Db, orgs: &[String]) -> Result<Vec<FedVaultCase>> {
    let mut out = Vec::new();
    for org in orgs {
        let q = format!("{CASE} WHERE local_org = $1 ORDER BY created_at DESC, id");
        out.extend(
            on_db!(db, p => sqlx::query_as::<_, FedVaultCase>(sqlx::AssertSqlSafe(q))
            .bind(org).fetch_all(p).await)?,
        );
    }
    Ok(out)
}

/// An item as it arrived (see migration 0155).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FedVaultItem {
    pub id: String,
    pub case_id: String,
    pub packet_id: String,
    pub sender_item: String,
    pub kind: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    pub name_sealed: String,
    pub handover_sealed: String,
    pub ciphertext: String,
    pub sender_key: String,
    pub received_at: i64,
}

const ITEM: &str = "SELECT id, case_id, packet_id, sender_item, kind, sha256, size, media_type, \
    name_sealed, handover_sealed, ciphertext, sender_key, received_at FROM federation_vault_items";

/// Whether the case holds the sender's item already.
pub async fn has_item_in(tx: &mut Tx, case_id: &str, sender_item: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, x => sqlx::query_scalar(
        "SELECT COUNT(*) FROM federation_vault_items WHERE case_id = $1 AND sender_item = $2")
        .bind(case_id).bind(sender_item).fetch_one(&mut *x).await)?;
    Ok(n > 0)
}

pub async fn insert_item_in(tx: &mut Tx, i: &FedVaultItem) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_items (id, case_id, packet_id, sender_item, kind, sha256, \
         size, media_type, name_sealed, handover_sealed, ciphertext, sender_key, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .bind(&i.id).bind(&i.case_id).bind(&i.packet_id).bind(&i.sender_item).bind(&i.kind)
        .bind(&i.sha256).bind(i.size).bind(&i.media_type).bind(&i.name_sealed)
        .bind(&i.handover_sealed).bind(&i.ciphertext).bind(&i.sender_key).bind(i.received_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

pub async fn items(db: &Db, case_id: &str) -> Result<Vec<FedVaultItem>> {
    let q = format!("{ITEM} WHERE case_id = $1 ORDER BY received_at, id");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, FedVaultItem>(sqlx::AssertSqlSafe(q))
        .bind(case_id).fetch_all(p).await)?,
    )
}

pub async fn item(db: &Db, id: &str) -> Result<Option<FedVaultItem>> {
    let q = format!("{ITEM} WHERE id = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, FedVaultItem>(sqlx::AssertSqlSafe(q))
        .bind(id).fetch_optional(p).await)?,
    )
}

/// A custody entry of such a case as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FedVaultCustody {
    pub case_id: String,
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub item_sha256: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

const CUSTODY: &str = "SELECT case_id, seq, at_ms, actor, action, reason, item_sha256, \
    prev_hash, hash FROM federation_vault_custody";

pub async fn last_custody_in(tx: &mut Tx, case_id: &str) -> Result<Option<FedVaultCustody>> {
    let q = format!("{CUSTODY} WHERE case_id = $1 ORDER BY seq DESC LIMIT 1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, FedVaultCustody>(sqlx::AssertSqlSafe(q))
        .bind(case_id).fetch_optional(&mut *x).await)?,
    )
}

pub async fn add_custody_in(tx: &mut Tx, e: &FedVaultCustody) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_custody (case_id, seq, at_ms, actor, action, reason, \
         item_sha256, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&e.case_id).bind(e.seq).bind(e.at_ms).bind(&e.actor).bind(&e.action)
        .bind(&e.reason).bind(&e.item_sha256).bind(&e.prev_hash).bind(&e.hash)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

pub async fn custody(db: &Db, case_id: &str) -> Result<Vec<FedVaultCustody>> {
    let q = format!("{CUSTODY} WHERE case_id = $1 ORDER BY seq");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, FedVaultCustody>(sqlx::AssertSqlSafe(q))
        .bind(case_id).fetch_all(p).await)?,
    )
}

/// The id of every referral sent to or received from a partner (for `custody verify`).
pub async fn all_referral_ids(db: &Db) -> Result<Vec<String>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT id FROM federation_referrals ORDER BY created_at, id")
        .fetch_all(p).await)?)
}
