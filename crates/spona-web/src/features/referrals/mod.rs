//! Referrals (issue 19): consented cross-border referral between organisations' case
//! workers, hotline intake, and statistics without names. Pages in `pages.rs`; the rules in
//! `spona_app::referrals`.

pub mod api;
pub mod pages;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    api::routes(r)
}
