//! Writing issues: starting a draft, the editor (one title and Markdown body per language),
//! the preview (the issue's page as a reader of each language sees it), a test mail to
//! oneself, scheduling; an issue's permanent page; the subscriber list for editors.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::newsletters::{issues, subscribe};
use spona_domain::newsletter::{ISSUE_LANGS, IssueState, Variant, field};
use spona_store::newsletters::{Issue, Newsletter, SubscriberLine};

use super::mailer;
use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.post_from("/newsletters/{slug}/issues", start, "/newsletters/{slug}")
        .get("/newsletters/{slug}/issues/{id}", show)
        .get("/newsletters/{slug}/issues/{id}/edit", edit)
        .post("/newsletters/{slug}/issues/{id}/edit", save)
        .post_from(
            "/newsletters/{slug}/issues/{id}/test",
            test,
            "/newsletters/{slug}/issues/{id}/edit",
        )
        .post_from(
            "/newsletters/{slug}/issues/{id}/schedule",
            schedule,
            "/newsletters/{slug}/issues/{id}/edit",
        )
        .post_from(
            "/newsletters/{slug}/issues/{id}/unschedule",
            unschedule,
            "/newsletters/{slug}/issues/{id}/edit",
        )
        .get("/newsletters/{slug}/subscribers", subscribers)
}

fn edit_path(slug: &str, id: &str) -> String {
    format!("/newsletters/{slug}/issues/{id}/edit")
}

#[derive(serde::Deserialize, Default)]
struct StartForm {
    #[serde(default)]
    once: String,
}

/// Starts a draft; the form's one-time key makes a retried post start one draft only (the
/// retry is sent to the first one's editor).
async fn start(
    ctx: Ctx,
    Path(slug): Path<String>,
    axum_extra::extract::Form(f): axum_extra::extract::Form<StartForm>,
) -> Result<Response, AppError> {
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, &edit_path(&slug, "{id}"))?;
    match issues::start(&ctx.actor(), &ctx.state.db, &slug, Some(&once)).await {
        Ok((n, id)) => Ok(see_other(&ctx, &edit_path(&n.slug, &id))),
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

/// One language's fields in the editor.
pub struct VariantField {
    pub lang: &'static str,
    pub title_field: &'static str,
    pub body_field: &'static str,
    pub title: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "newsletters/templates/issue_edit.html")]
struct EditPage {
    ctx: Ctx,
    n: Newsletter,
    issue: Issue,
    fields: Vec<VariantField>,
    /// Languages written, for the preview links.
    written: Vec<String>,
    errors: FormErrors,
    /// The schedule field as typed (kept after an error).
    at: String,
    tested: bool,
}

impl EditPage {
    fn editable(&self) -> bool {
        self.issue.state.editable()
    }
    fn scheduled(&self) -> bool {
        self.issue.state == IssueState::Scheduled
    }
    fn send_at(&self) -> String {
        self.issue
            .send_at
            .map(|t| self.ctx.datetime(&t))
            .unwrap_or_default()
    }
    fn sent_at(&self) -> String {
        self.issue
            .sent_at
            .map(|t| self.ctx.datetime(&t))
            .unwrap_or_default()
    }
    fn sent_note(&self) -> String {
        let when = self.sent_at();
        self.ctx.ta(
            "newsletter-sent-note",
            &[
                ("when", spona_i18n::Arg::Str(&when)),
                ("count", spona_i18n::Arg::Num(self.issue.recipients)),
            ],
        )
    }
}

