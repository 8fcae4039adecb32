//! Joint texts and co-signing end to end (issue 22 items 1, 2 and 5), on SQLite and
//! PostgreSQL: a text drafted by ASTRA's members through the forms — versions and their
//! differences, a comment on a paragraph resolved, amendments accepted and rejected, a
//! final frozen —, signed by organisations' admins (the hash recomputed by an independent
//! script from the documented serialisation, the deployment key's signature verified and
//! broken by a changed row), a signature that survives a new final only as "signed
//! version 3", withdrawal kept in the history, the second factor asked again, and the final
//! read back as ODT by odfpy. Bad input is in `texts_bad.rs`.

use serde_json::Value;

use crate::harness::*;

pub async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("count")
}

pub const BODY: &str = "Organisations of the region commit to suppress trafficking.\n\n\
     States shall protect victims in court.\n\nWe call on governments to act.";

/// Opens a text through the form as `c`; its id.
pub async fn open_text(c: &Client, kind: &str, title: &str, body: &str) -> String {
    let r = c
        .post(
            "/en/texts/new",
            &[
                ("kind", kind),
                ("orgs", "astra"),
                ("lang", "en"),
                ("title", title),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let loc = r.location();
    loc.trim_end_matches("/draft")
        .rsplit('/')
        .next()
        .expect("id")
        .to_owned()
}

/// Saves a new version of `lang` from `base`; the status.
pub async fn save(c: &Client, id: &str, lang: &str, base: &str, title: &str, body: &str) -> Reply {
    c.post(
        &format!("/en/texts/{id}/edit"),
        &[
            ("lang", lang),
            ("base", base),
            ("title", title),
            ("body", body),
        ],
    )
    .await
}

pub async fn freeze(c: &Client, id: &str, version: &str) -> Reply {
    c.post(&format!("/en/texts/{id}/freeze"), &[("version", version)])
        .await
}

pub async fn sign(c: &Client, id: &str, org: &str) -> Reply {
    c.post(&format!("/en/texts/{id}/sign"), &[("org", org)])
        .await
}

/// The matrix's texts, made once per server: `(published, draft)`, both drafted by ASTRA;
/// the published one's version 1 is final.
pub async fn fixture(app: &TestApp) -> (String, String) {
    let existing = spona_store::joint_texts::list(&app.db, 10)
        .await
        .expect("texts");
    let heads = spona_store::joint_texts::heads(
        &app.db,
        &existing.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
    )
    .await
    .expect("heads");
    let by_title = |t: &str| {
        heads
            .iter()
            .find(|h| h.title == t)
            .map(|h| h.text_id.clone())
    };
    if let (Some(p), Some(d)) = (by_title("Matrix declaration"), by_title("Matrix draft")) {
        return (p, d);
    }
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let published = open_text(&member, "declaration", "Matrix declaration", BODY).await;
    assert_eq!(freeze(&member, &published, "1").await.status, 303);
    let draft = open_text(&member, "policy-brief", "Matrix draft", BODY).await;
    (published, draft)
}

async fn json(c: &Client, path: &str) -> Value {
    let r = c.get(path).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()
}

/// The signatory of `org` in the JSON list.
fn signatory<'a>(list: &'a Value, org: &str) -> Vec<&'a Value> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|s| s["org"] == org)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_survives_a_new_version_only_as_signed_version_3() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    let anon = app.client_in_process();

    let id = open_text(&member, "declaration", "Balkans Declaration", BODY).await;
    assert_eq!(app.audit_count("texts.created").await, 1);
    // A draft is the drafters' own.
    assert_eq!(anon.get(&format!("/en/texts/{id}")).await.status, 404);
    assert_eq!(
        zmina.get(&format!("/en/texts/{id}/draft")).await.status,
        404
    );
    assert_eq!(anon.get(&format!("/api/v1/texts/{id}")).await.status, 404);

    // Versions 2 and 3, and the differences between two of them.
    let v2 = BODY.replace("protect victims", "protect and compensate victims");
    assert_eq!(
        save(&member, &id, "en", "1", "Balkans Declaration", &v2)
            .await
            .status,
        303
    );
    let v3 = v2.replace("act.", "act without delay.");
    let r = save(&member, &id, "en", "2", "Balkans Declaration", &v3).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // A save from a stale base is a conflict, nothing saved.
    assert_eq!(
        save(&member, &id, "en", "1", "Stale", "Stale").await.status,
        409
    );
    let cmp = member
        .get(&format!("/en/texts/{id}/compare?from=1&to=2"))
        .await;
    assert_eq!(cmp.status, 200, "{}", cmp.body);
    assert!(
        cmp.body
            .contains("States shall protect and compensate victims in court.</ins>"),
        "{}",
        cmp.body
    );
    assert!(
        cmp.body
            .contains("States shall protect victims in court.</del>"),
        "{}",
        cmp.body
    );
    assert_eq!(
        zmina
            .get(&format!("/en/texts/{id}/compare?from=1&to=2"))
            .await
            .status,
        404
    );

    // A comment on paragraph 2 of version 3, then resolved.
    let r = member
        .post(
            &format!("/en/texts/{id}/comments"),
            &[
                ("lang", "en"),
                ("version", "3"),
                ("paragraph", "2"),
                ("comment", "Name the courts."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = member.get(&format!("/en/texts/{id}/draft")).await;
    let p2 = page.body.find("id=\"p-2\"").expect("paragraph 2");
    let p3 = page.body.find("id=\"p-3\"").expect("paragraph 3");
    let c = page.body.find("Name the courts.").expect("comment");
    assert!(p2 < c && c < p3, "the comment sits under paragraph 2");
    let cid: String = count_id(&app, "SELECT id FROM joint_text_comments").await;
    let r = member
        .post(&format!("/en/texts/{id}/comments/{cid}/resolve"), &[])
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM joint_text_comments WHERE resolved_at IS NOT NULL"
        )
        .await,
        1
    );

    // Version 3 frozen; signing it.
    assert_eq!(freeze(&member, &id, "3").await.status, 303);
    assert_eq!(
        freeze(&member, &id, "3").await.status,
        409,
        "a final is frozen once"
    );
    let r = sign(&astra, &id, "astra").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.audit_count("texts.signed").await, 1);
    let public = anon.get(&format!("/en/texts/{id}")).await;
    assert_eq!(public.status, 200);
    assert!(
        public
            .body
            .contains("ASTRA – Anti Trafficking Action</a> — <time"),
        "{}",
        public.body
    );
    assert!(public.body.contains("without delay"));
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    let a = signatory(&sigs, "astra");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["version"], 3);
    assert_eq!(a[0]["current"], true);
    assert_eq!(a[0]["verified"], true);
    assert_eq!(a[0]["covers"], "en:3");

    // The hash is the documented serialisation's, recomputed independently.
    let text = json(&anon, &format!("/api/v1/texts/{id}")).await;
    assert_eq!(text["version"], 3);
    assert_eq!(text["sha256"], recomputed(&text));
    assert_eq!(a[0]["sha256"], text["sha256"]);

    // Edits after the final make version 4 (the final stays): an amendment accepted.
    let r = member
        .post(
            &format!("/en/texts/{id}/amendments"),
            &[
                ("lang", "en"),
                ("version", "3"),
                ("amend_paragraph", "1"),
                (
                    "replacement",
                    "Organisations of the Balkans commit to suppress trafficking.",
                ),
                ("reason", "Name the region"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = member
        .post(
            &format!("/en/texts/{id}/amendments"),
            &[
                ("lang", "en"),
                ("version", "3"),
                ("amend_paragraph", "3"),
                ("replacement", "Rejected words."),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let open: Vec<String> = ids(
        &app,
        "SELECT id FROM joint_text_amendments ORDER BY paragraph",
    )
    .await;
    assert_eq!(
        member
            .post(
                &format!("/en/texts/{id}/amendments/{}/accept", open[0]),
                &[]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        member
            .post(
                &format!("/en/texts/{id}/amendments/{}/reject", open[1]),
                &[]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        member
            .post(
                &format!("/en/texts/{id}/amendments/{}/accept", open[1]),
                &[]
            )
            .await
            .status,
        409
    );
    let v4 = spona_store::joint_texts::version(&app.db, &id, 4)
        .await
        .expect("db")
        .expect("v4");
    assert!(v4.body.starts_with("Organisations of the Balkans commit"));
    assert!(
        v4.body.ends_with("act without delay."),
        "the rejected one changed nothing"
    );
    let v3_row = spona_store::joint_texts::version(&app.db, &id, 3)
        .await
        .expect("db")
        .expect("v3");
    assert!(v3_row.is_final() && v3_row.body.starts_with("Organisations of the region"));

    // Before version 4 is final, ASTRA's signature is still of the current edition.
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    assert_eq!(signatory(&sigs, "astra")[0]["current"], true);
    assert_eq!(freeze(&member, &id, "4").await.status, 303);
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    let a = signatory(&sigs, "astra");
    assert_eq!(
        (a[0]["version"].clone(), a[0]["current"].clone()),
        (Value::from(3), Value::from(false))
    );
    let public = anon.get(&format!("/en/texts/{id}")).await;
    assert!(
        public
            .body
            .contains("ASTRA – Anti Trafficking Action — signed version 3"),
        "{}",
        public.body
    );
    assert!(
        !public
            .body
            .contains("ASTRA – Anti Trafficking Action</a> — <time"),
        "not a signatory of version 4"
    );
    assert!(
        public
            .body
            .contains("No organisation has signed this version yet.")
    );

    // ZMINA signs version 4; ASTRA may sign it too, as a new signature.
    assert_eq!(sign(&zmina, &id, "zmina").await.status, 303);
    assert_eq!(sign(&astra, &id, "astra").await.status, 303);
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    let a = signatory(&sigs, "astra");
    assert_eq!(a.len(), 2);
    assert!(a.iter().any(|s| s["version"] == 3 && s["current"] == false));
    assert!(a.iter().any(|s| s["version"] == 4 && s["current"] == true));

    // The final as ODT, read back by odfpy.
    let (status, bytes, headers) = anon.bytes(&format!("/en/texts/{id}/final.odt")).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "application/vnd.oasis.opendocument.text"
    );
    let odt = read_odt(&bytes);
    assert_eq!(odt["mimetype"], "application/vnd.oasis.opendocument.text");
    assert_eq!(odt["title"], "Balkans Declaration");
    let paras = strings(&odt["paragraphs"]);
    assert!(
        paras
            .iter()
            .any(|p| p == "Organisations of the Balkans commit to suppress trafficking.")
    );
    assert!(
        paras
            .iter()
            .any(|p| p.contains("ZMINA Human Rights Centre")),
        "{paras:?}"
    );
    assert!(
        paras.iter().any(|p| p.contains("Final version 4")),
        "{paras:?}"
    );
    assert!(strings(&odt["headings"]).contains(&"Signatories".to_owned()));

    // Withdrawal: kept in the history.
    let zid: String = count_id(&app, "SELECT s.id FROM joint_text_signatures s JOIN organisations o ON o.id = s.org_id WHERE o.slug = 'zmina'").await;
    assert_eq!(
        astra
            .post(&format!("/en/texts/{id}/signatures/{zid}/withdraw"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        zmina
            .post(&format!("/en/texts/{id}/signatures/{zid}/withdraw"), &[])
            .await
            .status,
        303
    );
    assert_eq!(app.audit_count("texts.withdrawn").await, 1);
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    assert_eq!(signatory(&sigs, "zmina")[0]["withdrawn"], true);
    let public = anon.get(&format!("/en/texts/{id}")).await;
    assert!(
        public
            .body
            .contains("ZMINA Human Rights Centre — signed version 4"),
        "{}",
        public.body
    );
    assert!(public.body.contains("withdrawn"));

    // A changed row no longer verifies.
    exec(
        &app,
        "UPDATE joint_text_signatures SET signed_on = '2001-01-01' WHERE version = 3",
    )
    .await;
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    let a = signatory(&sigs, "astra");
    assert!(
        a.iter()
            .any(|s| s["version"] == 3 && s["verified"] == false)
    );
    assert!(a.iter().any(|s| s["version"] == 4 && s["verified"] == true));
    let versions = json(&anon, &format!("/api/v1/texts/{id}/versions")).await;
    let finals: Vec<i64> = versions["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| v["number"].as_i64().expect("n"))
        .collect();
    assert_eq!(finals, [3, 4], "the public sees the finals only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_language_is_covered_and_the_second_factor_is_asked_again() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "statement", "Statement on victims' rights", BODY).await;
    let sr = "Организације региона се обавезују.\n\nДржаве ће штитити жртве.";
    assert_eq!(
        save(&member, &id, "sr", "0", "Изјава о правима жртава", sr)
            .await
            .status,
        303
    );
    assert_eq!(freeze(&member, &id, "1").await.status, 303);
    assert_eq!(freeze(&member, &id, "2").await.status, 303);
    let anon = app.client_in_process();
    let text = json(&anon, &format!("/api/v1/texts/{id}")).await;
    assert_eq!(text["version"], 2);
    assert_eq!(text["finals"].as_array().expect("finals").len(), 2);
    assert_eq!(text["sha256"], recomputed(&text));
    let page = anon.get(&format!("/sr-Cyrl/texts/{id}?lang=sr")).await;
    assert!(
        page.body.contains("Државе ће штитити жртве."),
        "{}",
        page.body
    );

    // Signed in first (the second factor would be asked at sign-in otherwise).
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    // The admin turns TOTP on: signing asks for a code, and takes each code once.
    let admin_id = spona_store::users::find_by_email(&app.db, ASTRA_ADMIN)
        .await
        .expect("db")
        .expect("admin")
        .id;
    let secret = spona_web::auth::new_totp_secret();
    spona_store::users::set_totp(&app.db, &admin_id, Some(&secret))
        .await
        .expect("totp");
    let form = astra.get(&format!("/en/texts/{id}/sign")).await;
    assert!(form.body.contains("name=\"code\""), "{}", form.body);
    let r = astra
        .post(
            &format!("/en/texts/{id}/sign"),
            &[("org", "astra"), ("code", "000000")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("The code is wrong"), "{}", r.body);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM joint_text_signatures").await,
        0
    );
    let now = u64::try_from(spona_store::now()).expect("now");
    let code = spona_web::auth::totp_code_at(&secret, now).expect("code");
    let r = astra
        .post(
            &format!("/en/texts/{id}/sign"),
            &[("org", "astra"), ("code", &code)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sigs = json(&anon, &format!("/api/v1/texts/{id}/signatories")).await;
    assert_eq!(signatory(&sigs, "astra")[0]["covers"], "en:1 sr:2");
}

async fn count_id(app: &TestApp, sql: &'static str) -> String {
    ids(app, sql).await.remove(0)
}

async fn ids(app: &TestApp, sql: &'static str) -> Vec<String> {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        spona_store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await,
    }
    .expect("ids")
}

async fn exec(app: &TestApp, sql: &'static str) {
    match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        spona_store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .expect("exec")
}

fn recomputed(text: &Value) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("text.json");
    std::fs::write(&file, text.to_string()).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/texts/canonical.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

fn read_odt(bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("text.odt");
    std::fs::write(&file, bytes).expect("write");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/monitoring/read_report.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg("odt")
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}
