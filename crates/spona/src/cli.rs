//! Commands and options. Every option can also be set by a `SPONA_…` environment variable.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use spona_store::Db;

use crate::admin_cmd::{self, AdminCommand};
use crate::vault_cmd;

/// Spona — a platform on which civil-society organisations cooperate safely across borders.
///
/// Start with `spona serve --demo` and open http://127.0.0.1:8080.
#[derive(Debug, Parser)]
#[command(name = "spona", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub storage: Storage,
    #[command(subcommand)]
    pub command: Command,
}

/// Where Spona keeps its data.
#[derive(Debug, Args)]
pub struct Storage {
    /// Directory for everything Spona stores: the SQLite database, outgoing mail, later the
    /// search index and the vault.
    #[arg(
        long,
        global = true,
        env = "SPONA_DATA_DIR",
        default_value = "./spona-data"
    )]
    pub data_dir: PathBuf,

    /// Database to use instead of the embedded SQLite file: `postgres://user@host/db`
    /// (or `sqlite://path`).
    #[arg(long, global = true, env = "SPONA_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Keep resource attachments in S3-compatible object storage instead of
    /// `DATA_DIR/attachments`: `s3://bucket[/prefix]`. Credentials, region and endpoint come
    /// from the standard variables `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, `AWS_ENDPOINT` (e.g. a MinIO or Garage server) and `AWS_ALLOW_HTTP`.
    #[arg(long, global = true, env = "SPONA_ATTACHMENTS_URL")]
    pub attachments_url: Option<String>,

    /// Keep the vault's files (encrypted here before they leave) in an object store instead
    /// of `DATA_DIR/vault/blobs`: `s3://bucket[/prefix]` (set up as `--attachments-url`) or
    /// `file:///dir`. Move an existing store there with `spona vault migrate-blobs`.
    #[arg(long, global = true, env = "SPONA_VAULT_URL")]
    pub vault_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve(Box<ServeArgs>),
    /// Apply database migrations and exit.
    Migrate,
    /// Administer accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Rebuild the resource hub's search index from the database (stop the server first).
    Reindex,
    /// Mail the admins of each organisation whose resources have passed their review date
    /// (once per review date; the server also does this every six hours).
    RemindReviews {
        /// The address people reach Spona at, for the links in the messages.
        #[arg(long, env = "SPONA_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// The evidence vault's chain of custody.
    #[command(subcommand)]
    Custody(CustodyCommand),
    /// The evidence vault's keys (stop the server first).
    #[command(subcommand)]
    Vault(VaultCommand),
    /// Check an export bundle offline: its signed manifest, custody chain and, with the
    /// recipient's age identity, every file against its SHA-256.
    VerifyBundle(VerifyBundleArgs),
    /// The working groups' digests.
    #[command(subcommand)]
    Digests(DigestsCommand),
    /// Newsletters: send the issues that are due.
    #[command(subcommand)]
    Newsletters(crate::newsletters_cmd::NewslettersCommand),
    /// Events: reminders a day before.
    #[command(subcommand)]
    Events(EventsCommand),
    /// Referrals: alerts for urgent referrals not acknowledged in time.
    #[command(subcommand)]
    Referrals(crate::referrals_cmd::ReferralsCommand),
    /// Monitoring: import recommendations from CSV or XLSX files of any size; verify the
    /// assessments' signatures.
    #[command(subcommand)]
    Monitoring(crate::monitoring_cmd::MonitoringCommand),
    /// Trial monitoring: export the public findings, or one organisation's per-case rows.
    #[command(subcommand)]
    Trials(crate::trials_cmd::TrialsCommand),
    /// The public log: witness a deployment's log, or check this one's tables.
    #[command(subcommand)]
    Log(crate::log_cmd::LogCommand),
    /// Check resource, group, event and call attachments in their store.
    #[command(subcommand)]
    Attachments(crate::blobs_cmd::AttachmentsCommand),
}

