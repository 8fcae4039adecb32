//! Demo events written in Albanian, Macedonian, Bosnian and Croatian (issue 25): the
//! partners in Kosovo, North Macedonia, Bosnia and Herzegovina and Croatia announce their
//! own gatherings in their own language, so that the new locales have real content to show
//! and the reading fallback (`spona_domain::reading`) has something to choose from. The
//! resources in those languages are in `demo/resources_locales.json` (loaded with the other
//! demo resources).

use spona_domain::event::{EventDraft, format_local, local_in, parse_zone};
use spona_store::Db;
use spona_store::events;

struct Gathering {
    organiser: &'static str,
    kind: &'static str,
    title: &'static str,
    summary: &'static str,
    agenda: &'static str,
    attendance: &'static str,
    place: &'static str,
    address: &'static str,
    zone: &'static str,
    /// Days from today and the local hour it starts; length in hours.
    days: i64,
    hour: u32,
    hours: i64,
    capacity: &'static str,
    languages: &'static [&'static str],
    interpretation: &'static str,
}

const GATHERINGS: &[Gathering] = &[
    Gathering {
        organiser: "pvpt",
        kind: "roundtable",
        title: "Tryezë e rrumbullakët: referimi i viktimave mes Kosovës dhe Serbisë",
        summary: "PVPT dhe Atina paraqesin përvojën e parë të partneritetit BRIDGE dhe diskutojnë me institucionet se si të shkurtohet rruga e viktimave drejt shërbimeve.",
        agenda: "10:00 Hapja\n10:15 Rastet e referuara gjatë vitit të parë\n11:00 Diskutim me qendrat për punë sociale dhe policinë\n12:30 Rekomandimet e përbashkëta",
        attendance: "in_person",
        place: "Salla e konferencave e PVPT-së",
        address: "Rruga Agim Ramadani 15, Prishtinë",
        zone: "Europe/Belgrade",
        days: 18,
        hour: 10,
        hours: 3,
        capacity: "30",
        languages: &["sq", "sr", "en"],
        interpretation: "Shqip ↔ Serbisht",
    },
    Gathering {
        organiser: "open-gate-la-strada",
        kind: "workshop",
        title: "Обука за наставници: како да зборуваме со учениците за трговијата со луѓе",
        summary: "Еднодневна обука на Отворена порта – Ла Страда за наставници и стручни соработници во средните училишта, со материјали за работилници што можат да ги спроведат сами.",
        agenda: "09:30 Трговијата со луѓе денес: врбување преку интернет\n11:00 Работилницата „Препознај ја понудата што е премногу добра“\n13:00 Пауза\n13:45 Што да направиме кога ученик ќе ни се довери",
        attendance: "in_person",
        place: "Младинскиот културен центар",
        address: "Бул. Св. Климент Охридски 2, Скопје",
        zone: "Europe/Skopje",
        days: 25,
        hour: 9,
        hours: 6,
        capacity: "40",
        languages: &["mk", "sq"],
        interpretation: "Македонски ↔ албански",
    },
    Gathering {
        organiser: "ifs-emmaus",
        kind: "webinar",
        title: "Webinar: sigurne kuće u malim sredinama",
        summary: "Međunarodni forum solidarnosti – EMMAUS dijeli iskustva iz rada skloništa za žrtve trgovine ljudima u Doboj Istoku: saradnja s institucijama, privatnost korisnica i povratak u zajednicu.",
        agenda: "Uvodno izlaganje (20 minuta)\nPrimjeri iz prakse (30 minuta)\nPitanja i razgovor (40 minuta)",
        attendance: "online",
        place: "",
        address: "",
        zone: "Europe/Sarajevo",
        days: 9,
        hour: 11,
        hours: 2,
        capacity: "",
        languages: &["bs", "en"],
        interpretation: "Bosanski ↔ engleski",
    },
    Gathering {
        organiser: "zenska-soba",
        kind: "seminar",
        title: "Seminar: prvi razgovor s osobom koja je preživjela seksualno nasilje",
        summary: "Ženska soba poziva savjetovateljice, volonterke, socijalne radnice i policijske službenike na seminar o tome kako voditi prvi razgovor, što ne pitati i kamo uputiti osobu.",
        agenda: "Osnove pristupa usmjerenog na žrtvu\nVježbe u parovima\nUpućivanje i suradnja sa zdravstvenim ustanovama\nBriga o sebi i supervizija",
        attendance: "hybrid",
        place: "Ženska soba",
        address: "Ulica grada Vukovara 23, Zagreb",
        zone: "Europe/Zagreb",
        days: 32,
        hour: 10,
        hours: 5,
        capacity: "25",
        languages: &["hr"],
        interpretation: "",
    },
];

/// Adds the gatherings whose organiser exists and whose title is not listed yet (so the
/// demo can be loaded over a database that has the other demo events).
pub async fn load_events(db: &Db) -> anyhow::Result<()> {
    let existing = events::list(db, &Default::default()).await?;
    let now = spona_store::now();
    let admin = spona_store::users::find_by_email(db, "admin@spona.example")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let mut added = 0;
    for g in GATHERINGS {
        if existing.iter().any(|e| e.title == g.title) {
            continue;
        }
        let Ok(org) = spona_store::orgs::get_by_slug(db, g.organiser).await else {
            continue;
        };
        let tz = parse_zone(g.zone).ok_or_else(|| anyhow::anyhow!("zone {}", g.zone))?;
        let day = local_in(tz, now + g.days * 86_400).date();
        let Some(start) = day.and_hms_opt(g.hour, 0, 0) else {
            continue;
        };
        let end = start + chrono::Duration::hours(g.hours);
        let online = g.attendance != "in_person";
        let draft = EventDraft {
            kind: g.kind.into(),
            title: g.title.into(),
            summary: g.summary.into(),
            agenda: g.agenda.into(),
            attendance: g.attendance.into(),
            join_url: if online {
                "https://meet.example.org/spona-demo".into()
            } else {
                String::new()
            },
            place: g.place.into(),
            address: g.address.into(),
            zone: g.zone.into(),
            starts: format_local(start),
            ends: format_local(end),
            capacity: g.capacity.into(),
            languages: g.languages.iter().map(|s| (*s).to_owned()).collect(),
            interpretation: g.interpretation.into(),
            ..Default::default()
        };
        let spec = draft
            .validate()
            .map_err(|e| anyhow::anyhow!("demo event {}: {e:?}", g.title))?;
        let mut tx = db.begin().await?;
        events::insert_in(
            &mut tx,
            &spona_store::new_id(),
            &spec,
            &[org.id.to_string()],
            None,
            None,
            &admin,
        )
        .await?;
        tx.commit().await?;
        added += 1;
    }
    tracing::info!(
        events = added,
        "demo events in Albanian, Macedonian, Bosnian and Croatian loaded"
    );
    Ok(())
}
