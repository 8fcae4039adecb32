//! `spona events remind [--now RFC3339]`, and the server's reminder loop: a mail (list
//! `events`) to every confirmed registrant a day before each occurrence, once.

use std::time::Duration;

use spona_app::events::{Env, remind};

/// How often the server looks for occurrences starting within a day.
pub const INTERVAL: Duration = Duration::from_secs(10 * 60);

/// Queues the reminders due at `now` (RFC 3339; the present when `None`).
pub async fn remind_cmd(
    storage: &crate::cli::Storage,
    public_url: Option<String>,
    now: Option<String>,
) -> anyhow::Result<()> {
    let at = match now {
        Some(t) => chrono::DateTime::parse_from_rfc3339(&t)
            .map_err(|e| anyhow::anyhow!("--now {t}: {e} (e.g. 2026-03-28T09:00:00+01:00)"))?
            .timestamp(),
        None => spona_store::now(),
    };
    let config = storage.web_config(public_url.as_deref().unwrap_or("http://127.0.0.1:8080"))?;
    let db = storage.open().await?;
    let tr = spona_web::translator().map_err(anyhow::Error::msg)?;
    let env = Env {
        db: &db,
        tr: &tr,
        public_url: &config.public_url,
    };
    let n = remind(&env, at).await?;
    println!("event reminders queued: {n}");
    db.close().await;
    Ok(())
}

/// Runs the reminders every [`INTERVAL`] until the server stops.
pub fn spawn(state: spona_web::AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every =
            tokio::time::interval(spona_web::scale::jobs::look_every(&state.db, INTERVAL));
        loop {
            every.tick().await;
            let env = Env {
                db: &state.db,
                tr: &state.tr,
                public_url: &state.config.public_url,
            };
            spona_web::scale::jobs::once(&state.db, "event-reminders", INTERVAL, async {
                if let Err(e) = remind(&env, spona_store::now()).await {
                    tracing::error!(error = %e, "event reminders failed");
                }
            })
            .await;
        }
    })
}
