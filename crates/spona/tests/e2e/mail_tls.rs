//! Mail over TLS, for real: `tests/mail/sink.py` with STARTTLS (`--tls starttls`, which
//! refuses mail before it) or TLS from the first byte (`--tls implicit`), its certificate
//! signed by a test CA made in the test (`check.py tls`, openssl) that Spona trusts through
//! `--smtp-ca-file` (`Settings::smtp_ca_file`). A certificate of an unknown CA, one for
//! another host, and a relay that offers no STARTTLS are refused: the mail stays queued with
//! the reason, nothing goes out in plain text, and it leaves once the server is sound.
//! Runs on SQLite and PostgreSQL.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use spona_app::mail::{List, Mail};
use spona_store::mail_send::{self, Stats};

use crate::harness::process::free_port;
use crate::harness::*;
use crate::mail_sink::{Sink, check, db_url_of, sending_server};

/// A test CA and server certificates (see `tests/mail/check.py tls`).
fn certificates(dir: &Path) -> Value {
    check(&["tls", dir.to_str().expect("path")])
}

fn path(v: &Value) -> PathBuf {
    PathBuf::from(v.as_str().expect("a path"))
}

/// The sink on `port` with TLS (`starttls` or `implicit`) and the certificate `cert`
/// (`{"cert": …, "key": …}` of [`certificates`]).
fn tls_sink(dir: &Path, port: u16, mode: &str, cert: &Value) -> Sink {
    let (c, k) = (path(&cert["cert"]), path(&cert["key"]));
    Sink::start_on(
        dir,
        port,
        &[
            "--tls",
            mode,
            "--tls-cert",
            c.to_str().expect("path"),
            "--tls-key",
            k.to_str().expect("path"),
        ],
    )
}

/// The TLS version the sink saw for stored message `file` ("plain" without TLS).
fn tls_of(sink: &Sink, file: &Path) -> String {
    let name = file.file_name().and_then(|n| n.to_str()).expect("name");
    let log = std::fs::read_to_string(sink.dir.with_extension("log")).expect("sink log");
    log.lines()
        .find_map(|l| l.strip_prefix(&format!("stored {name} ")))
        .unwrap_or("not logged")
        .to_owned()
}

fn mail(subject: &str) -> Mail {
    Mail {
        to: "ana@example.org".into(),
        subject: subject.into(),
        text: "Нова тема у групи.\r\nA new thread.".into(),
        list: Some(List {
            id: "group/g-tls".into(),
            name: "TLS".into(),
        }),
        thread: None,
    }
}

async fn enqueue(app: &TestApp, subject: &str) {
    let mut tx = app.db.begin().await.expect("tx");
    assert!(
        spona_app::mail::enqueue_in(&mut tx, &mail(subject))
            .await
            .expect("enqueue")
    );
    tx.commit().await.expect("commit");
}

