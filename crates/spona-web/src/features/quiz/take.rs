//! Taking a quiz without an account and without JavaScript: the landing page, one question
//! per page (POST the answer → 303 to its feedback → the next question), the optional
//! questions about the taker and the end. The session's signed token is in the addresses;
//! the client's address goes to `spona_app::quizzes::take::start` to be hashed and nowhere
//! else (never into a log line).

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::quizzes::take::{self as uc, Public, Taking};
use spona_domain::quiz::hotlines::{Hotline, for_country};
use spona_domain::quiz::{AGE_BANDS, COUNTRIES, Question};
use spona_store::now;

use super::offline::with_script;
use super::view;
use crate::http::forms::{ClientIp, FormErrors};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/q/{slug}", landing)
        // The installed quiz's start page (its manifest's `start_url`, inside the service
        // worker's scope `/{lang}/q/{slug}/`; lane quiz23).
        .get("/q/{slug}/", landing)
        .post_from("/q/{slug}/start", start, "/q/{slug}")
        .get("/q/{slug}/s/{token}/about", about)
        .post("/q/{slug}/s/{token}/about", about_post)
        .get("/q/{slug}/s/{token}/end", end)
        .get("/q/{slug}/s/{token}/{n}", question)
        .post("/q/{slug}/s/{token}/{n}", answer)
        .get("/q/{slug}/s/{token}/{n}/feedback", feedback)
}

#[derive(Deserialize, Default)]
struct ChannelQuery {
    #[serde(default)]
    c: Option<String>,
}

#[derive(Template)]
#[template(path = "quiz/templates/landing.html")]
struct Landing {
    ctx: Ctx,
    p: Public,
    open: bool,
    not_yet: bool,
    channel: String,
    unknown_channel: bool,
}

impl Landing {
    fn title(&self) -> String {
        view::text(&self.ctx, &self.p.doc.title)
    }
    fn intro(&self) -> String {
        view::text(&self.ctx, &self.p.doc.intro)
    }
}

async fn landing(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ChannelQuery>,
) -> Result<Response, AppError> {
    let p = uc::public(&ctx.state.db, &slug).await?;
    let channel = q.c.unwrap_or_default();
    let unknown_channel =
        !channel.is_empty() && !uc::channel_known(&ctx.state.db, &p, &channel).await?;
    let t = now();
    Ok(with_script(page(&Landing {
        open: p.is_open(t),
        not_yet: t < p.quiz.starts_at,
        channel: if unknown_channel {
            String::new()
        } else {
            channel
        },
        unknown_channel,
        p,
        ctx,
    })))
}

#[derive(Deserialize, Default)]
struct StartForm {
    #[serde(default)]
    c: String,
}

async fn start(
    ctx: Ctx,
    ClientIp(addr): ClientIp,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(f): Form<StartForm>,
) -> Result<Response, AppError> {
    let p = uc::public(&ctx.state.db, &slug).await?;
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let channel = Some(f.c.as_str()).filter(|c| !c.is_empty());
    let started = uc::start(&ctx.state.db, &p, channel, addr, ua, now()).await?;
    if started.delay_ms > 0 {
        // A burst from one address (a school, or a flood): slowed, not refused.
        tokio::time::sleep(std::time::Duration::from_millis(started.delay_ms)).await;
    }
    Ok(see_other(&ctx, &format!("/q/{slug}/s/{}/1", started.token)))
}

/// A question as the page shows it: `(value, label)` of each choice.
struct Shown {
    position: usize,
    total: usize,
    kind: String,
    text: String,
    choices: Vec<(i64, String)>,
}

fn shown(ctx: &Ctx, t: &Taking, position: usize, q: &Question) -> Shown {
    let choices = if q.kind == "scale" {
        (q.min.unwrap_or(0)..=q.max.unwrap_or(0))
            .map(|v| (v, v.to_string()))
            .collect()
    } else {
        q.options
            .iter()
            .enumerate()
            .map(|(i, o)| (i as i64, view::text(ctx, &o.text)))
            .collect()
    };
    Shown {
        position,
        total: t.order.len(),
        kind: q.kind.clone(),
        text: view::text(ctx, &q.text),
        choices,
    }
}

#[derive(Template)]
#[template(path = "quiz/templates/question.html")]
struct QuestionPage {
    ctx: Ctx,
    title: String,
    base: String,
    q: Shown,
    answered: bool,
    open: bool,
    errors: FormErrors,
}

async fn question_page(
    ctx: Ctx,
    slug: &str,
    token: &str,
    n: usize,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, slug, token, now()).await?;
    let (index, q) = t.at(n)?;
    let answers = &t.answers;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_script(render(
        status,
        &QuestionPage {
            title: view::text(&ctx, &t.doc.title),
            base: format!("/q/{slug}/s/{token}"),
            q: shown(&ctx, &t, n, q),
            answered: answers.get(index).is_some(),
            open: t.is_open(now()),
            errors,
            ctx,
        },
    )))
}

async fn question(
    ctx: Ctx,
    Path((slug, token, n)): Path<(String, String, usize)>,
) -> Result<Response, AppError> {
    question_page(ctx, &slug, &token, n, FormErrors::new()).await
}

#[derive(Deserialize, Default)]
struct AnswerForm {
    #[serde(default)]
    choice: Vec<String>,
}

