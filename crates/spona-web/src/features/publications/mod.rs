//! Publications and stories (issue 22 item 4) at `/stories`: the public list and a
//! publication's page with its language variants (`pages.rs`), the calendar of significant
//! dates (`calendar.rs`), the forms that write, translate and schedule (`forms.rs`), photo
//! uploads for photo essays with their metadata stripped (`photos.rs`), Atom and JSON Feed
//! 1.1 for the platform and per network (`feeds.rs`) and the JSON API (`api.rs`). The rules
//! are in `spona_app::publications`.

pub mod api;
pub mod calendar;
pub mod feeds;
pub mod forms;
pub mod manage;
pub mod pages;
pub mod photos;
pub mod view;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = calendar::routes(r);
    let r = forms::routes(r);
    let r = photos::routes(r);
    let r = manage::routes(r);
    let r = feeds::routes(r);
    api::routes(r)
}
