//! A recommendation's assessments (`/monitoring/recommendations/{id}/assessments`,
//! public): the state's status beside each participating organisation's, those that differ
//! marked in words and a sign (not colour alone), each signature checked, the history
//! below; and the form for the sides the reader may speak for. The POST answers 303, or
//! shows the form again with 422 (a non-participant organisation is named as the reason).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query};
use axum::response::Response;
use spona_app::Error;
use spona_app::monitoring::implementation::assessments::{self as uc, AssessmentDraft, Sheet};
use spona_domain::monitoring::Status;
use spona_store::monitoring::assessments::Assessment;

use super::Done;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/recommendations/{id}/assessments", page)
        .post("/monitoring/recommendations/{id}/assessments", assess)
}

/// The implementation statuses in their order.
pub fn statuses() -> &'static [Status] {
    Status::ALL
}

#[derive(Template)]
#[template(path = "monitoring/templates/imp_assessments.html")]
struct Page {
    ctx: Ctx,
    sheet: Sheet,
    /// (lang, text) shown: the reader's language if there is a text in it, else the original.
    text: (String, String),
    sides: Vec<(String, String)>,
    outside: Vec<String>,
    draft: AssessmentDraft,
    errors: FormErrors,
    done: Option<&'static str>,
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

impl Page {
    fn side_name(&self, a: &Assessment) -> String {
        match &a.org_name {
            None if a.org_id.is_none() => self.ctx.t("mon-imp-state"),
            Some(n) => n.clone(),
            None => a.org_id.clone().unwrap_or_default(),
        }
    }

    fn verifies(&self, a: &Assessment) -> bool {
        self.sheet.verifies(a)
    }

    fn disagrees(&self, a: &Assessment) -> bool {
        self.sheet.disagrees(a)
    }

    fn evidence_href(&self, kind: &str, target: &str) -> String {
        match kind {
            "resource" => self.ctx.href(&format!("/resources/{target}")),
            "document" => match target.split_once('/') {
                Some((r, a)) => self.ctx.href(&format!("/resources/{r}/attachments/{a}")),
                None => String::new(),
            },
            _ => target.to_owned(),
        }
    }
}

async fn show(
    ctx: Ctx,
    id: &str,
    draft: AssessmentDraft,
    errors: FormErrors,
    done: &str,
) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let sheet = uc::sheet(db, id).await?;
    let (sides, outside) = uc::sides(&ctx.actor(), db).await?;
    let r = &sheet.recommendation;
    let lang = ctx.locale.language();
    let text = r
        .texts
        .iter()
        .find(|(l, _)| l == lang)
        .or_else(|| r.texts.iter().find(|(l, _)| *l == r.text_lang))
        .or_else(|| r.texts.first())
        .cloned()
        .unwrap_or_default();
    let done = match done {
        "assessed" => Some("mon-imp-done-assessed"),
        _ => None,
    };
    let status = form_status(&errors);
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::ASSESSMENT, id).await;
    Ok(render(
        status,
        &Page {
            log_entry,
            ctx,
            sheet,
            text,
            sides,
            outside,
            draft,
            errors,
            done,
        },
    ))
}

async fn page(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let draft = AssessmentDraft {
        assessed_on: spona_app::monitoring::implementation::today(),
        comment_lang: ctx.locale.language().to_owned(),
        ..Default::default()
    };
    show(ctx, &id, draft, FormErrors::new(), &q.done).await
}

async fn assess(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AssessmentDraft>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let keys = ctx.state.federation.keys(&ctx.state.db).await?;
    match uc::assess(&ctx.actor(), &ctx.state.db, &keys.signing, &id, &f).await {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("/monitoring/recommendations/{id}/assessments?done=assessed"),
        )),
        Err(Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            show(ctx, &id, f, errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}