fn fields_of(variants: &[Variant]) -> Vec<VariantField> {
    ISSUE_LANGS
        .iter()
        .map(|lang| {
            let v = variants.iter().find(|v| v.lang == *lang);
            VariantField {
                lang,
                title_field: field("title", lang),
                body_field: field("body", lang),
                title: v.map(|v| v.title.clone()).unwrap_or_default(),
                body: v.map(|v| v.body.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

#[derive(Deserialize)]
struct EditQuery {
    #[serde(default)]
    tested: Option<String>,
}

/// What the editor shows again after a post: the texts as typed, the problems, the schedule
/// field as typed, whether a test just left.
#[derive(Default)]
struct Again {
    typed: Option<Vec<Variant>>,
    errors: FormErrors,
    at: String,
    tested: bool,
}

async fn edit_page(
    ctx: Ctx,
    slug: &str,
    id: &str,
    again: Again,
    status: StatusCode,
) -> Result<Response, AppError> {
    let view = issues::for_editor(&ctx.actor(), &ctx.state.db, slug, id).await?;
    let written = view.variants.iter().map(|v| v.lang.clone()).collect();
    let Again {
        typed,
        errors,
        at,
        tested,
    } = again;
    let fields = fields_of(typed.as_deref().unwrap_or(&view.variants));
    Ok(render(
        status,
        &EditPage {
            ctx,
            n: view.newsletter,
            issue: view.issue,
            fields,
            written,
            errors,
            at,
            tested,
        },
    ))
}

async fn edit(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    let tested = q.tested.is_some();
    let again = Again {
        tested,
        ..Again::default()
    };
    edit_page(ctx, &slug, &id, again, StatusCode::OK).await
}

fn variants_from(form: &HashMap<String, String>) -> Vec<Variant> {
    ISSUE_LANGS
        .iter()
        .map(|lang| Variant {
            lang: (*lang).to_owned(),
            title: form.get(field("title", lang)).cloned().unwrap_or_default(),
            body: form.get(field("body", lang)).cloned().unwrap_or_default(),
        })
        .collect()
}

async fn save(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let variants = variants_from(&form);
    match issues::save(&ctx.actor(), &ctx.state.db, &slug, &id, &variants).await {
        Ok(()) => Ok(see_other(&ctx, &edit_path(&slug, &id))),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            edit_page(
                ctx,
                &slug,
                &id,
                Again {
                    typed: Some(variants),
                    errors,
                    ..Again::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn test(ctx: Ctx, Path((slug, id)): Path<(String, String)>) -> Result<Response, AppError> {
    match issues::send_test(&ctx.actor(), &ctx.state.db, mailer(&ctx.state), &slug, &id).await {
        Ok(_) => Ok(see_other(
            &ctx,
            &format!("{}?tested=1", edit_path(&slug, &id)),
        )),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            edit_page(
                ctx,
                &slug,
                &id,
                Again {
                    errors,
                    ..Again::default()
                },
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ScheduleForm {
    /// `YYYY-MM-DDTHH:MM` in UTC, as `<input type="datetime-local">` sends it.
    #[serde(default)]
    at: String,
}

/// `YYYY-MM-DDTHH:MM` (seconds allowed) read as UTC; `None` when it is no such time.
pub fn parse_utc(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = s.split_once('T').or_else(|| s.split_once(' '))?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (t.next()??, t.next()??);
    let sec = t.next().flatten().unwrap_or(0);
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
    let tm = time::Time::from_hms(
        u8::try_from(h).ok()?,
        u8::try_from(min).ok()?,
        u8::try_from(sec).ok()?,
    )
    .ok()?;
    Some(
        time::PrimitiveDateTime::new(date, tm)
            .assume_utc()
            .unix_timestamp(),
    )
}

async fn schedule(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, AppError> {
    let at = parse_utc(&f.at);
    let now = spona_store::now();
    match issues::schedule(&ctx.actor(), &ctx.state.db, &slug, &id, at, now).await {
        Ok(()) => Ok(see_other(&ctx, &edit_path(&slug, &id))),
        Err(spona_app::Error::Invalid(problems)) => {
            let errors = FormErrors::from_invalid(&ctx, &problems);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            edit_page(
                ctx,
                &slug,
                &id,
                Again {
                    errors,
                    at: f.at,
                    ..Again::default()
                },
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn unschedule(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    issues::unschedule(&ctx.actor(), &ctx.state.db, &slug, &id).await?;
    Ok(see_other(&ctx, &edit_path(&slug, &id)))
}

#[derive(Template)]
#[template(path = "newsletters/templates/issue.html")]
struct IssuePage {
    ctx: Ctx,
    n: Newsletter,
    issue: Issue,
    shown: Variant,
    body_html: String,
    /// Other languages it is written in: `(tag, title)`.
    others: Vec<(String, String)>,
    can_edit: bool,
}

impl IssuePage {
    fn sent(&self) -> bool {
        self.issue.state == IssueState::Sent
    }
    fn sent_at(&self) -> String {
        self.issue
            .sent_at
            .map(|t| self.ctx.date(&t))
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// An issue: its permanent address once sent; a preview for its editors before.
async fn show(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let view = issues::read(&ctx.actor(), &ctx.state.db, &slug, &id).await?;
    let asked = q
        .lang
        .as_deref()
        .and_then(|l| view.variants.iter().find(|v| v.lang == l).cloned());
    let Some(shown) = asked.or_else(|| issues::choose(ctx.locale, &view.variants)) else {
        // A draft with nothing written yet: its editor goes to the editor.
        return Ok(see_other(&ctx, &edit_path(&slug, &id)));
    };
    let others = view
        .variants
        .iter()
        .filter(|v| v.lang != shown.lang && !v.title.trim().is_empty())
        .map(|v| (v.lang.clone(), v.title.clone()))
        .collect();
    Ok(page(&IssuePage {
        body_html: spona_app::markdown::to_html(&shown.body),
        shown,
        others,
        can_edit: view.can_edit,
        n: view.newsletter,
        issue: view.issue,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "newsletters/templates/subscribers.html")]
struct SubscribersPage {
    ctx: Ctx,
    n: Newsletter,
    lines: Vec<SubscriberLine>,
    count: i64,
}

impl SubscribersPage {
    fn since(&self, l: &SubscriberLine) -> String {
        self.ctx.date(&l.confirmed_at.unwrap_or(l.created_at))
    }
}

async fn subscribers(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (n, lines, count) = subscribe::subscribers(&ctx.actor(), &ctx.state.db, &slug).await?;
    Ok(page(&SubscribersPage {
        ctx,
        n,
        lines,
        count,
    }))
}

#[cfg(test)]
mod tests {
    use super::parse_utc;

    #[test]
    fn the_schedule_field_is_read_as_utc() {
        assert_eq!(parse_utc("2026-12-05T12:00"), Some(1_796_472_000));
        assert_eq!(parse_utc("2026-12-05T12:00:30"), Some(1_796_472_030));
        assert_eq!(parse_utc("2026-02-30T12:00"), None);
        assert_eq!(parse_utc("tomorrow"), None);
        assert_eq!(parse_utc(""), None);
    }
}
