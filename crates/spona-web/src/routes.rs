//! The router, built through [`Routes`] so that every route is also listed in a
//! [`RouteTable`]: the security harness enumerates routes from here, not from a hand-kept list.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
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
        let filter = match method {
            Method::POST => MethodFilter::POST,
            Method::PUT => MethodFilter::PUT,
            Method::PATCH => MethodFilter::PATCH,
            Method::DELETE => MethodFilter::DELETE,
            _ => MethodFilter::GET,
        };
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
    r = pages::admin::routes(r);
    r = api::routes(r);

    let router = r
        .router
        .fallback(pages::home::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            context::layer,
        ))
        .layer(RequestBodyLimitLayer::new(2 * 1024 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(trace_span))
        .with_state(state);
    (router, RouteTable(r.table))
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
