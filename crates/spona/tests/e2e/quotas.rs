//! Storage quotas (issue 14 item 10): an upload past a vault case's, an organisation's vault
//! or an organisation's hub quota is refused with 507 and a translated page saying how much
//! is used and allowed; nothing of it is stored and nothing else changes.

use crate::harness::*;
use crate::resources::create;

/// Tiny quotas, so that a few hundred bytes fill them.
fn tiny(c: &mut spona_web::WebConfig) {
    c.quotas = spona_web::quota::Quotas {
        case_bytes: 500,
        vault_org_bytes: 900,
        hub_org_bytes: 900,
    };
}

async fn used(app: &TestApp, scope: &str) -> i64 {
    let scopes = [spona_store::quota::Scope {
        kind: spona_store::quota::QuotaKind::Case,
        key: scope.to_owned(),
        allowed: 0,
    }];
    spona_store::quota::used(&app.db, &scopes)
        .await
        .expect("db")[0]
}

fn files_under(dir: &std::path::Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                n += 1;
            }
        }
    }
    n
}

async fn upload_file(c: &Client, lang: &str, case: &str, name: &str, len: usize) -> Reply {
    let item = spona_store::new_id();
    c.upload_with(
        &format!("/{lang}/vault/cases/{case}/files?item={item}"),
        &[("documentation", "on"), ("reason", "intake")],
        "file",
        name,
        "application/octet-stream",
        &vec![b'x'; len],
    )
    .await
}

/// What the database holds of a case, to see that a refused upload changed none of it.
async fn case_state(app: &TestApp, case: &str) -> (usize, usize, String) {
    let items = spona_store::vault::items(&app.db, case, app.vault())
        .await
        .expect("db");
    let custody = spona_store::vault::custody(&app.db, case, app.vault())
        .await
        .expect("db");
    let head = spona_store::vault::case(&app.db, case).await.expect("db");
    (items.len(), custody.len(), head.head_hash)
}

#[tokio::test]
async fn vault_uploads_past_a_case_or_organisation_quota_get_507_and_store_nothing() {
    let app = TestApp::start_with(tiny).await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let blobs = app.dir.path().join("vault").join("blobs");

    let r = upload_file(&lead, "en", &case, "a.bin", 300).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(used(&app, &format!("case:{case}")).await, 300);
    let before = case_state(&app, &case).await;
    let blob_files = files_under(&blobs);

    // 300 more would make 600 of the case's 500: refused, said in the reader's language.
    let r = upload_file(&lead, "en", &case, "b.bin", 300).await;
    assert_eq!(r.status, 507, "{}", r.body);
    assert!(
        r.body.contains("This case has no room left") && r.body.contains("300 B of the 500 B"),
        "{}",
        r.body
    );
    let r = upload_file(&lead, "uk", &case, "b.bin", 300).await;
    assert_eq!(r.status, 507);
    assert!(
        r.body.contains("зайнято 300 B з 500 B"),
        "translated: {}",
        r.body
    );
    // Nothing stored: no item, no custody entry, no blob, no bytes counted.
    assert_eq!(case_state(&app, &case).await, before);
    assert_eq!(files_under(&blobs), blob_files, "no blob left behind");
    assert_eq!(used(&app, &format!("case:{case}")).await, 300);

    // What still fits is taken.
    let r = upload_file(&lead, "en", &case, "c.bin", 200).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(used(&app, &format!("case:{case}")).await, 500);
    // A full case is refused before the file is read.
    let r = upload_file(&lead, "en", &case, "d.bin", 1).await;
    assert_eq!(r.status, 507);

    // The organisation of the case's lead (ASTRA) holds 500 of its 900: a second case of
    // the same lead may add 400, not more.
    let r = lead
        .post("/en/vault/new", &[("title", "Second case")])
        .await;
    assert_eq!(r.status, 303);
    let second = r.location().rsplit('/').next().expect("id").to_owned();
    let before = case_state(&app, &second).await;
    let r = upload_file(&lead, "en", &second, "e.bin", 450).await;
    assert_eq!(r.status, 507, "{}", r.body);
    assert!(
        r.body
            .contains("Your organisation’s vault has no room left")
            && r.body.contains("500 B of the 900 B"),
        "{}",
        r.body
    );
    assert_eq!(case_state(&app, &second).await, before);
    let r = upload_file(&lead, "en", &second, "e.bin", 400).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let astra: String = match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT id FROM organisations WHERE slug = 'astra'")
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT id FROM organisations WHERE slug = 'astra'")
                .fetch_one(p)
                .await
        }
    }
    .expect("astra");
    assert_eq!(used(&app, &format!("vault-org:{astra}")).await, 900);
}

async fn attach(c: &Client, lang: &str, id: &str, name: &str, data: &[u8]) -> Reply {
    c.upload(
        &format!("/{lang}/resources/{id}/attachments?lang=en"),
        "file",
        name,
        "application/octet-stream",
        data,
    )
    .await
}

fn png(len: usize, seed: u8) -> Vec<u8> {
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    p.extend((0..len - 8).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    p
}

async fn exec(app: &TestApp, sql: &str, bind: &str) {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .bind(bind)
                .execute(p)
                .await
                .expect("sql");
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .bind(bind)
                .execute(p)
                .await
                .expect("sql");
        }
    }
}

#[tokio::test]
async fn hub_attachments_past_an_organisation_quota_get_507_and_deletion_gives_room_back() {
    let app = TestApp::start_with(tiny).await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = create(&editor, &[("title", "Quota checklist"), ("body", "Files.")]).await;
    let store = app.dir.path().join("attachments");
    let scope = {
        let r = spona_store::resources::changed_since(&app.db, 0, 1000)
            .await
            .expect("db");
        let r = r.into_iter().find(|r| r.id == id).expect("resource");
        format!("hub-org:{}", r.owner_org_id)
    };

    let r = attach(&editor, "en", &id, "one.png", &png(600, 1)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(used(&app, &scope).await, 600);
    let objects = files_under(&store);

    let r = attach(&editor, "en", &id, "two.png", &png(400, 2)).await;
    assert_eq!(r.status, 507, "{}", r.body);
    assert!(
        r.body
            .contains("This organisation’s resources have no room left")
            && r.body.contains("600 B of the 900 B"),
        "{}",
        r.body
    );
    let r = attach(&editor, "sr-Cyrl", &id, "two.png", &png(400, 2)).await;
    assert_eq!(r.status, 507);
    assert!(r.body.contains("заузето је 600 B од 900 B"), "{}", r.body);
    assert_eq!(files_under(&store), objects, "nothing reached the store");
    let json = app
        .client()
        .get(&format!("/en/api/v1/resources/{id}"))
        .await
        .json();
    assert_eq!(json["attachments"].as_array().expect("list").len(), 1);
    assert_eq!(used(&app, &scope).await, 600);

    // Deleting an attachment (here: its row, as removing a resource does) gives its bytes back.
    exec(
        &app,
        "DELETE FROM resource_attachments WHERE resource_id = $1",
        &id,
    )
    .await;
    assert_eq!(used(&app, &scope).await, 0);
    let r = attach(&editor, "en", &id, "two.png", &png(400, 2)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(used(&app, &scope).await, 400);
}
