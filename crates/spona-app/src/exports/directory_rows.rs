//! The directory export's fast path: organisations go from the database's row
//! ([`spona_store::exports_stream::each_org`], one pass, one snapshot) straight into the
//! sink as borrowed cells — the same columns, in the same order, with the same access rule
//! for contact details as the [`ORGANISATIONS`](super::columns::ORGANISATIONS) table's
//! getters, which still describe the columns (header, data package) and serve the size
//! estimate. A unit test holds the two to the same cells.

use std::fmt::Write as _;
use std::ops::ControlFlow;
use std::sync::atomic::Ordering;

use chrono::{Datelike, Timelike};
use spona_domain::org::DirectoryFilter;
use spona_domain::role::ContactVisibility;
use spona_store::Db;
use spona_store::exports_stream::{LANGS, OrgCells, each_org};

use super::sets::utc;
use super::{Outcome, ROWS_WRITTEN, Sink, Viewer};
use crate::Result;
use crate::directory::contacts::sees_contacts_kept;

/// Columns of a row: 13, then name and description per text language, then two times.
pub const WIDTH: usize = 13 + 2 * LANGS + 2;

/// Rows between two looks at whether the reader has gone (formats that write nothing
/// until the end cannot tell by a failed write).
const LOOK_EVERY: u64 = 1000;

/// Writes a time as [`utc`] does (RFC 3339, UTC, to the second) into `out`, without
/// allocating for the years 0–9999.
pub fn write_utc(out: &mut String, unix: i64) {
    out.clear();
    match chrono::DateTime::from_timestamp(unix, 0) {
        Some(t) if (0..=9999).contains(&t.year()) => {
            let _ = write!(
                out,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            );
        }
        _ => out.push_str(&utc(unix)),
    }
}

/// Whether each stored contact visibility lets this reader see the details.
struct ContactRule {
    public: bool,
    members: bool,
}

impl ContactRule {
    fn of(viewer: &Viewer) -> ContactRule {
        ContactRule {
            public: sees_contacts_kept(&viewer.actor, ContactVisibility::Public),
            members: sees_contacts_kept(&viewer.actor, ContactVisibility::Members),
        }
    }

    /// An unknown stored value hides them, as `members` would for a stranger.
    fn sees(&self, stored: &str) -> bool {
        match ContactVisibility::parse(stored) {
            Some(ContactVisibility::Public) => self.public,
            Some(ContactVisibility::Members) => self.members,
            None => false,
        }
    }
}

/// The row's cells, in the columns' order; `times` holds the two formatted times.
fn cells<'a>(o: &OrgCells<'a>, contacts: bool, times: &'a [String; 2]) -> [&'a str; WIDTH] {
    let contact = |v: &'a str| if contacts { v } else { "" };
    let mut out = [""; WIDTH];
    let head = [
        o.id,
        o.slug,
        o.name,
        o.country,
        o.city,
        contact(o.website),
        contact(o.email),
        contact(o.phone),
        o.themes,
        o.offers,
        o.needs,
        o.languages,
        o.networks,
    ];
    out[..13].copy_from_slice(&head);
    for (i, (name, description)) in o.texts.iter().enumerate() {
        out[13 + 2 * i] = name;
        out[14 + 2 * i] = description;
    }
    out[WIDTH - 2] = &times[0];
    out[WIDTH - 1] = &times[1];
    out
}

