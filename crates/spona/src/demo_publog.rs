//! The demo's public log (issue 24): the demo loads most of its objects through the store
//! after the server's state is open (and its backfill ran), so once everything is loaded
//! the log gets the entries of every published demo object — organisations, joint texts,
//! public resources, events, published services, assessments — and both trees their first
//! signed checkpoints, so that a newcomer sees the log at once.

pub(crate) async fn backfill(state: &spona_web::AppState) {
    match spona_app::publog::backfill(&state.db).await {
        Ok(n) => tracing::info!(entries = n, "public log: the demo's entries"),
        Err(e) => tracing::error!(error = %e, "public log: the demo's entries failed"),
    }
    if let Some(key) = &state.publog_key {
        if let Err(e) = spona_app::publog::checkpoint(&state.db, key).await {
            tracing::error!(error = %e, "public log: the demo's checkpoint failed");
        }
        let custody = spona_app::publog::custody::key_of(key);
        if let Ok(custody) = custody
            && let Err(e) = spona_app::publog::custody::checkpoint(&state.db, &custody).await
        {
            tracing::error!(error = %e, "custody tree: the demo's checkpoint failed");
        }
    }
}
