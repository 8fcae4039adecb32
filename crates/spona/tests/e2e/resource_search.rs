//! The hub's search end to end: across scripts, diacritics and inflections, facets with
//! counts, and visibility in results, totals and counts.

use serde_json::Value;

use super::resources::{create, ids, q, save, search};
use crate::harness::*;

/// A trilingual resource: Serbian in Cyrillic, English and Ukrainian.
async fn trilingual(c: &Client) -> String {
    let id = create(
        c,
        &[
            ("written", "sr-Cyrl"),
            ("title", "Заштита жртава трговине људима"),
            (
                "body",
                "Приручник за заштиту жртава у Новом Саду.\n\nЖртве имају право на помоћ и смештај, а жртвама се помаже без одлагања.",
            ),
            ("themes", "anti-trafficking"),
            ("countries", "RS"),
        ],
    )
    .await;
    let r = save(
        c,
        &id,
        &[
            ("written", "en"),
            ("title", "Protecting victims of trafficking"),
            (
                "body",
                "Every victim has the right to a shelter and to legal aid.",
            ),
            ("base_version", ""),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = save(
        c,
        &id,
        &[
            ("written", "uk"),
            ("title", "Захист жертв торгівлі людьми"),
            (
                "body",
                "Жертвам надається притулок. Біженцям допомагають юристи.",
            ),
            ("base_version", ""),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    id
}

#[tokio::test]
async fn search_crosses_scripts_diacritics_and_inflections() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let id = trilingual(&editor).await;
    let anon = app.client();
    let finds = [
        "zaštita žrtava",
        "zastita zrtava",
        "заштита жртава",
        "ZAŠTITA",
        "žrtvama",
        "zrtve",
        "\"trgovine ljudima\"",
        "victims",
        "victim",
        "жертви",
        "жертвам",
        "біженці",
        "Novom Sadu",
    ];
    for text in finds {
        let v = search(&anon, "en", &q(text)).await;
        assert!(
            ids(&v).contains(&id),
            "{text:?} should find the resource: {v}"
        );
    }
    for text in ["zzzqqqx", "\"ljudima trgovine\"", "hospital"] {
        let v = search(&anon, "en", &q(text)).await;
        assert!(!ids(&v).contains(&id), "{text:?} should not find it: {v}");
    }
    // Prefix matching while typing.
    let v = search(&anon, "en", &format!("{}&prefix=true", q("zašt"))).await;
    assert!(ids(&v).contains(&id));
    // Phrase words must be adjacent: the reversed phrase did not match above, the plain
    // words do.
    let v = search(&anon, "en", &q("ljudima trgovine")).await;
    assert!(ids(&v).contains(&id));

    // The variant shown is the reader's, whatever language the query was in.
    let ours = |v: &Value| -> Value {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|h| h["id"] == id.as_str())
            .cloned()
            .expect("our hit")
    };
    let hit = ours(&search(&anon, "uk", &q("victims")).await);
    assert_eq!(hit["lang"], "uk", "{hit}");
    assert!(
        hit["title_html"]
            .as_str()
            .expect("title")
            .contains("Захист")
    );
    let hit = ours(&search(&anon, "sr-Latn", &q("victims")).await);
    let title = hit["title_html"].as_str().expect("title");
    assert!(
        title.contains("Zaštita"),
        "Cyrillic shown in Latin: {title}"
    );
    let hit = ours(&search(&anon, "sr-Cyrl", &q("zastita")).await);
    assert!(
        hit["title_html"]
            .as_str()
            .expect("t")
            .contains("<mark>Заштита</mark>"),
        "highlighted: {hit}"
    );

    // The page: searching in Cyrillic and reading in Latin.
    let page = anon
        .get(&format!("/sr-Latn/resources?{}", q("жртава")))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("/sr-Latn/resources/{id}?lang=sr"))
    );
    let read = anon.get(&format!("/sr-Latn/resources/{id}?lang=sr")).await;
    assert!(
        read.body.contains("Zaštita žrtava trgovine ljudima"),
        "{}",
        read.body
    );
    let read = anon.get(&format!("/sr-Cyrl/resources/{id}")).await;
    assert!(read.body.contains("Заштита жртава трговине људима"));
    let read = anon.get(&format!("/uk/resources/{id}")).await;
    assert!(read.body.contains("Захист жертв торгівлі людьми"));
}

