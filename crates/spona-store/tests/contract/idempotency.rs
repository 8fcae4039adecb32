//! One-time keys of create forms: claimed once, answered to their owner, replayed or refused.

use spona_store::idempotency::{self, Once};

use super::raw::exec;
use super::*;

fn once(key: &str, user_id: Option<&str>, location: &str) -> Once {
    Once {
        key: key.into(),
        user_id: user_id.map(str::to_owned),
        location: location.into(),
    }
}

async fn claim(db: &Db, once: &Once, id: &str) -> spona_store::Result<()> {
    let mut tx = db.begin().await.expect("begin");
    let result = idempotency::claim_in(&mut tx, once, id).await;
    crate::commit_or_roll_back(tx, result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_is_claimed_once_and_answered_to_its_owner() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let mine = once("key-1", Some(&ana), "/calls/{id}");
        assert_eq!(mine.location_of("42"), "/calls/42");
        assert_eq!(
            idempotency::answered(&db, "key-1", Some(&ana))
                .await
                .expect("answered"),
            None,
            "{kind}"
        );

        // A claim whose transaction is dropped leaves the key free.
        {
            let mut tx = db.begin().await.expect("begin");
            idempotency::claim_in(&mut tx, &mine, "dropped")
                .await
                .expect("claim");
        }
        assert_eq!(
            idempotency::answered(&db, "key-1", Some(&ana))
                .await
                .expect("answered"),
            None,
            "{kind}"
        );

        claim(&db, &mine, "first").await.expect("claim");
        assert_eq!(
            idempotency::answered(&db, "key-1", Some(&ana))
                .await
                .expect("answered")
                .as_deref(),
            Some("/calls/first"),
            "{kind}"
        );
        // Another person (or no one) is not told where someone's post went.
        for other in [Some(bo.as_str()), None] {
            assert_eq!(
                idempotency::answered(&db, "key-1", other)
                    .await
                    .expect("answered"),
                None,
                "{kind}"
            );
        }

        // The owner's retry is a replay of the first answer; another's use of the key a
        // conflict. Neither changes what the key answers.
        let again = claim(&db, &mine, "second").await;
        assert!(
            matches!(&again, Err(StoreError::Replay(l)) if l == "/calls/first"),
            "{kind}: {again:?}"
        );
        let theirs = claim(&db, &once("key-1", Some(&bo), "/calls/{id}"), "third").await;
        assert!(
            matches!(&theirs, Err(StoreError::Conflict(c)) if c == "once"),
            "{kind}: {theirs:?}"
        );
        let anonymous = claim(&db, &once("key-1", None, "/calls/{id}"), "fourth").await;
        assert!(
            matches!(&anonymous, Err(StoreError::Conflict(_))),
            "{kind}: {anonymous:?}"
        );
        assert_eq!(
            idempotency::answered(&db, "key-1", Some(&ana))
                .await
                .expect("answered")
                .as_deref(),
            Some("/calls/first"),
            "{kind}"
        );

        // A key without a person (a public form) answers only to no one.
        let public = once("key-2", None, "/r/{id}");
        claim(&db, &public, "p1").await.expect("claim");
        assert_eq!(
            idempotency::answered(&db, "key-2", None)
                .await
                .expect("answered")
                .as_deref(),
            Some("/r/p1"),
            "{kind}"
        );
        assert_eq!(
            idempotency::answered(&db, "key-2", Some(&ana))
                .await
                .expect("answered"),
            None,
            "{kind}"
        );
        let again = claim(&db, &public, "p2").await;
        assert!(
            matches!(&again, Err(StoreError::Replay(l)) if l == "/r/p1"),
            "{kind}: {again:?}"
        );

        // Keys are stored hashed, never as typed.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM idempotency_keys WHERE key_hash IN ('key-1', 'key-2')"
            )
            .await,
            0,
            "{kind}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM idempotency_keys").await,
            2,
            "{kind}"
        );

        // Purging keeps fresh keys and drops those past their day.
        assert_eq!(idempotency::purge(&db).await.expect("purge"), 0, "{kind}");
        exec(
            &db,
            format!(
                "UPDATE idempotency_keys SET created_at = created_at - {} WHERE key_hash = '{}'",
                idempotency::KEEP_SECONDS + 5,
                spona_store::token_hash("key-1")
            ),
        )
        .await;
        assert_eq!(idempotency::purge(&db).await.expect("purge"), 1, "{kind}");
        assert_eq!(
            idempotency::answered(&db, "key-1", Some(&ana))
                .await
                .expect("answered"),
            None,
            "{kind}"
        );
        assert!(
            idempotency::answered(&db, "key-2", None)
                .await
                .expect("answered")
                .is_some(),
            "{kind}"
        );
    }
}

/// Two posts with one key at once: the second waits for the first and replays its answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_post_with_the_key_waits_for_the_first() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let key = once("key-race", Some(&ana), "/calls/{id}");
        let mut first = db.begin().await.expect("begin");
        idempotency::claim_in(&mut first, &key, "winner")
            .await
            .expect("claim");
        let second = {
            let (db, key) = (db.clone(), key.clone());
            tokio::spawn(async move { claim(&db, &key, "loser").await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!second.is_finished(), "{kind}: the second waits");
        first.commit().await.expect("commit");
        let second = second.await.expect("join");
        assert!(
            matches!(&second, Err(StoreError::Replay(l)) if l == "/calls/winner"),
            "{kind}: {second:?}"
        );
    }
}
