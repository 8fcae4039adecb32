//! The resource hub for readers: browse and search with facets, read a resource in the
//! reader's language, download attachments, and the Atom feed of public resources.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use spona_app::resources::{self as hub, HubQuery, PAGE_SIZE, sensitive};
use spona_domain::resource::{ContentLang, Visibility};
use spona_search::Facets;
use spona_store::resources::{Attachment, Resource, Variant};

use super::access;
use super::search::{HitView, hit_views, in_script, run};
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/resources", browse)
        .get("/resources/feed.atom", feed)
        .get("/resources/{id}", read)
}

pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub checked: bool,
}

pub struct FacetGroup {
    pub name: &'static str,
    pub legend: String,
    pub options: Vec<FacetOption>,
}

fn facet_groups(ctx: &Ctx, facets: &Facets, query: &HubQuery) -> Vec<FacetGroup> {
    let group = |name: &'static str,
                 legend: &str,
                 counts: &[spona_search::FacetCount],
                 chosen: &[String],
                 label: &dyn Fn(&str) -> String| {
        let mut options: Vec<FacetOption> = counts
            .iter()
            .map(|c| FacetOption {
                label: label(&c.value),
                checked: chosen.contains(&c.value),
                value: c.value.clone(),
                count: c.count,
            })
            .collect();
        // A chosen value with no hits stays visible, so it can be unticked.
        for c in chosen {
            if !options.iter().any(|o| &o.value == c) {
                options.push(FacetOption {
                    label: label(c),
                    value: c.clone(),
                    count: 0,
                    checked: true,
                });
            }
        }
        options.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        FacetGroup {
            name,
            legend: ctx.t(legend),
            options,
        }
    };
    vec![
        group("kind", "hub-kind", &facets.kind, &query.kind, &|v| {
            ctx.label("rkind", v)
        }),
        group(
            "lang",
            "hub-language",
            &facets.language,
            &query.lang,
            &|v| ctx.label("lang", v),
        ),
        group("theme", "field-theme", &facets.theme, &query.theme, &|v| {
            ctx.label("theme", v)
        }),
        group(
            "country",
            "field-country",
            &facets.country,
            &query.country,
            &|v| ctx.label("country", v),
        ),
    ]
}

#[derive(Template)]
#[template(path = "resources/templates/resources.html")]
struct BrowsePage {
    ctx: Ctx,
    query: HubQuery,
    total: usize,
    hits: Vec<HitView>,
    groups: Vec<FacetGroup>,
    page: u32,
    pages: u32,
    can_create: bool,
}

impl BrowsePage {
    /// Whether a facet is chosen: then the folded filters open by themselves.
    fn any_checked(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.options.iter().any(|o| o.checked))
    }
    fn results_label(&self) -> String {
        self.ctx.tn("hub-results", &(self.total as i64))
    }
    /// The link to another page of the same search.
    fn page_href(&self, page: &u32) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("q", &self.query.q)];
        for (name, values) in [
            ("kind", &self.query.kind),
            ("lang", &self.query.lang),
            ("theme", &self.query.theme),
            ("country", &self.query.country),
        ] {
            pairs.extend(values.iter().map(|v| (name, v.as_str())));
        }
        let page = page.to_string();
        pairs.push(("page", &page));
        let qs = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("{}?{qs}", self.ctx.href("/resources"))
    }
}

