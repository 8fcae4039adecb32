//! Creating an organisation (platform admins) and editing its profile (its admins): the
//! form and its answers. The checks and the audited change are
//! [`spona_app::directory::orgs::create`] and [`spona_app::directory::orgs::update`].

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::directory::orgs;
use spona_domain::org::OrgDraft;
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES};

use crate::http::forms::FormErrors;
use crate::http::options::options;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/orgs/new", new_form)
        .post("/orgs/new", create)
        .get("/orgs/{slug}/edit", edit_form)
        .post("/orgs/{slug}/edit", update)
}

/// The organisation form as submitted: lists come as repeated fields.
#[derive(Debug, Deserialize, Default)]
pub struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    contact_visibility: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    offers: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    text_lang: Vec<String>,
    #[serde(default)]
    text_name: Vec<String>,
    #[serde(default)]
    text_description: Vec<String>,
    /// The one-time key of a create form.
    #[serde(default)]
    once: String,
}

impl OrgForm {
    fn draft(self) -> OrgDraft {
        let texts = self
            .text_lang
            .into_iter()
            .zip(self.text_name)
            .zip(self.text_description)
            .map(|((l, n), d)| (l, n, d))
            .collect();
        OrgDraft {
            name: self.name,
            country: self.country,
            city: self.city,
            website: self.website,
            email: self.email,
            phone: self.phone,
            contact_visibility: self.contact_visibility,
            themes: self.themes,
            offers: self.offers,
            needs: self.needs,
            languages: self.languages,
            texts,
        }
    }
}

/// One language block of the form.
pub struct TextRow {
    pub lang: String,
    pub label: String,
    pub name: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "directory/templates/org_edit.html")]
struct EditPage {
    ctx: Ctx,
    title: String,
    action: String,
    draft: OrgDraft,
    texts: Vec<TextRow>,
    errors: FormErrors,
    countries: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    knowhow: Vec<(String, String)>,
    languages: Vec<(String, String)>,
}

impl EditPage {
    fn has(list: &[String], code: &str) -> bool {
        list.iter().any(|c| c == code)
    }
    pub fn has_theme(&self, code: &str) -> bool {
        Self::has(&self.draft.themes, code)
    }
    pub fn has_offer(&self, code: &str) -> bool {
        Self::has(&self.draft.offers, code)
    }
    pub fn has_need(&self, code: &str) -> bool {
        Self::has(&self.draft.needs, code)
    }
    pub fn has_language(&self, code: &str) -> bool {
        Self::has(&self.draft.languages, code)
    }
}

fn edit_page(
    ctx: Ctx,
    title: String,
    action: String,
    draft: OrgDraft,
    errors: FormErrors,
) -> Response {
    let texts = TEXT_LANGUAGES
        .codes
        .iter()
        .map(|lang| {
            let (name, description) = draft
                .texts
                .iter()
                .find(|(l, _, _)| l == lang)
                .map(|(_, n, d)| (n.clone(), d.clone()))
                .unwrap_or_default();
            TextRow {
                lang: lang.to_string(),
                label: ctx.t(&TEXT_LANGUAGES.label_key(lang)),
                name,
                description,
            }
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &EditPage {
            countries: options(&ctx, COUNTRIES),
            themes: options(&ctx, THEMES),
            knowhow: options(&ctx, KNOWHOW),
            languages: options(&ctx, LANGUAGES),
            ctx,
            title,
            action,
            draft,
            texts,
            errors,
        },
    )
}

async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let org = orgs::managed(&ctx.actor(), &ctx.state.db, &slug).await?;
    let title = ctx.ta(
        "org-edit-title",
        &[("name", spona_i18n::Arg::Str(&org.name))],
    );
    let action = ctx.href(&format!("/orgs/{}/edit", org.slug));
    Ok(edit_page(
        ctx,
        title,
        action,
        org.profile().draft(),
        FormErrors::new(),
    ))
}

async fn update(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<OrgForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let org = orgs::managed(&actor, &ctx.state.db, &slug).await?;
    let draft = form.draft();
    match orgs::update(&actor, &ctx.state.db, &org, &draft).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/orgs/{}", org.slug))),
        Err(spona_app::Error::Invalid(errs)) => {
            let title = ctx.ta(
                "org-edit-title",
                &[("name", spona_i18n::Arg::Str(&org.name))],
            );
            let action = ctx.href(&format!("/orgs/{}/edit", org.slug));
            let errors = FormErrors::from_invalid(&ctx, &errs);
            Ok(edit_page(ctx, title, action, draft, errors))
        }
        Err(e) => Err(e.into()),
    }
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.actor().require_admin()?;
    let title = ctx.t("org-new-title");
    let action = ctx.href("/orgs/new");
    Ok(edit_page(
        ctx,
        title,
        action,
        OrgDraft::default(),
        FormErrors::new(),
    ))
}

async fn create(ctx: Ctx, Form(form): Form<OrgForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let once = crate::http::forms::once_in_tx(&ctx, &form.once, "/orgs/{id}")
        .map_err(|_| spona_app::Error::BadRequest("err-bad-form"));
    let draft = form.draft();
    match orgs::create(&actor, &ctx.state.db, &draft, once).await {
        Ok((_, slug)) => Ok(see_other(&ctx, &format!("/orgs/{slug}"))),
        Err(spona_app::Error::Invalid(errs)) => {
            let title = ctx.t("org-new-title");
            let action = ctx.href("/orgs/new");
            let errors = FormErrors::from_invalid(&ctx, &errs);
            Ok(edit_page(ctx, title, action, draft, errors))
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}
