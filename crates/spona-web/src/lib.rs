//! Spona's web layer: pages (server-rendered HTML, no JavaScript needed) and the JSON API,
//! over one router whose routes are also listed in a [`http::routes::RouteTable`] so that the
//! security harness can check every one of them.
//!
//! Request path: locale prefix stripped ([`http::locale::strip_prefix`]) → router → trace,
//! compression, security headers, body limit → [`http::layer::layer`] (session, CSRF, locale,
//! error pages) → handler → store.

pub mod attachments;
pub mod auth;
pub mod mail;
pub use spona_app::{markdown, pdf_scan, quota, vault};
pub mod features;
pub mod http;
pub mod media;
pub mod names;
pub mod notify;
pub mod reminders;
pub mod router;
pub mod scale;
pub mod tls;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::Request;
use spona_i18n::Translator;
use spona_store::Db;
use tower::Layer as _;

pub use http::context::Ctx;
pub use http::error::AppError;

/// Settings of the web layer, decided by the binary from flags, file and environment.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people use to reach Spona, for links in messages (e.g. `https://spona.example`).
    pub public_url: String,
    /// Served over TLS (directly or behind a proxy): cookies get `Secure` and `__Host-`, HSTS is sent.
    pub https: bool,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Where outgoing mail is written while no mail server is configured.
    pub outbox_dir: PathBuf,
    /// Where published images (metadata stripped) are stored.
    pub media_dir: PathBuf,
    /// An onion address to announce in `Onion-Location`.
    pub onion_location: Option<String>,
    /// Where the resource hub's search index lives; `None` keeps it in memory.
    pub search_dir: Option<PathBuf>,
    /// Where resource attachments are stored, named by their SHA-256.
    pub attachments: attachments::Backend,
    /// Attachment uploads in progress (always on this machine).
    pub attachments_tmp: PathBuf,
    /// The vault's keys and encrypted blobs.
    pub vault_dir: PathBuf,
    /// An operator-supplied vault key file (instead of `vault_dir/vault.key`).
    pub vault_key_file: Option<PathBuf>,
    /// Where sealed vault blobs are kept (`--vault-url`); `None`: `vault_dir/blobs`.
    pub vault_blobs: Option<attachments::Backend>,
    /// How PDF text extraction is bounded (the binary names itself as the helper).
    pub pdf_limits: attachments::PdfLimits,
    /// Timeouts and caps of client connections.
    pub connections: ConnectionLimits,
    /// Storage quotas of vault cases and organisations.
    pub quotas: quota::Quotas,
    /// How mail leaves: a mail server (`--smtp-url`), or the outbox directory.
    pub mail: spona_app::mail::Settings,
    /// Federation with partner deployments: key directory, delivery window, backoff.
    pub federation: spona_app::federation::Settings,
    /// HTTPS served by Spona itself (`--tls-cert`, `--tls-key`); `None`: plain HTTP (behind
    /// a proxy, or local).
    pub tls: Option<tls::Tls>,
}

/// What one client, and all together, may hold of the server's connections (issue 14, item 3).
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// A request's head (request line and headers) must arrive within this time; the same
    /// timer closes a kept-alive connection that waits this long for its next request.
    pub header_timeout: std::time::Duration,
    /// Open connections in all; one more is answered 503 and closed.
    pub max_total: usize,
    /// Open connections from one client (IPv6: one /64); trusted proxies count only in the total.
    pub max_per_client: usize,
    /// How long a shutting-down server lets requests in flight finish.
    pub shutdown_grace: std::time::Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(20),
            max_total: 1024,
            max_per_client: 64,
            shutdown_grace: std::time::Duration::from_secs(30),
        }
    }
}

