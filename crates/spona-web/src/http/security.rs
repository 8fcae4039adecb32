//! Security headers on every response.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// No script at all, no plugins, no framing, nothing from other origins.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

/// The policy of a page that runs Spona's own script (lane quiz23: the awareness quiz's
/// pages, its service worker and manifest, issue 23 item 6): scripts, workers and the
/// manifest from this origin only; nothing inline, nothing from elsewhere.
pub const CSP_OWN_SCRIPT: &str = "default-src 'none'; script-src 'self'; worker-src 'self'; \
     manifest-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

/// Put in a response's extensions by a handler whose page loads Spona's own script: the
/// response gets [`CSP_OWN_SCRIPT`] instead of [`CSP`].
#[derive(Debug, Clone, Copy)]
pub struct OwnScript;

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let own_script = res.extensions().get::<OwnScript>().is_some();
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        if own_script { CSP_OWN_SCRIPT } else { CSP },
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        "cross-origin-opener-policy".parse().expect("static"),
        "same-origin",
    );
    set(
        h,
        "cross-origin-resource-policy".parse().expect("static"),
        "same-origin",
    );
    set(
        h,
        "permissions-policy".parse().expect("static"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if state.config.https {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if let Some(onion) = &state.config.onion_location
        && let Ok(v) = HeaderValue::from_str(onion)
    {
        h.insert("onion-location", v);
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-cache");
    }
    res
}
