//! The machine-to-machine routes: the key document (`/.well-known/spona-federation`) and
//! the inbox (`POST /federation/inbox`), exempt from sessions' CSRF check (they carry no
//! cookies; the inbox checks its HTTP message signature instead), with their own body limit
//! and rate limit. Their OpenAPI fragment.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::OnceLock;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Serialize;
use spona_app::federation::keys::{DOCUMENT_PATH, INBOX_PATH, own_document};
use spona_federation::RequestParts;
use utoipa::{OpenApi, ToSchema};

use crate::AppState;
use crate::http::forms::ClientIp;
use crate::http::routes::Routes;

/// The largest request the inbox reads.
pub const INBOX_LIMIT: usize = 1024 * 1024;

pub fn routes(r: Routes) -> Routes {
    r.get(DOCUMENT_PATH, document).post(INBOX_PATH, inbox)
}

#[derive(OpenApi)]
#[openapi(
    paths(document, inbox),
    components(schemas(DocumentJson, InboxAnswerJson))
)]
struct FederationDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    FederationDoc::openapi()
}

/// The deployment's public keys (`spona_federation::SignedDocument`).
#[derive(Serialize, ToSchema)]
pub struct DocumentJson {
    /// `{spona_federation, name, base_url, inbox, signing_key, organisations: [{id, slug,
    /// name, recipient}]}`.
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
    /// Ed25519 signature of the document by `signing_key`, hex.
    pub signature: String,
}

/// The inbox's answer: a signed receipt, or the reason for a refusal.
#[derive(Serialize, ToSchema)]
pub struct InboxAnswerJson {
    /// `spona_federation::Receipt`: packet id and hash, receiver key, time, signature.
    #[schema(value_type = Option<Object>)]
    pub receipt: Option<serde_json::Value>,
    /// Why the packet was refused (absent when stored).
    pub reason: Option<String>,
    /// `spona_federation::SignedRefusal`: for a packet refused for good (422, or its id or
    /// number taken by another packet), this deployment's signed word, so that the sender
    /// stops trying at once.
    #[schema(value_type = Option<Object>)]
    pub refusal: Option<serde_json::Value>,
}

/// The deployment's federation key document: its signing key, inbox and each
/// organisation's age recipient, signed. Public.
#[utoipa::path(get, path = "/.well-known/spona-federation",
    responses((status = 200, body = DocumentJson), (status = 503, body = InboxAnswerJson)))]
async fn document(State(state): State<AppState>) -> Response {
    let keys = match state.federation.keys(&state.db).await {
        Ok(k) => k,
        Err(_) => {
            return refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "federation keys unavailable",
            );
        }
    };
    let name = deployment_name(&state.config.public_url);
    match own_document(&state.db, &keys, &state.config.public_url, &name).await {
        Ok(doc) => Json(doc).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "federation document");
            refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "federation document unavailable",
            )
        }
    }
}

/// The name a deployment gives itself: its public address's host.
pub fn deployment_name(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| public_url.to_owned())
}

fn refusal(status: StatusCode, reason: &str) -> Response {
    (
        status,
        Json(InboxAnswerJson {
            receipt: None,
            reason: Some(reason.to_owned()),
            refusal: None,
        }),
    )
        .into_response()
}

fn limiter() -> &'static DefaultKeyedRateLimiter<IpAddr> {
    static L: OnceLock<DefaultKeyedRateLimiter<IpAddr>> = OnceLock::new();
    L.get_or_init(|| {
        RateLimiter::keyed(Quota::per_minute(
            NonZeroU32::new(1200).unwrap_or(NonZeroU32::MIN),
        ))
    })
}

/// The authority (host and port) of this deployment's public address: what a partner
/// signs as `@authority`.
pub fn own_authority(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_owned();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .unwrap_or_default()
}

/// Receives a packet from a partner deployment (RFC 9421 signature, RFC 9530 digest).
#[utoipa::path(post, path = "/federation/inbox",
    request_body(content = Object, content_type = "application/json",
        description = "a signed packet envelope (spona_federation::Envelope)"),
    responses((status = 200, body = InboxAnswerJson, description = "stored; the receipt"),
        (status = 400, body = InboxAnswerJson), (status = 401, body = InboxAnswerJson),
        (status = 403, body = InboxAnswerJson), (status = 409, body = InboxAnswerJson),
        (status = 413, body = InboxAnswerJson), (status = 422, body = InboxAnswerJson),
        (status = 429, body = InboxAnswerJson)))]
async fn inbox(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if limiter()
        .check_key(&crate::http::ratelimit::client_key(ip))
        .is_err()
    {
        return refusal(StatusCode::TOO_MANY_REQUESTS, "too many packets; slow down");
    }
    let body = match axum::body::to_bytes(body, INBOX_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            tracing::warn!("federation packet refused: larger than the inbox's limit");
            return refusal(StatusCode::PAYLOAD_TOO_LARGE, "the packet is too large");
        }
    };
    let keys = match state.federation.keys(&state.db).await {
        Ok(k) => k,
        Err(_) => {
            return refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "federation keys unavailable",
            );
        }
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let authority = own_authority(&state.config.public_url);
    let parts = RequestParts {
        method: "POST",
        authority: &authority,
        path: INBOX_PATH,
        content_type: header("content-type"),
        content_digest: header("content-digest"),
        signature_input: header("signature-input"),
        signature: header("signature"),
    };
    let tell = spona_app::federation::arrival::Tell {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    match spona_app::federation::inbox::receive_and_tell(
        &state.db,
        &keys,
        &state.federation.settings,
        Some(tell),
        &parts,
        &body,
        spona_store::now(),
    )
    .await
    {
        Ok(receipt) => Json(serde_json::json!({ "receipt": receipt })).into_response(),
        Err(r) => (
            StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST),
            Json(serde_json::json!({
                "reason": r.reason,
                "receipt": r.receipt,
                "refusal": r.signed,
            })),
        )
            .into_response(),
    }
}
