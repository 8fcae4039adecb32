//! Calls and opportunities end to end: posting through the form, the deadline in the
//! funder's and the reader's zone, bad input refused with nothing saved, the list's filters
//! and "fits my organisation", the JSON API, and both feeds read by real parsers (Python's
//! `icalendar` and `feedparser`, `tests/calls/requirements.txt`).

use serde_json::Value;
use spona_domain::call::{CallDraft, in_zone, zone};
use spona_domain::ids::CallId;

use crate::harness::*;

const DAY: i64 = 86_400;

/// The local date `days` from now in `tz`, at `time`: `YYYY-MM-DDTHH:MM`.
fn local_in(days: i64, tz: &str, time: &str) -> String {
    let z = zone(tz).expect("zone");
    let (day, _, _) = in_zone(spona_store::now() + days * DAY, &z).expect("day");
    format!("{day}T{time}")
}

/// Stores a call directly (for lists and feeds), validated as of `now_shift` seconds from
/// now, so that a call whose deadline passed can exist.
async fn stored(app: &TestApp, org: Option<&str>, draft: CallDraft, now_shift: i64) -> CallId {
    let values = draft
        .validate(spona_store::now() + now_shift)
        .expect("valid call");
    let org_id = match org {
        Some(slug) => Some(
            spona_store::orgs::get_by_slug(&app.db, slug)
                .await
                .expect("org")
                .id,
        ),
        None => None,
    };
    let id = CallId::from(spona_store::new_id());
    let mut tx = app.db.begin().await.expect("tx");
    spona_store::calls::create_in(&mut tx, &id, org_id.as_ref(), None, &values, None)
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

fn draft(title: &str, days: i64) -> CallDraft {
    CallDraft {
        kind: "grant".into(),
        written: "en".into(),
        title: title.into(),
        deadline: local_in(days, "Europe/Belgrade", "17:00"),
        zone: "Europe/Belgrade".into(),
        ..Default::default()
    }
}

/// The call the authorisation matrix acts on: ASTRA's, made once per app.
pub async fn call_fixture(app: &TestApp) -> String {
    let all = spona_store::calls::list(&app.db).await.expect("calls");
    if let Some(c) = all.iter().find(|c| c.title == "Matrix grant") {
        return c.id.to_string();
    }
    stored(app, Some("astra"), draft("Matrix grant", 60), 0)
        .await
        .to_string()
}

async fn count(app: &TestApp) -> usize {
    spona_store::calls::list(&app.db)
        .await
        .expect("calls")
        .len()
}

fn form<'a>(deadline: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("org", "astra"),
        ("kind", "grant"),
        ("funder", ""),
        ("written", "en"),
        ("title", "Small grants against trafficking"),
        ("description", "Up to **25 000 EUR** for shelters."),
        ("deadline", deadline),
        ("zone", "Europe/Belgrade"),
        ("amount", "25 000"),
        ("currency", "EUR"),
        ("link", "https://fund.example.org/call"),
        ("countries", "RS"),
        ("countries", "UA"),
        ("themes", "anti-trafficking"),
    ];
    for (k, v) in extra {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    all
}

fn ids(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["title"].as_str().expect("title").to_owned())
        .collect();
    out.sort();
    out
}

async fn api(c: &Client, query: &str) -> Vec<String> {
    let r = c.get(&format!("/en/api/v1/calls?{query}")).await;
    assert_eq!(r.status, 200, "{query}: {}", r.body);
    ids(&r.json())
}

