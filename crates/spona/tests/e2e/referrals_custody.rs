//! Referrals' signed custody heads (issue 19): every change and view signs the chain's new
//! head with the server's key and records it in `heads.log`; `spona custody verify` checks
//! every referral's chain and head and names the referral of each thing done to the tables;
//! `spona vault rotate-signing-key` records the change in every referral's chain and
//! re-signs its head.

use spona_domain::referral::Answer;
use spona_vault::{KeyTrust, ServerKey, ServerPublicKey, changes_in};

use crate::harness::*;
use crate::referrals::{
    ATINA_WORKER, PVPT_WORKER, actor, answer_as_pvpt, draft, refer, refer_answered, world,
};

/// Runs SQL with text parameters on either database.
async fn exec(app: &TestApp, sql: &str, args: &[&str]) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            let mut q = sqlx::query(sql);
            for a in args {
                q = q.bind(*a);
            }
            q.execute(p).await.map(|_| ())
        }
        spona_store::Db::Postgres(p) => {
            let mut q = sqlx::query(sql);
            for a in args {
                q = q.bind(*a);
            }
            q.execute(p).await.map(|_| ())
        }
    }
    .expect("sql");
}

fn custody_verify(app: &TestApp, url: &Option<String>) -> (bool, String) {
    app.run_cli(url, &["custody", "verify"], &[])
}

fn signing_key(app: &TestApp) -> ServerPublicKey {
    ServerKey::load(&app.dir.path().join("vault/server-ed25519.key"))
        .expect("signing key")
        .public()
}

/// The referral's head as stored verifies with `key` and names its last entry.
async fn head_verifies(app: &TestApp, id: &str, key: &ServerPublicKey) -> bool {
    let entries = spona_store::referrals::custody(&app.db, id)
        .await
        .expect("custody");
    let head = spona_store::referrals::heads::head(&app.db, id)
        .await
        .expect("head")
        .expect("a signed head");
    let last = entries.last().expect("entries");
    let signed =
        spona_app::referrals::custody::signed_head(app.vault(), Some(&head)).expect("head");
    head.seq as u64 == last.seq && head.hash == last.hash && key.verify_head(&signed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custody_verify_checks_every_referral_and_names_the_one_tampered_with() {
    let app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let w = world(&app).await;
    let id = refer_answered(
        &app,
        &w,
        &draft(&w, "Ash Fictitious"),
        Answer::MoreInfo,
        "Which town?",
    )
    .await;
    let other = refer(&app, &w, &draft(&w, "Elm Fictitious")).await;
    // Each change signed its head, and `heads.log` holds the heads as `referral:<id>`.
    assert!(head_verifies(&app, &id, &signing_key(&app)).await);
    let heads = std::fs::read_to_string(app.dir.path().join("vault/heads.log")).expect("heads");
    assert!(heads.contains(&format!("referral:{id}")), "{heads}");
    // The referral page's reading checks the signed head too.
    let (_, intact) =
        spona_app::referrals::custody(&actor(&app, ATINA_WORKER).await, &app.db, app.vault(), &id)
            .await
            .expect("custody");
    assert!(intact);

    let (ok, out) = custody_verify(&app, &url);
    assert!(ok, "untouched, everything verifies: {out}");
    assert!(out.contains("all 2 referrals verified"), "{out}");
    assert!(
        out.contains(&format!("referral {id}:")) && out.contains("signed head intact"),
        "{out}"
    );

    // An entry altered in the table.
    exec(
        &app,
        "UPDATE referral_custody SET actor = 'someone else' WHERE referral_id = $1 AND seq = 1",
        &[&id],
    )
    .await;
    let (ok, out) = custody_verify(&app, &url);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("referral {id}: custody: entry 1 was altered")),
        "{out}"
    );
    assert!(
        !out.contains(&format!("referral {other}: custody")),
        "{out}"
    );
    let (_, intact) =
        spona_app::referrals::custody(&actor(&app, PVPT_WORKER).await, &app.db, app.vault(), &id)
            .await
            .expect("custody");
    assert!(!intact, "the page shows the chain broken");

    // A head whose signature is not the server's (the other referral's, for instance).
    let forged = ServerKey::generate().sign_head(&format!("referral:{other}"), 0, "x");
    exec(
        &app,
        "UPDATE referral_heads SET signature = $2 WHERE referral_id = $1",
        &[&other, &forged.signature],
    )
    .await;
    // A status moved on in the table, with no custody entry for it.
    let third = refer(&app, &w, &draft(&w, "Oak Fictitious")).await;
    exec(
        &app,
        "UPDATE referrals SET status = 'accepted' WHERE id = $1",
        &[&third],
    )
    .await;
    let (ok, out) = custody_verify(&app, &url);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "referral {other}: custody: the signature of the log head is invalid"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "referral {third}: custody: the status is accepted in the table, its custody chain records sent"
        )),
        "{out}"
    );

    // A referral deleted: `heads.log` remembers it.
    exec(&app, "DELETE FROM referrals WHERE id = $1", &[&third]).await;
    let (ok, out) = custody_verify(&app, &url);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("referral:{third} was deleted")),
        "{out}"
    );
    // The last entry removed: the signed head names an entry that is gone.
    exec(
        &app,
        "DELETE FROM referral_custody WHERE referral_id = $1 AND seq = (SELECT MAX(seq) FROM referral_custody WHERE referral_id = $1)",
        &[&other],
    )
    .await;
    let (ok, out) = custody_verify(&app, &url);
    assert!(!ok, "{out}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(&other) && (l.contains("removed") || l.contains("rolled back")))
        .collect();
    assert!(!lines.is_empty(), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotating_the_signing_key_resigns_every_referral_head() {
    let mut app = TestApp::start().await;
    let url = app.cli_database_url().await;
    let w = world(&app).await;
    let id = refer(&app, &w, &draft(&w, "Pine Fictitious")).await;
    let old = signing_key(&app);

    let (ok, out) = app.run_cli(&url, &["vault", "rotate-signing-key"], &[]);
    assert!(ok, "{out}");
    assert!(
        out.contains("1 referrals' custody chains record the change too"),
        "{out}"
    );
    let new = signing_key(&app);
    assert_ne!(new, old);
    let entries = spona_store::referrals::custody(&app.db, &id)
        .await
        .expect("custody");
    let last = entries.last().expect("entry");
    assert_eq!(last.action, "rotate-signing-key");
    assert!(last.reason.contains(&old.to_hex()) && last.reason.contains(&new.to_hex()));
    // The head is the new key's; the chain leads there from the old one.
    assert!(head_verifies(&app, &id, &new).await);
    assert!(!head_verifies(&app, &id, &old).await);
    let trust = KeyTrust::new(old, changes_in(&entries));
    assert!(trust.forward().contains(&new));

    let (ok, out) = custody_verify(&app, &url);
    assert!(ok, "{out}");
    assert!(out.contains("all 1 referrals verified"), "{out}");
    let old_text = old.to_text();
    let (ok, out) = app.run_cli(
        &url,
        &["custody", "verify", "--trusted-key", old_text.trim()],
        &[],
    );
    assert!(ok, "from the old key too: {out}");

    // The server goes on with the new key.
    app.restart().await;
    answer_as_pvpt(&app, &id, Answer::Accept, "").await;
    assert!(head_verifies(&app, &id, &new).await);
    let (ok, out) = custody_verify(&app, &url);
    assert!(ok, "{out}");
}
