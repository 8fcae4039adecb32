//! Export for prosecutors: chosen items with a signed manifest of every original's SHA-256,
//! the custody entries of those items linked to the case's signed head, and the server's
//! public key, in one tar encrypted to the recipient's age key, checkable offline (`age -d`,
//! `sha256sum -c`, `spona verify-bundle`).

use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use spona_domain::vault::ConsentUse;
use spona_store::vault::{self as records, Item};
use spona_vault::{BundleCase, BundleItem, CustodyEntry};

use super::cases::{ItemLine, consent_summary, listed_label, load_case, reason};
use super::items::{check_consent, vault_error};
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::vault::{entry, item_owner};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/vault/cases/{id}/export", form)
        .post("/vault/cases/{id}/export", export)
}

#[derive(Template)]
#[template(path = "vault/templates/vault_export.html")]
struct ExportPage {
    ctx: Ctx,
    id: String,
    items: Vec<ItemLine>,
}

async fn form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    if !access.role.can_manage() {
        return Err(AppError::Forbidden);
    }
    let consents = records::consents(&ctx.state.db, &id, access.vault).await?;
    let orgs = super::consent::org_choices(&ctx).await?;
    let mut items = Vec::new();
    for i in records::items(&ctx.state.db, &id, access.vault).await? {
        let consent = consents.iter().find(|c| c.item_id == i.id);
        items.push(ItemLine {
            label: listed_label(&ctx, access.vault, &i, consent)?,
            kind: ctx.t(&format!("vault-kind-{}", i.kind)),
            size: String::new(),
            sha256: i.sha256.clone().unwrap_or_default(),
            created_at: i.created_at,
            consent: consent_summary(&ctx, consent, &orgs),
            withdrawn: !consent.is_some_and(|c| c.prosecutors && !c.withdrawn),
            id: i.id,
        });
    }
    Ok(page(&ExportPage { ctx, id, items }))
}

#[derive(Deserialize, Default)]
struct ExportForm {
    #[serde(default)]
    items: Vec<String>,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    reason: String,
    /// The locale of the readable copies (chosen, never preset).
    #[serde(default)]
    language: String,
}

/// The custody log of the exported items, readable (`readable/custody.html`).
#[derive(Template)]
#[template(path = "vault/templates/vault_readable_custody.html")]
struct ReadableCustody {
    ctx: Ctx,
    case_id: String,
    exported: String,
    public_key: String,
    entries: Vec<super::cases::EntryView>,
}

/// One testimony, readable (`readable/<name>.html`).
#[derive(Template)]
#[template(path = "vault/templates/vault_readable_testimony.html")]
struct ReadableTestimony {
    ctx: Ctx,
    case_id: String,
    item_id: String,
    file: String,
    sha256: String,
    consent: String,
    gender_key: String,
    t: spona_domain::vault::Testimony,
}

fn render_readable(t: &impl Template) -> Result<Vec<u8>, AppError> {
    t.render()
        .map(String::into_bytes)
        .map_err(|e| AppError::Internal(e.into()))
}

/// Who acted, by name and role on the case (or id, for someone no longer on the team).
fn handler_name(ctx: &Ctx, members: &[records::Member], actor: &str) -> String {
    match members.iter().find(|m| m.user_id == actor) {
        Some(m) => format!(
            "{} · {}",
            m.display_name,
            ctx.t(&format!("vault-role-{}", m.role))
        ),
        None => actor.to_owned(),
    }
}

/// The bytes an item exports: a file's original, or a testimony as JSON.
enum Content {
    Blob {
        blob: String,
        wrapped: spona_vault::WrappedKey,
    },
    Text(Vec<u8>),
}

