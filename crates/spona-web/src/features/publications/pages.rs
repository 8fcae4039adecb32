//! The public list of publications (with the reader's drafts and their organisations'
//! scheduled ones) and a publication's page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;
use spona_app::publications as uc;
use spona_domain::resource::ContentLang;
use spona_store::publications::Scope;

use super::view::{Shown, shown};
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories", list).get("/stories/{id}", read)
}

#[derive(Template)]
#[template(path = "publications/templates/list.html")]
struct ListPage {
    ctx: Ctx,
    published: Vec<Shown>,
    mine: Vec<Shown>,
    can_write: bool,
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let now = spona_store::now();
    let actor = ctx.actor();
    let db = &ctx.state.db;
    let published = uc::published(db, &Scope::All, now)
        .await?
        .iter()
        .map(|p| shown(&ctx, p, None, now))
        .collect();
    let mine = uc::unpublished(&actor, db, now)
        .await?
        .iter()
        .map(|p| shown(&ctx, p, None, now))
        .collect();
    let can_write = actor.is_signed_in() && !uc::publishers(&actor, db).await?.is_empty();
    Ok(page(&ListPage {
        ctx,
        published,
        mine,
        can_write,
    }))
}

#[derive(Deserialize)]
struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Template)]
#[template(path = "publications/templates/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: Shown,
    author: bool,
    photo_essay: bool,
    can_delete: bool,
}

impl ShowPage {
    fn lang_label(&self, l: &str) -> String {
        self.ctx.label("lang", l)
    }
    fn status_label(&self) -> String {
        self.ctx.label("pb-status", self.p.status)
    }
}

async fn read(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let now = spona_store::now();
    let actor = ctx.actor();
    let p = uc::read(&actor, &ctx.state.db, &id, now).await?;
    let lang = q.lang.as_deref().and_then(ContentLang::parse);
    let author = uc::is_author(&actor, &p);
    let photo_essay = p.kind == "photo-essay";
    let can_delete = actor.is_signed_in() && uc::can_delete(&actor, &p, now);
    let p = shown(&ctx, &p, lang, now);
    Ok(page(&ShowPage {
        ctx,
        p,
        author,
        photo_essay,
        can_delete,
    }))
}
