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
                &[("org", org), ("offers", offers), ("languages", "en"), ("capacity", "1")],
            )
            .await;
        assert_eq!(r.status, 303, "{org}: {}", r.body);
    }
    let admin = app.signed_in(ADMIN).await;
    let uk = admin.get(&format!("/uk/matching/{round}")).await.body;
    assert!(uk.contains(ZMINA_UK) && !uk.contains(ZMINA_EN), "uk participants: {uk}");
    let sr = admin.get(&format!("/sr-Cyrl/matching/{round}")).await.body;
    assert!(sr.contains(ASTRA_SR) && sr.contains(ZMINA_EN), "sr-Cyrl participants");
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
        assert!(!log.body.contains(&format!(">{code}</td>")), "{code} untranslated");
    }
    // The reason a person gave stays as written.
    assert!(log.body.contains("case opened"), "{}", log.body);
    let sr = lead.get(&format!("/sr-Cyrl/vault/cases/{case}/custody")).await.body;
    assert!(sr.contains(">Забележено</td>"), "{sr}");
}
