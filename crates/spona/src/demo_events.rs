//! Demo events (`serve --demo`): webinars, a roundtable, a study visit and a festival of the
//! seeds' networks — past ones with reports, future ones with registrations and a waiting
//! list, and one weekly series — so that a newcomer sees the capability at once.

use spona_domain::event::{EventDraft, RegStatus, format_local, local_in, parse_zone};
use spona_store::Db;
use spona_store::events::{self, Answers};

struct Demo {
    kind: &'static str,
    title: &'static str,
    summary: &'static str,
    attendance: &'static str,
    zone: &'static str,
    /// Days from today and the local hour it starts; length in hours.
    days: i64,
    hour: i64,
    hours: i64,
    rrule: &'static str,
    capacity: &'static str,
    organisers: &'static [&'static str],
    network: Option<&'static str>,
    languages: &'static [&'static str],
    report: &'static str,
    /// People registered, in order (the ones past capacity wait).
    people: &'static [&'static str],
}

const DEMO: &[Demo] = &[
    Demo {
        kind: "webinar",
        title: "Digital security for hotline staff",
        summary: "Keeping callers' data safe: phones, messengers, shared laptops.",
        attendance: "online",
        zone: "Europe/Belgrade",
        days: -30,
        hour: 11,
        hours: 2,
        rrule: "",
        capacity: "",
        organisers: &["astra"],
        network: Some("balkans-act-now"),
        languages: &["sr", "en"],
        report: "34 people from 19 organisations took part. Slides and the checklist are in the resource hub.",
        people: &["milan@atina.example.org", "oksana@zmina.example.org"],
    },
    Demo {
        kind: "roundtable",
        title: "WPS 1325: women's organisations in dialogue",
        summary: "A working meeting of the network with an agenda, participants and a report.",
        attendance: "in_person",
        zone: "Europe/Belgrade",
        days: -12,
        hour: 10,
        hours: 4,
        rrule: "",
        capacity: "25",
        organisers: &["zene-u-crnom"],
        network: Some("wps-1325"),
        languages: &["sr", "en"],
        report: "Agreed: a joint shadow report on resolution 1325 by spring; three working groups.",
        people: &[
            "dragana@krokodil.example.org",
            "arta@pvpt.example.org",
            "jelena@astra.example.org",
        ],
    },
    Demo {
        kind: "webinar",
        title: "Monthly legal aid clinic (series)",
        summary: "Every week: questions on status, residence and labour rights, answered by lawyers.",
        attendance: "online",
        zone: "Europe/Kyiv",
        days: 3,
        hour: 17,
        hours: 1,
        rrule: "FREQ=WEEKLY;COUNT=10",
        capacity: "",
        organisers: &["zmina"],
        network: Some("liberte-egalite-solidarite"),
        languages: &["uk", "sr"],
        report: "",
        people: &["jelena@astra.example.org"],
    },
    Demo {
        kind: "study_visit",
        title: "Study visit: shelters in Kyiv and Lviv",
        summary: "Three days with Ukrainian partners running shelters under wartime conditions.",
        attendance: "in_person",
        zone: "Europe/Kyiv",
        days: 40,
        hour: 9,
        hours: 8,
        rrule: "",
        capacity: "2",
        organisers: &["astra", "zmina"],
        network: Some("liberte-egalite-solidarite"),
        languages: &["uk", "en"],
        report: "",
        people: &[
            "jelena@astra.example.org",
            "milan@atina.example.org",
            "dragana@krokodil.example.org",
        ],
    },
    Demo {
        kind: "festival",
        title: "Bridge festival of solidarity",
        summary: "Music, film and talks by women's groups from Kosovo and Serbia.",
        attendance: "hybrid",
        zone: "Europe/Belgrade",
        days: 60,
        hour: 18,
        hours: 5,
        rrule: "",
        capacity: "200",
        organisers: &["atina"],
        network: Some("bridge"),
        languages: &["sr", "en"],
        report: "",
        people: &["arta@pvpt.example.org"],
    },
];