#[derive(Debug, Subcommand)]
pub enum DigestsCommand {
    /// Queue the daily and weekly digests that are due (the server also does this every
    /// five minutes); a digest with nothing new is not sent.
    Run {
        /// The address people reach Spona at, for the links in the messages.
        #[arg(long, env = "SPONA_PUBLIC_URL")]
        public_url: Option<String>,
        /// Run as if it were this time (RFC 3339, e.g. `2026-12-05T07:00:00Z`).
        #[arg(long)]
        now: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum EventsCommand {
    /// Queue a mail to every confirmed registrant of each occurrence starting within a day
    /// (once each; the server also does this every ten minutes).
    Remind {
        /// The moment to act as "now" (RFC 3339), e.g. 2026-03-28T09:00:00+01:00.
        #[arg(long)]
        now: Option<String>,
        /// The address people reach Spona at, for the links in the messages.
        #[arg(long, env = "SPONA_PUBLIC_URL")]
        public_url: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustodyCommand {
    /// Check every case's custody chain and signed head, and read every stored file back
    /// against its SHA-256. Exits with status 1 and names each problem if anything is wrong.
    /// Chains are followed across recorded changes of the signing key.
    Verify(CustodyVerifyArgs),
}

#[derive(Debug, Args)]
pub struct CustodyVerifyArgs {
    #[command(flatten)]
    pub vault: VaultKeyArgs,
    /// The signing key to trust (`spona-server-ed25519 <hex>`, or a file holding it) instead
    /// of the current one: e.g. a key from before a rotation, followed through the recorded
    /// key changes.
    #[arg(long)]
    pub trusted_key: Option<String>,
    /// The custody tree's verifier key to pin (the text of `/log/custody/key`, or a file
    /// holding it); by default the deployment's own log key.
    #[arg(long)]
    pub custody_key: Option<String>,
    /// Where the last custody checkpoint verified is kept, to check the next one extends it
    /// (default `DATA_DIR/vault/custody-checkpoint.seen`).
    #[arg(long)]
    pub custody_state: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Rotate the vault key: re-wrap every data key (case titles, testimonies, file names,
    /// files' sizes, hashes and media types, share targets, custody reasons, file keys) from the current key to a new one, in one database transaction. Encrypted
    /// files are not rewritten. Stop the server first.
    ///
    /// With the default key (`DATA_DIR/vault/vault.key`) the new key replaces it; with
    /// `--vault-key-file`, start the server with `--vault-key-file NEW` afterwards. Then destroy
    /// every copy and backup of the old key.
    RotateKey(RotateKeyArgs),
    /// Read every stored file back against its SHA-256, and count blob files no item refers
    /// to (left by a crash between storing a file and committing its item; the server
    /// removes those older than ten minutes when it starts). Exits with status 1 on a
    /// damaged or missing file.
    VerifyBlobs(VaultKeyArgs),
    /// Rotate the server's signing key: every case's custody chain and the heads record
    /// (`heads.log`) record the change from the old public key to the new one, signed by
    /// both, and each head is re-signed with the new key. Old bundles and chains still verify
    /// with the old key pinned. Stop the server first; an interrupted rotation is finished by
    /// running the command again.
    RotateSigningKey(VaultKeyArgs),
    /// Move the local vault blob store into an object store (`--to s3://bucket/prefix`):
    /// resumable (blobs already there with the right hash are skipped), every upload read
    /// back and hashed; nothing local is deleted without `--delete-local`. Then start the
    /// server with `--vault-url` set to the same address.
    MigrateBlobs(crate::blobs_cmd::MigrateBlobsArgs),
}

#[derive(Debug, Args)]
pub struct RotateKeyArgs {
    #[command(flatten)]
    pub old: VaultKeyArgs,
    /// The new vault key file (64 hex digits, mode 0600); created when it does not exist.
    #[arg(long)]
    pub new_key_file: PathBuf,
}

#[derive(Debug, Args)]
pub struct VaultKeyArgs {
    /// The vault key file, if not `DATA_DIR/vault/vault.key`.
    #[arg(long, env = "SPONA_VAULT_KEY_FILE")]
    pub vault_key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyBundleArgs {
    /// The bundle (`.tar.age`, or the `.tar` inside it) to check.
    pub bundle: PathBuf,
    /// The recipient's age identity file (AGE-SECRET-KEY-1…), to open the bundle and to
    /// decrypt and hash every file.
    #[arg(long)]
    pub identity: Option<PathBuf>,
    /// The server's public key (`spona-server-ed25519 <hex>`, or a file holding it), as the
    /// sender gave it to you. Without it the bundle is checked only against the key it
    /// carries, its fingerprint is printed, and the command fails: "NOT VERIFIED".
    #[arg(long)]
    pub server_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SPONA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Load the demo data set (organisations, networks, one user per role) if the database
    /// holds no organisations yet: `--demo` the Belgrade deployment, `--demo=prishtina` a
    /// second, Kosovo deployment to pair it with (federation).
    #[arg(long, env = "SPONA_DEMO", num_args = 0..=1, require_equals = true,
        default_missing_value = "belgrade", value_name = "PROFILE",
        value_parser = crate::demo_prishtina::parse_profile)]
    pub demo: Option<crate::demo_prishtina::DemoProfile>,

    /// The address people reach Spona at, used in links sent by mail. `https://…` turns on
    /// secure cookies and HSTS.
    #[arg(long, env = "SPONA_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// A reverse proxy whose `X-Forwarded-For` header is trusted (repeatable).
    #[arg(
        long = "trusted-proxy",
        env = "SPONA_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpAddr>,

    /// An onion address announced in the `Onion-Location` header, e.g. `http://xyz.onion`.
    #[arg(long, env = "SPONA_ONION_LOCATION")]
    pub onion_location: Option<String>,

    /// The vault key file, if not `DATA_DIR/vault/vault.key` (created on first start).
    #[arg(long, env = "SPONA_VAULT_KEY_FILE")]
    pub vault_key_file: Option<PathBuf>,

    /// Storage allowed for the files of one vault case, in MiB.
    #[arg(long, env = "SPONA_QUOTA_CASE_MIB", default_value_t = 20 * 1024)]
    pub quota_case_mib: u64,

    /// Storage allowed for the vault files of the cases an organisation's people lead, in MiB.
    #[arg(long, env = "SPONA_QUOTA_VAULT_ORG_MIB", default_value_t = 100 * 1024)]
    pub quota_vault_org_mib: u64,

    /// Storage allowed for the attachments of one organisation's resources, in MiB.
    #[arg(long, env = "SPONA_QUOTA_HUB_ORG_MIB", default_value_t = 5 * 1024)]
    pub quota_hub_org_mib: u64,

    /// Serve HTTPS with this certificate chain (PEM), with `--tls-key`; otherwise plain HTTP
    /// (behind a reverse proxy, or on a local machine).
    #[arg(long, env = "SPONA_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key (PEM) of `--tls-cert`.
    #[arg(long, env = "SPONA_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Certificates (PEM) to trust for partner deployments' HTTPS besides the system's
    /// roots: a private CA's.
    #[arg(long, env = "SPONA_FEDERATION_CA_FILE")]
    pub federation_ca_file: Option<PathBuf>,

    #[command(flatten)]
    pub mail: crate::mail_cmd::MailArgs,
}

impl ServeArgs {
    /// The storage quotas these flags set.
    pub fn quotas(&self) -> spona_app::quota::Quotas {
        let mib = |n: u64| n.saturating_mul(1024 * 1024);
        spona_app::quota::Quotas {
            case_bytes: mib(self.quota_case_mib),
            vault_org_bytes: mib(self.quota_vault_org_mib),
            hub_org_bytes: mib(self.quota_hub_org_mib),
        }
    }
}

impl Storage {
    pub fn url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                self.data_dir.display()
            )
        })?;
        restrict(&self.data_dir);
        Ok(format!(
            "sqlite://{}",
            self.data_dir.join("spona.db").display()
        ))
    }

