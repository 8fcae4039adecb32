//! The evidence vault: cases and their teams, items and consent, downloads, exports, the
//! custody log and the JSON API.

pub mod api;
pub mod cases;
pub mod consent;
pub mod download;
pub mod export;
pub mod items;
pub mod team;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = cases::routes(r);
    let r = items::routes(r);
    let r = download::routes(r);
    let r = export::routes(r);
    api::routes(r)
}
