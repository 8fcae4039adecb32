//! Newsletters end to end: an outsider subscribes by e-mail and confirms with one button
//! (the link's GET changes nothing), a coordinator writes an issue in two languages, tests
//! it, schedules it, and `spona newsletters send-due` queues it exactly once to those who
//! did not leave; unconfirmed addresses are forgotten after 30 days; a member subscribes
//! with one button and reads their language. Bad input: an invalid address, no consent, a
//! double sign-up (same answer), forged and reused links, a time in the past, an empty issue,
//! an edit after sending.

use spona_domain::newsletter::{Audience, OwnerKind, Variant};
use spona_store::newsletters as store;

use crate::harness::*;

/// The BRIDGE network's public newsletter of the authorisation matrix: a draft with text, a
/// sent issue and one scheduled far ahead.
pub struct Fixture {
    pub slug: String,
    pub draft: String,
    pub sent: String,
    pub scheduled: String,
}

pub async fn fixture(app: &TestApp) -> Fixture {
    let slug = "bridge-news".to_owned();
    let db = &app.db;
    if let Ok(n) = store::by_slug(db, &slug).await {
        let issues = store::issues(db, &n.id, false).await.expect("issues");
        let find = |state: &str| {
            issues
                .iter()
                .find(|(i, _)| i.state.as_str() == state)
                .map(|(i, _)| i.id.clone())
                .expect("fixture issue")
        };
        return Fixture {
            draft: find("draft"),
            sent: find("sent"),
            scheduled: find("scheduled"),
            slug,
        };
    }
    let network = spona_store::networks::get_by_slug(db, "bridge")
        .await
        .expect("bridge");
    let now = spona_store::now();
    let mut tx = db.begin().await.expect("tx");
    let id = store::create_in(
        &mut tx,
        &store::NewNewsletter {
            slug: &slug,
            owner_kind: OwnerKind::Network,
            owner_id: &network.id,
            name: "BRIDGE News",
            description: "",
            audience: Audience::Public,
        },
        now,
    )
    .await
    .expect("newsletter");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let issue = store::create_issue_in(&mut tx, &id, None, now)
            .await
            .expect("issue");
        let v = [Variant {
            lang: "en".into(),
            title: "Fixture issue".into(),
            body: "Some *text*.".into(),
        }];
        store::save_variants_in(&mut tx, &issue, &v, now)
            .await
            .expect("variants");
        ids.push(issue);
    }
    store::schedule_in(&mut tx, &ids[1], now - 60, now)
        .await
        .expect("schedule");
    store::finish_in(&mut tx, &ids[1], "", now)
        .await
        .expect("sent");
    store::schedule_in(&mut tx, &ids[2], 4_102_444_800, now)
        .await
        .expect("schedule");
    tx.commit().await.expect("commit");
    Fixture {
        slug,
        draft: ids[0].clone(),
        sent: ids[1].clone(),
        scheduled: ids[2].clone(),
    }
}

/// Every message in the outbox to `address`, oldest first.
fn mails_to(app: &TestApp, address: &str) -> Vec<String> {
    app.mail_count();
    let dir = app.dir.path().join("outbox");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).collect())
        .unwrap_or_default();
    files.sort_by_key(|e| e.file_name());
    files
        .iter()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter(|m| m.contains(&format!("To: {address}\r\n")))
        .collect()
}

