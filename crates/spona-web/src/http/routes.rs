//! The router, built through [`Routes`] so that every route is also listed in a
//! [`RouteTable`]: the security harness enumerates routes from here, not from a hand-kept list.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};

use crate::AppState;

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

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    /// The router built so far and the table of its routes.
    pub fn finish(self) -> (axum::Router<AppState>, RouteTable) {
        (self.router, RouteTable(self.table))
    }

    pub fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn add<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
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
            crate::http::view::see_other(&ctx, &to)
        };
        if !path.contains('{') {
            // No parameters to carry over (and none for `Path` to extract).
            let back =
                move |ctx: crate::Ctx| async move { crate::http::view::see_other(&ctx, form_page) };
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
pub async fn method_not_allowed() -> crate::AppError {
    crate::AppError::MethodNotAllowed
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
