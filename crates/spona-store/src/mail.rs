//! The mail queue: messages written in the same transaction as the change they tell of, and
//! the lists people left. The use-case layer (`spona_app::mail`) decides what to write; a
//! sender takes due messages and marks each sent. Delivery is at least once: a sender
//! killed between a mail server's storing a message and the message's mark sends it again
//! (at most one per SMTP connection, same `Message-ID`; RFC 1047 — see
//! `spona_app::mail::sender`).

use crate::{Db, Result, Tx, new_id, on_db, on_tx};

/// A message to queue.
#[derive(Debug, Clone, Default)]
pub struct NewMail<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub list_id: Option<&'a str>,
    pub list_name: Option<&'a str>,
    pub thread: Option<&'a str>,
}

/// A queued message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub list_id: Option<String>,
    pub list_name: Option<String>,
    pub thread: Option<String>,
    pub created_at: i64,
    pub attempts: i64,
}

/// Queues `mail`, due at once, unless its recipient left its list; returns the new id, or
/// `None` when the address left the list.
pub async fn enqueue_in(tx: &mut Tx, mail: &NewMail<'_>, at: i64) -> Result<Option<String>> {
    let recipient = mail.recipient.trim().to_lowercase();
    if let Some(list) = mail.list_id
        && opted_out_in(tx, &recipient, list).await?
    {
        return Ok(None);
    }
    let id = new_id();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO mail_queue (id, recipient, subject, body, list_id, list_name, thread, \
         created_at, due_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 0)")
        .bind(&id).bind(&recipient).bind(mail.subject).bind(mail.body).bind(mail.list_id)
        .bind(mail.list_name).bind(mail.thread).bind(at)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(Some(id))
}

/// Up to `limit` messages due at `now`, oldest first.
pub async fn due(db: &Db, now: i64, limit: i64) -> Result<Vec<QueuedMail>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, QueuedMail>(
        "SELECT id, recipient, subject, body, list_id, list_name, thread, created_at, \
         CAST(attempts AS BIGINT) AS attempts FROM mail_queue \
         WHERE due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $2")
        .bind(now).bind(limit).fetch_all(p).await)?)
}

/// Marks a message sent: it is never taken again.
pub async fn mark_sent(db: &Db, id: &str, at: i64) -> Result<()> {
    on_db!(db, p => sqlx::query(
        "UPDATE mail_queue SET sent_at = $2, due_at = NULL, attempts = attempts + 1 WHERE id = $1")
        .bind(id).bind(at).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Drops a message that must not leave any more (its recipient left its list since).
pub async fn drop_unsent(db: &Db, id: &str, reason: &str) -> Result<()> {
    on_db!(db, p => sqlx::query("UPDATE mail_queue SET due_at = NULL, failed = $2 WHERE id = $1")
        .bind(id).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Records that `address` left `list`.
pub async fn opt_out_in(tx: &mut Tx, address: &str, list: &str, at: i64) -> Result<()> {
    let address = address.trim().to_lowercase();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO mail_optouts (address, list_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (address, list_id) DO NOTHING")
        .bind(&address).bind(list).bind(at).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Takes `address` back onto `list` (a person chose to get its mail again).
pub async fn opt_in_in(tx: &mut Tx, address: &str, list: &str) -> Result<()> {
    let address = address.trim().to_lowercase();
    on_tx!(tx, c => sqlx::query("DELETE FROM mail_optouts WHERE address = $1 AND list_id = $2")
        .bind(&address).bind(list).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Whether `address` left `list`.
pub async fn opted_out_in(tx: &mut Tx, address: &str, list: &str) -> Result<bool> {
    let address = address.trim().to_lowercase();
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_optouts WHERE address = $1 AND list_id = $2")
        .bind(&address).bind(list).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

/// Whether `address` left `list`, outside a transaction.
pub async fn opted_out(db: &Db, address: &str, list: &str) -> Result<bool> {
    let mut tx = db.begin().await?;
    let out = opted_out_in(&mut tx, address, list).await?;
    tx.commit().await?;
    Ok(out)
}
