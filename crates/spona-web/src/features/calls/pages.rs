//! The calls' pages: the list with its filters (no script: a GET form), a call's page,
//! the form to post or edit a call, and closing, withdrawing or reopening it.

use super::view::query_string;
use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_app::calls::{self as uc, CallFilter, CallQuery, ZONES};
use spona_domain::call::{CALL_KINDS, CURRENCIES, CallDraft, ORG_KINDS};
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, TEXT_LANGUAGES, THEMES};
use spona_store::calls::Call;

use super::view::{self, CallRow, Deadline};
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/calls", list)
        .get("/calls/new", new_form)
        .post("/calls/new", create)
        .get("/calls/{id}", read)
        .get("/calls/{id}/edit", edit_form)
        .post("/calls/{id}/edit", save)
        .post_from("/calls/{id}/status", set_status, "/calls/{id}")
}

/// The reader's chosen zone (`tz`) and the list's page, kept apart from the filters.
#[derive(Deserialize, Default)]
pub struct TzQuery {
    #[serde(default)]
    pub tz: String,
    #[serde(default)]
    pub page: String,
}

/// Calls on one page of the list (the feeds and the API give all that match).
pub const PAGE_SIZE: usize = 50;

#[derive(Template)]
#[template(path = "calls/templates/calls.html")]
struct ListPage {
    ctx: Ctx,
    query: CallQuery,
    tz: String,
    rows: Vec<CallRow>,
    countries: OptionList,
    themes: OptionList,
    kinds: OptionList,
    my_orgs: Vec<(String, String)>,
    fits_name: Option<String>,
    can_post: bool,
    feed_query: String,
    total: usize,
    page: usize,
    pages: usize,
}

impl ListPage {
    fn checked(&self, name: &str, code: &str) -> bool {
        let list = match name {
            "country" => &self.query.country,
            "theme" => &self.query.theme,
            _ => &self.query.kind,
        };
        list.iter().any(|c| c == code)
    }
    fn when_is(&self, w: &str) -> bool {
        match self.query.when.as_str() {
            "" => w == "open",
            q => q == w,
        }
    }
    fn days_value(&self) -> String {
        if self.query.days.is_empty() {
            uc::SOON_DAYS.to_string()
        } else {
            self.query.days.clone()
        }
    }
    fn whens(&self) -> Vec<(&'static str, String)> {
        ["open", "soon", "past", "all"]
            .into_iter()
            .map(|w| (w, self.ctx.t(&format!("calls-when-{w}"))))
            .collect()
    }
    fn zones(&self) -> Vec<&'static str> {
        ZONES.to_vec()
    }
    fn is_tz(&self, z: &str) -> bool {
        self.tz == z
    }
    fn count_label(&self) -> String {
        self.ctx.tn("calls-count", &(self.total as i64))
    }
    /// Another page of the same list.
    fn page_href(&self, page: &usize) -> String {
        let qs = self.feed_query.trim_start_matches('?');
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.tz.is_empty() {
            s.append_pair("tz", &self.tz);
        }
        s.append_pair("page", &page.to_string());
        let sep = if qs.is_empty() { "" } else { "&" };
        format!("{}?{qs}{sep}{}", self.ctx.href("/calls"), s.finish())
    }
    fn any_filter(&self) -> bool {
        !self.query.country.is_empty() || !self.query.theme.is_empty()
    }
}

