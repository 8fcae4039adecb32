//! The service form (issue 19): a new service (`/services/new`) and a service's edit form
//! (`/services/{id}/edit`), for its organisation's admins and platform admins — the people
//! `spona_app::services::{create, update}` allow. Texts per language, locations and weekly
//! hours come in rows; "add a row" is a submit button that shows the form again with one
//! more row and stores nothing, so the form needs no JavaScript. A refused form is shown
//! again with every value kept and the messages next to the fields (422), nothing stored.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_app::services as uc;
use spona_domain::Locale;
use spona_domain::ids::OrgId;
use spona_domain::service::{
    AgeBand, GENDERS, LocationDraft, NATIONALITY_STATUSES, OpeningDraft, ReferralField,
    SERVICE_KINDS, ServiceDraft, ServiceStatus, ServiceText, Weekday, is_blank_location,
    is_blank_text, location_row_problems, text_row_problems, validate_hours,
};
use spona_domain::vocab::{COUNTRIES, LANGUAGES, TEXT_LANGUAGES};
use spona_store::services::Service;

use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

mod input;

use input::*;

pub fn routes(r: Routes) -> Routes {
    r.get("/services/new", new_form)
        .post("/services/new", create)
        .get("/services/{id}/edit", edit_form)
        .post("/services/{id}/edit", save)
}

/// An organisation the reader may add a service to.
pub struct OrgChoice {
    pub id: String,
    pub slug: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "services/templates/service_form.html")]
struct FormPage {
    ctx: Ctx,
    /// The service being edited; none for a new one.
    service: Option<Service>,
    action: String,
    /// The chosen organisation's slug (a new service).
    org: String,
    orgs: Vec<OrgChoice>,
    d: ServiceDraft,
    errors: FormErrors,
    /// A message per row of weekly hours (the row's own problem).
    hour_errors: Vec<Option<String>>,
    /// Per text row, its problems as (field, message).
    text_errors: Vec<Vec<(&'static str, String)>>,
    /// Per location row, its messages.
    location_errors: Vec<Vec<String>>,
    kinds: OptionList,
    genders: OptionList,
    statuses: OptionList,
    languages: OptionList,
    countries: OptionList,
    text_langs: OptionList,
}

impl FormPage {
    fn is_new(&self) -> bool {
        self.service.is_none()
    }
    fn heading(&self) -> String {
        match &self.service {
            None => self.ctx.t("svc-new"),
            Some(s) => self.ctx.ta(
                "svc-edit-heading",
                &[(
                    "name",
                    spona_i18n::Arg::Str(s.name(&[self.ctx.locale.tag(), "en"])),
                )],
            ),
        }
    }
    fn published(&self) -> bool {
        self.service.as_ref().is_some_and(Service::is_published)
    }
    fn back(&self) -> String {
        match &self.service {
            Some(s) => self.ctx.href(&format!("/services/{}", s.id)),
            None => self.ctx.href("/services"),
        }
    }
    fn has_gender(&self, c: &str) -> bool {
        self.d.genders.iter().any(|x| x == c)
    }
    fn has_status(&self, c: &str) -> bool {
        self.d.statuses.iter().any(|x| x == c)
    }
    fn has_language(&self, c: &str) -> bool {
        self.d.languages.iter().any(|x| x == c)
    }
    fn has_area(&self, c: &str) -> bool {
        self.d.area_countries.iter().any(|x| x == c)
    }
    fn has_age(&self, c: &str) -> bool {
        self.d.age_bands.iter().any(|x| x == c)
    }
    fn has_field(&self, c: &str) -> bool {
        self.d.referral_fields.iter().any(|x| x == c)
    }
    fn is_access(&self, c: &str) -> bool {
        let chosen = if self.d.access.is_empty() {
            "both"
        } else {
            self.d.access.as_str()
        };
        chosen == c
    }
    fn accesses(&self) -> Vec<(&'static str, String)> {
        spona_domain::service::Access::ALL
            .iter()
            .map(|a| (a.as_str(), self.ctx.t(&a.label_key())))
            .collect()
    }
    fn ages(&self) -> Vec<(&'static str, String)> {
        AgeBand::ALL
            .iter()
            .map(|a| (a.as_str(), self.ctx.t(&a.label_key())))
            .collect()
    }
    fn fields(&self) -> Vec<(&'static str, String)> {
        ReferralField::ALL
            .iter()
            .map(|f| (f.as_str(), self.ctx.t(&f.label_key())))
            .collect()
    }
    fn days(&self) -> Vec<(&'static str, String)> {
        Weekday::ALL
            .iter()
            .map(|d| (d.as_str(), self.ctx.t(&d.label_key())))
            .collect()
    }
    /// The message of hours row `i`, if it has one.
    /// An hours error no row explains (shown at the top of the hours).
    fn hours_unplaced(&self) -> bool {
        self.errors.has("hours") && self.hour_errors.iter().all(Option::is_none)
    }
    fn hour_error(&self, i: &usize) -> Option<&String> {
        self.hour_errors.get(*i).and_then(Option::as_ref)
    }
    /// Text errors no row explains (no text at all): shown at the top of the texts.
    fn texts_unplaced(&self) -> bool {
        self.text_errors.iter().all(Vec::is_empty)
    }
    /// The messages of text row `i`, one sentence after another (empty: none).
    fn text_error(&self, i: &usize) -> String {
        let row = self
            .text_errors
            .get(*i)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let messages: Vec<&str> = row.iter().map(|(_, m)| m.as_str()).collect();
        messages.join(" ")
    }
    /// Whether `field` of text row `i` is at fault (`texts`: its language).
    fn text_bad(&self, i: &usize, field: &str) -> bool {
        self.text_errors
            .get(*i)
            .is_some_and(|row| row.iter().any(|(f, _)| *f == field))
    }
    /// Location errors no row explains: shown at the top of the locations.
    fn locations_unplaced(&self) -> bool {
        self.location_errors.iter().all(Vec::is_empty)
    }
    /// The messages of location row `i`, one sentence after another (empty: none).
    fn location_error(&self, i: &usize) -> String {
        self.location_errors
            .get(*i)
            .map(|row| row.join(" "))
            .unwrap_or_default()
    }
}

/// The content language a new service's first text is written in: the reader's.
fn reader_lang(locale: Locale) -> &'static str {
    // A locale's tag is also the code of the language its readers write in.
    locale.tag()
}

