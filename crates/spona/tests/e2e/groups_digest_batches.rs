//! A digest run reads its members in bounded pages, so its memory does not grow with their
//! number: with 7 members due and pages of 3, the members' query runs 3 times (3, 3, 1
//! rows) and no page holds more than 3. A run that loaded every member at once, or read
//! what is new in the group once per member, fails here in milliseconds (the benchmark,
//! `bench/digest.sh`, measures the memory itself). Runs on SQLite and PostgreSQL.

use crate::groups_bench::{seed_subscribers, thread_of};
use crate::harness::queries::statements;
use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_digest_run_reads_its_members_in_bounded_pages() {
    let app = TestApp::start().await;
    let (group, _, _) = thread_of(&app, 2).await;
    seed_subscribers(&app, &group, 7).await;
    let state = app.state();
    let m = spona_app::groups::notify::MailCtx {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    let (run, stmts) = statements(spona_app::groups::digest::run_in_batches(
        &app.db,
        &m,
        spona_store::now(),
        3,
    ))
    .await;
    let run = run.expect("digest");
    assert_eq!((run.due, run.queued), (7, 7), "{run:?}");
    assert_eq!((run.batches, run.largest_batch), (3, 3), "{run:?}");
    let count = |start: &str| stmts.iter().filter(|s| s.starts_with(start)).count();
    // The members' page query (keyset), once per page; a short page ends the run.
    assert_eq!(count("SELECT m.group_id, g.name AS"), 3, "{stmts:#?}");
    // Posts are each member's own (what they read); resources and events are the group's,
    // read once per page, not once per member.
    assert_eq!(count("SELECT p.thread_id, t.title,"), 7, "{stmts:#?}");
    assert_eq!(count("SELECT l.resource_id, v.lang,"), 3, "{stmts:#?}");
    // Nothing is due any more: one empty page, nothing queued.
    let again = spona_app::groups::digest::run_in_batches(&app.db, &m, spona_store::now(), 3)
        .await
        .expect("digest");
    assert_eq!((again.due, again.queued, again.batches), (0, 0, 0));
}
