//! Stored search texts follow the analyser (issue 25, lane lang25): rows whose `search_text`
//! was written by an older analysis (here: a text of terms no query gives, and an old
//! version in `search_text_versions`) are found by the running analysis's queries after a
//! start — organisations (directory API), services (HSDS API), group posts (group search)
//! and recommendations (their list) —; a second start rewrites nothing; a start after a
//! crash mid-way continues after the last committed batch.

use spona_domain::monitoring::{Mechanism, NewRecommendation};
use spona_domain::service::{ServiceDraft, ServiceStatus};
use spona_store::Db;
use spona_store::search_upgrade::{self, TABLES};

use crate::harness::*;

/// What an old analysis left: terms no query of today's gives. Directory rows keep their
/// format marker (`#2 `), so the snapshot's own format upgrade leaves them alone.
fn stale(table: &str) -> &'static str {
    if table == "organisations" {
        "#2 s:stale "
    } else {
        " s:stale "
    }
}

async fn exec(db: &Db, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .expect("sql");
}

/// Every row of every table back to an old analysis: stale texts, version 3 done.
async fn make_old(db: &Db) {
    for t in TABLES {
        exec(db, &format!("UPDATE {t} SET search_text = '{}'", stale(t))).await;
        search_upgrade::set_marker(db, t, 3, 3, "")
            .await
            .expect("marker");
    }
}

async fn stale_rows(db: &Db, table: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {table} WHERE search_text = '{}'",
        stale(table)
    ));
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

fn rec(i: usize) -> NewRecommendation {
    NewRecommendation {
        mechanism: Mechanism::Upr,
        body: Some("Human Rights Council".into()),
        cycle: "3".into(),
        symbol: "A/HRC/38/12".into(),
        paragraph: format!("900.{i}"),
        country: "RS".into(),
        published_on: None,
        response: None,
        text_lang: "sr".into(),
        texts: vec![(
            "sr".into(),
            format!("Обезбедити заштиту свједока и сведокиња трговине људима {i}"),
        )],
        states: Vec::new(),
        terms: Vec::new(),
    }
}

/// 1,100 recommendations (three batches), a service, a group post.
async fn fill(app: &TestApp) {
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..1100 {
        spona_store::monitoring::recommendations::insert_in(&mut tx, &rec(i))
            .await
            .expect("rec");
    }
    tx.commit().await.expect("commit");
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("org")
        .id;
    let draft = ServiceDraft::simple("shelter", "sr-Cyrl", "Сигурна кућа за жене", "");
    spona_app::services::seed(&app.db, &astra, &draft, ServiceStatus::Published, None)
        .await
        .expect("service");
    // The authorisation matrix's group: its opening post is stored without terms; give it
    // the terms a post saved today has.
    crate::groups::fixture(app).await;
    let text = search_upgrade::post_search_text("Agenda", "First point");
    let sql = "UPDATE group_posts SET search_text = $1 WHERE body = 'First point'";
    match &app.db {
        Db::Sqlite(p) => sqlx::query(sql).bind(&text).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::query(sql).bind(&text).execute(p).await.map(|_| ()),
    }
    .expect("post text");
}

/// Whether each table's rows are found by today's queries.
async fn found(app: &TestApp) -> [bool; 4] {
    let c = app.client();
    let orgs = c.get("/api/v1/orgs?q=astra").await.json();
    let services = c.get("/api/hsds/services?search=sigurna").await.json();
    let member = app.signed_in(ASTRA_ADMIN).await;
    let posts = member.get("/en/groups/search?q=agenda").await;
    assert_eq!(posts.status, 200);
    let recs = c.get("/en/monitoring/recommendations?q=svedok").await;
    assert_eq!(recs.status, 200);
    [
        orgs["total"].as_i64().expect("total") >= 1,
        services["total_items"].as_i64().expect("total_items") == 1,
        !posts.body.contains("0 posts found"),
        recs.body.contains("900."),
    ]
}

#[tokio::test]
async fn old_search_texts_are_recomputed_once_at_start() {
    let mut app = TestApp::start().await;
    fill(&app).await;
    app.restart().await;
    assert_eq!(found(&app).await, [true; 4], "fresh rows are found");

    make_old(&app.db).await;
    app.restart().await;
    let version = i64::from(spona_search::ANALYSIS_VERSION);
    for t in TABLES {
        assert_eq!(stale_rows(&app.db, t).await, 0, "{t} still has old texts");
        let (done, _, _) = search_upgrade::marker(&app.db, t)
            .await
            .expect("marker")
            .expect("a row");
        assert_eq!(done, version, "{t}");
    }
    assert_eq!(
        found(&app).await,
        [true; 4],
        "after the start, today's queries find every row written by the old analysis"
    );

    // A second start does nothing: a stale text written now (a marker already at today's
    // version) stays, and the run reads no row.
    exec(
        &app.db,
        "UPDATE recommendations SET search_text = ' s:stale ' WHERE paragraph = '900.7'",
    )
    .await;
    app.restart().await;
    assert_eq!(stale_rows(&app.db, "recommendations").await, 1);
    let again = search_upgrade::run(&app.db).await.expect("run");
    assert!(again.is_empty(), "{again:?}");
}

#[tokio::test]
async fn a_start_after_a_crash_continues_after_the_last_batch() {
    let mut app = TestApp::start().await;
    fill(&app).await;
    make_old(&app.db).await;
    // The crash: the first batch (500 rows, in the database's id order) was committed with
    // its cursor; the rest was not.
    let ids: Vec<String> = match &app.db {
        Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT id FROM recommendations ORDER BY id")
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_scalar("SELECT id FROM recommendations ORDER BY id")
                .fetch_all(p)
                .await
        }
    }
    .expect("ids");
    assert_eq!(ids.len(), 1100);
    let version = i64::from(spona_search::ANALYSIS_VERSION);
    search_upgrade::set_marker(&app.db, "recommendations", 3, version, &ids[499])
        .await
        .expect("marker");
    app.restart().await;
    // Rows up to the cursor count as done (they keep what the crashed run "wrote" — here the
    // stale text, which shows they were not read again); every row after it was rewritten.
    assert_eq!(stale_rows(&app.db, "recommendations").await, 500);
    let (done, work, last) = search_upgrade::marker(&app.db, "recommendations")
        .await
        .expect("marker")
        .expect("row");
    assert_eq!((done, work, last.as_str()), (version, version, ""));
    for t in ["organisations", "services", "group_posts"] {
        assert_eq!(stale_rows(&app.db, t).await, 0, "{t}");
    }
}
