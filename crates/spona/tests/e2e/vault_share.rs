//! "Share with organisations" (issue 13 item 11): consent forms offer the directory's
//! organisations by name, in the reader's language where the directory has it, with nothing
//! ticked; what is stored is each organisation's slug (sealed); an organisation not in the
//! directory is refused; the API gives slug and name.

use crate::harness::*;

fn checkbox(body: &str, slug: &str) -> String {
    let at = body
        .find(&format!("name=\"share_with\" value=\"{slug}\""))
        .unwrap_or_else(|| panic!("no choice for {slug}: {body}"));
    let start = body[..at].rfind("<label").expect("label");
    let end = at + body[at..].find("</label>").expect("end");
    body[start..end].to_owned()
}

#[tokio::test]
async fn share_with_offers_organisations_by_name_and_stores_what_identifies_them() {
    let app = TestApp::start().await;
    let (case, _) = vault_fixture(&app).await;
    let lead = app.signed_in(ASTRA_ADMIN).await;

    // The Ukrainian form names ZMINA as the directory does in Ukrainian; nothing is ticked.
    let form = lead
        .get(&format!("/uk/vault/cases/{case}/testimonies/new"))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        checkbox(&form.body, "zmina").contains("Центр прав людини ZMINA"),
        "{}",
        checkbox(&form.body, "zmina")
    );
    assert!(checkbox(&form.body, "pvpt").contains("PVPT"));
    assert!(!form.body.contains(" checked"), "nothing ticked in advance");
    let en = lead.get(&format!("/en/vault/cases/{case}")).await;
    assert!(checkbox(&en.body, "zmina").contains("ZMINA Human Rights Centre"));
    assert!(!en.body.contains(" checked"));

    // Two organisations ticked: stored as their slugs; the API names them.
    let mut fields: Vec<(&str, &str)> = TESTIMONY.to_vec();
    fields.extend([("share_with", "zmina"), ("share_with", "pvpt")]);
    let r = lead
        .post(&format!("/en/vault/cases/{case}/testimonies/new"), &fields)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let item = r.location().rsplit('/').next().expect("id").to_owned();
    let consents = spona_store::vault::consents(&app.db, &case, app.vault())
        .await
        .expect("consents");
    let consent = consents
        .iter()
        .find(|c| c.item_id == item)
        .expect("consent");
    assert_eq!(consent.share_with, "zmina,pvpt");
    let api = lead
        .get(&format!("/api/v1/vault/cases/{case}"))
        .await
        .json();
    let listed = api["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == item.as_str())
        .expect("item")["consent"]["share_with"]
        .clone();
    assert_eq!(
        listed,
        serde_json::json!([
            {"slug": "zmina", "name": "ZMINA Human Rights Centre"},
            {"slug": "pvpt", "name": "PVPT"}
        ])
    );

    // The item page ticks what the person agreed to, and says it by name.
    let page = lead
        .get(&format!("/uk/vault/cases/{case}/items/{item}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(checkbox(&page.body, "zmina").contains(" checked"));
    assert!(checkbox(&page.body, "pvpt").contains(" checked"));
    assert!(!checkbox(&page.body, "astra").contains(" checked"));
    assert!(
        page.body.contains("Центр прав людини ZMINA, PVPT"),
        "{}",
        page.body
    );

    // An organisation the directory does not have is refused, and nothing changes.
    let r = lead
        .post(
            &format!("/en/vault/cases/{case}/items/{item}/consent"),
            &[("documentation", "on"), ("share_with", "no-such-org")],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("Choose an organisation from the list"),
        "{}",
        r.body
    );
    let after = spona_store::vault::consents(&app.db, &case, app.vault())
        .await
        .expect("consents");
    assert_eq!(
        after
            .iter()
            .find(|c| c.item_id == item)
            .expect("c")
            .share_with,
        "zmina,pvpt"
    );
}
