//! The signed head of each referral's custody chain (`referral_heads`, migration 0111): the
//! last entry's seq and hash and the server key's signature over them, written in the
//! transaction that appends the entry. The signature comes from `spona_app` (the key never
//! reaches this crate).

use spona_vault::CustodyEntry;

use super::{CUSTODY, CustodyRow};
use crate::{Db, Result, Tx, on_db, on_tx};

/// A referral's signed head as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Head {
    pub referral_id: String,
    pub seq: i64,
    pub hash: String,
    pub signature: String,
}

/// Sets the referral's head (after appending `seq` in the same transaction).
pub async fn set_head_in(
    tx: &mut Tx,
    referral_id: &str,
    seq: u64,
    hash: &str,
    signature: &str,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO referral_heads (referral_id, seq, hash, signature) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (referral_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, \
         signature = excluded.signature")
        .bind(referral_id).bind(seq as i64).bind(hash).bind(signature)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

const HEAD: &str = "SELECT referral_id, seq, hash, signature FROM referral_heads";

pub async fn head(db: &Db, referral_id: &str) -> Result<Option<Head>> {
    let sql = sqlx::AssertSqlSafe(format!("{HEAD} WHERE referral_id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, Head>(sql).bind(referral_id).fetch_optional(p).await)?)
}

/// Every signed head, by referral id.
pub async fn all_heads(db: &Db) -> Result<Vec<Head>> {
    let sql = sqlx::AssertSqlSafe(format!("{HEAD} ORDER BY referral_id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, Head>(sql).fetch_all(p).await)?)
}

/// Every referral's id and status, and its whole chain in order (for `spona custody
/// verify`): two queries whatever the number of referrals.
pub async fn all_chains(db: &Db) -> Result<Vec<(String, String, Vec<CustodyEntry>)>> {
    let ids: Vec<(String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT id, status FROM referrals ORDER BY id").fetch_all(p).await)?;
    let sql = sqlx::AssertSqlSafe(format!("{CUSTODY} ORDER BY referral_id, seq"));
    let rows = on_db!(db, p => sqlx::query_as::<_, CustodyRow>(sql).fetch_all(p).await)?;
    let mut out: Vec<(String, String, Vec<CustodyEntry>)> = ids
        .into_iter()
        .map(|(id, status)| (id, status, Vec::new()))
        .collect();
    let at: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (id.clone(), i))
        .collect();
    for row in rows {
        if let Some(&i) = at.get(&row.referral_id) {
            out[i].2.push(row.entry());
        }
    }
    Ok(out)
}

/// Locks every referral for the rest of the transaction (a write first, see
/// [`super::lock_in`]) and returns their ids, in order.
pub async fn lock_all_in(tx: &mut Tx) -> Result<Vec<String>> {
    on_tx!(tx, c => sqlx::query("UPDATE referrals SET updated_at = updated_at")
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(
        on_tx!(tx, c => sqlx::query_scalar::<_, String>("SELECT id FROM referrals ORDER BY id")
        .fetch_all(&mut *c).await)?,
    )
}
