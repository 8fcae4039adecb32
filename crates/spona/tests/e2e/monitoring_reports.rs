//! Shadow reports (issue 21 item 5): chosen recommendations with the state's status and the
//! participating organisations' current assessments and evidence, as ODT and DOCX read back
//! by independent readers (odfpy, python-docx: `tests/monitoring/read_report.py`), the zip
//! checked by `unzip -t`; Cyrillic survives; the form leads by a redirect to a linkable
//! download; an empty or unmatched selection is a clear 422; only platform admins and
//! members of participating organisations make reports. Assessments are written with plain
//! SQL here (the implementation lane writes the store's own functions).

use serde_json::Value;
use spona_domain::monitoring::{Mechanism, NewRecommendation, Response};
use spona_store::Db;

use crate::harness::*;

/// A recommendation of Serbia's UPR (`cycle`, `symbol`) with its texts.
pub(crate) fn upr(
    cycle: &str,
    symbol: &str,
    paragraph: &str,
    texts: &[(&str, &str)],
) -> NewRecommendation {
    NewRecommendation {
        mechanism: Mechanism::Upr,
        body: Some("Human Rights Council".into()),
        cycle: cycle.into(),
        symbol: symbol.into(),
        paragraph: paragraph.into(),
        country: "RS".into(),
        published_on: None,
        response: Some(Response::Supported),
        text_lang: "en".into(),
        texts: texts
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect(),
        states: vec!["NO".into(), "UA".into()],
        terms: Vec::new(),
    }
}

async fn org_id(db: &Db, slug: &str) -> String {
    spona_store::orgs::get_by_slug(db, slug)
        .await
        .expect("org")
        .id
        .to_string()
}

/// An assessment row as the implementation lane's store will write it.
#[allow(clippy::too_many_arguments)]
async fn assess(
    db: &Db,
    id: &str,
    rec: &str,
    org: Option<&str>,
    status: &str,
    comment: &str,
    superseded: bool,
) {
    let superseded_at: Option<i64> = superseded.then_some(1);
    spona_store::on_db!(db, p => sqlx::query(
        "INSERT INTO assessments (id, recommendation_id, org_id, status, assessed_on, comment, \
         comment_lang, created_at, superseded_at) VALUES ($1, $2, $3, $4, '2026-03-01', $5, 'sr', 0, $6)")
        .bind(id).bind(rec).bind(org).bind(status).bind(comment).bind(superseded_at)
        .execute(p).await.map(|r| r.rows_affected()))
    .expect("assessment");
}

async fn evidence(db: &Db, assessment: &str, position: i64, kind: &str, target: &str, label: &str) {
    spona_store::on_db!(db, p => sqlx::query(
        "INSERT INTO assessment_evidence (assessment_id, position, kind, target, label) \
         VALUES ($1, $2, $3, $4, $5)")
        .bind(assessment).bind(position).bind(kind).bind(target).bind(label)
        .execute(p).await.map(|r| r.rows_affected()))
    .expect("evidence");
}

