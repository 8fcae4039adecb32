//! Migration 0008 rebuilds `matching_rounds` and `matching_participants` on SQLite (a CHECK
//! cannot be altered there). Rounds, participants, proposals, pins and pairs made before it
//! must survive, with every foreign key intact.

use spona_store::Db;

#[tokio::test]
async fn the_rebuild_keeps_earlier_rounds_and_their_pairs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let db = Db::connect(&url).await.expect("connect");
    let Db::Sqlite(pool) = &db else {
        unreachable!("a SQLite URL")
    };
    let migrator = sqlx::migrate!("./migrations/sqlite");
    migrator.run_to(7, pool).await.expect("up to 0007");
    for sql in [
        "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES ('u1', 'a@x.org', 'A', 'h', 0, 0)",
        "INSERT INTO organisations (id, slug, name, sort_key, country, contact_visibility, search_text, created_at, updated_at) VALUES ('o1', 'o1', 'O1', 'o1', 'UA', 'public', '', 0, 0)",
        "INSERT INTO organisations (id, slug, name, sort_key, country, contact_visibility, search_text, created_at, updated_at) VALUES ('o2', 'o2', 'O2', 'o2', 'RS', 'public', '', 0, 0)",
        "INSERT INTO matching_rounds (id, programme, title, side_a, side_b, deadline, created_by, created_at) VALUES ('r1', 'buddy', 'R', 'UA', 'RS', 9, 'u1', 0)",
        "INSERT INTO matching_participants (id, round_id, org_id, side, capacity, created_by, created_at) VALUES ('p1', 'r1', 'o1', 'a', 1, 'u1', 0)",
        "INSERT INTO matching_participants (id, round_id, org_id, side, capacity, created_by, created_at) VALUES ('p2', 'r1', 'o2', 'b', 1, 'u1', 0)",
        "INSERT INTO matching_constraints (round_id, a_id, b_id, kind, created_by, created_at) VALUES ('r1', 'p1', 'p2', 'pin', 'u1', 0)",
        "INSERT INTO matching_proposals (id, round_id, a_id, b_id, score, explanation, a_answer, b_answer, created_at) VALUES ('x1', 'r1', 'p1', 'p2', 10, '{}', 'accepted', 'accepted', 0)",
        "INSERT INTO matching_pairs (proposal_id, round_id, started_at) VALUES ('x1', 'r1', 0)",
    ] {
        sqlx::query(sql).execute(pool).await.expect(sql);
    }
    migrator.run(pool).await.expect("0008");
    let count = |table: &'static str| async move {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await.expect("count");
        n
    };
    for (table, n) in [
        ("matching_rounds", 1),
        ("matching_participants", 2),
        ("matching_constraints", 1),
        ("matching_proposals", 1),
        ("matching_pairs", 1),
    ] {
        assert_eq!(count(table).await, n, "{table}");
    }
    let broken: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(pool)
        .await
        .expect("check");
    assert!(broken.is_empty(), "{broken:?}");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .expect("pragma");
    assert_eq!(fk, 1, "foreign keys are back on");
    // The new rules hold: a person, not both, a mentee takes one mentor; deleting a round
    // still cascades.
    sqlx::query("INSERT INTO matching_rounds (id, programme, title, side_a, side_b, deadline, created_by, created_at) VALUES ('r2', 'mentorship', 'M', 'UA', 'RS', 9, 'u1', 0)")
        .execute(pool).await.expect("mentorship round");
    sqlx::query("INSERT INTO matching_participants (id, round_id, user_id, country, side, capacity, created_by, created_at) VALUES ('p3', 'r2', 'u1', 'UA', 'a', 3, 'u1', 0)")
        .execute(pool).await.expect("a mentor");
    for bad in [
        "INSERT INTO matching_participants (id, round_id, user_id, country, side, capacity, created_by, created_at) VALUES ('p4', 'r2', 'u1', 'RS', 'b', 1, 'u1', 0)",
        "INSERT INTO matching_participants (id, round_id, org_id, user_id, country, side, capacity, created_by, created_at) VALUES ('p5', 'r2', 'o1', 'u1', 'UA', 'a', 1, 'u1', 0)",
        "INSERT INTO matching_participants (id, round_id, side, capacity, created_by, created_at) VALUES ('p6', 'r2', 'a', 1, 'u1', 0)",
        "UPDATE matching_participants SET side = 'b' WHERE id = 'p3'",
        "UPDATE matching_rounds SET programme = 'speed-dating' WHERE id = 'r2'",
    ] {
        assert!(sqlx::query(bad).execute(pool).await.is_err(), "{bad}");
    }
    sqlx::query("DELETE FROM matching_rounds WHERE id = 'r1'")
        .execute(pool)
        .await
        .expect("delete");
    assert_eq!(count("matching_pairs").await, 0);
    assert_eq!(count("matching_participants").await, 1);
}
