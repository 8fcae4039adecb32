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
use spona_domain::vault::CaseRole;
use spona_store::vault::{self as records, Case, Consent, Item, Member};
use spona_vault::{ChainReport, CustodyEntry};

pub use super::consent::consent_summary;
use super::consent::{OrgChoice, org_choices};
use crate::http::routes::Routes;
use crate::http::view::{page, see_other};
use crate::vault::{self, Vault, entry, item_owner, title_owner};
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

/// A case the signed-in user is on the team of, with their role; 404 for everyone else.
pub struct CaseAccess<'a> {
    pub vault: &'a Vault,
    pub case: Case,
    pub role: CaseRole,
}

pub async fn load_case<'a>(ctx: &'a Ctx, id: &str) -> Result<CaseAccess<'a>, AppError> {
    let user = ctx.require_user()?;
    let vault = ctx.state.vault.get()?;
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(AppError::NotFound);
    }
    let role = records::role_of(&ctx.state.db, id, user.id())
        .await?
        .and_then(|r| CaseRole::parse(&r))
        .ok_or(AppError::NotFound)?;
    let case = records::case(&ctx.state.db, id).await?;
    Ok(CaseAccess { vault, case, role })
}

/// A reason is required for acts on evidence; it goes into the custody log.
pub fn reason(ctx: &Ctx, text: &str) -> Result<String, AppError> {
    let r = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if r.chars().count() > 500 {
        return Err(AppError::BadRequest("err-reason-length"));
    }
    let _ = ctx;
    Ok(r)
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
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let vault = ctx.state.vault.get()?;
    let mut cases = Vec::new();
    for (c, role) in records::cases_of(&ctx.state.db, user.id()).await? {
        cases.push(CaseLine {
            title: vault.unseal(&title_owner(&c.id), &c.title)?.to_string(),
            role: ctx.t(&format!("vault-role-{role}")),
            id: c.id,
            created_at: c.created_at,
        });
    }
    Ok(page(&ListPage { ctx, cases }))
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
    let user_id = ctx.require_user()?.id().to_owned();
    let vault = ctx.state.vault.get()?;
    let title = f.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if !(3..=200).contains(&title.chars().count()) {
        let error = Some(ctx.t("err-title-length"));
        let mut r = page(&NewPage { ctx, title, error });
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/vault/cases/{id}")?;
    let id = uuid::Uuid::now_v7().to_string();
    let sealed = vault.seal(&title_owner(&id), &title);
    let sign = vault;
    if let Err(e) = records::create_case(
        &ctx.state.db,
        &id,
        &sealed,
        &user_id,
        entry(&ctx, &id, "create", "case opened", None),
        sign,
        Some(&once),
    )
    .await
    {
        return crate::http::forms::replayed(e);
    }
    // The audit log says that the vault was used, never which case or what.
    ctx.audit("vault.case_opened", "vault", "", String::new())
        .await?;
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
    fn role_label(&self, role: &str) -> String {
        self.ctx.t(&format!("vault-role-{role}"))
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
    let text = vault.unseal(&item_owner(&item.id), &item.sealed)?;
    if item.kind == "testimony" {
        let t: spona_domain::vault::Testimony = serde_json::from_str(&text)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("testimony {}: {e}", item.id)))?;
        Ok(format!("{} · {}", t.pseudonym, t.date))
    } else {
        Ok(text.to_string())
    }
}