impl WebConfig {
    pub fn for_data_dir(data_dir: &std::path::Path, public_url: &str) -> Self {
        WebConfig {
            public_url: public_url.trim_end_matches('/').to_owned(),
            https: public_url.starts_with("https://"),
            trusted_proxies: Vec::new(),
            outbox_dir: data_dir.join("outbox"),
            media_dir: data_dir.join("media"),
            onion_location: None,
            search_dir: Some(data_dir.join("search")),
            attachments: attachments::Backend::Local(data_dir.join("attachments")),
            attachments_tmp: data_dir.join("attachments").join("tmp"),
            vault_dir: data_dir.join("vault"),
            vault_key_file: None,
            vault_blobs: None,
            pdf_limits: attachments::PdfLimits::default(),
            connections: ConnectionLimits::default(),
            quotas: quota::Quotas::default(),
            mail: spona_app::mail::Settings::default(),
            federation: spona_app::federation::Settings::for_data_dir(data_dir, public_url),
            tls: None,
        }
    }
}

/// The translations: the shared strings and every feature's own.
pub fn translator() -> Result<Translator, String> {
    Translator::with(features::STRINGS)
}

/// Everything a handler needs, shared by all requests.
pub struct Shared {
    pub db: Db,
    pub tr: Translator,
    pub config: WebConfig,
    pub limits: http::ratelimit::Limits,
    /// The in-memory directory snapshot (reloaded when the database says it changed).
    pub directory: spona_store::directory::Directory,
    /// The public events list in memory (reloaded when the database says it changed).
    pub events_list: spona_app::events::listing::ListCache,
    /// The published services catalogue in memory (reloaded when the database says it
    /// changed).
    pub services_catalogue: spona_app::services::catalogue::CatalogueCache,
    /// The monitoring dashboard's summary in memory (rebuilt when the database says it
    /// changed).
    pub monitoring_dashboard: spona_app::monitoring::dashboard_cube::DashboardCache,
    /// Vocabulary options with labels, per locale, sorted by label.
    pub options: http::options::Options,
    pub statics: http::statics::Statics,
    /// The resource hub's search index (derived from the database; see
    /// [`spona_app::hub::catch_up`]).
    pub search: spona_app::hub::Index,
    pub attachments: attachments::AttachmentStore,
    /// The evidence vault, or why it is closed.
    pub vault: vault::VaultState,
    /// Work done after the answer was sent.
    pub background: Background,
    /// One-time invitation links platform admins made, by the id of the page showing each.
    pub handed_links:
        std::sync::Mutex<std::collections::HashMap<String, features::accounts::people::HandedLink>>,
    /// Federation: the settings and, once first needed, the deployment's keys.
    pub federation: spona_app::federation::Keyring,
    /// Endorsement campaigns: the in-memory limits that slow bursts per address and network.
    pub endorse_limits: features::endorsements::limits::Limits,
    /// Quizzes being taken: the documents kept and the answer writer (group commit).
    pub quiz: spona_app::quizzes::live::Live,
    /// The public log's signing key (`log-ed25519.key` in the vault directory), or none when
    /// it could not be opened (the log's pages answer 503 then).
    pub publog_key: Option<spona_app::publog::LogKey>,
}

/// Work done after a request's answer, so that the answer's content and timing do not depend
/// on it (a reset mail for a known address), counted so that tests can wait for it.
#[derive(Debug, Default)]
pub struct Background {
    pending: Arc<std::sync::atomic::AtomicUsize>,
}

