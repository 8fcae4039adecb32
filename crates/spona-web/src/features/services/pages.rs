//! The services catalogue's pages (issue 19): the public list with search and filters, a
//! service's page (a draft only for its organisation's admins), and for those admins the
//! publish/close and free-places forms. Rules and writes are in `spona_app::services`; the
//! search is the one the HSDS API uses (`spona_app::services::catalogue`), published
//! services only. Every page carries the quick-exit control: a person looking for a
//! shelter may need to leave at once.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_app::services as uc;
use spona_domain::service::{SERVICE_KINDS, ServiceStatus};
use spona_domain::vocab::{COUNTRIES, LANGUAGES};
use spona_i18n::Arg;
use spona_store::services::{Service, ServiceFilter};

use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

/// Services on one page of the catalogue.
const PER_PAGE: u32 = 20;

pub fn routes(r: Routes) -> Routes {
    r.get("/services", list)
        .get("/services/{id}", read)
        .post_from("/services/{id}/status", status, "/services/{id}")
        .post_from("/services/{id}/places", places, "/services/{id}")
}

#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub available: String,
    #[serde(default)]
    pub page: String,
}

impl ListQuery {
    pub fn has_filters(&self) -> bool {
        !(self.kind.is_empty()
            && self.country.is_empty()
            && self.language.is_empty()
            && self.available.is_empty())
    }

    fn page_number(&self) -> u32 {
        self.page
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .unwrap_or(1)
    }

    /// The query string of another page of the same search.
    pub fn page_href(&self, n: u32) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("country", &self.country),
            ("language", &self.language),
            ("available", &self.available),
        ] {
            if !v.is_empty() {
                pairs.append_pair(k, v);
            }
        }
        pairs.append_pair("page", &n.to_string());
        format!("?{}", pairs.finish())
    }
}

/// One service as the catalogue lists it.
pub struct Item {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub org_name: String,
    pub cities: String,
    pub free: Option<i64>,
    pub total: Option<i64>,
}

#[derive(Template)]
#[template(path = "services/templates/services.html")]
struct ListPage {
    ctx: Ctx,
    query: ListQuery,
    items: Vec<Item>,
    total: i64,
    page: u32,
    pages: u32,
    kinds: OptionList,
    countries: OptionList,
    languages: OptionList,
}

impl ListPage {
    /// "3 places free of 8", "8 places", or nothing when the service counts none.
    fn places(&self, i: &Item) -> String {
        places_text(&self.ctx, i.free, i.total)
    }
}

fn places_text(ctx: &Ctx, free: Option<i64>, total: Option<i64>) -> String {
    match (free, total) {
        (Some(free), Some(total)) => ctx.ta(
            "svc-places-free",
            &[("free", Arg::Num(free)), ("total", Arg::Num(total))],
        ),
        (None, Some(total)) => ctx.tn("svc-places-total", &total),
        _ => String::new(),
    }
}

fn known(code: &str, vocab: spona_domain::vocab::Vocabulary) -> Option<String> {
    Some(code.to_owned()).filter(|c| vocab.contains(c))
}