async fn list(
    ctx: Ctx,
    Query(query): Query<CallQuery>,
    Query(mut tz): Query<TzQuery>,
) -> Result<Response, AppError> {
    tz.tz = view::chosen_zone(&ctx, &tz.tz).await?;
    let db = &ctx.state.db;
    let filter: CallFilter = query.filter(db).await?;
    let now = spona_store::now();
    let mut calls = uc::list(db, &filter, now).await?;
    view::name_orgs(&ctx, &mut calls).await?;
    let page_no = match tz.page.trim() {
        "" => 1,
        p => p
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or(AppError::BadRequest("err-bad-form"))?,
    };
    let pages = calls.len().div_ceil(PAGE_SIZE).max(1);
    let rows = calls
        .iter()
        .skip((page_no - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|c| view::row(&ctx, c, &tz.tz, now))
        .collect();
    let my_orgs = ctx
        .user
        .as_ref()
        .filter(|_| ctx.signed_in())
        .map(|u| {
            u.memberships
                .iter()
                .map(|m| (m.org_slug.clone(), m.org_name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let can_post = uc::can_post(&ctx.actor());
    Ok(page(&ListPage {
        countries: options(&ctx, COUNTRIES),
        themes: options(&ctx, THEMES),
        kinds: options(&ctx, CALL_KINDS),
        fits_name: filter.fits.as_ref().map(|o| o.name.clone()),
        feed_query: query_string(&query),
        total: calls.len(),
        page: page_no,
        pages,
        tz: tz.tz,
        rows,
        my_orgs,
        can_post,
        query,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "calls/templates/call.html")]
struct ReadPage {
    ctx: Ctx,
    call: Call,
    deadline: Deadline,
    state: String,
    description_html: String,
    can_edit: bool,
    files: Vec<spona_store::call_files::CallFile>,
}

impl ReadPage {
    fn kind_label(&self) -> String {
        self.ctx.label("ckind", &self.call.kind)
    }
    fn offered_by(&self) -> String {
        view::offered_by(&self.call)
    }
    fn amount(&self) -> Option<String> {
        self.call.amount.as_ref().map(|a| a.display())
    }
    fn eligibility(&self) -> Vec<(String, String)> {
        let t = &self.call.terms;
        vec![
            (
                self.ctx.t("field-country"),
                view::labels(&self.ctx, "country", &t.countries),
            ),
            (
                self.ctx.t("field-theme"),
                view::labels(&self.ctx, "theme", &t.themes),
            ),
            (
                self.ctx.t("calls-knowhow"),
                view::labels(&self.ctx, "knowhow", &t.knowhow),
            ),
            (
                self.ctx.t("calls-org-kinds"),
                view::labels(&self.ctx, "okind", &t.org_kinds),
            ),
            (
                self.ctx.t("calls-languages"),
                view::labels(&self.ctx, "lang", &t.languages),
            ),
        ]
    }
    fn size(&self, bytes: &i64) -> String {
        crate::http::view::human_size(*bytes)
    }
    fn is_status(&self, s: &str) -> bool {
        self.call.status.as_str() == s
    }
}

async fn read(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(tz): Query<TzQuery>,
) -> Result<Response, AppError> {
    let mut call = uc::read(&ctx.state.db, &id).await?;
    view::name_orgs(&ctx, std::slice::from_mut(&mut call)).await?;
    let now = spona_store::now();
    let can_edit = uc::can_edit(&ctx.actor(), &call);
    let tz = view::chosen_zone(&ctx, &tz.tz).await?;
    Ok(page(&ReadPage {
        files: view::files(&ctx, &id).await?,
        deadline: view::deadline(&ctx, &call, &tz),
        state: ctx.t(view::state_key(&call, now)),
        description_html: markdown::to_html(&call.description),
        can_edit,
        call,
        ctx,
    }))
}

/// The form to post or edit a call.
#[derive(Template)]
#[template(path = "calls/templates/call_form.html")]
struct FormPage {
    ctx: Ctx,
    heading: String,
    action: String,
    is_new: bool,
    draft: CallDraft,
    org: String,
    orgs: Vec<(String, String)>,
    errors: FormErrors,
}

impl FormPage {
    fn kinds(&self) -> OptionList {
        options(&self.ctx, CALL_KINDS)
    }
    fn writtens(&self) -> OptionList {
        options(&self.ctx, TEXT_LANGUAGES)
    }
    fn zones(&self) -> Vec<String> {
        let mut z: Vec<String> = ZONES.iter().map(|z| (*z).to_owned()).collect();
        if !self.draft.zone.is_empty() && !z.contains(&self.draft.zone) {
            z.insert(0, self.draft.zone.clone());
        }
        z
    }
    fn is_currency(&self, c: &str) -> bool {
        self.draft.currency == c
    }
    fn currencies(&self) -> Vec<&'static str> {
        CURRENCIES.iter().map(|(c, _)| *c).collect()
    }
    /// The checkbox groups: (field, legend, options, chosen).
    fn groups(&self) -> Vec<(&'static str, String, String, OptionList, &Vec<String>)> {
        vec![
            (
                "countries",
                self.ctx.t("calls-eligible-countries"),
                self.ctx.t("calls-any-hint"),
                options(&self.ctx, COUNTRIES),
                &self.draft.countries,
            ),
            (
                "themes",
                self.ctx.t("field-theme"),
                self.ctx.t("calls-any-hint"),
                options(&self.ctx, THEMES),
                &self.draft.themes,
            ),
            (
                "knowhow",
                self.ctx.t("calls-knowhow"),
                self.ctx.t("calls-knowhow-hint"),
                options(&self.ctx, KNOWHOW),
                &self.draft.knowhow,
            ),
            (
                "org_kinds",
                self.ctx.t("calls-org-kinds"),
                self.ctx.t("calls-any-hint"),
                options(&self.ctx, ORG_KINDS),
                &self.draft.org_kinds,
            ),
            (
                "languages",
                self.ctx.t("calls-languages"),
                self.ctx.t("calls-languages-hint"),
                options(&self.ctx, LANGUAGES),
                &self.draft.languages,
            ),
        ]
    }
}

async fn form_page(
    ctx: Ctx,
    is_new: bool,
    action: String,
    draft: CallDraft,
    org: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let mut orgs = crate::http::forms::owner_choices(&ctx).await?;
    if ctx.is_admin() {
        orgs.insert(0, (String::new(), ctx.t("calls-org-none")));
    }
    let status = crate::http::forms::form_status(&errors);
    let heading = if is_new {
        ctx.t("calls-new")
    } else {
        ctx.t("calls-edit")
    };
    Ok(render(
        status,
        &FormPage {
            heading,
            action,
            is_new,
            draft,
            org,
            orgs,
            errors,
            ctx,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    if !uc::can_post(&ctx.actor()) {
        return Err(AppError::Forbidden);
    }
    let org = ctx
        .user
        .as_ref()
        .and_then(|u| u.memberships.first())
        .map(|m| m.org_slug.clone())
        .unwrap_or_default();
    // A locale's tag is also the code of the language its readers write in.
    let written = ctx.locale.tag();
    let draft = CallDraft {
        written: written.into(),
        zone: uc::default_zone(ctx.locale).into(),
        ..Default::default()
    };
    form_page(
        ctx,
        true,
        "/calls/new".into(),
        draft,
        org,
        FormErrors::new(),
    )
    .await
}

/// Every field of the form.
#[derive(Deserialize, Default)]
struct CallForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    funder: String,
    #[serde(default)]
    written: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    zone: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    knowhow: Vec<String>,
    #[serde(default)]
    org_kinds: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    once: String,
}

impl CallForm {
    fn draft(&self) -> CallDraft {
        CallDraft {
            kind: self.kind.clone(),
            funder: self.funder.clone(),
            written: self.written.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            deadline: self.deadline.clone(),
            zone: self.zone.clone(),
            amount: self.amount.clone(),
            currency: self.currency.clone(),
            link: self.link.clone(),
            countries: self.countries.clone(),
            themes: self.themes.clone(),
            knowhow: self.knowhow.clone(),
            org_kinds: self.org_kinds.clone(),
            languages: self.languages.clone(),
        }
    }
}

async fn create(ctx: Ctx, Form(f): Form<CallForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    // The one-time key commits with the call: a retry is sent to the call it created.
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/calls/{id}")?;
    let created = uc::create(&ctx.state.db, &actor, &f.org, &f.draft(), Some(&once)).await;
    match created {
        Ok(id) => Ok(see_other(&ctx, &format!("/calls/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            form_page(ctx, true, "/calls/new".into(), f.draft(), f.org, errors).await
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let call = uc::editable(&ctx.state.db, &ctx.actor(), &id).await?;
    let action = format!("/calls/{}/edit", call.id);
    let org = call.org_slug.clone().unwrap_or_default();
    form_page(
        ctx,
        false,
        action,
        uc::draft_of(&call),
        org,
        FormErrors::new(),
    )
    .await
}

async fn save(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CallForm>,
) -> Result<Response, AppError> {
    match uc::update(&ctx.state.db, &ctx.actor(), &id, &f.draft()).await {
        Ok(id) => Ok(see_other(&ctx, &format!("/calls/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let action = format!("/calls/{id}/edit");
            form_page(ctx, false, action, f.draft(), f.org, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn set_status(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    let id = uc::set_status(&ctx.state.db, &ctx.actor(), &id, &f.status).await?;
    Ok(see_other(&ctx, &format!("/calls/{id}")))
}