/// The queue's counts, polled until `done` holds (up to `secs`).
async fn stats_when(app: &TestApp, secs: u64, done: impl Fn(&Stats) -> bool) -> Stats {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let s = mail_send::stats(&app.db).await.expect("stats");
        if done(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "the queue never got there: {s:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// rustls names a certificate for another host either way, with or without the names.
fn wrong_name(s: &Stats) -> bool {
    error_has(s, "not valid for name") || error_has(s, "NotValidForName")
}

fn error_has(s: &Stats, what: &str) -> bool {
    s.last_error
        .as_deref()
        .is_some_and(|e| e.to_ascii_lowercase().contains(&what.to_ascii_lowercase()))
}

/// A server sending to `url`, trusting the CA of `certs`, retrying after a second.
async fn app_sending_to(url: String, certs: &Value) -> TestApp {
    let ca = path(&certs["ca"]);
    TestApp::start_with(|c| {
        c.mail.smtp_url = Some(url);
        c.mail.smtp_ca_file = Some(ca);
        c.mail.retry_base = Duration::from_secs(1);
    })
    .await
}

/// One message sent to a sink of `mode` through `url`, trusting the test CA; checks it
/// arrived whole, over TLS.
async fn arrives_over(mode: &str, scheme: &str) {
    let tmp = tempfile::tempdir().expect("tmp");
    let certs = certificates(&tmp.path().join("certs"));
    let sink = tls_sink(&tmp.path().join("sink"), free_port(), mode, &certs["good"]);
    let url = format!("{scheme}://127.0.0.1:{}?timeout=5", sink.port);
    let app = app_sending_to(url, &certs).await;
    enqueue(&app, "Über TLS — Ђурђевдан").await;
    let files = sink.wait_for(1, 30).await;
    let m = check(&["parse", files[0].to_str().expect("path")]);
    assert_eq!(m["subject"], "Über TLS — Ђурђевдан", "{m}");
    assert_eq!(m["to"], "ana@example.org");
    let tls = tls_of(&sink, &files[0]);
    assert!(
        tls.starts_with("TLSv1.2") || tls.starts_with("TLSv1.3"),
        "{tls}"
    );
    let s = stats_when(&app, 30, |s| s.sent == 1).await;
    assert_eq!(s.queued, 0, "{s:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_arrives_over_starttls_from_a_private_ca() {
    // The sink answers 530 to MAIL before STARTTLS: arriving at all means over TLS.
    arrives_over("starttls", "smtp").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_arrives_over_smtps_from_a_private_ca() {
    arrives_over("implicit", "smtps").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_of_an_unknown_ca_or_another_host_is_refused_and_the_mail_waits() {
    let tmp = tempfile::tempdir().expect("tmp");
    let certs = certificates(&tmp.path().join("certs"));
    // This server only queues; the real binary sends.
    let app = TestApp::start_with(|c| c.mail.sending = false).await;
    enqueue(&app, "Waits for a sound certificate").await;
    let port = free_port();
    let smtp = format!("smtp://127.0.0.1:{port}?timeout=2");
    let log = tmp.path().join("serve.log");
    let sink = tls_sink(
        &tmp.path().join("stranger"),
        port,
        "starttls",
        &certs["unknown_ca"],
    );
    // The real binary sends, the CA file named in its environment.
    let child = sending_server(
        app.dir.path(),
        &tmp.path().join("data"),
        &db_url_of(&app).await,
        &smtp,
        &["--mail-retry-seconds", "1"],
        &[("SPONA_SMTP_CA_FILE", &path(&certs["ca"]))],
        &log,
    );

    // Signed by a CA nobody configured: refused, retried, the reason kept and logged.
    let s = stats_when(&app, 60, |s| s.retrying == 1 && error_has(s, "certificate")).await;
    assert_eq!(s.queued, 1, "the mail stays queued: {s:?}");
    assert_eq!(s.bouncing, 0, "a bad certificate is not a bounce: {s:?}");
    assert!(error_has(&s, "UnknownIssuer"), "{s:?}");
    assert!(error_has(&s, "STARTTLS with 127.0.0.1"), "{s:?}");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("sending mail failed; will try again") && logged.contains("UnknownIssuer"),
        "{logged}"
    );
    assert!(sink.files().is_empty());
    drop(sink);

    // Signed by the trusted CA, but for another host: refused too.
    let sink = tls_sink(
        &tmp.path().join("elsewhere"),
        port,
        "starttls",
        &certs["wrong_host"],
    );
    let s = stats_when(&app, 60, wrong_name).await;
    assert_eq!((s.queued, s.sent, s.bouncing), (1, 0, 0), "{s:?}");
    assert!(sink.files().is_empty());
    drop(sink);

    // A sound certificate: the message leaves, once.
    let sink = tls_sink(&tmp.path().join("sound"), port, "starttls", &certs["good"]);
    let files = sink.wait_for(1, 90).await;
    assert!(tls_of(&sink, &files[0]).starts_with("TLSv1."));
    let s = stats_when(&app, 30, |s| s.sent == 1).await;
    assert_eq!(s.queued, 0, "{s:?}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sink.files().len(), 1);
    drop(child);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_without_starttls_gets_nothing_in_plain_text() {
    let tmp = tempfile::tempdir().expect("tmp");
    let certs = certificates(&tmp.path().join("certs"));
    // A sink that offers no STARTTLS and takes plain mail.
    let sink = Sink::start(&tmp.path().join("plain"), &[]);
    let url = format!("smtp://127.0.0.1:{}?tls=starttls&timeout=2", sink.port);
    let app = app_sending_to(url, &certs).await;
    enqueue(&app, "Never in plain text").await;
    let s = stats_when(&app, 60, |s| s.retrying == 1).await;
    assert!(error_has(&s, "STARTTLS is not supported"), "{s:?}");
    assert_eq!((s.queued, s.bouncing), (1, 0), "{s:?}");
    // Another attempt, and still nothing went out.
    let first = s.last_error.clone();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(sink.files().is_empty(), "mail went out without TLS");
    let s = mail_send::stats(&app.db).await.expect("stats");
    assert_eq!((s.queued, s.sent), (1, 0), "{s:?} after {first:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtps_to_a_certificate_for_another_host_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let certs = certificates(&tmp.path().join("certs"));
    let sink = tls_sink(
        &tmp.path().join("sink"),
        free_port(),
        "implicit",
        &certs["wrong_host"],
    );
    let url = format!("smtps://127.0.0.1:{}?timeout=2", sink.port);
    let app = app_sending_to(url, &certs).await;
    enqueue(&app, "Not to that host").await;
    let s = stats_when(&app, 60, |s| s.retrying == 1).await;
    assert!(error_has(&s, "TLS with 127.0.0.1"), "{s:?}");
    assert!(wrong_name(&s), "{s:?}");
    assert_eq!((s.queued, s.bouncing), (1, 0), "{s:?}");
    assert!(sink.files().is_empty());
}
