//! Proposals of a matching round as its page shows them to each reader: scores and the
//! explanation in the reader's words, answers, and — only once both sides accepted — the
//! partner's name and contacts (before that, a mentorship partner is "a mentor from …").

use spona_app::matching::{privacy, proposals};
use spona_domain::matching::{Answer, Side};
use spona_store::matching::{Explanation, Participant, Round};

use crate::{AppError, Ctx};

/// A proposal as the round page shows it.
pub struct ProposalView {
    pub id: String,
    pub a_id: String,
    pub b_id: String,
    pub a_name: String,
    pub b_name: String,
    /// Organisations' slugs (for links); `None` for people.
    pub a_slug: Option<String>,
    pub b_slug: Option<String>,
    /// In a mentorship, what the partner said in their own words (experience or goals).
    pub partner_statement: Option<String>,
    pub score: i64,
    pub a_gives: String,
    pub b_gives: String,
    pub themes: String,
    pub languages: String,
    pub interpretation: bool,
    pub worked_together: bool,
    pub pinned: bool,
    pub a_answer: Answer,
    pub b_answer: Answer,
    /// The side the reader answers for, if any.
    pub my_side: Option<Side>,
    /// The partner's contact details, once both sides accepted.
    pub contacts: Option<Contacts>,
}

impl ProposalView {
    /// The reader speaks for a side that has not answered yet.
    pub fn may_answer(&self) -> bool {
        match self.my_side {
            Some(Side::A) => self.a_answer == Answer::Pending,
            Some(Side::B) => self.b_answer == Answer::Pending,
            None => false,
        }
    }
}

/// The contact details a partner shares once both sides agreed, for links (`mailto:`,
/// `tel:`) rather than plain text.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

impl Contacts {
    pub fn tel(&self) -> String {
        crate::http::view::tel(self.phone.as_deref().unwrap_or_default())
    }

    /// A website worth linking: only `http(s)` addresses.
    pub fn web_href(&self) -> Option<&str> {
        self.website
            .as_deref()
            .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
    }
}

impl From<spona_app::matching::proposals::Contacts> for Contacts {
    fn from(c: spona_app::matching::proposals::Contacts) -> Self {
        Contacts {
            name: c.name,
            email: c.email,
            phone: c.phone,
            website: c.website,
        }
    }
}

/// The proposals the reader may see (the rule is `spona_app::matching::privacy`), with the
/// explanation in the reader's words.
pub(super) async fn proposal_views(
    ctx: &Ctx,
    round: &Round,
    people: &[Participant],
    coordinator: bool,
) -> Result<Vec<ProposalView>, AppError> {
    let actor = ctx.actor();
    let list = |items: &[String], prefix: &str| {
        items
            .iter()
            .map(|c| ctx.label(prefix, c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let seen = privacy::visible(&actor, &ctx.state.db, round, people, Some(coordinator)).await?;
    let mut contacts = proposals::contacts_for(&ctx.state.db, round, &seen, people).await?;
    let mut out = Vec::new();
    for (p, sight) in seen {
        let (Some(a), Some(b)) = (
            people.iter().find(|x| x.id == p.a_id),
            people.iter().find(|x| x.id == p.b_id),
        ) else {
            continue;
        };
        let partner = sight.partner(a, b);
        let contacts = match partner {
            Some(partner) if sight.sees_contacts() => Some(
                contacts
                    .remove(&partner.id)
                    .map(Contacts::from)
                    .unwrap_or_default(),
            ),
            _ => None,
        };
        // Before both accept, each side sees the other person only by role, country and
        // their own words.
        let shown_name = |x: &Participant| {
            if sight.sees_name(x, privacy::own(&actor, x)) {
                x.name.clone()
            } else {
                let key = if x.side == Side::A {
                    "mentorship-anonymous-mentor"
                } else {
                    "mentorship-anonymous-mentee"
                };
                let from = ctx.label("countryfrom", &x.country);
                ctx.ta(key, &[("from", spona_i18n::Arg::Str(&from))])
            }
        };
        let partner_statement = partner
            .filter(|q| q.user_id.is_some() && !q.statement.is_empty())
            .map(|q| q.statement.clone());
        let (a_name, b_name) = (shown_name(a), shown_name(b));
        let none = Explanation::default();
        let why = p.explanation.explanation().unwrap_or(&none);
        out.push(ProposalView {
            a_gives: list(&why.a_gives, "knowhow"),
            b_gives: list(&why.b_gives, "knowhow"),
            themes: list(&why.shared_themes, "theme"),
            languages: list(&why.shared_languages, "lang"),
            interpretation: why.needs_interpretation,
            worked_together: why.worked_together,
            pinned: p.explanation.pinned(),
            id: p.id.into(),
            a_id: p.a_id.into(),
            b_id: p.b_id.into(),
            a_name,
            b_name,
            partner_statement,
            a_slug: a.org_slug.clone(),
            b_slug: b.org_slug.clone(),
            score: p.score,
            a_answer: p.a_answer,
            b_answer: p.b_answer,
            my_side: sight.my_side,
            contacts,
        });
    }
    Ok(out)
}
