//! Events in the JSON API: the list (the page's filters, and the feeds' organisation,
//! network and group) and one event with its occurrences, materials and the caller's
//! registration. The join link, dial-in and low-bandwidth note are given only to whom the
//! page shows them (confirmed registrants and organisers).

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::{Deserialize, Serialize};
use spona_app::events::{self, Detail};
use spona_domain::event::{Attendance, EventKind, Occurrence, format_local};
use spona_store::events::{Event, Exdate, Filter, Organiser};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::http::api::ErrorJson;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/api/v1/events", list)
        .get("/api/v1/events/{id}", get_event)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, get_event),
    components(schemas(
        EventListJson,
        EventJson,
        EventDetailJson,
        OccurrenceJson,
        OrganiserJson,
        RegistrationJson,
        DateRegistrationJson,
        MaterialJson
    ))
)]
struct EventsDoc;

/// This feature's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = EventsDoc::openapi();
    with_vocabularies(&mut doc);
    doc
}

const WHEN: [&str; 3] = ["", "upcoming", "past"];

/// The list's `when` and the events' `kind` and `attendance` as `enum`s, so that a client
/// (and Schemathesis) knows the codes.
fn with_vocabularies(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    let string_enum = |codes: Vec<&str>| {
        RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes))
                .build(),
        ))
    };
    if let Some(op) = doc
        .paths
        .paths
        .get_mut("/api/v1/events")
        .and_then(|p| p.get.as_mut())
    {
        for param in op.parameters.iter_mut().flatten() {
            let RefOr::T(param) = param else { continue };
            if param.name == "when" {
                param.schema = Some(string_enum(WHEN.to_vec()));
            }
        }
    }
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let kinds: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
    let attendances: Vec<&str> = Attendance::ALL.iter().map(|k| k.as_str()).collect();
    let statuses = vec!["confirmed", "pending", "waiting", "cancelled"];
    for (schema, field, codes) in [
        ("EventJson", "kind", kinds.clone()),
        ("EventJson", "attendance", attendances.clone()),
        ("EventDetailJson", "kind", kinds),
        ("EventDetailJson", "attendance", attendances),
        ("RegistrationJson", "status", statuses.clone()),
        ("DateRegistrationJson", "status", statuses),
        ("MaterialJson", "phase", vec!["before", "after"]),
    ] {
        if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(schema) {
            o.properties.insert(field.to_owned(), string_enum(codes));
        }
    }
}

/// Query parameters of the list.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `upcoming` (default; also when empty): events not over yet, soonest first; `past`:
    /// events over, latest first.
    #[serde(default)]
    when: Option<String>,
    /// An organisation's slug: only events it organises.
    #[serde(default)]
    org: Option<String>,
    /// A network's slug: only its events.
    #[serde(default)]
    network: Option<String>,
    /// A working group's id: only its events.
    #[serde(default)]
    group: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EventListJson {
    pub items: Vec<EventJson>,
}

