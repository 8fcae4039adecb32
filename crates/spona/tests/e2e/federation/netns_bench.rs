//! The federation benchmark across two network namespaces over HTTPS (issue 20; ignored in
//! the suite, run by `BENCH=1 tests/federation/netns.sh` or `NETNS=1 bench/federation.sh`).
//! The script starts Belgrade (SQLite) and Prishtina (PostgreSQL) in their namespaces,
//! pairs them and runs its scenario, then writes `SPONA_NETNS_BENCH` (JSON: Belgrade's
//! data directory and database, the partner, the two organisations) and keeps them
//! serving. This test, in the root namespace, queues pings straight into Belgrade's
//! database with Belgrade's keys; Belgrade's own sender posts them to Prishtina across the
//! veth pair, over TLS. Figures as `bench.rs` (`measure`).

use serde_json::json;
use spona_app::federation::keys::{FedKeys, Settings};
use spona_app::federation::outbox::{Outbound, queue_in};
use spona_domain::federation::PacketKind;
use spona_store::Db;

use super::bench::{env_usize, measure};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: BENCH=1 tests/federation/netns.sh"]
async fn federation_over_namespaces() {
    let Ok(path) = std::env::var("SPONA_NETNS_BENCH") else {
        eprintln!("SPONA_NETNS_BENCH is not set: run BENCH=1 tests/federation/netns.sh");
        return;
    };
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("bench info")).expect("json");
    let s = |k: &str| info[k].as_str().expect(k).to_owned();
    let (data, db_url, base) = (s("a_data"), s("a_db"), s("a_base"));
    let (partner, from_org, to_org) = (s("partner"), s("from_org"), s("to_org"));
    let db = Db::connect(&db_url).await.expect("Belgrade's database");
    let settings = Settings::for_data_dir(std::path::Path::new(&data), &base);
    let keys = FedKeys::open(&settings.dir, true).expect("Belgrade's keys");
    println!("netns bench: Belgrade {base} → Prishtina across the namespaces over HTTPS");
    let queue = async |conversations: Vec<String>| {
        let mut tx = db.begin().await.expect("tx");
        let mut ids = Vec::new();
        for conversation in &conversations {
            ids.push(
                queue_in(
                    &mut tx,
                    &keys,
                    &settings,
                    Outbound {
                        partner_id: &partner,
                        from_org: &from_org,
                        to_org: &to_org,
                        conversation,
                        kind: PacketKind::Ping,
                        data: json!({}),
                    },
                    spona_store::now(),
                )
                .await
                .expect("queued"),
            );
        }
        tx.commit().await.expect("commit");
        ids
    };
    measure(
        &db,
        env_usize("FED_N", 500),
        env_usize("FED_ROUNDS", 50),
        queue,
    )
    .await;
}
