//! Joint texts and co-signing by organisations (issue 22 items 1, 2 and 5): the list
//! (`/texts`), a text's public page with its signatories and versions, printable, and its
//! final as ODT or PDF (`pages.rs`); the drafters' workspace — versions, differences,
//! comments on a paragraph, amendments, freezing a final (`draft.rs`, `edit.rs`); signing
//! and withdrawing for an organisation (`sign.rs`); the JSON API (`api.rs`). The rules are
//! in `spona_app::texts`.

pub mod api;
pub mod draft;
pub mod edit;
pub mod pages;
pub mod sign;

use axum::extract::Query;
use serde::Deserialize;

use crate::Ctx;
use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = draft::routes(r);
    let r = edit::routes(r);
    let r = sign::routes(r);
    api::routes(r)
}

/// The public page's address.
pub fn text_href(id: &str) -> String {
    format!("/texts/{id}")
}

/// The workspace's address.
pub fn draft_href(id: &str) -> String {
    format!("/texts/{id}/draft")
}

/// A kind's name in the reader's language.
pub fn kind_label(ctx: &Ctx, kind: &str) -> String {
    ctx.label("jt-kind", kind)
}

/// A content language's name in the reader's language.
pub fn lang_label(ctx: &Ctx, lang: &str) -> String {
    // The shared language names (`lang-…`) cover every content language.
    ctx.label("lang", lang)
}

/// `?lang=` of the pages that show one language.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    #[serde(default)]
    pub lang: String,
}

/// The language to show: the asked one if the text has it, else the reader's, else the
/// first the text has.
pub fn pick_lang(ctx: &Ctx, asked: &Query<LangQuery>, have: &[String]) -> String {
    let reader = spona_domain::resource::ContentLang::of_locale(ctx.locale).as_str();
    [asked.lang.as_str(), reader]
        .into_iter()
        .find(|l| have.iter().any(|h| h == l))
        .map(str::to_owned)
        .or_else(|| have.first().cloned())
        .unwrap_or_else(|| reader.to_owned())
}
