//! Newsletters: an issue's texts change only before sending; the sending cursor moves only
//! from where a batch began (two senders never queue one batch twice); recipients are the
//! confirmed subscribers who did not leave, in id order; unconfirmed addresses are forgotten.

use super::*;
use spona_domain::newsletter::{Audience, IssueState, OwnerKind, Variant};
use spona_store::newsletters::{self as nl, NewNewsletter, Request};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issues_are_sent_once_to_confirmed_subscribers_who_stayed() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let mut tx = db.begin().await.expect("begin");
        nl::create_in(
            &mut tx,
            &NewNewsletter {
                slug: "news",
                owner_kind: OwnerKind::Network,
                owner_id: "net",
                name: "News",
                description: "",
                audience: Audience::Public,
            },
            10,
        )
        .await
        .expect("newsletter");
        let taken = nl::create_in(
            &mut tx,
            &NewNewsletter {
                slug: "news",
                owner_kind: OwnerKind::Network,
                owner_id: "net",
                name: "Other",
                description: "",
                audience: Audience::Members,
            },
            10,
        )
        .await;
        assert!(
            matches!(taken, Err(StoreError::Conflict(ref c)) if c == "slug"),
            "{kind}: {taken:?}"
        );
        tx.rollback().await.expect("rollback");

        let mut tx = db.begin().await.expect("begin");
        let id = nl::create_in(
            &mut tx,
            &NewNewsletter {
                slug: "news",
                owner_kind: OwnerKind::Network,
                owner_id: "net",
                name: "News",
                description: "",
                audience: Audience::Public,
            },
            10,
        )
        .await
        .expect("newsletter");
        let issue = nl::create_issue_in(&mut tx, &id, None, 10)
            .await
            .expect("issue");
        let v = [Variant {
            lang: "uk".into(),
            title: "Новини".into(),
            body: "Текст".into(),
        }];
        assert!(
            nl::save_variants_in(&mut tx, &issue, &v, 11)
                .await
                .expect("save")
        );
        // Three confirmed, one waiting, one who left.
        for (i, address) in ["a@x.org", "b@x.org", "c@x.org", "left@x.org"]
            .iter()
            .enumerate()
        {
            let r = Request {
                newsletter_id: &id,
                address,
                user_id: None,
                locale: "uk",
                source_page: "/uk/newsletters/news",
                consent_text: "newsletter-consent-public",
                consent_version: 1,
            };
            nl::subscribe_member_in(&mut tx, &r, 20 + i as i64)
                .await
                .expect("subscribe");
        }
        let waiting = Request {
            newsletter_id: &id,
            address: "Waiting@X.org",
            user_id: None,
            locale: "en",
            source_page: "/en/newsletters/news",
            consent_text: "newsletter-consent-public",
            consent_version: 1,
        };
        nl::request_in(&mut tx, &waiting, "hash", 30)
            .await
            .expect("request");
        spona_store::mail::opt_out_in(&mut tx, "left@x.org", &nl::list_id(&id), 31)
            .await
            .expect("left");
        assert!(
            nl::schedule_in(&mut tx, &issue, 100, 40)
                .await
                .expect("schedule")
        );
        tx.commit().await.expect("commit");

        assert!(
            nl::due_issues(&db, 99).await.expect("due").is_empty(),
            "{kind}"
        );
        assert_eq!(nl::due_issues(&db, 100).await.expect("due").len(), 1);

        // Batches of two: the cursor moves from '' to the second, then to the last.
        let list = nl::list_id(&id);
        let mut tx = db.begin().await.expect("begin");
        let first = nl::recipients_in(&mut tx, &id, &list, "", 2)
            .await
            .expect("batch");
        assert_eq!(
            first.iter().map(|r| r.address.as_str()).collect::<Vec<_>>(),
            ["a@x.org", "b@x.org"]
        );
        assert!(
            nl::advance_in(&mut tx, &issue, "", &first[1].id, 2)
                .await
                .expect("advance")
        );
        // A second sender that began at '' too finds the cursor moved.
        assert!(
            !nl::advance_in(&mut tx, &issue, "", &first[1].id, 2)
                .await
                .expect("advance")
        );
        let second = nl::recipients_in(&mut tx, &id, &list, &first[1].id, 2)
            .await
            .expect("batch");
        assert_eq!(
            second
                .iter()
                .map(|r| r.address.as_str())
                .collect::<Vec<_>>(),
            ["c@x.org"],
            "{kind}"
        );
        assert!(
            nl::advance_in(&mut tx, &issue, &first[1].id, &second[0].id, 1)
                .await
                .expect("advance")
        );
        assert!(
            nl::recipients_in(&mut tx, &id, &list, &second[0].id, 2)
                .await
                .expect("batch")
                .is_empty()
        );
        assert!(
            nl::finish_in(&mut tx, &issue, &second[0].id, 101)
                .await
                .expect("finish")
        );
        // Sent: no more edits, schedules or sends.
        assert!(
            !nl::save_variants_in(&mut tx, &issue, &v, 102)
                .await
                .expect("save")
        );
        assert!(
            !nl::schedule_in(&mut tx, &issue, 200, 102)
                .await
                .expect("schedule")
        );
        assert!(
            !nl::finish_in(&mut tx, &issue, &second[0].id, 103)
                .await
                .expect("finish")
        );
        let sent = nl::issue_in(&mut tx, &issue).await.expect("issue");
        assert_eq!(
            (sent.state, sent.recipients, sent.sent_at),
            (IssueState::Sent, 3, Some(101)),
            "{kind}"
        );
        tx.commit().await.expect("commit");
        assert!(nl::due_issues(&db, 1000).await.expect("due").is_empty());

        let lines = nl::subscriber_lines(&db, &id, &list, 100)
            .await
            .expect("lines");
        assert_eq!(lines.len(), 5);
        assert!(
            lines.iter().any(|l| l.address == "left@x.org" && l.left),
            "{kind}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.address == "waiting@x.org" && l.confirmed_at.is_none())
        );
        assert_eq!(
            nl::count_confirmed(&db, &id, &list).await.expect("count"),
            3
        );

        // Forgetting: the waiting address requested at 30 is gone after the cut at 31.
        assert_eq!(nl::forget_unconfirmed(&db, 30).await.expect("forget"), 0);
        assert_eq!(
            nl::forget_unconfirmed(&db, 31).await.expect("forget"),
            1,
            "{kind}"
        );
        assert!(
            nl::subscriber(&db, &id, "waiting@x.org")
                .await
                .expect("db")
                .is_none()
        );
    }
}