#[tokio::test]
async fn facets_count_what_matches_and_filter() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let a = create(
        &editor,
        &[
            ("kind", "case-study"),
            ("title", "Shelter case one"),
            ("body", "A Quillfeather shelter in Lviv."),
            ("themes", "gbv-protection"),
            ("countries", "UA"),
        ],
    )
    .await;
    let b = create(
        &editor,
        &[
            ("kind", "funding-guide"),
            ("title", "Shelter funding"),
            ("body", "Funding for a Quillfeather shelter."),
            ("themes", "gbv-protection"),
            ("countries", "RS"),
        ],
    )
    .await;
    let anon = app.client();
    let v = search(&anon, "en", &q("Quillfeather")).await;
    assert_eq!(v["total"], 2, "{v}");
    let kinds = v["facets"]["kind"].as_array().expect("kind facet");
    let count = |facet: &[Value], value: &str| {
        facet
            .iter()
            .find(|c| c["value"] == value)
            .map(|c| c["count"].as_u64().expect("count"))
            .unwrap_or(0)
    };
    assert_eq!(count(kinds, "case-study"), 1);
    assert_eq!(count(kinds, "funding-guide"), 1);
    let themes = v["facets"]["theme"].as_array().expect("theme facet");
    assert_eq!(count(themes, "gbv-protection"), 2);
    let v = search(
        &anon,
        "en",
        &format!("{}&kind=case-study", q("Quillfeather")),
    )
    .await;
    assert_eq!(ids(&v), vec![a.clone()]);
    let v = search(
        &anon,
        "en",
        &format!("{}&country=RS&country=UA", q("Quillfeather")),
    )
    .await;
    assert_eq!(v["total"], 2);
    let v = search(&anon, "en", &format!("{}&lang=uk", q("Quillfeather"))).await;
    assert_eq!(v["total"], 0);
    assert!(!ids(&v).contains(&b));
    // The page shows the same counts as checkboxes.
    let page = anon
        .get(&format!("/en/resources?{}", q("Quillfeather")))
        .await;
    assert!(page.body.contains("value=\"case-study\""), "{}", page.body);
    assert!(page.body.contains("(1)"));
}

#[tokio::test]
async fn visibility_holds_in_results_counts_and_pages() {
    let app = TestApp::start().await;
    let editor = app.signed_in(ASTRA_ADMIN).await;
    let secret = create(
        &editor,
        &[
            ("visibility", "members"),
            ("title", "Night shift Kryptonitewort"),
            ("body", "Only members read Kryptonitewort."),
            ("themes", "youth"),
        ],
    )
    .await;
    let anon = app.client();
    let v = search(&anon, "en", &q("Kryptonitewort")).await;
    assert_eq!(v["total"], 0, "{v}");
    for facet in ["kind", "theme", "language", "country"] {
        assert!(
            v["facets"][facet]
                .as_array()
                .expect("facet")
                .iter()
                .all(|c| c["count"] == 0),
            "{facet} leaks: {v}"
        );
    }
    let browse_anon = search(&anon, "en", "").await;
    assert!(!ids(&browse_anon).contains(&secret));
    let youth = browse_anon["facets"]["theme"]
        .as_array()
        .expect("themes")
        .iter()
        .any(|c| c["value"] == "youth");
    assert!(!youth, "a members-only theme shows in the anonymous count");
    let page = anon
        .get(&format!("/en/resources?{}", q("Kryptonitewort")))
        .await;
    assert!(!page.body.contains("Night shift"));
    assert_eq!(
        anon.get(&format!("/en/resources/{secret}")).await.status,
        404
    );
    assert_eq!(
        anon.get(&format!("/en/api/v1/resources/{secret}"))
            .await
            .status,
        404
    );

    // Every signed-in member may read a members-only resource.
    let other = app.signed_in(ZMINA_ADMIN).await;
    let v = search(&other, "en", &q("Kryptonitewort")).await;
    assert_eq!(ids(&v), vec![secret.clone()]);

    // A network-only resource: the network's members and admins only.
    let bridge = search(
        &app.signed_in(ATINA_ADMIN).await,
        "en",
        &q("BRIDGE safe house rules"),
    )
    .await;
    assert_eq!(bridge["total"], 1, "{bridge}");
    let admin = search(
        &app.signed_in(ADMIN).await,
        "en",
        &q("BRIDGE safe house rules"),
    )
    .await;
    assert_eq!(admin["total"], 1);
    for who in [&anon, &other, &editor] {
        let v = search(who, "en", &q("BRIDGE safe house rules")).await;
        assert_eq!(v["total"], 0, "{v}");
    }
}