#[derive(Serialize, ToSchema)]
pub struct OrganiserJson {
    pub slug: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct OccurrenceJson {
    /// The start as the organiser wrote it, `YYYY-MM-DDTHH:MM` in the event's zone.
    pub local: String,
    /// RFC 3339, UTC.
    pub starts: String,
    /// RFC 3339, UTC.
    pub ends: String,
}

/// An event as the list gives it.
#[derive(Serialize, ToSchema)]
pub struct EventJson {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    /// online, in_person or hybrid.
    pub attendance: String,
    /// An IANA time zone: the event's own.
    pub zone: String,
    /// The first start, `YYYY-MM-DDTHH:MM` in `zone`.
    pub starts_local: String,
    pub ends_local: String,
    /// The next occurrence not over yet (the first one of a past event).
    pub next: Option<OccurrenceJson>,
    /// An RFC 5545 recurrence rule (bounded), for a series.
    pub rrule: Option<String>,
    /// Language codes the event is held in.
    pub languages: Vec<String>,
    pub organisers: Vec<OrganiserJson>,
    pub cancelled: bool,
    /// Raised by every change (the calendar files' `SEQUENCE`).
    pub sequence: i64,
    /// The event's page.
    pub url: String,
    /// The event's calendar file.
    pub ics: String,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationJson {
    pub status: String,
    /// Whether the organiser marked the person present (after the event).
    pub attended: Option<bool>,
}

/// The caller's registration for one date of a series.
#[derive(Serialize, ToSchema)]
pub struct DateRegistrationJson {
    /// The date's local start, `YYYY-MM-DDTHH:MM` in the event's zone.
    pub occurrence_local: String,
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct MaterialJson {
    pub id: String,
    /// `before` the event, or `after` it (with the report).
    pub phase: String,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub url: String,
}

/// One event with everything its page shows to the caller.
#[derive(Serialize, ToSchema)]
pub struct EventDetailJson {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub agenda: String,
    pub speakers: String,
    pub languages: Vec<String>,
    /// The interpretation offered, as the organiser wrote it.
    pub interpretation: String,
    pub attendance: String,
    pub place: Option<String>,
    pub address: Option<String>,
    /// Only to confirmed registrants and organisers.
    pub join_url: Option<String>,
    /// Only to confirmed registrants and organisers.
    pub dial_in: Option<String>,
    /// Only to confirmed registrants and organisers.
    pub low_bandwidth: Option<String>,
    pub zone: String,
    pub starts_local: String,
    pub ends_local: String,
    pub rrule: Option<String>,
    /// Every occurrence still held (cancelled ones left out), at most 500.
    pub occurrences: Vec<OccurrenceJson>,
    /// Local starts of cancelled occurrences.
    pub cancelled_occurrences: Vec<String>,
    pub capacity: Option<i64>,
    /// Seats taken (confirmed and awaiting the organiser).
    pub taken: i64,
    pub waiting: i64,
    /// Whether the organiser approves each registration.
    pub approval: bool,
    pub organisers: Vec<OrganiserJson>,
    pub cancelled: bool,
    pub sequence: i64,
    /// Markdown, written after the event.
    pub report: String,
    pub materials: Vec<MaterialJson>,
    /// The caller's registration, if any (none for a caller not signed in).
    pub registration: Option<RegistrationJson>,
    /// The caller's registrations for single dates of a series (not cancelled).
    pub date_registrations: Vec<DateRegistrationJson>,
    pub url: String,
    pub ics: String,
}

fn utc(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn occurrence(o: &Occurrence) -> OccurrenceJson {
    OccurrenceJson {
        local: format_local(o.local),
        starts: utc(o.starts_at),
        ends: utc(o.ends_at),
    }
}

fn languages(e: &Event) -> Vec<String> {
    e.languages
        .split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn organisers<'a>(of: impl Iterator<Item = &'a Organiser>) -> Vec<OrganiserJson> {
    of.map(|o| OrganiserJson {
        slug: o.slug.clone(),
        name: o.name.clone(),
    })
    .collect()
}

fn url(ctx: &Ctx, e: &Event) -> (String, String) {
    let page = super::ctx_url(ctx, &format!("/events/{}", e.id));
    let ics = format!("{page}/calendar.ics");
    (page, ics)
}

fn item(ctx: &Ctx, e: &Event, exdates: &[Exdate], orgs: Vec<OrganiserJson>, now: i64) -> EventJson {
    let occ = events::occurrences(e, exdates);
    let next = occ
        .iter()
        .find(|o| o.ends_at > now)
        .or(occ.first())
        .map(occurrence);
    let (url, ics) = url(ctx, e);
    EventJson {
        id: e.id.clone(),
        kind: e.kind.clone(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        attendance: e.attendance.clone(),
        zone: e.zone.clone(),
        starts_local: e.starts_local.clone(),
        ends_local: e.ends_local.clone(),
        next,
        rrule: e.rrule.clone(),
        languages: languages(e),
        organisers: orgs,
        cancelled: e.cancelled != 0,
        sequence: e.sequence,
        url,
        ics,
    }
}

#[utoipa::path(get, path = "/api/v1/events", params(ListParams),
    responses((status = 200, body = EventListJson),
        (status = 400, description = "an unknown `when`", body = ErrorJson),
        (status = 404, description = "`org`, `network` or `group` names nothing", body = ErrorJson)))]
async fn list(ctx: Ctx, Query(q): Query<ListParams>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let now = spona_store::now();
    let when = q.when.as_deref().unwrap_or_default();
    let mut filter = match when {
        "" | "upcoming" => Filter {
            ending_after: Some(now),
            ..Default::default()
        },
        "past" => Filter {
            ended_before: Some(now),
            ..Default::default()
        },
        _ => return Err(AppError::BadRequest("err-unknown-choice")),
    };
    filter.limit = Some(200);
    if let Some(slug) = q.org.as_deref().filter(|s| !s.is_empty()) {
        filter.org_id = Some(
            spona_store::orgs::get_by_slug(db, slug)
                .await?
                .id
                .to_string(),
        );
    }
    if let Some(slug) = q.network.as_deref().filter(|s| !s.is_empty()) {
        filter.network_id = Some(
            spona_store::networks::get_by_slug(db, slug)
                .await?
                .id
                .to_string(),
        );
    }
    if let Some(id) = q.group.as_deref().filter(|s| !s.is_empty()) {
        filter.group_id = Some(spona_store::groups::get(db, id).await?.id);
    }
    let listed = events::list(db, &filter).await?;
    let items = listed
        .events
        .iter()
        .map(|e| {
            let orgs = organisers(listed.organisers_of(&e.id));
            item(&ctx, e, &listed.exdates, orgs, now)
        })
        .collect();
    Ok(Json(EventListJson { items }).into_response())
}

#[utoipa::path(get, path = "/api/v1/events/{id}", params(("id" = String, Path)),
    responses((status = 200, body = EventDetailJson), (status = 404, body = ErrorJson)))]
async fn get_event(ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let d = events::detail(&ctx.actor(), &ctx.state.db, &id).await?;
    let materials = spona_store::events::materials(&ctx.state.db, &id).await?;
    Ok(Json(detail(&ctx, &d, &materials)).into_response())
}

fn detail(ctx: &Ctx, d: &Detail, materials: &[spona_store::events::Material]) -> EventDetailJson {
    let e = &d.event;
    let join = d.shows_join();
    let (url, ics) = url(ctx, e);
    EventDetailJson {
        id: e.id.clone(),
        kind: e.kind.clone(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        agenda: e.agenda.clone(),
        speakers: e.speakers.clone(),
        languages: languages(e),
        interpretation: e.interpretation.clone(),
        attendance: e.attendance.clone(),
        place: e.place.clone(),
        address: e.address.clone(),
        join_url: e.join_url.clone().filter(|_| join),
        dial_in: e.dial_in.clone().filter(|_| join),
        low_bandwidth: e.low_bandwidth.clone().filter(|_| join),
        zone: e.zone.clone(),
        starts_local: e.starts_local.clone(),
        ends_local: e.ends_local.clone(),
        rrule: e.rrule.clone(),
        occurrences: d.occurrences.iter().map(occurrence).collect(),
        cancelled_occurrences: d
            .exdates
            .iter()
            .filter(|x| x.cancelled != 0)
            .map(|x| x.occurrence_local.clone())
            .collect(),
        capacity: e.capacity,
        taken: d.taken,
        waiting: d.waiting,
        approval: e.approval != 0,
        organisers: organisers(d.organisers.iter()),
        cancelled: e.cancelled != 0,
        sequence: e.sequence,
        report: e.report.clone(),
        materials: materials
            .iter()
            .map(|m| MaterialJson {
                id: m.id.clone(),
                phase: m.phase.clone(),
                filename: m.filename.clone(),
                media_type: m.media_type.clone(),
                size: m.size,
                url: super::ctx_url(ctx, &format!("/events/{}/materials/{}", e.id, m.id)),
            })
            .collect(),
        registration: d.mine.as_ref().map(|r| RegistrationJson {
            status: r.status.as_str().to_owned(),
            attended: r.attended.map(|a| a != 0),
        }),
        date_registrations: d
            .mine_dates
            .iter()
            .map(|r| DateRegistrationJson {
                occurrence_local: r.occurrence_local.clone(),
                status: r.status.as_str().to_owned(),
            })
            .collect(),
        url,
        ics,
    }
}
