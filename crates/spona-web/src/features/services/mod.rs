//! Services catalogue (issue 19). Scaffold laid by the lead; the lane fills it in.

pub mod api;
pub mod form;
pub mod hsds;
pub mod pages;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    form::routes(pages::routes(hsds::routes(api::routes(r))))
}
