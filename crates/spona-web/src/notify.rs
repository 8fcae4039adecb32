//! Notices, as the pages use them: the use case is [`spona_app::mail::notify`]; here the
//! server's settings are handed to it.

pub use spona_app::mail::notify::{Notice, Notifier, Subject, people_of, text};
use spona_store::matching::{Participant, Proposal, Round};

use crate::AppState;

/// The server's notifier.
pub fn of(state: &AppState) -> Notifier<'_> {
    Notifier {
        db: &state.db,
        tr: &state.tr,
        public_url: &state.config.public_url,
    }
}

/// See [`spona_app::mail::notify::participant`].
pub async fn participant(
    state: &AppState,
    p: &Participant,
    all_members: bool,
    notice: Notice,
    subject: &Subject,
    link: &str,
) {
    spona_app::mail::notify::participant(of(state), p, all_members, notice, subject, link).await
}

/// See [`spona_app::mail::notify::proposals_published`].
pub async fn proposals_published(
    state: &AppState,
    round: &Round,
    proposals: &[Proposal],
    people: &[Participant],
) {
    spona_app::mail::notify::proposals_published(of(state), round, proposals, people).await
}

/// See [`spona_app::mail::notify::break_glass`].
pub async fn break_glass(state: &AppState, case_id: &str, admin_id: &str) {
    spona_app::mail::notify::break_glass(of(state), case_id, admin_id).await
}