/// Three recommendations of Serbia's UPR (131.4 with a Serbian text, 131.12 in English only,
/// one of the 3rd cycle); ASTRA and Atina take part, ZMINA does not. 131.4 has the state's
/// status, ASTRA's current assessment (its earlier one superseded) with two links, Atina's,
/// and ZMINA's (not shown: not a participant).
async fn seed(app: &TestApp) -> (String, String) {
    let db = &app.db;
    let mut tx = db.begin().await.expect("tx");
    let r4 = spona_store::monitoring::recommendations::insert_in(
        &mut tx,
        &upr(
            "2",
            "A/HRC/23/15",
            "131.4",
            &[
                (
                    "en",
                    "Establish a national mechanism for reporting and follow-up of recommendations",
                ),
                (
                    "sr",
                    "Успоставити национални механизам за извештавање и праћење препорука",
                ),
            ],
        ),
    )
    .await
    .expect("131.4");
    let r12 = spona_store::monitoring::recommendations::insert_in(
        &mut tx,
        &upr(
            "2",
            "A/HRC/23/15",
            "131.12",
            &[("en", "Strengthen the protection of victims of trafficking")],
        ),
    )
    .await
    .expect("131.12");
    spona_store::monitoring::recommendations::insert_in(
        &mut tx,
        &upr(
            "3",
            "A/HRC/38/17",
            "133.1",
            &[("en", "Third cycle, not chosen")],
        ),
    )
    .await
    .expect("133.1");
    let astra = org_id(db, "astra").await;
    let atina = org_id(db, "atina").await;
    let zmina = org_id(db, "zmina").await;
    for org in [&astra, &atina] {
        spona_store::monitoring::participants::add_in(&mut tx, org, None)
            .await
            .expect("participant");
    }
    tx.commit().await.expect("commit");
    let (r4, r12) = (r4.to_string(), r12.to_string());
    assess(
        db,
        "a-state",
        &r4,
        None,
        "partially",
        "Савет је основан 2014.",
        false,
    )
    .await;
    assess(
        db,
        "a-astra-old",
        &r4,
        Some(&astra),
        "implemented",
        "Superseded view",
        true,
    )
    .await;
    assess(
        db,
        "a-astra",
        &r4,
        Some(&astra),
        "not-started",
        "Савет се није састао од 2022.\nНема јавних записника.",
        false,
    )
    .await;
    assess(db, "a-atina", &r4, Some(&atina), "partially", "", false).await;
    assess(
        db,
        "a-zmina",
        &r4,
        Some(&zmina),
        "implemented",
        "Not a participant",
        false,
    )
    .await;
    evidence(
        db,
        "a-astra",
        1,
        "link",
        "https://www.ljudskaprava.gov.rs/sh/node/19894",
        "Савет за праћење препорука",
    )
    .await;
    evidence(
        db,
        "a-astra",
        2,
        "link",
        "javascript:alert(1)",
        "Typed badly",
    )
    .await;
    (r4, r12)
}

