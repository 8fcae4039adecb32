//! The drafters' workspace: one language's latest version paragraph by paragraph with the
//! comments on each, the forms to comment, propose an amendment and freeze the final, the
//! open amendments to accept or reject, every version, and the differences between two
//! versions. A refused form shows the workspace again with its errors (422).

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::texts::{self as uc, Amend, Workspace};
use spona_domain::joint_text::paragraphs;
use spona_i18n::Arg;
use spona_store::joint_texts::{Amendment, Comment, Version};

use super::{LangQuery, draft_href, kind_label, lang_label, pick_lang};
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/texts/{id}/draft", workspace)
        .get("/texts/{id}/compare", compare)
        .post_from("/texts/{id}/comments", add_comment, "/texts/{id}/draft")
        .post_from(
            "/texts/{id}/comments/{comment}/resolve",
            resolve,
            "/texts/{id}/draft",
        )
        .post_from("/texts/{id}/amendments", propose, "/texts/{id}/draft")
        .post_from(
            "/texts/{id}/amendments/{amendment}/accept",
            accept,
            "/texts/{id}/draft",
        )
        .post_from(
            "/texts/{id}/amendments/{amendment}/reject",
            reject,
            "/texts/{id}/draft",
        )
        .post_from("/texts/{id}/freeze", freeze, "/texts/{id}/draft")
}

/// What the workspace's forms keep after a refusal.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Kept {
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub paragraph: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub amend_paragraph: String,
    #[serde(default)]
    pub replacement: String,
    #[serde(default)]
    pub reason: String,
}

/// A paragraph of the shown version with its comments.
pub struct Para {
    pub number: i64,
    pub text: String,
    pub comments: Vec<Comment>,
}

#[derive(Template)]
#[template(path = "texts/templates/draft.html")]
struct DraftPage {
    ctx: Ctx,
    w: Workspace,
    lang: String,
    latest: Option<Version>,
    paras: Vec<Para>,
    /// Comments on other versions of this language.
    earlier: Vec<Comment>,
    kept: Kept,
    errors: FormErrors,
}

impl DraftPage {
    fn kind(&self) -> String {
        kind_label(&self.ctx, &self.w.view.text.kind)
    }
    fn lang_name(&self, l: &str) -> String {
        lang_label(&self.ctx, l)
    }
    fn href(&self) -> String {
        self.ctx.href(&draft_href(&self.w.view.text.id))
    }
    fn version_label(&self, n: &i64) -> String {
        self.ctx.ta("jt-version-n", &[("version", Arg::Num(*n))])
    }
    fn paragraph_label(&self, n: &i64) -> String {
        self.ctx
            .ta("jt-paragraph-n", &[("paragraph", Arg::Num(*n))])
    }
    fn open_amendments(&self) -> Vec<&Amendment> {
        self.w
            .amendments
            .iter()
            .filter(|a| a.state == "open")
            .collect()
    }
    fn decided_amendments(&self) -> Vec<&Amendment> {
        self.w
            .amendments
            .iter()
            .filter(|a| a.state != "open")
            .collect()
    }
    /// The version before `n` in the same language, for "compare with previous".
    fn previous(&self, n: &i64, lang: &str) -> Option<i64> {
        self.w
            .view
            .heads
            .iter()
            .filter(|h| h.lang == lang && h.number < *n)
            .map(|h| h.number)
            .max()
    }
    fn other_langs(&self) -> Vec<String> {
        spona_domain::joint_text::LANGS
            .iter()
            .filter(|l| !self.w.view.langs().iter().any(|h| h == *l))
            .map(|l| (*l).to_owned())
            .collect()
    }
}

async fn show(
    ctx: Ctx,
    id: &str,
    lang: Option<String>,
    kept: Kept,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let w = uc::workspace(&ctx.actor(), &ctx.state.db, id).await?;
    let asked = Query(LangQuery {
        lang: lang.unwrap_or_default(),
    });
    let lang = pick_lang(&ctx, &asked, &w.view.langs());
    let latest = w.view.latest_of(&lang).cloned();
    let mut paras = Vec::new();
    let mut earlier = Vec::new();
    if let Some(v) = &latest {
        for (i, text) in paragraphs(&v.body).into_iter().enumerate() {
            let number = i as i64 + 1;
            let comments = w
                .comments
                .iter()
                .filter(|c| c.version == v.number && c.paragraph == number)
                .cloned()
                .collect();
            paras.push(Para {
                number,
                text,
                comments,
            });
        }
        let of_lang: Vec<i64> = w
            .view
            .heads
            .iter()
            .filter(|h| h.lang == lang && h.number != v.number)
            .map(|h| h.number)
            .collect();
        earlier = w
            .comments
            .iter()
            .filter(|c| of_lang.contains(&c.version))
            .cloned()
            .collect();
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        form_status(&errors)
    };
    Ok(render(
        status,
        &DraftPage {
            w,
            lang,
            latest,
            paras,
            earlier,
            kept,
            errors,
            ctx,
        },
    ))
}

