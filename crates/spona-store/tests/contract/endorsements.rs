//! Endorsement campaigns: a campaign and its texts read back; the same address key counts
//! once (a second request is nothing, or a renewal once its link is old); a confirmation is
//! single use, moves the counters and keeps the token; an expired one confirms nothing;
//! bulk invalidation by domain takes confirmed ones off the counters; a recount agrees with
//! the counters; unconfirmed rows are purged; a campaign's days and texts change, it closes
//! once, and its confirmed endorsements come per day and country.

use spona_store::endorsements::review::{self, Filter};
use spona_store::endorsements::{self as en, Campaign, NewEndorsement, Requested, Text, manage};

use super::*;

fn campaign(id: &str, owner: &str) -> Campaign {
    Campaign {
        id: id.into(),
        owner_kind: "org".into(),
        owner_id: owner.into(),
        joint_text_id: None,
        opens_at: 0,
        closes_at: None,
        confirmed_total: 0,
        created_by: None,
        created_at: 10,
        texts: vec![Text {
            lang: "en".into(),
            title: "Support".into(),
            statement: "We support it.".into(),
        }],
    }
}

fn request<'a>(
    id: &'a str,
    key: &'a str,
    domain: &'a str,
    token: &'a str,
    now: i64,
) -> NewEndorsement<'a> {
    NewEndorsement {
        id,
        campaign_id: "c1",
        name: "Ana",
        country: if domain == "gmail.com" { "RS" } else { "BA" },
        organisation: None,
        address_key: key,
        domain,
        client_key: "net",
        locale: "en",
        token_hash: token,
        now,
    }
}

async fn ask(db: &Db, e: &NewEndorsement<'_>, resend_before: i64) -> Requested {
    let mut tx = db.begin().await.expect("tx");
    let r = en::request_in(&mut tx, e, resend_before)
        .await
        .expect("request");
    tx.commit().await.expect("commit");
    r
}

