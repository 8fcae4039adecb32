//! Demo mail (`serve --demo`): one person's address has bounced (their mail page offers to
//! confirm it again), and one list message waits for another person, so the outbox shows a
//! list footer with its one-click unsubscribe link at once.

use spona_app::mail::{List, Mail};
use spona_domain::Locale;
use spona_store::Db;
use spona_store::mail_send;

/// The demo person whose mail server refused mail.
pub const BOUNCING: &str = "arta@pvpt.example.org";
/// The demo person a list message goes to.
pub const READER: &str = "milan@atina.example.org";

/// Loads the demo mail unless the queue has sent or bounced anything.
pub async fn load_mail_if_empty(db: &Db) -> anyhow::Result<()> {
    let s = mail_send::stats(db).await?;
    if s.sent > 0 || s.bouncing > 0 || s.failed > 0 {
        return Ok(());
    }
    mail_send::mark_bouncing(
        db,
        BOUNCING,
        spona_store::now() - 3 * 86_400,
        "550 5.1.1 <arta@pvpt.example.org>: mailbox unavailable (demo)",
    )
    .await?;
    let mut tx = db.begin().await?;
    let mail = Mail {
        to: READER.into(),
        subject: "Spona notices: how list mail looks".into(),
        text: "This is a notice of the kind Spona sends when something in your organisation \
               needs you. Every message of a list ends with a link that stops the list's mail \
               with one click."
            .into(),
        list: Some(List {
            id: spona_app::mail::notify::LIST.into(),
            name: "Spona notices".into(),
        }),
        thread: None,
    };
    spona_app::mail::enqueue_localized_in(&mut tx, &mail, Locale::En).await?;
    tx.commit().await?;
    tracing::info!(bouncing = BOUNCING, "demo mail loaded");
    Ok(())
}
