//! Working groups end to end: access rules, joining by request, discussions (hidden threads,
//! mentions, edit history, read state, paging), mail on posts, mute, digests and search.

use spona_store::Db;

use crate::harness::*;

const MATRIX_GROUP: &str = "Matrix group";

/// The authorisation matrix's group (`@group`, open): coordinated by ASTRA's and Atina's
/// admins, with one thread (`@thread`) whose opening post (`@post`) is ASTRA's admin's.
pub(crate) async fn fixture(app: &TestApp) -> (String, String, String) {
    let db = &app.db;
    let user = |email: &'static str| async move {
        spona_store::users::find_by_email(db, email)
            .await
            .expect("db")
            .expect("user")
            .id
            .into_string()
    };
    let astra = user(ASTRA_ADMIN).await;
    let existing = spona_store::groups::list(db, None)
        .await
        .expect("groups")
        .into_iter()
        .find(|g| g.name == MATRIX_GROUP);
    let group = match existing {
        Some(g) => g.id,
        None => {
            let mut tx = db.begin().await.expect("tx");
            let id = spona_store::groups::create_in(
                &mut tx,
                &spona_store::groups::NewGroup {
                    name: MATRIX_GROUP,
                    description: "",
                    lang: "en",
                    network_id: None,
                    join_policy: "open",
                    created_by: &astra,
                    locale: "en",
                    theme: None,
                },
                None,
                spona_store::now(),
            )
            .await
            .expect("group");
            let atina = user(ATINA_ADMIN).await;
            spona_store::groups::set_member_in(&mut tx, &id, &atina, "coordinator", "en", 0)
                .await
                .expect("member");
            let thread = spona_store::groups::create_thread_in(&mut tx, &id, &astra, "Agenda", 0)
                .await
                .expect("thread");
            spona_store::groups::add_post_in(
                &mut tx,
                &spona_store::groups::NewPost {
                    thread_id: &thread,
                    group_id: &id,
                    author_id: &astra,
                    body: "First point",
                    search_text: " ",
                },
                None,
                spona_store::now(),
            )
            .await
            .expect("post");
            tx.commit().await.expect("commit");
            id
        }
    };
    let thread = spona_store::groups::threads(db, &group, &astra)
        .await
        .expect("threads")[0]
        .id
        .clone();
    let post = spona_store::groups::posts(db, &thread, 1, 1)
        .await
        .expect("posts")[0]
        .id
        .clone();
    (group, thread, post)
}

