//! Items of a case: testimonies recorded through the interview form, files of any type and
//! size streamed into the encrypted blob store, reading and downloading them, consent, and
//! sharing with a named organisation — each act checked against consent and logged.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use futures_util::TryStreamExt;
use serde::Deserialize;
use spona_app::vault::consent::{ConsentChange, consent_of, scope_of};
use spona_app::vault::items::{self as use_items, Content, StoredFile};
use spona_app::vault::reason;
use spona_domain::vault::{ConsentScope, GENDER_CHOICE, Testimony};
use spona_domain::vocab::LANGUAGES;
use spona_store::vault::Item;

use super::consent::{ConsentForm, OrgChoice, org_choices};
use super::load_case;
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, AppState, Ctx};

/// The largest file the vault takes.
pub const MAX_FILE: u64 = 4 * 1024 * 1024 * 1024 + 64 * 1024 * 1024;

pub fn routes(r: Routes) -> Routes {
    r.get("/vault/cases/{id}/testimonies/new", testimony_form)
        .post("/vault/cases/{id}/testimonies/new", add_testimony)
        .post_from("/vault/cases/{id}/files", upload, "/vault/cases/{id}")
        .get("/vault/cases/{id}/items/{item}", show)
        .post_from(
            "/vault/cases/{id}/items/{item}/consent",
            set_consent,
            "/vault/cases/{id}/items/{item}",
        )
        .post_from(
            "/vault/cases/{id}/items/{item}/share",
            share,
            "/vault/cases/{id}/items/{item}",
        )
}

#[derive(Template)]
#[template(path = "vault/templates/vault_testimony.html")]
struct TestimonyPage {
    ctx: Ctx,
    id: String,
    t: Testimony,
    consent: ConsentForm,
    orgs: Vec<OrgChoice>,
    languages: OptionList,
    errors: FormErrors,
}

impl TestimonyPage {
    fn gender_choices(&self) -> Vec<(&'static str, String)> {
        GENDER_CHOICE
            .iter()
            .map(|g| (*g, self.ctx.t(&format!("vault-gender-{g}"))))
            .collect()
    }
}

