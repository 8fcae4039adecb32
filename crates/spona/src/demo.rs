//! The demo data set: real, public organisations of the region (with made-up contact
//! details), their networks, and one account for each role.

use anyhow::Context;
use serde::Deserialize;
use spona_domain::matching::{RoundStatus, Side};
use spona_domain::org::{OrgDraft, OrgText, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;

const DIRECTORY: &str = include_str!("../demo/directory.json");

/// The password of every demo account (the demo runs on a local machine only).
pub const DEMO_PASSWORD: &str = "demo password for Spona";

#[derive(Deserialize)]
struct Directory {
    organisations: Vec<DemoOrg>,
    networks: Vec<DemoNetwork>,
}

#[derive(Deserialize)]
struct DemoText {
    lang: String,
    name: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct DemoOrg {
    slug: String,
    name: String,
    country: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    contact_visibility: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    offers: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    texts: Vec<DemoText>,
}

#[derive(Deserialize)]
struct DemoNetwork {
    slug: String,
    name: String,
    coordinator: String,
    members: Vec<String>,
    #[serde(default)]
    texts: Vec<DemoText>,
}

/// A demo account: e-mail, name, platform role, and organisation membership.
type Account = (
    &'static str,
    &'static str,
    PlatformRole,
    Option<(&'static str, OrgRole)>,
);

const ACCOUNTS: &[Account] = &[
    (
        "admin@spona.example",
        "Platform Admin",
        PlatformRole::Admin,
        None,
    ),
    (
        "jelena@astra.example.org",
        "Jelena (ASTRA)",
        PlatformRole::User,
        Some(("astra", OrgRole::Admin)),
    ),
    (
        "milan@atina.example.org",
        "Milan (Atina)",
        PlatformRole::User,
        Some(("atina", OrgRole::Member)),
    ),
    (
        "dragana@krokodil.example.org",
        "Dragana (Krokodil)",
        PlatformRole::User,
        Some(("krokodil", OrgRole::Admin)),
    ),
    (
        "oksana@zmina.example.org",
        "Оксана (ZMINA)",
        PlatformRole::User,
        Some(("zmina", OrgRole::Admin)),
    ),
    (
        "arta@pvpt.example.org",
        "Arta (PVPT)",
        PlatformRole::User,
        Some(("pvpt", OrgRole::Member)),
    ),
];

/// Loads the demo data unless the database already holds organisations.
pub async fn load_if_empty(db: &Db) -> anyhow::Result<()> {
    let existing = spona_store::directory::query(db, &Default::default()).await?;
    if existing.total > 0 {
        tracing::info!("the database holds organisations already; demo data not loaded");
        return Ok(());
    }
    let n = load(db).await?;
    tracing::info!(
        organisations = n,
        "demo data loaded; sign in as admin@spona.example, jelena@astra.example.org (organisation admin), \
         milan@atina.example.org (member) or dragana@krokodil.example.org (network coordinator) \
         with the password \"{DEMO_PASSWORD}\""
    );
    Ok(())
}

/// Creates the demo directory's organisations whose slug `keep` accepts (the Prishtina
/// profile takes those in Kosovo); their ids by slug.
pub(crate) async fn create_orgs(
    db: &Db,
    keep: &dyn Fn(&str) -> bool,
) -> anyhow::Result<std::collections::HashMap<String, String>> {
    let data: Directory = serde_json::from_str(DIRECTORY).context("demo/directory.json")?;
    let mut ids = std::collections::HashMap::new();
    for o in data.organisations.iter().filter(|o| keep(&o.slug)) {
        let draft = OrgDraft {
            name: o.name.clone(),
            country: o.country.clone(),
            city: o.city.clone(),
            website: o.website.clone(),
            email: o.email.clone(),
            phone: o.phone.clone(),
            contact_visibility: o.contact_visibility.clone(),
            themes: o.themes.clone(),
            offers: o.offers.clone(),
            needs: o.needs.clone(),
            languages: o.languages.clone(),
            texts: o
                .texts
                .iter()
                .map(|t| {
                    (
                        t.lang.clone(),
                        t.name.clone().unwrap_or_default(),
                        t.description.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        };
        let profile = draft
            .validate()
            .map_err(|e| anyhow::anyhow!("demo organisation {}: {e:?}", o.slug))?;
        let slug = Slug::parse(&o.slug).map_err(|e| anyhow::anyhow!("{}: {e}", o.slug))?;
        let id = spona_store::orgs::create(db, &slug, &profile).await?;
        ids.insert(o.slug.clone(), id);
    }
    Ok(ids)
}

/// Loads every demo organisation, network and account. Returns the number of organisations.
pub async fn load(db: &Db) -> anyhow::Result<usize> {
    let data: Directory = serde_json::from_str(DIRECTORY).context("demo/directory.json")?;
    let ids = create_orgs(db, &|_| true).await?;
    for n in &data.networks {
        let coordinator = ids
            .get(&n.coordinator)
            .with_context(|| format!("network {}: unknown coordinator", n.slug))?;
        let texts: Vec<OrgText> = n
            .texts
            .iter()
            .map(|t| OrgText {
                lang: t.lang.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
            })
            .collect();
        let slug = Slug::parse(&n.slug).map_err(|e| anyhow::anyhow!("{}: {e}", n.slug))?;
        let id = spona_store::networks::create(db, &slug, &n.name, coordinator, &texts).await?;
        for m in &n.members {
            let org = ids
                .get(m)
                .with_context(|| format!("network {}: unknown member {m}", n.slug))?;
            spona_store::networks::add_member(db, &id, org).await?;
        }
    }
    let hash = spona_web::auth::hash_password(DEMO_PASSWORD)?;
    let mut admin_id = String::new();
    for (email, name, role, membership) in ACCOUNTS {
        let id = spona_store::users::create(db, email, name, &hash, *role).await?;
        if *role == PlatformRole::Admin {
            admin_id = id.clone();
        }
        if let Some((slug, org_role)) = membership
            && let Some(org) = ids.get(*slug)
        {
            spona_store::users::set_membership(db, &id, org, *org_role).await?;
        }
    }
    mentorship(db, &admin_id, &hash).await?;
    crate::demo_newsletters::load(db).await?;
    // An open peer-exchange round between Ukraine and Serbia, as the partners asked for
    // (opened last, so that it heads the list of rounds).
    let round = spona_domain::matching::RoundDraft {
        programme: "peer_exchange".into(),
        title: "Ukraine ↔ Serbia: safe houses, wartime media, trauma care, evidence".into(),
        titles: vec![
            (
                "sr-Cyrl".into(),
                "Украјина ↔ Србија: сигурне куће, ратни медији, брига о трауми, докази".into(),
            ),
            (
                "uk".into(),
                "Україна ↔ Сербія: безпечні будинки, воєнні медіа, робота з травмою, докази".into(),
            ),
        ],
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into()],
        deadline: "2099-12-31".into(),
    }
    .validate(spona_store::now())
    .map_err(|e| anyhow::anyhow!("demo round: {e:?}"))?;
    spona_store::matching::create_round(db, &round, None, &admin_id).await?;
    Ok(data.organisations.len())
}

/// A demo mentor or mentee: e-mail, name, country, side, capacity, offers, needs, own words.
type Person = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const MENTORSHIP: &[Person] = &[
    (
        "iryna@mentors.example.org",
        "Ірина (mentor)",
        "UA",
        "a",
        2,
        &["trauma-care", "safe-houses"],
        &[],
        "Ten years running shelters for women in Kharkiv, through two evacuations.",
    ),
    (
        "andriy@mentors.example.org",
        "Андрій (mentor)",
        "UA",
        "a",
        1,
        &["evidence-preservation"],
        &[],
        "Documenting war crimes for prosecutors since 2014.",
    ),
    (
        "vuk@mentees.example.org",
        "Vuk (mentee)",
        "RS",
        "b",
        1,
        &[],
        &["safe-houses"],
        "Our group is opening its first safe house in Niš.",
    ),
    (
        "sanja@mentees.example.org",
        "Sanja (mentee)",
        "RS",
        "b",
        1,
        &[],
        &["trauma-care"],
        "I coordinate volunteers who meet survivors; I want to do it safely.",
    ),
    (
        "milena@mentees.example.org",
        "Milena (mentee)",
        "RS",
        "b",
        1,
        &[],
        &["evidence-preservation"],
        "We collect testimonies and want them to hold up in court.",
    ),
];

/// A mentorship round, published, with one pair that both accepted (and its first
/// check-in) and two proposals still waiting for answers. Demo people sign in with the demo
/// password.
async fn mentorship(db: &Db, admin_id: &str, hash: &str) -> anyhow::Result<()> {
    let round = spona_domain::matching::RoundDraft {
        programme: "mentorship".into(),
        title: "Mentorship: Ukrainian practitioners, emerging Serbian leaders".into(),
        titles: vec![
            (
                "sr-Cyrl".into(),
                "Менторство: практичари из Украјине, нове лидерке и лидери из Србије".into(),
            ),
            (
                "uk".into(),
                "Менторство: практики й практикині з України, нові лідерки та лідери Сербії".into(),
            ),
        ],
        side_a: vec!["UA".into()],
        side_b: vec!["RS".into()],
        deadline: "2099-12-31".into(),
    }
    .validate(spona_store::now())
    .map_err(|e| anyhow::anyhow!("demo mentorship round: {e:?}"))?;
    let round_id = spona_store::matching::create_round(db, &round, None, admin_id).await?;
    // And one still open, for anyone signed in to try opting in as a mentor or mentee.
    let open = spona_domain::matching::RoundDraft {
        programme: "mentorship".into(),
        title: "Mentorship: activists in Kosovo and Serbia".into(),
        titles: vec![
            (
                "sr-Cyrl".into(),
                "Менторство: активисткиње и активисти на Косову и у Србији".into(),
            ),
            (
                "uk".into(),
                "Менторство: активістки й активісти в Косові та Сербії".into(),
            ),
        ],
        side_a: vec!["XK".into()],
        side_b: vec!["RS".into()],
        deadline: "2099-12-31".into(),
    }
    .validate(spona_store::now())
    .map_err(|e| anyhow::anyhow!("demo mentorship round: {e:?}"))?;
    spona_store::matching::create_round(db, &open, None, admin_id).await?;
    let mut ids = Vec::new();
    for (email, name, country, side, capacity, offers, needs, words) in MENTORSHIP {
        let user = spona_store::users::create(db, email, name, hash, PlatformRole::User).await?;
        let o = spona_domain::matching::OptIn {
            offers: offers.iter().map(|s| s.to_string()).collect(),
            needs: needs.iter().map(|s| s.to_string()).collect(),
            themes: Vec::new(),
            languages: vec!["en".into()],
            statement: words.to_string(),
            accepts_interpretation: false,
            capacity: *capacity,
            availability: String::new(),
        };
        let pid = spona_store::matching::opt_in_person(
            db,
            &round_id,
            &user,
            country,
            Side::parse(side).context("side")?,
            &o,
        )
        .await?;
        ids.push((pid, user));
    }
    let why = |gives: &str| {
        spona_store::matching::Reason::Scored(spona_store::matching::Explanation {
            a_gives: vec![gives.to_owned()],
            shared_languages: vec!["en".into()],
            ..Default::default()
        })
    };
    let pairs = [
        (0, 2, "safe-houses"),
        (0, 3, "trauma-care"),
        (1, 4, "evidence-preservation"),
    ];
    let proposals: Vec<_> = pairs
        .iter()
        .map(|&(a, b, gives)| {
            (
                ids[a].0.as_str().into(),
                ids[b].0.as_str().into(),
                10,
                why(gives),
            )
        })
        .collect();
    spona_store::matching::replace_proposals(db, &round_id, &proposals, RoundStatus::Published)
        .await?;
    let stored = spona_store::matching::proposals(db, &round_id).await?;
    if let Some(first) = stored
        .iter()
        .find(|p| p.a_id == ids[0].0 && p.b_id == ids[2].0)
    {
        spona_store::matching::answer(db, first, Side::A, true, &ids[0].1).await?;
        spona_store::matching::answer(db, first, Side::B, true, &ids[2].1).await?;
        let today = spona_store::now() - spona_store::now().rem_euclid(86_400);
        let check_in = spona_domain::matching::CheckIn {
            day: today,
            note: "First call: how the Kharkiv shelter screens new residents.".into(),
        };
        spona_store::pairs::add_check_in(db, &first.id, "b", &check_in, &ids[2].1).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_directory_is_valid() {
        let data: super::Directory =
            serde_json::from_str(super::DIRECTORY).expect("demo/directory.json parses");
        assert!(data.organisations.len() >= 30);
        assert!(data.networks.len() >= 3);
    }

    /// The README lists every account the demo creates, so that nobody finds one by accident.
    #[test]
    fn readme_lists_every_demo_account() {
        let readme = include_str!("../../../README.md");
        let emails = super::ACCOUNTS
            .iter()
            .map(|a| a.0)
            .chain(super::MENTORSHIP.iter().map(|p| p.0));
        for email in emails {
            assert!(
                readme.contains(&format!("`{email}`")),
                "README.md does not list the demo account {email}"
            );
        }
    }
}
