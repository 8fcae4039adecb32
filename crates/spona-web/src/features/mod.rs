//! One folder per capability: its routes, page handlers, API handlers, view models and
//! templates. A feature uses `crate::http` and the use-case layer; it never imports another
//! feature.

pub mod accounts;
pub mod directory;
pub mod home;
pub mod matching;
pub mod resources;
pub mod vault;

use crate::http::routes::Routes;

/// Every feature's routes.
pub fn routes(r: Routes) -> Routes {
    let r = home::routes(r);
    let r = accounts::routes(r);
    let r = directory::routes(r);
    let r = matching::routes(r);
    let r = resources::routes(r);
    vault::routes(r)
}

/// Every feature's part of the OpenAPI document.
pub fn openapi() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        directory::api::openapi(),
        matching::api::openapi(),
        resources::api::openapi(),
        vault::api::openapi(),
    ]
}
