//! Writing the hub: a new resource, a new version of a variant (or a new translation) with a
//! Markdown preview, the resource's details, confirming a translation, and attachments.
//!
//! Editors are the owning organisation's members and platform admins. Every save is a
//! version; a save based on an older version than the current one is refused (409) with
//! the form kept, so two editors never overwrite each other silently.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_domain::resource::{
    ContentLang, RESOURCE_KINDS, ResourceDraft, VariantDraft, Visibility, Written,
};
use spona_domain::vocab::{COUNTRIES, THEMES};
use spona_store::StoreError;
use spona_store::resources::{self, Attachment, Resource};

use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::hub;
use crate::quota;
use crate::{AppError, AppState, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/resources/new", new_form)
        .post("/resources/new", create)
        .get("/resources/{id}/edit", edit_form)
        .post("/resources/{id}/edit", save)
        .get("/resources/{id}/details", details_form)
        .post("/resources/{id}/details", save_details)
        .post_from("/resources/{id}/confirm", confirm, "/resources/{id}")
        .post_from("/resources/{id}/attachments", upload, "/resources/{id}")
}

/// The editor: what is shown depends on the mode (new resource, variant, details).
#[derive(Template)]
#[template(path = "resources/templates/resource_form.html")]
struct EditPage {
    ctx: Ctx,
    mode: Mode,
    action: String,
    resource: Option<Resource>,
    meta: ResourceDraft,
    owner: String,
    owners: Vec<(String, String)>,
    variant: VariantDraft,
    base_version: String,
    preview_html: Option<String>,
    kinds: OptionList,
    themes: OptionList,
    countries: OptionList,
    networks: Vec<(String, String)>,
    errors: FormErrors,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    New,
    Variant,
    Details,
}

impl EditPage {
    fn show_meta(&self) -> bool {
        self.mode != Mode::Variant
    }
    fn show_variant(&self) -> bool {
        self.mode != Mode::Details
    }
    fn is_new(&self) -> bool {
        self.mode == Mode::New
    }
    fn heading(&self) -> String {
        match self.mode {
            Mode::New => self.ctx.t("hub-new"),
            Mode::Details => self.ctx.t("hub-edit-details"),
            Mode::Variant => self.ctx.t("hub-edit"),
        }
    }
    fn has_theme(&self, c: &str) -> bool {
        self.meta.themes.iter().any(|x| x == c)
    }
    fn has_country(&self, c: &str) -> bool {
        self.meta.countries.iter().any(|x| x == c)
    }
    fn has_network(&self, c: &str) -> bool {
        self.meta.networks.iter().any(|x| x == c)
    }
    fn visibilities(&self) -> Vec<(&'static str, String)> {
        Visibility::ALL
            .iter()
            .map(|v| {
                (
                    v.as_str(),
                    self.ctx.t(&format!("hub-visibility-{}", v.as_str())),
                )
            })
            .collect()
    }
    fn writtens(&self) -> Vec<(&'static str, String)> {
        Written::ALL
            .iter()
            .map(|w| (*w, self.ctx.label("textlang", w)))
            .collect()
    }
    fn is_visibility(&self, code: &str) -> bool {
        self.meta.visibility == code
    }
    fn is_written(&self, code: &str) -> bool {
        self.variant.written == code
    }
    /// A variant being edited keeps its language; a new translation picks it.
    fn language_fixed(&self) -> bool {
        self.mode == Mode::Variant && !self.base_version.is_empty()
    }
}

struct EditParts {
    mode: Mode,
    action: String,
    resource: Option<Resource>,
    meta: ResourceDraft,
    owner: String,
    variant: VariantDraft,
    base_version: String,
    preview: bool,
    errors: FormErrors,
}

