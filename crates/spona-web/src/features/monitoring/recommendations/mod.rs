//! Recommendations: the public list with its filters (a GET form, every page linkable), a
//! recommendation's page, the add form and the import (upload, preview, apply) for platform
//! admins, the JSON API and the uncapped CSV export. Rules are in
//! `spona_app::monitoring::{recommendations, import}`.

mod api;
mod export;
mod form;
mod import;
mod pages;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = form::routes(r);
    let r = import::routes(r);
    let r = export::routes(r);
    api::routes(r)
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = api::openapi();
    doc.merge(export::openapi());
    doc
}

/// How a country code reads: its name where the vocabulary has one, else the code.
fn country_name(ctx: &crate::Ctx, code: &str) -> String {
    if spona_domain::vocab::COUNTRIES.contains(code) {
        ctx.label("country", code)
    } else {
        code.to_owned()
    }
}

/// A vocabulary code as words: `womens-rights` → `womens rights`.
fn code_words(code: &str) -> String {
    code.replace('-', " ")
}

/// The largest import file the upload form takes.
pub use import::MAX_UPLOAD;
