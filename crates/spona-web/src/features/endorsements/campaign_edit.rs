//! A campaign's coordinators change it after it is opened: its days and its texts in up to
//! three languages (`/campaigns/{id}/edit`: a language added later, a wording corrected),
//! close it now (`/campaigns/{id}/close`: no endorsement is taken or confirmed any more; the
//! counts stay), and download the confirmed endorsements per UTC day and country as CSV
//! (`/campaigns/{id}/counts.csv`: numbers only, never an address or a name). Everyone else
//! gets 404, as for the review.

use askama::Template;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::endorsements as uc;
use spona_domain::endorsement::{CampaignDraft, Variant};
use spona_store::endorsements::Campaign;

use crate::http::forms::{FormErrors, form_status};
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns/{id}/edit", edit_form)
        .post("/campaigns/{id}/edit", edit)
        .post_from("/campaigns/{id}/close", close, "/campaigns/{id}")
        .get("/campaigns/{id}/counts.csv", counts_csv)
}

/// The form's fields (also what it shows again with errors).
#[derive(Deserialize, Default, Clone)]
struct EditForm {
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    statement_en: String,
    #[serde(default)]
    title_sr: String,
    #[serde(default)]
    statement_sr: String,
    #[serde(default)]
    title_uk: String,
    #[serde(default)]
    statement_uk: String,
}

/// The form's languages: its field suffix and the text's language tag.
const LANGS: [(&str, &str); 3] = [("en", "en"), ("sr", "sr-Latn"), ("uk", "uk")];

fn day(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl EditForm {
    fn of(c: &Campaign) -> Self {
        let text = |tag: &str| c.texts.iter().find(|t| t.lang == tag).cloned();
        let mut f = EditForm {
            opens_on: day(c.opens_at),
            // `closes_at` is exclusive: the last day is the one before it.
            closes_on: c.closes_at.map(|t| day(t - 1)).unwrap_or_default(),
            ..EditForm::default()
        };
        for (suffix, tag) in LANGS {
            let Some(t) = text(tag) else { continue };
            let (title, statement) = match suffix {
                "en" => (&mut f.title_en, &mut f.statement_en),
                "sr" => (&mut f.title_sr, &mut f.statement_sr),
                _ => (&mut f.title_uk, &mut f.statement_uk),
            };
            *title = t.title;
            *statement = t.statement;
        }
        f
    }

    fn draft(&self) -> CampaignDraft {
        let v = |lang: &str, title: &str, statement: &str| Variant {
            lang: lang.to_owned(),
            title: title.to_owned(),
            statement: statement.to_owned(),
        };
        CampaignDraft {
            owner: String::new(),
            variants: vec![
                v("en", &self.title_en, &self.statement_en),
                v("sr-Latn", &self.title_sr, &self.statement_sr),
                v("uk", &self.title_uk, &self.statement_uk),
            ],
            opens_on: self.opens_on.clone(),
            closes_on: self.closes_on.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "endorsements/templates/campaign_edit.html")]
struct EditPage {
    ctx: Ctx,
    id: String,
    title: String,
    open: bool,
    f: EditForm,
    errors: FormErrors,
}

fn edit_page(ctx: Ctx, c: &Campaign, f: EditForm, errors: FormErrors) -> Response {
    let title = uc::text_for(c, ctx.locale).title;
    let open = spona_domain::endorsement::is_open(c.opens_at, c.closes_at, spona_store::now());
    render(
        form_status(&errors),
        &EditPage {
            ctx,
            id: c.id.clone(),
            title,
            open,
            f,
            errors,
        },
    )
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let c = uc::coordinated(&ctx.actor(), &ctx.state.db, &id).await?;
    let f = EditForm::of(&c);
    Ok(edit_page(ctx, &c, f, FormErrors::new()))
}

async fn edit(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let c = uc::coordinated(&actor, &ctx.state.db, &id).await?;
    match uc::update(&actor, &ctx.state.db, &id, &f.draft()).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/campaigns/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            Ok(edit_page(ctx, &c, f, errors))
        }
        Err(e) => Err(e.into()),
    }
}

async fn close(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    uc::close(&ctx.actor(), &ctx.state.db, &id).await?;
    Ok(see_other(&ctx, &format!("/campaigns/{id}")))
}

async fn counts_csv(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (c, rows) = uc::daily_counts(&ctx.actor(), &ctx.state.db, &id).await?;
    let mut out = String::from("day,country,confirmed\r\n");
    for (d, country, n) in rows {
        out.push_str(&format!(
            "{},{},{n}\r\n",
            day(d),
            spona_domain::csv::safe_cell(&country)
        ));
    }
    let disposition = format!("attachment; filename=\"campaign-{}-counts.csv\"", c.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        out,
    )
        .into_response())
}
