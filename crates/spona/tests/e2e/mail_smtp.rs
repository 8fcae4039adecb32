//! Real mail: the server sends its queue over SMTP to a real mail server on loopback
//! (`tests/mail/sink.py`, aiosmtpd), and the tests read what arrived with Python's `email`
//! package and verify its DKIM signature with dkimpy (`tests/mail/check.py`, a stub DNS
//! answer). Runs on SQLite and PostgreSQL. Needs `python3` with `tests/mail/requirements.txt`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use spona_app::mail::{List, Mail};

use crate::harness::process::free_port;
use crate::harness::*;
use crate::mail_sink::{Sink, check};

async fn enqueue(app: &TestApp, mail: &Mail) -> bool {
    let mut tx = app.db.begin().await.expect("tx");
    let queued = spona_app::mail::enqueue_in(&mut tx, mail)
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
    queued
}

fn group_mail(to: &str, subject: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: subject.into(),
        text: "Нова тема у групи: Ђурђевдан у Кијеву.\r\nA new thread.".into(),
        list: Some(List {
            id: "group/g-peace".into(),
            name: "Мировни активизам · Peace".into(),
        }),
        thread: Some("thread/t-1".into()),
    }
}

/// The path of a link of this server in a text.
fn path_of(app: &TestApp, link: &str) -> String {
    link.trim_start_matches(&app.base).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_headers_dkim_and_one_click_unsubscribe() {
    let tmp = tempfile::tempdir().expect("tmp");
    let keys = check(&["keygen", tmp.path().join("keys").to_str().expect("path")]);
    let sink = Sink::start(&tmp.path().join("sink"), &[]);
    let url = sink.url();
    let key = PathBuf::from(keys["key"].as_str().expect("key"));
    let app = TestApp::start_with(|c| {
        c.mail.smtp_url = Some(url);
        c.mail.from = "Spona Ђ <no-reply@spona.test>".into();
        c.mail.dkim_key = Some(key);
        c.mail.dkim_selector = Some("s1".into());
    })
    .await;
    assert!(spona_web::mail::configured(&app.state().config));
    let subject = "Нова тема: Ђурђевдан — Київ";
    assert!(enqueue(&app, &group_mail("Ana@Example.org", subject)).await);
    let files = sink.wait_for(1, 30).await;
    let m = check(&[
        "parse",
        files[0].to_str().expect("path"),
        "--dkim-dns",
        keys["record"].as_str().expect("record"),
    ]);
    // RFC 2047 subject, read back whole.
    assert_eq!(m["subject"], subject, "{m}");
    assert!(
        m["subject_raw"]
            .as_str()
            .expect("raw")
            .to_ascii_lowercase()
            .starts_with("=?utf-8?"),
        "{m}"
    );
    assert_eq!(m["to"], "ana@example.org");
    // RFC 2047 display name of the sender, read back whole.
    assert_eq!(m["from"], "Spona Ђ <no-reply@spona.test>", "{m}");
    assert!(
        m["from_raw"]
            .as_str()
            .expect("raw")
            .to_ascii_lowercase()
            .starts_with("=?utf-8?"),
        "{m}"
    );
    let host = app.base.trim_start_matches("http://");
    let host = host.split(':').next().expect("host");
    let id = m["message_id"].as_str().expect("Message-ID");
    assert!(
        id.starts_with('<') && id.ends_with(&format!("@{host}>")),
        "{id}"
    );
    assert_eq!(m["in_reply_to"], format!("<thread.t-1@{host}>"));
    assert_eq!(m["references"], format!("<thread.t-1@{host}>"));
    assert!(
        m["list_id"]
            .as_str()
            .expect("List-Id")
            .contains(&format!("<group.g-peace.{host}>")),
        "{m}"
    );
    assert_eq!(m["list_unsubscribe_post"], "List-Unsubscribe=One-Click");
    assert_eq!(m["auto_submitted"], "auto-generated");
    assert!(m["date"].is_string());
    // DKIM: valid, and both List-Unsubscribe headers are signed.
    assert_eq!(m["dkim_valid"], true, "{m}");
    let signed: Vec<&str> = m["dkim_signed_headers"]
        .as_array()
        .expect("h=")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for h in [
        "from",
        "subject",
        "list-unsubscribe",
        "list-unsubscribe-post",
    ] {
        assert!(signed.contains(&h), "{h} not signed: {signed:?}");
    }
    // The link: in the header and in the text's footer.
    let header = m["list_unsubscribe"].as_str().expect("List-Unsubscribe");
    let link = header.trim_matches(|c| c == '<' || c == '>');
    assert!(
        link.starts_with(&format!("{}/mail/unsubscribe/", app.base)),
        "{link}"
    );
    let text = m["text"].as_str().expect("text");
    assert!(text.contains("Ђурђевдан"), "{text}");
    assert!(text.contains(link), "the footer holds the link: {text}");
    // Written without a locale: the footer speaks English, Serbian and Ukrainian.
    for words in [
        "To stop getting mail",
        "Da više ne dobijate",
        "Щоб більше не отримувати",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    // The link names its message, not the address.
    assert!(!link.contains("ana") && !link.contains('@'), "{link}");

    // Opening the link (as a mail scanner does) changes nothing: one button.
    let path = path_of(&app, link);
    let page = app.client().get(&path).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.body.matches("Stop this mail").count(),
        1,
        "{}",
        page.body
    );
    assert!(page.body.contains("/mail/unsubscribe/"), "{}", page.body);
    assert!(
        !spona_store::mail::opted_out(&app.db, "ana@example.org", "group/g-peace")
            .await
            .expect("opted out")
    );

    // One POST as a mail client does it (RFC 8058): no cookie, no CSRF token.
    let http = http().build().expect("client");
    let one_click = || {
        http.post(link)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let r = one_click().await.expect("post");
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.expect("body").contains("Done"));
    assert!(
        spona_store::mail::opted_out(&app.db, "ana@example.org", "group/g-peace")
            .await
            .expect("opted out")
    );
    let audit = spona_store::audit::list(&app.db, Some("mail.unsubscribed"), 10, 0)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
    // Used again: "already", nothing more recorded.
    let r = one_click().await.expect("post");
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.expect("body").contains("already left"));
    assert!(app.client().get(&path).await.body.contains("already left"));
    let audit = spona_store::audit::list(&app.db, Some("mail.unsubscribed"), 10, 0)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
    // Forged tokens: 404, from the page and the POST alike.
    // A signed token with one digit of its MAC changed, or another message's id under
    // this MAC: refused as unknown.
    let token = link.rsplit('/').next().expect("token");
    let (msg_id, mac) = token.split_once('.').expect("id.mac");
    let flipped = if mac.ends_with('0') { "1" } else { "0" };
    let altered = format!(
        "/en/mail/unsubscribe/{msg_id}.{}{flipped}",
        &mac[..mac.len() - 1]
    );
    let other_id = format!("/en/mail/unsubscribe/{}.{mac}", spona_store::new_id());
    for forged in [
        "/en/mail/unsubscribe/zzz",
        &format!("/en/mail/unsubscribe/{}", "a".repeat(64)),
        &altered,
        &other_id,
    ] {
        assert_eq!(app.client().get(forged).await.status, 404, "{forged}");
        let r = http
            .post(format!("{}{forged}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), 404, "{forged}");
    }
    // Nothing of the list is queued to the address any more.
    assert!(!enqueue(&app, &group_mail("ana@example.org", "Again")).await);
    // Mail the person asked for still leaves (no List-* headers).
    let asked = Mail {
        to: "ana@example.org".into(),
        subject: "Reset".into(),
        text: "Your link".into(),
        list: None,
        thread: None,
    };
    assert!(enqueue(&app, &asked).await);
    let files = sink.wait_for(2, 30).await;
    let m = check(&["parse", files[1].to_str().expect("path")]);
    assert_eq!(m["subject"], "Reset");
    assert!(
        m["list_unsubscribe"].is_null() && m["list_id"].is_null(),
        "{m}"
    );

    // Written for a reader of Serbian in Latin script: one footer line, in that locale and
    // script (the list's Cyrillic name too), and the link opens the page in it.
    let mut tx = app.db.begin().await.expect("tx");
    assert!(
        spona_app::mail::enqueue_localized_in(
            &mut tx,
            &group_mail("bo@example.org", "Vesti"),
            spona_domain::Locale::SrLatn
        )
        .await
        .expect("enqueue")
    );
    tx.commit().await.expect("commit");
    let files = sink.wait_for(3, 30).await;
    let m = check(&["parse", files[2].to_str().expect("path")]);
    let text = m["text"].as_str().expect("text");
    let header = m["list_unsubscribe"].as_str().expect("List-Unsubscribe");
    let link = header.trim_matches(|c| c == '<' || c == '>');
    assert!(
        link.starts_with(&format!("{}/sr-Latn/mail/unsubscribe/", app.base)),
        "{link}"
    );
    let footer: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .skip_while(|l| *l != "--")
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        footer.join("\n"),
        format!("Da više ne dobijate poštu liste „Mirovni aktivizam · Peace”: {link}"),
        "{text}"
    );
    assert!(!text.contains("To stop getting mail"), "{text}");
    let page = app.client().get(&path_of(&app, link)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Zaustavi ovu poštu"), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_bounce_marks_the_address_until_it_is_confirmed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let reject = tmp.path().join("reject.txt");
    std::fs::write(&reject, "bounce@example.org\n").expect("reject list");
    let sink = Sink::start(
        &tmp.path().join("sink"),
        &["--reject-file", reject.to_str().expect("path")],
    );
    let url = sink.url();
    let app = TestApp::start_with(|c| c.mail.smtp_url = Some(url)).await;
    app.add_person("bounce@example.org", "Bo Unce").await;
    assert!(enqueue(&app, &group_mail("bounce@example.org", "First")).await);
    // The 550 gives the message up and marks the address.
    let deadline = Instant::now() + Duration::from_secs(30);
    while spona_store::mail_send::bounce(&app.db, "bounce@example.org")
        .await
        .expect("bounce")
        .is_none()
    {
        assert!(Instant::now() < deadline, "the bounce was not recorded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let admin = app.signed_in(ADMIN).await;
    let q = admin.get("/api/v1/admin/mail").await;
    assert_eq!(q.status, 200);
    let q = q.json();
    assert_eq!(q["bouncing"], 1, "{q}");
    assert!(q["failed"].as_i64().expect("failed") >= 1, "{q}");
    assert!(
        q["last_error"].as_str().expect("error").contains("550"),
        "{q}"
    );
    assert!(admin.get("/en/admin/mail").await.body.contains("550"));
    // No more list mail goes to it: queued, then given up unsent.
    assert!(enqueue(&app, &group_mail("bounce@example.org", "Second")).await);
    app.mail_count();
    assert!(sink.files().is_empty());

    // The person sees it and asks for a confirmation mail; the address works again.
    std::fs::write(&reject, "").expect("reject list");
    let me = app.signed_in("bounce@example.org").await;
    let page = me.get("/en/account/mail").await;
    assert!(page.body.contains("refused"), "{}", page.body);
    let r = me.post("/en/account/mail/confirm", &[]).await;
    assert_eq!(r.status, 303);
    assert!(r.location().ends_with("/account/mail?done=sent"));
    let files = sink.wait_for(1, 30).await;
    let m = check(&["parse", files[0].to_str().expect("path")]);
    let text = m["text"].as_str().expect("text");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/mail/confirm/"))
        .expect("a link");
    let path = path_of(&app, link);
    let page = me.get(&path).await;
    assert_eq!(page.status, 200);
    let r = me.post(&path, &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location().ends_with("/mail/confirmed"));
    assert!(
        spona_store::mail_send::bounce(&app.db, "bounce@example.org")
            .await
            .expect("bounce")
            .is_none()
    );
    // The link is used up.
    assert_eq!(me.get(&path).await.status, 400);
    assert_eq!(me.post(&path, &[]).await.status, 400);
    // List mail reaches the address again.
    assert!(enqueue(&app, &group_mail("bounce@example.org", "Third")).await);
    sink.wait_for(2, 30).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_refusing_us_keeps_mail_queued_and_retried() {
    let tmp = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let sink = Sink::start_on(&tmp.path().join("sink"), port, &["--refuse-login"]);
    // It refuses our login (535 to AUTH).
    let url = format!("smtp://spona:wrong@127.0.0.1:{port}?tls=none&timeout=2");
    let app = TestApp::start_with(|c| {
        c.mail.smtp_url = Some(url);
        c.mail.retry_base = Duration::from_secs(1);
    })
    .await;
    assert!(enqueue(&app, &group_mail("ana@example.org", "Waiting")).await);
    let admin = app.signed_in(ADMIN).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let q = loop {
        let q = admin.get("/api/v1/admin/mail").await.json();
        if q["retrying"].as_i64() == Some(1) {
            break q;
        }
        assert!(Instant::now() < deadline, "no retry recorded: {q}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(q["queued"], 1, "the mail stays queued: {q}");
    assert_eq!(q["bouncing"], 0, "a refused login is not a bounce: {q}");
    assert!(
        q["last_error"].as_str().expect("error").contains("535"),
        "{q}"
    );
    assert!(sink.files().is_empty());
    drop(sink);

    // The server is sound again: the message leaves, once.
    let sink = Sink::start_on(&tmp.path().join("good"), port, &["--accept-login"]);
    let files = sink.wait_for(1, 90).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.files().len(), 1, "{files:?}");
    let q = admin.get("/api/v1/admin/mail").await.json();
    assert_eq!(q["queued"], 0, "{q}");
    assert_eq!(q["sent"], 1, "{q}");
}

/// The admin's view of the queue, polled until `done` holds (up to `secs`).
async fn queue_when(admin: &Client, secs: u64, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let q = admin.get("/api/v1/admin/mail").await.json();
        if done(&q) {
            return q;
        }
        assert!(Instant::now() < deadline, "the queue never got there: {q}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_stops_answering_times_out_and_the_mail_waits() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The server greets, then never answers RCPT TO while the stall file exists.
    let stall = tmp.path().join("stall");
    std::fs::write(&stall, "").expect("stall file");
    let sink = Sink::start(
        &tmp.path().join("sink"),
        &["--stall-file", stall.to_str().expect("path")],
    );
    let url = format!("smtp://127.0.0.1:{}?tls=none&timeout=0.5", sink.port);
    let app = TestApp::start_with(|c| {
        c.mail.smtp_url = Some(url);
        c.mail.retry_base = Duration::from_secs(1);
    })
    .await;
    assert!(enqueue(&app, &group_mail("ana@example.org", "Stalled")).await);
    let admin = app.signed_in(ADMIN).await;
    let q = queue_when(&admin, 60, |q| q["retrying"].as_i64() == Some(1)).await;
    assert_eq!(q["queued"], 1, "the mail stays queued: {q}");
    assert_eq!(q["bouncing"], 0, "a silent server is not a bounce: {q}");
    let error = q["last_error"].as_str().expect("error");
    assert!(
        error.contains("did not answer") || error.contains("timed out"),
        "{q}"
    );
    // The admin page says it in words.
    let page = admin.get("/en/admin/mail").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Waiting after a failed attempt"),
        "{}",
        page.body
    );
    assert!(sink.files().is_empty());
    // The server answers again: the message leaves, once.
    std::fs::remove_file(&stall).expect("unstall");
    sink.wait_for(1, 90).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.files().len(), 1);
    let q = queue_when(&admin, 30, |q| q["sent"].as_i64() == Some(1)).await;
    assert_eq!(q["queued"], 0, "{q}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_address_is_given_up_with_its_reason_and_the_rest_leaves() {
    let tmp = tempfile::tempdir().expect("tmp");
    let sink = Sink::start(&tmp.path().join("sink"), &[]);
    let url = sink.url();
    let app = TestApp::start_with(|c| c.mail.smtp_url = Some(url)).await;
    // Queued together: one address that is none, one that is sound.
    let mut tx = app.db.begin().await.expect("tx");
    for to in ["ana at example.org", "bo@example.org"] {
        assert!(
            spona_app::mail::enqueue_in(&mut tx, &group_mail(to, "Both"))
                .await
                .expect("enqueue")
        );
    }
    tx.commit().await.expect("commit");
    let files = sink.wait_for(1, 30).await;
    let m = check(&["parse", files[0].to_str().expect("path")]);
    assert_eq!(m["to"], "bo@example.org");
    let admin = app.signed_in(ADMIN).await;
    let q = queue_when(&admin, 30, |q| q["failed"].as_i64() == Some(1)).await;
    assert_eq!(
        (q["sent"].as_i64(), q["queued"].as_i64()),
        (Some(1), Some(0)),
        "{q}"
    );
    assert!(
        q["last_error"]
            .as_str()
            .expect("error")
            .contains("invalid recipient address"),
        "{q}"
    );
    // Not a bounce of anyone's address.
    assert_eq!(q["bouncing"], 0, "{q}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sink.files().len(), 1);
}
