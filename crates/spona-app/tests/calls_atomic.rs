//! Calls' changes are atomic: a call, its terms, its one-time key and its audit entry commit
//! together or not at all. A fault injected before the commit (`SPONA_TEST_FAULT=tx:<point>`,
//! see `spona_store::tx::fault_point`) leaves no call, no terms, no audit entry and the key
//! unused (create), or the call as it was (edit).
//!
//! As in `directory_atomic.rs`, each faulty run happens in a child process of this test
//! binary that runs only [`interrupted_call_changes_leave_nothing_half_done`].
//!
//! Runs on SQLite, and on PostgreSQL when `SPONA_TEST_DATABASE_URL` names it.

use spona_app::Actor;
use spona_app::calls;
use spona_domain::call::{CallDraft, in_zone, zone};
use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::PlatformRole;
use spona_store::Db;
use spona_store::idempotency::Once;

const TEST: &str = "interrupted_call_changes_leave_nothing_half_done";
const FAULTS: [&str; 2] = ["call.created", "call.edited"];

async fn fixture() -> (Db, tempfile::TempDir, Actor) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = match std::env::var("SPONA_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!("t_{}", &spona_store::new_token()[..16]);
            Db::connect_in_schema(&url, Some(&schema))
                .await
                .expect("postgres")
        }
        _ => Db::connect(&format!(
            "sqlite://{}",
            dir.path().join("spona.db").display()
        ))
        .await
        .expect("sqlite"),
    };
    db.migrate().await.expect("migrations");
    let id =
        spona_store::users::create(&db, "admin@test.example", "Admin", "x", PlatformRole::Admin)
            .await
            .expect("admin");
    let user = spona_store::users::get(&db, &id).await.expect("admin");
    let profile = OrgDraft {
        name: "ASTRA".into(),
        country: "RS".into(),
        city: "Beograd".into(),
        contact_visibility: "public".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid");
    spona_store::orgs::create(&db, &Slug::parse("astra").expect("slug"), &profile)
        .await
        .expect("org");
    (db, dir, Actor::signed_in(user, Vec::new()))
}

fn draft(title: &str) -> CallDraft {
    let tz = zone("Europe/Kyiv").expect("zone");
    let (day, _, _) = in_zone(spona_store::now() + 30 * 86_400, &tz).expect("day");
    CallDraft {
        kind: "fellowship".into(),
        written: "uk".into(),
        title: title.into(),
        deadline: format!("{day}T18:00"),
        zone: "Europe/Kyiv".into(),
        amount: "1500,50".into(),
        currency: "EUR".into(),
        countries: vec!["UA".into(), "MD".into()],
        themes: vec!["youth".into()],
        languages: vec!["uk".into()],
        ..Default::default()
    }
}

fn once(key: &str) -> Once {
    Once {
        key: key.into(),
        user_id: None,
        location: "/en/calls/{id}".into(),
    }
}

async fn audited(db: &Db, action: &str) -> i64 {
    spona_store::audit::count(db, Some(action))
        .await
        .expect("count")
}

fn faulted<T>(result: spona_app::Result<T>) {
    match result {
        Ok(_) => panic!("the use case went through its fault point"),
        Err(e) => assert!(e.to_string().contains("test fault injected"), "{e}"),
    }
}

