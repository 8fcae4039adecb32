//! Migrations 0083 and 0084 on a database that already holds events: 0083 gives
//! `events.group_id` a foreign key to `working_groups` (SQLite rebuilds `events`), 0084
//! counts changes to what event lists show. Events, their organisers, dates, registrations
//! and materials made before must survive, with every foreign key intact; SQLite runs
//! always, PostgreSQL when `SPONA_TEST_DATABASE_URL` names one.

use spona_store::Db;

/// Rows written before 0083: two events in a group, one naming a group that does not
/// exist (written by hand), with organisers, a left-out date, a registration, a reminder
/// and a material.
const BEFORE: &[&str] = &[
    "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES ('u1', 'a@x.org', 'A', 'h', 0, 0)",
    "INSERT INTO organisations (id, slug, name, sort_key, country, contact_visibility, search_text, created_at, updated_at) VALUES ('o1', 'o1', 'O1', 'o1', 'UA', 'public', '', 0, 0)",
    "INSERT INTO working_groups (id, name, lang, join_policy, created_by, created_at) VALUES ('g1', 'G', 'en', 'open', 'u1', 0)",
    "INSERT INTO events (id, kind, title, attendance, zone, starts_local, ends_local, starts_at, ends_at, rrule, last_ends_at, group_id, created_by, created_at, updated_at, seats, sequence) VALUES ('e1', 'webinar', 'Weekly', 'online', 'Europe/Belgrade', '2030-03-01T10:00', '2030-03-01T11:00', 1898672400, 1898676000, 'FREQ=WEEKLY;COUNT=4', 1900490400, 'g1', 'u1', 0, 0, 7, 3)",
    "INSERT INTO events (id, kind, title, attendance, zone, starts_local, ends_local, starts_at, ends_at, last_ends_at, group_id, created_by, created_at, updated_at) VALUES ('e2', 'webinar', 'Lost group', 'online', 'Europe/Kyiv', '2030-04-01T10:00', '2030-04-01T11:00', 1901264400, 1901268000, 1901268000, 'gone', 'u1', 0, 0)",
    "INSERT INTO event_organisers (event_id, org_id) VALUES ('e1', 'o1')",
    "INSERT INTO event_organisers (event_id, org_id) VALUES ('e2', 'o1')",
    "INSERT INTO event_exdates (event_id, occurrence_local, cancelled, created_at) VALUES ('e1', '2030-03-08T10:00', 1, 0)",
    "INSERT INTO event_registrations (id, event_id, user_id, status, created_at, updated_at) VALUES ('r1', 'e1', 'u1', 'confirmed', 0, 0)",
    "INSERT INTO event_reminders (event_id, user_id, starts_at, sent_at) VALUES ('e1', 'u1', 1898672400, 0)",
    "INSERT INTO event_materials (id, event_id, phase, filename, media_type, size, sha256, created_by, created_at) VALUES ('m1', 'e1', 'before', 'a.txt', 'text/plain', 3, 'ab', 'u1', 0)",
];

