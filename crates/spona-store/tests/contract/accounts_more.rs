//! What accounts.rs leaves out: accepting an invitation as a new account, handed-out
//! links, expiry, revoking all of a person's access, memberships read back and refused,
//! and stored roles this version does not know.

use spona_store::idempotency::Once;
use spona_store::{sessions, tokens, users};

use super::raw::{exec, exec_unchecked};
use super::*;

fn form(key: &str) -> Once {
    Once {
        key: key.into(),
        user_id: None,
        location: "/orgs/{id}".into(),
    }
}

async fn accept(
    db: &Db,
    token: &str,
    name: &str,
    once: &Once,
) -> spona_store::Result<(String, tokens::Invite, String)> {
    let mut tx = db.begin().await.expect("begin");
    match tokens::accept_invite_as_new_user_in(&mut tx, token, name, "hash", once).await {
        Ok(got) => {
            tx.commit().await?;
            Ok(got)
        }
        Err(e) => {
            // Rolled back before the next attempt begins: a dropped transaction's rollback
            // runs later, and on a loaded machine SQLite's next writer could wait out its
            // busy timeout behind it ("database is locked").
            tx.rollback().await?;
            Err(e)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_accepted_as_a_new_account() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let admin = user(&db, "admin@example.org").await;
        let mailed = tokens::create_invite(&db, "Nova@Example.org", &astra, OrgRole::Admin, &admin)
            .await
            .expect("invite");
        let mut tx = db.begin().await.expect("begin");
        let handed = tokens::create_handed_out_invite_in(
            &mut tx,
            "hand@example.org",
            &astra,
            OrgRole::Member,
            &admin,
        )
        .await
        .expect("invite");
        tx.commit().await.expect("commit");
        let found = tokens::find_invite(&db, &handed)
            .await
            .expect("find")
            .expect("found");
        assert!(
            !found.was_mailed() && found.handed_out_at.is_some(),
            "{kind}"
        );
        assert_eq!(found.role(), OrgRole::Member, "{kind}");
        assert!(
            found.expires_at > spona_store::now() + tokens::INVITE_SECONDS - 60,
            "{kind}"
        );

        let (id, invite, slug) = accept(&db, &mailed, "Nova", &form("accept-1"))
            .await
            .expect("accept");
        assert_eq!(
            (invite.email.as_str(), slug.as_str(), invite.was_mailed()),
            ("nova@example.org", "astra", true),
            "{kind}"
        );
        let u = users::get(&db, &id).await.expect("user");
        assert_eq!(
            (
                u.email.as_str(),
                u.display_name.as_str(),
                u.password_hash.as_str()
            ),
            ("nova@example.org", "Nova", "hash"),
            "{kind}"
        );
        assert!(
            users::email_proven(&db, &id).await.expect("proven"),
            "{kind}: a mailed link proves the address"
        );
        let ms = users::memberships(&db, &id).await.expect("memberships");
        assert_eq!(ms.len(), 1, "{kind}");
        assert_eq!(
            (
                ms[0].org_slug.as_str(),
                ms[0].org_name.as_str(),
                ms[0].role()
            ),
            ("astra", "Astra", OrgRole::Admin),
            "{kind}"
        );

        // The same form again: the first answer; the link is used either way.
        let r = accept(&db, &mailed, "Nova", &form("accept-1")).await;
        assert!(
            matches!(&r, Err(StoreError::Replay(l)) if l == "/orgs/astra"),
            "{kind}: {r:?}"
        );
        let r = accept(&db, &mailed, "Nova again", &form("accept-2")).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        let r = accept(&db, "no-such-token", "X", &form("accept-3")).await;
        assert!(matches!(r, Err(StoreError::NotFound)), "{kind}: {r:?}");
        // Nothing of a refused acceptance is kept, not even its form's key.
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM idempotency_keys").await,
            1,
            "{kind}"
        );
        assert_eq!(users::list(&db).await.expect("list").len(), 2, "{kind}");

        // A handed-out link proves nothing about the address.
        let (hand, _, _) = accept(&db, &handed, "Hand", &form("accept-4"))
            .await
            .expect("accept");
        assert!(
            !users::email_proven(&db, &hand).await.expect("proven"),
            "{kind}"
        );

        // An address that has an account already: refused, and the link stays usable.
        let taken =
            tokens::create_invite(&db, "admin@example.org", &astra, OrgRole::Member, &admin)
                .await
                .expect("invite");
        let r = accept(&db, &taken, "Admin 2", &form("accept-5")).await;
        assert!(
            matches!(&r, Err(StoreError::Conflict(c)) if c == "email"),
            "{kind}: {r:?}"
        );
        assert!(
            tokens::find_invite(&db, &taken)
                .await
                .expect("find")
                .is_some(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_links_and_idle_sessions_count_as_gone() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let invite = tokens::create_invite(&db, "new@example.org", &astra, OrgRole::Member, &ana)
            .await
            .expect("invite");
        let reset = tokens::create_reset(&db, &ana).await.expect("reset");
        exec(
            &db,
            format!("UPDATE tokens SET expires_at = {}", spona_store::now() - 1),
        )
        .await;
        assert!(
            tokens::find_invite(&db, &invite)
                .await
                .expect("find")
                .is_none(),
            "{kind}"
        );
        assert!(
            tokens::take_invite(&db, &invite)
                .await
                .expect("take")
                .is_none(),
            "{kind}"
        );
        assert!(
            tokens::pending_invites(&db, &astra)
                .await
                .expect("pending")
                .is_empty(),
            "{kind}"
        );
        assert!(
            !tokens::reset_is_valid(&db, &reset).await.expect("valid"),
            "{kind}"
        );
        assert_eq!(
            tokens::take_reset(&db, &reset).await.expect("take"),
            None,
            "{kind}"
        );

        // Sessions: one idle past its limit, one past its absolute end, one live.
        let idle = sessions::create(&db, &ana, false).await.expect("session");
        let old = sessions::create(&db, &ana, false).await.expect("session");
        let live = sessions::create(&db, &ana, false).await.expect("session");
        let t = spona_store::now();
        exec(
            &db,
            format!(
                "UPDATE sessions SET last_seen_at = {} WHERE id_hash = '{}'",
                t - sessions::IDLE_SECONDS - 1,
                spona_store::token_hash(&idle)
            ),
        )
        .await;
        exec(
            &db,
            format!(
                "UPDATE sessions SET expires_at = {} WHERE id_hash = '{}'",
                t - 1,
                spona_store::token_hash(&old)
            ),
        )
        .await;
        for gone in [&idle, &old] {
            assert!(
                sessions::find(&db, gone).await.expect("find").is_none(),
                "{kind}"
            );
        }
        assert!(
            sessions::find(&db, &live).await.expect("find").is_some(),
            "{kind}"
        );
        assert_eq!(
            sessions::count_for_user(&db, &ana).await.expect("count"),
            1,
            "{kind}: the idle one no longer counts, purged or not"
        );
        assert_eq!(
            sessions::purge_expired(&db).await.expect("purge"),
            2,
            "{kind}"
        );
        assert_eq!(
            sessions::count_for_user(&db, &ana).await.expect("count"),
            1,
            "{kind}"
        );

        // A disabled person's session does not count as live.
        users::set_disabled(&db, &ana, true).await.expect("disable");
        assert!(
            sessions::find(&db, &live).await.expect("find").is_none(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoking_all_access_ends_sessions_and_links() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        let mine = sessions::create(&db, &ana, false).await.expect("session");
        let theirs = sessions::create(&db, &bo, false).await.expect("session");
        let reset = tokens::create_reset(&db, &ana).await.expect("reset");
        let invite = tokens::create_invite(&db, "ANA@example.org", &astra, OrgRole::Member, &bo)
            .await
            .expect("invite");
        let other = tokens::create_invite(&db, "cy@example.org", &astra, OrgRole::Member, &bo)
            .await
            .expect("invite");

        // Rolled back, it changed nothing.
        let mut tx = db.begin().await.expect("begin");
        sessions::revoke_all_access_in(&mut tx, &ana, "ana@example.org")
            .await
            .expect("revoke");
        tx.rollback().await.expect("rollback");
        assert!(
            sessions::find(&db, &mine).await.expect("find").is_some(),
            "{kind}"
        );

        sessions::revoke_all_access(&db, &ana, "Ana@Example.org")
            .await
            .expect("revoke");
        assert!(
            sessions::find(&db, &mine).await.expect("find").is_none(),
            "{kind}"
        );
        assert!(
            !tokens::reset_is_valid(&db, &reset).await.expect("valid"),
            "{kind}"
        );
        assert!(
            tokens::find_invite(&db, &invite)
                .await
                .expect("find")
                .is_none(),
            "{kind}"
        );
        // Someone else's are left alone.
        assert!(
            sessions::find(&db, &theirs).await.expect("find").is_some(),
            "{kind}"
        );
        assert!(
            tokens::find_invite(&db, &other)
                .await
                .expect("find")
                .is_some(),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memberships_round_trip_and_refuse() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let ana = user(&db, "ana@example.org").await;
        users::set_membership(&db, &ana, &zmina, OrgRole::Member)
            .await
            .expect("member");
        users::set_membership(&db, &ana, &astra, OrgRole::Admin)
            .await
            .expect("member");
        let got: Vec<(String, OrgRole)> = users::memberships(&db, &ana)
            .await
            .expect("memberships")
            .into_iter()
            .map(|m| (m.org_slug, m.role))
            .collect();
        assert_eq!(
            got,
            [
                ("astra".to_owned(), OrgRole::Admin),
                ("zmina".to_owned(), OrgRole::Member)
            ],
            "{kind}"
        );
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(
            users::role_in(&mut tx, &ana, &astra).await.expect("role"),
            Some(OrgRole::Admin),
            "{kind}"
        );
        assert_eq!(
            users::role_in(&mut tx, &ana, "nope").await.expect("role"),
            None,
            "{kind}"
        );
        assert_eq!(
            text(&users::get_in(&mut tx, &ana).await.expect("get").id),
            ana,
            "{kind}"
        );
        assert!(
            matches!(
                users::get_in(&mut tx, "nope").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        drop(tx);

        users::remove_membership(&db, &ana, &zmina)
            .await
            .expect("remove");
        assert!(
            matches!(
                users::remove_membership(&db, &ana, &zmina).await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        // A person or organisation that does not exist cannot be a member.
        for (u, o) in [("nobody", astra.as_str()), (ana.as_str(), "nowhere")] {
            let r = users::set_membership(&db, u, o, OrgRole::Member).await;
            assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        }
        assert_eq!(
            users::memberships(&db, &ana).await.expect("m").len(),
            1,
            "{kind}"
        );
        // A user id that does not exist: not found for each change.
        assert!(
            matches!(
                users::set_password(&db, "nope", "h").await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
        assert!(
            matches!(
                users::set_disabled(&db, "nope", true).await,
                Err(StoreError::NotFound)
            ),
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_roles_this_version_does_not_know_are_errors() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let ana = user(&db, "ana@example.org").await;
        users::set_membership(&db, &ana, &astra, OrgRole::Member)
            .await
            .expect("member");
        let invite = tokens::create_invite(&db, "new@example.org", &astra, OrgRole::Member, &ana)
            .await
            .expect("invite");

        exec(&db, "UPDATE tokens SET org_role = 'owner'".to_owned()).await;
        let r = tokens::find_invite(&db, &invite).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let r = tokens::pending_invites(&db, &astra).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");

        exec_unchecked(
            &db,
            "memberships",
            "role",
            "UPDATE memberships SET role = 'owner'",
        )
        .await;
        let r = users::memberships(&db, &ana).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let r = users::members_of(&db, &astra).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let mut tx = db.begin().await.expect("begin");
        let r = users::role_in(&mut tx, &ana, &astra).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        drop(tx);

        exec_unchecked(
            &db,
            "users",
            "platform_role",
            &format!("UPDATE users SET platform_role = 'root' WHERE id = '{ana}'"),
        )
        .await;
        let r = users::get(&db, &ana).await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
        let r = users::find_by_email(&db, "ana@example.org").await;
        assert!(matches!(r, Err(StoreError::Database(_))), "{kind}: {r:?}");
    }
}
