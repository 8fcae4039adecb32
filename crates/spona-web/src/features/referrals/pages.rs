//! The referral pages: the case worker's list, referring a person to a service (with
//! consent), a referral's page with the answers, notes, outcome and withdrawal, hotline
//! intake, statistics without names (page, CSV, XLSX), and an organisation's case workers.
//! Every page that shows a person carries the quick-exit control. Rules and writes are in
//! `spona_app::referrals`.

mod admin;
mod intake;
mod refer;

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::referrals::{self as uc, ListItem, ReferralView};
use spona_domain::referral::{Answer, OUTCOMES};
use spona_store::referrals::{Intake, Worker};

use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/referrals", list)
        .get("/referrals/new", refer::new_form)
        .post("/referrals/new", refer::create)
        .get("/referrals/stats", admin::stats_page)
        .get("/referrals/stats.csv", admin::stats_csv)
        .get("/referrals/stats.xlsx", admin::stats_xlsx)
        .get("/referrals/intake", intake::intake_form)
        .post("/referrals/intake", intake::intake_create)
        .get("/referrals/intake/{id}", intake::intake_read)
        .get("/referrals/workers/{slug}", admin::workers_page)
        .post("/referrals/workers/{slug}", admin::workers_save)
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
    let intakes = uc::intake::list(&actor, db).await?;
    Ok(page(&ListPage {
        names: Names::load(&ctx).await?,
        items,
        intakes,
        roles,
        ctx,
    }))
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
    let vault = vault(&ctx)?;
    let r = uc::view(&actor, db, vault, &id).await?;
    let entries = spona_store::referrals::custody(db, &id).await?;
    // Every hash and link, and the head signed with the server's key.
    let intact = uc::chain_intact(&entries)
        && uc::custody::verify(db, vault, &id, &entries)
            .await?
            .is_intact();
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
    uc::withdraw(&ctx.actor(), &ctx.state.db, vault(&ctx)?, &id, &base(&ctx)).await?;
    Ok(see_other(&ctx, &format!("/referrals/{id}")))
}
