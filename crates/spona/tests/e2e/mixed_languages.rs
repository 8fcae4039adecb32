//! Issue 13 item 10: one language per page. Organisations are named in the reader's
//! language wherever they appear (with the directory's fallback), and the custody log's
//! actions are translated while reasons stay as written.

use crate::harness::*;

const ASTRA_EN: &str = "ASTRA – Anti Trafficking Action";
const ASTRA_SR: &str = "АСТРА – Акција против трговине људима";
const ZMINA_EN: &str = "ZMINA Human Rights Centre";
const ZMINA_UK: &str = "Центр прав людини ZMINA";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_are_named_in_the_readers_language_outside_the_directory() {
    let app = TestApp::start().await;
    let astra = app.signed_in(ASTRA_ADMIN).await;
    // Navigation ("people of my organisation"), the home page and the people page.
    for path in ["/", "/orgs/astra/people"] {
        let sr = astra.get(&format!("/sr-Cyrl{path}")).await.body;
        assert!(sr.contains(ASTRA_SR), "sr-Cyrl {path}: {sr}");
        assert!(!sr.contains(ASTRA_EN), "sr-Cyrl {path}: no English name");
        let latn = astra.get(&format!("/sr-Latn{path}")).await.body;
        assert!(
            latn.contains("ASTRA – Akcija protiv trgovine ljudima"),
            "sr-Latn {path}: the Cyrillic name in Latin"
        );
        // No variant in Ukrainian: English, as the directory falls back.
        let uk = astra.get(&format!("/uk{path}")).await.body;
        assert!(uk.contains(ASTRA_EN), "uk {path}: the English name");
    }

    // A round's participants as its coordinator reads them.
    let round = spona_store::matching::rounds(&app.db).await.expect("db")[0]
        .id
        .clone();
    for (who, org, offers) in [
        (ASTRA_ADMIN, "astra", "hotline-operation"),
        (ZMINA_ADMIN, "zmina", "evidence-preservation"),
    ] {
        let r = app
            .signed_in(who)
            .await
            .post(
                &format!("/en/matching/{round}/opt-in"),
                &[
                    ("org", org),
                    ("offers", offers),
                    ("languages", "en"),
                    ("capacity", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{org}: {}", r.body);
    }
    let admin = app.signed_in(ADMIN).await;
    let uk = admin.get(&format!("/uk/matching/{round}")).await.body;
    assert!(
        uk.contains(ZMINA_UK) && !uk.contains(ZMINA_EN),
        "uk participants: {uk}"
    );
    let sr = admin.get(&format!("/sr-Cyrl/matching/{round}")).await.body;
    assert!(
        sr.contains(ASTRA_SR) && sr.contains(ZMINA_EN),
        "sr-Cyrl participants"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custody_actions_are_in_the_readers_language_and_reasons_as_written() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;
    let log = lead.get(&format!("/uk/vault/cases/{case}/custody")).await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains(">Записано</td>"), "{}", log.body);
    assert!(log.body.contains(">Доступ надано</td>"), "{}", log.body);
    for code in ["create", "grant", "view"] {
        assert!(
            !log.body.contains(&format!(">{code}</td>")),
            "{code} untranslated"
        );
    }
    // The reason a person gave stays as written.
    assert!(log.body.contains("case opened"), "{}", log.body);
    let sr = lead
        .get(&format!("/sr-Cyrl/vault/cases/{case}/custody"))
        .await
        .body;
    assert!(sr.contains(">Забележено</td>"), "{sr}");
}

const TITLE_EN: &str = "Kosovo and Serbia: shelters";
const TITLE_UK: &str = "Косово та Сербія: притулки";
const TITLE_SR: &str = "Косово и Србија: склоништа";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_has_a_title_per_language() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let before = spona_store::matching::rounds(&app.db)
        .await
        .expect("db")
        .len();
    let form = |uk_lang: &'static str, uk: &'static str| {
        vec![
            ("title", TITLE_EN),
            ("title_lang", "en"),
            ("title_text", ""),
            ("title_lang", "sr-Cyrl"),
            ("title_text", TITLE_SR),
            ("title_lang", uk_lang),
            ("title_text", uk),
            ("programme", "buddy"),
            ("side_a", "XK"),
            ("side_b", "RS"),
            ("deadline", "2099-06-30"),
            ("network", ""),
        ]
    };
    // A title in an unknown language or too short is refused, and nothing is opened.
    for (lang, title) in [("xx", TITLE_UK), ("uk", "ab")] {
        let bad = admin.post("/en/matching/new", &form(lang, title)).await;
        assert_eq!(bad.status, 422, "{lang} {title}");
        assert!(
            bad.body.contains("id=\"titles-error\""),
            "the error is shown at the titles"
        );
        assert!(
            bad.body.contains("<details id=\"titles\" open>"),
            "the titles stay open"
        );
        assert!(bad.body.contains(TITLE_SR), "what was typed is kept");
    }
    let now = spona_store::matching::rounds(&app.db)
        .await
        .expect("db")
        .len();
    assert_eq!(now, before, "nothing opened");

    let r = admin.post("/en/matching/new", &form("uk", TITLE_UK)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    let page = |loc: &str| format!("/{loc}/matching/{id}");
    let uk = admin.get(&page("uk")).await.body;
    assert!(uk.contains(&format!("<h1>{TITLE_UK}</h1>")), "uk page");
    let cyrl = admin.get(&page("sr-Cyrl")).await.body;
    assert!(
        cyrl.contains(&format!("<h1>{TITLE_SR}</h1>")),
        "sr-Cyrl page"
    );
    let latn = admin.get(&page("sr-Latn")).await.body;
    assert!(
        latn.contains("<h1>Kosovo i Srbija: skloništa</h1>"),
        "sr-Latn: the Cyrillic title in Latin"
    );
    let en = admin.get(&page("en")).await.body;
    assert!(
        en.contains(&format!("<h1>{TITLE_EN}</h1>")),
        "en: the title as written"
    );
    assert!(
        admin.get("/uk/matching").await.body.contains(TITLE_UK),
        "the list in Ukrainian"
    );

    let api = admin
        .get(&format!("/uk/api/v1/matching/rounds/{id}"))
        .await
        .body;
    let json: serde_json::Value = serde_json::from_str(&api).expect("json");
    assert_eq!(json["title"], TITLE_UK);
    assert_eq!(json["titles"]["sr-Cyrl"], TITLE_SR);
    assert!(
        json["titles"].get("en").is_none(),
        "an empty title is no title"
    );
}

/// A notice mail names the round in each of its languages: ZMINA works in Ukrainian and
/// English, so its admin's mail holds the Ukrainian title and the title as written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notice_mails_name_the_round_in_each_language() {
    let app = TestApp::start().await;
    let admin = app.signed_in(ADMIN).await;
    let r = admin
        .post(
            "/en/matching/new",
            &[
                ("title", TITLE_EN),
                ("title_lang", "uk"),
                ("title_text", TITLE_UK),
                ("programme", "peer_exchange"),
                ("side_a", "UA"),
                ("side_b", "RS"),
                ("deadline", "2099-06-30"),
                ("network", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r.location().rsplit('/').next().expect("id").to_owned();
    for (who, org, offers, needs) in [
        (
            ASTRA_ADMIN,
            "astra",
            "hotline-operation",
            "evidence-preservation",
        ),
        (
            ZMINA_ADMIN,
            "zmina",
            "evidence-preservation",
            "hotline-operation",
        ),
    ] {
        let r = app
            .signed_in(who)
            .await
            .post(
                &format!("/en/matching/{id}/opt-in"),
                &[
                    ("org", org),
                    ("offers", offers),
                    ("needs", needs),
                    ("languages", "en"),
                    ("capacity", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{org}: {}", r.body);
    }
    assert_eq!(
        admin
            .post(&format!("/en/matching/{id}/run"), &[])
            .await
            .status,
        303
    );
    let before = app.mail_count();
    assert_eq!(
        admin
            .post(&format!("/uk/matching/{id}/publish"), &[])
            .await
            .status,
        303
    );
    assert!(app.mail_count() > before, "the sides are told");
    let to_zmina = std::fs::read_dir(app.dir.path().join("outbox"))
        .expect("outbox")
        .filter_map(|e| std::fs::read_to_string(e.expect("entry").path()).ok())
        .find(|m| m.contains(&format!("To: {ZMINA_ADMIN}")))
        .expect("a mail to ZMINA's admin");
    assert!(to_zmina.contains(TITLE_UK), "in Ukrainian: {to_zmina}");
    assert!(
        to_zmina.contains(TITLE_EN),
        "in English, as written: {to_zmina}"
    );
    // The stored notice keeps the title as written, whatever the coordinator's language.
    let notices: Vec<(String,)> = match &app.db {
        spona_store::Db::Sqlite(p) => sqlx::query_as("SELECT subject FROM notifications")
            .fetch_all(p)
            .await
            .expect("db"),
        spona_store::Db::Postgres(p) => sqlx::query_as("SELECT subject FROM notifications")
            .fetch_all(p)
            .await
            .expect("db"),
    };
    assert!(notices.iter().all(|(s,)| s == TITLE_EN), "{notices:?}");
    // The home page names it in the reader's language.
    let zmina = app.signed_in(ZMINA_ADMIN).await;
    let home = zmina.get("/uk/").await.body;
    // Once in the notice, once in the proposals to answer.
    assert_eq!(
        home.matches(TITLE_UK).count(),
        2,
        "the notice in Ukrainian: {home}"
    );
    assert!(
        zmina.get("/en/").await.body.contains(TITLE_EN),
        "the notice in English"
    );
}
