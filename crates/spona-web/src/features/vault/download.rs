//! Downloading a vault file, and the warning before a file with active content (a PDF that
//! runs JavaScript, launches programs or opens addresses when it is opened): found at upload
//! by [`crate::pdf_scan`] on the plaintext as it is decrypted, sealed like all vault
//! metadata (`vault_item_warnings`), and shown before the download.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use spona_app::vault::Vault;
use spona_app::vault::consent::check_consent;
use spona_app::vault::items as use_items;
use spona_domain::vault::ConsentUse;

use super::items::vault_error;
use super::load_case;
use crate::http::active_content::{Confirmed, WarningPage, split_record};
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/vault/cases/{id}/items/{item}/download", download)
        .get("/vault/cases/{id}/items/{item}/warning", warning_page)
}

/// Scans a stored file for active content if it is a PDF, reading the plaintext as it is
/// decrypted (bounded in inflated bytes and time, off the async workers). The finding as
/// recorded, or `None` for a file with none.
pub async fn scan_upload(
    vault: &Vault,
    ingested: &spona_vault::Ingested,
) -> Result<Option<String>, AppError> {
    let (blobs, key) = (vault.blobs.clone(), vault.key().clone());
    let ingested = ingested.clone();
    let found = tokio::task::spawn_blocking(move || -> Result<String, spona_vault::VaultError> {
        use std::io::{BufRead, BufReader};
        let reader = blobs.open_blob(
            &key,
            &ingested.blob_id,
            &ingested.wrapped_key,
            &ingested.sha256_hex,
        )?;
        let mut reader = BufReader::with_capacity(64 * 1024, reader);
        let head = reader.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
        if !crate::pdf_scan::looks_like_pdf(&head) {
            return Ok(String::new());
        }
        Ok(crate::pdf_scan::scan(reader, crate::pdf_scan::Limits::default()).to_record())
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(vault_error)?;
    Ok((!found.is_empty()).then_some(found))
}

/// The warning of an item, opened: the action names found (empty for none).
pub async fn warning_of(ctx: &Ctx, vault: &Vault, item_id: &str) -> Result<Vec<String>, AppError> {
    Ok(use_items::warning(&ctx.state.db, vault, item_id)
        .await?
        .map(|w| split_record(&w))
        .unwrap_or_default())
}

async fn warning_page(
    ctx: Ctx,
    Path((id, item_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let db = &ctx.state.db;
    let item = use_items::item(db, &access, &item_id).await?;
    check_consent(db, &access, &item, ConsentUse::Read, "view").await?;
    let names = warning_of(&ctx, access.vault, &item.id).await?;
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    let what = format!("warning of item {item_id}");
    use_items::log_reading(db, &access, &item, "view", &what).await?;
    let name = use_items::content(access.vault, &item)?.label();
    Ok(page(&WarningPage {
        name,
        names,
        back_href: ctx.href(&format!("/vault/cases/{id}/items/{item_id}")),
        download_href: ctx.href(&format!(
            "/vault/cases/{id}/items/{item_id}/download?confirmed=1"
        )),
        in_vault: true,
        ctx,
    }))
}

/// Streams the original back: decrypted as it goes, each chunk authenticated, and the
/// whole checked against its SHA-256 at the end (a mismatch breaks the download loudly).
/// A file with a warning is sent only once the reader has seen it (`?confirmed=1`, the
/// warning page's link); otherwise the address leads to the warning.
async fn download(
    ctx: Ctx,
    Path((id, item_id)): Path<(String, String)>,
    Query(q): Query<Confirmed>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let db = &ctx.state.db;
    let item = use_items::item(db, &access, &item_id).await?;
    let (Some(blob), Some(wrapped), Some(sha)) = (&item.blob_id, &item.wrapped_key, &item.sha256)
    else {
        return Err(AppError::NotFound);
    };
    check_consent(db, &access, &item, ConsentUse::Read, "download").await?;
    if !q.confirmed() && use_items::has_warning(db, &item.id).await? {
        return Ok(see_other(
            &ctx,
            &format!("/vault/cases/{id}/items/{item_id}/warning"),
        ));
    }
    let wrapped =
        spona_vault::WrappedKey::from_base64(wrapped).map_err(|e| AppError::Internal(e.into()))?;
    // The blob is opened and its first chunk authenticated before anything is sent: a file
    // missing from its store or altered there is refused with an error naming the item (and
    // logged), never served; a later chunk failing breaks the download loudly.
    let (blobs, key) = (access.vault.blobs.clone(), access.vault.key().clone());
    let (blob_id, expected) = (blob.clone(), sha.clone());
    let opened = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut reader = blobs.open_blob(&key, &blob_id, &wrapped, &expected)?;
        let mut first = vec![0u8; 64 * 1024];
        let n = reader
            .read(&mut first)
            .map_err(spona_vault::VaultError::Stream)?;
        first.truncate(n);
        Ok::<_, spona_vault::VaultError>((reader, first))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let (mut reader, first) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            tracing::error!(item = %item_id, blob = %blob, error = %e,
                "vault file refused: its stored blob is missing or failed its check");
            return Err(match e {
                spona_vault::VaultError::Remote { .. } => vault_error(e),
                e => AppError::Internal(anyhow::anyhow!(
                    "vault item {item_id}: its stored file is missing or failed its check: {e}"
                )),
            });
        }
    };
    use_items::log_reading(db, &access, &item, "download", &format!("item {item_id}")).await?;
    let filename = use_items::content(access.vault, &item)?.label();
    // Decryption runs on a blocking thread and hands 64 KiB chunks to the response.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        use std::io::Read;
        if !first.is_empty() && tx.blocking_send(Ok(bytes::Bytes::from(first))).is_err() {
            return;
        }
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if tx
                        .blocking_send(Ok(bytes::Bytes::copy_from_slice(&buf[..n])))
                        .is_err()
                    {
                        break;
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "vault file failed its integrity check while streaming");
                    let _ = tx.blocking_send(Err(e));
                    break;
                }
            }
        }
    });
    let stream = tokio_stream_from(rx);
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    if let Ok(v) = HeaderValue::from_str(&crate::attachments::content_disposition(&filename)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Some(size) = item.size {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size as u64));
    }
    if let Ok(v) = HeaderValue::from_str(sha) {
        headers.insert("x-content-sha256", v);
    }
    Ok(response)
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<bytes::Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}