async fn testimony_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_add_items()?;
    Ok(page(&TestimonyPage {
        orgs: org_choices(&ctx).await?,
        languages: options(&ctx, LANGUAGES),
        // Nothing decided for the person: language, the gender question and consent start
        // empty and must be chosen.
        t: Testimony::default(),
        consent: ConsentForm::default(),
        errors: FormErrors::new(),
        id,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct TestimonyForm {
    #[serde(flatten)]
    t: Testimony,
    #[serde(flatten)]
    consent: ConsentForm,
    #[serde(default)]
    once: String,
}

async fn add_testimony(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TestimonyForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_add_items()?;
    let orgs = org_choices(&ctx).await?;
    let scope = f.consent.scope(&orgs)?;
    let mut errors = FormErrors::new();
    let t = f.t.validate();
    if let Err(e) = &t {
        errors = FormErrors::from_invalid(&ctx, e);
    }
    if !scope.documentation {
        errors.add(&ctx, "documentation", "err-consent-required");
    }
    let t = match t {
        Ok(t) if errors.is_empty() => t,
        _ => {
            return Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &TestimonyPage {
                    orgs,
                    languages: options(&ctx, LANGUAGES),
                    t: f.t,
                    consent: f.consent,
                    errors,
                    id,
                    ctx,
                },
            ));
        }
    };
    let once =
        crate::http::forms::once_in_tx(&ctx, &f.once, &format!("/vault/cases/{id}/items/{{id}}"))?;
    let item_id = match use_items::add_testimony(&ctx.state.db, &access, &t, &scope, &once).await {
        Ok(item_id) => item_id,
        Err(e) => return super::replayed(e),
    };
    Ok(see_other(
        &ctx,
        &format!("/vault/cases/{id}/items/{item_id}"),
    ))
}

#[derive(Deserialize, Default)]
struct UploadQuery {
    /// The item id the form was given: a retried upload finds its item already there.
    #[serde(default)]
    item: String,
}

/// Streams one file into the encrypted blob store, hashing it on the way; the item appears
/// only when the whole file is stored. Consent fields come before the file in the form.
async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<UploadQuery>,
    req: Request,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_add_items()?;
    let item_id = uuid::Uuid::parse_str(&q.item)
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
        .to_string();
    if let Ok(existing) = use_items::item(&state.db, &access, &item_id).await {
        return Ok(see_other(
            &ctx,
            &format!("/vault/cases/{id}/items/{}", existing.id),
        ));
    }
    if spona_store::vault::item_id_taken(&state.db, &item_id).await? {
        // Another case's item: a form never carries that id.
        return Err(AppError::BadRequest("err-bad-form"));
    }
    // A full case or organisation is told before a byte is read; a file that does not fit
    // in what is left stops as soon as it passes it, and its partial blob is removed.
    let scopes = spona_app::quota::vault_scopes(&state.db, &state.config.quotas, &id).await?;
    let room = spona_app::quota::room(&state.db, scopes).await?;
    let mut multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let mut consent = ConsentForm::default();
    let mut why = String::new();
    let mut stored = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            // `photo\u{202e}gpj.exe` would show as `photoexe.jpg`: refused, not cleaned.
            if field
                .file_name()
                .is_some_and(|n| n.chars().any(spona_vault::is_bidi_control))
            {
                return Err(AppError::BadRequest("err-vault-file-name"));
            }
            let filename = field
                .file_name()
                .and_then(crate::attachments::clean_filename)
                .ok_or(AppError::BadRequest("err-attachment-missing"))?;
            let media_type = field
                .content_type()
                .filter(|m| m.len() < 100 && m.is_ascii())
                .unwrap_or("application/octet-stream")
                .to_owned();
            let reader = tokio_util::io::StreamReader::new(
                field.map_err(|e| std::io::Error::other(e.to_string())),
            );
            let ingested = access
                .vault
                .blobs
                .ingest_async(access.vault.key(), reader, MAX_FILE.min(room.bytes))
                .await
                .map_err(|e| match e {
                    spona_vault::VaultError::TooLarge { .. } if room.bytes < MAX_FILE => {
                        room.exceeded()
                    }
                    other => vault_error(other),
                })?;
            stored = Some((filename, media_type, ingested));
            break;
        }
        let value = field
            .text()
            .await
            .map_err(|_| AppError::BadRequest("err-bad-form"))?;
        match name.as_str() {
            "documentation" => consent.documentation = Some(value),
            "prosecutors" => consent.prosecutors = Some(value),
            "publication" => consent.publication = Some(value),
            "share_with" => consent.share_with.push(value),
            "reason" => why = value,
            _ => {}
        }
    }
    let (filename, media_type, ingested) =
        stored.ok_or(AppError::BadRequest("err-attachment-missing"))?;
    let scope = match org_choices(&ctx)
        .await
        .and_then(|orgs| consent.scope(&orgs))
    {
        Ok(s) if s.documentation => s,
        Ok(_) => {
            let _ = access.vault.blobs.remove(&ingested.blob_id);
            return Err(AppError::BadRequest("err-consent-required"));
        }
        Err(e) => {
            let _ = access.vault.blobs.remove(&ingested.blob_id);
            return Err(e);
        }
    };
    let why = reason(&why)?;
    let warning = match super::download::scan_upload(access.vault, &ingested).await {
        Ok(w) => w,
        Err(e) => {
            let _ = access.vault.blobs.remove(&ingested.blob_id);
            return Err(e);
        }
    };
    let file = StoredFile {
        item_id: &item_id,
        filename: &filename,
        media_type,
        ingested: &ingested,
        warning: warning.as_deref(),
        reason: why,
    };
    if let Err(e) = use_items::add_file(&state.db, &access, file, &scope, &room).await {
        // A concurrent retry stored the same item first, or the database failed: this copy
        // of the file is not referenced by anything.
        let _ = access.vault.blobs.remove(&ingested.blob_id);
        if use_items::item(&state.db, &access, &item_id).await.is_ok() {
            return Ok(see_other(
                &ctx,
                &format!("/vault/cases/{id}/items/{item_id}"),
            ));
        }
        return Err(e.into());
    }
    Ok(see_other(
        &ctx,
        &format!("/vault/cases/{id}/items/{item_id}"),
    ))
}

/// Vault errors as answers: too large, full disk, integrity.
pub fn vault_error(e: spona_vault::VaultError) -> AppError {
    use spona_vault::VaultError as E;
    match e {
        E::TooLarge { .. } => AppError::PayloadTooLarge,
        E::StorageFull { .. } => AppError::StorageFull,
        E::Stream(_) => AppError::BadRequest("err-upload-interrupted"),
        E::Remote { location, source } => {
            tracing::error!(%location, error = %source, "the vault's blob store failed");
            AppError::Unavailable("err-files-unavailable")
        }
        other => AppError::Internal(anyhow::anyhow!("vault: {other}")),
    }
}

#[derive(Template)]
#[template(path = "vault/templates/vault_item.html")]
struct ItemPage {
    ctx: Ctx,
    case_id: String,
    item: Item,
    label: String,
    testimony: Option<Testimony>,
    consent: ConsentScope,
    consent_text: String,
    orgs: Vec<OrgChoice>,
    can_add: bool,
    /// A lead: the share form (the organisations consent names) is shown.
    can_share: bool,
    /// Active content found at upload (a PDF's actions): the download leads to a warning.
    warning: Vec<String>,
    /// Consent does not cover reading it: nothing of the item is shown, only its consent
    /// form (restoring consent needs the record of the person's new decision).
    withheld: Option<String>,
}

