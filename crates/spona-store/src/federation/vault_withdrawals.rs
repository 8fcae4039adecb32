//! Withdrawal of consent to vault items handed over to partners (migration 0170): on the
//! sending side, each hand-over ([`Sent`]) and whether its withdrawal was queued; on the
//! receiving side, which received items were withdrawn.

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A vault item handed over to a partner's organisation (the `vault-item` packet).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Sent {
    pub packet_id: String,
    pub case_id: String,
    pub item_id: String,
    pub partner_id: String,
    pub from_org: String,
    pub to_org: String,
    pub sent_at: i64,
    pub withdrawal_packet: Option<String>,
    pub withdrawal_unsent: Option<String>,
    pub withdrawn_at: Option<i64>,
}

const SENT: &str = "SELECT packet_id, case_id, item_id, partner_id, from_org, to_org, sent_at, \
    withdrawal_packet, withdrawal_unsent, withdrawn_at FROM federation_vault_sent";

/// Records a hand-over (in the share's transaction).
pub async fn record_sent_in(tx: &mut Tx, s: &Sent) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_sent (packet_id, case_id, item_id, partner_id, from_org, \
         to_org, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&s.packet_id).bind(&s.case_id).bind(&s.item_id).bind(&s.partner_id)
        .bind(&s.from_org).bind(&s.to_org).bind(s.sent_at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

/// The hand-overs of an item whose consent was not withdrawn yet.
pub async fn not_withdrawn(db: &Db, item_id: &str) -> Result<Vec<Sent>> {
    let q =
        format!("{SENT} WHERE item_id = $1 AND withdrawn_at IS NULL ORDER BY sent_at, packet_id");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Sent>(sqlx::AssertSqlSafe(q))
        .bind(item_id).fetch_all(p).await)?,
    )
}

/// Every hand-over of an item (withdrawn or not).
pub async fn of_item(db: &Db, item_id: &str) -> Result<Vec<Sent>> {
    let q = format!("{SENT} WHERE item_id = $1 ORDER BY sent_at, packet_id");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Sent>(sqlx::AssertSqlSafe(q))
        .bind(item_id).fetch_all(p).await)?,
    )
}

/// Marks a hand-over withdrawn — with the withdrawal's packet, or why none was queued —
/// unless it was already (0 then): a withdrawal is sent once.
pub async fn mark_withdrawn_in(
    tx: &mut Tx,
    packet_id: &str,
    withdrawal_packet: Option<&str>,
    unsent: Option<&str>,
    at: i64,
) -> Result<u64> {
    Ok(on_tx!(tx, x => sqlx::query(
        "UPDATE federation_vault_sent SET withdrawal_packet = $2, withdrawal_unsent = $3, \
         withdrawn_at = $4 WHERE packet_id = $1 AND withdrawn_at IS NULL")
        .bind(packet_id).bind(withdrawal_packet).bind(unsent).bind(at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))?)
}

/// Receiving side: marks a received item withdrawn by the packet `packet_id`; false when it
/// was already.
pub async fn withdraw_received_in(
    tx: &mut Tx,
    item_id: &str,
    packet_id: &str,
    at: i64,
) -> Result<bool> {
    let n: i64 = on_tx!(tx, x => sqlx::query_scalar(
        "SELECT COUNT(*) FROM federation_vault_withdrawn WHERE item_id = $1")
        .bind(item_id).fetch_one(&mut *x).await)?;
    if n > 0 {
        return Ok(false);
    }
    on_tx!(tx, x => sqlx::query(
        "INSERT INTO federation_vault_withdrawn (item_id, packet_id, withdrawn_at) \
         VALUES ($1, $2, $3)")
        .bind(item_id).bind(packet_id).bind(at)
        .execute(&mut *x).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(true)
}

/// When a received item was withdrawn, if it was.
pub async fn withdrawn_at(db: &Db, item_id: &str) -> Result<Option<i64>> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT withdrawn_at FROM federation_vault_withdrawn WHERE item_id = $1")
        .bind(item_id).fetch_optional(p).await)?)
}

/// Every withdrawn received item of a case: (item id, when).
pub async fn withdrawn_in_case(db: &Db, case_id: &str) -> Result<Vec<(String, i64)>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT w.item_id, w.withdrawn_at FROM federation_vault_withdrawn w \
         JOIN federation_vault_items i ON i.id = w.item_id WHERE i.case_id = $1 \
         ORDER BY w.withdrawn_at, w.item_id")
        .bind(case_id).fetch_all(p).await)?)
}

/// The received item of a sending item in the case for (partner, organisation here, sending
/// organisation, sending case): its id and SHA-256.
pub async fn received_item_in(
    tx: &mut Tx,
    partner_id: &str,
    local_org: &str,
    remote_org: &str,
    sender_case: &str,
    sender_item: &str,
) -> Result<Option<(String, String, String)>> {
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, (String, String, String)>(
        "SELECT i.id, i.case_id, i.sha256 FROM federation_vault_items i \
         JOIN federation_vault_cases c ON c.id = i.case_id \
         WHERE c.partner_id = $1 AND c.local_org = $2 AND c.remote_org = $3 \
         AND c.sender_case = $4 AND i.sender_item = $5")
        .bind(partner_id).bind(local_org).bind(remote_org).bind(sender_case).bind(sender_item)
        .fetch_optional(&mut *x).await)?,
    )
}
