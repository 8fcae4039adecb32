//! The cases one's organisations monitor, a case's page (timeline, hearings, observations
//! with their sealed notes opened, verdicts), and opening a case through the case form
//! (`case_form.rs`).

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use spona_app::trials::{self as uc, CaseView};
use spona_domain::trial::CaseDraft;
use spona_store::trials::Case;

use super::case_form::{CaseForm, Monitors, Purpose, form_page};
use super::view;
use crate::http::forms::{FormErrors, once_in_tx, replayed};
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/trials", list)
        .get("/monitoring/trials/new", new_form)
        .post("/monitoring/trials/new", create)
        .get("/monitoring/trials/{id}", read)
}

#[derive(Template)]
#[template(path = "trials/templates/trials.html")]
struct ListPage {
    ctx: Ctx,
    cases: Vec<Case>,
    can_open: bool,
}

impl ListPage {
    fn charges(&self, c: &Case) -> String {
        view::labels(&self.ctx, "trial-charge", &c.charges)
    }
    fn country(&self, c: &Case) -> String {
        self.ctx.label("country", &c.country)
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let cases = uc::list(&ctx.actor(), &ctx.state.db).await?;
    let can_open = ctx.user.as_ref().is_some_and(|u| !u.memberships.is_empty());
    Ok(page(&ListPage {
        cases,
        can_open,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "trials/templates/case.html")]
struct CasePage {
    ctx: Ctx,
    v: CaseView,
}

impl CasePage {
    fn charges(&self) -> String {
        view::labels(&self.ctx, "trial-charge", &self.v.case.charges)
    }
    fn country(&self) -> String {
        self.ctx.label("country", &self.v.case.country)
    }
    fn parties(&self) -> String {
        view::parties(&self.ctx, self.v.case.defendants, self.v.case.victims)
    }
    fn defendant(&self, n: &i64) -> String {
        view::defendant(&self.ctx, *n)
    }
    fn label(&self, prefix: &str, code: &str) -> String {
        self.ctx.label(prefix, code)
    }
    fn opt_label(&self, prefix: &str, code: &Option<String>) -> String {
        code.as_deref()
            .map(|c| self.ctx.label(prefix, c))
            .unwrap_or_else(|| self.ctx.t("trials-not-recorded"))
    }
    fn labels(&self, prefix: &str, codes: &[String]) -> String {
        if codes.is_empty() {
            return self.ctx.t("trials-none-recorded");
        }
        view::labels(&self.ctx, prefix, codes)
    }
    /// The hearing an observation is of, as "date time".
    fn hearing_of(&self, hearing_id: &str) -> String {
        self.v
            .hearings
            .iter()
            .find(|h| h.hearing.id == hearing_id)
            .map(|h| h.hearing.at_local.replace('T', " "))
            .unwrap_or_default()
    }
    fn entry(&self, e: &spona_app::trials::TimelineEntry) -> String {
        let what = self.ctx.t(&format!("trials-timeline-{}", e.kind));
        match (e.kind, e.defendant) {
            ("hearing-adjourned", _) => format!("{what}: {}", self.label("trial-reason", &e.code)),
            ("verdict", Some(d)) => format!(
                "{what}: {} — {}",
                view::defendant(&self.ctx, d),
                self.label("trial-outcome", &e.code)
            ),
            _ => what,
        }
    }
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::read(&ctx.actor(), &ctx.state.db, view::vault(&ctx), &id).await?;
    Ok(page(&CasePage { v, ctx }))
}

async fn new_page(
    ctx: Ctx,
    draft: CaseDraft,
    orgs: Vec<String>,
    partner: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let my_orgs = user
        .memberships
        .iter()
        .map(|m| (m.org_slug.clone(), m.org_name.clone()))
        .collect();
    let partners = spona_store::orgs::all_names(&ctx.state.db)
        .await?
        .into_iter()
        .map(|(_, slug, name)| (slug, name))
        .collect();
    let monitors = Monitors {
        orgs,
        my_orgs,
        partners,
        partner,
    };
    Ok(form_page(ctx, Purpose::New(monitors), draft, errors))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    if user.memberships.is_empty() {
        return Err(AppError::Forbidden);
    }
    // The reader's first organisation is the monitoring one unless they choose others.
    let orgs = user
        .memberships
        .first()
        .map(|m| vec![m.org_slug.clone()])
        .unwrap_or_default();
    new_page(
        ctx,
        CaseDraft::default(),
        orgs,
        String::new(),
        FormErrors::new(),
    )
    .await
}

async fn create(ctx: Ctx, Form(f): Form<CaseForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let once = once_in_tx(&ctx, &f.once, "/monitoring/trials/{id}")?;
    let mut orgs = f.orgs.clone();
    orgs.push(f.partner.clone());
    let created =
        uc::create_case(&ctx.actor(), &ctx.state.db, &f.draft(), &orgs, Some(&once)).await;
    match created {
        Ok(id) => Ok(see_other(&ctx, &format!("/monitoring/trials/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            new_page(ctx, f.draft(), f.orgs, f.partner, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}
