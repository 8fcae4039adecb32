//! Joint texts: bad input, each refused with a clear message and nothing half-saved (issue
//! 22 item 7), on SQLite and PostgreSQL — signing a draft that is not frozen, signing
//! twice, a member who is not an admin signing for the organisation, editing a final
//! version, an amendment to a paragraph that does not exist — and the forms' field errors.

use crate::harness::*;
use crate::texts::{BODY, count, freeze, open_text, save, sign};

async fn rows(app: &TestApp) -> [i64; 4] {
    [
        count(app, "SELECT COUNT(*) FROM joint_text_versions").await,
        count(app, "SELECT COUNT(*) FROM joint_text_signatures").await,
        count(app, "SELECT COUNT(*) FROM joint_text_amendments").await,
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'texts.%'",
        )
        .await,
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_a_draft_that_is_not_frozen_is_refused() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "declaration", "Draft declaration", BODY).await;
    let before = rows(&app).await;
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = sign(&astra, &id, "astra").await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("a draft cannot be signed"), "{}", r.body);
    assert_eq!(rows(&app).await, before, "nothing saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_twice_is_refused() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "declaration", "Declaration", BODY).await;
    assert_eq!(freeze(&member, &id, "1").await.status, 303);
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    assert_eq!(sign(&astra, &id, "astra").await.status, 303);
    let before = rows(&app).await;
    let r = sign(&astra, &id, "astra").await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("already signed this version"), "{}", r.body);
    assert_eq!(rows(&app).await, before, "nothing saved");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM joint_text_signatures").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_is_not_an_admin_cannot_sign_for_the_organisation() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "declaration", "Declaration", BODY).await;
    assert_eq!(freeze(&member, &id, "1").await.status, 303);
    let before = rows(&app).await;
    let r = sign(&member, &id, "astra").await;
    assert_eq!(r.status, 403);
    assert!(
        r.body.contains("Only an admin of the organisation"),
        "{}",
        r.body
    );
    // Nor may an admin of another organisation, nor the platform admin.
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(sign(&zmina, &id, "astra").await.status, 403);
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(sign(&admin, &id, "astra").await.status, 403);
    assert_eq!(rows(&app).await, before, "nothing saved");
    // An organisation that does not exist names the field.
    let astra = app.signed_in_in_process(ASTRA_ADMIN).await;
    let r = sign(&astra, &id, "no-such-org").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"org-error\""), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_final_version_is_refused() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "policy-brief", "Brief", BODY).await;
    assert_eq!(freeze(&member, &id, "1").await.status, 303);
    let before = rows(&app).await;
    let r = save(&member, &id, "en", "1", "Brief", "Changed words.").await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("is final and cannot be changed"),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"after_final-error\""), "{}", r.body);
    assert_eq!(rows(&app).await, before, "nothing saved");
    let v1 = spona_store::joint_texts::version(&app.db, &id, 1)
        .await
        .expect("db")
        .expect("v1");
    assert_eq!(v1.body, BODY);
    // Saying so makes version 2; version 1 stays final and unchanged.
    let r = member
        .post(
            &format!("/en/texts/{id}/edit"),
            &[
                ("lang", "en"),
                ("base", "1"),
                ("title", "Brief"),
                ("body", "Changed words."),
                ("after_final", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let again = spona_store::joint_texts::version(&app.db, &id, 1)
        .await
        .expect("db")
        .expect("v1");
    assert_eq!(again, v1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amendment_to_a_paragraph_that_does_not_exist_is_refused() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let id = open_text(&member, "recommendations", "Recommendations", BODY).await;
    let before = rows(&app).await;
    let r = member
        .post(
            &format!("/en/texts/{id}/amendments"),
            &[
                ("lang", "en"),
                ("version", "1"),
                ("amend_paragraph", "4"),
                ("replacement", "New words."),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("That version has no paragraph with this number."),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("id=\"amend_paragraph-error\""),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("New words."),
        "the form keeps what was typed"
    );
    assert_eq!(rows(&app).await, before, "nothing saved");
    // A comment on a paragraph that does not exist, and an empty comment, name their fields.
    let r = member
        .post(
            &format!("/en/texts/{id}/comments"),
            &[
                ("lang", "en"),
                ("version", "1"),
                ("paragraph", "0"),
                ("comment", " "),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("id=\"paragraph-error\"") && r.body.contains("id=\"comment-error\""),
        "{}",
        r.body
    );
    assert_eq!(rows(&app).await, before, "nothing saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_text_form_names_each_bad_field() {
    let app = TestApp::start().await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = member
        .post(
            "/en/texts/new",
            &[
                ("kind", "novel"),
                ("orgs", "zmina"),
                ("lang", "de"),
                ("title", ""),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    for field in ["kind", "orgs", "lang", "title", "body"] {
        assert!(
            r.body.contains(&format!("id=\"{field}-error\"")),
            "{field}: {}",
            r.body
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM joint_texts").await, 0);
}