struct Pending(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Background {
    pub fn spawn(&self, work: impl std::future::Future<Output = ()> + Send + 'static) {
        self.pending
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let pending = Pending(self.pending.clone());
        tokio::spawn(async move {
            let _pending = pending;
            work.await;
        });
    }

    /// Tasks started and not finished.
    pub fn pending(&self) -> usize {
        self.pending.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Cheap to clone; handlers receive it through axum's `State`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Installs ring as rustls's process-wide crypto provider, which every HTTPS client (the
/// object store's) needs before it is built; harmless when already installed.
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl AppState {
    /// Opens everything a server needs. Asks the database what the vault holds first, so
    /// that a lost vault or signing key is never silently replaced (see [`vault`]).
    pub async fn new(db: Db, config: WebConfig) -> anyhow::Result<Self> {
        let facts = db
            .vault_facts()
            .await
            .map_err(|e| anyhow::anyhow!("database: {e}"))?;
        // Stored search texts follow the analysis before any cache reads them (issue 25).
        spona_store::search_upgrade::run(&db)
            .await
            .map_err(|e| anyhow::anyhow!("recomputing stored search texts: {e}"))?;
        let state = Self::new_with_facts(db, config, &facts)?;
        match spona_app::publog::backfill(&state.db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                entries = n,
                "public log: entries for objects published before it"
            ),
            Err(e) => tracing::error!(error = %e, "public log: backfilling entries failed"),
        }
        if let vault::VaultState::Open(v) = &state.vault {
            vault::seal_clear_values(&state.db, v)
                .await
                .map_err(|e| anyhow::anyhow!("sealing vault values kept in clear: {e}"))?;
            let signed = spona_app::referrals::custody::sign_unsigned_heads(&state.db, v)
                .await
                .map_err(|e| anyhow::anyhow!("signing referrals' custody heads: {e}"))?;
            if signed > 0 {
                tracing::info!(
                    signed,
                    "signed the custody heads of referrals made before 0111"
                );
            }
        }
        Ok(state)
    }

    fn new_with_facts(
        db: Db,
        config: WebConfig,
        facts: &spona_store::VaultFacts,
    ) -> anyhow::Result<Self> {
        install_tls_provider();
        let tr = translator().map_err(|e| anyhow::anyhow!("translations: {e}"))?;
        let options = http::options::Options::new(&tr);
        let search = match &config.search_dir {
            Some(dir) => spona_search::SearchIndex::open(dir),
            None => spona_search::SearchIndex::open_in_ram(),
        }
        .map_err(|e| anyhow::anyhow!("search index: {e}"))?;
        if let Some(reason) = search.rebuilding() {
            tracing::warn!(%reason, "search index damaged");
        }
        let limits = http::ratelimit::Limits::for_db(&db);
        let attachments =
            attachments::AttachmentStore::open(&config.attachments, &config.attachments_tmp)
                .map_err(|e| anyhow::anyhow!("attachment store: {e}"))?
                .with_pdf_limits(config.pdf_limits.clone());
        let vault = vault::VaultState::open_with(
            &config.vault_dir,
            config.vault_key_file.as_deref(),
            facts,
        );
        let vault = features::vault::blob_store::with_blobs_in(vault, config.vault_blobs.as_ref())
            .map_err(|e| anyhow::anyhow!("vault blob store: {e}"))?;
        mail::prune(&config.outbox_dir, mail::OUTBOX_KEEP);
        let publog_key = spona_app::publog::LogKey::load_or_create(
            &config.vault_dir,
            &spona_app::publog::key::origin_of(&config.public_url),
        )
        .map_err(|e| tracing::error!(error = %e, "the public log's key could not be opened"))
        .ok();
        let quiz = spona_app::quizzes::live::Live::start(db.clone());
        Ok(AppState(Arc::new(Shared {
            publog_key,
            federation: spona_app::federation::Keyring::new(config.federation.clone()),
            vault,
            background: Background::default(),
            handed_links: Default::default(),
            search: spona_app::hub::Index::new(search),
            attachments,
            db,
            tr,
            options,
            directory: spona_store::directory::Directory::new(),
            events_list: spona_app::events::listing::ListCache::new(),
            services_catalogue: spona_app::services::catalogue::CatalogueCache::new(),
            monitoring_dashboard: spona_app::monitoring::dashboard_cube::DashboardCache::new(),
            config,
            limits,
            endorse_limits: features::endorsements::limits::Limits::new(),
            quiz,
            statics: http::statics::Statics::new(),
        })))
    }
}

/// Sends queued mail while the server runs: every half second, what is due leaves (to the
/// mail server, or to the outbox while none is configured). A failure is logged and tried
/// again. Stops when `stop` says so.
fn spawn_mail_sender(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    spona_app::mail::set_public_url(&state.config.public_url);
    if !state.config.mail.sending {
        return None;
    }
    let sender = match spona_app::mail::Sender::new(
        &state.config.mail,
        &state.config.outbox_dir,
        &state.config.public_url,
    ) {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "the mail sender could not start; mail stays queued");
            return None;
        }
    };
    Some(tokio::spawn(async move {
        loop {
            if let Err(e) = sender.deliver_due(&state.db).await {
                tracing::error!(error = %e, "sending queued mail failed; trying again");
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
                _ = stop.changed() => return,
            }
        }
    }))
}

/// Queues the working groups' digests that are due, every five minutes while the server
/// runs (a digest with nothing new is not sent), the first a minute after start so that a
/// starting server serves first. A failure is logged and tried again.
fn spawn_group_digests(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
            _ = stop.changed() => return,
        }
        let period = std::time::Duration::from_secs(300);
        loop {
            let m = spona_app::groups::notify::MailCtx {
                tr: &state.tr,
                public_url: &state.config.public_url,
            };
            scale::jobs::once(&state.db, "group-digests", period, async {
                let r = spona_app::groups::digest::run(&state.db, &m, spona_store::now()).await;
                if let Err(e) = r {
                    tracing::error!(error = %e, "group digests failed; trying again");
                }
            })
            .await;
            tokio::select! {
                _ = tokio::time::sleep(scale::jobs::look_every(&state.db, period)) => {}
                _ = stop.changed() => return,
            }
        }
    })
}

