//! Trial monitoring (issue 21 item 6): the cases a member's organisations monitor, a case's
//! page with its timeline, the forms for a new case, a hearing, an observation and a
//! verdict (`pages.rs`, `forms.rs`; the case and hearing forms, which correcting a case or
//! a hearing in `edit.rs` uses too, are `case_form.rs` and `hearing_form.rs`), the public
//! findings with a chart drawn on the server (`findings.rs`) and the JSON and CSV exports
//! (`api.rs`). Pages live under `/monitoring/trials`; the rules are in `spona_app::trials`.

pub mod api;
pub mod case_form;
pub mod edit;
pub mod findings;
pub mod forms;
pub mod hearing_form;
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