/// The organisations the reader may add a service to: all for a platform admin, else those
/// they administer.
async fn org_choices(ctx: &Ctx) -> Result<Vec<OrgChoice>, AppError> {
    let user = ctx.require_user()?;
    if user.is_admin() {
        let mut all: Vec<OrgChoice> = spona_store::orgs::load_all(&ctx.state.db)
            .await?
            .into_iter()
            .map(|o| OrgChoice {
                id: o.id.to_string(),
                name: crate::names::org_name(ctx.locale, &o).text,
                slug: o.slug,
            })
            .collect();
        all.sort_by_cached_key(|o| spona_i18n::fold(&o.name));
        return Ok(all);
    }
    let actor = ctx.actor();
    Ok(user
        .memberships
        .iter()
        .filter(|m| actor.is_admin_of(&m.org_id))
        .map(|m| OrgChoice {
            id: m.org_id.clone(),
            slug: m.org_slug.clone(),
            name: m.org_name.clone(),
        })
        .collect())
}

struct Parts {
    service: Option<Service>,
    action: String,
    org: String,
    orgs: Vec<OrgChoice>,
    d: ServiceDraft,
    errors: FormErrors,
    hour_errors: Vec<Option<String>>,
}

fn form_page(ctx: Ctx, p: Parts) -> Response {
    let status = form_status(&p.errors);
    // A refused form tells each text and location row its own problems.
    let (text_errors, location_errors) = if p.errors.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            text_row_errors(&ctx, &p.d.texts),
            location_row_errors(&ctx, &p.d.locations),
        )
    };
    let page = FormPage {
        kinds: options(&ctx, SERVICE_KINDS),
        genders: GENDERS
            .codes
            .iter()
            .map(|c| (c.to_string(), ctx.label("sgender", c)))
            .collect(),
        statuses: NATIONALITY_STATUSES
            .codes
            .iter()
            .map(|c| (c.to_string(), ctx.label("nstatus", c)))
            .collect(),
        languages: options(&ctx, LANGUAGES),
        countries: options(&ctx, COUNTRIES),
        text_langs: options(&ctx, TEXT_LANGUAGES),
        service: p.service,
        action: p.action,
        org: p.org,
        orgs: p.orgs,
        d: p.d,
        errors: p.errors,
        hour_errors: p.hour_errors,
        text_errors,
        location_errors,
        ctx,
    };
    render(status, &page)
}

#[derive(Deserialize, Default)]
struct NewQuery {
    #[serde(default)]
    org: String,
}

