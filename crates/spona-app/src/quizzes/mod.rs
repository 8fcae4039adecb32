//! Awareness quizzes (issue 23): the use cases behind the coordinators' pages (`author`),
//! the public pages people take a quiz on (`take`) and the results (`results`).
//!
//! **Who may do what.** A campaign belongs to an organisation or to a network; that
//! organisation's admins, or the network's coordinators (the admins of its coordinating
//! organisation; see `owners.rs`), and platform admins coordinate it: they write and revise its quiz, add channels, read
//! the results with the suspected floods and exclude them. Everyone may take an open quiz
//! without an account, and read a campaign's results when the campaign made them public.
//!
//! **Counting once without tracking.** A session is a random id signed with the campaign's
//! key into a short-lived token carried in the quiz's addresses (no cookie of its own). A
//! session's answer to a question is stored once (the primary key); a second one is a 409.
//! The client's address is used for one thing: an HMAC under the day's random salt of the
//! quiz, the address and the user agent, stored with the session; the salt is deleted the
//! next day. Starts from one hash within a minute beyond [`BURST_FREE`] are slowed (the
//! page waits), never refused: a school shares one address. Coordinators see hashes with
//! many sessions on one day and may exclude them from the results.

pub mod author;
pub mod live;
pub mod owners;
pub mod questions;
pub mod results;
pub mod take;

#[cfg(test)]
mod tests;

use spona_store::quizzes::{self as store, Campaign};
use spona_store::{Db, audit};

use crate::actor::Actor;
use crate::{Error, Result};

/// Starts from one hash within a minute that are not slowed.
pub const BURST_FREE: i64 = 30;

/// Sessions from one hash on one day from which it is listed as a suspected flood.
pub const FLOOD_MIN: i64 = 50;

/// Whether the actor coordinates the campaign: an organisation's campaign, its admins; a
/// network's campaign, the network's coordinators (the admins of its coordinating
/// organisation, as it is now; not the admins of its other members); platform admins both.
pub fn coordinates(actor: &Actor, c: &Campaign) -> bool {
    if !actor.is_signed_in() {
        return false;
    }
    match (&c.network_id, &c.network_coordinator) {
        (None, _) => actor.can_manage_org(&c.org_id),
        (Some(_), Some(coordinator)) => actor.can_manage_org(coordinator),
        // A network that is gone takes its campaigns with it (ON DELETE CASCADE).
        (Some(_), None) => actor.is_admin(),
    }
}

/// A campaign the actor coordinates: sign-in first, 404 for an unknown one, 403 for others.
pub async fn load(actor: &Actor, db: &Db, id: &str) -> Result<Campaign> {
    actor.require_user()?;
    let c = store::campaign(db, id).await?.ok_or(Error::NotFound)?;
    if !coordinates(actor, &c) {
        return Err(Error::Forbidden);
    }
    Ok(c)
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, detail: String) -> audit::Event<'a> {
    audit::Event {
        actor_id: actor.id(),
        action,
        target_kind: "quiz-campaign",
        target_id: id,
        detail,
    }
}

/// The UTC day `YYYY-MM-DD` of a Unix time.
pub fn day_of(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
