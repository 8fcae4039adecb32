//! The mail queue: what is queued is due once, a sent message is never due again, and a list
//! a person left gets nothing queued or sent to them.

use super::*;
use spona_store::mail::{self, NewMail};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_mail_is_due_once_and_left_lists_get_nothing() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let news = NewMail {
            recipient: " Ana@Example.org ",
            subject: "Vijesti — новости",
            body: "Tekst",
            list_id: Some("newsletter/n1"),
            list_name: Some("Vijesti"),
            thread: None,
        };
        let mut tx = db.begin().await.expect("begin");
        let id = mail::enqueue_in(&mut tx, &news, 100)
            .await
            .expect("enqueue")
            .expect("queued");
        tx.commit().await.expect("commit");

        let due = mail::due(&db, 100, 10).await.expect("due");
        assert_eq!(due.len(), 1, "{kind}");
        assert_eq!(due[0].id, id);
        assert_eq!(due[0].recipient, "ana@example.org", "{kind}");
        assert_eq!(due[0].subject, "Vijesti — новости");
        assert!(mail::due(&db, 99, 10).await.expect("due").is_empty());

        mail::mark_sent(&db, &id, 101).await.expect("sent");
        assert!(
            mail::due(&db, 1000, 10).await.expect("due").is_empty(),
            "{kind}"
        );

        // Leaving the list: nothing more is queued to the address, whatever its case.
        let mut tx = db.begin().await.expect("begin");
        mail::opt_out_in(&mut tx, "ANA@example.org", "newsletter/n1", 102)
            .await
            .expect("opt out");
        mail::opt_out_in(&mut tx, "ana@example.org", "newsletter/n1", 103)
            .await
            .expect("opting out twice is fine");
        assert_eq!(
            mail::enqueue_in(&mut tx, &news, 104)
                .await
                .expect("enqueue"),
            None,
            "{kind}"
        );
        // A message outside any list still goes.
        let reset = NewMail {
            list_id: None,
            list_name: None,
            ..news.clone()
        };
        assert!(
            mail::enqueue_in(&mut tx, &reset, 104)
                .await
                .expect("enqueue")
                .is_some()
        );
        tx.commit().await.expect("commit");
        assert!(
            mail::opted_out(&db, "ana@example.org", "newsletter/n1")
                .await
                .expect("read")
        );
        assert_eq!(
            mail::due(&db, 1000, 10).await.expect("due").len(),
            1,
            "{kind}"
        );

        // Coming back onto the list.
        let mut tx = db.begin().await.expect("begin");
        mail::opt_in_in(&mut tx, "Ana@example.org", "newsletter/n1")
            .await
            .expect("opt in");
        assert!(
            mail::enqueue_in(&mut tx, &news, 105)
                .await
                .expect("enqueue")
                .is_some()
        );
        tx.commit().await.expect("commit");
        assert!(
            !mail::opted_out(&db, "ana@example.org", "newsletter/n1")
                .await
                .expect("read")
        );
    }
}
