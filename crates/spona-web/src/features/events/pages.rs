//! The events list, an event's page, and the create and change form.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::{Form, Query};
use chrono_tz::Tz;
use serde::Deserialize;
use spona_app::events::{self, Detail};
use spona_domain::event::{Attendance, EventDraft, EventKind, RegStatus};
use spona_store::events::Event;

use super::list::TzQuery;
use super::{app_error, reader_zone, span_in, zone_options};
use crate::http::forms::FormErrors;
use crate::http::view::{page, see_other};
use crate::{AppError, Ctx};

/// The create and change form's fields, as sent.
#[derive(Deserialize, Default, Clone)]
pub struct EventForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    speakers: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    interpretation: String,
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    join_url: String,
    #[serde(default)]
    dial_in: String,
    #[serde(default)]
    low_bandwidth: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    zone: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    rrule: String,
    #[serde(default)]
    exceptions: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    approval: Option<String>,
    #[serde(default)]
    organisers: Vec<String>,
    #[serde(default)]
    network: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    report: String,
    #[serde(default)]
    once: String,
}

impl EventForm {
    fn draft(&self) -> EventDraft {
        EventDraft {
            kind: self.kind.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            agenda: self.agenda.clone(),
            speakers: self.speakers.clone(),
            languages: self.languages.clone(),
            interpretation: self.interpretation.clone(),
            attendance: self.attendance.clone(),
            join_url: self.join_url.clone(),
            dial_in: self.dial_in.clone(),
            low_bandwidth: self.low_bandwidth.clone(),
            place: self.place.clone(),
            address: self.address.clone(),
            zone: self.zone.clone(),
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            rrule: self.rrule.clone(),
            exceptions: self.exceptions.clone(),
            capacity: self.capacity.clone(),
            approval: self.approval.is_some(),
            report: self.report.clone(),
        }
    }

    fn of(e: &Event, exceptions: String) -> Self {
        EventForm {
            kind: e.kind.clone(),
            title: e.title.clone(),
            summary: e.summary.clone(),
            agenda: e.agenda.clone(),
            speakers: e.speakers.clone(),
            languages: e
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            interpretation: e.interpretation.clone(),
            attendance: e.attendance.clone(),
            join_url: e.join_url.clone().unwrap_or_default(),
            dial_in: e.dial_in.clone().unwrap_or_default(),
            low_bandwidth: e.low_bandwidth.clone().unwrap_or_default(),
            place: e.place.clone().unwrap_or_default(),
            address: e.address.clone().unwrap_or_default(),
            zone: e.zone.clone(),
            starts: e.starts_local.clone(),
            ends: e.ends_local.clone(),
            rrule: e.rrule.clone().unwrap_or_default(),
            exceptions,
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            approval: (e.approval != 0).then(|| "1".to_owned()),
            report: e.report.clone(),
            ..Default::default()
        }
    }
}

