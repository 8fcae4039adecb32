//! Writing a quiz question by question, with forms that need no JavaScript: the list of
//! questions (change, move up or down, remove; the quiz's title, introduction, what to
//! remember, score and shuffling), and a question's form (its kind, its text in every
//! language, its choices with the right one(s) and the feedback per choice, the
//! explanation, a link to a hub resource or a hotline, a scale's range). Each save goes
//! through `spona_app::quizzes::questions::change`: a new version once people answered.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use spona_app::quizzes::author as uc;
use spona_app::quizzes::questions::change;
use spona_domain::Locale;
use spona_domain::quiz::edit::{self, Fields};
use spona_domain::quiz::{KINDS, LANGS, QuizDoc};

use super::view;
use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/quizzes/{id}/questions", list)
        .post_from(
            "/quizzes/{id}/questions/settings",
            settings,
            "/quizzes/{id}/questions",
        )
        .get("/quizzes/{id}/questions/new", new_form)
        .post("/quizzes/{id}/questions/new", add)
        .get("/quizzes/{id}/questions/{n}", edit_form)
        .post("/quizzes/{id}/questions/{n}", replace)
        .post_from(
            "/quizzes/{id}/questions/{n}/move",
            move_one,
            "/quizzes/{id}/questions",
        )
        .post_from(
            "/quizzes/{id}/questions/{n}/remove",
            remove,
            "/quizzes/{id}/questions",
        )
}

/// The languages a quiz is written in, with their names: `(tag, name)`.
pub fn langs() -> Vec<(&'static str, &'static str)> {
    LANGS
        .iter()
        .map(|l| (*l, Locale::from_tag(l).map_or(*l, Locale::endonym)))
        .collect()
}

/// A form's value by name (empty when absent).
fn value(f: &Fields, name: &str) -> String {
    f.get(name).cloned().unwrap_or_default()
}

/// One line of the question list.
struct Line {
    text: String,
    kind: String,
    choices: usize,
}

#[derive(Template)]
#[template(path = "quiz/templates/edit_questions.html")]
struct ListPage {
    ctx: Ctx,
    id: String,
    title: String,
    version: i64,
    lines: Vec<Line>,
    /// The settings form's values.
    fields: Fields,
    errors: FormErrors,
}

impl ListPage {
    fn v(&self, prefix: &str, lang: &str) -> String {
        value(&self.fields, &format!("{prefix}-{lang}"))
    }
    fn on(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|v| v == "yes")
    }
    fn langs(&self) -> Vec<(&'static str, &'static str)> {
        langs()
    }
    fn locales(&self) -> [Locale; Locale::ALL.len()] {
        Locale::ALL
    }
    fn kind_label(&self, kind: &str) -> String {
        self.ctx.t(&format!("qz-kind-q-{kind}"))
    }
    /// The settings' texts: `(name, rows)`, 0 rows for a one-line input.
    fn parts(&self) -> Vec<(&'static str, usize)> {
        vec![("title", 0), ("intro", 3), ("remember", 3)]
    }
    fn legend(&self, part: &str) -> String {
        self.ctx.t(&format!("qzm-{part}"))
    }
    fn err(&self, part: &str) -> Option<String> {
        self.errors.get(&format!("{part}-en")).cloned()
    }
    fn last(&self) -> usize {
        self.lines.len()
    }
}

async fn list_page(
    ctx: Ctx,
    id: &str,
    fields: Option<Fields>,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let v = uc::view(&ctx.actor(), &ctx.state.db, id).await?;
    let lines = v
        .doc
        .questions
        .iter()
        .map(|q| Line {
            text: view::text(&ctx, &q.text),
            kind: q.kind.clone(),
            choices: q.options.len(),
        })
        .collect();
    Ok(render(
        form_status(&errors),
        &ListPage {
            id: v.campaign.id.clone(),
            title: view::text(&ctx, &v.doc.title),
            version: v.quiz.version,
            lines,
            fields: fields.unwrap_or_else(|| edit::settings_fields(&v.doc)),
            errors,
            ctx,
        },
    ))
}

async fn list(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    list_page(ctx, &id, None, FormErrors::new()).await
}

fn back(ctx: &Ctx, id: &str) -> Response {
    see_other(ctx, &format!("/quizzes/{id}/questions"))
}

