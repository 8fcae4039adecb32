//! Matching rounds: a coordinator opens a round between two groups of countries; the admins
//! of eligible organisations opt in with what they offer and need.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use spona_domain::matching::{OptInDraft, Programme, RoundDraft};
use spona_domain::vocab::{COUNTRIES, KNOWHOW, LANGUAGES, THEMES};
use spona_store::matching::{self, Participant, Round};
use spona_store::networks::{self, Network};

use super::proposal_view::{ProposalView, proposal_views};
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

/// The networks the user coordinates (all of them for a platform admin).
async fn coordinated_networks(ctx: &Ctx) -> Result<Vec<Network>, AppError> {
    let user = ctx.require_user()?;
    Ok(networks::list(&ctx.state.db)
        .await?
        .into_iter()
        .filter(|n| user.can_manage_org(&n.coordinator_org_id))
        .collect())
}

/// Whether the user may open rounds: a platform admin or a network coordinator.
async fn may_coordinate(ctx: &Ctx) -> Result<bool, AppError> {
    Ok(ctx.is_admin() || !coordinated_networks(ctx).await?.is_empty())
}

/// Whether the user coordinates this round.
pub async fn coordinates(ctx: &Ctx, round: &Round) -> Result<bool, AppError> {
    if ctx.is_admin() {
        return Ok(true);
    }
    let Some(network) = &round.network_id else {
        return Ok(false);
    };
    Ok(coordinated_networks(ctx)
        .await?
        .iter()
        .any(|n| &n.id == network))
}

pub(super) fn programme_label(ctx: &Ctx, p: &str) -> String {
    ctx.t(&format!("programme-{}", p.replace('_', "-")))
}

#[derive(Template)]
#[template(path = "matching/templates/matching_list.html")]
struct ListPage {
    ctx: Ctx,
    rounds: Vec<Round>,
    can_open: bool,
}

impl ListPage {
    fn programme(&self, p: &str) -> String {
        programme_label(&self.ctx, p)
    }
    fn countries(&self, list: &str) -> String {
        country_names(&self.ctx, list)
    }
}

