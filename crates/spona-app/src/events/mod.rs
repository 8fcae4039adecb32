//! Events: creating and changing them, registration with capacity, a waiting list that moves
//! up by itself and organiser approval, attendance, exports, reminders, calendar feeds.
//! Every access rule of events lives here.

pub mod export;
pub mod ics;
pub mod listing;
pub mod materials;
pub mod occurrence;
pub mod zone;

use spona_domain::Invalid;
use spona_domain::event::{
    self, EventDraft, EventKind, Occurrence, RegStatus, parse_local, parse_zone,
};
use spona_i18n::{Arg, Translator};
use spona_store::events::{self as store, Answers, Event, Exdate, Filter, Organiser, Registration};
use spona_store::{Db, Tx, audit, now};

use crate::mail::{List, Mail, enqueue_in};
use crate::{Actor, Error, Result};

/// What mail-writing use cases need besides the database.
pub struct Env<'a> {
    pub db: &'a Db,
    pub tr: &'a Translator,
    /// The address people reach Spona at, for links in mail.
    pub public_url: &'a str,
}

/// Whether the actor organises the event (administers one of its organisers) or is a
/// platform administrator.
pub fn can_manage(actor: &Actor, organisers: &[Organiser]) -> bool {
    actor.is_admin() || organisers.iter().any(|o| actor.can_manage_org(&o.org_id))
}

