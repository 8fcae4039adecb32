//! Two real `spona serve` processes on loopback, each with its own database: Belgrade over
//! the test's database (PostgreSQL when `SPONA_TEST_DATABASE_URL` names it, SQLite
//! otherwise) with the fixtures, Prishtina over SQLite with `--demo`. Paired through their
//! pages; a note Belgrade → Prishtina and back, each acknowledged; Prishtina stopped, three
//! notes queue, Prishtina starts again and receives each exactly once, in order.
//! (Network namespaces and TLS with a test CA are a later slice.)

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use spona_store::Db;
use spona_store::federation::packets;

use super::eventually;
use crate::harness::process::{free_port, spona_command};
use crate::harness::*;

pub(super) const DEMO_ADMIN: &str = "admin@spona.example";
pub(super) const DEMO_PASSWORD: &str = "demo password for Spona";

pub(super) struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn serve(data: &Path, database_url: Option<&str>, port: u16, demo: bool) -> Child {
    let mut cmd = spona_command(data);
    if let Some(url) = database_url {
        cmd.arg("--database-url").arg(url);
    }
    cmd.arg("serve")
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"));
    if demo {
        cmd.arg("--demo");
    }
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn spona serve")
}

pub(super) async fn up(base: &str) {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not start");
}

pub(super) async fn start(
    data: &Path,
    database_url: Option<&str>,
    port: u16,
    demo: bool,
) -> Server {
    let base = format!("http://127.0.0.1:{port}");
    let child = serve(data, database_url, port, demo);
    up(&base).await;
    Server { child, base }
}

fn fingerprint_on(page: &str) -> String {
    let start = page
        .find("<strong class=\"fingerprint\">")
        .expect("fingerprint")
        + 28;
    let end = page[start..].find('<').expect("end") + start;
    page[start..end].trim().to_owned()
}

