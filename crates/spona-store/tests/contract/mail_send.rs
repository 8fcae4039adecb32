//! Sending from the mail queue: concurrent claims never share a row, a lease that ran out
//! lets another sender take the row, retries wait, bounces and unsubscribe tokens.

use super::*;
use spona_store::mail::{self, NewMail};
use spona_store::mail_send;

async fn queue(db: &spona_store::Db, n: usize, at: i64) -> Vec<String> {
    let mut tx = db.begin().await.expect("begin");
    let mut ids = Vec::new();
    for i in 0..n {
        let to = format!("p{i}@example.org");
        let m = NewMail {
            recipient: &to,
            subject: "S",
            body: "B",
            list_id: Some("group/g1"),
            list_name: Some("G"),
            thread: None,
        };
        ids.push(
            mail::enqueue_in(&mut tx, &m, at)
                .await
                .expect("enqueue")
                .expect("queued"),
        );
    }
    tx.commit().await.expect("commit");
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_are_exclusive_and_leases_run_out() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ids = queue(&db, 120, 100).await;
        // Four senders claim at once: every row goes to exactly one.
        let (a, b, c, d) = tokio::join!(
            mail_send::claim(&db, 100, 160, 50),
            mail_send::claim(&db, 100, 160, 50),
            mail_send::claim(&db, 100, 160, 50),
            mail_send::claim(&db, 100, 160, 50),
        );
        let mut all: Vec<String> = [a, b, c, d]
            .into_iter()
            .flat_map(|r| r.expect("claim"))
            .map(|m| m.id)
            .collect();
        // (On PostgreSQL a claim that loses the race to the same rows gets none of them,
        // not someone else's: the rest is taken by the next round.)
        assert!(all.len() >= 50, "{kind}");
        loop {
            let more = mail_send::claim(&db, 100, 160, 50).await.expect("claim");
            if more.is_empty() {
                break;
            }
            all.extend(more.into_iter().map(|m| m.id));
        }
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "{kind}: a row claimed twice");
        assert_eq!(n, 120, "{kind}");
        // While the lease runs, nobody else takes them; after it, they come back.
        assert!(
            mail_send::claim(&db, 150, 200, 50)
                .await
                .expect("claim")
                .is_empty()
        );
        let again = mail_send::claim(&db, 161, 220, 500).await.expect("claim");
        assert_eq!(again.len(), 120, "{kind}");
        // Sent, retried later, given up.
        mail_send::mark_sent(&db, &ids[0], 162).await.expect("sent");
        mail_send::retry_at(&db, &ids[1], 1000, "451 later")
            .await
            .expect("retry");
        mail_send::give_up(&db, &ids[2], "550 no", true)
            .await
            .expect("give up");
        let s = mail_send::stats(&db).await.expect("stats");
        assert_eq!(
            (s.sent, s.failed, s.retrying, s.queued),
            (1, 1, 1, 118),
            "{kind}"
        );
        let later = mail_send::claim(&db, 999, 1100, 500).await.expect("claim");
        assert!(
            !later.iter().any(|m| m.id == ids[1]),
            "{kind}: retried too early"
        );
        let later = mail_send::claim(&db, 2000, 2100, 500).await.expect("claim");
        assert!(later.iter().any(|m| m.id == ids[1]), "{kind}");
        assert!(
            !later.iter().any(|m| m.id == ids[0] || m.id == ids[2]),
            "{kind}"
        );
        // Bounces and locales are seen with the claimed rows.
        mail_send::mark_bouncing(&db, "P3@Example.org", 5, "550 no")
            .await
            .expect("bounce");
        let mut tx = db.begin().await.expect("begin");
        mail_send::set_locale_in(&mut tx, &ids[4], "sr-Latn")
            .await
            .expect("locale");
        tx.commit().await.expect("commit");
        let rows = mail_send::claim(&db, 5000, 5100, 500).await.expect("claim");
        let p3 = rows
            .iter()
            .find(|m| m.recipient == "p3@example.org")
            .expect("p3");
        assert!(p3.bouncing, "{kind}");
        let p4 = rows
            .iter()
            .find(|m| m.recipient == "p4@example.org")
            .expect("p4");
        assert_eq!(p4.locale.as_deref(), Some("sr-Latn"), "{kind}");
        // What a signed unsubscribe link of a message stands for.
        let found = mail_send::queued_list(&db, &ids[4])
            .await
            .expect("queued list")
            .expect("found");
        assert_eq!(
            (found.address.as_str(), found.list_id.as_str(), found.left),
            ("p4@example.org", "group/g1", false)
        );
        assert!(
            mail_send::queued_list(&db, "no-such-id")
                .await
                .expect("queued list")
                .is_none()
        );
        // The server's secret: made once, the same for every later caller.
        let s1 = mail_send::secret(&db, "mail.unsubscribe", "aa", 1)
            .await
            .expect("secret");
        let s2 = mail_send::secret(&db, "mail.unsubscribe", "bb", 2)
            .await
            .expect("secret");
        assert_eq!((s1.as_str(), s2.as_str()), ("aa", "aa"), "{kind}");
        // A batch's outcomes in one transaction: sent, retried, given up, bounced.
        mail_send::record(
            &db,
            &[
                mail_send::Outcome::Sent {
                    id: ids[5].clone(),
                    at: 5001,
                },
                mail_send::Outcome::Retry {
                    id: ids[6].clone(),
                    due: 9000,
                    error: "451 later".into(),
                },
                mail_send::Outcome::GiveUp {
                    id: ids[7].clone(),
                    reason: "left the list".into(),
                    counts_as_attempt: false,
                },
                mail_send::Outcome::Bounced {
                    id: ids[8].clone(),
                    address: "P8@example.org".into(),
                    at: 5002,
                    reason: "550 no such user".into(),
                },
            ],
        )
        .await
        .expect("record");
        let again = mail_send::claim(&db, 8000, 8100, 500).await.expect("claim");
        for i in [5, 6, 7, 8] {
            assert!(
                !again.iter().any(|m| m.id == ids[i]),
                "{kind}: row {i} taken again"
            );
        }
        let b = mail_send::bounce(&db, "p8@example.org")
            .await
            .expect("bounce");
        assert_eq!(
            b.map(|b| b.reason).as_deref(),
            Some("550 no such user"),
            "{kind}"
        );
        let later = mail_send::claim(&db, 9000, 9100, 500).await.expect("claim");
        assert!(
            later.iter().any(|m| m.id == ids[6]),
            "{kind}: retried when due"
        );
    }
}
