//! The round page: the round, the reader's part in it, the opt-in form (for organisations and,
//! in mentorship rounds, people), the proposals the reader may see, pairs and, for
//! coordinators, participants and pins and bans.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use spona_app::matching::access;
use spona_domain::matching::{Answer, ConstraintKind, OptInDraft, Programme, RoundStatus, Side};
use spona_domain::vocab::{KNOWHOW, LANGUAGES, THEMES};
use spona_store::matching::{Participant, Round};

use super::proposal_view::{ProposalView, proposal_views};
use crate::http::forms::FormErrors;
use crate::http::options::{OptionList, options};
use crate::http::view::render;
use crate::{AppError, Ctx};

pub(super) fn programme_label(ctx: &Ctx, p: &str) -> String {
    ctx.t(&format!("programme-{}", p.replace('_', "-")))
}

pub(super) fn country_names(ctx: &Ctx, list: &str) -> String {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| ctx.label("country", c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An organisation the user may opt in: `(slug, name, side)`.
type Eligible = (String, String, Side);

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
    /// The coordinator's pins and bans: `(a name, b name, pinned (else forbidden), a id, b id)`.
    constraints: Vec<(String, String, bool, String, String)>,
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
        programme_label(&self.ctx, self.round.programme.as_str())
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
        self.round.status.is_out()
    }
    /// Pins and bans are for a round whose proposals the coordinator has not published.
    fn proposed(&self) -> bool {
        self.round.status == RoundStatus::Proposed
    }
    /// The sides answer once proposals are published (not after the round closed).
    fn answers_open(&self) -> bool {
        self.round.status == RoundStatus::Published
    }
    fn on_side_a(&self, p: &Participant) -> bool {
        p.side == Side::A
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
    fn answer_label(&self, answer: &Answer) -> String {
        self.ctx.t(&format!("answer-{}", answer.as_str()))
    }
    fn side_people(&self, side: &str) -> Vec<(String, String)> {
        let side = Side::parse(side);
        self.participants
            .iter()
            .filter(|p| Some(p.side) == side)
            .map(|p| (p.id.to_string(), p.name.clone()))
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

/// The organisations the reader may still opt in (`spona_app`'s rule), named in their
/// language, and the opt-in form prefilled from the first one's profile.
async fn eligible(
    ctx: &Ctx,
    round: &Round,
    participants: &[Participant],
) -> Result<(Vec<Eligible>, OptInDraft), AppError> {
    let orgs = access::eligible_orgs(&ctx.actor(), &ctx.state.db, round, participants).await?;
    let prefill = orgs.first().map(|(org, _)| OptInDraft {
        offers: org.offers.clone(),
        needs: org.needs.clone(),
        themes: org.themes.clone(),
        languages: org.languages.clone(),
        ..Default::default()
    });
    let eligible = orgs
        .into_iter()
        .map(|(org, side)| {
            let name = crate::names::org_name(ctx.locale, &org).text;
            (org.slug, name, side)
        })
        .collect();
    Ok((eligible, prefill.unwrap_or_default()))
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
    let actor = ctx.actor();
    let coordinator = access::coordinates(&actor, &ctx.state.db, &round).await?;
    let personal = round.programme().is_some_and(Programme::is_personal);
    let (eligible, prefill) = if personal {
        Default::default()
    } else {
        eligible(&ctx, &round, &participants).await?
    };
    let person_may_opt_in =
        personal && access::may_opt_in_person(&actor, &ctx.state.db, &round, &participants).await?;
    let round_countries = round
        .countries_a()
        .into_iter()
        .chain(round.countries_b())
        .map(|c| (c.to_owned(), ctx.label("country", c)))
        .collect();
    // Prefilled from the first eligible organisation's profile.
    let draft = draft.unwrap_or(prefill);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let open = round.is_open(spona_store::now());
    let proposals = proposal_views(&ctx, &round, &participants, coordinator).await?;
    let mine = participants
        .iter()
        .filter(|p| p.org_id.is_some() && access::member_side(&actor, p))
        .map(|p| p.name.clone())
        .collect();
    let my_role = participants
        .iter()
        .find(|p| p.user_id.is_some() && access::member_side(&actor, p))
        .map(|p| {
            if p.side == Side::A {
                "mentor"
            } else {
                "mentee"
            }
        });
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
            let mine = access::member_side(&actor, a) || access::member_side(&actor, b);
            (coordinator || mine).then(|| {
                let active = x.is_active();
                (
                    x.proposal_id.into_string(),
                    a.name.clone(),
                    b.name.clone(),
                    active,
                )
            })
        })
        .collect();
    let constraints = if coordinator {
        spona_store::matching::constraints(&ctx.state.db, &round.id)
            .await?
            .into_iter()
            .map(|c| {
                let pinned = c.kind == ConstraintKind::Pin;
                (
                    name(&c.a_id),
                    name(&c.b_id),
                    pinned,
                    c.a_id.into(),
                    c.b_id.into(),
                )
            })
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
