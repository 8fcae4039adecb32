//! Users, sessions, invitations and resets, notifications.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_round_trip() {
    use spona_store::users;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let id = users::create(&db, "  Ana@Example.ORG ", "Ana", "h1", PlatformRole::User)
            .await
            .expect("create");
        let again = users::create(&db, "ana@example.org", "Ana 2", "h", PlatformRole::User).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(c)) if c == "email"),
            "{kind}: {again:?}"
        );
        let u = users::get(&db, &id).await.expect("get");
        assert_eq!(
            (u.email.as_str(), u.display_name.as_str()),
            ("ana@example.org", "Ana")
        );
        assert_eq!(text(u.platform_role), "user", "{kind}");
        assert!(!u.disabled && u.totp_secret.is_none(), "{kind}");
        let found = users::find_by_email(&db, "ANA@example.org ")
            .await
            .expect("find")
            .expect("found");
        assert_eq!(text(&found.id), text(&id), "{kind}");
        assert!(
            users::find_by_email(&db, "nobody@example.org")
                .await
                .expect("find")
                .is_none()
        );
        assert!(
            matches!(users::get(&db, "missing").await, Err(StoreError::NotFound)),
            "{kind}"
        );

        users::set_password(&db, &id, "h2").await.expect("password");
        users::set_totp(&db, &id, Some("SECRET"))
            .await
            .expect("totp");
        users::set_disabled(&db, &id, true).await.expect("disable");
        users::set_platform_role(&db, &id, PlatformRole::Admin)
            .await
            .expect("role");
        let u = users::get(&db, &id).await.expect("get");
        assert_eq!(u.password_hash, "h2", "{kind}");
        assert_eq!(u.totp_secret.as_deref(), Some("SECRET"), "{kind}");
        assert!(u.disabled && u.is_platform_admin(), "{kind}");

        // A TOTP step is claimed once; an older one no more.
        assert!(
            users::claim_totp_step(&db, &id, 100).await.expect("claim"),
            "{kind}"
        );
        assert!(
            !users::claim_totp_step(&db, &id, 100).await.expect("claim"),
            "{kind}"
        );
        assert!(
            !users::claim_totp_step(&db, &id, 99).await.expect("claim"),
            "{kind}"
        );
        assert!(
            users::claim_totp_step(&db, &id, 101).await.expect("claim"),
            "{kind}"
        );

        assert!(
            !users::email_proven(&db, &id).await.expect("proven"),
            "{kind}"
        );
        users::mark_email_proven(&db, &id).await.expect("mark");
        assert!(
            users::email_proven(&db, &id).await.expect("proven"),
            "{kind}"
        );
        user(&db, "bo@example.org").await;
        assert_eq!(users::list(&db).await.expect("list").len(), 2, "{kind}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_round_trip() {
    use spona_store::sessions;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let t1 = sessions::create(&db, &ana, false).await.expect("create");
        let t2 = sessions::create(&db, &ana, true).await.expect("create");
        assert_ne!(t1, t2);
        let s = sessions::find(&db, &t1)
            .await
            .expect("find")
            .expect("found");
        assert_eq!(text(&s.user_id), text(&ana), "{kind}");
        assert!(!s.mfa_pending, "{kind}");
        assert!(
            sessions::find(&db, &t2)
                .await
                .expect("find")
                .expect("found")
                .mfa_pending
        );
        assert!(
            sessions::find(&db, "nope").await.expect("find").is_none(),
            "{kind}"
        );
        sessions::touch(&db, &t1).await.expect("touch");
        assert_eq!(
            sessions::count_for_user(&db, &ana).await.expect("count"),
            2,
            "{kind}"
        );
        sessions::delete(&db, &t2).await.expect("delete");
        assert!(
            sessions::find(&db, &t2).await.expect("find").is_none(),
            "{kind}"
        );
        assert_eq!(
            sessions::purge_expired(&db).await.expect("purge"),
            0,
            "{kind}"
        );
        assert_eq!(
            sessions::delete_all_for_user(&db, &ana).await.expect("all"),
            1,
            "{kind}"
        );
        assert_eq!(
            sessions::count_for_user(&db, &ana).await.expect("count"),
            0,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_and_resets_are_taken_once() {
    use spona_store::tokens;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let admin = user(&db, "admin@example.org").await;
        let token = tokens::create_invite(&db, "New@Example.org", &astra, OrgRole::Member, &admin)
            .await
            .expect("invite");
        let found = tokens::find_invite(&db, &token)
            .await
            .expect("find")
            .expect("found");
        assert_eq!(found.email, "new@example.org", "{kind}");
        assert_eq!(text(&found.org_id), text(&astra), "{kind}");
        assert_eq!(text(found.org_role), "member", "{kind}");
        assert_eq!(
            tokens::pending_invites(&db, &astra)
                .await
                .expect("pending")
                .len(),
            1
        );
        assert!(
            tokens::take_invite(&db, &token)
                .await
                .expect("take")
                .is_some(),
            "{kind}"
        );
        assert!(
            tokens::take_invite(&db, &token)
                .await
                .expect("take")
                .is_none(),
            "{kind}"
        );
        assert!(
            tokens::find_invite(&db, &token)
                .await
                .expect("find")
                .is_none(),
            "{kind}"
        );
        assert!(
            tokens::pending_invites(&db, &astra)
                .await
                .expect("pending")
                .is_empty()
        );

        let reset = tokens::create_reset(&db, &admin).await.expect("reset");
        assert!(
            tokens::reset_is_valid(&db, &reset).await.expect("valid"),
            "{kind}"
        );
        let (made, expires) = tokens::reset_times(&db, &reset)
            .await
            .expect("t")
            .expect("times");
        assert!(expires > made, "{kind}");
        assert_eq!(
            tokens::take_reset(&db, &reset)
                .await
                .expect("take")
                .map(text),
            Some(text(&admin)),
            "{kind}"
        );
        assert!(
            tokens::take_reset(&db, &reset)
                .await
                .expect("take")
                .is_none(),
            "{kind}"
        );
        assert!(
            !tokens::reset_is_valid(&db, &reset).await.expect("valid"),
            "{kind}"
        );

        // Revoking a person's access takes their open invitations and resets.
        tokens::create_reset(&db, &admin).await.expect("reset");
        tokens::create_invite(&db, "admin@example.org", &astra, OrgRole::Admin, &admin)
            .await
            .expect("invite");
        assert_eq!(
            tokens::revoke_for_user(&db, &admin, "admin@example.org")
                .await
                .expect("revoke"),
            2,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_are_recorded_once_per_person() {
    use spona_store::notifications;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let both = [text(&ana), text(&bo), text(&ana)];
        notifications::add(&db, &both, "notice-x", "Round", None, "/matching/r")
            .await
            .expect("add");
        let mine = notifications::recent(&db, &ana, 10).await.expect("recent");
        assert_eq!(mine.len(), 1, "{kind}: duplicates once");
        assert_eq!(
            (mine[0].kind.as_str(), mine[0].link.as_str()),
            ("notice-x", "/matching/r")
        );
        assert_eq!(
            notifications::recent(&db, &bo, 10)
                .await
                .expect("recent")
                .len(),
            1
        );
    }
}
