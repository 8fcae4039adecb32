//! Review reminders on the server: the use case is [`spona_app::reminders`]; here the
//! server's settings and the task that runs it every few hours.

use std::time::Duration;

pub use spona_app::reminders::{INTERVAL, Reminders, locales_for, remind_reviews};

use crate::AppState;

/// The server's own settings.
pub fn of(state: &AppState) -> Reminders<'_> {
    Reminders {
        db: &state.db,
        tr: &state.tr,
        public_url: &state.config.public_url,
    }
}

/// Runs [`remind_reviews`] a minute after start and then every [`INTERVAL`], until the
/// server stops. A failure is logged and tried again next time.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let first = crate::scale::jobs::first_delay(
            "SPONA_REVIEW_REMINDERS_FIRST_SECONDS",
            Duration::from_secs(60),
        );
        tokio::time::sleep(first).await;
        let mut every = tokio::time::interval(crate::scale::jobs::look_every(&state.db, INTERVAL));
        loop {
            every.tick().await;
            // On PostgreSQL one server at a time, once per INTERVAL between them (the use
            // case queues the mails and marks the lines in separate transactions: two runs
            // at once would mail twice).
            crate::scale::jobs::once(&state.db, "review-reminders", INTERVAL, async {
                if let Err(e) = remind_reviews(&of(&state), spona_store::now()).await {
                    tracing::error!(error = %e, "review reminders failed");
                }
            })
            .await;
        }
    })
}
