//! The resource hub's demo data: about sixty toolbox documents in English, Serbian (both
//! scripts) and Ukrainian, some with later versions and PDF attachments.

use anyhow::Context;
use serde::Deserialize;
use spona_domain::resource::{ResourceDraft, VariantDraft};
use spona_store::resources::{self, Attachment};
use spona_web::AppState;

const RESOURCES: &str = include_str!("../demo/resources.json");

/// Resources written in Albanian, Macedonian, Bosnian and Croatian by the partners there
/// (issue 25): PVPT and KWN, Open Gate – La Strada, IFS EMMAUS, PSD and Women's Room.
const RESOURCES_IN_NEW_LANGUAGES: &str = include_str!("../demo/resources_locales.json");

/// The PDFs the demo resources attach, by the name `resources.json` uses.
const PDFS: &[(&str, &[u8])] = &[
    (
        "pdf/intake-checklist-trafficking.pdf",
        include_bytes!("../demo/pdf/intake-checklist-trafficking.pdf"),
    ),
    (
        "pdf/grant-budget-notes.pdf",
        include_bytes!("../demo/pdf/grant-budget-notes.pdf"),
    ),
    (
        "pdf/plan-bezbednosti.pdf",
        include_bytes!("../demo/pdf/plan-bezbednosti.pdf"),
    ),
    (
        "pdf/hotline-card-ua.pdf",
        include_bytes!("../demo/pdf/hotline-card-ua.pdf"),
    ),
];

#[derive(Deserialize)]
struct DemoResource {
    owner: String,
    kind: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    visibility: String,
    #[serde(default)]
    networks: Vec<String>,
    review_due: String,
    variants: Vec<DemoVariant>,
    #[serde(default)]
    edits: Vec<DemoVariant>,
    #[serde(default)]
    attachments: Vec<DemoAttachment>,
}

#[derive(Deserialize)]
struct DemoVariant {
    written: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    note: String,
}

impl DemoVariant {
    fn draft(&self) -> VariantDraft {
        VariantDraft {
            written: self.written.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Deserialize)]
struct DemoAttachment {
    written: String,
    file: String,
}

fn invalid(what: &str, errs: Vec<spona_domain::Invalid>) -> anyhow::Error {
    anyhow::anyhow!("demo resource {what}: {errs:?}")
}

/// Loads the demo resources unless the hub holds some already.
pub async fn load_resources_if_empty(state: &AppState) -> anyhow::Result<()> {
    if resources::any(&state.db).await? {
        return Ok(());
    }
    let n = load(state).await?;
    spona_app::hub::catch_up(&state.db, &state.search)
        .await
        .map_err(|e| anyhow::anyhow!("indexing the demo resources: {e}"))?;
    tracing::info!(resources = n, "demo resources loaded");
    Ok(())
}

/// Loads every demo resource; returns how many.
pub async fn load(state: &AppState) -> anyhow::Result<usize> {
    let mut list: Vec<DemoResource> =
        serde_json::from_str(RESOURCES).context("demo/resources.json")?;
    let more: Vec<DemoResource> =
        serde_json::from_str(RESOURCES_IN_NEW_LANGUAGES).context("demo/resources_locales.json")?;
    list.extend(more);
    load_list(state, &list).await
}

async fn load_list(state: &AppState, list: &[DemoResource]) -> anyhow::Result<usize> {
    let db = &state.db;
    let author = spona_store::users::find_by_email(db, "admin@spona.example")
        .await?
        .context("the demo admin account is missing")?
        .id;
    let orgs = spona_store::orgs::load_all(db).await?;
    for (i, d) in list.iter().enumerate() {
        let owner = orgs
            .iter()
            .find(|o| o.slug == d.owner)
            .with_context(|| format!("demo resource {i}: unknown owner {}", d.owner))?;
        let meta = ResourceDraft {
            kind: d.kind.clone(),
            themes: d.themes.clone(),
            countries: d.countries.clone(),
            visibility: d.visibility.clone(),
            networks: d.networks.clone(),
            review_due: d.review_due.clone(),
        }
        .validate()
        .map_err(|e| invalid(&i.to_string(), e))?;
        let network_ids = resources::network_ids(db, &meta.networks)
            .await
            .map_err(|slug| anyhow::anyhow!("demo resource {i}: unknown network {slug}"))?;
        let mut variants = d.variants.iter();
        let first = variants
            .next()
            .with_context(|| format!("demo resource {i} has no variant"))?
            .draft()
            .validate(false)
            .map_err(|e| invalid(&i.to_string(), e))?;
        let id = resources::create(db, &owner.id, &meta, &network_ids, &first, &author).await?;
        for v in variants.chain(d.edits.iter()) {
            let text = v.draft();
            let lang = spona_domain::resource::Written::parse(&text.written)
                .with_context(|| format!("demo resource {i}: bad language {}", text.written))?
                .lang;
            let current = resources::get(db, &id)
                .await?
                .variants
                .iter()
                .find(|x| x.lang() == lang)
                .map(|x| x.version);
            let mut text = text;
            if current.is_some() && text.note.is_empty() {
                text.note = "Update".into();
            }
            let text = text
                .validate(current.is_some())
                .map_err(|e| invalid(&i.to_string(), e))?;
            resources::save_variant(db, &id, &text, current, &author).await?;
        }
        for a in &d.attachments {
            let bytes = PDFS
                .iter()
                .find(|(name, _)| *name == a.file)
                .map(|(_, b)| *b)
                .with_context(|| format!("demo resource {i}: no file {}", a.file))?;
            let filename = a.file.rsplit('/').next().unwrap_or(&a.file).to_owned();
            let stored = state
                .attachments
                .put(&filename, bytes)
                .await
                .map_err(|e| anyhow::anyhow!("demo attachment {filename}: {e}"))?;
            let lang = spona_domain::resource::Written::parse(&a.written)
                .with_context(|| format!("demo resource {i}: bad language {}", a.written))?
                .lang;
            let attachment = Attachment {
                id: spona_store::new_id(),
                resource_id: id.clone().into(),
                lang,
                filename,
                media_type: stored.media_type.to_owned(),
                size: stored.size as i64,
                sha256: stored.sha256,
                extracted: stored.text,
                created_at: spona_store::now(),
                active_content: stored.active_content,
            };
            // Counted like an upload, against a limit the demo never reaches.
            let charge = spona_store::quota::Charge {
                bytes: attachment.size,
                scopes: vec![spona_store::quota::Scope::hub_org(&owner.id, u64::MAX)],
                object_id: Some(attachment.id.clone()),
            };
            resources::add_attachment(db, &attachment, &author, &charge).await?;
        }
    }
    Ok(list.len())
}
