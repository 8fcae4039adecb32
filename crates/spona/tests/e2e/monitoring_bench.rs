//! The dashboard benchmark (`bench/monitoring_dashboard.sh`, ignored in normal runs):
//! RECS recommendations (default 270,000, the size of OHCHR's index) written by SQL in a
//! few statements (a recursive CTE), with themes, the state's status on two thirds, a CSO's
//! assessment on half, 2,000 measures; then `wrk` against the dashboard page and its JSON,
//! whole and filtered (requests/s, p99).

use crate::harness::*;

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn exec(app: &TestApp, sql: String) {
    let db = &app.db;
    let sql = sqlx::AssertSqlSafe(sql);
    spona_store::on_db!(db, p => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()))
        .expect("seed");
}

/// Fills the database: `n` recommendations and what hangs on them.
pub async fn seed(app: &TestApp, n: usize) {
    let astra = spona_store::orgs::get_by_slug(&app.db, "astra")
        .await
        .expect("org")
        .id
        .to_string();
    let t = std::time::Instant::now();
    exec(
        app,
        format!(
            "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {last}) \
         INSERT INTO recommendations (id, mechanism, body, cycle, symbol, paragraph, country, \
         published_on, response, text_lang, created_at, updated_at) \
         SELECT 'bench-' || i, CASE i % 6 WHEN 0 THEN 'upr' WHEN 1 THEN 'upr' WHEN 2 THEN 'upr' \
         WHEN 3 THEN 'treaty-body' WHEN 4 THEN 'special-procedure' ELSE 'nap-1325' END, NULL, \
         CAST(1 + i % 4 AS TEXT), 'BENCH', CAST(i AS TEXT), 'RS', NULL, 'supported', 'en', 0, 0 \
         FROM seq",
            last = n - 1
        ),
    )
    .await;
    exec(
        app,
        "INSERT INTO recommendation_terms (recommendation_id, kind, code) \
         SELECT id, 'theme', CASE (CAST(paragraph AS INTEGER) % 12) WHEN 0 THEN 'women-rights' \
         WHEN 1 THEN 'torture' WHEN 2 THEN 'trafficking' WHEN 3 THEN 'children' \
         WHEN 4 THEN 'minorities' WHEN 5 THEN 'justice' WHEN 6 THEN 'media' \
         WHEN 7 THEN 'labour' WHEN 8 THEN 'health' WHEN 9 THEN 'education' \
         WHEN 10 THEN 'roma' ELSE 'migrants' END FROM recommendations WHERE symbol = 'BENCH'"
            .into(),
    )
    .await;
    exec(
        app,
        "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, \
         comment, created_at) SELECT 's-' || id, id, NULL, CASE (CAST(paragraph AS INTEGER) % 4) \
         WHEN 0 THEN 'not-started' WHEN 1 THEN 'partially' WHEN 2 THEN 'implemented' \
         ELSE 'regressed' END, '2025-01-01', '', 0 FROM recommendations \
         WHERE symbol = 'BENCH' AND CAST(paragraph AS INTEGER) % 3 <> 0"
            .into(),
    )
    .await;
    exec(
        app,
        format!(
            "INSERT INTO assessments (id, recommendation_id, org_id, status, \
         assessed_on, comment, created_at) SELECT 'c-' || id, id, '{astra}', \
         CASE (CAST(paragraph AS INTEGER) % 5) WHEN 0 THEN 'not-started' WHEN 1 THEN 'partially' \
         WHEN 2 THEN 'implemented' WHEN 3 THEN 'partially' ELSE 'regressed' END, '2025-01-01', \
         '', 0 FROM recommendations WHERE symbol = 'BENCH' AND CAST(paragraph AS INTEGER) % 2 = 0"
        ),
    )
    .await;
    exec(
        app,
        "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 1999) \
         INSERT INTO measures (id, title, title_lang, institution, deadline, budget_line, status, \
         created_at, updated_at) SELECT 'm-' || i, 'Measure ' || i, 'en', \
         CASE i % 5 WHEN 0 THEN 'Ministry of Justice' WHEN 1 THEN 'Ministry of the Interior' \
         WHEN 2 THEN 'Ministry of Defence' WHEN 3 THEN 'Government' ELSE 'Ombudsperson' END, \
         CASE i % 2 WHEN 0 THEN '2020-12-31' ELSE '2999-12-31' END, NULL, \
         CASE i % 3 WHEN 0 THEN 'done' ELSE 'in-progress' END, 0, 0 FROM seq"
            .into(),
    )
    .await;
    exec(
        app,
        "INSERT INTO measure_recommendations (measure_id, recommendation_id) \
         SELECT 'm-' || (CAST(paragraph AS INTEGER) % 2000), id FROM recommendations \
         WHERE symbol = 'BENCH' AND CAST(paragraph AS INTEGER) % 50 = 0"
            .into(),
    )
    .await;
    eprintln!(
        "seeded {n} recommendations in {:.1}s",
        t.elapsed().as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/monitoring_dashboard.sh"]
async fn bench_monitoring_dashboard() {
    let n = env_num("RECS", 270_000);
    let app = TestApp::start().await;
    seed(&app, n).await;
    exec(&app, "ANALYZE".into()).await;
    let c = app.client();
    let t = std::time::Instant::now();
    let j = c.get("/api/monitoring/dashboard").await;
    assert_eq!(j.status, 200, "{}", j.body);
    // The first request builds the summary in memory (as the first after any change does).
    eprintln!(
        "first request (builds the summary): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(j.json()["total"].as_i64(), Some(n as i64));
    let duration = env_num("DURATION", 15);
    let urls = [
        "/api/monitoring/dashboard",
        "/api/monitoring/dashboard?mechanism=upr&cycle=2",
        "/api/monitoring/dashboard?theme=trafficking",
        "/api/monitoring/dashboard?institution=Ministry+of+Justice",
        "/en/monitoring/dashboard?mechanism=treaty-body&theme=women-rights",
    ];
    for url in urls {
        let t = std::time::Instant::now();
        let r = c.get(url).await;
        assert_eq!(r.status, 200, "{url}");
        eprintln!(
            "one request {url}: {:.0} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    println!(
        "| endpoint ({n} recommendations, {}) | requests/s | p99 |",
        app.db.kind()
    );
    println!("|---|---|---|");
    for url in urls {
        let out = std::process::Command::new("wrk")
            .args(["-t2", "-c8", "--latency", &format!("-d{duration}s")])
            .arg(format!("{}{url}", app.base))
            .output()
            .expect("wrk");
        let text = String::from_utf8_lossy(&out.stdout);
        let rps = text
            .lines()
            .find(|l| l.starts_with("Requests/sec"))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned();
        let p99 = text
            .lines()
            .find(|l| l.trim_start().starts_with("99%"))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned();
        assert!(!text.contains("Non-2xx"), "{url}: {text}");
        println!("| `{url}` | {rps} | {p99} |");
    }
}
