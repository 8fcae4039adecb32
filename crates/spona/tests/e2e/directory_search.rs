//! Directory free-text search over the demo directory: words, not substrings, through the
//! hub's analysis — across scripts and inflections, Ukrainian in Latin letters — with the
//! page, the JSON API, the in-memory snapshot and the SQL oracle all agreeing.

use std::collections::BTreeSet;

use spona_domain::org::{DirectoryFilter, OrgDraft, Slug};

use crate::harness::*;

/// Adds every organisation of the demo directory (`{slug}-demo` where the test server holds
/// the slug already), and two that the demo lacks: one in Niš, one Ukrainian with inflected
/// place names.
async fn load_demo(app: &TestApp) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/demo/directory.json");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo")).expect("json");
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(s).collect())
            .unwrap_or_default()
    };
    let mut drafts = Vec::new();
    for o in data["organisations"].as_array().expect("organisations") {
        let draft = OrgDraft {
            name: s(&o["name"]),
            country: s(&o["country"]),
            city: s(&o["city"]),
            website: s(&o["website"]),
            email: s(&o["email"]),
            phone: s(&o["phone"]),
            contact_visibility: s(&o["contact_visibility"]),
            themes: list(&o["themes"]),
            offers: list(&o["offers"]),
            needs: list(&o["needs"]),
            languages: list(&o["languages"]),
            texts: o["texts"]
                .as_array()
                .expect("texts")
                .iter()
                .map(|t| (s(&t["lang"]), s(&t["name"]), s(&t["description"])))
                .collect(),
        };
        drafts.push((s(&o["slug"]), draft));
    }
    drafts.push((
        "romski-centar-nis".into(),
        OrgDraft {
            name: "Romski ženski centar Bibija Niš".into(),
            country: "RS".into(),
            city: "Niš".into(),
            contact_visibility: "public".into(),
            texts: vec![(
                "sr-Latn".into(),
                String::new(),
                "Podrška Romkinjama u Nišu i okolini.".into(),
            )],
            ..Default::default()
        },
    ));
    drafts.push((
        "lvivska-pravozakhysna".into(),
        OrgDraft {
            name: "Львівська правозахисна ініціатива".into(),
            country: "UA".into(),
            city: "Львів".into(),
            contact_visibility: "public".into(),
            texts: vec![(
                "uk".into(),
                String::new(),
                "Допомагає внутрішньо переміщеним особам у Львові та в Запоріжжі.".into(),
            )],
            ..Default::default()
        },
    ));
    for (mut slug, draft) in drafts {
        if spona_store::orgs::get_by_slug(&app.db, &slug).await.is_ok() {
            slug.push_str("-demo");
        }
        let profile = draft.validate().expect("valid demo organisation");
        spona_store::orgs::create(&app.db, &Slug::parse(&slug).expect("slug"), &profile)
            .await
            .expect("create");
    }
}

/// Every organisation (all pages) the JSON API finds for `q`.
async fn found(c: &Client, q: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for page in 1.. {
        let path = format!(
            "/api/v1/orgs?q={}&page={page}",
            url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
        );
        let r = c.get(&path).await;
        assert_eq!(r.status, 200, "{q}: {}", r.body);
        let body = r.json();
        let items = body["items"].as_array().expect("items");
        out.extend(
            items
                .iter()
                .map(|o| o["slug"].as_str().expect("slug").to_owned()),
        );
        if items.is_empty() || out.len() as i64 >= body["total"].as_i64().expect("total") {
            break;
        }
    }
    out
}

fn set(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| (*s).to_owned()).collect()
}

#[track_caller]
fn includes(found: &BTreeSet<String>, wanted: &[&str], q: &str) {
    for w in wanted {
        assert!(found.contains(*w), "{q:?} should find {w}; found {found:?}");
    }
}

