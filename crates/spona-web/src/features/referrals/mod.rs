//! Referrals (issue 19). Scaffold laid by the lead; the lane fills it in.

pub mod api;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    api::routes(r)
}