/// Waits (up to 10 s) until `address` has `n` messages; returns them.
async fn wait_mails(app: &TestApp, address: &str, n: usize) -> Vec<String> {
    for _ in 0..100 {
        let m = mails_to(app, address);
        if m.len() >= n {
            return m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "{address} did not get {n} messages: {:?}",
        mails_to(app, address)
    );
}

/// Unix seconds as the schedule field (`YYYY-MM-DDTHH:MM`, UTC) and as RFC 3339.
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

fn rfc3339(t: i64) -> String {
    format!("{}:00Z", field_time(t))
}

async fn send_due(app: &TestApp, at: i64) -> String {
    let url = app.cli_database_url().await;
    let (ok, out) = app.run_cli(
        &url,
        &["newsletters", "send-due", "--now", &rfc3339(at)],
        &[],
    );
    assert!(ok, "{out}");
    out
}

async fn create_newsletter(app: &TestApp) -> Client {
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = coordinator
        .post(
            "/en/newsletters",
            &[
                ("network", "bridge"),
                ("name", "Bridge Letters"),
                ("audience", "public"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/en/newsletters/bridge-letters");
    coordinator
}

/// Starts an issue and saves `fields`; returns its id.
async fn write_issue(c: &Client, fields: &[(&str, &str)]) -> String {
    let r = c.post("/en/newsletters/bridge-letters/issues", &[]).await;
    assert_eq!(r.status, 303);
    let edit = r.location();
    let id = edit
        .trim_end_matches("/edit")
        .rsplit('/')
        .next()
        .expect("id")
        .to_owned();
    let r = c.post(&edit, fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outsider_subscribes_confirms_and_gets_each_issue_once() {
    let app = TestApp::start().await;
    let coordinator = create_newsletter(&app).await;
    let page = "/en/newsletters/bridge-letters";
    let anon = app.client_in_process();

    // The form: the consent box is not ticked, the wording's id and version are shown.
    let form = anon.get(page).await;
    assert_eq!(form.status, 200);
    let consent = &form.body[form.body.find("name=\"consent\"").expect("consent box")..];
    assert!(!consent[..consent.find('>').expect("tag end")].contains("checked"));
    assert!(
        form.body.contains("newsletter-consent-public"),
        "wording id shown"
    );

    // Bad input: an invalid address, no consent; nothing is saved.
    let r = anon
        .post(
            &format!("{page}/signup"),
            &[("email", "not-an-address"), ("consent", "yes")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Enter a valid e-mail address"));
    let r = anon
        .post(
            &format!("{page}/signup"),
            &[("email", "reader@example.org")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Tick the box"));
    let n = store::by_slug(&app.db, "bridge-letters")
        .await
        .expect("newsletter");
    assert!(
        store::subscriber(&app.db, &n.id, "reader@example.org")
            .await
            .expect("db")
            .is_none()
    );

    // A sign-up: one confirmation mail (no list), the same neutral answer the second time.
    let fields = [("email", "Reader@Example.org"), ("consent", "yes")];
    let first = anon.post(&format!("{page}/signup"), &fields).await;
    assert_eq!(first.status, 303);
    assert_eq!(first.location(), format!("{page}/signup/sent"));
    let mail = wait_mails(&app, "reader@example.org", 1).await.remove(0);
    let again = anon.post(&format!("{page}/signup"), &fields).await;
    assert_eq!((again.status, again.location()), (303, first.location()));
    let link = link_path(&mail);
    assert!(link.starts_with("/en/newsletters/confirm/"), "{link}");

    // The link's page has one button; opening it (as a mail scanner does) changes nothing.
    let confirm_page = anon.get(&link).await;
    assert_eq!(confirm_page.status, 200);
    assert_eq!(
        confirm_page.body.matches("type=\"submit\"").count(),
        1,
        "one button"
    );
    let s = store::subscriber(&app.db, &n.id, "reader@example.org")
        .await
        .expect("db")
        .expect("row");
    assert!(s.confirmed_at.is_none());

    // A forged link, then the real one, then reusing it.
    let forged = anon
        .post(&format!("/en/newsletters/confirm/{}", "ab".repeat(32)), &[])
        .await;
    assert_eq!(forged.status, 400);
    let ok = anon.post(&link, &[]).await;
    assert_eq!(ok.status, 303);
    assert_eq!(ok.location(), format!("{page}/confirmed"));
    let reused = anon.post(&link, &[]).await;
    assert_eq!(reused.status, 400);
    assert!(reused.body.contains("not valid"));

    // The receipt: what, from which page, which wording.
    let receipts = store::receipts(&app.db, &n.id, "reader@example.org")
        .await
        .expect("receipts");
    assert_eq!(receipts.len(), 1);
    let r = &receipts[0];
    assert_eq!(r.list_id, format!("newsletter/{}", n.id));
    assert_eq!(r.source_page, page);
    assert_eq!(
        (r.consent_text.as_str(), r.consent_version),
        ("newsletter-consent-public", 1)
    );
    assert_eq!(r.method, "email");

    // An issue in English and Ukrainian; scheduling in the past is refused.
    let issue = write_issue(
        &coordinator,
        &[
            ("title-en", "Spring letter"),
            ("body-en", "Hello **all**."),
            ("title-uk", "Весняний лист"),
            ("body-uk", "Вітаємо всіх."),
        ],
    )
    .await;
    let base = format!("{page}/issues/{issue}");
    let past = coordinator
        .post(
            &format!("{base}/schedule"),
            &[("at", &field_time(spona_store::now() - 3600))],
        )
        .await;
    assert_eq!(past.status, 422);
    assert!(past.body.contains("That time has passed"));

    // Preview (editors only before sending) and a test to oneself.
    assert_eq!(
        coordinator.get(&format!("{base}?lang=uk")).await.status,
        200
    );
    assert_eq!(anon.get(&base).await.status, 404);
    let t = coordinator.post(&format!("{base}/test"), &[]).await;
    assert_eq!(t.status, 303);
    let tests = wait_mails(&app, ATINA_ADMIN, 2).await;
    assert!(
        tests
            .iter()
            .any(|m| m.contains("[Test] Bridge Letters: Spring letter"))
    );

    // Scheduled in an hour; sent by the command line at that time, exactly once.
    let at = spona_store::now() + 3600;
    let r = coordinator
        .post(&format!("{base}/schedule"), &[("at", &field_time(at))])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let out = send_due(&app, at - 600).await;
    assert!(out.contains("mails queued: 0"), "not due yet: {out}");
    let out = send_due(&app, at + 60).await;
    assert!(
        out.contains("newsletter issues sent: 1, mails queued: 1"),
        "{out}"
    );
    let out = send_due(&app, at + 120).await;
    assert!(out.contains("mails queued: 0"), "{out}");
    let got = wait_mails(&app, "reader@example.org", 2).await;
    assert_eq!(got.len(), 2);
    assert!(got[1].contains("Spring letter") && got[1].contains("Hello **all**."));
    assert!(got[1].contains(&format!("/en/newsletters/bridge-letters/issues/{issue}")));

    // Sent: editing is refused; the archive shows it to everyone at its permanent address.
    let edit = coordinator
        .post(
            &format!("{base}/edit"),
            &[("title-en", "Changed"), ("body-en", "x")],
        )
        .await;
    assert_eq!(edit.status, 409);
    let sched = coordinator
        .post(
            &format!("{base}/schedule"),
            &[("at", &field_time(at + 7200))],
        )
        .await;
    assert_eq!(sched.status, 409);
    assert!(anon.get(page).await.body.contains("Spring letter"));
    let read = app
        .client_in_process()
        .get(&format!("/uk/newsletters/bridge-letters/issues/{issue}"))
        .await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("Весняний лист"));
    let api = anon.get("/api/v1/newsletters/bridge-letters").await.json();
    assert_eq!(api["archive"][0]["id"], issue.as_str());

    // The reader leaves (as the unsubscribe link records it): listed as left, mailed nothing.
    let mut tx = app.db.begin().await.expect("tx");
    spona_app::mail::opt_out_in(&mut tx, "reader@example.org", &n.list_id())
        .await
        .expect("out");
    tx.commit().await.expect("commit");
    let list = coordinator.get(&format!("{page}/subscribers")).await;
    assert!(
        list.body.contains("reader@example.org") && list.body.contains(">left<"),
        "{}",
        list.body
    );
    let second = write_issue(
        &coordinator,
        &[("title-en", "Summer letter"), ("body-en", "Hi.")],
    )
    .await;
    let r = coordinator
        .post(
            &format!("{page}/issues/{second}/schedule"),
            &[("at", &field_time(at + 3600))],
        )
        .await;
    assert_eq!(r.status, 303);
    let out = send_due(&app, at + 3700).await;
    assert!(
        out.contains("newsletter issues sent: 1, mails queued: 0"),
        "{out}"
    );

    // Coming back goes through the confirmation again, which takes the address back on.
    let back = anon.post(&format!("{page}/signup"), &fields).await;
    assert_eq!(back.location(), first.location());
    // (No second link within ten minutes of the last: the first request's row was confirmed,
    // so a new link is mailed now.)
    let mails = wait_mails(&app, "reader@example.org", 3).await;
    let relink = link_path(&mails[2]);
    assert_eq!(anon.post(&relink, &[]).await.status, 303);
    assert!(
        !spona_store::mail::opted_out(&app.db, "reader@example.org", &n.list_id())
            .await
            .expect("db")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unconfirmed_addresses_are_forgotten_after_thirty_days() {
    let app = TestApp::start().await;
    create_newsletter(&app).await;
    let anon = app.client_in_process();
    let r = anon
        .post(
            "/en/newsletters/bridge-letters/signup",
            &[("email", "late@example.org"), ("consent", "yes")],
        )
        .await;
    assert_eq!(r.status, 303);
    let link = link_path(&wait_mails(&app, "late@example.org", 1).await[0]);
    let n = store::by_slug(&app.db, "bridge-letters")
        .await
        .expect("newsletter");
    let now = spona_store::now();
    let out = send_due(&app, now + 29 * 24 * 3600).await;
    assert!(out.contains("forgotten: 0"), "{out}");
    let out = send_due(&app, now + 31 * 24 * 3600).await;
    assert!(out.contains("forgotten: 1"), "{out}");
    assert!(
        store::subscriber(&app.db, &n.id, "late@example.org")
            .await
            .expect("db")
            .is_none()
    );
    assert_eq!(anon.get(&link).await.status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_subscribes_with_one_button_and_reads_their_language() {
    let app = TestApp::start().await;
    let coordinator = create_newsletter(&app).await;
    let member = app.signed_in_in_process(ZMINA_ADMIN).await;
    let page = member.get("/uk/newsletters/bridge-letters").await;
    assert!(
        page.body
            .contains("/uk/newsletters/bridge-letters/subscribe")
    );
    let r = member
        .post("/uk/newsletters/bridge-letters/subscribe", &[])
        .await;
    assert_eq!(r.status, 303);
    assert!(
        member
            .get("/uk/newsletters/bridge-letters")
            .await
            .body
            .contains("/leave")
    );

    // An empty issue cannot be scheduled or tested.
    let empty = write_issue(&coordinator, &[]).await;
    let base = format!("/en/newsletters/bridge-letters/issues/{empty}");
    let r = coordinator
        .post(
            &format!("{base}/schedule"),
            &[("at", &field_time(spona_store::now() + 60))],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("The issue is empty"));
    assert_eq!(
        coordinator.post(&format!("{base}/test"), &[]).await.status,
        422
    );
    // A title without its text is refused with the field named.
    let r = coordinator
        .post(&format!("{base}/edit"), &[("title-uk", "Лише заголовок")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("body-uk-error"));

    let issue = write_issue(
        &coordinator,
        &[
            ("title-en", "Autumn letter"),
            ("body-en", "Text."),
            ("title-uk", "Осінній лист"),
            ("body-uk", "Текст."),
        ],
    )
    .await;
    let at = spona_store::now() + 120;
    let r = coordinator
        .post(
            &format!("/en/newsletters/bridge-letters/issues/{issue}/schedule"),
            &[("at", &field_time(at))],
        )
        .await;
    assert_eq!(r.status, 303);
    send_due(&app, at + 60).await;
    let got = wait_mails(&app, ZMINA_ADMIN, 1).await;
    assert!(got[0].contains("Осінній лист"), "{}", got[0]);

    // Leaving with the button: the next issue is not mailed.
    let r = member
        .post("/uk/newsletters/bridge-letters/leave", &[])
        .await;
    assert_eq!(r.status, 303);
    let n = store::by_slug(&app.db, "bridge-letters")
        .await
        .expect("newsletter");
    assert!(
        spona_store::mail::opted_out(&app.db, ZMINA_ADMIN, &n.list_id())
            .await
            .expect("db")
    );
}

/// A figure, not a check (run with `--ignored --nocapture`): queueing one issue for 10,000
/// subscribers in batches of 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn figure_queueing_an_issue_for_ten_thousand_subscribers() {
    let app = TestApp::start().await;
    let f = fixture(&app).await;
    let n = store::by_slug(&app.db, &f.slug).await.expect("newsletter");
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..10_000 {
        let address = format!("reader{i}@example.org");
        let r = store::Request {
            newsletter_id: &n.id,
            address: &address,
            user_id: None,
            locale: ["en", "uk", "sr-Cyrl", "sr-Latn"][i % 4],
            source_page: "/en/newsletters/bridge-news",
            consent_text: "newsletter-consent-public",
            consent_version: 1,
        };
        store::subscribe_member_in(&mut tx, &r, 1)
            .await
            .expect("subscriber");
    }
    store::schedule_in(&mut tx, &f.draft, 1, 1)
        .await
        .expect("schedule");
    tx.commit().await.expect("commit");
    let tr = spona_web::translator().expect("translator");
    let mailer = spona_app::newsletters::Mailer {
        tr: &tr,
        public_url: "http://127.0.0.1",
    };
    let started = std::time::Instant::now();
    let sent = spona_app::newsletters::send::run_due(&app.db, mailer, spona_store::now())
        .await
        .expect("send");
    let took = started.elapsed();
    println!(
        "{} ({}): {} mails queued in {:.2} s, {:.0} mails/s",
        app.db.kind(),
        f.slug,
        sent.mails,
        took.as_secs_f64(),
        sent.mails as f64 / took.as_secs_f64()
    );
    // The server's own sender runs alongside and may take batches: together, each
    // subscriber's mail is queued exactly once.
    for _ in 0..100 {
        let i = store::issue(&app.db, &n.id, &f.draft).await.expect("issue");
        if i.state.as_str() == "sent" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (total, distinct): (i64, i64) = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT recipient) FROM mail_queue WHERE list_id = $1",
        )
        .bind(n.list_id())
        .fetch_one(p)
        .await
        .expect("count"),
        spona_store::Db::Postgres(p) => sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT recipient) FROM mail_queue WHERE list_id = $1",
        )
        .bind(n.list_id())
        .fetch_one(p)
        .await
        .expect("count"),
    };
    println!(
        "this run queued {}; the queue holds {total} ({distinct} addresses)",
        sent.mails
    );
    assert_eq!((total, distinct), (10_000, 10_000));
}