/// The whole application: the router behind the locale-prefix rewrite.
pub type App = tower::util::MapRequest<axum::Router, fn(Request) -> Request>;

/// The whole application as a service, plus the table of its routes.
pub fn app(state: AppState) -> (App, http::routes::RouteTable) {
    let (router, table) = router::build(state);
    let strip: fn(Request) -> Request = http::locale::strip_prefix;
    (
        tower::util::MapRequestLayer::new(strip).layer(router),
        table,
    )
}

/// Serves until `shutdown` resolves, then lets the requests in flight finish (within
/// [`ConnectionLimits::shutdown_grace`]).
///
/// HTTP/1.1 through hyper directly (rather than `axum::serve`), for what a server facing the
/// internet needs: a header-read timeout that also closes idle kept-alive connections, and
/// caps on open connections per client and in all, past which a connection gets a short
/// 503 and is closed instead of holding a file descriptor.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Some(reason) = state.search.rebuilding() {
        // Searches answer 503 with the reason until the rebuild is done.
        tracing::warn!(%reason, "search index damaged; rebuilding in the background");
        spona_app::hub::repair(&state.db, &state.search);
    } else {
        match spona_app::hub::catch_up(&state.db, &state.search).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(resources = n, "search index caught up"),
            Err(e) => {
                tracing::error!(error = %e, "search index could not catch up; repairing");
                spona_app::hub::repair(&state.db, &state.search);
            }
        }
    }
    if let vault::VaultState::Open(v) = &state.vault {
        match vault::clean_orphan_blobs(&state.db, v).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(
                files = n,
                "removed vault blobs no item refers to (an upload interrupted before its commit)"
            ),
            Err(e) => tracing::error!(error = %e, "could not look for orphan vault blobs"),
        }
    }
    // The background loops end when `serve` ends and drops `stop` (also when its future is
    // dropped); a `serve` that returns waits for them, so that a stopped server has let go
    // of its database pool and its search index.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let scale_loops = scale::spawn(&state, &stopped);
    let loops: Vec<tokio::task::JoinHandle<()>> = [
        spawn_mail_sender(state.clone(), stopped.clone()),
        Some(spawn_group_digests(state.clone(), stopped.clone())),
        Some(features::federation::spawn_sender(
            state.clone(),
            stopped.clone(),
        )),
        Some(features::newsletters::spawn_sender(
            state.clone(),
            stopped.clone(),
        )),
        features::publog::spawn_checkpointer(state.clone(), stopped.clone()),
        Some(features::endorsements::spawn_purge(state.clone(), stopped)),
    ]
    .into_iter()
    .flatten()
    .chain(scale_loops)
    .collect();
    let limits = state.config.connections.clone();
    let tls = state.config.tls.clone();
    let trusted = state.config.trusted_proxies.clone();
    let busy = Arc::new(busy_response(&state.tr));
    let (service, _) = app(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_total.max(1)));
    let per_client = Arc::new(std::sync::Mutex::new(std::collections::HashMap::<
        IpAddr,
        usize,
    >::new()));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let (done_tx, mut done_rx) = tokio::sync::mpsc::channel::<()>(1);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was accepted.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let client = http::ratelimit::client_key(peer.ip());
        let counted = !trusted.contains(&peer.ip());
        let admitted = slots.clone().try_acquire_owned().ok().and_then(|slot| {
            if !counted {
                return Some(ConnectionGuard {
                    slot,
                    client: None,
                    per_client: per_client.clone(),
                });
            }
            let mut open = per_client.lock().ok()?;
            let n = open.entry(client).or_insert(0);
            if *n >= limits.max_per_client {
                return None;
            }
            *n += 1;
            Some(ConnectionGuard {
                slot,
                client: Some(client),
                per_client: per_client.clone(),
            })
        });
        let Some(guard) = admitted else {
            let busy = busy.clone();
            tokio::spawn(async move { refuse(stream, &busy).await });
            continue;
        };
        let app = service.clone();
        let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            tower::ServiceExt::oneshot(app.clone(), req)
        });
        let mut stop = stop_rx.clone();
        let done = done_tx.clone();
        let grace = limits.shutdown_grace;
        let (http, tls, handshake) = (http.clone(), tls.clone(), limits.header_timeout);
        tokio::spawn(async move {
            let _guard = guard;
            let _done = done;
            let Some(io) = tls::accept(tls.as_ref(), stream, handshake).await else {
                return;
            };
            let conn = http.serve_connection(hyper_util::rt::TokioIo::new(io), svc);
            tokio::pin!(conn);
            let stopping = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopping => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(grace, conn).await;
                }
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_tx);
    let _ = done_rx.recv().await;
    drop(stop);
    for task in loops {
        let _ = tokio::time::timeout(limits.shutdown_grace, task).await;
    }
    Ok(())
}

