//! Killing the sending server (kill -9) while a queue of 1,000 mails goes out over SMTP and
//! starting it again delivers each mail: none lost, and a repeat only where no SMTP client
//! can avoid one (counted in the sink). Runs on SQLite and PostgreSQL.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::*;
use crate::mail_sink::{Killed, Sink, check, db_url_of, sending_server};

/// A `spona serve` child sending the queue of `app`'s database to `smtp`.
fn sender_process(app_dir: &Path, data: &Path, db_url: &str, smtp: &str, log: &Path) -> Killed {
    sending_server(
        app_dir,
        data,
        db_url,
        smtp,
        &["--mail-lease-seconds", "3"],
        &[],
        log,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_sending_loses_no_mail_and_sends_none_twice() {
    const N: usize = 1000;
    let tmp = tempfile::tempdir().expect("tmp");
    let sink = Sink::start(&tmp.path().join("sink"), &[]);
    // This server queues only; the child processes send.
    let app = TestApp::start_with(|c| c.mail.sending = false).await;
    let mut ids = Vec::new();
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..N {
        let m = spona_store::mail::NewMail {
            recipient: &format!("person{i}@example.org"),
            subject: "Digest",
            body: "Something new.",
            list_id: Some("group/g-kill"),
            list_name: Some("Kill test"),
            thread: None,
        };
        ids.push(
            spona_store::mail::enqueue_in(&mut tx, &m, spona_store::now())
                .await
                .expect("enqueue")
                .expect("queued"),
        );
    }
    tx.commit().await.expect("commit");
    let db_url = db_url_of(&app).await;
    let data = tmp.path().join("data");
    let log = tmp.path().join("serve.log");
    let smtp = format!(
        "smtp://127.0.0.1:{}?tls=none&timeout=0.3&connections=4",
        sink.port
    );
    let mut child = sender_process(app.dir.path(), &data, &db_url, &smtp, &log);
    // Kill it mid-sending: after a tenth arrived and a little more (not at a message edge).
    let deadline = Instant::now() + Duration::from_secs(120);
    while sink.files().len() < N / 10 {
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!(
                "spona serve exited with {status}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        assert!(
            Instant::now() < deadline,
            "{} arrived; log: {}",
            sink.files().len(),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(37)).await;
    let kill_ns = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    child.0.kill().expect("kill -9");
    child.0.wait().expect("wait");
    let before_kill = sink.files();
    let at_kill = before_kill.len();
    // What the server finished storing after the kill (a file's modification time: the sink
    // writes it, renames it and then answers 250): messages whose end of DATA was on the
    // wire or in the server's buffer when the process died. Their 250 could never reach the
    // sender (RFC 1047's duplicate window, on the server's side of the answer).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let stored_after_death: std::collections::HashSet<String> = sink
        .files()
        .iter()
        .filter(|f| stored_ns(f).is_some_and(|ns| ns > kill_ns))
        .filter_map(|f| message_id(f))
        .collect();
    assert!(at_kill < N, "the kill came after the end ({at_kill})");
    // Started again: the rest leaves (rows claimed by the dead one after their lease).
    let child = sender_process(app.dir.path(), &data, &db_url, &smtp, &log);
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let left = spona_store::mail_send::due_count(&app.db, spona_store::now() + 3600)
            .await
            .expect("due");
        if left == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{left} still queued; log: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(child);
    let after_restart: Vec<PathBuf> = sink
        .files()
        .into_iter()
        .filter(|f| !before_kill.contains(f))
        .collect();
    println!(
        "kill -9 test: sending rate (first→last arrival) {:.0} mails/s before the kill, {:.0} mails/s after the restart",
        arrival_rate(&before_kill),
        arrival_rate(&after_restart)
    );
    let counts = check(&["ids", sink.dir.to_str().expect("path")]);
    let counts = counts.as_object().expect("ids");
    let twice: Vec<_> = counts
        .iter()
        .filter(|(_, n)| n.as_i64() != Some(1))
        .collect();
    let missing = ids
        .iter()
        .filter(|id| !counts.keys().any(|k| k.starts_with(&format!("<{id}@"))))
        .count();
    let repeated_while_alive: Vec<_> = twice
        .iter()
        .filter(|(id, _)| !stored_after_death.contains(id.as_str()))
        .collect();
    println!(
        "kill -9 test: {N} queued, {at_kill} arrived before the kill, {} stored by the server after the sender died, {} distinct after the restart, {} sent twice ({} of them stored after the sender died), {missing} missing",
        stored_after_death.len(),
        counts.len(),
        twice.len(),
        twice.len() - repeated_while_alive.len()
    );
    assert_eq!(missing, 0, "every message arrived");
    assert_eq!(counts.len(), N);
    // Each message's mark is committed right after its own 250 (no message waits for
    // another's SMTP exchange). What can still repeat: messages the server stored after the
    // sender died (their end of DATA sent, the 250 never read: no client can mark those —
    // RFC 1047) and, rarely, one whose 250 arrived in the last moment before the kill, ahead
    // of its single-row commit. Both are bounded by the messages in flight: one per
    // connection. "0 sent twice" cannot be promised by any SMTP client killed at a random
    // moment; the line above says which kind each repeat was (ARCH notes of lane mail17).
    if !repeated_while_alive.is_empty() {
        println!(
            "kill -9 test: sent twice though stored before the kill (the 250 → mark window): {repeated_while_alive:?}"
        );
    }
    assert!(twice.len() <= 4, "at most one per connection: {twice:?}");
}

/// The `Message-ID` header of a stored message.
fn message_id(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .map(|l| l["message-id:".len()..].trim().to_owned())
}

/// When the sink finished writing `file` (just before it answers 250).
fn stored_ns(file: &Path) -> Option<u128> {
    let t = std::fs::metadata(file).ok()?.modified().ok()?;
    Some(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

/// Messages per second from the first to the last of `files` (the sink names each file by
/// the nanosecond it arrived).
fn arrival_rate(files: &[PathBuf]) -> f64 {
    let ns: Vec<u128> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str()?.split('-').next()?.parse().ok())
        .collect();
    match (ns.iter().min(), ns.iter().max()) {
        (Some(a), Some(b)) if b > a => (ns.len() - 1) as f64 / ((b - a) as f64 / 1e9),
        _ => 0.0,
    }
}
