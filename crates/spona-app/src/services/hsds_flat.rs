//! A published service as one row of HSDS 3.0's `service` table (its one-to-one fields):
//! the HSDS API's `service_list` shape and tabular package (`spona-web`) and the open-data
//! exports' `services` data set (CSV, XLSX, ODS) write it from here, so they agree.

use serde_json::{Map, Value};
use spona_domain::service::AgeBand;
use spona_store::services::Service;

/// The languages of the tabular forms' texts, in the order a name is chosen.
pub const TABLE_LANGS: [&str; 3] = ["en", "sr-Latn", "sr-Cyrl"];

fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), v.into());
    }
}

/// RFC 3339 in UTC, seconds.
fn utc(unix: i64) -> String {
    crate::exports::sets::utc(unix)
}

/// The coded eligibility: access, genders, age bands, statuses.
pub fn eligibility(s: &Service) -> String {
    let mut parts = Vec::new();
    parts.push(format!("access: {}", s.access.as_str()));
    if !s.genders.is_empty() {
        parts.push(format!("gender: {}", s.genders.join(", ")));
    }
    if !s.age_bands.is_empty() {
        let bands: Vec<&str> = s.age_bands.iter().map(|b| b.as_str()).collect();
        parts.push(format!("age: {}", bands.join(", ")));
    }
    if !s.statuses.is_empty() {
        parts.push(format!("status: {}", s.statuses.join(", ")));
    }
    parts.join("; ")
}

/// The youngest and oldest age the age bands take in (none: no limit).
pub fn ages(s: &Service) -> (Option<u32>, Option<u32>) {
    if s.age_bands.is_empty() {
        return (None, None);
    }
    let min = s.age_bands.iter().map(|b| b.min_age()).min();
    let max = if s.age_bands.contains(&AgeBand::Older) {
        None
    } else {
        s.age_bands.iter().filter_map(|b| b.max_age()).max()
    };
    (min.filter(|m| *m > 0), max)
}

/// A service's one-to-one fields (the `service_list` shape).
pub fn service_flat(s: &Service, langs: &[&str]) -> Map<String, Value> {
    let text = s.text(langs);
    let mut m = Map::new();
    m.insert("id".into(), s.id.as_str().into());
    m.insert("organization_id".into(), s.org_id.as_str().into());
    m.insert("name".into(), text.name.clone().into());
    let others: Vec<&str> = s
        .texts
        .iter()
        .filter(|t| t.lang != text.lang && t.name != text.name)
        .map(|t| t.name.as_str())
        .collect();
    if !others.is_empty() {
        m.insert("alternate_name".into(), others.join(" / ").into());
    }
    m.insert("description".into(), text.description.clone().into());
    put(&mut m, "url", s.url.clone());
    put(&mut m, "email", s.email.clone());
    m.insert("status".into(), s.status.hsds().into());
    m.insert(
        "application_process".into(),
        match s.access {
            spona_domain::service::Access::Referral => "By referral from another service.",
            spona_domain::service::Access::WalkIn => "Walk in or call; no referral needed.",
            spona_domain::service::Access::Both => "Walk in, call, or be referred.",
        }
        .into(),
    );
    let fees = match (&s.cost, s.free) {
        (Some(c), true) => Some(format!("Free of charge. {c}")),
        (Some(c), false) => Some(c.clone()),
        (None, true) => Some("Free of charge.".to_owned()),
        (None, false) => None,
    };
    put(&mut m, "fees_description", fees);
    // The provider's note in the chosen language first, then the coded eligibility.
    let coded = eligibility(s);
    let described = match text.eligibility.trim() {
        "" => coded,
        note => format!("{note} ({coded})"),
    };
    m.insert("eligibility_description".into(), described.into());
    let (min, max) = ages(s);
    put(&mut m, "minimum_age", min);
    put(&mut m, "maximum_age", max);
    if let (Some(free), Some(at)) = (s.capacity.free, s.capacity.updated_at) {
        let total = s
            .capacity
            .total
            .map(|t| format!(" of {t}"))
            .unwrap_or_default();
        m.insert(
            "alert".into(),
            format!("{free} places free{total} on {}", utc(at)).into(),
        );
    }
    m.insert("last_modified".into(), utc(s.updated_at).into());
    m
}
