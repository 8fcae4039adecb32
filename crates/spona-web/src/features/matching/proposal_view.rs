//! Proposals of a matching round as its page shows them to each reader: scores and the
//! explanation in the reader's words, answers, and — only once both sides accepted — the
//! partner's name and contacts (before that, a mentorship partner is "a mentor from …").

use spona_store::matching::{Participant, Round};

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
    pub a_answer: String,
    pub b_answer: String,
    /// The side the reader answers for, if any.
    pub my_side: Option<&'static str>,
    /// The partner's contact details, once both sides accepted.
    pub contacts: Option<Contacts>,
}

impl ProposalView {
    pub fn my_answer(&self) -> &str {
        match self.my_side {
            Some("a") => &self.a_answer,
            Some(_) => &self.b_answer,
            None => "",
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

pub(super) async fn contacts_of(ctx: &Ctx, partner: &Participant) -> Result<Contacts, AppError> {
    Ok(match (&partner.org_id, &partner.user_id) {
        (Some(org), _) => {
            let o = spona_store::orgs::get(&ctx.state.db, org).await?;
            Contacts {
                name: None,
                email: o.email,
                phone: o.phone,
                website: o.website,
            }
        }
        (None, Some(person)) => {
            let u = spona_store::users::get(&ctx.state.db, person).await?;
            Contacts {
                name: Some(u.display_name),
                email: Some(u.email),
                ..Default::default()
            }
        }
        (None, None) => Contacts::default(),
    })
}

pub(super) async fn proposal_views(
    ctx: &Ctx,
    round: &Round,
    people: &[Participant],
    coordinator: bool,
) -> Result<Vec<ProposalView>, AppError> {
    let list = |v: &serde_json::Value, key: &str, prefix: &str| {
        v[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .map(|c| ctx.label(prefix, c))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for p in spona_store::matching::proposals(&ctx.state.db, &round.id).await? {
        let my_side = super::proposals::my_side(ctx, &p, people);
        if !coordinator && (my_side.is_none() || round.status != "published") {
            continue;
        }
        let (Some(a), Some(b)) = (
            people.iter().find(|x| x.id == p.a_id),
            people.iter().find(|x| x.id == p.b_id),
        ) else {
            continue;
        };
        let why: serde_json::Value = serde_json::from_str(&p.explanation).unwrap_or_default();
        let partner = match my_side {
            Some("a") => Some(b),
            Some(_) => Some(a),
            None => None,
        };
        let contacts = match partner {
            Some(partner) if p.agreed() => Some(contacts_of(ctx, partner).await?),
            _ => None,
        };
        // People's names are theirs to share: before both accept, each side sees the other
        // only by role, country and their own words (coordinators see names).
        let agreed = p.agreed();
        let anonymous = |x: &Participant| {
            x.user_id.is_some() && !coordinator && !agreed && partner.is_some_and(|q| q.id == x.id)
        };
        let shown_name = |x: &Participant| {
            if anonymous(x) {
                let key = if x.side == "a" {
                    "mentorship-anonymous-mentor"
                } else {
                    "mentorship-anonymous-mentee"
                };
                let from = ctx.label("countryfrom", &x.country);
                ctx.ta(key, &[("from", spona_i18n::Arg::Str(&from))])
            } else {
                x.name.clone()
            }
        };
        let partner_statement = partner
            .filter(|q| q.user_id.is_some() && !q.statement.is_empty())
            .map(|q| q.statement.clone());
        let (a_name, b_name) = (shown_name(a), shown_name(b));
        out.push(ProposalView {
            a_gives: list(&why, "a_gives", "knowhow"),
            b_gives: list(&why, "b_gives", "knowhow"),
            themes: list(&why, "themes", "theme"),
            languages: list(&why, "languages", "lang"),
            interpretation: why["interpretation"].as_bool().unwrap_or(false),
            worked_together: why["worked_together"].as_bool().unwrap_or(false),
            pinned: why["pinned"].as_bool().unwrap_or(false),
            id: p.id,
            a_id: p.a_id,
            b_id: p.b_id,
            a_name,
            b_name,
            partner_statement,
            a_slug: a.org_slug.clone(),
            b_slug: b.org_slug.clone(),
            score: p.score,
            a_answer: p.a_answer,
            b_answer: p.b_answer,
            my_side,
            contacts,
        });
    }
    Ok(out)
}
