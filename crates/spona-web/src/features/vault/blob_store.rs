//! Where the vault's sealed blobs are kept (`--vault-url`): under `DATA_DIR/vault/blobs` by
//! default, or in an object store — `s3://bucket[/prefix]` (an S3-compatible bucket, set up
//! like `--attachments-url`) or `file:///dir` — through [`spona_app::vault::object_blobs`].
//! Blobs are sealed before they leave this machine either way.

use std::sync::Arc;

use spona_app::vault::VaultState;
use spona_app::vault::object_blobs::ObjectBlobs;

use crate::attachments::Backend;

/// The object store a `--vault-url` names: `s3://bucket[/prefix]` or `file:///dir`.
pub fn parse_vault_url(url: &str) -> Result<Backend, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("{url:?} is not a URL ({e})"))?;
    match parsed.scheme() {
        "s3" => Backend::parse_url(url),
        "file" => {
            let path = parsed
                .to_file_path()
                .map_err(|()| format!("{url:?} names no local directory (file:///dir)"))?;
            Ok(Backend::Local(path))
        }
        _ => Err(format!(
            "{url:?}: only s3://bucket[/prefix] or file:///dir is supported (vault blobs are \
             kept under the data directory when no URL is given)"
        )),
    }
}

/// The blob store of this backend, for [`spona_vault::BlobStore::with_remote`]. Must be
/// called within the tokio runtime that will serve it.
pub fn remote(backend: &Backend) -> Result<Arc<dyn spona_vault::RemoteBlobs>, String> {
    let (store, prefix, location) = backend.object_store()?;
    let location = match backend {
        Backend::Local(dir) => format!("file://{}", dir.display()),
        Backend::S3 { .. } => location,
    };
    Ok(Arc::new(ObjectBlobs::new(store, prefix, location)))
}

/// The vault with its blobs in `backend` (unchanged for `None` or a closed vault).
pub fn with_blobs_in(state: VaultState, backend: Option<&Backend>) -> Result<VaultState, String> {
    let Some(backend) = backend else {
        return Ok(state);
    };
    match state {
        VaultState::Open(mut vault) => {
            let remote = remote(backend)?;
            tracing::info!(location = %remote.location(), "vault blobs are kept in an object store");
            vault.blobs = vault.blobs.clone().with_remote(remote);
            Ok(VaultState::Open(vault))
        }
        closed => Ok(closed),
    }
}
