//! The organisation directory: list with filters, organisation pages, and profile editing.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::org::{DirectoryFilter, OrgDraft, OrgProfile};
use spona_domain::role::ContactVisibility;
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES};
use spona_store::orgs::{self, Org};

use crate::http::forms::FormErrors;
use crate::http::options::{network_name, options};
use crate::http::routes::Routes;
use crate::http::view::{Shown, page, pick, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/orgs", list)
        .get("/orgs/new", new_form)
        .post("/orgs/new", create)
        .get("/orgs/{slug}", show)
        .get("/orgs/{slug}/edit", edit_form)
        .post("/orgs/{slug}/edit", update)
}

/// The query string of the directory page. Empty values mean "any".
#[derive(Debug, Deserialize, Default, Clone)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub offers: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub network: String,
    /// One-based page number.
    pub page: Option<u32>,
}

impl DirectoryQuery {
    /// Whether a filter other than the free text is chosen: then the folded filters open.
    pub fn has_filters(&self) -> bool {
        [
            &self.country,
            &self.theme,
            &self.offers,
            &self.needs,
            &self.language,
            &self.network,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    /// The store's filter for a request from `client` (free-text searches are rate-limited
    /// per client); unknown codes are a 400 naming the field.
    pub fn filter_for(
        &self,
        ctx: &Ctx,
        client: crate::http::forms::ClientIp,
    ) -> Result<DirectoryFilter, AppError> {
        let filter = self.filter()?;
        if filter.text.is_some() {
            ctx.state.limits.search(client.0)?;
        }
        Ok(filter)
    }

    /// The store's filter; unknown codes are a 400 naming the field.
    pub fn filter(&self) -> Result<DirectoryFilter, AppError> {
        // A code that is nothing but white space (`theme=%C2%85`, NEL) is not "any": refused.
        for (field, v) in [
            ("country", &self.country),
            ("theme", &self.theme),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("language", &self.language),
            ("network", &self.network),
        ] {
            if !v.is_empty() && v.trim().is_empty() {
                return Err(AppError::BadRequest(field_error(field)));
            }
        }
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        };
        // As typed: the store analyses it (folding scripts, diacritics, inflections).
        let text = opt(&self.q.chars().take(200).collect::<String>());
        let f = DirectoryFilter {
            text,
            country: opt(&self.country),
            theme: opt(&self.theme),
            offers: opt(&self.offers),
            needs: opt(&self.needs),
            language: opt(&self.language),
            network: opt(&self.network),
            page: match self.page {
                None => 0,
                Some(p @ 1..=100_000) => p - 1,
                Some(_) => return Err(AppError::BadRequest("err-page")),
            },
        };
        f.check()
            .map_err(|e| AppError::BadRequest(field_error(e.field)))?;
        Ok(f)
    }

    /// This query with another page number, as a query string.
    pub fn with_page(&self, page: u32) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("country", &self.country),
            ("theme", &self.theme),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("language", &self.language),
            ("network", &self.network),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        s.append_pair("page", &page.to_string());
        s.finish()
    }
}

fn field_error(field: &str) -> &'static str {
    match field {
        "country" => "err-filter-country",
        "theme" => "err-filter-theme",
        "offers" | "needs" => "err-filter-knowhow",
        "language" => "err-filter-language",
        "network" => "err-filter-network",
        _ => "err-bad-form",
    }
}

/// An organisation as a list row or page shows it, in the reader's locale.
pub struct OrgView {
    pub org: Org,
    pub name: Shown,
    pub description: Option<Shown>,
    /// The city in the reader's script ([`spona_i18n::place_name`]).
    pub city: String,
    /// Whether the reader may see the contact details.
    pub show_contacts: bool,
}

impl OrgView {
    pub fn new(ctx: &Ctx, org: Org) -> Self {
        let name = crate::names::org_name(ctx.locale, &org);
        let description = pick(ctx.locale, &org.texts, |t| t.description.as_ref());
        let show_contacts = org.contact_visibility == ContactVisibility::Public || ctx.signed_in();
        let city = spona_i18n::place_name(ctx.locale, &org.country, &org.city);
        OrgView {
            org,
            name,
            description,
            city,
            show_contacts,
        }
    }

    /// Whether the page may be read by, or for, a person at risk (shelters, anti-trafficking,
    /// violence protection): such pages offer the quick-exit control.
    pub fn sensitive(&self) -> bool {
        self.org
            .themes
            .iter()
            .any(|t| matches!(t.as_str(), "gbv-protection" | "anti-trafficking"))
            || self.org.offers.iter().any(|o| o == "safe-houses")
    }

    /// Whether a shown text is in another language than the page (then it needs `lang`).
    pub fn foreign(&self, ctx: &Ctx, shown: &Shown) -> bool {
        !shown.lang.is_empty() && shown.lang != ctx.locale.tag()
    }
}

#[derive(Template)]
#[template(path = "directory/templates/directory.html")]
struct ListPage {
    ctx: Ctx,
    query: DirectoryQuery,
    orgs: Vec<OrgView>,
    total: i64,
    page: u32,
    pages: u32,
    countries: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    knowhow: Vec<(String, String)>,
    languages: Vec<(String, String)>,
    networks: Vec<(String, String)>,
}

impl ListPage {
    fn position(&self) -> String {
        self.ctx.ta(
            "pager-position",
            &[
                ("page", spona_i18n::Arg::Num(i64::from(self.page))),
                ("pages", spona_i18n::Arg::Num(i64::from(self.pages))),
            ],
        )
    }
}

