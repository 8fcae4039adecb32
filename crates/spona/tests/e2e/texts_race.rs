//! Two admins of one organisation sign the same final at the same moment, on SQLite and
//! PostgreSQL (issue 22 item 2): in every round exactly one signature stands and the other
//! admin is told the organisation signed already (409, never a 500); the public list names
//! the organisation once.

use serde_json::Value;
use spona_domain::role::OrgRole;

use crate::harness::*;
use crate::texts::{BODY, count, freeze, open_text, sign};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_admins_signing_at_once_make_one_signature() {
    let app = TestApp::start().await;
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra");
    let second = app
        .add_person("second.admin@astra.example.org", "Second Admin")
        .await;
    spona_store::users::set_membership(&app.db, &second, astra.id.as_ref(), OrgRole::Admin)
        .await
        .expect("admin");
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // Real HTTP clients, so that both requests are in flight together.
    let first = app.signed_in(ASTRA_ADMIN).await;
    let other = app.signed_in("second.admin@astra.example.org").await;
    let anon = app.client_in_process();
    for round in 0..5 {
        let id = open_text(&member, "declaration", &format!("Race {round}"), BODY).await;
        assert_eq!(freeze(&member, &id, "1").await.status, 303);
        let (a, b) = tokio::join!(sign(&first, &id, "astra"), sign(&other, &id, "astra"));
        let mut statuses = [a.status, b.status];
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            [303, 409],
            "round {round}: {} / {}",
            a.body,
            b.body
        );
        let refused = if a.status == 409 { &a } else { &b };
        assert!(
            refused
                .body
                .contains("Your organisation has already signed this version."),
            "{}",
            refused.body
        );
        let list: Value = anon
            .get(&format!("/api/v1/texts/{id}/signatories"))
            .await
            .json();
        let astra_rows = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|s| s["org"] == "astra")
            .count();
        assert_eq!(astra_rows, 1, "round {round}: {list}");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM joint_text_signatures").await,
        5
    );
    assert_eq!(app.audit_count("texts.signed").await, 5);
}
