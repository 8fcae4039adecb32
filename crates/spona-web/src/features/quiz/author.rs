//! Coordinators' pages: the campaigns they coordinate, a new campaign, a campaign's page
//! (versions, channels with their links and QR codes, public results), revising the quiz
//! and the preview in each language.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::quizzes::author::{self as uc, CampaignView, Draft};
use spona_domain::Locale;
use spona_domain::quiz::{CHANNEL_KINDS, QuizDoc};
use spona_store::quizzes::Campaign;

use super::questions::{QuestionFields, rows_for};
use super::view;
use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};
use spona_domain::quiz::edit::{self, Fields};

pub fn routes(r: Routes) -> Routes {
    r.get("/quizzes", list)
        .get("/quizzes/new", new_form)
        .post("/quizzes/new", create)
        .get("/quizzes/{id}", read)
        .get("/quizzes/{id}/edit", edit_form)
        .post("/quizzes/{id}/edit", revise)
        .get("/quizzes/{id}/preview/{lang}", preview)
        .post_from("/quizzes/{id}/channels", add_channel, "/quizzes/{id}")
        .post_from("/quizzes/{id}/public", set_public, "/quizzes/{id}")
}

#[derive(Template)]
#[template(path = "quiz/templates/list.html")]
struct ListPage {
    ctx: Ctx,
    campaigns: Vec<(Campaign, QuizDoc)>,
}

impl ListPage {
    fn title(&self, d: &QuizDoc) -> String {
        view::text(&self.ctx, &d.title)
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let campaigns = uc::list(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&ListPage { campaigns, ctx }))
}

#[derive(Template)]
#[template(path = "quiz/templates/form.html")]
struct FormPage {
    ctx: Ctx,
    /// The campaign being revised; none for a new one.
    campaign: Option<Campaign>,
    orgs: Vec<(String, String)>,
    /// The networks the person coordinates, `(network:<slug>, name)`.
    networks: Vec<(String, String)>,
    org: String,
    slug: String,
    public_results: bool,
    doc: String,
    starts_on: String,
    ends_on: String,
    errors: FormErrors,
    /// A new campaign's title, settings and first question, written in the form's fields.
    fields: Fields,
}

impl QuestionFields for FormPage {
    fn fields(&self) -> &Fields {
        &self.fields
    }
    fn rows(&self) -> usize {
        rows_for(&self.fields)
    }
    fn context(&self) -> &Ctx {
        &self.ctx
    }
}

impl FormPage {
    fn on(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|v| v == "yes")
    }
}

#[derive(Deserialize, Default)]
struct CampaignForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    public_results: String,
    #[serde(default)]
    doc: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    once: String,
}

/// What the person may open a campaign for: `(organisations, networks)`, each
/// `(value, name)` (lane quiz23).
async fn owners(ctx: &Ctx) -> Result<(Vec<(String, String)>, Vec<(String, String)>), AppError> {
    let all = spona_app::quizzes::owners::owners(&ctx.actor(), &ctx.state.db).await?;
    let (nets, orgs): (Vec<_>, Vec<_>) = all.into_iter().partition(|o| o.network);
    let pairs = |v: Vec<spona_app::quizzes::owners::Owner>| {
        v.into_iter().map(|o| (o.key, o.name)).collect::<Vec<_>>()
    };
    Ok((pairs(orgs), pairs(nets)))
}

async fn form_page(
    ctx: Ctx,
    campaign: Option<Campaign>,
    f: CampaignForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    with_fields(ctx, campaign, f, Fields::new(), errors).await
}

