//! Calls and opportunities: the list with its filters, a call's page, posting and editing,
//! closing and withdrawing, the deadline calendar (`.ics`), the Atom feed and the JSON API.
//! The rules and the writes are in `spona_app::calls`; this feature shows them.

pub mod api;
pub mod feeds;
pub mod files;
pub mod pages;
pub mod view;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = feeds::routes(r);
    let r = files::routes(r);
    api::routes(r)
}
