//! Discussions: starting a thread, a thread's pages (with "new since your last visit"),
//! replying, a post's history and edit form, hiding, follow and mute, and search.

use askama::Template;
use axum::extract::{Path, Query, Request};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::groups::discussions::{self, PostHistory, ThreadPage};
use spona_app::groups::notify::in_reader_script;
use spona_domain::Locale;
use spona_i18n::Arg;
use spona_store::groups::{Hit, Post, Version};

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/groups/{id}/threads", start, "/groups/{id}")
        .get("/groups/search", search)
        .get("/discussions/{id}", show)
        .post_from("/discussions/{id}/replies", reply, "/discussions/{id}")
        .post_from("/discussions/{id}/hide", hide, "/discussions/{id}")
        .post_from("/discussions/{id}/delete", delete, "/discussions/{id}")
        .post_from("/discussions/{id}/choice", choose, "/discussions/{id}")
        .get("/posts/{id}", history)
        .post("/posts/{id}", edit)
}

/// A post as a page shows it: its Markdown rendered safely, in the reader's script.
pub struct PostView {
    pub id: String,
    pub n: i64,
    pub author: String,
    pub html: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub new: bool,
    /// The first post not read before this visit.
    pub first_new: bool,
    pub mine: bool,
    pub files: Vec<super::files::FileView>,
}

fn html(locale: Locale, body: &str) -> String {
    spona_app::markdown::to_html(&in_reader_script(locale, body))
}

/// Starts a thread; the form may carry files (multipart), received once the group's
/// membership is checked.
async fn start(ctx: Ctx, Path(id): Path<String>, req: Request) -> Result<Response, AppError> {
    spona_app::groups::access(&ctx.actor(), &ctx.state.db, &id)
        .await?
        .require_member()?;
    let f = super::files::read(&ctx, req).await?;
    let once = crate::http::forms::once_in_tx(&ctx, f.field("once"), "/discussions/{id}")?;
    let m = super::mail_ctx(&ctx);
    let started = discussions::start(
        &ctx.actor(),
        &ctx.state.db,
        &m,
        &id,
        &discussions::NewThread {
            title: f.field("title"),
            body: f.field("body"),
            upload: f.upload.as_ref(),
        },
        Some(&once),
    )
    .await;
    match started {
        Ok(thread) => Ok(see_other(&ctx, &format!("/discussions/{thread}"))),
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            super::pages::group_page(ctx, &id, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "groups/templates/thread.html")]
struct ThreadTemplate {
    ctx: Ctx,
    p: ThreadPage,
    title: String,
    position: String,
    new_count: i64,
    posts: Vec<PostView>,
    errors: FormErrors,
    body: String,
    /// The reader wrote the thread or coordinates the group.
    can_delete: bool,
}

#[derive(Deserialize, Default)]
struct PageQuery {
    page: Option<String>,
}

async fn thread_page(
    ctx: Ctx,
    id: &str,
    page_no: Option<i64>,
    errors: FormErrors,
    body: String,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let p = discussions::read(&actor, &ctx.state.db, id, page_no).await?;
    let posts: Vec<PostView> = p
        .posts
        .iter()
        .map(|post: &Post| PostView {
            id: post.id.clone(),
            n: post.n,
            author: post.author_name.clone(),
            html: html(ctx.locale, &post.body),
            created_at: post.created_at,
            edited_at: post.edited_at,
            new: post.n > p.seen_before,
            first_new: post.n == p.seen_before + 1,
            mine: actor.id() == Some(post.author_id.as_str()),
            files: p
                .files
                .iter()
                .filter(|f| f.post_id == post.id)
                .map(|f| super::files::FileView::of(&ctx, f))
                .collect(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &ThreadTemplate {
            title: in_reader_script(ctx.locale, &p.thread.title),
            position: ctx.ta(
                "pager-position",
                &[("page", Arg::Num(p.page)), ("pages", Arg::Num(p.pages))],
            ),
            new_count: posts.iter().filter(|p: &&PostView| p.new).count() as i64,
            can_delete: p.access.coordinates() || actor.id() == Some(p.thread.author_id.as_str()),
            p,
            posts,
            errors,
            body,
            ctx,
        },
    ))
}

async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page_no = match q.page.as_deref() {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<i64>()
                .map_err(|_| AppError::BadRequest("err-page"))?,
        ),
    };
    thread_page(ctx, &id, page_no, FormErrors::new(), String::new()).await
}

#[derive(Deserialize, Default)]
struct ReplyForm {
    #[serde(default)]
    body: String,
}

