//! Publications' refusals, photos and calendar, on SQLite and PostgreSQL: an unknown kind, a
//! podcast or video link that is not http(s), a podcast without its transcript, a time in the
//! past, in the spring gap or the autumn overlap, an unknown zone, a photo without its
//! alternative text — each refused naming the field, nothing saved; a photo's EXIF and GPS
//! metadata gone from the published copy (read with `exiftool`); the calendar of
//! significant dates with the publications near each, and a network's own date.

use crate::harness::*;
use crate::publications::{article, schedule, write};

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

fn media_files(app: &TestApp) -> usize {
    std::fs::read_dir(&app.state().config.media_dir)
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_saved() {
    let app = TestApp::start().await;
    let c = app.signed_in_in_process(ASTRA_MEMBER).await;
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        ("hologram", "", "Body.", "", "Choose a kind from the list"),
        (
            "podcast",
            "javascript:alert(1)",
            "",
            "Words.",
            "starting with http:// or https://",
        ),
        (
            "video",
            "ftp://example.org/v.mp4",
            "",
            "Words.",
            "starting with http:// or https://",
        ),
        (
            "podcast",
            "https://example.org/p/1",
            "",
            "",
            "Enter the transcript",
        ),
        (
            "article",
            "https://example.org/a",
            "Body.",
            "",
            "Only podcasts and videos have a link",
        ),
        ("article", "", "", "", "Enter the text"),
    ];
    for (kind, link, body, transcript, message) in cases {
        let r = write(&c, "org:astra", kind, "Refused", link, body, transcript).await;
        assert_eq!(r.status, 422, "{kind} {link}: {}", r.body);
        assert!(r.body.contains(message), "{kind} {link}: {message}");
        assert!(r.body.contains("aria-invalid=\"true\""));
    }
    // Publishing for an organisation one does not belong to.
    let r = write(&c, "org:zmina", "article", "Refused", "", "Body.", "").await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Choose an organisation or network you may publish for")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM publications").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_variants").await,
        0
    );
    assert_eq!(app.audit_count("publication.created").await, 0);

    // Times: each refused, the draft stays a draft.
    let id = article(&c, "org:astra", "To be scheduled").await;
    let times = [
        ("2020-03-08T09:00", "Europe/Belgrade", "already passed"),
        (
            "2030-03-31T02:30",
            "Europe/Belgrade",
            "does not exist in the chosen zone",
        ),
        (
            "2030-10-27T03:30",
            "Europe/Kyiv",
            "happens twice in the chosen zone",
        ),
        (
            "2030-03-08T09:00",
            "Mars/Olympus_Mons",
            "Choose a time zone from the list",
        ),
        ("next Tuesday", "Europe/Belgrade", "Enter the date and time"),
    ];
    for (at, zone, message) in times {
        let r = schedule(&c, &id, at, zone).await;
        assert_eq!(r.status, 422, "{at} {zone}: {}", r.body);
        assert!(r.body.contains(message), "{at} {zone}: {message}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM publications WHERE publish_at IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(app.audit_count("publication.scheduled").await, 0);
    // A time that exists once: accepted, stored as written with its instant.
    let r = schedule(&c, &id, "2030-03-31T03:30", "Europe/Belgrade").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let api = c.get(&format!("/api/v1/publications/{id}")).await.json();
    assert_eq!(api["publish_local"], "2030-03-31T03:30");
    assert_eq!(api["publish_at"], "2030-03-31T01:30:00Z");

    // Photos: only for photo essays; the alternative text is required.
    let png = include_bytes!("../../../spona-web/testdata/pixel.png");
    let r = c
        .upload_with(
            &format!("/en/stories/{id}/photos"),
            &[("alt", "A pixel")],
            "photo",
            "p.png",
            "image/png",
            png,
        )
        .await;
    assert_eq!(r.status, 400, "an article has no photos");
    let r = write(&c, "org:astra", "photo-essay", "Rivers", "", "", "").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let essay = r.location().rsplit('/').next().expect("id").to_owned();
    let before = media_files(&app);
    for alt in ["", "   "] {
        let r = c
            .upload_with(
                &format!("/en/stories/{essay}/photos"),
                &[("alt", alt), ("caption", "")],
                "photo",
                "p.png",
                "image/png",
                png,
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(
            r.body
                .contains("Describe the photo for people who cannot see it")
        );
    }
    let r = c
        .upload_with(
            &format!("/en/stories/{essay}/photos"),
            &[("alt", "Not an image")],
            "photo",
            "p.png",
            "image/png",
            b"%PDF-1.4",
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Only PNG and JPEG images can be uploaded"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_photos").await,
        0
    );
    assert_eq!(
        media_files(&app),
        before,
        "no file stored for a refused photo"
    );
    // A photo essay is not scheduled without a photo.
    let at = crate::publications::local_in("Europe/Belgrade", 3600);
    let r = schedule(&c, &essay, &at, "Europe/Belgrade").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("needs at least one photo"));
}

/// A 64×48 JPEG drawn here.
fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("jpeg");
    out.into_inner()
}

/// exiftool's tags of a file, as JSON (`-G`: with their groups).
fn exif(path: &std::path::Path) -> serde_json::Value {
    let out = std::process::Command::new("exiftool")
        .args(["-j", "-G", "-a"])
        .arg(path)
        .output()
        .expect("exiftool");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")[0].clone()
}

