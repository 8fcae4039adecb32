//! Awareness quizzes (issue 23). Public pages under `/q/{slug}` (short: people type it from
//! posters): the landing page, one question per page with its feedback, the optional
//! questions about the taker, the end with the score and where to get help, the result
//! card (`take.rs`, `card.rs`) and the public results. Coordinators' pages under `/quizzes`
//! (`author.rs`, `results.rs`) and the JSON results (`api.rs`). The rules are in
//! `spona_app::quizzes`.

pub mod api;
pub mod author;
pub mod card;
pub mod offline;
pub mod questions;
pub mod results;
pub mod take;
pub mod view;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = take::routes(r);
    let r = author::routes(r);
    let r = questions::routes(r);
    let r = results::routes(r);
    let r = card::routes(r);
    let r = offline::routes(r);
    api::routes(r)
}
