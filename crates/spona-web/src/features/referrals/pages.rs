//! The referral pages: the case worker's list, referring a person to a service (with
//! consent), a referral's page with the answers, notes, outcome and withdrawal, hotline
//! intake, statistics without names (page, CSV, XLSX), and an organisation's case workers.
//! Every page that shows a person carries the quick-exit control. Rules and writes are in
//! `spona_app::referrals`.

use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use spona_app::referrals::intake::{self, IntakeDraft, IntakeView};
use spona_app::referrals::stats::{self, Stats};
use spona_app::referrals::{self as uc, ListItem, ReferralDraft, ReferralView, ServiceTarget};
use spona_domain::referral::{AGE_BANDS, Answer, CHANNELS, ConsentDraft, GENDERS, OUTCOMES};
use spona_store::referrals::{Intake, Worker};

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/referrals", list)
        .get("/referrals/new", new_form)
        .post("/referrals/new", create)
        .get("/referrals/stats", stats_page)
        .get("/referrals/stats.csv", stats_csv)
        .get("/referrals/stats.xlsx", stats_xlsx)
        .get("/referrals/intake", intake_form)
        .post("/referrals/intake", intake_create)
        .get("/referrals/intake/{id}", intake_read)
        .get("/referrals/workers/{slug}", workers_page)
        .post("/referrals/workers/{slug}", workers_save)
        .get("/referrals/{id}", read)
        .post_from("/referrals/{id}/answer", answer, "/referrals/{id}")
        .post_from("/referrals/{id}/note", note, "/referrals/{id}")
        .post_from("/referrals/{id}/outcome", outcome, "/referrals/{id}")
        .post_from("/referrals/{id}/withdraw", withdraw, "/referrals/{id}")
}

fn vault(ctx: &Ctx) -> Result<&spona_app::vault::keys::Vault, AppError> {
    Ok(ctx.state.vault.get()?)
}

fn base(ctx: &Ctx) -> String {
    ctx.state.config.public_url.clone()
}

/// Organisations' names in the reader's language, by id.
#[derive(Default)]
struct Names(Vec<(String, String)>);

impl Names {
    async fn load(ctx: &Ctx) -> Result<Names, AppError> {
        let orgs = spona_store::orgs::load_all(&ctx.state.db).await?;
        Ok(Names(
            orgs.iter()
                .map(|o| (o.id.to_string(), crate::names::org_name(ctx.locale, o).text))
                .collect(),
        ))
    }
    fn of(&self, id: &str) -> String {
        self.0
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "referrals/templates/referrals.html")]
struct ListPage {
    names: Names,
    ctx: Ctx,
    items: Vec<ListItem>,
    intakes: Vec<Intake>,
    roles: Vec<Worker>,
}

