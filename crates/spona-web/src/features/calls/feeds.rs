//! The calls' feeds, filtered by the same query as the list: an Atom feed and a deadline
//! calendar (`.ics`). Links in both are absolute (`public_url`).
//!
//! The calendar writes each deadline as an instant in UTC (`DTSTART:…Z`) with no `TZID`:
//! a deadline is one moment for every applicant wherever they are, so calendars show it in
//! their own zone without a `VTIMEZONE` block (an all-day date would shift a day for
//! applicants east or west of the funder). An event is the deadline itself (no `DTEND`: it
//! ends when it starts, RFC 5545 §3.6.1). The `UID` is the call's id and never changes,
//! `SEQUENCE` is raised by every change, and a call closed or withdrawn before its deadline
//! stays in the feed as `STATUS:CANCELLED`, so that subscribed calendars drop it.

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use spona_app::calls::{self as uc, CallQuery, When};
use spona_domain::call::CallStatus;
use spona_store::calls::Call;

use super::view;
use super::view::query_string;
use crate::http::routes::Routes;
use crate::{AppError, Ctx};

pub fn routes(r: Routes) -> Routes {
    r.get("/calls/feed.atom", atom)
        .get("/calls/deadlines.ics", ics)
}

pub struct Entry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub kind: String,
    pub kind_label: String,
    pub updated: String,
    pub published: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "calls/templates/feed.xml")]
struct Feed {
    lang: String,
    title: String,
    self_href: String,
    alternate: String,
    updated: String,
    entries: Vec<Entry>,
}

fn summary(ctx: &Ctx, call: &Call) -> String {
    let deadline = view::deadline(ctx, call, "");
    let mut s = format!(
        "{} · {}: {} · {}: {}",
        ctx.label("ckind", &call.kind),
        ctx.t("calls-offered-by"),
        view::offered_by(call),
        ctx.t("calls-deadline"),
        deadline.own
    );
    if let Some(a) = &call.amount {
        s.push_str(&format!(" · {}: {}", ctx.t("calls-amount"), a.display()));
    }
    s
}

/// Calls matching the list's query, as Atom entries (soonest deadline first).
async fn atom(ctx: Ctx, Query(query): Query<CallQuery>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let filter = query.filter(db).await?;
    let mut calls = uc::list(db, &filter, spona_store::now()).await?;
    view::name_orgs(&ctx, &mut calls).await?;
    let base = ctx.state.config.public_url.clone();
    let qs = query_string(&query);
    let updated = calls.iter().map(|c| c.updated_at).max().unwrap_or(0);
    let entries = calls
        .iter()
        .map(|c| Entry {
            id: format!("urn:uuid:{}", c.id),
            title: c.title.clone(),
            summary: summary(&ctx, c),
            lang: c.written.clone(),
            kind: c.kind.clone(),
            kind_label: ctx.label("ckind", &c.kind),
            updated: view::utc(c.updated_at),
            published: view::utc(c.created_at),
            href: format!("{base}{}", ctx.href(&format!("/calls/{}", c.id))),
        })
        .collect();
    let feed = Feed {
        lang: ctx.locale.tag().to_owned(),
        title: format!("Spona · {}", ctx.t("calls-title")),
        self_href: format!("{base}{}{qs}", ctx.href("/calls/feed.atom")),
        alternate: format!("{base}{}{qs}", ctx.href("/calls")),
        updated: view::utc(updated),
        entries,
    };
    let xml = feed
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("feed: {e}")))?;
    let mut response = xml.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(response)
}

/// A text value escaped for iCalendar (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets, never inside a character (RFC 5545 §3.1).
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for ch in text.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

fn ics_time(unix: i64) -> String {
    view::utc(unix).replace(['-', ':'], "")
}

/// The deadlines of the calls matching the list's query as an iCalendar feed. With the
/// default `when` (open calls), calls closed or withdrawn before their deadline are kept as
/// cancelled events.
async fn ics(ctx: Ctx, Query(query): Query<CallQuery>) -> Result<Response, AppError> {
    let db = &ctx.state.db;
    let mut filter = query.filter(db).await?;
    let now = spona_store::now();
    let with_cancelled = filter.when == When::Open;
    if with_cancelled {
        filter.when = When::All;
    }
    let mut calls: Vec<Call> = uc::list(db, &filter, now)
        .await?
        .into_iter()
        .filter(|c| !with_cancelled || c.deadline_at > now)
        .collect();
    view::name_orgs(&ctx, &mut calls).await?;
    let base = ctx.state.config.public_url.clone();
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Spona//Calls and opportunities//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            escape(&format!("Spona · {}", ctx.t("calls-ics-name")))
        ),
    );
    for c in &calls {
        let href = format!("{base}{}", ctx.href(&format!("/calls/{}", c.id)));
        let status = if c.status == CallStatus::Open {
            "CONFIRMED"
        } else {
            "CANCELLED"
        };
        let mut description = summary(&ctx, c);
        if let Some(link) = &c.link {
            description.push('\n');
            description.push_str(link);
        }
        description.push('\n');
        description.push_str(&href);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:call-{}@spona", c.id));
        line(&mut out, &format!("DTSTAMP:{}", ics_time(c.updated_at)));
        line(
            &mut out,
            &format!("LAST-MODIFIED:{}", ics_time(c.updated_at)),
        );
        line(&mut out, &format!("SEQUENCE:{}", c.sequence));
        line(&mut out, &format!("DTSTART:{}", ics_time(c.deadline_at)));
        line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                escape(&format!("{}: {}", ctx.t("calls-deadline"), c.title))
            ),
        );
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, &format!("URL:{href}"));
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    let mut response = out.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "Ж".repeat(60)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "Ж".repeat(60)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
