//! A working group's newsletter end to end: its coordinator starts it from the group's
//! newsletters page (a member may not: 403; bad input: 422, nothing stored), writes an issue
//! in two languages and schedules it; sending queues exactly one mail to each member and
//! coordinator of the group and each confirmed outsider — not to someone still asking to
//! join, nor to an address that did not confirm, nor to a member who left — and nothing on a
//! second run. The group page links to the newsletters page, whose archive lists the issue.

use spona_app::newsletters::Mailer;
use spona_store::newsletters as store;

use crate::harness::*;

/// Mails queued on `list`, per recipient, sorted.
async fn queued(app: &TestApp, list: &str) -> Vec<(String, i64)> {
    let sql = "SELECT recipient, COUNT(*) FROM mail_queue WHERE list_id = $1 \
               GROUP BY recipient ORDER BY recipient";
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(sql).bind(list).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_as(sql).bind(list).fetch_all(p).await,
    }
    .expect("queue")
}

async fn send_due(app: &TestApp, at: i64) -> spona_app::newsletters::send::Sent {
    let state = app.state();
    let mailer = Mailer {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    spona_app::newsletters::send::run_due(&app.db, mailer, at)
        .await
        .expect("send")
}

fn field_time(t: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t).expect("time");
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

async fn user(app: &TestApp, email: &str) -> String {
    spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string()
}

/// A group coordinated by ASTRA's admin, with ASTRA's member as member and ZMINA's admin
/// still asking to join; returns its id.
async fn group(app: &TestApp) -> String {
    let astra = user(app, ASTRA_ADMIN).await;
    let mut tx = app.db.begin().await.expect("tx");
    let id = spona_store::groups::create_in(
        &mut tx,
        &spona_store::groups::NewGroup {
            name: "Shelter coalition",
            description: "",
            lang: "en",
            network_id: None,
            join_policy: "request",
            created_by: &astra,
            locale: "en",
            theme: None,
        },
        None,
        spona_store::now(),
    )
    .await
    .expect("group");
    let member = user(app, ASTRA_MEMBER).await;
    spona_store::groups::set_member_in(&mut tx, &id, &member, "member", "uk", 0)
        .await
        .expect("member");
    let zmina = user(app, ZMINA_ADMIN).await;
    spona_store::groups::set_member_in(&mut tx, &id, &zmina, "requested", "uk", 0)
        .await
        .expect("requested");
    tx.commit().await.expect("commit");
    id
}

/// The outbox's message to `address` holding `needle`.
async fn mail_with(app: &TestApp, address: &str, needle: &str) -> String {
    for _ in 0..100 {
        app.mail_count();
        let dir = app.dir.path().join("outbox");
        let found = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .find(|m| m.contains(&format!("To: {address}\r\n")) && m.contains(needle))
            })
            .unwrap_or_default();
        if let Some(m) = found {
            return m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {address} with {needle}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_newsletter_reaches_its_members_and_confirmed_outsiders_once() {
    let app = TestApp::start().await;
    let gid = group(&app).await;
    let coordinator = app.signed_in_in_process(ASTRA_ADMIN).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let anon = app.client_in_process();
    let letters = format!("/en/groups/{gid}/newsletters");

    // The group page links to its newsletters; the page offers the form to coordinators only.
    let page = coordinator.get(&format!("/en/groups/{gid}")).await;
    assert!(
        page.body.contains(&format!("href=\"{letters}\"")),
        "{}",
        page.body
    );
    let page = coordinator.get(&letters).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("This group has no newsletter yet."));
    assert!(page.body.contains("Start a newsletter for this group"));
    let page = member.get(&letters).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Start a newsletter for this group"));
    assert_eq!(anon.get(&letters).await.status, 303, "sign-in first");

    // A member may not start one; bad input is refused with nothing stored.
    let fields = [
        ("name", "Shelter letters"),
        ("description", "What the coalition does."),
        ("audience", "public"),
    ];
    assert_eq!(member.post(&letters, &fields).await.status, 403);
    let r = coordinator
        .post(&letters, &[("name", ""), ("audience", "public")])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = coordinator
        .post(&letters, &[("name", "Shelter letters")])
        .await;
    assert_eq!(r.status, 422, "no audience chosen for the editor");
    assert!(
        spona_store::groups::newsletters_of(&app.db, &gid)
            .await
            .expect("db")
            .is_empty()
    );

    // The coordinator starts it; it is the group's.
    let r = coordinator.post(&letters, &fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/en/newsletters/shelter-letters");
    let n = store::by_slug(&app.db, "shelter-letters")
        .await
        .expect("nl");
    assert_eq!(n.owner_kind.as_str(), "group");
    assert_eq!(n.owner_id, gid);
    let slug_page = "/en/newsletters/shelter-letters";
    // A member gets it without subscribing: the page offers to leave.
    let p = member.get(slug_page).await;
    assert!(
        p.body.contains("/newsletters/shelter-letters/leave"),
        "{}",
        p.body
    );
    // Someone outside the group does not edit it.
    let other = app.signed_in_in_process(ATINA_ADMIN).await;
    assert_eq!(
        other.post(&format!("{slug_page}/issues"), &[]).await.status,
        403
    );

    // Two outsiders sign up; one confirms.
    for address in ["reader@example.org", "waiting@example.org"] {
        let r = anon
            .post(
                &format!("{slug_page}/signup"),
                &[("email", address), ("consent", "yes")],
            )
            .await;
        assert_eq!(r.status, 303);
    }
    let mail = mail_with(&app, "reader@example.org", "/newsletters/confirm/").await;
    assert_eq!(anon.post(&link_path(&mail), &[]).await.status, 303);

    // An issue in English and Ukrainian, scheduled in an hour.
    let r = coordinator.post(&format!("{slug_page}/issues"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let edit = r.location();
    let issue = edit
        .trim_end_matches("/edit")
        .rsplit('/')
        .next()
        .expect("id")
        .to_owned();
    let r = coordinator
        .post(
            &edit,
            &[
                ("title-en", "Winter letter"),
                ("body-en", "Shelters stay open."),
                ("title-uk", "Зимовий лист"),
                ("body-uk", "Притулки працюють."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let at = spona_store::now() + 3600;
    let r = coordinator
        .post(
            &format!("{slug_page}/issues/{issue}/schedule"),
            &[("at", &field_time(at))],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // Sent once: the coordinator, the member and the confirmed outsider; not the one asking
    // to join, not the unconfirmed address.
    let s = send_due(&app, at + 60).await;
    assert_eq!((s.issues, s.mails), (1, 3), "{s:?}");
    assert_eq!(send_due(&app, at + 120).await.mails, 0, "nothing twice");
    let got = queued(&app, &n.list_id()).await;
    assert_eq!(
        got,
        vec![
            (ASTRA_ADMIN.to_owned(), 1),
            (ASTRA_MEMBER.to_owned(), 1),
            ("reader@example.org".to_owned(), 1),
        ]
    );
    // The member reads it in their language (Ukrainian).
    let m = mail_with(&app, ASTRA_MEMBER, "Shelter letters").await;
    assert!(m.contains("Зимовий лист") || m.contains("=D0"), "{m}");

    // The archive of the group's newsletters lists it.
    let page = member.get(&letters).await;
    assert!(page.body.contains("Winter letter"), "{}", page.body);
    assert!(page.body.contains(&format!("/issues/{issue}")));

    // The member leaves: the next issue goes to the other two.
    let r = member.post(&format!("{slug_page}/leave"), &[]).await;
    assert_eq!(r.status, 303);
    let r = coordinator.post(&format!("{slug_page}/issues"), &[]).await;
    let edit = r.location();
    let second = edit
        .trim_end_matches("/edit")
        .rsplit('/')
        .next()
        .expect("id")
        .to_owned();
    coordinator
        .post(&edit, &[("title-en", "Spring letter"), ("body-en", "Hi.")])
        .await;
    let r = coordinator
        .post(
            &format!("{slug_page}/issues/{second}/schedule"),
            &[("at", &field_time(at + 3600))],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let s = send_due(&app, at + 3700).await;
    assert_eq!((s.issues, s.mails), (1, 2), "{s:?}");
    let got = queued(&app, &n.list_id()).await;
    assert_eq!(
        got.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
        vec![2, 1, 2]
    );
}
