//! A campaign's coordinators change it after it is opened: its days and its texts in up to
//! three languages (`/campaigns/{id}/edit`, through the campaign form of `campaign_form.rs`:
//! a language added later, a wording corrected), close it now (`/campaigns/{id}/close`: no
//! endorsement is taken or confirmed any more; the counts stay), and download the confirmed
//! endorsements per UTC day and country as CSV (`/campaigns/{id}/counts.csv`: numbers only,
//! never an address or a name). Everyone else gets 404, as for the review.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use spona_app::endorsements as uc;
use spona_store::endorsements::Campaign;

use super::campaign_form::{CampaignForm, Edited, Purpose, form_page};
use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::see_other;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns/{id}/edit", edit_form)
        .post("/campaigns/{id}/edit", edit)
        .post_from("/campaigns/{id}/close", close, "/campaigns/{id}")
        .get("/campaigns/{id}/counts.csv", counts_csv)
}

/// The form's languages: its field suffix and the text's language tag.
const LANGS: [(&str, &str); 3] = [("en", "en"), ("sr", "sr-Latn"), ("uk", "uk")];

fn day(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The form filled with what is stored.
fn filled(c: &Campaign) -> CampaignForm {
    let text = |tag: &str| c.texts.iter().find(|t| t.lang == tag).cloned();
    let mut f = CampaignForm {
        opens_on: day(c.opens_at),
        // `closes_at` is exclusive: the last day is the one before it.
        closes_on: c.closes_at.map(|t| day(t - 1)).unwrap_or_default(),
        ..CampaignForm::default()
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

fn edit_page(ctx: Ctx, c: &Campaign, f: CampaignForm, errors: FormErrors) -> Response {
    let edited = Edited {
        id: c.id.clone(),
        title: uc::text_for(c, ctx.locale).title,
        open: spona_domain::endorsement::is_open(c.opens_at, c.closes_at, spona_store::now()),
    };
    form_page(ctx, Purpose::Edit(edited), f, errors)
}

async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let c = uc::coordinated(&ctx.actor(), &ctx.state.db, &id).await?;
    let f = filled(&c);
    Ok(edit_page(ctx, &c, f, FormErrors::new()))
}

async fn edit(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CampaignForm>,
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