/// What the independent reader found in the report.
pub(crate) fn read(kind: &str, bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join(format!("report.{kind}"));
    std::fs::write(&file, bytes).expect("write");
    let unzip = std::process::Command::new("unzip")
        .arg("-t")
        .arg(&file)
        .output()
        .expect("unzip");
    assert!(
        unzip.status.success(),
        "unzip -t: {}",
        String::from_utf8_lossy(&unzip.stdout)
    );
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/monitoring/read_report.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(&file)
        .output()
        .expect("python3 (tests/monitoring/requirements.txt)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

pub(crate) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

pub(crate) fn holds(list: &[String], needle: &str) -> bool {
    list.iter().any(|p| p.contains(needle))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_are_read_by_independent_readers_in_cyrillic_and_english() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;

    let (status, odt, headers) = member
        .bytes("/api/monitoring/report.odt?mechanism=upr&cycle=2&country=RS&lang=sr-Cyrl")
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&odt));
    assert_eq!(
        headers["content-type"],
        "application/vnd.oasis.opendocument.text"
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains(".odt")
    );
    let doc = read("odt", &odt);
    assert_eq!(doc["parts"][0], "mimetype");
    assert_eq!(doc["first_stored"], true, "mimetype stored");
    assert_eq!(doc["first_extra"], 0);
    assert_eq!(doc["mimetype"], "application/vnd.oasis.opendocument.text");
    assert_eq!(doc["title"], "Извештај из сенке о спровођењу препорука");
    let headings = strings(&doc["headings"]);
    let at = |h: &str| {
        headings
            .iter()
            .position(|x| x.starts_with(h))
            .unwrap_or_else(|| panic!("{h} in {headings:?}"))
    };
    assert!(at("131.4 · Универзални периодични преглед, циклус 2") < at("131.12 · "));
    assert!(!holds(&headings, "133.1"), "the 3rd cycle is not chosen");
    let paras = strings(&doc["paragraphs"]);
    assert!(holds(
        &paras,
        "Успоставити национални механизам за извештавање и праћење препорука"
    ));
    assert!(
        holds(&paras, "Државе које су дале препоруку: Norway")
            || holds(&paras, "Државе које су дале препоруку: NO")
    );
    // 131.12 has no Serbian text: the original, marked.
    assert!(holds(
        &paras,
        "Strengthen the protection of victims of trafficking"
    ));
    assert!(holds(&paras, "Изворни текст"));
    // The state's status and the participants' current assessments; no superseded one, no
    // outsider's.
    assert!(holds(&paras, "делимично спроведено"));
    assert!(holds(&paras, "Савет се није састао од 2022."));
    assert!(holds(&paras, "Нема јавних записника."));
    assert!(!holds(&paras, "Superseded view"));
    assert!(!holds(&paras, "Not a participant"));
    assert!(holds(&paras, "разликује се од статуса према држави"));
    // The participants' names (co-signers are named only once they confirm:
    // `monitoring_cosign.rs`), and the evidence as a hyperlink (the `javascript:` one as text).
    assert!(holds(&paras, "ASTRA"), "{paras:?}");
    assert!(holds(&paras, "Atina") || holds(&paras, "Атина"));
    assert_eq!(
        doc["links"],
        serde_json::json!([[
            "Савет за праћење препорука",
            "https://www.ljudskaprava.gov.rs/sh/node/19894"
        ]])
    );
    assert!(holds(&paras, "Typed badly"));

    let (status, docx, headers) = member
        .bytes(
            "/api/monitoring/report.docx?numbers=131.4&lang=en&title=Serbia%3A%20shadow%20report",
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&docx));
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let doc = read("docx", &docx);
    assert_eq!(doc["title"], "Serbia: shadow report");
    let headings = strings(&doc["headings"]);
    assert_eq!(headings[0], "Serbia: shadow report");
    assert!(holds(
        &headings,
        "131.4 · Universal Periodic Review, cycle 2"
    ));
    assert!(!holds(&headings, "131.12"));
    let paras = strings(&doc["paragraphs"]);
    assert!(holds(
        &paras,
        "Establish a national mechanism for reporting and follow-up of recommendations"
    ));
    assert!(holds(&paras, "Document: A/HRC/23/15"));
    assert!(holds(&paras, "Response of the state: supported"));
    assert!(
        holds(&paras, "Савет се није састао од 2022."),
        "comments as written"
    );
    assert!(holds(&paras, "ASTRA"));
    assert_eq!(
        doc["links"],
        serde_json::json!([[
            "Савет за праћење препорука",
            "https://www.ljudskaprava.gov.rs/sh/node/19894"
        ]])
    );
    assert_eq!(app.audit_count("monitoring.report").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_redirects_to_a_linkable_download() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let form = member.get("/en/monitoring/reports/new").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("name=\"org\" value=\"astra\">"),
        "offered, not ticked"
    );
    assert!(!form.body.contains("value=\"zmina\""), "not a participant");
    assert!(form.body.contains("<option value=\"RS\">"));

    let r = member
        .post(
            "/en/monitoring/reports/new",
            &[
                ("numbers", "131.4, 131.12"),
                ("lang", "uk"),
                ("title", ""),
                ("format", "docx"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.location();
    assert!(
        to.starts_with("/en/monitoring/reports/report.docx?numbers=131.4%2C+131.12&lang=uk"),
        "{to}"
    );
    let (status, docx, _) = member.bytes(&to).await;
    assert_eq!(status, 200);
    let doc = read("docx", &docx);
    assert_eq!(doc["title"], "Тіньовий звіт про виконання рекомендацій");
    assert!(holds(
        &strings(&doc["headings"]),
        "131.12 · Універсальний періодичний огляд"
    ));

    // Nothing chosen; a co-signer that does not take part: the form again, with messages.
    let r = member
        .post(
            "/en/monitoring/reports/new",
            &[("lang", "en"), ("org", "zmina"), ("format", "odt")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Choose which recommendations the report covers")
    );
    assert!(
        r.body
            .contains("Co-signing organisations must be organisations that take part")
    );
    // The download's address with a choice that matches nothing: the form, 422.
    let r = member
        .get("/en/monitoring/reports/report.odt?numbers=999.9")
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("No recommendation matches these choices."));
    assert!(r.body.contains("value=\"999.9\""), "the choice kept");
    assert_eq!(app.audit_count("monitoring.report").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_clear() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let r = member.get("/api/monitoring/report.odt").await;
    assert_eq!(r.status, 404, "nothing chosen: no report at this address");
    assert_eq!(r.json()["error"], "mon_rep_err_empty");
    assert!(
        r.json()["message"]
            .as_str()
            .expect("message")
            .starts_with("Choose which recommendations")
    );
    let r = member
        .get("/api/monitoring/report.docx?mechanism=cedaw")
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "mon_rep_err_mechanism");
    let r = member
        .get("/api/monitoring/report.odt?numbers=131.4&lang=de")
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "mon_rep_err_lang");
    // Someone outside the participating organisations; nobody signed in.
    let outsider = app.signed_in_in_process(ZMINA_ADMIN).await;
    assert_eq!(
        outsider
            .get("/api/monitoring/report.odt?numbers=131.4")
            .await
            .status,
        403
    );
    assert_eq!(outsider.get("/en/monitoring/reports/new").await.status, 403);
    let anon = app.client_in_process();
    assert_eq!(
        anon.get("/api/monitoring/report.odt?numbers=131.4")
            .await
            .status,
        401
    );
    // A platform admin makes reports without taking part.
    let admin = app.signed_in_in_process(ADMIN).await;
    let (status, _, _) = admin
        .bytes("/api/monitoring/report.odt?numbers=131.4")
        .await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pdf_is_offered_only_with_a_converter() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    let form = member.get("/en/monitoring/reports/new").await;
    if spona_app::monitoring::reports::pdf::converter().is_none() {
        assert!(!form.body.contains("value=\"pdf\""));
        assert!(form.body.contains("PDF is not offered"));
        let r = member.get("/api/monitoring/report.pdf?numbers=131.4").await;
        assert_eq!(r.status, 503);
        return;
    }
    assert!(form.body.contains("name=\"format\" value=\"pdf\""));
    let (status, pdf, headers) = member
        .bytes("/api/monitoring/report.pdf?numbers=131.4&lang=sr-Cyrl")
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&pdf));
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(pdf.starts_with(b"%PDF"));
    // To look at one: `MONREPORT_SAMPLE=/tmp/report.pdf cargo test … pdf_is_offered`.
    if let Some(path) = std::env::var_os("MONREPORT_SAMPLE") {
        std::fs::write(path, &pdf).expect("sample");
    }
}

/// A report reads what it shows in a fixed number of statements, whatever the number of
/// recommendations, assessments and evidence.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_runs_as_many_statements_for_one_recommendation_as_for_three() {
    let app = TestApp::start().await;
    seed(&app).await;
    let member = app.signed_in_in_process(ASTRA_MEMBER).await;
    // The first request warms what a session loads once.
    member
        .bytes("/api/monitoring/report.odt?numbers=131.12")
        .await;
    let ((one, _, _), few) = crate::harness::queries::statements(
        member.bytes("/api/monitoring/report.odt?numbers=131.12"),
    )
    .await;
    let ((all, _, _), many) = crate::harness::queries::statements(
        member.bytes("/api/monitoring/report.odt?numbers=131.4+131.12+133.1"),
    )
    .await;
    assert_eq!((one, all), (200, 200));
    assert_eq!(few.len(), many.len(), "{few:#?}\n{many:#?}");
}
