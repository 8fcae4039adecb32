//! Several servers on one PostgreSQL (issue 26): background jobs that run on one server at
//! a time ([`jobs`]), the search index following the other servers' writes
//! ([`spona_app::hub_follow`]), the shared rate limits' upkeep, and the health check a load
//! balancer asks ([`health`]). On SQLite (one server) each of these is what it was before.

pub mod health;
pub mod jobs;

use crate::AppState;

/// The loops `serve` runs for scale-out beside its others: the index follower (PostgreSQL)
/// and the pruning of idle shared rate-limit buckets (a job, on one server at a time).
pub fn spawn(
    state: &AppState,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut loops = Vec::new();
    // Test hooks of the scale-out test: `SPONA_INDEX_FOLLOW=off` leaves a server to
    // read-your-writes alone; `SPONA_INDEX_SAFETY_POLL_SECONDS` stretches the safety read so
    // that only the change notice can explain a quick catch-up.
    let follow = std::env::var("SPONA_INDEX_FOLLOW").as_deref() != Ok("off");
    if follow && matches!(state.db, spona_store::Db::Postgres(_)) {
        loops.push(tokio::spawn(spona_app::hub_follow::follow(
            state.db.clone(),
            state.search.clone(),
            jobs::first_delay(
                "SPONA_INDEX_SAFETY_POLL_SECONDS",
                spona_app::hub_follow::SAFETY_POLL,
            ),
            stop.clone(),
        )));
    }
    if state.limits.is_shared() {
        let (state, mut stop) = (state.clone(), stop.clone());
        loops.push(tokio::spawn(async move {
            let period = std::time::Duration::from_secs(600);
            loop {
                jobs::once(&state.db, "rate-buckets-prune", period, async {
                    if let Err(e) = state.limits.prune().await {
                        tracing::warn!(error = %e, "pruning idle rate-limit buckets failed");
                    }
                })
                .await;
                tokio::select! {
                    _ = tokio::time::sleep(jobs::look_every(&state.db, period)) => {}
                    _ = stop.changed() => return,
                }
            }
        }));
    }
    loops
}
