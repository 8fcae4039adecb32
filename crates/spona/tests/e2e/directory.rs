//! The directory: filters, script-insensitive search, contacts, editing.

use crate::harness::*;

fn count(body: &str) -> String {
    let start = body.find("id=\"result-count\">").expect("count") + "id=\"result-count\">".len();
    body[start..start + body[start..].find('<').expect("end")].to_owned()
}

async fn slugs(c: &Client, query: &str) -> Vec<String> {
    let r = c.get(&format!("/api/v1/orgs?{query}")).await;
    assert_eq!(r.status, 200, "{query}: {}", r.body);
    let mut v: Vec<String> = r.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|o| o["slug"].as_str().expect("slug").to_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_narrow_the_directory() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    assert_eq!(slugs(&c, "").await.len(), 4);
    assert_eq!(slugs(&c, "country=UA").await, ["zmina"]);
    assert_eq!(slugs(&c, "country=XK").await, ["pvpt"]);
    assert_eq!(
        c.get("/api/v1/orgs?country=xk").await.status,
        400,
        "codes are exact"
    );
    assert_eq!(slugs(&c, "theme=anti-trafficking").await, ["astra", "pvpt"]);
    assert_eq!(slugs(&c, "offers=safe-houses").await, ["atina"]);
    assert_eq!(slugs(&c, "needs=safe-houses").await, ["zmina"]);
    assert_eq!(slugs(&c, "language=uk").await, ["zmina"]);
    assert_eq!(slugs(&c, "network=bridge").await, ["atina", "pvpt"]);
    assert_eq!(
        slugs(&c, "country=RS&theme=anti-trafficking").await,
        ["astra"]
    );
    let r = c.get("/en/orgs?country=UA").await;
    assert_eq!(count(&r.body), "1 organisation");
    assert!(r.body.contains("ZMINA"));
    assert!(!r.body.contains("/en/orgs/astra\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_ignores_script_and_diacritics() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    // astra is in "Beograd" (Latin), atina in "Београд" (Cyrillic).
    assert_eq!(slugs(&c, "q=Beograd").await, ["astra", "atina"]);
    assert_eq!(
        slugs(&c, "q=%D0%91%D0%B5%D0%BE%D0%B3%D1%80%D0%B0%D0%B4").await,
        ["astra", "atina"]
    );
    // "zastita" (no diacritics, Latin) finds "Заштита жртава" (Cyrillic).
    assert_eq!(slugs(&c, "q=zastita").await, ["atina"]);
    assert_eq!(slugs(&c, "q=za%C5%A1tita%20%C5%BErtava").await, ["atina"]);
    // Ukrainian stays Ukrainian.
    assert_eq!(slugs(&c, "q=%D0%9A%D0%B8%D1%97%D0%B2").await, ["zmina"]);
    // LIKE wildcards are literal.
    assert!(slugs(&c, "q=%25").await.is_empty());
    let page = c.get("/sr-Latn/orgs?q=beograd").await;
    assert_eq!(count(&page.body), "2 organizacije");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_filters_are_400_with_a_message() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    let r = c.get("/api/v1/orgs?theme=cooking").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "filter_theme");
    let r = c.get("/en/orgs?country=ZZ").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("Unknown country"));
    let r = c.get("/en/orgs?page=abc").await;
    assert_eq!(r.status, 400);
    let long = "x".repeat(10_000);
    let r = c.get(&format!("/en/orgs?q={long}")).await;
    assert_eq!(r.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_contacts_need_signing_in() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    assert!(anon.get("/api/v1/orgs/astra").await.json()["contacts"].is_null());
    assert_eq!(
        anon.get("/api/v1/orgs/atina").await.json()["contacts"]["email"],
        "info@atina.example.org"
    );
    let page = anon.get("/en/orgs/astra").await;
    assert!(!page.body.contains("info@astra.example.org"));
    let member = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(
        member.get("/api/v1/orgs/astra").await.json()["contacts"]["email"],
        "info@astra.example.org"
    );
    assert!(
        member
            .get("/en/orgs/astra")
            .await
            .body
            .contains("info@astra.example.org")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_follow_the_readers_script() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    let cyr = c.get("/sr-Cyrl/orgs/astra").await;
    assert!(cyr.body.contains("АСТРА – Акција против трговине људима"));
    let lat = c.get("/sr-Latn/orgs/astra").await;
    assert!(lat.body.contains("ASTRA – Akcija protiv trgovine ljudima"));
    let en = c.get("/en/orgs/astra").await;
    assert!(en.body.contains("<h1>ASTRA – Anti Trafficking Action</h1>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_admin_edits_with_validation_and_audit() {
    let app = TestApp::start().await;
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    let form = c.get("/en/orgs/astra/edit").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("value=\"Beograd\""));
    let bad = c
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", "ASTRA"),
                ("country", "RS"),
                ("website", "javascript:alert(1)"),
                ("themes", "cooking"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Enter a web address"));
    assert!(bad.body.contains("id=\"website-error\""));
    assert!(
        bad.body.contains("value=\"javascript:alert(1)\""),
        "the form keeps what was typed"
    );
    let unchanged = app
        .client_in_process()
        .get("/api/v1/orgs/astra")
        .await
        .json();
    assert_eq!(unchanged["name"], "ASTRA – Anti Trafficking Action");
    assert_eq!(unchanged["themes"].as_array().map(Vec::len), Some(2));

    let ok = c
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", "ASTRA"),
                ("country", "RS"),
                ("city", "Novi Sad"),
                ("website", "https://astra.example.org"),
                ("contact_visibility", "public"),
                ("themes", "anti-trafficking"),
                ("themes", "youth"),
                ("languages", "sr"),
                ("text_lang", "uk"),
                ("text_name", "АСТРА"),
                ("text_description", "Опис"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.location(), "/en/orgs/astra");
    let now = app
        .client_in_process()
        .get("/api/v1/orgs/astra")
        .await
        .json();
    assert_eq!(now["city"], "Novi Sad");
    assert_eq!(
        now["themes"],
        serde_json::json!(["anti-trafficking", "youth"])
    );
    assert_eq!(now["texts"][0]["lang"], "uk");
    assert_eq!(app.audit_count("org.updated").await, 1);
}

/// The in-memory directory and the SQL query are two roads to one answer: compare them on
/// every combination of a few filters over a generated set of organisations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshot_agrees_with_the_database_query() {
    use spona_domain::org::{DirectoryFilter, OrgDraft, Slug};
    let app = TestApp::start().await;
    let countries = ["RS", "UA", "XK", "BA"];
    let themes = ["anti-trafficking", "youth", "gbv-protection"];
    let cities = ["Beograd", "Нови Сад", "Львів", "Niš"];
    for i in 0..45usize {
        let draft = OrgDraft {
            name: format!("Organisation {i} Žene"),
            country: countries[i % 4].into(),
            city: cities[(i / 3) % 4].into(),
            themes: vec![themes[i % 3].into(), themes[(i / 2) % 3].into()],
            offers: if i % 5 == 0 {
                vec!["safe-houses".into()]
            } else {
                vec![]
            },
            languages: vec![["sr", "uk", "en"][i % 3].into()],
            ..Default::default()
        };
        let profile = draft.validate().expect("valid");
        let slug = Slug::parse(&format!("gen-{i}")).expect("slug");
        let id = spona_store::orgs::create(&app.db, &slug, &profile)
            .await
            .expect("create");
        if i % 7 == 0 {
            let bridge = spona_store::networks::get_by_slug(&app.db, "bridge")
                .await
                .expect("bridge");
            spona_store::networks::add_member(&app.db, &bridge.id, &id)
                .await
                .expect("member");
        }
    }
    let directory = spona_store::directory::Directory::new();
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let mut compared = 0;
    for country in ["", "RS", "UA"] {
        for theme in ["", "youth", "anti-trafficking"] {
            for offers in ["", "safe-houses"] {
                for network in ["", "bridge"] {
                    for text in ["", "beograd", "novi", "zene 1", "zzz"] {
                        for page in [0, 1, 2] {
                            let f = DirectoryFilter {
                                country: opt(country),
                                theme: opt(theme),
                                offers: opt(offers),
                                network: opt(network),
                                text: opt(text),
                                page,
                                ..Default::default()
                            };
                            let sql = spona_store::directory::query(&app.db, &f)
                                .await
                                .expect("query");
                            let mem = directory.list(&app.db, &f).await.expect("snapshot");
                            let ids = |p: &spona_store::directory::Page| {
                                p.orgs.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
                            };
                            assert_eq!(sql.total, mem.total, "{f:?}");
                            assert_eq!(ids(&sql), ids(&mem), "{f:?}");
                            compared += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(compared, 3 * 3 * 2 * 2 * 5 * 3);
    // A change is seen at once by the next request.
    let c = app.client_in_process();
    assert!(slugs(&c, "q=osijek").await.is_empty());
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = admin
        .post(
            "/en/orgs/astra/edit",
            &[("name", "ASTRA"), ("country", "HR"), ("city", "Osijek")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(slugs(&c, "q=osijek").await, ["astra"]);
    assert_eq!(slugs(&c, "country=HR").await, ["astra"]);
}

/// Whatever the API is sent, it answers in JSON with a documented status.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answers_bad_requests_in_json() {
    let app = TestApp::start().await;
    let c = app.client_in_process();
    for (path, status, code) in [
        ("/api/v1/orgs?page=0", 400, "page"),
        ("/api/v1/orgs?page=100001", 400, "page"),
        ("/api/v1/orgs?page=abc", 400, "bad_form"),
        ("/api/v1/orgs?page=1&page=2", 400, "bad_form"),
        ("/api/v1/orgs/%FF", 400, "bad_form"),
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, status, "{path}");
        assert_eq!(
            r.headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{path}"
        );
        assert_eq!(r.json()["error"], code, "{path}");
    }
    assert!(
        slugs(&c, "network=no-such-network").await.is_empty(),
        "an unknown network matches nothing"
    );
    crate::harness::assert_read_only(
        &format!("{}/api/v1/orgs", app.base),
        &["PUT", "DELETE", "PATCH", "POST", "TRACE"],
    )
    .await;
    let doc = c.get("/api/v1/openapi.json").await.json();
    let params = doc["paths"]["/api/v1/orgs"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .clone();
    let theme = params.iter().find(|p| p["name"] == "theme").expect("theme");
    assert!(
        theme["schema"]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .any(|v| v == "anti-trafficking")
    );
}
