//! Importing recommendations (platform admins): a file is uploaded (CSV or XLSX, the UHRI
//! export or the UPR Info layout), kept under `DATA_DIR/monitoring-imports/<token>` and
//! previewed at its own address — counts, the rows to be created, updated, left unchanged or
//! skipped and why, every bad row with its column —; one post there imports it all in one
//! transaction, and the same address then shows what was done. Files larger than
//! [`MAX_UPLOAD`] go through `spona monitoring import`.

use std::path::{Path as FsPath, PathBuf};

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use spona_app::monitoring::import::{
    self as uc, FileProblem, HeaderError, ImportError, Layout, RowOutcome, Summary,
};
use spona_i18n::Arg;
use tokio::io::AsyncWriteExt;

use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, AppState, Ctx};

/// The largest file the upload form takes (the router's body limit allows it for this address).
pub const MAX_UPLOAD: usize = 32 * 1024 * 1024;
/// Uploads not imported within this many seconds are removed at the next upload.
const KEEP_SECS: u64 = 24 * 3600;

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/recommendations/import", upload_form)
        .post("/monitoring/recommendations/import", upload)
        .get("/monitoring/recommendations/import/{token}", preview)
        .post("/monitoring/recommendations/import/{token}", apply)
}

/// Where uploads wait for their import: beside the attachments, in the data directory.
fn dir(state: &AppState) -> PathBuf {
    let tmp = &state.config.attachments_tmp;
    tmp.parent()
        .and_then(FsPath::parent)
        .unwrap_or(tmp)
        .join("monitoring-imports")
}

/// Who uploaded a file, how it is to be read, and what its import did.
#[derive(Serialize, Deserialize, Default)]
struct Meta {
    user_id: String,
    layout: String,
    name: String,
    /// Set once imported: created, updated, unchanged, skipped.
    done: Option<[usize; 4]>,
}

fn valid_token(t: &str) -> bool {
    t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

#[derive(Template)]
#[template(path = "monitoring/templates/rec_import.html")]
struct UploadPage {
    ctx: Ctx,
    error: Option<String>,
}

async fn upload_form(ctx: Ctx) -> Result<Response, AppError> {
    uc::require_editor(&ctx.actor())?;
    Ok(page(&UploadPage { ctx, error: None }))
}

async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    req: Request,
) -> Result<Response, AppError> {
    // Access is checked before a byte of the file is read.
    let actor = ctx.actor();
    uc::require_editor(&actor)?;
    let user_id = actor.id().unwrap_or_default().to_owned();
    let mut multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?;
    let dir = dir(&state);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    forget_old(&dir).await;
    let token = hex::encode(rand::random::<[u8; 16]>());
    let file_path = dir.join(format!("{token}.upload"));
    let mut layout = String::new();
    let mut name = String::new();
    let mut size = 0usize;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("err-bad-form"))?
    {
        match field.name() {
            Some("layout") => {
                layout = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest("err-bad-form"))?
            }
            Some("file") => {
                name = field
                    .file_name()
                    .unwrap_or_default()
                    .chars()
                    .take(200)
                    .collect();
                let mut out = tokio::fs::File::create(&file_path)
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
                while let Some(chunk) =
                    field.chunk().await.map_err(|_| AppError::PayloadTooLarge)?
                {
                    size += chunk.len();
                    if size > MAX_UPLOAD {
                        drop(out);
                        let _ = tokio::fs::remove_file(&file_path).await;
                        return Err(AppError::PayloadTooLarge);
                    }
                    out.write_all(&chunk)
                        .await
                        .map_err(|e| AppError::Internal(e.into()))?;
                }
                out.flush()
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
            }
            _ => {}
        }
    }
    let layout = layout.trim().to_owned();
    if size == 0 || !(layout.is_empty() || Layout::parse(&layout).is_some()) {
        let _ = tokio::fs::remove_file(&file_path).await;
        let error = Some(ctx.t(if size == 0 {
            "mon-imp-err-no-file"
        } else {
            "mon-imp-err-layout"
        }));
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &UploadPage { ctx, error },
        ));
    }
    let meta = Meta {
        user_id,
        layout,
        name,
        done: None,
    };
    write_meta(&dir, &token, &meta).await?;
    Ok(see_other(
        &ctx,
        &format!("/monitoring/recommendations/import/{token}"),
    ))
}

