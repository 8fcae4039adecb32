//! Commands and options. Every option can also be set by a `SPONA_…` environment variable.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;

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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Administer accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Rebuild the resource hub's search index from the database (stop the server first).
    Reindex,
    /// Mail the admins of each organisation whose resources have passed their review date
    /// (once per review date; the server also does this every six hours).
    RemindReviews,
    /// The evidence vault's chain of custody.
    #[command(subcommand)]
    Custody(CustodyCommand),
    /// The evidence vault's keys (stop the server first).
    #[command(subcommand)]
    Vault(VaultCommand),
    /// Check an export bundle offline: its signed manifest, custody chain and, with the
    /// recipient's age identity, every file against its SHA-256.
    VerifyBundle(VerifyBundleArgs),
}

#[derive(Debug, Subcommand)]
pub enum CustodyCommand {
    /// Check every case's custody chain and signed head, and read every stored file back
    /// against its SHA-256. Exits with status 1 and names each problem if anything is wrong.
    Verify(VaultKeyArgs),
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Rotate the vault key: re-wrap every data key (case titles, testimonies, file names,
    /// file keys) from the current key to a new one, in one database transaction. Encrypted
    /// files are not rewritten. Stop the server first.
    ///
    /// With the default key (`DATA_DIR/vault/vault.key`) the new key replaces it; with
    /// `--vault-key-file`, start the server with `--vault-key-file NEW` afterwards. Then destroy
    /// every copy and backup of the old key.
    RotateKey(RotateKeyArgs),
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
    /// The bundle (`.tar`) to check.
    pub bundle: PathBuf,
    /// The recipient's age identity file (AGE-SECRET-KEY-1…), to decrypt and hash every file.
    #[arg(long)]
    pub identity: Option<PathBuf>,
    /// The server's public key (`spona-server-ed25519 <hex>`) to trust; without it the bundle
    /// is checked against the key it carries.
    #[arg(long)]
    pub server_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SPONA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Load the demo data set (organisations, networks, one user per role) if the database
    /// holds no organisations yet.
    #[arg(long, env = "SPONA_DEMO")]
    pub demo: bool,

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
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user account. The password is read from standard input.
    CreateUser(CreateUserArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// The user's e-mail address (their sign-in name).
    #[arg(long)]
    pub email: String,
    /// The name shown to others.
    #[arg(long)]
    pub name: String,
    /// Make the user a platform admin.
    #[arg(long)]
    pub platform_admin: bool,
    /// Add the user to this organisation (by slug).
    #[arg(long)]
    pub org: Option<String>,
    /// The user's role in `--org`: `member` or `admin`.
    #[arg(long, default_value = "member", requires = "org")]
    pub org_role: String,
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
        if let Some(url) = &self.attachments_url {
            config.attachments = spona_web::attachments::Backend::parse_url(url)
                .map_err(|e| anyhow::anyhow!("--attachments-url: {e}"))?;
        }
        Ok(config)
    }

    pub async fn open(&self) -> anyhow::Result<Db> {
        let url = self.url()?;
        let db = Db::connect(&url)
            .await
            .with_context(|| format!("cannot open the database ({})", redact(&url)))?;
        db.migrate().await.context("cannot apply migrations")?;
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
        Command::Serve(args) => serve(&cli.storage, args).await,
        Command::Admin(AdminCommand::CreateUser(args)) => create_user(&cli.storage, args).await,
        Command::Reindex => reindex(&cli.storage).await,
        Command::RemindReviews => remind_reviews(&cli.storage).await,
        Command::Custody(CustodyCommand::Verify(args)) => custody_verify(&cli.storage, args).await,
        Command::Vault(VaultCommand::RotateKey(args)) => vault_rotate_key(&cli.storage, args).await,
        Command::VerifyBundle(args) => verify_bundle(args),
    }
}

async fn custody_verify(storage: &Storage, args: VaultKeyArgs) -> anyhow::Result<()> {
    let db = storage.open().await?;
    // The vault alone: a running server may hold the search index meanwhile.
    let state = spona_web::vault::VaultState::open(
        &storage.data_dir.join("vault"),
        args.vault_key_file.as_deref(),
    );
    let vault = match &state {
        spona_web::vault::VaultState::Open(v) => v,
        spona_web::vault::VaultState::Closed(reason) => {
            bail!("the vault cannot be opened: {reason}")
        }
    };
    let mut problems = 0;
    let cases = spona_store::vault::all_cases(&db).await?;
    for case in &cases {
        let entries = spona_store::vault::custody(&db, &case.id).await?;
        let report = vault.verify_case(case, &entries);
        let items = spona_store::vault::items(&db, &case.id).await?;
        let (blob_problems, files) = spona_web::pages::vault::verify_blobs(vault, items)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if report.problems.is_empty() && blob_problems.is_empty() {
            println!(
                "case {}: {} custody entries and {files} files intact",
                case.id,
                entries.len()
            );
        }
        for p in &report.problems {
            println!("case {}: custody: {p}", case.id);
            problems += 1;
        }
        for p in &blob_problems {
            println!("case {}: file: {p}", case.id);
            problems += 1;
        }
    }
    db.close().await;
    if problems > 0 {
        bail!("{problems} problems found in {} cases", cases.len());
    }
    println!("all {} cases verified", cases.len());
    Ok(())
}

/// The owner the vault's `key-check` value is sealed for (as in `spona_web::vault`).
const KEY_CHECK_OWNER: &str = "key-check";

/// `spona vault rotate-key`: moves the vault from its current key to `--new-key-file`.
///
/// 1. Opens the vault with the old key as the server does (the `key-check` file must open),
///    without the search index, and loads or creates the new key.
/// 2. Writes the new `key-check` (and, for the default key file, the new `vault.key`) next to
///    the old ones as temporary files, mode 0600.
/// 3. Re-wraps every case title, item field and file key in one database transaction
///    ([`spona_store::vault::rewrap_all`]). Until it commits nothing has changed: any failure
///    removes the temporary files and leaves the vault on the old key.
/// 4. Renames the temporary files over `key-check`, then over `vault.key`.
///
/// If the process dies between the commit and step 4, the database is on the new key while
/// the files are not:
/// - `key-check` not yet replaced: the vault still opens with the old key, but nothing in it
///   reads. Run the same command again: values already under the new key are left as they
///   are, so it only finishes the files.
/// - `key-check` replaced, `vault.key` not: the vault refuses to open with the old key
///   ("does not match"). Start with `--vault-key-file NEW`, or copy NEW over `vault.key`
///   (mode 0600).
///
/// The command prints the matching hint when one of these steps fails.
async fn vault_rotate_key(storage: &Storage, args: RotateKeyArgs) -> anyhow::Result<()> {
    use spona_store::vault::{RewrapError, SealedValue};
    use spona_vault::{SealedField, VaultKey, WrappedKey};
    use spona_web::vault::{VaultState, item_owner, title_owner};

    let db = storage.open().await?;
    let dir = storage.data_dir.join("vault");
    let new_path = &args.new_key_file;
    let old = match VaultState::open(&dir, args.old.vault_key_file.as_deref()) {
        VaultState::Open(v) => v.key().clone(),
        VaultState::Closed(reason) => bail!(
            "the vault cannot be opened with the old key: {reason}\n\
             (if an earlier rotation stopped half-way and printed so, the vault's key is now \
             {new}: start with --vault-key-file {new})",
            new = new_path.display()
        ),
    };
    let new = VaultKey::load_or_create(new_path)
        .map_err(|e| anyhow::anyhow!("the new key {}: {e}", new_path.display()))?;
    if new.id_hex() == old.id_hex() {
        bail!(
            "{} holds the vault's current key (id {}): give a new key file",
            new_path.display(),
            old.id_hex()
        );
    }

    // Stage the files that change with the key.
    let check_path = dir.join("key-check");
    let check_tmp = dir.join("key-check.rotating");
    let check = std::fs::read_to_string(&check_path)
        .with_context(|| format!("cannot read {}", check_path.display()))?;
    let new_check = SealedField::from_base64(check.trim())
        .and_then(|s| s.rewrap(&old, &new, KEY_CHECK_OWNER))
        .map_err(|e| anyhow::anyhow!("{}: {e}", check_path.display()))?;
    let default_key = args
        .old
        .vault_key_file
        .is_none()
        .then(|| dir.join("vault.key"));
    let key_tmp = dir.join("vault.key.rotating");
    let staged = (|| -> anyhow::Result<()> {
        write_private(&check_tmp, new_check.to_base64().as_bytes())?;
        if default_key.is_some() {
            // A copy keeps the source's owner-only mode (checked when the key was loaded).
            let _ = std::fs::remove_file(&key_tmp);
            std::fs::copy(new_path, &key_tmp).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    new_path.display(),
                    key_tmp.display()
                )
            })?;
            std::fs::File::open(&key_tmp)
                .and_then(|f| f.sync_all())
                .with_context(|| format!("cannot write {}", key_tmp.display()))?;
        }
        Ok(())
    })();
    let discard = || {
        let _ = std::fs::remove_file(&check_tmp);
        let _ = std::fs::remove_file(&key_tmp);
    };
    if let Err(e) = staged {
        discard();
        return Err(e.context("nothing was changed"));
    }

    // Re-wrap everything in one transaction; values already under the new key (a repeated
    // run after an interruption) stay as they are.
    let new_id = new.id_hex();
    let field = |owner: String, sealed: &str| -> Result<String, String> {
        let s = SealedField::from_base64(sealed).map_err(|e| format!("{owner}: {e}"))?;
        if s.vault_key_id_hex() == new_id {
            return Ok(sealed.to_owned());
        }
        s.rewrap(&old, &new, &owner)
            .map(|s| s.to_base64())
            .map_err(|e| format!("{owner}: {e}"))
    };
    let rewrap = |v: SealedValue<'_>| -> Result<String, String> {
        match v {
            SealedValue::CaseTitle { case_id, sealed } => field(title_owner(case_id), sealed),
            SealedValue::ItemField { item_id, sealed } => field(item_owner(item_id), sealed),
            SealedValue::BlobKey {
                item_id,
                blob_id,
                wrapped,
            } => {
                let problem = |e: spona_vault::VaultError| format!("item {item_id}: file key: {e}");
                let w = WrappedKey::from_base64(wrapped).map_err(problem)?;
                if w.vault_key_id_hex() == new_id {
                    return Ok(wrapped.to_owned());
                }
                w.rewrap(&old, &new, &spona_vault::blob_owner(blob_id))
                    .map(|w| w.to_base64())
                    .map_err(problem)
            }
        }
    };
    let done = match spona_store::vault::rewrap_all(&db, &rewrap).await {
        Ok(done) => done,
        Err(e) => {
            discard();
            db.close().await;
            let what = match e {
                RewrapError::Value(v) => format!("cannot re-wrap {v}"),
                RewrapError::Store(s) => format!("database: {s}"),
            };
            bail!("{what}\nnothing was changed: the vault is still on its old key");
        }
    };
    db.close().await;

    // The database is on the new key now: put the files in place.
    let new_arg = format!("--vault-key-file {}", new_path.display());
    if let Err(e) = std::fs::rename(&check_tmp, &check_path) {
        let _ = std::fs::remove_file(&key_tmp);
        bail!(
            "the database is on the new key (id {new_id}), but {} could not be replaced: {e}\n\
             run this command again with the same arguments to finish; until then nothing in \
             the vault reads",
            check_path.display()
        );
    }
    sync_dir(&dir);
    if let Some(default_key) = &default_key {
        if let Err(e) = std::fs::rename(&key_tmp, default_key) {
            bail!(
                "the vault is on the new key (id {new_id}), but {} could not be replaced: {e}\n\
                 the vault will refuse to open with the old key (\"does not match\"): start the \
                 server with {new_arg}, or copy {} over {} (mode 0600)",
                default_key.display(),
                new_path.display(),
                default_key.display()
            );
        }
        sync_dir(&dir);
    }

    println!(
        "re-wrapped {} sealed fields ({} case titles, {} item fields) and {} file keys \
         from vault key {} to {new_id}; encrypted files were not rewritten",
        done.case_titles + done.item_fields,
        done.case_titles,
        done.item_fields,
        done.blob_keys,
        old.id_hex()
    );
    match &default_key {
        Some(path) => println!(
            "{} now holds the new key (a copy of {}); start the server as before",
            path.display(),
            new_path.display()
        ),
        None => println!("start the server with {new_arg} from now on"),
    }
    println!(
        "warning: destroy every copy and backup of the old key (id {}): whoever holds it and \
         an old database backup can still read that backup",
        old.id_hex()
    );
    Ok(())
}

