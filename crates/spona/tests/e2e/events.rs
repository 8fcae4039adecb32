//! Events end to end: the create form with its refusals (nothing half-saved), registration,
//! the waiting list moving up with a mail, twenty concurrent registrations for five seats,
//! and every calendar file read by Python's `icalendar` and `recurring-ical-events`
//! (`tests/calendar/expand.py`), whose expansion must equal Spona's own occurrences.

use std::io::Write;
use std::process::{Command, Stdio};

use super::harness::{ASTRA_ADMIN, ASTRA_MEMBER, TestApp, ZMINA_ADMIN};

async fn astra_id(app: &TestApp) -> String {
    spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string()
}

async fn event_count(app: &TestApp) -> usize {
    spona_store::events::list(&app.db, &Default::default())
        .await
        .expect("list")
        .len()
}

fn form<'a>(org: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("organisers", org),
        ("kind", "webinar"),
        ("title", "Safe shelters across borders"),
        ("attendance", "online"),
        ("join_url", "https://meet.example.org/shelters"),
        ("zone", "Europe/Belgrade"),
        ("starts", "2030-03-22T10:00"),
        ("ends", "2030-03-22T11:30"),
        ("languages", "sr"),
        ("languages", "uk"),
    ];
    for (k, v) in extra {
        f.retain(|(fk, _)| fk != k);
        f.push((k, v));
    }
    f
}

/// Parses `ics` with the Python helper; the expansion window is `from..to` (dates).
fn parse_ics(ics: &str, from: &str, to: &str) -> serde_json::Value {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/calendar/expand.py"
    );
    let mut child = Command::new("python3")
        .args([script, from, to])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ics.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("run");
    assert!(
        out.status.success(),
        "expand.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn starts(v: &serde_json::Value, uid: &str) -> Vec<i64> {
    v["occurrences"]
        .as_array()
        .expect("occ")
        .iter()
        .filter(|o| o["uid"] == uid)
        .map(|o| o["start"].as_i64().expect("start"))
        .collect()
}

fn outbox_has(app: &TestApp, to: &str) -> bool {
    std::fs::read_dir(app.dir.path().join("outbox"))
        .map(|d| {
            d.filter_map(Result::ok).any(|e| {
                std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(&format!("To: {to}")))
            })
        })
        .unwrap_or(false)
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_saved() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let c = app.signed_in_in_process(ASTRA_ADMIN).await;
    for (extra, message) in [
        (
            vec![("ends", "2030-03-22T09:00")],
            "The end must come after the start.",
        ),
        (vec![("capacity", "0")], "Seats must be a whole number"),
        (vec![("capacity", "-4")], "Seats must be a whole number"),
        (
            vec![("starts", "2030-03-31T02:30"), ("ends", "2030-03-31T04:00")],
            "does not exist in the event",
        ),
        (
            vec![
                ("zone", "Europe/Kyiv"),
                ("starts", "2030-10-27T03:30"),
                ("ends", "2030-10-27T05:00"),
            ],
            "happens twice",
        ),
        (
            vec![("zone", "Mars/Olympus_Mons")],
            "Choose a known time zone",
        ),
        (
            vec![("rrule", "FREQ=WEEKLY")],
            "A recurring series must end",
        ),
        (
            vec![("rrule", "FREQ=DAILY;COUNT=5000")],
            "more than 500 dates",
        ),
    ] {
        let r = c.post("/en/events/new", &form(&org, &extra)).await;
        assert_eq!(r.status, 422, "{extra:?}: {}", r.body);
        assert!(r.body.contains(message), "{extra:?} lacks {message:?}");
    }
    assert_eq!(event_count(&app).await, 0, "nothing half-saved");
    // Someone who organises for no organisation in the list may not create.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = zmina.post("/en/events/new", &form(&org, &[])).await;
    assert_eq!(r.status, 403);
    assert_eq!(event_count(&app).await, 0);
}

