//! The newsletters' create forms carry a one-time key: a retried post (a double click, a
//! connection dropped before the answer) creates one newsletter and one draft, and the retry
//! is sent where the first went.

use crate::harness::*;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

#[tokio::test]
async fn retried_newsletter_forms_create_once() {
    let app = TestApp::start().await;
    let coordinator = app.signed_in_in_process(ATINA_ADMIN).await;
    let page = coordinator.get("/en/newsletters").await;
    assert_eq!(page.hidden("once").len(), 64, "the form carries a key");
    let key = spona_store::new_token();
    let fields = [
        ("network", "bridge"),
        ("name", "Bridge Letters"),
        ("audience", "public"),
        ("once", key.as_str()),
    ];
    let first = coordinator.post("/en/newsletters", &fields).await;
    let again = coordinator.post("/en/newsletters", &fields).await;
    assert_eq!((first.status, again.status), (303, 303), "{}", again.body);
    assert_eq!(first.location(), "/en/newsletters/bridge-letters");
    assert_eq!(again.location(), first.location());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM newsletters").await, 1);

    let page = coordinator.get("/en/newsletters/bridge-letters").await;
    assert_eq!(page.hidden("once").len(), 64);
    let key = spona_store::new_token();
    let path = "/en/newsletters/bridge-letters/issues";
    let first = coordinator.post(path, &[("once", key.as_str())]).await;
    let again = coordinator.post(path, &[("once", key.as_str())]).await;
    assert_eq!((first.status, again.status), (303, 303), "{}", again.body);
    assert!(first.location().ends_with("/edit"));
    assert_eq!(again.location(), first.location());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM newsletter_issues").await,
        1
    );
    // Without a key the form is refused rather than risking a duplicate.
    let none = coordinator
        .post_raw(path, &[("csrf", &coordinator.csrf().await)])
        .await;
    assert_eq!(none.status, 400);
}
