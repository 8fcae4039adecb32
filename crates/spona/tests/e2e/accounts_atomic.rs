//! Accounts' use cases are atomic: a failure forced half-way (`SPONA_TEST_FAULT=tx:<point>`,
//! just before the commit, after every statement ran) leaves nothing half-done. An
//! invitation stays usable, no account or membership appears, no audit entry is written, and
//! a role stays what it was.
//!
//! The fault is read from the process's environment, and the server of these tests runs in
//! the test process. So each scenario runs in a child process of this test binary (the
//! scenario itself is an ignored test, run with `--ignored --exact` and the fault set), where
//! no other test can trip over it. The child inherits `SPONA_TEST_DATABASE_URL`, so the
//! scenarios run on both databases.

use spona_app::accounts::{invitations, people};
use spona_domain::role::OrgRole;

use crate::harness::*;

/// Runs the scenario `name` (a test of this module) in a child process with the fault
/// `point` set, and fails with its output when it fails.
fn run_with_fault(name: &str, point: &str) {
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            &format!("accounts_atomic::{name}"),
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("SPONA_TEST_FAULT", format!("tx:{point}"))
        .output()
        .expect("run the scenario");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{name} with tx:{point} failed:\n{text}"
    );
    assert!(
        text.contains("1 passed"),
        "{name} did not run (filter?):\n{text}"
    );
}

/// The fault the scenario runs under, or `None` when it was started without one (then it
/// does nothing: it is meant for [`run_with_fault`]).
fn fault() -> Option<String> {
    std::env::var("SPONA_TEST_FAULT").ok()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    spona_store::users::find_by_email(&app.db, email)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string()
}

async fn astra_id(app: &TestApp) -> String {
    spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .into_string()
}

async fn role_in_astra(app: &TestApp, email: &str) -> Option<String> {
    let id = user_id(app, email).await;
    spona_store::users::memberships(&app.db, &id)
        .await
        .expect("db")
        .into_iter()
        .find(|m| m.org_slug == "astra")
        .map(|m| m.role.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_an_invitation_as_a_new_account_is_all_or_nothing() {
    run_with_fault("new_account_interrupted", invitations::FAULT_ACCEPT_NEW);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by accepting_an_invitation_as_a_new_account_is_all_or_nothing"]
async fn new_account_interrupted() {
    if fault().is_none() {
        return;
    }
    let app = TestApp::start().await;
    let astra = astra_id(&app).await;
    let admin = user_id(&app, ASTRA_ADMIN).await;
    let token = spona_store::tokens::create_invite(
        &app.db,
        "vesna@example.org",
        &astra,
        OrgRole::Member,
        &admin,
    )
    .await
    .expect("invite");
    let guest = app.client();
    let once = spona_store::new_token();
    let fields = [
        ("display_name", "Vesna"),
        ("password", "Linden tree by the Danube"),
        ("password2", "Linden tree by the Danube"),
        ("once", once.as_str()),
    ];
    let r = guest.post(&format!("/en/invite/{token}"), &fields).await;
    assert_eq!(r.status, 500, "the fault answers 500: {}", r.body);
    // Nothing of it was kept: the link works, no account, no audit entry, no used key.
    let invite = spona_store::tokens::find_invite(&app.db, &token)
        .await
        .expect("db");
    assert!(invite.is_some(), "the invitation is still usable");
    assert!(
        spona_store::users::find_by_email(&app.db, "vesna@example.org")
            .await
            .expect("db")
            .is_none(),
        "no account"
    );
    assert_eq!(app.audit_count("org.invite_accepted").await, 0);
    assert_eq!(
        spona_store::idempotency::answered(&app.db, &once, None)
            .await
            .expect("db"),
        None,
        "the form's key is not used up"
    );
    assert_eq!(guest.get("/en/account").await.status, 303, "no session");
    assert_eq!(guest.get(&format!("/en/invite/{token}")).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_with_an_existing_account_is_all_or_nothing() {
    run_with_fault("join_interrupted", invitations::FAULT_JOIN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by joining_with_an_existing_account_is_all_or_nothing"]
async fn join_interrupted() {
    if fault().is_none() {
        return;
    }
    let app = TestApp::start().await;
    let astra = astra_id(&app).await;
    let admin = user_id(&app, ASTRA_ADMIN).await;
    let dana = app.add_person("dana@example.org", "Dana").await;
    let token = spona_store::tokens::create_invite(
        &app.db,
        "dana@example.org",
        &astra,
        OrgRole::Admin,
        &admin,
    )
    .await
    .expect("invite");
    let client = app.signed_in("dana@example.org").await;
    let r = client.post(&format!("/en/invite/{token}/join"), &[]).await;
    assert_eq!(r.status, 500, "the fault answers 500: {}", r.body);
    let invite = spona_store::tokens::find_invite(&app.db, &token)
        .await
        .expect("db");
    assert!(invite.is_some(), "the invitation is still usable");
    assert_eq!(
        role_in_astra(&app, "dana@example.org").await,
        None,
        "no membership"
    );
    assert!(
        !spona_store::users::email_proven(&app.db, &dana)
            .await
            .expect("db"),
        "the address is not marked proven"
    );
    assert_eq!(app.audit_count("org.invite_accepted").await, 0);
    let page = client.get(&format!("/en/invite/{token}")).await;
    assert_eq!(page.status, 200, "the link still offers to join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_a_role_is_all_or_nothing() {
    run_with_fault("role_change_interrupted", people::FAULT_ROLE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by changing_a_role_is_all_or_nothing"]
async fn role_change_interrupted() {
    if fault().is_none() {
        return;
    }
    let app = TestApp::start().await;
    let member = user_id(&app, ASTRA_MEMBER).await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let r = admin
        .post(
            &format!("/en/orgs/astra/people/{member}/role"),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 500, "the fault answers 500: {}", r.body);
    assert_eq!(
        role_in_astra(&app, ASTRA_MEMBER).await.as_deref(),
        Some("member"),
        "the role is unchanged"
    );
    assert_eq!(app.audit_count("org.role_changed").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_someone_is_all_or_nothing() {
    run_with_fault("removal_interrupted", people::FAULT_REMOVE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by removing_someone_is_all_or_nothing"]
async fn removal_interrupted() {
    if fault().is_none() {
        return;
    }
    let app = TestApp::start().await;
    let member = user_id(&app, ASTRA_MEMBER).await;
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let r = admin
        .post(&format!("/en/orgs/astra/people/{member}/remove"), &[])
        .await;
    assert_eq!(r.status, 500, "the fault answers 500: {}", r.body);
    assert_eq!(
        role_in_astra(&app, ASTRA_MEMBER).await.as_deref(),
        Some("member"),
        "still a member"
    );
    assert_eq!(app.audit_count("org.member_removed").await, 0);
}
