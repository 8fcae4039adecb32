//! The public log's other kinds (issue 24, lane log24), on SQLite and PostgreSQL: a public
//! resource's versions, an event, a published service and monitoring assessments each
//! append an entry in the change's transaction — publication, change and withdrawal —
//! with the version hash the documented text gives (`spona_app::publog::versions`), each
//! entry's inclusion proof verifies against the signed checkpoint, and each public page
//! shows its newest entry and links its proof.

use serde_json::Value;
use sha2::{Digest, Sha256};
use spona_tlog::merkle::verify_inclusion;
use spona_tlog::{Checkpoint, Entry, VerifierKey};

use crate::harness::*;

fn sha(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The log's entries about the object `path` shows, oldest first.
async fn entries(c: &Client, path: &str) -> Vec<Value> {
    let r = c.get(&format!("/api/v1/log/object?path={path}")).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()["items"].as_array().expect("items").clone()
}

fn actions(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["action"].as_str().expect("action").to_owned())
        .collect()
}

/// Signs a checkpoint now and checks every item's inclusion proof against it.
async fn proven(app: &TestApp, c: &Client, items: &[Value]) {
    let key = app.state().publog_key.as_ref().expect("log key");
    spona_app::publog::checkpoint(&app.db, key)
        .await
        .expect("checkpoint");
    let vkey = VerifierKey::parse(&c.get("/log/key").await.body).expect("key");
    let cp = Checkpoint::open(&c.get("/log/checkpoint").await.body, &vkey).expect("signed");
    for item in items {
        let e = Entry {
            seq: item["seq"].as_u64().expect("seq"),
            time: item["time"].as_str().expect("time").into(),
            kind: item["kind"].as_str().expect("kind").into(),
            object: item["object"].as_str().expect("object").into(),
            action: item["action"].as_str().expect("action").into(),
            version: item["version"].as_str().expect("version").into(),
        };
        let p = c.get(&format!("/api/v1/log/entries/{}", e.seq)).await;
        assert_eq!(p.status, 200, "{}", p.body);
        let proof: Vec<[u8; 32]> = p.json()["proof"]
            .as_array()
            .expect("proof")
            .iter()
            .map(|h| {
                let mut out = [0u8; 32];
                hex::decode_to_slice(h.as_str().expect("hex"), &mut out).expect("hex");
                out
            })
            .collect();
        verify_inclusion(e.seq, cp.size, &e.leaf_hash(), &proof, &cp.root)
            .expect("included in the signed tree");
    }
}