/// One admitted connection: its place in the total and in its client's count.
struct ConnectionGuard {
    #[allow(dead_code)]
    slot: tokio::sync::OwnedSemaphorePermit,
    client: Option<IpAddr>,
    per_client: Arc<std::sync::Mutex<std::collections::HashMap<IpAddr, usize>>>,
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        if let Some(client) = self.client
            && let Ok(mut open) = self.per_client.lock()
            && let Some(n) = open.get_mut(&client)
        {
            *n -= 1;
            if *n == 0 {
                open.remove(&client);
            }
        }
    }
}

/// The answer to a connection over the caps: nothing of it was read, so its locale is not
/// known; the message is given in every interface language.
fn busy_response(tr: &Translator) -> Vec<u8> {
    // Each distinct sentence once (Bosnian, Croatian and Montenegrin often share theirs).
    let mut lines: Vec<String> = Vec::new();
    for l in spona_domain::Locale::ALL
        .iter()
        .filter(|l| l.tag() != "sr-Latn")
    {
        let line = tr.t(*l, "err-server-busy") + "\n";
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let text: String = lines.concat();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
         retry-after: 10\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{text}",
        text.len()
    )
    .into_bytes()
}

async fn refuse(mut stream: tokio::net::TcpStream, busy: &[u8]) {
    use tokio::io::AsyncWriteExt;
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        let _ = stream.write_all(busy).await;
        let _ = stream.shutdown().await;
    })
    .await;
}
