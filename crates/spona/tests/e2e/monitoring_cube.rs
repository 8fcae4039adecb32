//! The dashboard's summary in memory (lane monperf, `spona_app::monitoring::dashboard_cube`):
//! it counts what the SQL counts (`spona_store::monitoring::dashboard::counts`) for every
//! filter, and a change — an import, an assessment through its form, a measure, a row
//! changed by hand in SQL — shows on the very next request (no stale summary).

use spona_app::monitoring::dashboard_cube::Cube;
use spona_domain::monitoring::MeasureStatus;
use spona_store::monitoring::dashboard::{self, Counts, Filter};
use spona_store::monitoring::dashboard_cube as cube_store;
use spona_store::monitoring::measures::{self, NewMeasure};

use crate::harness::*;

async fn exec(app: &TestApp, sql: &str) {
    let db = &app.db;
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    spona_store::on_db!(db, p => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()))
        .expect("exec");
}

/// The counts in one order whatever the database's collation.
fn sorted(mut c: Counts) -> Counts {
    c.by_cycle.sort_by(|a, b| {
        (&a.mechanism, &a.cycle, &a.state_status).cmp(&(&b.mechanism, &b.cycle, &b.state_status))
    });
    c.by_theme
        .sort_by(|a, b| (&a.theme, &a.state_status).cmp(&(&b.theme, &b.state_status)));
    c.cso
        .sort_by(|a, b| (&a.mechanism, &a.status).cmp(&(&b.mechanism, &b.status)));
    c.disagreements
        .sort_by(|a, b| a.mechanism.cmp(&b.mechanism));
    c.institutions
        .sort_by(|a, b| a.institution.cmp(&b.institution));
    c.overdue.sort_by(|a, b| a.id.cmp(&b.id));
    c
}

fn filter(m: &str, c: &str, t: &str, i: &str, country: &str) -> Filter {
    let o = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Filter {
        mechanism: o(m),
        cycle: o(c),
        theme: o(t),
        institution: o(i),
        country: o(country),
    }
}

#[tokio::test]
async fn the_cube_counts_what_the_sql_counts_for_every_filter() {
    let app = TestApp::start().await;
    crate::monitoring_bench::seed(&app, 600).await;
    // Variety the benchmark's rows lack: a second theme, terms of other kinds, another
    // state addressed, a second organisation, superseded rows, a measure with no deadline
    // and measures implementing several recommendations.
    let zmina = spona_store::orgs::get_by_slug(&app.db, "zmina")
        .await
        .expect("org")
        .id
        .to_string();
    for sql in [
        "INSERT INTO recommendation_terms (recommendation_id, kind, code) SELECT id, 'theme', \
         'disability' FROM recommendations WHERE CAST(paragraph AS INTEGER) % 7 = 0"
            .to_owned(),
        "INSERT INTO recommendation_terms (recommendation_id, kind, code) SELECT id, 'group', \
         'torture' FROM recommendations WHERE CAST(paragraph AS INTEGER) % 5 = 0"
            .to_owned(),
        "UPDATE recommendations SET country = 'UA' WHERE CAST(paragraph AS INTEGER) % 11 = 0"
            .to_owned(),
        format!(
            "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, \
             comment, created_at) SELECT 'z-' || id, id, '{zmina}', 'implemented', \
             '2025-01-01', '', 0 FROM recommendations WHERE CAST(paragraph AS INTEGER) % 3 = 0"
        ),
        format!(
            "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, \
             comment, created_at, superseded_at) SELECT 'zs-' || id, id, '{zmina}', \
             'regressed', '2024-01-01', '', 0, 1 FROM recommendations \
             WHERE CAST(paragraph AS INTEGER) % 4 = 0"
        ),
        "INSERT INTO measures (id, title, title_lang, institution, deadline, status, \
         created_at, updated_at) VALUES ('m-open', 'Open-ended', 'en', 'Government', NULL, \
         'planned', 0, 0)"
            .to_owned(),
        "INSERT INTO measure_recommendations (measure_id, recommendation_id) SELECT 'm-open', \
         id FROM recommendations WHERE CAST(paragraph AS INTEGER) % 50 = 7"
            .to_owned(),
        "INSERT INTO measure_recommendations (measure_id, recommendation_id) SELECT 'm-1', id \
         FROM recommendations WHERE CAST(paragraph AS INTEGER) % 97 = 3"
            .to_owned(),
    ] {
        exec(&app, &sql).await;
    }
    let source = cube_store::load(&app.db).await.expect("load");
    assert_eq!(
        source.version,
        cube_store::version(&app.db).await.expect("version")
    );
    let cube = Cube::build(source);
    assert!(
        cube.cells() < 600,
        "alike recommendations share a cell: {}",
        cube.cells()
    );
    let filters = [
        filter("", "", "", "", ""),
        filter("upr", "", "", "", ""),
        filter("upr", "2", "", "", ""),
        filter("treaty-body", "3", "", "", ""),
        filter("", "", "trafficking", "", ""),
        filter("", "", "disability", "", ""),
        filter("", "", "torture", "", ""),
        filter("", "", "", "Ministry of Justice", ""),
        filter("", "", "", "Government", ""),
        filter("upr", "", "", "Government", ""),
        filter("", "", "disability", "Ministry of Justice", ""),
        filter("", "", "", "", "UA"),
        filter("special-procedure", "", "", "", "RS"),
        filter("", "", "", "", "FR"),
        filter("", "", "no-such-theme", "", ""),
        filter("", "", "", "No such ministry", ""),
        filter("nap-1325", "4", "migrants", "", "RS"),
    ];
    for today in ["2025-06-01", "2019-01-01"] {
        for f in &filters {
            let sql = dashboard::counts(&app.db, f, today).await.expect("counts");
            let mem = cube.counts(f, today);
            assert_eq!(sorted(mem), sorted(sql), "{f:?} on {today}");
        }
    }
    let all = cube.counts(&Filter::default(), "2025-06-01");
    assert!(!all.overdue.is_empty() && !all.disagreements.is_empty());
    assert!(all.by_theme.iter().any(|t| t.theme == "disability"));
    assert!(all.by_theme.iter().all(|t| t.theme != "torture" || t.n > 0));
    let (cycles, themes, institutions) = dashboard::choices(&app.db).await.expect("choices");
    let (mut c2, mut t2, mut i2) = cube.choices();
    let (mut cycles, mut themes, mut institutions) = (cycles, themes, institutions);
    for v in [&mut themes, &mut institutions, &mut t2, &mut i2] {
        v.sort();
    }
    cycles.sort();
    c2.sort();
    assert_eq!((c2, t2, i2), (cycles, themes, institutions));
}

