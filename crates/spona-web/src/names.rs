//! Names of organisations and titles of matching rounds in the reader's language wherever
//! they are shown (navigation, home, people, matching rounds, proposals, pairs, the JSON
//! API, mails), with the directory's choice and fallback ([`pick_own`]: the reader's
//! language, then English, then the primary name or title).
//!
//! The names come from the in-memory directory snapshot, so naming any number of
//! organisations costs one query (the snapshot's version check), never one per name.

use std::sync::Arc;

use spona_domain::Locale;
use spona_store::directory::Snapshot;
use spona_store::matching::{Participant, Round};
use spona_store::orgs::Org;
use spona_store::resources::ResourceLine;
use spona_store::users::Membership;

use crate::http::context::Ctx;
use crate::http::error::AppError;
use crate::http::view::{Shown, pick_own, pick_own_by};

/// An organisation's name for a reader of `locale`, and the language it is written in
/// (empty for the primary name, whose language is not recorded).
pub fn org_name(locale: Locale, org: &Org) -> Shown {
    pick_own(locale, &org.texts, |t| t.name.as_ref()).unwrap_or(Shown {
        text: org.name.clone(),
        lang: String::new(),
    })
}

/// Organisation names in one reader's language.
pub struct OrgNames {
    snapshot: Arc<Snapshot>,
    locale: Locale,
}

impl OrgNames {
    pub async fn load(ctx: &Ctx) -> Result<Self, AppError> {
        Ok(Self::new(
            ctx.state.directory.snapshot(&ctx.state.db).await?,
            ctx.locale,
        ))
    }

    pub fn new(snapshot: Arc<Snapshot>, locale: Locale) -> Self {
        OrgNames { snapshot, locale }
    }

    /// The name of the organisation `org_id` (`stored` if the directory does not hold it).
    pub fn of(&self, org_id: &str, stored: &str) -> String {
        self.snapshot
            .org(org_id)
            .map(|o| org_name(self.locale, o).text)
            .unwrap_or_else(|| stored.to_owned())
    }

    /// Renames `name` if `org_id` names an organisation (people keep their own name).
    pub fn rename(&self, org_id: Option<&str>, name: &mut String) {
        if let Some(id) = org_id {
            *name = self.of(id, name);
        }
    }

    pub fn memberships(&self, memberships: &mut [Membership]) {
        for m in memberships {
            m.org_name = self.of(&m.org_id, &m.org_name);
        }
    }

    /// Names the owners of resources listed for review or translation.
    pub fn resource_lines(&self, lines: &mut [ResourceLine]) {
        for l in lines {
            l.owner_name = self.of(&l.owner_org_id, &l.owner_name);
        }
    }

    pub fn participants(&self, people: &mut [Participant]) {
        for p in people {
            self.rename(p.org_id.as_deref(), &mut p.name);
        }
    }
}

/// A title for a reader of `locale`: theirs among `titles` (`(language, title)`), or `title`.
pub fn title_in(locale: Locale, title: &str, titles: &[(String, String)]) -> String {
    pick_own_by(locale, |lang| {
        titles.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    })
    .map(|s| s.text)
    .unwrap_or_else(|| title.to_owned())
}

/// A round as a reader of `locale` sees it: `title` in their language.
pub fn round_for(locale: Locale, mut round: Round) -> Round {
    round.title = title_in(locale, &round.title, &round.titles);
    round
}

/// A round, its title in the reader's language.
pub async fn round(ctx: &Ctx, id: &str) -> Result<Round, AppError> {
    Ok(round_for(
        ctx.locale,
        spona_store::matching::round(&ctx.state.db, id).await?,
    ))
}

/// Every round, titles in the reader's language.
pub async fn rounds(ctx: &Ctx) -> Result<Vec<Round>, AppError> {
    Ok(spona_store::matching::rounds(&ctx.state.db)
        .await?
        .into_iter()
        .map(|r| round_for(ctx.locale, r))
        .collect())
}

/// A round's participants, organisations named in the reader's language.
pub async fn participants(ctx: &Ctx, round_id: &str) -> Result<Vec<Participant>, AppError> {
    let mut people = spona_store::matching::participants(&ctx.state.db, round_id).await?;
    OrgNames::load(ctx).await?.participants(&mut people);
    Ok(people)
}