fn country_names(ctx: &Ctx, list: &str) -> String {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| ctx.label("country", c))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn list(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    let rounds = crate::names::rounds(&ctx).await?;
    let can_open = may_coordinate(&ctx).await?;
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
    let networks = coordinated_networks(&ctx)
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
    let user_id = ctx.require_user()?.id().to_owned();
    let networks = coordinated_networks(&ctx).await?;
    // A network coordinator opens rounds for one of their networks; only a platform admin
    // may open a round for everyone.
    let network = match f.network.as_str() {
        "" if ctx.is_admin() => None,
        "" => return Err(AppError::Forbidden),
        slug => Some(
            networks
                .iter()
                .find(|n| n.slug == slug)
                .ok_or(AppError::Forbidden)?
                .id
                .clone(),
        ),
    };
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
    let created = matching::create_round_once(
        &ctx.state.db,
        &spec,
        network.as_deref(),
        &user_id,
        Some(&once),
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(e) => return crate::http::forms::replayed(e),
    };
    ctx.audit(
        "matching.round_opened",
        "round",
        &id,
        spec.programme.as_str().to_owned(),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/matching/{id}")))
}

/// An organisation the user may opt in: `(slug, name, side)`.
type Eligible = (String, String, &'static str);

#[derive(Template)]
#[template(path = "matching/templates/matching_round.html")]
struct RoundPage {
    ctx: Ctx,
    round: Round,
    open: bool,
    coordinator: bool,
    participants: Vec<Participant>,
    /// The reader's organisations that take part in this round.
    mine: Vec<String>,
    /// A mentorship round: people take part, not organisations.
    personal: bool,
    /// The reader's part in a mentorship round (`mentor` or `mentee`), if they opted in.
    my_role: Option<&'static str>,
    /// The reader may opt in personally (a mentorship round they are not yet in).
    person_may_opt_in: bool,
    /// The person's form: `mentor` or `mentee`, and the country they work from.
    role: String,
    country: String,
    /// The round's countries, both sides: `(code, label)`.
    round_countries: Vec<(String, String)>,
    proposals: Vec<ProposalView>,
    /// Agreed pairs the reader may open: `(proposal id, a name, b name, active)`.
    pairs: Vec<(String, String, String, bool)>,
    /// The coordinator's pins and bans: `(a name, b name, kind, a id, b id)`.
    constraints: Vec<(String, String, String, String, String)>,
    eligible: Vec<Eligible>,
    draft: OptInDraft,
    chosen_org: String,
    capacity: String,
    knowhow: OptionList,
    themes: OptionList,
    languages: OptionList,
    errors: FormErrors,
}

impl RoundPage {
    fn programme(&self) -> String {
        programme_label(&self.ctx, &self.round.programme)
    }
    fn side_a(&self) -> String {
        country_names(&self.ctx, &self.round.side_a)
    }
    fn side_b(&self) -> String {
        country_names(&self.ctx, &self.round.side_b)
    }
    fn has(list: &[String], code: &str) -> bool {
        list.iter().any(|c| c == code)
    }
    fn offers(&self, c: &str) -> bool {
        Self::has(&self.draft.offers, c)
    }
    fn needs(&self, c: &str) -> bool {
        Self::has(&self.draft.needs, c)
    }
    fn theme(&self, c: &str) -> bool {
        Self::has(&self.draft.themes, c)
    }
    fn language(&self, c: &str) -> bool {
        Self::has(&self.draft.languages, c)
    }
    /// Once proposals are out, "you will see them once published" would contradict the page.
    fn published(&self) -> bool {
        matches!(self.round.status.as_str(), "published" | "closed")
    }
    fn taking_part_as(&self, role: &str) -> String {
        if self.published() {
            return self.ctx.t(if self.proposals.is_empty() {
                "matching-published-none"
            } else {
                "matching-published-see-below"
            });
        }
        self.ctx.t(&format!("mentorship-taking-part-{role}"))
    }
    /// Why the round takes no more opt-ins: its deadline passed, or proposals went out.
    fn closed_text(&self) -> String {
        self.ctx.t(if self.published() {
            "matching-closed-published"
        } else {
            "matching-closed"
        })
    }
    fn role_label(&self, role: &str) -> String {
        self.ctx.t(&format!("mentorship-role-{role}"))
    }
    fn taking_part(&self, name: &str) -> String {
        let key = match (self.published(), self.proposals.is_empty()) {
            (false, _) => "matching-taking-part",
            (true, true) => "matching-taking-part-none",
            (true, false) => "matching-taking-part-published",
        };
        self.ctx.ta(key, &[("org", spona_i18n::Arg::Str(name))])
    }
    fn answer_label(&self, answer: &str) -> String {
        self.ctx.t(&format!("answer-{answer}"))
    }
    fn side_people(&self, side: &str) -> Vec<(String, String)> {
        self.participants
            .iter()
            .filter(|p| p.side == side)
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect()
    }
    fn labels(&self, prefix: &str, list: &str) -> String {
        Participant::list(list)
            .iter()
            .map(|c| self.ctx.label(prefix, c))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The user's organisations that may still opt in to a round.
async fn eligible(
    ctx: &Ctx,
    round: &Round,
    participants: &[Participant],
) -> Result<Vec<Eligible>, AppError> {
    let Some(user) = ctx.user.as_ref() else {
        return Ok(Vec::new());
    };
    let members = match &round.network_id {
        Some(n) => Some(
            networks::members(&ctx.state.db, n)
                .await?
                .into_iter()
                .map(|o| o.id)
                .collect::<Vec<_>>(),
        ),
        None => None,
    };
    let mut out = Vec::new();
    for m in user
        .memberships
        .iter()
        .filter(|m| m.role() == spona_domain::role::OrgRole::Admin)
    {
        if participants
            .iter()
            .any(|p| p.org_id.as_deref() == Some(m.org_id.as_str()))
        {
            continue;
        }
        if members.as_ref().is_some_and(|ids| !ids.contains(&m.org_id)) {
            continue;
        }
        let org = spona_store::orgs::get(&ctx.state.db, &m.org_id).await?;
        if let Some(side) = round.side_of(&org.country) {
            let name = crate::names::org_name(ctx.locale, &org).text;
            out.push((org.slug, name, side));
        }
    }
    Ok(out)
}

/// The opt-in form's choices besides the statement: the organisation, capacity, and for a
/// person the role and country.
#[derive(Debug, Clone, Default)]
pub(super) struct Choice {
    pub org: String,
    pub capacity: String,
    pub role: String,
    pub country: String,
}

pub(super) async fn round_page(
    ctx: Ctx,
    round: Round,
    draft: Option<OptInDraft>,
    choice: Choice,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let participants = crate::names::participants(&ctx, &round.id).await?;
    let coordinator = coordinates(&ctx, &round).await?;
    let personal = round.programme().is_some_and(Programme::is_personal);
    let eligible = if personal {
        Vec::new()
    } else {
        eligible(&ctx, &round, &participants).await?
    };
    let person_may_opt_in =
        personal && super::mentorship::may_opt_in(&ctx, &round, &participants).await?;
    let round_countries = round
        .countries_a()
        .into_iter()
        .chain(round.countries_b())
        .map(|c| (c.to_owned(), ctx.label("country", c)))
        .collect();
    // Prefill the form from the first eligible organisation's profile.
    let draft = match draft {
        Some(d) => d,
        None => match eligible.first() {
            Some((slug, _, _)) => {
                let org = spona_store::orgs::get_by_slug(&ctx.state.db, slug).await?;
                OptInDraft {
                    offers: org.offers,
                    needs: org.needs,
                    themes: org.themes,
                    languages: org.languages,
                    ..Default::default()
                }
            }
            None => OptInDraft::default(),
        },
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let open = round.is_open(spona_store::now());
    let proposals = proposal_views(&ctx, &round, &participants, coordinator).await?;
    let mine = participants
        .iter()
        .filter(|p| p.org_id.is_some() && super::proposals::member_side(&ctx, p))
        .map(|p| p.name.clone())
        .collect();
    let my_role = participants
        .iter()
        .find(|p| p.user_id.is_some() && super::proposals::member_side(&ctx, p))
        .map(|p| if p.side == "a" { "mentor" } else { "mentee" });
    let name = |id: &str| {
        participants
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let pairs = spona_store::pairs::of_round(&ctx.state.db, &round.id)
        .await?
        .into_iter()
        .filter_map(|x| {
            let a = participants.iter().find(|p| p.id == x.a_id)?;
            let b = participants.iter().find(|p| p.id == x.b_id)?;
            let mine =
                super::proposals::member_side(&ctx, a) || super::proposals::member_side(&ctx, b);
            (coordinator || mine).then(|| {
                let active = x.is_active();
                (x.proposal_id, a.name.clone(), b.name.clone(), active)
            })
        })
        .collect();
    let constraints = if coordinator {
        spona_store::matching::constraints(&ctx.state.db, &round.id)
            .await?
            .into_iter()
            .map(|c| (name(&c.a_id), name(&c.b_id), c.kind, c.a_id, c.b_id))
            .collect()
    } else {
        Vec::new()
    };
    Ok(render(
        status,
        &RoundPage {
            knowhow: options(&ctx, KNOWHOW),
            themes: options(&ctx, THEMES),
            languages: options(&ctx, LANGUAGES),
            // Only the coordinators see who opted in, with their statements.
            proposals,
            pairs,
            constraints,
            mine,
            participants: if coordinator {
                participants
            } else {
                Vec::new()
            },
            ctx,
            open,
            coordinator,
            round,
            eligible,
            draft,
            chosen_org: choice.org,
            capacity: choice.capacity,
            role: choice.role,
            country: choice.country,
            personal,
            my_role,
            person_may_opt_in,
            round_countries,
            errors,
        },
    ))
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

/// The opt-in form: an organisation's (`org`) or, in a mentorship round, a person's
/// (`role`, `country`).
#[derive(Deserialize, Default)]
pub(super) struct OptInForm {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub offers: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub statement: String,
    #[serde(default)]
    pub accepts_interpretation: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub availability: String,
}

impl OptInForm {
    pub(super) fn draft(&self) -> OptInDraft {
        OptInDraft {
            offers: self.offers.clone(),
            needs: self.needs.clone(),
            themes: self.themes.clone(),
            languages: self.languages.clone(),
            statement: self.statement.clone(),
            accepts_interpretation: self.accepts_interpretation == "yes",
            capacity: self.capacity.clone(),
            availability: self.availability.clone(),
        }
    }
}

async fn opt_in(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<OptInForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let round = crate::names::round(&ctx, &id).await?;
    if round.programme().is_some_and(Programme::is_personal) {
        return super::mentorship::opt_in(ctx, round, f).await;
    }
    let org = spona_store::orgs::get_by_slug(&ctx.state.db, &f.org)
        .await
        .map_err(|_| AppError::BadRequest("err-unknown-org"))?;
    // Only the organisation's own admins speak for it (not even a platform admin).
    let own_admin = user
        .memberships
        .iter()
        .any(|m| m.org_id == org.id && m.role() == spona_domain::role::OrgRole::Admin);
    if !own_admin {
        return Err(AppError::Forbidden);
    }
    if !round.is_open(spona_store::now()) {
        return Err(AppError::BadRequest("err-round-closed"));
    }
    let side = round
        .side_of(&org.country)
        .ok_or(AppError::BadRequest("err-not-on-a-side"))?;
    if let Some(network) = &round.network_id
        && !networks::members(&ctx.state.db, network)
            .await?
            .iter()
            .any(|o| o.id == org.id)
    {
        return Err(AppError::BadRequest("err-not-in-network"));
    }
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
    match matching::opt_in(&ctx.state.db, &round.id, &org.id, side, &o, user.id()).await {
        Err(spona_store::StoreError::Conflict(_)) => {
            return Err(AppError::Conflict("err-already-opted-in"));
        }
        other => other?,
    };
    ctx.audit(
        "matching.opted_in",
        "round",
        &round.id,
        format!("org={} side={side}", org.id),
    )
    .await?;
    Ok(see_other(&ctx, &format!("/matching/{}", round.id)))
}