async fn export(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ExportForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    if !access.role.can_manage() {
        return Err(AppError::Forbidden);
    }
    let recipient = f.recipient.trim().to_owned();
    if !recipient.starts_with("age1") || recipient.len() > 100 {
        return Err(AppError::BadRequest("err-age-recipient"));
    }
    if f.items.is_empty() {
        return Err(AppError::BadRequest("err-export-empty"));
    }
    let why = reason(&ctx, &f.reason)?;
    if why.is_empty() {
        return Err(AppError::BadRequest("err-vault-reason-required"));
    }
    let readable_locale = spona_domain::locale::Locale::from_tag(f.language.trim())
        .ok_or(AppError::BadRequest("err-vault-export-language"))?;
    let mut chosen: Vec<(Item, String, Content, String, u64)> = Vec::new();
    for item_id in &f.items {
        let item = records::item(&ctx.state.db, &id, item_id, access.vault)
            .await
            .map_err(|_| AppError::BadRequest("err-unknown-choice"))?;
        check_consent(&ctx, &access, &item, ConsentUse::Prosecution, "export").await?;
        let text = access.vault.unseal(&item_owner(&item.id), &item.sealed)?;
        let short = &item.id[item.id.len().saturating_sub(8)..];
        let (name, content, sha, size) = match (&item.blob_id, &item.wrapped_key, &item.sha256) {
            (Some(blob), Some(wrapped), Some(sha)) => (
                format!("{short}-{}", safe_name(&text)),
                Content::Blob {
                    blob: blob.clone(),
                    wrapped: spona_vault::WrappedKey::from_base64(wrapped)
                        .map_err(|e| AppError::Internal(e.into()))?,
                },
                sha.clone(),
                item.size.unwrap_or_default().max(0) as u64,
            ),
            _ => {
                let bytes = text.as_bytes().to_vec();
                let sha = hex::encode(Sha256::digest(&bytes));
                let size = bytes.len() as u64;
                (
                    format!("{short}-testimony.json"),
                    Content::Text(bytes),
                    sha,
                    size,
                )
            }
        };
        chosen.push((item, name, content, sha, size));
    }
    // One custody entry per exported item, before the log goes into the bundle.
    let sign = access.vault;
    for (item, name, _, sha, _) in &chosen {
        records::log(
            &ctx.state.db,
            entry(
                &ctx,
                &id,
                "export",
                &format!("item {} as {name} to {recipient}: {why}", item.id),
                Some(sha),
            ),
            sign,
        )
        .await?;
    }
    let case = records::case(&ctx.state.db, &id).await?;
    let custody = records::custody(&ctx.state.db, &id, access.vault).await?;
    let exported: Vec<String> = chosen.iter().map(|(item, ..)| item.id.clone()).collect();

    // Readable copies in the chosen language: the custody entries of the exported items and
    // each testimony. The signed machine-readable files stay authoritative.
    let members = records::members(&ctx.state.db, &id).await?;
    let consents = records::consents(&ctx.state.db, &id, access.vault).await?;
    let mut rctx = ctx.clone();
    rctx.locale = readable_locale;
    let orgs = super::consent::org_choices(&rctx).await?;
    let disclosed: Vec<CustodyEntry> = custody
        .iter()
        .filter(|e| exported.iter().any(|x| e.reason.contains(x.as_str())))
        .cloned()
        .collect();
    let mut entries = super::cases::entry_views(&rctx, &disclosed, &[]);
    for (view, e) in entries.iter_mut().zip(&disclosed) {
        view.actor = handler_name(&rctx, &members, &e.actor);
    }
    let mut readable = vec![(
        "custody.html".to_owned(),
        render_readable(&ReadableCustody {
            case_id: id.clone(),
            exported: rctx.datetime(&spona_store::now()),
            public_key: access.vault.server().public().to_text(),
            entries,
            ctx: rctx.clone(),
        })?,
    )];
    for (item, name, content, sha, _) in &chosen {
        if let Content::Text(bytes) = content {
            let t: spona_domain::vault::Testimony = serde_json::from_slice(bytes)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("testimony {}: {e}", item.id)))?;
            let consent = consents.iter().find(|c| c.item_id == item.id);
            readable.push((
                format!("{}.html", name.trim_end_matches(".json")),
                render_readable(&ReadableTestimony {
                    case_id: id.clone(),
                    item_id: item.id.clone(),
                    file: format!("files/{name}.age"),
                    sha256: sha.clone(),
                    consent: consent_summary(&rctx, consent, &orgs),
                    gender_key: format!("vault-gender-{}", t.gender_choice),
                    t,
                    ctx: rctx.clone(),
                })?,
            ));
        }
    }
    let head = access
        .vault
        .head_of(&case)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("case {id} has no custody head")))?;
    // The audit log says that the vault was used, never which case or what.
    ctx.audit("vault.exported", "vault", "", String::new())
        .await?;

    // The bundle is written to a scratch file (its size is then known), unlinked, and
    // streamed from the open handle: memory stays flat whatever the files' sizes.
    let scratch = access.vault.scratch_dir();
    std::fs::create_dir_all(&scratch).map_err(|e| AppError::Internal(e.into()))?;
    let blobs = access.vault.blobs.clone();
    let key = access.vault.key().clone();
    let server = access.vault.server().clone();
    let case_id = id.clone();
    let file = tokio::task::spawn_blocking(move || -> Result<std::fs::File, AppError> {
        let mut out = tempfile::tempfile_in(&scratch).map_err(|e| AppError::Internal(e.into()))?;
        let mut items = Vec::new();
        for (item, name, content, sha, size) in chosen {
            let reader: Box<dyn std::io::Read> = match content {
                Content::Blob { blob, wrapped } => Box::new(
                    blobs
                        .open_blob(&key, &blob, &wrapped, &sha)
                        .map_err(vault_error)?,
                ),
                Content::Text(bytes) => Box::new(std::io::Cursor::new(bytes)),
            };
            items.push(BundleItem {
                name,
                sha256_hex: sha,
                size,
                created_at_ms: item.created_at * 1000,
                content: reader,
            });
        }
        // Only the entries of the exported items go out in full, and the changes of the
        // signing key (so a key pinned before a rotation leads to the current one); the rest
        // by hash only.
        let disclose = |e: &CustodyEntry| {
            e.action == spona_vault::ROTATION_ACTION
                || exported.iter().any(|id| e.reason.contains(id.as_str()))
        };
        spona_vault::write_bundle(
            &mut out,
            BundleCase {
                case_id: &case_id,
                custody: &custody,
                disclose: &disclose,
                head: &head,
                readable,
            },
            items,
            &server,
            &recipient,
            &scratch,
        )
        .map_err(|e| match e {
            spona_vault::VaultError::Age { .. } => AppError::BadRequest("err-age-recipient"),
            other => vault_error(other),
        })?;
        use std::io::Seek;
        out.rewind().map_err(|e| AppError::Internal(e.into()))?;
        Ok(out)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    let len = file.metadata().map(|m| m.len()).unwrap_or_default();
    let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file));
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"spona-export-{}.tar.age\"",
        &id[id.len().saturating_sub(8)..]
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// A file name that is safe inside the bundle and on the recipient's disk.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".into()
    } else {
        cleaned
    }
}
