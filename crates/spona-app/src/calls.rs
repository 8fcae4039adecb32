//! Calls and opportunities: who may post and edit them, the list's filters (country, theme,
//! kind, deadline, "fits my organisation"), and the writes with their audit entries.
//!
//! Every call is public: anyone may read it, and the list, the Atom feed and the deadline
//! calendar are the same for everyone. Members of an organisation post calls for it, and
//! platform admins for any organisation or for an outside funder alone; the posting
//! organisation's admins and platform admins edit, close and withdraw them.

use serde::Deserialize;
use spona_domain::Locale;
use spona_domain::call::{CALL_KINDS, CallDraft, CallStatus, OrgFit, fits};
use spona_domain::ids::{CallId, OrgId};
use spona_domain::vocab::{COUNTRIES, THEMES};
use spona_domain::{Invalid, call};
use spona_store::audit::{self, Event};
use spona_store::calls::{self as store, Call};
use spona_store::idempotency::Once;
use spona_store::tx::fault_point;
use spona_store::{Db, StoreError};

use crate::{Actor, Error, Result};

/// "Closing soon" without a number of days: two weeks.
pub const SOON_DAYS: u32 = 14;
/// The most days "closing within" accepts.
pub const MAX_SOON_DAYS: u32 = 366;

/// The list's query string; the Atom feed and the calendar take the same.
#[derive(Debug, Deserialize, Default, Clone, PartialEq, Eq)]
pub struct CallQuery {
    #[serde(default)]
    pub country: Vec<String>,
    #[serde(default)]
    pub theme: Vec<String>,
    #[serde(default)]
    pub kind: Vec<String>,
    /// `open` (the default), `soon` (closing within `days`), `past` or `all`.
    #[serde(default)]
    pub when: String,
    /// For `when=soon`: within this many days (default [`SOON_DAYS`]).
    #[serde(default)]
    pub days: String,
    /// The slug of an organisation: only calls that fit it (see [`fits`]).
    #[serde(default)]
    pub fits: String,
}

/// Which deadlines a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Open calls whose deadline is ahead.
    Open,
    /// Open calls closing within this many days.
    Soon(u32),
    /// Calls whose deadline passed, or that were closed or withdrawn.
    Past,
    /// Every call.
    All,
}

/// A checked query: every code known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFilter {
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub kinds: Vec<String>,
    pub when: When,
    /// The organisation calls must fit, with what the rule looks at.
    pub fits: Option<FitOrg>,
}

/// An organisation as the "fits" filter sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitOrg {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub themes: Vec<String>,
    pub needs: Vec<String>,
}

impl CallQuery {
    /// The filter this query asks for; an unknown code, a bad number of days or an unknown
    /// organisation is refused (400) with the reason.
    pub async fn filter(&self, db: &Db) -> Result<CallFilter> {
        // An empty code is no code: refused like an unknown one.
        if [&self.country, &self.theme, &self.kind]
            .iter()
            .any(|codes| codes.iter().any(|c| c.trim().is_empty()))
        {
            return Err(Error::BadRequest("err-unknown-term"));
        }
        let mut errors = Vec::new();
        let countries = COUNTRIES.pick(&self.country, "country", &mut errors);
        let themes = THEMES.pick(&self.theme, "theme", &mut errors);
        let kinds = CALL_KINDS.pick(&self.kind, "kind", &mut errors);
        if !errors.is_empty() {
            return Err(Error::BadRequest("err-unknown-term"));
        }
        let days = match self.days.trim() {
            "" => SOON_DAYS,
            d => d
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=MAX_SOON_DAYS).contains(d))
                .ok_or(Error::BadRequest("err-call-days"))?,
        };
        let when = match self.when.trim() {
            "" | "open" => When::Open,
            "soon" => When::Soon(days),
            "past" => When::Past,
            "all" => When::All,
            _ => return Err(Error::BadRequest("err-unknown-choice")),
        };
        let fits = match self.fits.trim() {
            "" => None,
            slug => Some(fit_org(db, slug).await?),
        };
        Ok(CallFilter {
            countries,
            themes,
            kinds,
            when,
            fits,
        })
    }
}

