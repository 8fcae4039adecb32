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
use sha2::{Digest, Sha256};
use spona_domain::vault::{ConsentScope, ConsentUse, GENDER_CHOICE, Testimony};
use spona_domain::vocab::LANGUAGES;
use spona_store::vault::{self as records, Item};

use super::cases::{CaseAccess, load_case, reason};
pub use super::consent::{
    ConsentForm, OrgChoice, consent_facts, consent_row, org_choices, scope_of,
};
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::vault::{self, entry, item_owner};
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

/// Refuses an act the item's consent does not cover: logs the refusal in the custody log
/// and answers 403 with the reason.
pub async fn check_consent(
    ctx: &Ctx,
    access: &CaseAccess<'_>,
    item: &Item,
    use_: ConsentUse<'_>,
    action: &str,
) -> Result<(), AppError> {
    let consent = records::consents(&ctx.state.db, &item.case_id, access.vault)
        .await?
        .into_iter()
        .find(|c| c.item_id == item.id);
    if let Err(key) = scope_of(consent.as_ref()).allows(&use_) {
        vault::log(
            ctx,
            access.vault,
            entry(
                ctx,
                &item.case_id,
                "blocked",
                &format!("{action} of item {} refused: {key}", item.id),
                item.sha256.as_deref(),
            ),
        )
        .await?;
        return Err(AppError::Refused(key));
    }
    Ok(())
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
    if !access.role.can_add_items() {
        return Err(AppError::Forbidden);
    }
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
    if !access.role.can_add_items() {
        return Err(AppError::Forbidden);
    }
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
    let user_id = ctx.require_user()?.id().to_owned();
    let item_id = uuid::Uuid::now_v7().to_string();
    let json = serde_json::to_string(&t).map_err(|e| AppError::Internal(e.into()))?;
    let item = Item {
        sealed: access.vault.seal(&item_owner(&item_id), &json),
        id: item_id.clone(),
        case_id: id.clone(),
        kind: "testimony".into(),
        blob_id: None,
        wrapped_key: None,
        size: None,
        sha256: None,
        media_type: String::new(),
        created_by: user_id.clone(),
        created_at: spona_store::now(),
        unreadable: Vec::new(),
    };
    let consent = consent_row(&item_id, &scope, &user_id);
    let sign = access.vault;
    if let Err(e) = records::add_item(
        &ctx.state.db,
        &item,
        Some(&consent),
        records::Upload::default(),
        entry(
            &ctx,
            &id,
            "create",
            &spona_vault::facts::testimony_created(&item_id, &consent_facts(&scope)),
            Some(&hex::encode(Sha256::digest(json.as_bytes()))),
        ),
        sign,
        Some(&once),
    )
    .await
    {
        return crate::http::forms::replayed(e);
    }
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
    if !access.role.can_add_items() {
        return Err(AppError::Forbidden);
    }
    let item_id = uuid::Uuid::parse_str(&q.item)
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
        .to_string();
    if let Ok(existing) = records::item(&state.db, &id, &item_id, access.vault).await {
        return Ok(see_other(
            &ctx,
            &format!("/vault/cases/{id}/items/{}", existing.id),
        ));
    }
    if records::item_id_taken(&state.db, &item_id).await? {
        // Another case's item: a form never carries that id.
        return Err(AppError::BadRequest("err-bad-form"));
    }
    // A full case or organisation is told before a byte is read; a file that does not fit
    // in what is left stops as soon as it passes it, and its partial blob is removed.
    let scopes = crate::quota::vault_scopes(&state.db, &state.config.quotas, &id).await?;
    let room = crate::quota::room(&state.db, scopes).await?;
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
    let mut why = reason(&ctx, &why)?;
    let warning = match super::download::scan_upload(access.vault, &ingested).await {
        Ok(w) => w.map(|w| {
            access
                .vault
                .seal(&crate::vault::warning_owner(&item_id), &w)
        }),
        Err(e) => {
            let _ = access.vault.blobs.remove(&ingested.blob_id);
            return Err(e);
        }
    };
    if warning.is_some() {
        why.push_str(" [active content found at upload: see the item's warning]");
    }
    let user_id = ctx.require_user()?.id().to_owned();
    let charge = room.charge(ingested.size, None);
    let item = Item {
        sealed: access.vault.seal(&item_owner(&item_id), &filename),
        id: item_id.clone(),
        case_id: id.clone(),
        kind: "file".into(),
        blob_id: Some(ingested.blob_id.clone()),
        wrapped_key: Some(ingested.wrapped_key.to_base64()),
        size: Some(ingested.size as i64),
        sha256: Some(ingested.sha256_hex.clone()),
        media_type,
        created_by: user_id.clone(),
        created_at: spona_store::now(),
        unreadable: Vec::new(),
    };
    let consent = consent_row(&item_id, &scope, &user_id);
    let sign = access.vault;
    let added = records::add_item(
        &state.db,
        &item,
        Some(&consent),
        records::Upload {
            charge: Some(&charge),
            warning: warning.as_deref(),
        },
        entry(
            &ctx,
            &id,
            "create",
            &spona_vault::facts::file_created(
                &item_id,
                ingested.size,
                &consent_facts(&scope),
                &why,
            ),
            Some(&ingested.sha256_hex),
        ),
        sign,
        None, // the item id the form carries is its one-time key
    )
    .await;
    if let Err(e) = added {
        // A concurrent retry stored the same item first, or the database failed: this copy
        // of the file is not referenced by anything.
        let _ = access.vault.blobs.remove(&ingested.blob_id);
        if records::item(&state.db, &id, &item_id, access.vault)
            .await
            .is_ok()
        {
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
    let item = records::item(&ctx.state.db, &id, &item_id, access.vault).await?;
    let consent = records::consents(&ctx.state.db, &id, access.vault)
        .await?
        .into_iter()
        .find(|c| c.item_id == item.id);
    let orgs = org_choices(&ctx).await?;
    match check_consent(&ctx, &access, &item, ConsentUse::Read, "view").await {
        Ok(()) => {}
        // Those who may record consent get the form to restore it (the refusal is logged).
        Err(AppError::Refused(key)) if access.role.can_add_items() => {
            return Ok(render(
                StatusCode::FORBIDDEN,
                &ItemPage {
                    consent_text: super::cases::consent_summary(&ctx, consent.as_ref(), &orgs),
                    orgs,
                    consent: scope_of(consent.as_ref()),
                    can_add: true,
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
        Err(e) => return Err(e),
    }
    vault::log(
        &ctx,
        access.vault,
        entry(
            &ctx,
            &id,
            "view",
            &format!("item {item_id}"),
            item.sha256.as_deref(),
        ),
    )
    .await?;
    let text = access.vault.unseal(&item_owner(&item.id), &item.sealed)?;
    let (label, testimony) = if item.kind == "testimony" {
        let t: Testimony = serde_json::from_str(&text)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("testimony {item_id}: {e}")))?;
        (format!("{} · {}", t.pseudonym, t.date), Some(t))
    } else {
        (text.to_string(), None)
    };
    let warning = super::download::warning_of(&ctx, access.vault, &item.id).await?;
    Ok(page(&ItemPage {
        warning,
        withheld: None,
        consent_text: super::cases::consent_summary(&ctx, consent.as_ref(), &orgs),
        orgs,
        consent: scope_of(consent.as_ref()),
        can_add: access.role.can_add_items(),
        case_id: id,
        item,
        label,
        testimony,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct ConsentChange {
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

impl ConsentChange {
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
    Form(f): Form<ConsentChange>,
) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    if !access.role.can_add_items() {
        return Err(AppError::Forbidden);
    }
    let item = records::item(&ctx.state.db, &id, &item_id, access.vault).await?;
    let mut scope = f.consent.scope(&org_choices(&ctx).await?)?;
    if f.action == "withdraw" {
        scope = ConsentScope {
            withdrawn: true,
            ..ConsentScope::default()
        };
    }
    let mut why = reason(&ctx, &f.reason)?;
    // Restoring withdrawn consent is a new decision of the person: it needs the same record
    // as giving it (who, how, when, witnessed by), which goes into the custody log.
    let current = records::consents(&ctx.state.db, &id, access.vault)
        .await?
        .into_iter()
        .find(|c| c.item_id == item.id);
    let restoring = current
        .as_ref()
        .is_none_or(|c| c.withdrawn || !c.documentation)
        && !scope.withdrawn
        && scope.documentation;
    match f.decision() {
        Some(decision) => why = format!("{decision}. {why}"),
        None if restoring => return Err(AppError::BadRequest("err-vault-consent-record")),
        None => {}
    }
    let user_id = ctx.require_user()?.id().to_owned();
    let row = consent_row(&item.id, &scope, &user_id);
    let sign = access.vault;
    records::set_consent(
        &ctx.state.db,
        &row,
        entry(
            &ctx,
            &id,
            "consent",
            &spona_vault::facts::consent_changed(&item_id, &consent_facts(&scope), &why),
            item.sha256.as_deref(),
        ),
        sign,
    )
    .await?;
    // The audit log says that the vault was used, never which case or what.
    ctx.audit("vault.consent_changed", "vault", "", String::new())
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
    if !access.role.can_manage() {
        return Err(AppError::Forbidden);
    }
    let item = records::item(&ctx.state.db, &id, &item_id, access.vault).await?;
    let org = f.org.trim().to_owned();
    if spona_domain::org::Slug::parse(&org).is_err() {
        return Err(AppError::BadRequest("err-unknown-org"));
    }
    check_consent(&ctx, &access, &item, ConsentUse::Share(&org), "sharing").await?;
    let why = reason(&ctx, &f.reason)?;
    vault::log(
        &ctx,
        access.vault,
        entry(
            &ctx,
            &id,
            "share",
            &format!("item {item_id} with {org}: {why}"),
            item.sha256.as_deref(),
        ),
    )
    .await?;
    Ok(see_other(
        &ctx,
        &format!("/vault/cases/{id}/items/{item_id}"),
    ))
}
