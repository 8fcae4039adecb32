//! A group's events: listed on its page (upcoming, not cancelled) and told of in its members'
//! digests once, with the resources newly linked; nothing new still sends nothing.

use crate::groups::{a_day_later, group_with_member, queued};
use crate::harness::*;

/// Creates an event through the events form and gives it to `group` (the events form has no
/// group field yet; events keep a `group_id`).
async fn group_event(app: &TestApp, c: &Client, group: &str, title: &str) -> String {
    let org = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("astra")
        .id
        .to_string();
    let r = c
        .post(
            "/en/events/new",
            &[
                ("organisers", org.as_str()),
                ("kind", "webinar"),
                ("title", title),
                ("attendance", "online"),
                ("join_url", "https://meet.example.org/nap"),
                ("zone", "Europe/Belgrade"),
                ("starts", "2030-03-22T10:00"),
                ("ends", "2030-03-22T11:30"),
                ("languages", "sr"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    let sql = "UPDATE events SET group_id = $1 WHERE id = $2";
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query(sql)
            .bind(group)
            .bind(&id)
            .execute(p)
            .await
            .map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::query(sql)
            .bind(group)
            .bind(&id)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .expect("group");
    id
}

#[tokio::test]
async fn the_group_page_and_digests_hold_its_events_and_resources() {
    let app = TestApp::start().await;
    let (coord, member, group, thread) = group_with_member(&app, "open").await;
    // The member reads everything first: only the event and the resource are new.
    member.get(&format!("/en/discussions/{thread}")).await;
    a_day_later(&app).await;
    let before = queued(&app.db, ASTRA_MEMBER).await.len();

    let event = group_event(&app, &coord, &group, "Sastanak o nacrtu NAP-a").await;
    let page = member.get(&format!("/en/groups/{group}")).await;
    assert!(
        page.body.contains("Sastanak o nacrtu NAP-a"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("/en/events/{event}")));
    let page = member.get(&format!("/sr-Cyrl/groups/{group}")).await;
    assert!(page.body.contains("Догађаји"));

    let resource = resource_id(&app.db, "Public referral guide").await;
    let r = coord
        .post(
            &format!("/en/groups/{group}/resources"),
            &[("resource", resource.as_str())],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    a_day_later(&app).await;
    let digests = queued(&app.db, ASTRA_MEMBER).await;
    assert_eq!(digests.len(), before + 1, "{digests:?}");
    let text = &digests.last().expect("digest").1;
    assert!(text.contains("Events announced"), "{text}");
    assert!(text.contains("Sastanak o nacrtu NAP-a"));
    assert!(text.contains(&format!("/en/events/{event}")));
    assert!(text.contains("2030-03-22 10:00 (Europe/Belgrade)"));
    assert!(text.contains("Public referral guide"), "{text}");
    assert!(text.contains(&format!("/en/resources/{resource}")));
    // Told once: the next run has nothing new and sends nothing.
    assert_eq!(a_day_later(&app).await.queued, 0);
}
