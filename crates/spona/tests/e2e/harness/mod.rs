//! A real Spona server on a loopback port, over a fresh database: SQLite in a temporary
//! directory, or — when `SPONA_TEST_DATABASE_URL` names PostgreSQL — a fresh schema there.

use std::sync::OnceLock;

use spona_domain::role::PlatformRole;
use spona_store::Db;

mod client;
mod fixtures;
pub mod inproc;
pub mod process;
pub mod queries;

pub use client::*;
pub use fixtures::*;

pub const PASSWORD: &str = "Sunflowers over Kyiv 1991";

/// One hash for all fixture users: argon2id is deliberately slow.
pub(super) fn password_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| spona_web::auth::hash_password(PASSWORD).expect("hash"))
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub dir: tempfile::TempDir,
    pub routes: spona_web::http::routes::RouteTable,
    /// The running server's state (replaced by a restart).
    state: Option<spona_web::AppState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    /// The test's own PostgreSQL schema, dropped with the test.
    schema: Option<String>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(schema) = self.schema.take() {
            drop_schema(&schema);
        }
    }
}

/// Drops a finished test's PostgreSQL schema. Left behind, a run's ~300 schemas of ~150 tables
/// each swell the test database's catalogue, and every later connection and migration slows
/// down with it (a whole PostgreSQL run took 13 minutes instead of 4). Runs on a thread of
/// its own, as the test's runtime may be single-threaded; a lock held past two seconds leaves
/// the schema for `scripts/test` to sweep.
fn drop_schema(schema: &str) {
    let Ok(url) = std::env::var("SPONA_TEST_DATABASE_URL") else {
        return;
    };
    let sql = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
    let _ = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        runtime.block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&url).await.ok()?;
            sqlx::query("SET lock_timeout = '2s'")
                .execute(&mut conn)
                .await
                .ok()?;
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .ok()?;
            conn.close().await.ok()
        })
    })
    .join();
}

pub const ADMIN: &str = "admin@test.example";
pub const ASTRA_ADMIN: &str = "jelena@astra.example.org";
pub const ASTRA_MEMBER: &str = "milan@astra.example.org";
pub const ZMINA_ADMIN: &str = "oksana@zmina.example.org";
pub const ATINA_ADMIN: &str = "coordinator@atina.example.org";

impl TestApp {
    /// Runs the `spona` command line on this test's data directory (and `url`, the database
    /// URL from [`TestApp::cli_database_url`]) with quiet logging and no inherited settings;
    /// `env` adds variables. Returns whether it succeeded and everything it printed.
    pub fn run_cli(
        &self,
        url: &Option<String>,
        args: &[&str],
        env: &[(&str, String)],
    ) -> (bool, String) {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_spona"));
        cmd.arg("--data-dir").arg(self.dir.path());
        if let Some(url) = url {
            cmd.arg("--database-url").arg(url);
        }
        cmd.args(args)
            .env_remove("SPONA_DATABASE_URL")
            .env_remove("SPONA_VAULT_KEY_FILE")
            .env_remove("SPONA_TEST_FAULT")
            .env("SPONA_LOG", "warn");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("spona");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    }

    /// The database URL the command line needs to reach this test's database: none for
    /// SQLite (it finds `spona.db` in the data directory), the test's own schema on
    /// PostgreSQL.
    pub async fn cli_database_url(&self) -> Option<String> {
        match &self.db {
            Db::Sqlite(_) => None,
            Db::Postgres(p) => {
                let url = std::env::var("SPONA_TEST_DATABASE_URL").expect("postgres url");
                let schema: String = sqlx::query_scalar("SELECT current_schema()")
                    .fetch_one(p)
                    .await
                    .expect("schema");
                let sep = if url.contains('?') { '&' } else { '?' };
                Some(format!("{url}{sep}options[search_path]={schema}"))
            }
        }
    }

    pub async fn start() -> TestApp {
        Self::start_with(|_| {}).await
    }

