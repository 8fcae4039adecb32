//! Writing the hub: a new resource, a new version of a variant (or a new translation) with a
//! Markdown preview, the resource's details, confirming a translation, and attachments.
//!
//! Editors are the owning organisation's members and platform admins. Every save is a
//! version; a save based on an older version than the current one is refused (409) with
//! the form kept, so two editors never overwrite each other silently.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_domain::resource::{
    ContentLang, RESOURCE_KINDS, ResourceDraft, VariantDraft, Visibility, Written,
};
use spona_domain::vocab::{COUNTRIES, THEMES};
use spona_store::resources::Resource;

use super::access;
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/resources/new", new_form)
        .post("/resources/new", create)
        .get("/resources/{id}/edit", edit_form)
        .post("/resources/{id}/edit", save)
        .get("/resources/{id}/details", details_form)
        .post("/resources/{id}/details", save_details)
        .post_from("/resources/{id}/confirm", confirm, "/resources/{id}")
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
    let owners = crate::http::forms::owner_choices(&ctx).await?;
    let networks = spona_store::networks::list(&ctx.state.db)
        .await?
        .iter()
        .map(|n| (n.slug.clone(), crate::http::options::network_name(&ctx, n)))
        .collect();
    let status = crate::http::forms::form_status(&p.errors);
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
    // A locale's tag is also the code of the language its readers write in.
    let written = ctx.locale.tag();
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

async fn create(ctx: Ctx, Form(f): Form<EditForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let checked =
        spona_app::resources::check_new(db, &actor, &f.owner, &f.meta(), &f.variant()).await;
    let preview = f.action == "preview";
    let errors = match &checked {
        Err(spona_app::Error::Invalid(list)) => FormErrors::from_invalid(&ctx, list),
        Err(_) | Ok(_) => FormErrors::new(),
    };
    let new = match checked {
        Ok(new) if !preview => new,
        Ok(_) | Err(spona_app::Error::Invalid(_)) => {
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
        }
        Err(e) => return Err(e.into()),
    };
    // The one-time key commits with the resource: a retry after a crash or an error either
    // creates it (nothing was saved) or is sent to it (it was).
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/resources/{id}")?;
    let created =
        spona_app::resources::create(db, &ctx.state.search, &actor, &new, Some(&once)).await;
    let id = match created {
        Ok(id) => id,
        Err(spona_app::Error::Store(e)) => return crate::http::forms::replayed(e),
        Err(e) => return Err(e.into()),
    };
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
    let r = access::editable(&ctx, &id).await?;
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
            resource: Some(r.into_inner()),
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
    let r = access::editable(&ctx, &id).await?;
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
        _ => return conflict_page(ctx, r.into_inner(), errors, preview).await,
    };
    let saved = spona_app::resources::save_variant(
        &ctx.state.db,
        &ctx.state.search,
        &ctx.actor(),
        &r,
        &text,
        base_version,
    )
    .await;
    match saved {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("/resources/{}?lang={}", r.id, text.written.lang.as_str()),
        )),
        Err(spona_app::Error::Conflict(key)) => {
            let mut errors = FormErrors::new();
            errors.add(&ctx, "body", key);
            let mut response = conflict_page(ctx, r.into_inner(), errors, false).await?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

async fn details_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = access::editable(&ctx, &id).await?;
    edit_page(
        ctx,
        EditParts {
            mode: Mode::Details,
            action: format!("/resources/{}/details", r.id),
            meta: draft_of(&r),
            owner: r.owner_slug.clone(),
            resource: Some(r.into_inner()),
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
    let r = access::editable(&ctx, &id).await?;
    let db = &ctx.state.db;
    let details = match spona_app::resources::check_details(db, &f.meta()).await {
        Ok(d) => d,
        Err(spona_app::Error::Invalid(list)) => {
            let parts = EditParts {
                mode: Mode::Details,
                action: format!("/resources/{}/details", r.id),
                meta: f.meta(),
                owner: r.owner_slug.clone(),
                errors: FormErrors::from_invalid(&ctx, &list),
                resource: Some(r.into_inner()),
                variant: VariantDraft::default(),
                base_version: String::new(),
                preview: false,
            };
            return edit_page(ctx, parts).await;
        }
        Err(e) => return Err(e.into()),
    };
    spona_app::resources::save_details(db, &ctx.state.search, &ctx.actor(), &r, &details).await?;
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
    let r = access::editable(&ctx, &id).await?;
    let lang = ContentLang::parse(&f.lang).ok_or(AppError::BadRequest("err-unknown-choice"))?;
    spona_app::resources::confirm_translation(&ctx.state.db, &ctx.actor(), &r, lang).await?;
    Ok(see_other(
        &ctx,
        &format!("/resources/{}?lang={}", r.id, lang.as_str()),
    ))
}
