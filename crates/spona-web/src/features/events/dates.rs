//! The dates of a series on its page: which coming date a person may register for (with
//! whether it is full) and the dates they registered for.

use chrono_tz::Tz;
use spona_app::events::{Detail, occurrence};
use spona_domain::event::format_local;

use super::span_in;
use crate::{AppError, Ctx};

/// A coming date of a series, for the registration form.
pub struct DateChoice {
    /// The local start, as the form sends it.
    pub local: String,
    /// When, in the reader's zone.
    pub when: String,
    /// No seat left on it: registering puts one on its waiting list.
    pub full: bool,
}

/// A date the reader registered for.
pub struct MyDate {
    pub local: String,
    pub when: String,
    pub status: String,
}

/// The coming dates of a series (none for a single event) and the reader's registrations
/// for single dates.
pub async fn of(
    ctx: &Ctx,
    d: &Detail,
    tz: Tz,
    now: i64,
) -> Result<(Vec<DateChoice>, Vec<MyDate>), AppError> {
    if d.event.rrule.is_none() {
        return Ok((Vec::new(), Vec::new()));
    }
    let counts = spona_store::events::counts_by_occurrence(&ctx.state.db, &d.event.id).await?;
    let taken: Vec<(String, i64)> = counts
        .iter()
        .map(|c| (c.occurrence_local.clone(), c.taken))
        .collect();
    let coming: Vec<String> = d
        .occurrences
        .iter()
        .filter(|o| o.starts_at > now)
        .map(|o| format_local(o.local))
        .collect();
    let choices = d
        .occurrences
        .iter()
        .filter(|o| o.starts_at > now)
        .take(100)
        .map(|o| {
            let local = format_local(o.local);
            DateChoice {
                full: d
                    .event
                    .capacity
                    .is_some_and(|c| occurrence::taken_for(&taken, &local, &coming) >= c),
                when: span_in(tz, o.starts_at, o.ends_at),
                local,
            }
        })
        .collect();
    let mine = d
        .mine_dates
        .iter()
        .map(|r| {
            let when = d
                .occurrences
                .iter()
                .find(|o| format_local(o.local) == r.occurrence_local)
                .map_or_else(
                    || r.occurrence_local.replace('T', " "),
                    |o| span_in(tz, o.starts_at, o.ends_at),
                );
            MyDate {
                status: ctx.t(&format!("event-status-{}", r.status.as_str())),
                local: r.occurrence_local.clone(),
                when,
            }
        })
        .collect();
    Ok((choices, mine))
}
