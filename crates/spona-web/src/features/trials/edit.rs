//! Correcting and deleting a case or a hearing (lane montrial): the case and hearing forms
//! (`case_form.rs`, `hearing_form.rs`) filled with what is stored (a hearing's note opened),
//! shown again with their errors (422, nothing saved), and the deletion pages — each a
//! confirmation with one POST button. The rules are in `spona_app::trials::edit`.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use spona_app::trials::edit as uc;
use spona_store::trials::Case;

use super::case_form::{CaseForm, Purpose, form_page as case_page};
use super::hearing_form::{HearingForm, form_page as hearing_page};
use super::view::{case_href, heading};
use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/trials/{id}/edit", edit_case_form)
        .post("/monitoring/trials/{id}/edit", edit_case)
        .get("/monitoring/trials/{id}/delete", case_delete_page)
        .post("/monitoring/trials/{id}/delete", delete_case)
        .get(
            "/monitoring/trials/{id}/hearings/{hearing}/edit",
            edit_hearing_form,
        )
        .post(
            "/monitoring/trials/{id}/hearings/{hearing}/edit",
            edit_hearing,
        )
        .get(
            "/monitoring/trials/{id}/hearings/{hearing}/delete",
            hearing_delete_page,
        )
        .post(
            "/monitoring/trials/{id}/hearings/{hearing}/delete",
            delete_hearing,
        )
}

// --- A case ----------------------------------------------------------------------------

async fn edit_case_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let case = spona_app::trials::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let draft = uc::case_draft(&case);
    Ok(case_page(
        ctx,
        Purpose::Edit(case),
        draft,
        FormErrors::new(),
    ))
}

async fn edit_case(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CaseForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let case = spona_app::trials::load(&actor, &ctx.state.db, &id).await?;
    let draft = f.draft();
    match uc::edit_case(&actor, &ctx.state.db, &id, &draft).await {
        Ok(()) => Ok(see_other(&ctx, &case_href(&case))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(case_page(ctx, Purpose::Edit(case), draft, errors))
        }
        Err(e) => Err(e.into()),
    }
}

// --- A hearing -------------------------------------------------------------------------

async fn edit_hearing_form(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (case, h) = uc::hearing(&ctx.actor(), &ctx.state.db, &id, &hearing).await?;
    let draft = uc::hearing_draft(&ctx.state.vault, &h)?;
    Ok(hearing_page(ctx, case, Some(h), draft, FormErrors::new()))
}

async fn edit_hearing(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
    Form(f): Form<HearingForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let (case, h) = uc::hearing(&actor, &ctx.state.db, &id, &hearing).await?;
    let draft = f.into_draft();
    match uc::edit_hearing(
        &actor,
        &ctx.state.db,
        &ctx.state.vault,
        &id,
        &hearing,
        &draft,
    )
    .await
    {
        Ok(()) => Ok(see_other(&ctx, &format!("{}#hearings", case_href(&case)))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(hearing_page(ctx, case, Some(h), draft, errors))
        }
        Err(e) => Err(e.into()),
    }
}

// --- Deleting ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "trials/templates/mxt_delete.html")]
struct DeletePage {
    ctx: Ctx,
    case: Case,
    /// The hearing to delete, `at_local`; none: the whole case.
    hearing: Option<String>,
    action: String,
}

impl DeletePage {
    fn heading(&self) -> String {
        heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&case_href(&self.case))
    }
}

async fn case_delete_page(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let case = spona_app::trials::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let action = ctx.href(&format!("{}/delete", case_href(&case)));
    Ok(render(
        axum::http::StatusCode::OK,
        &DeletePage {
            ctx,
            case,
            hearing: None,
            action,
        },
    ))
}

async fn delete_case(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    uc::delete_case(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(see_other(&ctx, "/monitoring/trials"))
}

async fn hearing_delete_page(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (case, h) = uc::hearing(&ctx.actor(), &ctx.state.db, &id, &hearing).await?;
    let action = ctx.href(&format!("{}/hearings/{}/delete", case_href(&case), h.id));
    Ok(render(
        axum::http::StatusCode::OK,
        &DeletePage {
            ctx,
            case,
            hearing: Some(h.at_local.replace('T', " ")),
            action,
        },
    ))
}

async fn delete_hearing(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
) -> Result<Response, AppError> {
    uc::delete_hearing(&ctx.actor(), &ctx.state.db, &id, &hearing).await?;
    Ok(see_other(
        &ctx,
        &format!("/monitoring/trials/{id}#hearings"),
    ))
}
