//! The services benchmark (`bench/services.sh`, ignored in normal runs): SERVICES published
//! services (default 20,000) over the test database, then `wrk` against the HSDS
//! `/api/hsds/services` endpoint with search and filters (p99), and the tabular export of
//! `services.csv` and `schedules.csv` read to the end: time, bytes, and the process's peak
//! resident memory (VmHWM) before and after (the server runs in this process).

use spona_domain::ids::ServiceId;
use spona_domain::service::{OpeningDraft, ServiceDraft, ServiceStatus, ServiceText};

use crate::bench_util::{env_num, status_kib, wrk};
use crate::harness::*;

const KINDS: [&str; 6] = [
    "shelter",
    "legal-counselling",
    "psychosocial-support",
    "hotline",
    "reintegration",
    "medical-care",
];
const CITIES: [(&str, &str); 6] = [
    ("Beograd", "RS"),
    ("Novi Sad", "RS"),
    ("Niš", "RS"),
    ("Prishtina", "XK"),
    ("Mitrovica", "XK"),
    ("Prizren", "XK"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/services.sh"]
async fn bench_hsds_services() {
    let n = env_num("SERVICES", 20_000);
    let app = TestApp::start().await;
    let org = spona_store::orgs::get_by_slug(&app.db, "atina")
        .await
        .expect("org")
        .id;
    let t0 = std::time::Instant::now();
    let mut done = 0;
    while done < n {
        let batch = (n - done).min(500);
        let mut tx = app.db.begin().await.expect("tx");
        for i in done..done + batch {
            let (city, country) = CITIES[i % CITIES.len()];
            let kind = KINDS[i % KINDS.len()];
            let d = ServiceDraft {
                kind: kind.into(),
                texts: vec![
                    ServiceText {
                        lang: "en".into(),
                        name: format!("{kind} service {i} in {city}"),
                        description: "Support for survivors of trafficking and violence: \
                                      counselling, accompaniment, legal aid."
                            .into(),
                        eligibility: String::new(),
                    },
                    ServiceText {
                        lang: "sr-Cyrl".into(),
                        name: format!("Услуга {i} — заштита жртава ({city})"),
                        description: "Подршка жртвама трговине људима и насиља.".into(),
                        eligibility: String::new(),
                    },
                ],
                languages: vec!["sr".into(), if i % 2 == 0 { "sq" } else { "en" }.into()],
                area_countries: vec![country.into()],
                locations: vec![spona_domain::service::LocationDraft {
                    name: String::new(),
                    address: format!("Demo {i}"),
                    city: city.into(),
                    country: country.into(),
                }],
                hours: ["MO", "WE", "FR"]
                    .iter()
                    .map(|d| OpeningDraft {
                        day: (*d).into(),
                        opens: "09:00".into(),
                        closes: "17:00".into(),
                    })
                    .collect(),
                phone: "+381 11 000".into(),
                free: true,
                ..ServiceDraft::default()
            };
            let v = d.validate().expect("valid");
            let id = ServiceId::from(spona_store::new_id());
            spona_store::services::create_in(
                &mut tx,
                &id,
                &org,
                None,
                ServiceStatus::Published,
                &v,
                None,
            )
            .await
            .expect("create");
        }
        tx.commit().await.expect("commit");
        done += batch;
    }
    eprintln!("seeded {n} services in {:.1}s", t0.elapsed().as_secs_f64());

    // One request first: it builds the catalogue in memory (once per change), which the
    // first wrk run would otherwise count in its p99.
    let warm = std::time::Instant::now();
    let r = reqwest::get(format!("{}/api/hsds/services", app.base))
        .await
        .expect("warm-up");
    assert_eq!(r.status(), 200);
    eprintln!(
        "catalogue of {n} services built in {:.2}s",
        warm.elapsed().as_secs_f64()
    );
    let duration = env_num("DURATION", 15);
    let urls = [
        "/api/hsds/services?per_page=20",
        "/api/hsds/services?search=zastita&per_page=20",
        "/api/hsds/services?search=shelter%20Mitrovica&per_page=20",
        "/api/hsds/services?taxonomy_term_id=5b0a0000-0000-4000-8000-000000000011&organization_id=ORG&page=5",
        "/api/hsds/services?modified_after=2020-01-01&page=100&per_page=50",
    ];
    println!("| endpoint | requests/s | p99 |");
    println!("|---|---|---|");
    for url in urls {
        let url = url.replace("ORG", org.as_str());
        let run = wrk(
            &["-t2", "-c8", &format!("-d{duration}s")],
            &format!("{}{url}", app.base),
        );
        let non2xx = run.text.lines().find(|l| l.contains("Non-2xx"));
        assert!(non2xx.is_none(), "{url}: {}", run.text);
        let (rps, p99) = (run.rps, run.p99);
        println!("| `{url}` | {rps} | {p99} |");
    }

    let c = app.client();
    for table in ["services.csv", "schedules.csv"] {
        let before = status_kib(None, "VmHWM:");
        let t = std::time::Instant::now();
        let (status, body, _) = c.bytes(&format!("/api/hsds/data/{table}")).await;
        assert_eq!(status, 200);
        let lines = body.iter().filter(|b| **b == b'\n').count();
        let bytes = body.len();
        drop(body);
        println!(
            "export {table}: {lines} lines, {bytes} bytes in {:.2}s; VmHWM {before} KiB before, {} KiB after \
             (the client holds the whole body; the server streams 500 services at a time)",
            t.elapsed().as_secs_f64(),
            status_kib(None, "VmHWM:")
        );
    }
}
