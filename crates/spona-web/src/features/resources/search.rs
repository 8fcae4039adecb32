//! Searching the hub for the page and the API alike: the search as the reader's actor,
//! rate-limited per client when it holds free text, and its hits in the reader's script.

use spona_app::resources::HubQuery;
use spona_domain::resource::ContentLang;
use spona_search::SearchResults;

use crate::http::forms::ClientIp;
use crate::{AppError, Ctx};

/// Runs a search, rate-limiting free text per client as the directory does.
pub async fn run(ctx: &Ctx, client: ClientIp, query: &HubQuery) -> Result<SearchResults, AppError> {
    let db = &ctx.state.db;
    let q = spona_app::resources::search_query(db, &ctx.actor(), ctx.locale, query).await?;
    if !q.text.is_empty() {
        ctx.state.limits.search(client.0).await?;
    }
    Ok(spona_app::resources::search(db, &ctx.state.search, q).await?)
}

/// Text of a variant in the reader's script (see [`spona_app::resources::in_script`]).
pub fn in_script(ctx: &Ctx, lang: ContentLang, text: &str) -> String {
    spona_app::resources::in_script(ctx.locale, lang, text)
}

pub struct HitView {
    pub id: String,
    pub lang: String,
    pub lang_label: String,
    pub title_html: String,
    pub snippet_html: String,
}

pub fn hit_views(ctx: &Ctx, results: &SearchResults) -> Vec<HitView> {
    results
        .hits
        .iter()
        .map(|h| {
            let lang = spona_app::hub::content_lang(h.lang);
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
