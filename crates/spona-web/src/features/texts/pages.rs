//! The list of texts, a text's public page (the final in the chosen language, the
//! signatories of the current edition with their dates, earlier and withdrawn signatures,
//! the finals' history; printable) and the final as ODT or PDF.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use spona_app::texts::{self as uc, DocLabels, Listed, TextView};
use spona_domain::joint_text::paragraphs;
use spona_i18n::Arg;
use spona_store::joint_texts::Version;

use super::{LangQuery, kind_label, lang_label, pick_lang};
use crate::http::routes::Routes;
use crate::http::view::page;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/texts", list)
        .get("/texts/{id}", read)
        .get("/texts/{id}/final.odt", final_odt)
        .get("/texts/{id}/final.pdf", final_pdf)
}

#[derive(Template)]
#[template(path = "texts/templates/list.html")]
struct ListPage {
    ctx: Ctx,
    texts: Vec<Listed>,
    can_open: bool,
}

impl ListPage {
    fn kind(&self, k: &str) -> String {
        kind_label(&self.ctx, k)
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    let lang = spona_domain::resource::ContentLang::of_locale(ctx.locale).as_str();
    let texts = uc::list(&ctx.actor(), &ctx.state.db, lang).await?;
    let can_open = ctx.user.as_ref().is_some_and(|u| !u.memberships.is_empty());
    Ok(page(&ListPage {
        texts,
        can_open,
        ctx,
    }))
}

#[derive(Template)]
#[template(path = "texts/templates/text.html")]
struct TextPage {
    ctx: Ctx,
    v: TextView,
    lang: String,
    /// The final shown (or, for an editor before any final, the latest draft).
    shown: Option<Version>,
    paragraphs: Vec<String>,
    /// The campaign collecting people's endorsements of this text, and its confirmed count.
    endorsements: Option<(String, i64)>,
    pdf: bool,
    /// The text's newest entry in the public log.
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

impl TextPage {
    fn kind(&self) -> String {
        kind_label(&self.ctx, &self.v.text.kind)
    }
    fn lang_name(&self, l: &str) -> String {
        lang_label(&self.ctx, l)
    }
    fn signed_version(&self, n: &i64) -> String {
        self.ctx
            .ta("jt-signed-version", &[("version", Arg::Num(*n))])
    }
    fn is_final(&self) -> bool {
        self.shown.as_ref().is_some_and(Version::is_final)
    }
    fn final_line(&self, n: &i64) -> String {
        self.ctx
            .ta("jt-final-version", &[("version", Arg::Num(*n))])
    }
    fn version_n(&self, n: &i64) -> String {
        self.ctx.ta("jt-version-n", &[("version", Arg::Num(*n))])
    }
    fn can_withdraw(&self, org_id: &str) -> bool {
        self.ctx.managed_orgs().iter().any(|m| m.org_id == org_id)
    }
    fn endorsement_line(&self, n: impl std::borrow::Borrow<i64>) -> String {
        self.ctx.tn("jt-endorsements", n.borrow())
    }
    fn date(&self, unix: &Option<i64>) -> String {
        unix.map(|u| self.ctx.date(&u)).unwrap_or_default()
    }
}

async fn read(ctx: Ctx, Path(id): Path<String>, q: Query<LangQuery>) -> Result<Response, AppError> {
    let v = uc::load_public(&ctx.actor(), &ctx.state.db, &id).await?;
    let lang = pick_lang(&ctx, &q, &v.langs());
    let shown = v
        .final_of(&lang)
        .or_else(|| v.latest_of(&lang).filter(|_| v.can_edit))
        .cloned();
    let paragraphs = shown
        .as_ref()
        .map(|s| paragraphs(&s.body))
        .unwrap_or_default();
    let endorsements =
        spona_app::endorsements::campaign_for_text(&ctx.state.db, &v.text.id).await?;
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::JOINT_TEXT, &v.text.id)
            .await;
    Ok(page(&TextPage {
        log_entry,
        v,
        lang,
        shown,
        paragraphs,
        endorsements,
        pdf: spona_app::monitoring::reports::pdf::converter().is_some(),
        ctx,
    }))
}

/// The final of the chosen language as a document; 404 when that language has none.
async fn final_document(
    ctx: &Ctx,
    id: &str,
    q: &Query<LangQuery>,
) -> Result<(spona_app::monitoring::reports::document::Document, String), AppError> {
    let v = uc::load_public(&ctx.actor(), &ctx.state.db, id).await?;
    let lang = pick_lang(ctx, q, &v.langs());
    let Some(fin) = v.final_of(&lang).cloned() else {
        return Err(AppError::NotFound);
    };
    let edition = v.edition.clone().ok_or(AppError::NotFound)?;
    let labels = DocLabels {
        kind: kind_label(ctx, &v.text.kind),
        signatories: ctx.t("jt-signatories"),
        version_line: ctx.ta(
            "jt-doc-version",
            &[
                ("version", Arg::Num(fin.number)),
                ("hash", Arg::Str(&edition.sha256)),
            ],
        ),
        none: ctx.t("jt-no-signatories"),
    };
    let name = format!("text-{}-v{}-{}", v.text.id, fin.number, fin.lang);
    Ok((uc::document(&v, &fin, &labels), name))
}

fn send(bytes: Vec<u8>, media_type: &'static str, file_name: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(v) = HeaderValue::from_str(&spona_app::attachments::content_disposition(file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

async fn final_odt(
    ctx: Ctx,
    Path(id): Path<String>,
    q: Query<LangQuery>,
) -> Result<Response, AppError> {
    let (doc, name) = final_document(&ctx, &id, &q).await?;
    let bytes = uc::odt(&doc).map_err(AppError::Internal)?;
    Ok(send(
        bytes,
        spona_app::monitoring::reports::odt::MEDIA_TYPE,
        &format!("{name}.odt"),
    ))
}

async fn final_pdf(
    ctx: Ctx,
    Path(id): Path<String>,
    q: Query<LangQuery>,
) -> Result<Response, AppError> {
    let (doc, name) = final_document(&ctx, &id, &q).await?;
    match uc::pdf(&doc).await {
        None => Err(AppError::Unavailable("jt-err-no-pdf")),
        Some(Ok(bytes)) => Ok(send(bytes, "application/pdf", &format!("{name}.pdf"))),
        Some(Err(e)) => Err(AppError::Internal(e)),
    }
}
