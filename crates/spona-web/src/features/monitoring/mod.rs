//! Monitoring (issue 21): recommendations of human-rights mechanisms and plans, their import,
//! measures and indicators, the state's and CSOs' assessments, the public dashboard and shadow
//! reports. Pages under `/{lang}/monitoring…`, JSON under `/api/monitoring/…`. Scaffold laid by
//! the lead; each part lives in its own module with its own `routes` and `openapi`.

pub mod dashboard;
pub mod implementation;
pub mod landing;
pub mod recommendations;
pub mod reports;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = recommendations::routes(r);
    let r = implementation::routes(r);
    let r = dashboard::routes(r);
    let r = landing::routes(r);
    reports::routes(r)
}

/// This feature's part of the OpenAPI document: every part's fragment merged.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = recommendations::openapi();
    doc.merge(implementation::openapi());
    doc.merge(dashboard::openapi());
    doc.merge(reports::openapi());
    doc
}