#[derive(Template)]
#[template(path = "events/templates/form.html")]
struct FormPage {
    ctx: Ctx,
    /// `None` for a new event.
    id: Option<String>,
    f: EventForm,
    errors: FormErrors,
    kinds: Vec<(&'static str, String)>,
    attendances: Vec<(&'static str, String)>,
    zones: Vec<(String, bool)>,
    languages: Vec<(&'static str, String)>,
    /// Organisations the person may organise for: (id, name).
    orgs: Vec<(String, String)>,
    networks: Vec<(String, String)>,
    /// The person's groups (new events only): (id, name).
    groups: Vec<(String, String)>,
    once: String,
}

impl FormPage {
    fn has_lang(&self, code: &str) -> bool {
        self.f.languages.iter().any(|l| l == code)
    }
    fn has_org(&self, id: &str) -> bool {
        self.f.organisers.iter().any(|l| l == id)
    }
}

async fn form_page(
    ctx: Ctx,
    id: Option<String>,
    f: EventForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let kinds = EventKind::ALL
        .iter()
        .map(|k| (k.as_str(), ctx.t(&format!("event-kind-{}", k.as_str()))))
        .collect();
    let attendances = Attendance::ALL
        .iter()
        .map(|k| {
            (
                k.as_str(),
                ctx.t(&format!("event-attendance-{}", k.as_str())),
            )
        })
        .collect();
    let languages = spona_domain::vocab::LANGUAGES
        .codes
        .iter()
        .map(|c| (*c, ctx.label("lang", c)))
        .collect();
    let orgs = if ctx.is_admin() {
        spona_store::orgs::all_names(&ctx.state.db)
            .await?
            .into_iter()
            .map(|(id, _, name)| (id, name))
            .collect()
    } else {
        ctx.managed_orgs()
            .into_iter()
            .map(|m| (m.org_id, m.org_name))
            .collect()
    };
    let networks = spona_store::networks::list(&ctx.state.db)
        .await?
        .into_iter()
        .map(|n| {
            (
                n.id.to_string(),
                crate::http::options::network_name(&ctx, &n),
            )
        })
        .collect();
    let groups = match (&id, ctx.user.as_ref()) {
        (None, Some(u)) => spona_store::groups::of_user(&ctx.state.db, u.id())
            .await?
            .into_iter()
            .filter(|g| g.role != "requested")
            .map(|g| (g.group_id, g.name))
            .collect(),
        _ => Vec::new(),
    };
    let zone = if f.zone.is_empty() {
        super::default_zone().to_owned()
    } else {
        f.zone.clone()
    };
    let once = ctx.once_key();
    Ok(page(&FormPage {
        zones: zone_options(&zone),
        ctx,
        id,
        f,
        errors,
        kinds,
        attendances,
        languages,
        orgs,
        networks,
        groups,
        once,
    }))
}

pub async fn new_form(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require_user()?;
    if ctx.managed_orgs().is_empty() && !ctx.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut f = EventForm::default();
    if let [one] = ctx.managed_orgs().as_slice() {
        f.organisers = vec![one.org_id.clone()];
    }
    form_page(ctx, None, f, FormErrors::new()).await
}

pub async fn create(ctx: Ctx, Form(f): Form<EventForm>) -> Result<Response, AppError> {
    ctx.require_user()?;
    let actor = ctx.actor();
    let once = crate::http::forms::once_in_tx(&ctx, &f.once, "/events/{id}")?;
    let network = (!f.network.is_empty()).then_some(f.network.as_str());
    let group = (!f.group.is_empty()).then_some(f.group.as_str());
    match events::create(
        &actor,
        &ctx.state.db,
        &f.draft(),
        &f.organisers,
        network,
        group,
        Some(&once),
    )
    .await
    {
        Ok(id) => Ok(see_other(&ctx, &format!("/events/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let r = form_page(ctx, None, f, errors).await?;
            Ok(with_status(r, axum::http::StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(spona_app::Error::Store(e)) => crate::http::forms::replayed(e),
        Err(e) => Err(e.into()),
    }
}

fn with_status(mut r: Response, s: axum::http::StatusCode) -> Response {
    *r.status_mut() = s;
    r
}

pub async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let d = events::detail(&ctx.actor(), &ctx.state.db, &id).await?;
    if !d.can_manage {
        ctx.require_user()?;
        return Err(AppError::Forbidden);
    }
    let exceptions = d
        .exdates
        .iter()
        .filter(|x| x.cancelled == 0)
        .map(|x| x.occurrence_local.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let f = EventForm::of(&d.event, exceptions);
    form_page(ctx, Some(id), f, FormErrors::new()).await
}

pub async fn update(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EventForm>,
) -> Result<Response, AppError> {
    match events::update(&ctx.actor(), &ctx.state.db, &id, &f.draft()).await {
        Ok(()) => Ok(see_other(&ctx, &format!("/events/{id}"))),
        Err(spona_app::Error::Invalid(list)) => {
            let errors = FormErrors::from_invalid(&ctx, &list);
            let r = form_page(ctx, Some(id), f, errors).await?;
            Ok(with_status(r, axum::http::StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct OccLine {
    pub local: String,
    pub when: String,
    pub upcoming: bool,
}

#[derive(Template)]
#[template(path = "events/templates/event.html")]
struct EventPage {
    ctx: Ctx,
    d: Detail,
    kind: String,
    when_reader: String,
    when_event: String,
    zones: Vec<(String, bool)>,
    occurrences: Vec<OccLine>,
    cancelled_occurrences: Vec<String>,
    languages: String,
    map_href: Option<String>,
    google_href: String,
    outlook_href: String,
    over: bool,
    asks_travel: bool,
    my_status: String,
    full: bool,
    materials: Vec<spona_store::events::Material>,
    /// Whether materials after the event may be added (it has begun).
    begun: bool,
    /// A series' coming dates to register for, and the reader's registrations for dates.
    dates: Vec<super::dates::DateChoice>,
    my_dates: Vec<super::dates::MyDate>,
    log_entry: Option<crate::http::log_entry::EntryLine>,
}

pub async fn show(
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<TzQuery>,
) -> Result<Response, AppError> {
    let d = events::detail(&ctx.actor(), &ctx.state.db, &id).await?;
    let tz: Tz = reader_zone(&ctx, q.tz.as_deref()).await?;
    let materials = spona_store::events::materials(&ctx.state.db, &id).await?;
    let now = spona_store::now();
    let (dates, my_dates) = super::dates::of(&ctx, &d, tz, now).await?;
    let e = &d.event;
    let event_tz = spona_domain::event::parse_zone(&e.zone).unwrap_or(chrono_tz::UTC);
    let occurrences: Vec<OccLine> = d
        .occurrences
        .iter()
        .take(100)
        .map(|o| OccLine {
            local: spona_domain::event::format_local(o.local),
            when: span_in(tz, o.starts_at, o.ends_at),
            upcoming: o.starts_at > now,
        })
        .collect();
    let map_href = e.address.as_ref().or(e.place.as_ref()).map(|a| {
        format!(
            "https://www.openstreetmap.org/search?query={}",
            url::form_urlencoded::byte_serialize(a.as_bytes()).collect::<String>()
        )
    });
    let fmt_utc = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let page_url = super::ctx_url(&ctx, &format!("/events/{}", e.id));
    let google_href = format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}&ctz={}",
        enc(&e.title),
        fmt_utc(e.starts_at),
        fmt_utc(e.ends_at),
        enc(&page_url),
        enc(&e.zone)
    );
    let iso = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let outlook_href = format!(
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject={}&startdt={}&enddt={}&body={}",
        enc(&e.title),
        enc(&iso(e.starts_at)),
        enc(&iso(e.ends_at)),
        enc(&page_url)
    );
    let languages = e
        .languages
        .split(',')
        .filter(|l| !l.is_empty())
        .map(|l| ctx.label("lang", l))
        .collect::<Vec<_>>()
        .join(", ");
    let my_status = d
        .mine
        .as_ref()
        .map(|r| ctx.t(&format!("event-status-{}", r.status.as_str())))
        .unwrap_or_default();
    let full = e.capacity.is_some_and(|c| d.taken >= c);
    let cancelled_occurrences = d
        .exdates
        .iter()
        .filter(|x| x.cancelled != 0)
        .map(|x| x.occurrence_local.replace('T', " "))
        .collect();
    let log_entry =
        crate::http::log_entry::entry_line(&ctx, spona_app::publog::kind::EVENT, &e.id).await;
    Ok(page(&EventPage {
        log_entry,
        kind: ctx.t(&format!("event-kind-{}", e.kind)),
        when_reader: span_in(tz, e.starts_at, e.ends_at),
        when_event: span_in(event_tz, e.starts_at, e.ends_at),
        zones: zone_options(tz.name()),
        occurrences,
        cancelled_occurrences,
        languages,
        map_href,
        google_href,
        outlook_href,
        over: now >= e.last_ends_at,
        asks_travel: events::asks_travel(e),
        my_status,
        full,
        materials,
        begun: now >= e.starts_at,
        dates,
        my_dates,
        d,
        ctx,
    }))
}

impl EventPage {
    fn seats(&self, capacity: &i64) -> String {
        use spona_i18n::Arg;
        self.ctx.ta(
            "event-seats",
            &[
                ("taken", Arg::Num(self.d.taken)),
                ("capacity", Arg::Num(*capacity)),
            ],
        )
    }
    fn attendance_label(&self) -> String {
        self.ctx
            .t(&format!("event-attendance-{}", self.d.event.attendance))
    }
    fn waiting_text(&self) -> String {
        self.ctx.tn("event-waiting-count", &self.d.waiting)
    }
    fn registered(&self) -> bool {
        self.d
            .mine
            .as_ref()
            .is_some_and(|r| r.status != RegStatus::Cancelled)
    }
    fn online(&self) -> bool {
        Attendance::parse(&self.d.event.attendance).is_some_and(Attendance::online)
    }
    fn size(&self, bytes: &i64) -> String {
        crate::http::view::human_size(*bytes)
    }
    fn has_phase(&self, phase: &str) -> bool {
        self.materials.iter().any(|m| m.phase == phase)
    }
    fn in_person(&self) -> bool {
        Attendance::parse(&self.d.event.attendance).is_some_and(Attendance::in_person)
    }
}

pub async fn cancel(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    events::cancel(&ctx.actor(), &ctx.state.db, &id)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}")))
}

#[derive(Deserialize)]
pub struct OccurrenceForm {
    #[serde(default)]
    occurrence: String,
}

pub async fn cancel_occurrence(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response, AppError> {
    let env = super::people::env(&ctx);
    events::occurrence::cancel_date(&ctx.actor(), &env, &id, &f.occurrence)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}")))
}

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    report: String,
}

pub async fn report(
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ReportForm>,
) -> Result<Response, AppError> {
    events::set_report(&ctx.actor(), &ctx.state.db, &id, &f.report)
        .await
        .map_err(app_error)?;
    Ok(see_other(&ctx, &format!("/events/{id}")))
}
