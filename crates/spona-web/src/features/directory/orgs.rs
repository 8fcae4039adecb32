//! The organisation directory: the list with filters, and organisation pages.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use spona_app::directory::{self, DirectoryQuery};
use spona_domain::org::DirectoryFilter;
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, THEMES};

use super::view::OrgView;
use crate::http::options::{network_name, options};
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/orgs", list).get("/orgs/{slug}", show)
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
    let filter = super::filter_for(&ctx, client, &query).await?;
    let snapshot = ctx.state.directory.snapshot(&ctx.state.db).await?;
    let result = snapshot.list(&filter);
    let actor = ctx.actor();
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
            .map(|o| OrgView::new(&ctx, &actor, o))
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
    /// Its services the reader may see (drafts and closed ones only to its admins).
    services: Vec<OrgService>,
    /// Its newest entry in the public log.
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

/// A service on its organisation's page.
struct OrgService {
    id: String,
    name: String,
    /// `draft`, `published` or `closed`.
    status: &'static str,
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
    let actor = ctx.actor();
    let detail = directory::orgs::show(&actor, &ctx.state.db, &slug).await?;
    let networks = detail
        .networks
        .iter()
        .map(|n| (n.slug.clone(), network_name(&ctx, n)))
        .collect();
    let buddies = if detail.is_member {
        let names = crate::names::OrgNames::load(&ctx).await?;
        directory::orgs::buddies(&actor, &ctx.state.db, &detail.org)
            .await?
            .into_iter()
            .map(|(id, slug, name)| (slug, names.of(&id, &name)))
            .collect()
    } else {
        Vec::new()
    };
    let can_manage = detail.can_manage;
    let services = spona_app::services::of_org(&ctx.state.db, &actor, detail.org.id.as_str())
        .await?
        .into_iter()
        .map(|s| OrgService {
            name: s.name(&[ctx.locale.tag(), "en"]).to_owned(),
            id: s.id.to_string(),
            status: s.status.as_str(),
        })
        .collect();
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::ORG, &detail.org.slug)
            .await;
    let view = OrgView::new(&ctx, &actor, detail.org);
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
        services,
        log_entry,
    }))
}