async fn workspace(
    ctx: Ctx,
    Path(id): Path<String>,
    q: Query<LangQuery>,
) -> Result<Response, AppError> {
    let lang = q.0.lang;
    show(ctx, &id, Some(lang), Kept::default(), FormErrors::new()).await
}

fn number(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

/// The answer to an inline form: 303 back to the workspace, or the workspace with the
/// refused fields (422).
async fn answer(
    ctx: Ctx,
    id: &str,
    kept: Kept,
    done: spona_app::Result<()>,
    anchor: &str,
) -> Result<Response, AppError> {
    match done {
        Ok(()) => {
            let lang = if kept.lang.is_empty() {
                String::new()
            } else {
                format!("?lang={}", kept.lang)
            };
            Ok(see_other(
                &ctx,
                &format!("{}{lang}{anchor}", draft_href(id)),
            ))
        }
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let lang = Some(kept.lang.clone());
            show(ctx, id, lang, kept, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn add_comment(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    let done = uc::comment(
        &ctx.actor(),
        &ctx.state.db,
        &id,
        number(&f.version),
        number(&f.paragraph),
        &f.comment,
    )
    .await
    .map(|_| ());
    answer(ctx, &id, f, done, "#comments").await
}

async fn resolve(
    ctx: Ctx,
    Path((id, comment)): Path<(String, String)>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    let done = uc::resolve(&ctx.actor(), &ctx.state.db, &id, &comment).await;
    answer(ctx, &id, f, done, "#comments").await
}

async fn propose(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    let a = Amend {
        version: number(&f.version),
        paragraph: number(&f.amend_paragraph),
        replacement: f.replacement.clone(),
        reason: f.reason.clone(),
    };
    let done = uc::propose(&ctx.actor(), &ctx.state.db, &id, &a)
        .await
        .map(|_| ());
    answer(ctx, &id, f, done, "#amendments").await
}

async fn decide(
    ctx: Ctx,
    id: String,
    amendment: String,
    f: Kept,
    accept: bool,
) -> Result<Response, AppError> {
    let done = uc::decide(&ctx.actor(), &ctx.state.db, &id, &amendment, accept)
        .await
        .map(|_| ());
    answer(ctx, &id, f, done, "#amendments").await
}

async fn accept(
    ctx: Ctx,
    Path((id, amendment)): Path<(String, String)>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    decide(ctx, id, amendment, f, true).await
}

async fn reject(
    ctx: Ctx,
    Path((id, amendment)): Path<(String, String)>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    decide(ctx, id, amendment, f, false).await
}

async fn freeze(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Kept>,
) -> Result<Response, AppError> {
    let done = uc::freeze(&ctx.actor(), &ctx.state.db, &id, number(&f.version)).await;
    answer(ctx, &id, f, done, "#versions").await
}

/// `?from=&to=`: two version numbers (a missing one is no version: 404).
#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    pub from: i64,
    #[serde(default)]
    pub to: i64,
}

/// One line of the differences: `-` removed, `+` added, ` ` kept.
pub struct Line {
    pub sign: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "texts/templates/compare.html")]
struct ComparePage {
    ctx: Ctx,
    id: String,
    from: Version,
    to: Version,
    title_changed: bool,
    lines: Vec<Line>,
}

impl ComparePage {
    fn version_label(&self, n: &i64) -> String {
        self.ctx.ta("jt-version-n", &[("version", Arg::Num(*n))])
    }
    fn lang_name(&self, l: &str) -> String {
        lang_label(&self.ctx, l)
    }
}

/// The lines of two bodies with what was removed and added.
pub fn diff_lines(old: &str, new: &str) -> Vec<Line> {
    use similar::{ChangeTag, TextDiff};
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| Line {
            sign: match c.tag() {
                ChangeTag::Delete => "-",
                ChangeTag::Insert => "+",
                ChangeTag::Equal => " ",
            },
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

async fn compare(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let from = uc::version(&actor, &ctx.state.db, &id, q.from).await?;
    let to = uc::version(&actor, &ctx.state.db, &id, q.to).await?;
    let lines = diff_lines(&from.body, &to.body);
    Ok(page(&ComparePage {
        title_changed: from.title != to.title,
        id,
        from,
        to,
        lines,
        ctx,
    }))
}