async fn fit_org(db: &Db, slug: &str) -> Result<FitOrg> {
    match spona_store::orgs::get_by_slug(db, slug).await {
        Ok(o) => Ok(FitOrg {
            id: o.id,
            slug: o.slug,
            name: o.name,
            country: o.country,
            themes: o.themes,
            needs: o.needs,
        }),
        Err(StoreError::NotFound) => Err(Error::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Whether a call is taking applications at `now`.
pub fn is_open(call: &Call, now: i64) -> bool {
    call.status == CallStatus::Open && call.deadline_at > now
}

impl CallFilter {
    /// Whether the call is one this filter shows at `now`.
    pub fn shows(&self, call: &Call, now: i64) -> bool {
        let any = |wanted: &[String], have: &[String]| {
            wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
        };
        // A call for any country is shown under every country.
        let country = self.countries.is_empty()
            || call.terms.countries.is_empty()
            || any(&self.countries, &call.terms.countries);
        let when = match self.when {
            When::Open => is_open(call, now),
            When::Soon(days) => {
                is_open(call, now) && call.deadline_at <= now + i64::from(days) * 86_400
            }
            When::Past => !is_open(call, now),
            When::All => true,
        };
        let fit = self.fits.as_ref().is_none_or(|o| {
            fits(
                &call.terms,
                OrgFit {
                    country: &o.country,
                    themes: &o.themes,
                    needs: &o.needs,
                },
            )
        });
        country
            && any(&self.themes, &call.terms.themes)
            && (self.kinds.is_empty() || self.kinds.contains(&call.kind))
            && when
            && fit
    }
}

/// The calls a query shows, by deadline: soonest first, or for past calls latest first.
pub async fn list(db: &Db, filter: &CallFilter, now: i64) -> Result<Vec<Call>> {
    let mut calls: Vec<Call> = store::list(db)
        .await?
        .into_iter()
        .filter(|c| filter.shows(c, now))
        .collect();
    if filter.when == When::Past {
        calls.reverse();
    }
    Ok(calls)
}

/// One call (every call is public).
pub async fn read(db: &Db, id: &str) -> Result<Call> {
    store::load(db, id).await?.ok_or(Error::NotFound)
}

/// Whether the actor may edit, close or withdraw this call: the posting organisation's
/// admins and platform admins.
pub fn can_edit(actor: &Actor, call: &Call) -> bool {
    actor.is_admin()
        || call
            .org_id
            .as_ref()
            .is_some_and(|o| actor.can_manage_org(o))
}

/// Whether the actor may post calls at all: members of an organisation, platform admins.
pub fn can_post(actor: &Actor) -> bool {
    actor.is_admin() || !actor.memberships().is_empty()
}

/// A call the actor may edit: `SignInRequired`, then `NotFound`, then `Forbidden`.
pub async fn editable(db: &Db, actor: &Actor, id: &str) -> Result<Call> {
    actor.require_user()?;
    let call = read(db, id).await?;
    if !can_edit(actor, &call) {
        return Err(Error::Forbidden);
    }
    Ok(call)
}

/// The organisation a new call is posted for: one of the actor's (any, for a platform
/// admin), or none for an admin posting an outside funder's call.
async fn posting_org(db: &Db, actor: &Actor, slug: &str) -> Result<Option<OrgId>> {
    let user = actor.require_user()?;
    let slug = slug.trim();
    if slug.is_empty() {
        return if actor.is_admin() {
            Ok(None)
        } else {
            Err(Error::Invalid(vec![Invalid::new("org", "err-call-org")]))
        };
    }
    if let Some(m) = actor.memberships().iter().find(|m| m.org_slug == slug) {
        return Ok(Some(OrgId::from(m.org_id.as_str())));
    }
    if user.is_platform_admin() {
        return match spona_store::orgs::get_by_slug(db, slug).await {
            Ok(o) => Ok(Some(o.id)),
            Err(StoreError::NotFound) => {
                Err(Error::Invalid(vec![Invalid::new("org", "err-call-org")]))
            }
            Err(e) => Err(e.into()),
        };
    }
    Err(Error::Invalid(vec![Invalid::new("org", "err-call-org")]))
}

fn checked(draft: &CallDraft, org: Option<&OrgId>, now: i64) -> Result<call::CallValues> {
    let mut errors = Vec::new();
    if org.is_none() && draft.funder.trim().is_empty() {
        errors.push(Invalid::new("funder", "err-call-funder-required"));
    }
    match draft.validate(now) {
        Ok(v) if errors.is_empty() => Ok(v),
        Ok(_) => Err(Error::Invalid(errors)),
        Err(mut more) => {
            errors.append(&mut more);
            Err(Error::Invalid(errors))
        }
    }
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a CallId, detail: String) -> Event<'a> {
    Event {
        actor_id: actor.id(),
        action,
        target_kind: "call",
        target_id: id.as_str(),
        detail,
    }
}

/// Posts a new call for the organisation `org_slug` (empty: none, admins only). The call,
/// the one-time key and the audit entry commit together.
pub async fn create(
    db: &Db,
    actor: &Actor,
    org_slug: &str,
    draft: &CallDraft,
    once: Option<&Once>,
) -> Result<CallId> {
    if !can_post(actor) {
        actor.require_user()?;
        return Err(Error::Forbidden);
    }
    let org = match posting_org(db, actor, org_slug).await {
        Ok(org) => org,
        Err(Error::Invalid(mut errors)) => {
            if let Err(Error::Invalid(mut more)) = checked(draft, None, spona_store::now()) {
                more.retain(|e| e.field != "funder");
                errors.append(&mut more);
            }
            return Err(Error::Invalid(errors));
        }
        Err(e) => return Err(e),
    };
    let values = checked(draft, org.as_ref(), spona_store::now())?;
    let id = CallId::from(spona_store::new_id());
    let mut tx = db.begin().await?;
    store::create_in(&mut tx, &id, org.as_ref(), actor.id(), &values, once).await?;
    let detail = format!("{} {} {}", values.kind, values.deadline_local, values.zone);
    audit::record_in(&mut tx, event(actor, "call.created", &id, detail)).await?;
    fault_point("call.created")?;
    tx.commit().await?;
    Ok(id)
}

/// Saves new values for a call the actor may edit.
pub async fn update(db: &Db, actor: &Actor, id: &str, draft: &CallDraft) -> Result<CallId> {
    let call = editable(db, actor, id).await?;
    let values = checked(draft, call.org_id.as_ref(), spona_store::now())?;
    let mut tx = db.begin().await?;
    store::update_in(&mut tx, &call.id, &values).await?;
    let detail = format!("{} {} {}", values.kind, values.deadline_local, values.zone);
    audit::record_in(&mut tx, event(actor, "call.edited", &call.id, detail)).await?;
    fault_point("call.edited")?;
    tx.commit().await?;
    Ok(call.id)
}

/// Closes, withdraws or reopens a call. Reopening a call whose deadline passed is refused:
/// edit its deadline instead.
pub async fn set_status(db: &Db, actor: &Actor, id: &str, status: &str) -> Result<CallId> {
    let call = editable(db, actor, id).await?;
    let status = CallStatus::parse(status.trim()).ok_or(Error::BadRequest("err-unknown-choice"))?;
    if status == call.status {
        return Ok(call.id);
    }
    if status == CallStatus::Open && call.deadline_at <= spona_store::now() {
        return Err(Error::Conflict("err-call-reopen-past"));
    }
    let mut tx = db.begin().await?;
    store::set_status_in(&mut tx, &call.id, status).await?;
    let detail = format!("{} -> {}", call.status.as_str(), status.as_str());
    audit::record_in(&mut tx, event(actor, "call.status", &call.id, detail)).await?;
    tx.commit().await?;
    Ok(call.id)
}

/// The draft an edit form shows for a saved call (validating it gives the call back).
pub fn draft_of(call: &Call) -> CallDraft {
    CallDraft {
        kind: call.kind.clone(),
        funder: call.funder.clone().unwrap_or_default(),
        written: call.written.clone(),
        title: call.title.clone(),
        description: call.description.clone(),
        deadline: call.deadline_local.clone(),
        zone: call.zone.clone(),
        amount: call
            .amount
            .as_ref()
            .map(|a| a.decimal())
            .unwrap_or_default(),
        currency: call
            .amount
            .as_ref()
            .map(|a| a.currency.clone())
            .unwrap_or_default(),
        link: call.link.clone().unwrap_or_default(),
        countries: call.terms.countries.clone(),
        themes: call.terms.themes.clone(),
        knowhow: call.terms.knowhow.clone(),
        org_kinds: call.terms.org_kinds.clone(),
        languages: call.terms.languages.clone(),
    }
}

/// The zones the forms offer (any IANA name is accepted from the API): the region's and
/// its funders' usual ones.
pub const ZONES: &[&str] = &[
    "Europe/Belgrade",
    "Europe/Kyiv",
    "Europe/Sarajevo",
    "Europe/Zagreb",
    "Europe/Podgorica",
    "Europe/Skopje",
    "Europe/Tirane",
    "Europe/Ljubljana",
    "Europe/Chisinau",
    "Europe/Bucharest",
    "Europe/Sofia",
    "Europe/Budapest",
    "Europe/Warsaw",
    "Europe/Vienna",
    "Europe/Berlin",
    "Europe/Brussels",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "UTC",
];

/// The zone a reader sees deadlines in: the one they chose (`tz`, when it is a zone), or
/// their interface language's usual one ([`default_zone`]: Serbian and Albanian: Belgrade,
/// which is also Kosovo's; Ukrainian: Kyiv; …), or none (English: each call's own zone).
pub fn reader_zone(locale: Locale, asked: &str) -> Option<String> {
    let asked = asked.trim();
    if !asked.is_empty() && call::zone(asked).is_some() {
        return Some(asked.to_owned());
    }
    match locale {
        Locale::En => None,
        other => Some(default_zone(other).into()),
    }
}

/// The zone a new call's form starts with, by interface language.
pub fn default_zone(locale: Locale) -> &'static str {
    // Albanian: Belgrade's zone is also Kosovo's (and the same clock as Tirana and Skopje).
    match locale {
        Locale::Uk => "Europe/Kyiv",
        Locale::Mk => "Europe/Skopje",
        Locale::Bs => "Europe/Sarajevo",
        Locale::Hr => "Europe/Zagreb",
        Locale::Cnr => "Europe/Podgorica",
        Locale::En | Locale::SrLatn | Locale::SrCyrl | Locale::Sq => "Europe/Belgrade",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spona_domain::call::CallTerms;

    fn call(deadline_at: i64, status: CallStatus, terms: CallTerms) -> Call {
        Call {
            id: CallId::from("c1"),
            kind: "grant".into(),
            org_id: None,
            org_slug: None,
            org_name: None,
            funder: Some("Fund".into()),
            created_by: None,
            written: "en".into(),
            title: "A grant".into(),
            description: String::new(),
            deadline_at,
            deadline_local: String::new(),
            zone: "UTC".into(),
            amount: None,
            link: None,
            status,
            sequence: 0,
            created_at: 0,
            updated_at: 0,
            terms,
        }
    }

    fn filter(when: When) -> CallFilter {
        CallFilter {
            countries: vec![],
            themes: vec![],
            kinds: vec![],
            when,
            fits: None,
        }
    }

    #[test]
    fn deadlines_sort_calls_into_open_soon_and_past() {
        let now = 1_000_000;
        let day = 86_400;
        let tomorrow = call(now + day, CallStatus::Open, CallTerms::default());
        let next_month = call(now + 30 * day, CallStatus::Open, CallTerms::default());
        let yesterday = call(now - day, CallStatus::Open, CallTerms::default());
        let closed = call(now + day, CallStatus::Closed, CallTerms::default());
        let open = filter(When::Open);
        assert!(open.shows(&tomorrow, now) && open.shows(&next_month, now));
        assert!(!open.shows(&yesterday, now) && !open.shows(&closed, now));
        let soon = filter(When::Soon(7));
        assert!(soon.shows(&tomorrow, now) && !soon.shows(&next_month, now));
        let past = filter(When::Past);
        assert!(past.shows(&yesterday, now) && past.shows(&closed, now));
        assert!(!past.shows(&tomorrow, now));
    }

    #[test]
    fn the_fits_filter_applies_the_domain_rule_to_the_chosen_organisation() {
        let now = 0;
        let for_ukraine = call(
            10,
            CallStatus::Open,
            CallTerms {
                countries: vec!["UA".into()],
                ..Default::default()
            },
        );
        let for_youth = call(
            10,
            CallStatus::Open,
            CallTerms {
                themes: vec!["youth".into()],
                ..Default::default()
            },
        );
        let f = CallFilter {
            fits: Some(FitOrg {
                id: OrgId::from("o"),
                slug: "o".into(),
                name: "O".into(),
                country: "RS".into(),
                themes: vec!["youth".into()],
                needs: vec![],
            }),
            ..filter(When::Open)
        };
        assert!(!f.shows(&for_ukraine, now));
        assert!(f.shows(&for_youth, now));
        // A country filter shows calls open to every country too.
        let by_country = CallFilter {
            countries: vec!["RS".into()],
            ..filter(When::Open)
        };
        assert!(by_country.shows(&for_youth, now) && !by_country.shows(&for_ukraine, now));
    }

    #[test]
    fn readers_see_deadlines_in_their_chosen_or_their_languages_zone() {
        assert_eq!(reader_zone(Locale::Uk, "").as_deref(), Some("Europe/Kyiv"));
        assert_eq!(
            reader_zone(Locale::En, "Europe/Belgrade").as_deref(),
            Some("Europe/Belgrade")
        );
        assert_eq!(reader_zone(Locale::En, "Mars/Olympus"), None);
        for z in ZONES {
            assert!(call::zone(z).is_some(), "{z}");
        }
    }
}