/// Signs in on `base`, reads the other's fingerprint from its page, adds it; the partner id.
pub(super) async fn add(here: &Client, there: &Client, there_base: &str) -> String {
    let fp = fingerprint_on(&there.get("/en/admin/federation").await.body);
    let r = here
        .post(
            "/en/admin/federation/partners",
            &[("url", there_base), ("fingerprint", fp.as_str())],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location()
        .trim_start_matches("/en/admin/federation/partners/")
        .split('?')
        .next()
        .expect("id")
        .to_owned()
}

/// The id of the organisation `slug` in the key document at `base`.
pub(super) async fn org_in_document(base: &str, slug: &str) -> String {
    let doc: serde_json::Value = reqwest::get(format!("{base}/.well-known/spona-federation"))
        .await
        .expect("document")
        .json()
        .await
        .expect("json");
    doc["document"]["organisations"]
        .as_array()
        .expect("organisations")
        .iter()
        .find(|o| o["slug"] == slug)
        .unwrap_or_else(|| panic!("{slug} in {doc}"))["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

pub(super) async fn post_ok(c: &Client, path: &str, fields: &[(&str, &str)]) {
    let r = c.post(path, fields).await;
    assert_eq!(r.status, 303, "{path}: {}", r.body);
}

async fn note(c: &Client, partner: &str, from: &str, to: &str, text: &str) {
    post_ok(
        c,
        &format!("/en/admin/federation/partners/{partner}/notes"),
        &[
            ("from", from),
            ("to", to),
            ("text", text),
            ("action", "note"),
        ],
    )
    .await;
}

async fn states(db: &Db) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = packets::outbox(db, 100)
        .await
        .expect("db")
        .into_iter()
        .filter(|o| o.kind == "note")
        .map(|o| (o.id, o.state))
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_exchange_and_a_server_that_was_down_catches_up_in_order() {
    // Belgrade: the test's database (PostgreSQL in the PostgreSQL run), served by a process.
    let mut belgrade_app = TestApp::start().await;
    belgrade_app.stop().await;
    let belgrade_url = belgrade_app.cli_database_url().await;
    let belgrade_db = belgrade_app.db.clone();
    let belgrade = start(
        belgrade_app.dir.path(),
        belgrade_url.as_deref(),
        free_port(),
        false,
    )
    .await;
    // Prishtina: SQLite with the demo data.
    let prishtina_dir = tempfile::tempdir().expect("tempdir");
    let prishtina_port = free_port();
    let mut prishtina = start(prishtina_dir.path(), None, prishtina_port, true).await;
    let prishtina_db = Db::connect(&format!(
        "sqlite://{}",
        prishtina_dir.path().join("spona.db").display()
    ))
    .await
    .expect("prishtina db");

    let b = Client::new(&belgrade.base);
    assert_eq!(b.signin(ADMIN, PASSWORD).await.status, 303);
    let p = Client::new(&prishtina.base);
    assert_eq!(p.signin(DEMO_ADMIN, DEMO_PASSWORD).await.status, 303);
    let p_on_b = add(&b, &p, &prishtina.base).await;
    let b_on_p = add(&p, &b, &belgrade.base).await;
    let astra = org_in_document(&belgrade.base, "astra").await;
    let there = org_in_document(&prishtina.base, "astra").await;
    post_ok(
        &b,
        &format!("/en/admin/federation/partners/{p_on_b}/links"),
        &[
            ("local", astra.as_str()),
            ("remote", there.as_str()),
            ("action", "add"),
        ],
    )
    .await;
    post_ok(
        &p,
        &format!("/en/admin/federation/partners/{b_on_p}/links"),
        &[
            ("local", there.as_str()),
            ("remote", astra.as_str()),
            ("action", "add"),
        ],
    )
    .await;
    // There and back.
    note(&b, &p_on_b, &astra, &there, "Belgrade → Prishtina").await;
    eventually("Belgrade's note accepted", || async {
        states(&belgrade_db)
            .await
            .iter()
            .all(|(_, s)| s == "accepted")
    })
    .await;
    note(&p, &b_on_p, &there, &astra, "Prishtina → Belgrade").await;
    eventually("Prishtina's note accepted", || async {
        let s = states(&prishtina_db).await;
        !s.is_empty() && s.iter().all(|(_, s)| s == "accepted")
    })
    .await;

    // Prishtina stops; three notes queue.
    let _ = prishtina.child.kill();
    let _ = prishtina.child.wait();
    for n in 1..=3 {
        note(&b, &p_on_b, &astra, &there, &format!("while down {n}")).await;
    }
    eventually("a failed attempt", || async {
        packets::outbox(&belgrade_db, 100)
            .await
            .expect("db")
            .iter()
            .any(|o| o.attempts > 0 && o.last_error.is_some())
    })
    .await;
    let queued: Vec<String> = {
        let mut o = packets::outbox(&belgrade_db, 100).await.expect("db");
        o.retain(|o| o.kind == "note" && o.state == "queued");
        o.sort_by_key(|o| o.seq);
        o.into_iter().map(|o| o.id).collect()
    };
    assert_eq!(queued.len(), 3);
    // It starts again and receives each once, in order.
    prishtina.child = serve(prishtina_dir.path(), None, prishtina_port, true);
    up(&prishtina.base).await;
    eventually("the three delivered", || async {
        let all = packets::outbox(&belgrade_db, 100).await.expect("db");
        queued.iter().all(|id| {
            all.iter()
                .any(|o| &o.id == id && matches!(o.state.as_str(), "delivered" | "accepted"))
        })
    })
    .await;
    let mut got: Vec<_> = packets::inbox(&prishtina_db, 100)
        .await
        .expect("db")
        .into_iter()
        .filter(|i| i.kind == "note")
        .collect();
    got.sort_by_key(|i| i.seq);
    assert_eq!(got.len(), 4, "one before, three after: each once");
    for (n, id) in queued.iter().enumerate() {
        assert_eq!(&got[n + 1].id, id);
        assert_eq!(got[n + 1].seq, n as i64 + 2);
    }
    assert!(got.windows(2).all(|w| w[0].received_at <= w[1].received_at));
}