async fn check(db: &Db) {
    let migrator = match db {
        Db::Sqlite(_) => sqlx::migrate!("./migrations/sqlite"),
        Db::Postgres(_) => sqlx::migrate!("./migrations/postgres"),
    };
    macro_rules! exec {
        ($sql:expr) => {
            match db {
                Db::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe($sql))
                    .execute(p)
                    .await
                    .map(|r| r.rows_affected()),
                Db::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe($sql))
                    .execute(p)
                    .await
                    .map(|r| r.rows_affected()),
            }
        };
    }
    macro_rules! num {
        ($sql:expr) => {
            match db {
                Db::Sqlite(p) => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe($sql))
                    .fetch_one(p)
                    .await
                    .expect($sql),
                Db::Postgres(p) => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe($sql))
                    .fetch_one(p)
                    .await
                    .expect($sql),
            }
        };
    }
    match db {
        Db::Sqlite(p) => migrator.run_to(82, p).await,
        Db::Postgres(p) => migrator.run_to(82, p).await,
    }
    .expect("up to 0082");
    for sql in BEFORE {
        exec!(*sql).expect(sql);
    }
    match db {
        Db::Sqlite(p) => migrator.run(p).await,
        Db::Postgres(p) => migrator.run(p).await,
    }
    .expect("0083 and later");
    // Every row and column kept; the group that does not exist is forgotten.
    for (sql, n) in [
        ("SELECT COUNT(*) FROM events", 2),
        ("SELECT COUNT(*) FROM event_organisers", 2),
        ("SELECT COUNT(*) FROM event_exdates", 1),
        ("SELECT COUNT(*) FROM event_registrations", 1),
        ("SELECT COUNT(*) FROM event_reminders", 1),
        ("SELECT COUNT(*) FROM event_materials", 1),
        (
            "SELECT seats * 10 + sequence FROM events WHERE id = 'e1'",
            73,
        ),
        (
            "SELECT COUNT(*) FROM events WHERE id = 'e1' AND group_id = 'g1' AND rrule = 'FREQ=WEEKLY;COUNT=4' AND last_ends_at = 1900490400",
            1,
        ),
        (
            "SELECT COUNT(*) FROM events WHERE id = 'e2' AND group_id IS NULL",
            1,
        ),
    ] {
        assert_eq!(num!(sql), n, "{sql}");
    }
    if let Db::Sqlite(p) = db {
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(p)
                .await
                .expect("check");
        assert!(broken.is_empty(), "{broken:?}");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(p)
            .await
            .expect("pragma");
        assert_eq!(fk, 1, "foreign keys are back on");
    }
    // The key holds: no event names a group that does not exist; a group's end leaves its
    // events without one; an event's end still takes its rows with it.
    assert!(
        exec!("UPDATE events SET group_id = 'nowhere' WHERE id = 'e2'").is_err(),
        "a group that does not exist is refused"
    );
    let version = || "SELECT value FROM meta WHERE key = 'events_version'";
    let v0 = num!(version());
    // A registration takes the event's lock (`seats`) without moving the list's version.
    exec!("UPDATE events SET seats = seats + 1 WHERE id = 'e1'").expect("lock");
    assert_eq!(
        num!(version()),
        v0,
        "the registration lock moves no version"
    );
    exec!("UPDATE events SET title = 'Weekly talk' WHERE id = 'e1'").expect("title");
    let v1 = num!(version());
    assert!(v1 > v0, "a change of title moves the version");
    exec!("INSERT INTO event_exdates (event_id, occurrence_local, cancelled, created_at) VALUES ('e1', '2030-03-15T10:00', 1, 0)").expect("exdate");
    let v2 = num!(version());
    assert!(v2 > v1, "a cancelled date moves the version");
    exec!("DELETE FROM event_organisers WHERE event_id = 'e2'").expect("organiser");
    assert!(
        num!(version()) > v2,
        "an organiser's change moves the version"
    );
    exec!("DELETE FROM group_members WHERE group_id = 'g1'").expect("members");
    exec!("DELETE FROM working_groups WHERE id = 'g1'").expect("group");
    assert_eq!(
        num!("SELECT COUNT(*) FROM events WHERE id = 'e1' AND group_id IS NULL"),
        1
    );
    exec!("DELETE FROM events WHERE id = 'e1'").expect("delete");
    for table in [
        "event_organisers",
        "event_exdates",
        "event_registrations",
        "event_materials",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE event_id = 'e1'");
        assert_eq!(num!(sql.as_str()), 0, "{table}");
    }
}

#[tokio::test]
async fn sqlite_keeps_events_and_their_rows_through_the_group_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    check(&Db::connect(&url).await.expect("connect")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_events_and_their_rows_through_the_group_key() {
    let Ok(url) = std::env::var("SPONA_TEST_DATABASE_URL") else {
        eprintln!("SPONA_TEST_DATABASE_URL not set: checked on PostgreSQL runs");
        return;
    };
    if !url.starts_with("postgres") {
        return;
    }
    let schema = format!("t_events_{}", uuid::Uuid::new_v4().simple());
    check(
        &Db::connect_in_schema(&url, Some(&schema))
            .await
            .expect("postgres"),
    )
    .await;
}
