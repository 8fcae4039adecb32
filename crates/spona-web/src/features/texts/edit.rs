//! Opening a text (`/texts/new`: kind, drafting organisations, first language's title and
//! body) and saving a new version of a language's variant (`/texts/{id}/edit`), both shown
//! again with their errors (422) and nothing saved when refused.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use spona_app::texts as uc;
use spona_domain::joint_text::{KINDS, LANGS, VariantDraft};
use spona_store::joint_texts::Version;

use super::{LangQuery, draft_href, kind_label, lang_label, pick_lang};
use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/texts/new", new_form)
        .post("/texts/new", create)
        .get("/texts/{id}/edit", edit_form)
        .post("/texts/{id}/edit", save)
}

type Fields = Vec<(String, String)>;

fn one(fields: &Fields, name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn all(fields: &Fields, name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

fn draft_of(f: &Fields) -> VariantDraft {
    VariantDraft {
        lang: one(f, "lang"),
        title: one(f, "title"),
        body: one(f, "body"),
        note: one(f, "note"),
    }
}

#[derive(Template)]
#[template(path = "texts/templates/new.html")]
struct NewPage {
    ctx: Ctx,
    kind: String,
    orgs: Vec<String>,
    draft: VariantDraft,
    errors: FormErrors,
}

impl NewPage {
    fn kinds(&self) -> Vec<(String, String)> {
        KINDS
            .iter()
            .map(|k| ((*k).to_owned(), kind_label(&self.ctx, k)))
            .collect()
    }
    fn langs(&self) -> Vec<(String, String)> {
        LANGS
            .iter()
            .map(|l| ((*l).to_owned(), lang_label(&self.ctx, l)))
            .collect()
    }
    /// The reader's organisations `(slug, name)`.
    fn my_orgs(&self) -> Vec<(String, String)> {
        self.ctx
            .user
            .as_ref()
            .map(|u| {
                u.memberships
                    .iter()
                    .map(|m| (m.org_slug.clone(), m.org_name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
    fn has_org(&self, slug: &str) -> bool {
        self.orgs.iter().any(|o| o == slug)
    }
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    if ctx.require_user()?.memberships.is_empty() {
        return Err(AppError::Forbidden);
    }
    let draft = VariantDraft {
        lang: spona_domain::resource::ContentLang::of_locale(ctx.locale)
            .as_str()
            .to_owned(),
        ..Default::default()
    };
    Ok(render(
        axum::http::StatusCode::OK,
        &NewPage {
            kind: String::new(),
            orgs: Vec::new(),
            draft,
            errors: FormErrors::new(),
            ctx,
        },
    ))
}

async fn create(ctx: Ctx, Form(f): Form<Fields>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    actor.require_user()?;
    let once = once_in_tx(&ctx, &one(&f, "once"), "/texts/{id}/draft")?;
    let kind = one(&f, "kind");
    let orgs = all(&f, "orgs");
    let draft = draft_of(&f);
    match uc::create(&actor, &ctx.state.db, &kind, &orgs, &draft, Some(&once)).await {
        Ok(id) => Ok(see_other(&ctx, &draft_href(&id))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(render(
                form_status(&errors),
                &NewPage {
                    kind,
                    orgs,
                    draft,
                    errors,
                    ctx,
                },
            ))
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "texts/templates/edit.html")]
struct EditPage {
    ctx: Ctx,
    id: String,
    /// The language's latest version (none for a new language).
    latest: Option<Version>,
    base: i64,
    draft: VariantDraft,
    errors: FormErrors,
}

impl EditPage {
    fn lang_name(&self) -> String {
        lang_label(&self.ctx, &self.draft.lang)
    }
    fn back(&self) -> String {
        self.ctx.href(&draft_href(&self.id))
    }
    fn is_final(&self) -> bool {
        self.latest.as_ref().is_some_and(Version::is_final)
    }
    fn after_final_line(&self) -> String {
        let n = self.latest.as_ref().map_or(0, |v| v.number);
        self.ctx.ta(
            "jt-edit-after-final",
            &[("version", spona_i18n::Arg::Num(n))],
        )
    }
}

async fn edit_form(
    ctx: Ctx,
    Path(id): Path<String>,
    q: Query<LangQuery>,
) -> Result<Response, AppError> {
    let w = uc::workspace(&ctx.actor(), &ctx.state.db, &id).await?;
    let lang = if LANGS.contains(&q.lang.as_str()) {
        q.lang.clone()
    } else {
        pick_lang(&ctx, &q, &w.view.langs())
    };
    let latest = w.view.latest_of(&lang).cloned();
    let draft = VariantDraft {
        lang,
        title: latest.as_ref().map(|v| v.title.clone()).unwrap_or_default(),
        body: latest.as_ref().map(|v| v.body.clone()).unwrap_or_default(),
        note: String::new(),
    };
    let base = latest.as_ref().map_or(0, |v| v.number);
    Ok(render(
        axum::http::StatusCode::OK,
        &EditPage {
            id,
            latest,
            base,
            draft,
            errors: FormErrors::new(),
            ctx,
        },
    ))
}

async fn save(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let draft = draft_of(&f);
    let base: i64 = one(&f, "base").trim().parse().unwrap_or(-1);
    let after_final = one(&f, "after_final") == "yes";
    match uc::save(&actor, &ctx.state.db, &id, base, &draft, after_final).await {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("{}?lang={}#versions", draft_href(&id), draft.lang),
        )),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let w = uc::workspace(&actor, &ctx.state.db, &id).await?;
            let latest = w.view.latest_of(&draft.lang).cloned();
            Ok(render(
                form_status(&errors),
                &EditPage {
                    id,
                    latest,
                    base,
                    draft,
                    errors,
                    ctx,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}