#[tokio::test]
async fn a_member_posts_a_call_and_readers_see_its_deadline_in_their_zone() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let form_page = member.get("/en/calls/new").await;
    assert_eq!(form_page.status, 200);
    assert!(form_page.body.contains("datetime-local"));
    let deadline = local_in(30, "Europe/Belgrade", "17:00");
    let r = member.post("/en/calls/new", &form(&deadline, &[])).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let path = r.location();
    let id = path.rsplit('/').next().expect("id").to_owned();
    assert_eq!(app.audit_count("call.created").await, 1);

    let anon = app.client_in_process();
    let page = anon.get(&format!("/en/calls/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Small grants against trafficking"));
    let day = &deadline[..10];
    assert!(
        page.body.contains(&format!("{day} 17:00 (Europe/Belgrade")),
        "the funder's own time, zone named: {}",
        page.body
    );
    assert!(page.body.contains("25\u{202f}000 EUR"));
    // A Ukrainian reader sees the same instant in Kyiv too (an hour later).
    let uk = anon.get(&format!("/uk/calls/{id}")).await;
    assert!(
        uk.body.contains(&format!("{day} 18:00 (Europe/Kyiv")),
        "{}",
        uk.body
    );
    // The API gives the instant in UTC and the exact amount.
    let j = anon.get(&format!("/en/api/v1/calls/{id}")).await.json();
    let z = zone("Europe/Belgrade").expect("zone");
    let at = spona_domain::call::local_instant(&deadline, &z)
        .expect("instant")
        .0;
    let (d, t, _) = in_zone(at, &zone("UTC").expect("utc")).expect("utc");
    assert_eq!(j["deadline"], format!("{d}T{t}:00Z"));
    assert_eq!(j["amount"], "25000.00");
    assert_eq!(j["currency"], "EUR");
    assert_eq!(j["org"], "astra");
    assert_eq!(j["accepting"], true);

    // A member may not edit (only the organisation's admins); the admin edits and closes.
    let edit = member.get(&format!("/en/calls/{id}/edit")).await;
    assert_eq!(edit.status, 403);
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let later = local_in(45, "Europe/Kyiv", "12:00");
    let saved = admin
        .post(
            &format!("/en/calls/{id}/edit"),
            &form(
                &later,
                &[("zone", "Europe/Kyiv"), ("title", "Grants, extended")],
            ),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let j = anon.get(&format!("/en/api/v1/calls/{id}")).await.json();
    assert_eq!(j["zone"], "Europe/Kyiv");
    assert_eq!(j["deadline_local"], later);
    let closed = admin
        .post(&format!("/en/calls/{id}/status"), &[("status", "closed")])
        .await;
    assert_eq!(closed.status, 303);
    let j = anon.get(&format!("/en/api/v1/calls/{id}")).await.json();
    assert_eq!(j["status"], "closed");
    assert_eq!(j["accepting"], false);
    assert_eq!(app.audit_count("call.edited").await, 1);
    assert_eq!(app.audit_count("call.status").await, 1);
}

#[tokio::test]
async fn bad_input_is_refused_with_a_clear_message_and_nothing_saved() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let ok = local_in(30, "Europe/Belgrade", "17:00");
    // The last Sunday of March in Belgrade: 02:30 does not exist.
    let year: i32 = ok[..4].parse().expect("year");
    let skipped = (1..=31)
        .rev()
        .map(|d| format!("{}-03-{d:02}T02:30", year + 1))
        .find(|dt| {
            let z = zone("Europe/Belgrade").expect("zone");
            spona_domain::call::local_instant(dt, &z)
                == Err(spona_domain::call::LocalTimeError::Skipped)
        })
        .expect("a spring-forward day");
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            form("2020-01-01T12:00", &[]),
            "The deadline has passed already",
        ),
        (
            form(&ok, &[("zone", "Europe/Atlantis")]),
            "Choose a time zone from the list",
        ),
        (
            form(&ok, &[("amount", "-5000")]),
            "An amount cannot be negative",
        ),
        (
            form(&ok, &[("currency", "XYZ")]),
            "Choose a currency from the list",
        ),
        (
            form(&ok, &[("link", "javascript:alert(1)")]),
            "starting with http:// or https://",
        ),
        (
            form(&ok, &[("link", "ftp://fund.example.org/call")]),
            "starting with http:// or https://",
        ),
        (form(&skipped, &[]), "This time does not exist on that day"),
    ];
    for (fields, message) in cases {
        let r = member.post("/en/calls/new", &fields).await;
        assert_eq!(r.status, 422, "{message}: {}", r.body);
        assert!(r.body.contains(message), "{message}: {}", r.body);
        assert!(r.body.contains("aria-invalid=\"true\""));
    }
    // Posting for an organisation one does not belong to is refused too.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = zmina.post("/en/calls/new", &form(&ok, &[])).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose one of your organisations"));
    assert_eq!(count(&app).await, 0, "nothing saved");
    assert_eq!(app.audit_count("call.created").await, 0);
    // Bad list queries are 400 with their reason.
    let anon = app.client_in_process();
    for q in ["when=soon&days=0", "country=XX", "when=later"] {
        let r = anon.get(&format!("/en/api/v1/calls?{q}")).await;
        assert_eq!(r.status, 400, "{q}");
    }
    // Fitting an organisation that does not exist: there is no such thing to fit (404).
    let r = anon.get("/en/api/v1/calls?fits=no-such-org").await;
    assert_eq!(r.status, 404, "{}", r.body);
}