async fn confirm(db: &Db, token: &str, made_after: i64, now: i64) -> Option<(String, String)> {
    let mut tx = db.begin().await.expect("tx");
    let r = en::confirm_in(&mut tx, token, made_after, now)
        .await
        .expect("confirm");
    tx.commit().await.expect("commit");
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endorsements_round_trip() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let mut tx = db.begin().await.expect("tx");
        en::create_campaign_in(&mut tx, &campaign("c1", &astra))
            .await
            .expect("campaign");
        tx.commit().await.expect("commit");
        let c = en::campaign(&db, "c1").await.expect("get").expect("c1");
        assert_eq!((c.texts.len(), c.confirmed_total), (1, 0), "{kind}");
        assert_eq!(en::list(&db).await.expect("list").len(), 1);
        assert!(en::link_text(&db, "c1", Some("t1")).await.expect("link"));
        assert_eq!(
            en::campaign_for_text(&db, "t1").await.expect("text"),
            Some(("c1".into(), 0))
        );

        // One address key: new, then nothing, then renewed once its link is old.
        assert_eq!(
            ask(&db, &request("e1", "k1", "gmail.com", "tok1", 100), 50).await,
            Requested::New
        );
        assert_eq!(
            ask(&db, &request("e2", "k1", "gmail.com", "tok2", 120), 50).await,
            Requested::Nothing
        );
        assert_eq!(
            ask(&db, &request("e3", "k1", "gmail.com", "tok3", 800), 700).await,
            Requested::Renewed
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM endorsements").await,
            1,
            "{kind}"
        );
        // The old token is gone; the new one confirms once.
        assert!(en::by_token(&db, "tok1").await.expect("old").is_none());
        assert_eq!(
            confirm(&db, "tok3", 0, 900).await,
            Some(("c1".into(), "RS".into())),
            "{kind}"
        );
        assert_eq!(
            confirm(&db, "tok3", 0, 901).await,
            None,
            "{kind}: single use"
        );
        let kept = en::by_token(&db, "tok3")
            .await
            .expect("token")
            .expect("kept");
        assert_eq!(kept.confirmed_at, Some(900));

        // Two more at another domain; one confirmed, one left to expire.
        assert_eq!(
            ask(&db, &request("e4", "k2", "spam.example", "tok4", 1_000), 0).await,
            Requested::New
        );
        assert_eq!(
            ask(&db, &request("e5", "k3", "spam.example", "tok5", 1_000), 0).await,
            Requested::New
        );
        assert_eq!(
            confirm(&db, "tok4", 0, 1_100).await,
            Some(("c1".into(), "BA".into()))
        );
        assert_eq!(
            confirm(&db, "tok5", 1_000, 1_100).await,
            None,
            "{kind}: expired"
        );
        let c = en::campaign(&db, "c1").await.expect("get").expect("c1");
        assert_eq!(c.confirmed_total, 2);
        assert_eq!(
            en::counts(&db, "c1").await.expect("counts"),
            [("BA".to_owned(), 1), ("RS".to_owned(), 1)],
            "{kind}"
        );
        assert_eq!(en::confirmed_count_for_text(&db, "t1").await.expect("n"), 2);

        // Per day and country.
        let days = manage::daily_counts(&db, "c1").await.expect("days");
        assert_eq!(
            days,
            [(0, "BA".to_owned(), 1), (0, "RS".to_owned(), 1)],
            "{kind}"
        );

        // The review by domain, then the spam domain invalidated in bulk.
        let domains = review::by_domain(&db, "c1", 10).await.expect("domains");
        let spam = domains
            .iter()
            .find(|d| d.domain == "spam.example")
            .expect("spam");
        assert_eq!(
            (spam.confirmed, spam.waiting, spam.invalidated),
            (1, 1, 0),
            "{kind}"
        );
        let filter = Filter {
            domain: Some("spam.example".into()),
            ..Filter::default()
        };
        assert_eq!(
            review::matching(&db, "c1", &filter).await.expect("match"),
            (1, 1)
        );
        let mut tx = db.begin().await.expect("tx");
        let (n, counted) = review::invalidate_in(&mut tx, "c1", &filter, "batch1", 1_200)
            .await
            .expect("invalidate");
        tx.commit().await.expect("commit");
        assert_eq!((n, counted), (2, 1), "{kind}");
        let c = en::campaign(&db, "c1").await.expect("get").expect("c1");
        assert_eq!(c.confirmed_total, 1);
        assert_eq!(
            en::counts(&db, "c1").await.expect("counts"),
            [("RS".to_owned(), 1)]
        );
        assert_eq!(
            manage::daily_counts(&db, "c1").await.expect("days").len(),
            1
        );
        // A recount from the rows agrees with the counters.
        let mut tx = db.begin().await.expect("tx");
        en::recount_in(&mut tx, "c1").await.expect("recount");
        tx.commit().await.expect("commit");
        assert_eq!(
            en::campaign(&db, "c1")
                .await
                .expect("get")
                .expect("c1")
                .confirmed_total,
            1
        );

        // Unconfirmed rows older than the cut are purged; the invalidated waiting one too.
        assert_eq!(
            ask(&db, &request("e6", "k4", "example.org", "tok6", 2_000), 0).await,
            Requested::New
        );
        assert_eq!(
            en::purge_unconfirmed(&db, 1_500).await.expect("purge"),
            1,
            "{kind}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM endorsements").await, 3);

        // Days and texts changed; a language added; closed once.
        let texts = [
            Text {
                lang: "en".into(),
                title: "Support now".into(),
                statement: "We support it.".into(),
            },
            Text {
                lang: "uk".into(),
                title: "Підтримайте".into(),
                statement: "Ми підтримуємо.".into(),
            },
        ];
        let mut tx = db.begin().await.expect("tx");
        assert!(
            manage::update_in(&mut tx, "c1", 5, Some(10_000), &texts)
                .await
                .expect("update")
        );
        assert!(
            !manage::update_in(&mut tx, "nope", 5, None, &texts)
                .await
                .expect("none")
        );
        tx.commit().await.expect("commit");
        let c = en::campaign(&db, "c1").await.expect("get").expect("c1");
        let langs: Vec<(&str, &str)> = c
            .texts
            .iter()
            .map(|t| (t.lang.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            langs,
            [("en", "Support now"), ("uk", "Підтримайте")],
            "{kind}"
        );
        assert_eq!(
            (c.opens_at, c.closes_at, c.confirmed_total),
            (5, Some(10_000), 1)
        );
        let mut tx = db.begin().await.expect("tx");
        assert!(manage::close_in(&mut tx, "c1", 3_000).await.expect("close"));
        assert!(
            !manage::close_in(&mut tx, "c1", 4_000)
                .await
                .expect("closed already")
        );
        tx.commit().await.expect("commit");
        let c = en::campaign(&db, "c1").await.expect("get").expect("c1");
        assert_eq!((c.closes_at, c.confirmed_total), (Some(3_000), 1), "{kind}");
    }
}
