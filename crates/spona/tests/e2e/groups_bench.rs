//! Benchmarks of the working groups, run by `bench/thread_page.sh` and `bench/digest.sh`
//! (ignored in the suite): a thread page of 500 replies under `wrk`, and a digest run for
//! many subscribers (time, mails queued per second, peak memory).

use spona_store::Db;

use crate::bench_util::{env_num, status_kib, wrk};
use crate::harness::*;

pub(crate) async fn exec(db: &Db, sql: String) {
    let sql = sqlx::AssertSqlSafe(sql);
    match db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .expect("bulk insert");
}

/// A group of ASTRA's admin with one thread of `replies` replies; `(group, thread, admin)`.
pub(crate) async fn thread_of(app: &TestApp, replies: usize) -> (String, String, String) {
    let admin = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("user")
        .id
        .into_string();
    let mut tx = app.db.begin().await.expect("tx");
    let group = spona_store::groups::create_in(
        &mut tx,
        &spona_store::groups::NewGroup {
            name: "Bench",
            description: "",
            lang: "en",
            network_id: None,
            join_policy: "open",
            created_by: &admin,
            locale: "en",
            theme: None,
        },
        None,
        spona_store::now() - 10,
    )
    .await
    .expect("group");
    let thread = spona_store::groups::create_thread_in(&mut tx, &group, &admin, "Long thread", 0)
        .await
        .expect("thread");
    for i in 0..=replies {
        let body = format!(
            "Reply {i}: *Mirovni dijalog* across borders — a paragraph of some length, with a [link](https://example.org/{i}) and a list:\n\n- one\n- two\n"
        );
        spona_store::groups::add_post_in(
            &mut tx,
            &spona_store::groups::NewPost {
                thread_id: &thread,
                group_id: &group,
                author_id: &admin,
                body: &body,
                search_text: " ",
            },
            None,
            spona_store::now() - 5,
        )
        .await
        .expect("post");
    }
    tx.commit().await.expect("commit");
    (group, thread, admin)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/thread_page.sh"]
async fn bench_thread_page_of_500_replies() {
    let app = TestApp::start().await;
    let (_, thread, admin) = thread_of(&app, 500).await;
    let token = spona_store::sessions::create(&app.db, &admin, false)
        .await
        .expect("session");
    let duration = env_num("DURATION", 15);
    let connections = env_num("CONNECTIONS", 16);
    for page in ["1", "11"] {
        let url = format!("{}/en/discussions/{thread}?page={page}", app.base);
        let cookie = format!("Cookie: spona_session={token}");
        let run = wrk(
            &[
                "-t2",
                &format!("-c{connections}"),
                &format!("-d{duration}s"),
                "-H",
                &cookie,
            ],
            &url,
        );
        println!("== thread page {page} of 11 (50 posts), 501 posts in the thread ==");
        println!("{}", run.text);
    }
}

/// `subscribers` accounts (`bench-000000`…), members of `group` due for a daily digest now,
/// their locales in turn English, Serbian Latin, Serbian Cyrillic and Ukrainian.
pub(crate) async fn seed_subscribers(app: &TestApp, group: &str, subscribers: usize) {
    let mut done = 0;
    while done < subscribers {
        let n = (subscribers - done).min(500);
        let users: Vec<String> = (done..done + n)
            .map(|i| {
                format!(
                    "('bench-{i:06}', 'reader{i}@bench.example', 'Reader {i}', 'x', 'user', FALSE, 0, 0)"
                )
            })
            .collect();
        exec(
            &app.db,
            format!(
                "INSERT INTO users (id, email, display_name, password_hash, platform_role, disabled, created_at, updated_at) VALUES {}",
                users.join(", ")
            ),
        )
        .await;
        let members: Vec<String> = (done..done + n)
            .map(|i| {
                let locale = ["en", "sr-Latn", "sr-Cyrl", "uk"][i % 4];
                format!("('{group}', 'bench-{i:06}', 'member', 0, 'daily', '{locale}', 0)")
            })
            .collect();
        exec(
            &app.db,
            format!(
                "INSERT INTO group_members (group_id, user_id, role, since, mail, locale, digest_until) VALUES {}",
                members.join(", ")
            ),
        )
        .await;
        done += n;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/digest.sh"]
async fn bench_digest_run() {
    let subscribers = env_num("SUBSCRIBERS", 10_000);
    let app = TestApp::start().await;
    let (group, thread, _) = thread_of(&app, 20).await;
    let t0 = std::time::Instant::now();
    seed_subscribers(&app, &group, subscribers).await;
    let _ = thread;
    eprintln!("seeded {subscribers} subscribers in {:?}", t0.elapsed());
    let state = app.state();
    let m = spona_app::groups::notify::MailCtx {
        tr: &state.tr,
        public_url: &state.config.public_url,
    };
    let rss_before = status_kib(None, "VmRSS:");
    let start = std::time::Instant::now();
    let run = spona_app::groups::digest::run(&app.db, &m, spona_store::now())
        .await
        .expect("digest");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "digest run: {} due, {} queued in {secs:.2} s = {:.0} mails queued/s ({} batches, at most {} members each); RSS before {} MiB, after {} MiB, peak (process) {} MiB",
        run.due,
        run.queued,
        run.queued as f64 / secs,
        run.batches,
        run.largest_batch,
        rss_before / 1024,
        status_kib(None, "VmRSS:") / 1024,
        status_kib(None, "VmHWM:") / 1024
    );
    assert_eq!(run.queued, subscribers, "one digest per subscriber");
}
