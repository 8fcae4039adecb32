//! Open data without caps (issue 24 item 1): the `/exports` page, which lists every data set
//! with its formats and the number of rows to expect, and the downloads under
//! `/api/v1/exports/`: `{data set}.{csv|xlsx|ods}` and the Frictionless `datapackage.json`.
//!
//! A download is written by [`spona_app::exports::run`] on a blocking thread into a bounded
//! channel whose other end is the response body (chunked, no `Content-Length`). The thread
//! blocks while the client reads slower than the database gives rows, and stops once the
//! body is dropped — the client went away — without reading another page.

mod api;
mod page;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/exports", page::exports_page)
        .get("/api/v1/exports/datapackage.json", api::datapackage)
        .get("/api/v1/exports/{file}", api::download)
}

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}