async fn write_meta(dir: &FsPath, token: &str, meta: &Meta) -> Result<(), AppError> {
    let json = serde_json::to_vec(meta).map_err(|e| AppError::Internal(e.into()))?;
    tokio::fs::write(dir.join(format!("{token}.meta")), json)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// Removes uploads older than [`KEEP_SECS`].
async fn forget_old(dir: &FsPath) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return;
    };
    while let Ok(Some(e)) = entries.next_entry().await {
        let old = e
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > KEEP_SECS);
        if old {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
}

/// The upload of `token`, if it is the reader's: its meta and file path. Anyone else's
/// (or none) is 404.
async fn load(ctx: &Ctx, token: &str) -> Result<(Meta, PathBuf), AppError> {
    let actor = ctx.actor();
    uc::require_editor(&actor)?;
    if !valid_token(token) {
        return Err(AppError::NotFound);
    }
    let dir = dir(&ctx.state);
    let bytes = tokio::fs::read(dir.join(format!("{token}.meta")))
        .await
        .map_err(|_| AppError::NotFound)?;
    let meta: Meta = serde_json::from_slice(&bytes).map_err(|_| AppError::NotFound)?;
    if Some(meta.user_id.as_str()) != actor.id() {
        return Err(AppError::NotFound);
    }
    Ok((meta, dir.join(format!("{token}.upload"))))
}

/// A row as the preview's table shows it.
struct RowView {
    row: usize,
    outcome: String,
    mechanism: String,
    symbol: String,
    paragraph: String,
    text: String,
}

#[derive(Template)]
#[template(path = "monitoring/templates/rec_preview.html")]
struct PreviewPage {
    ctx: Ctx,
    token: String,
    name: String,
    /// How the file was read (`CSV (windows-1251)`, `XLSX`) and its layout.
    format: String,
    counts: [usize; 4],
    /// The import was done (the counts are what it did).
    done: bool,
    importable: bool,
    problem: Option<String>,
    errors: Vec<String>,
    error_count: usize,
    rows: Vec<RowView>,
    skipped: Vec<RowView>,
}

/// A file's problem in the reader's language, naming the row and column where it has them.
fn problem_text(ctx: &Ctx, p: &FileProblem) -> String {
    match p {
        FileProblem::Read(uc::ReadError::Unreadable(why)) => {
            ctx.ta("mon-imp-err-unreadable", &[("why", Arg::Str(why))])
        }
        FileProblem::Read(uc::ReadError::NotUtf8 { row }) => {
            ctx.ta("mon-imp-err-not-utf8", &[("row", Arg::Num(*row as i64))])
        }
        FileProblem::Read(uc::ReadError::Empty) => ctx.t("mon-imp-err-empty"),
        FileProblem::Header(HeaderError::Unknown {
            uhri_missing,
            upr_info_missing,
        }) => ctx.ta(
            "mon-imp-err-columns",
            &[
                ("uhri", Arg::Str(&uhri_missing.join(", "))),
                ("uprinfo", Arg::Str(&upr_info_missing.join(", "))),
            ],
        ),
        FileProblem::Header(HeaderError::Missing(layout, cols)) => ctx.ta(
            "mon-imp-err-columns-missing",
            &[
                (
                    "layout",
                    Arg::Str(&ctx.label("mon-imp-layout", layout.as_str())),
                ),
                ("columns", Arg::Str(&cols.join(", "))),
            ],
        ),
        FileProblem::Row(e) => row_error(ctx, e),
    }
}