/// An item's label in a list: nothing of a withdrawn item (not its pseudonym, date or name).
pub fn listed_label(
    ctx: &Ctx,
    vault: &Vault,
    item: &Item,
    consent: Option<&Consent>,
) -> Result<String, AppError> {
    if consent.is_some_and(|c| c.withdrawn || !c.documentation) {
        return Ok(ctx.t("vault-item-withdrawn"));
    }
    item_label(vault, item)
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let access = load_case(&ctx, &id).await?;
    let db = &ctx.state.db;
    let consents = records::consents(db, &id, access.vault).await?;
    let orgs = org_choices(&ctx).await?;
    let mut items = Vec::new();
    for i in records::items(db, &id, access.vault).await? {
        let consent = consents.iter().find(|c| c.item_id == i.id);
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
            withdrawn: consent.is_some_and(|c| c.withdrawn || !c.documentation),
            id: i.id,
        });
    }
    let title = access
        .vault
        .unseal(&title_owner(&id), &access.case.title)?
        .to_string();
    let entries = (access.case.head_seq + 1).max(0) as usize;
    let role = access.role;
    let members = records::members(db, &id).await?;
    Ok(page(&CasePage {
        upload_id: uuid::Uuid::now_v7().to_string(),
        id,
        title,
        role,
        members,
        items,
        orgs,
        entries,
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
    let id = access.case.id.clone();
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
    let why = "verification of the custody log and every stored file";
    vault::log(&ctx, access.vault, entry(&ctx, &id, "verify", why, None)).await?;
    let case = records::case(&ctx.state.db, &id).await?;
    let entries = records::custody(&ctx.state.db, &id, access.vault).await?;
    let report = access.vault.verify_case(&case, &entries);
    let items = records::items(&ctx.state.db, &id, access.vault).await?;
    let (mut problems, checked) = verify_blobs(access.vault, items).await?;
    problems.extend(verify_records(access.vault, &ctx.state.db, &id, &entries).await?);
    problems.extend(
        (access.vault)
            .verify_heads(
                &[(id.clone(), entries.clone())],
                &access.vault.server().public(),
            )?
            .into_iter()
            .filter(|p| p.contains(&id) || p.starts_with("the record")),
    );
    let access = CaseAccess { case, ..access };
    custody_page(
        ctx.clone(),
        access,
        report,
        entries,
        problems,
        Some(checked),
    )
    .await
}

/// Reads every file item's blob through decryption and hashing; names each one that fails.
pub async fn verify_blobs(
    vault: &Vault,
    items: Vec<Item>,
) -> Result<(Vec<String>, usize), AppError> {
    let files: Vec<Item> = items.into_iter().filter(|i| i.kind == "file").collect();
    let checked = files.len();
    let blobs = vault.blobs.clone();
    let key = vault.key().clone();
    let problems = tokio::task::spawn_blocking(move || {
        let mut problems = Vec::new();
        for i in files {
            let (Some(blob), Some(wrapped), Some(sha)) = (&i.blob_id, &i.wrapped_key, &i.sha256)
            else {
                problems.push(format!("item {}: no stored file recorded", i.id));
                continue;
            };
            let result = spona_vault::WrappedKey::from_base64(wrapped)
                .and_then(|w| blobs.verify(&key, blob, &w, sha));
            if let Err(e) = result {
                problems.push(format!("item {} ({sha}): {e}", i.id));
            }
        }
        problems
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok((problems, checked))
}

/// Compares a case's tables with what its chain of custody says (see
/// [`spona_vault::facts`]): the team and each member's role, every item (that it was created
/// in this case, its kind, the hash and size of its original — a testimony's hash is that of
/// its unsealed text) and each item's consent. Names each difference.
pub async fn verify_records(
    vault: &Vault,
    db: &spona_store::Db,
    case_id: &str,
    entries: &[CustodyEntry],
) -> Result<Vec<String>, AppError> {
    use sha2::{Digest, Sha256};
    let facts = spona_vault::replay(entries);
    let mut problems: Vec<String> = facts
        .unreadable
        .iter()
        .map(|p| format!("log: {p}"))
        .collect();

    let members = records::members(db, case_id).await?;
    for m in &members {
        match facts.team.get(&m.user_id) {
            None => problems.push(format!(
                "team: {} is on the team ({}) but no custody entry granted it",
                m.user_id, m.role
            )),
            Some(role) if *role != m.role => problems.push(format!(
                "team: {} has the role {} in the table, the log gave {role}",
                m.user_id, m.role
            )),
            Some(_) => {}
        }
    }
    for (user, role) in &facts.team {
        if !members.iter().any(|m| &m.user_id == user) {
            problems.push(format!(
                "team: {user} was granted {role} in the log and is missing from the table"
            ));
        }
    }

    let items = records::items(db, case_id, vault).await?;
    let consents = records::consents(db, case_id, vault).await?;
    for item in &items {
        let Some(recorded) = facts.items.get(&item.id) else {
            problems.push(format!(
                "item {}: no custody entry created it in this case (inserted, or moved from another case)",
                item.id
            ));
            continue;
        };
        for column in &item.unreadable {
            problems.push(format!(
                "item {}: its sealed {column} does not open for it (moved, swapped or edited)",
                item.id
            ));
        }
        if recorded.kind != item.kind {
            problems.push(format!(
                "item {}: a {} in the table, the log created a {}",
                item.id, item.kind, recorded.kind
            ));
        }
        if item.kind == "testimony" {
            match vault.unseal(&item_owner(&item.id), &item.sealed) {
                Err(_) => problems.push(format!(
                    "item {}: its sealed text does not open for it (swapped or moved)",
                    item.id
                )),
                Ok(text) => {
                    let sha = hex::encode(Sha256::digest(text.as_bytes()));
                    if recorded.sha256.as_ref().is_some_and(|r| *r != sha) {
                        problems.push(format!(
                            "item {}: the testimony is not the one recorded (SHA-256 {sha}, the log says {})",
                            item.id,
                            recorded.sha256.as_deref().unwrap_or_default()
                        ));
                    }
                }
            }
        } else {
            if item.sha256 != recorded.sha256 {
                problems.push(format!(
                    "item {}: SHA-256 {} in the table, the log recorded {}",
                    item.id,
                    item.sha256.as_deref().unwrap_or("none"),
                    recorded.sha256.as_deref().unwrap_or("none")
                ));
            }
            let size = item.size.map(|s| s.max(0) as u64);
            if recorded.size.is_some() && size != recorded.size {
                problems.push(format!(
                    "item {}: {} bytes in the table, the log recorded {}",
                    item.id,
                    size.unwrap_or_default(),
                    recorded.size.unwrap_or_default()
                ));
            }
        }
        if let Some(logged) = &recorded.consent {
            let row = consents.iter().find(|c| c.item_id == item.id);
            let table = super::items::consent_facts(&super::items::scope_of(row));
            if row.is_none() {
                problems.push(format!(
                    "item {}: no consent in the table, the log recorded \"{}\"",
                    item.id,
                    logged.summary()
                ));
            } else if table != *logged {
                problems.push(format!(
                    "item {}: consent in the table is \"{}\", the log recorded \"{}\"",
                    item.id,
                    table.summary(),
                    logged.summary()
                ));
            }
        }
    }
    for (id, recorded) in &facts.items {
        if !items.iter().any(|i| &i.id == id) {
            problems.push(format!(
                "item {id}, created in entry {}, is missing from the table (deleted or moved)",
                recorded.created_at_seq
            ));
        }
    }
    Ok(problems)
}
