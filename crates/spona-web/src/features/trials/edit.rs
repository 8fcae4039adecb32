//! Correcting and deleting a case or a hearing (lane montrial): the edit forms, filled with
//! what is stored (a hearing's note opened), shown again with their errors (422, nothing
//! saved), and the deletion pages — each a confirmation with one POST button. The rules are
//! in `spona_app::trials::edit`.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::trials::edit as uc;
use spona_domain::trial::{
    ADJOURNMENT_REASONS, CHARGES, COUNTRY_ZONES, CaseDraft, HEARING_STATUSES, HearingDraft,
};
use spona_store::trials::{Case, Hearing};

use crate::http::forms::{FormErrors, form_status};
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/trials/{id}/edit", case_form)
        .post("/monitoring/trials/{id}/edit", edit_case)
        .get("/monitoring/trials/{id}/delete", case_delete_page)
        .post("/monitoring/trials/{id}/delete", delete_case)
        .get(
            "/monitoring/trials/{id}/hearings/{hearing}/edit",
            hearing_form,
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

fn case_href(case: &Case) -> String {
    format!("/monitoring/trials/{}", case.id)
}

fn heading(case: &Case) -> String {
    format!("{} · {}", case.case_number, case.court)
}

// --- A case ----------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "trials/templates/mxt_case_edit.html")]
struct CasePage {
    ctx: Ctx,
    case: Case,
    draft: CaseDraft,
    errors: FormErrors,
}

impl CasePage {
    fn heading(&self) -> String {
        heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&case_href(&self.case))
    }
    fn countries(&self) -> OptionList {
        COUNTRY_ZONES
            .iter()
            .map(|(c, _)| ((*c).to_owned(), self.ctx.label("country", c)))
            .collect()
    }
    fn charges(&self) -> OptionList {
        options(&self.ctx, CHARGES)
    }
}

fn case_page(ctx: Ctx, case: Case, draft: CaseDraft, errors: FormErrors) -> Response {
    render(
        form_status(&errors),
        &CasePage {
            ctx,
            case,
            draft,
            errors,
        },
    )
}

async fn case_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let case = spona_app::trials::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let draft = uc::case_draft(&case);
    Ok(case_page(ctx, case, draft, FormErrors::new()))
}

/// The edit form's fields.
#[derive(Deserialize, Default)]
struct CaseForm {
    #[serde(default)]
    country: String,
    #[serde(default)]
    court: String,
    #[serde(default)]
    case_number: String,
    #[serde(default)]
    charges: Vec<String>,
    #[serde(default)]
    defendants: String,
    #[serde(default)]
    victims: String,
    #[serde(default)]
    indicted_on: String,
}

async fn edit_case(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CaseForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let case = spona_app::trials::load(&actor, &ctx.state.db, &id).await?;
    let draft = CaseDraft {
        country: f.country,
        court: f.court,
        case_number: f.case_number,
        charges: f.charges,
        defendants: f.defendants,
        victims: f.victims,
        indicted_on: f.indicted_on,
    };
    match uc::edit_case(&actor, &ctx.state.db, &id, &draft).await {
        Ok(()) => Ok(see_other(&ctx, &case_href(&case))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(case_page(ctx, case, draft, errors))
        }
        Err(e) => Err(e.into()),
    }
}

// --- A hearing -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "trials/templates/mxt_hearing_edit.html")]
struct HearingPage {
    ctx: Ctx,
    case: Case,
    hearing: Hearing,
    draft: HearingDraft,
    errors: FormErrors,
}

impl HearingPage {
    fn heading(&self) -> String {
        heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&case_href(&self.case))
    }
    fn zones(&self) -> Vec<String> {
        let mut z: Vec<String> = Vec::new();
        for (_, zone) in COUNTRY_ZONES {
            if !z.iter().any(|x| x == zone) {
                z.push((*zone).to_owned());
            }
        }
        z
    }
    fn statuses(&self) -> OptionList {
        HEARING_STATUSES
            .codes
            .iter()
            .map(|c| ((*c).to_owned(), self.ctx.label("trial-hearing", c)))
            .collect()
    }
    fn reasons(&self) -> OptionList {
        options(&self.ctx, ADJOURNMENT_REASONS)
    }
}

fn hearing_page(
    ctx: Ctx,
    case: Case,
    hearing: Hearing,
    draft: HearingDraft,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &HearingPage {
            ctx,
            case,
            hearing,
            draft,
            errors,
        },
    )
}

async fn hearing_form(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (case, h) = uc::hearing(&ctx.actor(), &ctx.state.db, &id, &hearing).await?;
    let draft = uc::hearing_draft(&ctx.state.vault, &h)?;
    Ok(hearing_page(ctx, case, h, draft, FormErrors::new()))
}

/// The hearing form's fields.
#[derive(Deserialize, Default)]
struct HearingForm {
    #[serde(default)]
    at: String,
    #[serde(default)]
    zone: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

async fn edit_hearing(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
    Form(f): Form<HearingForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let (case, h) = uc::hearing(&actor, &ctx.state.db, &id, &hearing).await?;
    let draft = HearingDraft {
        at: f.at,
        zone: f.zone,
        status: f.status,
        reason: f.reason,
        note: f.note,
    };
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
            Ok(hearing_page(ctx, case, h, draft, errors))
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
