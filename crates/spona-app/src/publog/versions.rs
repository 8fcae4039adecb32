//! What a log entry's `version` hashes for each kind of public object: SHA-256 (hex) of a
//! fixed text built from what the object's public page shows, so that anyone holding the
//! published content can recompute it. The hooks (in the use cases' transactions) and the
//! backfill at start both build it here, from the same fields.
//!
//! - resource variant: `<lang>\n<version>\n<title>\n<summary>\n<body>`;
//! - event: `<kind>\n<title>\n<summary>\n<agenda>\n<speakers>\n<zone>\n<starts>\n<ends>\n<rrule>\n<place>`
//!   (local times `YYYY-MM-DDTHH:MM`, absent values empty);
//! - assessment: the canonical text its signature covers (`monitoring::implementation::signing`);
//! - service: `<kind>\n` then, per text in language order, `<lang>\n<name>\n<description>\n<eligibility>\n`,
//!   then `<email>\n<phone>\n<url>\n<cost>\n`.
//!
//! A withdrawal's version is the version of the object's newest entry (what was withdrawn).

use spona_store::Tx;

use super::{record_in, version_of};
use crate::Result;

/// A resource variant's version hash.
pub fn resource_variant(
    lang: &str,
    version: i64,
    title: &str,
    summary: &str,
    body: &str,
) -> String {
    version_of(format!("{lang}\n{version}\n{title}\n{summary}\n{body}").as_bytes())
}

/// The public fields of an event, as stored.
#[derive(Debug, Clone, Copy)]
pub struct EventFields<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub agenda: &'a str,
    pub speakers: &'a str,
    pub zone: &'a str,
    pub starts_local: &'a str,
    pub ends_local: &'a str,
    pub rrule: Option<&'a str>,
    pub place: Option<&'a str>,
}

/// An event's version hash.
pub fn event(e: EventFields<'_>) -> String {
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        e.kind,
        e.title,
        e.summary,
        e.agenda,
        e.speakers,
        e.zone,
        e.starts_local,
        e.ends_local,
        e.rrule.unwrap_or_default(),
        e.place.unwrap_or_default()
    );
    version_of(text.as_bytes())
}

/// An event's version hash from its checked form.
pub fn event_spec(spec: &spona_domain::event::EventSpec) -> String {
    let starts = spona_domain::event::format_local(spec.starts_local);
    let ends = spona_domain::event::format_local(spec.ends_local);
    event(EventFields {
        kind: spec.kind.as_str(),
        title: &spec.title,
        summary: &spec.summary,
        agenda: &spec.agenda,
        speakers: &spec.speakers,
        zone: spec.zone.name(),
        starts_local: &starts,
        ends_local: &ends,
        rrule: spec.rrule.as_deref(),
        place: spec.place.as_deref(),
    })
}

/// An event's version hash from its stored row.
pub fn event_row(e: &spona_store::events::Event) -> String {
    event(EventFields {
        kind: &e.kind,
        title: &e.title,
        summary: &e.summary,
        agenda: &e.agenda,
        speakers: &e.speakers,
        zone: &e.zone,
        starts_local: &e.starts_local,
        ends_local: &e.ends_local,
        rrule: e.rrule.as_deref(),
        place: e.place.as_deref(),
    })
}

/// A service's version hash from its stored row.
pub fn service(s: &spona_store::services::Service) -> String {
    let mut text = format!("{}\n", s.kind);
    let mut texts: Vec<_> = s.texts.iter().collect();
    texts.sort_by(|a, b| a.lang.cmp(&b.lang));
    for t in texts {
        text.push_str(&format!(
            "{}\n{}\n{}\n{}\n",
            t.lang, t.name, t.description, t.eligibility
        ));
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    text.push_str(&format!(
        "{}\n{}\n{}\n{}\n",
        opt(&s.email),
        opt(&s.phone),
        opt(&s.url),
        opt(&s.cost)
    ));
    version_of(text.as_bytes())
}

/// An assessment's version hash: of the canonical text its signature covers.
pub fn assessment(canonical_text: &str) -> String {
    version_of(canonical_text.as_bytes())
}

/// The assessment's side in an action: `state` or the organisation's id.
pub fn side(org_id: Option<&str>) -> &str {
    org_id.unwrap_or("state")
}

/// Appends a withdrawal of `object` in `tx`, its version that of the object's newest entry
/// (nothing when the log never had the object: nothing public to withdraw).
pub async fn withdraw_in(tx: &mut Tx, kind: &str, object: &str) -> Result<Option<i64>> {
    let Some(version) = spona_store::publog::last_version_in(tx, kind, object).await? else {
        return Ok(None);
    };
    Ok(Some(
        record_in(tx, kind, object, "withdrawn", &version).await?,
    ))
}
