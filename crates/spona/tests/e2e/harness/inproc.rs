//! Requests handed straight to the router (tower's `oneshot`), for tests that need no
//! socket: no connection, no hyper, the same middleware and handlers. The peer address is
//! a fixed loopback one, as the server's accept loop would set it; cookies are kept as a
//! browser keeps them (what `Set-Cookie` sets, removed when it expires them).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tower::ServiceExt;

use super::Reply;

#[derive(Clone)]
pub struct InProcess {
    app: spona_web::App,
    cookies: Arc<Mutex<BTreeMap<String, String>>>,
}

/// The address the in-process requests come from.
pub const PEER: ([u8; 4], u16) = ([127, 0, 0, 1], 40_000);

impl InProcess {
    pub fn new(app: spona_web::App) -> InProcess {
        InProcess {
            app,
            cookies: Arc::default(),
        }
    }

    /// Sends one request; the answer's status, headers and whole body.
    pub async fn send_raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let mut req = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("host", "127.0.0.1");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let cookie = {
            let jar = self.cookies.lock().expect("cookies");
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !cookie.is_empty() {
            req = req.header("cookie", cookie);
        }
        let mut req = req.body(axum::body::Body::from(body)).expect("request");
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(SocketAddr::from(PEER)));
        let res = self.app.clone().oneshot(req).await.expect("infallible");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        self.keep_cookies(&headers);
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .expect("body");
        (status, headers, bytes.to_vec())
    }

    /// Like [`InProcess::send_raw`], the body as text.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let (status, headers, body) = self.send_raw(method, path, headers, body).await;
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    fn keep_cookies(&self, headers: &reqwest::header::HeaderMap) {
        let mut jar = self.cookies.lock().expect("cookies");
        for set in headers.get_all("set-cookie") {
            let Ok(set) = set.to_str() else { continue };
            let mut parts = set.split(';').map(str::trim);
            let Some((name, value)) = parts.next().and_then(|nv| nv.split_once('=')) else {
                continue;
            };
            let expired = parts.any(|a| {
                let a = a.to_ascii_lowercase();
                a == "max-age=0" || a.starts_with("expires=thu, 01 jan 1970")
            });
            if expired || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }
}
