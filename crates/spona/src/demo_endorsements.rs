//! Endorsement campaigns' demo data (issue 22 item 3): "Support the Balkans Declaration on
//! Suppression of Trafficking", a campaign of the Balkans ACT Now! network (seed `004`: the
//! declaration signed in Zagreb, then opened for civil society and individuals to support),
//! opened through the use case by the network's coordinator, with a few hundred confirmed
//! endorsements across the region's countries. Every name is invented; the addresses behind
//! them are made up and, as for real endorsements, only their keyed hashes are stored.

use anyhow::Context;
use spona_app::actor::Actor;
use spona_domain::endorsement::{CampaignDraft, Variant};
use spona_store::Db;
use spona_store::endorsements::{self as store, Seed};

/// The network's coordinator (an admin of ASTRA, which coordinates Balkans ACT Now!).
const COORDINATOR: &str = "jelena@astra.example.org";
const NETWORK: &str = "balkans-act-now";

/// How many confirmed endorsements per country the demo holds.
const PER_COUNTRY: [(&str, usize); 12] = [
    ("RS", 74),
    ("BA", 41),
    ("HR", 36),
    ("MK", 29),
    ("AL", 27),
    ("XK", 24),
    ("ME", 19),
    ("SI", 11),
    ("UA", 9),
    ("AT", 6),
    ("DE", 5),
    ("NL", 4),
];

const FIRST: [&str; 24] = [
    "Ana", "Marko", "Jelena", "Amir", "Lejla", "Ivana", "Besa", "Arben", "Maja", "Dragan", "Elira",
    "Luan", "Sanja", "Nikola", "Teuta", "Goran", "Mirela", "Stefan", "Vesna", "Kenan", "Olena",
    "Taras", "Milica", "Dino",
];
const LAST: [&str; 20] = [
    "Petrović",
    "Hodžić",
    "Kovačević",
    "Berisha",
    "Nikolovski",
    "Horvat",
    "Krasniqi",
    "Marić",
    "Hoxha",
    "Popović",
    "Stojanovska",
    "Babić",
    "Gashi",
    "Đurić",
    "Mehmedović",
    "Novak",
    "Shala",
    "Ilić",
    "Kovalenko",
    "Vuković",
];
const DOMAINS: [&str; 6] = [
    "example.org",
    "example.net",
    "mail.example.com",
    "posta.example.rs",
    "example.ba",
    "example.mk",
];
const ORGS: [&str; 5] = [
    "Women's Rights Centre",
    "Youth Initiative for Human Rights",
    "Legal Aid Network",
    "Roma Women's Forum",
    "Citizens' Watch",
];

async fn actor(db: &Db, email: &str) -> anyhow::Result<Actor> {
    let user = spona_store::users::find_by_email(db, email)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    let ms = spona_store::users::memberships(db, &user.id).await?;
    Ok(Actor::signed_in(user, ms))
}

fn draft() -> CampaignDraft {
    let v = |lang: &str, title: &str, statement: &str| Variant {
        lang: lang.into(),
        title: title.into(),
        statement: statement.into(),
    };
    CampaignDraft {
        owner: format!("network:{NETWORK}"),
        variants: vec![
            v(
                "en",
                "Support the Balkans Declaration on Suppression of Trafficking",
                "Four civil society organisations signed the Balkans Declaration on Suppression \
                 of Trafficking in Zagreb. It asks the region's governments and courts to \
                 prosecute traffickers effectively, to protect and compensate victims, and to \
                 work together across borders.\n\nAdd your name to support it. Organisations \
                 sign the declaration itself; this campaign is for people.",
            ),
            v(
                "sr-Latn",
                "Podržite Balkansku deklaraciju o suzbijanju trgovine ljudima",
                "Četiri organizacije civilnog društva potpisale su u Zagrebu Balkansku \
                 deklaraciju o suzbijanju trgovine ljudima. Ona traži od vlada i sudova u \
                 regionu da delotvorno gone trgovce ljudima, da zaštite i obeštete žrtve i da \
                 sarađuju preko granica.\n\nDodajte svoje ime kao podršku. Organizacije \
                 potpisuju samu deklaraciju; ova kampanja je za pojedince.",
            ),
            v(
                "uk",
                "Підтримайте Балканську декларацію про протидію торгівлі людьми",
                "Чотири організації громадянського суспільства підписали в Загребі Балканську \
                 декларацію про протидію торгівлі людьми. Вона закликає уряди й суди регіону \
                 ефективно переслідувати торговців людьми, захищати постраждалих і \
                 компенсувати їм шкоду та співпрацювати через кордони.\n\nДодайте своє ім'я на \
                 підтримку. Організації підписують саму декларацію; ця кампанія — для людей.",
            ),
        ],
        opens_on: "2026-03-08".into(),
        closes_on: String::new(),
    }
}

/// Loads the demo campaign once (none while any campaign exists).
pub async fn load_if_empty(db: &Db) -> anyhow::Result<()> {
    if !store::list(db).await?.is_empty() {
        return Ok(());
    }
    let by = actor(db, COORDINATOR).await?;
    let id = spona_app::endorsements::create(&by, db, &draft(), None)
        .await
        .map_err(|e| anyhow::anyhow!("demo campaign: {e:?}"))?;
    let start = spona_domain::endorsement::day_start("2026-03-08").unwrap_or_default();
    let mut rows = Vec::new();
    let mut addresses = Vec::new();
    let mut n = 0usize;
    for (country, count) in PER_COUNTRY {
        for _ in 0..count {
            let first = FIRST[(n * 7) % FIRST.len()];
            let last = LAST[(n * 11 + n / 3) % LAST.len()];
            let domain = DOMAINS[n % DOMAINS.len()];
            addresses.push(format!("endorser{n}@{domain}"));
            rows.push(Seed {
                name: format!("{first} {last}"),
                country: country.to_owned(),
                organisation: n.is_multiple_of(4).then(|| ORGS[n % ORGS.len()].to_owned()),
                address_key: String::new(),
                domain: domain.to_owned(),
                at: start + (n as i64) * 3_301,
            });
            n += 1;
        }
    }
    let keys = spona_app::endorsements::address_keys(db, &addresses)
        .await
        .map_err(|e| anyhow::anyhow!("demo endorsement keys: {e:?}"))?;
    for (row, key) in rows.iter_mut().zip(keys) {
        row.address_key = key;
    }
    let mut tx = db.begin().await?;
    store::seed_confirmed_in(&mut tx, &id, &rows).await?;
    tx.commit().await?;
    tracing::info!(
        endorsements = rows.len(),
        "demo endorsement campaign loaded"
    );
    Ok(())
}
