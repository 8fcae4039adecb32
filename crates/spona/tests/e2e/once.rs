//! Every create form claims its one-time key in the create's own transaction: a post that
//! fails after the claim leaves the key free (the same form goes through when sent again),
//! and a retry of a post that committed gets the same redirect and creates nothing.

use crate::harness::*;

pub(crate) async fn exec(app: &TestApp, sql: &str) {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(p)
            .await
            .map(|_| ()),
    }
    .expect(sql);
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                .fetch_one(p)
                .await
        }
    }
    .expect(sql)
}

/// Inserts into `table` fail (after the form's key was claimed in the same transaction)
/// until [`allow`].
async fn fail_inserts(app: &TestApp, table: &str) {
    if matches!(app.db, spona_store::Db::Postgres(_)) {
        exec(
            app,
            &format!(
                "CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER fail_insert BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_insert()"
            ),
        )
        .await;
    } else {
        exec(
            app,
            &format!(
                "CREATE TRIGGER fail_insert BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected'); END"
            ),
        )
        .await;
    }
}

async fn allow(app: &TestApp, table: &str) {
    if matches!(app.db, spona_store::Db::Postgres(_)) {
        exec(app, &format!("DROP TRIGGER fail_insert ON {table}")).await;
    } else {
        exec(app, "DROP TRIGGER fail_insert").await;
    }
}

/// Posts `fields` with one key: first failing inside the transaction, then for real, then
/// once more. Returns the location of the created thing.
pub(crate) async fn fail_then_create_then_replay(
    app: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
    table: &str,
) -> String {
    let once = spona_store::new_token();
    let mut all = vec![("once", once.as_str())];
    all.extend_from_slice(fields);
    fail_inserts(app, table).await;
    let r = c.post(path, &all).await;
    assert!(r.status >= 500, "{path}: {} {}", r.status, r.body);
    allow(app, table).await;
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM idempotency_keys").await,
        0,
        "{path}: the failed post left its key claimed"
    );
    let r = c.post(path, &all).await;
    assert_eq!(r.status, 303, "{path}: the retry is refused: {}", r.body);
    let location = r.location();
    let again = c.post(path, &all).await;
    assert_eq!(again.status, 303, "{path}: {}", again.body);
    assert_eq!(again.location(), location, "{path}");
    location
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_create_form_claims_its_key_with_the_create() {
    let app = TestApp::start().await;
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Organisations.
    let admin = app.signed_in(ADMIN).await;
    let before = count(&app, "SELECT COUNT(*) FROM organisations").await;
    let location = fail_then_create_then_replay(
        &app,
        &admin,
        "/en/orgs/new",
        &[("name", "Retry Women's Centre"), ("country", "RS")],
        "organisations",
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM organisations").await,
        before + 1
    );
    assert_eq!(admin.get(&location).await.status, 200);
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Matching rounds.
    let before = count(&app, "SELECT COUNT(*) FROM matching_rounds").await;
    fail_then_create_then_replay(
        &app,
        &admin,
        "/en/matching/new",
        &[
            ("title", "Retried buddies"),
            ("programme", "buddy"),
            ("side_a", "XK"),
            ("side_b", "RS"),
            ("deadline", "2099-06-30"),
            ("network", ""),
        ],
        "matching_rounds",
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM matching_rounds").await,
        before + 1
    );
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Invitations: one token, one message.
    let org_admin = app.signed_in(ASTRA_ADMIN).await;
    let mails = app.mail_count();
    let location = fail_then_create_then_replay(
        &app,
        &org_admin,
        "/en/orgs/astra/invite",
        &[("email", "retried@example.org"), ("role", "member")],
        "tokens",
    )
    .await;
    assert_eq!(location, "/en/orgs/astra/people?done=invited");
    assert_eq!(app.mail_count(), mails + 1);
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Accepting the invitation as a new account: the link, the account and the membership
    // commit with the key, or nothing does.
    let path = link_path(&app.last_mail());
    let guest = app.client();
    let location = fail_then_create_then_replay(
        &app,
        &guest,
        &path,
        &[
            ("display_name", "Retried Person"),
            ("password", "Linden tree by the Danube"),
            ("password2", "Linden tree by the Danube"),
        ],
        "memberships",
    )
    .await;
    assert_eq!(location, "/en/orgs/astra");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM users WHERE email = 'retried@example.org'"
        )
        .await,
        1
    );
    assert_eq!(guest.get("/en/account").await.status, 200);
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Vault cases.
    let (case, _) = vault_fixture(&app).await;
    exec(&app, "DELETE FROM idempotency_keys").await;
    let before = count(&app, "SELECT COUNT(*) FROM vault_cases").await;
    let location = fail_then_create_then_replay(
        &app,
        &org_admin,
        "/en/vault/new",
        &[("title", "Retried case")],
        "vault_members",
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM vault_cases").await,
        before + 1
    );
    assert_eq!(org_admin.get(&location).await.status, 200);
    exec(&app, "DELETE FROM idempotency_keys").await;

    // Testimonies.
    let before = count(&app, "SELECT COUNT(*) FROM vault_items").await;
    let location = fail_then_create_then_replay(
        &app,
        &org_admin,
        &format!("/en/vault/cases/{case}/testimonies/new"),
        TESTIMONY,
        "vault_consents",
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM vault_items").await,
        before + 1
    );
    assert_eq!(org_admin.get(&location).await.status, 200);
    // The custody chain holds the one create, and verifies.
    let page = org_admin
        .get(&format!("/en/vault/cases/{case}/custody"))
        .await;
    assert_eq!(page.status, 200);
}
