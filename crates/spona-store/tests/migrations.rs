//! The two migration trees say the same thing: the same files, the same text wherever the
//! dialects agree, and (with PostgreSQL at hand) the same tables, columns and nullability
//! once applied.

use std::collections::BTreeSet;
use std::path::Path;

use spona_store::Db;

/// Migrations whose text differs between the dialects, and why. Every other migration is
/// the same text for both databases: write it once in the SQL both share.
const DIALECT_SPECIFIC: &[(&str, &str)] = &[
    (
        "0008_mentorship.sql",
        "SQLite cannot alter a CHECK or drop a NOT NULL: it rebuilds the tables",
    ),
    (
        "0020_vault_size_sealed.sql",
        "SQLite has no ALTER COLUMN … TYPE: it renames, adds and copies",
    ),
    (
        "0025_storage_quotas.sql",
        "the trigger: SQLite's trigger body, PostgreSQL's plpgsql function",
    ),
    (
        "0083_event_group_fk.sql",
        "SQLite cannot add a foreign key: it rebuilds `events`",
    ),
    (
        "0084_events_version.sql",
        "the triggers: SQLite's trigger bodies, PostgreSQL's plpgsql function",
    ),
    (
        "0085_event_occurrence_registrations.sql",
        "SQLite cannot change a UNIQUE constraint: it rebuilds `event_registrations`",
    ),
    (
        "0086_event_material_quota.sql",
        "the trigger: SQLite's trigger body, PostgreSQL's reuse of 0025's plpgsql function",
    ),
    (
        "0092_call_attachment_quota.sql",
        "the trigger: SQLite's trigger body, PostgreSQL's reuse of 0025's plpgsql function",
    ),
    (
        "0103_services_version.sql",
        "the triggers: SQLite's trigger bodies, PostgreSQL's plpgsql function",
    ),
    (
        "0160_monitoring_version.sql",
        "the triggers: SQLite's trigger bodies, PostgreSQL's plpgsql function",
    ),
    (
        "0290_content_languages.sql",
        "SQLite cannot alter a CHECK: it rebuilds the four tables",
    ),
    (
        "0350_scale_out.sql",
        "PostgreSQL's NOTIFY trigger on meta.resource_seq (SQLite serves one process)",
    ),
];

fn dir(dialect: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dialect)
}

fn files(dialect: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir(dialect))
        .expect("migrations dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".sql"))
        .collect();
    v.sort();
    v
}

fn read(dialect: &str, name: &str) -> String {
    std::fs::read_to_string(dir(dialect).join(name)).expect("migration")
}

/// The statements of a migration, comments dropped and white space folded (a naive split
/// on `;`: good enough for `CREATE TABLE` and `CREATE INDEX`, which hold none).
fn statements(sql: &str) -> Vec<String> {
    let code: String = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    code.split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_migration_exists_for_both_databases_with_the_same_text_where_the_dialects_agree() {
    let sqlite = files("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite,
        files("postgres"),
        "every migration must exist for both databases"
    );
    let mut problems = Vec::new();
    for name in &sqlite {
        let (s, p) = (read("sqlite", name), read("postgres", name));
        let specific = DIALECT_SPECIFIC.iter().any(|(n, _)| n == name);
        match (specific, s == p) {
            (false, false) => {
                let line = s
                    .lines()
                    .zip(p.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| s.lines().count().min(p.lines().count()))
                    + 1;
                problems.push(format!(
                    "{name}: sqlite and postgres differ from line {line}; write it in the SQL \
                     both share, or list it in DIALECT_SPECIFIC with the reason"
                ));
            }
            (true, true) => problems.push(format!(
                "{name}: listed in DIALECT_SPECIFIC but the same text for both; remove it"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dialect_specific_migrations_share_their_tables_and_indexes() {
    for (name, _) in DIALECT_SPECIFIC {
        let sqlite = statements(&read("sqlite", name));
        let postgres = statements(&read("postgres", name));
        let creates = |v: &[String]| -> BTreeSet<String> {
            v.iter()
                .filter(|s| {
                    (s.starts_with("CREATE TABLE") && !s.contains("_new ("))
                        || s.starts_with("CREATE INDEX")
                        || s.starts_with("CREATE UNIQUE INDEX")
                })
                .cloned()
                .collect()
        };
        let (s, p) = (creates(&sqlite), creates(&postgres));
        let only_pg: Vec<_> = p.difference(&s).collect();
        assert!(
            only_pg.is_empty(),
            "{name}: tables or indexes created differently on PostgreSQL: {only_pg:#?}"
        );
    }
}

/// `(table, column, not null)` of every table the migrations leave behind.
async fn columns(db: &Db) -> BTreeSet<(String, String, bool)> {
    let rows: Vec<(String, String, bool)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name, c.\"notnull\" <> 0 OR c.pk > 0 FROM sqlite_master m, \
             pragma_table_info(m.name) c WHERE m.type = 'table' \
             AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        )
        .fetch_all(p)
        .await
        .expect("sqlite schema"),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text, is_nullable = 'NO' \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(p)
        .await
        .expect("postgres schema"),
    };
    rows.into_iter().collect()
}

/// Index names created by the migrations (not those behind primary keys and UNIQUE
/// constraints, which the databases name each in their own way).
async fn indexes(db: &Db) -> BTreeSet<String> {
    let rows: Vec<(String,)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'index' \
             AND name NOT LIKE 'sqlite_autoindex_%'",
        )
        .fetch_all(p)
        .await
        .expect("sqlite indexes"),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT i.indexname::text FROM pg_indexes i WHERE i.schemaname = current_schema() \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        )
        .fetch_all(p)
        .await
        .expect("postgres indexes"),
    };
    rows.into_iter().map(|(n,)| n).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_databases_end_with_the_same_tables_columns_and_indexes() {
    let Ok(url) = std::env::var("SPONA_TEST_DATABASE_URL") else {
        eprintln!("SPONA_TEST_DATABASE_URL not set: schema parity checked on PostgreSQL runs");
        return;
    };
    if !url.starts_with("postgres") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("m.db").display()))
        .await
        .expect("sqlite");
    sqlite.migrate().await.expect("migrate sqlite");
    let schema = format!("t_parity_{}", uuid::Uuid::new_v4().simple());
    let pg = Db::connect_in_schema(&url, Some(&schema))
        .await
        .expect("postgres");
    pg.migrate().await.expect("migrate postgres");

    let (s, p) = (columns(&sqlite).await, columns(&pg).await);
    assert!(s.len() > 50, "{} columns read from SQLite", s.len());
    let only_sqlite: Vec<_> = s.difference(&p).collect();
    let only_pg: Vec<_> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "(table, column, not null) only on SQLite: {only_sqlite:#?}\nonly on PostgreSQL: {only_pg:#?}"
    );
    let (s, p) = (indexes(&sqlite).await, indexes(&pg).await);
    assert!(s.len() > 10, "{} indexes read from SQLite", s.len());
    let only_sqlite: Vec<_> = s.difference(&p).collect();
    let only_pg: Vec<_> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "indexes only on SQLite: {only_sqlite:#?}\nonly on PostgreSQL: {only_pg:#?}"
    );
}
