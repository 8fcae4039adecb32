//! Keeping the hub up to date: a variant's versions, an old version, the difference between
//! two versions, and the "needs review" and "outdated translations" lists of the reader's
//! organisations.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};
use spona_domain::resource::ContentLang;
use spona_store::resources::{self, Resource, ResourceLine, Version};

use super::access;
use super::search::in_script;
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx, markdown};

pub fn routes(r: Routes) -> Routes {
    r.get("/resources/review", needs_review)
        .get("/resources/outdated", outdated)
        .get("/resources/{id}/versions", versions)
        .get("/resources/{id}/versions/{version}", version)
        .get("/resources/{id}/compare", compare)
}

#[derive(Deserialize, Default)]
struct LangQuery {
    #[serde(default)]
    lang: String,
}

async fn load(
    ctx: &Ctx,
    id: &str,
    lang: &str,
) -> Result<(Resource, ContentLang, Vec<Version>), AppError> {
    let r = access::readable(ctx, id).await?;
    // Without a language: the variant the reader would be shown.
    let lang = match lang {
        "" => super::browse::chosen_variant(ctx, &r, "")
            .map(|v| v.lang())
            .ok_or(AppError::NotFound)?,
        l => ContentLang::parse(l).ok_or(AppError::NotFound)?,
    };
    let list = resources::versions(&ctx.state.db, &r.id, lang).await?;
    if list.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((r, lang, list))
}

#[derive(Template)]
#[template(path = "resources/templates/resource_versions.html")]
struct VersionsPage {
    ctx: Ctx,
    r: Resource,
    lang: String,
    title: String,
    versions: Vec<Version>,
}

async fn versions(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (r, lang, versions) = load(&ctx, &id, &q.lang).await?;
    let title = in_script(&ctx, lang, &versions[0].title);
    Ok(page(&VersionsPage {
        ctx,
        r,
        lang: lang.as_str().to_owned(),
        title,
        versions,
    }))
}

#[derive(Template)]
#[template(path = "resources/templates/resource_version.html")]
struct VersionPage {
    ctx: Ctx,
    r: Resource,
    lang: String,
    v: Version,
    current: i64,
    title: String,
    body_html: String,
}

async fn version(
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (r, lang, list) = load(&ctx, &id, &q.lang).await?;
    let n: i64 = n.parse().map_err(|_| AppError::NotFound)?;
    let current = list[0].version;
    let v = list
        .into_iter()
        .find(|v| v.version == n)
        .ok_or(AppError::NotFound)?;
    Ok(page(&VersionPage {
        title: in_script(&ctx, lang, &v.title),
        body_html: in_script(&ctx, lang, &markdown::to_html(&v.body)),
        lang: lang.as_str().to_owned(),
        current,
        v,
        r,
        ctx,
    }))
}

/// One line of a difference: `+` added, `-` removed, ` ` kept.
pub struct DiffLine {
    pub sign: &'static str,
    pub class: &'static str,
    pub text: String,
}

/// The line difference between two texts (title and summary count as the first lines).
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| {
            let (sign, class) = match c.tag() {
                ChangeTag::Delete => ("-", "del"),
                ChangeTag::Insert => ("+", "ins"),
                ChangeTag::Equal => (" ", "same"),
            };
            DiffLine {
                sign,
                class,
                text: c.value().trim_end_matches('\n').to_owned(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "resources/templates/resource_compare.html")]
struct ComparePage {
    ctx: Ctx,
    r: Resource,
    lang: String,
    from: Version,
    to: Version,
    lines: Vec<DiffLine>,
    changes: usize,
}

#[derive(Deserialize, Default)]
struct CompareQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn as_text(v: &Version) -> String {
    format!("# {}\n\n{}\n\n{}\n", v.title, v.summary, v.body)
}

impl ComparePage {
    fn changes_label(&self) -> String {
        self.ctx.tn("hub-changed-lines", &(self.changes as i64))
    }
}

async fn compare(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, AppError> {
    let (r, lang, list) = load(&ctx, &id, &q.lang).await?;
    let find = |s: &str| -> Result<Version, AppError> {
        let n: i64 = s
            .parse()
            .map_err(|_| AppError::BadRequest("err-unknown-choice"))?;
        list.iter()
            .find(|v| v.version == n)
            .cloned()
            .ok_or(AppError::BadRequest("err-unknown-choice"))
    };
    let (mut from, mut to) = (find(&q.from)?, find(&q.to)?);
    if from.version > to.version {
        std::mem::swap(&mut from, &mut to);
    }
    let lines = diff_lines(&as_text(&from), &as_text(&to));
    let changes = lines.iter().filter(|l| l.class != "same").count();
    Ok(page(&ComparePage {
        lang: lang.as_str().to_owned(),
        from,
        to,
        lines,
        changes,
        r,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "resources/templates/resource_lists.html")]
struct ListPage {
    ctx: Ctx,
    heading: String,
    intro: String,
    review: bool,
    lines: Vec<ResourceLine>,
}

impl ListPage {
    fn kind_label(&self, kind: &str) -> String {
        self.ctx.label("rkind", kind)
    }
    fn title_of(&self, l: &ResourceLine) -> String {
        in_script(
            &self.ctx,
            ContentLang::parse(&l.lang).unwrap_or(ContentLang::En),
            &l.title,
        )
    }
}

/// The organisations whose lists the reader sees: all for an admin, else their own.
fn scope(ctx: &Ctx) -> Result<Option<Vec<String>>, AppError> {
    ctx.require_user()?;
    Ok(spona_app::resources::list_scope(&ctx.actor())?)
}

async fn needs_review(ctx: Ctx) -> Result<Response, AppError> {
    let orgs = scope(&ctx)?;
    let mut lines =
        resources::needs_review(&ctx.state.db, orgs.as_deref(), spona_store::now()).await?;
    crate::names::OrgNames::load(&ctx)
        .await?
        .resource_lines(&mut lines);
    Ok(page(&ListPage {
        heading: ctx.t("hub-needs-review"),
        intro: ctx.t("hub-needs-review-intro"),
        review: true,
        lines,
        ctx,
    }))
}

async fn outdated(ctx: Ctx) -> Result<Response, AppError> {
    let orgs = scope(&ctx)?;
    let mut lines = resources::outdated(&ctx.state.db, orgs.as_deref()).await?;
    crate::names::OrgNames::load(&ctx)
        .await?
        .resource_lines(&mut lines);
    Ok(page(&ListPage {
        heading: ctx.t("hub-outdated"),
        intro: ctx.t("hub-outdated-intro"),
        review: false,
        lines,
        ctx,
    }))
}

#[cfg(test)]
mod tests {
    use super::diff_lines;

    #[test]
    fn a_diff_shows_removed_and_added_lines() {
        let lines = diff_lines("a\nb\nc\n", "a\nB\nc\nd\n");
        let signs: String = lines.iter().map(|l| l.sign).collect();
        assert_eq!(signs, " -+ +");
        assert_eq!(lines[2].text, "B");
    }
}
