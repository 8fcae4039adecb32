//! The command line: help, account creation, bad input naming the problem.

use std::process::Command;

use crate::harness::process::{output_text, spona};
use crate::harness::resource_in_db;

#[test]
fn help_names_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = spona(dir.path(), &["--help"], "");
    assert!(out.status.success());
    let t = output_text(&out);
    for word in ["serve", "migrate", "admin", "--data-dir", "--database-url"] {
        assert!(t.contains(word), "help lacks {word}: {t}");
    }
}

#[test]
fn create_user_checks_its_input_and_refuses_duplicates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let create = |email: &str, password: &str| {
        spona(
            dir.path(),
            &[
                "admin",
                "create-user",
                "--email",
                email,
                "--name",
                "Ana Petrović",
                "--platform-admin",
            ],
            password,
        )
    };
    let bad_email = create("not-an-address", "Linden tree by the Danube\n");
    assert!(!bad_email.status.success());
    assert!(
        output_text(&bad_email).contains("--email"),
        "{}",
        output_text(&bad_email)
    );
    let weak = create("ana@example.org", "short\n");
    assert!(!weak.status.success());
    assert!(output_text(&weak).contains("password: The password must have at least 12 characters"));
    let ok = create("ana@example.org", "Linden tree by the Danube\n");
    assert!(ok.status.success(), "{}", output_text(&ok));
    assert!(output_text(&ok).contains("created user"));
    let again = create("ANA@example.org", "Linden tree by the Danube\n");
    assert!(!again.status.success());
    assert!(
        output_text(&again).contains("exists already"),
        "{}",
        output_text(&again)
    );
    let unknown_org = spona(
        dir.path(),
        &[
            "admin",
            "create-user",
            "--email",
            "b@example.org",
            "--name",
            "Bo",
            "--org",
            "nope",
        ],
        "Linden tree by the Danube\n",
    );
    assert!(
        output_text(&unknown_org).contains("--org: no organisation has the slug"),
        "{}",
        output_text(&unknown_org)
    );
}

#[test]
fn an_unknown_database_url_is_refused_not_turned_into_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = spona(
        dir.path(),
        &["--database-url", "mysql://root@localhost/x", "migrate"],
        "",
    );
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("unsupported database URL"),
        "{}",
        output_text(&out)
    );
    assert!(!dir.path().join("spona.db").exists());
    let ok = spona(dir.path(), &["migrate"], "");
    assert!(ok.status.success(), "{}", output_text(&ok));
    assert!(dir.path().join("spona.db").exists());
}

#[test]
fn a_bad_attachment_store_stops_the_server_at_start_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let serve = |url: &str| {
        spona(
            dir.path(),
            &["--attachments-url", url, "serve", "--bind", "127.0.0.1:0"],
            "",
        )
    };
    let ftp = serve("ftp://files.example/spona");
    assert!(!ftp.status.success());
    assert!(
        output_text(&ftp).contains("--attachments-url") && output_text(&ftp).contains("only s3://"),
        "{}",
        output_text(&ftp)
    );
    assert!(
        !dir.path().join("spona.db").exists(),
        "refused before anything is written"
    );
    let no_bucket = serve("s3://");
    assert!(
        output_text(&no_bucket).contains("names no bucket"),
        "{}",
        output_text(&no_bucket)
    );
    // A bucket behind an address where nothing listens: the server does not start.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let out = Command::new(env!("CARGO_BIN_EXE_spona"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "--attachments-url",
            "s3://spona-files",
            "serve",
            "--bind",
            "127.0.0.1:0",
        ])
        .env_remove("SPONA_DATABASE_URL")
        .env("SPONA_LOG", "warn")
        .env("AWS_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .env("AWS_ALLOW_HTTP", "true")
        .env("AWS_ACCESS_KEY_ID", "k")
        .env("AWS_SECRET_ACCESS_KEY", "s")
        .env("AWS_REGION", "eu-central-1")
        .output()
        .expect("spawn");
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("the attachment store s3://spona-files/ does not answer"),
        "{}",
        output_text(&out)
    );
}

#[test]
fn remind_reviews_runs_beside_a_running_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(spona(dir.path(), &["migrate"], "").status.success());
    // A running server holds the search index's writer lock; reminders need no index.
    let _index = spona_search::SearchIndex::open(&dir.path().join("search")).expect("index");
    let out = spona(dir.path(), &["remind-reviews"], "");
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(
        output_text(&out).contains("review reminders written: 0"),
        "{}",
        output_text(&out)
    );
}

#[tokio::test]
async fn reindex_rebuilds_the_search_index_from_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(spona(dir.path(), &["migrate"], "").status.success());
    let db = spona_store::Db::connect(&format!(
        "sqlite://{}",
        dir.path().join("spona.db").display()
    ))
    .await
    .expect("db");
    let org = spona_domain::org::OrgDraft {
        name: "Žene u crnom".into(),
        country: "RS".into(),
        ..Default::default()
    }
    .validate()
    .expect("org");
    let org_id = spona_store::orgs::create(
        &db,
        &spona_domain::org::Slug::parse("zene-u-crnom").expect("slug"),
        &org,
    )
    .await
    .expect("create org");
    resource_in_db(
        &db,
        &org_id,
        ("case-study", "sr-Cyrl"),
        ("Сведочења жена о рату", "Жене сведоче."),
        "cli",
    )
    .await;
    db.close().await;

    let out = spona(dir.path(), &["reindex"], "");
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(output_text(&out).contains("indexed 1 resources"));
    let index = spona_search::SearchIndex::open(&dir.path().join("search")).expect("index");
    assert_eq!(index.indexed_seq(), 1);
    let found = index
        .search(&spona_search::SearchQuery {
            text: "svedočenja žena".into(),
            prefix: false,
            kinds: vec![],
            themes: vec![],
            languages: vec![],
            countries: vec![],
            reader: spona_search::Reader::Anonymous,
            preferred: spona_search::Lang::Sr,
            offset: 0,
            limit: 10,
        })
        .expect("search");
    assert_eq!(found.total, 1);
    // While another process holds the index, reindexing refuses with a message.
    let out = spona(dir.path(), &["reindex"], "");
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("search index"),
        "{}",
        output_text(&out)
    );
}

#[test]
fn an_unreachable_postgresql_stops_the_server_within_seconds_naming_host_and_port() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A port where nothing listens: bound, read and released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("postgres://postgres@127.0.0.1:{port}/x");
    let started = std::time::Instant::now();
    let out = spona(
        dir.path(),
        &["--database-url", &url, "serve", "--bind", "127.0.0.1:0"],
        "",
    );
    let took = started.elapsed();
    assert!(!out.status.success());
    assert!(
        took < std::time::Duration::from_secs(4),
        "took {took:?}: {}",
        output_text(&out)
    );
    assert!(
        output_text(&out).contains(&format!("cannot connect to PostgreSQL at 127.0.0.1:{port}")),
        "{}",
        output_text(&out)
    );
    assert!(!dir.path().join("spona.db").exists(), "no SQLite fallback");
}