#[tokio::test]
async fn register_wait_move_up_and_the_calendar_follows() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = admin
        .post(
            "/en/events/new",
            &form(&org, &[("capacity", "1"), ("rrule", "FREQ=WEEKLY;COUNT=4")]),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let path = r.location().replace("/en", "");
    let id = path.trim_start_matches("/events/").to_owned();
    // The join link is for confirmed registrants only.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let page = member.get(&format!("/en{path}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("meet.example.org"));
    let r = member.post(&format!("/en{path}/register"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        member
            .get(&format!("/en{path}"))
            .await
            .body
            .contains("meet.example.org")
    );
    // Twice: refused.
    let r = member.post(&format!("/en{path}/register"), &[]).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("registered for this event already"));
    // The seat is taken: the next person waits.
    app.add_person("waiter@example.org", "Waiter").await;
    let waiter = app.signed_in_in_process("waiter@example.org").await;
    waiter.post(&format!("/en{path}/register"), &[]).await;
    let mine = waiter.get(&format!("/en{path}")).await;
    assert!(mine.body.contains("On the waiting list"), "{}", mine.body);
    // The member cancels: the waiter moves up, told by mail in the same transaction.
    let r = member.post(&format!("/en{path}/unregister"), &[]).await;
    assert_eq!(r.status, 303);
    // Queued in the unregistering transaction; the server's sender may have sent it since.
    let mut told = false;
    for _ in 0..100 {
        let queued = spona_store::mail::due(&app.db, i64::MAX, 50)
            .await
            .expect("due");
        told = queued
            .iter()
            .any(|m| m.recipient == "waiter@example.org" && m.list_id.as_deref() == Some("events"))
            || outbox_has(&app, "waiter@example.org");
        if told {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(told, "the waiter was told by mail");
    assert!(
        waiter
            .get(&format!("/en{path}"))
            .await
            .body
            .contains("Confirmed")
    );

    // The calendar: one VEVENT, METHOD:PUBLISH, a VTIMEZONE for its zone, four dates that
    // equal Spona's own (across the last Sunday of March 2030 in Europe/Belgrade).
    let ics = admin.get(&format!("/en{path}/calendar.ics")).await;
    assert_eq!(ics.status, 200);
    let uid = format!("{id}@spona");
    let v = parse_ics(&ics.body, "2030-01-01", "2031-01-01");
    assert_eq!(v["method"], "PUBLISH");
    assert_eq!(v["tzids"], serde_json::json!(["Europe/Belgrade"]));
    assert_eq!(v["vtimezones"], serde_json::json!(["Europe/Belgrade"]));
    let event = spona_store::events::get(&app.db, &id).await.expect("event");
    let ex = spona_store::events::exdates(&app.db, Some(&id))
        .await
        .expect("ex");
    let own: Vec<i64> = spona_app::events::occurrences(&event, &ex)
        .iter()
        .map(|o| o.starts_at)
        .collect();
    assert_eq!(own.len(), 4);
    assert_eq!(starts(&v, &uid), own);
    assert_eq!(own[2] - own[1], 7 * 86_400 - 3600, "DST change in between");
    let seq0 = v["events"][0]["sequence"].as_i64().expect("seq");
    assert!(
        v["events"][0]["url"]
            .as_str()
            .expect("url")
            .ends_with(&path)
    );

    // A change: the same UID, a higher SEQUENCE.
    let edit = form(
        &org,
        &[
            ("capacity", "1"),
            ("rrule", "FREQ=WEEKLY;COUNT=4"),
            ("title", "Safe shelters, changed"),
        ],
    );
    let r = admin.post(&format!("/en{path}/edit"), &edit).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v2 = parse_ics(
        &admin.get(&format!("/en{path}/calendar.ics")).await.body,
        "2030-01-01",
        "2031-01-01",
    );
    assert_eq!(v2["events"][0]["uid"], uid);
    assert!(v2["events"][0]["sequence"].as_i64().expect("seq") > seq0);

    // A cancelled date disappears after expansion.
    let r = admin
        .post(
            &format!("/en{path}/occurrences/cancel"),
            &[("occurrence", "2030-03-29T10:00")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v3 = parse_ics(
        &app.client()
            .get(&format!("/en{path}/calendar.ics"))
            .await
            .body,
        "2030-01-01",
        "2031-01-01",
    );
    let after = starts(&v3, &uid);
    assert_eq!(after.len(), 3);
    assert!(!after.contains(&own[1]));
    assert!(
        v3["events"][0]["sequence"].as_i64().expect("seq")
            > v2["events"][0]["sequence"].as_i64().expect("seq")
    );

    // The platform feed and the organisation's feed hold it too; the whole event cancelled
    // reads STATUS:CANCELLED.
    for feed in ["/calendar/events.ics", "/calendar/orgs/astra/events.ics"] {
        let body = app.client().get(feed).await.body;
        let v = parse_ics(&body, "2030-01-01", "2031-01-01");
        assert_eq!(starts(&v, &uid), after, "{feed}");
    }
    let r = admin.post(&format!("/en{path}/cancel"), &[]).await;
    assert_eq!(r.status, 303);
    let v4 = parse_ics(
        &app.client().get("/calendar/events.ics").await.body,
        "2030-01-01",
        "2031-01-01",
    );
    assert_eq!(v4["events"][0]["status"], "CANCELLED");
    assert!(starts(&v4, &uid).is_empty());

    // Export: formula cells neutralised.
    let csv = admin
        .get(&format!("/en{path}/participants/export.csv"))
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("Waiter"));
    let r = member
        .get(&format!("/en{path}/participants/export.csv"))
        .await;
    assert_eq!(r.status, 403);
}

/// Kyiv across its October change: the expansion of a daily series equals Spona's.
#[tokio::test]
async fn kyiv_series_across_october_matches() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = admin
        .post(
            "/en/events/new",
            &form(
                &org,
                &[
                    ("zone", "Europe/Kyiv"),
                    ("starts", "2030-10-24T18:00"),
                    ("ends", "2030-10-24T19:00"),
                    ("rrule", "FREQ=DAILY;COUNT=5"),
                    ("exceptions", "2030-10-26T18:00"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    let body = app
        .client()
        .get(&format!("/events/{id}/calendar.ics"))
        .await
        .body;
    assert!(body.contains("TZID:Europe/Kyiv"));
    let v = parse_ics(&body, "2030-10-01", "2030-11-30");
    let event = spona_store::events::get(&app.db, &id).await.expect("event");
    let ex = spona_store::events::exdates(&app.db, Some(&id))
        .await
        .expect("ex");
    let own: Vec<i64> = spona_app::events::occurrences(&event, &ex)
        .iter()
        .map(|o| o.starts_at)
        .collect();
    assert_eq!(own.len(), 4);
    assert_eq!(starts(&v, &format!("{id}@spona")), own);
}

/// Twenty people register at once for five seats: exactly five get one, fifteen wait.
#[tokio::test]
async fn twenty_concurrent_registrations_never_overbook() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    // Three events at once (sixty registrations racing): without the lock PostgreSQL
    // overbooked about one event in two, so three make a broken lock all but certain to show.
    let mut paths = Vec::new();
    for _ in 0..3 {
        let r = admin
            .post("/en/events/new", &form(&org, &[("capacity", "5")]))
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        paths.push(r.location().replace("/en", ""));
    }
    let mut clients = Vec::new();
    for i in 0..20 {
        let email = format!("p{i}@example.org");
        app.add_person(&email, &format!("Person {i}")).await;
        clients.push(std::sync::Arc::new(app.signed_in(&email).await));
    }
    let mut tasks = Vec::new();
    for c in clients {
        let csrf = c.csrf().await;
        for path in &paths {
            let p = format!("/en{path}/register");
            let (c, csrf) = (c.clone(), csrf.clone());
            tasks.push(tokio::spawn(async move {
                c.post_raw(&p, &[("csrf", csrf.as_str())]).await.status
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), 303);
    }
    for path in &paths {
        let id = path.trim_start_matches("/events/");
        let (taken, waiting) = spona_store::events::counts(&app.db, id)
            .await
            .expect("counts");
        assert_eq!((taken, waiting), (5, 15), "{path}");
    }
}