impl ItemPage {
    fn language_label(&self, code: &str) -> String {
        self.ctx.label("lang", code)
    }
    fn gender_label(&self, code: &str) -> String {
        self.ctx.t(&format!("vault-gender-{code}"))
    }
    fn size(&self) -> String {
        self.item
            .size
            .map(crate::http::view::human_size)
            .unwrap_or_default()
    }
    fn shared_with(&self, o: &OrgChoice) -> bool {
        o.in_list(&self.consent.share_with)
    }
}

async fn show(ctx: Ctx, Path((id, item_id)): Path<(String, String)>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let db = &ctx.state.db;
    let item = use_items::item(db, &access, &item_id).await?;
    let consent = consent_of(db, &access, &item.id).await?;
    let orgs = org_choices(&ctx).await?;
    let what = format!("item {item_id}");
    match use_items::read(db, &access, &item, "view", &what).await {
        Ok(()) => {}
        // Those who may record consent get the form to restore it (the refusal is logged).
        Err(spona_app::Error::Refused(key)) if access.role.can_add_items() => {
            return Ok(render(
                StatusCode::FORBIDDEN,
                &ItemPage {
                    consent_text: super::cases::consent_summary(&ctx, consent.as_ref(), &orgs),
                    orgs,
                    consent: scope_of(consent.as_ref()),
                    can_add: true,
                    can_share: false,
                    label: ctx.t("vault-item-withdrawn"),
                    warning: Vec::new(),
                    withheld: Some(ctx.t(key)),
                    case_id: id,
                    item,
                    testimony: None,
                    ctx,
                },
            ));
        }
        Err(e) => return Err(e.into()),
    }
    let content = use_items::content(access.vault, &item)?;
    let label = content.label();
    let testimony = match content {
        Content::Testimony(t) => Some(*t),
        Content::File(_) => None,
    };
    let warning = super::download::warning_of(&ctx, access.vault, &item.id).await?;
    Ok(page(&ItemPage {
        warning,
        withheld: None,
        consent_text: super::cases::consent_summary(&ctx, consent.as_ref(), &orgs),
        orgs,
        consent: scope_of(consent.as_ref()),
        can_add: access.role.can_add_items(),
        can_share: access.require_manage().is_ok(),
        case_id: id,
        item,
        label,
        testimony,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct ConsentChangeForm {
    #[serde(flatten)]
    consent: ConsentForm,
    /// `withdraw` withdraws every consent.
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    /// The record of the person's decision: who decided (`person`, `representative`), how
    /// (`writing`, `oral`, `recording`), on which day, and who witnessed it. Required to
    /// restore withdrawn consent.
    #[serde(default)]
    decided_by: String,
    #[serde(default)]
    decided_how: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    witness: String,
}

impl ConsentChangeForm {
    /// The record of the decision in words for the custody log, or `None` when incomplete.
    fn decision(&self) -> Option<String> {
        let by = self.decided_by.trim();
        let how = self.decided_how.trim();
        let on = self.decided_on.trim();
        let witness: String = self
            .witness
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let witness = witness.trim();
        let known = matches!(by, "person" | "representative")
            && matches!(how, "writing" | "oral" | "recording")
            && spona_domain::matching::parse_day_end(on).is_some()
            && !witness.is_empty();
        known.then(|| format!("decided by the {by} ({how}) on {on}, witnessed by {witness}"))
    }
}

async fn set_consent(
    ctx: Ctx,
    Path((id, item_id)): Path<(String, String)>,
    Form(f): Form<ConsentChangeForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_add_items()?;
    let item = use_items::item(&ctx.state.db, &access, &item_id).await?;
    let mut scope = f.consent.scope(&org_choices(&ctx).await?)?;
    if f.action == "withdraw" {
        scope = ConsentScope {
            withdrawn: true,
            ..ConsentScope::default()
        };
    }
    let change = ConsentChange {
        scope,
        decision: f.decision(),
        reason: f.reason,
    };
    spona_app::vault::consent::change_consent(
        &ctx.state.db,
        &ctx.state.federation,
        &access,
        &item,
        change,
    )
    .await?;
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}

#[derive(Deserialize, Default)]
struct ShareForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    reason: String,
}

/// Records that an item was given to a named organisation — allowed only if consent names it.
async fn share(
    ctx: Ctx,
    Path((id, item_id)): Path<(String, String)>,
    Form(f): Form<ShareForm>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    access.require_manage()?;
    let item = use_items::item(&ctx.state.db, &access, &item_id).await?;
    if super::federated::is_partner(f.org.trim()) {
        super::federated::share(&ctx, &access, &item, f.org.trim(), &f.reason).await?;
    } else {
        use_items::share(&ctx.state.db, &access, &item, f.org.trim(), &f.reason).await?;
    }
    Ok(see_other(
        &ctx,
        &format!("/vault/cases/{id}/items/{item_id}"),
    ))
}
