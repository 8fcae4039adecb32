//! Newsletters: the list and a newsletter's page with its archive (`pages.rs`), subscribing
//! inside and outside Spona (`subscribe.rs`), writing, previewing, testing and scheduling
//! issues (`compose.rs`), the JSON API (`api.rs`). Rules and writes are in
//! `spona_app::newsletters`.

pub mod api;
mod compose;
mod pages;
mod subscribe;
mod view;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = subscribe::routes(r);
    let r = compose::routes(r);
    api::routes(r)
}

/// What the use cases need to write mail, from the server's state.
fn mailer(state: &crate::AppState) -> spona_app::newsletters::Mailer<'_> {
    spona_app::newsletters::Mailer {
        tr: &state.tr,
        public_url: &state.config.public_url,
    }
}

/// Sends due issues and forgets stale sign-ups while the server runs (every 5 seconds), until
/// `stop` changes or its sender is dropped; a failure is logged and tried again.
pub fn spawn_sender(
    state: crate::AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now = spona_store::now();
            match spona_app::newsletters::send::run_due(&state.db, mailer(&state), now).await {
                Ok(s) if s.mails > 0 || s.issues > 0 => {
                    tracing::info!(
                        issues = s.issues,
                        mails = s.mails,
                        "newsletter issues queued"
                    )
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "sending newsletters failed; trying again"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
                _ = stop.changed() => return,
            }
        }
    })
}
