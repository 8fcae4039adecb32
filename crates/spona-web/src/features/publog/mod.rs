//! The public log (issue 24 items 1–2): the `/log` page explaining it with the latest
//! checkpoint, the checkpoint and the verifier key as text (`/log/checkpoint`, `/log/key`,
//! C2SP formats), and the JSON API of entries, inclusion proofs and consistency proofs
//! (`api.rs`). The background loop signs a checkpoint every minute when the log grew. The
//! rules are in `spona_app::publog`.

pub mod api;
pub mod custody;
pub mod pages;
pub mod tiles;

use crate::AppState;
use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = tiles::routes(r);
    let r = custody::routes(r);
    api::routes(r)
}

/// How often the loop looks for growth to sign.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Signs a checkpoint every minute when the log grew; stops when `stop` says so.
pub fn spawn_checkpointer(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    state.publog_key.as_ref()?;
    Some(tokio::spawn(async move {
        loop {
            crate::scale::jobs::once(&state.db, "publog-checkpoint", CHECKPOINT_EVERY, async {
                if let Some(key) = &state.publog_key
                    && let Err(e) = spona_app::publog::checkpoint(&state.db, key).await
                {
                    tracing::error!(error = %e, "signing the public log's checkpoint failed");
                }
                if let Err(e) = custody::sign(&state).await {
                    tracing::error!(error = %e, "signing the custody tree's checkpoint failed");
                }
            })
            .await;
            tokio::select! {
                _ = tokio::time::sleep(crate::scale::jobs::look_every(&state.db, CHECKPOINT_EVERY)) => {}
                _ = stop.changed() => return,
            }
        }
    }))
}
