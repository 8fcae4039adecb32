//! What the vault keeps at rest (issue 14 item 6): a unique canary goes into every field a
//! person can type in the vault — title, each testimony field, file name and media type,
//! every reason, the consent decision's witness — and a file with a known SHA-256; then
//! none of them is in the SQLite file or its WAL, every column of every `vault_*` table
//! (read from the schema, on both databases) is either on an explicit list of columns that
//! hold nothing a person typed or holds only sealed values, and the audit log, notifications
//! and mail name no case. A column added later in clear fails here.

use std::collections::BTreeMap;

use sha2::Digest;

use crate::harness::*;

/// Columns that hold ids, times, roles, kinds, consent flags, hashes of the chain and keys:
/// nothing a person typed, no name, no share target, nothing of a file's identity.
const NOT_SENSITIVE: &[(&str, &[&str])] = &[
    (
        "vault_cases",
        &[
            "id",
            "created_by",
            "created_at",
            "head_seq",
            "head_hash",
            "head_signature",
        ],
    ),
    (
        "vault_members",
        &["case_id", "user_id", "role", "added_by", "added_at"],
    ),
    (
        "vault_items",
        &[
            "id",
            "case_id",
            "kind",
            "blob_id",
            "wrapped_key",
            "created_by",
            "created_at",
        ],
    ),
    (
        "vault_consents",
        &[
            "item_id",
            "documentation",
            "prosecutors",
            "publication",
            "withdrawn",
            "updated_by",
            "updated_at",
        ],
    ),
    (
        "vault_custody",
        &[
            "case_id",
            "seq",
            "at_ms",
            "actor",
            "action",
            "prev_hash",
            "hash",
        ],
    ),
    ("vault_item_warnings", &["item_id"]),
];

/// Uploads a PDF that runs JavaScript when opened, so that the case has a (sealed) warning.
async fn upload_active_pdf(lead: &Client, base: &str) {
    let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    let r = lead
        .upload_with(
            &format!("{base}/files?item={}", spona_store::new_id()),
            &[("documentation", "on"), ("reason", "a form with a script")],
            "file",
            "form.pdf",
            "application/pdf",
            pdf,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

/// Every `vault_*` table and its columns, from the schema.
async fn vault_columns(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'vault\\_%' ESCAPE '\\'",
            )
            .fetch_all(p)
            .await
            .expect("tables");
            for name in names {
                let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_table_info('{name}')"
                )))
                .fetch_all(p)
                .await
                .expect("columns");
                tables.insert(name, columns);
            }
        }
        spona_store::Db::Postgres(p) => {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name LIKE 'vault\\_%' \
                 ORDER BY table_name, ordinal_position",
            )
            .fetch_all(p)
            .await
            .expect("columns");
            for (table, column) in rows {
                tables.entry(table).or_default().push(column);
            }
        }
    }
    tables
}

/// Every value of a column, as text (NULL as empty).
async fn column_values(app: &TestApp, table: &str, column: &str) -> Vec<String> {
    let sql = format!("SELECT COALESCE(CAST({column} AS TEXT), '') FROM {table}");
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(p)
                .await
        }
    }
    .expect("values")
}

/// Checks (b): every column of every vault table is on [`NOT_SENSITIVE`] or holds only
/// sealed values (at least one); no value anywhere holds a canary.
async fn assert_columns_sealed(app: &TestApp, canaries: &[String]) {
    let tables = vault_columns(app).await;
    assert!(tables.len() >= 5, "{tables:?}");
    for (table, columns) in &tables {
        let allowed = NOT_SENSITIVE
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, c)| *c)
            .unwrap_or_default();
        for column in columns {
            let values = column_values(app, table, column).await;
            for v in &values {
                for c in canaries {
                    assert!(!v.contains(c.as_str()), "{table}.{column} holds {c}");
                }
            }
            if allowed.contains(&column.as_str()) {
                continue;
            }
            let mut sealed = 0;
            for v in values.iter().filter(|v| !v.is_empty()) {
                assert!(
                    spona_vault::is_sealed(v),
                    "{table}.{column} is not on the list of columns that hold nothing sensitive, \
                     and holds a value in clear: {v:?}"
                );
                sealed += 1;
            }
            assert!(
                sealed > 0,
                "{table}.{column}: the test stored nothing there (extend it to cover the column)"
            );
        }
    }
}

