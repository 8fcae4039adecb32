//! Events, session 8: the JSON API (the caller's registration, the join link only to
//! confirmed registrants), the private feed with the person's groups' events, a group feed
//! for an unknown group, the reader's saved zone on event and call pages and in mail,
//! materials before and after an event (in the page, the API and the `.ics` as `ATTACH`),
//! and files attached to a call.

use super::harness::{ASTRA_ADMIN, ASTRA_MEMBER, TestApp, ZMINA_ADMIN, pdf_with_text};

async fn astra_id(app: &TestApp) -> String {
    spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("user query")
        .expect("user")
        .id
        .to_string()
}

fn event_form<'a>(org: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("organisers", org),
        ("kind", "webinar"),
        ("title", "Legal aid across borders"),
        ("attendance", "online"),
        ("join_url", "https://meet.example.org/legal-aid"),
        ("dial_in", "+381 11 555 0101"),
        ("zone", "Europe/Belgrade"),
        ("starts", "2030-05-14T10:00"),
        ("ends", "2030-05-14T11:30"),
        ("languages", "sr"),
    ];
    for (k, v) in extra {
        f.retain(|(fk, _)| fk != k);
        f.push((k, v));
    }
    f
}

/// Creates an event through the form; returns its id.
async fn create(c: &super::harness::Client, form: &[(&str, &str)]) -> String {
    let r = c.post("/en/events/new", form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

#[tokio::test]
async fn the_api_lists_and_shows_events_with_the_callers_registration() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create(
        &admin,
        &event_form(&org, &[("rrule", "FREQ=WEEKLY;COUNT=3"), ("capacity", "1")]),
    )
    .await;
    let anon = app.client_in_process();
    let list = anon.get("/api/v1/events").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let items = list.json()["items"].as_array().expect("items").clone();
    let item = items.iter().find(|i| i["id"] == id).expect("listed");
    assert_eq!(item["kind"], "webinar");
    assert_eq!(item["zone"], "Europe/Belgrade");
    assert_eq!(item["next"]["local"], "2030-05-14T10:00");
    assert_eq!(item["next"]["starts"], "2030-05-14T08:00:00Z");
    assert_eq!(item["organisers"][0]["slug"], "astra");
    // Filters: the organisation's, another organisation's, an unknown one, a bad `when`.
    let of_astra = anon.get("/api/v1/events?org=astra").await.json();
    assert!(
        of_astra["items"]
            .as_array()
            .expect("a")
            .iter()
            .any(|i| i["id"] == id)
    );
    let of_zmina = anon.get("/api/v1/events?org=zmina").await.json();
    assert!(
        !of_zmina["items"]
            .as_array()
            .expect("z")
            .iter()
            .any(|i| i["id"] == id)
    );
    assert_eq!(anon.get("/api/v1/events?org=no-such-org").await.status, 404);
    assert_eq!(
        anon.get("/api/v1/events?group=no-such-group").await.status,
        404
    );
    assert_eq!(anon.get("/api/v1/events?when=someday").await.status, 400);
    let past = anon.get("/api/v1/events?when=past").await.json();
    assert!(
        !past["items"]
            .as_array()
            .expect("p")
            .iter()
            .any(|i| i["id"] == id)
    );

    // One event: three occurrences; no join link and no registration for a stranger.
    let one = anon.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(one.status, 200, "{}", one.body);
    let v = one.json();
    assert_eq!(v["occurrences"].as_array().expect("occ").len(), 3);
    assert!(v["join_url"].is_null());
    assert!(v["dial_in"].is_null());
    assert!(v["registration"].is_null());
    // A registered member sees the link and their state; the next person waits.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    assert_eq!(
        member
            .post(&format!("/en/events/{id}/register"), &[])
            .await
            .status,
        303
    );
    let v = member.get(&format!("/api/v1/events/{id}")).await.json();
    assert_eq!(v["registration"]["status"], "confirmed");
    assert_eq!(v["join_url"], "https://meet.example.org/legal-aid");
    assert_eq!(v["dial_in"], "+381 11 555 0101");
    assert_eq!(v["taken"], 1);
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    other.post(&format!("/en/events/{id}/register"), &[]).await;
    let v = other.get(&format!("/api/v1/events/{id}")).await.json();
    assert_eq!(v["registration"]["status"], "waiting");
    assert!(
        v["join_url"].is_null(),
        "a waiting person gets no join link"
    );
    // A cancelled date leaves the occurrences and is listed as cancelled.
    let r = admin
        .post(
            &format!("/en/events/{id}/occurrences/cancel"),
            &[("occurrence", "2030-05-21T10:00")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v = anon.get(&format!("/api/v1/events/{id}")).await.json();
    assert_eq!(v["occurrences"].as_array().expect("occ").len(), 2);
    assert_eq!(v["cancelled_occurrences"][0], "2030-05-21T10:00");
    assert_eq!(anon.get("/api/v1/events/no-such-event").await.status, 404);
}

#[tokio::test]
async fn the_private_feed_holds_the_persons_groups_events() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin_id = user_id(&app, ASTRA_ADMIN).await;
    let member_id = user_id(&app, ASTRA_MEMBER).await;
    // A working group with the ASTRA admin as coordinator and the member in it; a second
    // group the member only asked to join.
    let mut tx = app.db.begin().await.expect("tx");
    let group = |name: &'static str| spona_store::groups::NewGroup {
        name,
        description: "",
        lang: "en",
        network_id: None,
        join_policy: "open",
        created_by: &admin_id,
        locale: "en",
        theme: None,
    };
    let gid = spona_store::groups::create_in(&mut tx, &group("Shelters"), None, 1)
        .await
        .expect("group");
    let asked = spona_store::groups::create_in(&mut tx, &group("Asked"), None, 1)
        .await
        .expect("group");
    spona_store::groups::set_member_in(&mut tx, &gid, &member_id, "member", "en", 1)
        .await
        .expect("member");
    spona_store::groups::set_member_in(&mut tx, &asked, &member_id, "requested", "en", 1)
        .await
        .expect("requested");
    tx.commit().await.expect("commit");
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    // The form offers the admin's groups; events of each group and one of none.
    let form = admin.get("/en/events/new").await;
    assert!(form.body.contains("Shelters"), "the group is offered");
    let in_group = create(
        &admin,
        &event_form(&org, &[("title", "Group meeting"), ("group", gid.as_str())]),
    )
    .await;
    let in_asked = create(
        &admin,
        &event_form(
            &org,
            &[("title", "Asked meeting"), ("group", asked.as_str())],
        ),
    )
    .await;
    let elsewhere = create(&admin, &event_form(&org, &[("title", "Elsewhere")])).await;
    // A person outside the group may not post an event into it.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let zmina_org = spona_store::orgs::get_by_slug(&app.db, "zmina")
        .await
        .expect("zmina")
        .id
        .to_string();
    let r = zmina
        .post(
            "/en/events/new",
            &event_form(&zmina_org, &[("group", gid.as_str())]),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);

    // The member's private feed: the group's event, not the asked-for group's nor others.
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let page = member.post("/en/account/calendar", &[]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page.body.find("/calendar/private/").expect("feed address");
    let feed_path: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '<' && *c != '"')
        .collect();
    let feed = app.client_in_process().get(&feed_path).await;
    assert_eq!(feed.status, 200, "{feed_path}: {}", feed.body);
    assert!(feed.body.contains(&format!("UID:{in_group}@spona")));
    assert!(!feed.body.contains(&format!("UID:{in_asked}@spona")));
    assert!(!feed.body.contains(&format!("UID:{elsewhere}@spona")));
    // The group's own feed, and an unknown group's: 404.
    let g = app
        .client_in_process()
        .get(&format!("/calendar/groups/{gid}/events.ics"))
        .await;
    assert_eq!(g.status, 200);
    assert!(g.body.contains(&format!("UID:{in_group}@spona")));
    assert!(g.body.contains("X-WR-CALNAME:Shelters"));
    let none = app
        .client_in_process()
        .get("/calendar/groups/no-such-group/events.ics")
        .await;
    assert_eq!(none.status, 404);
}

