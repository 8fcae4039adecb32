//! The report form and the downloads it leads to. The form is plain HTML (no script): its
//! POST checks the choices and answers 303 to the GET address of the document, whose query
//! holds the choices; a refused choice shows the form again with its message (422), at the
//! form's address or at the download's.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use spona_app::Error;
use spona_app::monitoring::reports::{self as uc, Format};
use spona_domain::Locale;
use spona_domain::monitoring::Mechanism;
use spona_store::monitoring::report_data::{self, Choices, Participant};

use super::{ReportForm, send};
use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/monitoring/reports/new", new_form)
        .post("/monitoring/reports/new", create)
        .get("/monitoring/reports/report.odt", download_odt)
        .get("/monitoring/reports/report.docx", download_docx)
        .get("/monitoring/reports/report.pdf", download_pdf)
}

#[derive(Template)]
#[template(path = "monitoring/templates/rep_new.html")]
struct NewPage {
    ctx: Ctx,
    form: ReportForm,
    errors: FormErrors,
    choices: Choices,
    participants: Vec<Participant>,
    /// The report's language: the one asked for, else the reader's.
    lang: String,
    format: String,
    pdf: bool,
}

impl NewPage {
    fn mechanisms(&self) -> Vec<(String, String)> {
        Mechanism::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str().to_owned(),
                    self.ctx.t(&format!("mon-rep-mech-{}", m.as_str())),
                )
            })
            .collect()
    }

    fn cycles(&self) -> Vec<(String, String)> {
        self.choices
            .cycles
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect()
    }

    fn countries(&self) -> Vec<(String, String)> {
        self.choices
            .countries
            .iter()
            .map(|c| {
                let key = format!("country-{c}");
                let label = if self.ctx.state.tr.has(self.ctx.locale, &key) {
                    self.ctx.t(&key)
                } else {
                    c.clone()
                };
                (c.clone(), label)
            })
            .collect()
    }

    fn themes(&self) -> Vec<(String, String)> {
        self.choices
            .themes
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect()
    }

    fn languages(&self) -> Vec<(String, String)> {
        Locale::ALL
            .iter()
            .map(|l| (l.tag().to_owned(), l.endonym().to_owned()))
            .collect()
    }

    fn formats(&self) -> Vec<(String, String)> {
        Format::ALL
            .iter()
            .filter(|f| f.available())
            .map(|f| {
                (
                    f.ext().to_owned(),
                    self.ctx.t(&format!("mon-rep-format-{}", f.ext())),
                )
            })
            .collect()
    }

    fn cosigns(&self, slug: &str) -> bool {
        self.form.org.iter().any(|o| o == slug)
    }

    fn chosen_by_link(&self) -> String {
        self.ctx.tn("mon-rep-chosen", &(self.form.rec.len() as i64))
    }

    fn name(&self, p: &Participant) -> String {
        match self.ctx.locale {
            l if spona_domain::reading::reads_serbian_latin(l) => spona_i18n::cyr_to_lat(&p.name),
            _ => p.name.clone(),
        }
    }
}

/// The form, filled with the choices in the query (a report's "change" link).
async fn form_page(
    ctx: Ctx,
    form: ReportForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let choices = report_data::choices(db).await?;
    let participants = report_data::participants(db).await?;
    let lang = match Locale::from_tag(form.lang.trim()) {
        Some(l) => l.tag().to_owned(),
        None => ctx.locale.tag().to_owned(),
    };
    let format = match Format::parse(form.format.trim()) {
        Some(f) if f.available() => f.ext().to_owned(),
        _ => Format::Odt.ext().to_owned(),
    };
    Ok(render(
        status,
        &NewPage {
            choices,
            participants,
            lang,
            format,
            pdf: Format::Pdf.available(),
            form,
            errors,
            ctx,
        },
    ))
}

async fn new_form(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    uc::may_make(&ctx.actor(), &ctx.state.db).await?;
    form_page(ctx, form, FormErrors::new(), StatusCode::OK).await
}

/// Each refused choice next to its field.
fn field_errors(ctx: &Ctx, invalid: &[spona_domain::Invalid]) -> FormErrors {
    FormErrors::from_invalid(ctx, invalid)
}

async fn create(ctx: Ctx, Form(form): Form<ReportForm>) -> Result<Response, AppError> {
    let actor = ctx.actor();
    uc::may_make(&actor, &ctx.state.db).await?;
    let mut errors = FormErrors::new();
    let format = Format::parse(form.format.trim()).filter(|f| f.available());
    if format.is_none() {
        errors.add(&ctx, "format", "mon-rep-err-format");
    }
    let mut saved = None;
    match form.request() {
        Err((field, key)) => errors.add(&ctx, field, key),
        Ok(req) => match uc::check(&actor, &ctx.state.db, &req, ctx.locale).await {
            // Co-signers named: the report is saved and each organisation is asked to
            // confirm (`cosign`); its page leads to the documents.
            Ok(checked) if !checked.cosigners.is_empty() && format.is_some() => {
                let mut choices = form.clone();
                choices.org.clear();
                saved = Some(
                    uc::cosign::save(&actor, &ctx.state.db, &req, &choices.query(), ctx.locale)
                        .await?,
                );
            }
            Ok(_) => {}
            Err(Error::Invalid(invalid)) => {
                for (f, m) in field_errors(&ctx, &invalid).0 {
                    errors.0.push((f, m));
                }
            }
            Err(e) => return Err(e.into()),
        },
    }
    if let Some(id) = saved {
        return Ok(see_other(&ctx, &format!("/monitoring/reports/{id}")));
    }
    match format {
        Some(format) if errors.is_empty() => Ok(see_other(
            &ctx,
            &format!(
                "/monitoring/reports/report.{}?{}",
                format.ext(),
                form.query()
            ),
        )),
        _ => form_page(ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

/// The document, or the form with the refused choices (422).
async fn download(ctx: Ctx, mut form: ReportForm, format: Format) -> Result<Response, AppError> {
    let req = match form.request() {
        Ok(req) => req,
        Err((field, key)) => {
            uc::may_make(&ctx.actor(), &ctx.state.db).await?;
            let mut errors = FormErrors::new();
            errors.add(&ctx, field, key);
            return form_page(ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let made = uc::make(
        &ctx.actor(),
        &ctx.state.db,
        &ctx.state.tr,
        &ctx.state.config.public_url,
        &req,
        ctx.locale,
        format,
    )
    .await;
    match made {
        Ok(made) => Ok(send(made)),
        Err(Error::Invalid(invalid)) => {
            let errors = field_errors(&ctx, &invalid);
            form.format = format.ext().to_owned();
            form_page(ctx, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn download_odt(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    download(ctx, form, Format::Odt).await
}

async fn download_docx(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    download(ctx, form, Format::Docx).await
}

async fn download_pdf(ctx: Ctx, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    download(ctx, form, Format::Pdf).await
}
