//! The forms that write a publication: a new draft with its first language, another
//! language, the scheduled time (local time and zone), and taking it back to a draft. Each is
//! shown again with its errors (422) and nothing saved when its input is refused.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::publications::{self as uc, Publisher};
use spona_domain::publication::{PublicationDraft, VariantDraft};
use spona_store::publications::Publication;

use super::view::{kinds, langs};
use crate::http::forms::{FormErrors, form_status, once_in_tx, replayed};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/stories/new", new_form)
        .post("/stories/new", create)
        .get("/stories/{id}/variant", variant_form)
        .post("/stories/{id}/variant", save_variant)
        .get("/stories/{id}/schedule", schedule_form)
        .post("/stories/{id}/schedule", schedule)
        .post_from("/stories/{id}/unschedule", unschedule, "/stories/{id}")
}

/// The zones a publication may be scheduled in (the region's; any IANA name is accepted).
pub const ZONES: [&str; 7] = [
    "Europe/Belgrade",
    "Europe/Sarajevo",
    "Europe/Zagreb",
    "Europe/Skopje",
    "Europe/Podgorica",
    "Europe/Tirane",
    "Europe/Kyiv",
];

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    once: String,
    #[serde(default)]
    by: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    transcript: String,
}

impl NewForm {
    fn text(&self) -> VariantDraft {
        VariantDraft {
            lang: self.lang.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            transcript: self.transcript.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "publications/templates/new.html")]
struct NewPage {
    ctx: Ctx,
    publishers: Vec<Publisher>,
    by: String,
    kind: String,
    link: String,
    text: VariantDraft,
    errors: FormErrors,
}

impl NewPage {
    fn kinds(&self) -> Vec<(String, String)> {
        kinds(&self.ctx)
    }
    fn langs(&self) -> Vec<(String, String)> {
        langs(&self.ctx)
    }
}

async fn new_page(ctx: Ctx, f: NewForm, errors: FormErrors) -> Result<Response, AppError> {
    let publishers = uc::publishers(&ctx.actor(), &ctx.state.db).await?;
    if publishers.is_empty() {
        return Err(AppError::Forbidden);
    }
    let text = f.text();
    Ok(render(
        form_status(&errors),
        &NewPage {
            ctx,
            publishers,
            by: f.by,
            kind: f.kind,
            link: f.link,
            text,
            errors,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    let lang = spona_domain::resource::ContentLang::of_locale(ctx.locale)
        .as_str()
        .to_owned();
    new_page(
        ctx,
        NewForm {
            lang,
            ..Default::default()
        },
        FormErrors::new(),
    )
    .await
}

async fn create(ctx: Ctx, Form(f): Form<NewForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    actor.require_user()?;
    let once = once_in_tx(&ctx, &f.once, "/stories/{id}")?;
    let draft = PublicationDraft {
        kind: f.kind.clone(),
        link: f.link.clone(),
        text: f.text(),
    };
    match uc::create(&actor, &ctx.state.db, &f.by, &draft, Some(&once)).await {
        Ok(id) => Ok(see_other(&ctx, &format!("/stories/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            new_page(ctx, f, errors).await
        }
        Err(spona_app::Error::Store(e)) => replayed(e),
        Err(e) => Err(e.into()),
    }
}

// --- Another language ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "publications/templates/variant.html")]
struct VariantPage {
    ctx: Ctx,
    p: Publication,
    text: VariantDraft,
    errors: FormErrors,
}

impl VariantPage {
    fn langs(&self) -> Vec<(String, String)> {
        langs(&self.ctx)
    }
    fn link_kind(&self) -> bool {
        self.p.kind == "podcast" || self.p.kind == "video"
    }
}

async fn variant_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = uc::editable(&ctx.actor(), &ctx.state.db, &id).await?;
    let taken: Vec<&str> = p.variants.iter().map(|v| v.lang.as_str()).collect();
    let lang = ["en", "sr", "uk"]
        .into_iter()
        .find(|l| !taken.contains(l))
        .unwrap_or("en")
        .to_owned();
    let text = VariantDraft {
        lang,
        ..Default::default()
    };
    Ok(render(
        form_status(&FormErrors::new()),
        &VariantPage {
            ctx,
            p,
            text,
            errors: FormErrors::new(),
        },
    ))
}

#[derive(Deserialize)]
struct VariantForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    transcript: String,
}

async fn save_variant(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VariantForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let p = uc::editable(&actor, &ctx.state.db, &id).await?;
    let text = VariantDraft {
        lang: f.lang,
        title: f.title,
        summary: f.summary,
        body: f.body,
        transcript: f.transcript,
    };
    match uc::save_variant(&actor, &ctx.state.db, &id, &text).await {
        Ok(()) => Ok(see_other(
            &ctx,
            &format!("/stories/{id}?lang={}", text.lang.trim()),
        )),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(render(
                form_status(&errors),
                &VariantPage {
                    ctx,
                    p,
                    text,
                    errors,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

// --- Scheduling ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "publications/templates/schedule.html")]
struct SchedulePage {
    ctx: Ctx,
    p: Publication,
    at: String,
    zone: String,
    errors: FormErrors,
}

impl SchedulePage {
    fn zones(&self) -> Vec<String> {
        ZONES.iter().map(|z| (*z).to_owned()).collect()
    }
    fn title(&self) -> String {
        self.p
            .variants
            .first()
            .map(|v| v.title.clone())
            .unwrap_or_default()
    }
}

async fn schedule_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let p = uc::editable(&ctx.actor(), &ctx.state.db, &id).await?;
    let at = p.publish_local.clone().unwrap_or_default();
    let zone = p
        .zone
        .clone()
        .unwrap_or_else(|| "Europe/Belgrade".to_owned());
    Ok(render(
        form_status(&FormErrors::new()),
        &SchedulePage {
            ctx,
            p,
            at,
            zone,
            errors: FormErrors::new(),
        },
    ))
}

#[derive(Deserialize)]
struct ScheduleForm {
    #[serde(default)]
    at: String,
    #[serde(default)]
    zone: String,
}

async fn schedule(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let p = uc::editable(&actor, &ctx.state.db, &id).await?;
    match uc::schedule(&actor, &ctx.state.db, &id, &f.at, &f.zone).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/stories/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(render(
                form_status(&errors),
                &SchedulePage {
                    ctx,
                    p,
                    at: f.at,
                    zone: f.zone,
                    errors,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn unschedule(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    uc::unschedule(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(see_other(&ctx, &format!("/stories/{id}")))
}
