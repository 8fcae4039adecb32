//! The router, built through [`Routes`] so that every route is also listed in a
//! [`RouteTable`]: the security harness enumerates routes from here, not from a hand-kept list.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::{AppState, api, context, pages, security, statics};

/// One route: method and path pattern as axum matches it (e.g. `/orgs/{slug}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
}

/// Every route the application serves.
#[derive(Debug, Clone, Default)]
pub struct RouteTable(pub Vec<RouteInfo>);

/// A router under construction that records each route it is given.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    fn add<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        // A method axum cannot route is a programming error: refuse it at start rather than
        // serve the handler under another method.
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("route {path}: method {method} cannot be routed"));
        self.table.push(RouteInfo { method, path });
        self.router = self.router.route(path, on(filter, handler));
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, h)
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, h)
    }

    /// A POST-only address whose handler may answer with a page (its form with errors, or a
    /// result). A GET at the same address — a reload, a language switch from that page —
    /// answers 303 to `form_page`, the page that holds the form, with the same `{…}`
    /// parameters, instead of a 405.
    pub fn post_from<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        h: H,
        form_page: &'static str,
    ) -> Self {
        let back = move |ctx: crate::Ctx,
                         axum::extract::Path(params): axum::extract::Path<
            std::collections::HashMap<String, String>,
        >| async move {
            let mut to = form_page.to_owned();
            for (name, value) in params {
                to = to.replace(&format!("{{{name}}}"), &percent_encode(&value));
            }
            crate::view::see_other(&ctx, &to)
        };
        if !path.contains('{') {
            // No parameters to carry over (and none for `Path` to extract).
            let back =
                move |ctx: crate::Ctx| async move { crate::view::see_other(&ctx, form_page) };
            return self.add(Method::POST, path, h).add(Method::GET, path, back);
        }
        self.add(Method::POST, path, h).add(Method::GET, path, back)
    }
}

/// A path parameter put back into a path: everything but unreserved characters escaped.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A method the address does not serve: the error page in the reader's language (axum's
/// own answer is an empty body, which browsers show as a broken page).
async fn method_not_allowed() -> crate::AppError {
    crate::AppError::MethodNotAllowed
}

/// Builds the router with all its layers, and the table of its routes.
pub fn build(state: AppState) -> (Router, RouteTable) {
    let mut r = Routes::new()
        .get("/static/{name}", statics::serve)
        .get("/healthz", pages::home::health)
        .get("/favicon.ico", pages::home::favicon)
        .get("/media/{name}", crate::media::serve);
    r = pages::home::routes(r);
    r = pages::account::routes(r);
    r = pages::directory::routes(r);
    r = pages::people::routes(r);
    r = pages::logo::routes(r);
    r = pages::matching::routes(r);
    r = pages::proposals::routes(r);
    r = pages::pairs::routes(r);
    r = pages::networks::routes(r);
    r = pages::resources::routes(r);
    r = pages::resource_edit::routes(r);
    r = pages::resource_versions::routes(r);
    r = pages::vault::routes(r);
    r = pages::vault_items::routes(r);
    r = pages::vault_download::routes(r);
    r = pages::vault_export::routes(r);
    r = pages::admin::routes(r);
    r = api::routes(r);
    r = crate::api_resources::routes(r);
    r = crate::api_vault::routes(r);

    let router = r
        .router
        .fallback(pages::home::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Spona's own limit (below) applies to every body; axum's per-extractor default of
        // 2 MB would otherwise cut off multipart uploads.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            context::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(trace_span))
        .with_state(state);
    (router, RouteTable(r.table))
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
    } else if path.starts_with("/vault/cases/") && path.ends_with("/files") {
        crate::pages::vault_items::MAX_FILE as usize + 1024 * 1024
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

#[cfg(test)]
mod tests {
    use super::*;

    async fn ok() -> &'static str {
        "ok"
    }

    #[test]
    fn known_methods_are_recorded_as_given() {
        let r = Routes::new()
            .add(Method::PUT, "/a", ok)
            .add(Method::DELETE, "/b", ok);
        let methods: Vec<_> = r.table.iter().map(|i| i.method.clone()).collect();
        assert_eq!(methods, [Method::PUT, Method::DELETE]);
    }

    #[test]
    #[should_panic(expected = "cannot be routed")]
    fn an_unknown_method_is_refused_not_served_as_get() {
        let custom = Method::from_bytes(b"PROPFIND").expect("a method");
        let _ = Routes::new().add(custom, "/c", ok);
    }
}
