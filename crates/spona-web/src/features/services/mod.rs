//! Services catalogue (issue 19). Scaffold laid by the lead; the lane fills it in.

pub mod api;
pub mod hsds;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    hsds::routes(api::routes(r))
}