/// Creates an event organised by `organisers` (org ids); the actor must administer at least
/// one of them. Returns the new id.
pub async fn create(
    actor: &Actor,
    db: &Db,
    draft: &EventDraft,
    organisers: &[String],
    network_id: Option<&str>,
    group_id: Option<&str>,
    once: Option<&spona_store::idempotency::Once>,
) -> Result<String> {
    let user = actor.require_user()?;
    let spec = draft.validate().map_err(Error::Invalid)?;
    if organisers.is_empty() {
        return Err(Error::Invalid(vec![Invalid::new(
            "organisers",
            "err-event-organiser",
        )]));
    }
    if !actor.is_admin() && !organisers.iter().any(|o| actor.can_manage_org(o)) {
        return Err(Error::Forbidden);
    }
    if let Some(g) = group_id {
        // A group's event is posted by one of its members (or a platform administrator).
        spona_store::groups::get(db, g).await.map_err(|e| match e {
            spona_store::StoreError::NotFound => {
                Error::Invalid(vec![Invalid::new("group", "err-event-group")])
            }
            e => e.into(),
        })?;
        let role = spona_store::groups::role_of(db, g, &user.id).await?;
        if !actor.is_admin() && role.is_none_or(|r| r == "requested") {
            return Err(Error::Forbidden);
        }
    }
    let id = spona_store::new_id();
    let mut tx = db.begin().await?;
    if let Some(once) = once {
        store::claim_once_in(&mut tx, once, &id).await?;
    }
    store::insert_in(
        &mut tx, &id, &spec, organisers, network_id, group_id, &user.id,
    )
    .await?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user.id),
            action: "event.create",
            target_kind: "event",
            target_id: &id,
            detail: spec.title.clone(),
        },
    )
    .await?;
    spona_store::tx::fault_point("event-create")?;
    let version = crate::publog::versions::event_spec(&spec);
    crate::publog::record_in(
        &mut tx,
        crate::publog::kind::EVENT,
        &id,
        "published",
        &version,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An event with what its page shows.
#[derive(Debug, Clone)]
pub struct Detail {
    pub event: Event,
    pub organisers: Vec<Organiser>,
    pub exdates: Vec<Exdate>,
    pub occurrences: Vec<Occurrence>,
    pub mine: Option<Registration>,
    /// Seats taken (confirmed and awaiting approval) and people waiting.
    pub taken: i64,
    pub waiting: i64,
    pub can_manage: bool,
    /// The actor's registrations for single dates of the series (not cancelled).
    pub mine_dates: Vec<Registration>,
}

impl Detail {
    /// The join link, dial-in and low-bandwidth note go to confirmed registrants and
    /// organisers only.
    pub fn shows_join(&self) -> bool {
        self.can_manage
            || self
                .mine_dates
                .iter()
                .any(|r| r.status == RegStatus::Confirmed)
            || self
                .mine
                .as_ref()
                .is_some_and(|r| r.status == RegStatus::Confirmed)
    }
}

/// The occurrences of an event (one for a single event), without those left out.
pub fn occurrences(e: &Event, exdates: &[Exdate]) -> Vec<Occurrence> {
    let single = || {
        vec![Occurrence {
            local: parse_local(&e.starts_local).unwrap_or_default(),
            starts_at: e.starts_at,
            ends_at: e.ends_at,
        }]
    };
    let (Some(rule), Some(tz), Some(start)) = (
        e.rrule.as_deref(),
        parse_zone(&e.zone),
        parse_local(&e.starts_local),
    ) else {
        return single();
    };
    let except: Vec<_> = exdates
        .iter()
        .filter(|x| x.event_id == e.id)
        .filter_map(|x| parse_local(&x.occurrence_local))
        .collect();
    event::expand(tz, start, rule, e.ends_at - e.starts_at, &except).unwrap_or_else(|_| single())
}

/// The occurrence a list shows, as (start, end): the next one not over yet, or the first
/// (`first`, for past events). A series whose first date is the answer and which leaves no
/// date out is not expanded (lists hold hundreds of events).
pub fn shown_occurrence(e: &Event, exdates: &[Exdate], now: i64, first: bool) -> (i64, i64) {
    let left_out = exdates.iter().any(|x| x.event_id == e.id);
    if e.rrule.is_none() || (!left_out && (first || e.ends_at > now)) {
        return (e.starts_at, e.ends_at);
    }
    let occ = occurrences(e, exdates);
    occ.iter()
        .find(|o| first || o.ends_at > now)
        .or(occ.first())
        .map_or((e.starts_at, e.ends_at), |o| (o.starts_at, o.ends_at))
}

pub async fn detail(actor: &Actor, db: &Db, id: &str) -> Result<Detail> {
    let event = store::get(db, id).await.map_err(not_found)?;
    let organisers = store::organisers(db, Some(&[id.to_owned()])).await?;
    let exdates = store::exdates(db, Some(id)).await?;
    let mine = match actor.id() {
        Some(u) => store::registration(db, id, u).await?,
        None => None,
    };
    let (taken, waiting) = store::counts(db, id).await?;
    let occurrences = occurrences(&event, &exdates);
    let mine_dates = match actor.id() {
        Some(_) if event.rrule.is_some() => occurrence::mine(actor, db, id).await?,
        _ => Vec::new(),
    };
    Ok(Detail {
        mine_dates,
        can_manage: can_manage(actor, &organisers),
        event,
        organisers,
        exdates,
        occurrences,
        mine,
        taken,
        waiting,
    })
}

fn not_found(e: spona_store::StoreError) -> Error {
    match e {
        spona_store::StoreError::NotFound => Error::NotFound,
        e => e.into(),
    }
}

async fn managed(actor: &Actor, db: &Db, id: &str) -> Result<(Event, Vec<Organiser>)> {
    actor.require_user()?;
    let event = store::get(db, id).await.map_err(not_found)?;
    let organisers = store::organisers(db, Some(&[id.to_owned()])).await?;
    if !can_manage(actor, &organisers) {
        return Err(Error::Forbidden);
    }
    Ok((event, organisers))
}

/// Changes an event (its SEQUENCE goes up).
pub async fn update(actor: &Actor, db: &Db, id: &str, draft: &EventDraft) -> Result<()> {
    let (_, _) = managed(actor, db, id).await?;
    let spec = draft.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    store::update_in(&mut tx, id, &spec).await?;
    record(&mut tx, actor, "event.update", id, spec.title.clone()).await?;
    let version = crate::publog::versions::event_spec(&spec);
    crate::publog::record_in(&mut tx, crate::publog::kind::EVENT, id, "changed", &version).await?;
    tx.commit().await?;
    Ok(())
}

async fn record(tx: &mut Tx, actor: &Actor, action: &str, id: &str, detail: String) -> Result<()> {
    audit::record_in(
        tx,
        audit::Event {
            actor_id: actor.id(),
            action,
            target_kind: "event",
            target_id: id,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Cancels the whole event.
pub async fn cancel(actor: &Actor, db: &Db, id: &str) -> Result<()> {
    managed(actor, db, id).await?;
    let mut tx = db.begin().await?;
    store::cancel_in(&mut tx, id).await?;
    record(&mut tx, actor, "event.cancel", id, String::new()).await?;
    crate::publog::versions::withdraw_in(&mut tx, crate::publog::kind::EVENT, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the report after the event.
pub async fn set_report(actor: &Actor, db: &Db, id: &str, report: &str) -> Result<()> {
    managed(actor, db, id).await?;
    if report.chars().count() > 20_000 {
        return Err(Error::Invalid(vec![Invalid::new("report", "err-too-long")]));
    }
    let mut tx = db.begin().await?;
    store::set_report_in(&mut tx, id, report.trim()).await?;
    record(&mut tx, actor, "event.report", id, String::new()).await?;
    tx.commit().await?;
    Ok(())
}

/// Registers the actor for the whole event: a seat if one is free (awaiting the organiser
/// where approval is set), else a place on the waiting list. The seat count is checked under
/// the event's lock, so concurrent registrations for the last seat never overbook. One date
/// of a series: [`occurrence::register_at`].
pub async fn register(actor: &Actor, db: &Db, id: &str, answers: &Answers) -> Result<RegStatus> {
    let which = occurrence::Which::Whole;
    Ok(occurrence::register_at(actor, db, id, &which, answers)
        .await?
        .0)
}

/// The actor cancels their registration for the whole event; the first on the waiting list
/// moves up, with a mail.
pub async fn unregister(actor: &Actor, env: &Env<'_>, id: &str) -> Result<()> {
    occurrence::unregister_at(actor, env, id, "").await
}

/// The locales of an event's languages (English when none is Spona's).
fn event_locales(e: &Event) -> Vec<spona_domain::Locale> {
    let langs: Vec<String> = e.languages.split(',').map(str::to_owned).collect();
    crate::reminders::locales_for(&langs)
}

/// The zone a mail to `user_id` names besides the event's own: the one they saved.
async fn mail_zone_in(tx: &mut Tx, user_id: &str) -> Result<Option<String>> {
    Ok(store::saved_zone_in(tx, user_id).await?)
}

/// The event's zone as a mail names it, followed by the same instant in the reader's saved
/// zone when that differs: `Europe/Belgrade = 2030-03-22 11:00 Europe/Kyiv`.
fn zone_text(e: &Event, at: i64, reader: Option<&str>) -> String {
    match reader.and_then(parse_zone) {
        Some(tz) if tz.name() != e.zone => {
            let local = event::format_local(event::local_in(tz, at)).replace('T', " ");
            format!("{} = {local} {}", e.zone, tz.name())
        }
        _ => e.zone.clone(),
    }
}

fn event_mail(
    env: &Env<'_>,
    e: &Event,
    to: &str,
    key: &str,
    when: Option<(&str, i64)>,
    reader: Option<&str>,
) -> Mail {
    let link = format!("{}/events/{}", env.public_url, e.id);
    let mut text = String::new();
    let mut subject = String::new();
    let first = e.starts_local.replace('T', " ");
    let (when, at) = when.unwrap_or((&first, e.starts_at));
    let zone = zone_text(e, at, reader);
    for (i, l) in event_locales(e).into_iter().enumerate() {
        let args = [
            ("title", Arg::Str(&e.title)),
            ("link", Arg::Str(&link)),
            ("when", Arg::Str(when)),
            ("zone", Arg::Str(&zone)),
        ];
        if i == 0 {
            subject = env.tr.t_args(l, &format!("{key}-subject"), &args);
        } else {
            text.push_str("\n\n---\n\n");
        }
        text.push_str(&env.tr.t_args(l, key, &args));
    }
    Mail {
        to: to.to_owned(),
        subject,
        text,
        list: Some(List {
            id: "events".into(),
            name: "Spona events".into(),
        }),
        thread: Some(format!("event/{}", e.id)),
    }
}

/// The organiser approves a registration awaiting them (a mail tells the person).
pub async fn approve(actor: &Actor, env: &Env<'_>, id: &str, reg_id: &str) -> Result<()> {
    managed(actor, env.db, id).await?;
    let mut tx = env.db.begin().await?;
    let event = store::lock_in(&mut tx, id).await?;
    let r = store::registration_by_id_in(&mut tx, reg_id)
        .await
        .map_err(not_found)?;
    if r.event_id != id || r.status != RegStatus::Pending {
        return Err(Error::Conflict("err-event-not-pending"));
    }
    store::set_status_in(&mut tx, reg_id, RegStatus::Confirmed).await?;
    let reader = mail_zone_in(&mut tx, &r.user_id).await?;
    enqueue_in(
        &mut tx,
        &event_mail(
            env,
            &event,
            &r.email,
            "event-mail-approved",
            None,
            reader.as_deref(),
        ),
    )
    .await?;
    record(&mut tx, actor, "event.approve", id, reg_id.to_owned()).await?;
    tx.commit().await?;
    Ok(())
}

/// The organiser marks whether a person attended; only once the event has begun.
pub async fn mark_attended(
    actor: &Actor,
    db: &Db,
    id: &str,
    reg_id: &str,
    attended: bool,
) -> Result<()> {
    let (event, _) = managed(actor, db, id).await?;
    if now() < event.starts_at {
        return Err(Error::Conflict("err-event-not-started"));
    }
    let mut tx = db.begin().await?;
    let r = store::registration_by_id_in(&mut tx, reg_id)
        .await
        .map_err(not_found)?;
    if r.event_id != id || r.status != RegStatus::Confirmed {
        return Err(Error::Conflict("err-event-not-confirmed"));
    }
    store::set_attended_in(&mut tx, reg_id, attended).await?;
    record(&mut tx, actor, "event.attendance", id, reg_id.to_owned()).await?;
    tx.commit().await?;
    Ok(())
}

/// The participants, for the organisers.
pub async fn participants(actor: &Actor, db: &Db, id: &str) -> Result<(Event, Vec<Registration>)> {
    let (event, _) = managed(actor, db, id).await?;
    Ok((event, store::registrations(db, id).await?))
}

/// Events for a list or feed, with their organisers and left-out occurrences.
pub struct Listed {
    pub events: Vec<Event>,
    pub organisers: Vec<Organiser>,
    pub exdates: Vec<Exdate>,
}

/// [`Listed`] with the events' materials, for calendar feeds.
pub async fn materials_of(db: &Db, listed: &Listed) -> Result<Vec<store::Material>> {
    let ids: Vec<String> = listed.events.iter().map(|e| e.id.clone()).collect();
    Ok(store::materials_of(db, &ids).await?)
}

impl Listed {
    pub fn organisers_of(&self, id: &str) -> impl Iterator<Item = &Organiser> {
        self.organisers.iter().filter(move |o| o.event_id == id)
    }
}

/// Events matching `f` (events are public), with the organisers and left-out occurrences
/// of those events only: three queries (more only past 500 events, one per 500).
pub async fn list(db: &Db, f: &Filter) -> Result<Listed> {
    let events = store::list(db, f).await?;
    let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    let organisers = store::organisers(db, Some(&ids)).await?;
    let exdates = store::exdates_of(db, &ids).await?;
    Ok(Listed {
        events,
        organisers,
        exdates,
    })
}

/// What a person's private feed holds: their registrations and the events of the groups
/// they belong to (a request to join is not membership).
pub async fn person_filter(db: &Db, user_id: &str) -> Result<Filter> {
    let groups = spona_store::groups::of_user(db, user_id)
        .await?
        .into_iter()
        .filter(|g| g.role != "requested")
        .map(|g| g.group_id)
        .collect();
    Ok(Filter {
        person: Some((user_id.to_owned(), groups)),
        ..Default::default()
    })
}

/// Makes (or replaces) the actor's private feed token; returns it (shown once).
pub async fn new_calendar_token(actor: &Actor, db: &Db) -> Result<String> {
    let user = actor.require_user()?;
    let token = spona_store::new_token();
    let mut tx = db.begin().await?;
    store::set_calendar_token_in(&mut tx, &user.id, &spona_store::token_hash(&token)).await?;
    audit::record_in(
        &mut tx,
        audit::Event {
            actor_id: Some(&user.id),
            action: "calendar.token",
            target_kind: "user",
            target_id: &user.id,
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn revoke_calendar_token(actor: &Actor, db: &Db) -> Result<()> {
    let user = actor.require_user()?;
    let mut tx = db.begin().await?;
    store::revoke_calendar_token_in(&mut tx, &user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The person a private feed token belongs to.
pub async fn calendar_owner(db: &Db, token: &str) -> Result<String> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    store::user_by_calendar_token(db, &spona_store::token_hash(token))
        .await?
        .ok_or(Error::NotFound)
}

/// How far ahead of an occurrence its reminder goes.
pub const REMIND_AHEAD: i64 = 24 * 60 * 60;

/// Queues a reminder for every confirmed registrant of every occurrence starting within a
/// day of `at` not reminded yet; returns how many were queued (list `events`).
pub async fn remind(env: &Env<'_>, at: i64) -> Result<usize> {
    let regs = store::confirmed_between(env.db, at, at + REMIND_AHEAD).await?;
    let mut sent = 0;
    let mut cache: Option<(Event, Vec<Occurrence>)> = None;
    for r in regs {
        if cache.as_ref().is_none_or(|(e, _)| e.id != r.event_id) {
            let e = store::get(env.db, &r.event_id).await?;
            let ex = store::exdates(env.db, Some(&e.id)).await?;
            let occ = occurrences(&e, &ex);
            cache = Some((e, occ));
        }
        let Some((e, occ)) = &cache else { continue };
        for o in occ
            .iter()
            .filter(|o| o.starts_at > at && o.starts_at <= at + REMIND_AHEAD)
            // A registration for one date is reminded of that date only.
            .filter(|o| {
                r.occurrence_local.is_empty() || event::format_local(o.local) == r.occurrence_local
            })
        {
            let mut tx = env.db.begin().await?;
            if store::mark_reminded_in(&mut tx, &e.id, &r.user_id, o.starts_at).await? {
                let when = event::format_local(o.local).replace('T', " ");
                let reader = mail_zone_in(&mut tx, &r.user_id).await?;
                let mail = event_mail(
                    env,
                    e,
                    &r.email,
                    "event-mail-reminder",
                    Some((&when, o.starts_at)),
                    reader.as_deref(),
                );
                if enqueue_in(&mut tx, &mail).await? {
                    sent += 1;
                }
            }
            tx.commit().await?;
        }
    }
    Ok(sent)
}

/// Whether registration asks about travel and visa support.
pub fn asks_travel(e: &Event) -> bool {
    EventKind::parse(&e.kind).is_some_and(EventKind::is_visit)
}