async fn edit_page(ctx: Ctx, p: EditParts) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let owners: Vec<(String, String)> = if ctx.is_admin() {
        spona_store::orgs::load_all(&ctx.state.db)
            .await?
            .into_iter()
            .map(|o| {
                let name = crate::names::org_name(ctx.locale, &o).text;
                (o.slug, name)
            })
            .collect()
    } else {
        user.memberships
            .iter()
            .map(|m| (m.org_slug.clone(), m.org_name.clone()))
            .collect()
    };
    let networks = spona_store::networks::list(&ctx.state.db)
        .await?
        .iter()
        .map(|n| (n.slug.clone(), crate::http::options::network_name(&ctx, n)))
        .collect();
    let status = if !p.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let preview_html = p.preview.then(|| markdown::to_html(&p.variant.body));
    Ok(render(
        status,
        &EditPage {
            kinds: options(&ctx, RESOURCE_KINDS),
            themes: options(&ctx, THEMES),
            countries: options(&ctx, COUNTRIES),
            mode: p.mode,
            action: p.action,
            resource: p.resource,
            meta: p.meta,
            owner: p.owner,
            owners,
            variant: p.variant,
            base_version: p.base_version,
            preview_html,
            networks,
            errors: p.errors,
            ctx,
        },
    ))
}

fn iso_date(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

fn draft_of(r: &Resource) -> ResourceDraft {
    ResourceDraft {
        kind: r.kind.clone(),
        themes: r.themes.clone(),
        countries: r.countries.clone(),
        visibility: r.visibility.as_str().to_owned(),
        networks: r.networks.iter().map(|n| n.slug.clone()).collect(),
        review_due: iso_date(r.review_due),
    }
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let written = match ctx.locale {
        spona_domain::Locale::En => "en",
        spona_domain::Locale::SrLatn => "sr-Latn",
        spona_domain::Locale::SrCyrl => "sr-Cyrl",
        spona_domain::Locale::Uk => "uk",
    };
    let owner = ctx
        .user
        .as_ref()
        .and_then(|u| u.memberships.first())
        .map(|m| m.org_slug.clone())
        .unwrap_or_default();
    if owner.is_empty() && !ctx.is_admin() {
        return Err(AppError::Forbidden);
    }
    edit_page(
        ctx,
        EditParts {
            mode: Mode::New,
            action: "/resources/new".into(),
            resource: None,
            meta: ResourceDraft {
                visibility: "members".into(),
                review_due: iso_date(spona_store::now() + 365 * 86_400),
                ..Default::default()
            },
            owner,
            variant: VariantDraft {
                written: written.into(),
                ..Default::default()
            },
            base_version: String::new(),
            preview: false,
            errors: FormErrors::new(),
        },
    )
    .await
}

/// Every field of the editor; each mode reads the ones it shows.
#[derive(Deserialize, Default)]
struct EditForm {
    #[serde(default)]
    owner: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    networks: Vec<String>,
    #[serde(default)]
    review_due: String,
    #[serde(default)]
    written: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    base_version: String,
    /// `preview` shows the rendered body and saves nothing.
    #[serde(default)]
    action: String,
    #[serde(default)]
    once: String,
}

impl EditForm {
    fn meta(&self) -> ResourceDraft {
        ResourceDraft {
            kind: self.kind.clone(),
            themes: self.themes.clone(),
            countries: self.countries.clone(),
            visibility: self.visibility.clone(),
            networks: self.networks.clone(),
            review_due: self.review_due.clone(),
        }
    }
    fn variant(&self) -> VariantDraft {
        VariantDraft {
            written: self.written.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            note: self.note.clone(),
        }
    }
}

/// Network slugs to ids; an unknown slug is a field error.
async fn network_ids(ctx: &Ctx, slugs: &[String], errors: &mut FormErrors) -> Vec<String> {
    match resources::network_ids(&ctx.state.db, slugs).await {
        Ok(ids) => ids,
        Err(_) => {
            errors.add(ctx, "networks", "err-unknown-term");
            Vec::new()
        }
    }
}

async fn create(ctx: Ctx, Form(f): Form<EditForm>) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let user_id = user.id().to_owned();
    let owner_id = if ctx.is_admin() {
        spona_store::orgs::load_all(&ctx.state.db)
            .await?
            .into_iter()
            .find(|o| o.slug == f.owner)
            .map(|o| o.id)
    } else {
        user.memberships
            .iter()
            .find(|m| m.org_slug == f.owner)
            .map(|m| m.org_id.clone())
    };
    let mut errors = FormErrors::new();
    if owner_id.is_none() {
        errors.add(&ctx, "owner", "err-unknown-choice");
    }
    let meta = f.meta().validate();
    let text = f.variant().validate(false);
    if let Err(e) = &meta {
        errors.0.extend(FormErrors::from_invalid(&ctx, e).0);
    }
    if let Err(e) = &text {
        errors.0.extend(FormErrors::from_invalid(&ctx, e).0);
    }
    let ids = match &meta {
        Ok(m) => network_ids(&ctx, &m.networks, &mut errors).await,
        Err(_) => Vec::new(),
    };
    let preview = f.action == "preview";
    let (Some(owner_id), Ok(meta), Ok(text), true, false) =
        (owner_id, meta, text, errors.is_empty(), preview)
    else {
        let parts = EditParts {
            mode: Mode::New,
            action: "/resources/new".into(),
            resource: None,
            meta: f.meta(),
            owner: f.owner.clone(),
            variant: f.variant(),
            base_version: String::new(),
            preview,
            errors,
        };
        return edit_page(ctx, parts).await;
    };
    // The one-time key commits with the resource: a retry after a crash or an error either
    // creates it (nothing was saved) or is sent to it (it was).
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/resources/{id}")?;
    let created = resources::create_once(
        &ctx.state.db,
        &owner_id,
        &meta,
        &ids,
        &text,
        &user_id,
        Some(&once),
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(e) => return crate::http::forms::replayed(e),
    };
    // Saved: neither the audit line nor the index may turn that into an error page now.
    if let Err(e) = ctx
        .audit("resource.created", "resource", &id, meta.kind.clone())
        .await
    {
        tracing::error!(error = %e, resource = %id, "audit of a saved resource failed");
    }
    hub::after_write(&ctx.state).await;
    Ok(see_other(&ctx, &format!("/resources/{id}")))
}

