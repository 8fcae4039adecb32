//! Stored files in object stores: `vault migrate-blobs` (a local vault blob store into a
//! bucket), `attachments verify` (every attachment the database names, read back and hashed),
//! and the vault opened with its blobs where `--vault-url` says.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use crate::cli::{Storage, VaultKeyArgs};

#[derive(Debug, Args)]
pub struct MigrateBlobsArgs {
    /// The object store to move the blobs to: `s3://bucket[/prefix]` (credentials, region
    /// and endpoint as for `--attachments-url`) or `file:///dir`.
    #[arg(long)]
    pub to: String,
    /// The local blob store to move (default `DATA_DIR/vault/blobs`).
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// Delete each local blob once its copy in the store is verified.
    #[arg(long)]
    pub delete_local: bool,
    /// Stop after uploading this many blobs (run again to go on).
    #[arg(long)]
    pub limit: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum AttachmentsCommand {
    /// Read every attachment the database names (resources, group posts, event materials,
    /// calls) back from the attachment store and hash it; lists each one missing or whose
    /// bytes do not match its SHA-256. Exits with status 1 when any.
    Verify,
}

/// The vault as a command opens it, its blobs where `--vault-url` says.
pub fn open_vault(
    storage: &Storage,
    key: &VaultKeyArgs,
) -> anyhow::Result<spona_app::vault::VaultState> {
    let state = spona_app::vault::VaultState::open(
        &storage.data_dir.join("vault"),
        key.vault_key_file.as_deref(),
    );
    let backend = storage.vault_backend()?;
    spona_web::features::vault::blob_store::with_blobs_in(state, backend.as_ref())
        .map_err(|e| anyhow::anyhow!("--vault-url: {e}"))
}

pub async fn migrate_blobs(storage: &Storage, args: MigrateBlobsArgs) -> anyhow::Result<()> {
    use spona_app::vault::migrate_blobs::{Migration, run};
    let backend = spona_web::features::vault::blob_store::parse_vault_url(&args.to)
        .map_err(|e| anyhow::anyhow!("--to: {e}"))?;
    let (store, prefix, location) = backend
        .object_store()
        .map_err(|e| anyhow::anyhow!("--to: {e}"))?;
    let local = args
        .from
        .unwrap_or_else(|| storage.data_dir.join("vault").join("blobs"))
        .join("blobs");
    let migration = Migration {
        local: local.clone(),
        store,
        prefix,
        limit: args.limit,
        delete_local: args.delete_local,
    };
    let started = std::time::Instant::now();
    let moved = run(&migration, |what, name| println!("{what} {name}"))
        .await
        .with_context(|| format!("moving {} to {location}", local.display()))?;
    for failure in &moved.failed {
        println!("FAILED {failure}");
    }
    println!(
        "{} blobs found in {}; {} uploaded and verified ({} bytes), {} already in {location} \
         with the right hash ({} bytes), {} failed, {} local files deleted, in {:.1} s",
        moved.found,
        local.display(),
        moved.uploaded,
        moved.uploaded_bytes,
        moved.skipped,
        moved.skipped_bytes,
        moved.failed.len(),
        moved.deleted,
        started.elapsed().as_secs_f64()
    );
    if moved.stopped_at_limit {
        println!("stopped at --limit; run the command again to move the rest");
    }
    if !moved.failed.is_empty() {
        bail!("{} blobs could not be moved", moved.failed.len());
    }
    Ok(())
}

pub async fn attachments_verify(storage: &Storage) -> anyhow::Result<()> {
    let db = storage.open().await?;
    let config = storage.web_config("http://127.0.0.1")?;
    let store =
        spona_web::attachments::AttachmentStore::open(&config.attachments, &config.attachments_tmp)
            .map_err(|e| anyhow::anyhow!("attachment store: {e}"))?;
    let refs = spona_store::stored_files::attachment_refs(&db).await?;
    db.close().await;
    let mut problems = 0;
    for r in &refs {
        match store.check_object(&r.sha256).await {
            Ok(None) => {}
            Ok(Some(problem)) => {
                problems += 1;
                println!("{} ({}, {} rows): {problem}", r.sha256, r.used_by, r.uses);
            }
            Err(e) => bail!("the attachment store does not answer: {e}"),
        }
    }
    println!(
        "{} attachments checked in {}, {problems} problems",
        refs.len(),
        store.location()
    );
    if problems > 0 {
        bail!("{problems} attachments are missing or damaged");
    }
    Ok(())
}

/// `spona vault verify-blobs`: every vault file read back from where `--vault-url` says,
/// and orphan blobs on the local disk.
pub async fn vault_verify_blobs(storage: &Storage, args: VaultKeyArgs) -> anyhow::Result<()> {
    use spona_app::vault::{VaultState, orphan_blobs};
    let db = storage.open().await?;
    let state = open_vault(storage, &args)?;
    let vault = match &state {
        VaultState::Open(v) => v,
        VaultState::Closed(reason) => bail!("the vault cannot be opened: {reason}"),
    };
    println!("vault blobs in {}", vault.blobs.location());
    let mut problems = 0;
    let mut files = 0;
    for case in spona_store::vault::all_cases(&db).await? {
        let items = spona_store::vault::items(&db, &case.id, vault.as_ref()).await?;
        let (found, n) = spona_app::vault::verify::verify_blobs(vault, items)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        files += n;
        for p in found {
            println!("case {}: file: {p}", case.id);
            problems += 1;
        }
    }
    let orphans = orphan_blobs(&db, vault, std::time::Duration::ZERO)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for o in &orphans {
        println!("orphan blob (no item refers to it): {}", o.display());
    }
    db.close().await;
    println!(
        "{} files checked, {problems} problems, {} orphan blobs",
        files,
        orphans.len()
    );
    if problems > 0 {
        bail!("{problems} stored files are damaged or missing");
    }
    Ok(())
}
