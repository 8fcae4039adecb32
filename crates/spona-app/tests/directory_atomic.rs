//! The directory's changes are atomic: the change and its audit entry commit together or not
//! at all. A fault injected between them (`SPONA_TEST_FAULT=tx:<point>`, see
//! `spona_store::tx::fault_point`) leaves the organisation, the network and the audit log
//! as they were, and a create form's one-time key unused.
//!
//! The fault is read from the environment, which a test process shares with every test in
//! it: so each faulty run happens in a child process of this test binary that runs only
//! [`interrupted_changes_leave_nothing_half_done`] with the variable set.
//!
//! Runs on SQLite, and on PostgreSQL when `SPONA_TEST_DATABASE_URL` names it.

mod common;

use spona_app::Actor;
use spona_app::directory::{networks, orgs};
use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::PlatformRole;
use spona_store::Db;
use spona_store::idempotency::Once;

const TEST: &str = "interrupted_changes_leave_nothing_half_done";
const FAULTS: [&str; 3] = ["org.update", "org.create", "network.add_member"];

struct Fixture {
    db: Db,
    _dir: tempfile::TempDir,
    admin: Actor,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::database(dir.path()).await;
    let id =
        spona_store::users::create(&db, "admin@test.example", "Admin", "x", PlatformRole::Admin)
            .await
            .expect("admin");
    let user = spona_store::users::get(&db, &id).await.expect("admin");
    for (slug, name) in [("astra", "ASTRA"), ("atina", "Atina")] {
        let profile = draft(name).validate().expect("valid");
        spona_store::orgs::create(&db, &Slug::parse(slug).expect("slug"), &profile)
            .await
            .expect("org");
    }
    let astra = spona_store::orgs::get_by_slug(&db, "astra")
        .await
        .expect("astra");
    spona_store::networks::create(
        &db,
        &Slug::parse("bridge").expect("slug"),
        "BRIDGE",
        &astra.id,
        &[],
    )
    .await
    .expect("network");
    Fixture {
        db,
        _dir: dir,
        admin: Actor::signed_in(user, Vec::new()),
    }
}

fn draft(name: &str) -> OrgDraft {
    OrgDraft {
        name: name.into(),
        country: "RS".into(),
        city: "Beograd".into(),
        contact_visibility: "public".into(),
        ..Default::default()
    }
}

fn once(key: &str) -> spona_app::Result<Once> {
    Ok(Once {
        key: key.into(),
        user_id: None,
        location: "/en/orgs/{id}".into(),
    })
}

async fn audited(db: &Db, action: &str) -> i64 {
    spona_store::audit::count(db, Some(action))
        .await
        .expect("count")
}

async fn members(db: &Db) -> usize {
    spona_app::directory::networks::show(&Actor::anonymous(), db, "bridge")
        .await
        .expect("bridge")
        .members
        .len()
}

/// The use case failed at the injected fault, not for another reason.
fn faulted<T>(result: spona_app::Result<T>) {
    match result {
        Ok(_) => panic!("the use case went through its fault point"),
        Err(e) => assert!(e.to_string().contains("test fault injected"), "{e}"),
    }
}

/// Without a fault, each change commits with its audit entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_commit_with_their_audit_entry() {
    if std::env::var_os("SPONA_TEST_FAULT").is_some() {
        return;
    }
    let f = fixture().await;
    let astra = orgs::managed(&f.admin, &f.db, "astra")
        .await
        .expect("astra");
    let mut changed = draft("ASTRA");
    changed.city = "Novi Sad".into();
    orgs::update(&f.admin, &f.db, &astra, &changed)
        .await
        .expect("update");
    assert_eq!(audited(&f.db, "org.updated").await, 1);

    let (_, slug) = orgs::create(&f.admin, &f.db, &draft("ASTRA"), once("k1"))
        .await
        .expect("create");
    assert_eq!(slug.as_str(), "astra-2", "the first free slug");
    assert_eq!(audited(&f.db, "org.created").await, 1);

    networks::add_member(&f.admin, &f.db, "bridge", "atina")
        .await
        .expect("add");
    assert_eq!(members(&f.db).await, 2);
    assert_eq!(audited(&f.db, "network.member_added").await, 1);
    networks::remove_member(&f.admin, &f.db, "bridge", "atina")
        .await
        .expect("remove");
    assert_eq!(members(&f.db).await, 1);
    assert_eq!(audited(&f.db, "network.member_removed").await, 1);
}

/// Each fault point in a child process of its own; see the module's documentation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_changes_leave_nothing_half_done() {
    let Ok(fault) = std::env::var("SPONA_TEST_FAULT") else {
        for point in FAULTS {
            let stdout = common::run_with_fault(TEST, point, &[]);
            assert!(
                stdout.contains(&format!("checked {point}")),
                "the child ran the scenario for {point}"
            );
        }
        return;
    };
    let point = fault.strip_prefix("tx:").expect("a transaction fault");
    let f = fixture().await;
    match point {
        "org.update" => {
            let astra = orgs::managed(&f.admin, &f.db, "astra")
                .await
                .expect("astra");
            let mut changed = draft("ASTRA renamed");
            changed.city = "Novi Sad".into();
            faulted(orgs::update(&f.admin, &f.db, &astra, &changed).await);
            let now = spona_store::orgs::get_by_slug(&f.db, "astra")
                .await
                .expect("astra");
            assert_eq!(now.profile(), astra.profile(), "the profile is unchanged");
            assert_eq!(audited(&f.db, "org.updated").await, 0);
        }
        "org.create" => {
            faulted(orgs::create(&f.admin, &f.db, &draft("Sunflower"), once("k2")).await);
            assert!(
                spona_store::orgs::get_by_slug(&f.db, "sunflower")
                    .await
                    .is_err(),
                "no organisation"
            );
            assert_eq!(audited(&f.db, "org.created").await, 0);
            assert_eq!(
                spona_store::idempotency::answered(&f.db, "k2", None)
                    .await
                    .expect("key"),
                None,
                "the form's key is still unused"
            );
        }
        "network.add_member" => {
            faulted(networks::add_member(&f.admin, &f.db, "bridge", "atina").await);
            assert_eq!(members(&f.db).await, 1, "atina is not a member");
            assert_eq!(audited(&f.db, "network.member_added").await, 0);
        }
        other => panic!("no scenario for {other}"),
    }
    println!("checked {point}");
}
