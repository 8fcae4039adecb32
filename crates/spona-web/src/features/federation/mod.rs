//! Federation between Spona deployments (issue 20): the key document and the inbox
//! ([`api`]), the platform admins' pages for partners, who exchanges with whom and the
//! packet log ([`pages`]), the case workers' pages of referrals with partners
//! ([`referrals`]), and the sender that empties the outbox ([`spawn_sender`]).

pub mod api;
pub mod pages;
pub mod referrals;

use std::time::Duration;

use spona_app::federation::outbox::{Transport, deliver_due};
use spona_federation::SignedDocument;

use crate::AppState;
use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    referrals::routes(pages::routes(api::routes(r)))
}

/// Certificates the federation client trusts besides the system's roots
/// (`serve --federation-ca-file`); set once, before the client is first used.
static EXTRA_ROOTS: std::sync::OnceLock<Vec<reqwest::Certificate>> = std::sync::OnceLock::new();

/// Trusts `certs` (a private CA's) for partners' HTTPS, besides the system's roots. Call
/// before the first request to a partner; false if the client was set up already.
pub fn trust_extra_roots(certs: Vec<reqwest::Certificate>) -> bool {
    EXTRA_ROOTS.set(certs).is_ok()
}

/// The HTTP client partners are reached with: no redirects followed (a packet goes to the
/// inbox its partner's signed document names, nowhere else), bounded times.
pub fn client() -> reqwest::Client {
    static C: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        crate::install_tls_provider();
        let mut b = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30));
        if let Some(extra) = EXTRA_ROOTS.get() {
            b = b.tls_certs_merge(extra.iter().cloned());
        }
        b.build().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the federation client could not be set up as configured");
            reqwest::Client::default()
        })
    })
    .clone()
}

/// The largest key document read.
const DOCUMENT_LIMIT: usize = 1024 * 1024;

/// Reads a deployment's key document from its address (`https://host[:port]`).
pub async fn fetch_document(base_url: &str) -> Result<SignedDocument, String> {
    let url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        spona_app::federation::keys::DOCUMENT_PATH
    );
    let mut resp = client()
        .get(&url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !resp.status().is_success() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| format!("{url}: {e}"))? {
        body.extend_from_slice(&chunk);
        if body.len() > DOCUMENT_LIMIT {
            return Err(format!("{url}: the document is too large"));
        }
    }
    serde_json::from_slice(&body).map_err(|e| format!("{url}: not a key document: {e}"))
}

/// Packets leave over HTTP(S) through [`client`].
pub struct Http;

impl Transport for Http {
    async fn post(
        &self,
        url: &str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    ) -> Result<(u16, Vec<u8>), String> {
        let mut req = client().post(url).body(body);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        let resp = req.send().await.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, bytes.to_vec()))
    }
}

/// Sends the outbox's due packets while the server runs (every `interval` of the
/// settings, and at once again after a round that delivered some). A failure is logged
/// and tried again. Stops when `stop` says so.
pub fn spawn_sender(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let interval = state.federation.settings.interval;
        // This process's name in the outbox's claims (two servers may share one database).
        let worker = spona_store::new_id();
        loop {
            // Packets delivered in this round: more may be due at once, so look again now.
            let mut busy = false;
            match state.federation.keys(&state.db).await {
                Ok(keys) => match deliver_due(
                    &state.db,
                    &worker,
                    &keys,
                    &state.federation.settings,
                    &Http,
                    spona_store::now(),
                )
                .await
                {
                    Ok(n) => busy = n > 0,
                    Err(e) => {
                        tracing::error!(error = %e, "sending federation packets failed; trying again");
                    }
                },
                Err(e) => tracing::error!(error = %e, "federation keys unavailable"),
            }
            if busy {
                if *stop.borrow() {
                    return;
                }
                tokio::task::yield_now().await;
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = stop.changed() => return,
            }
        }
    })
}
