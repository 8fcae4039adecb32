//! An organisation always keeps an admin, even when its last two admins demote or remove
//! each other at the same moment: the check ("is anyone else still an admin?") and the
//! change happen under one lock of the organisation's admins
//! (`spona_store::users::lock_admins_in`), so the second use case sees the first one's
//! change and refuses with `err-last-admin`.
//!
//! Each try starts two use cases together on a multi-threaded runtime, many times over, in
//! all three pairings (demote/demote, remove/remove, demote/remove). Runs on SQLite, and on
//! PostgreSQL when `SPONA_TEST_DATABASE_URL` names it (where, without the lock, both would
//! pass under READ COMMITTED and leave no admin).

mod common;

use spona_app::accounts::people;
use spona_app::{Actor, Error};
use spona_domain::org::{OrgDraft, Slug};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::Db;
use spona_store::users;

const TRIES: usize = 40;

/// A fresh organisation (`slug`) with two admins; their actors as they signed in.
async fn two_admins(db: &Db, slug: &str) -> (String, Actor, Actor) {
    let profile = OrgDraft {
        name: format!("Org {slug}"),
        country: "RS".into(),
        city: "Beograd".into(),
        contact_visibility: "public".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid");
    spona_store::orgs::create(db, &Slug::parse(slug).expect("slug"), &profile)
        .await
        .expect("org");
    let org = spona_store::orgs::get_by_slug(db, slug).await.expect("org");
    let mut actors = Vec::new();
    for who in ["a", "b"] {
        let email = format!("{who}@{slug}.example");
        let id = users::create(db, &email, who, "x", PlatformRole::User)
            .await
            .expect("user");
        users::set_membership(db, &id, &org.id, OrgRole::Admin)
            .await
            .expect("admin");
        let user = users::get(db, &id).await.expect("user");
        let memberships = users::memberships(db, &id).await.expect("memberships");
        actors.push(Actor::signed_in(user, memberships));
    }
    let b = actors.pop().expect("b");
    let a = actors.pop().expect("a");
    (org.id.into_string(), a, b)
}

#[derive(Clone, Copy, Debug)]
enum Move {
    Demote,
    Remove,
}

/// `actor` demotes or removes `other` (an admin of `org`).
async fn act(db: Db, actor: Actor, org: String, other: String, how: Move) -> spona_app::Result<()> {
    match how {
        Move::Demote => people::change_role(&actor, &db, &org, &other, "member").await,
        Move::Remove => people::remove(&actor, &db, &org, &other).await,
    }
}

fn id(actor: &Actor) -> String {
    actor.user().expect("signed in").id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_last_two_admins_cannot_leave_none_at_the_same_moment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::database(dir.path()).await;
    let pairings = [
        (Move::Demote, Move::Demote),
        (Move::Remove, Move::Remove),
        (Move::Demote, Move::Remove),
    ];
    for try_no in 0..TRIES {
        let (first, second) = pairings[try_no % pairings.len()];
        let (org, a, b) = two_admins(&db, &format!("org-{try_no}")).await;
        let (a_id, b_id) = (id(&a), id(&b));
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let run = |actor: Actor, other: String, how: Move| {
            let (db, org, barrier) = (db.clone(), org.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                act(db, actor, org, other, how).await
            })
        };
        let one = run(a, b_id.clone(), first);
        let two = run(b, a_id.clone(), second);
        let results = [one.await.expect("task"), two.await.expect("task")];

        let admins = users::admin_count(&db, &org).await.expect("count");
        assert_eq!(
            admins, 1,
            "try {try_no} ({first:?}/{second:?}): {results:?}"
        );
        let passed = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(
            passed, 1,
            "try {try_no}: exactly one goes through: {results:?}"
        );
        for refused in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(
                matches!(refused, Error::BadRequest("err-last-admin")),
                "try {try_no}: the other is refused as the last admin, not {refused:?}"
            );
        }
    }
}