impl ListPage {
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let roles = uc::roles(&actor, db).await?;
    if roles.is_empty() {
        return Err(AppError::NotFound);
    }
    let items = uc::list(&actor, db).await?;
    let intakes = intake::list(&actor, db).await?;
    Ok(page(&ListPage {
        names: Names::load(&ctx).await?,
        items,
        intakes,
        roles,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct NewQuery {
    #[serde(default)]
    service: String,
    #[serde(default)]
    intake: String,
}

/// The referral form's fields.
#[derive(Deserialize, Default, Clone)]
struct ReferralForm {
    #[serde(default)]
    service: String,
    #[serde(default)]
    from_org: String,
    #[serde(default)]
    intake: String,
    #[serde(default, rename = "first-name")]
    first_name: String,
    #[serde(default, rename = "age-band")]
    age_band: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    needs: String,
    #[serde(default, rename = "contact-channel")]
    contact_channel: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    urgent: String,
    #[serde(default)]
    consent_share: Vec<String>,
    #[serde(default)]
    consent_purpose: String,
    #[serde(default)]
    consent_until: String,
    #[serde(default)]
    consent_how: String,
    #[serde(default)]
    consent_witness: String,
    #[serde(default)]
    consent_channel: String,
    #[serde(default)]
    override_reason: String,
    #[serde(default)]
    once: String,
}

impl ReferralForm {
    fn value(&self, field: &str) -> &str {
        match field {
            "first-name" => &self.first_name,
            "age-band" => &self.age_band,
            "gender" => &self.gender,
            "language" => &self.language,
            "nationality" => &self.nationality,
            "urgency" => &self.urgency,
            "needs" => &self.needs,
            _ => &self.contact_channel,
        }
    }

    fn draft(&self) -> ReferralDraft {
        let person = spona_domain::referral::FIELDS
            .iter()
            .map(|f| ((*f).to_owned(), self.value(f).to_owned()))
            .collect();
        let override_reason =
            Some(self.override_reason.trim().to_owned()).filter(|s| !s.is_empty());
        let consent_given = !self.consent_how.is_empty() || !self.consent_share.is_empty();
        ReferralDraft {
            from_org: self.from_org.clone(),
            person,
            reason: self.reason.clone(),
            urgent: self.urgent == "yes",
            consent: if consent_given || override_reason.is_none() {
                Some(ConsentDraft {
                    share: self.consent_share.clone(),
                    purpose: self.consent_purpose.clone(),
                    until: self.consent_until.clone(),
                    how: self.consent_how.clone(),
                    witness: self.consent_witness.clone(),
                    channel: self.consent_channel.clone(),
                })
            } else {
                None
            },
            override_reason,
            intake_id: Some(self.intake.clone()).filter(|s| !s.is_empty()),
        }
    }
}

#[derive(Template)]
#[template(path = "referrals/templates/referral_form.html")]
struct FormPage {
    names: Names,
    ctx: Ctx,
    /// Services of other organisations that take referrals: (id, name, organisation).
    services: Vec<(String, String, String)>,
    target: Option<ServiceTarget>,
    service_name: String,
    roles: Vec<Worker>,
    form: ReferralForm,
    errors: FormErrors,
    message: Option<String>,
}

impl FormPage {
    fn asks(&self, field: &str) -> bool {
        self.target
            .as_ref()
            .is_some_and(|t| t.asks.iter().any(|a| a == field))
    }
    fn can_override(&self) -> bool {
        self.roles
            .iter()
            .any(|w| w.org_id == self.form.from_org && w.may_override)
            || (self.form.from_org.is_empty() && self.roles.iter().any(|w| w.may_override))
    }
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
    fn shares(&self, f: &str) -> bool {
        self.form.consent_share.iter().any(|x| x == f)
    }
    fn field_label(&self, f: &str) -> String {
        self.ctx.t(&format!("ref-field-{f}"))
    }
    fn asked(&self) -> Vec<&'static str> {
        spona_domain::referral::FIELDS
            .iter()
            .copied()
            .filter(|f| self.asks(f))
            .collect()
    }
    fn age_bands(&self) -> Vec<&'static str> {
        AGE_BANDS.to_vec()
    }
    fn genders(&self) -> Vec<&'static str> {
        GENDERS.to_vec()
    }
    fn channels(&self) -> Vec<&'static str> {
        CHANNELS.to_vec()
    }
    fn nationalities(&self) -> Vec<&'static str> {
        spona_domain::service::NATIONALITY_STATUSES.codes.to_vec()
    }
}

async fn form_page(
    ctx: Ctx,
    form: ReferralForm,
    errors: FormErrors,
    message: Option<String>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let roles = uc::roles(&actor, db).await?;
    if roles.is_empty() {
        return Err(AppError::NotFound);
    }
    let mine: Vec<&str> = roles.iter().map(|w| w.org_id.as_str()).collect();
    let all = spona_store::services::load(db, spona_store::services::Scope::Published).await?;
    let langs = [ctx.locale.tag(), "en"];
    let names = Names::load(&ctx).await?;
    let services = all
        .iter()
        .filter(|s| !mine.contains(&s.org_id.as_str()))
        .map(|s| {
            (
                s.id.to_string(),
                s.name(&langs).to_owned(),
                names.of(s.org_id.as_str()),
            )
        })
        .collect();
    let (target, service_name) = match form.service.as_str() {
        "" => (None, String::new()),
        id => match all.iter().find(|s| s.id.as_str() == id) {
            Some(s) => (Some(ServiceTarget::of(s)), s.name(&langs).to_owned()),
            None => return Err(AppError::NotFound),
        },
    };
    let status = if errors.is_empty() && message.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &FormPage {
            names,
            services,
            target,
            service_name,
            roles,
            form,
            errors,
            message,
            ctx,
        },
    ))
}