async fn list(ctx: Ctx, Query(query): Query<ListQuery>) -> Result<Response, AppError> {
    let page_no = query.page_number();
    let filter = ServiceFilter {
        text: Some(query.q.trim().to_owned()).filter(|s| !s.is_empty()),
        kinds: known(&query.kind, SERVICE_KINDS).into_iter().collect(),
        country: known(&query.country, COUNTRIES),
        language: known(&query.language, LANGUAGES),
        available: query.available == "yes",
        page: page_no,
        per_page: PER_PAGE,
        ..ServiceFilter::default()
    };
    // Searched, counted and paged in memory (see `spona_app::services::catalogue`).
    let catalogue = ctx.state.services_catalogue.snapshot(&ctx.state.db).await?;
    let found = catalogue.search(&filter);
    let langs = [ctx.locale.tag(), "en"];
    let items = found
        .items
        .iter()
        .map(|s| Item {
            id: s.id.to_string(),
            name: s.name(&langs).to_owned(),
            kind: s.kind.clone(),
            org_name: s.org_name.clone(),
            cities: cities(s),
            free: s.capacity.free,
            total: s.capacity.total,
        })
        .collect();
    let pages = u32::try_from((found.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(u32::MAX)
        .max(1);
    Ok(page(&ListPage {
        kinds: options(&ctx, SERVICE_KINDS),
        countries: options(&ctx, COUNTRIES),
        languages: options(&ctx, LANGUAGES),
        query,
        items,
        total: found.total,
        page: page_no,
        pages,
        ctx,
    }))
}

fn cities(s: &Service) -> String {
    let mut all: Vec<&str> = s.locations.iter().map(|l| l.city.as_str()).collect();
    all.dedup();
    all.join(", ")
}

#[derive(Template)]
#[template(path = "services/templates/service.html")]
struct ServicePage {
    ctx: Ctx,
    s: Service,
    name: String,
    description: String,
    /// Who may come, in words, in the language of the name (may be empty).
    eligibility: String,
    /// The reader administers its organisation (or the platform).
    manages: bool,
    /// The reader is a case worker of an organisation that may refer to it.
    refers: bool,
    places_error: Option<String>,
    places_value: String,
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

impl ServicePage {
    fn status(&self) -> &'static str {
        self.s.status.as_str()
    }
    fn list_labels(&self, prefix: &str, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.ctx.label(prefix, c))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn genders(&self) -> String {
        self.list_labels("sgender", &self.s.genders)
    }
    fn statuses(&self) -> String {
        self.list_labels("nstatus", &self.s.statuses)
    }
    fn languages(&self) -> String {
        self.list_labels("lang", &self.s.languages)
    }
    fn ages(&self) -> String {
        self.s
            .age_bands
            .iter()
            .map(|a| self.ctx.t(&a.label_key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn access(&self) -> String {
        self.ctx.t(&self.s.access.label_key())
    }
    fn areas(&self) -> String {
        self.s
            .areas
            .iter()
            .map(|a| {
                let country = self.ctx.label("country", &a.country);
                match &a.municipality {
                    Some(m) => format!("{m} ({country})"),
                    None => country,
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// Each opening as "Monday 09:00–17:00".
    fn hours(&self) -> Vec<String> {
        self.s
            .hours
            .iter()
            .map(|h| {
                format!(
                    "{} {}–{}",
                    self.ctx.t(&h.opening.day.label_key()),
                    h.opening.opens_at(),
                    h.opening.closes_at()
                )
            })
            .collect()
    }
    fn places(&self) -> String {
        places_text(&self.ctx, self.s.capacity.free, self.s.capacity.total)
    }
    fn as_of(&self, at: &i64) -> String {
        let date = self.ctx.date(at);
        self.ctx
            .ta("svc-places-as-of", &[("date", Arg::Str(&date))])
    }
    fn country(&self, code: &str) -> String {
        self.ctx.label("country", code)
    }
}

async fn service_page(
    ctx: Ctx,
    id: &str,
    places_error: Option<String>,
    places_value: String,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let s = uc::visible(db, &actor, id).await?;
    let manages = actor.can_manage_org(&s.org_id);
    let refers = s.takes_referrals()
        && ctx.signed_in()
        && spona_app::referrals::roles(&actor, db)
            .await?
            .iter()
            .any(|w| w.org_id != s.org_id.as_str());
    let langs = [ctx.locale.tag(), "en"];
    let text = s.text(&langs).clone();
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::SERVICE, s.id.as_str())
            .await;
    let status = if places_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        status,
        &ServicePage {
            name: text.name,
            description: text.description,
            eligibility: text.eligibility,
            manages,
            refers,
            places_error,
            places_value,
            log_entry,
            s,
            ctx,
        },
    ))
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    service_page(ctx, &id, None, String::new()).await
}

#[derive(Deserialize, Default)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn status(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let Some(status) = ServiceStatus::parse(&f.status) else {
        // Still answer 403/404 to those who may not touch the service.
        uc::manageable(&ctx.state.db, &ctx.actor(), &id).await?;
        return Err(AppError::BadRequest("err-bad-form"));
    };
    uc::set_status(&ctx.state.db, &ctx.actor(), &id, status).await?;
    Ok(see_other(&ctx, &format!("/services/{id}")))
}

#[derive(Deserialize, Default)]
struct PlacesForm {
    #[serde(default)]
    free: String,
}

async fn places(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<PlacesForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    match uc::set_free_places(&ctx.state.db, &ctx.actor(), &id, &f.free).await {
        Ok(_) => Ok(see_other(&ctx, &format!("/services/{id}"))),
        Err(spona_app::Error::Invalid(errors)) => {
            let message = errors.first().map(|e| ctx.t(e.key));
            service_page(ctx, &id, message, f.free).await
        }
        Err(e) => Err(e.into()),
    }
}
