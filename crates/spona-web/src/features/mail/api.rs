//! The mail queue's state in the JSON API (platform admins).

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/admin/mail", queue)
}

#[derive(OpenApi)]
#[openapi(paths(queue), components(schemas(MailQueueJson)))]
struct MailDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    MailDoc::openapi()
}

/// The outgoing mail queue.
#[derive(Serialize, ToSchema)]
pub struct MailQueueJson {
    /// Whether a mail server is configured (else mail goes to the outbox directory).
    pub smtp: bool,
    /// Messages waiting to leave.
    pub queued: i64,
    /// Messages sent.
    pub sent: i64,
    /// Messages given up (refused for good, or the recipient left the list or bounced).
    pub failed: i64,
    /// Waiting messages that failed at least once (retried with backoff).
    pub retrying: i64,
    /// Addresses that bounced and were not confirmed since.
    pub bouncing: i64,
    /// The newest error of a waiting message (or of the last one given up).
    pub last_error: Option<String>,
}

/// The outgoing mail queue: counts and the last error. Platform admins only.
#[utoipa::path(get, path = "/api/v1/admin/mail",
    responses((status = 200, body = MailQueueJson), (status = 401, body = ErrorJson),
        (status = 403, body = ErrorJson)))]
async fn queue(ctx: Ctx) -> Result<Response, AppError> {
    let s = spona_app::mail::unsubscribe::stats(&ctx.actor(), &ctx.state.db).await?;
    Ok(Json(MailQueueJson {
        smtp: crate::mail::configured(&ctx.state.config),
        queued: s.queued,
        sent: s.sent,
        failed: s.failed,
        retrying: s.retrying,
        bouncing: s.bouncing,
        last_error: s.last_error,
    })
    .into_response())
}
