//! The vault's cases: the list of one's own cases, opening a case, its page, and the custody
//! log with its verification (the team and emergency access: [`super::vault_team`]).
//!
//! Only the team learns that a case exists: everyone else, platform admins included, gets
//! 404. Every change and every reading is appended to the case's custody log.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::vault::{CaseAccess, Vault, title_owner};
use spona_domain::vault::CaseRole;
use spona_store::vault::{self as records, Consent, Item, Member};
use spona_vault::{ChainReport, CustodyEntry};

pub use super::consent::consent_summary;
use super::consent::{OrgChoice, org_choices};
use super::load_case;
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    super::team::routes(r)
        .get("/vault", list)
        .get("/vault/new", new_form)
        .post("/vault/new", create)
        .get("/vault/cases/{id}", show)
        .get("/vault/cases/{id}/custody", custody)
        .post_from(
            "/vault/cases/{id}/verify",
            verify,
            "/vault/cases/{id}/custody",
        )
}

pub struct CaseLine {
    pub id: String,
    pub title: String,
    pub role: String,
    pub created_at: i64,
}

#[derive(Template)]
#[template(path = "vault/templates/vault_cases.html")]
struct ListPage {
    ctx: Ctx,
    cases: Vec<CaseLine>,
    /// The reader administers an organisation that partners handed items over to.
    received: bool,
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let mine =
        spona_app::vault::cases::my_cases(&super::actor(&ctx)?, &ctx.state.db, &ctx.state.vault)
            .await?;
    let cases = mine
        .into_iter()
        .map(|c| CaseLine {
            role: ctx.t(&format!("vault-role-{}", c.role.as_str())),
            title: c.title,
            id: c.case.id.into(),
            created_at: c.case.created_at,
        })
        .collect();
    let received =
        spona_app::federation::vault_received::has_any(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&ListPage {
        ctx,
        cases,
        received,
    }))
}

#[derive(Template)]
#[template(path = "vault/templates/vault_new.html")]
struct NewPage {
    ctx: Ctx,
    title: String,
    error: Option<String>,
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    ctx.state.vault.get()?;
    Ok(page(&NewPage {
        ctx,
        title: String::new(),
        error: None,
    }))
}

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    once: String,
}

