//! Working groups: members, threads and posts numbered in order, a hidden thread refusing
//! posts, read state that never moves back, edits kept as versions, search terms, and the
//! digests' window and keyset paging.

use spona_store::groups::{self, NewGroup, NewPost};

use super::{databases, user};

#[tokio::test]
async fn groups_threads_posts_reads_and_digests() {
    for (db, _dir) in databases().await {
        let a = user(&db, "a@example.org").await;
        let b = user(&db, "b@example.org").await;
        let mut tx = db.begin().await.expect("tx");
        let g = groups::create_in(
            &mut tx,
            &NewGroup {
                name: "NAP",
                description: "",
                lang: "sr-Cyrl",
                network_id: None,
                join_policy: "request",
                created_by: &a,
                locale: "uk",
                theme: None,
            },
            None,
            100,
        )
        .await
        .expect("group");
        groups::set_member_in(&mut tx, &g, &b, "requested", "en", 100)
            .await
            .expect("b");
        let t = groups::create_thread_in(&mut tx, &g, &a, "Agenda", 100)
            .await
            .expect("thread");
        for (i, body) in ["one", "two"].iter().enumerate() {
            let post = NewPost {
                thread_id: &t,
                group_id: &g,
                author_id: &a,
                body,
                search_text: " s:one ",
            };
            let (_, n) = groups::add_post_in(&mut tx, &post, None, 101 + i as i64)
                .await
                .expect("post")
                .expect("open thread");
            assert_eq!(n, i as i64 + 1);
        }
        tx.commit().await.expect("commit");

        assert_eq!(
            groups::role_of(&db, &g, &b).await.expect("role").as_deref(),
            Some("requested")
        );
        let list = groups::list(&db, None).await.expect("list");
        assert_eq!(list[0].member_count, 1, "a request is not a member");
        let members = groups::members(&db, &g).await.expect("members");
        assert_eq!(members[0].role, "coordinator");

        // The author has read their own posts; b nothing.
        assert_eq!(groups::thread(&db, &t, &a).await.expect("t").seen, 2);
        groups::mark_read(&db, &b, &t, 2).await.expect("read");
        groups::mark_read(&db, &b, &t, 1).await.expect("read");
        assert_eq!(
            groups::thread(&db, &t, &b).await.expect("t").seen,
            2,
            "read state moved back"
        );

        // Edits keep the old text.
        let first = groups::posts(&db, &t, 1, 1).await.expect("posts")[0]
            .id
            .clone();
        let mut tx = db.begin().await.expect("tx");
        groups::edit_post_in(&mut tx, &first, "one, edited", " s:edit ", 200)
            .await
            .expect("edit");
        tx.commit().await.expect("commit");
        let versions = groups::versions(&db, &first).await.expect("versions");
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].body, "one");
        assert_eq!(
            groups::post(&db, &first).await.expect("post").body,
            "one, edited"
        );

        // Search: only groups one takes part in.
        let terms = vec![vec!["s:one".to_owned(), "s:zzz".to_owned()]];
        assert_eq!(
            groups::search(&db, &a, &terms, 10)
                .await
                .expect("search")
                .len(),
            1
        );
        assert!(
            groups::search(&db, &b, &terms, 10)
                .await
                .expect("search")
                .is_empty()
        );

        // A hidden thread takes no post.
        let mut tx = db.begin().await.expect("tx");
        groups::hide_in(&mut tx, &t, "off topic")
            .await
            .expect("hide");
        let post = NewPost {
            thread_id: &t,
            group_id: &g,
            author_id: &a,
            body: "three",
            search_text: " ",
        };
        assert!(
            groups::add_post_in(&mut tx, &post, None, 300)
                .await
                .expect("post")
                .is_none()
        );
        tx.commit().await.expect("commit");

        // Digests: due a day after the last one, paged by key; hidden threads left out.
        let mut tx = db.begin().await.expect("tx");
        groups::set_member_in(&mut tx, &g, &b, "member", "en", 100)
            .await
            .expect("b");
        tx.commit().await.expect("commit");
        let due = groups::due_subscribers(&db, ("", ""), 100 + 86_400, 10)
            .await
            .expect("due");
        assert_eq!(due.len(), 2);
        let after = (due[0].group_id.as_str(), due[0].user_id.as_str());
        assert_eq!(
            groups::due_subscribers(&db, after, 100 + 86_400, 10)
                .await
                .expect("due")
                .len(),
            1
        );
        assert!(
            groups::due_subscribers(&db, ("", ""), 200, 10)
                .await
                .expect("due")
                .is_empty()
        );
        assert!(
            groups::digest_posts(&db, &g, &b, 0, 1000)
                .await
                .expect("posts")
                .is_empty(),
            "posts of a hidden thread in a digest"
        );
        let mut tx = db.begin().await.expect("tx");
        groups::set_digest_until_in(&mut tx, &g, &b, 100 + 86_400)
            .await
            .expect("cursor");
        tx.commit().await.expect("commit");
        assert_eq!(
            groups::due_subscribers(&db, ("", ""), 100 + 86_400, 10)
                .await
                .expect("due")
                .len(),
            1
        );
    }
}