/// (a): the SQLite file and its WAL hold none of `secrets`.
async fn assert_files_clean(app: &TestApp, secrets: &[String]) {
    if !app.dir.path().join("spona.db").exists() {
        return;
    }
    let _ = app.db.health().await;
    let mut read = 0;
    for name in ["spona.db", "spona.db-wal"] {
        if let Ok(bytes) = std::fs::read(app.dir.path().join(name)) {
            read += bytes.len();
            for secret in secrets {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "{secret} readable in {name}"
                );
            }
        }
    }
    assert!(read > 0);
}

async fn status(c: &Client, path: &str, fields: &[(&str, &str)]) -> Reply {
    let r = c.post(path, fields).await;
    assert!(r.status == 303 || r.status == 200, "{path}: {}", r.body);
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vault_value_a_person_types_is_sealed_at_rest() {
    let app = TestApp::start().await;
    let tag = &spona_store::new_token()[..10];
    let canary = |what: &str| format!("canary{what}{tag}");
    let lead = app.signed_in(ASTRA_ADMIN).await;

    let title = canary("title");
    let r = lead.post("/en/vault/new", &[("title", &title)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let case = r.location().rsplit('/').next().expect("id").to_owned();
    let base = format!("/en/vault/cases/{case}");
    let grant = canary("grant");
    status(
        &lead,
        &format!("{base}/team"),
        &[
            ("email", ASTRA_MEMBER),
            ("role", "documenter"),
            ("reason", &grant),
        ],
    )
    .await;

    // A testimony with a canary in every text field, shared with one organisation.
    let fields = [
        "interviewer",
        "interpreter",
        "place",
        "pseudonym",
        "safety_needs",
        "referral_needs",
        "narrative",
        "follow_up",
    ];
    let mut testimony: Vec<(String, String)> =
        fields.iter().map(|f| (f.to_string(), canary(f))).collect();
    for (k, v) in [
        ("language", "uk"),
        ("date", "2026-03-14"),
        ("gender_choice", "chosen"),
        ("documentation", "on"),
        ("share_with", "pvpt"),
    ] {
        testimony.push((k.into(), v.into()));
    }
    let form: Vec<(&str, &str)> = testimony
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = status(&lead, &format!("{base}/testimonies/new"), &form).await;
    let item = r.location().rsplit('/').next().expect("id").to_owned();

    // A file with a canary name and media type, and a known SHA-256.
    let original = format!("the original of {tag}, a photo")
        .repeat(300)
        .into_bytes();
    let sha = hex::encode(sha2::Sha256::digest(&original));
    let file = spona_store::new_id();
    let upload_reason = canary("upload");
    let media_type = format!("image/x-canarymedia{tag}");
    let file_name = format!("{}.jpg", canary("filename"));
    let r = lead
        .upload_with(
            &format!("{base}/files?item={file}"),
            &[
                ("documentation", "on"),
                ("prosecutors", "on"),
                ("share_with", "pvpt"),
                ("reason", &upload_reason),
            ],
            "file",
            &file_name,
            &media_type,
            &original,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    upload_active_pdf(&lead, &base).await;

    // Consent changed, withdrawn, restored (with the witness of the new decision).
    let consent_path = format!("{base}/items/{item}/consent");
    let (change, withdraw, restore, witness) = (
        canary("consentchange"),
        canary("withdraw"),
        canary("restore"),
        canary("witness"),
    );
    status(
        &lead,
        &consent_path,
        &[
            ("documentation", "on"),
            ("share_with", "pvpt"),
            ("share_with", "zmina"),
            ("reason", &change),
        ],
    )
    .await;
    let share = canary("share");
    status(
        &lead,
        &format!("{base}/items/{item}/share"),
        &[("org", "zmina"), ("reason", &share)],
    )
    .await;
    status(
        &lead,
        &consent_path,
        &[("action", "withdraw"), ("reason", &withdraw)],
    )
    .await;
    status(
        &lead,
        &consent_path,
        &[
            ("documentation", "on"),
            ("share_with", "zmina"),
            ("decided_by", "person"),
            ("decided_how", "writing"),
            ("decided_on", "2026-04-01"),
            ("witness", &witness),
            ("reason", &restore),
        ],
    )
    .await;
    // An export, a team member removed, an emergency access.
    let export = canary("export");
    let r = lead
        .post(
            &format!("{base}/export"),
            &[
                ("items", file.as_str()),
                (
                    "recipient",
                    "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
                ),
                ("reason", &export),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let member = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("member")
        .id;
    let revoke = canary("revoke");
    status(
        &lead,
        &format!("{base}/team/{member}/remove"),
        &[("reason", &revoke)],
    )
    .await;
    let admin = app.signed_in(ADMIN).await;
    let glass = canary("breakglass");
    status(
        &admin,
        &format!("{base}/break-glass"),
        &[("reason", &glass)],
    )
    .await;
    // A refusal on a vault path is audited (403) without the case's id.
    let reviewer = admin;
    let r = reviewer
        .post(
            &format!("{base}/team"),
            &[("email", ZMINA_ADMIN), ("role", "lead"), ("reason", "x")],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);

    let mut canaries: Vec<String> = vec![
        title.clone(),
        grant,
        upload_reason.clone(),
        media_type,
        file_name,
        change,
        withdraw,
        restore.clone(),
        witness.clone(),
        share,
        export,
        revoke,
        glass.clone(),
    ];
    canaries.extend(testimony.iter().take(fields.len()).map(|(_, v)| v.clone()));

    // The team reads every value back (they open).
    let log = lead.get(&format!("{base}/custody")).await.body;
    for text in [&upload_reason, &restore, &witness, &glass, &sha] {
        assert!(
            log.contains(text.as_str()),
            "{text} not on the custody page"
        );
    }
    let page = lead.get(&base).await.body;
    assert!(page.contains(&title) && page.contains(&sha), "{page}");

    // (a) The SQLite file and its WAL.
    let mut secrets = canaries.clone();
    secrets.push(sha.clone());
    assert_files_clean(&app, &secrets).await;
    // (b) Every column of every vault table, on both databases.
    assert_columns_sealed(&app, &secrets).await;

    // The audit log, notifications and mail name no case, no item, nothing typed.
    let mut private = secrets.clone();
    private.extend([case.clone(), item.clone(), file.clone()]);
    for (what, sql) in [
        (
            "audit log",
            "SELECT COALESCE(target_id, '') || ' ' || COALESCE(detail, '') FROM audit_log",
        ),
        (
            "notifications",
            "SELECT kind || ' ' || subject FROM notifications",
        ),
    ] {
        let rows: Vec<String> = match &app.db {
            spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
            spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        }
        .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(!rows.is_empty(), "{what}");
        for row in &rows {
            for p in &private {
                assert!(!row.contains(p.as_str()), "{what} holds {p}: {row}");
            }
        }
    }
    if app.mail_count() > 0 {
        for entry in std::fs::read_dir(app.dir.path().join("outbox")).expect("outbox") {
            let mail = std::fs::read_to_string(entry.expect("mail").path()).unwrap_or_default();
            for p in &secrets {
                assert!(!mail.contains(p.as_str()), "a mail holds {p}");
            }
        }
    }

    // The custody log, with its reasons sealed, still verifies on the command line.
    let (ok, out) = custody_verify(&app).await;
    assert!(ok, "{out}");
    assert!(out.contains("all 1 cases verified"), "{out}");

    // The key never enters the database's directory open to others.
    let key = app.dir.path().join("vault").join("vault.key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key).expect("key").permissions().mode() & 0o077,
        0
    );
}

async fn custody_verify(app: &TestApp) -> (bool, String) {
    app.run_cli(&app.cli_database_url().await, &["custody", "verify"], &[])
}

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(p).await.expect("exec");
        }
        spona_store::Db::Postgres(p) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(p).await.expect("exec");
        }
    }
}

/// A database written by a version that kept file metadata, share targets and custody
/// reasons in clear: the next start seals them, in one go, and everything reads and verifies
/// as before; a second start changes nothing.
#[tokio::test]
async fn values_an_older_version_kept_in_clear_are_sealed_at_start() {
    let mut app = TestApp::start().await;
    let (case, item) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let file = spona_store::new_id();
    let r = lead
        .upload_with(
            &format!("/en/vault/cases/{case}/files?item={file}"),
            &[
                ("documentation", "on"),
                ("share_with", "zmina"),
                ("reason", "from the old version"),
            ],
            "file",
            "old.pdf",
            "application/pdf",
            b"an old file",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    upload_active_pdf(&lead, &format!("/en/vault/cases/{case}")).await;
    // Write every value back in clear, as the old version stored it.
    let vault = app.vault();
    let entries = spona_store::vault::custody(&app.db, &case, vault)
        .await
        .expect("custody");
    for e in &entries {
        exec(
            &app,
            "UPDATE vault_custody SET reason = $1, item_sha256 = $2 WHERE case_id = $3 AND seq = CAST($4 AS BIGINT)",
            &[
                &e.reason,
                e.item_sha256.as_deref().unwrap_or_default(),
                &case,
                &e.seq.to_string(),
            ],
        )
        .await;
    }
    exec(
        &app,
        "UPDATE vault_custody SET item_sha256 = NULL WHERE item_sha256 = ''",
        &[],
    )
    .await;
    let f = spona_store::vault::item(&app.db, &case, &file, vault)
        .await
        .expect("file");
    exec(
        &app,
        "UPDATE vault_items SET size = $1, sha256 = $2, media_type = $3 WHERE id = $4",
        &[
            &f.size.expect("size").to_string(),
            f.sha256.as_deref().expect("sha"),
            &f.media_type,
            &file,
        ],
    )
    .await;
    exec(
        &app,
        "UPDATE vault_consents SET share_with = 'zmina' WHERE item_id = $1",
        &[&file],
    )
    .await;
    let clear = column_values(&app, "vault_custody", "reason").await;
    assert!(clear.iter().any(|r| r == "case opened"), "{clear:?}");

    app.restart().await;
    assert_columns_sealed(&app, &[]).await;
    let vault = app.vault();
    assert_eq!(
        spona_store::vault::custody(&app.db, &case, vault)
            .await
            .expect("custody"),
        entries,
        "the same entries, sealed"
    );
    let f2 = spona_store::vault::item(&app.db, &case, &file, vault)
        .await
        .expect("file");
    assert_eq!(
        (f2.size, f2.sha256, f2.media_type, f2.unreadable.len()),
        (f.size, f.sha256, f.media_type, 0)
    );
    let page = lead
        .get(&format!("/en/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (ok, out) = custody_verify(&app).await;
    assert!(ok, "{out}");
    // Sealed already: a second start leaves every stored value as it is.
    let before = column_values(&app, "vault_custody", "reason").await;
    app.restart().await;
    assert_eq!(column_values(&app, "vault_custody", "reason").await, before);
}

/// A sealed value copied to another row does not open there, and `spona custody verify`
/// names it: a custody reason moved to another entry (the entry reads as altered), an item's
/// sealed SHA-256 and media type copied to another item, a share list copied to another
/// item's consent.
#[tokio::test]
async fn a_sealed_value_moved_to_another_row_is_named() {
    let app = TestApp::start().await;
    let (case, testimony) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let mut files = Vec::new();
    for (name, share) in [("a.bin", "zmina"), ("b.bin", "pvpt")] {
        let id = spona_store::new_id();
        let r = lead
            .upload_with(
                &format!("/en/vault/cases/{case}/files?item={id}"),
                &[("documentation", "on"), ("share_with", share)],
                "file",
                name,
                "application/octet-stream",
                name.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        files.push(id);
    }
    let (ok, out) = custody_verify(&app).await;
    assert!(ok, "{out}");

    let raw = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            match &db {
                spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
                spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
            }
            .expect("value")
        }
    };
    let reason_0: String = raw("SELECT reason FROM vault_custody WHERE seq = 0").await;
    exec(
        &app,
        "UPDATE vault_custody SET reason = $1 WHERE case_id = $2 AND seq = 1",
        &[&reason_0, &case],
    )
    .await;
    let (a, b) = (&files[0], &files[1]);
    exec(
        &app,
        "UPDATE vault_items SET sha256 = (SELECT sha256 FROM vault_items WHERE id = $1), \
         media_type = (SELECT media_type FROM vault_items WHERE id = $1) WHERE id = $2",
        &[b, a],
    )
    .await;
    exec(
        &app,
        "UPDATE vault_consents SET share_with = (SELECT share_with FROM vault_consents WHERE item_id = $1) \
         WHERE item_id = $2",
        &[b, a],
    )
    .await;

    let (ok, out) = custody_verify(&app).await;
    assert!(!ok, "{out}");
    for expected in [
        "entry 1 was altered".to_owned(),
        format!("item {a}: its sealed sha256 does not open for it"),
        format!("item {a}: its sealed media_type does not open for it"),
        format!(
            "item {a}: consent in the table is \"documentation, share with (sealed value does not open)\""
        ),
    ] {
        assert!(out.contains(&expected), "{expected} not in:\n{out}");
    }
    assert!(
        !out.contains(testimony.as_str()),
        "the untouched testimony is not named: {out}"
    );
}