#[tokio::test]
async fn the_list_filters_by_country_theme_kind_deadline_and_fit() {
    let app = TestApp::start().await;
    stored(
        &app,
        None,
        CallDraft {
            funder: "Balkan Fund".into(),
            countries: vec!["UA".into()],
            themes: vec!["human-rights-monitoring".into()],
            ..draft("Documenting grant for Ukraine", 5)
        },
        0,
    )
    .await;
    stored(
        &app,
        Some("astra"),
        CallDraft {
            kind: "residency".into(),
            countries: vec!["RS".into(), "BA".into()],
            themes: vec!["culture".into()],
            knowhow: vec!["digital-security".into()],
            ..draft("Residency on digital safety", 40)
        },
        0,
    )
    .await;
    stored(
        &app,
        Some("astra"),
        CallDraft {
            themes: vec!["legal-aid".into()],
            ..draft("Legal aid grant anywhere", 20)
        },
        0,
    )
    .await;
    // Its deadline passed three days ago.
    stored(
        &app,
        None,
        CallDraft {
            funder: "Old Fund".into(),
            ..draft("Past grant", -3)
        },
        -10 * DAY,
    )
    .await;
    let c = app.client_in_process();
    assert_eq!(
        api(&c, "").await,
        [
            "Documenting grant for Ukraine",
            "Legal aid grant anywhere",
            "Residency on digital safety"
        ]
    );
    assert_eq!(api(&c, "when=past").await, ["Past grant"]);
    assert_eq!(api(&c, "when=all").await.len(), 4);
    assert_eq!(
        api(&c, "when=soon&days=7").await,
        ["Documenting grant for Ukraine"]
    );
    assert_eq!(
        api(&c, "country=UA").await,
        ["Documenting grant for Ukraine", "Legal aid grant anywhere"],
        "a call for any country is shown under every country"
    );
    assert_eq!(
        api(&c, "theme=culture").await,
        ["Residency on digital safety"]
    );
    assert_eq!(
        api(&c, "kind=residency").await,
        ["Residency on digital safety"]
    );
    // ASTRA (Serbia; anti-trafficking, legal aid; needs digital security): the residency
    // builds what it needs, the legal aid grant shares a theme; the Ukrainian call does not.
    assert_eq!(
        api(&c, "fits=astra").await,
        ["Legal aid grant anywhere", "Residency on digital safety"]
    );
    // ZMINA (Ukraine; human rights monitoring).
    assert_eq!(
        api(&c, "fits=zmina").await,
        ["Documenting grant for Ukraine"]
    );
    // The page lists the same, soonest deadline first, and offers the member's organisation.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let page = member.get("/en/calls?fits=astra").await;
    assert_eq!(page.status, 200);
    let legal = page.body.find("Legal aid grant anywhere").expect("legal");
    let residency = page.body.find("Residency on digital safety").expect("res");
    assert!(legal < residency, "sorted by deadline");
    assert!(!page.body.contains("Documenting grant for Ukraine"));
    assert!(page.body.contains("<option value=\"astra\" selected>"));
    assert!(page.body.contains("2 calls"));
}

