//! Changing a campaign's quiz one part at a time (the question-by-question forms): each
//! change reads the current version, applies one edit of `spona_domain::quiz::edit` and
//! saves through [`author::revise`]: the same version while nobody has started it, else a
//! new version (the answered one never changes).

use spona_domain::Invalid;
use spona_domain::quiz::QuizDoc;
use spona_store::Db;

use super::author::{self, Draft};
use super::day_of;
use crate::actor::Actor;
use crate::{Error, Result};

/// Applies `edit` to the current quiz of the campaign and saves it; the version written.
/// The edit's own errors come back as [`Error::Invalid`]; nothing is saved then.
pub async fn change(
    actor: &Actor,
    db: &Db,
    campaign_id: &str,
    edit: impl FnOnce(&mut QuizDoc) -> std::result::Result<(), Vec<Invalid>>,
) -> Result<i64> {
    let v = author::view(actor, db, campaign_id).await?;
    let mut doc = v.doc;
    edit(&mut doc).map_err(Error::Invalid)?;
    let draft = Draft {
        org_id: v.campaign.org_id.clone(),
        slug: v.campaign.slug.clone(),
        public_results: v.campaign.public_results == 1,
        doc: serde_json::to_string(&doc).map_err(anyhow::Error::from)?,
        starts_on: day_of(v.quiz.starts_at),
        ends_on: day_of(v.quiz.ends_at - 1),
    };
    author::revise(actor, db, campaign_id, &draft).await
}
