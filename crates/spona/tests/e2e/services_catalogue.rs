//! The catalogue in memory (`spona_app::services::catalogue`) against the SQL search it
//! replaced (`spona_store::services::search` and `location_page`), on the test database
//! (SQLite, or PostgreSQL with `SPONA_TEST_DATABASE_URL`): for many filters — paging, kinds,
//! organisations, countries, languages, free places, `modified_after`, text in Cyrillic
//! and Latin, nothing found — the same ids in the same order, the same totals, and the same
//! services and organisations (what the HSDS JSON and the catalogue page are built from),
//! before and after changes to services and to an organisation.

use spona_domain::ids::OrgId;
use spona_domain::service::{LocationDraft, ServiceDraft, ServiceStatus, ServiceText};
use spona_store::services::{self as store, Scope, ServiceFilter};

use crate::harness::*;

async fn org_id(app: &TestApp, slug: &str) -> OrgId {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
}

const KINDS: [&str; 4] = [
    "shelter",
    "hotline",
    "legal-counselling",
    "psychosocial-support",
];
const PLACES: [(&str, &str); 5] = [
    ("Novi Sad", "RS"),
    ("Priština", "XK"),
    ("Mitrovica", "XK"),
    ("Київ", "UA"),
    ("Beograd", "RS"),
];
const NAMES: [(&str, &str); 5] = [
    ("sr-Cyrl", "Сигурна кућа за жене"),
    ("sr-Latn", "Pravna pomoć žrtvama"),
    ("en", "Safe house and hotline"),
    ("uk", "Гаряча лінія підтримки"),
    ("sr-Latn", "Psihosocijalna podrška u Prištini"),
];

fn draft(i: usize) -> ServiceDraft {
    let (lang, name) = NAMES[i % NAMES.len()];
    let (city, country) = PLACES[i % PLACES.len()];
    let mut d = ServiceDraft::simple(KINDS[i % KINDS.len()], lang, &format!("{name} {i}"), "");
    if !i.is_multiple_of(3) {
        d.texts.push(ServiceText {
            lang: "en".into(),
            name: format!("Service {i}"),
            description: "Counselling and accompaniment.".into(),
            eligibility: String::new(),
        });
        d.texts.sort_by(|a, b| a.lang.cmp(&b.lang));
        d.texts.dedup_by(|a, b| a.lang == b.lang);
    }
    if !i.is_multiple_of(4) {
        d.locations.push(LocationDraft {
            name: String::new(),
            address: format!("Ulica {i}"),
            city: city.into(),
            country: country.into(),
        });
    }
    if i % 5 == 1 {
        d.locations.push(LocationDraft {
            name: "Second".into(),
            address: "Trg 2".into(),
            city: "Prizren".into(),
            country: "XK".into(),
        });
    }
    if i % 6 == 2 {
        d.area_countries = vec!["UA".into()];
    }
    d.languages = match i % 3 {
        0 => vec!["sr".into()],
        1 => vec!["sq".into(), "en".into()],
        _ => Vec::new(),
    };
    if i % 4 == 3 {
        d.capacity_total = "3".into();
    }
    d
}

fn filters(orgs: &[&OrgId], after: i64) -> Vec<ServiceFilter> {
    let base = |per_page: u32| ServiceFilter {
        page: 1,
        per_page,
        ..ServiceFilter::default()
    };
    let mut out = Vec::new();
    for per_page in [1, 3, 20, 100] {
        for page in [1, 2, 5, 40] {
            out.push(ServiceFilter {
                page,
                ..base(per_page)
            });
        }
    }
    for text in [
        "sigurna",
        "Сигурна кућа",
        "kuca zene",
        "pristina",
        "Приштина",
        "Prištini",
        "hotline",
        "гаряча",
        "garyacha liniya",
        "Novi Sad",
        "Нови Сад",
        "atina",
        "АСТРА",
        "nobody here",
        " %_ ",
        "u",
    ] {
        out.push(ServiceFilter {
            text: Some(text.into()),
            ..base(20)
        });
        out.push(ServiceFilter {
            text: Some(text.into()),
            page: 2,
            ..base(2)
        });
    }
    for kind in KINDS {
        out.push(ServiceFilter {
            kinds: vec![kind.into()],
            ..base(5)
        });
    }
    out.push(ServiceFilter {
        kinds: vec!["shelter".into(), "hotline".into()],
        ..base(100)
    });
    out.push(ServiceFilter {
        kinds: vec!["no-such-kind".into()],
        ..base(20)
    });
    for o in orgs {
        out.push(ServiceFilter {
            org_id: Some(o.to_string()),
            ..base(7)
        });
    }
    out.push(ServiceFilter {
        org_id: Some("nobody".into()),
        ..base(20)
    });
    for country in ["RS", "XK", "UA", "HR"] {
        out.push(ServiceFilter {
            country: Some(country.into()),
            ..base(100)
        });
        out.push(ServiceFilter {
            country: Some(country.into()),
            language: Some("sq".into()),
            available: true,
            ..base(4)
        });
    }
    for lang in ["sr", "sq", "en", "uk"] {
        out.push(ServiceFilter {
            language: Some(lang.into()),
            ..base(100)
        });
    }
    out.push(ServiceFilter {
        available: true,
        ..base(100)
    });
    for t in [0, after, after + 10_000] {
        out.push(ServiceFilter {
            modified_after: Some(t),
            ..base(100)
        });
    }
    out.push(ServiceFilter {
        text: Some("Safe house".into()),
        kinds: vec!["shelter".into(), "hotline".into()],
        country: Some("RS".into()),
        available: true,
        modified_after: Some(0),
        ..base(3)
    });
    out
}