/// The page at `path` shows the log line of `item` and links its proof.
async fn page_links(c: &Client, path: &str, item: &Value) {
    let page = c.get(path).await;
    assert_eq!(page.status, 200, "{path}");
    assert!(
        page.body.contains("Public log: entry"),
        "{path}: no log line"
    );
    let seq = item["seq"].as_i64().expect("seq");
    assert!(
        page.body
            .contains(&format!("href=\"/api/v1/log/entries/{seq}\"")),
        "{path}: no link to the proof of entry {seq}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resource_versions_are_logged_changed_and_withdrawn() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    let editor = app.signed_in_in_process(ASTRA_ADMIN).await;
    let body = "Answer within three rings.";
    let id =
        crate::resources::create(&editor, &[("title", "Hotline protocol"), ("body", body)]).await;
    let path = format!("/resources/{id}");
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published:en:1"]);
    assert_eq!(
        items[0]["version"],
        sha(&format!("en\n1\nHotline protocol\n\n{body}"))
    );
    page_links(&anon, &format!("/en{path}"), &items[0]).await;

    let r = crate::resources::save(
        &editor,
        &id,
        &[
            ("written", "en"),
            ("title", "Hotline protocol"),
            ("body", "Answer within two rings."),
            ("base_version", "1"),
            ("note", "Faster"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published:en:1", "changed:en:2"]);
    assert_eq!(
        items[1]["version"],
        sha("en\n2\nHotline protocol\n\nAnswer within two rings.")
    );
    page_links(&anon, &format!("/en{path}"), &items[1]).await;
    proven(&app, &anon, &items).await;

    // Members only from now on: the public version is withdrawn.
    let r = editor
        .post(
            &format!("/en/resources/{id}/details"),
            &[
                ("kind", "crisis-guideline"),
                ("visibility", "members"),
                ("review_due", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(
        actions(&items),
        ["published:en:1", "changed:en:2", "withdrawn"]
    );
    assert_eq!(
        items[2]["version"], items[1]["version"],
        "what was withdrawn"
    );
    // A non-public resource's edits are not logged.
    let r = crate::resources::save(
        &editor,
        &id,
        &[
            ("written", "en"),
            ("title", "Hotline protocol"),
            ("body", "Members only."),
            ("base_version", "2"),
            ("note", "Internal"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(entries(&anon, &path).await.len(), 3);
    proven(&app, &anon, &entries(&anon, &path).await).await;
}

fn event_form<'a>(org: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organisers", org),
        ("kind", "webinar"),
        ("title", title),
        ("attendance", "online"),
        ("join_url", "https://meet.example.org/shelters"),
        ("zone", "Europe/Belgrade"),
        ("starts", "2030-03-22T10:00"),
        ("ends", "2030-03-22T11:30"),
        ("languages", "sr"),
    ]
}

fn event_version(title: &str) -> String {
    sha(&format!(
        "webinar\n{title}\n\n\n\nEurope/Belgrade\n2030-03-22T10:00\n2030-03-22T11:30\n\n"
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_logged_changed_and_withdrawn() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let org = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string();
    let r = admin
        .post("/en/events/new", &event_form(&org, "Safe shelters"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let path = r.location().trim_start_matches("/en").to_owned();
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published"]);
    assert_eq!(items[0]["version"], event_version("Safe shelters"));
    page_links(&anon, &format!("/en{path}"), &items[0]).await;

    let r = admin
        .post(
            &format!("/en{path}/edit"),
            &event_form(&org, "Safe shelters across borders"),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published", "changed"]);
    assert_eq!(
        items[1]["version"],
        event_version("Safe shelters across borders")
    );
    let r = admin.post(&format!("/en{path}/cancel"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published", "changed", "withdrawn"]);
    assert_eq!(items[2]["version"], items[1]["version"]);
    page_links(&anon, &format!("/en{path}"), &items[2]).await;
    proven(&app, &anon, &items).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_services_are_logged_changed_and_withdrawn() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let mut form = vec![
        ("org", "astra"),
        ("kind", "shelter"),
        ("text_lang", "en"),
        ("text_name", "Safe House"),
        ("text_description", "Safe accommodation."),
        ("text_eligibility", ""),
        ("email", "shelter@astra.example.org"),
        ("action", "draft"),
    ];
    let r = admin.post("/en/services/new", &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let path = r.location().trim_start_matches("/en").to_owned();
    assert!(
        entries(&anon, &path).await.is_empty(),
        "a draft is not public"
    );
    let r = admin
        .post(&format!("/en{path}/status"), &[("status", "published")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published"]);
    let expected = |name: &str| {
        sha(&format!(
            "shelter\nen\n{name}\nSafe accommodation.\n\nshelter@astra.example.org\n\n\n\n"
        ))
    };
    assert_eq!(items[0]["version"], expected("Safe House"));
    page_links(&anon, &format!("/en{path}"), &items[0]).await;

    form.retain(|(k, _)| *k != "text_name" && *k != "org");
    form.push(("text_name", "Safe House Novi Sad"));
    let r = admin.post(&format!("/en{path}/edit"), &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published", "changed"]);
    assert_eq!(items[1]["version"], expected("Safe House Novi Sad"));
    let r = admin
        .post(&format!("/en{path}/status"), &[("status", "closed")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published", "changed", "withdrawn"]);
    assert_eq!(items[2]["version"], items[1]["version"]);
    proven(&app, &anon, &items).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assessments_are_logged_with_their_signed_text() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    let rec = crate::monitoring_impl::insert(
        &app,
        &crate::monitoring_impl::upr("2", "131.9", "human-rights-mechanisms"),
    )
    .await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string();
    let admin = app.signed_in_in_process(ADMIN).await;
    let r = admin
        .post("/en/monitoring/participants", &[("org", "astra")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = format!("/monitoring/recommendations/{rec}/assessments");
    let jelena = app.signed_in_in_process(ASTRA_ADMIN).await;
    for (who, status, comment) in [
        (&jelena, "partially", "The Council rarely meets."),
        (&jelena, "regressed", "The Council stopped meeting."),
    ] {
        let r = who
            .post(
                &format!("/en{page}"),
                &[
                    ("side", astra.as_str()),
                    ("status", status),
                    ("assessed_on", "2024-12-01"),
                    ("comment", comment),
                    ("comment_lang", "en"),
                    ("evidence", "https://example.org/shadow Shadow report"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let items = entries(&anon, &page).await;
    let side = format!("assessed:{astra}");
    assert_eq!(actions(&items), [side.as_str(), side.as_str()]);
    // Each version is the SHA-256 of the text the assessment's signature covers.
    let sheet = spona_app::monitoring::implementation::assessments::sheet(&app.db, &rec)
        .await
        .expect("sheet");
    let mut signed: Vec<_> = sheet.history.iter().collect();
    // Oldest first: the superseded one, then the current.
    signed.sort_by_key(|a| (a.superseded_at.is_none(), a.created_at));
    for (item, a) in items.iter().zip(&signed) {
        assert!(sheet.verifies(a));
        assert_eq!(item["version"], sha(&sheet.signed_text(a)));
    }
    page_links(&anon, &format!("/en{page}"), &items[1]).await;
    proven(&app, &anon, &items).await;
}

/// Rows loaded without the use cases (older data, the demo) get their entries at start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_covers_every_kind() {
    let app = TestApp::start().await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id;
    let draft = spona_domain::service::ServiceDraft {
        kind: "shelter".into(),
        texts: vec![spona_domain::service::ServiceText {
            lang: "en".into(),
            name: "Seeded shelter".into(),
            description: "Seeded.".into(),
            eligibility: String::new(),
        }],
        ..Default::default()
    };
    let id = spona_app::services::seed(
        &app.db,
        &astra,
        &draft,
        spona_domain::service::ServiceStatus::Published,
        None,
    )
    .await
    .expect("seed");
    let path = format!("/services/{id}");
    let anon = app.client_in_process();
    assert!(entries(&anon, &path).await.is_empty());
    let added = spona_app::publog::backfill(&app.db)
        .await
        .expect("backfill");
    assert!(added >= 1);
    let items = entries(&anon, &path).await;
    assert_eq!(actions(&items), ["published"]);
    let s = spona_store::services::get(&app.db, id.as_str())
        .await
        .expect("db")
        .expect("service");
    assert_eq!(
        items[0]["version"],
        spona_app::publog::versions::service(&s)
    );
    assert_eq!(
        spona_app::publog::backfill(&app.db).await.expect("again"),
        0
    );
}
