//! The forms that record what happens in court: a hearing (through the hearing form of
//! `hearing_form.rs`), an observer's form for a hearing, and a defendant's verdict. Each is
//! shown again with its errors (422) and nothing saved when its input is refused.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use spona_app::trials as uc;
use spona_domain::trial::{
    ANSWERS, CHECKS, COMPENSATION, CONDUCT, HearingDraft, OUTCOMES, ObservationDraft,
    ObservationNotes, PROTECTION_MEASURES, VerdictDraft, court_zone,
};
use spona_store::trials::Case;

use super::hearing_form::{HearingForm, form_page as hearing_page};
use super::view::{self, case_href, heading};
use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/trials/{id}/hearings/new", hearing_form)
        .post("/monitoring/trials/{id}/hearings/new", add_hearing)
        .get(
            "/monitoring/trials/{id}/hearings/{hearing}/observe",
            observation_form,
        )
        .post(
            "/monitoring/trials/{id}/hearings/{hearing}/observe",
            observe,
        )
        .get("/monitoring/trials/{id}/verdict", verdict_form)
        .post("/monitoring/trials/{id}/verdict", set_verdict)
}

/// The form's fields as `(name, value)` pairs, in order (checkbox groups repeat a name).
type Fields = Vec<(String, String)>;

fn one(fields: &Fields, name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn all(fields: &Fields, name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

// --- Hearings ---------------------------------------------------------------------------

async fn hearing_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let case = uc::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let draft = HearingDraft {
        zone: court_zone(&case.country)
            .unwrap_or("Europe/Belgrade")
            .into(),
        ..Default::default()
    };
    Ok(hearing_page(ctx, case, None, draft, FormErrors::new()))
}

async fn add_hearing(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HearingForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let case = uc::load(&actor, &ctx.state.db, &id).await?;
    let once = once_in_tx(&ctx, &f.once, &format!("{}#hearings", case_href(&case)))?;
    let draft = f.into_draft();
    let added = uc::add_hearing(
        &actor,
        &ctx.state.db,
        &ctx.state.vault,
        &id,
        &draft,
        Some(&once),
    )
    .await;
    match added {
        Ok(_) => Ok(see_other(&ctx, &format!("{}#hearings", case_href(&case)))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(hearing_page(ctx, case, None, draft, errors))
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}

// --- Observations -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "trials/templates/observation_form.html")]
struct ObservationPage {
    ctx: Ctx,
    case: Case,
    hearing: spona_store::trials::Hearing,
    observers: Vec<(String, String)>,
    draft: ObservationDraft,
    errors: FormErrors,
}

impl ObservationPage {
    fn heading(&self) -> String {
        heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&case_href(&self.case))
    }
    fn action(&self) -> String {
        self.ctx.href(&format!(
            "{}/hearings/{}/observe",
            case_href(&self.case),
            self.hearing.id
        ))
    }
    fn when(&self) -> String {
        format!(
            "{} ({})",
            self.hearing.at_local.replace('T', " "),
            self.hearing.zone
        )
    }
    /// The questions, each with its answers: `(code, label, [(answer, label, " checked"
    /// or "")])`.
    #[allow(clippy::type_complexity)]
    fn checks(&self) -> Vec<(String, String, Vec<(String, String, &'static str)>)> {
        CHECKS
            .codes
            .iter()
            .map(|c| {
                let chosen = self
                    .draft
                    .checks
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, a)| a.as_str())
                    .unwrap_or("");
                let answers = ANSWERS
                    .codes
                    .iter()
                    .map(|a| {
                        (
                            (*a).to_owned(),
                            self.ctx.label("trial-answer", a),
                            if *a == chosen { " checked" } else { "" },
                        )
                    })
                    .collect();
                ((*c).to_owned(), self.ctx.label("trial-check", c), answers)
            })
            .collect()
    }
    fn measures(&self) -> OptionList {
        options(&self.ctx, PROTECTION_MEASURES)
    }
    fn compensations(&self) -> OptionList {
        options(&self.ctx, COMPENSATION)
    }
    fn conducts(&self) -> OptionList {
        CONDUCT
            .codes
            .iter()
            .map(|c| ((*c).to_owned(), self.ctx.label("trial-conduct", c)))
            .collect()
    }
    /// The free-text fields: `(name, label, value)`.
    fn notes(&self) -> Vec<(&'static str, String, &String)> {
        let n = &self.draft.notes;
        vec![
            (
                "notes_fair_trial",
                self.ctx.t("trials-notes-fair-trial"),
                &n.fair_trial,
            ),
            ("notes_victim", self.ctx.t("trials-notes-victim"), &n.victim),
            (
                "notes_prosecution",
                self.ctx.t("trials-notes-prosecution"),
                &n.prosecution,
            ),
            ("notes_court", self.ctx.t("trials-notes-court"), &n.court),
            (
                "notes_general",
                self.ctx.t("trials-notes-general"),
                &n.general,
            ),
        ]
    }
}

async fn observation_page(
    ctx: Ctx,
    case: Case,
    hearing_id: &str,
    draft: ObservationDraft,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let hearing = spona_store::trials::hearing(db, &case.id, hearing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let observers = uc::observers(db, &case).await?;
    Ok(render(
        form_status(&errors),
        &ObservationPage {
            ctx,
            case,
            hearing,
            observers,
            draft,
            errors,
        },
    ))
}

async fn observation_form(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let case = uc::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let draft = ObservationDraft {
        observer: ctx.actor().id().unwrap_or_default().to_owned(),
        ..Default::default()
    };
    observation_page(ctx, case, &hearing, draft, FormErrors::new()).await
}

async fn observe(
    ctx: Ctx,
    Path((id, hearing)): Path<(String, String)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let case = uc::load(&actor, &ctx.state.db, &id).await?;
    let back = format!("{}#observations", case_href(&case));
    let once = once_in_tx(&ctx, &one(&f, "once"), &back)?;
    let checks = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("check-").map(|c| (c.to_owned(), v.clone())))
        .collect();
    let draft = ObservationDraft {
        observer: one(&f, "observer"),
        checks,
        measures: all(&f, "measures"),
        compensation: one(&f, "compensation"),
        prosecution: one(&f, "prosecution"),
        court: one(&f, "court"),
        notes: ObservationNotes {
            fair_trial: one(&f, "notes_fair_trial"),
            victim: one(&f, "notes_victim"),
            prosecution: one(&f, "notes_prosecution"),
            court: one(&f, "notes_court"),
            general: one(&f, "notes_general"),
        },
    };
    let db = &ctx.state.db;
    match uc::observe(
        &actor,
        db,
        &ctx.state.vault,
        &id,
        &hearing,
        &draft,
        Some(&once),
    )
    .await
    {
        Ok(_) => Ok(see_other(&ctx, &back)),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            observation_page(ctx, case, &hearing, draft, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}

// --- Verdicts ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "trials/templates/verdict_form.html")]
struct VerdictPage {
    ctx: Ctx,
    case: Case,
    draft: VerdictDraft,
    errors: FormErrors,
}

impl VerdictPage {
    fn heading(&self) -> String {
        heading(&self.case)
    }
    fn back(&self) -> String {
        self.ctx.href(&case_href(&self.case))
    }
    fn defendants(&self) -> Vec<(String, String)> {
        (1..=self.case.defendants)
            .map(|n| (n.to_string(), view::defendant(&self.ctx, n)))
            .collect()
    }
    fn outcomes(&self) -> OptionList {
        OUTCOMES
            .codes
            .iter()
            .map(|c| ((*c).to_owned(), self.ctx.label("trial-outcome", c)))
            .collect()
    }
}

fn verdict_page(ctx: Ctx, case: Case, draft: VerdictDraft, errors: FormErrors) -> Response {
    render(
        form_status(&errors),
        &VerdictPage {
            ctx,
            case,
            draft,
            errors,
        },
    )
}

async fn verdict_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let case = uc::load(&ctx.actor(), &ctx.state.db, &id).await?;
    let draft = VerdictDraft {
        defendant: "1".into(),
        ..Default::default()
    };
    Ok(verdict_page(ctx, case, draft, FormErrors::new()))
}

async fn set_verdict(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let case = uc::load(&actor, &ctx.state.db, &id).await?;
    let draft = VerdictDraft {
        defendant: one(&f, "defendant"),
        outcome: one(&f, "outcome"),
        decided_on: one(&f, "decided_on"),
        sentence_months: one(&f, "sentence_months"),
        is_final: one(&f, "is_final") == "yes",
    };
    match uc::set_verdict(&actor, &ctx.state.db, &id, &draft).await {
        Ok(_) => Ok(see_other(&ctx, &format!("{}#verdicts", case_href(&case)))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(verdict_page(ctx, case, draft, errors))
        }
        Err(e) => Err(e.into()),
    }
}