fn total(j: &serde_json::Value) -> i64 {
    j["total"].as_i64().expect("total")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_shows_on_the_next_request() {
    let app = TestApp::start().await;
    let anon = app.client();
    let get = || async {
        let r = app.client().get("/api/monitoring/dashboard").await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()
    };
    assert_eq!(total(&get().await), 0);

    // An import (the command line's use case, on the same database).
    let path = app.dir.path().join("upr.csv");
    std::fs::write(&path, include_str!("../fixtures/upr_serbia.csv")).expect("write");
    let s = spona_app::monitoring::import::apply_from_command_line(&app.db, &path, None)
        .await
        .expect("import");
    assert_eq!(s.created, 5);
    let j = get().await;
    assert_eq!(total(&j), 5, "{j}");
    assert_eq!(j["state_status"]["none"], 5);
    let page = anon.get("/en/monitoring/dashboard").await;
    assert!(page.body.contains("id=\"total\">5<"), "{}", page.body);
    // A second import of the same file changes nothing and moves nothing.
    let before = cube_store::version(&app.db).await.expect("version");
    spona_app::monitoring::import::apply_from_command_line(&app.db, &path, None)
        .await
        .expect("import");
    assert_eq!(cube_store::version(&app.db).await.expect("version"), before);

    // The state's status, entered through its form by a platform admin.
    let rec = spona_store::monitoring::measures::find_recommendation(
        &app.db,
        "upr",
        "A/HRC/23/15",
        "131.1",
    )
    .await
    .expect("find")
    .expect("imported");
    let admin = app.signed_in(ADMIN).await;
    let r = admin
        .post(
            &format!("/en/monitoring/recommendations/{rec}/assessments"),
            &[
                ("side", "state"),
                ("status", "implemented"),
                ("assessed_on", "2024-11-01"),
                ("comment", ""),
                ("comment_lang", "en"),
                ("evidence", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let j = get().await;
    assert_eq!(
        (
            j["state_status"]["implemented"].as_i64(),
            j["state_status"]["none"].as_i64()
        ),
        (Some(1), Some(4)),
        "{j}"
    );

    // Changed by hand in SQL: the triggers see it too.
    exec(&app, "UPDATE assessments SET status = 'regressed'").await;
    let j = get().await;
    assert_eq!(j["state_status"]["regressed"], 1, "{j}");

    // A measure past its deadline is overdue at once; done, it is not.
    let mut tx = app.db.begin().await.expect("begin");
    let m = measures::insert_in(
        &mut tx,
        &NewMeasure {
            title: "Late law".into(),
            title_lang: "en".into(),
            institution: "Ministry of Justice".into(),
            deadline: Some("2001-01-01".into()),
            budget_line: None,
            status: MeasureStatus::InProgress,
            recommendation_ids: vec![rec.clone()],
        },
        None,
        None,
    )
    .await
    .expect("measure");
    tx.commit().await.expect("commit");
    let j = get().await;
    assert_eq!(j["overdue_measures"], 1, "{j}");
    let by = app
        .client()
        .get("/api/monitoring/dashboard?institution=Ministry+of+Justice")
        .await
        .json();
    assert_eq!(total(&by), 1, "{by}");
    let mut tx = app.db.begin().await.expect("begin");
    measures::set_status_in(&mut tx, m.as_str(), MeasureStatus::Done)
        .await
        .expect("status");
    tx.commit().await.expect("commit");
    assert_eq!(get().await["overdue_measures"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuild_runs_the_same_statements_whatever_the_rows() {
    let app = TestApp::start().await;
    // In process: the request's statements are counted in the test's task.
    let anon = app.client_in_process();
    let url = "/api/monitoring/dashboard?theme=trafficking";
    let mut counts = Vec::new();
    for n in [20, 400] {
        crate::monitoring_bench::seed(&app, n).await;
        exec(
            &app,
            "UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version'",
        )
        .await;
        let (r, rebuild) = queries::statements(anon.get(url)).await;
        assert_eq!(r.status, 200);
        let (r, cached) = queries::statements(anon.get(url)).await;
        assert_eq!(r.status, 200);
        assert_eq!(
            cached.len(),
            1,
            "a cached request reads the version only: {cached:?}"
        );
        counts.push(rebuild.len());
        exec(&app, "DELETE FROM recommendations").await;
        exec(&app, "DELETE FROM measures").await;
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
}