async fn browse(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(query): Query<HubQuery>,
) -> Result<Response, AppError> {
    let results = run(&ctx, client, &query).await?;
    let pages = results.total.div_ceil(PAGE_SIZE).max(1) as u32;
    let can_create = spona_app::hub::can_create(&ctx.actor());
    Ok(page(&BrowsePage {
        hits: hit_views(&ctx, &results),
        groups: facet_groups(&ctx, &results.facets, &query),
        total: results.total,
        page: query.page_number()?,
        pages,
        can_create,
        query,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
pub struct LangQuery {
    #[serde(default)]
    pub lang: String,
}

/// The variant a reader asked for, or the one in their language, or English, or any.
pub fn chosen_variant<'a>(ctx: &Ctx, r: &'a Resource, asked: &str) -> Option<&'a Variant> {
    hub::chosen_variant(ctx.locale, r, asked)
}

#[derive(Template)]
#[template(path = "resources/templates/resource.html")]
struct ReadPage {
    ctx: Ctx,
    r: Resource,
    v: Variant,
    title: String,
    summary: String,
    body_html: String,
    attachments: Vec<Attachment>,
    can_edit: bool,
    missing: Vec<(String, String)>,
    quick_exit: bool,
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

impl ReadPage {
    fn variants(&self) -> Vec<(String, String, bool)> {
        self.r
            .variants
            .iter()
            .map(|v| {
                (
                    v.lang.to_string(),
                    self.ctx.label("lang", v.lang.as_str()),
                    v.lang == self.v.lang,
                )
            })
            .collect()
    }
    fn kind_label(&self) -> String {
        self.ctx.label("rkind", &self.r.kind)
    }
    fn theme_labels(&self) -> String {
        labels(&self.ctx, "theme", &self.r.themes)
    }
    fn country_labels(&self) -> String {
        labels(&self.ctx, "country", &self.r.countries)
    }
    fn visibility_label(&self) -> String {
        self.ctx
            .t(&format!("hub-visibility-{}", self.r.visibility.as_str()))
    }
    fn overdue(&self) -> bool {
        self.r.review_due < spona_store::now()
    }
    fn size(&self, bytes: &i64) -> String {
        crate::http::view::human_size(*bytes)
    }
    fn version_label(&self) -> String {
        self.ctx.ta(
            "hub-version-n",
            &[("n", spona_i18n::Arg::Num(self.v.version))],
        )
    }
}

pub fn labels(ctx: &Ctx, prefix: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| ctx.label(prefix, c))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn read(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let r = access::readable(&ctx, &id).await?;
    let v = chosen_variant(&ctx, &r, &q.lang)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let lang = v.lang();
    let can_edit = access::can_edit(&ctx, &r);
    let missing = if can_edit {
        ContentLang::ALL
            .into_iter()
            .filter(|l| !r.variants.iter().any(|v| v.lang() == *l))
            .map(|l| (l.as_str().to_owned(), ctx.label("lang", l.as_str())))
            .collect()
    } else {
        Vec::new()
    };
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::RESOURCE, &id).await;
    let response = page(&ReadPage {
        log_entry,
        title: in_script(&ctx, lang, &v.title),
        summary: in_script(&ctx, lang, &v.summary),
        body_html: in_script(&ctx, lang, &markdown::to_html(&v.body)),
        attachments: r
            .attachments
            .iter()
            .filter(|a| a.lang == v.lang)
            .cloned()
            .collect(),
        quick_exit: sensitive(&r),
        can_edit,
        missing,
        v,
        r,
        ctx,
    });
    Ok(response)
}

/// One entry of the Atom feed.
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub updated: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "resources/templates/feed.xml")]
struct Feed {
    title: String,
    self_href: String,
    alternate: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// New and updated public resources, newest first, in the reader's language where it exists.
async fn feed(ctx: Ctx) -> Result<Response, AppError> {
    let list = hub::feed(&ctx.state.db, 50).await?;
    let base = ctx.state.config.public_url.clone();
    let entries = list
        .iter()
        .filter(|r| r.visibility == Visibility::Public)
        .filter_map(|r| {
            let v = chosen_variant(&ctx, r, "")?;
            Some(FeedEntry {
                id: format!("urn:uuid:{}", r.id),
                title: in_script(&ctx, v.lang(), &v.title),
                summary: in_script(&ctx, v.lang(), &v.summary),
                lang: v.lang.to_string(),
                updated: rfc3339(r.updated_at),
                href: format!("{base}{}", ctx.href(&format!("/resources/{}", r.id))),
            })
        })
        .collect::<Vec<_>>();
    let updated = list
        .first()
        .map(|r| rfc3339(r.updated_at))
        .unwrap_or_else(|| rfc3339(0));
    let feed = Feed {
        title: format!("Spona · {}", ctx.t("hub-title")),
        self_href: format!("{base}{}", ctx.href("/resources/feed.atom")),
        alternate: format!("{base}{}", ctx.href("/resources")),
        updated,
        entries,
    };
    let xml = feed
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("feed: {e}")))?;
    let mut response = xml.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(response)
}