/// Without a fault, a call and its changes read back as written, with their audit entries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_commit_with_their_terms_and_audit_entries() {
    if std::env::var_os("SPONA_TEST_FAULT").is_some() {
        return;
    }
    let (db, _dir, admin) = fixture().await;
    let id = calls::create(&db, &admin, "astra", &draft("Стипендія"), Some(&once("k1")))
        .await
        .expect("create");
    let c = calls::read(&db, &id).await.expect("read");
    assert_eq!(c.title, "Стипендія");
    assert_eq!(c.org_slug.as_deref(), Some("astra"));
    assert_eq!(c.terms.countries, ["MD", "UA"]);
    assert_eq!(c.terms.themes, ["youth"]);
    assert_eq!(c.amount.as_ref().map(|a| a.minor), Some(150_050));
    assert_eq!(c.zone, "Europe/Kyiv");
    assert_eq!(c.sequence, 0);
    assert_eq!(
        calls::draft_of(&c).validate(spona_store::now()).map(|_| ()),
        Ok(())
    );
    assert_eq!(audited(&db, "call.created").await, 1);

    let mut changed = draft("Стипендія, нова");
    changed.countries = vec!["UA".into()];
    calls::update(&db, &admin, &id, &changed)
        .await
        .expect("update");
    calls::set_status(&db, &admin, &id, "withdrawn")
        .await
        .expect("withdraw");
    let c = calls::read(&db, &id).await.expect("read");
    assert_eq!(c.title, "Стипендія, нова");
    assert_eq!(c.terms.countries, ["UA"]);
    assert_eq!(c.status.as_str(), "withdrawn");
    assert_eq!(c.sequence, 2, "every change raises the sequence");
    assert_eq!(audited(&db, "call.edited").await, 1);
    assert_eq!(audited(&db, "call.status").await, 1);

    // An admin may post for no organisation only when naming the funder.
    let err = calls::create(&db, &admin, "", &draft("Без донора"), None).await;
    assert!(matches!(err, Err(spona_app::Error::Invalid(ref e)) if e[0].field == "funder"));
    let mut funded = draft("З донором");
    funded.funder = "Fund".into();
    calls::create(&db, &admin, "", &funded, None)
        .await
        .expect("funder's call");
}

/// Each fault point in a child process of its own; see the module's documentation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_call_changes_leave_nothing_half_done() {
    let Ok(fault) = std::env::var("SPONA_TEST_FAULT") else {
        for point in FAULTS {
            let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
                .args(["--exact", TEST, "--nocapture", "--test-threads=1"])
                .env("SPONA_TEST_FAULT", format!("tx:{point}"))
                .output()
                .expect("child test");
            assert!(
                out.status.success(),
                "fault {point}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                String::from_utf8_lossy(&out.stdout).contains(&format!("checked {point}")),
                "the child ran the scenario for {point}"
            );
        }
        return;
    };
    let point = fault.strip_prefix("tx:").expect("a transaction fault");
    let (db, _dir, admin) = fixture().await;
    match point {
        "call.created" => {
            faulted(
                calls::create(&db, &admin, "astra", &draft("Стипендія"), Some(&once("k2"))).await,
            );
            assert!(
                spona_store::calls::list(&db)
                    .await
                    .expect("list")
                    .is_empty()
            );
            assert_eq!(audited(&db, "call.created").await, 0);
            assert_eq!(
                spona_store::idempotency::answered(&db, "k2", None)
                    .await
                    .expect("db"),
                None,
                "the one-time key is unused"
            );
        }
        "call.edited" => {
            // Made through the store, so that only the edit meets the fault.
            let values = draft("Стипендія")
                .validate(spona_store::now())
                .expect("valid");
            let astra = spona_store::orgs::get_by_slug(&db, "astra")
                .await
                .expect("astra");
            let id = spona_domain::ids::CallId::from(spona_store::new_id());
            let mut tx = db.begin().await.expect("tx");
            spona_store::calls::create_in(&mut tx, &id, Some(&astra.id), None, &values, None)
                .await
                .expect("create");
            tx.commit().await.expect("commit");
            let before = calls::read(&db, &id).await.expect("read");
            let mut changed = draft("Змінено");
            changed.countries = vec!["PL".into()];
            faulted(calls::update(&db, &admin, &id, &changed).await);
            let after = calls::read(&db, &id).await.expect("read");
            assert_eq!(after, before, "the call and its terms are as they were");
            assert_eq!(audited(&db, "call.edited").await, 0);
        }
        other => panic!("unknown fault {other}"),
    }
    println!("checked {point}");
}
