//! Publications and stories end to end (issue 22 item 4), on SQLite and PostgreSQL: a draft
//! is its author's alone; a scheduled publication is hidden from the public (pages, API,
//! feeds) until its instant — scheduled a few seconds ahead, as the harness has no clock
//! control — and shown everywhere after it, in the reader's language where written; the
//! Atom feeds are read by Python `feedparser` and the JSON Feeds validated against JSON Feed
//! 1.1's schema (`tests/feeds/jsonfeed-1.1.schema.json`) with `check-jsonschema`; a network's
//! feeds hold the network's own and its members' publications only.

use std::time::Duration;

use serde_json::Value;

use crate::harness::*;

/// Writes a publication through the form; the reply.
pub async fn write(
    c: &Client,
    by: &str,
    kind: &str,
    title: &str,
    link: &str,
    body: &str,
    transcript: &str,
) -> Reply {
    c.post(
        "/en/stories/new",
        &[
            ("by", by),
            ("kind", kind),
            ("lang", "en"),
            ("title", title),
            ("summary", "A short summary."),
            ("link", link),
            ("body", body),
            ("transcript", transcript),
        ],
    )
    .await
}

/// Writes an article and returns its id.
pub async fn article(c: &Client, by: &str, title: &str) -> String {
    let r = write(
        c,
        by,
        "article",
        title,
        "",
        "First paragraph.\n\nSecond.",
        "",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

/// Local time in `zone` `secs` from now, with seconds (`YYYY-MM-DDTHH:MM:SS`).
pub fn local_in(zone: &str, secs: i64) -> String {
    let tz = spona_domain::event::parse_zone(zone).expect("zone");
    spona_domain::event::local_in(tz, spona_store::now() + secs)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

pub async fn schedule(c: &Client, id: &str, at: &str, zone: &str) -> Reply {
    c.post(
        &format!("/en/stories/{id}/schedule"),
        &[("at", at), ("zone", zone)],
    )
    .await
}

/// Parses an Atom feed with feedparser (fails on a malformed feed).
pub fn atom(body: &str) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("feed.atom");
    std::fs::write(&file, body).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/feeds/check_feeds.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3 with feedparser");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Validates a JSON Feed against JSON Feed 1.1's schema with check-jsonschema.
pub fn json_feed(body: &str) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("feed.json");
    std::fs::write(&file, body).expect("write");
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/feeds/jsonfeed-1.1.schema.json"
    );
    let out = std::process::Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(schema)
        .arg(&file)
        .output()
        .expect("check-jsonschema");
    assert!(
        out.status.success(),
        "{}\n{}\n{body}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(body).expect("json")
}

fn ids(feed: &Value, list: &str, key: &str) -> Vec<String> {
    feed[list]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_publication_is_hidden_until_its_instant_then_everywhere_in_its_languages() {
    let app = TestApp::start().await;
    let author = app.signed_in_in_process(ASTRA_MEMBER).await;
    let colleague = app.signed_in_in_process(ASTRA_ADMIN).await;
    let stranger = app.signed_in_in_process(ZMINA_ADMIN).await;
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let anon = app.client_in_process();

    let id = article(&author, "org:astra", "Shelters after the floods").await;
    let page = format!("/en/stories/{id}");
    // A draft: its author's alone.
    assert_eq!(author.get(&page).await.status, 200);
    for c in [&anon, &colleague, &stranger] {
        assert_eq!(c.get(&page).await.status, 404);
    }
    assert!(
        !anon
            .get("/en/stories")
            .await
            .body
            .contains("Shelters after")
    );
    assert!(
        author
            .get("/en/stories")
            .await
            .body
            .contains("Shelters after")
    );
    // A Serbian version.
    let r = author
        .post(
            &format!("/en/stories/{id}/variant"),
            &[
                ("lang", "sr"),
                ("title", "Склоништа после поплава"),
                ("summary", ""),
                ("body", "Први пасус."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // The network's own publication, by its coordinator.
    let net = article(
        &coordinator,
        "network:bridge",
        "BRIDGE: a year of safe houses",
    )
    .await;

    // Scheduled a few seconds ahead, in two zones.
    let r = schedule(
        &author,
        &id,
        &local_in("Europe/Belgrade", 4),
        "Europe/Belgrade",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = schedule(
        &coordinator,
        &net,
        &local_in("Europe/Kyiv", 4),
        "Europe/Kyiv",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Not yet shown: pages, API and feeds; the organisation's members see it to plan.
    assert_eq!(anon.get(&page).await.status, 404);
    assert_eq!(stranger.get(&page).await.status, 404);
    assert_eq!(colleague.get(&page).await.status, 200);
    assert_eq!(
        anon.get(&format!("/api/v1/publications/{id}")).await.status,
        404
    );
    assert!(!anon.get("/api/v1/publications").await.body.contains(&id));
    assert!(!anon.get("/en/stories/feed.atom").await.body.contains(&id));
    assert!(!anon.get("/en/stories/feed.json").await.body.contains(&id));

    // After the instant: everywhere.
    let mut shown = false;
    for _ in 0..40 {
        if anon.get(&page).await.status == 200
            && anon.get(&format!("/en/stories/{net}")).await.status == 200
        {
            shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(shown, "shown once its instant has passed");
    assert!(
        anon.get(&page)
            .await
            .body
            .contains("Shelters after the floods")
    );
    let sr = anon.get(&format!("{page}?lang=sr")).await.body;
    assert!(sr.contains("Склоништа после поплава"), "{sr}");
    assert!(
        anon.get("/en/stories")
            .await
            .body
            .contains("Shelters after")
    );
    let api = anon.get(&format!("/api/v1/publications/{id}")).await.json();
    assert_eq!(api["status"], "published");
    assert_eq!(api["zone"], "Europe/Belgrade");
    assert_eq!(api["variants"].as_array().expect("variants").len(), 2);

    // Atom, read by feedparser: both entries, each with its language.
    let feed = atom(&anon.get("/en/stories/feed.atom").await.body);
    assert_eq!(feed["version"], "atom10");
    let entries = ids(&feed, "entries", "id");
    assert!(entries.contains(&format!("urn:uuid:{id}")), "{feed}");
    assert!(entries.contains(&format!("urn:uuid:{net}")), "{feed}");
    let entry = feed["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["id"] == format!("urn:uuid:{id}"))
        .expect("entry")
        .clone();
    assert_eq!(entry["language"], "en");
    assert_eq!(entry["title"], "Shelters after the floods");
    // The Serbian reader's feed carries the Serbian text, marked as Serbian.
    let sr_feed = atom(&anon.get("/sr-Cyrl/stories/feed.atom").await.body);
    let sr_entry = sr_feed["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["id"] == format!("urn:uuid:{id}"))
        .expect("entry")
        .clone();
    assert_eq!(sr_entry["language"], "sr");
    assert_eq!(sr_entry["title"], "Склоништа после поплава");

    // JSON Feed 1.1, valid against its schema.
    let json = json_feed(&anon.get("/en/stories/feed.json").await.body);
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let item = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == format!("urn:uuid:{id}"))
        .expect("item")
        .clone();
    assert_eq!(item["language"], "en");
    let uk = json_feed(&anon.get("/uk/stories/feed.json").await.body);
    assert_eq!(uk["language"], "uk");

    // The network's feeds: its own publication, not ASTRA's (not a member of BRIDGE).
    let bridge = atom(&anon.get("/en/stories/network/bridge/feed.atom").await.body);
    let bridge_ids = ids(&bridge, "entries", "id");
    assert_eq!(bridge_ids, [format!("urn:uuid:{net}")]);
    let bridge_json = json_feed(&anon.get("/en/stories/network/bridge/feed.json").await.body);
    assert_eq!(
        ids(&bridge_json, "items", "id"),
        [format!("urn:uuid:{net}")]
    );
    assert_eq!(
        anon.get("/en/stories/network/no-such-network/feed.atom")
            .await
            .status,
        404
    );
    let listed = anon.get("/api/v1/publications?network=bridge").await.json();
    assert_eq!(listed["items"].as_array().expect("items").len(), 1);

    // Taken back to a draft: gone from the public again.
    let r = author
        .post(&format!("/en/stories/{id}/unschedule"), &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(anon.get(&page).await.status, 404);
    assert!(!anon.get("/en/stories/feed.json").await.body.contains(&id));
    assert_eq!(app.audit_count("publication.scheduled").await, 2);
}

/// The authorisation matrix's draft: a photo essay ASTRA's member wrote.
pub async fn fixture(app: &TestApp) -> String {
    let title = "Matrix photo essay";
    let rows: Vec<String> = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(
            "SELECT publication_id FROM publication_variants WHERE title = 'Matrix photo essay'",
        )
        .fetch_all(p)
        .await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(
            "SELECT publication_id FROM publication_variants WHERE title = 'Matrix photo essay'",
        )
        .fetch_all(p)
        .await,
    }
    .expect("db");
    if let Some(id) = rows.into_iter().next() {
        return id;
    }
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = write(&member, "org:astra", "photo-essay", title, "", "Words.", "").await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}