#[tokio::test]
async fn the_saved_zone_is_used_on_event_and_call_pages_and_in_mail() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let id = create(&admin, &event_form(&org, &[("capacity", "1")])).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // No zone saved: Belgrade.
    let page = member.get(&format!("/en/events/{id}")).await;
    assert!(
        page.body
            .contains("2030-05-14 10:00–11:30 (Europe/Belgrade"),
        "{}",
        page.body
    );
    // An unknown zone is refused with its reason; nothing saved.
    let r = member
        .post("/en/account/zone", &[("zone", "Mars/Olympus_Mons")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Choose a known time zone"));
    let member_id = user_id(&app, ASTRA_MEMBER).await;
    assert_eq!(
        spona_store::events::saved_zone(&app.db, &member_id)
            .await
            .expect("zone"),
        None
    );
    // Kyiv saved: the event page shows Kyiv time (an hour later) and names the event's own.
    let r = member
        .post("/en/account/zone", &[("zone", "Europe/Kyiv")])
        .await;
    assert_eq!(r.status, 303);
    assert!(
        member
            .get("/en/account/zone")
            .await
            .body
            .contains("Europe/Kyiv")
    );
    let page = member.get(&format!("/en/events/{id}")).await;
    assert!(
        page.body.contains("2030-05-14 11:00–12:30 (Europe/Kyiv"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("2030-05-14 10:00–11:30 (Europe/Belgrade")
    );
    let list = member.get("/en/events").await;
    assert!(
        list.body.contains("11:00–12:30 (Europe/Kyiv"),
        "{}",
        list.body
    );
    // `?tz=` still overrides.
    let page = member
        .get(&format!("/en/events/{id}?tz=Europe/Belgrade"))
        .await;
    assert!(!page.body.contains("(Europe/Kyiv"));
    // Others are not affected.
    let anon = app
        .client_in_process()
        .get(&format!("/en/events/{id}"))
        .await;
    assert!(!anon.body.contains("(Europe/Kyiv"));

    // A call's page: the deadline in the reader's saved zone too.
    let r = admin
        .post(
            "/en/calls/new",
            &[
                ("org", "astra"),
                ("kind", "grant"),
                ("written", "en"),
                ("title", "A grant for shelters"),
                ("deadline", "2031-01-15T12:00"),
                ("zone", "Europe/Belgrade"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let call = r.location().replace("/en", "");
    let page = member.get(&format!("/en{call}")).await;
    assert!(
        page.body.contains("2031-01-15 13:00 (Europe/Kyiv"),
        "{}",
        page.body
    );
    let en_anon = app.client_in_process().get(&format!("/en{call}")).await;
    assert!(!en_anon.body.contains("(Europe/Kyiv"));

    // Mail: the member holds the seat; another person waits; the member leaves; the waiter
    // (Kyiv saved) is told the time in both zones.
    app.add_person("waiter@example.org", "Waiter").await;
    let waiter = app.signed_in_in_process("waiter@example.org").await;
    waiter
        .post("/en/account/zone", &[("zone", "Europe/Kyiv")])
        .await;
    member.post(&format!("/en/events/{id}/register"), &[]).await;
    waiter.post(&format!("/en/events/{id}/register"), &[]).await;
    member
        .post(&format!("/en/events/{id}/unregister"), &[])
        .await;
    let mut body = String::new();
    for _ in 0..100 {
        let queued = spona_store::mail::due(&app.db, i64::MAX, 50)
            .await
            .expect("due");
        if let Some(m) = queued.iter().find(|m| m.recipient == "waiter@example.org") {
            body = m.body.clone();
            break;
        }
        if let Some(t) = outbox_text(&app, "waiter@example.org") {
            body = t;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        body.contains("Europe/Belgrade = 2030-05-14 11:00 Europe/Kyiv"),
        "mail: {body}"
    );
}

fn outbox_text(app: &TestApp, to: &str) -> Option<String> {
    std::fs::read_dir(app.dir.path().join("outbox"))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .find(|t| t.contains(&format!("To: {to}")))
}

#[tokio::test]
async fn materials_before_and_after_an_event_and_files_of_a_call() {
    let app = TestApp::start().await;
    let org = astra_id(&app).await;
    let admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let future = create(&admin, &event_form(&org, &[])).await;
    let past = create(
        &admin,
        &event_form(
            &org,
            &[
                ("title", "Roundtable held"),
                ("starts", "2021-03-10T10:00"),
                ("ends", "2021-03-10T12:00"),
            ],
        ),
    )
    .await;
    let pdf = pdf_with_text("Agenda of the webinar");
    let seq0 = spona_store::events::get(&app.db, &future)
        .await
        .expect("e")
        .sequence;
    // Before: the organiser adds the agenda; a member may not.
    let r = admin
        .upload(
            &format!("/en/events/{future}/materials?phase=before"),
            "file",
            "agenda.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = member
        .upload(
            &format!("/en/events/{future}/materials?phase=before"),
            "file",
            "mine.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 403);
    // After: refused before the event begins; a file that is not what it says: refused.
    let r = admin
        .upload(
            &format!("/en/events/{future}/materials?phase=after"),
            "file",
            "report.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("once it has begun"));
    let r = admin
        .upload(
            &format!("/en/events/{past}/materials?phase=after"),
            "file",
            "report.pdf",
            "application/pdf",
            b"MZ not a pdf",
        )
        .await;
    assert!(r.status >= 400 && r.status < 500, "{}", r.status);
    let r = admin
        .upload(
            &format!("/en/events/{past}/materials?phase=after"),
            "file",
            "report.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let mats = spona_store::events::materials(&app.db, &past)
        .await
        .expect("m");
    assert_eq!(mats.len(), 1, "only the good file is recorded");
    assert_eq!(mats[0].phase, "after");

    // Shown on the page, downloadable by anyone, in the API and in the calendar file.
    let anon = app.client_in_process();
    let page = anon.get(&format!("/en/events/{future}")).await;
    assert!(page.body.contains("agenda.pdf"));
    let m = &spona_store::events::materials(&app.db, &future)
        .await
        .expect("m")[0];
    let (status, bytes, headers) = anon
        .bytes(&format!("/events/{future}/materials/{}", m.id))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, pdf);
    assert_eq!(headers["content-type"], "application/pdf");
    let v = anon.get(&format!("/api/v1/events/{future}")).await.json();
    assert_eq!(v["materials"][0]["filename"], "agenda.pdf");
    assert_eq!(v["materials"][0]["phase"], "before");
    // Unfolded: long lines are folded at 75 octets (RFC 5545 3.1).
    let ics = anon
        .get(&format!("/events/{future}/calendar.ics"))
        .await
        .body
        .replace("\r\n ", "");
    assert!(
        ics.contains(&format!(
            "ATTACH;FMTTYPE=application/pdf:{}/events/{future}/materials/{}",
            app.state().config.public_url,
            m.id
        )),
        "{ics}"
    );
    let seq1 = spona_store::events::get(&app.db, &future)
        .await
        .expect("e")
        .sequence;
    assert!(seq1 > seq0, "a new material raises SEQUENCE");
    let past_page = anon.get(&format!("/en/events/{past}")).await;
    assert!(past_page.body.contains("Materials from the event"));

    // A call's file: its editor attaches; a member of the organisation may not; anyone
    // downloads.
    let r = admin
        .post(
            "/en/calls/new",
            &[
                ("org", "astra"),
                ("kind", "grant"),
                ("written", "en"),
                ("title", "A grant with guidelines"),
                ("deadline", "2031-01-15T12:00"),
                ("zone", "Europe/Belgrade"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let call = r.location().replace("/en", "");
    let call_id = call.rsplit('/').next().expect("id").to_owned();
    let r = member
        .upload(
            &format!("/en{call}/attachments"),
            "file",
            "guidelines.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 403);
    let r = admin
        .upload(
            &format!("/en{call}/attachments"),
            "file",
            "guidelines.pdf",
            "application/pdf",
            &pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let files = spona_store::call_files::of_call(&app.db, &call_id)
        .await
        .expect("files");
    assert_eq!(files.len(), 1);
    let page = anon.get(&format!("/en{call}")).await;
    assert!(page.body.contains("guidelines.pdf"));
    let (status, bytes, _) = anon
        .bytes(&format!("{call}/attachments/{}", files[0].id))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, pdf);
    // Counted against ASTRA's hub quota.
    let used = spona_store::quota::used(
        &app.db,
        &spona_app::quota::hub_scopes(&Default::default(), &org),
    )
    .await
    .expect("used");
    assert_eq!(
        used[0],
        3 * pdf.len() as i64,
        "two materials and one call file"
    );
}
