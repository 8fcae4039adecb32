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
use spona_app::vault::export::{ExportRequest, Source};
use spona_store::vault::{self as records};

use super::cases::{ItemLine, consent_summary, listed_label};
use super::items::vault_error;
use super::load_case;
use crate::http::routes::Routes;
use crate::http::view::page;
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
    access.require_manage()?;
    let listed = spona_app::vault::cases::items_with_consent(&ctx.state.db, &access).await?;
    let orgs = super::consent::org_choices(&ctx).await?;
    let mut items = Vec::new();
    for (i, consent) in listed {
        let consent = consent.as_ref();
        items.push(ItemLine {
            label: listed_label(&ctx, access.vault, &i, consent)?,
            kind: ctx.t(&format!("vault-kind-{}", i.kind)),
            size: String::new(),
            sha256: i.sha256.clone().unwrap_or_default(),
            created_at: i.created_at,
            consent: consent_summary(&ctx, consent, &orgs),
            withdrawn: !consent.is_some_and(|c| c.prosecutors && !c.withdrawn),
            id: i.id.into(),
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
            ctx.t(&format!("vault-role-{}", m.role.as_str()))
        ),
        None => actor.to_owned(),
    }
}

async fn export(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ExportForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_manage()?;
    let request = ExportRequest {
        items: &f.items,
        recipient: &f.recipient,
        reason: &f.reason,
        language: &f.language,
    };
    let export = spona_app::vault::export::prepare(&ctx.state.db, &access, request).await?;

    // Readable copies in the chosen language: the custody entries of the exported items and
    // each testimony. The signed machine-readable files stay authoritative.
    let mut rctx = ctx.clone();
    rctx.locale = export.locale;
    let orgs = super::consent::org_choices(&rctx).await?;
    let disclosed = export.disclosed();
    let mut entries = super::cases::entry_views(&rctx, &disclosed, &[]);
    for (view, e) in entries.iter_mut().zip(&disclosed) {
        view.actor = handler_name(&rctx, &export.members, &e.actor);
    }
    let mut readable = vec![(
        "custody.html".to_owned(),
        render_readable(&ReadableCustody {
            case_id: id.clone(),
            exported: rctx.datetime(&spona_store::now()),
            public_key: export.public_key(),
            entries,
            ctx: rctx.clone(),
        })?,
    )];
    for c in &export.chosen {
        if let Source::Text(bytes) = &c.source {
            let t: spona_domain::vault::Testimony = serde_json::from_slice(bytes)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("testimony {}: {e}", c.item.id)))?;
            let consent = export.consents.iter().find(|x| x.item_id == c.item.id);
            readable.push((
                format!("{}.html", c.name.trim_end_matches(".json")),
                render_readable(&ReadableTestimony {
                    case_id: id.clone(),
                    item_id: c.item.id.to_string(),
                    file: format!("files/{}.age", c.name),
                    sha256: c.sha256.clone(),
                    consent: consent_summary(&rctx, consent, &orgs),
                    gender_key: format!("vault-gender-{}", t.gender_choice),
                    t,
                    ctx: rctx.clone(),
                })?,
            ));
        }
    }

    // The bundle is written to a scratch file (its size is then known), unlinked, and
    // streamed from the open handle: memory stays flat whatever the files' sizes.
    let file = export.write(readable).await?.map_err(|e| match e {
        spona_vault::VaultError::Age { .. } => AppError::BadRequest("err-age-recipient"),
        other => vault_error(other),
    })?;
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
