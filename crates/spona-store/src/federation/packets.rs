//! The federation outbox and inbox.

use crate::{Db, Result, Tx, conflict, on_db, on_tx};

/// A packet to send (or sent).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Outgoing {
    pub id: String,
    pub partner_id: String,
    pub from_org: String,
    pub to_org: String,
    pub conversation: String,
    pub seq: i64,
    pub kind: String,
    /// The signed envelope's JSON.
    pub envelope: String,
    /// `queued`, `delivered`, `accepted` or `failed`.
    pub state: String,
    pub attempts: i64,
    pub next_at: i64,
    pub expires_at: i64,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
    pub last_error: Option<String>,
    /// The sender (one `spona serve` process) that claimed it last.
    pub claimed_by: Option<String>,
}

const OUT: &str = "SELECT id, partner_id, from_org, to_org, conversation, seq, kind, envelope, \
    state, attempts, next_at, expires_at, created_at, delivered_at, last_error, claimed_by \
    FROM federation_outbox";

/// The next number of a conversation with a partner. Call after the transaction's first
/// write (SQLite) so that two senders cannot both take it; the unique key refuses a second.
pub async fn next_seq_in(tx: &mut Tx, partner_id: &str, conversation: &str) -> Result<i64> {
    let n: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT MAX(seq) FROM federation_outbox WHERE partner_id = $1 AND conversation = $2")
        .bind(partner_id).bind(conversation).fetch_one(&mut *c).await)?;
    Ok(n.unwrap_or(0) + 1)
}

pub async fn queue_in(tx: &mut Tx, o: &Outgoing) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_outbox (id, partner_id, from_org, to_org, conversation, seq, kind, \
         envelope, state, attempts, next_at, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9, $10, $11)")
        .bind(&o.id).bind(&o.partner_id).bind(&o.from_org).bind(&o.to_org).bind(&o.conversation)
        .bind(o.seq).bind(&o.kind).bind(&o.envelope).bind(o.next_at).bind(o.expires_at)
        .bind(o.created_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

/// Claims, for the sender `worker` until `until`, the packets due now — of each conversation
/// only its first packet still queued, so that a conversation's packets leave in order and
/// one at a time — and returns them, oldest first. A packet claimed by another sender whose
/// claim has not run out is not taken; the claim is re-checked row by row when the update
/// runs (PostgreSQL re-evaluates the condition of a row another transaction changed), so
/// two senders on one database never hold the same packet (as `mail_send::claim`).
pub async fn claim_due(
    db: &Db,
    worker: &str,
    now: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<Outgoing>> {
    on_db!(db, p => sqlx::query(
        "UPDATE federation_outbox SET claimed_by = $1, claimed_until = $2 \
         WHERE state = 'queued' AND next_at <= $3 \
           AND (claimed_until IS NULL OR claimed_until < $3) \
           AND id IN (SELECT o.id FROM federation_outbox o \
                WHERE o.state = 'queued' AND o.next_at <= $3 \
                  AND (o.claimed_until IS NULL OR o.claimed_until < $3) \
                  AND NOT EXISTS (SELECT 1 FROM federation_outbox e \
                      WHERE e.partner_id = o.partner_id AND e.conversation = o.conversation \
                        AND e.state = 'queued' AND e.seq < o.seq) \
                ORDER BY o.next_at, o.created_at, o.seq LIMIT $4)")
        .bind(worker).bind(until).bind(now).bind(limit)
        .execute(p).await.map(|r| r.rows_affected()))?;
    let q = format!(
        "{OUT} WHERE claimed_by = $1 AND claimed_until = $2 AND state = 'queued' \
         ORDER BY next_at, created_at, seq"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Outgoing>(sqlx::AssertSqlSafe(q))
        .bind(worker).bind(until).fetch_all(p).await)?,
    )
}

/// The partner stored the packet and signed `receipt`.
pub async fn delivered(db: &Db, id: &str, at: i64, receipt: &str) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "UPDATE federation_outbox SET state = 'delivered', delivered_at = $2, receipt = $3, \
         attempts = attempts + 1, last_error = NULL, claimed_until = NULL \
         WHERE id = $1 AND state = 'queued'")
        .bind(id).bind(at).bind(receipt).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The partner's organisation acknowledged the packet (an `ack` packet came back).
