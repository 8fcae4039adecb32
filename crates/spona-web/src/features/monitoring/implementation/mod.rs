//! Implementation: the participating organisations (`participants`), measures, indicators
//! and their values (`measures`), the state's status and participating CSOs' assessments
//! with evidence, signatures and history (`assessments`), and their JSON (`api`).

pub mod api;
pub mod assessments;
pub mod measures;
pub mod participants;

use serde::Deserialize;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = participants::routes(r);
    let r = measures::routes(r);
    let r = assessments::routes(r);
    api::routes(r)
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}

/// A page's `?done=` announcement.
#[derive(Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    pub done: String,
}
