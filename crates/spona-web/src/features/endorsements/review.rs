//! The coordinators' review: endorsements by e-mail domain and by day (never an address), a
//! filter (a time window in UTC, a domain) with a preview of how many it selects, and one
//! POST that invalidates them (audited).

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::endorsements::{self as uc, Filter, ReviewView};
use spona_domain::endorsement::minute_utc;

use crate::http::forms::FormErrors;
use crate::http::routes::Routes;
use crate::http::view::{render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/campaigns/{id}/review", review).post_from(
        "/campaigns/{id}/review/invalidate",
        invalidate,
        "/campaigns/{id}/review",
    )
}

/// The review's filter as the form sends it (and as the preview's address carries it).
#[derive(Deserialize, Default, Clone)]
struct FilterForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    domain: String,
    /// After an invalidation: how many were invalidated.
    #[serde(default)]
    done: Option<u64>,
}

impl FilterForm {
    fn is_empty(&self) -> bool {
        self.from.trim().is_empty() && self.to.trim().is_empty() && self.domain.trim().is_empty()
    }

    /// The store's filter, or the field that does not parse.
    fn filter(&self) -> Result<Filter, &'static str> {
        let when = |s: &str, field: &'static str| {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                minute_utc(s).map(Some).ok_or(field)
            }
        };
        let domain = self.domain.trim().to_lowercase();
        if domain.len() > 253 {
            return Err("domain");
        }
        Ok(Filter {
            from: when(&self.from, "from")?,
            to: when(&self.to, "to")?,
            domain: (!domain.is_empty()).then_some(domain),
        })
    }
}

#[derive(Template)]
#[template(path = "endorsements/templates/review.html")]
struct ReviewPage {
    ctx: Ctx,
    v: ReviewView,
    title: String,
    f: FilterForm,
    /// `(confirmed, waiting)` the filter selects, once one is given.
    preview: Option<(i64, i64)>,
    errors: FormErrors,
}

impl ReviewPage {
    fn preview_text(&self) -> String {
        let (confirmed, waiting) = self.preview.unwrap_or_default();
        self.ctx.ta(
            "en-review-preview",
            &[
                ("confirmed", spona_i18n::Arg::Num(confirmed)),
                ("waiting", spona_i18n::Arg::Num(waiting)),
            ],
        )
    }
    fn selected(&self) -> i64 {
        self.preview.map(|(a, b)| a + b).unwrap_or_default()
    }
    fn done_text(&self) -> String {
        self.ctx
            .tn("en-review-done", &(self.f.done.unwrap_or_default() as i64))
    }
    fn day(&self, unix: &i64) -> String {
        self.ctx.date(unix)
    }
}

async fn review_page(
    ctx: Ctx,
    id: &str,
    f: FilterForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let actor = ctx.actor();
    let v = uc::review(&actor, &ctx.state.db, id).await?;
    let mut errors = errors;
    let preview = if f.is_empty() || !errors.is_empty() {
        None
    } else {
        match f.filter() {
            Ok(filter) => match uc::preview(&actor, &ctx.state.db, id, &filter).await {
                Ok(p) => Some(p),
                Err(spona_app::Error::Invalid(list)) => {
                    errors = FormErrors::from_invalid(&ctx, &list);
                    None
                }
                Err(e) => return Err(e.into()),
            },
            Err(field) => {
                errors.add(&ctx, field, "en-err-when");
                None
            }
        }
    };
    let title = spona_app::endorsements::text_for(&v.campaign, ctx.locale).title;
    let status = crate::http::forms::form_status(&errors);
    Ok(render(
        status,
        &ReviewPage {
            ctx,
            v,
            title,
            f,
            preview,
            errors,
        },
    ))
}

async fn review(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(f): Query<FilterForm>,
) -> Result<Response, AppError> {
    review_page(ctx, &id, f, FormErrors::new()).await
}

async fn invalidate(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<FilterForm>,
) -> Result<Response, AppError> {
    let filter = match f.filter() {
        Ok(filter) => filter,
        Err(field) => {
            let mut errors = FormErrors::new();
            errors.add(&ctx, field, "en-err-when");
            return review_page(ctx, &id, f, errors).await;
        }
    };
    match uc::invalidate(&ctx.actor(), &ctx.state.db, &id, &filter).await {
        Ok((n, _)) => Ok(see_other(&ctx, &format!("/campaigns/{id}/review?done={n}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            review_page(ctx, &id, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
