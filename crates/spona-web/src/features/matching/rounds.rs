//! Matching rounds: a coordinator opens a round between two groups of countries; the admins
//! of eligible organisations opt in with what they offer and need.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_app::matching::{access, rounds};
use spona_domain::matching::{Programme, RoundDraft};
use spona_domain::vocab::COUNTRIES;
use spona_store::matching::Round;

use super::round_page::{Choice, OptInForm, country_names, programme_label, round_page};
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::routes::Routes;
use crate::http::view::{page, render, see_other};
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/matching", list)
        .get("/matching/new", new_form)
        .post("/matching/new", create)
        .get("/matching/{id}", show)
        .post_from("/matching/{id}/opt-in", opt_in, "/matching/{id}")
}

#[derive(Template)]
#[template(path = "matching/templates/matching_list.html")]
struct ListPage {
    ctx: Ctx,
    rounds: Vec<Round>,
    can_open: bool,
}

impl ListPage {
    fn programme(&self, p: &Programme) -> String {
        programme_label(&self.ctx, p.as_str())
    }
    fn countries(&self, list: &str) -> String {
        country_names(&self.ctx, list)
    }
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let rounds = crate::names::rounds(&ctx).await?;
    let can_open = access::may_coordinate(&ctx.actor(), &ctx.state.db).await?;
    Ok(page(&ListPage {
        ctx,
        rounds,
        can_open,
    }))
}

/// The languages a round's title may be given in besides its own: Spona's.
const TITLE_LANGUAGES: [&str; 4] = ["en", "sr-Latn", "sr-Cyrl", "uk"];

#[derive(Template)]
#[template(path = "matching/templates/matching_new.html")]
struct NewPage {
    ctx: Ctx,
    draft: RoundDraft,
    network: String,
    networks: Vec<(String, String)>,
    /// A platform admin may open a round for everyone.
    for_everyone: bool,
    countries: OptionList,
    errors: FormErrors,
}

impl NewPage {
    fn in_a(&self, c: &str) -> bool {
        self.draft.side_a.iter().any(|x| x == c)
    }
    fn in_b(&self, c: &str) -> bool {
        self.draft.side_b.iter().any(|x| x == c)
    }
    /// The title's other languages: `(code, label, title typed)`.
    fn title_variants(&self) -> Vec<(String, String, String)> {
        TITLE_LANGUAGES
            .iter()
            .map(|&code| {
                let typed = self
                    .draft
                    .titles
                    .iter()
                    .find(|(l, _)| l == code)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (code.to_owned(), self.ctx.label("textlang", code), typed)
            })
            .collect()
    }
    fn any_title_variant(&self) -> bool {
        self.draft.titles.iter().any(|(_, t)| !t.trim().is_empty()) || self.errors.has("titles")
    }
    fn programmes(&self) -> Vec<(String, String)> {
        Programme::ALL
            .iter()
            .map(|p| {
                (
                    p.as_str().to_owned(),
                    programme_label(&self.ctx, p.as_str()),
                )
            })
            .collect()
    }
}

async fn new_page(
    ctx: Ctx,
    draft: RoundDraft,
    network: String,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let networks = access::coordinated_networks(&ctx.actor(), &ctx.state.db)
        .await?
        .iter()
        .map(|n| (n.slug.clone(), crate::http::options::network_name(&ctx, n)))
        .collect::<Vec<_>>();
    let for_everyone = ctx.is_admin();
    if networks.is_empty() && !for_everyone {
        return Err(AppError::Forbidden);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &NewPage {
            countries: options(&ctx, COUNTRIES),
            ctx,
            draft,
            network,
            networks,
            for_everyone,
            errors,
        },
    ))
}

async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    let draft = RoundDraft {
        programme: "peer_exchange".into(),
        ..Default::default()
    };
    new_page(ctx, draft, String::new(), FormErrors::new()).await
}

#[derive(Deserialize, Default)]
struct RoundForm {
    #[serde(default)]
    programme: String,
    #[serde(default)]
    title: String,
    /// The title in other languages: `title_lang` and `title_text` side by side.
    #[serde(default)]
    title_lang: Vec<String>,
    #[serde(default)]
    title_text: Vec<String>,
    #[serde(default)]
    side_a: Vec<String>,
    #[serde(default)]
    side_b: Vec<String>,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    once: String,
}

async fn create(ctx: Ctx, Form(f): Form<RoundForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    // A network coordinator opens rounds for one of their networks; only a platform admin
    // may open a round for everyone.
    let network = rounds::network_for(&actor, &ctx.state.db, &f.network).await?;
    let draft = RoundDraft {
        programme: f.programme,
        title: f.title,
        titles: f.title_lang.into_iter().zip(f.title_text).collect(),
        side_a: f.side_a,
        side_b: f.side_b,
        deadline: f.deadline,
    };
    let spec = match draft.validate(spona_store::now()) {
        Ok(s) => s,
        Err(errs) => {
            let errors = FormErrors::from_invalid(&ctx, &errs);
            return new_page(ctx, draft, f.network, errors).await;
        }
    };
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/matching/{id}")?;
    let opened = rounds::open(
        &actor,
        &ctx.state.db,
        &spec,
        network.as_deref(),
        Some(&once),
    )
    .await;
    let id = match opened {
        Ok(id) => id,
        Err(spona_app::Error::Store(e)) => return crate::http::forms::replayed(e),
        Err(e) => return Err(e.into()),
    };
    Ok(see_other(&ctx, &format!("/matching/{id}")))
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let round = crate::names::round(&ctx, &id).await?;
    let choice = Choice {
        capacity: "1".into(),
        role: "mentee".into(),
        ..Default::default()
    };
    round_page(ctx, round, None, choice, FormErrors::new()).await
}

async fn opt_in(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<OptInForm>,
) -> Result<Response, AppError> {
    ctx.require_user()?;
    let round = crate::names::round(&ctx, &id).await?;
    if round.programme().is_some_and(Programme::is_personal) {
        return super::mentorship::opt_in(ctx, round, f).await;
    }
    let actor = ctx.actor();
    let (org, side) = rounds::org_may_opt_in(&actor, &ctx.state.db, &round, &f.org).await?;
    let draft = f.draft();
    let o = match draft.validate() {
        Ok(o) => o,
        Err(errs) => {
            let errors = FormErrors::from_invalid(&ctx, &errs);
            let choice = Choice {
                org: f.org,
                capacity: f.capacity,
                ..Default::default()
            };
            return round_page(ctx, round, Some(draft), choice, errors).await;
        }
    };
    rounds::opt_in_org(&actor, &ctx.state.db, &round, &org.id, side, &o).await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}