/// Writes every organisation matching `filter` into `sink` (the header is written);
/// `rows` counts them. `Abandoned` once a write fails or `gone` says so.
pub(super) fn write(
    viewer: &Viewer,
    db: &Db,
    rt: &tokio::runtime::Handle,
    filter: &DirectoryFilter,
    sink: &mut dyn Sink,
    gone: &dyn Fn() -> bool,
) -> Result<Outcome> {
    let rule = ContactRule::of(viewer);
    let mut rows = 0u64;
    let mut abandoned = false;
    let mut times = [String::new(), String::new()];
    each_org(db, rt, filter, |o| {
        write_utc(&mut times[0], o.created_at);
        write_utc(&mut times[1], o.updated_at);
        let failed = sink
            .cells(&cells(o, rule.sees(o.contact_visibility), &times))
            .is_err();
        if failed {
            abandoned = true;
            return ControlFlow::Break(());
        }
        rows += 1;
        if rows.is_multiple_of(LOOK_EVERY) {
            ROWS_WRITTEN.fetch_add(LOOK_EVERY, Ordering::Relaxed);
            if gone() {
                abandoned = true;
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    })?;
    ROWS_WRITTEN.fetch_add(rows % LOOK_EVERY, Ordering::Relaxed);
    Ok(if abandoned {
        Outcome::Abandoned(rows)
    } else {
        Outcome::Done(rows)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Actor;
    use crate::actor::testing::in_orgs;
    use crate::exports::columns::ORGANISATIONS;
    use crate::exports::table::Table;
    use spona_domain::org::OrgText;
    use spona_domain::vocab::TEXT_LANGUAGES;
    use spona_store::exports::OrgRecord;
    use spona_store::orgs::Org;

    #[test]
    fn times_are_written_as_utc_writes_them() {
        let mut out = String::new();
        for t in [
            0,
            1_700_000_000,
            1_700_000_059,
            253_402_300_799,
            253_402_300_800,
            -1,
            i64::MAX,
        ] {
            write_utc(&mut out, t);
            assert_eq!(out, utc(t), "{t}");
        }
    }

    #[test]
    fn the_fast_row_is_the_tables_row() {
        let texts = vec![
            OrgText {
                lang: "en".into(),
                name: Some("Astra".into()),
                description: Some("We help, \"always\".".into()),
            },
            OrgText {
                lang: "sr-Cyrl".into(),
                name: None,
                description: Some("=опис".into()),
            },
        ];
        let org = Org {
            id: spona_domain::ids::OrgId::from("0190-a"),
            slug: "astra".into(),
            name: "Astra".into(),
            country: "RS".into(),
            city: "Beograd".into(),
            website: Some("https://astra.example".into()),
            email: None,
            phone: Some("+381 11".into()),
            contact_visibility: ContactVisibility::Members,
            logo: None,
            created_at: 1_700_000_000,
            updated_at: 1_700_000_100,
            texts: texts.clone(),
            themes: vec!["a".into(), "b".into()],
            offers: vec!["c".into()],
            needs: vec![],
            languages: vec!["en".into(), "sr".into()],
        };
        let record = OrgRecord {
            org,
            networks: vec!["n1".into(), "n2".into()],
        };
        let mut t = [("", ""); LANGS];
        for (i, lang) in TEXT_LANGUAGES.codes.iter().enumerate() {
            if let Some(x) = texts.iter().find(|x| x.lang == *lang) {
                t[i] = (
                    x.name.as_deref().unwrap_or(""),
                    x.description.as_deref().unwrap_or(""),
                );
            }
        }
        let fast = OrgCells {
            id: "0190-a",
            slug: "astra",
            name: "Astra",
            country: "RS",
            city: "Beograd",
            website: "https://astra.example",
            email: "",
            phone: "+381 11",
            contact_visibility: "members",
            themes: "a;b",
            offers: "c",
            needs: "",
            languages: "en;sr",
            networks: "n1;n2",
            texts: t,
            created_at: 1_700_000_000,
            updated_at: 1_700_000_100,
        };
        let table: &Table<OrgRecord> = &ORGANISATIONS;
        for actor in [Actor::anonymous(), in_orgs("u", &[])] {
            let viewer = Viewer {
                actor,
                networks: Vec::new(),
            };
            let page = table.page(&viewer, std::slice::from_ref(&record), 1);
            let mut times = [String::new(), String::new()];
            write_utc(&mut times[0], fast.created_at);
            write_utc(&mut times[1], fast.updated_at);
            let row = cells(&fast, ContactRule::of(&viewer).sees("members"), &times);
            assert_eq!(row.to_vec(), page.rows[0], "{:?}", viewer.actor);
            assert_eq!(ORGANISATIONS.fields.len(), WIDTH);
        }
    }
}