async fn list(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(query): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = query.filter_for(&ctx, client)?;
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    let result = snapshot.list(&filter);
    let networks = snapshot
        .networks
        .iter()
        .map(|n| (n.slug.clone(), network_name(&ctx, n)))
        .collect();
    let size = i64::from(DirectoryFilter::PAGE_SIZE);
    let pages = ((result.total + size - 1) / size).max(1) as u32;
    Ok(page(&ListPage {
        orgs: result
            .orgs
            .into_iter()
            .map(|o| OrgView::new(&ctx, o))
            .collect(),
        total: result.total,
        page: filter.page + 1,
        pages,
        countries: options(&ctx, COUNTRIES),
        themes: options(&ctx, THEMES),
        knowhow: options(&ctx, KNOWHOW),
        languages: options(&ctx, LANGUAGES),
        networks,
        query,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "directory/templates/org.html")]
struct OrgPage {
    ctx: Ctx,
    view: OrgView,
    networks: Vec<(String, String)>,
    can_manage: bool,
    other_texts: Vec<spona_domain::org::OrgText>,
    /// Buddy organisations, shown to the organisation's own members only.
    buddies: Vec<(String, String)>,
}

impl OrgPage {
    fn logo_alt(&self) -> String {
        self.ctx.ta(
            "org-logo-alt",
            &[("name", spona_i18n::Arg::Str(&self.view.name.text))],
        )
    }
}

async fn show(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let org = orgs::get_by_slug(&ctx.state.db, &slug).await?;
    let networks = spona_store::networks::of_org(&ctx.state.db, &org.id)
        .await?
        .iter()
        .map(|n| (n.slug.clone(), network_name(&ctx, n)))
        .collect();
    let can_manage =
        ctx.signed_in() && ctx.user.as_ref().is_some_and(|u| u.can_manage_org(&org.id));
    let is_member = ctx.signed_in() && ctx.user.as_ref().is_some_and(|u| u.is_member_of(&org.id));
    let buddies = if is_member {
        let names = crate::names::OrgNames::load(&ctx).await?;
        spona_store::matching::agreed_partners(&ctx.state.db, &org.id, "buddy")
            .await?
            .into_iter()
            .map(|(id, slug, name)| (slug, names.of(&id, &name)))
            .collect()
    } else {
        Vec::new()
    };
    let view = OrgView::new(&ctx, org);
    let shown_lang = view.description.as_ref().map(|d| d.lang.clone());
    let other_texts = view
        .org
        .texts
        .iter()
        .filter(|t| t.description.is_some() && Some(&t.lang) != shown_lang.as_ref())
        .cloned()
        .collect();
    Ok(page(&OrgPage {
        ctx,
        view,
        networks,
        can_manage,
        other_texts,
        buddies,
    }))
}

// ---- editing ----

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

pub(super) async fn load_managed(ctx: &Ctx, slug: &str) -> Result<Org, AppError> {
    let user = ctx.require_user()?;
    let org = orgs::get_by_slug(&ctx.state.db, slug).await?;
    if !user.can_manage_org(&org.id) {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let org = load_managed(&ctx, &slug).await?;
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

/// Names of the fields that differ between two profiles (for the audit log).
fn changed_fields(old: &OrgProfile, new: &OrgProfile) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut diff = |name: &'static str, changed: bool| {
        if changed {
            v.push(name);
        }
    };
    diff("name", old.name != new.name);
    diff("country", old.country != new.country);
    diff("city", old.city != new.city);
    diff("website", old.website != new.website);
    diff("email", old.email != new.email);
    diff("phone", old.phone != new.phone);
    diff(
        "contact_visibility",
        old.contact_visibility != new.contact_visibility,
    );
    diff("themes", old.themes != new.themes);
    diff("offers", old.offers != new.offers);
    diff("needs", old.needs != new.needs);
    diff("languages", old.languages != new.languages);
    diff("texts", old.texts != new.texts);
    v
}

async fn update(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<OrgForm>,
) -> Result<Response, AppError> {
    let org = load_managed(&ctx, &slug).await?;
    let draft = form.draft();
    let profile = match draft.validate() {
        Ok(p) => p,
        Err(errs) => {
            let title = ctx.ta(
                "org-edit-title",
                &[("name", spona_i18n::Arg::Str(&org.name))],
            );
            let action = ctx.href(&format!("/orgs/{}/edit", org.slug));
            let errors = FormErrors::from_invalid(&ctx, &errs);
            return Ok(edit_page(ctx, title, action, draft, errors));
        }
    };
    let changed = changed_fields(&org.profile(), &profile);
    orgs::update(&ctx.state.db, &org.id, &profile).await?;
    ctx.audit("org.updated", "organisation", &org.id, changed.join(","))
        .await?;
    Ok(see_other(&ctx, &format!("/orgs/{}", org.slug)))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_admin()?;
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
    ctx.require_admin()?;
    let once = form.once.clone();
    let draft = form.draft();
    let profile = match draft.validate() {
        Ok(p) => p,
        Err(errs) => {
            let title = ctx.t("org-new-title");
            let action = ctx.href("/orgs/new");
            let errors = FormErrors::from_invalid(&ctx, &errs);
            return Ok(edit_page(ctx, title, action, draft, errors));
        }
    };
    let once = crate::http::forms::once_in_tx(&ctx, &once, "/orgs/{id}")?;
    let slug = orgs::free_slug(&ctx.state.db, &profile.name).await?;
    let id = match orgs::create_once(&ctx.state.db, &slug, &profile, Some(&once)).await {
        Ok(id) => id,
        Err(e) => return crate::http::forms::replayed(e),
    };
    ctx.audit("org.created", "organisation", &id, slug.to_string())
        .await?;
    Ok(see_other(&ctx, &format!("/orgs/{slug}")))
}