#[derive(Deserialize, Default)]
struct LangQuery {
    #[serde(default)]
    lang: String,
}

async fn edit_form(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    let lang = ContentLang::parse(&q.lang).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    let existing = r.variants.iter().find(|v| v.lang() == lang);
    let (variant, base_version) = match existing {
        Some(v) => (
            VariantDraft {
                written: v.written().code().to_owned(),
                title: v.title.clone(),
                summary: v.summary.clone(),
                body: v.body.clone(),
                note: String::new(),
            },
            v.version.to_string(),
        ),
        None => (
            VariantDraft {
                written: match lang {
                    ContentLang::Sr => "sr-Cyrl".into(),
                    l => l.as_str().into(),
                },
                ..Default::default()
            },
            String::new(),
        ),
    };
    edit_page(
        ctx,
        EditParts {
            mode: Mode::Variant,
            action: format!("/resources/{}/edit?lang={}", r.id, lang.as_str()),
            meta: draft_of(&r),
            owner: r.owner_slug.clone(),
            resource: Some(r),
            variant,
            base_version,
            preview: false,
            errors: FormErrors::new(),
        },
    )
    .await
}

async fn save(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    let user_id = ctx.require_user()?.id().to_owned();
    let base_version = match f.base_version.trim() {
        "" => None,
        v => Some(
            v.parse::<i64>()
                .map_err(|_| AppError::BadRequest("err-bad-form"))?,
        ),
    };
    let mut errors = FormErrors::new();
    let text = f.variant().validate(base_version.is_some());
    if let Err(e) = &text {
        errors = FormErrors::from_invalid(&ctx, e);
    }
    let preview = f.action == "preview";
    // The page with errors lives at an address that also answers GET: the editor of this
    // language (a reload or a language switch opens it again).
    let lang_query = match f.written.split('-').next().map(ContentLang::parse) {
        Some(Some(l)) => format!("?lang={}", l.as_str()),
        _ => String::new(),
    };
    let conflict_page = |ctx: Ctx, r: Resource, errors: FormErrors, preview: bool| {
        let parts = EditParts {
            mode: Mode::Variant,
            action: format!("/resources/{}/edit{lang_query}", r.id),
            meta: draft_of(&r),
            owner: r.owner_slug.clone(),
            resource: Some(r),
            variant: f.variant(),
            base_version: f.base_version.clone(),
            preview,
            errors,
        };
        edit_page(ctx, parts)
    };
    let text = match text {
        Ok(t) if !preview => t,
        _ => return conflict_page(ctx, r, errors, preview).await,
    };
    match resources::save_variant(&ctx.state.db, &r.id, &text, base_version, &user_id).await {
        Ok(version) => {
            ctx.audit(
                "resource.edited",
                "resource",
                &r.id,
                format!("{} v{version}", text.written.code()),
            )
            .await?;
            hub::after_write(&ctx.state).await;
            Ok(see_other(
                &ctx,
                &format!("/resources/{}?lang={}", r.id, text.written.lang.as_str()),
            ))
        }
        Err(StoreError::Conflict(_)) => {
            let mut errors = FormErrors::new();
            errors.add(&ctx, "body", "err-edit-conflict");
            let mut response = conflict_page(ctx, r, errors, false).await?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

async fn details_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    edit_page(
        ctx,
        EditParts {
            mode: Mode::Details,
            action: format!("/resources/{}/details", r.id),
            meta: draft_of(&r),
            owner: r.owner_slug.clone(),
            resource: Some(r),
            variant: VariantDraft::default(),
            base_version: String::new(),
            preview: false,
            errors: FormErrors::new(),
        },
    )
    .await
}

async fn save_details(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    let mut errors = FormErrors::new();
    let meta = f.meta().validate();
    if let Err(e) = &meta {
        errors = FormErrors::from_invalid(&ctx, e);
    }
    let ids = match &meta {
        Ok(m) => network_ids(&ctx, &m.networks, &mut errors).await,
        Err(_) => Vec::new(),
    };
    let (Ok(meta), true) = (meta, errors.is_empty()) else {
        let parts = EditParts {
            mode: Mode::Details,
            action: format!("/resources/{}/details", r.id),
            meta: f.meta(),
            owner: r.owner_slug.clone(),
            resource: Some(r),
            variant: VariantDraft::default(),
            base_version: String::new(),
            preview: false,
            errors,
        };
        return edit_page(ctx, parts).await;
    };
    resources::update_meta(&ctx.state.db, &r.id, &meta, &ids).await?;
    ctx.audit(
        "resource.details_changed",
        "resource",
        &r.id,
        meta.visibility.as_str().to_owned(),
    )
    .await?;
    hub::after_write(&ctx.state).await;
    Ok(see_other(&ctx, &format!("/resources/{}", r.id)))
}

#[derive(Deserialize, Default)]
struct ConfirmForm {
    #[serde(default)]
    lang: String,
}

/// An editor checked a translation against the changed variant and found it still right.
async fn confirm(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    let lang = ContentLang::parse(&f.lang).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    resources::confirm_translation(&ctx.state.db, &r.id, lang).await?;
    ctx.audit(
        "resource.translation_confirmed",
        "resource",
        &r.id,
        lang.as_str().to_owned(),
    )
    .await?;
    Ok(see_other(
        &ctx,
        &format!("/resources/{}?lang={}", r.id, lang.as_str()),
    ))
}

/// Adds a file to a variant. The language comes in the query string, so the file can be
/// streamed to storage as it arrives; access is checked before a byte is read.
async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    req: Request,
) -> Result<Response, AppError> {
    let r = hub::load_editable(&ctx, &id).await?;
    let user_id = ctx.require_user()?.id().to_owned();
    let lang = ContentLang::parse(&q.lang).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    if !r.variants.iter().any(|v| v.lang() == lang) {
        return Err(AppError::BadRequest("err-unknown-choice"));
    }
    // A full organisation is told before a byte is read; a file that does not fit in what
    // is left stops as soon as it passes it.
    let room = quota::room(
        &state.db,
        quota::hub_scopes(&state.config.quotas, &r.owner_org_id),
    )
    .await?;
    let mut multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let mut stored = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let filename = crate::attachments::checked_filename(field.file_name())?;
        let s = state.attachments.save(&filename, field, &room).await?;
        stored = Some((filename, s));
        break;
    }
    let (filename, s) = stored.ok_or(AppError::BadRequest("err-attachment-missing"))?;
    let a = Attachment {
        id: spona_store::new_id(),
        resource_id: r.id.clone(),
        lang: lang.as_str().to_owned(),
        filename,
        media_type: s.media_type.to_owned(),
        size: s.size as i64,
        sha256: s.sha256,
        extracted: s.text,
        created_at: spona_store::now(),
        active_content: s.active_content,
    };
    let charge = room.charge(s.size, Some(a.id.clone()));
    resources::add_attachment(&state.db, &a, &user_id, &charge).await?;
    ctx.audit(
        "resource.attachment_added",
        "resource",
        &r.id,
        a.sha256.clone(),
    )
    .await?;
    hub::after_write(&state).await;
    Ok(see_other(
        &ctx,
        &format!("/resources/{}?lang={}", r.id, lang.as_str()),
    ))
}