async fn new_form(ctx: Ctx, Query(q): Query<NewQuery>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    let form = ReferralForm {
        service: q.service,
        intake: q.intake,
        from_org: roles.first().map(|w| w.org_id.clone()).unwrap_or_default(),
        ..Default::default()
    };
    form_page(ctx, form, FormErrors::new(), None).await
}

async fn create(ctx: Ctx, Form(f): Form<ReferralForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/referrals/{id}")?;
    let made = uc::create(
        &actor,
        &ctx.state.db,
        vault(&ctx)?,
        &f.service,
        &f.draft(),
        Some(&once),
        &base(&ctx),
    )
    .await;
    match made {
        Ok(id) => Ok(see_other(&ctx, &format!("/referrals/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            form_page(ctx, f, errors, None).await
        }
        Err(spona_app::Error::Conflict(key) | spona_app::Error::Refused(key)) => {
            let msg = ctx.t(key);
            form_page(ctx, f, FormErrors::new(), Some(msg)).await
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals/templates/referral.html")]
struct ReadPage {
    names: Names,
    ctx: Ctx,
    r: ReferralView,
    chain: usize,
    intact: bool,
}

impl ReadPage {
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
    fn on_referring_side(&self) -> bool {
        self.r.side == uc::Side::From
    }
    fn awaits(&self) -> bool {
        matches!(self.r.status, "sent" | "more-info")
    }
    fn can_ask(&self) -> bool {
        self.r.status == "sent"
    }
    fn field_label(&self, f: &str) -> String {
        self.ctx.t(&format!("ref-field-{f}"))
    }
    fn outcomes(&self) -> Vec<&'static str> {
        OUTCOMES.to_vec()
    }
    fn note_side(&self, n: &uc::NoteView) -> String {
        match n.side {
            uc::Side::From => self.org(&self.r.from_org),
            uc::Side::To => self.org(&self.r.to_org),
        }
    }
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let r = uc::view(&actor, db, vault(&ctx)?, &id).await?;
    let entries = spona_store::referrals::custody(db, &id).await?;
    let intact = uc::chain_intact(&entries);
    Ok(page(&ReadPage {
        names: Names::load(&ctx).await?,
        r,
        chain: entries.len(),
        intact,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    note: String,
}

async fn answer(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let a = Answer::parse(&f.answer).ok_or(AppError::BadRequest("err-referral-answer"))?;
    uc::answer(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        a,
        &f.note,
        &base(&ctx),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/referrals/{id}")))
}

#[derive(Deserialize, Default)]
struct NoteForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    shared: String,
    #[serde(default)]
    outcome: String,
}

async fn note(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    uc::add_note(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        &f.body,
        f.shared == "yes",
    )
    .await?;
    Ok(see_other(&ctx, &format!("/referrals/{id}")))
}

async fn outcome(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    uc::record_outcome(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &id,
        &f.outcome,
        &f.body,
        f.shared == "yes",
    )
    .await?;
    Ok(see_other(&ctx, &format!("/referrals/{id}")))
}

async fn withdraw(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    uc::withdraw(&ctx.actor(), &ctx.state.db, &id, &base(&ctx)).await?;
    Ok(see_other(&ctx, &format!("/referrals/{id}")))
}

#[derive(Deserialize, Default, Clone)]
struct IntakeForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    in_danger: String,
    #[serde(default)]
    safe_to_talk: String,
    #[serde(default)]
    callback: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    once: String,
}

#[derive(Template)]
#[template(path = "referrals/templates/intake_form.html")]
struct IntakeFormPage {
    names: Names,
    ctx: Ctx,
    roles: Vec<Worker>,
    form: IntakeForm,
    errors: FormErrors,
}

impl IntakeFormPage {
    fn org(&self, id: &str) -> String {
        self.names.of(id)
    }
    fn answers(&self) -> Vec<&'static str> {
        spona_domain::referral::SAFETY.to_vec()
    }
}

async fn intake_page(ctx: Ctx, form: IntakeForm, errors: FormErrors) -> Result<Response, AppError> {
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    if roles.is_empty() {
        return Err(AppError::NotFound);
    }
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &IntakeFormPage {
            names: Names::load(&ctx).await?,
            roles,
            form,
            errors,
            ctx,
        },
    ))
}

async fn intake_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    intake_page(ctx, IntakeForm::default(), FormErrors::new()).await
}

async fn intake_create(ctx: Ctx, Form(f): Form<IntakeForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let roles = uc::roles(&ctx.actor(), &ctx.state.db).await?;
    let org = if f.org.is_empty() && roles.len() == 1 {
        roles[0].org_id.clone()
    } else {
        f.org.clone()
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/referrals/intake/{id}")?;
    let made = intake::create(
        &ctx.actor(),
        &ctx.state.db,
        vault(&ctx)?,
        &IntakeDraft {
            org_id: org,
            channel: f.channel.clone(),
            in_danger: f.in_danger.clone(),
            safe_to_talk: f.safe_to_talk.clone(),
            callback: f.callback.clone(),
            name: f.name.clone(),
            notes: f.notes.clone(),
        },
        Some(&once),
    )
    .await;
    match made {
        Ok(id) => Ok(see_other(&ctx, &format!("/referrals/intake/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            intake_page(ctx, f, errors).await
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals/templates/intake.html")]
struct IntakePage {
    ctx: Ctx,
    i: IntakeView,
}

async fn intake_read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let i = intake::view(&ctx.actor(), &ctx.state.db, vault(&ctx)?, &id).await?;
    Ok(page(&IntakePage { i, ctx }))
}

#[derive(Template)]
#[template(path = "referrals/templates/stats.html")]
struct StatsPage {
    ctx: Ctx,
    s: Stats,
}

impl StatsPage {
    fn dim_label(&self, name: &str) -> String {
        self.ctx.t(&format!("ref-stats-{}", name.replace('_', "-")))
    }
    fn any_suppressed(&self) -> bool {
        self.s.total.is_none() || self.s.dimensions.iter().any(|d| d.suppressed)
    }
}

async fn stats_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&StatsPage { s, ctx }))
}

async fn stats_csv(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"referral-statistics.csv\"",
            ),
        ],
        format!("\u{feff}{}", stats::csv(&s)),
    )
        .into_response())
}