async fn answer(
    ctx: Ctx,
    Path((slug, token, n)): Path<(String, String, usize)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, &slug, &token, now()).await?;
    let mut choices = Vec::new();
    for c in &f.choice {
        match c.trim().parse::<i64>() {
            Ok(v) if !choices.contains(&v) => choices.push(v),
            Ok(_) => {}
            Err(_) => return Err(AppError::BadRequest("qz-err-choice")),
        }
    }
    match uc::answer(&ctx.state.quiz, &t, n, &choices, now()).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/q/{slug}/s/{token}/{n}/feedback"),
        )),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            question_page(ctx, &slug, &token, n, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// One choice on the feedback page: its label, whether chosen, whether right, and its
/// feedback.
struct Said {
    label: String,
    chosen: bool,
    right: bool,
    feedback: String,
}

#[derive(Template)]
#[template(path = "quiz/templates/feedback.html")]
struct FeedbackPage {
    ctx: Ctx,
    title: String,
    base: String,
    position: usize,
    total: usize,
    text: String,
    /// Some(true) right, Some(false) wrong, None not scored.
    verdict: Option<bool>,
    said: Vec<Said>,
    explain: String,
    link: Option<String>,
}

impl FeedbackPage {
    fn link_href(&self) -> String {
        self.link
            .as_deref()
            .map(|l| view::link_href(&self.ctx, l))
            .unwrap_or_default()
    }
    fn link_is_phone(&self) -> bool {
        self.link.as_deref().is_some_and(|l| l.starts_with("tel:"))
    }
    fn phone(&self) -> String {
        self.link
            .as_deref()
            .and_then(|l| l.strip_prefix("tel:"))
            .unwrap_or_default()
            .to_owned()
    }
}

async fn feedback(
    ctx: Ctx,
    Path((slug, token, n)): Path<(String, String, usize)>,
) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, &slug, &token, now()).await?;
    let (index, q) = t.at(n)?;
    let answers = &t.answers;
    let Some((verdict, chosen)) = answers.get(index).cloned() else {
        // Not answered yet: the question first.
        return Ok(see_other(&ctx, &format!("/q/{slug}/s/{token}/{n}")));
    };
    let said = if q.kind == "scale" {
        chosen
            .iter()
            .map(|v| Said {
                label: v.to_string(),
                chosen: true,
                right: false,
                feedback: String::new(),
            })
            .collect()
    } else {
        q.options
            .iter()
            .enumerate()
            .map(|(i, o)| Said {
                label: view::text(&ctx, &o.text),
                chosen: chosen.contains(&(i as i64)),
                right: o.correct && t.doc.scored,
                feedback: view::text(&ctx, &o.feedback),
            })
            .collect()
    };
    Ok(with_script(page(&FeedbackPage {
        title: view::text(&ctx, &t.doc.title),
        base: format!("/q/{slug}/s/{token}"),
        position: n,
        total: t.order.len(),
        text: view::text(&ctx, &q.text),
        verdict,
        said,
        explain: view::text(&ctx, &q.explain),
        link: q.link.clone(),
        ctx,
    })))
}

#[derive(Template)]
#[template(path = "quiz/templates/about.html")]
struct AboutPage {
    ctx: Ctx,
    title: String,
    base: String,
    country: String,
    region: String,
    age_band: String,
    errors: FormErrors,
}

impl AboutPage {
    /// `(code, label, chosen)` of each country.
    fn countries(&self) -> Vec<(&'static str, String, bool)> {
        COUNTRIES
            .iter()
            .map(|c| (*c, self.ctx.label("country", c), *c == self.country))
            .collect()
    }
    /// `(code, label, chosen)` of each age band.
    fn ages(&self) -> Vec<(&'static str, String, bool)> {
        AGE_BANDS
            .iter()
            .map(|a| (*a, self.ctx.t(&format!("qz-age-{a}")), *a == self.age_band))
            .collect()
    }
}

#[derive(Deserialize, Default)]
struct AboutForm {
    #[serde(default)]
    country: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    age_band: String,
}

async fn about_page(
    ctx: Ctx,
    slug: &str,
    token: &str,
    f: AboutForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, slug, token, now()).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_script(render(
        status,
        &AboutPage {
            title: view::text(&ctx, &t.doc.title),
            base: format!("/q/{slug}/s/{token}"),
            country: f.country,
            region: f.region,
            age_band: f.age_band,
            errors,
            ctx,
        },
    )))
}

async fn about(
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    about_page(ctx, &slug, &token, AboutForm::default(), FormErrors::new()).await
}

async fn about_post(
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
    Form(f): Form<AboutForm>,
) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, &slug, &token, now()).await?;
    match uc::finish(&ctx.state.db, &t, &f.country, &f.region, &f.age_band, now()).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/q/{slug}/s/{token}/end"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            about_page(ctx, &slug, &token, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "quiz/templates/end.html")]
struct EndPage {
    ctx: Ctx,
    slug: String,
    title: String,
    scored: bool,
    right: i64,
    of: i64,
    answered: usize,
    total: usize,
    remember: String,
    hotlines: Vec<Hotline>,
    public_results: bool,
}

impl EndPage {
    fn card(&self) -> String {
        self.ctx.href(&format!(
            "/q/{}/card.svg?right={}&of={}",
            self.slug, self.right, self.of
        ))
    }
    fn country(&self, code: &str) -> String {
        self.ctx.label("country", code)
    }
}

async fn end(ctx: Ctx, Path((slug, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let t = uc::taking(&ctx.state.db, &ctx.state.quiz, &slug, &token, now()).await?;
    let answers = &t.answers;
    let (right, of) = answers.score();
    Ok(with_script(page(&EndPage {
        slug,
        title: view::text(&ctx, &t.doc.title),
        scored: t.doc.scored,
        right,
        of,
        answered: answers.by_question.len(),
        total: t.order.len(),
        remember: view::text(&ctx, &t.doc.remember),
        hotlines: for_country(t.session.country.as_deref()),
        public_results: t.campaign.public_results == 1,
        ctx,
    })))
}
