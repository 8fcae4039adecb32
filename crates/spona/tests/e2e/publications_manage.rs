//! Publications changed after they are written, on SQLite and PostgreSQL (issue 22 item 4):
//! the kind, publisher and link changed by the author (refused, naming the field and saving
//! nothing, when the language versions do not suit the new kind, when a photo essay still
//! has photos, or for a publisher the author may not publish for); a photo essay's photos
//! reordered and removed (a file nothing else shows leaves the media store; one shown by
//! another essay stays); a publication deleted by its publishing organisation's admin once
//! they can see it (with its photos' files), refused to another organisation's admin; a
//! network's own date removed by its coordinator only; the header links the stories.

use serde_json::Value;

use crate::harness::*;
use crate::publications::{article, local_in, schedule, write};

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

/// A small PNG of one colour (different colours: different files in the media store).
fn png(shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(8, 6, |_, _| image::Rgb([shade, 90, 200 - shade]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

async fn upload(c: &Client, id: &str, alt: &str, data: &[u8]) {
    let r = c
        .upload_with(
            &format!("/en/stories/{id}/photos"),
            &[("alt", alt), ("caption", "")],
            "photo",
            "p.png",
            "image/png",
            data,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

async fn api(c: &Client, id: &str) -> Value {
    let r = c.get(&format!("/api/v1/publications/{id}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn alts(j: &Value) -> Vec<String> {
    j["photos"]
        .as_array()
        .expect("photos")
        .iter()
        .map(|p| p["alt"].as_str().expect("alt").to_owned())
        .collect()
}

fn file_of(j: &Value, i: usize) -> String {
    j["photos"][i]["url"]
        .as_str()
        .expect("url")
        .rsplit('/')
        .next()
        .expect("file")
        .to_owned()
}

#[tokio::test]
async fn the_author_changes_the_kind_and_publisher_and_bad_changes_save_nothing() {
    let app = TestApp::start().await;
    let author = app.signed_in_in_process(ATINA_ADMIN).await;
    let id = article(&author, "org:atina", "Shelters in winter").await;
    let edit = format!("/en/stories/{id}/edit");
    let f = author.get(&edit).await;
    assert_eq!(f.status, 200);
    assert!(
        f.body.contains("value=\"org:atina\" selected"),
        "{}",
        f.body
    );

    // Each refused with its field named; nothing saved, no audit entry.
    let cases: [(&str, &str, &str, &str, &str); 4] = [
        (
            "org:atina",
            "podcast",
            "https://example.org/p/1",
            "kind",
            "do not suit this kind",
        ),
        (
            "org:atina",
            "video",
            "javascript:alert(1)",
            "link",
            "starting with http:// or https://",
        ),
        (
            "org:atina",
            "hologram",
            "",
            "kind",
            "Choose a kind from the list",
        ),
        (
            "org:zmina",
            "story",
            "",
            "by",
            "Choose an organisation or network you may publish for",
        ),
    ];
    for (by, kind, link, field, message) in cases {
        let r = author
            .post(&edit, &[("by", by), ("kind", kind), ("link", link)])
            .await;
        assert_eq!(r.status, 422, "{by} {kind}: {}", r.body);
        assert!(r.body.contains(message), "{kind}: {message}");
        assert!(
            r.body.contains(&format!("id=\"{field}-error\"")),
            "{kind}: {field}"
        );
    }
    let j = api(&author, &id).await;
    assert_eq!(
        (j["kind"].as_str(), j["by"].as_str()),
        (Some("article"), Some("atina"))
    );
    assert_eq!(app.audit_count("publication.changed").await, 0);

    // A story of the BRIDGE network (Atina coordinates it).
    let r = author
        .post(
            &edit,
            &[("by", "network:bridge"), ("kind", "story"), ("link", "")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let j = api(&author, &id).await;
    assert_eq!(j["kind"], "story");
    assert_eq!(
        (j["by_kind"].as_str(), j["by"].as_str()),
        (Some("network"), Some("bridge"))
    );
    assert_eq!(app.audit_count("publication.changed").await, 1);
    // Only the author: another member of the publisher gets 404 for a draft.
    let other = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(other.get(&edit).await.status, 404);
    assert_eq!(
        other
            .post(
                &edit,
                &[("by", "org:astra"), ("kind", "article"), ("link", "")]
            )
            .await
            .status,
        404
    );
    // The header links the stories from every page.
    let home = app.client_in_process().get("/en/").await.body;
    assert!(home.contains("href=\"/en/stories\""), "{home}");
}

#[tokio::test]
async fn photos_are_reordered_and_removed_and_a_deleted_essay_takes_its_files() {
    let app = TestApp::start().await;
    let author = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = write(&author, "org:astra", "photo-essay", "Rivers", "", "", "").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    for (alt, shade) in [
        ("First river.", 10),
        ("Second river.", 60),
        ("Third river.", 110),
    ] {
        upload(&author, &id, alt, &png(shade)).await;
    }
    // The second essay shows the first photo too (the same file).
    let r = write(
        &author,
        "org:astra",
        "photo-essay",
        "Same river",
        "",
        "",
        "",
    )
    .await;
    let twin = r.location().rsplit('/').next().expect("id").to_owned();
    upload(&author, &twin, "The same first river.", &png(10)).await;
    let media = app.state().config.media_dir.clone();
    let j = api(&author, &id).await;
    let files: Vec<String> = (0..3).map(|i| file_of(&j, i)).collect();
    assert!(files.iter().all(|f| media.join(f).exists()));

    // The third earlier, then the first later; moving the first earlier changes nothing.
    let base = format!("/en/stories/{id}/photos");
    let position = |j: &Value, alt: &str| {
        j["photos"]
            .as_array()
            .expect("photos")
            .iter()
            .position(|p| p["alt"] == alt)
            .expect("photo")
    };
    let third = 3; // positions are 1, 2, 3 in upload order
    let r = author.post(&format!("{base}/{third}/up"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), base);
    let j = api(&author, &id).await;
    assert_eq!(alts(&j), ["First river.", "Third river.", "Second river."]);
    let page = author.get(&base).await.body;
    assert!(page.contains("Move later"), "{page}");
    let first = 1;
    assert_eq!(
        author.post(&format!("{base}/{first}/up"), &[]).await.status,
        303
    );
    assert_eq!(
        alts(&api(&author, &id).await),
        ["First river.", "Third river.", "Second river."]
    );
    assert_eq!(
        author
            .post(&format!("{base}/{first}/down"), &[])
            .await
            .status,
        303
    );
    let j = api(&author, &id).await;
    assert_eq!(alts(&j), ["Third river.", "First river.", "Second river."]);
    assert_eq!(position(&j, "First river."), 1);
    assert_eq!(author.post(&format!("{base}/99/up"), &[]).await.status, 404);

    // Removing the second river's photo takes its file; the first's file stays while the
    // twin essay shows it.
    // Positions swap with the photos: the second river's photo is at 3.
    let second = 3;
    assert_eq!(
        author
            .post(&format!("{base}/{second}/remove"), &[])
            .await
            .status,
        303
    );
    assert!(
        !media.join(&files[1]).exists(),
        "a file nothing shows is removed"
    );
    let j = api(&author, &id).await;
    assert_eq!(alts(&j), ["Third river.", "First river."]);
    assert_eq!(app.audit_count("publication.photo_removed").await, 1);
    // A photo essay with photos keeps its kind.
    let r = author
        .post(
            &format!("/en/stories/{id}/edit"),
            &[("by", "org:astra"), ("kind", "article"), ("link", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Remove its photos first"), "{}", r.body);

    // Published, so that ASTRA's admin sees it; ZMINA's admin sees it too but may not
    // delete it; ASTRA's admin deletes it with its photos.
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let delete = format!("/en/stories/{id}/delete");
    assert_eq!(
        admin.get(&delete).await.status,
        404,
        "a draft is its author's"
    );
    assert_eq!(admin.post(&delete, &[]).await.status, 404);
    let at = local_in("Europe/Belgrade", 2);
    assert_eq!(
        schedule(&author, &id, &at, "Europe/Belgrade").await.status,
        303
    );
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(zmina.get(&delete).await.status, 403);
    assert_eq!(zmina.post(&delete, &[]).await.status, 403);
    assert!(
        admin
            .get(&format!("/en/stories/{id}"))
            .await
            .body
            .contains(&delete)
    );
    let confirm = admin.get(&delete).await;
    assert_eq!(confirm.status, 200);
    assert!(
        confirm.body.contains("Its 2 photos are deleted too"),
        "{}",
        confirm.body
    );
    let r = admin.post(&delete, &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/en/stories");
    assert_eq!(admin.get(&format!("/en/stories/{id}")).await.status, 404);
    assert!(
        !media.join(&files[2]).exists(),
        "the third river's file is removed"
    );
    assert!(
        media.join(&files[0]).exists(),
        "the twin still shows the first river"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_photos").await,
        1,
        "only the twin's photo is left"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_variants").await,
        1
    );
    assert_eq!(app.audit_count("publication.deleted").await, 1);
    // The author deletes the twin (a draft); its file goes now.
    assert_eq!(
        author
            .post(&format!("/en/stories/{twin}/delete"), &[])
            .await
            .status,
        303
    );
    assert!(!media.join(&files[0]).exists());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM publications").await, 0);
}

#[tokio::test]
async fn a_network_date_is_removed_by_its_coordinator_only() {
    let app = TestApp::start().await;
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = coordinator
        .post(
            "/en/stories/calendar",
            &[
                ("network", "bridge"),
                ("month", "6"),
                ("day", "20"),
                ("title", "World Refugee Day"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id: String = match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT id FROM publication_dates")
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT id FROM publication_dates")
                .fetch_one(p)
                .await
        }
    }
    .expect("date");
    let remove = format!("/en/stories/calendar/dates/{id}/remove");
    // The coordinator's calendar offers to remove it; the public one does not.
    assert!(
        coordinator
            .get("/en/stories/calendar")
            .await
            .body
            .contains(&remove)
    );
    let anon = app.client_in_process();
    assert!(
        !anon
            .get("/en/stories/calendar")
            .await
            .body
            .contains(&remove)
    );
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(member.post(&remove, &[]).await.status, 403);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_dates").await,
        1
    );
    let r = coordinator.post(&remove, &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/en/stories/calendar");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_dates").await,
        0
    );
    assert!(
        !anon
            .get("/en/stories/calendar")
            .await
            .body
            .contains("World Refugee Day")
    );
    assert_eq!(app.audit_count("publication.date_removed").await, 1);
    assert_eq!(coordinator.post(&remove, &[]).await.status, 404);
}
