//! The store's contract, the same on both databases: what one call writes, the next reads
//! back, whichever pool is open. Every test runs on SQLite, and again on PostgreSQL (a fresh
//! schema each) when `SPONA_TEST_DATABASE_URL` names one.
//!
//! Fields that another change may type (roles, statuses, ids) are compared through their
//! text (`to_string()`), which both a `String` and a stored enum or typed id give.

use spona_domain::matching::{OptInDraft, RoundDraft, RoundStatus, Side};
use spona_domain::org::{DirectoryFilter, OrgDraft, Slug};
use spona_domain::resource::{ContentLang, ResourceDraft, VariantDraft};
use spona_domain::role::{OrgRole, PlatformRole};
use spona_store::{Db, StoreError, audit, on_tx};

/// The databases to run on: SQLite always, PostgreSQL when configured. The temporary
/// directory keeps the SQLite file alive as long as the test.
async fn databases() -> Vec<(Db, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("c.db").display()))
        .await
        .expect("sqlite");
    sqlite.migrate().await.expect("migrate sqlite");
    let mut out = vec![(sqlite, Some(dir))];
    if let Ok(url) = std::env::var("SPONA_TEST_DATABASE_URL")
        && url.starts_with("postgres")
    {
        let schema = format!("t_contract_{}", uuid::Uuid::new_v4().simple());
        let pg = Db::connect_in_schema(&url, Some(&schema))
            .await
            .expect("postgres");
        pg.migrate().await.expect("migrate postgres");
        out.push((pg, None));
    }
    out
}

fn text(v: impl std::fmt::Display) -> String {
    v.to_string()
}

async fn user(db: &Db, email: &str) -> String {
    spona_store::users::create(db, email, email, "hash", PlatformRole::User)
        .await
        .expect("user")
}

async fn org(db: &Db, slug: &str, name: &str) -> String {
    let profile = OrgDraft {
        name: name.into(),
        country: "RS".into(),
        city: "Niš".into(),
        email: format!("office@{slug}.example"),
        contact_visibility: "members".into(),
        themes: vec!["peacebuilding".into()],
        offers: vec!["safe-houses".into()],
        languages: vec!["sr".into()],
        ..OrgDraft::default()
    }
    .validate()
    .expect("valid profile");
    spona_store::orgs::create(db, &Slug::parse(slug).expect("slug"), &profile)
        .await
        .expect("org")
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    spona_store::on_db!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)
        .expect("count")
}

async fn insert_probe_user_in(tx: &mut spona_store::Tx, id: &str) {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at) \
         VALUES ($1, $2, 'Probe', 'x', 'user', 0, 0)")
        .bind(id).bind(format!("{id}@probe.example")).execute(&mut *c).await.map(|r| r.rows_affected()))
    .expect("insert in tx");
}

