//! What people were told: one row per person and event, shown on their home page (and mailed
//! by the web layer, `web::notify`).

use crate::{Db, Result, new_id, now, on_db};

/// One notice to one person.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notification {
    pub id: String,
    /// The Fluent message id of the text, e.g. `notice-proposals-published`.
    pub kind: String,
    /// What the text names (a round's title, a partner's name).
    pub subject: String,
    /// The organisation `subject` names, if it names one (its name is shown in the reader's
    /// language).
    pub subject_org: Option<String>,
    /// The path, without locale, of the page it is about.
    pub link: String,
    pub created_at: i64,
}

/// Records the same notice for each of `user_ids` (duplicates once), in one transaction.
pub async fn add(
    db: &Db,
    user_ids: &[String],
    kind: &str,
    subject: &str,
    subject_org: Option<&str>,
    link: &str,
) -> Result<()> {
    let mut ids: Vec<&String> = user_ids.iter().collect();
    ids.sort();
    ids.dedup();
    let at = now();
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        for user in &ids {
            sqlx::query("INSERT INTO notifications (id, user_id, kind, subject, subject_org, link, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(user.as_str()).bind(kind).bind(subject).bind(subject_org)
                .bind(link).bind(at)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(())
}

/// A person's newest notices, newest first.
pub async fn recent(db: &Db, user_id: &str, limit: i64) -> Result<Vec<Notification>> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Notification>(
        "SELECT id, kind, subject, subject_org, link, created_at FROM notifications WHERE user_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2")
        .bind(user_id).bind(limit).fetch_all(p).await)?)
}
