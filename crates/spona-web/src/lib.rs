//! Spona's web layer: pages (server-rendered HTML, no JavaScript needed) and the JSON API,
//! over one router whose routes are also listed in a [`routes::RouteTable`] so that the
//! security harness can check every one of them.
//!
//! Request path: locale prefix stripped ([`locale::strip_prefix`]) → router → trace,
//! compression, security headers, body limit → [`context::layer`] (session, CSRF, locale,
//! error pages) → handler → store.

pub mod api;
pub mod api_resources;
pub mod api_vault;
pub mod attachments;
pub mod auth;
pub mod context;
pub mod error;
pub mod hub;
pub mod locale;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod notify;
pub mod pages;
pub mod ratelimit;
pub mod reminders;
pub mod routes;
pub mod security;
pub mod statics;
pub mod vault;
pub mod view;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::Request;
use spona_i18n::Translator;
use spona_store::Db;
use tower::Layer as _;

pub use context::Ctx;
pub use error::AppError;

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
        }
    }
}

/// Everything a handler needs, shared by all requests.
pub struct Shared {
    pub db: Db,
    pub tr: Translator,
    pub config: WebConfig,
    pub limits: ratelimit::Limits,
    /// The in-memory directory snapshot (reloaded when the database says it changed).
    pub directory: spona_store::directory::Directory,
    /// Vocabulary options with labels, per locale, sorted by label.
    pub options: pages::directory::Options,
    pub statics: statics::Statics,
    /// The resource hub's search index (derived from the database; see [`hub::catch_up`]).
    pub search: spona_search::SearchIndex,
    /// Serialises bringing the index up to date.
    pub index_lock: tokio::sync::Mutex<()>,
    pub attachments: attachments::AttachmentStore,
    /// The evidence vault, or why it is closed.
    pub vault: vault::VaultState,
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
    pub fn new(db: Db, config: WebConfig) -> anyhow::Result<Self> {
        install_tls_provider();
        let tr = Translator::new().map_err(|e| anyhow::anyhow!("translations: {e}"))?;
        let options = pages::directory::Options::new(&tr);
        let search = match &config.search_dir {
            Some(dir) => spona_search::SearchIndex::open(dir),
            None => spona_search::SearchIndex::open_in_ram(),
        }
        .map_err(|e| anyhow::anyhow!("search index: {e}"))?;
        let attachments =
            attachments::AttachmentStore::open(&config.attachments, &config.attachments_tmp)
                .map_err(|e| anyhow::anyhow!("attachment store: {e}"))?;
        let vault = vault::VaultState::open(&config.vault_dir, config.vault_key_file.as_deref());
        Ok(AppState(Arc::new(Shared {
            vault,
            search,
            index_lock: tokio::sync::Mutex::new(()),
            attachments,
            db,
            tr,
            options,
            directory: spona_store::directory::Directory::new(),
            config,
            limits: ratelimit::Limits::new(),
            statics: statics::Statics::new(),
        })))
    }
}

/// The whole application: the router behind the locale-prefix rewrite.
pub type App = tower::util::MapRequest<axum::Router, fn(Request) -> Request>;

/// The whole application as a service, plus the table of its routes.
pub fn app(state: AppState) -> (App, routes::RouteTable) {
    let (router, table) = routes::build(state);
    let strip: fn(Request) -> Request = locale::strip_prefix;
    (
        tower::util::MapRequestLayer::new(strip).layer(router),
        table,
    )
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    match hub::catch_up(&state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(resources = n, "search index caught up"),
        Err(e) => tracing::error!(error = %e, "search index could not catch up"),
    }
    let (service, _) = app(state);
    let make =
        axum::ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(service);
    axum::serve(listener, make)
        .with_graceful_shutdown(shutdown)
        .await
}
