//! The public log end to end (issue 24), on SQLite and PostgreSQL: an organisation's edit
//! and a joint text's final and signature each append an entry in their transaction; the
//! signed checkpoint opens with the verifier key `/log/key` shows; inclusion proofs of the
//! entries verify; the pages show their entry; the witness (`spona log verify`) accepts the
//! log, then a grown log, and refuses a checkpoint signed by another key, a shrunk log and a
//! forked (rewritten) log, each naming it; `spona log check` finds a rewritten entry. And
//! `kill -9` of a writer appending an entry with an audit row per transaction, 100 times:
//! the log's tables stay consistent and every entry has its row.

use std::time::Duration;

use serde_json::Value;
use spona_tlog::merkle::verify_inclusion;
use spona_tlog::{Checkpoint, Entry, VerifierKey};

use crate::harness::*;
use crate::texts::{BODY, count, freeze, open_text, sign};

async fn json(c: &Client, path: &str) -> Value {
    let r = c.get(path).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()
}

async fn checkpoint_now(app: &TestApp) {
    let key = app.state().publog_key.as_ref().expect("log key");
    spona_app::publog::checkpoint(&app.db, key)
        .await
        .expect("checkpoint");
}

async fn edit_astra(c: &Client, city: &str) {
    let r = c
        .post(
            "/en/orgs/astra/edit",
            &[
                ("name", "ASTRA – Anti Trafficking Action"),
                ("country", "RS"),
                ("city", city),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

fn entry_of(v: &Value) -> Entry {
    Entry {
        seq: v["seq"].as_u64().expect("seq"),
        time: v["time"].as_str().expect("time").into(),
        kind: v["kind"].as_str().expect("kind").into(),
        object: v["object"].as_str().expect("object").into(),
        action: v["action"].as_str().expect("action").into(),
        version: v["version"].as_str().expect("version").into(),
    }
}

fn h32(s: &str) -> [u8; 32] {
    let mut h = [0u8; 32];
    hex::decode_to_slice(s, &mut h).expect("hex");
    h
}

fn witness(app: &TestApp, args: &[&str]) -> (bool, String) {
    let mut all = vec!["log", "verify", app.base.as_str()];
    all.extend_from_slice(args);
    tokio::task::block_in_place(|| app.run_cli(&None, &all, &[]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_are_logged_proven_and_witnessed() {
    let app = TestApp::start().await;
    let anon = app.client_in_process();
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let before = count(&app, "SELECT COUNT(*) FROM publog_entries").await;

    edit_astra(&astra, "Novi Sad").await;
    let text = open_text(&member, "statement", "Logged statement", BODY).await;
    assert_eq!(freeze(&member, &text, "1").await.status, 303);
    assert_eq!(sign(&astra, &text, "astra").await.status, 303);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM publog_entries").await,
        before + 3,
        "one entry per change"
    );
    checkpoint_now(&app).await;

    // The checkpoint opens with the key the deployment shows.
    let key_text = anon.get("/log/key").await.body;
    let key = VerifierKey::parse(&key_text).expect("verifier key");
    let note = anon.get("/log/checkpoint").await;
    assert_eq!(note.status, 200);
    let cp = Checkpoint::open(&note.body, &key).expect("signed by the log key");
    assert_eq!(cp.size as i64, before + 3);

    // Each object's entries, with inclusion proofs that verify against the checkpoint.
    let org = json(&anon, "/api/v1/log/object?path=/en/orgs/astra").await;
    let last = org["items"]
        .as_array()
        .and_then(|a| a.last())
        .expect("entry")
        .clone();
    assert_eq!(last["action"], "changed");
    let texts = json(&anon, &format!("/api/v1/log/object?path=/texts/{text}")).await;
    let actions: Vec<&str> = texts["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["action"].as_str().expect("action"))
        .collect();
    assert_eq!(actions, ["final:en:1", "signed:astra"]);
    for item in [&last, &texts["items"][0], &texts["items"][1]] {
        let e = entry_of(item);
        assert_eq!(hex::encode(e.leaf_hash()), item["leaf_hash"]);
        let p = json(&anon, &format!("/api/v1/log/entries/{}", e.seq)).await;
        assert_eq!(p["tree_size"].as_u64(), Some(cp.size));
        let proof: Vec<[u8; 32]> = p["proof"]
            .as_array()
            .expect("proof")
            .iter()
            .map(|h| h32(h.as_str().expect("hex")))
            .collect();
        verify_inclusion(e.seq, cp.size, &e.leaf_hash(), &proof, &cp.root).expect("included");
    }
    // The pages show their entry and link its proof.
    let page = anon.get("/en/orgs/astra").await.body;
    assert!(page.contains("Public log: entry"), "{page}");
    let seq = last["seq"].as_i64().expect("seq");
    assert!(page.contains(&format!("/api/v1/log/entries/{seq}\"")));
    let page = anon.get(&format!("/en/texts/{text}")).await.body;
    assert!(page.contains("signed:astra"));
    let log_page = anon.get("/en/log").await;
    assert_eq!(log_page.status, 200);
    assert!(log_page.body.contains(&key.to_string()));

    // Sizes the log has not reached are 409s with a message (the request is well formed: the
    // log's state refuses it), a malformed size 400, an unknown entry or page 404.
    let r = anon.get("/api/v1/log/consistency?old=2&new=999999").await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("has not reached"), "{}", r.body);
    assert_eq!(anon.get("/api/v1/log/entries/0?size=x").await.status, 400);
    assert_eq!(anon.get("/api/v1/log/entries/999999").await.status, 404);
    let r = anon.get("/api/v1/log/object?path=/about").await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(r.body.contains("tlog_err_path"), "{}", r.body);

    // The witness: first sight, then a grown log.
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("witness.json");
    let state_s = state.to_str().expect("path");
    let key_s = key.to_string();
    let org_url = format!("{}/orgs/astra", app.base);
    let text_url = format!("{}/en/texts/{text}", app.base);
    let (ok, out) = witness(
        &app,
        &[
            "--key-text",
            &key_s,
            "--state",
            state_s,
            "--object",
            &org_url,
            "--object",
            &text_url,
        ],
    );
    assert!(ok, "{out}");
    assert!(out.contains("signature by"), "{out}");
    assert_eq!(out.matches("included:").count(), 2, "{out}");
    edit_astra(&astra, "Kragujevac").await;
    checkpoint_now(&app).await;
    let (ok, out) = witness(&app, &["--state", state_s, "--object", &org_url]);
    assert!(ok, "{out}");
    assert!(out.contains("extends the checkpoint"), "{out}");

    // A page the log does not know, and another key.
    let (ok, out) = witness(
        &app,
        &[
            "--state",
            state_s,
            "--object",
            &format!("{}/orgs/no-such", app.base),
        ],
    );
    assert!(!ok && out.contains("NOT PROVEN"), "{out}");
    let stranger =
        spona_app::publog::LogKey::from_key(spona_vault::ServerKey::generate(), key.name())
            .expect("key");
    let (ok, out) = witness(&app, &["--key-text", &stranger.verifier().to_string()]);
    assert!(
        !ok && out.contains("WRONG KEY") && out.contains("not signed by the pinned key"),
        "{out}"
    );

    // The CLI's own check of the tables passes.
    let url = app.cli_database_url().await;
    let (ok, out) = tokio::task::block_in_place(|| app.run_cli(&url, &["log", "check"], &[]));
    assert!(ok, "{out}");

    // A rewritten history, signed with the same key: the witness names the fork.
    let size = count(&app, "SELECT size FROM publog_head").await;
    rewrite_history(&app, size + 2).await;
    checkpoint_now(&app).await;
    let (ok, out) = witness(&app, &["--state", state_s]);
    assert!(!ok && out.contains("FORKED LOG"), "{out}");
    // A shorter one too.
    let saved = std::fs::read_to_string(&state).expect("state");
    rewrite_history(&app, 2).await;
    checkpoint_now(&app).await;
    std::fs::write(&state, saved).expect("state");
    let (ok, out) = witness(&app, &["--state", state_s]);
    assert!(!ok && out.contains("shrank"), "{out}");

    // A rewritten entry in place is found by `spona log check`.
    exec(
        &app,
        "UPDATE publog_entries SET version = 'rewritten' WHERE seq = 1",
    )
    .await;
    let (ok, out) = tokio::task::block_in_place(|| app.run_cli(&url, &["log", "check"], &[]));
    assert!(
        !ok && out.contains("entry 1 does not match its leaf"),
        "{out}"
    );
}

async fn exec(app: &TestApp, sql: &'static str) {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .expect(sql);
}

/// Replaces the whole log with `n` other entries (what a server rewriting history would
/// sign).
async fn rewrite_history(app: &TestApp, n: i64) {
    for sql in [
        "DELETE FROM publog_checkpoints",
        "DELETE FROM publog_nodes",
        "DELETE FROM publog_entries",
        "UPDATE publog_head SET size = 0",
    ] {
        exec(app, sql).await;
    }
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..n {
        spona_app::publog::record_in(&mut tx, "org", &format!("forged-{i}"), "published", "00")
            .await
            .expect("append");
    }
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_appending_leaves_log_and_database_consistent() {
    let app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let cycles: u32 = std::env::var("SPONA_PUBLOG_KILL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for cycle in 0..cycles {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_spona"));
        cmd.arg("--data-dir").arg(app.dir.path());
        if let Some(url) = &url {
            cmd.arg("--database-url").arg(url);
        }
        cmd.args(["log", "append-test"])
            .env_remove("SPONA_DATABASE_URL")
            .env("SPONA_LOG", "error")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().expect("spawn");
        // Wait for the first appends (the child prints every 100th), then kill at a random
        // moment a few milliseconds later.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let stdout = child.stdout.take().expect("stdout");
        let started = tokio::task::spawn_blocking(move || {
            use std::io::BufRead;
            let mut line = String::new();
            std::io::BufReader::new(stdout).read_line(&mut line).ok();
            line
        });
        let _ = tokio::time::timeout(Duration::from_secs(30), started).await;
        tokio::time::sleep(Duration::from_millis(seed % 40)).await;
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        if cycle % 10 == 9 || cycle + 1 == cycles {
            let problem = spona_store::publog::check(&app.db).await.expect("check");
            assert_eq!(problem, None, "after {} kills", cycle + 1);
        }
    }
    // On PostgreSQL a COMMIT sent just before the kill still lands: let it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let entries = count(
        &app,
        "SELECT COUNT(*) FROM publog_entries WHERE kind = 'test'",
    )
    .await;
    let rows = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'publog.test'",
    )
    .await;
    assert_eq!(
        entries, rows,
        "every committed change has its entry and no entry lacks its change"
    );
    assert!(
        entries >= i64::from(cycles),
        "each writer appended before it was killed: {entries}"
    );
    eprintln!("{cycles} kills, {entries} entries, log consistent");
}

/// `bench/publog.sh`: appends per second (one entry per transaction, as a use case does,
/// and 100 per transaction), a checkpoint signed every 1,000 entries, then the p50/p99 of
/// inclusion and consistency proofs over the grown log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/publog.sh"]
async fn bench() {
    use crate::bench_util::env_num;
    let n = env_num("PUBLOG_ENTRIES", 20_000) as i64;
    let proofs = env_num("PUBLOG_PROOFS", 1_000);
    let app = TestApp::start().await;
    let key = app.state().publog_key.as_ref().expect("key");
    let start = std::time::Instant::now();
    for i in 0..n {
        let mut tx = app.db.begin().await.expect("tx");
        spona_app::publog::record_in(&mut tx, "bench", &format!("o{i}"), "published", "00")
            .await
            .expect("append");
        tx.commit().await.expect("commit");
        if i % 1000 == 999 {
            spona_app::publog::checkpoint(&app.db, key)
                .await
                .expect("checkpoint");
        }
    }
    let single = n as f64 / start.elapsed().as_secs_f64();
    let start = std::time::Instant::now();
    for b in 0..n / 100 {
        let mut tx = app.db.begin().await.expect("tx");
        for i in 0..100 {
            spona_app::publog::record_in(&mut tx, "bench", &format!("b{b}-{i}"), "published", "00")
                .await
                .expect("append");
        }
        tx.commit().await.expect("commit");
        if b % 10 == 9 {
            spona_app::publog::checkpoint(&app.db, key)
                .await
                .expect("checkpoint");
        }
    }
    let batched = (n / 100 * 100) as f64 / start.elapsed().as_secs_f64();
    let size = spona_store::publog::size(&app.db).await.expect("size");
    let mut seed = 88172645463325252u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut inc = Vec::with_capacity(proofs);
    let mut con = Vec::with_capacity(proofs);
    for _ in 0..proofs {
        let seq = (next() % size as u64) as i64;
        let t = std::time::Instant::now();
        spona_app::publog::inclusion(&app.db, seq, Some(size))
            .await
            .expect("inclusion");
        inc.push(t.elapsed());
        let old = 1 + (next() % size as u64) as i64;
        let t = std::time::Instant::now();
        spona_app::publog::consistency(&app.db, old, size)
            .await
            .expect("consistency");
        con.push(t.elapsed());
    }
    // Full level-0 tiles (C2SP tlog-tiles), read as `/log/tile/0/<N>` does.
    let mut tiles = Vec::with_capacity(proofs);
    for _ in 0..proofs {
        let k = (next() % (size as u64 / 256).max(1)) as i64;
        let t = std::time::Instant::now();
        spona_store::publog::level_hashes(&app.db, 0, k * 256, 256)
            .await
            .expect("tile");
        tiles.push(t.elapsed());
    }
    tiles.sort();
    inc.sort();
    con.sort();
    let pct = |v: &[Duration], p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    let db = app.db.kind();
    println!(
        "publog bench ({db}): {size} entries; appends/s one per transaction {single:.0}, 100 per transaction {batched:.0} (checkpoint every 1,000); inclusion proof p50 {:?} p99 {:?}; consistency proof p50 {:?} p99 {:?}; full tile p50 {:?} p99 {:?}",
        pct(&inc, 0.5),
        pct(&inc, 0.99),
        pct(&con, 0.5),
        pct(&con, 0.99),
        pct(&tiles, 0.5),
        pct(&tiles, 0.99)
    );
}
