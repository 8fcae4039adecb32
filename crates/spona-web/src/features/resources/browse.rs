//! The resource hub for readers: browse and search with facets, read a resource in the
//! reader's language, download attachments, and the Atom feed of public resources.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use spona_domain::Locale;
use spona_domain::resource::{ContentLang, RESOURCE_KINDS, Visibility, pick_variant};
use spona_domain::vocab::{COUNTRIES, THEMES};
use spona_search::{Facets, Lang, SearchQuery, SearchResults};
use spona_store::resources::{self, Attachment, Resource, Variant};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::hub::{self, content_lang, lang_of};
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/resources", browse)
        .get("/resources/feed.atom", feed)
        .get("/resources/{id}", read)
        .get("/resources/{id}/attachments/{attachment}", download)
        .get("/resources/{id}/attachments/{attachment}/warning", warning)
}

/// Results per page.
pub const PAGE_SIZE: usize = 20;
/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;

/// The query string of the hub: free text and any number of facet values.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct HubQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: Vec<String>,
    #[serde(default)]
    pub theme: Vec<String>,
    #[serde(default)]
    pub lang: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
    /// Match the last word as a prefix (for clients searching while the reader types).
    #[serde(default)]
    pub prefix: bool,
    /// One-based page number (as text: an empty or malformed value is refused). The query
    /// parser reads `page=` as absent for an `Option`; `given` keeps it as the empty text.
    #[serde(default, deserialize_with = "given")]
    pub page: Option<String>,
}

/// A query value as given, also when empty (`page=` is `Some("")`, not `None`).
fn given<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

impl HubQuery {
    /// The one-based page asked for (1 when none); 400 unless 1 to 500.
    pub fn page_number(&self) -> Result<u32, AppError> {
        match self.page.as_deref() {
            None => Ok(1),
            Some(p) => match p.parse::<u32>() {
                Ok(n @ 1..=500) => Ok(n),
                _ => Err(AppError::BadRequest("err-page")),
            },
        }
    }

    /// The search for this reader; unknown facet values and over-long queries are a 400.
    pub async fn search_query(&self, ctx: &Ctx) -> Result<SearchQuery, AppError> {
        if self.q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::BadRequest("err-query-too-long"));
        }
        let check = |values: &[String], ok: &dyn Fn(&str) -> bool| {
            if values.iter().all(|v| ok(v)) {
                Ok(values.to_vec())
            } else {
                Err(AppError::BadRequest("err-unknown-term"))
            }
        };
        let kinds = check(&self.kind, &|v| RESOURCE_KINDS.contains(v))?;
        let themes = check(&self.theme, &|v| THEMES.contains(v))?;
        let countries = check(&self.country, &|v| COUNTRIES.contains(v))?;
        let languages = self
            .lang
            .iter()
            .map(|l| ContentLang::parse(l).map(lang_of))
            .collect::<Option<Vec<Lang>>>()
            .ok_or(AppError::BadRequest("err-unknown-term"))?;
        let page = self.page_number()? as usize - 1;
        if [&self.kind, &self.theme, &self.lang, &self.country]
            .iter()
            .any(|v| v.len() > 20)
        {
            return Err(AppError::BadRequest("err-unknown-term"));
        }
        Ok(SearchQuery {
            text: self.q.trim().to_owned(),
            prefix: self.prefix,
            kinds,
            themes,
            languages,
            countries,
            reader: hub::reader(ctx).await?,
            preferred: lang_of(ContentLang::of_locale(ctx.locale)),
            offset: page * PAGE_SIZE,
            limit: PAGE_SIZE,
        })
    }
}

/// Runs a search, rate-limiting free text per client as the directory does.
pub async fn run(
    ctx: &Ctx,
    client: crate::http::forms::ClientIp,
    query: &HubQuery,
) -> Result<SearchResults, AppError> {
    let q = query.search_query(ctx).await?;
    if !q.text.is_empty() {
        ctx.state.limits.search(client.0)?;
    }
    hub::search(&ctx.state, q).await
}

/// Text in a Serbian variant, shown in the reader's script: Cyrillic becomes Latin exactly
/// for Latin readers; Latin stays Latin for Cyrillic readers (that direction is ambiguous).
pub fn in_script(ctx: &Ctx, lang: ContentLang, text: &str) -> String {
    if lang == ContentLang::Sr && ctx.locale == Locale::SrLatn {
        spona_i18n::translit::cyr_to_lat(text)
    } else {
        text.to_owned()
    }
}

