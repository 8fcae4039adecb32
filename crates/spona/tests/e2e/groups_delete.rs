//! Deleting a thread: its author or a coordinator, with a reason kept in the audit log; the
//! thread leaves the group's list, search and digests, and a reply to it gets a clear 409
//! with nothing saved.

use crate::groups::{a_day_later, group_with_member, queued, reply, start_thread};
use crate::harness::*;

async fn post_count(app: &TestApp, thread: &str) -> i64 {
    spona_store::groups::thread(&app.db, thread, "")
        .await
        .expect("thread")
        .post_count
}

#[tokio::test]
async fn a_deleted_thread_leaves_lists_search_and_digests_and_takes_no_reply() {
    let app = TestApp::start().await;
    let (coord, member, group, _) = group_with_member(&app, "open").await;
    let other = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(
        other
            .post(&format!("/en/groups/{group}/join"), &[])
            .await
            .status,
        303
    );
    let thread = start_thread(&member, &group, "Kulturna razmena", "Predlog programa").await;

    // Someone who neither wrote it nor coordinates may not delete it; a reason is needed.
    let path = format!("/en/discussions/{thread}/delete");
    let r = other.post(&path, &[("delete_reason", "mine now")]).await;
    assert_eq!(r.status, 403);
    let r = member.post(&path, &[("delete_reason", "")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"delete_reason-error\""), "{}", r.body);
    let page = member.get(&format!("/en/discussions/{thread}")).await;
    assert!(page.body.contains("Delete this discussion"));
    assert!(
        !other
            .get(&format!("/en/discussions/{thread}"))
            .await
            .body
            .contains("Delete this discussion")
    );

    // The author deletes it: gone from the group's page and search, audited with the reason.
    let r = member
        .post(&path, &[("delete_reason", "Posted in the wrong group")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location().ends_with(&format!("/groups/{group}")));
    let entries = spona_store::audit::list(&app.db, Some("group.thread_deleted"), 10, 0)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].detail.contains("Posted in the wrong group"));
    let page = coord.get(&format!("/en/groups/{group}")).await;
    assert!(
        !page.body.contains("Kulturna razmena"),
        "listed after deletion"
    );
    let found = coord.get("/en/groups/search?q=predlog").await;
    assert!(
        !found.body.contains("Kulturna razmena"),
        "found after deletion"
    );

    // A reply gets a clear answer and saves nothing; the page says what happened.
    let before = post_count(&app, &thread).await;
    let r = reply(&coord, &thread, "Still here?").await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("This discussion was deleted"), "{}", r.body);
    assert_eq!(post_count(&app, &thread).await, before, "a reply was saved");
    assert_eq!(
        coord.get(&format!("/en/discussions/{thread}")).await.status,
        409
    );
    // Deleting twice is the same clear answer.
    let r = coord.post(&path, &[("delete_reason", "again")]).await;
    assert_eq!(r.status, 409);

    // The coordinator's digest holds nothing of it.
    a_day_later(&app).await;
    let digests = queued(&app.db, ASTRA_ADMIN).await;
    assert!(
        digests.iter().all(|(_, b)| !b.contains("Predlog programa")),
        "{digests:?}"
    );
}

#[tokio::test]
async fn a_coordinator_deletes_a_members_thread() {
    let app = TestApp::start().await;
    let (coord, member, group, _) = group_with_member(&app, "open").await;
    let thread = start_thread(&member, &group, "Spam", "Buy now").await;
    let r = coord
        .post(
            &format!("/en/discussions/{thread}/delete"),
            &[("delete_reason", "Advertising")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let threads = spona_store::groups::threads(&app.db, &group, "")
        .await
        .expect("threads");
    assert!(threads.iter().all(|t| t.id != thread));
}
