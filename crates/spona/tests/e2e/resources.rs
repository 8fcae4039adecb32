//! The resource hub end to end: writing, versions, translations, review dates, Markdown, bad
//! input, the feed, and an index that catches up after a crash (search: `resource_search.rs`).

use serde_json::Value;

use crate::harness::*;

/// Creates a resource through the page's form; returns its id.
/// What a person keeps of the new-resource form besides the title and body (Astra's public
/// crisis guideline in English).
pub(super) const FORM_DEFAULTS: [(&str, &str); 7] = [
    ("owner", "astra"),
    ("kind", "crisis-guideline"),
    ("visibility", "public"),
    ("review_due", "2099-01-01"),
    ("written", "en"),
    ("summary", ""),
    ("note", ""),
];

pub(super) async fn create(c: &Client, fields: &[(&str, &str)]) -> String {
    let mut all = FORM_DEFAULTS.to_vec();
    for (k, v) in fields {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    let r = c.post("/en/resources/new", &all).await;
    assert_eq!(r.status, 303, "create failed: {}", r.body);
    let loc = r.location();
    loc.rsplit('/').next().expect("id").to_owned()
}

/// Saves a variant (a new translation when `base` is empty).
pub(super) async fn save(c: &Client, id: &str, fields: &[(&str, &str)]) -> Reply {
    c.post(&format!("/en/resources/{id}/edit"), fields).await
}

pub(super) async fn search(c: &Client, locale: &str, query: &str) -> Value {
    let r = c.get(&format!("/{locale}/api/v1/resources?{query}")).await;
    assert_eq!(r.status, 200, "{query}: {}", r.body);
    r.json()
}

pub(super) fn ids(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_owned())
        .collect()
}

pub(super) fn q(text: &str) -> String {
    format!(
        "q={}",
        url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
    )
}