/// Creates a group through the form; returns its id.
pub(crate) async fn create(c: &Client, name: &str, policy: &str) -> String {
    let r = c
        .post(
            "/en/groups/new",
            &[
                ("name", name),
                ("description", "Drafting together"),
                ("lang", "en"),
                ("network", ""),
                ("join_policy", policy),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

pub(crate) async fn start_thread(c: &Client, group: &str, title: &str, body: &str) -> String {
    let r = c
        .post(
            &format!("/en/groups/{group}/threads"),
            &[("title", title), ("body", body)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

pub(crate) async fn reply(c: &Client, thread: &str, body: &str) -> Reply {
    c.post(
        &format!("/en/discussions/{thread}/replies"),
        &[("body", body)],
    )
    .await
}

/// Messages queued for `address`: `(subject, body)`, oldest first.
pub(crate) async fn queued(db: &Db, address: &str) -> Vec<(String, String)> {
    let sql = "SELECT subject, body FROM mail_queue WHERE recipient = $1 ORDER BY created_at, id";
    match db {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(address).fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as(sql).bind(address).fetch_all(p).await,
    }
    .expect("queue")
}

/// A group of ASTRA's admin (coordinator) with ASTRA's member in it, and a thread.
pub(crate) async fn group_with_member(
    app: &TestApp,
    policy: &str,
) -> (Client, Client, String, String) {
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let group = create(&coord, "NAP drafting", policy).await;
    let r = member.post(&format!("/en/groups/{group}/join"), &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thread = start_thread(&coord, &group, "Zaštita žrtava", "Prvi nacrt.").await;
    (coord, member, group, thread)
}

pub(crate) async fn run_digests(app: &TestApp, at: i64) -> spona_app::groups::digest::DigestRun {
    let state = app.state();
    let m = spona_app::groups::notify::MailCtx {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    spona_app::groups::digest::run(&app.db, &m, at)
        .await
        .expect("digest")
}

#[tokio::test]
async fn outsiders_see_the_group_but_not_its_threads_and_cannot_post() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let group = create(&coord, "Closed circle", "invitation").await;
    let thread = start_thread(&coord, &group, "Plan", "Secret draft text").await;
    let outsider = app.signed_in_in_process(ZMINA_ADMIN).await;

    let page = outsider.get(&format!("/en/groups/{group}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Closed circle"));
    assert!(!page.body.contains("Plan"), "threads shown to an outsider");
    assert_eq!(
        outsider
            .get(&format!("/en/discussions/{thread}"))
            .await
            .status,
        403
    );
    assert_eq!(reply(&outsider, &thread, "Let me in").await.status, 403);
    let r = outsider
        .post(
            &format!("/en/groups/{group}/threads"),
            &[("title", "x"), ("body", "y")],
        )
        .await;
    assert_eq!(r.status, 403);
    // Invitation only: asking is refused with a reason; the coordinator adds people.
    let r = outsider
        .post(&format!("/en/groups/{group}/join"), &[])
        .await;
    assert_eq!(r.status, 403);
    assert!(
        r.body.contains("Only coordinators add people"),
        "{}",
        r.body
    );
    let r = coord
        .post(
            &format!("/en/groups/{group}/members"),
            &[("email", ZMINA_ADMIN)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = outsider.get(&format!("/en/discussions/{thread}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Secret draft text"));
    // Not signed in: the sign-in page.
    let anon = app.client_in_process();
    let r = anon.get(&format!("/en/groups/{group}")).await;
    assert_eq!(r.status, 303);
    assert!(r.location().contains("/signin"));
    // The API answers as the page does.
    let j = outsider
        .get(&format!("/en/api/v1/groups/{group}"))
        .await
        .json();
    assert_eq!(j["threads"].as_array().expect("threads").len(), 1);
    assert_eq!(j["members"].as_array().expect("members").len(), 2);
}

#[tokio::test]
async fn a_request_waits_for_a_coordinator() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ASTRA_ADMIN).await;
    let group = create(&coord, "Peace dialogue", "request").await;
    let thread = start_thread(&coord, &group, "Hello", "Welcome").await;
    let asker = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = asker.post(&format!("/en/groups/{group}/join"), &[]).await;
    assert_eq!(r.status, 303);
    let page = asker.get(&format!("/en/groups/{group}")).await;
    assert!(page.body.contains("You asked to join"), "{}", page.body);
    assert_eq!(
        asker.get(&format!("/en/discussions/{thread}")).await.status,
        403
    );
    let oksana = spona_store::users::find_by_email(&app.db, ZMINA_ADMIN)
        .await
        .expect("db")
        .expect("user")
        .id;
    // Another member may not approve.
    let r = asker
        .post(
            &format!("/en/groups/{group}/members/{oksana}"),
            &[("act", "approve")],
        )
        .await;
    assert_eq!(r.status, 403);
    let page = coord.get(&format!("/en/groups/{group}")).await;
    assert!(page.body.contains("Asking to join"));
    let r = coord
        .post(
            &format!("/en/groups/{group}/members/{oksana}"),
            &[("act", "approve")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        asker.get(&format!("/en/discussions/{thread}")).await.status,
        200
    );
    assert_eq!(app.audit_count("group.approved").await, 1);
    // The last coordinator cannot leave.
    let r = coord.post(&format!("/en/groups/{group}/leave"), &[]).await;
    assert_eq!(r.status, 409);
}

#[tokio::test]
async fn a_hidden_thread_takes_no_reply_and_the_reason_is_audited() {
    let app = TestApp::start().await;
    let (coord, member, _group, thread) = group_with_member(&app, "open").await;
    let r = member
        .post(
            &format!("/en/discussions/{thread}/hide"),
            &[("reason", "mine")],
        )
        .await;
    assert_eq!(r.status, 403, "a member hid a thread");
    let r = coord
        .post(
            &format!("/en/discussions/{thread}/hide"),
            &[("reason", "Names of survivors posted")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let entries = spona_store::audit::list(&app.db, Some("group.thread_hidden"), 10, 0)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].detail.contains("Names of survivors posted"));
    let before = spona_store::groups::thread(&app.db, &thread, "")
        .await
        .expect("thread")
        .post_count;
    let r = reply(&member, &thread, "But wait").await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("hidden by a coordinator"), "{}", r.body);
    let after = spona_store::groups::thread(&app.db, &thread, "")
        .await
        .expect("thread")
        .post_count;
    assert_eq!(before, after, "a reply was saved");
}

#[tokio::test]
async fn mentioning_an_outsider_saves_nothing_and_a_member_is_told() {
    let app = TestApp::start().await;
    let (_coord, member, _group, thread) = group_with_member(&app, "open").await;
    let r = reply(&member, &thread, "Pitanje za @oksana: šta mislite?").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("not a member of this group"), "{}", r.body);
    assert!(r.body.contains("Pitanje za @oksana"), "the text was lost");
    let t = spona_store::groups::thread(&app.db, &thread, "")
        .await
        .expect("thread");
    assert_eq!(t.post_count, 1);
    // A member mentioned is mailed, whatever their digest choice (jelena: daily).
    let r = reply(&member, &thread, "@jelena, slažem se.").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let mails = queued(&app.db, ASTRA_ADMIN).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].1.contains("mentioned you"), "{}", mails[0].1);
    assert!(mails[0].1.contains("slažem se"));
}

#[tokio::test]
async fn edits_keep_their_history() {
    let app = TestApp::start().await;
    let (coord, member, _group, thread) = group_with_member(&app, "open").await;
    let r = reply(&member, &thread, "Prvi tekst").await;
    assert_eq!(r.status, 303);
    let post = spona_store::groups::posts(&app.db, &thread, 2, 2)
        .await
        .expect("posts")[0]
        .id
        .clone();
    let r = coord
        .post(&format!("/en/posts/{post}"), &[("body", "Hijacked")])
        .await;
    assert_eq!(r.status, 403, "someone else edited a post");
    let r = member
        .post(&format!("/en/posts/{post}"), &[("body", "Drugi tekst")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = coord.get(&format!("/en/posts/{post}")).await;
    assert!(page.body.contains("Drugi tekst"));
    assert!(
        page.body.contains("Prvi tekst"),
        "the old text is not shown"
    );
    assert!(page.body.contains("Version 1"));
}

#[tokio::test]
async fn read_state_marks_what_is_new() {
    let app = TestApp::start().await;
    let (coord, member, group, thread) = group_with_member(&app, "open").await;
    let page = member.get(&format!("/en/groups/{group}")).await;
    assert!(
        page.body.contains("1 discussion with new posts"),
        "{}",
        page.body
    );
    let page = member.get(&format!("/en/discussions/{thread}")).await;
    assert!(page.body.contains("New since your last visit"));
    let page = member.get(&format!("/en/groups/{group}")).await;
    assert!(
        page.body.contains("0 discussions with new posts"),
        "{}",
        page.body
    );
    reply(&coord, &thread, "Druga tačka").await;
    let page = member.get(&format!("/en/groups/{group}")).await;
    assert!(page.body.contains("1 new"), "{}", page.body);
    let page = member.get(&format!("/en/discussions/{thread}")).await;
    let marker = page.body.find("New since your last visit").expect("marker");
    assert!(page.body[marker..].contains("Druga tačka"));
    assert!(
        !page.body[marker..].contains("Prvi nacrt"),
        "an old post marked new"
    );
}

#[tokio::test]
async fn a_thread_of_500_replies_pages() {
    let app = TestApp::start().await;
    let (coord, member, group, thread) = group_with_member(&app, "open").await;
    let astra = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string();
    let mut tx = app.db.begin().await.expect("tx");
    for i in 1..=500 {
        let body = format!("Reply number {i}.");
        spona_store::groups::add_post_in(
            &mut tx,
            &spona_store::groups::NewPost {
                thread_id: &thread,
                group_id: &group,
                author_id: &astra,
                body: &body,
                search_text: " ",
            },
            None,
            spona_store::now(),
        )
        .await
        .expect("post");
    }
    tx.commit().await.expect("commit");
    let first = member
        .get(&format!("/en/discussions/{thread}?page=1"))
        .await;
    assert_eq!(first.status, 200);
    assert!(
        first.body.contains("Page 1 of 11"),
        "{}",
        &first.body[..2000.min(first.body.len())]
    );
    assert!(first.body.contains("Reply number 49."));
    assert!(!first.body.contains("Reply number 50."));
    assert!(first.body.contains("?page=11\">Newest"));
    let last = member
        .get(&format!("/en/discussions/{thread}?page=11"))
        .await;
    assert!(last.body.contains("Reply number 500."));
    assert_eq!(
        member
            .get(&format!("/en/discussions/{thread}?page=12"))
            .await
            .status,
        400
    );
    // A reply lands on the last page.
    let r = reply(&coord, &thread, "The end").await;
    assert!(r.location().contains("page=11#p502"), "{}", r.location());
}

#[tokio::test]
async fn every_message_mail_and_mute() {
    let app = TestApp::start().await;
    let (coord, member, group, thread) = group_with_member(&app, "open").await;
    let r = member
        .post(
            "/en/groups/preferences",
            &[("group", group.as_str()), ("mail", "each")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    reply(&coord, &thread, "Nova verzija nacrta").await;
    let mails = queued(&app.db, ASTRA_MEMBER).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].1.contains("Nova verzija nacrta"));
    let r = member
        .post(
            &format!("/en/discussions/{thread}/choice"),
            &[("choice", "mute")],
        )
        .await;
    assert_eq!(r.status, 303);
    reply(&coord, &thread, "@milan, još jedna").await;
    assert_eq!(
        queued(&app.db, ASTRA_MEMBER).await.len(),
        1,
        "muted, yet mailed"
    );
    // Replies to one's own thread are mailed even with digests chosen.
    let r = reply(&member, &thread, "Hvala!").await;
    assert_eq!(r.status, 303);
    let mails = queued(&app.db, ASTRA_ADMIN).await;
    assert!(mails.iter().any(|(_, b)| b.contains("Hvala!")), "{mails:?}");
}

/// A day passes for the digests: every stored time they read (members' last digest, posts,
/// resources linked, events)
/// moves a day back, and the run happens now (a second after the last post).
pub(crate) async fn a_day_later(app: &TestApp) -> spona_app::groups::digest::DigestRun {
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for sql in [
        "UPDATE group_members SET digest_until = digest_until - 86400",
        "UPDATE group_posts SET created_at = created_at - 86400",
        "UPDATE group_resources SET linked_at = linked_at - 86400",
        "UPDATE events SET created_at = created_at - 86400",
    ] {
        match &app.db {
            Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
            Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        }
        .expect("age");
    }
    run_digests(app, spona_store::now()).await
}

#[tokio::test]
async fn digests_hold_what_is_new_and_never_what_was_read_or_sent() {
    let app = TestApp::start().await;
    let (coord, member, group, thread) = group_with_member(&app, "open").await;
    // The member has not read the opening post; nothing is new for its author.
    let run = a_day_later(&app).await;
    assert_eq!(run.queued, 1, "{run:?}");
    assert!(
        queued(&app.db, ASTRA_ADMIN).await.is_empty(),
        "own post in a digest"
    );
    let d = queued(&app.db, ASTRA_MEMBER).await;
    assert!(d[0].1.contains("Prvi nacrt."), "{}", d[0].1);
    assert!(d[0].1.contains("Zaštita žrtava"));
    // Nothing new: nothing sent.
    let run = a_day_later(&app).await;
    assert_eq!(run.queued, 0);
    // A reply the member read on the site is not in the next digest.
    reply(&coord, &thread, "Read on the site").await;
    member.get(&format!("/en/discussions/{thread}")).await;
    let run = a_day_later(&app).await;
    assert_eq!(run.queued, 0, "a digest of what was read");
    // A reply not read is, with its text, once.
    reply(&coord, &thread, "Tekst odgovora za pregled").await;
    a_day_later(&app).await;
    let d = queued(&app.db, ASTRA_MEMBER).await;
    assert_eq!(d.len(), 2);
    assert!(d[1].1.contains("Tekst odgovora za pregled"), "{}", d[1].1);
    assert!(
        !d[1].1.contains("Prvi nacrt."),
        "a digest repeated an earlier one"
    );
    assert!(
        !d[1].1.contains("Read on the site"),
        "a digest of what was read"
    );
    assert_eq!(a_day_later(&app).await.queued, 0, "the same digest twice");
    // Leaving the list by unsubscribing shows as "nothing"; choosing mail again opts in.
    {
        let mut tx = app.db.begin().await.expect("tx");
        spona_app::mail::opt_out_in(&mut tx, ASTRA_MEMBER, &format!("group/{group}"))
            .await
            .expect("opt out");
        tx.commit().await.expect("commit");
    }
    let page = member.get("/en/groups/preferences").await;
    let checked = page.body.find(" checked>").expect("a choice");
    assert!(
        page.body[checked..].starts_with(" checked> Nothing"),
        "{}",
        &page.body[checked..checked + 40]
    );
    reply(&coord, &thread, "Not for the unsubscribed").await;
    a_day_later(&app).await;
    assert_eq!(queued(&app.db, ASTRA_MEMBER).await.len(), 2);
    let r = member
        .post(
            "/en/groups/preferences",
            &[("group", group.as_str()), ("mail", "weekly")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(
        !spona_store::mail::opted_out(&app.db, ASTRA_MEMBER, &format!("group/{group}"))
            .await
            .expect("db")
    );
}

#[tokio::test]
async fn the_digest_command_runs() {
    let app = TestApp::start().await;
    let (_coord, _member, _group, _thread) = group_with_member(&app, "open").await;
    let url = app.cli_database_url().await;
    let at = chrono_like(spona_store::now() + 2 * 86_400);
    let (ok, out) = app.run_cli(&url, &["digests", "run", "--now", &at], &[]);
    assert!(ok, "{out}");
    assert!(out.contains("1 digest"), "{out}");
    assert_eq!(queued(&app.db, ASTRA_MEMBER).await.len(), 1);
}

/// RFC 3339 for a Unix time, in UTC (civil from days, H. Hinnant's algorithm).
fn chrono_like(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[tokio::test]
async fn search_finds_cyrillic_posts_by_latin_words_in_ones_groups_only() {
    let app = TestApp::start().await;
    let (coord, member, _group, thread) = group_with_member(&app, "open").await;
    reply(&coord, &thread, "Мировни дијалог у Новом Саду").await;
    let r = member.get("/en/groups/search?q=Mirovni%20dijalog").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("1 post found"), "{}", r.body);
    assert!(r.body.contains("Мировни дијалог"));
    let outsider = app.signed_in_in_process(ZMINA_ADMIN).await;
    let r = outsider.get("/en/groups/search?q=mirovni").await;
    assert!(r.body.contains("0 posts found"), "{}", r.body);
    // Hidden threads are not found.
    coord
        .post(
            &format!("/en/discussions/{thread}/hide"),
            &[("reason", "off topic")],
        )
        .await;
    let r = member.get("/en/groups/search?q=mirovni").await;
    assert!(r.body.contains("0 posts found"), "{}", r.body);
}