/// Loads the demo events unless there are events already.
pub async fn load_events_if_empty(db: &Db) -> anyhow::Result<()> {
    if !events::list(db, &Default::default()).await?.is_empty() {
        return Ok(());
    }
    let now = spona_store::now();
    for d in DEMO {
        let tz = parse_zone(d.zone).ok_or_else(|| anyhow::anyhow!("zone {}", d.zone))?;
        let day = local_in(tz, now + d.days * 86_400).date();
        let Some(start) = day.and_hms_opt(d.hour as u32, 0, 0) else {
            continue;
        };
        let end = start + chrono::Duration::hours(d.hours);
        let draft = EventDraft {
            kind: d.kind.into(),
            title: d.title.into(),
            summary: d.summary.into(),
            attendance: d.attendance.into(),
            join_url: if d.attendance == "in_person" {
                String::new()
            } else {
                "https://meet.example.org/spona-demo".into()
            },
            low_bandwidth: "Audio only: dial in or follow the live notes.".into(),
            place: if d.attendance == "online" {
                String::new()
            } else {
                "Dom omladine".into()
            },
            address: if d.attendance == "online" {
                String::new()
            } else {
                "Makedonska 22, Beograd".into()
            },
            zone: d.zone.into(),
            starts: format_local(start),
            ends: format_local(end),
            rrule: d.rrule.into(),
            capacity: d.capacity.into(),
            languages: d.languages.iter().map(|s| (*s).to_owned()).collect(),
            interpretation: "Serbian ↔ Ukrainian".into(),
            report: d.report.into(),
            ..Default::default()
        };
        // Past events are written as they were (validation would refuse nothing here).
        let spec = draft
            .validate()
            .map_err(|e| anyhow::anyhow!("demo event {}: {e:?}", d.title))?;
        let mut orgs = Vec::new();
        for slug in d.organisers {
            if let Ok(o) = spona_store::orgs::get_by_slug(db, slug).await {
                orgs.push(o.id.to_string());
            }
        }
        if orgs.is_empty() {
            continue;
        }
        let network = match d.network {
            Some(slug) => spona_store::networks::get_by_slug(db, slug)
                .await
                .ok()
                .map(|n| n.id.to_string()),
            None => None,
        };
        let id = spona_store::new_id();
        let mut tx = db.begin().await?;
        let admin = spona_store::users::find_by_email(db, "admin@spona.example")
            .await?
            .map(|u| u.id)
            .unwrap_or_default();
        // The weekly series belongs to the first demo working group, so its members find it
        // in their private calendar feed.
        let group = if spec.rrule.is_some() {
            spona_store::groups::list(db, None)
                .await?
                .into_iter()
                .next()
                .map(|g| g.id)
        } else {
            None
        };
        events::insert_in(
            &mut tx,
            &id,
            &spec,
            &orgs,
            network.as_deref(),
            group.as_deref(),
            &admin,
        )
        .await?;
        let capacity = spec.capacity.unwrap_or(i64::MAX);
        for (i, email) in d.people.iter().enumerate() {
            if let Some(u) = spona_store::users::find_by_email(db, email).await? {
                let status = if (i as i64) < capacity {
                    RegStatus::Confirmed
                } else {
                    RegStatus::Waiting
                };
                let reg =
                    events::register_in(&mut tx, &id, &u.id, status, &Answers::default()).await?;
                // Past events: the organisers marked who came (all but the last).
                if spec.last_ends_at < now && status == RegStatus::Confirmed {
                    let came = i + 1 < d.people.len();
                    events::set_attended_in(&mut tx, &reg, came).await?;
                }
            }
        }
        tx.commit().await?;
    }
    tracing::info!(events = DEMO.len(), "demo events loaded");
    Ok(())
}
