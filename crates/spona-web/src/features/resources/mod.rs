//! The resource hub: browsing and search, reading, editing with versions and attachments,
//! the Atom feed and the JSON API. The rules and the writes are in `spona_app::resources`
//! and `spona_app::hub`; this feature shows them.

pub mod access;
pub mod api;
pub mod browse;
pub mod edit;
pub mod files;
pub mod search;
pub mod versions;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = browse::routes(r);
    let r = edit::routes(r);
    let r = files::routes(r);
    let r = versions::routes(r);
    api::routes(r)
}
