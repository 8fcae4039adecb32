//! The router: every feature's routes through the registry ([`Routes`]), the layers around
//! them, and the OpenAPI document assembled from each feature's fragment. The one module that
//! knows every feature.

use axum::Json;
use axum::Router;
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

use crate::http::routes::{self, RouteTable, Routes};
use crate::http::{layer, security, statics};
use crate::{AppState, features};

/// The OpenAPI document: the shared part and every feature's fragment.
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    let mut doc = crate::http::api::BaseDoc::openapi();
    for part in features::openapi() {
        doc.merge(part);
    }
    doc
}

async fn openapi() -> Response {
    Json(openapi_doc()).into_response()
}

/// Builds the router with all its layers, and the table of its routes.
pub fn build(state: AppState) -> (Router, RouteTable) {
    let r = Routes::new()
        .get("/static/{name}", statics::serve)
        .get("/healthz", features::home::health)
        .get("/favicon.ico", features::home::favicon)
        .get("/media/{name}", crate::media::serve)
        .get("/api/v1/openapi.json", openapi);
    let (router, table) = features::routes(r).finish();

    let router = router
        .fallback(features::home::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        // Spona's own limit (below) applies to every body; axum's per-extractor default of
        // 2 MB would otherwise cut off multipart uploads.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            layer::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(trace_span))
        .with_state(state);
    (router, table)
}

/// Bodies are limited to 2 MiB, attachment uploads to their own limit (plus room for the
/// multipart framing); a declared length over the limit is refused before reading.
async fn body_limit(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = req.uri().path();
    let limit = if path.starts_with("/resources/") && path.ends_with("/attachments") {
        crate::attachments::MAX_BYTES as usize + 64 * 1024
    } else if crate::features::groups::files::takes_files(path) {
        crate::attachments::MAX_BYTES as usize + 1024 * 1024
    } else if path.starts_with("/vault/cases/") && path.ends_with("/files") {
        crate::features::vault::items::MAX_FILE as usize + 1024 * 1024
    } else if path == "/monitoring/recommendations/import" {
        crate::features::monitoring::recommendations::MAX_UPLOAD + 64 * 1024
    } else {
        2 * 1024 * 1024
    };
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return crate::AppError::PayloadTooLarge.into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body))
        .await
}

/// One span per request, named by the matched route (never the raw path, which may hold tokens).
fn trace_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    tracing::info_span!("request", http.method = %req.method(), http.route = %route)
}
