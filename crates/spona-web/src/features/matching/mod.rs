//! Matching: rounds and opting in (organisations and, for mentorship, people), proposals
//! (run, pins, publish, answers) as each reader may see them, pairs and their check-ins,
//! and the JSON API.

pub mod api;
pub mod mentorship;
pub mod pairs;
pub mod proposal_view;
pub mod proposals;
pub mod round_page;
pub mod rounds;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = rounds::routes(r);
    let r = proposals::routes(r);
    let r = pairs::routes(r);
    api::routes(r)
}
