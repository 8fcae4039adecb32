//! A group's name and description in several languages: given on the create form (one more
//! language) and on the group page (coordinators; an empty name removes one); each reader
//! sees their language, Serbian Latin readers the Cyrillic text transliterated, others
//! English, else the group's own; the list's search finds a group by any variant in either
//! script. Bad input (the group's own language again, an unknown language, an empty name on
//! the create form) is 422 with nothing stored; a member who does not coordinate gets 403.

use crate::harness::*;

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    match &app.db {
        spona_store::Db::Sqlite(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
        }
        spona_store::Db::Postgres(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
        }
    }
    .expect("count")
}

/// The `<h1>` of a page.
fn h1(body: &str) -> String {
    let start = body.find("<h1").expect("h1");
    let open = start + body[start..].find('>').expect(">") + 1;
    let end = open + body[open..].find("</h1>").expect("</h1>");
    body[open..end].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_is_named_in_several_languages_and_found_by_any() {
    let app = TestApp::start().await;
    let coordinator = app.signed_in_in_process(ASTRA_ADMIN).await;
    let form = coordinator.get("/en/groups/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("name=\"other_lang\""));
    let base = [
        ("name", "Peace dialogue circle"),
        ("description", "Safe dialogue across divided communities."),
        ("lang", "en"),
        ("join_policy", "open"),
        ("network", ""),
        ("theme", ""),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut f = base.to_vec();
        f.extend_from_slice(extra);
        f
    };
    let groups_before = count(&app, "working_groups").await;

    // Bad input: the same language again; an unknown language; a language with no name.
    for extra in [
        &[("other_lang", "en"), ("other_name", "Again")][..],
        &[("other_lang", "xx"), ("other_name", "Unknown")][..],
        &[("other_lang", "uk"), ("other_name", "  ")][..],
    ] {
        let r = coordinator.post("/en/groups/new", &with(extra)).await;
        assert_eq!(r.status, 422, "{extra:?}: {}", r.body);
    }
    assert_eq!(count(&app, "working_groups").await, groups_before);
    assert_eq!(count(&app, "group_names").await, 0);

    // Created with a Ukrainian variant.
    let f = with(&[
        ("other_lang", "uk"),
        ("other_name", "Коло мирного діалогу"),
        (
            "other_description",
            "Безпечний діалог у розділених громадах.",
        ),
    ]);
    let r = coordinator.post("/en/groups/new", &f).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = r.location();
    let id = page.rsplit('/').next().expect("id").to_owned();
    let reader = app.signed_in_in_process(ASTRA_MEMBER).await;
    let uk = reader.get(&format!("/uk/groups/{id}")).await;
    assert_eq!(
        h1(&uk.body),
        "Коло мирного діалогу",
        "the Ukrainian reader's"
    );
    assert!(uk.body.contains("<h1 lang=\"uk\">"));
    assert!(uk.body.contains("Безпечний діалог у розділених громадах."));
    // The API gives the text as first written and the variants.
    let api = reader.get(&format!("/api/v1/groups/{id}")).await.json();
    assert_eq!(api["group"]["name"], "Peace dialogue circle");
    assert_eq!(api["group"]["names"][0]["lang"], "uk");
    assert_eq!(api["group"]["names"][0]["name"], "Коло мирного діалогу");
    // No Serbian yet: Serbian readers get English.
    let sr = reader.get(&format!("/sr-Latn/groups/{id}")).await;
    assert_eq!(h1(&sr.body), "Peace dialogue circle");

    // A member who does not coordinate may not add a language.
    let fields = [
        ("variant_lang", "sr-Cyrl"),
        ("variant_name", "Круг мировног дијалога"),
        (
            "variant_description",
            "Безбедан дијалог у подељеним заједницама.",
        ),
    ];
    let r = reader.post(&format!("/en/groups/{id}/join"), &[]).await;
    assert_eq!(r.status, 303);
    let r = reader
        .post(&format!("/en/groups/{id}/names"), &fields)
        .await;
    assert_eq!(r.status, 403);
    // The coordinator's form on the group page: bad input first.
    let r = coordinator
        .post(
            &format!("/en/groups/{id}/names"),
            &[("variant_lang", "en"), ("variant_name", "Same language")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("already written in this language"),
        "{}",
        r.body
    );
    let r = coordinator
        .post(
            &format!("/en/groups/{id}/names"),
            &[("variant_lang", "zz"), ("variant_name", "Unknown")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(count(&app, "group_names").await, 1);
    let r = coordinator
        .post(&format!("/en/groups/{id}/names"), &fields)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("/en/groups/{id}#names-h"));

    // Serbian: Cyrillic as written, Latin by exact transliteration.
    let cyr = reader.get(&format!("/sr-Cyrl/groups/{id}")).await;
    assert_eq!(h1(&cyr.body), "Круг мировног дијалога");
    let lat = reader.get(&format!("/sr-Latn/groups/{id}")).await;
    assert_eq!(h1(&lat.body), "Krug mirovnog dijaloga");
    assert!(
        lat.body
            .contains("Bezbedan dijalog u podeljenim zajednicama.")
    );
    assert!(lat.body.contains("<h1 lang=\"sr-Latn\">"));
    // The list shows each reader theirs too.
    let list = reader.get("/uk/groups").await;
    assert!(list.body.contains("Коло мирного діалогу"));

    // Search by any variant, in either script.
    for (q, found) in [
        ("mirovnog dijaloga", true),
        ("мировног", true),
        ("мирного діалогу", true),
        ("peace circle", true),
        ("shelter", false),
    ] {
        let r = reader
            .get(&format!("/en/groups?q={}", urlencoding(q)))
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body.contains(&format!("/en/groups/{id}\"")), found, "{q}");
    }

    // An empty name removes a language.
    let r = coordinator
        .post(
            &format!("/en/groups/{id}/names"),
            &[("variant_lang", "uk"), ("variant_name", "")],
        )
        .await;
    assert_eq!(r.status, 303);
    let uk = reader.get(&format!("/uk/groups/{id}")).await;
    assert_eq!(h1(&uk.body), "Peace dialogue circle");
    assert_eq!(app.audit_count("group.name_set").await, 1);
    assert_eq!(app.audit_count("group.name_removed").await, 1);
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
