//! Co-signers confirm (issue 21, lane montrial): a report naming co-signing organisations is
//! saved and each organisation's admin confirms or declines on their own list; the ODT and
//! DOCX (read back by odfpy and python-docx) name only the confirmed ones, the report's page
//! shows the others as pending or declined; a member who is not the organisation's admin, an
//! admin of another organisation and a platform admin get 403; answering twice is 409 with
//! nothing changed; the stateless download refuses co-signers that never confirmed.

use spona_store::monitoring::cosigners;

use crate::harness::*;
use crate::monitoring_reports::{holds, read, strings, upr};

const ASTRA_NAME: &str = "ASTRA – Anti Trafficking Action";
const NO_COSIGNERS: &str = "No organisation is named as co-signing this report.";

async fn org_id(app: &TestApp, slug: &str) -> String {
    spona_store::orgs::get_by_slug(&app.db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

/// 131.4 of Serbia's 2nd UPR cycle; ASTRA and Atina take part (no assessments, so an
/// organisation's name in a document can only come from the co-signers' list).
async fn seed(app: &TestApp) {
    let mut tx = app.db.begin().await.expect("tx");
    spona_store::monitoring::recommendations::insert_in(
        &mut tx,
        &upr(
            "2",
            "A/HRC/23/15",
            "131.4",
            &[(
                "en",
                "Establish a national mechanism for reporting and follow-up of recommendations",
            )],
        ),
    )
    .await
    .expect("131.4");
    for slug in ["astra", "atina"] {
        spona_store::monitoring::participants::add_in(&mut tx, &org_id(app, slug).await, None)
            .await
            .expect("participant");
    }
    tx.commit().await.expect("commit");
}

/// The saved report of the authorisation matrix: ASTRA asked to co-sign (rows written by
/// the store; nobody takes part, so only the named organisation and admins see it).
pub async fn report_fixture(app: &TestApp) -> String {
    let astra = org_id(app, "astra").await;
    let asked = cosigners::requests_to(&app.db, std::slice::from_ref(&astra), 1)
        .await
        .expect("requests");
    if let Some(r) = asked.first() {
        return r.report_id.clone();
    }
    let rec = crate::monitoring_recs::fixture(app).await;
    let author = spona_store::users::find_by_email(&app.db, ASTRA_MEMBER)
        .await
        .expect("db")
        .expect("member")
        .id
        .into_string();
    let id = spona_store::new_id();
    let mut tx = app.db.begin().await.expect("tx");
    cosigners::insert_in(
        &mut tx,
        &id,
        &author,
        &format!("rec={rec}&lang=en"),
        spona_store::now(),
        &[astra],
    )
    .await
    .expect("saved report");
    tx.commit().await.expect("commit");
    id
}

/// The paragraphs of the report's ODT and DOCX, each read by its independent reader.
async fn documents(client: &Client, id: &str) -> [Vec<String>; 2] {
    let mut out = [Vec::new(), Vec::new()];
    for (i, kind) in ["odt", "docx"].into_iter().enumerate() {
        let (status, bytes, _) = client
            .bytes(&format!("/en/monitoring/reports/{id}/download/{kind}"))
            .await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
        let doc = read(kind, &bytes);
        out[i] = strings(&doc["paragraphs"]);
        assert!(holds(
            &out[i],
            "Establish a national mechanism for reporting"
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_confirmed_cosigners_are_named_in_the_documents() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let form = member.get("/en/monitoring/reports/new").await;
    assert!(
        form.body
            .contains("Each organisation chosen is asked to confirm")
    );

    // Naming co-signers saves the report and leads to its page.
    let r = member
        .post(
            "/en/monitoring/reports/new",
            &[
                ("numbers", "131.4"),
                ("lang", "en"),
                ("title", "Follow-up of 131.4"),
                ("org", "astra"),
                ("org", "atina"),
                ("format", "odt"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.location();
    let id = to
        .strip_prefix("/en/monitoring/reports/")
        .expect("the report's page")
        .to_owned();
    assert_eq!(app.audit_count("monitoring.report_saved").await, 1);
    let page = member.get(&to).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Follow-up of 131.4"));
    assert_eq!(page.body.matches("class=\"cosigner-pending\"").count(), 2);
    assert!(
        page.body
            .contains(&format!("/en/monitoring/reports/{id}/download/odt"))
    );

    // Nobody confirmed: neither is named.
    for paras in documents(&member, &id).await {
        assert!(holds(&paras, NO_COSIGNERS), "{paras:?}");
        assert!(!holds(&paras, "ASTRA"), "{paras:?}");
        assert!(!holds(&paras, "Atina"), "{paras:?}");
    }
    // The stateless address cannot name co-signers either.
    let r = member
        .get("/api/monitoring/report.odt?numbers=131.4&org=astra")
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "mxt_err_cosign_unsaved");
    let r = member
        .get("/en/monitoring/reports/report.odt?numbers=131.4&org=astra")
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Co-signing organisations must confirm first")
    );

    // Who may not answer for ASTRA: its member, another organisation's admin, a platform
    // admin; an organisation that was not asked: 404.
    let confirm_astra = format!("/en/monitoring/reports/{id}/cosigners/astra/confirm");
    let list = member.get("/en/monitoring/reports/cosign").await;
    assert_eq!(list.status, 200);
    assert!(
        list.body
            .contains("No report asks an organisation you administer")
    );
    assert_eq!(member.post(&confirm_astra, &[]).await.status, 403);
    let zmina = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(zmina.post(&confirm_astra, &[]).await.status, 403);
    assert_eq!(
        zmina
            .post(
                &format!("/en/monitoring/reports/{id}/cosigners/zmina/confirm"),
                &[]
            )
            .await
            .status,
        404
    );
    let admin = app.signed_in_in_process(ADMIN).await;
    assert_eq!(admin.post(&confirm_astra, &[]).await.status, 403);
    assert_eq!(app.audit_count("monitoring.cosign_confirmed").await, 0);

    // ASTRA's admin sees the request and confirms.
    let astra_admin = app.signed_in_in_process(ASTRA_ADMIN).await;
    let list = astra_admin.get("/en/monitoring/reports/cosign").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Follow-up of 131.4"));
    assert!(list.body.contains(&confirm_astra));
    let r = astra_admin.post(&confirm_astra, &[]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/en/monitoring/reports/cosign?done=confirmed");
    let list = astra_admin.get(&r.location()).await;
    assert!(list.body.contains("signature is confirmed"));
    assert!(!list.body.contains(&confirm_astra), "answered: no button");
    assert_eq!(app.audit_count("monitoring.cosign_confirmed").await, 1);

    // Twice: refused, nothing changed; declining after confirming neither.
    let again = astra_admin.post(&confirm_astra, &[]).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already answered"));
    let decline_astra = format!("/en/monitoring/reports/{id}/cosigners/astra/decline");
    assert_eq!(astra_admin.post(&decline_astra, &[]).await.status, 409);
    assert_eq!(app.audit_count("monitoring.cosign_confirmed").await, 1);
    assert_eq!(app.audit_count("monitoring.cosign_declined").await, 0);

    // ASTRA is named; Atina, still pending, is not — but is shown pending on the page.
    for paras in documents(&member, &id).await {
        assert!(holds(&paras, ASTRA_NAME), "{paras:?}");
        assert!(!holds(&paras, NO_COSIGNERS));
        assert!(!holds(&paras, "Atina"), "{paras:?}");
    }
    let page = member.get(&to).await;
    assert_eq!(page.body.matches("class=\"cosigner-pending\"").count(), 1);
    assert!(page.body.contains("class=\"cosigner-confirmed\""));

    // Atina declines: still not named; the page says so.
    let atina = app.signed_in_in_process(ATINA_ADMIN).await;
    let r = atina
        .post(
            &format!("/en/monitoring/reports/{id}/cosigners/atina/decline"),
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(app.audit_count("monitoring.cosign_declined").await, 1);
    for paras in documents(&member, &id).await {
        assert!(holds(&paras, ASTRA_NAME));
        assert!(!holds(&paras, "Atina"));
    }
    let page = member.get(&to).await;
    assert!(!page.body.contains("class=\"cosigner-pending\""));
    assert!(page.body.contains("class=\"cosigner-declined\""));
    // An outsider may not read the saved report.
    assert_eq!(zmina.get(&to).await.status, 403);
    assert_eq!(
        member
            .get("/en/monitoring/reports/no-such-report")
            .await
            .status,
        404
    );
}

/// A report without co-signers is not saved: the linkable download, as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_without_cosigners_is_not_saved() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = member
        .post(
            "/en/monitoring/reports/new",
            &[("numbers", "131.4"), ("lang", "en"), ("format", "docx")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(
        r.location()
            .starts_with("/en/monitoring/reports/report.docx?numbers=131.4"),
        "{}",
        r.location()
    );
    assert_eq!(app.audit_count("monitoring.report_saved").await, 0);
    // A bad choice with co-signers: the form again, nothing saved.
    let r = member
        .post(
            "/en/monitoring/reports/new",
            &[("numbers", "999.9"), ("org", "astra"), ("format", "odt")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(app.audit_count("monitoring.report_saved").await, 0);
    let astra = org_id(&app, "astra").await;
    assert!(
        cosigners::requests_to(&app.db, &[astra], 10)
            .await
            .expect("requests")
            .is_empty()
    );
}
