//! Who may do what: each role boundary, checked on the server.

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_an_organisation_is_for_its_admins() {
    let app = TestApp::start().await;
    let anon = app.client().get("/en/orgs/astra/edit").await;
    assert_eq!(anon.status, 303);
    assert!(anon.location().starts_with("/en/signin?next="));
    for (who, status) in [
        (ASTRA_MEMBER, 403),
        (ZMINA_ADMIN, 403),
        (ASTRA_ADMIN, 200),
        (ADMIN, 200),
    ] {
        let c = app.signed_in(who).await;
        assert_eq!(
            c.get("/en/orgs/astra/edit").await.status,
            status,
            "{who} GET edit"
        );
        assert_eq!(
            c.get("/en/orgs/astra/people").await.status,
            status,
            "{who} GET people"
        );
    }
    let other = app.signed_in(ZMINA_ADMIN).await;
    let r = other
        .post(
            "/en/orgs/astra/edit",
            &[("name", "Taken over"), ("country", "RS")],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = other
        .post(
            "/en/orgs/astra/invite",
            &[("email", "x@example.org"), ("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(
        app.audit_count("security.denied").await >= 2,
        "denials are security events"
    );
    assert_eq!(
        app.client().get("/api/v1/orgs/astra").await.json()["name"],
        "ASTRA – Anti Trafficking Action"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administration_is_for_platform_admins() {
    let app = TestApp::start().await;
    assert_eq!(app.client().get("/en/admin/audit").await.status, 303);
    let org_admin = app.signed_in(ASTRA_ADMIN).await;
    for path in ["/en/admin/audit", "/en/admin/users", "/en/orgs/new"] {
        assert_eq!(org_admin.get(path).await.status, 403, "{path}");
    }
    let admin = app.signed_in(ADMIN).await;
    let log = admin.get("/en/admin/audit").await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("auth.signin"));
    assert_eq!(admin.get("/en/admin/users").await.status, 200);
    let created = admin
        .post(
            "/en/orgs/new",
            &[
                ("name", "Žene u crnom"),
                ("country", "RS"),
                ("city", "Beograd"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert_eq!(created.location(), "/en/orgs/zene-u-crnom");
    assert_eq!(app.audit_count("org.created").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_cannot_raise_their_own_role() {
    let app = TestApp::start().await;
    let member = app.signed_in(ASTRA_MEMBER).await;
    let me = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("user");
    let r = member
        .post(
            &format!("/en/orgs/astra/people/{}/role", me.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = member
        .post(
            &format!("/en/admin/users/{}/role", me.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 403);
    let after = spona_store::users::memberships(&app.db, &me.id)
        .await
        .expect("db");
    assert_eq!(after[0].role, "member");
    // The only admin cannot demote themself and leave the organisation without one.
    let admin = app.signed_in(ASTRA_ADMIN).await;
    let a = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("user");
    let r = admin
        .post(
            &format!("/en/orgs/astra/people/{}/role", a.id),
            &[("role", "member")],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("must keep at least one admin"),
        "refused by the sole-admin rule, not by something else: {}",
        r.body
    );
    // Nor can they remove themself.
    let r = admin
        .post(&format!("/en/orgs/astra/people/{}/remove", a.id), &[])
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("must keep at least one admin"),
        "{}",
        r.body
    );
    let roles = spona_store::users::memberships(&app.db, &a.id)
        .await
        .expect("db");
    let astra = roles
        .iter()
        .find(|m| m.org_slug == "astra")
        .expect("still a member");
    assert_eq!(astra.role, "admin", "the refused demotion changed nothing");
    assert_eq!(app.audit_count("org.role_changed").await, 0);
    assert_eq!(app.audit_count("org.member_removed").await, 0);
    // With a second admin, the same demotion goes through: the refusal above was the rule's.
    let milan = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("user");
    let r = admin
        .post(
            &format!("/en/orgs/astra/people/{}/role", milan.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = admin
        .post(
            &format!("/en/orgs/astra/people/{}/role", a.id),
            &[("role", "member")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let roles = spona_store::users::memberships(&app.db, &a.id)
        .await
        .expect("db");
    assert_eq!(
        roles
            .iter()
            .find(|m| m.org_slug == "astra")
            .map(|m| m.role.as_str()),
        Some("member")
    );
    assert_eq!(app.audit_count("org.role_changed").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn network_membership_is_managed_by_its_coordinator() {
    let app = TestApp::start().await;
    let outsider = app.signed_in(ASTRA_ADMIN).await;
    let r = outsider
        .post("/en/networks/bridge/members", &[("org", "astra")])
        .await;
    assert_eq!(r.status, 403);
    let coordinator = app.signed_in(ATINA_ADMIN).await;
    let page = coordinator.get("/en/networks/bridge").await;
    assert!(page.body.contains("network-add") || page.body.contains("Add a member organisation"));
    let r = coordinator
        .post("/en/networks/bridge/members", &[("org", "astra")])
        .await;
    assert_eq!(r.status, 303);
    let members = app.client().get("/api/v1/networks/bridge").await.json();
    assert_eq!(members["members"].as_array().map(Vec::len), Some(3));
    let r = coordinator
        .post("/en/networks/bridge/members/atina/remove", &[])
        .await;
    assert_eq!(r.status, 400, "the coordinator stays in its network");
    assert_eq!(app.audit_count("network.member_added").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_an_account_ends_its_sessions() {
    let app = TestApp::start().await;
    let victim = app.signed_in(ZMINA_ADMIN).await;
    let admin = app.signed_in(ADMIN).await;
    let u = spona_store::users::find_by_email(&app.db, ZMINA_ADMIN)
        .await
        .expect("db")
        .expect("user");
    assert_eq!(
        admin
            .post(&format!("/en/admin/users/{}/disable", u.id), &[])
            .await
            .status,
        303
    );
    assert_eq!(victim.get("/en/account").await.status, 303);
    assert_eq!(app.client().signin(ZMINA_ADMIN, PASSWORD).await.status, 401);
}
