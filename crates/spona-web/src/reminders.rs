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
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut every = tokio::time::interval(INTERVAL);
        loop {
            every.tick().await;
            if let Err(e) = remind_reviews(&of(&state), spona_store::now()).await {
                tracing::error!(error = %e, "review reminders failed");
            }
        }
    })
}