    /// Starts a server whose configuration `adjust` may change (e.g. trusted proxies).
    pub async fn start_with(adjust: impl FnOnce(&mut spona_web::WebConfig)) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let (db, schema) = match std::env::var("SPONA_TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                let schema = format!("t_{}", uuid_like());
                let db = Db::connect_in_schema(&url, Some(&schema))
                    .await
                    .expect("postgres");
                (db, Some(schema))
            }
            _ => {
                let url = format!("sqlite://{}", dir.path().join("spona.db").display());
                (Db::connect(&url).await.expect("sqlite"), None)
            }
        };
        let mut app = Self::start_on(dir, db, adjust).await;
        app.schema = schema;
        app
    }

    /// A server over SQLite whose database may grow to at most `max_pages` pages, so that a
    /// test can fill it up; `None` when the tests run on PostgreSQL.
    pub async fn start_with_max_pages(max_pages: u32) -> Option<TestApp> {
        if std::env::var("SPONA_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("spona.db").display());
        let db = Db::connect_sqlite_with_max_pages(&url, max_pages)
            .await
            .expect("sqlite");
        Some(Self::start_on(dir, db, |_| {}).await)
    }

    async fn start_on(
        dir: tempfile::TempDir,
        db: Db,
        adjust: impl FnOnce(&mut spona_web::WebConfig),
    ) -> TestApp {
        migrate(&db).await;
        seed(&db).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let mut config = spona_web::WebConfig::for_data_dir(dir.path(), &base);
        config.pdf_limits.helper = Some(env!("CARGO_BIN_EXE_spona").into());
        adjust(&mut config);
        let state = spona_web::AppState::new(db.clone(), config)
            .await
            .expect("state");
        let server_state = state.clone();
        let (_, routes) = spona_web::app(state.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = spona_web::serve(listener, state, async {
                let _ = rx.await;
            })
            .await;
        });
        TestApp {
            base,
            db,
            dir,
            routes,
            state: Some(server_state),
            shutdown: Some(tx),
            server: Some(server),
            schema: None,
        }
    }

    /// Stops the server (its address answers nothing) until [`TestApp::restart`].
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
        }
        // The state holds the search index's writer lock.
        self.state = None;
    }

    /// Stops the server and starts a new one on the same address, database and data
    /// directory, as a restart after a crash would.
    pub async fn restart(&mut self) {
        self.restart_with(|_| {}).await
    }

    /// Like [`TestApp::restart`], with a changed configuration.
    pub async fn restart_with(&mut self, adjust: impl FnOnce(&mut spona_web::WebConfig)) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
        }
        let addr = self.base.trim_start_matches("http://").to_owned();
        let mut attempt = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(&addr).await {
                Ok(l) => break l,
                Err(e) if attempt < 50 => {
                    attempt += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("rebind {addr}: {e}"),
            }
        };
        let mut config = spona_web::WebConfig::for_data_dir(self.dir.path(), &self.base);
        config.pdf_limits.helper = Some(env!("CARGO_BIN_EXE_spona").into());
        adjust(&mut config);
        // The old state holds the search index's writer lock until it is dropped.
        self.state = None;
        let state = spona_web::AppState::new(self.db.clone(), config)
            .await
            .expect("state");
        self.state = Some(state.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        self.server = Some(tokio::spawn(async move {
            let _ = spona_web::serve(listener, state, async {
                let _ = rx.await;
            })
            .await;
        }));
        self.shutdown = Some(tx);
    }

    /// The running server's state, for calling what the server runs by itself (reminders).
    pub fn state(&self) -> &spona_web::AppState {
        self.state.as_ref().expect("a running server")
    }

    /// The running server's open vault: the keys the store opens sealed values with.
    pub fn vault(&self) -> &spona_web::vault::Vault {
        match self.state().vault.get() {
            Ok(v) => v,
            Err(_) => panic!("the vault is closed"),
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client that calls the running server's router in this process (no socket): for
    /// tests of pages and forms that do not test the connection itself.
    pub fn client_in_process(&self) -> Client {
        let (app, _) = spona_web::app(self.state().clone());
        Client::in_process(&self.base, app)
    }

    /// Like [`TestApp::signed_in`], in process.
    pub async fn signed_in_in_process(&self, email: &str) -> Client {
        let c = self.client_in_process();
        let r = c.signin(email, PASSWORD).await;
        assert_eq!(r.status, 303, "sign-in of {email} failed: {}", r.body);
        c
    }

    /// A client already signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let r = c.signin(email, PASSWORD).await;
        assert_eq!(r.status, 303, "sign-in of {email} failed: {}", r.body);
        c
    }

    /// A client signed in as `email` with another password than the fixtures'.
    pub async fn signed_in_with(&self, email: &str, password: &str) -> Client {
        let c = self.client();
        let r = c.signin(email, password).await;
        assert_eq!(r.status, 303, "sign-in of {email} failed: {}", r.body);
        c
    }

    /// Waits (up to 10 s) for mail the server writes after answering (password resets), then
    /// sends what the queue holds: to the outbox here and now (a sender claims each row, so
    /// the server's own sender never sends one twice), or, with a mail server configured,
    /// waits (up to 20 s) for the server's sender to empty the queue.
    fn settle_mail(&self) {
        let Some(state) = &self.state else { return };
        for _ in 0..200 {
            if state.background.pending() == 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if !state.config.mail.sending {
            return;
        }
        let smtp = state.config.mail.smtp_url.is_some();
        let outbox = self.dir.path().join("outbox");
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async {
                let sender =
                    spona_app::mail::Sender::outbox(&outbox, &self.base).expect("mail sender");
                for _ in 0..400 {
                    if !smtp {
                        sender.deliver_due(&self.db).await.expect("deliver mail");
                    }
                    let left = spona_store::mail_send::due_count(&self.db, spona_store::now())
                        .await
                        .expect("queue");
                    if left == 0 {
                        return;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                panic!("queued mail was not sent within 20 s");
            })
        });
    }

    /// How many messages the outbox holds.
    pub fn mail_count(&self) -> usize {
        self.settle_mail();
        std::fs::read_dir(self.dir.path().join("outbox"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                    .count()
            })
            .unwrap_or(0)
    }

    /// The newest message in the outbox.
    pub fn last_mail(&self) -> String {
        self.settle_mail();
        let dir = self.dir.path().join("outbox");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("outbox")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        std::fs::read_to_string(files.last().expect("a message").path()).expect("read")
    }

    /// A person with an account (password [`PASSWORD`]) and no organisation; their id.
    pub async fn add_person(&self, email: &str, name: &str) -> String {
        spona_store::users::create(&self.db, email, name, password_hash(), PlatformRole::User)
            .await
            .expect("user")
    }

    pub async fn audit_count(&self, action: &str) -> i64 {
        spona_store::audit::count(&self.db, Some(action))
            .await
            .expect("audit")
    }
}