fn event<'a>(action: &'a str, target: &'a str) -> audit::Event<'a> {
    audit::Event {
        actor_id: None,
        action,
        target_kind: "user",
        target_id: target,
        detail: String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_commits_all_or_nothing() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        // Committed: the change and its audit entry are both there.
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(tx.kind(), kind);
        insert_probe_user_in(&mut tx, "kept").await;
        audit::record_in(&mut tx, event("probe.kept", "kept"))
            .await
            .expect("audit");
        tx.commit().await.expect("commit");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'kept'").await,
            1
        );
        assert_eq!(
            audit::count(&db, Some("probe.kept")).await.expect("count"),
            1
        );

        // Dropped without commit: neither the change nor its audit entry.
        {
            let mut tx = db.begin().await.expect("begin");
            insert_probe_user_in(&mut tx, "dropped").await;
            audit::record_in(&mut tx, event("probe.dropped", "dropped"))
                .await
                .expect("audit");
            // Inside, the transaction sees its own writes.
            let seen = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'probe.dropped'")
                .fetch_one(&mut *c).await)
            .expect("read own write");
            assert_eq!(seen, 1, "{kind}");
        }
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'dropped'").await,
            0,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("probe.dropped"))
                .await
                .expect("count"),
            0,
            "{kind}"
        );

        // Rolled back explicitly: likewise.
        let mut tx = db.begin().await.expect("begin");
        insert_probe_user_in(&mut tx, "rolled").await;
        audit::record_in(&mut tx, event("probe.rolled", "rolled"))
            .await
            .expect("audit");
        tx.rollback().await.expect("rollback");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'rolled'").await,
            0,
            "{kind}"
        );
        assert_eq!(
            audit::count(&db, Some("probe.rolled"))
                .await
                .expect("count"),
            0,
            "{kind}"
        );

        // A failing statement inside leaves the earlier ones uncommitted once dropped.
        let mut tx = db.begin().await.expect("begin");
        insert_probe_user_in(&mut tx, "half").await;
        let dup = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, platform_role, created_at, updated_at) \
             VALUES ('kept', 'other@probe.example', 'P', 'x', 'user', 0, 0)")
            .execute(&mut *c).await.map(|r| r.rows_affected()));
        assert!(dup.is_err(), "{kind}: duplicate id accepted");
        drop(tx);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'half'").await,
            0,
            "{kind}"
        );

        // The pool is usable afterwards (no connection left inside a transaction).
        let mut tx = db.begin().await.expect("begin after rollbacks");
        insert_probe_user_in(&mut tx, "after").await;
        tx.commit().await.expect("commit after rollbacks");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM users WHERE id = 'after'").await,
            1,
            "{kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_points_are_off_unless_named() {
    // The variable is never set for this test binary's other tests; only its absence is
    // checked here (setting it would race the other tests of this process).
    if std::env::var_os("SPONA_TEST_FAULT").is_none() {
        assert!(spona_store::tx::fault_point("anything").is_ok());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_list_newest_first_and_filter_by_action() {
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let who = user(&db, "auditor@example.org").await;
        for (i, action) in ["a.one", "a.two", "a.one"].into_iter().enumerate() {
            audit::record(
                &db,
                audit::Event {
                    actor_id: Some(&who),
                    action,
                    target_kind: "org",
                    target_id: &format!("t{i}"),
                    detail: format!("d{i}"),
                },
            )
            .await
            .expect("record");
        }
        assert_eq!(audit::count(&db, None).await.expect("count"), 3, "{kind}");
        assert_eq!(
            audit::count(&db, Some("a.one")).await.expect("count"),
            2,
            "{kind}"
        );
        let all = audit::list(&db, None, 10, 0).await.expect("list");
        let targets: Vec<_> = all.iter().map(|e| e.target_id.as_str()).collect();
        assert_eq!(targets, ["t2", "t1", "t0"], "{kind}: newest first");
        assert_eq!(
            all[0].actor_name.as_deref(),
            Some("auditor@example.org"),
            "{kind}"
        );
        assert_eq!(all[0].detail, "d2", "{kind}");
        let page = audit::list(&db, Some("a.one"), 1, 1).await.expect("list");
        assert_eq!(page.len(), 1, "{kind}");
        assert_eq!(page[0].target_id, "t0", "{kind}");
    }
}

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
async fn organisations_and_memberships_round_trip() {
    use spona_store::{orgs, users};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let taken = orgs::create(
            &db,
            &Slug::parse("astra").expect("slug"),
            &orgs::get(&db, &astra).await.expect("get").profile(),
        )
        .await;
        assert!(
            matches!(&taken, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {taken:?}"
        );
        let free = orgs::free_slug(&db, "astra").await.expect("free slug");
        assert_ne!(free.as_str(), "astra", "{kind}");

        let o = orgs::get_by_slug(&db, "astra").await.expect("by slug");
        assert_eq!(text(&o.id), text(&astra), "{kind}");
        assert_eq!(
            (o.name.as_str(), o.country.as_str(), o.city.as_str()),
            ("Astra", "RS", "Niš")
        );
        assert_eq!(o.email.as_deref(), Some("office@astra.example"), "{kind}");
        assert_eq!(o.themes, ["peacebuilding"], "{kind}");
        assert_eq!(o.offers, ["safe-houses"], "{kind}");

        let mut profile = o.profile();
        profile.name = "Astra Network".into();
        profile.themes = vec!["gender-equality".into(), "peacebuilding".into()];
        orgs::update(&db, &astra, &profile).await.expect("update");
        orgs::set_logo(&db, &astra, Some("logo.png"))
            .await
            .expect("logo");
        let o = orgs::get(&db, &astra).await.expect("get");
        assert_eq!(o.name, "Astra Network", "{kind}");
        assert_eq!(o.themes.len(), 2, "{kind}");
        assert_eq!(o.logo.as_deref(), Some("logo.png"), "{kind}");
        assert_eq!(
            o.profile(),
            profile,
            "{kind}: the profile reads back as written"
        );
        assert!(matches!(
            orgs::get_by_slug(&db, "nope").await,
            Err(StoreError::NotFound)
        ));

        let zmina = org(&db, "zmina", "Zmina").await;
        assert_eq!(orgs::load_all(&db).await.expect("all").len(), 2, "{kind}");
        assert_eq!(
            orgs::all_names(&db).await.expect("names").len(),
            2,
            "{kind}"
        );

        let ana = user(&db, "ana@example.org").await;
        let bo = user(&db, "bo@example.org").await;
        users::set_membership(&db, &ana, &astra, OrgRole::Admin)
            .await
            .expect("member");
        users::set_membership(&db, &bo, &astra, OrgRole::Member)
            .await
            .expect("member");
        users::set_membership(&db, &ana, &zmina, OrgRole::Member)
            .await
            .expect("member");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            1,
            "{kind}"
        );
        // Setting again changes the role, not the number of memberships.
        users::set_membership(&db, &bo, &astra, OrgRole::Admin)
            .await
            .expect("member");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            2,
            "{kind}"
        );
        assert_eq!(
            users::members_of(&db, &astra).await.expect("members").len(),
            2,
            "{kind}"
        );
        let mut of_ana: Vec<(String, String)> = users::memberships(&db, &ana)
            .await
            .expect("memberships")
            .into_iter()
            .map(|m| (m.org_slug.clone(), text(m.role)))
            .collect();
        of_ana.sort();
        assert_eq!(
            of_ana,
            [
                ("astra".to_owned(), "admin".to_owned()),
                ("zmina".to_owned(), "member".to_owned())
            ],
            "{kind}"
        );
        users::remove_membership(&db, &bo, &astra)
            .await
            .expect("remove");
        assert_eq!(
            users::admin_count(&db, &astra).await.expect("admins"),
            1,
            "{kind}"
        );
        assert!(
            users::memberships(&db, &bo).await.expect("m").is_empty(),
            "{kind}"
        );
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
async fn networks_round_trip() {
    use spona_store::networks;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let id = networks::create(
            &db,
            &Slug::parse("balkan").expect("slug"),
            "Balkan",
            &astra,
            &[],
        )
        .await
        .expect("create");
        let again =
            networks::create(&db, &Slug::parse("balkan").expect("slug"), "B", &zmina, &[]).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(c)) if c == "slug"),
            "{kind}: {again:?}"
        );
        let n = networks::get_by_slug(&db, "balkan").await.expect("get");
        assert_eq!(text(&n.id), text(&id), "{kind}");
        assert_eq!(n.coordinator_slug, "astra", "{kind}");
        assert_eq!(
            n.member_count, 1,
            "{kind}: the coordinator is the first member"
        );
        networks::add_member(&db, &id, &zmina).await.expect("add");
        networks::add_member(&db, &id, &zmina)
            .await
            .expect("add twice is harmless");
        assert_eq!(
            networks::members(&db, &id).await.expect("members").len(),
            2,
            "{kind}"
        );
        assert_eq!(
            networks::of_org(&db, &zmina).await.expect("of org").len(),
            1,
            "{kind}"
        );
        assert_eq!(networks::list(&db).await.expect("list").len(), 1, "{kind}");
        let mut tx = db.begin().await.expect("begin");
        networks::remove_member_in(&mut tx, &id, &zmina)
            .await
            .expect("remove");
        tx.commit().await.expect("commit");
        assert!(
            networks::of_org(&db, &zmina)
                .await
                .expect("of org")
                .is_empty(),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_time_key_creates_once_and_answers_its_owner() {
    use spona_store::idempotency::{self, Once};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let ana = user(&db, "ana@example.org").await;
        let profile = orgs_profile();
        let key = spona_store::new_token();
        let once = |who: Option<&str>| Once {
            key: key.clone(),
            user_id: who.map(str::to_owned),
            location: "/en/orgs/{id}".into(),
        };
        let slug = Slug::parse("roma").expect("slug");
        let create_once = |once: Once| {
            let (db, slug, profile) = (db.clone(), slug.clone(), profile.clone());
            async move {
                let mut tx = db.begin().await?;
                let id =
                    spona_store::orgs::create_in(&mut tx, &slug, &profile, Some(&once)).await?;
                tx.commit().await?;
                Ok::<_, StoreError>(id)
            }
        };
        create_once(once(Some(&ana))).await.expect("first");
        let retry = create_once(once(Some(&ana))).await;
        assert!(
            matches!(&retry, Err(StoreError::Replay(l)) if l == "/en/orgs/roma"),
            "{kind}: {retry:?}"
        );
        let thief = create_once(once(None)).await;
        assert!(
            matches!(&thief, Err(StoreError::Conflict(c)) if c == "once"),
            "{kind}: {thief:?}"
        );
        assert_eq!(
            idempotency::answered(&db, &key, Some(&ana))
                .await
                .expect("answered")
                .as_deref(),
            Some("/en/orgs/roma"),
            "{kind}"
        );
        assert!(
            idempotency::answered(&db, &key, None)
                .await
                .expect("answered")
                .is_none()
        );
        assert_eq!(
            spona_store::orgs::load_all(&db).await.expect("all").len(),
            1,
            "{kind}"
        );
        assert_eq!(
            idempotency::purge(&db).await.expect("purge"),
            0,
            "{kind}: kept a day"
        );
    }
}