    /// The web layer's settings for this data directory and attachment store.
    pub fn web_config(&self, public_url: &str) -> anyhow::Result<spona_web::WebConfig> {
        let mut config = spona_web::WebConfig::for_data_dir(&self.data_dir, public_url);
        // PDF text is extracted by this same binary in a bounded child process.
        config.pdf_limits.helper = std::env::current_exe().ok();
        if let Some(url) = &self.attachments_url {
            config.attachments = spona_web::attachments::Backend::parse_url(url)
                .map_err(|e| anyhow::anyhow!("--attachments-url: {e}"))?;
        }
        config.vault_blobs = self.vault_backend()?;
        Ok(config)
    }

    /// The object store `--vault-url` names, if any.
    pub fn vault_backend(&self) -> anyhow::Result<Option<spona_web::attachments::Backend>> {
        self.vault_url
            .as_deref()
            .map(spona_web::features::vault::blob_store::parse_vault_url)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--vault-url: {e}"))
    }

    /// Opens the database for a command, whose SQLite writes wait up to a minute for a
    /// running server's (under heavy disk load a server's commit may hold the lock for
    /// seconds; a command stopped half-way by "database is locked" helps no one).
    pub async fn open(&self) -> anyhow::Result<Db> {
        self.open_waiting(std::time::Duration::from_secs(60)).await
    }