pub struct HitView {
    pub id: String,
    pub lang: String,
    pub lang_label: String,
    pub title_html: String,
    pub snippet_html: String,
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

pub fn hit_views(ctx: &Ctx, results: &SearchResults) -> Vec<HitView> {
    results
        .hits
        .iter()
        .map(|h| {
            let lang = content_lang(h.lang);
            HitView {
                id: h.id.clone(),
                lang: lang.as_str().to_owned(),
                lang_label: ctx.label("lang", lang.as_str()),
                title_html: in_script(ctx, lang, &h.title_html),
                snippet_html: in_script(ctx, lang, &h.snippet_html),
            }
        })
        .collect()
}

async fn browse(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(query): Query<HubQuery>,
) -> Result<Response, AppError> {
    let results = run(&ctx, client, &query).await?;
    let pages = results.total.div_ceil(PAGE_SIZE).max(1) as u32;
    let can_create = ctx.signed_in()
        && (ctx.is_admin() || ctx.user.as_ref().is_some_and(|u| !u.memberships.is_empty()));
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
    let available: Vec<ContentLang> = r.variants.iter().map(Variant::lang).collect();
    let want = ContentLang::parse(asked)
        .filter(|l| available.contains(l))
        .or_else(|| pick_variant(&available, ContentLang::of_locale(ctx.locale)))?;
    r.variants.iter().find(|v| v.lang() == want)
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
}

impl ReadPage {
    fn variants(&self) -> Vec<(String, String, bool)> {
        self.r
            .variants
            .iter()
            .map(|v| {
                (
                    v.lang.clone(),
                    self.ctx.label("lang", &v.lang),
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

/// Themes whose readers may need to leave quickly.
fn sensitive(r: &Resource) -> bool {
    r.themes
        .iter()
        .any(|t| matches!(t.as_str(), "anti-trafficking" | "gbv-protection"))
}

async fn read(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let r = hub::load_readable(&ctx, &id).await?;
    let v = chosen_variant(&ctx, &r, &q.lang)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let lang = v.lang();
    let can_edit = hub::can_edit(ctx.user.as_deref().filter(|_| ctx.signed_in()), &r);
    let missing = if can_edit {
        ContentLang::ALL
            .into_iter()
            .filter(|l| !r.variants.iter().any(|v| v.lang() == *l))
            .map(|l| (l.as_str().to_owned(), ctx.label("lang", l.as_str())))
            .collect()
    } else {
        Vec::new()
    };
    let response = page(&ReadPage {
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

/// A PDF with active content is sent only once the reader has seen the warning
/// (`?confirmed=1`, the warning page's link); otherwise the address leads to the warning.
async fn download(
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
    Query(q): Query<crate::http::active_content::Confirmed>,
) -> Result<Response, AppError> {
    let r = hub::load_readable(&ctx, &id).await?;
    let a = resources::attachment(&ctx.state.db, &r.id, &attachment).await?;
    if !a.active_content.is_empty() && !q.confirmed() {
        return Ok(see_other(
            &ctx,
            &format!("/resources/{}/attachments/{}/warning", r.id, a.id),
        ));
    }
    let body = axum::body::Body::from_stream(ctx.state.attachments.open_read(&a.sha256).await?);
    let disposition = crate::attachments::content_disposition(&a.filename);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(a.media_type.as_str()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(a.size as u64));
    Ok(response)
}

/// The warning before downloading an attachment with active content.
async fn warning(
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let r = hub::load_readable(&ctx, &id).await?;
    let a = resources::attachment(&ctx.state.db, &r.id, &attachment).await?;
    let names = crate::http::active_content::split_record(&a.active_content);
    if names.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page(&crate::http::active_content::WarningPage {
        name: a.filename,
        names,
        back_href: ctx.href(&format!("/resources/{}?lang={}", r.id, a.lang)),
        download_href: ctx.href(&format!(
            "/resources/{}/attachments/{}?confirmed=1",
            r.id, a.id
        )),
        in_vault: sensitive(&r),
        ctx,
    }))
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
    let list = resources::recent_public(&ctx.state.db, 50).await?;
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
                lang: v.lang.clone(),
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