pub async fn accepted_in(tx: &mut Tx, partner_id: &str, id: &str) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE federation_outbox SET state = 'accepted' WHERE id = $1 AND partner_id = $2 \
         AND state IN ('queued', 'delivered')")
        .bind(id).bind(partner_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A failed attempt: tried again at `next_at`.
pub async fn retry(db: &Db, id: &str, next_at: i64, error: &str) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "UPDATE federation_outbox SET attempts = attempts + 1, next_at = $2, last_error = $3, \
         claimed_until = NULL WHERE id = $1 AND state = 'queued'")
        .bind(id).bind(next_at).bind(error).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives up on a packet, and on the later packets of its conversation (which the partner
/// could not accept without it).
pub async fn failed(db: &Db, o: &Outgoing, error: &str) -> Result<u64> {
    Ok(on_db!(db, p => sqlx::query(
        "UPDATE federation_outbox SET state = 'failed', last_error = $4, claimed_until = NULL \
         WHERE partner_id = $1 AND conversation = $2 AND seq >= $3 AND state = 'queued'")
        .bind(&o.partner_id).bind(&o.conversation).bind(o.seq).bind(error)
        .execute(p).await.map(|r| r.rows_affected()))?)
}

/// The newest packets sent, newest first.
pub async fn outbox(db: &Db, limit: i64) -> Result<Vec<Outgoing>> {
    let q = format!("{OUT} ORDER BY created_at DESC, id DESC LIMIT $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Outgoing>(sqlx::AssertSqlSafe(q)).bind(limit).fetch_all(p).await)?,
    )
}

pub async fn outgoing(db: &Db, id: &str) -> Result<Option<Outgoing>> {
    let q = format!("{OUT} WHERE id = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Outgoing>(sqlx::AssertSqlSafe(q)).bind(id).fetch_optional(p).await)?,
    )
}

/// A packet received.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Incoming {
    pub id: String,
    pub partner_id: String,
    pub from_org: String,
    pub to_org: String,
    pub conversation: String,
    pub seq: i64,
    pub kind: String,
    pub envelope: String,
    pub body_sealed: String,
    pub receipt: String,
    pub received_at: i64,
    /// `accepted`, or `held` until the packets before it in its conversation arrive.
    pub state: String,
}

const IN: &str = "SELECT id, partner_id, from_org, to_org, conversation, seq, kind, envelope, \
    body_sealed, receipt, received_at, state FROM federation_inbox";

pub async fn incoming_in(tx: &mut Tx, id: &str) -> Result<Option<Incoming>> {
    let q = format!("{IN} WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Incoming>(sqlx::AssertSqlSafe(q)).bind(id).fetch_optional(&mut *c).await)?,
    )
}

/// The last number accepted of a conversation from a partner (0: none yet); held packets
/// do not count.
pub async fn last_seq_in(tx: &mut Tx, partner_id: &str, conversation: &str) -> Result<i64> {
    let n: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT MAX(seq) FROM federation_inbox WHERE partner_id = $1 AND conversation = $2 \
         AND state = 'accepted'")
        .bind(partner_id).bind(conversation).fetch_one(&mut *c).await)?;
    Ok(n.unwrap_or(0))
}

pub async fn store_in(tx: &mut Tx, i: &Incoming) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO federation_inbox (id, partner_id, from_org, to_org, conversation, seq, kind, \
         envelope, body_sealed, receipt, received_at, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(&i.id).bind(&i.partner_id).bind(&i.from_org).bind(&i.to_org).bind(&i.conversation)
        .bind(i.seq).bind(&i.kind).bind(&i.envelope).bind(&i.body_sealed).bind(&i.receipt)
        .bind(i.received_at).bind(&i.state)
        .execute(&mut *c).await.map(|r| r.rows_affected()))
    .map_err(conflict)?;
    Ok(())
}

/// The packet numbered `seq` of a conversation from a partner, held or accepted.
pub async fn at_seq_in(
    tx: &mut Tx,
    partner_id: &str,
    conversation: &str,
    seq: i64,
) -> Result<Option<Incoming>> {
    let q = format!("{IN} WHERE partner_id = $1 AND conversation = $2 AND seq = $3");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, Incoming>(sqlx::AssertSqlSafe(q))
        .bind(partner_id).bind(conversation).bind(seq).fetch_optional(&mut *c).await)?,
    )
}

/// How many packets from a partner are held.
pub async fn held_count_in(tx: &mut Tx, partner_id: &str) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM federation_inbox WHERE partner_id = $1 AND state = 'held'")
        .bind(partner_id).fetch_one(&mut *c).await)?)
}

/// A held packet is accepted (the gap before it filled).
pub async fn accept_held_in(tx: &mut Tx, id: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE federation_inbox SET state = 'accepted' WHERE id = $1 AND state = 'held'")
        .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The newest packets received, newest first.
pub async fn inbox(db: &Db, limit: i64) -> Result<Vec<Incoming>> {
    let q = format!("{IN} ORDER BY received_at DESC, id DESC LIMIT $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Incoming>(sqlx::AssertSqlSafe(q)).bind(limit).fetch_all(p).await)?,
    )
}

/// How many packets were received in all (tests, the log page).
pub async fn inbox_count(db: &Db) -> Result<i64> {
    Ok(
        on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM federation_inbox")
        .fetch_one(p).await)?,
    )
}