fn parse(kind: &str, body: &str) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join(format!("feed.{kind}"));
    std::fs::write(&file, body).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/calls/check_feeds.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(&file)
        .output()
        .expect("python3 (tests/calls/requirements.txt)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[tokio::test]
async fn the_feeds_are_read_by_real_parsers_and_changes_reach_calendars() {
    let app = TestApp::start().await;
    let base = app.state().config.public_url.clone();
    let soon = stored(
        &app,
        Some("astra"),
        CallDraft {
            countries: vec!["RS".into()],
            description: "Commas, semicolons; and\nnew lines".into(),
            ..draft("Grant, with; awkward \\ text", 5)
        },
        0,
    )
    .await;
    let kyiv = stored(
        &app,
        Some("zmina"),
        CallDraft {
            kind: "fellowship".into(),
            countries: vec!["UA".into()],
            deadline: local_in(20, "Europe/Kyiv", "23:30"),
            zone: "Europe/Kyiv".into(),
            ..draft("Fellowship in Kyiv", 20)
        },
        0,
    )
    .await;
    let c = app.client_in_process();
    let r = c.get("/en/calls/deadlines.ics").await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    assert!(r.body.contains("\r\n"), "CRLF line ends");
    let cal = parse("ics", &r.body);
    assert_eq!(cal["method"], "PUBLISH");
    assert_eq!(cal["timezones"], 0, "UTC times need no VTIMEZONE");
    let events = cal["events"].as_array().expect("events");
    assert_eq!(events.len(), 2);
    let call = spona_store::calls::load(&app.db, &kyiv)
        .await
        .expect("db")
        .expect("call");
    let (d, t, _) = in_zone(call.deadline_at, &zone("UTC").expect("utc")).expect("utc");
    let k = events
        .iter()
        .find(|e| e["summary"] == "Deadline: Fellowship in Kyiv")
        .expect("Kyiv event");
    assert_eq!(k["dtstart"], format!("{d}T{t}:00Z"));
    assert_eq!(k["utc_offset"], 0.0);
    assert_eq!(k["status"], "CONFIRMED");
    assert_eq!(k["url"], format!("{base}/en/calls/{kyiv}"));
    let s = events
        .iter()
        .find(|e| e["uid"] == format!("call-{soon}@spona"))
        .expect("soon event");
    assert_eq!(s["summary"], "Deadline: Grant, with; awkward \\ text");
    assert_eq!(s["sequence"], 0);
    // The same filter as the list.
    let only_ua = parse(
        "ics",
        &c.get("/en/calls/deadlines.ics?country=UA").await.body,
    );
    assert_eq!(only_ua["events"].as_array().expect("events").len(), 1);

    // An edit raises SEQUENCE under the same UID; a withdrawn call is cancelled.
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let later = local_in(6, "Europe/Belgrade", "12:00");
    let saved = admin
        .post(
            &format!("/en/calls/{soon}/edit"),
            &form(&later, &[("title", "Grant, moved")]),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let w = zmina
        .post(
            &format!("/en/calls/{kyiv}/status"),
            &[("status", "withdrawn")],
        )
        .await;
    assert_eq!(w.status, 303);
    let cal = parse("ics", &c.get("/en/calls/deadlines.ics").await.body);
    let events = cal["events"].as_array().expect("events");
    let s = events
        .iter()
        .find(|e| e["uid"] == format!("call-{soon}@spona"))
        .expect("same UID");
    assert_eq!(s["sequence"], 1);
    assert_eq!(s["summary"], "Deadline: Grant, moved");
    let k = events
        .iter()
        .find(|e| e["uid"] == format!("call-{kyiv}@spona"))
        .expect("withdrawn call kept");
    assert_eq!(k["status"], "CANCELLED");
    assert_eq!(k["sequence"], 1);

    // Atom: a valid feed with absolute links, in the reader's language.
    let r = c.get("/uk/calls/feed.atom").await;
    assert_eq!(r.status, 200);
    let feed = parse("atom", &r.body);
    assert_eq!(feed["bozo"], false, "{}", r.body);
    assert_eq!(feed["version"], "atom10");
    let entries = feed["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "the withdrawn call is no longer open");
    assert_eq!(entries[0]["title"], "Grant, moved");
    assert_eq!(entries[0]["link"], format!("{base}/uk/calls/{soon}"));
    assert_eq!(entries[0]["id"], format!("urn:uuid:{soon}"));
    assert!(
        entries[0]["summary"]
            .as_str()
            .expect("summary")
            .contains("Дедлайн")
    );
}

#[tokio::test]
async fn the_list_is_paged_and_the_feeds_hold_every_call() {
    let app = TestApp::start().await;
    for i in 0..51_i64 {
        stored(
            &app,
            Some("astra"),
            draft(&format!("Paged call {i:02}"), 1 + i),
            0,
        )
        .await;
    }
    let c = app.client_in_process();
    let first = c.get("/en/calls?kind=grant").await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains("51 calls"));
    assert!(first.body.contains("Paged call 49") && !first.body.contains("Paged call 50"));
    assert!(
        first
            .body
            .contains("rel=\"next\" href=\"/en/calls?kind=grant&#38;page=2\""),
        "{}",
        first.body
    );
    let second = c.get("/en/calls?kind=grant&page=2").await;
    assert!(second.body.contains("Paged call 50") && !second.body.contains("Paged call 49"));
    assert_eq!(c.get("/en/calls?page=0").await.status, 400);
    let feed = parse("atom", &c.get("/en/calls/feed.atom").await.body);
    assert_eq!(feed["entries"].as_array().expect("entries").len(), 51);
}

/// Figures for the report (not run by default): 1,000 calls, then the time and size of the
/// list page, the Atom feed and the deadline calendar, each the median of 5 requests.
/// `cargo test -p spona --test e2e calls::figures -- --ignored --nocapture`
#[tokio::test]
#[ignore]
async fn figures() {
    let app = TestApp::start().await;
    let kinds = [
        "grant",
        "residency",
        "fellowship",
        "exchange",
        "partners",
        "other",
    ];
    for i in 0..1000_i64 {
        stored(
            &app,
            if i % 2 == 0 { Some("astra") } else { None },
            CallDraft {
                kind: kinds[(i % 6) as usize].into(),
                funder: format!("Fund {i}"),
                countries: vec![["RS", "UA", "BA"][(i % 3) as usize].into()],
                themes: vec![["youth", "culture", "legal-aid"][(i % 3) as usize].into()],
                ..draft(&format!("Call number {i}"), 1 + i % 300)
            },
            0,
        )
        .await;
    }
    let c = app.client_in_process();
    for path in [
        "/en/calls",
        "/en/calls?fits=astra",
        "/en/calls/feed.atom",
        "/en/calls/deadlines.ics",
        "/en/api/v1/calls",
    ] {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let r = c.get(path).await;
            times.push(t.elapsed());
            assert_eq!(r.status, 200);
            bytes = r.body.len();
        }
        times.sort();
        println!("figure {path}: median {:?}, {bytes} bytes", times[2]);
    }
}