/// Replies to a thread; the form may carry files (multipart), received only once the
/// reader's membership is checked and the thread is known to take replies.
async fn reply(ctx: Ctx, Path(id): Path<String>, req: Request) -> Result<Response, AppError> {
    let (t, _) = discussions::thread(&ctx.actor(), &ctx.state.db, &id).await?;
    if t.hidden_reason.is_some() {
        return Err(AppError::Conflict("err-thread-hidden"));
    }
    let f = super::files::read(&ctx, req).await?;
    let once = crate::http::forms::once_in_tx(&ctx, f.field("once"), "/discussions/{id}")?;
    let m = super::mail_ctx(&ctx);
    let body = f.field("body");
    let replied = discussions::reply(
        &ctx.actor(),
        &ctx.state.db,
        &m,
        &id,
        body,
        Some(&once),
        f.upload.as_ref(),
    )
    .await;
    match replied {
        Ok(n) => {
            let page = (n - 1) / discussions::PAGE + 1;
            Ok(see_other(
                &ctx,
                &format!("/discussions/{id}?page={page}#p{n}"),
            ))
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            let last = discussions::read(&ctx.actor(), &ctx.state.db, &id, None)
                .await?
                .pages;
            thread_page(ctx, &id, Some(last), errors, body.to_owned()).await
        }
    }
}

#[derive(Deserialize, Default)]
struct HideForm {
    #[serde(default)]
    reason: String,
}

async fn hide(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HideForm>,
) -> Result<Response, AppError> {
    match discussions::hide(&ctx.actor(), &ctx.state.db, &id, &f.reason).await {
        Ok(_) => Ok(see_other(&ctx, &format!("/discussions/{id}"))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            thread_page(ctx, &id, None, errors, String::new()).await
        }
    }
}

#[derive(Deserialize, Default)]
struct DeleteForm {
    #[serde(default)]
    delete_reason: String,
}

/// Deletes a thread (its author or a coordinator, with a reason); back to the group.
async fn delete(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DeleteForm>,
) -> Result<Response, AppError> {
    match discussions::delete(&ctx.actor(), &ctx.state.db, &id, &f.delete_reason).await {
        Ok(t) => Ok(see_other(&ctx, &format!("/groups/{}", t.group_id))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            thread_page(ctx, &id, None, errors, String::new()).await
        }
    }
}

#[derive(Deserialize, Default)]
struct ChoiceForm {
    #[serde(default)]
    choice: String,
}

async fn choose(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ChoiceForm>,
) -> Result<Response, AppError> {
    discussions::choose(&ctx.actor(), &ctx.state.db, &id, &f.choice).await?;
    Ok(see_other(&ctx, &format!("/discussions/{id}")))
}

#[derive(Template)]
#[template(path = "groups/templates/post.html")]
struct PostTemplate {
    ctx: Ctx,
    h: PostHistory,
    title: String,
    heading: String,
    html: String,
    versions: Vec<(Version, String, String)>,
    body: String,
    errors: FormErrors,
}

async fn post_page(
    ctx: Ctx,
    id: &str,
    body: Option<String>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let h = discussions::history(&ctx.actor(), &ctx.state.db, id).await?;
    let versions = h
        .versions
        .iter()
        .map(|v| {
            let label = ctx.ta("group-version", &[("n", Arg::Num(v.version))]);
            (v.clone(), label, html(ctx.locale, &v.body))
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &PostTemplate {
            title: in_reader_script(ctx.locale, &h.thread.title),
            heading: ctx.ta(
                "group-post-heading",
                &[
                    ("n", Arg::Num(h.post.n)),
                    ("author", Arg::Str(&h.post.author_name)),
                ],
            ),
            html: html(ctx.locale, &h.post.body),
            body: body.unwrap_or_else(|| h.post.body.clone()),
            versions,
            h,
            errors,
            ctx,
        },
    ))
}

async fn history(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    post_page(ctx, &id, None, FormErrors::new()).await
}

async fn edit(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ReplyForm>,
) -> Result<Response, AppError> {
    match discussions::edit(&ctx.actor(), &ctx.state.db, &id, &f.body).await {
        Ok(_) => Ok(see_other(&ctx, &format!("/posts/{id}"))),
        Err(e) => {
            let errors = super::form_errors(&ctx, e)?;
            post_page(ctx, &id, Some(f.body), errors).await
        }
    }
}

#[derive(Deserialize, Default)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "groups/templates/search.html")]
struct SearchTemplate {
    ctx: Ctx,
    q: String,
    count: i64,
    hits: Vec<(Hit, String, String)>,
}

async fn search(
    ctx: Ctx,
    client: crate::http::forms::ClientIp,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    actor.require_user()?;
    let hits = if q.q.trim().is_empty() {
        Vec::new()
    } else {
        ctx.state.limits.search(client.0).await?;
        discussions::search(&actor, &ctx.state.db, &q.q, ctx.locale).await?
    };
    let hits: Vec<(Hit, String, String)> = hits
        .into_iter()
        .map(|h| {
            let title = in_reader_script(ctx.locale, &h.title);
            let text: String =
                in_reader_script(ctx.locale, &spona_search::markdown_to_text(&h.body))
                    .chars()
                    .take(240)
                    .collect();
            (h, title, text)
        })
        .collect();
    Ok(page(&SearchTemplate {
        ctx,
        q: q.q,
        count: hits.len() as i64,
        hits,
    }))
}