    async fn open_waiting(&self, busy: std::time::Duration) -> anyhow::Result<Db> {
        let url = self.url()?;
        let db = Db::connect_waiting(&url, busy)
            .await
            .with_context(|| format!("cannot open the database ({})", redact(&url)))?;
        db.migrate()
            .await
            .with_context(|| format!("cannot apply migrations to {}", redact(&url)))?;
        // The database and its WAL and shared-memory files are the owner's alone (SQLite
        // creates them 0644; later WAL and shm files take the database file's mode).
        if url.starts_with("sqlite") {
            use std::os::unix::fs::PermissionsExt;
            for name in ["spona.db", "spona.db-wal", "spona.db-shm"] {
                let file = self.data_dir.join(name);
                if file.exists() {
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                        .with_context(|| format!("cannot make {} private", file.display()))?;
                }
            }
        }
        Ok(db)
    }
}

/// Keeps the data directory to its owner (it will hold secrets and personal data).
fn restrict(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Migrate => {
            let db = cli.storage.open().await?;
            tracing::info!(db.kind = db.kind(), "migrations applied");
            Ok(())
        }
        Command::Serve(args) => serve(&cli.storage, *args).await,
        Command::Admin(AdminCommand::CreateUser(args)) => {
            admin_cmd::create_user(&cli.storage, args).await
        }
        Command::Reindex => reindex(&cli.storage).await,
        Command::RemindReviews { public_url } => remind_reviews(&cli.storage, public_url).await,
        Command::Events(EventsCommand::Remind { now, public_url }) => {
            crate::events_cmd::remind_cmd(&cli.storage, public_url, now).await
        }
        Command::Referrals(cmd) => crate::referrals_cmd::run(&cli.storage, cmd).await,
        Command::Monitoring(cmd) => crate::monitoring_cmd::run(&cli.storage, cmd).await,
        Command::Trials(cmd) => crate::trials_cmd::run(&cli.storage, cmd).await,
        Command::Custody(CustodyCommand::Verify(args)) => {
            vault_cmd::custody_verify(&cli.storage, args).await
        }
        Command::Vault(VaultCommand::RotateKey(args)) => {
            vault_cmd::vault_rotate_key(&cli.storage, args).await
        }
        Command::Vault(VaultCommand::RotateSigningKey(args)) => {
            crate::signing_cmd::rotate_signing_key(&cli.storage, args).await
        }
        Command::Vault(VaultCommand::VerifyBlobs(args)) => {
            crate::blobs_cmd::vault_verify_blobs(&cli.storage, args).await
        }
        Command::VerifyBundle(args) => vault_cmd::verify_bundle(args),
        Command::Digests(DigestsCommand::Run { public_url, now }) => {
            crate::digests_cmd::run(&cli.storage, public_url, now).await
        }
        Command::Newsletters(cmd) => crate::newsletters_cmd::run(&cli.storage, cmd).await,
        Command::Log(cmd) => crate::log_cmd::run(&cli.storage, cmd).await,
        Command::Vault(VaultCommand::MigrateBlobs(args)) => {
            crate::blobs_cmd::migrate_blobs(&cli.storage, args).await
        }
        Command::Attachments(crate::blobs_cmd::AttachmentsCommand::Verify) => {
            crate::blobs_cmd::attachments_verify(&cli.storage).await
        }
    }
}

/// Rebuilds the search index from the database: the database and the index, nothing else
/// of a server (no vault, attachment store or translations).
async fn reindex(storage: &Storage) -> anyhow::Result<()> {
    let db = storage.open().await?;
    for (table, rows, rewritten) in spona_store::search_upgrade::run(&db).await? {
        println!("{table}: {rewritten} of {rows} stored search texts recomputed");
    }
    let config = storage.web_config("http://127.0.0.1")?;
    let index = spona_app::hub::Index::open(config.search_dir.as_deref())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let n = spona_app::hub::rebuild(&db, &index)
        .await
        .map_err(|e| anyhow::anyhow!("reindexing failed: {e}"))?;
    println!("indexed {n} resources");
    db.close().await;
    Ok(())
}

