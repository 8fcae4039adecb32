//! The list of recommendations (filters as a GET form, paged, linkable) and one
//! recommendation's page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Query;
use spona_app::monitoring::recommendations::{self as uc, Choices, RecQuery};
use spona_domain::monitoring::{Mechanism, Response as StateResponse};
use spona_store::monitoring::recommendations::Recommendation;

use super::{code_words, country_name};
use crate::http::options::OptionList;
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

/// Recommendations on one page of the list.
pub(super) const PER_PAGE: u32 = 25;

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/recommendations", list)
        .get("/monitoring/recommendations/{id}", read)
}

/// One recommendation as the list shows it.
pub struct Item {
    pub id: String,
    pub heading: String,
    pub text: String,
    pub meta: String,
}

#[derive(Template)]
#[template(path = "monitoring/templates/rec_list.html")]
struct ListPage {
    ctx: Ctx,
    query: RecQuery,
    items: Vec<Item>,
    total: i64,
    page: u32,
    pages: u32,
    mechanisms: OptionList,
    cycles: OptionList,
    countries: OptionList,
    themes: OptionList,
    groups: OptionList,
    sdgs: OptionList,
    responses: OptionList,
    states: OptionList,
    csv_href: String,
    editor: bool,
}

/// `131.4 · UPR, cycle 2 · A/HRC/23/15`.
pub(super) fn heading(ctx: &Ctx, r: &Recommendation) -> String {
    let mut parts = vec![
        r.paragraph.clone(),
        ctx.label("mon-rec-mechanism", r.mechanism.as_str()),
    ];
    if !r.cycle.is_empty() {
        parts.push(ctx.ta(
            "mon-rec-cycle-n",
            &[("cycle", spona_i18n::Arg::Str(&r.cycle))],
        ));
    }
    if !r.symbol.is_empty() {
        parts.push(r.symbol.clone());
    }
    parts.join(" · ")
}

fn meta(ctx: &Ctx, r: &Recommendation) -> String {
    let mut parts = vec![country_name(ctx, &r.country)];
    if let Some(x) = r.response {
        parts.push(ctx.label("mon-rec-response", x.as_str()));
    }
    if !r.states.is_empty() {
        parts.push(ctx.ta(
            "mon-rec-from",
            &[("states", spona_i18n::Arg::Str(&r.states.join(", ")))],
        ));
    }
    parts.join(" · ")
}

fn plain(list: &[String], words: bool) -> OptionList {
    list.iter()
        .map(|c| (c.clone(), if words { code_words(c) } else { c.clone() }))
        .collect()
}

async fn list(ctx: Ctx, Query(query): Query<RecQuery>) -> Result<Response, AppError> {
    let filter = query.filter()?;
    let page_no = query.page_number()?;
    let db = &ctx.state.db;
    let found = uc::list(db, &filter, page_no, PER_PAGE).await?;
    let Choices {
        cycles,
        states,
        themes,
        groups,
        sdgs,
    } = uc::choices(db).await?;
    let lang = ctx.locale.tag();
    let items = found
        .items
        .iter()
        .map(|r| Item {
            id: r.id.to_string(),
            heading: heading(&ctx, r),
            text: uc::text_for(r, lang)
                .map(|(_, t)| t.to_owned())
                .unwrap_or_default(),
            meta: meta(&ctx, r),
        })
        .collect();
    let pages = u32::try_from((found.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(u32::MAX)
        .max(1);
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in query.pairs() {
        pairs.append_pair(k, v);
    }
    let qs = pairs.finish();
    let csv_href = if qs.is_empty() {
        "/api/monitoring/recommendations.csv".to_owned()
    } else {
        format!("/api/monitoring/recommendations.csv?{qs}")
    };
    let countries = {
        let mut c: OptionList = crate::http::options::options(&ctx, spona_domain::vocab::COUNTRIES);
        if !query.country.is_empty() && !c.iter().any(|(code, _)| *code == query.country) {
            c.push((query.country.clone(), query.country.clone()));
        }
        c
    };
    Ok(page(&ListPage {
        mechanisms: Mechanism::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str().to_owned(),
                    ctx.label("mon-rec-mechanism", m.as_str()),
                )
            })
            .collect(),
        responses: StateResponse::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str().to_owned(),
                    ctx.label("mon-rec-response", m.as_str()),
                )
            })
            .collect(),
        cycles: plain(&cycles, false),
        countries,
        themes: plain(&themes, true),
        groups: plain(&groups, true),
        sdgs: plain(&sdgs, false),
        states: states
            .iter()
            .map(|s| (s.clone(), country_name(&ctx, s)))
            .collect(),
        editor: ctx.is_admin(),
        query,
        items,
        total: found.total,
        page: page_no,
        pages,
        csv_href,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "monitoring/templates/rec_page.html")]
struct RecPage {
    ctx: Ctx,
    r: Recommendation,
    heading: String,
    /// The text the reader sees first, and its language.
    text: String,
    text_lang: String,
    /// The other languages' texts.
    others: Vec<(String, String)>,
    country: String,
    states: Vec<String>,
    themes: Vec<String>,
    groups: Vec<String>,
    sdgs: Vec<String>,
}

impl RecPage {
    fn assessments_href(&self) -> String {
        self.ctx.href(&format!(
            "/monitoring/recommendations/{}/assessments",
            self.r.id
        ))
    }
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = uc::get(&ctx.state.db, &id).await?;
    let (text_lang, text) = uc::text_for(&r, ctx.locale.tag())
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .unwrap_or_default();
    let others = r
        .texts
        .iter()
        .filter(|(l, _)| *l != text_lang)
        .cloned()
        .collect();
    let terms = |kind: spona_domain::monitoring::TermKind, words: bool| -> Vec<String> {
        r.terms
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, c)| if words { code_words(c) } else { c.clone() })
            .collect()
    };
    use spona_domain::monitoring::TermKind;
    Ok(page(&RecPage {
        heading: heading(&ctx, &r),
        country: country_name(&ctx, &r.country),
        states: r.states.iter().map(|s| country_name(&ctx, s)).collect(),
        themes: terms(TermKind::Theme, true),
        groups: terms(TermKind::Group, true),
        sdgs: terms(TermKind::Sdg, false),
        text,
        text_lang,
        others,
        r,
        ctx,
    }))
}