async fn with_fields(
    ctx: Ctx,
    campaign: Option<Campaign>,
    f: CampaignForm,
    fields: Fields,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let (orgs, networks) = if campaign.is_none() {
        owners(&ctx).await?
    } else {
        Default::default()
    };
    Ok(render(
        form_status(&errors),
        &FormPage {
            fields,
            orgs,
            networks,
            campaign,
            org: f.org,
            slug: f.slug,
            public_results: f.public_results == "yes",
            doc: f.doc,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            errors,
            ctx,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    if owners(&ctx).await?.0.is_empty() {
        return Err(AppError::Forbidden);
    }
    form_page(ctx, None, CampaignForm::default(), FormErrors::new()).await
}

fn draft(f: &CampaignForm) -> Draft {
    Draft {
        org_id: f.org.clone(),
        slug: f.slug.trim().to_owned(),
        public_results: f.public_results == "yes",
        doc: f.doc.clone(),
        starts_on: f.starts_on.clone(),
        ends_on: f.ends_on.clone(),
    }
}

/// A new campaign's quiz from the form's fields (its title, settings and first
/// question), when no JSON was given.
fn doc_from_fields(all: &Fields) -> Result<String, Vec<spona_domain::Invalid>> {
    let mut doc = QuizDoc::default();
    let mut errors = edit::settings_from(all, &mut doc);
    match edit::question_from(all, doc.scored) {
        Ok(q) => doc.questions.push(q),
        Err(e) => errors.extend(e),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    serde_json::to_string(&doc).map_err(|_| vec![spona_domain::Invalid::new("doc", "qz-err-json")])
}

async fn create(ctx: Ctx, Form(all): Form<Fields>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let one = |k: &str| all.get(k).cloned().unwrap_or_default();
    let f = CampaignForm {
        org: one("org"),
        slug: one("slug"),
        public_results: one("public_results"),
        doc: one("doc"),
        starts_on: one("starts_on"),
        ends_on: one("ends_on"),
        once: one("once"),
    };
    let mut d = draft(&f);
    if f.doc.trim().is_empty() {
        match doc_from_fields(&all) {
            Ok(json) => d.doc = json,
            Err(list) => {
                let errors = FormErrors::from_invalid(&ctx, &list);
                return with_fields(ctx, None, f, all, errors).await;
            }
        }
    }
    let once = once_in_tx(&ctx, &f.once, "/quizzes/{id}")?;
    match uc::create(&ctx.actor(), &ctx.state.db, &d, Some(&once)).await {
        Ok(id) => Ok(see_other(&ctx, &format!("/quizzes/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            with_fields(ctx, None, f, all, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "quiz/templates/campaign.html")]
struct CampaignPage {
    ctx: Ctx,
    v: CampaignView,
    kinds: &'static [&'static str],
    errors: FormErrors,
    code: String,
    kind: String,
    label: String,
}

impl CampaignPage {
    fn title(&self) -> String {
        view::text(&self.ctx, &self.v.doc.title)
    }
    fn link(&self, code: Option<&str>) -> String {
        format!(
            "{}{}",
            self.ctx.state.config.public_url,
            view::quiz_path(&self.v.campaign.slug, code)
        )
    }
    fn kind_label(&self, kind: &str) -> String {
        self.ctx.t(&format!("qz-kind-{kind}"))
    }
    /// `(code, label, chosen)` of each channel kind.
    fn kind_options(&self) -> Vec<(&'static str, String, bool)> {
        self.kinds
            .iter()
            .map(|k| (*k, self.kind_label(k), *k == self.kind))
            .collect()
    }
    fn period(&self) -> String {
        format!(
            "{} – {}",
            self.ctx.date(&self.v.quiz.starts_at),
            self.ctx.date(&(self.v.quiz.ends_at - 1))
        )
    }
    fn locales(&self) -> [Locale; 9] {
        Locale::ALL
    }
}

#[derive(Deserialize, Default)]
struct ChannelForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    label: String,
}

async fn campaign_page(
    ctx: Ctx,
    id: &str,
    f: ChannelForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let v = uc::view(&ctx.actor(), &ctx.state.db, id).await?;
    Ok(render(
        form_status(&errors),
        &CampaignPage {
            v,
            kinds: &CHANNEL_KINDS,
            errors,
            code: f.code,
            kind: f.kind,
            label: f.label,
            ctx,
        },
    ))
}

async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    campaign_page(ctx, &id, ChannelForm::default(), FormErrors::new()).await
}

async fn add_channel(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ChannelForm>,
) -> Result<Response, AppError> {
    let added = uc::add_channel(
        &ctx.actor(),
        &ctx.state.db,
        &id,
        f.code.trim(),
        &f.kind,
        &f.label,
    )
    .await;
    match added {
        Ok(()) => Ok(see_other(&ctx, &format!("/quizzes/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            campaign_page(ctx, &id, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct PublicForm {
    #[serde(default)]
    public: String,
}

async fn set_public(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<PublicForm>,
) -> Result<Response, AppError> {
    let public = match f.public.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("err-bad-form")),
    };
    uc::set_public(&ctx.actor(), &ctx.state.db, &id, public).await?;
    Ok(see_other(&ctx, &format!("/quizzes/{id}")))
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = uc::view(&ctx.actor(), &ctx.state.db, &id).await?;
    let day = |t: i64| spona_app::quizzes::day_of(t);
    let f = CampaignForm {
        org: v.campaign.org_id.clone(),
        slug: v.campaign.slug.clone(),
        public_results: if v.campaign.public_results == 1 {
            "yes"
        } else {
            ""
        }
        .into(),
        doc: serde_json::to_string_pretty(&v.doc).unwrap_or_default(),
        starts_on: day(v.quiz.starts_at),
        ends_on: day(v.quiz.ends_at - 1),
        once: String::new(),
    };
    form_page(ctx, Some(v.campaign), f, FormErrors::new()).await
}

async fn revise(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CampaignForm>,
) -> Result<Response, AppError> {
    match uc::revise(&ctx.actor(), &ctx.state.db, &id, &draft(&f)).await {
        Ok(_) => Ok(see_other(&ctx, &format!("/quizzes/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let campaign = spona_app::quizzes::load(&ctx.actor(), &ctx.state.db, &id).await?;
            form_page(ctx, Some(campaign), f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// One question as the preview shows it.
struct PreviewQuestion {
    kind: String,
    text: String,
    /// `(label, right, feedback)`.
    options: Vec<(String, bool, String)>,
    scale: String,
    explain: String,
    link: String,
}

#[derive(Template)]
#[template(path = "quiz/templates/preview.html")]
struct PreviewPage {
    ctx: Ctx,
    id: String,
    lang: Locale,
    title: String,
    intro: String,
    remember: String,
    questions: Vec<PreviewQuestion>,
}

impl PreviewPage {
    fn locales(&self) -> [Locale; 9] {
        Locale::ALL
    }
    fn kind_label(&self, kind: &str) -> String {
        self.ctx.t(&format!("qz-kind-q-{kind}"))
    }
}

async fn preview(ctx: Ctx, Path((id, lang)): Path<(String, String)>) -> Result<Response, AppError> {
    let lang = Locale::from_tag(&lang).ok_or(AppError::NotFound)?;
    let v = uc::view(&ctx.actor(), &ctx.state.db, &id).await?;
    let t = |x: &spona_domain::quiz::Texts| view::text_in(x, lang);
    let questions = v
        .doc
        .questions
        .iter()
        .map(|q| PreviewQuestion {
            kind: q.kind.clone(),
            text: t(&q.text),
            options: q
                .options
                .iter()
                .map(|o| (t(&o.text), o.correct, t(&o.feedback)))
                .collect(),
            scale: match (q.min, q.max) {
                (Some(a), Some(b)) => format!("{a} – {b}"),
                _ => String::new(),
            },
            explain: t(&q.explain),
            link: q.link.clone().unwrap_or_default(),
        })
        .collect();
    Ok(page(&PreviewPage {
        id,
        lang,
        title: t(&v.doc.title),
        intro: t(&v.doc.intro),
        remember: t(&v.doc.remember),
        questions,
        ctx,
    }))
}