/// An HTTP client builder for tests that speak HTTP themselves (rustls needs its crypto
/// provider before any client is built).
pub fn http() -> reqwest::ClientBuilder {
    spona_web::install_tls_provider();
    reqwest::Client::builder()
}

/// Asserts that each of `methods` at `url` is 405 with `Allow: GET, HEAD` (a read-only
/// machine address: refused before any CSRF check).
pub async fn assert_read_only(url: &str, methods: &[&str]) {
    let http = http().build().expect("client");
    for method in methods {
        let r = http
            .request(method.parse().expect("method"), url)
            .send()
            .await
            .expect("request");
        assert_eq!(r.status().as_u16(), 405, "{method} {url}");
        assert_eq!(
            r.headers().get("allow").and_then(|v| v.to_str().ok()),
            Some("GET, HEAD"),
            "{method} {url}"
        );
    }
}

/// Migrates a test's fresh database. On PostgreSQL without the migrator's lock: sqlx takes
/// one advisory lock per *database*, which every schema in it shares, so with the lock every
/// test's migrations on the test database (this run's and any other run's beside it) wait
/// behind each other's — the authorisation matrix, which starts hundreds of servers, spent
/// most of its time in that queue. The schema is this test's alone; no one else migrates it.
async fn migrate(db: &Db) {
    match db {
        Db::Postgres(pool) => {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../spona-store/migrations/postgres");
            let mut migrator = sqlx::migrate::Migrator::new(dir).await.expect("migrations");
            migrator.set_locking(false);
            migrator.run(pool).await.expect("migrate");
        }
        Db::Sqlite(_) => db.migrate().await.expect("migrate"),
    }
}

fn uuid_like() -> String {
    spona_store::new_token()[..16].to_owned()
}