fn sensitive(tags: &serde_json::Value) -> Vec<String> {
    tags.as_object()
        .expect("tags")
        .keys()
        .filter(|k| {
            k.starts_with("EXIF:")
                || k.contains("GPS")
                || k.contains("Artist")
                || k.contains("Make")
        })
        .cloned()
        .collect()
}

#[tokio::test]
async fn photos_are_published_without_their_metadata() {
    let app = TestApp::start().await;
    let c = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = write(&c, "org:astra", "photo-essay", "Hills at dusk", "", "", "").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();

    let dir = tempfile::tempdir().expect("tmp");
    let original = dir.path().join("camera.jpg");
    std::fs::write(&original, jpeg()).expect("write");
    let tagged = std::process::Command::new("exiftool")
        .args([
            "-overwrite_original",
            "-GPSLatitude=44.8125",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=20.4612",
            "-GPSLongitudeRef=E",
            "-Artist=Jane Witness",
            "-Make=Acme Phones",
            "-SerialNumber=SN-123456",
        ])
        .arg(&original)
        .status()
        .expect("exiftool");
    assert!(tagged.success());
    let before = exif(&original);
    assert!(before.get("EXIF:GPSLatitude").is_some(), "{before}");
    assert!(before.get("EXIF:Artist").is_some(), "{before}");

    let data = std::fs::read(&original).expect("read");
    let r = c
        .upload_with(
            &format!("/en/stories/{id}/photos"),
            &[
                ("alt", "Green hills at dusk."),
                ("caption", "Near the river."),
            ],
            "photo",
            "camera.jpg",
            "image/jpeg",
            &data,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let file: String = match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT file FROM publication_photos")
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT file FROM publication_photos")
                .fetch_one(p)
                .await
        }
    }
    .expect("photo");
    let page = c.get(&format!("/en/stories/{id}")).await.body;
    assert!(
        page.contains(&format!(
            "src=\"/media/{file}\" alt=\"Green hills at dusk.\""
        )),
        "{page}"
    );

    let (status, published, _) = c.bytes(&format!("/media/{file}")).await;
    assert_eq!(status, 200);
    let copy = dir.path().join("published.jpg");
    std::fs::write(&copy, &published).expect("write");
    let after = exif(&copy);
    assert_eq!(sensitive(&after), Vec::<String>::new(), "{after}");
    assert!(!published.windows(12).any(|w| w == b"Jane Witness"));
    assert_eq!(after["File:ImageWidth"], 64);

    // Scheduled now that it has a photo; the feed names the photo as the item's image.
    let at = crate::publications::local_in("Europe/Belgrade", 2);
    assert_eq!(schedule(&c, &id, &at, "Europe/Belgrade").await.status, 303);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let feed = crate::publications::json_feed(
        &app.client_in_process()
            .get("/en/stories/feed.json")
            .await
            .body,
    );
    let image = feed["items"][0]["image"]
        .as_str()
        .expect("image")
        .to_owned();
    assert!(image.ends_with(&format!("/media/{file}")), "{image}");
}

#[tokio::test]
async fn the_calendar_lists_significant_dates_with_the_publications_near_them() {
    let app = TestApp::start().await;
    let author = app.signed_in_in_process(ASTRA_MEMBER).await;
    let anon = app.client_in_process();
    let today = chrono::Utc::now().date_naive();
    let next = spona_domain::publication::next_on(today + chrono::Duration::days(1), 11, 25)
        .expect("date");
    let id = article(&author, "org:astra", "Orange the world").await;
    // Planned the day before 25 November.
    let at = format!("{}T10:00", next - chrono::Duration::days(1));
    assert_eq!(
        schedule(&author, &id, &at, "Europe/Belgrade").await.status,
        303
    );

    let page = author.get("/en/stories/calendar").await;
    assert_eq!(page.status, 200);
    for name in [
        "International Women&#39;s Day",
        "World Day against Trafficking in Persons",
        "Resolution 1325",
        "Elimination of Violence against Women",
    ] {
        assert!(page.body.contains(name), "{name}");
    }
    // The date's entry: from its heading to the next date's.
    let day = page
        .body
        .split("<h2>")
        .find(|li| li.contains("Elimination of Violence against Women"))
        .expect("25 November")
        .to_owned();
    assert!(day.contains("Orange the world"), "{day}");
    // Scheduled, not yet shown: not on the public calendar.
    assert!(
        !anon
            .get("/en/stories/calendar")
            .await
            .body
            .contains("Orange the world")
    );

    // A network's own date, by its coordinator; others may not add one.
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = coordinator
        .post(
            "/en/stories/calendar",
            &[
                ("network", "bridge"),
                ("month", "2"),
                ("day", "30"),
                ("title", "Nope"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("This day does not exist in the chosen month")
    );
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
    let page = anon.get("/en/stories/calendar").await.body;
    assert!(page.contains("World Refugee Day"), "{page}");
    let r = author
        .post(
            "/en/stories/calendar",
            &[
                ("network", "bridge"),
                ("month", "6"),
                ("day", "21"),
                ("title", "Mine"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publication_dates").await,
        1
    );
}