async fn create(ctx: Ctx, Form(f): Form<NewForm>) -> Result<Response, AppError> {
    let actor = super::actor(&ctx)?;
    ctx.state.vault.get()?;
    let title = match spona_app::vault::cases::case_title(&f.title) {
        Ok(title) => title,
        Err(spona_app::Error::BadRequest(key)) => {
            let error = Some(ctx.t(key));
            let title = f.title.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut r = page(&NewPage { ctx, title, error });
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
        Err(e) => return Err(e.into()),
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/vault/cases/{id}")?;
    let id = match spona_app::vault::cases::open_case(
        &actor,
        &ctx.state.db,
        &ctx.state.vault,
        &title,
        &once,
    )
    .await
    {
        Ok(id) => id,
        Err(e) => return super::replayed(e),
    };
    Ok(see_other(&ctx, &format!("/vault/cases/{id}")))
}

pub struct ItemLine {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub size: String,
    pub sha256: String,
    pub created_at: i64,
    pub consent: String,
    pub withdrawn: bool,
}

#[derive(Template)]
#[template(path = "vault/templates/vault_case.html")]
struct CasePage {
    ctx: Ctx,
    id: String,
    title: String,
    role: CaseRole,
    members: Vec<Member>,
    items: Vec<ItemLine>,
    orgs: Vec<OrgChoice>,
    upload_id: String,
    entries: usize,
}

impl CasePage {
    fn can_add(&self) -> bool {
        self.role.can_add_items()
    }
    fn can_manage(&self) -> bool {
        self.role.can_manage()
    }
    fn role_label(&self, role: &CaseRole) -> String {
        self.ctx.t(&format!("vault-role-{}", role.as_str()))
    }
    fn roles(&self) -> Vec<(&'static str, String)> {
        CaseRole::ALL
            .iter()
            .map(|r| {
                (
                    r.as_str(),
                    self.ctx.t(&format!("vault-role-{}", r.as_str())),
                )
            })
            .collect()
    }
}

/// What the list shows of an item: the file name, or the testimony's pseudonym and date.
pub fn item_label(vault: &Vault, item: &Item) -> Result<String, AppError> {
    Ok(spona_app::vault::items::content(vault, item)?.label())
}

/// An item's label in a list: nothing of a withdrawn item (not its pseudonym, date or name).
pub fn listed_label(
    ctx: &Ctx,
    vault: &Vault,
    item: &Item,
    consent: Option<&Consent>,
) -> Result<String, AppError> {
    if spona_app::vault::consent::withheld(consent) {
        return Ok(ctx.t("vault-item-withdrawn"));
    }
    item_label(vault, item)
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let overview = spona_app::vault::cases::overview(&ctx.state.db, &access).await?;
    let orgs = org_choices(&ctx).await?;
    let mut items = Vec::new();
    for (i, consent) in overview.items {
        let consent = consent.as_ref();
        items.push(ItemLine {
            label: listed_label(&ctx, access.vault, &i, consent)?,
            kind: ctx.t(&format!("vault-kind-{}", i.kind)),
            size: i
                .size
                .map(crate::http::view::human_size)
                .unwrap_or_default(),
            sha256: i.sha256.clone().unwrap_or_default(),
            created_at: i.created_at,
            consent: consent_summary(&ctx, consent, &orgs),
            withdrawn: spona_app::vault::consent::withheld(consent),
            id: i.id.into(),
        });
    }
    Ok(page(&CasePage {
        upload_id: uuid::Uuid::now_v7().to_string(),
        entries: (access.case.head_seq + 1).max(0) as usize,
        role: access.role,
        id,
        title: overview.title,
        members: overview.members,
        items,
        orgs,
        ctx,
    }))
}

pub struct EntryView {
    pub seq: u64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub item_sha256: String,
    pub hash: String,
}

#[derive(Template)]
#[template(path = "vault/templates/vault_custody.html")]
struct CustodyPage {
    ctx: Ctx,
    id: String,
    title: String,
    entries: Vec<EntryView>,
    problems: Vec<String>,
    blobs_checked: Option<usize>,
    public_key: String,
}

pub fn entry_views(ctx: &Ctx, entries: &[CustodyEntry], members: &[Member]) -> Vec<EntryView> {
    entries
        .iter()
        .map(|e| EntryView {
            seq: e.seq,
            at: ctx.datetime(&(e.at_ms / 1000)),
            actor: members
                .iter()
                .find(|m| m.user_id == e.actor)
                .map(|m| m.display_name.clone())
                .unwrap_or_else(|| e.actor.clone()),
            action: action_label(ctx, &e.action),
            reason: e.reason.clone(),
            item_sha256: e.item_sha256.clone().unwrap_or_default(),
            hash: e.hash.clone(),
        })
        .collect()
}

/// A custody entry's action in the reader's language (the entry stores a fixed English code;
/// an unknown one is shown as stored).
fn action_label(ctx: &Ctx, action: &str) -> String {
    let key = format!("vault-readable-action-{action}");
    let label = ctx.t(&key);
    if label == key {
        action.to_owned()
    } else {
        label
    }
}

async fn custody_page(
    ctx: Ctx,
    access: CaseAccess<'_>,
    report: ChainReport,
    entries: Vec<CustodyEntry>,
    blob_problems: Vec<String>,
    blobs_checked: Option<usize>,
) -> Result<Response, AppError> {
    let id = access.case.id.to_string();
    let members = records::members(&ctx.state.db, &id).await?;
    let mut problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    problems.extend(blob_problems);
    let title = access
        .vault
        .unseal(&title_owner(&id), &access.case.title)?
        .to_string();
    let public_key = access.vault.server().public().to_text();
    Ok(page(&CustodyPage {
        entries: entry_views(&ctx, &entries, &members),
        id,
        title,
        problems,
        blobs_checked,
        public_key,
        ctx,
    }))
}

async fn custody(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let entries = records::custody(&ctx.state.db, &id, access.vault).await?;
    let report = access.vault.verify_case(&access.case, &entries);
    custody_page(ctx.clone(), access, report, entries, Vec::new(), None).await
}

/// Checks the chain and reads every stored file of the case against its hash.
async fn verify(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let v = spona_app::vault::verify::verify_case(&ctx.state.db, &access).await?;
    let access = CaseAccess {
        case: v.case,
        ..access
    };
    custody_page(
        ctx.clone(),
        access,
        v.report,
        v.entries,
        v.problems,
        Some(v.files_checked),
    )
    .await
}
