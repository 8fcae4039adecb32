//! Organisations' co-signatures of a text's finals, and their withdrawal (kept as history).

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A co-signature, with the organisation's slug and name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Signature {
    pub id: String,
    pub text_id: String,
    pub org_id: String,
    pub org_slug: String,
    pub org_name: String,
    /// The highest version number among the finals signed ("signed version N").
    pub version: i64,
    /// The finals signed, `lang:number` separated by spaces (`en:3 sr:5`).
    pub covers: String,
    /// SHA-256 (hex) of the finals' canonical serialisation.
    pub sha256: String,
    pub signer_id: Option<String>,
    /// The date it was signed, `YYYY-MM-DD`.
    pub signed_on: String,
    pub signed_at: i64,
    /// `ed25519:<public key hex>:<signature hex>` over the signed statement.
    pub signature: String,
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<i64>,
}

/// A text's signatures, in the order they were made.
pub async fn signatures(db: &Db, text_id: &str) -> Result<Vec<Signature>> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT s.id, s.text_id, s.org_id, o.slug AS org_slug, o.name AS org_name, s.version, \
         s.covers, s.sha256, s.signer_id, s.signed_on, s.signed_at, s.signature, \
         s.withdrawn_by, s.withdrawn_at FROM joint_text_signatures s \
         JOIN organisations o ON o.id = s.org_id WHERE s.text_id = $1 \
         ORDER BY s.signed_on, s.signed_at, s.id").bind(text_id).fetch_all(p).await)?)
}

/// Stores a signature; a second standing signature of the same version by the same
/// organisation is [`crate::StoreError::Conflict`] (the unique index decides, also when two
/// admins sign at once).
pub async fn insert_signature_in(tx: &mut Tx, s: &Signature) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO joint_text_signatures (id, text_id, org_id, version, covers, sha256, \
         signer_id, signed_on, signed_at, signature) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&s.id).bind(&s.text_id).bind(&s.org_id).bind(s.version).bind(&s.covers)
        .bind(&s.sha256).bind(&s.signer_id).bind(&s.signed_on).bind(s.signed_at)
        .bind(&s.signature)
        .execute(&mut *c).await.map(|r| r.rows_affected()).map_err(conflict))?;
    Ok(())
}

/// Withdraws a standing signature of this text; false when there is none.
pub async fn withdraw_in(tx: &mut Tx, text_id: &str, id: &str, by: &str, at: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE joint_text_signatures SET withdrawn_by = $1, withdrawn_at = $2 \
         WHERE id = $3 AND text_id = $4 AND withdrawn_at IS NULL")
        .bind(by).bind(at).bind(id).bind(text_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
