//! The vault's custody tree (issue 24 item 4, lane log24), on SQLite and PostgreSQL: every
//! custody entry of every case is a leaf of a private Merkle tree appended in the entry's
//! transaction; only its signed checkpoint is published (`/log/custody/checkpoint`, its
//! own note name); `spona custody verify` proves each entry's inclusion and that the tree
//! extends the checkpoint it saw before. A custody entry rewritten in the database is
//! named; the tree's leaf rewritten too is named; and the whole tree rebuilt and re-signed
//! with the deployment's own key is named a fork against the checkpoint kept before.

use spona_tlog::merkle::{MemoryTree, leaf_hash};
use spona_tlog::{Checkpoint, VerifierKey};

use crate::harness::*;
use crate::texts::count;

/// Runs SQL built from test-controlled values (ids and hex hashes).
async fn sql(app: &TestApp, text: String) {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(text))
            .execute(p)
            .await
            .map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(text))
            .execute(p)
            .await
            .map(|_| ()),
    }
    .expect("sql");
}

async fn sign(app: &TestApp) -> spona_store::publog::CheckpointRow {
    let key = app.state().publog_key.as_ref().expect("log key");
    let key = spona_app::publog::custody::key_of(key).expect("custody key");
    spona_app::publog::custody::checkpoint(&app.db, &key)
        .await
        .expect("checkpoint")
}

async fn add_testimony(c: &Client, case: &str) {
    let r = c
        .post(
            &format!("/en/vault/cases/{case}/testimonies/new"),
            TESTIMONY,
        )
        .await;
    assert_eq!(r.status, 303, "testimony: {}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custody_entries_are_proven_in_a_private_tree_and_rewrites_are_found() {
    let app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    add_testimony(&lead, &case).await;
    let entries = count(&app, "SELECT COUNT(*) FROM vault_custody").await;
    assert!(entries >= 3);
    assert_eq!(
        count(&app, "SELECT size FROM custody_tree_head").await,
        entries,
        "every custody entry has its leaf"
    );

    // The published checkpoint (signed every minute; now here) opens with the published
    // key, under its own name.
    sign(&app).await;
    let anon = app.client();
    let cp_text = anon.get("/log/custody/checkpoint").await;
    assert_eq!(cp_text.status, 200);
    let key = VerifierKey::parse(anon.get("/log/custody/key").await.body.trim()).expect("key");
    assert!(key.name().ends_with("/custody"), "{}", key.name());
    let cp = Checkpoint::open(&cp_text.body, &key).expect("signed");
    assert_eq!(cp.size as i64, entries);
    // The public log's key does not open it, and the leaves are nowhere public.
    let log_key = VerifierKey::parse(anon.get("/log/key").await.body.trim()).expect("log key");
    assert!(Checkpoint::open(&cp_text.body, &log_key).is_err());
    let public = anon.get("/api/v1/log/entries?limit=1000").await.body;
    assert!(
        !public.contains(&case),
        "no case is named in the public log"
    );

    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("custody.seen");
    let state_s = state.to_str().expect("path").to_owned();
    let verify = |app: &TestApp| {
        app.run_cli(
            &url,
            &["custody", "verify", "--custody-state", &state_s],
            &[],
        )
    };
    let (ok, out) = tokio::task::block_in_place(|| verify(&app));
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("custody tree: {entries} entries proven included")),
        "{out}"
    );

    // The tree grows with the case; the new checkpoint extends the one seen.
    add_testimony(&lead, &case).await;
    sign(&app).await;
    let (ok, out) = tokio::task::block_in_place(|| verify(&app));
    assert!(ok, "{out}");
    assert!(out.contains("extends the one seen before"), "{out}");

    // 1. A custody entry rewritten in the database: its hash is not the tree's.
    let (seq, hash): (i64, String) =
        match &app.db {
            spona_store::Db::Sqlite(p) => sqlx::query_as(
                "SELECT seq, hash FROM vault_custody WHERE case_id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(&case)
            .fetch_one(p)
            .await,
            spona_store::Db::Postgres(p) => sqlx::query_as(
                "SELECT seq, hash FROM vault_custody WHERE case_id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(&case)
            .fetch_one(p)
            .await,
        }
        .expect("entry");
    let forged = spona_app::publog::version_of(b"a rewritten entry");
    sql(
        &app,
        format!(
            "UPDATE vault_custody SET hash = '{forged}' WHERE case_id = '{case}' AND seq = {seq}"
        ),
    )
    .await;
    let (ok, out) = tokio::task::block_in_place(|| verify(&app));
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "case {case}: custody entry {seq} differs from the one the custody tree holds"
        )),
        "{out}"
    );

    // 2. Its leaf rewritten to match: the signed checkpoint no longer matches the leaves.
    let bytes = spona_store::custodylog::leaf_bytes(&case, seq, &forged);
    let leaf = hex::encode(leaf_hash(&bytes));
    sql(
        &app,
        format!(
            "UPDATE custody_tree_leaves SET entry_hash = '{forged}', leaf = '{leaf}' \
             WHERE case_id = '{case}' AND entry_seq = {seq}"
        ),
    )
    .await;
    let (ok, out) = tokio::task::block_in_place(|| verify(&app));
    assert!(!ok, "{out}");
    assert!(out.contains("does not match the leaves"), "{out}");

    // 3. The whole tree rebuilt from the rewritten leaves and re-signed with the
    //    deployment's own key: only the checkpoint kept before shows the fork.
    let leaves = spona_store::custodylog::leaves(&app.db)
        .await
        .expect("leaves");
    let mut tree = MemoryTree::new();
    for l in &leaves {
        tree.push(leaf_hash(&spona_store::custodylog::leaf_bytes(
            &l.case_id,
            l.entry_seq,
            &l.entry_hash,
        )));
    }
    sql(&app, "DELETE FROM custody_tree_nodes".into()).await;
    sql(&app, "DELETE FROM custody_tree_checkpoints".into()).await;
    let mut values: Vec<String> = tree
        .nodes()
        .iter()
        .map(|(id, h)| format!("({}, {}, '{}')", id.level, id.index, hex::encode(h)))
        .collect();
    values.sort();
    for chunk in values.chunks(200) {
        sql(
            &app,
            format!(
                "INSERT INTO custody_tree_nodes (level, idx, hash) VALUES {}",
                chunk.join(", ")
            ),
        )
        .await;
    }
    sign(&app).await;
    let (ok, out) = tokio::task::block_in_place(|| verify(&app));
    assert!(!ok, "{out}");
    assert!(out.contains("custody tree FORKED"), "{out}");
    assert!(!out.contains("does not match the leaves"), "{out}");
    // The original hash put back everywhere is not enough either: the re-signed checkpoint
    // stays in the table, and it does not match.
    sql(
        &app,
        format!(
            "UPDATE vault_custody SET hash = '{hash}' WHERE case_id = '{case}' AND seq = {seq}"
        ),
    )
    .await;
    let (ok, _) = tokio::task::block_in_place(|| verify(&app));
    assert!(!ok);
}
