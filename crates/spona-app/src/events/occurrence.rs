//! Registration per date of a series (issue 18): a person registers for the whole event
//! (a single event, or every date of a series) or for one coming date of a series (or
//! simply the next one). Seats and the waiting list are counted per date; a registration
//! for every date takes a seat on each coming date. All of it happens under the event's
//! registration lock (`store::lock_in`), so two people racing for the last seat of a date
//! never both get it. Cancelling one date tells its registrants (and those of every date)
//! by mail, in the transaction that cancels it.

use spona_domain::Invalid;
use spona_domain::event::{self, Occurrence, RegStatus, parse_local};
use spona_store::events::{self as store, Answers, Event, Registration};
use spona_store::{Db, Tx, now};

use super::{Env, event_mail, mail_zone_in, managed, not_found, occurrences, record};
use crate::mail::enqueue_in;
use crate::{Actor, Error, Result};

/// What a registration is for, as the form says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// The whole event: `''`.
    Whole,
    /// The next date not begun yet: `next`.
    Next,
    /// One date, by its local start (`2030-03-08T10:00`).
    At(String),
}

impl Which {
    pub fn parse(s: &str) -> Which {
        match s.trim() {
            "" => Which::Whole,
            "next" => Which::Next,
            s => Which::At(s.to_owned()),
        }
    }
}

/// The dates of the event a registration may still be for: begun dates are not.
fn coming(occ: &[Occurrence], at: i64) -> impl Iterator<Item = &Occurrence> {
    occ.iter().filter(move |o| o.starts_at > at)
}

/// The date `which` names, as stored (`''` for the whole event), with its occurrence.
fn resolve(e: &Event, occ: &[Occurrence], which: &Which, at: i64) -> Result<String> {
    let no_date = || Error::Invalid(vec![Invalid::new("occurrence", "err-event-no-occurrence")]);
    match which {
        Which::Whole => Ok(String::new()),
        _ if e.rrule.is_none() => Err(no_date()),
        Which::Next => coming(occ, at)
            .next()
            .map(|o| event::format_local(o.local))
            .ok_or(Error::Conflict("err-event-over")),
        Which::At(s) => {
            let t = parse_local(s).ok_or_else(no_date)?;
            coming(occ, at)
                .find(|o| o.local == t)
                .map(|o| event::format_local(o.local))
                .ok_or_else(no_date)
        }
    }
}

/// Seats taken for `date` (`''`: the whole event) given the seats taken by each date's
/// registrations: the whole event's registrations count on every date, and a registration
/// for the whole event needs a seat on every coming date.
pub fn taken_for(taken: &[(String, i64)], date: &str, coming: &[String]) -> i64 {
    let whole = taken.iter().find(|t| t.0.is_empty()).map_or(0, |t| t.1);
    let of = |d: &str| taken.iter().find(|t| t.0 == d).map_or(0, |t| t.1);
    if date.is_empty() {
        whole + coming.iter().map(|d| of(d)).max().unwrap_or(0)
    } else {
        whole + of(date)
    }
}

fn coming_dates(occ: &[Occurrence], at: i64) -> Vec<String> {
    coming(occ, at)
        .map(|o| event::format_local(o.local))
        .collect()
}

/// Registers the actor for `which`: a seat if the date has one free (awaiting the organiser
/// where approval is set), else a place on that date's waiting list. Returns the status and
/// the date registered for (`''`: the whole event).
pub async fn register_at(
    actor: &Actor,
    db: &Db,
    id: &str,
    which: &Which,
    answers: &Answers,
) -> Result<(RegStatus, String)> {
    let user = actor.require_user()?;
    for (field, v) in [
        ("interpretation", &answers.interpretation),
        ("accessibility", &answers.accessibility),
        ("dietary", &answers.dietary),
    ] {
        if v.chars().count() > 2000 {
            return Err(Error::Invalid(vec![Invalid::new(field, "err-too-long")]));
        }
    }
    let exdates = store::exdates(db, Some(id)).await?;
    let mut tx = db.begin().await?;
    let event = store::lock_in(&mut tx, id).await.map_err(not_found)?;
    if event.cancelled != 0 {
        return Err(Error::Conflict("err-event-cancelled"));
    }
    let at = now();
    if at >= event.last_ends_at {
        return Err(Error::Conflict("err-event-over"));
    }
    let occ = occurrences(&event, &exdates);
    let date = resolve(&event, &occ, which, at)?;
    let active =
        |r: &Option<Registration>| r.as_ref().is_some_and(|r| r.status != RegStatus::Cancelled);
    if active(&store::registration_at_in(&mut tx, id, &user.id, &date).await?)
        || (!date.is_empty()
            && active(&store::registration_at_in(&mut tx, id, &user.id, "").await?))
    {
        return Err(Error::Conflict("err-event-registered-twice"));
    }
    let taken = store::taken_by_occurrence_in(&mut tx, id).await?;
    let taken = taken_for(&taken, &date, &coming_dates(&occ, at));
    let status = if event.capacity.is_some_and(|c| taken >= c) {
        RegStatus::Waiting
    } else if event.approval != 0 {
        RegStatus::Pending
    } else {
        RegStatus::Confirmed
    };
    store::register_at_in(&mut tx, id, &user.id, &date, status, answers).await?;
    let detail = if date.is_empty() {
        status.as_str().to_owned()
    } else {
        format!("{} {date}", status.as_str())
    };
    record(&mut tx, actor, "event.register", id, detail).await?;
    tx.commit().await?;
    Ok((status, date))
}