async fn settings(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let changed = change(&ctx.actor(), &ctx.state.db, &id, |doc| {
        let errors = edit::settings_from(&f, doc);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    })
    .await;
    match changed {
        Ok(_) => Ok(back(&ctx, &id)),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            list_page(ctx, &id, Some(f), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A question number from the address (1-based) as an index.
fn index(n: &str) -> Result<usize, AppError> {
    n.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .ok_or(AppError::NotFound)
}

async fn move_one(
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let at = index(&n)?;
    let up = match f.get("dir").map(String::as_str) {
        Some("up") => true,
        Some("down") => false,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    let moved = change(&ctx.actor(), &ctx.state.db, &id, |doc| {
        if edit::move_question(doc, at, up) {
            Ok(())
        } else {
            Err(vec![spona_domain::Invalid::new(
                "question",
                "qzm-err-cannot-move",
            )])
        }
    })
    .await;
    match moved {
        Ok(_) => Ok(back(&ctx, &id)),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            list_page(ctx, &id, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove(ctx: Ctx, Path((id, n)): Path<(String, String)>) -> Result<Response, AppError> {
    let at = index(&n)?;
    let removed = change(&ctx.actor(), &ctx.state.db, &id, |doc| {
        edit::remove_question(doc, at).map_err(|e| vec![e])
    })
    .await;
    match removed {
        Ok(_) => Ok(back(&ctx, &id)),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            list_page(ctx, &id, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "quiz/templates/edit_question.html")]
struct QuestionPage {
    ctx: Ctx,
    id: String,
    /// The question's number (1-based); none for a new one.
    n: Option<usize>,
    fields: Fields,
    rows: usize,
    errors: FormErrors,
}

/// What the question fields (`question_fields.html`) read from the page that includes
/// them: the form's values, the number of choice rows and the reader's context.
pub trait QuestionFields {
    fn fields(&self) -> &Fields;
    fn rows(&self) -> usize;
    fn context(&self) -> &Ctx;

    fn v(&self, prefix: &str, lang: &str) -> String {
        value(self.fields(), &format!("{prefix}-{lang}"))
    }
    fn one(&self, name: &str) -> String {
        value(self.fields(), name)
    }
    fn opt(&self, i: &usize, part: &str, lang: &str) -> String {
        value(self.fields(), &format!("o{i}-{part}-{lang}"))
    }
    fn right(&self, i: &usize) -> bool {
        self.fields()
            .get(&format!("o{i}-correct"))
            .is_some_and(|v| v == "yes")
    }
    fn row_list(&self) -> Vec<usize> {
        (0..self.rows()).collect()
    }
    fn langs(&self) -> Vec<(&'static str, &'static str)> {
        langs()
    }
    /// `(kind, label, chosen)`; a new question is a single choice.
    fn kinds(&self) -> Vec<(&'static str, String, bool)> {
        let chosen = self
            .fields()
            .get("kind")
            .map_or("single", String::as_str)
            .to_owned();
        KINDS
            .iter()
            .map(|k| {
                let label = self.context().t(&format!("qz-kind-q-{k}"));
                (*k, label, *k == chosen)
            })
            .collect()
    }
}

/// How many choice rows a form shows for the values it holds.
pub fn rows_for(fields: &Fields) -> usize {
    let filled = (0..spona_domain::quiz::MAX_OPTIONS)
        .filter(|i| {
            let prefix = format!("o{i}-");
            fields
                .iter()
                .any(|(k, v)| k.starts_with(&prefix) && !v.trim().is_empty())
        })
        .max()
        .map_or(0, |i| i + 1);
    edit::option_rows(filled)
}

impl QuestionFields for QuestionPage {
    fn fields(&self) -> &Fields {
        &self.fields
    }
    fn rows(&self) -> usize {
        self.rows
    }
    fn context(&self) -> &Ctx {
        &self.ctx
    }
}

impl QuestionPage {
    fn action(&self) -> String {
        match self.n {
            Some(n) => format!("/quizzes/{}/questions/{n}", self.id),
            None => format!("/quizzes/{}/questions/new", self.id),
        }
    }
}

fn question_page(
    ctx: Ctx,
    id: String,
    n: Option<usize>,
    fields: Fields,
    errors: FormErrors,
) -> Response {
    render(
        form_status(&errors),
        &QuestionPage {
            id,
            n,
            rows: rows_for(&fields),
            fields,
            errors,
            ctx,
        },
    )
}

async fn new_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::view(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(question_page(
        ctx,
        v.campaign.id,
        None,
        Fields::new(),
        FormErrors::new(),
    ))
}

async fn edit_form(ctx: Ctx, Path((id, n)): Path<(String, String)>) -> Result<Response, AppError> {
    let at = index(&n)?;
    let v = uc::view(&ctx.actor(), &ctx.state.db, &id).await?;
    let q = v.doc.questions.get(at).ok_or(AppError::NotFound)?;
    Ok(question_page(
        ctx,
        v.campaign.id,
        Some(at + 1),
        edit::fields_of(q),
        FormErrors::new(),
    ))
}

/// Saves the question of the form at `at` (or after the last): back to the list, or the
/// form again with what is wrong.
async fn save(ctx: Ctx, id: String, at: Option<usize>, f: Fields) -> Result<Response, AppError> {
    let doc: QuizDoc = uc::view(&ctx.actor(), &ctx.state.db, &id).await?.doc;
    if at.is_some_and(|n| n >= doc.questions.len()) {
        return Err(AppError::NotFound);
    }
    let saved = match edit::question_from(&f, doc.scored) {
        Ok(q) => {
            change(&ctx.actor(), &ctx.state.db, &id, |doc| {
                edit::put_question(doc, at, q).map_err(|e| vec![e])
            })
            .await
        }
        Err(list) => Err(spona_app::Error::Invalid(list)),
    };
    match saved {
        Ok(_) => Ok(back(&ctx, &id)),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(question_page(ctx, id, at.map(|n| n + 1), f, errors))
        }
        Err(e) => Err(e.into()),
    }
}

async fn add(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    save(ctx, id, None, f).await
}

async fn replace(
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let at = index(&n)?;
    save(ctx, id, Some(at), f).await
}
