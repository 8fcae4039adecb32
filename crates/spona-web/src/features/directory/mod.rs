//! The directory: organisations (list, search, profile, edit, logo), networks, and their
//! JSON API.

pub mod api;
pub mod logo;
pub mod networks;
pub mod orgs;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = orgs::routes(r);
    let r = logo::routes(r);
    let r = networks::routes(r);
    api::routes(r)
}