/// The actor cancels their registration for `date` (`''`: the whole event); people waiting
/// move up, each with a mail.
pub async fn unregister_at(actor: &Actor, env: &Env<'_>, id: &str, date: &str) -> Result<()> {
    let user = actor.require_user()?;
    let exdates = store::exdates(env.db, Some(id)).await?;
    let mut tx = env.db.begin().await?;
    let event = store::lock_in(&mut tx, id).await.map_err(not_found)?;
    let Some(r) = store::registration_at_in(&mut tx, id, &user.id, date).await? else {
        return Err(Error::Conflict("err-event-not-registered"));
    };
    if r.status == RegStatus::Cancelled {
        return Err(Error::Conflict("err-event-not-registered"));
    }
    store::set_status_in(&mut tx, &r.id, RegStatus::Cancelled).await?;
    record(&mut tx, actor, "event.unregister", id, date.to_owned()).await?;
    move_up_in(&mut tx, env, &event, &occurrences(&event, &exdates)).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves people up from every waiting list of the event while their date has a seat, each
/// told by mail in the same transaction.
pub(super) async fn move_up_in(
    tx: &mut Tx,
    env: &Env<'_>,
    event: &Event,
    occ: &[Occurrence],
) -> Result<()> {
    let at = now();
    let coming = coming_dates(occ, at);
    for date in store::waiting_dates_in(tx, &event.id).await? {
        loop {
            let taken = store::taken_by_occurrence_in(tx, &event.id).await?;
            if event
                .capacity
                .is_some_and(|c| taken_for(&taken, &date, &coming) >= c)
            {
                break;
            }
            let Some(next) = store::first_waiting_at_in(tx, &event.id, &date).await? else {
                break;
            };
            let status = if event.approval != 0 {
                RegStatus::Pending
            } else {
                RegStatus::Confirmed
            };
            store::set_status_in(tx, &next.id, status).await?;
            let key = if status == RegStatus::Confirmed {
                "event-mail-moved-up"
            } else {
                "event-mail-moved-up-pending"
            };
            let reader = mail_zone_in(tx, &next.user_id).await?;
            let when = when_of(occ, &date);
            let mail = event_mail(
                env,
                event,
                &next.email,
                key,
                when.as_ref().map(|(w, t)| (w.as_str(), *t)),
                reader.as_deref(),
            );
            enqueue_in(tx, &mail).await?;
        }
    }
    Ok(())
}

/// A date as mail shows it, with its start: `None` for the whole event.
fn when_of(occ: &[Occurrence], date: &str) -> Option<(String, i64)> {
    let t = parse_local(date)?;
    occ.iter()
        .find(|o| o.local == t)
        .map(|o| (date.replace('T', " "), o.starts_at))
}

/// Cancels one date of a series (organisers): the date leaves the calendar (SEQUENCE up),
/// its registrations are cancelled, and everyone who held a seat on it — registered for it
/// or for every date — gets a mail, all in one transaction.
pub async fn cancel_date(actor: &Actor, env: &Env<'_>, id: &str, local: &str) -> Result<()> {
    let (event, _) = managed(actor, env.db, id).await?;
    let exdates = store::exdates(env.db, Some(id)).await?;
    let Some(t) = parse_local(local) else {
        return Err(Error::BadRequest("err-event-time"));
    };
    let occ = occurrences(&event, &exdates);
    let Some(o) = occ
        .iter()
        .find(|o| o.local == t)
        .filter(|_| event.rrule.is_some())
    else {
        return Err(Error::Invalid(vec![Invalid::new(
            "occurrence",
            "err-event-no-occurrence",
        )]));
    };
    let date = event::format_local(t);
    let when = date.replace('T', " ");
    let mut tx = env.db.begin().await?;
    store::cancel_occurrence_in(&mut tx, id, &date).await?;
    let mut told = Vec::new();
    for r in store::registrations_at_in(&mut tx, id, &date).await? {
        if r.status == RegStatus::Cancelled {
            continue;
        }
        store::set_status_in(&mut tx, &r.id, RegStatus::Cancelled).await?;
        told.push(r);
    }
    for r in store::registrations_at_in(&mut tx, id, "").await? {
        if matches!(r.status, RegStatus::Confirmed | RegStatus::Pending) {
            told.push(r);
        }
    }
    for r in &told {
        let reader = mail_zone_in(&mut tx, &r.user_id).await?;
        let mail = event_mail(
            env,
            &event,
            &r.email,
            "event-mail-date-cancelled",
            Some((&when, o.starts_at)),
            reader.as_deref(),
        );
        enqueue_in(&mut tx, &mail).await?;
    }
    record(
        &mut tx,
        actor,
        "event.cancel-occurrence",
        id,
        local.to_owned(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The actor's registrations for single dates of an event (the page lists them).
pub async fn mine(actor: &Actor, db: &Db, id: &str) -> Result<Vec<Registration>> {
    let Some(user) = actor.id() else {
        return Ok(Vec::new());
    };
    Ok(store::registrations_of(db, id, user)
        .await?
        .into_iter()
        .filter(|r| !r.occurrence_local.is_empty() && r.status != RegStatus::Cancelled)
        .collect())
}

/// A person's private feed names the dates they registered for: a series they hold only
/// single dates of (not registered for every date, not there through one of their groups)
/// becomes one single event per date. Returns the (event id, local start) of each such
/// date, so that the feed gives each its own UID.
pub async fn only_their_dates(
    db: &Db,
    filter: &store::Filter,
    listed: &mut super::Listed,
) -> Result<Vec<(String, String)>> {
    let Some((user, groups)) = &filter.person else {
        return Ok(Vec::new());
    };
    let regs = store::dates_of_user(db, user).await?;
    let mut dated = Vec::new();
    let mut out = Vec::with_capacity(listed.events.len());
    for e in std::mem::take(&mut listed.events) {
        let mine: Vec<&str> = regs
            .iter()
            .filter(|(id, _)| *id == e.id)
            .map(|(_, d)| d.as_str())
            .collect();
        let in_group = e.group_id.as_ref().is_some_and(|g| groups.contains(g));
        if e.rrule.is_none() || in_group || mine.is_empty() || mine.contains(&"") {
            out.push(e);
            continue;
        }
        let occ = occurrences(&e, &listed.exdates);
        let length = match (parse_local(&e.starts_local), parse_local(&e.ends_local)) {
            (Some(a), Some(b)) => b - a,
            _ => chrono::Duration::seconds(e.ends_at - e.starts_at),
        };
        for d in mine {
            let Some(o) = occ.iter().find(|o| event::format_local(o.local) == d) else {
                continue;
            };
            let mut one = e.clone();
            one.rrule = None;
            one.starts_local = d.to_owned();
            one.ends_local = event::format_local(o.local + length);
            one.starts_at = o.starts_at;
            one.ends_at = o.ends_at;
            one.last_ends_at = o.ends_at;
            dated.push((one.id.clone(), one.starts_local.clone()));
            out.push(one);
        }
    }
    listed.events = out;
    Ok(dated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_event_registrations_take_a_seat_on_every_date() {
        let taken = vec![
            (String::new(), 2),
            ("2030-03-01T10:00".to_owned(), 1),
            ("2030-03-08T10:00".to_owned(), 3),
            ("2030-02-22T10:00".to_owned(), 9),
        ];
        let coming = vec!["2030-03-01T10:00".to_owned(), "2030-03-08T10:00".to_owned()];
        assert_eq!(taken_for(&taken, "2030-03-01T10:00", &coming), 3);
        assert_eq!(taken_for(&taken, "2030-03-08T10:00", &coming), 5);
        assert_eq!(taken_for(&taken, "2030-03-15T10:00", &coming), 2);
        // The whole event needs a seat on its fullest coming date; a past date's count
        // no longer matters.
        assert_eq!(taken_for(&taken, "", &coming), 5);
        assert_eq!(taken_for(&[], "", &[]), 0);
    }

    #[test]
    fn the_form_names_the_whole_event_the_next_date_or_one_date() {
        assert_eq!(Which::parse(""), Which::Whole);
        assert_eq!(Which::parse("next"), Which::Next);
        assert_eq!(
            Which::parse("2030-03-08T10:00"),
            Which::At("2030-03-08T10:00".into())
        );
    }
}