async fn stats_xlsx(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let s = stats::stats(&ctx.actor(), &ctx.state.db).await?;
    let body = stats::xlsx(&s).map_err(AppError::Internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"referral-statistics.xlsx\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "referrals/templates/workers.html")]
struct WorkersPage {
    ctx: Ctx,
    slug: String,
    org_name: String,
    workers: Vec<Worker>,
    /// Members who are not case workers: (user id, name).
    others: Vec<(String, String)>,
}

async fn org_of(ctx: &Ctx, slug: &str) -> Result<spona_store::orgs::Org, AppError> {
    match spona_store::orgs::get_by_slug(&ctx.state.db, slug).await {
        Ok(o) => Ok(o),
        Err(spona_store::StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn workers_page(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let org = org_of(&ctx, &slug).await?;
    let db = &ctx.state.db;
    let workers = uc::workers(&ctx.actor(), db, &org.id).await?;
    let others = spona_store::users::members_of(db, &org.id)
        .await?
        .into_iter()
        .filter(|m| !workers.iter().any(|w| w.user_id == m.user_id.as_str()))
        .map(|m| (m.user_id.to_string(), m.display_name))
        .collect();
    Ok(page(&WorkersPage {
        org_name: crate::names::org_name(ctx.locale, &org).text,
        slug,
        workers,
        others,
        ctx,
    }))
}

#[derive(Deserialize, Default)]
struct WorkerForm {
    #[serde(default)]
    user: String,
    /// `add`, `override` (add with the override permission) or `remove`.
    #[serde(default)]
    action: String,
}

async fn workers_save(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<WorkerForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let org = org_of(&ctx, &slug).await?;
    let actor = ctx.actor();
    let db = &ctx.state.db;
    uc::workers(&actor, db, &org.id).await?;
    match f.action.as_str() {
        "add" => uc::set_worker(&actor, db, &org.id, &f.user, false).await?,
        "override" => uc::set_worker(&actor, db, &org.id, &f.user, true).await?,
        "remove" => uc::remove_worker(&actor, db, &org.id, &f.user).await?,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    }
    Ok(see_other(&ctx, &format!("/referrals/workers/{slug}")))
}