#[track_caller]
fn excludes(found: &BTreeSet<String>, unwanted: &[&str], q: &str) {
    for w in unwanted {
        assert!(
            !found.contains(*w),
            "{q:?} should not find {w}; found {found:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_search_matches_words_across_scripts_and_inflections() {
    let app = TestApp::start().await;
    load_demo(&app).await;
    let c = app.client();

    // Trafficking in human beings, typed in either Serbian script or without diacritics,
    // finds the texts that say it in any inflection ("трговине људима", "trgovine ljudima").
    let trafficking = found(&c, "trgovina ljudima").await;
    includes(
        &trafficking,
        &[
            "astra",
            "astra-demo",
            "atina-demo",
            "nshc",
            "pvpt-demo",
            "odbor-vranje",
            "ifs-emmaus",
            "la-strada-ukraine",
        ],
        "trgovina ljudima",
    );
    excludes(
        &trafficking,
        &["praxis", "zmina", "labris"],
        "trgovina ljudima",
    );
    assert_eq!(found(&c, "трговина људима").await, trafficking);
    assert_eq!(found(&c, "TRGOVINOM LJUDIMA").await, trafficking);
    // Ukrainian: "торгівля людьми" finds "торгівлі людьми".
    let uk = found(&c, "торгівля людьми").await;
    includes(
        &uk,
        &["astra-demo", "atina-demo", "la-strada-ukraine"],
        "торгівля людьми",
    );
    excludes(&uk, &["zmina", "praxis"], "торгівля людьми");
    // "sigurna kuca" finds "sigurnu kuću".
    includes(
        &found(&c, "sigurna kuca").await,
        &["medica-zenica"],
        "sigurna kuca",
    );
    includes(
        &found(&c, "сигурна кућа").await,
        &["medica-zenica"],
        "сигурна кућа",
    );

    // Inflections of one word find the same organisations, in both scripts.
    let org = found(&c, "organizacija").await;
    includes(
        &org,
        &[
            "praxis",
            "cms",
            "labris",
            "zene-u-crnom",
            "iz-kruga-vojvodina",
        ],
        "organizacija",
    );
    // (A Latin word is also read as Ukrainian in Latin letters, so some forms find
    // "організація" too; the Serbian texts are found by every form.)
    for q in [
        "organizacije",
        "organizacijama",
        "организацијама",
        "Организација",
    ] {
        includes(
            &found(&c, q).await,
            &[
                "praxis",
                "cms",
                "labris",
                "zene-u-crnom",
                "iz-kruga-vojvodina",
            ],
            q,
        );
    }

    // Locatives: "u Novom Sadu" finds Novi Sad (Latin and Cyrillic), "у Львові" Lviv.
    let novi_sad = found(&c, "u Novom Sadu").await;
    includes(&novi_sad, &["nshc", "iz-kruga-vojvodina"], "u Novom Sadu");
    excludes(&novi_sad, &["astra", "praxis"], "u Novom Sadu");
    assert_eq!(found(&c, "у Новом Саду").await, novi_sad);
    let lviv = found(&c, "у Львові").await;
    includes(
        &lviv,
        &["womens-perspectives", "lvivska-pravozakhysna"],
        "у Львові",
    );
    excludes(&lviv, &["zmina", "khpg"], "у Львові");

    // "Nis" is the city of Niš, not every word containing "nis" (orga-nis-ation…).
    assert_eq!(found(&c, "Nis").await, set(&["romski-centar-nis"]));
    assert_eq!(found(&c, "Ниш").await, set(&["romski-centar-nis"]));
    assert_eq!(found(&c, "Nišu").await, set(&["romski-centar-nis"]));

    // Nothing in common: nothing found; a word and a missing word: nothing.
    assert!(found(&c, "zzzz").await.is_empty());
    assert!(found(&c, "Beograd zzzz").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ukrainian_names_are_found_in_latin_letters() {
    let app = TestApp::start().await;
    load_demo(&app).await;
    let c = app.client();
    // "Харківська правозахисна група" (KHPG), typed in the usual Latin forms.
    for q in [
        "Kharkivska pravozakhysna",
        "Harkivska",
        "kharkivska",
        "Kharkivs'ka pravozakhysna hrupa",
        "Харківська правозахисна",
        "Kharkiv",
        "Харків",
    ] {
        includes(&found(&c, q).await, &["khpg"], q);
    }
    assert_eq!(found(&c, "Harkivska").await, set(&["khpg"]));
    // The capital in the 2010 standard and the older transliteration.
    let kyiv = found(&c, "Kyiv").await;
    includes(&kyiv, &["zmina", "ccl", "imi", "insight"], "Kyiv");
    excludes(&kyiv, &["khpg", "womens-perspectives", "astra"], "Kyiv");
    assert_eq!(found(&c, "Київ").await, kyiv);
    // Lviv, and Zaporizhzhia in its locative ("в Запоріжжі").
    includes(
        &found(&c, "Lviv").await,
        &["womens-perspectives", "lvivska-pravozakhysna"],
        "Lviv",
    );
    for q in ["Zaporizhzhia", "Zaporizhia", "Запоріжжя"] {
        assert_eq!(found(&c, q).await, set(&["lvivska-pravozakhysna"]), "{q}");
    }
    // "Lvivska pravozakhysna" (adjective forms) finds the Ukrainian name.
    assert_eq!(
        found(&c, "Lvivska pravozakhysna initsiatyva").await,
        set(&["lvivska-pravozakhysna"])
    );
}

/// The HTML page and the JSON API share the filter: the same count for the same query.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_the_api_agree() {
    let app = TestApp::start().await;
    load_demo(&app).await;
    let c = app.client();
    for q in ["sigurna kuca", "Harkivska", "Nis", "у Львові"] {
        let api = found(&c, q).await;
        let enc: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
        let page = c.get(&format!("/en/orgs?q={enc}")).await;
        assert_eq!(page.status, 200);
        let n = api.len();
        assert!(n <= 20, "{q}: one page");
        for slug in &api {
            assert!(
                page.body.contains(&format!("/en/orgs/{slug}\"")),
                "{q}: {slug}"
            );
        }
        let count = if n == 1 {
            "1 organisation".to_owned()
        } else {
            format!("{n} organisations")
        };
        assert!(page.body.contains(&count), "{q}: {count}");
    }
}

/// City names follow the reader's script: "Beograd" in Cyrillic for Cyrillic readers,
/// "Кикинда" in Latin for Latin readers, Ukrainian cities in the 2010 standard in Latin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn city_names_follow_the_readers_script() {
    let app = TestApp::start().await;
    load_demo(&app).await;
    let c = app.client();
    let cyr = c.get("/sr-Cyrl/orgs/astra").await.body;
    assert!(
        cyr.contains(" · Београд</p>"),
        "astra's city is stored as Beograd"
    );
    assert!(!cyr.contains(" · Beograd</p>"));
    let lat = c.get("/sr-Latn/orgs/cpz-kikinda").await.body;
    assert!(lat.contains(" · Kikinda</p>"), "stored as Кикинда");
    assert!(
        c.get("/sr-Latn/orgs/khpg")
            .await
            .body
            .contains(" · Kharkiv</p>")
    );
    assert!(c.get("/en/orgs/zmina").await.body.contains(" · Kyiv</p>"));
    assert!(c.get("/uk/orgs/zmina").await.body.contains(" · Київ</p>"));
    // Foreign names are not transliterated letter by letter.
    assert!(
        c.get("/sr-Cyrl/orgs/pvpt")
            .await
            .body
            .contains(" · Prishtinë</p>")
    );
    // The list shows the same.
    let list = c.get("/sr-Cyrl/orgs?country=RS").await.body;
    assert!(list.contains(" · Кикинда</p>") && list.contains(" · Београд</p>"));
    assert!(!list.contains(" · Beograd</p>"));
}

/// A small deterministic generator (xorshift), so that a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

/// The snapshot and the SQL oracle agree on random queries built from the directory's own
/// words, changed the way people type them: other script, no diacritics, Latin Ukrainian,
/// cut short, upper case, mixed with filters and pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshot_agrees_with_the_oracle_on_random_queries() {
    let app = TestApp::start().await;
    load_demo(&app).await;
    let all = spona_store::directory::query(&app.db, &DirectoryFilter::default())
        .await
        .expect("all");
    let mut words: Vec<String> = Vec::new();
    for page in 0..=(all.total / 20) as u32 {
        let p = spona_store::directory::query(
            &app.db,
            &DirectoryFilter {
                page,
                ..Default::default()
            },
        )
        .await
        .expect("page");
        for o in p.orgs {
            let mut text = format!("{} {}", o.name, o.city);
            for t in &o.texts {
                for part in [&t.name, &t.description].into_iter().flatten() {
                    text.push(' ');
                    text.push_str(part);
                }
            }
            for (s, e) in spona_search::split_words(&text) {
                words.push(text[s..e].to_owned());
            }
        }
    }
    words.sort();
    words.dedup();
    assert!(words.len() > 500, "{}", words.len());
    let seed = 0x5eed_0000_0000_0013u64;
    let mut rng = Rng(seed);
    let directory = spona_store::directory::Directory::new();
    let mut nonempty = 0;
    for round in 0..300 {
        let n = 1 + rng.next() % 3;
        let mut q = Vec::new();
        for _ in 0..n {
            let w = rng.pick(&words).clone();
            let w = match rng.next() % 7 {
                0 => spona_i18n::cyr_to_lat(&w),
                1 => spona_i18n::lat_to_cyr(&w),
                2 => spona_i18n::uk_to_lat(&w),
                3 => spona_i18n::fold(&w),
                4 => w.to_uppercase(),
                5 => w.chars().take(w.chars().count().max(4) - 1).collect(),
                _ => w,
            };
            q.push(w);
        }
        if rng.next().is_multiple_of(10) {
            q.push("u".into());
        }
        let f = DirectoryFilter {
            text: Some(q.join(" ")),
            country: rng
                .next()
                .is_multiple_of(4)
                .then(|| (*rng.pick(&["RS", "UA", "BA", "HR"])).into()),
            page: u32::from(rng.next().is_multiple_of(5)),
            ..Default::default()
        };
        let sql = spona_store::directory::query(&app.db, &f)
            .await
            .expect("query");
        let mem = directory.list(&app.db, &f).await.expect("snapshot");
        let ids = |p: &spona_store::directory::Page| {
            p.orgs.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(sql.total, mem.total, "seed {seed:#x}, round {round}: {f:?}");
        assert_eq!(ids(&sql), ids(&mem), "seed {seed:#x}, round {round}: {f:?}");
        if sql.total > 0 {
            nonempty += 1;
        }
    }
    assert!(nonempty > 60, "the queries find something: {nonempty}");
}
