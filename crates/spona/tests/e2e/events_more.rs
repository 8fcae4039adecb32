//! Events, session 9 (issue 18's gaps): the list kept in memory gives what the database
//! gives and follows every change (one statement per warm request); registration for one
//! date of a series, with seats and a waiting list per date, its own race for the last
//! seat, a cancelled date told by mail, and the date named in the export, the API and the
//! private feed; an organiser deleting a material (confirmation, audit, quota given back,
//! bytes gone from the store unless another file holds them, SEQUENCE raised).

use spona_store::events::{self as store, Filter};

use super::harness::queries::statements;
use super::harness::{ASTRA_ADMIN, ASTRA_MEMBER, TestApp, pdf_with_text};

async fn astra_id(app: &TestApp) -> String {
    spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string()
}

fn event_form<'a>(org: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("organisers", org),
        ("kind", "webinar"),
        ("title", "Shelter practice clinic"),
        ("attendance", "online"),
        ("join_url", "https://meet.example.org/clinic"),
        ("zone", "Europe/Belgrade"),
        ("starts", "2030-03-01T10:00"),
        ("ends", "2030-03-01T11:00"),
        ("languages", "en"),
    ];
    for (k, v) in extra {
        f.retain(|(fk, _)| fk != k);
        f.push((k, v));
    }
    f
}