#[tokio::test]
async fn every_edit_is_a_version_and_translations_are_flagged() {
    let app = TestApp::start().await;
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create(
        &editor,
        &[
            ("title", "Hotline protocol"),
            ("body", "Answer within three rings.\nWrite down the time."),
        ],
    )
    .await;
    let r = save(
        &editor,
        &id,
        &[
            ("written", "sr-Latn"),
            ("title", "Protokol dežurne linije"),
            ("body", "Javite se posle tri zvona."),
            ("base_version", ""),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // An edit needs a note.
    let r = save(
        &editor,
        &id,
        &[
            ("written", "en"),
            ("title", "Hotline protocol"),
            ("body", "x"),
            ("base_version", "1"),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let r = save(
        &editor,
        &id,
        &[
            ("written", "en"),
            ("title", "Hotline protocol"),
            ("body", "Answer within two rings.\nWrite down the time."),
            ("base_version", "1"),
            ("note", "Faster answers"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Someone editing from version 1 again is refused, and their text is kept.
    let r = save(
        &editor,
        &id,
        &[
            ("written", "en"),
            ("title", "Hotline protocol"),
            ("body", "Stale text"),
            ("base_version", "1"),
            ("note", "Late edit"),
        ],
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("Stale text"));
    let versions = editor
        .get(&format!("/en/api/v1/resources/{id}/versions?lang=en"))
        .await;
    assert_eq!(versions.status, 200, "{}", versions.body);
    let versions = versions.json();
    assert_eq!(versions.as_array().expect("list").len(), 2, "{versions}");
    assert_eq!(versions[0]["note"], "Faster answers");

    // The old version stays readable, and the difference shows both lines.
    let old = app
        .client()
        .get(&format!("/en/resources/{id}/versions/1?lang=en"))
        .await;
    assert!(old.body.contains("three rings"));
    let diff = app
        .client()
        .get(&format!("/en/resources/{id}/compare?lang=en&from=1&to=2"))
        .await;
    assert_eq!(diff.status, 200);
    assert!(
        diff.body
            .contains("<del class=\"line\">- Answer within three rings.</del>"),
        "{}",
        diff.body
    );
    assert!(
        diff.body
            .contains("<ins class=\"line\">+ Answer within two rings.</ins>")
    );

    // The Serbian variant now may be outdated, until someone confirms it.
    let sr = editor.get(&format!("/en/resources/{id}?lang=sr")).await;
    assert!(sr.body.contains("may be outdated"), "{}", sr.body);
    let list = editor.get("/en/resources/outdated").await;
    assert!(list.body.contains("Protokol dežurne linije"));
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert!(
        !other
            .get("/en/resources/outdated")
            .await
            .body
            .contains("Protokol")
    );
    let r = editor
        .post(&format!("/en/resources/{id}/confirm"), &[("lang", "sr")])
        .await;
    assert_eq!(r.status, 303);
    assert!(
        !editor
            .get(&format!("/en/resources/{id}?lang=sr"))
            .await
            .body
            .contains("may be outdated")
    );
    assert_eq!(app.audit_count("resource.edited").await, 2);
    assert_eq!(app.audit_count("resource.translation_confirmed").await, 1);

    // Others may read but not edit.
    let r = other
        .post(
            &format!("/en/resources/{id}/edit"),
            &[
                ("written", "en"),
                ("title", "Taken over"),
                ("body", "x"),
                ("base_version", "2"),
                ("note", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_resources_are_listed_for_their_owners() {
    let app = TestApp::start().await;
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create(
        &editor,
        &[
            ("title", "Old budget template"),
            ("body", "Lines."),
            ("review_due", "2020-01-31"),
            ("kind", "grant-budget"),
        ],
    )
    .await;
    let list = editor.get("/en/resources/review").await;
    assert!(list.body.contains("Old budget template"), "{}", list.body);
    let page = editor.get(&format!("/en/resources/{id}")).await;
    assert!(
        page.body
            .contains("review date of this resource has passed")
    );
    assert!(
        !app.signed_in_in_process(ZMINA_ADMIN)
            .await
            .get("/en/resources/review")
            .await
            .body
            .contains("Old budget")
    );
    assert!(
        app.signed_in_in_process(ADMIN)
            .await
            .get("/en/resources/review")
            .await
            .body
            .contains("Old budget")
    );
    // The owner's admins are mailed once per review date, in its working languages.
    let reminders = spona_web::reminders::of(app.state());
    let remind = || spona_web::reminders::remind_reviews(&reminders, spona_store::now());
    let before = app.mail_count();
    let sent = remind().await.expect("remind");
    assert!(sent >= 1, "a reminder was written");
    assert_eq!(app.mail_count(), before + sent);
    let to_astra = all_mail(&app)
        .into_iter()
        .find(|m| m.contains(&format!("To: {ASTRA_ADMIN}")))
        .expect("a reminder to ASTRA's admin");
    assert!(to_astra.contains("Old budget template"), "{to_astra}");
    assert!(to_astra.contains(&format!("/resources/{id}")), "{to_astra}");
    assert!(to_astra.contains("/sr-Latn/resources/review"), "{to_astra}");
    assert!(
        to_astra.contains("has passed its review date")
            || to_astra.contains("have passed their review date"),
        "{to_astra}"
    );
    assert!(
        to_astra.contains("prošao je rok za pregled"),
        "in Serbian too: {to_astra}"
    );
    assert!(
        to_astra.contains("Subject: Resources of ASTRA"),
        "{to_astra}"
    );
    assert!(
        !all_mail(&app)
            .iter()
            .any(|m| m.contains(&format!("To: {ASTRA_MEMBER}"))),
        "members who are not admins are not mailed"
    );
    assert_eq!(remind().await.expect("remind"), 0, "once per review date");
    // A new date that passes in turn brings a new reminder.
    let details = |due: &'static str| {
        let editor = &editor;
        let id = id.clone();
        async move {
            editor
                .post(
                    &format!("/en/resources/{id}/details"),
                    &[
                        ("kind", "grant-budget"),
                        ("visibility", "public"),
                        ("review_due", due),
                    ],
                )
                .await
        }
    };
    assert_eq!(details("2021-06-30").await.status, 303);
    assert_eq!(remind().await.expect("remind"), 1);
    assert!(app.last_mail().contains("Old budget template"));

    // Setting a new review date takes it off the list.
    let r = details("2099-12-31").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        !editor
            .get("/en/resources/review")
            .await
            .body
            .contains("Old budget template")
    );
}

#[tokio::test]
async fn markdown_is_rendered_without_scripts() {
    let app = TestApp::start().await;
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    let body = "# Steps\n\n<script>alert('x')</script>\n\n[click](javascript:alert(1)) and **bold** and ![pixel](https://tracker.example/p.png)\n\n* unclosed [link( `tick";
    let id = create(&editor, &[("title", "Markdown test"), ("body", body)]).await;
    let page = app
        .client_in_process()
        .get(&format!("/en/resources/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Steps</h1>"));
    assert!(page.body.contains("<strong>bold</strong>"));
    assert!(page.body.contains("&lt;script&gt;"));
    assert!(!page.body.contains("<script>"));
    assert!(!page.body.contains("javascript:"));
    assert!(!page.body.contains("tracker.example"));
    // The preview renders the same way and saves nothing.
    let r = editor
        .post(
            "/en/resources/new",
            &[
                ("owner", "astra"),
                ("kind", "case-study"),
                ("visibility", "public"),
                ("review_due", "2099-01-01"),
                ("written", "en"),
                ("title", "Previewed only"),
                ("body", "**bold** <script>x</script>"),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<strong>bold</strong>"));
    assert!(!r.body.contains("<script>x"));
    let v = search(&app.client_in_process(), "en", &q("Previewed")).await;
    assert_eq!(v["total"], 0);
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer() {
    let app = TestApp::start().await;
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = editor
        .post(
            "/en/resources/new",
            &[
                ("owner", "astra"),
                ("kind", "novel"),
                ("themes", "astrology"),
                ("visibility", "public"),
                ("review_due", "2099-02-30"),
                ("written", "de"),
                ("title", "x"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    for message in [
        "Choose values from the list only",
        "Enter a date as YYYY-MM-DD",
        "Enter a title of 3 to 200 characters",
    ] {
        assert!(r.body.contains(message), "{message}: {}", r.body);
    }
    let r = editor
        .post(
            "/en/resources/new",
            &[
                ("owner", "zmina"),
                ("kind", "case-study"),
                ("visibility", "public"),
                ("review_due", "2099-01-01"),
                ("written", "en"),
                ("title", "Not my organisation"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let anon = app.client_in_process();
    let long = "a".repeat(10_000);
    let r = anon.get(&format!("/en/resources?q={long}")).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("The search is too long"));
    let r = anon.get(&format!("/en/api/v1/resources?q={long}")).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "query_too_long");
    for stray in [
        "AND OR NOT",
        "\"unclosed",
        "( ) [ ] { } : * ~ ^ + - !",
        "title:x",
        "\\",
        "🙂",
        "'; DROP TABLE resources; --",
    ] {
        let r = anon
            .get(&format!("/en/api/v1/resources?{}", q(stray)))
            .await;
        assert_eq!(r.status, 200, "{stray}: {}", r.body);
    }
    assert_eq!(
        anon.get("/en/api/v1/resources?kind=novel").await.status,
        400
    );
    assert_eq!(anon.get("/en/api/v1/resources?page=0").await.status, 400);
    // An empty page is not "no page" (Schemathesis found it with several `lang` values).
    for empty in [
        "/en/api/v1/resources?page=",
        "/en/api/v1/resources?lang=sr&lang=en&lang=uk&page=",
        "/en/resources?lang=sr&page=",
    ] {
        assert_eq!(anon.get(empty).await.status, 400, "{empty}");
    }
    assert_eq!(anon.get("/en/resources/not-a-uuid").await.status, 404);
}

#[tokio::test]
async fn the_feed_lists_new_public_resources() {
    let app = TestApp::start().await;
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    create(
        &editor,
        &[
            ("title", "Tom & Jerry <b>guide</b>"),
            ("summary", "Cats & mice"),
            ("body", "x"),
        ],
    )
    .await;
    let r = app
        .client_in_process()
        .get("/sr-Cyrl/resources/feed.atom")
        .await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("application/atom+xml")
    );
    assert!(r.body.starts_with("<?xml"));
    assert!(
        r.body.contains("Tom &#38; Jerry &#60;b&#62;guide"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("<b>"));
    assert!(r.body.contains("Public referral guide"));
    assert!(!r.body.contains("Members-only hotline protocol"));
    assert!(!r.body.contains("BRIDGE safe house rules"));
}

#[tokio::test]
async fn an_index_that_missed_updates_catches_up_on_the_next_start() {
    let mut app = TestApp::start().await;
    // The server has started (and indexed what it found then) once it answers.
    assert_eq!(
        search(&app.client(), "en", &q("Zanzibarite")).await["total"],
        0
    );
    // Written to the database only, as if the server died before indexing it.
    let astra = spona_store::orgs::load_all(&app.db)
        .await
        .expect("orgs")
        .into_iter()
        .find(|o| o.slug == "astra")
        .expect("astra")
        .id;
    crate::harness::resource_in_db(
        &app.db,
        &astra,
        ("policy-brief", "en"),
        ("Unindexed Zanzibarite brief", ""),
        "nobody",
    )
    .await;
    assert_eq!(
        search(&app.client(), "en", &q("Zanzibarite")).await["total"],
        0
    );
    app.restart().await;
    assert_eq!(
        search(&app.client(), "en", &q("Zanzibarite")).await["total"],
        1
    );
}

/// Every message in the outbox.
fn all_mail(app: &TestApp) -> Vec<String> {
    std::fs::read_dir(app.dir.path().join("outbox"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}
