//! Names of organisations and titles of matching rounds in the reader's language wherever
//! they are shown (navigation, home, people, matching rounds, proposals, pairs, the JSON
//! API, mails), with the directory's choice and fallback ([`pick_own`](spona_app::names::pick_own): the reader's
//! language, then English, then the primary name or title).
//!
//! The names come from the in-memory directory snapshot, so naming any number of
//! organisations costs one query (the snapshot's version check), never one per name.
//!
//! The rules live in [`spona_app::names`]; this module binds them to the request context.

use std::sync::Arc;

use spona_store::directory::Snapshot;
use spona_store::matching::{Participant, Round};

use crate::http::context::Ctx;
use crate::http::error::AppError;

pub use spona_app::names::{org_name, round_for, title_in};

/// Organisation names in the reader's language ([`spona_app::names::OrgNames`]), loaded
/// from the request's context.
pub struct OrgNames(spona_app::names::OrgNames);

impl OrgNames {
    pub async fn load(ctx: &Ctx) -> Result<Self, AppError> {
        Ok(OrgNames(
            spona_app::names::OrgNames::load(&ctx.state.directory, &ctx.state.db, ctx.locale)
                .await?,
        ))
    }

    pub fn new(snapshot: Arc<Snapshot>, locale: spona_domain::Locale) -> Self {
        OrgNames(spona_app::names::OrgNames::new(snapshot, locale))
    }
}

impl std::ops::Deref for OrgNames {
    type Target = spona_app::names::OrgNames;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
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
