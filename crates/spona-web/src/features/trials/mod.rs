//! Trial monitoring (issue 21 item 6): the cases a member's organisations monitor, a case's
//! page with its timeline, the forms for a new case, a hearing, an observation and a
//! verdict (`pages.rs`, `forms.rs`), the public findings with a chart drawn on the server
//! (`findings.rs`) and the JSON and CSV exports (`api.rs`). Pages live under
//! `/monitoring/trials`; the rules are in `spona_app::trials`.

pub mod api;
pub mod edit;
pub mod findings;
pub mod forms;
pub mod pages;
pub mod view;

use crate::http::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    let r = pages::routes(r);
    let r = forms::routes(r);
    let r = findings::routes(r);
    let r = edit::routes(r);
    api::routes(r)
}
