//! Awareness quizzes run by a network (issue 23, lane quiz23), on SQLite and PostgreSQL.
//!
//! The rule (the networks' own, `spona_app::directory::networks::coordinates`): a network's
//! coordinators are the admins of its coordinating organisation (and platform admins). So
//! Atina's admin (Atina coordinates BRIDGE) opens a campaign "for the BRIDGE network" and
//! manages it — channels, public results, results and suspected floods — while the admin
//! of PVPT, a member organisation of BRIDGE that does not coordinate it, is offered no
//! such choice, is refused it when forging the form (422 naming the field, nothing saved)
//! and gets 403 on every coordinator page of the network's campaign; so does ASTRA's admin.
//! The coordinators' list of campaigns runs the same number of statements for one campaign
//! as for seven.

use spona_domain::role::OrgRole;

use crate::harness::*;
use crate::quiz::quiz_json;

const PVPT_ADMIN: &str = "drita@pvpt.example.org";

fn today(offset_days: i64) -> String {
    spona_app::quizzes::day_of(spona_store::now() + offset_days * 86_400)
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

/// Posts the new campaign form for `owner` (an organisation's id or `network:<slug>`).
async fn create_for(c: &Client, owner: &str, slug: &str) -> Reply {
    let (from, to) = (today(-1), today(1));
    let doc = quiz_json();
    c.post(
        "/en/quizzes/new",
        &[
            ("org", owner),
            ("slug", slug),
            ("starts_on", from.as_str()),
            ("ends_on", to.as_str()),
            ("doc", doc.as_str()),
        ],
    )
    .await
}

/// An admin of PVPT (a member of BRIDGE, not its coordinator), signed in.
pub async fn pvpt_admin(app: &TestApp) -> Client {
    if spona_store::users::find_by_email(&app.db, PVPT_ADMIN)
        .await
        .expect("db")
        .is_none()
    {
        let id = app.add_person(PVPT_ADMIN, "Drita").await;
        let pvpt = spona_store::orgs::get_by_slug(&app.db, "pvpt")
            .await
            .expect("pvpt");
        spona_store::users::set_membership(&app.db, &id, pvpt.id.as_str(), OrgRole::Admin)
            .await
            .expect("admin of PVPT");
    }
    app.signed_in_in_process(PVPT_ADMIN).await
}

/// The authorisation matrix's network campaign (BRIDGE's, opened by Atina's admin): its id.
pub async fn fixture(app: &TestApp) -> String {
    if let Some(c) = spona_store::quizzes::campaign_by_slug(&app.db, "matrix-net-quiz")
        .await
        .expect("db")
    {
        return c.id;
    }
    let coord = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = create_for(&coord, "network:bridge", "matrix-net-quiz").await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.location().rsplit('/').next().expect("id").to_owned()
}

#[tokio::test]
async fn a_networks_coordinators_run_its_campaign_and_its_members_admins_cannot() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ATINA_ADMIN).await;
    let member_admin = pvpt_admin(&app).await;
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;

    // The form offers Atina and the BRIDGE network to its coordinator, nothing chosen.
    let form = coord.get("/en/quizzes/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("value=\"network:bridge\""),
        "{}",
        form.body
    );
    assert_eq!(
        form.body.matches(" selected").count(),
        1,
        "only the empty choice is selected"
    );
    assert!(form.body.contains("<option value=\"\" selected>"));
    // A member organisation's admin is offered PVPT only.
    let form = member_admin.get("/en/quizzes/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(!form.body.contains("network:bridge"), "{}", form.body);

    // Forging the form for the network: 422 naming the field, nothing saved.
    let r = create_for(&member_admin, "network:bridge", "bridge-quiz").await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("id=\"org-error\""), "{}", r.body);
    let r = create_for(&astra, "network:bridge", "bridge-quiz").await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = create_for(&coord, "network:no-such-network", "bridge-quiz").await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM quiz_campaigns").await, 0);

    // The coordinator opens it for the network.
    let r = create_for(&coord, "network:bridge", "bridge-quiz").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    let c = spona_store::quizzes::campaign(&app.db, &id)
        .await
        .expect("db")
        .expect("campaign");
    let bridge = spona_store::networks::get_by_slug(&app.db, "bridge")
        .await
        .expect("bridge");
    assert_eq!(c.network_id.as_deref(), Some(bridge.id.as_str()));
    assert_eq!(c.org_id, bridge.coordinator_org_id.to_string());

    // The coordinator manages it: channels, public results, results, floods.
    let page = format!("/en/quizzes/{id}");
    assert_eq!(coord.get(&page).await.status, 200);
    let r = coord
        .post(
            &format!("{page}/channels"),
            &[("code", "school"), ("kind", "school"), ("label", "School")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = coord
        .post(&format!("{page}/public"), &[("public", "yes")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(coord.get(&format!("{page}/results")).await.status, 200);
    assert_eq!(
        coord
            .get(&format!("/api/v1/quizzes/{id}/results"))
            .await
            .status,
        200
    );
    let list = coord.get("/en/quizzes").await;
    assert!(list.body.contains(&id), "{}", list.body);

    // A member organisation's admin and another organisation's admin: 403 everywhere.
    let denied_before = app.audit_count("security.denied").await;
    for who in [&member_admin, &astra] {
        for path in [
            page.clone(),
            format!("{page}/edit"),
            format!("{page}/questions"),
            format!("{page}/results"),
            format!("{page}/results.csv"),
            format!("/api/v1/quizzes/{id}/results"),
        ] {
            assert_eq!(who.get(&path).await.status, 403, "{path}");
        }
        let r = who
            .post(
                &format!("{page}/channels"),
                &[("code", "tv"), ("kind", "tv"), ("label", "TV")],
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let r = who
            .post(&format!("{page}/public"), &[("public", "no")])
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let r = who
            .post(
                &format!("{page}/floods"),
                &[
                    ("exclude", "yes"),
                    ("quiz", "x"),
                    ("day", "x"),
                    ("hash", "x"),
                ],
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let list = who.get("/en/quizzes").await;
        assert!(!list.body.contains(&id), "{}", list.body);
    }
    assert!(app.audit_count("security.denied").await > denied_before);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM quiz_channels").await,
        1,
        "nothing added by the refused"
    );
    assert_eq!(
        count(&app, "SELECT public_results FROM quiz_campaigns").await,
        1,
        "still public"
    );
}

#[tokio::test]
async fn the_list_of_campaigns_runs_a_fixed_number_of_statements() {
    let app = TestApp::start().await;
    let coord = app.signed_in_in_process(ATINA_ADMIN).await;
    let atina = spona_store::orgs::get_by_slug(&app.db, "atina")
        .await
        .expect("atina");
    let r = create_for(&coord, "network:bridge", "net-0").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let measure = async || {
        let warm = coord.get("/en/quizzes").await;
        assert_eq!(warm.status, 200);
        let (reply, n) = queries::statements(coord.get("/en/quizzes")).await;
        assert_eq!(reply.status, 200);
        (reply.body.matches("/q/").count(), n.len())
    };
    let (shown_one, few) = measure().await;
    for i in 1..7 {
        let owner = if i % 2 == 0 {
            "network:bridge".to_owned()
        } else {
            atina.id.to_string()
        };
        let r = create_for(&coord, &owner, &format!("net-{i}")).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let (shown_seven, many) = measure().await;
    assert_eq!(shown_seven, shown_one + 6, "all seven listed");
    assert_eq!(few, many, "statements for 1 campaign vs 7");
}
