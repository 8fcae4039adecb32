//! The endorsement campaigns' benchmark (`bench/endorsements.sh`, ignored in normal runs):
//! a campaign page with ENDORSEMENTS (default 50,000) confirmed endorsements and its live
//! counts per country under `wrk` (requests/s and p99; aim ≥ 2,000 req/s and p99 < 20 ms in
//! release), then RATE (default 1,000) endorsements a second submitted for DURATION seconds
//! — from one client, then spread over many networks (through a trusted proxy's
//! `X-Forwarded-For`) — counting what the server accepts (303) and slows (429), while `wrk`
//! reads the page at the same time.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use spona_store::endorsements::{self as store, Seed};

use super::bench_util::{env_num, wrk};
use super::endorse::fixture;
use crate::harness::*;

const COUNTRIES: [&str; 10] = ["RS", "BA", "HR", "MK", "AL", "XK", "ME", "SI", "UA", "AT"];

async fn seed(app: &TestApp, id: &str, n: usize) {
    let t0 = spona_store::now() - 30 * 86_400;
    let mut done = 0;
    while done < n {
        let k = (n - done).min(5_000);
        let addresses: Vec<String> = (done..done + k)
            .map(|i| format!("p{i}@example.org"))
            .collect();
        let keys = spona_app::endorsements::address_keys(&app.db, &addresses)
            .await
            .expect("keys");
        let rows: Vec<Seed> = keys
            .into_iter()
            .enumerate()
            .map(|(j, key)| Seed {
                name: format!("Person {}", done + j),
                country: COUNTRIES[(done + j) % COUNTRIES.len()].into(),
                organisation: None,
                address_key: key,
                domain: "example.org".into(),
                at: t0 + (done + j) as i64,
            })
            .collect();
        let mut tx = app.db.begin().await.expect("tx");
        store::seed_confirmed_in(&mut tx, id, &rows)
            .await
            .expect("seed");
        tx.commit().await.expect("commit");
        done += k;
    }
}

/// The page's cookie and CSRF token, for posting without a browser.
async fn session(http: &reqwest::Client, url: &str) -> (String, String) {
    let r = http.get(url).send().await.expect("page");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let body = r.text().await.expect("body");
    let at = body.find("name=\"csrf\" value=\"").expect("csrf") + "name=\"csrf\" value=\"".len();
    let csrf = body[at..at + body[at..].find('"').expect("quote")].to_owned();
    (cookie, csrf)
}

#[derive(Default)]
struct Tally {
    accepted: AtomicUsize,
    slowed: AtomicUsize,
    other: AtomicUsize,
    /// What the other answers were (a status or the client's error), with how many.
    others: std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
}

/// Submits `rate` endorsements a second for `secs` seconds (each a new address), from one
/// client or (`spread`) from a network of its own each; what the server answered.
async fn submit(
    app: &TestApp,
    id: &str,
    rate: usize,
    secs: usize,
    spread: bool,
    tag: &str,
) -> (Arc<Tally>, f64) {
    let http = http()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let url = format!("{}/en/campaigns/{id}", app.base);
    let (cookie, csrf) = session(&http, &url).await;
    let tally = Arc::new(Tally::default());
    let total = rate * secs;
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / rate as f64);
        tokio::time::sleep_until(due.into()).await;
        let (http, tally) = (http.clone(), tally.clone());
        let post = format!("{url}/endorse");
        let (cookie, csrf) = (cookie.clone(), csrf.clone());
        let email = format!("{tag}{i}@example.net");
        let ip = format!("10.{}.{}.9", (i / 250) % 250, i % 250);
        tasks.push(tokio::spawn(async move {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("csrf", csrf.as_str()),
                    ("name", "Burst"),
                    ("country", "RS"),
                    ("email", email.as_str()),
                ])
                .finish();
            let mut req = http
                .post(post)
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded");
            if spread {
                req = req.header("x-forwarded-for", ip);
            }
            let what = match req.body(body).send().await.map(|r| r.status().as_u16()) {
                Ok(303) => return tally.accepted.fetch_add(1, Ordering::Relaxed),
                Ok(429) => return tally.slowed.fetch_add(1, Ordering::Relaxed),
                Ok(status) => status.to_string(),
                Err(e) if e.is_timeout() => "timeout".to_owned(),
                Err(e) if e.is_connect() => "connect".to_owned(),
                Err(_) => "error".to_owned(),
            };
            *tally
                .others
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(what)
                .or_default() += 1;
            tally.other.fetch_add(1, Ordering::Relaxed)
        }));
    }
    let sent_in = start.elapsed().as_secs_f64();
    for t in tasks {
        let _ = t.await;
    }
    (tally, total as f64 / sent_in)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/endorsements.sh"]
async fn bench_endorsements() {
    let n = env_num("ENDORSEMENTS", 50_000);
    let duration = env_num("DURATION", 10);
    let rate = env_num("RATE", 1_000);
    let secs = env_num("BURST_SECONDS", 5);
    let app =
        TestApp::start_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]).await;
    let id = fixture(&app).await;
    let t = Instant::now();
    seed(&app, &id, n).await;
    eprintln!(
        "seeded {n} confirmed endorsements in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let c = app.client();
    let page = format!("/en/campaigns/{id}");
    let api = format!("/api/v1/campaigns/{id}");
    let r = c.get(&page).await;
    assert_eq!(r.status, 200);
    let j = c.get(&api).await.json();
    assert_eq!(j["confirmed"].as_i64(), Some(n as i64));
    let d = format!("-d{duration}s");
    println!(
        "| {} · {n} confirmed endorsements | requests/s | p99 |",
        app.db.kind()
    );
    println!("|---|---|---|");
    for url in [&page, &api] {
        let w = wrk(&["-t2", "-c8", &d], &format!("{}{url}", app.base));
        assert!(!w.text.contains("Non-2xx"), "{url}: {}", w.text);
        println!("| `GET {url}` | {} | {} |", w.rps, w.p99);
    }
    for (spread, what) in [(false, "one client"), (true, "a network each")] {
        let base = app.base.clone();
        let page_url = format!("{base}{page}");
        let reader =
            std::thread::spawn(move || wrk(&["-t1", "-c4", &format!("-d{secs}s")], &page_url));
        let (tally, achieved) = submit(
            &app,
            &id,
            rate,
            secs,
            spread,
            if spread { "s" } else { "o" },
        )
        .await;
        let w = reader.join().expect("wrk");
        println!(
            "| {rate}/s for {secs} s from {what} (sent at {achieved:.0}/s): accepted {}, 429 {}, other {} | page meanwhile {} req/s | p99 {} |",
            tally.accepted.load(Ordering::Relaxed),
            tally.slowed.load(Ordering::Relaxed),
            tally.other.load(Ordering::Relaxed),
            w.rps,
            w.p99
        );
        let others = tally
            .others
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if !others.is_empty() {
            println!("other answers: {others:?}");
        }
    }
}
