//! `/healthz` for load balancers and operators (issue 26, item 7): the database, the object
//! store (when attachments live in a bucket) and how far this server's search index is
//! behind the database, as JSON. `503` while the database or the object store does not
//! answer (within [`WAIT`] each), so a load balancer sends no one to a server that cannot
//! serve; a lagging index alone stays `200` (the index catches up by itself, and a
//! signed-in search catches up before it answers), its lag is reported for monitoring.

use std::time::Duration;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;

/// How long each dependency may take to answer.
pub const WAIT: Duration = Duration::from_secs(3);

pub async fn report(state: &AppState) -> Response {
    let database = match tokio::time::timeout(WAIT, state.db.health()).await {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some("no answer within 3 seconds".to_owned()),
    };
    if let Some(e) = &database {
        tracing::error!(error = %e, "health check: database unavailable");
    }
    let object_store = match &state.config.attachments {
        crate::attachments::Backend::S3 { .. } => {
            let failed = match tokio::time::timeout(WAIT, state.attachments.check()).await {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e),
                Err(_) => Some("no answer within 3 seconds".to_owned()),
            };
            if let Some(e) = &failed {
                tracing::error!(error = %e, "health check: object store unavailable");
            }
            Some(failed)
        }
        crate::attachments::Backend::Local(_) => None,
    };
    let search = if database.is_none() {
        match spona_app::hub_follow::lag(&state.db, &state.search).await {
            Ok((indexed, latest)) => json!({
                "indexed": indexed,
                "latest": latest,
                "behind": (latest - indexed).max(0),
                "rebuilding": state.search.rebuilding().is_some(),
            }),
            Err(_) => json!(null),
        }
    } else {
        json!(null)
    };
    let healthy = database.is_none() && object_store.as_ref().is_none_or(|f| f.is_none());
    let body = json!({
        "status": if healthy { "ok" } else { "unavailable" },
        "database": {
            "kind": state.db.kind(),
            "ok": database.is_none(),
            "error": database.as_ref().map(|_| "database unavailable"),
        },
        "object_store": object_store.map(|failed| json!({
            "location": state.attachments.location(),
            "ok": failed.is_none(),
            "error": failed.as_ref().map(|_| "object store unavailable"),
        })),
        "search_index": search,
        "rate_limits": if state.limits.is_shared() { "database" } else { "process" },
    });
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}
