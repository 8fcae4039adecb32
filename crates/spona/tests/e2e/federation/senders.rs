//! Two senders on one database (issue 20): two `spona serve` processes of one deployment
//! (Belgrade: the same database — PostgreSQL in the PostgreSQL run, one SQLite file
//! otherwise — and the same federation keys) empty one outbox. Two hundred packets, each its own
//! conversation so that all are due at once, are queued in one transaction; Prishtina (a
//! third process, SQLite) receives each exactly once: its log names no repeated delivery,
//! and every packet was claimed by one of the two senders.

use std::path::Path;
use std::process::Stdio;

use serde_json::json;
use spona_app::federation::keys::{FedKeys, Settings};
use spona_app::federation::outbox::{Outbound, queue_in};
use spona_domain::federation::PacketKind;
use spona_store::Db;
use spona_store::federation::packets;

use super::eventually;
use super::processes::{
    DEMO_ADMIN, DEMO_PASSWORD, Server, add, org_in_document, post_ok, start, up,
};
use crate::harness::process::{free_port, spona_command};
use crate::harness::*;

const PACKETS: usize = 200;

/// Copies the deployment's key files (federation and vault) so that a second process
/// speaks as the same deployment.
fn copy_keys(from: &Path, to: &Path) {
    for dir in ["federation", "vault"] {
        let (src, dst) = (from.join(dir), to.join(dir));
        if !src.is_dir() {
            continue;
        }
        std::fs::create_dir_all(&dst).expect("mkdir");
        for entry in std::fs::read_dir(&src).expect("read dir") {
            let entry = entry.expect("entry");
            if entry.file_type().expect("type").is_file() {
                std::fs::copy(entry.path(), dst.join(entry.file_name())).expect("copy");
            }
        }
    }
}

/// Prishtina, with its log (warnings: every refused packet) in `log`.
async fn receiver(data: &Path, port: u16, log: &Path) -> Server {
    let base = format!("http://127.0.0.1:{port}");
    let child = spona_command(data)
        .arg("serve")
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--demo")
        // The log goes to standard output.
        .stdout(std::fs::File::create(log).expect("log file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn spona serve");
    up(&base).await;
    Server { child, base }
}

/// Belgrade (one `spona serve` over the test's database) and Prishtina (a `--demo` SQLite
/// process logging to `log`), paired through their pages, ASTRA exchanging with ASTRA.
pub(super) struct Processes {
    pub belgrade: Server,
    /// Kept running as long as the value lives.
    pub _prishtina: Server,
    /// Belgrade's database, its address for another process, its data directory.
    pub db: Db,
    pub url: String,
    pub app: TestApp,
    pub prishtina_dir: tempfile::TempDir,
    /// Prishtina as Belgrade's partner; the two organisations' ids.
    pub partner: String,
    pub astra: String,
    pub there: String,
}

pub(super) async fn paired_processes() -> Processes {
    let mut app = TestApp::start().await;
    app.stop().await;
    let dir = app.dir.path().to_owned();
    let url = app
        .cli_database_url()
        .await
        .unwrap_or_else(|| format!("sqlite://{}", dir.join("spona.db").display()));
    let db = app.db.clone();
    let belgrade = start(&dir, Some(url.as_str()), free_port(), false).await;
    let prishtina_dir = tempfile::tempdir().expect("tempdir");
    let prishtina = receiver(
        prishtina_dir.path(),
        free_port(),
        &prishtina_dir.path().join("serve.log"),
    )
    .await;

    let b = Client::new(&belgrade.base);
    assert_eq!(b.signin(ADMIN, PASSWORD).await.status, 303);
    let p = Client::new(&prishtina.base);
    assert_eq!(p.signin(DEMO_ADMIN, DEMO_PASSWORD).await.status, 303);
    let p_on_b = add(&b, &p, &prishtina.base).await;
    let b_on_p = add(&p, &b, &belgrade.base).await;
    let astra = org_in_document(&belgrade.base, "astra").await;
    let there = org_in_document(&prishtina.base, "astra").await;
    for (c, partner, local, remote) in
        [(&b, &p_on_b, &astra, &there), (&p, &b_on_p, &there, &astra)]
    {
        post_ok(
            c,
            &format!("/en/admin/federation/partners/{partner}/links"),
            &[
                ("local", local.as_str()),
                ("remote", remote.as_str()),
                ("action", "add"),
            ],
        )
        .await;
    }
    Processes {
        belgrade,
        _prishtina: prishtina,
        db,
        url,
        app,
        prishtina_dir,
        partner: p_on_b,
        astra,
        there,
    }
}

impl Processes {
    /// Queues a ping in each of `conversations`, in one transaction; their ids.
    pub async fn queue_pings(&self, conversations: &[String]) -> Vec<String> {
        let settings = Settings::for_data_dir(self.app.dir.path(), &self.belgrade.base);
        let keys = FedKeys::open(&settings.dir, true).expect("keys");
        let mut tx = self.db.begin().await.expect("tx");
        let mut ids = Vec::new();
        for conversation in conversations {
            ids.push(
                queue_in(
                    &mut tx,
                    &keys,
                    &settings,
                    Outbound {
                        partner_id: &self.partner,
                        from_org: &self.astra,
                        to_org: &self.there,
                        conversation,
                        kind: PacketKind::Ping,
                        data: json!({}),
                    },
                    spona_store::now(),
                )
                .await
                .expect("queued"),
            );
        }
        tx.commit().await.expect("commit");
        ids
    }

    pub async fn prishtina_db(&self) -> Db {
        Db::connect(&format!(
            "sqlite://{}",
            self.prishtina_dir.path().join("spona.db").display()
        ))
        .await
        .expect("prishtina db")
    }

    pub fn prishtina_log(&self) -> String {
        std::fs::read_to_string(self.prishtina_dir.path().join("serve.log")).expect("log")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_senders_on_one_database_send_each_packet_once() {
    let s = paired_processes().await;
    // The second sender: the same database and keys, its own data directory otherwise.
    let dir2 = tempfile::tempdir().expect("tempdir");
    copy_keys(s.app.dir.path(), dir2.path());
    let second = start(dir2.path(), Some(s.url.as_str()), free_port(), false).await;

    let conversations: Vec<String> = (0..PACKETS).map(|n| format!("senders:{n}")).collect();
    s.queue_pings(&conversations).await;
    eventually("every packet delivered", || async {
        let out = sent(&s.db).await;
        out.len() == PACKETS && out.iter().all(|o| o.state != "queued")
    })
    .await;
    let out = sent(&s.db).await;
    assert!(out.iter().all(|o| o.attempts == 1), "one attempt each");
    assert!(out.iter().all(|o| o.claimed_by.is_some()), "each claimed");
    let senders: std::collections::BTreeSet<_> =
        out.iter().filter_map(|o| o.claimed_by.clone()).collect();
    eprintln!("packets claimed by {} sender(s)", senders.len());

    let mut got = packets::inbox(&s.prishtina_db().await, 1000)
        .await
        .expect("db");
    got.retain(|i| i.conversation.starts_with("senders:"));
    assert_eq!(got.len(), PACKETS, "each received");
    let log = s.prishtina_log();
    assert!(
        log.contains("WARN") || log.is_empty(),
        "the log is read: {log}"
    );
    assert!(
        !log.contains("received already"),
        "a packet was posted twice:\n{log}"
    );
    drop(second);
}

async fn sent(db: &Db) -> Vec<packets::Outgoing> {
    let mut out = packets::outbox(db, 1000).await.expect("db");
    out.retain(|o| o.conversation.starts_with("senders:"));
    out
}
