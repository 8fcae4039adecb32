//! The federation benchmark (`bench/federation.sh`; ignored in the suite): two `spona serve`
//! processes on loopback (Belgrade over the test's database, Prishtina over SQLite), paired.
//! - Throughput: `FED_N` pings (default 500), each its own conversation so all are due at
//!   once, queued in one transaction; packets/s from the commit until the last is
//!   delivered (signed, encrypted, stored durably on both sides with a signed receipt).
//! - Round trip: `FED_ROUNDS` pings (default 50), one at a time: queued → receipt back
//!   (`delivered`) and queued → the receiver's `ack` back (`accepted`); p50 and p99.

use std::time::{Duration, Instant};

use spona_store::federation::packets;

use super::senders::paired_processes;

pub(super) fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/federation.sh"]
async fn federation_throughput_and_round_trip() {
    let n = env_usize("FED_N", 500);
    let rounds = env_usize("FED_ROUNDS", 50);
    let s = paired_processes().await;
    measure(&s.db, n, rounds, async |c: Vec<String>| {
        s.queue_pings(&c).await
    })
    .await;
}

/// Times `n` pings queued at once (each its own conversation) until all are delivered, then
/// `rounds` pings one at a time (queued → receipt, queued → ack), and prints the figures.
/// `queue` queues a ping in each conversation, in one transaction, and gives their ids;
/// `db` is the sending deployment's database.
pub(super) async fn measure(
    db: &spona_store::Db,
    n: usize,
    rounds: usize,
    queue: impl AsyncFn(Vec<String>) -> Vec<String>,
) {
    let conversations: Vec<String> = (0..n).map(|i| format!("bench:{i}")).collect();
    let started = Instant::now();
    queue(conversations).await;
    let queued = started.elapsed();
    loop {
        let out = packets::outbox(db, (n + 10) as i64).await.expect("db");
        let done = out
            .iter()
            .filter(|o| o.conversation.starts_with("bench:") && o.state != "queued")
            .count();
        if done >= n {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(1800), "{done}/{n}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    println!(
        "throughput: {n} packets queued in {:.0} ms, delivered in {:.2} s: {:.1} packets/s",
        ms(queued),
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64()
    );

    let (mut receipt, mut ack) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        let t = Instant::now();
        let id = queue(vec![format!("round:{r}")]).await.remove(0);
        let mut delivered = None;
        loop {
            let o = packets::outgoing(db, &id)
                .await
                .expect("db")
                .expect("packet");
            if delivered.is_none() && o.state != "queued" {
                delivered = Some(t.elapsed());
            }
            if o.state == "accepted" {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "round {r}: {}",
                o.state
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        receipt.push(delivered.expect("delivered"));
        ack.push(t.elapsed());
    }
    receipt.sort();
    ack.sort();
    println!(
        "round trip over {rounds}: queued → receipt p50 {:.1} ms p99 {:.1} ms; \
         queued → ack p50 {:.1} ms p99 {:.1} ms (senders poll every 0.5 s)",
        ms(quantile(&receipt, 0.5)),
        ms(quantile(&receipt, 0.99)),
        ms(quantile(&ack, 0.5)),
        ms(quantile(&ack, 0.99)),
    );
}