fn orgs_profile() -> spona_domain::org::OrgProfile {
    OrgDraft {
        name: "Roma Women's Network".into(),
        country: "RS".into(),
        languages: vec!["sr".into()],
        ..OrgDraft::default()
    }
    .validate()
    .expect("profile")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_query_filters_and_counts() {
    use spona_store::directory;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        org(&db, "astra", "Astra").await;
        org(&db, "zmina", "Zmina").await;
        let all = directory::query(&db, &DirectoryFilter::default())
            .await
            .expect("query");
        assert_eq!(all.total, 2, "{kind}");
        let names: Vec<_> = all.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Astra", "Zmina"], "{kind}: sorted by name");
        let one = directory::query(
            &db,
            &DirectoryFilter {
                text: Some("zmina".into()),
                ..DirectoryFilter::default()
            },
        )
        .await
        .expect("query");
        assert_eq!(one.total, 1, "{kind}");
        assert_eq!(one.orgs[0].slug, "zmina", "{kind}");
        let none = directory::query(
            &db,
            &DirectoryFilter {
                country: Some("UA".into()),
                ..DirectoryFilter::default()
            },
        )
        .await
        .expect("query");
        assert_eq!((none.total, none.orgs.len()), (0, 0), "{kind}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rounds_and_opt_ins_round_trip() {
    use spona_store::matching;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let zmina = org(&db, "zmina", "Zmina").await;
        let coordinator = user(&db, "coord@example.org").await;
        let spec = RoundDraft {
            programme: "peer_exchange".into(),
            title: "Spring exchange".into(),
            titles: vec![("uk".into(), "Весняний обмін".into())],
            side_a: vec!["RS".into()],
            side_b: vec!["UA".into()],
            deadline: "2199-01-01".into(),
        }
        .validate(0)
        .expect("round");
        let id = matching::create_round(&db, &spec, None, &coordinator)
            .await
            .expect("round");
        let r = matching::round(&db, &id).await.expect("get");
        assert_eq!(text(r.programme), "peer_exchange", "{kind}");
        assert_eq!(
            (r.title.as_str(), r.side_a.as_str(), r.side_b.as_str()),
            ("Spring exchange", "RS", "UA")
        );
        assert_eq!(
            r.titles,
            [("uk".to_owned(), "Весняний обмін".to_owned())],
            "{kind}"
        );
        assert_eq!(r.participants, 0, "{kind}");
        assert_eq!(
            matching::rounds(&db).await.expect("rounds").len(),
            1,
            "{kind}"
        );
        assert_eq!(
            matching::round_titles(&db).await.expect("titles").len(),
            1,
            "{kind}"
        );

        let opt = OptInDraft {
            offers: vec!["safe-houses".into()],
            languages: vec!["en".into()],
            statement: "We can host.".into(),
            capacity: "2".into(),
            ..OptInDraft::default()
        }
        .validate()
        .expect("opt in");
        matching::opt_in(&db, &id, &astra, Side::A, &opt, &coordinator)
            .await
            .expect("opt in");
        matching::opt_in(&db, &id, &zmina, Side::B, &opt, &coordinator)
            .await
            .expect("opt in");
        let twice = matching::opt_in(&db, &id, &astra, Side::A, &opt, &coordinator).await;
        assert!(
            matches!(twice, Err(StoreError::Conflict(_))),
            "{kind}: {twice:?}"
        );
        let people = matching::participants(&db, &id)
            .await
            .expect("participants");
        assert_eq!(people.len(), 2, "{kind}");
        assert_eq!(text(people[0].side), "a", "{kind}");
        assert_eq!(people[0].offers, "safe-houses", "{kind}");
        assert_eq!(people[0].capacity, 2, "{kind}");
        assert_eq!(
            matching::round(&db, &id).await.expect("get").participants,
            2,
            "{kind}"
        );

        let mut tx = db.begin().await.expect("begin");
        matching::set_status_in(&mut tx, &id, RoundStatus::Closed)
            .await
            .expect("status");
        tx.commit().await.expect("commit");
        assert_eq!(
            text(matching::round(&db, &id).await.expect("get").status),
            "closed"
        );
        assert!(
            matching::proposals(&db, &id)
                .await
                .expect("proposals")
                .is_empty(),
            "{kind}"
        );
        assert!(
            matching::constraints(&db, &id)
                .await
                .expect("constraints")
                .is_empty(),
            "{kind}"
        );
        assert!(matches!(
            matching::round(&db, "nope").await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resources_keep_every_version() {
    use spona_store::resources;
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let astra = org(&db, "astra", "Astra").await;
        let author = user(&db, "author@example.org").await;
        let meta = ResourceDraft {
            kind: "best-practice".into(),
            themes: vec!["peacebuilding".into()],
            countries: vec!["RS".into()],
            visibility: "public".into(),
            networks: vec![],
            review_due: "2199-01-01".into(),
        }
        .validate()
        .expect("meta");
        let first = VariantDraft {
            written: "en".into(),
            title: "Safe houses".into(),
            summary: "How to run one".into(),
            body: "# One\n\nText.".into(),
            note: String::new(),
        }
        .validate(false)
        .expect("variant");
        let seq = resources::current_seq(&db).await.expect("seq");
        let id = resources::create(&db, &astra, &meta, &[], &first, &author)
            .await
            .expect("create");
        assert!(resources::any(&db).await.expect("any"), "{kind}");
        assert!(
            resources::current_seq(&db).await.expect("seq") > seq,
            "{kind}"
        );
        let r = resources::get(&db, &id).await.expect("get");
        assert_eq!(text(&r.kind), "best-practice", "{kind}");
        assert_eq!(text(r.visibility), "public", "{kind}");

        let second = VariantDraft {
            note: "clearer".into(),
            title: "Safe houses, revised".into(),
            ..VariantDraft {
                written: "en".into(),
                summary: "How to run one".into(),
                body: "# One\n\nText.".into(),
                ..VariantDraft::default()
            }
        }
        .validate(true)
        .expect("variant");
        resources::save_variant(&db, &id, &second, Some(1), &author)
            .await
            .expect("save");
        let versions = resources::versions(&db, &id, ContentLang::En)
            .await
            .expect("versions");
        let titles: Vec<_> = versions
            .iter()
            .map(|v| (v.version, v.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [(2, "Safe houses, revised"), (1, "Safe houses")],
            "{kind}"
        );
        assert_eq!(versions[0].author_name, "author@example.org", "{kind}");
        assert_eq!(
            resources::changed_since(&db, seq, 10)
                .await
                .expect("changed")
                .len(),
            1
        );
        assert_eq!(
            resources::recent_public(&db, 5)
                .await
                .expect("recent")
                .len(),
            1,
            "{kind}"
        );
        assert!(matches!(
            resources::get(&db, "nope").await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_count_nothing_before_an_upload() {
    use spona_store::quota::{self, Scope};
    for (db, _dir) in databases().await {
        let kind = db.kind();
        let scopes = [Scope::hub_org("o1", 1000), Scope::case("c1", 500)];
        assert_eq!(
            quota::used(&db, &scopes).await.expect("used"),
            [0, 0],
            "{kind}"
        );
        assert_eq!(
            quota::room(&db, &scopes).await.expect("room"),
            500,
            "{kind}"
        );
        assert!(
            quota::case_lead_orgs(&db, "c1")
                .await
                .expect("leads")
                .is_empty(),
            "{kind}"
        );
    }
}