/// Every filter: the catalogue finds what the SQL finds, with the same services and
/// organisations.
async fn assert_same(app: &TestApp, filters: &[ServiceFilter]) -> usize {
    let catalogue = app
        .state()
        .services_catalogue
        .snapshot(&app.db)
        .await
        .expect("catalogue");
    let mut found_any = 0;
    for f in filters {
        let want = store::search(&app.db, f).await.expect("sql search");
        let got = catalogue.search(f);
        let ids: Vec<&str> = got.items.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, want.ids, "{f:?}");
        assert_eq!(got.total, want.total, "{f:?}");
        found_any += usize::from(want.total > 0);
        let loaded = store::load(&app.db, Scope::Ids(&want.ids))
            .await
            .expect("load");
        for s in &got.items {
            let fresh = loaded.iter().find(|l| l.id == s.id).expect("loaded");
            assert_eq!(*s, fresh, "{f:?}");
            let org = spona_store::orgs::get(&app.db, s.org_id.as_str())
                .await
                .expect("org");
            let held = catalogue.org(s.org_id.as_str()).expect("org held");
            assert_eq!(format!("{held:?}"), format!("{org:?}"));
        }
        let (rows, total) = store::location_page(&app.db, f)
            .await
            .expect("sql locations");
        let got = catalogue.locations(f);
        let pairs: Vec<(String, String)> = got
            .items
            .iter()
            .map(|(l, s)| (l.id.clone(), s.id.to_string()))
            .collect();
        assert_eq!(pairs, rows, "locations {f:?}");
        assert_eq!(got.total, total, "locations {f:?}");
    }
    found_any
}

#[tokio::test]
async fn the_catalogue_in_memory_finds_what_the_sql_search_finds() {
    let app = TestApp::start().await;
    let orgs = [
        org_id(&app, "atina").await,
        org_id(&app, "astra").await,
        org_id(&app, "zmina").await,
    ];
    let mut ids = Vec::new();
    for i in 0..45 {
        let status = match i % 9 {
            7 => ServiceStatus::Draft,
            8 => ServiceStatus::Closed,
            _ => ServiceStatus::Published,
        };
        let free = (i % 4 == 3).then_some(if i % 8 == 3 { 0 } else { 2 });
        let id = spona_app::services::seed(&app.db, &orgs[i % 3], &draft(i), status, free)
            .await
            .expect("seed");
        ids.push(id);
    }
    let after = spona_store::now();
    let org_refs: Vec<&OrgId> = orgs.iter().collect();
    let all = filters(&org_refs, after);
    let found = assert_same(&app, &all).await;
    assert!(
        found > all.len() / 2,
        "most filters find something: {found}"
    );

    // A change to a service: the next request sees it (the version moved).
    let mut tx = app.db.begin().await.expect("tx");
    store::set_free_places_in(&mut tx, &ids[3], 0)
        .await
        .expect("full");
    store::set_status_in(&mut tx, &ids[0], ServiceStatus::Closed)
        .await
        .expect("close");
    store::update_in(&mut tx, &ids[1], &draft(2).validate().expect("valid"))
        .await
        .expect("update");
    tx.commit().await.expect("commit");
    assert_same(&app, &all).await;

    // A change to an organisation (its name and country as shown).
    let atina = spona_store::orgs::get(&app.db, orgs[0].as_str())
        .await
        .expect("org");
    let mut profile = atina.profile();
    profile.name = "Atina Beograd".into();
    profile.country = "XK".into();
    spona_store::orgs::update(&app.db, orgs[0].as_str(), &profile)
        .await
        .expect("rename");
    assert_same(&app, &all).await;
}

/// The HSDS list from memory, over HTTP: the same page as the SQL search gives, in the
/// reader's language.
#[tokio::test]
async fn the_hsds_list_pages_from_the_catalogue() {
    let app = TestApp::start().await;
    let atina = org_id(&app, "atina").await;
    for i in 0..7 {
        spona_app::services::seed(&app.db, &atina, &draft(i), ServiceStatus::Published, None)
            .await
            .expect("seed");
    }
    let c = app.client_in_process();
    let r = c
        .get("/api/hsds/services?search=Prištini&per_page=1&page=1")
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let want = store::search(
        &app.db,
        &ServiceFilter {
            text: Some("Prištini".into()),
            page: 1,
            per_page: 1,
            ..ServiceFilter::default()
        },
    )
    .await
    .expect("sql");
    assert_eq!(v["total_items"], want.total, "{v}");
    assert_eq!(v["contents"][0]["id"], want.ids[0].as_str(), "{v}");
    assert_eq!(v["contents"][0]["organization"]["name"], "Atina", "{v}");
}