async fn create(c: &super::harness::Client, form: &[(&str, &str)]) -> String {
    let r = c.post("/en/events/new", form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

/// The list in memory next to the database's: same events, same order, same date shown.
async fn assert_same_lists(app: &TestApp) {
    let now = spona_store::now();
    let snapshot = app
        .state()
        .events_list
        .snapshot(&app.db)
        .await
        .expect("snapshot");
    for past in [false, true] {
        let filter = if past {
            Filter {
                ended_before: Some(now),
                limit: Some(200),
                ..Default::default()
            }
        } else {
            Filter {
                ending_after: Some(now),
                limit: Some(200),
                ..Default::default()
            }
        };
        let listed = spona_app::events::list(&app.db, &filter)
            .await
            .expect("list");
        let want: Vec<(String, (i64, i64), String)> = listed
            .events
            .iter()
            .map(|e| {
                let names: Vec<&str> = listed
                    .organisers_of(&e.id)
                    .map(|o| o.name.as_str())
                    .collect();
                (
                    e.title.clone(),
                    spona_app::events::shown_occurrence(e, &listed.exdates, now, past),
                    names.join(", "),
                )
            })
            .collect();
        let entries: Vec<_> = if past {
            snapshot.past(now, 200).collect()
        } else {
            snapshot.upcoming(now, 200).collect()
        };
        let got: Vec<(String, (i64, i64), String)> = entries
            .iter()
            .map(|e| {
                (
                    e.event.title.clone(),
                    e.shown(now, past),
                    e.organisers.clone(),
                )
            })
            .collect();
        assert_eq!(got, want, "past: {past}");
    }
}

#[tokio::test]
async fn the_list_in_memory_equals_the_database_and_follows_every_change() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    // A series begun long ago and still running (the list expands it to find the next
    // date), a single event to come, one long past, and a series with a cancelled date.
    let long = create(
        &admin,
        &event_form(
            &org,
            &[
                ("title", "Weekly since 2024"),
                ("starts", "2024-01-05T10:00"),
                ("ends", "2024-01-05T11:00"),
                ("rrule", "FREQ=WEEKLY;COUNT=300"),
            ],
        ),
    )
    .await;
    create(&admin, &event_form(&org, &[("title", "One to come")])).await;
    create(
        &admin,
        &event_form(
            &org,
            &[
                ("title", "Long past"),
                ("starts", "2021-03-10T10:00"),
                ("ends", "2021-03-10T12:00"),
            ],
        ),
    )
    .await;
    let series = create(
        &admin,
        &event_form(
            &org,
            &[("title", "Four Fridays"), ("rrule", "FREQ=WEEKLY;COUNT=4")],
        ),
    )
    .await;
    let r = admin
        .post(
            &format!("/en/events/{series}/occurrences/cancel"),
            &[("occurrence", "2030-03-01T10:00")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_same_lists(&app).await;

    // The page shows the series' next date, not its first (2024-01-05).
    let anon = app.client_in_process();
    let page = anon.get("/en/events").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Weekly since 2024"));
    assert!(
        !page.body.contains("2024-01-05 10:00"),
        "the next date is shown"
    );
    // The cancelled first Friday: the list shows the second.
    assert!(page.body.contains("2030-03-08 10:00"), "{}", page.body);
    let past = anon.get("/en/events?past=1").await;
    assert!(past.body.contains("Long past"));

    // Warm, a request reads the version only: one statement whatever the list holds.
    let ((), stmts) = statements(async {
        assert_eq!(anon.get("/en/events").await.status, 200);
    })
    .await;
    assert_eq!(stmts.len(), 1, "{stmts:?}");

    // A registration takes the event's lock without moving the version.
    let v0 = store::list_version(&app.db).await.expect("version");
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = member
        .post(&format!("/en/events/{long}/register"), &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(store::list_version(&app.db).await.expect("version"), v0);

    // A change of title, an organisation's new name: the next request shows them.
    let mut edit = event_form(
        &org,
        &[
            ("title", "Weekly since 2024, renamed"),
            ("starts", "2024-01-05T10:00"),
            ("ends", "2024-01-05T11:00"),
            ("rrule", "FREQ=WEEKLY;COUNT=300"),
        ],
    );
    edit.retain(|(k, _)| *k != "organisers");
    let r = admin.post(&format!("/en/events/{long}/edit"), &edit).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        anon.get("/en/events")
            .await
            .body
            .contains("Weekly since 2024, renamed")
    );
    let r = admin
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", "ASTRA Renamed"),
                ("country", "RS"),
                ("city", "Beograd"),
            ],
        )
        .await;
    assert!(r.status < 400, "{}", r.status);
    let after = store::list_version(&app.db).await.expect("version");
    assert!(
        after.directory > v0.directory,
        "an organisation's change moves its version"
    );
    assert!(anon.get("/en/events").await.body.contains("ASTRA Renamed"));
    assert_same_lists(&app).await;
}

async fn told(app: &TestApp, to: &str, subject: &str) -> bool {
    for _ in 0..100 {
        let queued = spona_store::mail::due(&app.db, i64::MAX, 200)
            .await
            .expect("due");
        let sent = std::fs::read_dir(app.dir.path().join("outbox"))
            .map(|d| {
                d.filter_map(Result::ok).any(|e| {
                    std::fs::read_to_string(e.path())
                        .is_ok_and(|t| t.contains(&format!("To: {to}")) && t.contains(subject))
                })
            })
            .unwrap_or(false);
        if sent
            || queued
                .iter()
                .any(|m| m.recipient == to && m.subject.contains(subject))
        {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn a_person_registers_for_one_date_with_its_own_seats_and_waiting_list() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create(
        &admin,
        &event_form(&org, &[("capacity", "1"), ("rrule", "FREQ=WEEKLY;COUNT=4")]),
    )
    .await;
    let single = create(&admin, &event_form(&org, &[("title", "Only once")])).await;
    let path = format!("/en/events/{id}");
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // The page offers every date of the series and each coming date.
    let page = member.get(&path).await;
    assert!(
        page.body.contains(r#"<option value="2030-03-08T10:00">"#),
        "{}",
        page.body
    );
    // The next date: the first Friday, confirmed; the join link shows.
    let r = member
        .post(&format!("{path}/register"), &[("occurrence", "next")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = member.get(&path).await;
    assert!(page.body.contains("Your dates"));
    assert!(
        page.body.contains("meet.example.org"),
        "a confirmed date shows the join link"
    );
    // The same date twice: refused; a date that is not one of the series, or a date of a
    // single event: refused, nothing stored.
    let r = member
        .post(
            &format!("{path}/register"),
            &[("occurrence", "2030-03-01T10:00")],
        )
        .await;
    assert_eq!(r.status, 409);
    for (event, date) in [
        (&id, "2030-03-02T10:00"),
        (&id, "garbage"),
        (&single, "2030-03-01T10:00"),
    ] {
        let r = member
            .post(
                &format!("/en/events/{event}/register"),
                &[("occurrence", date)],
            )
            .await;
        assert_eq!(r.status, 400, "{event} {date}: {}", r.body);
    }
    let mine = store::registrations_of(&app.db, &id, &user(&app, ASTRA_MEMBER).await)
        .await
        .expect("regs");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].occurrence_local, "2030-03-01T10:00");

    // Seats per date: the first Friday is full, the second is not.
    app.add_person("waiter@example.org", "Waiter").await;
    let waiter = app.signed_in_in_process("waiter@example.org").await;
    let page = waiter.get(&path).await;
    assert!(page.body.contains("full, waiting list"));
    for date in ["2030-03-01T10:00", "2030-03-08T10:00"] {
        let r = waiter
            .post(&format!("{path}/register"), &[("occurrence", date)])
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let page = waiter.get(&path).await;
    assert!(page.body.contains("On the waiting list"), "{}", page.body);
    // Every date needs a seat on each: the third person waits.
    app.add_person("third@example.org", "Third").await;
    let third = app.signed_in_in_process("third@example.org").await;
    let r = third.post(&format!("{path}/register"), &[]).await;
    assert_eq!(r.status, 303);
    assert!(third.get(&path).await.body.contains("On the waiting list"));
    let counts = store::counts_by_occurrence(&app.db, &id)
        .await
        .expect("counts");
    let of = |d: &str| {
        counts
            .iter()
            .find(|c| c.occurrence_local == d)
            .map(|c| (c.taken, c.waiting))
            .unwrap_or_default()
    };
    assert_eq!(of("2030-03-01T10:00"), (1, 1));
    assert_eq!(of("2030-03-08T10:00"), (1, 0));
    assert_eq!(of(""), (0, 1));

    // The member cancels the first Friday: the waiter moves up, told by mail.
    let r = member
        .post(
            &format!("{path}/unregister"),
            &[("occurrence", "2030-03-01T10:00")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(told(&app, "waiter@example.org", "A seat is yours").await);
    let counts = store::counts_by_occurrence(&app.db, &id)
        .await
        .expect("counts");
    assert!(
        counts
            .iter()
            .any(|c| c.occurrence_local == "2030-03-01T10:00" && c.taken == 1 && c.waiting == 0)
    );

    // The organisers see and export the date.
    let csv = admin.get(&format!("{path}/participants/export.csv")).await;
    assert!(csv.body.contains("2030-03-08 10:00"), "{}", csv.body);
    assert!(
        admin
            .get(&format!("{path}/participants"))
            .await
            .body
            .contains("Every date of the series")
    );
    // The API names the caller's dates.
    let v: serde_json::Value =
        serde_json::from_str(&waiter.get(&format!("/api/v1/events/{id}")).await.body)
            .expect("json");
    let dates: Vec<&str> = v["date_registrations"]
        .as_array()
        .expect("dates")
        .iter()
        .map(|r| r["occurrence_local"].as_str().expect("local"))
        .collect();
    assert_eq!(dates, ["2030-03-01T10:00", "2030-03-08T10:00"]);

    // The private feed names each date the waiter holds, not the series.
    let r = waiter.post("/en/account/calendar", &[]).await;
    assert_eq!(r.status, 200);
    let page = r.body;
    let start = page.find("/calendar/private/").expect("feed address");
    let token: String = page[start + "/calendar/private/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let feed = app
        .client_in_process()
        .get(&format!("/calendar/private/{token}/events.ics"))
        .await
        .body;
    assert!(
        feed.contains(&format!("UID:{id}-20300301T1000@spona")),
        "{feed}"
    );
    assert!(feed.contains(&format!("UID:{id}-20300308T1000@spona")));
    assert!(feed.contains("DTSTART;TZID=Europe/Belgrade:20300308T100000"));
    assert!(!feed.contains(&format!("UID:{id}@spona")));
    assert!(!feed.contains("RRULE"));

    // The organisers cancel the second Friday: its registrants and those of every date
    // are told; the waiter's registration for it is cancelled.
    let r = admin
        .post(
            &format!("{path}/occurrences/cancel"),
            &[("occurrence", "2030-03-08T10:00")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(told(&app, "waiter@example.org", "Date cancelled").await);
    let regs = store::registrations_of(&app.db, &id, &user(&app, "waiter@example.org").await)
        .await
        .expect("regs");
    let second = regs
        .iter()
        .find(|r| r.occurrence_local == "2030-03-08T10:00")
        .expect("second");
    assert_eq!(second.status.as_str(), "cancelled");
}

async fn user(app: &TestApp, email: &str) -> String {
    spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("q")
        .expect("user")
        .id
        .to_string()
}

/// Twenty people race for the five seats of one date (three dates of three series at once,
/// sixty registrations): exactly five get one, fifteen wait, on each.
#[tokio::test]
async fn racing_for_the_last_seats_of_one_date_never_overbooks() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(
            create(
                &admin,
                &event_form(&org, &[("capacity", "5"), ("rrule", "FREQ=WEEKLY;COUNT=4")]),
            )
            .await,
        );
    }
    let mut clients = Vec::new();
    for i in 0..20 {
        let email = format!("d{i}@example.org");
        app.add_person(&email, &format!("Person {i}")).await;
        clients.push(std::sync::Arc::new(app.signed_in(&email).await));
    }
    let mut tasks = Vec::new();
    for c in clients {
        let csrf = c.csrf().await;
        for id in &ids {
            let p = format!("/en/events/{id}/register");
            let (c, csrf) = (c.clone(), csrf.clone());
            tasks.push(tokio::spawn(async move {
                c.post_raw(
                    &p,
                    &[("csrf", csrf.as_str()), ("occurrence", "2030-03-15T10:00")],
                )
                .await
                .status
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), 303);
    }
    for id in &ids {
        let counts = store::counts_by_occurrence(&app.db, id)
            .await
            .expect("counts");
        assert_eq!(
            counts,
            vec![store::OccurrenceCount {
                occurrence_local: "2030-03-15T10:00".into(),
                taken: 5,
                waiting: 15,
            }],
            "{id}"
        );
    }
}

/// The authorisation matrix's event with one material (made again when a row deleted it).
pub async fn material_fixture(app: &TestApp) -> (String, String) {
    let all = store::list(&app.db, &Default::default())
        .await
        .expect("events");
    let id = match all.iter().find(|e| e.title == "Matrix event") {
        Some(e) => e.id.clone(),
        None => {
            let org = astra_id(app).await;
            let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
            create(&admin, &event_form(&org, &[("title", "Matrix event")])).await
        }
    };
    let mats = store::materials(&app.db, &id).await.expect("materials");
    if let Some(m) = mats.first() {
        return (id, m.id.clone());
    }
    let m = store::Material {
        id: spona_store::new_id(),
        event_id: id.clone(),
        phase: "before".into(),
        filename: "matrix.pdf".into(),
        media_type: "application/pdf".into(),
        size: 0,
        sha256: "0".repeat(64),
        active_content: String::new(),
        created_at: spona_store::now(),
    };
    let mut tx = app.db.begin().await.expect("tx");
    let charge = spona_store::quota::Charge {
        bytes: 0,
        scopes: Vec::new(),
        object_id: None,
    };
    store::add_material_in(&mut tx, &m, &user(app, ASTRA_ADMIN).await, &charge)
        .await
        .expect("material");
    tx.commit().await.expect("commit");
    (id, m.id)
}

#[tokio::test]
async fn an_organiser_deletes_a_material_and_its_bytes_go() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let a = create(&admin, &event_form(&org, &[])).await;
    let b = create(&admin, &event_form(&org, &[("title", "Second")])).await;
    let shared = pdf_with_text("The agenda both events share");
    let own = pdf_with_text("Only the first event has this");
    for (event, name, bytes) in [
        (&a, "agenda.pdf", &shared),
        (&b, "agenda.pdf", &shared),
        (&a, "own.pdf", &own),
    ] {
        let r = admin
            .upload(
                &format!("/en/events/{event}/materials?phase=before"),
                "file",
                name,
                "application/pdf",
                bytes,
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let scopes = spona_app::quota::hub_scopes(&Default::default(), &org);
    let used = |app: &TestApp| {
        let scopes = scopes.clone();
        let db = app.db.clone();
        async move { spona_store::quota::used(&db, &scopes).await.expect("used")[0] }
    };
    assert_eq!(used(&app).await, (2 * shared.len() + own.len()) as i64);
    let mats = store::materials(&app.db, &a).await.expect("m");
    let own_m = mats
        .iter()
        .find(|m| m.filename == "own.pdf")
        .expect("own")
        .clone();
    let shared_m = mats
        .iter()
        .find(|m| m.filename == "agenda.pdf")
        .expect("agenda")
        .clone();
    let seq0 = store::get(&app.db, &a).await.expect("e").sequence;

    // The page links to a confirmation for organisers only; others may not delete.
    let page = admin.get(&format!("/en/events/{a}")).await.body;
    assert!(page.contains(&format!("/materials/{}/delete", own_m.id)));
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert!(
        !member
            .get(&format!("/en/events/{a}"))
            .await
            .body
            .contains("/delete")
    );
    let confirm = format!("/en/events/{a}/materials/{}/delete", own_m.id);
    assert_eq!(member.get(&confirm).await.status, 403);
    assert_eq!(member.post(&confirm, &[]).await.status, 403);
    let r = admin.get(&confirm).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("own.pdf") && r.body.contains("Delete the file"));
    // A material of another event, by this event's address: not found.
    let wrong = format!("/en/events/{b}/materials/{}/delete", own_m.id);
    assert_eq!(admin.post(&wrong, &[]).await.status, 404);

    // Deleted: the row, the quota, the bytes (no other file holds them), SEQUENCE up,
    // audited; the address no longer answers.
    assert!(app.state().attachments.holds(&own_m.sha256).await);
    let r = admin.post(&confirm, &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location().ends_with(&format!("/events/{a}#materials")));
    assert!(
        !app.state().attachments.holds(&own_m.sha256).await,
        "the bytes are gone"
    );
    assert_eq!(used(&app).await, (2 * shared.len()) as i64);
    assert!(store::get(&app.db, &a).await.expect("e").sequence > seq0);
    assert_eq!(app.audit_count("event.material-delete").await, 1);
    assert_eq!(
        app.client_in_process()
            .get(&format!("/events/{a}/materials/{}", own_m.id))
            .await
            .status,
        404
    );
    assert_eq!(admin.post(&confirm, &[]).await.status, 404, "twice: gone");
    let ics = admin
        .get(&format!("/en/events/{a}/calendar.ics"))
        .await
        .body;
    assert!(!ics.contains(&own_m.id));

    // Bytes another event's material still names stay in the store.
    let r = admin
        .post(
            &format!("/en/events/{a}/materials/{}/delete", shared_m.id),
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(
        app.state().attachments.holds(&shared_m.sha256).await,
        "the other event's file keeps its bytes"
    );
    let (status, bytes, _) = app
        .client_in_process()
        .bytes(&format!(
            "/events/{b}/materials/{}",
            store::materials(&app.db, &b).await.expect("m")[0].id
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, shared);
    assert_eq!(used(&app).await, shared.len() as i64);
}
