//! The resource hub: browsing and search, reading, editing with versions and attachments,
//! the Atom feed and the JSON API.

pub mod api;
pub mod browse;
pub mod edit;
pub mod versions;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = browse::routes(r);
    let r = edit::routes(r);
    let r = versions::routes(r);
    api::routes(r)
}