fn row_error(ctx: &Ctx, e: &uc::RowError) -> String {
    ctx.ta(
        "mon-imp-err-row",
        &[
            ("row", Arg::Num(e.row as i64)),
            ("column", Arg::Str(&e.column)),
            ("problem", Arg::Str(&ctx.t(e.key))),
            ("value", Arg::Str(&e.value)),
        ],
    )
}

fn row_view(ctx: &Ctx, r: &uc::ListedRow) -> RowView {
    let outcome = match r.outcome {
        RowOutcome::Created => ctx.t("mon-imp-created"),
        RowOutcome::Updated => ctx.t("mon-imp-updated"),
        RowOutcome::Unchanged => ctx.t("mon-imp-unchanged"),
        RowOutcome::Duplicate { of } => {
            ctx.ta("mon-imp-duplicate-of", &[("row", Arg::Num(of as i64))])
        }
    };
    RowView {
        row: r.row,
        outcome,
        mechanism: ctx.label("mon-rec-mechanism", &r.mechanism),
        symbol: r.symbol.clone(),
        paragraph: r.paragraph.clone(),
        text: r.text.clone(),
    }
}

fn preview_page(
    ctx: Ctx,
    token: String,
    meta: &Meta,
    s: Option<&Summary>,
    problem: Option<String>,
) -> PreviewPage {
    let (rows, skipped, errors) = match s {
        Some(s) => (
            s.rows.iter().map(|r| row_view(&ctx, r)).collect(),
            s.skipped_rows.iter().map(|r| row_view(&ctx, r)).collect(),
            s.errors.iter().map(|e| row_error(&ctx, e)).collect(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let format = s
        .and_then(|s| {
            Some(format!(
                "{} · {}",
                s.format?.describe(),
                ctx.label("mon-imp-layout", s.layout?.as_str())
            ))
        })
        .unwrap_or_default();
    let problem = problem.or_else(|| {
        s.and_then(|s| s.file_problem.as_ref())
            .map(|p| problem_text(&ctx, p))
    });
    PreviewPage {
        token,
        name: meta.name.clone(),
        format,
        counts: meta
            .done
            .or_else(|| s.map(|s| [s.created, s.updated, s.unchanged, s.skipped]))
            .unwrap_or_default(),
        done: meta.done.is_some(),
        importable: meta.done.is_none() && problem.is_none() && s.is_some_and(Summary::importable),
        problem,
        error_count: s.map_or(0, |s| s.error_count),
        errors,
        rows,
        skipped,
        ctx,
    }
}

async fn preview(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (meta, path) = load(&ctx, &token).await?;
    if meta.done.is_some() {
        return Ok(page(&preview_page(ctx, token, &meta, None, None)));
    }
    let layout = Layout::parse(&meta.layout);
    let summary = uc::preview(&ctx.actor(), &ctx.state.db, &path, layout).await?;
    Ok(page(&preview_page(ctx, token, &meta, Some(&summary), None)))
}

async fn apply(ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let (mut meta, path) = load(&ctx, &token).await?;
    if meta.done.is_some() {
        return Ok(see_other(
            &ctx,
            &format!("/monitoring/recommendations/import/{token}"),
        ));
    }
    let layout = Layout::parse(&meta.layout);
    match uc::apply(&ctx.actor(), &ctx.state.db, &path, layout).await {
        Ok(s) => {
            meta.done = Some([s.created, s.updated, s.unchanged, s.skipped]);
            write_meta(&dir(&ctx.state), &token, &meta).await?;
            let _ = tokio::fs::remove_file(&path).await;
            Ok(see_other(
                &ctx,
                &format!("/monitoring/recommendations/import/{token}"),
            ))
        }
        Err(ImportError::File(p)) => {
            let text = problem_text(&ctx, &p);
            let page = preview_page(ctx, token, &meta, None, Some(text));
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(ImportError::App(e)) => Err(e.into()),
    }
}