async fn remind_reviews(storage: &Storage, public_url: Option<String>) -> anyhow::Result<()> {
    let config = storage.web_config(public_url.as_deref().unwrap_or("http://127.0.0.1:8080"))?;
    let db = storage.open().await?;
    let tr = spona_web::translator().map_err(anyhow::Error::msg)?;
    let reminders = spona_web::reminders::Reminders {
        db: &db,
        tr: &tr,
        public_url: &config.public_url,
    };
    let sent = spona_web::reminders::remind_reviews(&reminders, spona_store::now()).await?;
    println!("review reminders written: {sent}");
    db.close().await;
    Ok(())
}

async fn serve(storage: &Storage, args: ServeArgs) -> anyhow::Result<()> {
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.bind));
    let mut config = storage.web_config(&public_url)?;
    let db = storage
        .open_waiting(spona_store::SERVER_BUSY_TIMEOUT)
        .await?;
    use crate::demo_prishtina::DemoProfile;
    let demo = args.demo.filter(|p| *p != DemoProfile::Off);
    match demo {
        Some(DemoProfile::Belgrade) => crate::demo::load_if_empty(&db).await?,
        Some(DemoProfile::Prishtina) => crate::demo_prishtina::load_if_empty(&db).await?,
        _ => {}
    }
    spona_store::sessions::purge_expired(&db).await?;
    spona_store::idempotency::purge(&db).await?;
    config.quotas = args.quotas();
    config.mail = args.mail.settings();
    // A wrong --smtp-url, --mail-from or DKIM key stops the start, not the first message.
    spona_app::mail::Sender::new(&config.mail, &config.outbox_dir, &config.public_url)?;
    config.trusted_proxies = args.trusted_proxies;
    config.onion_location = args.onion_location;
    config.vault_key_file = args.vault_key_file;
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        config.tls =
            Some(spona_web::tls::Tls::from_pem_files(cert, key).map_err(anyhow::Error::msg)?);
    }
    if let Some(ca) = &args.federation_ca_file {
        let certs = spona_web::tls::read_ca_file(ca).map_err(anyhow::Error::msg)?;
        spona_web::features::federation::trust_extra_roots(certs);
    }
    let scheme = if config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    let state = spona_web::AppState::new(db.clone(), config).await?;
    state
        .attachments
        .check()
        .await
        .map_err(anyhow::Error::msg)?;
    if demo == Some(DemoProfile::Prishtina) {
        crate::demo_prishtina::load_rest(&state).await?;
    }
    if demo.is_some() {
        crate::demo_prishtina::log_fingerprint(&state).await;
    }
    if demo == Some(DemoProfile::Belgrade) {
        crate::demo_resources::load_resources_if_empty(&state).await?;
        crate::demo_calls::load_calls_if_empty(&state).await?;
        crate::demo_groups::load_if_empty(&state).await?;
        crate::demo_events::load_events_if_empty(&db).await?;
        crate::demo_locales::load_events(&db).await?;
        crate::demo_event_materials::load_if_empty(&state).await?;
        crate::demo_groups::link_demo_events(&db).await?;
        crate::demo_group_newsletters::load(&db).await?;
        crate::demo_group_names::load(&db).await?;
        crate::demo_mail::load_mail_if_empty(&db).await?;
        crate::demo_services::load_services_if_empty(&db).await?;
        crate::demo_referrals::load_referrals_if_empty(&state).await?;
        crate::demo_monitoring::load_recommendations_if_empty(&db).await?;
        crate::demo_monitoring_impl::load_if_empty(&state).await?;
        crate::demo_trials::load_trials_if_empty(&state).await?;
        crate::demo_endorsements::load_if_empty(&db).await?;
        crate::demo_quiz::load_if_empty(&db).await?;
        crate::demo_cosign::load_if_empty(&db).await?;
        crate::demo_publications::load_if_empty(&state).await?;
        crate::demo_texts::load_if_empty(&state).await?;
        crate::demo_texts::link_campaign(&db).await?;
    }
    if demo.is_some() {
        crate::demo_publog::backfill(&state).await;
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    tracing::info!(address = %args.bind, db.kind = db.kind(), "Spona is listening on {scheme}://{}", args.bind);
    let reminders = spona_web::reminders::spawn(state.clone());
    let event_reminders = crate::events_cmd::spawn(state.clone());
    let referral_alerts = crate::referrals_cmd::spawn(state.clone());
    spona_web::serve(listener, state, shutdown_signal()).await?;
    reminders.abort();
    event_reminders.abort();
    referral_alerts.abort();
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