/// Writes a new owner-only file (replacing a leftover one) and syncs it.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes renames in `dir` durable.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn verify_bundle(args: VerifyBundleArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.bundle)
        .with_context(|| format!("cannot open the bundle {}", args.bundle.display()))?;
    let identity = match &args.identity {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the identity {}", p.display()))?
                .lines()
                .find(|l| l.starts_with("AGE-SECRET-KEY-"))
                .with_context(|| format!("{} holds no AGE-SECRET-KEY line", p.display()))?
                .to_owned(),
        ),
        None => None,
    };
    let trusted = match &args.server_key {
        Some(k) => Some(
            spona_vault::ServerPublicKey::from_text(k)
                .or_else(|_| spona_vault::ServerPublicKey::from_hex(k))
                .map_err(|e| anyhow::anyhow!("--server-key: {e}"))?,
        ),
        None => None,
    };
    let report = spona_vault::verify_bundle(
        std::io::BufReader::new(file),
        identity.as_deref(),
        trusted.as_ref(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(m) = &report.manifest {
        println!("case {}: {} files", m.case_id, m.items.len());
    }
    println!(
        "manifest signature: {}",
        if report.manifest_signature_valid {
            "valid"
        } else {
            "INVALID"
        }
    );
    if let Some(c) = &report.custody {
        println!("custody log: {} entries", c.entries);
    }
    println!("files decrypted and checked: {}", report.files_checked);
    for p in &report.problems {
        println!("problem: {p}");
    }
    if !report.is_valid() {
        bail!(
            "the bundle failed verification ({} problems)",
            report.problems.len()
        );
    }
    println!("the bundle is intact");
    Ok(())
}

async fn reindex(storage: &Storage) -> anyhow::Result<()> {
    let db = storage.open().await?;
    let config = storage.web_config("http://127.0.0.1")?;
    let state = spona_web::AppState::new(db.clone(), config)?;
    let n = spona_web::hub::rebuild(&state)
        .await
        .map_err(|e| anyhow::anyhow!("reindexing failed: {e}"))?;
    println!("indexed {n} resources");
    db.close().await;
    Ok(())
}

async fn remind_reviews(storage: &Storage) -> anyhow::Result<()> {
    let db = storage.open().await?;
    let state = spona_web::AppState::new(db.clone(), storage.web_config("http://127.0.0.1")?)?;
    let sent = spona_web::reminders::remind_reviews(&state, spona_store::now()).await?;
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
    let db = storage.open().await?;
    if args.demo {
        crate::demo::load_if_empty(&db).await?;
    }
    spona_store::sessions::purge_expired(&db).await?;
    spona_store::idempotency::purge(&db).await?;
    config.trusted_proxies = args.trusted_proxies;
    config.onion_location = args.onion_location;
    config.vault_key_file = args.vault_key_file;
    let state = spona_web::AppState::new(db.clone(), config)?;
    state
        .attachments
        .check()
        .await
        .map_err(anyhow::Error::msg)?;
    if args.demo {
        crate::demo_resources::load_resources_if_empty(&state).await?;
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    tracing::info!(address = %args.bind, db.kind = db.kind(), "Spona is listening on http://{}", args.bind);
    let reminders = spona_web::reminders::spawn(state.clone());
    spona_web::serve(listener, state, shutdown_signal()).await?;
    reminders.abort();
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

async fn create_user(storage: &Storage, args: CreateUserArgs) -> anyhow::Result<()> {
    if !spona_domain::org::is_email(args.email.trim()) {
        bail!("--email: {:?} is not a valid e-mail address", args.email);
    }
    let name = args.name.trim();
    if name.chars().count() < 2 || name.chars().count() > 100 {
        bail!("--name: give a name of 2 to 100 characters");
    }
    let org_role = OrgRole::parse(&args.org_role).with_context(|| {
        format!(
            "--org-role: {:?} is neither `member` nor `admin`",
            args.org_role
        )
    })?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']);
    if let Some(problem) = spona_web::auth::password_problem(password, &args.email) {
        let tr = spona_i18n::Translator::new().map_err(anyhow::Error::msg)?;
        bail!("password: {}", tr.t(spona_domain::Locale::En, problem));
    }
    let db = storage.open().await?;
    let org = match &args.org {
        Some(slug) => Some(
            spona_store::orgs::get_by_slug(&db, slug)
                .await
                .with_context(|| format!("--org: no organisation has the slug {slug:?}"))?,
        ),
        None => None,
    };
    let hash = spona_web::auth::hash_password(password)?;
    let role = if args.platform_admin {
        PlatformRole::Admin
    } else {
        PlatformRole::User
    };
    let id = match spona_store::users::create(&db, &args.email, name, &hash, role).await {
        Err(spona_store::StoreError::Conflict(_)) => {
            bail!("--email: an account with this address exists already")
        }
        other => other?,
    };
    if let Some(org) = org {
        spona_store::users::set_membership(&db, &id, &org.id, org_role).await?;
    }
    spona_store::audit::record(
        &db,
        spona_store::audit::Event {
            actor_id: None,
            action: "user.created",
            target_kind: "user",
            target_id: &id,
            detail: format!("cli platform_role={}", role.as_str()),
        },
    )
    .await?;
    println!("created user {id}");
    Ok(())
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