async fn new_form(ctx: Ctx, Query(q): Query<NewQuery>) -> Result<Response, AppError> {
    let orgs = org_choices(&ctx).await?;
    let Some(first) = orgs.first() else {
        return Err(AppError::Forbidden);
    };
    let org = orgs
        .iter()
        .find(|o| o.slug == q.org)
        .unwrap_or(first)
        .slug
        .clone();
    let mut d = ServiceDraft {
        access: "both".into(),
        ..ServiceDraft::default()
    };
    pad(&mut d, reader_lang(ctx.locale));
    Ok(form_page(
        ctx,
        Parts {
            service: None,
            action: "/services/new".into(),
            org,
            orgs,
            d,
            errors: FormErrors::new(),
            hour_errors: Vec::new(),
        },
    ))
}

async fn create(ctx: Ctx, Form(f): Form<ServiceForm>) -> Result<Response, AppError> {
    let orgs = org_choices(&ctx).await?;
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut d = f.draft()?;
    pad(&mut d, reader_lang(ctx.locale));
    let chosen = orgs.iter().find(|o| o.slug == f.org).map(|o| o.id.clone());
    let mut errors = FormErrors::new();
    match &chosen {
        Some(_) => {}
        None if f.org.trim().is_empty() => errors.add(&ctx, "org", "err-unknown-choice"),
        // An organisation the reader does not administer (or none at all).
        None => return Err(AppError::Forbidden),
    }
    let parts = |d: ServiceDraft, errors: FormErrors, hour_errors, orgs| Parts {
        service: None,
        action: "/services/new".into(),
        org: f.org.clone(),
        orgs,
        d,
        errors,
        hour_errors,
    };
    if add_row(&mut d, &f.add)? {
        return Ok(form_page(ctx, parts(d, errors, Vec::new(), orgs)));
    }
    let hours = hour_errors(&ctx, &d.hours);
    let Some(org_id) = chosen.filter(|_| errors.is_empty()) else {
        if let Err(list) = d.validate() {
            errors.0.extend(FormErrors::from_invalid(&ctx, &list).0);
        }
        return Ok(form_page(ctx, parts(d, errors, hours, orgs)));
    };
    let once = once_in_tx(&ctx, &f.once, "/services/{id}")?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let id = match uc::create(db, &actor, &OrgId::from(org_id), &d, Some(&once)).await {
        Ok(id) => id,
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            return Ok(form_page(ctx, parts(d, errors, hours, orgs)));
        }
        Err(spona_app::Error::Store(e)) => return replayed(e),
        Err(e) => return Err(e.into()),
    };
    if f.action == "publish" {
        uc::set_status(db, &actor, id.as_str(), ServiceStatus::Published).await?;
    }
    Ok(see_other(&ctx, &format!("/services/{id}")))
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let s = uc::manageable(&ctx.state.db, &ctx.actor(), &id).await?;
    let mut d = draft_of(&s);
    pad(&mut d, reader_lang(ctx.locale));
    Ok(form_page(
        ctx,
        Parts {
            action: format!("/services/{}/edit", s.id),
            org: s.org_slug.clone(),
            service: Some(s),
            orgs: Vec::new(),
            d,
            errors: FormErrors::new(),
            hour_errors: Vec::new(),
        },
    ))
}

async fn save(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ServiceForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let s = uc::manageable(db, &actor, &id).await?;
    let mut d = f.draft()?;
    pad(&mut d, reader_lang(ctx.locale));
    let parts = |s: Service, d: ServiceDraft, errors, hour_errors| Parts {
        action: format!("/services/{}/edit", s.id),
        org: s.org_slug.clone(),
        service: Some(s),
        orgs: Vec::new(),
        d,
        errors,
        hour_errors,
    };
    if add_row(&mut d, &f.add)? {
        return Ok(form_page(ctx, parts(s, d, FormErrors::new(), Vec::new())));
    }
    let hours = hour_errors(&ctx, &d.hours);
    match uc::update(db, &actor, s.id.as_str(), &d).await {
        Ok(_) => {}
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            return Ok(form_page(ctx, parts(s, d, errors, hours)));
        }
        Err(e) => return Err(e.into()),
    }
    if f.action == "publish" && !s.is_published() {
        uc::set_status(db, &actor, s.id.as_str(), ServiceStatus::Published).await?;
    }
    Ok(see_other(&ctx, &format!("/services/{}", s.id)))
}

#[cfg(test)]
mod tests;
