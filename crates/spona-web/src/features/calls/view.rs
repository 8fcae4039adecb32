//! How a call is shown: its deadline in its own zone and in the reader's, who offers it,
//! its amount; shared by the pages and the feeds.

use spona_app::calls::{is_open, reader_zone};
use spona_domain::call::{in_zone, zone};
use spona_store::calls::Call;

use crate::Ctx;

/// A deadline as a reader sees it.
pub struct Deadline {
    /// `2026-12-01 17:00 Europe/Belgrade` (the zone named).
    pub own: String,
    /// The same instant in the reader's zone, when that zone differs.
    pub reader: Option<String>,
    /// RFC 3339 in UTC, for `<time datetime>`.
    pub utc: String,
}

pub fn utc(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_default()
}

fn shown(unix: i64, zone_name: &str) -> Option<String> {
    let tz = zone(zone_name)?;
    let (day, time, abbr) = in_zone(unix, &tz)?;
    let abbr = if abbr.starts_with(['+', '-']) || abbr == zone_name {
        String::new()
    } else {
        format!(", {abbr}")
    };
    Some(format!("{day} {time} ({zone_name}{abbr})"))
}

/// The deadline in the call's zone and, when it differs, in the reader's (`tz`: the zone the
/// reader chose, or empty).
pub fn deadline(ctx: &Ctx, call: &Call, tz: &str) -> Deadline {
    let own = shown(call.deadline_at, &call.zone)
        .unwrap_or_else(|| format!("{} ({})", call.deadline_local, call.zone));
    let reader = reader_zone(ctx.locale, tz)
        .filter(|z| *z != call.zone)
        .and_then(|z| shown(call.deadline_at, &z))
        .filter(|r| r != &own);
    Deadline {
        own,
        reader,
        utc: utc(call.deadline_at),
    }
}

/// Who offers the call: the outside funder, or the posting organisation.
pub fn offered_by(call: &Call) -> String {
    call.funder
        .clone()
        .or_else(|| call.org_name.clone())
        .unwrap_or_default()
}

/// Open, closing soon, closed, withdrawn or past: the message id of the call's state.
pub fn state_key(call: &Call, now: i64) -> &'static str {
    use spona_domain::call::CallStatus;
    match call.status {
        CallStatus::Withdrawn => "calls-state-withdrawn",
        CallStatus::Closed => "calls-state-closed",
        CallStatus::Open if !is_open(call, now) => "calls-state-past",
        CallStatus::Open if call.deadline_at - now <= 7 * 86_400 => "calls-state-soon",
        CallStatus::Open => "calls-state-open",
    }
}

/// Labels of codes, joined, or "any" for an empty list.
pub fn labels(ctx: &Ctx, prefix: &str, codes: &[String]) -> String {
    if codes.is_empty() {
        return ctx.t("calls-any");
    }
    codes
        .iter()
        .map(|c| ctx.label(prefix, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One call in a list.
pub struct CallRow {
    pub id: String,
    pub title: String,
    pub lang: String,
    pub kind: String,
    pub offered_by: String,
    pub deadline: Deadline,
    pub amount: Option<String>,
    pub state: String,
    pub countries: String,
}

pub fn row(ctx: &Ctx, call: &Call, tz: &str, now: i64) -> CallRow {
    CallRow {
        id: call.id.to_string(),
        title: call.title.clone(),
        lang: call.written.clone(),
        kind: ctx.label("ckind", &call.kind),
        offered_by: offered_by(call),
        deadline: deadline(ctx, call, tz),
        amount: call.amount.as_ref().map(|a| a.display()),
        state: ctx.t(state_key(call, now)),
        countries: labels(ctx, "country", &call.terms.countries),
    }
}

/// Names each call's posting organisation in the reader's language (one snapshot read).
pub async fn name_orgs(ctx: &Ctx, calls: &mut [Call]) -> Result<(), crate::AppError> {
    let names = crate::names::OrgNames::load(ctx).await?;
    for c in calls.iter_mut() {
        if let (Some(id), Some(name)) = (&c.org_id, &mut c.org_name) {
            names.rename(Some(id.as_str()), name);
        }
    }
    Ok(())
}

/// The query string of a list, for the feeds' links (same filters).
pub fn query_string(q: &spona_app::calls::CallQuery) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (name, values) in [
        ("country", &q.country),
        ("theme", &q.theme),
        ("kind", &q.kind),
    ] {
        for v in values {
            s.append_pair(name, v);
        }
    }
    for (name, v) in [("when", &q.when), ("days", &q.days), ("fits", &q.fits)] {
        if !v.is_empty() {
            s.append_pair(name, v);
        }
    }
    let qs = s.finish();
    if qs.is_empty() { qs } else { format!("?{qs}") }
}

/// The zone asked for in the address (`?tz=`), else the reader's saved zone, else empty.
pub async fn chosen_zone(ctx: &Ctx, asked: &str) -> Result<String, crate::AppError> {
    Ok(
        spona_app::events::zone::chosen(&ctx.actor(), &ctx.state.db, asked)
            .await?
            .unwrap_or_default(),
    )
}

/// A call's files, as the call page lists them.
pub async fn files(
    ctx: &Ctx,
    call_id: &str,
) -> Result<Vec<spona_store::call_files::CallFile>, crate::AppError> {
    Ok(spona_store::call_files::of_call(&ctx.state.db, call_id).await?)
}
